"""Semantic diff of two documents of the same kind: what applying one to the other changes.

The walk is generic: it reads each model's declaration (``spec_of``) and
compares field by field, so every model, present or future, is covered.
Both sides are compared as typed values, not as text: ``bus='0x01'`` equals
``bus='1'``, ``<memory unit='GiB'>1</memory>`` equals ``<memory
unit='KiB'>1048576</memory>``, ``yes`` equals ``on`` where both mean true.
What libvirt fills in on its own, and the desired side leaves out, is not a
change: :mod:`domxml.apply.generated` lists those fields and why.

Repeated elements are matched by identity (a disk by its target, a
controller by type and index...) and then by likeness, so that a reordered
list, or devices libvirt inserted among the desired ones, are not changes.
What no typed field holds (unknown attributes and elements) is compared as
written, after canonicalisation; comments do not count. domxml's own
last-applied record in ``<metadata>`` (:mod:`domxml.apply.record`) is never
compared.

Given the document applied last (``last``), the diff is three-way, as
``kubectl apply`` is: what the actual side has and the desired side leaves
out is libvirt's own only when the last-applied document did not have it
either. One the last-applied document had is one the user removed, and a
removal, whatever the rules say (a controller, an input, a console libvirt
could have added, a value it could have filled in).
"""

from __future__ import annotations

import copy
import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree

from domxml.apply.generated import RULES
from domxml.apply.record import is_record
from domxml.apply.rules import Rules
from domxml.binding import Model
from domxml.binding.declare import Kind
from domxml.binding.node import NODE_ATTR, Node
from domxml.binding.spec import ClassSpec, FieldSpec, spec_of
from domxml.binding.writer import reset_scope, write_model
from domxml.errors import DomxmlError

__all__ = ["ADD", "CHANGE", "REMOVE", "Change", "diff"]

ADD = "add"
REMOVE = "remove"
CHANGE = "change"


@dataclass(frozen=True)
class Change:
    """One difference: what applying the desired document does at ``path``.

    ``op`` is ``"add"`` (the desired side has it, the actual side not),
    ``"remove"`` (the other way round) or ``"change"``; ``desired`` and
    ``actual`` are the written forms (a value, or an element's XML on one
    line), ``None`` on the side that lacks it.
    """

    path: str
    op: str
    desired: str | None
    actual: str | None

    def __str__(self) -> str:
        if self.op == ADD:
            return f"+ {self.path}: {self.desired}"
        if self.op == REMOVE:
            return f"- {self.path}: {self.actual}"
        return f"~ {self.path}: {self.actual} -> {self.desired}"

    def as_dict(self) -> dict[str, str | None]:
        """The change as JSON-ready data."""
        return {"path": self.path, "op": self.op, "desired": self.desired, "actual": self.actual}


def diff(
    desired: Model, actual: Model, *, generated: bool = True, last: Model | None = None
) -> list[Change]:
    """The changes that turn ``actual`` into ``desired``, in document order.

    Both are models of the same root element (two domains, two networks...).
    With ``generated`` (the default), values libvirt generates on its own
    are not changes when ``desired`` leaves them out (see
    :mod:`domxml.apply.generated`); ``generated=False`` compares every
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
        desired, actual, "/" + _tag(desired), None, out, None, last
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
    differ.model(desired, actual, "/" + _tag(desired), None, [])
    return differ.assumed


# -- values ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Raw:
    """A value as written, where the typed field could not read it."""

    text: str


def _tag(obj: Model) -> str:
    decl = spec_of(type(obj)).decl
    return f"{decl.prefix}:{decl.tag}" if decl.ns and decl.prefix else decl.tag


def _attr_value(obj: Model, f: FieldSpec) -> Any:
    """An attribute's typed value; its raw text when it was not understood; None when absent."""
    value = obj.__dict__[f.py]
    if value is not None:
        return value
    node: Node | None = obj.__dict__.get(NODE_ATTR)
    if node is not None and f.qname in node.bad:
        for name, raw in node.attrs:
            if name == f.qname:
                return _Raw(raw)
    return None


def _last_attr(last: Model | None, f: FieldSpec) -> Any:
    """An attribute's value in the last-applied document's element (None: absent, or no element)."""
    if last is None or f.py not in last.__dict__:
        return None
    return _attr_value(last, f)


def _last_text(last: Model | None, f: FieldSpec) -> Any:
    if last is None or f.py not in last.__dict__:
        return None
    return _text_value(last, f)


def _last_field(last: Model | None, f: FieldSpec) -> Any:
    """An element field's value (a model, a list, a leaf) in the last-applied document's element."""
    if last is None:
        return None
    return last.__dict__.get(f.py)


def _text_value(obj: Model, f: FieldSpec) -> Any:
    value = obj.__dict__[f.py]
    if value is not None:
        return value
    node: Node | None = obj.__dict__.get(NODE_ATTR)
    if node is not None and node.text is not None and not node.text[0].isspace():
        return _Raw(node.text[0])
    return None


def _show(f: FieldSpec, value: Any) -> str:
    """The written form of a typed value."""
    if isinstance(value, _Raw):
        return value.text
    try:
        return f.codec.encode(value)
    except TypeError:
        return str(value.value if isinstance(value, enum.Enum) else value)


def _one_line(xml: str) -> str:
    return " ".join(part.strip() for part in xml.splitlines() if part.strip()).replace("> <", "><")


def _alike(d: Model, a: Model) -> tuple[Model, Model]:
    """``d`` and ``a`` as models of one class, where one's class derives from the other's.

    A ``<filesystem>`` without ``type`` reads as the base class, libvirt's
    ``<filesystem type='mount'>`` as its variant: the base one is seen as
    the variant with the variant's own fields absent, so that the two are
    compared field by field (and a default ``type`` passes as one).
    """
    if type(d) is type(a):
        return d, a
    if issubclass(type(a), type(d)):
        return _as(d, type(a)), a
    if issubclass(type(d), type(a)):
        return d, _as(a, type(d))
    return d, a


def _common_base(d: type[Model], a: type[Model]) -> type[Model] | None:
    """The nearest class both derive from that declares their element; None if none does."""
    tag = spec_of(d).decl.qname
    for cls in d.__mro__:
        if cls is Model or not issubclass(a, cls):
            continue
        if issubclass(cls, Model) and spec_of(cls).decl.qname == tag:
            return cls
    return None


def _own_fields(cls: type[Model]) -> list[FieldSpec]:
    """The typed fields of ``cls``: attributes, text, elements (not unknown content)."""
    return [f for f in spec_of(cls).by_py.values() if f.kind is not Kind.ANY]


def _step(path: str, f: FieldSpec) -> str:
    if f.kind is Kind.ATTR:
        return f"{path}/@{f.written}"
    return f"{path}/text()" if f.kind is Kind.TEXT else f"{path}/{f.written}"


def _empty(value: Any) -> bool:
    return value is None or value == []


def _shown(f: FieldSpec, value: Any) -> str | None:
    """A field's value as written, for a change: a model's XML, a value's text."""
    if _empty(value):
        return None
    items = value if isinstance(value, list) else [value]
    return " ".join(
        show_model(item, f.local) if isinstance(item, Model) else _show(f, item) for item in items
    )


def _as(obj: Model, cls: type[Model]) -> Model:
    """A view of ``obj`` as an instance of its subclass ``cls`` (its fields; the others absent)."""
    spec = spec_of(cls)
    view = object.__new__(cls)
    view.__dict__.update(spec.blank)
    view.__dict__.update({name: [] for name in spec.lists})
    view.__dict__.update(obj.__dict__)
    return view


def show_model(obj: Model, local: str | None = None) -> str:
    """A model's XML on one line, as changes show an added or removed element.

    ``local`` is the element's name where the field holding it renames it.
    domxml's last-applied record is left out of a ``<metadata>``.
    """
    held = spec_of(type(obj)).any
    if held is not None and any(is_record(e) for e in obj.__dict__[held.py]):
        obj = copy.copy(obj)
        obj.__dict__[held.py] = [e for e in obj.__dict__[held.py] if not is_record(e)]
    out: list[str] = []
    reset_scope([])
    write_model(obj, out, "", True, local)
    return _one_line("".join(out))


def _foreign(el: Any) -> str:
    copy = etree.fromstring(etree.tostring(el, with_tail=False))
    for item in copy.iter():
        if item.text is not None and not item.text.strip():
            item.text = None
        if item.tail is not None and not item.tail.strip():
            item.tail = None
    etree.strip_elements(copy, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    return etree.tostring(copy, method="c14n").decode()


def _unknowns(obj: Model, spec: ClassSpec) -> tuple[dict[str, str], list[str], list[str]]:
    """What no typed field holds: attributes by name, elements and text, as written."""
    node: Node | None = obj.__dict__.get(NODE_ATTR)
    if node is None:
        return {}, [], []
    names = node.names or {}
    attrs = {names.get(n, n): raw for n, raw in node.attrs if n not in spec.attrs}
    elements: list[str] = []
    texts: list[str] = []
    for item in node.items:
        if isinstance(item, str):
            if type(item) is not str and item.strip():  # Text: mixed content
                texts.append(item.strip())
        elif isinstance(item, tuple):
            continue
        elif isinstance(getattr(item, "tag", None), str):
            elements.append(_foreign(item))
    return attrs, elements, texts


# -- sizes ----------------------------------------------------------------------------------


#: The names a size's number has beside its unit.
_SIZE_NUMBERS = ("value", "size", "memory", "usage")

#: The names of a size's unit attribute (a RAM filesystem's ``<source>`` says ``units``).
_SIZE_UNITS = ("unit", "units")


def _size_field(spec: ClassSpec) -> tuple[str, str] | None:
    """A size's number and unit fields: an integer beside a unit word (libvirt's scaledInteger)."""
    for unit_name in _SIZE_UNITS:
        unit = spec.by_py.get(unit_name)
        if unit is not None and unit.kind is Kind.ATTR:
            break
    else:
        return None
    for name in _SIZE_NUMBERS:
        number = spec.by_py.get(name)
        if (
            number is not None
            and number.kind in (Kind.TEXT, Kind.ATTR)
            and number.codec.python_type is int
        ):
            return name, unit_name
    return None


def _size_bytes(obj: Model, number: str, unit_name: str, default_unit: str) -> int | None:
    from domxml.models.domain.size import unit_scale

    value, unit = obj.__dict__[number], obj.__dict__[unit_name]
    if not isinstance(value, int):
        return None
    try:
        return int(value) * unit_scale(unit or default_unit)
    except ValueError:
        return None


def _show_size(obj: Model, number: str, unit_name: str) -> str | None:
    value, unit = obj.__dict__[number], obj.__dict__[unit_name]
    if value is None:
        return None
    return f"{value} {unit}" if unit else str(value)


# -- the walk -------------------------------------------------------------------------------


def _blank(cls: type[Model]) -> Model:
    """An instance of ``cls`` with no values: what an absent element compares as."""
    spec = spec_of(cls)
    obj = cls.__new__(cls)
    obj.__dict__.update(spec.blank)
    for name in spec.lists:
        obj.__dict__[name] = []
    return obj


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
        d, a = _alike(d, a)
        if type(d) is type(a):
            self.typed(d, a, type(d), path, where, out, last)
        else:
            # Two variants of one element (a file disk libvirt turned into a
            # block one): their common fields compared one by one, then what
            # only one variant has; elements with nothing in common, whole.
            base = _common_base(type(d), type(a))
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
        sized = _size_field(spec)
        if sized is not None:
            skip = (sized[1], sized[0])
            number_f = spec.by_py[sized[0]]
            at = f"{path}/@{number_f.written}" if number_f.kind is Kind.ATTR else path
            self.size(d, a, sized, self.rules.default_unit(where), at, out, last)
        rules = self.rules
        for f in spec.attr_list:
            if f.py not in skip:
                dv, av = _attr_value(d, f), _attr_value(a, f)
                if not rules.output_only(cls, f, d, dv, a, av):
                    self.scalar(d, a, f, dv, av, _step(path, f), out, _last_attr(last, f))
        if spec.text is not None and spec.text.py not in skip:
            f = spec.text
            dv, av = _text_value(d, f), _text_value(a, f)
            if not rules.output_only(cls, f, d, dv, a, av):
                self.scalar(d, a, f, dv, av, _step(path, f), out, _last_text(last, f))
        for f in spec.elem_list:
            step = _step(path, f)
            dv, av = d.__dict__[f.py], a.__dict__[f.py]
            if rules.output_only(cls, f, d, dv, a, av):
                continue
            lv = _last_field(last, f)
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
        d_fields = [f for f in _own_fields(type(d)) if f.py not in common]
        a_fields = {f.py: f for f in _own_fields(type(a)) if f.py not in common}
        for f in d_fields:
            dv, step = d.__dict__[f.py], _step(path, f)
            other = a_fields.pop(f.py, None)
            av = a.__dict__[f.py] if other is not None else None
            if isinstance(dv, Model) and isinstance(av, Model):
                self.model(dv, av, step, (type(d), f.py), out, f.local)
            elif _shown(f, dv) != _shown(f, av):
                op = ADD if _empty(av) else REMOVE if _empty(dv) else CHANGE
                out.append(Change(step, op, _shown(f, dv), _shown(f, av)))
        for f in a_fields.values():
            av = a.__dict__[f.py]
            if not _empty(av):
                out.append(Change(_step(path, f), REMOVE, None, _shown(f, av)))

    def foreign(self, elements: Sequence[Any]) -> list[str]:
        """Applications' elements (``<metadata>``'s), canonical, without domxml's record.

        The record (:mod:`domxml.apply.record`) is domxml's bookkeeping, not
        part of any document: it counts as a value the rules let pass, so
        that a ``<metadata>`` holding only the record is the same as none.
        """
        kept = [e for e in elements if not is_record(e)]
        self.passes(len(kept) < len(elements))
        return [_foreign(e) for e in kept]

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
        blank = _blank(type(item))
        changes: list[Change] = []
        if desired:
            self.model(item, blank, "", where, changes, local)
        else:
            self.model(blank, item, "", where, changes, local)
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
        db, ab = _size_bytes(d, number, unit_name, unit), _size_bytes(a, number, unit_name, unit)
        if db is not None and ab is not None:
            same = db == ab
        else:
            same = (d.__dict__[number], d.__dict__[unit_name]) == (
                a.__dict__[number],
                a.__dict__[unit_name],
            )
        if same:
            return
        shown_d, shown_a = _show_size(d, number, unit_name), _show_size(a, number, unit_name)
        if shown_d is None and self.passes(shown_a is None):
            return
        op = ADD if shown_a is None else REMOVE if shown_d is None else CHANGE
        had = last is not None and last.__dict__.get(number) is not None
        if (
            op == REMOVE
            and not had
            and self.passes(
                self.rules.generated(type(d), spec_of(type(d)).by_py[number], a.__dict__[number], a)
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
                out.append(Change(path, REMOVE, None, _show(f, av)))
        elif av is None:
            if not self.passes(self.rules.implied(owner, f, dv, d)):
                out.append(Change(path, ADD, _show(f, dv), None))
        else:
            out.append(Change(path, CHANGE, _show(f, dv), _show(f, av)))

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
        shown_d = ", ".join(_show(f, v) for v in dv) or None
        shown_a = ", ".join(_show(f, v) for v in av) or None
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
        d, a = _alike(d, a)
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
        d_attrs, d_elems, d_text = _unknowns(d, spec_of(type(d)))
        a_attrs, a_elems, a_text = _unknowns(a, spec_of(type(a)))
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
