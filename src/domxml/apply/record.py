"""The last-applied record: what domxml applied, kept in the object's ``<metadata>``.

libvirt does not always keep a definition as written: a driver drops a
hypervisor namespace it does not know (the test driver drops
``qemu:commandline``), or rewrites a value (it rounds a shared memory
size). The semantic diff rightly shows that as a change, so without more a
plan would say ``update`` forever after an apply. Like kubectl's
``last-applied-configuration`` annotation, domxml leaves a small record in
each domain and network it defines::

    <metadata>
      <domxml:applied xmlns:domxml="https://domxml.dev/xmlns/applied/1"
                      desired="sha256:..." defined="sha256:...">eNq1VE1v...</domxml:applied>
    </metadata>

``desired`` is the digest of the document applied, ``defined`` the digest
of the definition libvirt stored from it (read back after defining, the
record left out). While both still match, nobody has changed the document
nor the object since: what the diff shows is what libvirt did not keep,
and the plan says ``unchanged``. Any change to either side changes a
digest, and the diff counts again. The namespace URI is an identifier only,
never fetched. The diff never compares the record (:func:`is_record`, from
:mod:`domxml.compare.record`).

The element's text is the document applied itself, in its canonical form,
zlib-compressed and base64-encoded: the last-applied document that makes
the plan three-way (:func:`domxml.diff`'s ``last``). An element libvirt
adds on its own (a controller, an input, a serial target's model) is
absent from it as well as from the new document, and is libvirt's; one
present in it and absent from the new document is one the user removed.
A record of an older domxml, with the digests only, holds no document.

Digests are of a canonical form (:func:`canonical`): C14N, with comments,
processing instructions and whitespace-only text left out, the record
removed, and an empty ``<metadata>`` removed (libvirt keeps an empty one;
the record goes into it).
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import hashlib
import zlib
from typing import Any

from dataclasses_json import DataClassJsonMixin, config
from lxml import etree

import domxml.models  # noqa: F401  (registers the root models the record holds)
from domxml.binding import Model, parse_document, write_document
from domxml.compare.record import NAMESPACE, PREFIX, TAG, is_record
from domxml.safe_xml import safe_parser

__all__ = [
    "KINDS",
    "NAMESPACE",
    "PREFIX",
    "Record",
    "canonical",
    "digest",
    "find",
    "is_record",
    "with_record",
]

#: The kinds of object whose schema has a ``<metadata>``: only these get a record.
KINDS = ("domain", "network")


@dataclasses.dataclass(frozen=True)
class Record(DataClassJsonMixin):
    """What domxml applied: the document's digest and canonical form, the definition's digest.

    ``document`` is the canonical form (:func:`canonical`) of the document
    applied; None in a record an older domxml wrote, which held the
    digests only. Reports (``to_dict()``, ``to_json()``) give the digests.
    """

    desired: str
    defined: str
    document: bytes | None = dataclasses.field(
        default=None, repr=False, metadata=config(exclude=lambda _: True)
    )

    @classmethod
    def of(cls, desired: Model | str | bytes, defined: str | bytes) -> Record:
        """The record of applying ``desired``, which libvirt stored as ``defined`` (XML)."""
        document = canonical(_text(desired))
        return cls(_sha(document), digest(defined), document)

    def element(self) -> str:
        """The record as XML: ``<domxml:applied xmlns:domxml=... desired=... defined=...>``."""
        attrs = f'desired="{self.desired}" defined="{self.defined}"'
        start = f'<{PREFIX}:{TAG} xmlns:{PREFIX}="{NAMESPACE}" {attrs}'
        if self.document is None:
            return start + "/>"
        packed = base64.b64encode(zlib.compress(self.document, 9)).decode("ascii")
        return f"{start}>{packed}</{PREFIX}:{TAG}>"

    def last_applied(self) -> Model | None:
        """The document applied, as a model; None when the record holds none."""
        if self.document is None:
            return None
        return parse_document(self.document)

    def as_dict(self) -> dict[str, Any]:
        """The digests, as JSON-ready data (``to_dict()``: the document is left out)."""
        return self.to_dict()


def _parse(xml: str | bytes) -> etree._Element:
    data = xml.encode() if isinstance(xml, str) else xml
    return etree.fromstring(data, safe_parser())


def _strip(root: etree._Element) -> None:
    """Remove the record and an empty ``<metadata>`` from a parsed document, in place."""
    for metadata in root.findall("metadata"):
        for el in list(metadata):
            if is_record(el):
                _remove(el)
        if (
            not any(isinstance(el.tag, str) for el in metadata)
            and not (metadata.text or "").strip()
        ):
            _remove(metadata)


def _remove(el: etree._Element) -> None:
    """Remove an element, keeping its tail (the text after it) in place."""
    parent = el.getparent()
    assert parent is not None
    tail = el.tail
    previous = el.getprevious()
    if tail and tail.strip():
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def canonical(xml: str | bytes) -> bytes:
    """The form digests are taken of: C14N, without comments, PIs, blank text or the record."""
    root = _parse(xml)
    _strip(root)
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    for item in root.iter():
        if item.text is not None and not item.text.strip():
            item.text = None
        if item.tail is not None and not item.tail.strip():
            item.tail = None
    return etree.tostring(root, method="c14n")


def _text(document: Model | str | bytes) -> str | bytes:
    if isinstance(document, Model):
        return write_document(document)
    return document


def _sha(canonical_form: bytes) -> str:
    return "sha256:" + hashlib.sha256(canonical_form).hexdigest()


def digest(document: Model | str | bytes) -> str:
    """``sha256:`` and the hex digest of a document's canonical form (a model, or XML text)."""
    return _sha(canonical(_text(document)))


def _unpack(text: str | None, desired: str) -> bytes | None:
    """The document a record's text holds; None when it holds none, or not the one applied."""
    if not text or not text.strip():
        return None
    try:
        document = zlib.decompress(base64.b64decode("".join(text.split()), validate=True))
    except (binascii.Error, ValueError, zlib.error):
        return None
    # A record edited by hand, or cut short, is no record of what was applied.
    return document if _sha(document) == desired else None


def find(model: Model | None) -> Record | None:
    """The record in a model's ``<metadata>``, or None (none, or not one domxml wrote)."""
    metadata = getattr(model, "metadata", None)
    for el in getattr(metadata, "elements", None) or ():
        if is_record(el):
            desired, defined = el.get("desired"), el.get("defined")
            if desired and defined:
                return Record(desired, defined, _unpack(el.text, desired))
    return None


def with_record(xml: str, record: Record) -> str:
    """A definition with ``record`` in its ``<metadata>`` (made when missing), and no other.

    Domains and networks are defined again with it (see
    :mod:`domxml.apply.objects` for why not ``virDomainSetMetadata``).
    """
    root = _parse(xml)
    metadata = root.find("metadata")
    if metadata is None:
        metadata = etree.Element("metadata")
        after = [el for el in ("name", "uuid", "title", "description") if root.find(el) is not None]
        if after:
            root.find(after[-1]).addnext(metadata)  # type: ignore[union-attr]
        else:
            root.insert(0, metadata)
    for el in list(metadata):
        if is_record(el):
            _remove(el)
    metadata.append(_parse(record.element()))
    return etree.tostring(root, encoding="unicode")
