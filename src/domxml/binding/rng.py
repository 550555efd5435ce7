"""RELAX NG grammars of the XML documents the models read, generated from the declarations.

One grammar per root model (``domain.rng``, ``network.rng``...), named as
libvirt names its schemas, so that a directory of them is a schema set
``domxml validate`` can use where libvirt's own are not installed. Each
model class is a ``<define>``: its attributes (required or optional, in an
``<interleave>``), its text, and its child elements in an ``<interleave>``
(libvirt accepts most of them in any order). An element whose model has
variants is a choice of the variants, each with its discriminator's value,
and of the base class for a value no variant has (or none). Values follow
the codecs: an enumeration's members (or the declared choices), a boolean's
two words, integers as libvirt writes them (decimal or ``0x`` hexadecimal),
the patterns of libvirt's named text types. ``any_elements()`` is any
element.

The groups of fields a declaration states (``exclusive``, ``one_needed``,
``together``, ``requires``) are patterns of the grammar where each field is
in one group (:func:`_groups`); ``depends_on``'s value lists are not part
of it: the grammar is looser than libvirt's there. A list of at most one
item (``max_items=1``) is one element.

A grammar may have several root elements (a choice at its start: the
grammar of single devices, :class:`GrammarSpec`), allow fields the
declarations leave out of schemas (``without``), and let required child
elements be left out or empty.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from lxml import etree

from domxml.binding.codecs import BoolCodec, EnumCodec, FloatCodec, IntCodec
from domxml.binding.declare import Kind, Model
from domxml.binding.reach import Reach, reach
from domxml.binding.spec import FieldSpec, spec_of

__all__ = ["RNG", "GrammarSpec", "rng_schemas"]

RNG = "http://relaxng.org/ns/structure/1.0"
DATATYPES = "http://www.w3.org/2001/XMLSchema-datatypes"
_R = f"{{{RNG}}}"

_INT = r"\s*[+\-]?([0-9]+|0[xX][0-9a-fA-F]+)\s*"
_FLOAT = r"\s*[+\-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+\-]?[0-9]+)?\s*"
_ANY = "domxml.any"


def _el(tag: str, parent: etree._Element | None = None, **attrs: str) -> etree._Element:
    if parent is None:
        return etree.Element(_R + tag, attrs, nsmap={None: RNG})  # type: ignore[dict-item]
    return etree.SubElement(parent, _R + tag, attrs)


def _hex_digits(high: int | None) -> str:
    """A pattern of the hexadecimal digits of a number from 0 to ``high``."""
    if high is None or high < 0 or (high + 1) & high:
        return "[0-9a-fA-F]+"
    bits = (high + 1).bit_length() - 1
    full, rest = divmod(bits, 4)
    if rest == 0:
        return f"0*[0-9a-fA-F]{{1,{full}}}" if full else "0+"
    top = f"[0-{(1 << rest) - 1}]"
    tail = f"[0-9a-fA-F]{{{full}}}" if full else ""
    shorter = f"|[0-9a-fA-F]{{1,{full}}}" if full else ""
    return f"0*({top}{tail}{shorter})"


def xsd_pattern(pattern: str) -> str | None:
    """A codec's pattern (Python syntax, whole value) as an XML Schema pattern; None if none.

    The patterns come from libvirt's (XML Schema) and use the syntax both
    share; Python's non-capturing groups are written as plain groups, and
    a pattern using what XML Schema lacks (anchors, look-arounds, lazy
    quantifiers) gives None: the value is then any text.
    """
    converted = pattern.replace("(?:", "(")
    if re.search(r"\(\?|\\[AZbBz]|[*+?}]\?|(?<!\\)[$^](?![^\[]*\])", converted):
        return None
    return converted


class GrammarSpec(NamedTuple):
    """What one grammar accepts, beyond a single root model's declarations."""

    roots: tuple[type[Model], ...]
    """The root elements its start accepts: one document's, or a choice of them."""
    also: tuple[tuple[type[Model], str], ...] = ()
    """Fields ``(class, Python name)`` that the declarations leave out of schemas
    (``without``) but this grammar allows, on the class and its subclasses."""
    loose: tuple[tuple[type[Model], str], ...] = ()
    """Required child elements ``(class, Python name)`` this grammar lets be left
    out or empty, on the class and its subclasses."""


def _matches(pairs: tuple[tuple[type[Model], str], ...], cls: type[Model], name: str) -> bool:
    return any(name == py and issubclass(cls, owner) for owner, py in pairs)


class _Builder:
    """The defines of one grammar."""

    def __init__(
        self,
        found: Reach,
        embedded: set[type[Model]] | None = None,
        spec: GrammarSpec | None = None,
    ) -> None:
        self.found = found
        self.defines: dict[str, etree._Element] = {}
        #: The root models of other grammars, checked by those only (an element
        #: that only shares a root's name, a disk's <secret>, is not one).
        self.embedded = embedded or set()
        self.spec = spec or GrammarSpec(())

    def value(self, parent: etree._Element, f: FieldSpec, but: tuple[str, ...] = ()) -> None:
        """The pattern of an attribute's, a text's or a leaf's values, in ``parent``.

        ``but``: words left out (a discriminator's values its variants take).
        """
        codec: Any = f.codec
        choices = codec.choices
        if isinstance(codec, EnumCodec):
            members = choices if choices is not None else list(codec.enum_type)
            choice = _el("choice", parent)
            for member in members:
                if str(member.value) not in but:
                    _el("value", choice, type="string").text = str(member.value)
        elif isinstance(codec, BoolCodec):
            words = [codec.true, codec.false]
            if choices is not None:
                words = [codec.true if c else codec.false for c in choices]
            choice = _el("choice", parent)
            for word in words:
                _el("value", choice, type="string").text = word
        elif isinstance(codec, IntCodec):
            self.integer(parent, codec.low, codec.high)
        elif isinstance(codec, FloatCodec):
            self.data(parent, _FLOAT)
        elif codec.pattern is not None and xsd_pattern(codec.pattern) is not None:
            self.data(parent, f"\\s*({xsd_pattern(codec.pattern)})\\s*")
        else:
            _el("text", parent)

    def integer(self, parent: etree._Element, low: Any, high: Any) -> None:
        """An integer within bounds: decimal, or ``0x`` hexadecimal as libvirt reads it.

        Decimal bounds are XML Schema facets; hexadecimal ones a digit
        pattern where the upper bound is a power of two less one (0xff,
        0x1f: PCI buses and slots, as libvirt's own schema writes them),
        else any hexadecimal number at or above zero.
        """
        if low is None and high is None:
            self.data(parent, _INT)
            return
        choice = _el("choice", parent)
        decimal = _el("data", choice, type="integer", datatypeLibrary=DATATYPES)
        if low is not None:
            _el("param", decimal, name="minInclusive").text = str(low)
        if high is not None:
            _el("param", decimal, name="maxInclusive").text = str(high)
        if low is not None and low > 0:
            return  # libvirt's schemas give such numbers (counts, sizes) in decimal only
        self.data(choice, rf"\s*0[xX]{_hex_digits(high)}\s*")

    def data(self, parent: etree._Element, pattern: str) -> None:
        data = _el("data", parent, type="string", datatypeLibrary=DATATYPES)
        _el("param", data, name="pattern").text = pattern

    def define(
        self,
        cls: type[Model],
        fixed: tuple[str, str | None] | None = None,
        excluded: tuple[str, ...] = (),
        rules: type[Model] | None = None,
    ) -> str:
        """The define of ``cls`` (its discriminator fixed to a value, or absent, for a variant).

        A field whose value decides which others are allowed or needed
        (the first ``depends_on`` of the class on one of its attributes)
        makes the define a choice: one branch per value, and one without it.
        """
        name = self.found.name(cls) + (".untyped" if fixed is not None and fixed[1] is None else "")
        if name in self.defines:
            return name
        define = _el("define", name=name)
        self.defines[name] = define
        spec = spec_of(cls)
        decl = cls.__domxml__
        # The typeless form of a variant: its fields, its base's value rules
        # (a snapshot's typeless <disk> may have snapshot='no'; a file one not).
        depends_on_ = (rules or cls).__domxml__.depends
        # A base's own form, where its discriminator may be left out, keeps
        # what it leaves to its variants: a typeless <disk> is a file disk
        # to libvirt, <source file> and all (looser: any type's source).
        key = spec.by_py.get(decl.discriminator or "")
        typeless = bool(excluded) and key is not None and not key.required
        without = () if typeless else decl.without
        fields = [
            f
            for f in spec.by_py.values()
            if (f.py not in without or _matches(self.spec.also, cls, f.py))
            and not (fixed is not None and fixed[1] is None and f.local == fixed[0])
        ]
        if rules is not None:
            # Its attributes take the base's values: a typed snapshot <disk>
            # is external, a typeless one any.
            base = spec_of(rules).by_py
            fields = [base[f.py] if f.kind is Kind.ATTR and f.py in base else f for f in fields]
        depends = next(
            (
                d
                for d in depends_on_
                if d.field in spec.by_py
                and spec.attrs.get(spec.by_py[d.field].qname) is spec.by_py[d.field]
            ),
            None,
        )
        others = (decl.discriminator or "", excluded) if excluded else None
        if depends is None or (fixed is not None and spec.by_py[depends.field].local == fixed[0]):
            self.body(cls, define, spec.text, fields, fixed, set(), None, others)
            return name
        key = next((f for f in fields if f.py == depends.field), spec.by_py[depends.field])
        choice = _el("choice", define)
        codec: Any = key.codec
        values: list[Any] = []
        if isinstance(codec, EnumCodec):
            values = list(codec.choices or codec.enum_type)
        elif isinstance(codec, BoolCodec):
            values = list(codec.choices or (True, False))
        values += [v for v in {*depends.allows, *depends.needs} if v not in values]
        dependent = depends.dependent
        for value in values:
            if value is None:
                continue  # the field absent: the last branch
            allowed = {n for n in dependent if n in depends.allows.get(value, ())}
            needed = set(depends.needs.get(value, ()))
            kept = [f for f in fields if f.py not in dependent or f.py in allowed]
            group = _el("group", choice)
            word = key.codec.encode(value) if not isinstance(value, str) else value
            self.body(cls, group, spec.text, kept, fixed, needed, (key, word), others)
        if not key.required:
            group = _el("group", choice)
            allowed = set(depends.allows.get(None, ()))
            kept = [
                f for f in fields if (f.py not in dependent or f.py in allowed) and f.py != key.py
            ]
            needs = set(depends.needs.get(None, ()))
            self.body(cls, group, spec.text, kept, fixed, needs, None, others)
        for group in list(choice):
            if len(group) == 1 and group[0].tag == _R + "empty":
                # libxml2 matches no <group><empty/></group> branch beside
                # attribute branches inside an interleave: a bare <empty/> it does.
                choice.replace(group, group[0])
        return name

    def body(
        self,
        cls: type[Model],
        parent: etree._Element,
        text: FieldSpec | None,
        fields: list[FieldSpec],
        fixed: tuple[str, str | None] | None,
        needed: set[str],
        keyed: tuple[FieldSpec, str] | None,
        others: tuple[str, tuple[str, ...]] | None = None,
    ) -> None:
        """Attributes, then text or the interleave of child elements, of some fields of a class."""
        attrs = [f for f in fields if f.kind is Kind.ATTR]
        elems = [f for f in fields if f.kind not in (Kind.ATTR, Kind.TEXT)]
        if keyed is not None and all(f.py != keyed[0].py for f in attrs):
            attrs.append(keyed[0])
        if others is not None:
            # A base whose variants take every value of its discriminator: its
            # own documents are those without the discriminator.
            key = next((f for f in attrs if f.local == others[0]), None)
            codec: Any = key.codec if key is not None else None
            if isinstance(codec, EnumCodec) and {
                str(m.value) for m in (codec.choices or codec.enum_type)
            } <= set(others[1]):
                attrs = [f for f in attrs if f is not key]
        pinned: dict[str, str | None] = {}  # attributes with a fixed value, or a base's key
        for f in attrs:
            value = fixed[1] if fixed is not None and f.local == fixed[0] else None
            if keyed is not None and f.py == keyed[0].py:
                value = keyed[1]
            if value is not None or (others is not None and f.local == others[0]):
                pinned[f.py] = value
        loose = {f.py for f in elems if _matches(self.spec.loose, cls, f.py)}
        free = {
            f.py: f
            for f in attrs + elems
            if f.py not in pinned
            and f.py not in loose
            and f.kind is not Kind.ANY
            and not f.required
            and f.py not in needed
        }
        always = {f.py for f in attrs + elems if f.py in pinned or f.required or f.py in needed} - {
            f.py for f in attrs if pinned.get(f.py, "") is None
        }
        form = {f.py for f in attrs + elems} | ({text.py} if text is not None else set())
        groups = _groups(cls.__domxml__, free, always, form)
        grouped = {f.py for _, members, _ in groups for f in members}

        def attribute(holder: etree._Element, f: FieldSpec, required: bool) -> None:
            value = pinned.get(f.py)
            if not (required or f.required or value is not None or f.py in needed):
                holder = _el("optional", holder)
            node = _el("attribute", holder, name=f.local)
            if f.qname.startswith("{"):
                node.set("ns", f.qname[1:].split("}", 1)[0])
            if value is not None:
                _el("value", node, type="string").text = value
            elif others is not None and f.local == others[0]:
                self.value(node, f, others[1])
            else:
                self.value(node, f)

        def field(holder: etree._Element, f: FieldSpec, required: bool) -> None:
            if f.kind is Kind.ATTR:
                attribute(holder, f, required)
            else:
                self.particle(holder, f, required)

        on_own = [f for f in attrs if f.py not in grouped]
        attr_groups = [g for g in groups if all(f.kind is Kind.ATTR for f in g[1])]
        holder = parent
        if len(on_own) + len(attr_groups) > 1:
            # libxml2 quirk: in a sequence, it keeps both outcomes of every
            # optional attribute it matched (2^n states for n attributes
            # present: an nwfilter rule's <ip> of 15 took seconds); in an
            # interleave it hands each attribute to its branch by name.
            holder = _el("interleave", parent)
        for f in on_own:
            attribute(holder, f, False)
        for group in attr_groups:
            _constrain(holder, group, field)
        if elems:
            content = _el("interleave", parent)
            if text is not None:
                _el("text", content)
            for f in elems:
                if f.py in loose:
                    self.loose(content, f)
                elif f.py not in grouped:
                    self.particle(content, f, f.py in needed)
            for group in groups:
                if any(f.kind is not Kind.ATTR for f in group[1]):
                    _constrain(content, group, field)
        elif text is not None:
            holder = parent if text.required or text.py in needed else _el("optional", parent)
            self.value(holder, text)
        else:
            _el("empty", parent)

    def particle(self, parent: etree._Element, f: FieldSpec, needed: bool = False) -> None:
        """An element field in its parent's interleave: once, optional, or repeated.

        A list of at most one item (``max_items=1``) is its element once, or optional.
        """
        if f.kind is Kind.ANY:
            self.any_define()
            repeated = _el("zeroOrMore", parent)
            element = _el("element", repeated)
            _el("anyName", element)
            _el("ref", element, name=_ANY)
            return
        required = f.required or needed
        if f.many and f.max_items != 1:
            at_least_one = required or (f.min_items or 0) >= 1
            holder = _el("oneOrMore" if at_least_one else "zeroOrMore", parent)
        elif required or (f.many and (f.min_items or 0) >= 1):
            holder = parent
        else:
            holder = _el("optional", parent)  # a list of at most one item, too
        self.element(holder, f)

    def loose(self, parent: etree._Element, f: FieldSpec) -> None:
        """An element field that may be left out, or be empty (``<target/>``)."""
        choice = _el("choice", _el("optional", parent))
        self.element(choice, f)
        _el("empty", _el("element", choice, name=f.local))

    def element(self, parent: etree._Element, f: FieldSpec) -> None:
        element = _el("element", parent, name=f.local)
        if f.qname.startswith("{"):
            element.set("ns", f.qname[1:].split("}", 1)[0])
        if f.kind is Kind.LEAF:
            if f.required:
                self.value(element, f)
            else:
                # An optional leaf may be empty: <genid/> asks libvirt for one.
                choice = _el("choice", element)
                _el("empty", choice)
                self.value(choice, f)
            return
        assert f.model is not None
        uuid = spec_of(f.model).by_py.get("uuid")
        if f.model in self.embedded and uuid is not None and uuid.kind is Kind.LEAF:
            # Another kind's document inside this one (a snapshot's <domain>):
            # the whole document, or only its UUID, naming it.
            choice = _el("choice", element)
            self.model(choice, f.model)
            self.element(choice, uuid)
            return
        self.model(element, f.model)

    def model(self, parent: etree._Element, cls: type[Model]) -> None:
        """A reference to ``cls``, or the choice of its variants and itself."""
        decl = cls.__domxml__
        if not decl.variants or decl.discriminator is None:
            _el("ref", parent, name=self.define(cls))
            return
        choice = _el("choice", parent)
        for value, variant in decl.variants.items():
            _el("ref", choice, name=self.variant(variant, decl.discriminator, value))
        if decl.untyped is not None and decl.untyped in decl.variants:
            # Without its discriminator the element follows that variant's rules.
            untyped = decl.variants[decl.untyped]
            _el("ref", choice, name=self.define(untyped, (decl.discriminator, None), rules=cls))
        if self.base_needed(cls):
            _el("ref", choice, name=self.define(cls, None, tuple(decl.variants)))

    def base_needed(self, cls: type[Model]) -> bool:
        """Whether the base class of variants has documents of its own.

        Only for a discriminator value no variant has, or none at all where
        the discriminator may be left out (and no variant stands for that).
        """
        decl = cls.__domxml__
        key = spec_of(cls).by_py.get(decl.discriminator or "")
        if key is None:
            return True
        codec: Any = key.codec
        if isinstance(codec, EnumCodec):
            words = {str(m.value) for m in (codec.choices or codec.enum_type)}
            if words - set(decl.variants):
                return True
        elif key.kind is Kind.ATTR:
            return True  # any text: values beyond the variants'
        return not key.required and decl.untyped is None

    def variant(self, cls: type[Model], discriminator: str, value: str | None) -> str:
        """The define of a variant: its fields, the discriminator fixed to ``value``."""
        return self.define(cls, (discriminator, value))

    def any_define(self) -> None:
        if _ANY in self.defines:
            return
        define = _el("define", name=_ANY)
        self.defines[_ANY] = define
        repeated = _el("zeroOrMore", define)
        choice = _el("choice", repeated)
        attribute = _el("attribute", choice)
        _el("anyName", attribute)
        _el("text", choice)
        element = _el("element", choice)
        _el("anyName", element)
        _el("ref", element, name=_ANY)


_Writer = Callable[[etree._Element, FieldSpec, bool], None]
_Group = tuple[str, list[FieldSpec], int]
"""A rule, its fields, and how many of them (first) exclude each other (``needed``)."""


def _groups(
    decl: Any, free: dict[str, FieldSpec], always: set[str], form: set[str]
) -> list[_Group]:
    """The declaration's groups of fields the grammar can state, with their fields.

    ``form``: the fields of this form (of a variant, of a value's branch);
    ``free`` those that may be present or not and that a group can name
    (not its text, not a loosened one); ``always`` those it always has
    (required, or fixed). A group is stated on the free
    ones: ``needed`` (at least one; the first ``k`` at most one of them,
    when an exclusive group is part of it: exactly one where it is all of
    it; met where one is always there, and of those this form has),
    ``exclusive`` (at most one), ``together`` (all or none) and
    ``requires`` (the first ``k``, together, need the others). A field
    already in a group, or a group naming a field this form does not leave
    free (an exclusive group drops it) is left as it is: the grammar is
    looser there.
    """
    found: list[_Group] = []
    used: set[str] = set()

    def usable(names: tuple[str, ...], whole: bool, least: int = 2) -> list[FieldSpec] | None:
        members = [free[n] for n in names if n in free]
        if (whole and len(members) != len(names)) or len(members) < least:
            return None
        if any(f.py in used for f in members):
            return None
        return members

    def add(rule: str, members: list[FieldSpec], k: int = 0) -> None:
        used.update(f.py for f in members)
        found.append((rule, members, k))

    exclusive = [tuple(g) for g in decl.exclusive]
    for group in decl.one_needed:
        if always & set(group):
            continue  # met
        if len(group) == 1:
            # A group of one field: required by some libvirt versions only
            # (a USB device's <port> since 12.9.0). The grammar takes every
            # version's documents, so the field stays optional.
            continue
        if any("[" in n for n in group):
            continue  # an item of a list (``capabilities[removable]``): not stated
        if any(n in form and n not in free for n in group):
            continue  # one it cannot name (the text) may be the one
        members = usable(tuple(group), False, 1)
        if members is None:
            continue
        # An exclusive group within it: those first, each alone of them.
        inner = next((g for g in exclusive if set(g) <= set(group) and len(g) > 1), ())
        if any(n not in free and n not in always for n in inner):
            inner = ()  # one of them not in this form: the rest is free to say
        first = [f for f in members if f.py in inner]
        add("needed", first + [f for f in members if f.py not in inner], len(first))
    for group in exclusive:
        members = usable(group, False)
        if members is not None:
            add("exclusive", members)
    together = []
    for group in decl.together:
        members = usable(tuple(group), True)
        if members is not None:
            used.update(f.py for f in members)
            together.append(members)
    for first, *others in decl.requires:
        # The first may come with others (together): all of them need these.
        with_first = next((t for t in together if any(f.py == first for f in t)), None)
        members = usable(tuple(others), True, 1)
        if members is None:
            continue
        if with_first is not None:
            together.remove(with_first)
            add("requires", with_first + members, len(with_first))
        elif (head := usable((first,), True, 1)) is not None:
            add("requires", head + members, 1)
    for members in together:
        found.append(("together", members, len(members)))
    return found


def _constrain(parent: etree._Element, group: _Group, field: _Writer) -> None:
    """The pattern of a group of fields (see :func:`_groups`) in ``parent``."""
    rule, members, k = group

    def bundle(holder: etree._Element, parts: list[tuple[FieldSpec, bool]]) -> None:
        if len(parts) > 1:
            holder = _el("interleave", holder)
        for f, required in parts:
            field(holder, f, required)

    if rule == "exclusive":
        choice = _el("choice", _el("optional", parent))
        for f in members:
            field(choice, f, True)
    elif rule == "needed":
        # A branch per field that may be the first present (each exclusive one
        # is, with none of the others), with the fields after it optional.
        choice = _el("choice", parent)
        for i, f in enumerate(members):
            rest = members[max(i + 1, k) :]
            bundle(choice, [(f, True)] + [(g, False) for g in rest])
    elif rule == "together":
        bundle(_el("optional", parent), [(f, True) for f in members])
    else:  # requires: the first k with the others; or without them
        choice = _el("choice", parent)
        bundle(choice, [(f, True) for f in members])
        bundle(choice, [(f, False) for f in members[k:]])


def rng_schemas(roots: Mapping[str, type[Model] | GrammarSpec]) -> dict[str, str]:
    """The RELAX NG grammar of each root model, by file name (``{"domain.rng": Domain}``).

    A :class:`GrammarSpec` instead of a model: a grammar of several root
    elements, or with fields the declarations leave out.
    """
    specs = {
        name: spec if isinstance(spec, GrammarSpec) else GrammarSpec((spec,))
        for name, spec in roots.items()
    }
    # Only documents of one root are embedded in others (a snapshot's <domain>).
    documents = {spec.roots[0] for spec in specs.values() if len(spec.roots) == 1}
    out: dict[str, str] = {}
    for filename, spec in specs.items():
        builder = _Builder(reach(list(spec.roots)), documents - set(spec.roots), spec)
        grammar = _el("grammar")
        grammar.set("datatypeLibrary", DATATYPES)
        start = _el("start", grammar)
        if len(spec.roots) > 1:
            start = _el("choice", start)
        for root in spec.roots:
            builder.element(start, _root_field(root))
        for name in sorted(builder.defines):
            grammar.append(builder.defines[name])
        etree.indent(grammar, space="  ")
        out[filename] = (
            "<?xml version='1.0' encoding='UTF-8'?>\n"
            "<!-- Generated by domxml from its model declarations: do not edit. -->\n"
            + etree.tostring(grammar, encoding="unicode")
            + "\n"
        )
    return out


def _root_field(cls: type[Model]) -> FieldSpec:
    from domxml.binding.xsd import _root_field as xsd_root

    return xsd_root(cls)
