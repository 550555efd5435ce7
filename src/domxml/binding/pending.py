"""Child models read when the program first reaches them.

A parsed document is read one element at a time, as the program goes down
it: reading an element binds its attributes, text and leaves, and leaves
each child element of a model field *pending*, its lxml element kept (with
where it stands among the document's elements) in the parent model. The
first time the program reads that field, the child is read, and kept in the
field as if it had been read with its parent; a program that never goes
below a document's root pays for the root alone, and the writer writes an
element nothing reached from lxml's element (see
:func:`domxml.binding.pending_writer.write_pending`).

The pending elements of a parsed model are in its ``_pending`` attribute
(a :class:`Pending`; None, a class attribute, for most models).
A pending single field is found through :class:`PendingField`, the class
attribute that stands for its default; a pending repeated field through
``Model.__getattr__``, which already makes an absent field's empty list.
Code that reads a model's instance dict rather than its attributes calls
:func:`settle` first.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING, Any

from domxml.binding.changes import owned
from domxml.binding.node import node_of

if TYPE_CHECKING:
    from collections.abc import Callable

    from lxml import etree

    from domxml.binding.node import Node
    from domxml.binding.reader import ReadContext

#: The instance attribute of a parsed model that holds its :class:`Pending`.
PENDING_ATTR = "_pending"

#: An element left to read, and its index among the document's elements.
Entry = tuple["etree._Element", int]


class Pending:
    """The child elements of one parsed element that are not read yet."""

    __slots__ = ("context", "done", "fields", "readers")

    def __init__(
        self,
        context: ReadContext,
        fields: dict[str, Entry | list[Entry]],
        readers: dict[str, Callable[[etree._Element, ReadContext, Node | None], Any]],
    ) -> None:
        #: The document's read context, which a read of a pending child forks.
        self.context = context
        #: Per field, its element (a single field) or elements (a repeated one).
        self.fields = fields
        #: Per field, what it was read as: the one value every thread gets.
        self.done: dict[str, Any] = {}
        #: The reader of each field's model (shared by every element of a class).
        self.readers = readers

    def __reduce__(self) -> tuple[Any, tuple[()]]:
        # A model is copied and pickled read (Model.__getstate__): what its
        # node had pending is in its fields, and the copy has nothing pending.
        return _nothing, ()


def _nothing() -> None:
    return None


def force(obj: Any, name: str, whole: bool = False) -> Any:
    """Read ``obj``'s pending field ``name``, keep it in ``obj`` and return it; else None.

    Two threads reading the same field both read it, and both keep and
    return the first value published (``dict.setdefault`` is atomic); the
    value stays published, for a thread that did not find it kept yet.
    ``whole``: read the element's subtree whole, nothing in it left pending.
    """
    pending: Pending | None = getattr(obj, PENDING_ATTR, None)
    if pending is None:
        return None
    node = node_of(obj)
    value = pending.done.get(name)
    if value is None:
        entry = pending.fields.get(name)
        if entry is None:
            return None
        read = pending.readers[name]
        context = pending.context.fork(lazy=not whole)
        # The collector paused, as when the document was parsed (written out:
        # collector_paused() costs a microsecond a field).
        paused = gc.isenabled()
        if paused:
            gc.disable()
        try:
            if isinstance(entry, list):
                value = owned(node)
                for el, pos in entry:
                    context.pos = pos
                    list.append(value, read(el, context, node))
            else:
                el, context.pos = entry
                value = read(el, context, node)
        finally:
            if paused:
                gc.enable()
        value = pending.done.setdefault(name, value)
    object.__setattr__(obj, name, value)  # not Model.__setattr__: nothing changed
    pending.fields.pop(name, None)  # its lxml elements are not needed any more
    return value


def settle(obj: Any) -> None:
    """Read every pending field of ``obj``: its instance dict holds all its fields after.

    Each is read whole (nothing below it left pending): the callers read
    all of it, and a whole read costs less than one element at a time.
    """
    pending: Pending | None = getattr(obj, PENDING_ATTR, None)
    if pending is None:
        return
    for name in list(pending.fields):
        if name not in pending.done:
            force(obj, name, whole=True)


def unread(obj: Any, written: bool = False) -> dict[str, Entry | list[Entry]]:
    """``obj``'s pending fields the program has not read, with their elements.

    ``written``: only those the pending writer may write from their
    elements (none in a document that declares namespaces).
    """
    pending: Pending | None = getattr(obj, PENDING_ATTR, None)
    if pending is None or (written and pending.context.namespaces):
        return {}
    done = pending.done
    return {name: entry for name, entry in pending.fields.items() if name not in done}


def element(entry: Entry | list[Entry], k: int) -> etree._Element:
    """The ``k``-th pending element of a field's ``entry`` (0 for a single field)."""
    return entry[k][0] if isinstance(entry, list) else entry[0]


def drop(obj: Any, name: str) -> None:
    """Forget the pending element of field ``name``: the program set the field."""
    pending: Pending | None = getattr(obj, PENDING_ATTR, None)
    if pending is not None:
        pending.fields.pop(name, None)
        pending.done.pop(name, None)


class PendingField:
    """The class attribute of a single model field whose default is None.

    It reads as None on the class and on an instance without the field in
    its dict (a model built in code always has it there); a parsed model
    without it there may have the field's element pending: it is read then.
    """

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is not None:
            # Most fields read here are absent from an element with nothing
            # pending, or are a model built in code: no call for those.
            pending = obj._pending
            if pending is not None and (self.name in pending.fields or self.name in pending.done):
                return force(obj, self.name)
        return None
