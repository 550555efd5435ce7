"""The order in which a model's attributes and content are written.

For a parsed model, the source's order is kept; values the program added
go where libvirt's order puts them relative to the parsed ones, and values
it did not change keep their written form. For a model built in code (or
with ``libvirt=True``) the order is the declaration's, which is libvirt's.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from domxml.binding.declare import Kind
from domxml.binding.node import Node, Text, attr_pairs
from domxml.binding.notes import has_notes, place_notes
from domxml.binding.pending import element, settle
from domxml.binding.pending import unread as pending_unread
from domxml.binding.spec import UNKNOWN, ClassSpec, FieldSpec

#: Entry kinds; VERBATIM (only from :func:`sourced_content`) is a source
#: child written as its source text; INLINE (only in libvirt's order) a
#: comment or PI written on the line of the entry before it.
MODEL, LEAF, FOREIGN, TEXT, VERBATIM, INLINE, PENDING = range(7)

Entry = tuple[int, Any, Any]  # (kind, written name or FieldSpec, payload)
#: An entry and the index of the source child it stands for (-1: none, it is new).
SourcedEntry = tuple[int, Any, Any, int]


def _encode(f: FieldSpec, value: Any, parsed: Any, raw: str) -> str:
    if parsed is not UNKNOWN and value == parsed and type(value) is type(parsed):
        return raw
    return f.codec.encode(value)


def _keep(f: FieldSpec, value: Any, raw: str, bad: frozenset[str]) -> str:
    """The written form of an attribute's value: its source text while that still means it.

    The value's own written form is tried first: it is the source text in
    almost every case, which spares decoding the source text again. A codec
    with one form per value (a word, an enumeration) has no other.
    """
    if f.plain and type(value) is str:
        return value
    written = f.codec.encode(value)
    if written == raw or f.one_form or f.qname in bad:
        return written
    try:
        parsed = f.codec.decode(raw)
    except ValueError:
        return written
    if parsed == value and type(parsed) is type(value):
        return raw
    return written


def ordered_attrs(
    obj: Any, spec: ClassSpec, node: Node | None, libvirt: bool
) -> list[tuple[str, str]]:
    """``(written name, written value)`` of each attribute, in writing order."""
    d = obj.__dict__
    out: list[tuple[str, str]] = []
    if node is None or not node.attrs:
        for f in spec.attr_list:
            v = d.get(f.py)
            if v is not None:
                out.append((f.written, f.codec.encode(v)))
        return out
    fields = spec.attrs
    names = node.names or {}
    bad = node.bad
    raws = dict(attr_pairs(node))
    if libvirt:
        for f in spec.attr_list:
            v = d.get(f.py)
            raw = raws.get(f.qname)
            if v is not None:
                out.append((f.written, f.codec.encode(v) if raw is None else _keep(f, v, raw, bad)))
            elif raw is not None and f.qname in bad:
                out.append((f.written, raw))
        out.extend(
            (names.get(name, name), raw) for name, raw in attr_pairs(node) if name not in fields
        )
        return out
    added = [f for f in spec.attr_list if f.qname not in raws and d.get(f.py) is not None]
    for name, raw in attr_pairs(node):
        found = fields.get(name)
        if found is None:
            out.append((names.get(name, name), raw))
            continue
        f = found
        while added and added[0].index < f.index:
            p = added.pop(0)
            out.append((p.written, p.codec.encode(d.get(p.py))))
        v = d.get(f.py)
        if v is not None:
            out.append((f.written, _keep(f, v, raw, bad)))
        elif name in bad:
            out.append((name, raw))
    for p in added:
        out.append((p.written, p.codec.encode(d.get(p.py))))
    return out


def _field_entries(f: FieldSpec, value: Any, out: list[Entry]) -> None:
    kind = f.entry
    items = value if f.many else (value,)
    for item in items:
        out.append((kind, f, f.codec.encode(item) if kind == LEAF else item))


def _interleaved(
    spec: ClassSpec,
    group: tuple[str, ...],
    d: dict[str, Any],
    node: Node,
    out: list[Entry],
    keys: list[Any],
) -> None:
    """The items of a group of repeated model fields: parsed ones in parsed order, then added.

    Each item's key, ``(field name, occurrence)``, goes to ``keys``.
    """
    fields = [spec.by_py[py] for py in group]
    taken = dict.fromkeys(group, 0)
    for item in node.items:
        if type(item) is str and item in taken:
            values = d[item]  # a list: always held
            k = taken[item]
            if k < len(values):
                out.append((MODEL, spec.by_py[item], values[k]))
                keys.append((item, k))
                taken[item] = k + 1
    for f in fields:
        for k, extra in enumerate((d.get(f.py) or [])[taken[f.py] :], taken[f.py]):
            out.append((MODEL, f, extra))
            keys.append((f.py, k))


def _followed(rule: tuple[str, str, str, str], out: list[Entry]) -> list[Entry]:
    """The entries with each item of a follower field right after the leader item it names.

    ``rule`` is ``(field, key, leader, leader_key)`` (see ``element(follows=...)``);
    the k-th follower with a key goes after the k-th leader with that key. A
    follower naming no leader stays after the last leader item.
    """
    field, key, leader, leader_key = rule

    def of(entry: Entry, name: str) -> bool:
        return entry[0] == MODEL and isinstance(entry[1], FieldSpec) and entry[1].py == name

    waiting: dict[Any, list[Entry]] = {}
    for entry in out:
        if of(entry, field):
            waiting.setdefault(getattr(entry[2], key), []).append(entry)
    if not waiting:
        return out
    result: list[Entry] = []
    after_leaders = None
    for entry in out:
        if of(entry, field):
            continue
        result.append(entry)
        if of(entry, leader):
            queue = waiting.get(getattr(entry[2], leader_key))
            if queue:
                result.append(queue.pop(0))
            after_leaders = len(result)
    if after_leaders is None:
        return out
    unplaced = {id(entry) for queue in waiting.values() for entry in queue}
    left = [entry for entry in out if id(entry) in unplaced]
    return result[:after_leaders] + left + result[after_leaders:]


def _parsed_and_added(
    spec: ClassSpec, d: dict[str, Any], node: Node
) -> tuple[dict[str, int], list[FieldSpec]]:
    """Where each parsed field's last item stood, and the fields the program added since."""
    last: dict[str, int] = {}
    for i, item in enumerate(node.items):
        if type(item) is str:
            last[item] = i
        elif type(item) is tuple:
            last[item[0]] = i
    added = [
        f
        for f in spec.elem_list
        if f.py not in last and d.get(f.py) is not None and d.get(f.py) != []
    ]
    return last, added


def ordered_content(
    obj: Any, spec: ClassSpec, node: Node | None, libvirt: bool, unread: bool = False
) -> list[Entry]:
    """The element's child elements, foreign nodes and text, in writing order.

    ``unread``: a child the program never reached may be a PENDING entry,
    its lxml element (see :mod:`domxml.binding.pending_writer`); else every
    child is read first.
    """
    left = pending_unread(obj, written=True) if unread and not libvirt else {}
    if not left:
        settle(obj)
    d = obj.__dict__
    out: list[Entry] = []
    if node is None or not node.items:
        for f in spec.elem_list:
            v = d.get(f.py)
            if v is not None and v != []:
                _field_entries(f, v, out)
        for rule in spec.decl.follows:
            out = _followed(rule, out)
        return out
    if libvirt:
        return _libvirt_content(d, spec, node)
    by_py = spec.by_py
    last, added = _parsed_and_added(spec, d, node)
    counters: dict[str, int] = {}
    for i, item in enumerate(node.items):
        kind = type(item)
        if kind is str or kind is tuple:
            py = item if kind is str else item[0]
            f = by_py[py]
            while added and added[0].index < f.index:
                p = added.pop(0)
                _field_entries(p, d.get(p.py), out)
            k = counters.get(py, 0)
            counters[py] = k + 1
            if py in left:
                out.append((PENDING, f, element(left[py], k)))
                continue
            v = d.get(py)
            values = v if f.many else ([] if v is None else [v])
            if k < len(values):
                current = values[k]
                if kind is str:
                    out.append((f.entry, f, current))
                else:
                    out.append((LEAF, f, _encode(f, current, item[2], item[1])))
            if last[py] == i:
                for extra in values[k + 1 :]:
                    if kind is str:
                        out.append((f.entry, f, extra))
                    else:
                        out.append((LEAF, f, f.codec.encode(extra)))
        elif isinstance(item, str):
            out.append((TEXT, None, item))
        else:
            out.append((FOREIGN, None, item))
    for p in added:
        _field_entries(p, d.get(p.py), out)
    return out


def _libvirt_content(d: dict[str, Any], spec: ClassSpec, node: Node) -> list[Entry]:
    """libvirt's order; each comment and PI stays beside its sibling (see binding.notes)."""
    out: list[Entry] = []
    keys: list[Any] = []  # each entry's sibling, as binding.notes names them
    leaf_raws: dict[str, list[tuple[str, Any]]] = {}
    for item in node.items:
        if type(item) is tuple:
            leaf_raws.setdefault(item[0], []).append((item[1], item[2]))
    mixed = spec.decl.interleave
    written: set[str] = set()
    for f in spec.elem_list:
        if mixed and f.py not in written:
            group = next((g for g in mixed if f.py in g), None)
            if group is not None:
                # Repeated fields libvirt writes mixed: in parsed order.
                written.update(group)
                _interleaved(spec, group, d, node, out, keys)
                continue
        elif f.py in written:
            continue
        v = d.get(f.py)
        if v is None or v == []:
            continue
        values = v if f.many else [v]
        raws = leaf_raws.get(f.py, []) if f.kind is Kind.LEAF else []
        for k, item in enumerate(values):
            if f.kind is Kind.LEAF:
                text = (
                    f.codec.encode(item)
                    if k >= len(raws)
                    else _encode(f, item, raws[k][1], raws[k][0])
                )
                out.append((LEAF, f, text))
            else:
                out.append((f.entry, f, item))
            keys.append((f.py, k))
    for i, item in enumerate(node.items):
        if not isinstance(item, str | tuple | etree._Comment | etree._ProcessingInstruction):
            out.append((FOREIGN, None, item))
            keys.append(i)
    if not has_notes(node):
        return out
    notes = place_notes(node, set(keys))
    placed: list[Entry] = []
    for key, entry in zip(keys, out, strict=True):
        placed.extend((FOREIGN, None, note) for note in notes.before.get(key, ()))
        placed.append(entry)
        for note, on_line in notes.after.get(key, ()):
            placed.append((INLINE if on_line else FOREIGN, None, note))
    placed.extend((FOREIGN, None, note) for note in notes.rest)
    return placed


def sourced_content(obj: Any, spec: ClassSpec, node: Node) -> list[SourcedEntry]:
    """A parsed element's content in the source's order, each entry with its source child.

    As :func:`ordered_content` for a parsed element (not mixed), and what
    is still as parsed (a leaf's value, a comment, an unknown element, an
    any_elements() element) is a VERBATIM entry: its source text is written,
    and so is a child the program never reached (see :mod:`domxml.binding.pending`).
    """
    d = obj.__dict__
    unread = pending_unread(obj)
    out: list[SourcedEntry] = []
    by_py = spec.by_py
    last, added = _parsed_and_added(spec, d, node)
    counters: dict[str, int] = {}
    held = node.held or []
    j = -1
    for i, item in enumerate(node.items):
        kind = type(item)
        if kind is Text:
            continue  # only in mixed content, which is not written from here
        j += 1
        if kind is not str and kind is not tuple:
            out.append((VERBATIM, None, None, j))  # comment, PI, element the models do not know
            continue
        py = item if kind is str else item[0]
        f = by_py[py]
        while added and added[0].index < f.index:
            _new_entries(added.pop(0), d, out)
        k = counters.get(py, 0)
        counters[py] = k + 1
        if py in unread:
            out.append((VERBATIM, f, None, j))
            continue
        v = d.get(py)
        values = v if f.many else ([] if v is None else [v])
        if k < len(values):
            current = values[k]
            if kind is tuple:
                parsed = item[2]
                if current == parsed and type(current) is type(parsed):
                    out.append((VERBATIM, f, None, j))
                else:
                    out.append((LEAF, f, f.codec.encode(current), j))
            elif f.kind is Kind.ANY:
                same = (
                    k < len(held)
                    and held[k][0] is current
                    and etree.tostring(current, with_tail=False) == held[k][1]
                )
                out.append((VERBATIM, f, None, j) if same else (FOREIGN, f, current, j))
            else:
                out.append((MODEL, f, current, j))
        if last[py] == i:
            for extra in values[k + 1 :]:
                out.append((f.entry, f, f.codec.encode(extra) if kind is tuple else extra, -1))
    for p in added:
        _new_entries(p, d, out)
    return out


def _new_entries(f: FieldSpec, d: dict[str, Any], out: list[SourcedEntry]) -> None:
    entries: list[Entry] = []
    _field_entries(f, d.get(f.py), entries)
    out.extend((kind, field, payload, -1) for kind, field, payload in entries)
