"""Knowing, in constant time, that no model changed since a document was parsed.

Every assignment to a model's attribute and every change to a list the
parser made bumps one process-wide generation counter. A parsed document
records the generation it was made at; while the counter has not moved,
nothing in it can have changed, and writing it as parsed can return its
source text as it was. Any change anywhere only costs that shortcut, never
correctness.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any, SupportsIndex, TypeVar

_counter = itertools.count(1)
_generation = [0]

T = TypeVar("T")


def generation() -> int:
    """The current generation: it moves whenever any model or parsed list changes."""
    return _generation[0]


def bump() -> None:
    """Record that some model changed."""
    _generation[0] = next(_counter)


class ModelList(list[T]):
    """The list type of repeated fields in parsed models: a list that reports changes."""

    __slots__ = ()

    def __setitem__(self, index: Any, value: Any) -> None:
        bump()
        super().__setitem__(index, value)

    def __delitem__(self, index: Any) -> None:
        bump()
        super().__delitem__(index)

    def __iadd__(self, other: Iterable[T]) -> ModelList[T]:  # type: ignore[override,misc]
        bump()
        return super().__iadd__(other)

    def __imul__(self, count: SupportsIndex) -> ModelList[T]:
        bump()
        return super().__imul__(count)

    def append(self, value: T) -> None:
        bump()
        super().append(value)

    def extend(self, values: Iterable[T]) -> None:
        bump()
        super().extend(values)

    def insert(self, index: SupportsIndex, value: T) -> None:
        bump()
        super().insert(index, value)

    def pop(self, index: SupportsIndex = -1) -> T:
        bump()
        return super().pop(index)

    def remove(self, value: T) -> None:
        bump()
        super().remove(value)

    def clear(self) -> None:
        bump()
        super().clear()

    def sort(self, *args: Any, **kwargs: Any) -> None:
        bump()
        super().sort(*args, **kwargs)

    def reverse(self) -> None:
        bump()
        super().reverse()
