"""Documents in files: telling their format, reading, writing atomically.

Used by ``domxml convert`` and ``domxml fmt``; the conversions themselves
are in :mod:`domxml.convert`.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from domxml.binding import Model, parse_document, write_document
from domxml.binding.node import DOC_ATTR, DocumentInfo
from domxml.convert import from_json, from_yaml, to_json, to_yaml
from domxml.errors import ParseError

__all__ = [
    "FORMATS",
    "dump",
    "format_from_name",
    "format_libvirt",
    "load",
    "sniff_format",
    "write_atomic",
]

#: The formats and their usual file extensions.
FORMATS = {"xml": (".xml",), "json": (".json",), "yaml": (".yaml", ".yml")}


def format_from_name(name: str) -> str | None:
    """The format a file name's extension says (``vm.yaml`` → ``"yaml"``), if any."""
    suffix = Path(name).suffix.lower()
    return next((fmt for fmt, suffixes in FORMATS.items() if suffix in suffixes), None)


def sniff_format(data: bytes) -> str:
    """The format of a document from its first characters: ``<`` XML, ``{`` JSON, else YAML."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head == b"<":
        return "xml"
    if head in (b"{", b"["):
        return "json"
    return "yaml"


def load(data: bytes, fmt: str, filename: str | None = None, *, lazy: bool = True) -> Model:
    """The model of a document in format ``fmt`` (``xml``, ``json`` or ``yaml``).

    ``lazy=False``: an XML document is read whole now, for a caller that
    reads all of it (see :func:`domxml.parse`).
    """
    if fmt == "xml":
        return parse_document(data, filename=filename, lazy=lazy)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ParseError(f"not UTF-8: {e.reason}", filename=filename) from None
    if fmt == "json":
        return from_json(text, filename=filename)
    return from_yaml(text, filename=filename)


def dump(model: Model, fmt: str, style: str = "parsed") -> str:
    """The document in format ``fmt``; ``style`` is the XML layout (see ``domxml.to_xml``)."""
    if fmt == "xml":
        return format_libvirt(model) if style == "libvirt" else write_document(model, style)
    return to_json(model) if fmt == "json" else to_yaml(model)


def format_libvirt(model: Model) -> str:
    """The document in libvirt's own layout, keeping what lies outside its root.

    ``style="libvirt"`` writes the root element as libvirt does; a file's
    XML declaration and the comments around its root are kept as they were.
    """
    body = write_document(model, "libvirt")  # with the comments and PIs around the root
    info: DocumentInfo | None = model.__dict__.get(DOC_ATTR)
    if info is None or not info.declaration:
        return body
    return info.declaration + "\n" + body


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file renamed over it.

    A reader sees the old content or the new, never part of one; when
    anything fails, ``path`` is as it was and the temporary file is gone.
    An existing file keeps its permissions; a new one gets the umask's.
    """
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
