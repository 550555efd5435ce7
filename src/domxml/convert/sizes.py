"""The compact data form of sizes (libvirt's scaledInteger): ``"2097152 KiB"``.

A size with a unit is written as one string, the number and the unit as
the document has them (``"4 GiB"``, ``"2097152 KiB"``, ``"10 G"``); one
without a unit as a plain number. A size that carries anything else (an
attribute of its own such as ``dumpCore``, or written forms to keep) stays
an object: ``{"value": 4, "unit": "GiB", "dump_core": true}``.
"""

from __future__ import annotations

import re
from typing import Any

from domxml.binding.dictform import CompactForm, register_compact
from domxml.models.domain.size import Size
from domxml.models.storage.common import ScaledInteger

_TEXT = re.compile(r"\s*(\d+)\s*([A-Za-z]+)?\s*")
_UNIT = re.compile(r"[A-Za-z]+")


def _dump(data: dict[str, Any]) -> Any:
    value = data.get("value")
    unit = data.get("unit")
    if not isinstance(value, int) or isinstance(value, bool) or set(data) - {"value", "unit"}:
        return None
    if unit is None:
        return value
    if value < 0 or not isinstance(unit, str) or not _UNIT.fullmatch(unit):
        return None  # an odd unit stays an object, so that it reads back the same
    return f"{value} {unit}"


def _load(value: Any) -> dict[str, Any]:
    if isinstance(value, int) and not isinstance(value, bool):
        return {"value": value}
    if isinstance(value, str):
        match = _TEXT.fullmatch(value)
        if match:
            number, unit = match.groups()
            return {"value": int(number), "unit": unit} if unit else {"value": int(number)}
    raise ValueError(f"not a size: {value!r} (expected e.g. '4 GiB', 4194304 or an object)")


SIZE_FORM = CompactForm(
    dump=_dump,
    load=_load,
    schema={
        "anyOf": [
            {"type": "integer", "description": "a number of the default unit"},
            {
                "type": "string",
                "pattern": r"^\s*[0-9]+\s*[A-Za-z]+\s*$",
                "description": "a number and its unit: '4 GiB', '2097152 KiB', '10G'",
            },
        ]
    },
)

register_compact(Size, SIZE_FORM)
register_compact(ScaledInteger, SIZE_FORM)
