"""Lint checks: problems a document's schema lets through, reported as warnings.

Schema validation says whether libvirt can parse a document; lint checks say
whether what it says makes sense (a UEFI guest writing its variables into
the shared template, a Secure Boot loader without SMM...). Each document
kind has lint modules, imported when a document of that kind is first
checked; a module provides ``RULES`` (rule id → one-line explanation) and
``check(root)``, which returns findings with ``rule``, ``message``,
``hint``, ``element`` and ``attribute``. A module may also provide
``MARKERS``, ASCII words (bytes) one of which every document it has a
finding for spells out: the validator then skips documents whose bytes hold
none of them (see :func:`may_find`), a search much cheaper than the checks'
walk of the tree.

:func:`findings` runs them (the validator takes each kind's :func:`checks_for`
once and calls them itself); it turns each finding into an
:class:`~domxml.validation.result.Issue` of level ``warning`` (``error``
with ``strict``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from importlib import import_module
from types import ModuleType
from typing import Any

from lxml import etree

__all__ = [
    "LINTS",
    "Check",
    "checks_for",
    "findings",
    "markers_for",
    "may_find",
    "rule_description",
    "rules",
]

Check = Callable[[etree._Element], list[Any]]
"""A lint module's ``check``: the findings in a document, given its root."""

#: Lint modules by document kind.
LINTS: dict[str, tuple[str, ...]] = {
    "domain": ("domxml.firmware.lint",),
}


@cache
def _module(name: str) -> ModuleType:
    # Looked up once: import_module() costs microseconds even when imported.
    return import_module(name)


def checks_for(kind: str) -> tuple[Check, ...]:
    """The ``check`` functions of the lint modules for documents of ``kind``."""
    return tuple(_module(name).check for name in LINTS.get(kind, ()))


def markers_for(kind: str) -> tuple[bytes, ...] | None:
    """The ``MARKERS`` of every lint module for ``kind``; ``None`` if one has none."""
    markers: list[bytes] = []
    for name in LINTS.get(kind, ()):
        found = getattr(_module(name), "MARKERS", None)
        if found is None:
            return None
        markers.extend(found)
    return tuple(markers)


def may_find(data: bytes, markers: tuple[bytes, ...] | None) -> bool:
    """Whether checks with these ``markers`` may find anything in the document ``data``.

    ``False`` only when none of the markers is in ``data`` and the bytes
    surely spell its names and values as they are: ASCII without NUL (which
    UTF-16 and UTF-32 would hold), no character or entity reference (``&``),
    and no declared encoding but UTF-8, ASCII or ISO-8859.
    """
    if markers is None:
        return True
    for marker in markers:
        if marker in data:
            return True
    if not data.isascii() or b"\0" in data or b"&" in data:
        return True
    if data.startswith(b"<?xml"):
        declaration = data[: data.find(b"?>")]
        if b"encoding" in declaration and not _ascii_encoding().search(declaration):
            return True
    return False


@cache
def _ascii_encoding() -> re.Pattern[bytes]:
    """A declaration's encoding that writes ASCII text as ASCII bytes."""
    return re.compile(
        rb"""encoding\s*=\s*["'](?:utf-?8|(?:us-)?ascii|iso-?8859-[0-9]+|latin-?1)["']""",
        re.IGNORECASE,
    )


def findings(kind: str, root: etree._Element) -> list[Any]:
    """Every lint finding for a document of ``kind``, module by module."""
    found: list[Any] = []
    for check in checks_for(kind):
        found.extend(check(root))
    return found


def rules() -> dict[str, str]:
    """Every lint rule id, with its one-line explanation."""
    merged: dict[str, str] = {}
    for names in LINTS.values():
        for name in names:
            merged.update(_module(name).RULES)
    return merged


def rule_description(rule: str) -> str | None:
    """The explanation of a lint rule, or ``None`` if it is not one."""
    return rules().get(rule)
