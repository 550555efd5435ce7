"""Rules for the diff: values libvirt generates, and how values are compared.

libvirt completes every definition it is given: it generates a UUID and
MAC addresses, assigns device addresses and aliases, adds the controllers
and input devices the machine implies, writes the default of an attribute
left out, resolves firmware to file paths. Read back, the definition holds
all that; compared naively with the document it came from, it would differ
on every run. Each rule below names one such value and why libvirt writes
it. A rule applies only when the desired side leaves the value out: a value
the desired side gives is always compared.

Five kinds of rules:

- :func:`value`: a field (attribute, text or element) of a model, that
  libvirt fills in when it is left out;
- :func:`default`: a field whose default libvirt writes, or leaves out
  when it is given: the default and its absence are the same;
- :func:`element`: any field holding a model of that class (``<address>``,
  ``<alias>``), wherever it appears;
- :func:`extra_items`: a repeated element, whose items beyond the matched
  ones are libvirt's (implicit controllers, inputs, consoles);
- :func:`output_only`: what libvirt reports but ignores on input (a
  running domain's ``id``, device aliases): never compared.

Each may restrict itself with ``when``: a predicate on the value libvirt
wrote (and the model that holds it), for a default libvirt always writes
the same way. ``docs/apply.md`` lists the rules, and a test checks that
each rule here is documented there.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable, Sequence
from typing import Any

from domxml.binding import Model, write_document
from domxml.binding.reflect import FieldSpec

__all__ = [
    "Equivalence",
    "Rule",
    "Rules",
    "default",
    "element",
    "extra_items",
    "output_only",
    "value",
]

Predicate = Callable[[Any, Model], bool]

#: Whether libvirt wrote a desired value as the actual one: (desired, actual,
#: the model holding the desired value, the model holding the actual one).
Equivalence = Callable[[Any, Any, Model, Model], bool]

GENERATED = "generated"
DEFAULT = "default"
EXTRA = "extra"
OUTPUT = "output"


@dataclasses.dataclass(frozen=True)
class Rule:
    """One value libvirt generates (or ignores); see the module's documentation.

    ``field`` ``"*"`` stands for every field of ``owner``.
    """

    owner: type[Model] | None
    field: str | None
    model: type[Model] | None
    reason: str
    when: Predicate | None = None
    kind: str = GENERATED

    @property
    def label(self) -> str:
        """How the rule is named in the documentation: ``Domain.uuid``, ``<alias>``..."""
        if self.owner is None:
            assert self.model is not None
            return f"<{self.model.__domxml__.tag}>"
        return f"{self.owner.__name__}.{self.field}"

    def applies(self, value: Any, holder: Model) -> bool:
        """Whether the value libvirt wrote is what this rule expects."""
        return self.when is None or bool(self.when(value, holder))


def value(owner: type[Model], field: str, reason: str, when: Any = None) -> Rule:
    """A field of ``owner`` (or a subclass) that libvirt fills in when it is left out.

    ``when``, if given, is the value libvirt writes, or a predicate on that
    value and the model holding it; without it, whatever libvirt wrote.
    """
    return Rule(owner, field, None, reason, _predicate(when))


def _predicate(expected: Any) -> Predicate | None:
    if expected is None or (callable(expected) and not isinstance(expected, Model)):
        return expected
    return _equals(expected)


def default(owner: type[Model], field: str, reason: str, expected: Any) -> Rule:
    """A field whose default libvirt writes out, or leaves out: either way, the same.

    ``expected`` is the default value, or a predicate on the value and the
    model holding it. Unlike :func:`value`, this works both ways: the
    desired side giving the default where libvirt writes nothing is not a
    change either.
    """
    return Rule(owner, field, None, reason, _predicate(expected), DEFAULT)


def _equals(expected: Any) -> Predicate:
    def when(actual: Any, _holder: Model) -> bool:
        return bool(actual == expected)

    if isinstance(expected, Model):
        xml = write_document(expected, "libvirt")
        shown = " ".join(line.strip() for line in xml.splitlines()).replace("> <", "><")

        # As written: a variant's own model of the element (a dir pool's
        # DirPoolSource) is the same value as the base model written alike.
        def when(actual: Any, _holder: Model) -> bool:
            return isinstance(actual, Model) and write_document(actual, "libvirt") == xml

    else:
        shown = repr(expected.value if isinstance(expected, enum.Enum) else expected)
    when.__doc__ = f"``{shown}``"
    return when


def element(model: type[Model], reason: str, when: Predicate | None = None) -> Rule:
    """Any field holding a ``model`` (or a subclass) that libvirt fills in when it is left out."""
    return Rule(None, None, model, reason, when)


def extra_items(owner: type[Model], field: str, reason: str, when: Predicate | None = None) -> Rule:
    """A repeated element of ``owner`` whose items beyond the desired ones libvirt adds.

    ``when`` is asked of each extra item.
    """
    return Rule(owner, field, None, reason, when, EXTRA)


def output_only(
    owner: type[Model] | None,
    field: str | None,
    reason: str,
    when: Predicate | None = None,
    *,
    model: type[Model] | None = None,
) -> Rule:
    """A field libvirt ignores on input (it reports state): never compared.

    ``owner`` and ``field`` name it, or ``model`` for any field holding that
    model. ``when`` is asked of each side's value; the field is compared
    when it says no for either.
    """
    return Rule(owner, field, model, reason, when, OUTPUT)


class Rules:
    """The rules, indexed for the diff's questions."""

    def __init__(
        self,
        rules: tuple[Rule, ...],
        *,
        normalisers: dict[tuple[type[Model], str], Callable[[Any], Any]] | None = None,
        default_units: dict[tuple[type[Model], str], str] | None = None,
        identities: dict[type[Model], Callable[[Model], Any]] | None = None,
        by_name: dict[str, Callable[[Any], Any]] | None = None,
        equivalences: dict[tuple[type[Model], str], Equivalence] | None = None,
        item_forms: dict[tuple[type[Model], str], Callable[[Sequence[Model]], Any]] | None = None,
    ) -> None:
        self.rules = rules
        self._item_forms = item_forms or {}
        self._equivalences = equivalences or {}
        self._by_name = by_name or {}
        self._normalisers = normalisers or {}
        self._default_units = default_units or {}
        self._identities = identities or {}
        self._fields: dict[tuple[str, type, str], list[Rule]] = {}
        self._models: dict[tuple[str, type], list[Rule]] = {}
        for rule in rules:
            if rule.owner is not None and rule.field is not None:
                self._fields.setdefault((rule.kind, rule.owner, rule.field), []).append(rule)
            elif rule.model is not None:
                self._models.setdefault((rule.kind, rule.model), []).append(rule)
        self._cache: dict[tuple[str, type, str, type | None], tuple[Rule, ...]] = {}

    def _find(self, kind: str, owner: type, f: FieldSpec, item: Any) -> tuple[Rule, ...]:
        item_type = type(item) if isinstance(item, Model) else None
        key = (kind, owner, f.py, item_type)
        found = self._cache.get(key)
        if found is None:
            rules: list[Rule] = []
            for cls in owner.__mro__:
                rules.extend(self._fields.get((kind, cls, f.py), ()))
                rules.extend(self._fields.get((kind, cls, "*"), ()))
            model = item_type or f.model
            if model is not None:
                for cls in model.__mro__:
                    rules.extend(self._models.get((kind, cls), ()))
            found = self._cache[key] = tuple(rules)
        return found

    def generated(self, owner: type[Model], f: FieldSpec, value: Any, holder: Model) -> bool:
        """Whether ``value``, which the desired side leaves out, is libvirt's own."""
        item = value[0] if isinstance(value, list) and value else value
        return any(
            rule.applies(value, holder)
            for kind in (GENERATED, DEFAULT)
            for rule in self._find(kind, owner, f, item)
        )

    def implied(self, owner: type[Model], f: FieldSpec, value: Any, holder: Model) -> bool:
        """Whether ``value``, given by the desired side and left out by libvirt, is the default."""
        item = value[0] if isinstance(value, list) and value else value
        return any(rule.applies(value, holder) for rule in self._find(DEFAULT, owner, f, item))

    def extra(self, owner: type[Model], f: FieldSpec, item: Any, holder: Model) -> bool:
        """Whether ``item``, an actual item the desired side does not have, is libvirt's own."""
        if self.generated(owner, f, [item], holder):
            return True
        return any(rule.applies(item, holder) for rule in self._find(EXTRA, owner, f, item))

    def output_only(
        self, owner: type[Model], f: FieldSpec, d: Model, dv: Any, a: Model, av: Any
    ) -> bool:
        """Whether the field is output only, so that neither side's value counts."""
        item = dv if dv is not None else av
        rules = self._find(OUTPUT, owner, f, item[0] if isinstance(item, list) and item else item)
        if not rules:
            return False
        return all(
            side is None or side == [] or any(rule.applies(side, holder) for rule in rules)
            for side, holder in ((dv, d), (av, a))
        )

    def normaliser(self, owner: type[Model], py: str) -> Callable[[Any], Any] | None:
        """How values of a field are brought to one form before comparing, if they need it."""
        for cls in owner.__mro__:
            found = self._normalisers.get((cls, py))
            if found is not None:
                return found
        return self._by_name.get(py)

    def equivalent(
        self, owner: type[Model], py: str, desired: Any, actual: Any, d: Model, a: Model
    ) -> bool:
        """Whether libvirt wrote ``desired`` as ``actual``: an alias it resolved, say.

        ``d`` and ``a`` are the models holding the two values.
        """
        for cls in owner.__mro__:
            found = self._equivalences.get((cls, py))
            if found is not None:
                return found(desired, actual, d, a)
        return False

    def same_items(
        self, owner: type[Model], py: str, desired: Sequence[Model], actual: Sequence[Model]
    ) -> bool:
        """Whether two lists of a repeated element say the same, written differently.

        Only for the lists that have a form (libvirt merges or splits their
        items): scheduler entries, say, compared as what each vCPU gets.
        """
        for cls in owner.__mro__:
            form = self._item_forms.get((cls, py))
            if form is not None:
                return bool(form(desired) == form(actual))
        return False

    def default_unit(self, where: tuple[type[Model], str] | None) -> str:
        """The unit of a size written without one, by the field that holds it."""
        if where is not None:
            owner, py = where
            for cls in owner.__mro__:
                unit = self._default_units.get((cls, py))
                if unit is not None:
                    return unit
        return "KiB"

    def identity(self, obj: Model) -> Any:
        """The key that tells ``obj`` from its siblings, or None when it has none."""
        for cls in type(obj).__mro__:
            key = self._identities.get(cls)
            if key is not None:
                return key(obj)
        return None
