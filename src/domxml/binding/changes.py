"""Knowing which parsed elements a program changed.

A parsed model's :class:`~domxml.binding.node.Node` says whether it is
dirty. Assigning to a model's field marks it (``Model.__setattr__``), and
changing a list the parser made marks the model that holds it: such a list
is a :class:`ModelList`, which knows its owner's node. Marking a node marks
its parents too (:func:`~domxml.binding.node.mark`), so the writer knows
from the root down which elements are still exactly as parsed. Nothing here
is shared between documents: the marks travel with the models through
pickle, copy and deepcopy.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, SupportsIndex, TypeVar

from domxml.binding.node import Node, mark

T = TypeVar("T")


def owned(owner: Node | None) -> ModelList[Any]:
    """A new empty list whose changes mark ``owner``."""
    made: ModelList[Any] = ModelList()
    made.owner = owner
    return made


def _rebuild(items: list[Any], owner: Node | None) -> ModelList[Any]:
    """Unpickle or copy a :class:`ModelList` (its items first, then its owner)."""
    made = owned(owner)
    list.extend(made, items)
    return made


class ModelList(list[T]):
    """The list type of repeated fields in parsed models: a change marks its owner.

    The reader sets ``owner`` (a Node) on each list it makes; for speed the
    class has no ``__init__`` of its own.
    """

    __slots__ = ("owner",)

    owner: Node | None

    def __reduce_ex__(self, protocol: SupportsIndex) -> Any:
        return _rebuild, (list(self), getattr(self, "owner", None))

    def __setitem__(self, index: Any, value: Any) -> None:
        mark(getattr(self, "owner", None))
        super().__setitem__(index, value)

    def __delitem__(self, index: Any) -> None:
        mark(getattr(self, "owner", None))
        super().__delitem__(index)

    def __iadd__(self, other: Iterable[T]) -> ModelList[T]:  # type: ignore[override,misc]
        mark(getattr(self, "owner", None))
        return super().__iadd__(other)

    def __imul__(self, count: SupportsIndex) -> ModelList[T]:
        mark(getattr(self, "owner", None))
        return super().__imul__(count)

    def append(self, value: T) -> None:
        mark(getattr(self, "owner", None))
        super().append(value)

    def extend(self, values: Iterable[T]) -> None:
        mark(getattr(self, "owner", None))
        super().extend(values)

    def insert(self, index: SupportsIndex, value: T) -> None:
        mark(getattr(self, "owner", None))
        super().insert(index, value)

    def pop(self, index: SupportsIndex = -1) -> T:
        mark(getattr(self, "owner", None))
        return super().pop(index)

    def remove(self, value: T) -> None:
        mark(getattr(self, "owner", None))
        super().remove(value)

    def clear(self) -> None:
        mark(getattr(self, "owner", None))
        super().clear()

    def sort(self, *args: Any, **kwargs: Any) -> None:
        mark(getattr(self, "owner", None))
        super().sort(*args, **kwargs)

    def reverse(self) -> None:
        mark(getattr(self, "owner", None))
        super().reverse()
