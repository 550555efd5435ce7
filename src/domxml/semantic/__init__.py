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

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from lxml import etree

from domxml.semantic.domcaps import DomainCaps
from domxml.semantic.registry import CHECKS, ERROR, RULES, WARNING, Finding, Rule

__all__ = ["ERROR", "RULES", "WARNING", "Finding", "Rule", "Settings", "check", "rule_table"]

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

for _family in _FAMILIES:
    __import__(f"domxml.semantic.{_family}")


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


def _wanted(rule: Rule, settings: Settings) -> bool:
    if rule.id in settings.disabled:
        return False
    return rule.default or rule.id in settings.enabled


def check(root: etree._Element, settings: Settings | None = None) -> list[Finding]:
    """The semantic findings in a schema-valid ``<domain>`` (nothing for other roots)."""
    # The rules are libvirt's generic checks as the QEMU driver runs them,
    # and the QEMU driver's own: other drivers (Xen, LXC, bhyve, VMware...)
    # assign addresses and fill in defaults their own way.
    if root.tag != "domain" or root.get("type") not in QEMU_TYPES:
        return []
    from domxml.semantic.document import Doc

    settings = settings or Settings()
    doc = Doc(root, settings.capabilities)
    found: list[Finding] = []
    for rule, function in CHECKS:
        if not _wanted(rule, settings):
            continue
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


def rule_table() -> dict[str, str]:
    """Every semantic rule id with its one-line summary."""
    return {rule_id: rule.summary for rule_id, rule in RULES.items()}


def known(rule_ids: Iterable[str]) -> list[str]:
    """Those of ``rule_ids`` that are no rule (semantic, firmware or schema)."""
    from domxml.validation.lint import rules
    from domxml.validation.result import RULES as SCHEMA_RULES

    every = set(RULES) | set(rules()) | set(SCHEMA_RULES)
    return [rule_id for rule_id in rule_ids if rule_id not in every]


def describe(rules: Sequence[str] = ()) -> list[Rule]:
    """The rules named (every rule when none is named)."""
    return [RULES[r] for r in rules] if rules else list(RULES.values())
