"""Lint checks: problems a document's schema lets through, reported as warnings.

Schema validation says whether libvirt can parse a document; lint checks say
whether what it says makes sense (a UEFI guest writing its variables into
the shared template, a Secure Boot loader without SMM...). Each document
kind has lint modules, imported when a document of that kind is first
checked; a module provides ``RULES`` (rule id → one-line explanation) and
``check(root)``, which returns findings with ``rule``, ``message``,
``hint``, ``element`` and ``attribute``.

:func:`findings` runs them (the validator takes each kind's :func:`checks_for`
once and calls them itself); it turns each finding into an
:class:`~domxml.validation.result.Issue` of level ``warning`` (``error``
with ``strict``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import import_module
from types import ModuleType
from typing import Any

from lxml import etree

__all__ = ["LINTS", "Check", "checks_for", "findings", "rule_description", "rules"]

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


def findings(kind: str, root: etree._Element) -> list[Any]:
    """Every lint finding for a document of ``kind``, module by module."""
    found: list[Any] = []
    for check in checks_for(kind):
        found.extend(check(root))
    return found


def rules() -> dict[str, str]:
    """Every lint rule id (firmware and semantic), with its one-line explanation."""
    merged: dict[str, str] = {}
    for names in LINTS.values():
        for name in names:
            merged.update(_module(name).RULES)
    from domxml.semantic import rules as semantic_rules

    merged.update({rule_id: rule.summary for rule_id, rule in semantic_rules().items()})
    return merged


def rule_description(rule: str) -> str | None:
    """The explanation of a lint rule, or ``None`` if it is not one."""
    return rules().get(rule)
