"""Single domain devices against a libvirt schema set, which has no schema of their own.

libvirt checks a lone ``<disk>``, ``<interface>``... (as ``virsh
attach-device`` takes them) with a schema of its test suite,
``tests/schemas/device.rng``, which no libvirt installs: its start is any
element of a domain's ``<devices>``, its definitions the domain schema's.
For a schema set of libvirt's, domxml makes that grammar from the set's own
domain schema: the elements of the set's ``<devices>`` (less
``<emulator>``) at the start, with the two allowances of libvirt's test
schema (a disk may have no ``<target>``, or an empty one; a storage source
may hold the ``<privateData>`` of libvirt's status XML, here with any
content). So a device is checked with the definitions of the libvirt
release the set is, at its own lines, and gets the verdict libvirt's tests
give it. domxml's own grammars have a ``device.rng`` of their own.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

__all__ = ["DEVICE_SCHEMA", "compile_device_grammar", "device_grammar", "device_roots"]

#: The file name of a set's single-device schema (domxml's own grammars have it).
DEVICE_SCHEMA = "device.rng"

_RNG = "http://relaxng.org/ns/structure/1.0"
_DATATYPES = "http://www.w3.org/2001/XMLSchema-datatypes"
#: What a set's domain schema is included from: its overrides (libvirt 8.x
#: on, what domain.rng includes), else the common definitions.
_BASES = ("domainoverrides.rng", "domaincommon.rng")


def device_roots(schemas: Path) -> list[str]:
    """The definitions of the devices in the set's ``<devices>``, less ``emulator``."""
    common = schemas / "domaincommon.rng"
    if not common.is_file():
        return []
    try:
        tree = etree.parse(str(common), etree.XMLParser(resolve_entities=False, no_network=True))
    except (OSError, etree.XMLSyntaxError):
        return []
    found: list[str] = []
    for define in tree.iterfind(f"{{{_RNG}}}define[@name='devices']"):
        for ref in define.iter(f"{{{_RNG}}}ref"):
            name = ref.get("name", "")
            if name and name != "emulator" and name not in found:
                found.append(name)
    return found


def device_grammar(schemas: Path) -> str | None:
    """The single-device grammar over the set in ``schemas``; ``None`` if it has no domain schema.

    Its includes are relative: read it as the text of ``schemas/device.rng``
    (:func:`compile_device_grammar`), a file that need not exist.
    """
    base = next((name for name in _BASES if (schemas / name).is_file()), None)
    roots = device_roots(schemas)
    if base is None or not roots:
        return None
    refs = "".join(f'<ref name="{name}"/>' for name in roots)
    text = f"""<grammar xmlns="{_RNG}" datatypeLibrary="{_DATATYPES}">
  <include href="{base}"/>
  <start><choice>{refs}</choice></start>
  <define name="diskTarget" combine="choice">
    <optional><element name="target"><empty/></element></optional>
  </define>
  <define name="privateDataStorageSource" combine="choice">
    <optional><element name="privateData"><ref name="domxml.any"/></element></optional>
  </define>
  <define name="domxml.any">
    <zeroOrMore><choice>
      <attribute><anyName/></attribute>
      <text/>
      <element><anyName/><ref name="domxml.any"/></element>
    </choice></zeroOrMore>
  </define>
</grammar>
"""
    return text


def compile_device_grammar(schemas: Path) -> etree.RelaxNG | None:
    """:func:`device_grammar`, compiled by libxml2; ``None`` where there is none."""
    text = device_grammar(schemas)
    if text is None:
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(text, parser, base_url=str(schemas / DEVICE_SCHEMA))
    return etree.RelaxNG(root)
