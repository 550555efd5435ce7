"""The API reference of the models, generated from their declarations: ``docs/reference/*.md``.

Every model class reachable from the five root documents gets a section: its
XML element, the variant it is (``<disk type='file'>``), its description,
the section of libvirt's documentation that describes it, and a table of its
fields: Python name, XML name and kind, type, the values allowed, and the
field's description. Every enumeration gets its values. The pages are
committed; ``tests/test_apiref.py`` checks they equal freshly generated ones.

    python -m domxml.tools.apiref            # (re)write docs/reference/
    python -m domxml.tools.apiref --check    # exit 1 when a page is stale
"""

from __future__ import annotations

import argparse
import enum
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from domxml.binding.codecs import BoolCodec, EnumCodec, IntCodec
from domxml.binding.declare import Kind, Model
from domxml.binding.reach import Reach, description, field_docs, plain, reach
from domxml.binding.spec import FieldSpec, spec_of

__all__ = ["PAGES", "generate", "main"]

LIBVIRT_DOCS = "https://libvirt.org"

#: The pages: file name, title, the libvirt page, and which modules' classes it holds.
PAGES: tuple[tuple[str, str, str, str], ...] = (
    ("domain.md", "Domains", "formatdomain.html", "domxml.models.domain."),
    ("domain-devices.md", "Domain devices", "formatdomain.html", "domxml.models.domain.devices."),
    ("network.md", "Networks", "formatnetwork.html", "domxml.models.network"),
    ("storage.md", "Storage pools and volumes", "formatstorage.html", "domxml.models.storage"),
    ("snapshot.md", "Domain snapshots", "formatsnapshot.html", "domxml.models.snapshot"),
    ("common.md", "Shared models", "format.html", "domxml.models."),
)

# The section of libvirt's documentation for each module (its last part);
# a module not listed links to its page's top.
SECTIONS: dict[str, str] = {
    "domain.domain": "formatdomain.html#general-metadata",
    "domain.memory": "formatdomain.html#memory-allocation",
    "domain.memory_backing": "formatdomain.html#memory-backing",
    "domain.vcpu": "formatdomain.html#cpu-allocation",
    "domain.iothreads": "formatdomain.html#iothreads-allocation",
    "domain.tuning": "formatdomain.html#cpu-tuning",
    "domain.sysinfo": "formatdomain.html#smbios-system-information",
    "domain.throttle": "formatdomain.html#block-i-o-tuning",
    "domain.os": "formatdomain.html#operating-system-booting",
    "domain.idmap": "formatdomain.html#container-boot",
    "domain.features": "formatdomain.html#hypervisor-features",
    "domain.cpu": "formatdomain.html#cpu-model-and-topology",
    "domain.clock": "formatdomain.html#time-keeping",
    "domain.lifecycle": "formatdomain.html#events-configuration",
    "domain.power": "formatdomain.html#power-management",
    "domain.perf": "formatdomain.html#performance-monitoring-events",
    "domain.security": "formatdomain.html#launch-security",
    "domain.seclabel": "formatdomain.html#security-label",
    "domain.namespaces": "drvqemu.html#pass-through-of-arbitrary-qemu-commands",
    "domain.size": "formatdomain.html#memory-allocation",
    "domain.storage_source": "formatdomain.html#hard-drives-floppy-disks-cdroms",
    "devices.address": "formatdomain.html#device-addresses",
    "devices.audio": "formatdomain.html#audio-backends",
    "devices.chardev": "formatdomain.html#consoles-serial-parallel-channel-devices",
    "devices.controller": "formatdomain.html#controllers",
    "devices.crypto": "formatdomain.html#crypto",
    "devices.disk": "formatdomain.html#hard-drives-floppy-disks-cdroms",
    "devices.filesystem": "formatdomain.html#filesystems",
    "devices.graphics": "formatdomain.html#graphical-framebuffers",
    "devices.hostdev": "formatdomain.html#host-device-assignment",
    "devices.hub": "formatdomain.html#hub-devices",
    "devices.input": "formatdomain.html#input-devices",
    "devices.interface": "formatdomain.html#network-interfaces",
    "devices.iommu": "formatdomain.html#iommu-devices",
    "devices.lease": "formatdomain.html#device-leases",
    "devices.memballoon": "formatdomain.html#memory-balloon-device",
    "devices.memory": "formatdomain.html#memory-devices",
    "devices.nvram": "formatdomain.html#nvram-device",
    "devices.panic": "formatdomain.html#panic-device",
    "devices.pstore": "formatdomain.html#pstore",
    "devices.redirdev": "formatdomain.html#redirected-devices",
    "devices.rng": "formatdomain.html#random-number-generator-device",
    "devices.shmem": "formatdomain.html#shared-memory-device",
    "devices.smartcard": "formatdomain.html#smartcard-devices",
    "devices.sound": "formatdomain.html#sound-devices",
    "devices.tpm": "formatdomain.html#tpm-device",
    "devices.video": "formatdomain.html#video-devices",
    "devices.vsock": "formatdomain.html#vsock",
    "devices.watchdog": "formatdomain.html#watchdog-devices",
    "network.dns": "formatnetwork.html#addressing",
    "network.ip": "formatnetwork.html#addressing",
    "network.forward": "formatnetwork.html#connectivity",
    "network.network": "formatnetwork.html#general-metadata",
    "storage.pool": "formatstorage.html#storage-pool-xml",
    "storage.volume": "formatstorage.html#storage-volume-xml",
    "storage.source": "formatstorage.html#source-elements",
    "models.snapshot": "formatsnapshot.html",
}

_KIND = {
    Kind.ATTR: "attribute",
    Kind.TEXT: "text",
    Kind.LEAF: "element (text)",
    Kind.CHILD: "element",
    Kind.ANY: "any elements",
}


def _page_of(cls: type) -> str:
    module = cls.__module__ + "."
    for filename, _, _, prefix in PAGES[:-1]:
        if filename == "domain.md" and module.startswith("domxml.models.domain.devices."):
            continue
        if module.startswith(prefix):
            return filename
    return PAGES[-1][0]


def _section(cls: type, page_doc: str) -> str:
    parts = cls.__module__.split(".")
    key = ".".join(parts[-2:])
    return f"{LIBVIRT_DOCS}/{SECTIONS.get(key, page_doc)}"


def _anchor(name: str) -> str:
    return re.sub(r"[^a-z0-9_-]", "", name.lower().replace(".", "-"))


def _link(found: Reach, cls: type, here: str) -> str:
    name = found.name(cls)
    page = _page_of(cls)
    target = "" if page == here else page
    return f"[`{name}`]({target}#{_anchor(name)})"


def _cell(text: str) -> str:
    """Text for a table cell or a paragraph: ``<disk>`` shown, not taken for HTML."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace("|", "\\|").replace("\n", " ")


def _values(f: FieldSpec, found: Reach, here: str) -> str:
    codec = f.codec
    if f.kind is Kind.CHILD:
        return ""
    if isinstance(codec, EnumCodec):
        members = codec.choices or tuple(codec.enum_type)
        if codec.choices is None and len(members) > 8:
            return f"see {_link(found, codec.enum_type, here)}"
        return ", ".join(f"`{m.value}`" for m in members)
    if isinstance(codec, BoolCodec):
        words = [codec.true, codec.false]
        if codec.choices is not None:
            words = [codec.true if c else codec.false for c in codec.choices]
        return ", ".join(f"`{w}`" for w in words)
    if isinstance(codec, IntCodec) and (codec.low is not None or codec.high is not None):
        low = "" if codec.low is None else str(codec.low)
        high = "" if codec.high is None else str(codec.high)
        return f"{low}..{high}"
    if codec.pattern:
        return f"pattern `{_cell(codec.pattern)}`"
    return ""


def _type(f: FieldSpec, found: Reach, here: str) -> str:
    if f.kind is Kind.ANY:
        text = "XML elements"
    elif f.kind is Kind.CHILD:
        assert f.model is not None
        text = _link(found, f.model, here)
    elif isinstance(f.codec, EnumCodec):
        text = _link(found, f.codec.enum_type, here)
    else:
        text = f.codec.python_type.__name__
    if f.many:
        text = f"list of {text}"
    return text


def _class_section(cls: type[Model], found: Reach, here: str, page_doc: str) -> list[str]:
    spec = spec_of(cls)
    decl = cls.__domxml__
    name = found.name(cls)
    lines = [f'<a id="{_anchor(name)}"></a>', "", f"### {name}", ""]
    element = f"<{decl.tag}>"
    if decl.variant is not None and decl.discriminator is not None:
        element = f"<{decl.tag} {decl.discriminator}='{decl.variant}'>"
    url = _section(cls, page_doc)
    lines.append(f"XML: `{element}` · libvirt: [{url.removeprefix(LIBVIRT_DOCS + '/')}]({url})")
    if decl.variants:
        variants = ", ".join(
            f"`{value}` {_link(found, variant, here)}" for value, variant in decl.variants.items()
        )
        lines += ["", f"Variants by `{decl.discriminator}`: {variants}."]
    doc = description(cls)
    if doc:
        lines += ["", _cell(doc)]
    fields = [*spec.attr_list, *([spec.text] if spec.text else []), *spec.elem_list]
    if spec.any is not None and spec.any not in fields:
        fields.append(spec.any)
    if fields:
        docs = field_docs(cls)
        lines += [
            "",
            "| field | XML | type | values | description |",
            "| --- | --- | --- | --- | --- |",
        ]
        for f in sorted(fields, key=lambda f: f.index):
            xml = "" if f.kind in (Kind.TEXT, Kind.ANY) else f"`{f.written}`"
            required = " (required)" if f.required else ""
            lines.append(
                f"| `{f.py}`{required} | {xml} {_KIND[f.kind]} | {_type(f, found, here)}"
                f" | {_values(f, found, here)} | {_cell(plain(docs.get(f.py, '')))} |"
            )
    return [*lines, ""]


def _enum_section(enum_type: type[enum.Enum], found: Reach) -> list[str]:
    name = found.name(enum_type)
    lines = [f'<a id="{_anchor(name)}"></a>', "", f"### {name}", ""]
    doc = description(enum_type)
    if doc:
        lines += [_cell(doc), ""]
    lines.append(", ".join(f"`{m.name}` = `{m.value}`" for m in enum_type))
    return [*lines, ""]


def generate() -> dict[str, str]:
    """Every page of the reference, by file name."""
    from domxml.models import Domain, DomainSnapshot, Network, StoragePool, StorageVolume

    found = reach([Domain, Network, StoragePool, StorageVolume, DomainSnapshot])
    pages: dict[str, str] = {}
    for filename, title, page_doc, _ in PAGES:
        classes = [c for c in found.classes if _page_of(c) == filename]
        enums = [e for e in found.enums if _page_of(e) == filename]
        lines = [
            f"# API reference: {title}",
            "",
            "<!-- Generated by `python -m domxml.tools.apiref` from the models' declarations;"
            " do not edit. -->",
            "",
            f"libvirt's documentation: <{LIBVIRT_DOCS}/{page_doc}>. Every class is a"
            " keyword-only dataclass of `domxml.models`"
            " (see [docs/generating.md](../generating.md)); a field named *(required)*"
            " has no default.",
            "",
            f"{len(classes)} classes, {len(enums)} enumerations.",
            "",
            "## Classes",
            "",
        ]
        for cls in classes:
            lines += _class_section(cls, found, filename, page_doc)
        if enums:
            lines += ["## Enumerations", ""]
            for enum_type in enums:
                lines += _enum_section(enum_type, found)
        pages[filename] = "\n".join(lines).rstrip("\n") + "\n"
    index = [
        "# API reference",
        "",
        "<!-- Generated by `python -m domxml.tools.apiref`; do not edit. -->",
        "",
        "The models of each document family, generated from their declarations:"
        " XML names, types, allowed values and libvirt's documentation.",
        "",
        *(f"- [{title}]({filename})" for filename, title, _, _ in PAGES),
        "",
    ]
    pages["index.md"] = "\n".join(index)
    return pages


def main(argv: Sequence[str] | None = None) -> int:
    """Write the pages into ``--out`` (default ``docs/reference``), or ``--check`` them."""
    parser = argparse.ArgumentParser(prog="python -m domxml.tools.apiref", description=__doc__)
    parser.add_argument("--out", default="docs/reference", help="the directory of the pages")
    parser.add_argument("--check", action="store_true", help="change nothing; 1 if stale")
    args = parser.parse_args(argv)
    out = Path(args.out)
    stale = []
    for filename, text in generate().items():
        path = out / filename
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == text:
            continue
        stale.append(filename)
        if not args.check:
            out.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    verb = "stale" if args.check else "written"
    for filename in stale:
        print(f"{out / filename}: {verb}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
