"""Semantic rules: what libvirt refuses in a schema-valid domain, found offline.

libvirt's schema says whether it can parse a document; its own code then
refuses many parsed documents when they are defined (two devices on one
PCI address, a q35 machine with a ``pci-root``...) or started. Each rule
here foresees one such refusal, in libvirt's words, at the node at fault:

>>> from lxml import etree
>>> from domxml import semantic
>>> root = etree.fromstring("<domain type='kvm'>...</domain>")  # doctest: +SKIP
>>> for finding in semantic.check(root):  # doctest: +SKIP
...     print(finding.rule, finding.level, finding.message)

Rules are grouped by family, one module each (:mod:`.addresses`,
:mod:`.controllers`, :mod:`.memory`, :mod:`.cpu`, :mod:`.boot`,
:mod:`.duplicates`, :mod:`.devices`, :mod:`.features`, :mod:`.security`,
:mod:`.host`); :mod:`.registry` holds their ids, severities and words;
:mod:`.domcaps` reads domain capabilities for the host-aware rules.
``domxml validate`` runs them on schema-valid domains (see docs/lint.md).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from lxml import etree

from domxml.semantic.registry import CHECKS, ERROR, RULES, WARNING, Check, Finding, Rule

if TYPE_CHECKING:
    from domxml.semantic.domcaps import DomainCaps

__all__ = [
    "ERROR",
    "QEMU_TYPES",
    "WARNING",
    "Finding",
    "Rule",
    "Settings",
    "check",
    "known",
    "rules",
    "settings",
]

_FAMILIES = (
    "addresses",
    "controllers",
    "memory",
    "cpu",
    "boot",
    "duplicates",
    "devices",
    "chardevs",
    "disks",
    "features",
    "security",
    "host",
)


@cache
def _load() -> None:
    """Import the rule modules (they register themselves), once, when first needed."""
    from importlib import import_module

    for family in _FAMILIES:
        import_module(f"domxml.semantic.{family}")


def rules() -> dict[str, Rule]:
    """Every semantic rule, by id, in the order they run."""
    _load()
    return dict(RULES)


#: The domain types libvirt's QEMU driver runs.
QEMU_TYPES = ("qemu", "kvm", "hvf")


class Settings(NamedTuple):
    """Which rules run, and what they know of the host."""

    disabled: frozenset[str] = frozenset()
    """Rule ids not to run (``--disable``)."""
    enabled: frozenset[str] = frozenset()
    """Rule ids off by default to run too (``--enable``)."""
    capabilities: tuple[DomainCaps, ...] = ()
    """Domain capabilities (``--domcaps``); the one matching a domain is used."""
    schema_only: bool = False
    """Check the schema alone: no semantic nor lint rule (``--schema-only``)."""
    whole_host: bool = False
    """Whether :attr:`capabilities` are all the host offers (``-c URI``): then a
    domain type missing from them (``kvm`` without KVM) is missing on the host."""


def settings(
    domcaps: Iterable[str | bytes | os.PathLike[str]] = (),
    disable: Iterable[str] = (),
    enable: Iterable[str] = (),
    schema_only: bool = False,
    whole_host: bool = False,
) -> Settings:
    """Settings from domain capabilities files (or their bytes) and rule ids.

    Raises :class:`~domxml.errors.ParseError` for an unreadable or malformed
    capabilities document, and :class:`ValueError` naming unknown rule ids.
    """
    from domxml.semantic.domcaps import load

    disabled, enabled = frozenset(disable), frozenset(enable)
    unknown = known(disabled | enabled)
    if unknown:
        raise ValueError("unknown rule id: " + ", ".join(sorted(unknown)))
    capabilities = tuple(load(Path(c) if isinstance(c, os.PathLike) else c) for c in domcaps)
    return Settings(disabled, enabled, capabilities, schema_only, whole_host)


def _wanted(rule: Rule, settings: Settings) -> bool:
    if rule.id in settings.disabled:
        return False
    if rule.when == "host" and not settings.capabilities:
        return False
    return rule.default or rule.id in settings.enabled


_Entry = tuple[int, Rule, Check]
_Index = tuple[tuple[_Entry, ...], dict[str, tuple[_Entry, ...]]]

#: The rules to run, by settings (a run has one or two settings): those that
#: always run, and those that need an element, by element name.
_ACTIVE: dict[Settings, _Index] = {}


def _order(entry: _Entry) -> int:
    return entry[0]


def _active(settings: Settings) -> _Index:
    """The rules ``settings`` runs (numbered in order), always or by element name."""
    found = _ACTIVE.get(settings)
    if found is None:
        _load()
        always: list[_Entry] = []
        by_tag: dict[str, list[_Entry]] = {}
        for number, (rule, function) in enumerate(CHECKS):
            if not _wanted(rule, settings):
                continue
            entry = (number, rule, function)
            if not rule.needs:
                always.append(entry)
            for tag in rule.needs:
                by_tag.setdefault(tag, []).append(entry)
        found = (tuple(always), {tag: tuple(items) for tag, items in by_tag.items()})
        _ACTIVE[settings] = found
    return found


def check(root: etree._Element, given: Settings | None = None) -> list[Finding]:
    """The semantic findings in a schema-valid ``<domain>`` (nothing for other roots)."""
    # The rules are libvirt's generic checks as the QEMU driver runs them,
    # and the QEMU driver's own: other drivers (Xen, LXC, bhyve, VMware...)
    # assign addresses and fill in defaults their own way.
    if root.tag != "domain" or root.get("type") not in QEMU_TYPES:
        return []
    from domxml.semantic.document import Doc

    chosen = given or Settings()
    doc = Doc(root, chosen.capabilities, chosen.whole_host)
    # Every element name of the document, in one pass in C: a rule runs
    # only when the document holds an element it reads.
    present = {element.tag for element in root.iter(etree.Element)}
    always, by_tag = _active(chosen)
    chosen_rules = set(always)
    for tag in present & by_tag.keys():
        chosen_rules.update(by_tag[tag])
    found: list[Finding] = []
    for _, rule, function in sorted(chosen_rules, key=_order):
        for hit in function(doc):
            found.append(
                Finding(
                    rule.id,
                    hit.message,
                    hit.element,
                    hit.attribute,
                    rule.hint if hit.hint is None else hit.hint,
                    hit.level or rule.severity,
                )
            )
    return found


def known(rule_ids: Iterable[str]) -> list[str]:
    """Those of ``rule_ids`` that are no lint rule (semantic or firmware): unknown ids."""
    from domxml.validation.lint import rules as lint_rules

    every = set(rules()) | set(lint_rules())
    return [rule_id for rule_id in rule_ids if rule_id not in every]


def describe(names: Sequence[str] = ()) -> list[Rule]:
    """The rules named (every rule when none is named)."""
    every = rules()
    return [every[name] for name in names] if names else list(every.values())
