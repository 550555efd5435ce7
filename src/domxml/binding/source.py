"""Where each element of a parsed document stands in its source text.

lxml gives no offsets, so the text is scanned once more, on the first
write that needs it (a document nothing has changed is returned whole
without it): one pattern finds every tag, comment and processing
instruction, in document order, the order in which the reader numbers the
elements (``Node.pos``). A scan only ever sees well-formed text, which
lxml has read already.
"""

from __future__ import annotations

import re
from typing import Any

# Group 1: a start tag; 2: an end tag; 3: CDATA (text); no group: a comment or PI.
_TOKEN = re.compile(
    r"<(?:([^!?/>\"'][^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>)|(/[^>]*>)"
    r"|!--.*?-->|\?.*?\?>|(!\[CDATA\[.*?\]\]>))",
    re.S,
)
_QUOTE = re.compile(r"<[^\s/>!?][^\s/>]*\s+[^\s=>]+\s*=\s*([\"'])")


class Span:
    """One element, comment or PI of the source text.

    ``start``/``end`` enclose it all, ``open_end`` ends its start tag and
    ``close_start`` begins its end tag (both are ``end`` for ``<x/>``);
    ``children`` are its child elements, comments and PIs, in order.
    """

    __slots__ = ("children", "close_start", "end", "open_end", "start")

    def __init__(self, start: int, open_end: int) -> None:
        self.start = start
        self.open_end = open_end
        self.close_start = open_end
        self.end = open_end
        self.children: list[Span] = []


class Source:
    """A document's source text, and (once asked) the span of each element in it."""

    __slots__ = ("_elements", "count", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        #: How many elements the reader found (-1: unknown).
        self.count = -1
        self._elements: list[Span] | None = None

    def __getstate__(self) -> tuple[str, int]:
        return self.text, self.count  # the spans are found again where they are needed

    def __setstate__(self, state: tuple[str, int]) -> None:
        self.text, self.count = state
        self._elements = None

    def __deepcopy__(self, memo: dict[int, Any]) -> Source:
        # Nothing in it ever changes once read, so a copy of a document shares it.
        return self

    def elements(self) -> list[Span] | None:
        """Every element's span, in document order; None if the scan disagrees with the reader."""
        if self._elements is None:
            self._elements = _scan(self.text)
        if len(self._elements) != self.count:
            return None
        return self._elements

    def quote(self) -> str:
        """The quote character the document's first attribute is written with."""
        found = _QUOTE.search(self.text)
        return found.group(1) if found else "'"

    def indent_unit(self) -> str:
        """The indentation the root's children have: the document's indentation unit."""
        elements = self.elements()
        if not elements or not elements[0].children:
            return "  "
        root = elements[0]
        gap = self.text[root.open_end : root.children[0].start]
        if "\n" not in gap:
            return "  "
        unit = gap.rsplit("\n", 1)[1]
        return unit if unit and not unit.strip() else "  "


def _scan(text: str) -> list[Span]:
    elements: list[Span] = []
    stack: list[Span] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastindex
        if kind == 1:
            start, end = m.span()
            span = Span(start, end)
            elements.append(span)
            if stack:
                stack[-1].children.append(span)
            if text[end - 2] != "/":
                stack.append(span)
        elif kind == 2:
            span = stack.pop()
            span.close_start, span.end = m.span()
        elif kind is None and stack:  # a comment or PI; outside the root: not our business
            start, end = m.span()
            stack[-1].children.append(Span(start, end))
    return elements


def open_elements(text: str, position: int) -> str:
    """The path of the elements open at ``position`` of ``text``: ``/domain/devices/disk``."""
    stack: list[str] = []
    for m in _TOKEN.finditer(text, 0, position):
        if m.lastindex == 1 and not m.group(1).endswith("/>"):
            stack.append(m.group(1).split(None, 1)[0].rstrip(">"))
        elif m.lastindex == 2 and stack:
            stack.pop()
    return "/" + "/".join(stack)
