"""Safe XML parsing with lxml alone: no DTD, no entity expansion, no network.

Every document domxml reads goes through :func:`safe_parser`: the binding
(:mod:`domxml.binding.document`) and the validator
(:mod:`domxml.validation.engine`), which shares it without importing the
binding. This module imports nothing of domxml but its errors, so that
``domxml validate`` starts without loading the models' machinery.
"""

from __future__ import annotations

import os
from _thread import _local
from pathlib import Path
from typing import Any

from lxml import etree

from domxml.errors import ParseError

__all__ = ["MAX_DOCUMENT_BYTES", "load_source", "parse_tree", "safe_parser", "safe_pull_parser"]

#: Largest document accepted, in bytes; libvirt's own limit is 10 MB.
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024

# threading.local itself: the threading module costs a millisecond to import.
_thread_local = _local()


class _RefuseExternal(etree.Resolver):
    """Answers every external DTD or entity libxml2 asks for with nothing."""

    # lxml-stubs leave out the context argument lxml passes.
    def resolve(self, system_url: str, public_id: str, context: object) -> Any:  # type: ignore[override]
        return self.resolve_string("", context, base_url=None)


# No DTD loading, no entity expansion, no network; libxml2's default limits
# (depth 256, 10 MB text nodes) stay on since huge_tree is off.
_SAFE_OPTIONS: dict[str, Any] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_blank_text": False,
    "strip_cdata": True,
    "collect_ids": False,
}


def safe_parser() -> etree.XMLParser:
    """This thread's safe parser (lxml parsers may not be shared across threads)."""
    # libxml2 quirk: lxml's collect_ids=False sets XML_SKIP_IDS in the
    # context's loadsubset, and libxml2 loads the external DTD subset (a
    # local file) whenever loadsubset is non-zero, load_dtd=False or not;
    # the resolver keeps libxml2 from reading anything (found by fuzz/).
    parser: etree.XMLParser | None = getattr(_thread_local, "parser", None)
    if parser is None:
        parser = etree.XMLParser(**_SAFE_OPTIONS)
        parser.resolvers.add(_RefuseExternal())
        _thread_local.parser = parser
    return parser


def safe_pull_parser() -> etree.XMLPullParser:
    """A new parser fed by pieces, giving start and end events, as safe as :func:`safe_parser`."""
    parser = etree.XMLPullParser(events=("start", "end"), **_SAFE_OPTIONS)
    parser.resolvers.add(_RefuseExternal())
    return parser


def syntax_error(error: etree.XMLSyntaxError, filename: str | None) -> ParseError:
    """libxml2's error as a :class:`ParseError` at its line and column of ``filename``."""
    line, column = error.position if error.position else (None, None)
    return ParseError(error.msg or str(error), filename=filename, line=line, column=column)


def refuse_too_large(data: bytes, filename: str | None) -> None:
    """Raise :class:`ParseError` when ``data`` is larger than :data:`MAX_DOCUMENT_BYTES`."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ParseError(f"document too large ({len(data)} bytes)", filename=filename)


def refuse_doctype(root: etree._Element, filename: str | None) -> None:
    """Raise :class:`ParseError` when the document of ``root`` has a ``<!DOCTYPE>``.

    libxml2 gives every document with a ``<!DOCTYPE>`` an internal subset,
    even an empty one (``<!DOCTYPE domain SYSTEM "...">``): its absence says
    there is none, at less cost than the docinfo's doctype string.
    """
    if root.getroottree().docinfo.internalDTD is not None:
        raise ParseError(
            "document type declarations (<!DOCTYPE>) are not allowed", filename=filename, line=1
        )


def parse_tree(data: bytes, filename: str | None = None) -> etree._Element:
    """Parse bytes into an lxml tree safely, or raise :class:`ParseError`.

    The error carries ``filename`` and libxml2's line and column; a document
    with a ``<!DOCTYPE>`` is refused even though nothing of it was read.
    """
    refuse_too_large(data, filename)
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as e:
        raise syntax_error(e, filename) from None
    except ValueError as e:
        raise ParseError(str(e), filename=filename) from None
    refuse_doctype(root, filename)
    return root


def load_source(source: str | bytes | os.PathLike[str]) -> tuple[bytes, str | None]:
    """The bytes of ``source`` (XML text, bytes, or a path) and its file name.

    Raises :class:`ParseError` when a path cannot be read or is larger than
    :data:`MAX_DOCUMENT_BYTES`.
    """
    if isinstance(source, bytes):
        return source, None
    if isinstance(source, str) and not source.strip():
        # Not a path either: Path("") is the current directory.
        raise ParseError("empty document: no XML text and no file name")
    if isinstance(source, os.PathLike) or (
        isinstance(source, str) and not source.lstrip().startswith("<")
    ):
        path = Path(source)
        try:
            size = path.stat().st_size
            if size > MAX_DOCUMENT_BYTES:
                raise ParseError(f"document too large ({size} bytes)", filename=str(path))
            return path.read_bytes(), str(path)
        except OSError as e:
            raise ParseError(f"cannot read: {e.strerror or e}", filename=str(path)) from e
    return source.encode("utf-8"), None
