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
from array import array
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
    ``children`` are its child elements, comments and PIs, in order (found
    when first asked: a writer asks only for those of the elements it
    writes anew).
    """

    __slots__ = ("_children", "_index", "_of", "close_start", "end", "open_end", "start")

    def __init__(
        self,
        start: int,
        open_end: int,
        close_start: int,
        end: int,
        of: Elements | None = None,
        index: int = -1,
    ) -> None:
        self.start = start
        self.open_end = open_end
        self.close_start = close_start
        self.end = end
        self._of = of
        self._index = index
        self._children: list[Span] | None = None

    @property
    def children(self) -> list[Span]:
        """The element's child elements, comments and PIs, in order."""
        if self._children is None:
            self._children = [] if self._of is None else self._of.children(self._index)
        return self._children


class Elements:
    """Where each element of a text stands, in document order, as a sequence of spans.

    The positions are kept in arrays rather than as an object per element:
    a document of 100,000 disks has half a million elements, and a write
    looks at the spans of the few the program changed and of their children.
    """

    __slots__ = ("after", "close_starts", "ends", "notes", "open_ends", "starts")

    def __init__(self) -> None:
        self.starts = array("q")
        self.open_ends = array("q")
        self.close_starts = array("q")
        self.ends = array("q")
        #: The index of the first element after each element's own content.
        self.after = array("q")
        #: ``(start, end)`` of the comments and PIs in each element, by its index.
        self.notes: dict[int, list[tuple[int, int]]] = {}

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, index: int) -> Span:
        return Span(
            self.starts[index],
            self.open_ends[index],
            self.close_starts[index],
            self.ends[index],
            self,
            index,
        )

    def children(self, index: int) -> list[Span]:
        """The spans of element ``index``'s child elements, comments and PIs, in order."""
        found: list[Span] = []
        close = self.close_starts[index]
        starts, after = self.starts, self.after
        child = index + 1
        while child < len(starts) and starts[child] < close:
            found.append(self[child])
            child = after[child]
        notes = self.notes.get(index)
        if notes:
            found += [Span(start, end, end, end) for start, end in notes]
            found.sort(key=_start)
        return found


def _start(span: Span) -> int:
    return span.start


class Source:
    """A document's source text, and (once asked) the span of each element in it."""

    __slots__ = ("_elements", "count", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        #: How many elements the reader found (-1: unknown).
        self.count = -1
        self._elements: Elements | None = None

    def __getstate__(self) -> tuple[str, int]:
        return self.text, self.count  # the spans are found again where they are needed

    def __setstate__(self, state: tuple[str, int]) -> None:
        self.text, self.count = state
        self._elements = None

    def __deepcopy__(self, memo: dict[int, Any]) -> Source:
        # Nothing in it ever changes once read, so a copy of a document shares it.
        return self

    def elements(self) -> Elements | None:
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
        if not elements:
            return "  "
        root = elements[0]
        children = root.children
        if not children:
            return "  "
        gap = self.text[root.open_end : children[0].start]
        if "\n" not in gap:
            return "  "
        unit = gap.rsplit("\n", 1)[1]
        return unit if unit and not unit.strip() else "  "


def _scan(text: str) -> Elements:
    found = Elements()
    starts, open_ends, close_starts, ends, after = (
        found.starts,
        found.open_ends,
        found.close_starts,
        found.ends,
        found.after,
    )
    notes = found.notes
    stack: list[int] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastindex
        if kind == 1:
            start, end = m.span()
            index = len(starts)
            starts.append(start)
            open_ends.append(end)
            close_starts.append(end)
            ends.append(end)
            after.append(index + 1)
            if text[end - 2] != "/":
                stack.append(index)
        elif kind == 2:
            index = stack.pop()
            close_starts[index], ends[index] = m.span()
            after[index] = len(starts)
        elif kind is None and stack:  # a comment or PI; outside the root: not our business
            notes.setdefault(stack[-1], []).append(m.span())
    return found


def open_elements(text: str, position: int) -> str:
    """The path of the elements open at ``position`` of ``text``: ``/domain/devices/disk``."""
    stack: list[str] = []
    for m in _TOKEN.finditer(text, 0, position):
        if m.lastindex == 1 and not m.group(1).endswith("/>"):
            stack.append(m.group(1).split(None, 1)[0].rstrip(">"))
        elif m.lastindex == 2 and stack:
            stack.pop()
    return "/" + "/".join(stack)
