"""Where each element of a parsed document stands in its source text.

lxml gives no offsets, so the text is looked at again on the first write
that needs it (a document nothing has changed is returned whole without
it), and only as far as that write needs: the children of the elements it
writes anew. An element's children are found by stepping from one to the
next: a child's end tag is found with ``str.find`` and the elements inside
it are counted, not scanned, unless a comment, CDATA section or processing
instruction inside it could hide a tag; only then is that child read tag by
tag. Elements are numbered in document order, as the reader numbers them
(``Node.pos``). A scan only ever sees well-formed text, which lxml has read
already.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

# Group 1: a start tag; 2: an end tag; 3: CDATA (text); no group: a comment or PI.
_TOKEN = re.compile(
    r"<(?:([^!?/>\"'][^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>)|(/[^>]*>)"
    r"|!--.*?-->|\?.*?\?>|(!\[CDATA\[.*?\]\]>))",
    re.S,
)
# A start tag; group 1: its name.
_OPEN = re.compile(r"<([^\s/>]+)[^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>")
_QUOTE = re.compile(r"<[^\s/>!?][^\s/>]*\s+[^\s=>]+\s*=\s*([\"'])")
_AFTER_NAME = frozenset(" \t\r\n/>")


class Span:
    """One element, comment or PI of the source text.

    ``start``/``end`` enclose it all, ``open_end`` ends its start tag and
    ``close_start`` begins its end tag (all three are ``end`` for ``<x/>``,
    a comment or a PI). An element's ``index`` is its number in document
    order and ``after`` the number of the first element after it (-1 for a
    comment or PI); ``children`` are its child elements, comments and PIs,
    in order, found when first asked.
    """

    __slots__ = ("_children", "_of", "after", "close_start", "end", "index", "open_end", "start")

    def __init__(
        self,
        start: int,
        open_end: int,
        close_start: int,
        end: int,
        of: Elements | None = None,
        index: int = -1,
        after: int = -1,
    ) -> None:
        self.start = start
        self.open_end = open_end
        self.close_start = close_start
        self.end = end
        self._of = of
        self.index = index
        self.after = after
        self._children: list[Span] | None = None

    @property
    def children(self) -> list[Span]:
        """The element's child elements, comments and PIs, in order."""
        if self._children is None:
            self._children = [] if self._of is None else self._of.children_of(self)
        return self._children


class Elements:
    """The spans of a text's elements, by number in document order, found as they are asked for."""

    __slots__ = ("_found", "marks", "root", "text")

    def __init__(self, text: str, root: Span) -> None:
        self.text = text
        self.root = root
        self._found: dict[int, Span] = {root.index: root}
        #: Where each ``<!`` and ``<?`` after the root's start tag is, in order:
        #: where a comment, CDATA section or PI could hide a tag.
        self.marks = sorted(_every(text, "<!", root.open_end) + _every(text, "<?", root.open_end))

    def __len__(self) -> int:
        return self.root.after

    def remember(self, span: Span) -> None:
        """Keep ``span`` as the element of its number."""
        self._found[span.index] = span

    def __getitem__(self, index: int) -> Span:
        found = self._found.get(index)
        if found is not None:
            return found
        if not 0 <= index < self.root.after:
            raise IndexError(index)
        span = self.root
        while span.index != index:  # down from the root, through the child holding it
            span = next(c for c in span.children if c.index <= index < c.after)
        return span

    def children_of(self, span: Span) -> list[Span]:
        """The spans of ``span``'s child elements, comments and PIs, in order."""
        text, found = self.text, self._found
        children: list[Span] = []
        index = span.index + 1
        at, stop = span.open_end, span.close_start
        while True:
            lt = text.find("<", at, stop)
            if lt < 0:
                return children
            if text[lt + 1] in "!?":
                token = _TOKEN.match(text, lt)
                if token is None:  # not a comment, CDATA or PI: leave it to lxml's verdict
                    at = lt + 1
                    continue
                at = token.end()
                if token.lastindex != 3:
                    children.append(Span(lt, at, at, at))
                continue
            child = _element(text, lt, index, self)
            found[index] = child
            children.append(child)
            index, at = child.after, child.end


def _every(text: str, what: str, at: int) -> list[int]:
    """Where ``what`` is in ``text`` from ``at`` on."""
    found = []
    at = text.find(what, at)
    while at >= 0:
        found.append(at)
        at = text.find(what, at + 1)
    return found


def _element(text: str, start: int, index: int, of: Elements) -> Span:
    """The span of the element whose start tag begins at ``start``, numbered ``index``."""
    opening = _OPEN.match(text, start)
    if opening is None:
        raise ValueError(f"no start tag at offset {start}")
    open_end = opening.end()
    if text[open_end - 2] == "/":
        return Span(start, open_end, open_end, open_end, of, index, index + 1)
    closed = _close(text, open_end, opening.group(1))
    if closed is not None:  # unless a comment, CDATA or PI inside could hide a tag
        marks = of.marks
        first = bisect_left(marks, open_end)
        if first < len(marks) and marks[first] < closed[0]:
            closed = None
    if closed is None:
        close_start, end, inside = _close_by_tokens(text, open_end)
    else:
        close_start, end = closed
        inside = text.count("<", open_end, close_start) - text.count("</", open_end, close_start)
    return Span(start, open_end, close_start, end, of, index, index + 1 + inside)


def _close(text: str, at: int, name: str) -> tuple[int, int] | None:
    """Where the end tag of element ``name``, whose content begins at ``at``, begins and ends.

    Tags are found by their names alone, which holds while no comment,
    CDATA section or PI inside could hold one (the caller checks).
    """
    opening, closing = "<" + name, "</" + name
    depth = 1
    while True:
        close = _tag(text, closing, at, len(text))
        if close < 0:
            return None
        nested = _tag(text, opening, at, close)
        if nested >= 0:
            tag = _OPEN.match(text, nested)
            if tag is None:
                return None
            at = tag.end()
            if text[at - 2] != "/":
                depth += 1
            continue
        at = text.find(">", close) + 1
        depth -= 1
        if depth == 0:
            return close, at


def _tag(text: str, tag: str, at: int, stop: int) -> int:
    """Where ``tag`` (``<name`` or ``</name``), followed by the end of a name, is first in range."""
    size = len(tag)
    while True:
        found = text.find(tag, at, stop)
        if found < 0 or text[found + size : found + size + 1] in _AFTER_NAME:
            return found
        at = found + 1


def _close_by_tokens(text: str, at: int) -> tuple[int, int, int]:
    """Where the end tag of the element whose content begins at ``at`` is, read tag by tag.

    Also how many elements its content holds.
    """
    depth, inside = 1, 0
    for m in _TOKEN.finditer(text, at):
        kind = m.lastindex
        if kind == 1:
            inside += 1
            if text[m.end() - 2] != "/":
                depth += 1
        elif kind == 2:
            depth -= 1
            if depth == 0:
                return m.start(), m.end(), inside
    raise ValueError(f"no end tag for the element whose content begins at offset {at}")


class Source:
    """A document's source text, and (once asked) the span of each element in it.

    Made from ASCII bytes (most documents), it holds those bytes, the
    parser's input, and makes the text of them on the first write that
    needs it: a parsed document keeps no second copy of its source.
    """

    __slots__ = ("_ascii", "_elements", "_text", "count")

    def __init__(self, text: str | None = None, *, ascii_bytes: bytes = b"") -> None:
        self._text = text
        self._ascii = ascii_bytes
        #: How many elements the reader found (-1: unknown).
        self.count = -1
        self._elements: Elements | None = None

    @property
    def text(self) -> str:
        """The source text."""
        if self._text is None:
            self._text = self._ascii.decode("ascii")
            self._ascii = b""
        return self._text

    def __getstate__(self) -> tuple[str, int]:
        return self.text, self.count  # the spans are found again where they are needed

    def __setstate__(self, state: tuple[str, int]) -> None:
        self._text, self.count = state
        self._ascii = b""
        self._elements = None

    def __deepcopy__(self, memo: dict[int, Any]) -> Source:
        # Nothing in it ever changes once read, so a copy of a document shares it.
        return self

    def elements(self) -> Elements | None:
        """The spans of the elements; None if the text disagrees with the reader."""
        if self._elements is None:
            self._elements = _root(self.text)
        if self._elements is None or len(self._elements) != self.count:
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


def _root(text: str) -> Elements | None:
    """The root element's span (the text's first start tag) and a table for the others."""
    for m in _TOKEN.finditer(text):
        if m.lastindex != 1:
            continue
        start = m.start()
        name = m.group(1).split(None, 1)[0].rstrip("/>")
        open_end = m.end()
        elements = Elements(text, Span(start, open_end, open_end, open_end, None, 0, 1))
        if text[open_end - 2] == "/":
            return elements
        closed = _root_close(text, name, open_end)
        try:
            if closed is None:  # read tag by tag
                elements.root = _element(text, start, 0, elements)
            else:  # counted child by child
                root = Span(start, open_end, closed[0], closed[1], elements, 0, 1)
                elements.root = root
                children = [c for c in root.children if c.index >= 0]
                root.after = children[-1].after if children else 1
        except ValueError:
            return None
        elements.remember(elements.root)
        return elements
    return None


def _root_close(text: str, name: str, content: int) -> tuple[int, int] | None:
    """Where the root's end tag begins and ends: the last tag of the text but comments and PIs."""
    end = len(text.rstrip())
    while text.endswith(("-->", "?>"), content, end):  # the comments and PIs after the root
        start = text.rfind("<!--" if text.endswith("-->", content, end) else "<?", content, end)
        token = _TOKEN.match(text, start) if start >= 0 else None
        if token is None or token.end() != end:
            return None
        end = len(text[:start].rstrip())
    close = text.rfind("</", content, end)
    if close < 0 or text[close + 2 : end - 1].rstrip() != name or text[end - 1 : end] != ">":
        return None
    return close, end


def open_elements(text: str, position: int) -> str:
    """The path of the elements open at ``position`` of ``text``: ``/domain/devices/disk``."""
    stack: list[str] = []
    for m in _TOKEN.finditer(text, 0, position):
        if m.lastindex == 1 and not m.group(1).endswith("/>"):
            stack.append(m.group(1).split(None, 1)[0].rstrip(">"))
        elif m.lastindex == 2 and stack:
            stack.pop()
    return "/" + "/".join(stack)
