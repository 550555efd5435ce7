"""Size units as libvirt reads them (its ``virScaleInteger``), with no other import.

The models' sizes (:class:`domxml.models.domain.size.Size`), the semantic
rules (which read documents with lxml alone, to keep ``domxml validate``'s
start-up small) and the native-format converters all scale by this one
table.
"""

from __future__ import annotations

# A unit is b/byte/bytes, or one of k m g t p e (any case), alone or
# followed by "iB" (powers of 1024) or "B" (powers of 1000).
_SCALES: dict[str, tuple[int, int]] = {
    letter: (1024**power, 1000**power) for power, letter in enumerate("kmgtpe", start=1)
}


def unit_scale(unit: str) -> int:
    """Bytes in one ``unit`` (``"KiB"`` → 1024, ``"KB"`` → 1000, ``"G"`` → 1024**3).

    Raises ``ValueError`` for a word libvirt does not accept as a unit.
    """
    lowered = unit.lower()
    if lowered in ("b", "byte", "bytes"):
        return 1
    scales = _SCALES.get(lowered[:1])
    rest = lowered[1:]
    if scales is None or rest not in ("", "ib", "b"):
        raise ValueError(f"not a size unit: {unit!r}")
    binary, decimal = scales
    return decimal if rest == "b" else binary
