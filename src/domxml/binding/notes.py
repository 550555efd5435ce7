"""Where comments and processing instructions go when libvirt's order moves their siblings.

In the source, a comment (or PI; both are *notes* here) stands between two
sibling elements. Written in libvirt's order (``style="libvirt"``), those
two stay adjacent or they do not; when they do, the note stays between
them. When they do not, it can only stay beside one of them, the one it
belongs to, read as a person writing the file means it:

- a note on the line where the element before it ends
  (``<memory>4194304</memory> <!-- 4 GiB -->``) is about that element: it is
  written after it, on its line;
- a note after the last element of its parent is written after that element;
- any other note introduces the element after it and is written before it.

When the element a note belongs to is gone (the program removed it), the
note goes before the next sibling still there (where the source's order
puts it), or else after the nearest one before it.

Siblings are named by *keys*, as :mod:`domxml.binding.order` writes them:
``(field name, occurrence)`` for a typed child, the item's index in
``Node.items`` for an element the models do not know.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from domxml.binding.node import Node, source_of

#: Where a note goes relative to its key.
BEFORE, AFTER, TRAILING = range(3)

_NOTE = (etree._Comment, etree._ProcessingInstruction)


class Notes:
    """The notes of one element, each with where it belongs."""

    __slots__ = ("after", "before", "rest")

    def __init__(self) -> None:
        #: Notes to write before the sibling of a key.
        self.before: dict[Any, list[Any]] = {}
        #: ``(note, on its line)`` to write after the sibling of a key.
        self.after: dict[Any, list[tuple[Any, bool]]] = {}
        #: Notes whose siblings are all gone, or that never had any.
        self.rest: list[Any] = []


def has_notes(node: Node) -> bool:
    """Whether ``node`` holds a comment or PI among its children."""
    return any(isinstance(item, _NOTE) for item in node.items)


def place_notes(node: Node, present: set[Any]) -> Notes:
    """Where each note of ``node`` goes, among the siblings whose keys are ``present``."""
    gaps = _gaps(node)
    keys: list[Any] = []  # the sibling elements' keys, in source order
    # Each note: the index in keys of the sibling before it (-1: none), on its line.
    found: list[tuple[Any, int, bool]] = []
    counters: dict[str, int] = {}
    on_line = False  # whether the last child seen is an element or on its line
    j = -1  # the item's index among the source children (text is none)
    for i, item in enumerate(node.items):
        kind = type(item)
        if kind is not str and isinstance(item, str):
            continue  # text of mixed content
        j += 1
        if isinstance(item, _NOTE):
            on_line = on_line and gaps is not None and "\n" not in gaps[j]
            found.append((item, len(keys) - 1, on_line))
        elif kind is str or kind is tuple:
            py = item if kind is str else item[0]
            k = counters.get(py, 0)
            counters[py] = k + 1
            keys.append((py, k))
            on_line = True
        else:
            keys.append(i)
            on_line = True
    placed = Notes()
    for note, before, on_its_line in found:
        # Its own place first, then the nearest sibling still there: later ones
        # (as the source reads), then earlier ones.
        choices = [(TRAILING, keys[before])] if on_its_line else []
        choices += [(BEFORE, key) for key in keys[before + 1 :]]
        choices += [(AFTER, keys[p]) for p in range(before, -1, -1)]
        _put(placed, note, present, choices)
    return placed


def _put(placed: Notes, note: Any, present: set[Any], choices: list[tuple[int, Any]]) -> None:
    for side, key in choices:
        if key not in present:
            continue
        if side == BEFORE:
            placed.before.setdefault(key, []).append(note)
        else:
            placed.after.setdefault(key, []).append((note, side == TRAILING))
        return
    placed.rest.append(note)


def _gaps(node: Node) -> list[str] | None:
    """The source text before each child of ``node``, from the end of the one before.

    None when the source is not at hand (a model rebuilt from JSON) or does
    not match the node's children.
    """
    if node.pos < 0:
        return None
    source = source_of(node)
    spans = source.elements() if source is not None else None
    if source is None or spans is None:
        return None
    span = spans[node.pos]
    children = span.children
    written = sum(1 for item in node.items if type(item) is str or not isinstance(item, str))
    if len(children) != written:
        return None
    text = source.text
    gaps = []
    end = span.open_end
    for child in children:
        gaps.append(text[end : child.start])
        end = child.end
    return gaps
