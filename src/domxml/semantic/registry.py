"""The rule registry: every semantic rule's id, severity, family and words.

A rule is a plain function of a :class:`~domxml.semantic.document.Doc`
that yields :class:`Hit` s; :func:`rule` registers it with its metadata.
The runner turns each hit into a :class:`Finding` carrying the rule's id,
its level and its hint.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple

from lxml import etree

if TYPE_CHECKING:
    from domxml.semantic.document import Doc

__all__ = ["ERROR", "RULES", "WARNING", "Check", "Finding", "Hit", "Rule", "rule"]

ERROR = "error"
"""libvirt refuses the document (when it is defined, or when it starts)."""
WARNING = "warning"
"""libvirt may refuse it, or it will not do what it says (depends on the host)."""


class Rule(NamedTuple):
    """What a rule is: its id and the words the reports and docs/lint.md use."""

    id: str
    severity: str
    """:data:`ERROR` or :data:`WARNING` (a hit may lower it to a warning)."""
    family: str
    """The module it lives in: ``addresses``, ``controllers``, ``memory``..."""
    summary: str
    """One line: what the rule checks."""
    libvirt: str
    """libvirt's own message for the refusal, ``%s`` where it names things."""
    hint: str
    """What to do about it."""
    default: bool = True
    """Whether it runs without ``--enable``."""
    when: str = "define"
    """When libvirt refuses: ``define``, ``start``, or ``host`` (domain capabilities)."""
    needs: tuple[str, ...] = ()
    """Element names one of which the document must hold for the rule to apply
    (empty: always). The runner skips the rule otherwise, without calling it:
    most documents use few of libvirt's features."""


class Hit(NamedTuple):
    """What a rule function yields: the element at fault and the message."""

    element: etree._Element
    message: str
    attribute: str | None = None
    hint: str | None = None
    """Replaces the rule's hint."""
    level: str | None = None
    """Replaces the rule's severity (a doubtful case is a warning)."""


class Finding(NamedTuple):
    """One semantic problem, as the validation engine reports it."""

    rule: str
    message: str
    element: etree._Element
    attribute: str | None = None
    hint: str = ""
    level: str = ERROR


Check = Callable[["Doc"], Iterable[Hit]]
"""A rule function."""

RULES: dict[str, Rule] = {}
"""Every rule, by id, in registration order."""
CHECKS: list[tuple[Rule, Check]] = []
"""Every rule with its function."""


def rule(
    rule_id: str,
    severity: str,
    summary: str,
    libvirt: str = "",
    hint: str = "",
    *,
    default: bool = True,
    when: str = "define",
    needs: tuple[str, ...] = (),
) -> Callable[[Check], Check]:
    """Register the decorated function as rule ``rule_id`` of its module's family.

    ``needs``: element names the rule reads, one of which must be in the
    document for the rule to run (see :attr:`Rule.needs`).
    """

    def register(function: Check) -> Check:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id!r} registered twice")
        family = function.__module__.rsplit(".", 1)[-1]
        found = Rule(rule_id, severity, family, summary, libvirt, hint, default, when, needs)
        RULES[rule_id] = found
        CHECKS.append((found, function))
        return function

    return register
