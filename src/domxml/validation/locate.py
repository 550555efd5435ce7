"""Lines and columns of elements, attributes and text in a document's source.

libxml2 gives an element's line (the line where its start tag *ends*) and no
column. To point an editor at the exact spot, the source text is scanned
once for start tags: the n-th start tag is the n-th element in document
order. Columns count characters from 1, as SARIF's ``unicodeCodePoints``.
"""

from __future__ import annotations

import re

from lxml import etree

__all__ = ["Locator", "decode"]

# Markup that is not a start tag, then start tags; attribute values are
# quoted, so a '>' inside one does not end the tag.
_MARKUP = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE(?:[^\[>]|\[.*?\])*>|</[^>]*>"
    r"|<(?P<name>[^\s/>!?]+)(?P<attrs>(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*/?>",
    re.DOTALL,
)
_ATTRIBUTE = re.compile(r"\s+(?P<name>[^\s=/>]+)\s*=\s*(?:\"[^\"]*\"|'[^']*')")
_ENCODING = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")


def decode(data: bytes) -> str:
    """The text of a document, as its declaration says (UTF-8 otherwise)."""
    match = _ENCODING.match(data)
    encoding = match.group(1).decode("ascii") if match else "utf-8-sig"
    try:
        return data.decode(encoding, "replace")
    except LookupError:
        return data.decode("utf-8", "replace")


class Locator:
    """Positions of the nodes of one parsed document in its source text."""

    def __init__(self, text: str, root: etree._Element) -> None:
        self.text = text
        self._tags: list[re.Match[str]] = [m for m in _MARKUP.finditer(text) if m.group("name")]
        self._index: dict[etree._Element, int] = {}
        self._elements = list(root.iter(etree.Element))
        if len(self._elements) == len(self._tags):
            self._index = {el: i for i, el in enumerate(self._elements)}

    def position(self, offset: int) -> tuple[int, int]:
        """The (line, column) of a character offset, both from 1."""
        # Counted for the few offsets asked, not tabled for every line.
        line_start = self.text.rfind("\n", 0, offset) + 1
        return self.text.count("\n", 0, line_start) + 1, offset - line_start + 1

    def element(self, el: etree._Element) -> tuple[int | None, int | None]:
        """Where the start tag of ``el`` begins (its ``<``)."""
        match = self._match(el)
        if match is None:
            return _line_of(el), None
        return self.position(match.start())

    def attribute(self, el: etree._Element, qname: str) -> tuple[int | None, int | None]:
        """Where the attribute ``qname`` of ``el`` is written (its name)."""
        match = self._match(el)
        if match is None:
            return _line_of(el), None
        wanted = _local(qname)
        for attribute in _ATTRIBUTE.finditer(match.group("attrs")):
            written = attribute.group("name")
            if written == wanted or written.split(":", 1)[-1] == wanted:
                return self.position(match.start("attrs") + attribute.start("name"))
        return self.position(match.start())

    def text_of(self, el: etree._Element) -> tuple[int | None, int | None]:
        """Where the text of ``el`` begins (after the start tag and white space)."""
        match = self._match(el)
        if match is None:
            return _line_of(el), None
        offset = match.end()
        if match.group(0).endswith("/>"):
            return self.position(match.start())
        while offset < len(self.text) and self.text[offset] in " \t\r\n":
            offset += 1
        if self.text.startswith("</", offset):
            offset = match.end()
        return self.position(offset)

    def _match(self, el: etree._Element) -> re.Match[str] | None:
        index = self._index.get(el)
        return None if index is None else self._tags[index]


def _line_of(el: etree._Element) -> int | None:
    return el.sourceline if isinstance(el.sourceline, int) else None


def _local(qname: str) -> str:
    return qname.rsplit("}", 1)[-1]
