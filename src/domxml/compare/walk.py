"""The diff's walk: two models compared field by field, from their declarations.

:func:`diff` and :func:`assumed`; :mod:`domxml.compare` says what counts as
a change.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from domxml.binding import Model
from domxml.binding.reflect import FieldSpec, Kind, blank, field_value, spec_of
from domxml.compare.change import ADD, CHANGE, REMOVE, Change
from domxml.compare.generated import RULES
from domxml.compare.record import is_record
from domxml.compare.rules import Rules
from domxml.compare.values import (
    alike,
    attr_value,
    canonical_element,
    common_base,
    empty,
    field_path,
    last_attr,
    last_field,
    last_text,
    own_fields,
    show,
    show_model,
    show_size,
    shown,
    size_bytes,
    size_field,
    tag,
    text_value,
    unknowns,
)
from domxml.errors import DomxmlError

__all__ = ["assumed", "diff"]


def diff(
    desired: Model, actual: Model, *, generated: bool = True, last: Model | None = None
) -> list[Change]:
    """The changes that turn ``actual`` into ``desired``, in document order.

    Both are models of the same root element (two domains, two networks...).
    With ``generated`` (the default), values libvirt generates on its own
    are not changes when ``desired`` leaves them out (see
    :mod:`domxml.compare.generated`); ``generated=False`` compares every
    field. ``last``, the document applied before (the last-applied record's),
    makes the diff three-way: what ``actual`` has, ``desired`` leaves out
    and ``last`` had, the user removed, and it is a removal even where a
    rule would take it for libvirt's own. Raises
    :class:`~domxml.DomxmlError` for documents of two kinds.
    """
    d_decl, a_decl = spec_of(type(desired)).decl, spec_of(type(actual)).decl
    if d_decl.qname != a_decl.qname:
        raise DomxmlError(f"cannot compare a <{d_decl.tag}> with a <{a_decl.tag}>")
    if last is not None and spec_of(type(last)).decl.qname != d_decl.qname:
        raise DomxmlError(f"cannot compare with a last-applied <{spec_of(type(last)).decl.tag}>")
    out: list[Change] = []
    _Differ(RULES if generated else Rules(())).model(
        desired, actual, "/" + tag(desired), None, out, None, last
    )
    return out


def assumed(desired: Model, actual: Model) -> list[str]:
    """The items ``actual`` has and ``desired`` lacks that a two-way diff takes for libvirt's.

    Controllers, inputs, consoles and the like, which libvirt adds on its
    own: without the document applied last, one of them the user removed
    cannot be told from one libvirt added. Their paths, in document order.
    """
    differ = _Differ(RULES)
    differ.assumed = []
    differ.model(desired, actual, "/" + tag(desired), None, [])
    return differ.assumed


class _Differ:
    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        #: How many differences the rules have let pass: a tie-breaker
        #: when pairing repeated elements.
        self.ignored = 0
        #: Where asked (:func:`assumed`): the paths of extra items taken for libvirt's.
        self.assumed: list[str] | None = None

    def model(
        self,
        d: Model,
        a: Model,
        path: str,
        where: tuple[type[Model], str] | None,
        out: list[Change],
        local: str | None = None,
        last: Model | None = None,
    ) -> None:
        d, a = alike(d, a)
        if type(d) is type(a):
            self.typed(d, a, type(d), path, where, out, last)
        else:
            # Two variants of one element (a file disk libvirt turned into a
            # block one): their common fields compared one by one, then what
            # only one variant has; elements with nothing in common, whole.
            base = common_base(type(d), type(a))
            if base is None:
                out.append(Change(path, CHANGE, show_model(d, local), show_model(a, local)))
                return
            self.typed(d, a, base, path, where, out)
            self.variant_only(d, a, base, path, out)
        self.unknown(d, a, path, out)

    def typed(
        self,
        d: Model,
        a: Model,
        cls: type[Model],
        path: str,
        where: tuple[type[Model], str] | None,
        out: list[Change],
        last: Model | None = None,
    ) -> None:
        """Compare the typed fields ``cls`` declares (both are instances of it).

        ``last`` is the element of the last-applied document at this place,
        if any (see :func:`diff`).
        """
        spec = spec_of(cls)
        skip: tuple[str, ...] = ()
        sized = size_field(spec)
        if sized is not None:
            skip = (sized[1], sized[0])
            number_f = spec.by_py[sized[0]]
            at = f"{path}/@{number_f.written}" if number_f.kind is Kind.ATTR else path
            self.size(d, a, sized, self.rules.default_unit(where), at, out, last)
        rules = self.rules
        for f in spec.attr_list:
            if f.py not in skip:
                dv, av = attr_value(d, f), attr_value(a, f)
                if not rules.output_only(cls, f, d, dv, a, av):
                    self.scalar(d, a, f, dv, av, field_path(path, f), out, last_attr(last, f))
        if spec.text is not None and spec.text.py not in skip:
            f = spec.text
            dv, av = text_value(d, f), text_value(a, f)
            if not rules.output_only(cls, f, d, dv, a, av):
                self.scalar(d, a, f, dv, av, field_path(path, f), out, last_text(last, f))
        for f in spec.elem_list:
            step = field_path(path, f)
            dv, av = field_value(d, f), field_value(a, f)
            if rules.output_only(cls, f, d, dv, a, av):
                continue
            lv = last_field(last, f)
            if f.kind is Kind.LEAF:
                if f.many:
                    self.leaves(d, a, f, dv, av, step, out, lv)
                else:
                    self.scalar(d, a, f, dv, av, step, out, lv)
            elif f.kind is Kind.ANY:
                ds, as_ = self.foreign(dv), self.foreign(av)
                if ds != as_ and not (
                    not ds
                    and not self.foreign(lv or ())
                    and self.passes(rules.generated(cls, f, av, a))
                ):
                    out.append(Change(step, CHANGE, " ".join(ds) or None, " ".join(as_) or None))
            elif f.many:
                self.items(d, a, f, dv, av, step, out, lv or [])
            elif (dv is None and av is None) or (
                dv is not None
                and av is not None
                and self.passes(rules.same_items(cls, f.py, [dv], [av]))
            ):
                continue
            elif dv is None:
                if lv is not None or (
                    not self.passes(rules.generated(cls, f, av, a))
                    and not self.absent(av, False, (cls, f.py), f.local)
                ):
                    out.append(Change(step, REMOVE, None, show_model(av, f.local)))
            elif av is None:
                if not self.passes(rules.implied(cls, f, dv, d)) and not self.absent(
                    dv, True, (cls, f.py), f.local
                ):
                    out.append(Change(step, ADD, show_model(dv, f.local), None))
            else:
                self.model(dv, av, step, (cls, f.py), out, f.local, lv)

    def variant_only(
        self,
        d: Model,
        a: Model,
        base: type[Model],
        path: str,
        out: list[Change],
    ) -> None:
        """Compare the fields of two sibling variants that their common ``base`` lacks.

        A field only one side's class declares is added or removed; one both
        declare (each variant its own ``<source>``) is compared as usual.
        """
        common = spec_of(base).by_py
        d_fields = [f for f in own_fields(type(d)) if f.py not in common]
        a_fields = {f.py: f for f in own_fields(type(a)) if f.py not in common}
        for f in d_fields:
            dv, step = field_value(d, f), field_path(path, f)
            other = a_fields.pop(f.py, None)
            av = field_value(a, f) if other is not None else None
            if isinstance(dv, Model) and isinstance(av, Model):
                self.model(dv, av, step, (type(d), f.py), out, f.local)
            elif shown(f, dv) != shown(f, av):
                op = ADD if empty(av) else REMOVE if empty(dv) else CHANGE
                out.append(Change(step, op, shown(f, dv), shown(f, av)))
        for f in a_fields.values():
            av = field_value(a, f)
            if not empty(av):
                out.append(Change(field_path(path, f), REMOVE, None, shown(f, av)))

    def foreign(self, elements: Sequence[Any]) -> list[str]:
        """Applications' elements (``<metadata>``'s), canonical, without domxml's record.

        The record (:mod:`domxml.apply.record`) is domxml's bookkeeping, not
        part of any document: it counts as a value the rules let pass, so
        that a ``<metadata>`` holding only the record is the same as none.
        """
        kept = [e for e in elements if not is_record(e)]
        self.passes(len(kept) < len(elements))
        return [canonical_element(e) for e in kept]

    def passes(self, allowed: bool) -> bool:
        """Count a difference the rules let pass."""
        if allowed:
            self.ignored += 1
        return allowed

    def absent(
        self, item: Model, desired: bool, where: tuple[type[Model], str], local: str
    ) -> bool:
        """Whether an element one side has is the same as none: all of it is libvirt's default.

        An element with no content at all (``<acpi/>``) is not: its presence
        is what it says.
        """
        before = self.ignored
        none = blank(type(item))
        changes: list[Change] = []
        if desired:
            self.model(item, none, "", where, changes, local)
        else:
            self.model(none, item, "", where, changes, local)
        return not changes and self.ignored > before

    def size(
        self,
        d: Model,
        a: Model,
        sized: tuple[str, str],
        unit: str,
        path: str,
        out: list[Change],
        last: Model | None = None,
    ) -> None:
        number, unit_name = sized
        db, ab = size_bytes(d, number, unit_name, unit), size_bytes(a, number, unit_name, unit)
        if db is not None and ab is not None:
            same = db == ab
        else:
            same = (getattr(d, number), getattr(d, unit_name)) == (
                getattr(a, number),
                getattr(a, unit_name),
            )
        if same:
            return
        shown_d, shown_a = show_size(d, number, unit_name), show_size(a, number, unit_name)
        if shown_d is None and self.passes(shown_a is None):
            return
        op = ADD if shown_a is None else REMOVE if shown_d is None else CHANGE
        had = last is not None and last.__dict__.get(number) is not None
        if (
            op == REMOVE
            and not had
            and self.passes(
                self.rules.generated(type(d), spec_of(type(d)).by_py[number], getattr(a, number), a)
            )
        ):
            return
        out.append(Change(path, op, shown_d, shown_a))

    def scalar(
        self,
        d: Model,
        a: Model,
        f: FieldSpec,
        dv: Any,
        av: Any,
        path: str,
        out: list[Change],
        lv: Any = None,
    ) -> None:
        owner = type(d)
        norm = self.rules.normaliser(owner, f.py)
        if norm is not None and dv is not None and av is not None and norm(dv) == norm(av):
            return
        if dv == av and type(dv) is type(av):
            return
        if dv is not None and av is not None and self.rules.equivalent(owner, f.py, dv, av, d, a):
            self.ignored += 1
            return
        if dv is None:
            if lv is not None or not self.passes(self.rules.generated(owner, f, av, a)):
                out.append(Change(path, REMOVE, None, show(f, av)))
        elif av is None:
            if not self.passes(self.rules.implied(owner, f, dv, d)):
                out.append(Change(path, ADD, show(f, dv), None))
        else:
            out.append(Change(path, CHANGE, show(f, dv), show(f, av)))

    def leaves(
        self,
        d: Model,
        a: Model,
        f: FieldSpec,
        dv: Sequence[Any],
        av: Sequence[Any],
        path: str,
        out: list[Change],
        lv: Sequence[Any] | None = None,
    ) -> None:
        if list(dv) == list(av):
            return
        if not dv and not lv and self.passes(self.rules.generated(type(d), f, list(av), a)):
            return
        if not av and self.passes(self.rules.implied(type(d), f, list(dv), d)):
            return
        shown_d = ", ".join(show(f, v) for v in dv) or None
        shown_a = ", ".join(show(f, v) for v in av) or None
        op = ADD if not av else REMOVE if not dv else CHANGE
        out.append(Change(path, op, shown_d, shown_a))

    def items(
        self,
        d: Model,
        a: Model,
        f: FieldSpec,
        dv: Sequence[Model],
        av: Sequence[Model],
        path: str,
        out: list[Change],
        lv: Sequence[Model] = (),
    ) -> None:
        owner = type(d)
        if not dv and not av:
            return
        where = (owner, f.py)
        # Which actual item each last-applied item became (three-way only).
        had = self.last_items(lv, av, where, f.local) if lv else {}
        if not dv and not had and self.passes(self.rules.generated(owner, f, list(av), a)):
            return
        if not av and self.passes(self.rules.implied(owner, f, list(dv), d)):
            return
        if self.passes(self.rules.same_items(owner, f.py, dv, av)):
            return
        pairs, extra = self.match(dv, av, where, f.local)
        index = {id(item): j for j, item in enumerate(av)}
        for i, (item, other) in enumerate(pairs):
            step = f"{path}[{i + 1}]"
            if other is not None:
                self.model(item, other, step, where, out, f.local, had.get(index[id(other)]))
            elif not self.absent(item, True, where, f.local):
                out.append(Change(step, ADD, show_model(item, f.local), None))
        for j, other in extra:
            step = f"{path}[{j + 1}]"
            if j in had:
                removed = True  # the user had it: removed from the document
            elif self.passes(self.rules.extra(owner, f, other, a)):
                removed = False
                if self.assumed is not None:
                    self.assumed.append(step)
            else:
                removed = not self.absent(other, False, where, f.local)
            if removed:
                out.append(Change(step, REMOVE, None, show_model(other, f.local)))

    def last_items(
        self,
        lv: Sequence[Model],
        av: Sequence[Model],
        where: tuple[type[Model], str],
        local: str,
    ) -> dict[int, Model]:
        """Which actual item (by index) each last-applied item is, as libvirt stored it.

        An actual item is a last-applied one when the two are of one
        identity and, but for what libvirt fills in, the same; or, failing
        that, when both name the same identity in full (a controller's type
        and index), changed since.
        """
        found: dict[int, Model] = {}
        left = list(range(len(av)))
        for item in lv:
            key = self.rules.identity(item)
            best: int | None = None
            best_cost = 0
            for j in left:
                other_key = self.rules.identity(av[j])
                if not _same_identity(key, other_key):
                    continue
                cost = self.cost(item, av[j], where, local)
                named = key is not None and other_key is not None and None not in key
                if (cost < 1000 or (named and key == other_key)) and (
                    best is None or cost < best_cost
                ):
                    best, best_cost = j, cost
            if best is not None:
                left.remove(best)
                found[best] = item
        return found

    def match(
        self,
        dv: Sequence[Model],
        av: Sequence[Model],
        where: tuple[type[Model], str],
        local: str,
    ) -> tuple[list[tuple[Model, Model | None]], list[tuple[int, Model]]]:
        """Pair each desired item with the actual one most like it; the actual ones left over.

        Items whose identities differ are never paired; among the others the
        one with the fewest changes wins, then the one with the fewest values
        the rules let pass, then the first.
        """
        left = list(range(len(av)))
        pairs: list[tuple[Model, Model | None]] = []
        for item in dv:
            best: int | None = None
            best_cost = 0
            key = self.rules.identity(item)
            for j in left:
                other = av[j]
                if not _same_identity(key, self.rules.identity(other)):
                    continue
                cost = self.cost(item, other, where, local)
                if best is None or cost < best_cost:
                    best, best_cost = j, cost
                    if cost == 0:
                        break
            if best is None:
                pairs.append((item, None))
            else:
                left.remove(best)
                pairs.append((item, av[best]))
        return pairs, [(j, av[j]) for j in left]

    def cost(self, d: Model, a: Model, where: tuple[type[Model], str], local: str) -> int:
        d, a = alike(d, a)
        if type(d) is not type(a):
            return 1_000_000
        before = self.ignored
        changes: list[Change] = []
        self.model(d, a, "", where, changes, local)
        passed = self.ignored - before
        self.ignored = before
        return len(changes) * 1000 + passed

    def unknown(self, d: Model, a: Model, path: str, out: list[Change]) -> None:
        """Compare what no typed field holds (each side by its own class's fields)."""
        d_attrs, d_elems, d_text = unknowns(d)
        a_attrs, a_elems, a_text = unknowns(a)
        for name in sorted(set(d_attrs) | set(a_attrs)):
            dv, av = d_attrs.get(name), a_attrs.get(name)
            if dv != av:
                op = ADD if av is None else REMOVE if dv is None else CHANGE
                out.append(Change(f"{path}/@{name}", op, dv, av))
        if d_elems != a_elems:
            out.append(
                Change(f"{path}/*", CHANGE, " ".join(d_elems) or None, " ".join(a_elems) or None)
            )
        if d_text != a_text:
            out.append(
                Change(f"{path}/text()", CHANGE, " ".join(d_text) or None, " ".join(a_text) or None)
            )


def _same_identity(key: Any, other: Any) -> bool:
    """Whether two identity keys may name the same item: each part equal, or unknown on a side."""
    if key is None or other is None:
        return True
    return all(x is None or y is None or x == y for x, y in zip(key, other, strict=True))
