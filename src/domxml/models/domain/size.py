"""Sizes with a unit: libvirt's ``scaledInteger`` (``<memory unit='KiB'>2097152</memory>``).

A size keeps the unit it was written with: changing ``value`` changes the
number of units, never the unit. :meth:`Size.to_bytes` and friends give
the exact size whatever the unit, as libvirt computes it.
"""

from __future__ import annotations

import re
from typing import Self

from domxml.binding import Model, attr, element, text
from domxml.models.types import ULong, Unit
from domxml.units import unit_scale

_SIZE_TEXT = re.compile(r"(\d+)\s*([A-Za-z]*)")


@element("size")
class Size(Model):
    """An integer and its ``unit`` (libvirt's scaledInteger).

    One class serves elements of this shape under whatever name a parent
    gives it (``<currentMemory>``, ``<max_size>``...). ``unit`` is kept as
    written (``KiB``, ``k``, ``MiB``, ``G``, ``bytes``, ``KB``...); when it
    is absent the element's default applies: KiB for a domain's memory,
    bytes for a cache size.
    """

    unit: Unit | None = attr(
        doc="b, bytes, k/KiB (1024), KB (1000), M, MiB, G, GiB, T, P, E...", default=None
    )
    value: ULong | None = text(doc="the number of units")

    @classmethod
    def of(cls, text: str) -> Self:
        """A size from ``"2 GiB"``, ``"512MiB"``, ``"4096 KiB"`` or ``"1048576"`` (KiB).

        The unit is kept as given: ``Memory.of("2 GiB")`` is written
        ``<memory unit='GiB'>2</memory>``.
        """
        match = _SIZE_TEXT.fullmatch(text.strip())
        if match is None:
            raise ValueError(f"not a size: {text!r} (expected e.g. '2 GiB')")
        number, unit = match.groups()
        if unit:
            unit_scale(unit)  # refuses a word that is not a unit
        return cls(value=int(number), unit=unit or None)

    def to_bytes(self, default_unit: str = "KiB") -> int:
        """The exact size in bytes; ``default_unit`` applies when no unit is written."""
        if self.value is None:
            raise ValueError("the size has no value")
        return self.value * unit_scale(self.unit or default_unit)

    def to_kib(self, default_unit: str = "KiB") -> int:
        """The size in KiB, rounded up as libvirt stores memory sizes."""
        return -(-self.to_bytes(default_unit) // 1024)

    def set_bytes(self, nbytes: int, default_unit: str = "KiB") -> None:
        """Set the size to ``nbytes`` bytes, expressed in the unit already written.

        Raises ``ValueError`` when ``nbytes`` is not a whole number of that unit.
        """
        scale = unit_scale(self.unit or default_unit)
        count, rest = divmod(nbytes, scale)
        if rest:
            raise ValueError(f"{nbytes} bytes is not a whole number of {self.unit or default_unit}")
        self.value = count
