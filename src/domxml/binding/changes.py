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


def _rebuild(items: list[Any], owner: Node | None) -> ModelList[Any]:
    """Unpickle or copy a :class:`ModelList` (its items first, then its owner)."""
    made: ModelList[Any] = ModelList(owner)
    list.extend(made, items)
    return made


class ModelList(list[T]):
    """The list type of repeated fields in parsed models: a change marks its owner."""

    __slots__ = ("owner",)

    def __init__(self, owner: Node | None = None) -> None:
        super().__init__()
        self.owner = owner

    def __reduce_ex__(self, protocol: SupportsIndex) -> Any:
        return _rebuild, (list(self), self.owner)

    def __setitem__(self, index: Any, value: Any) -> None:
        mark(self.owner)
        super().__setitem__(index, value)

    def __delitem__(self, index: Any) -> None:
        mark(self.owner)
        super().__delitem__(index)

    def __iadd__(self, other: Iterable[T]) -> ModelList[T]:  # type: ignore[override,misc]
        mark(self.owner)
        return super().__iadd__(other)

    def __imul__(self, count: SupportsIndex) -> ModelList[T]:
        mark(self.owner)
        return super().__imul__(count)

    def append(self, value: T) -> None:
        mark(self.owner)
        super().append(value)

    def extend(self, values: Iterable[T]) -> None:
        mark(self.owner)
        super().extend(values)

    def insert(self, index: SupportsIndex, value: T) -> None:
        mark(self.owner)
        super().insert(index, value)

    def pop(self, index: SupportsIndex = -1) -> T:
        mark(self.owner)
        return super().pop(index)

    def remove(self, value: T) -> None:
        mark(self.owner)
        super().remove(value)

    def clear(self) -> None:
        mark(self.owner)
        super().clear()

    def sort(self, *args: Any, **kwargs: Any) -> None:
        mark(self.owner)
        super().sort(*args, **kwargs)

    def reverse(self) -> None:
        mark(self.owner)
        super().reverse()
