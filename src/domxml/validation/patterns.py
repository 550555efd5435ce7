"""RELAX NG patterns and their derivatives, after James Clark's algorithm.

libxml2 says *whether* a document is valid, and often blames an ancestor
("Extra element devices in interleave"). To find the node really at fault,
the explainer walks the document through the schema itself, one node at a
time: the *derivative* of a pattern with respect to a node is what the rest
of the content may still be after that node. The first node whose derivative
is :data:`NotAllowed` is the one at fault, and the pattern just before it
says what would have been accepted there.

See "An algorithm for RELAX NG validation", James Clark, 2002. Patterns are
hash-consed (built once per shape) so that derivatives can be memoised by
identity; each :class:`Patterns` owns the tables of one schema.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from operator import attrgetter
from typing import Any

from domxml.validation.datatypes import Datatype

__all__ = ["NameClass", "Pattern", "Patterns", "contains", "display_name", "is_whitespace"]

# Pattern kinds.
EMPTY = 0
NOT_ALLOWED = 1
TEXT = 2
CHOICE = 3
INTERLEAVE = 4
GROUP = 5
ONE_OR_MORE = 6
AFTER = 7
ATTRIBUTE = 8
ELEMENT = 9
DATA = 10
VALUE = 11
LIST = 12


class _AnyName(frozenset[str]):
    """The names of a pattern that takes any name: every name is in it."""

    def __contains__(self, name: object) -> bool:
        return True


#: A name table's entry for a pattern that takes any name (a wildcard).
_ANY_NAME: frozenset[str] = _AnyName()
#: No name at all.
_NO_NAMES: frozenset[str] = frozenset()

#: Patterns whose text derivative is empty or notAllowed, nothing else.
_VALUE_LEAVES = (DATA, VALUE, LIST)

#: ``p.nullable``, for ``any(map(...))`` and ``all(map(...))`` over many parts
#: without a Python-level generator.
_nullable = attrgetter("nullable")

NameClass = Any
"""A name class: a qualified name ``"{ns}local"`` (or ``"local"``), or a tuple
``("any", except)``, ``("ns", uri, except)``, ``("choice", nc1, nc2)``."""


def contains(nc: NameClass, qname: str) -> bool:
    """Whether the name class ``nc`` contains ``qname`` (``{ns}local`` or ``local``)."""
    if isinstance(nc, str):
        return nc == qname
    tag = nc[0]
    if tag == "any":
        return nc[1] is None or not contains(nc[1], qname)
    if tag == "ns":
        ns = qname[1:].split("}", 1)[0] if qname.startswith("{") else ""
        return ns == nc[1] and (nc[2] is None or not contains(nc[2], qname))
    return contains(nc[1], qname) or contains(nc[2], qname)


def names_of(nc: NameClass) -> Iterator[str]:
    """The plain names a name class lists (wildcards list none)."""
    if isinstance(nc, str):
        yield nc
    elif nc[0] == "choice":
        yield from names_of(nc[1])
        yield from names_of(nc[2])


def _listed(nc: NameClass) -> bool:
    """Whether a name class only lists names (no wildcard anywhere in it)."""
    if isinstance(nc, str):
        return True
    return nc[0] == "choice" and _listed(nc[1]) and _listed(nc[2])


def display_name(qname: str, nsmap: dict[str | None, str] | None = None) -> str:
    """``qemu:commandline`` for ``{http://libvirt.org/.../qemu/1.0}commandline``."""
    if not qname.startswith("{"):
        return qname
    ns, local = qname[1:].split("}", 1)
    for prefix, uri in (nsmap or {}).items():
        if uri == ns and prefix:
            return f"{prefix}:{local}"
    return qname


def is_whitespace(text: str) -> bool:
    """Whether ``text`` is only XML white space (or empty)."""
    return not text.strip(" \t\r\n")


class Pattern:
    """One node of a pattern; build them with :class:`Patterns`, never directly."""

    __slots__ = (
        "_build",
        "_content",
        "a",
        "alts",
        "b",
        "datatype",
        "kind",
        "label",
        "nc",
        "nullable",
        "value",
    )

    def __init__(
        self,
        kind: int,
        a: Pattern | None = None,
        b: Pattern | None = None,
        nullable: bool = False,
        alts: tuple[Pattern, ...] = (),
    ) -> None:
        # The structure comes as arguments: a few thousand patterns are made
        # while the first documents are explained, each set once.
        self.kind = kind
        self.a = a
        self.b = b
        self.alts = alts
        self.nullable = nullable
        self.nc: NameClass = None
        self.datatype: Datatype | None = None
        self.value = ""
        self.label = ""
        self._content: Pattern | None = None
        self._build: Callable[[], Pattern] | None = None

    @property
    def content(self) -> Pattern:
        """The content of an element pattern, built on first use."""
        if self._content is None:
            build, self._build = self._build, None
            assert build is not None, "element content is being built"
            self._content = build()
        return self._content

    def __repr__(self) -> str:
        names = {
            EMPTY: "empty",
            NOT_ALLOWED: "notAllowed",
            TEXT: "text",
            CHOICE: "choice",
            INTERLEAVE: "interleave",
            GROUP: "group",
            ONE_OR_MORE: "oneOrMore",
            AFTER: "after",
            ATTRIBUTE: "attribute",
            ELEMENT: "element",
            DATA: "data",
            VALUE: "value",
            LIST: "list",
        }
        extra = self.nc if self.nc is not None else self.value or ""
        return f"<{names[self.kind]} {extra}>".replace(" >", ">")


class _Attribute(Pattern):
    """An attribute pattern, whose value pattern ``a`` is built on first use.

    A schema's elements take many attributes with long lists of values; a
    document uses few of them, and explaining it builds only those.
    """

    __slots__ = ()

    @property
    def a(self) -> Pattern | None:
        """The pattern the attribute's value must match."""
        return self.content if self._content is not None or self._build is not None else None

    @a.setter
    def a(self, value: Pattern | None) -> None:
        if value is not None:
            self._content = value


class Patterns:
    """Builds patterns of one schema and computes their derivatives (memoised)."""

    def __init__(self) -> None:
        self.empty = Pattern(EMPTY, nullable=True)
        self.not_allowed = Pattern(NOT_ALLOWED)
        self.text = Pattern(TEXT, nullable=True)
        # Tables keyed by the patterns themselves (hashed by identity), not by
        # their id(): an id() is an int to allocate, some 30,000 times while
        # the first documents are explained.
        self._interned: dict[tuple[int, Pattern, Pattern | None], Pattern] = {}
        self._choices: dict[frozenset[Pattern], Pattern] = {}
        self._interleaves: dict[tuple[Pattern, ...], Pattern] = {}
        self._sto: dict[tuple[Pattern, str], Pattern] = {}
        self._att: dict[tuple[Pattern, str, str | None], Pattern] = {}
        self._stc: dict[Pattern, Pattern] = {}
        self._end: dict[Pattern, Pattern] = {}
        self._txt: dict[tuple[Pattern, str], Pattern] = {}
        self._starts: dict[Pattern, frozenset[str]] = {}
        self._attributes: dict[Pattern, frozenset[str]] = {}

    # -- constructors -----------------------------------------------------

    def choice(self, *patterns: Pattern) -> Pattern:
        """The choice of ``patterns``: flattened, without duplicates, notAllowed dropped."""
        if len(patterns) == 2:
            # The common case (optional, a group's two ways), without a loop.
            a, b = patterns
            if b.kind == NOT_ALLOWED or a is b:
                return a
            if a.kind == NOT_ALLOWED:
                return b
            if a.kind != CHOICE and b.kind != CHOICE:
                return self._choice(patterns)
        elif len(patterns) == 1:
            return patterns[0]
        alts: dict[Pattern, None] = {}
        for p in patterns:
            if p.kind == CHOICE:
                alts.update(dict.fromkeys(p.alts))
            elif p.kind != NOT_ALLOWED:
                alts[p] = None
        if len(alts) > 1:
            return self._choice(tuple(alts))
        return next(iter(alts)) if alts else self.not_allowed

    def _choice(self, alts: tuple[Pattern, ...]) -> Pattern:
        """The choice of ``alts`` (two or more, none a choice, no duplicates)."""
        # Keyed by the set of alternatives: the first order seen is kept.
        key = frozenset(alts)
        found = self._choices.get(key)
        if found is None:
            found = Pattern(CHOICE, None, None, any(map(_nullable, alts)), alts)
            self._choices[key] = found
        return found

    def interleave(self, *patterns: Pattern) -> Pattern:
        """The interleave of ``patterns`` (flattened, in a canonical order)."""
        parts: list[Pattern] = []
        for p in patterns:
            kind = p.kind
            if kind == NOT_ALLOWED:
                return self.not_allowed
            if kind == INTERLEAVE:
                parts.extend(p.alts)
            elif kind != EMPTY:
                parts.append(p)
        return self._interleave(parts)

    def _interleave_into(self, p: Pattern, others: tuple[Pattern, ...]) -> Pattern:
        """``interleave(p, *others)``, ``others`` being parts of an interleave.

        Deriving an interleave replaces one of its parts (libvirt's <domain>
        content has some forty): the others are known flat already.
        """
        kind = p.kind
        if kind == NOT_ALLOWED:
            return p
        if kind == EMPTY:
            return self._interleave(others)
        return self._interleave(others + p.alts if kind == INTERLEAVE else (*others, p))

    def _interleave(self, parts: Iterable[Pattern]) -> Pattern:
        """The interleave of flat ``parts`` (none empty, notAllowed or an interleave)."""
        # Sorted by identity (in C), so that the order of the parts does not matter.
        key = tuple(sorted(parts, key=id))
        if len(key) < 2:
            return key[0] if key else self.empty
        found = self._interleaves.get(key)
        if found is None:
            found = Pattern(INTERLEAVE, None, None, all(map(_nullable, key)), key)
            self._interleaves[key] = found
        return found

    def group(self, a: Pattern, b: Pattern) -> Pattern:
        """``a`` followed by ``b``."""
        if a.kind == NOT_ALLOWED or b.kind == NOT_ALLOWED:
            return self.not_allowed
        if a.kind == EMPTY:
            return b
        if b.kind == EMPTY:
            return a
        key = (GROUP, a, b)
        found = self._interned.get(key)
        if found is None:
            found = self._interned[key] = Pattern(GROUP, a, b, a.nullable and b.nullable)
        return found

    def after(self, a: Pattern, b: Pattern) -> Pattern:
        """The rest ``a`` of an element's content, then ``b`` after the element."""
        if a.kind == NOT_ALLOWED or b.kind == NOT_ALLOWED:
            return self.not_allowed
        key = (AFTER, a, b)
        found = self._interned.get(key)
        if found is None:
            found = self._interned[key] = Pattern(AFTER, a, b)
        return found

    def one_or_more(self, a: Pattern) -> Pattern:
        """One or more ``a``."""
        if a.kind in (NOT_ALLOWED, EMPTY):
            return a
        return self._unary(ONE_OR_MORE, a, a.nullable)

    def optional(self, a: Pattern) -> Pattern:
        """``a`` or nothing."""
        return self.choice(a, self.empty)

    def list_of(self, a: Pattern) -> Pattern:
        """A whitespace-separated list matching ``a``."""
        if a.kind == NOT_ALLOWED:
            return a
        return self._unary(LIST, a, False)

    def _unary(self, kind: int, a: Pattern, nullable: bool) -> Pattern:
        key = (kind, a, None)
        found = self._interned.get(key)
        if found is None:
            found = self._interned[key] = Pattern(kind, a, None, nullable)
        return found

    def attribute(
        self,
        nc: NameClass,
        content: Pattern | None = None,
        build: Callable[[], Pattern] | None = None,
    ) -> Pattern:
        """An attribute whose name is in ``nc`` and whose value matches ``content``.

        Or the pattern ``build`` makes when the value is first looked at.
        """
        p = _Attribute(ATTRIBUTE)
        p.nc, p.a, p._build = nc, content, build
        return p

    def element(self, nc: NameClass, build: Callable[[], Pattern], label: str = "") -> Pattern:
        """An element; ``build`` makes its content when first needed (recursion)."""
        p = Pattern(ELEMENT)
        p.nc, p._build, p.label = nc, build, label
        return p

    def data(self, datatype: Datatype, excluded: Pattern | None = None, label: str = "") -> Pattern:
        """A value of ``datatype``, except what ``excluded`` matches."""
        p = Pattern(DATA)
        p.datatype, p.a, p.label = datatype, excluded, label
        return p

    def value(self, datatype: Datatype, value: str, label: str = "") -> Pattern:
        """Exactly ``value`` (compared as ``datatype`` does)."""
        p = Pattern(VALUE)
        p.datatype, p.value, p.label = datatype, value, label
        return p

    # -- derivatives --------------------------------------------------------
    #
    # Each derivative is memoised; the table is read and written in the same
    # method as the computation, which recurses through it (a call per
    # pattern, not two: most derivatives are computed once). They hold loops,
    # not comprehensions or lambdas: in Python 3.11 a closure costs its cells
    # at each call, whether the derivative is found in the table or not.

    def text_deriv(self, p: Pattern, text: str) -> Pattern:
        """What may follow once ``text`` has matched the start of ``p``."""
        key = (p, text)
        found = self._txt.get(key)
        if found is not None:
            return found
        kind = p.kind
        if kind == CHOICE:
            # A value, data or list alternative gives empty or notAllowed: once
            # one alternative gave empty, those change nothing, and checking
            # them can cost a regular expression. A value is compared here, not
            # through the table: libvirt's enumerations have tens of values,
            # each compared once with a given text.
            alts = []
            matched = False
            for q in p.alts:
                if matched and q.kind in _VALUE_LEAVES:
                    continue
                d = self._value_deriv(q, text) if q.kind == VALUE else self.text_deriv(q, text)
                matched = matched or d is self.empty
                alts.append(d)
            found = self.choice(*alts)
        elif kind == INTERLEAVE:
            parts = p.alts
            out = []
            for i, part in enumerate(parts):
                derived = self.text_deriv(part, text)
                if derived.kind != NOT_ALLOWED:
                    out.append(self._interleave_into(derived, parts[:i] + parts[i + 1 :]))
            found = self.choice(*out)
        elif kind == GROUP:
            a, b = p.a, p.b
            assert a is not None and b is not None
            found = self.group(self.text_deriv(a, text), b)
            if a.nullable:
                found = self.choice(found, self.text_deriv(b, text))
        elif kind == AFTER:
            assert p.a is not None and p.b is not None
            found = self.after(self.text_deriv(p.a, text), p.b)
        elif kind == ONE_OR_MORE:
            assert p.a is not None
            found = self.group(self.text_deriv(p.a, text), self.optional(p))
        elif kind == TEXT:
            found = p
        elif kind == VALUE:
            found = self._value_deriv(p, text)
        elif kind == DATA:
            assert p.datatype is not None
            allowed = p.datatype.allows(text) and not (
                p.a is not None and self.text_deriv(p.a, text).nullable
            )
            found = self.empty if allowed else self.not_allowed
        elif kind == LIST:
            assert p.a is not None
            q = p.a
            for word in text.split():
                q = self.text_deriv(q, word)
            found = self.empty if q.nullable else self.not_allowed
        else:
            found = self.not_allowed
        self._txt[key] = found
        return found

    def _value_deriv(self, p: Pattern, text: str) -> Pattern:
        """The text derivative of the value pattern ``p``: empty if ``text`` is its value."""
        assert p.datatype is not None
        return self.empty if p.datatype.equal(p.value, text) else self.not_allowed

    # The continuations given to apply_after(), made here: see above.

    def _interleaver(self, others: tuple[Pattern, ...]) -> Callable[[Pattern], Pattern]:
        return lambda b: self._interleave_into(b, others)

    def _grouper(self, rest: Pattern) -> Callable[[Pattern], Pattern]:
        return lambda b: self.group(b, rest)

    def _afterer(self, outer: Pattern) -> Callable[[Pattern], Pattern]:
        return lambda b: self.after(b, outer)

    def apply_after(self, p: Pattern, f: Callable[[Pattern], Pattern]) -> Pattern:
        """Replace the continuation ``b`` of every ``after(a, b)`` in ``p`` by ``f(b)``."""
        if p.kind == AFTER:
            assert p.a is not None and p.b is not None
            return self.after(p.a, f(p.b))
        if p.kind == CHOICE:
            # A choice holds no choice: its afters are among its alternatives.
            afters = []
            for q in p.alts:
                if q.kind == AFTER:
                    afters.append(self.apply_after(q, f))
            return self.choice(*afters)
        return self.not_allowed

    # Which element names may start a pattern, and which attribute names it
    # holds: a derivative skips the parts that cannot match at all, instead of
    # descending into each of them (libvirt's <domain> content is an
    # interleave of some forty parts, <devices> a choice of thirty).

    def _start_names(self, p: Pattern) -> frozenset[str]:
        found = self._starts.get(p)
        if found is None:
            found = self._starts[p] = self._names(p, False)
        return found

    def _attribute_names(self, p: Pattern) -> frozenset[str]:
        found = self._attributes.get(p)
        if found is None:
            found = self._attributes[p] = self._names(p, True)
        return found

    def _names(self, p: Pattern, attributes: bool) -> frozenset[str]:
        """Element names that may start ``p`` (or attribute names it holds)."""
        kind = p.kind
        if kind == (ATTRIBUTE if attributes else ELEMENT):
            nc = p.nc
            if isinstance(nc, str):
                return frozenset((nc,))
            return frozenset(names_of(nc)) if _listed(nc) else _ANY_NAME
        names_of_part = self._attribute_names if attributes else self._start_names
        if kind in (CHOICE, INTERLEAVE):
            parts = p.alts
        elif kind == GROUP:
            assert p.a is not None and p.b is not None
            if not (attributes or p.a.nullable):
                return names_of_part(p.a)
            parts = (p.a, p.b)
        elif kind in (ONE_OR_MORE, AFTER):
            assert p.a is not None
            return names_of_part(p.a)
        else:
            return _NO_NAMES
        found: list[frozenset[str]] = []
        for part in parts:
            names = names_of_part(part)
            if names is _ANY_NAME:
                return names
            if names is not _NO_NAMES:
                found.append(names)
        # Most unions have one member (an optional attribute): shared. Only
        # patterns without an element (or attribute) at all have _NO_NAMES.
        if len(found) < 2:
            return found[0] if found else _NO_NAMES
        return _NO_NAMES.union(*found)

    def start_tag_open(self, p: Pattern, qname: str) -> Pattern:
        """What ``p`` becomes when an element ``qname`` starts: ``after(content, rest)``."""
        key = (p, qname)
        found = self._sto.get(key)
        if found is not None:
            return found
        kind = p.kind
        if kind == CHOICE:
            alts = []
            for q in p.alts:
                if qname in self._start_names(q):
                    alts.append(self.start_tag_open(q, qname))
            found = self.choice(*alts)
        elif kind == ELEMENT:
            found = self.after(p.content, self.empty) if contains(p.nc, qname) else self.not_allowed
        elif kind == INTERLEAVE:
            # Hot: libvirt's <domain> content is an interleave of some forty
            # parts, opened once per child element; the table is read inline.
            parts = p.alts
            out = []
            starts = self._starts
            for i, part in enumerate(parts):
                names = starts.get(part)
                if names is None:
                    names = self._start_names(part)
                if qname not in names:
                    continue
                derived = self.start_tag_open(part, qname)
                if derived.kind != NOT_ALLOWED:
                    others = parts[:i] + parts[i + 1 :]
                    out.append(self.apply_after(derived, self._interleaver(others)))
            found = self.choice(*out)
        elif kind == ONE_OR_MORE:
            assert p.a is not None
            rest = self.optional(p)
            found = self.apply_after(self.start_tag_open(p.a, qname), self._grouper(rest))
        elif kind == GROUP:
            a, b2 = p.a, p.b
            assert a is not None and b2 is not None
            found = (
                self.apply_after(self.start_tag_open(a, qname), self._grouper(b2))
                if qname in self._start_names(a)
                else self.not_allowed
            )
            if a.nullable:
                found = self.choice(found, self.start_tag_open(b2, qname))
        elif kind == AFTER:
            assert p.a is not None and p.b is not None
            found = self.apply_after(self.start_tag_open(p.a, qname), self._afterer(p.b))
        else:
            found = self.not_allowed
        self._sto[key] = found
        return found

    def attribute_deriv(self, p: Pattern, qname: str, value: str | None) -> Pattern:
        """What ``p`` becomes after attribute ``qname="value"``; ``None``: any value."""
        key = (p, qname, value)
        found = self._att.get(key)
        if found is not None:
            return found
        kind = p.kind
        if kind == AFTER:
            assert p.a is not None and p.b is not None
            found = self.after(self.attribute_deriv(p.a, qname, value), p.b)
        elif kind == CHOICE:
            alts = []
            for q in p.alts:
                if qname in self._attribute_names(q):
                    alts.append(self.attribute_deriv(q, qname, value))
            found = self.choice(*alts)
        elif kind == GROUP:
            a, b = p.a, p.b
            assert a is not None and b is not None
            found = self.choice(
                self.group(self.attribute_deriv(a, qname, value), b)
                if qname in self._attribute_names(a)
                else self.not_allowed,
                self.group(a, self.attribute_deriv(b, qname, value))
                if qname in self._attribute_names(b)
                else self.not_allowed,
            )
        elif kind == INTERLEAVE:
            parts = p.alts
            out = []
            for i, part in enumerate(parts):
                if qname not in self._attribute_names(part):
                    continue
                derived = self.attribute_deriv(part, qname, value)
                if derived.kind != NOT_ALLOWED:
                    out.append(self._interleave_into(derived, parts[:i] + parts[i + 1 :]))
            found = self.choice(*out)
        elif kind == ONE_OR_MORE:
            assert p.a is not None
            found = self.group(self.attribute_deriv(p.a, qname, value), self.optional(p))
        elif kind == ATTRIBUTE:
            assert p.a is not None
            if contains(p.nc, qname) and (value is None or self.value_matches(p.a, value)):
                found = self.empty
            else:
                found = self.not_allowed
        else:
            found = self.not_allowed
        self._att[key] = found
        return found

    def value_matches(self, p: Pattern, value: str) -> bool:
        """Whether an attribute value (or a lone text) matches ``p``."""
        return (p.nullable and is_whitespace(value)) or self.text_deriv(p, value).nullable

    def start_tag_close(self, p: Pattern) -> Pattern:
        """What ``p`` becomes when the start tag ends: no more attributes."""
        found = self._stc.get(p)
        if found is not None:
            return found
        kind = p.kind
        if self._attribute_names(p) is _NO_NAMES:
            found = p  # no attribute in it: it would be rebuilt as it is
        elif kind == AFTER:
            assert p.a is not None and p.b is not None
            found = self.after(self.start_tag_close(p.a), p.b)
        elif kind == CHOICE:
            found = self.choice(*map(self.start_tag_close, p.alts))
        elif kind == GROUP:
            assert p.a is not None and p.b is not None
            found = self.group(self.start_tag_close(p.a), self.start_tag_close(p.b))
        elif kind == INTERLEAVE:
            found = self.interleave(*map(self.start_tag_close, p.alts))
        elif kind == ONE_OR_MORE:
            assert p.a is not None
            found = self.one_or_more(self.start_tag_close(p.a))
        elif kind == ATTRIBUTE:
            found = self.not_allowed
        else:
            found = p
        self._stc[p] = found
        return found

    def end_tag(self, p: Pattern) -> Pattern:
        """What follows the element whose content ``p`` ends: notAllowed if unfinished."""
        found = self._end.get(p)
        if found is None:
            if p.kind == CHOICE:
                found = self.choice(*map(self.end_tag, p.alts))
            elif p.kind == AFTER:
                assert p.a is not None and p.b is not None
                found = p.b if p.a.nullable else self.not_allowed
            else:
                found = self.not_allowed
            self._end[p] = found
        return found

    def text_content(self, p: Pattern, text: str) -> Pattern:
        """The derivative for an element whose only content is ``text``."""
        derived = self.text_deriv(p, text)
        return self.choice(p, derived) if is_whitespace(text) else derived

    # -- inspection, for explaining ---------------------------------------------

    def inner(self, p: Pattern) -> Pattern:
        """The element content left in ``p`` (the ``a`` of each ``after(a, b)``)."""
        return self.choice(*(q.a for q in _afters(p) if q.a is not None))

    def rest(self, p: Pattern) -> Pattern:
        """What follows the current element in ``p`` (the ``b`` of each ``after``)."""
        return self.choice(*(q.b for q in _afters(p) if q.b is not None))


def _afters(p: Pattern) -> Iterable[Pattern]:
    if p.kind == AFTER:
        return (p,)
    if p.kind == CHOICE:
        return [q for q in p.alts if q.kind == AFTER]
    return ()


def walk(p: Pattern, into: Callable[[Pattern], bool] | None = None) -> Iterator[Pattern]:
    """Every pattern reachable from ``p`` without entering elements or attributes.

    ``after(a, b)`` is entered on its ``a`` side only: what is left of the
    current element. ``into(q)``, if given, says whether to look inside ``q``.
    """
    seen: set[Pattern] = set()
    stack = [p]
    while stack:
        q = stack.pop()
        if q in seen:
            continue
        seen.add(q)
        yield q
        if into is not None and not into(q):
            continue
        kind = q.kind
        if kind in (CHOICE, INTERLEAVE):
            stack.extend(reversed(q.alts))
        elif kind == GROUP:
            assert q.a is not None and q.b is not None
            stack.extend((q.b, q.a))
        elif kind in (ONE_OR_MORE, AFTER):
            assert q.a is not None
            stack.append(q.a)


def first_elements(p: Pattern) -> Iterator[Pattern]:
    """The element patterns that may come next in ``p``."""
    seen: set[Pattern] = set()
    stack = [p]
    while stack:
        q = stack.pop()
        if q in seen:
            continue
        seen.add(q)
        kind = q.kind
        if kind == ELEMENT:
            yield q
        elif kind in (CHOICE, INTERLEAVE):
            stack.extend(reversed(q.alts))
        elif kind == GROUP:
            assert q.a is not None and q.b is not None
            if q.a.nullable:
                stack.append(q.b)
            stack.append(q.a)
        elif kind in (ONE_OR_MORE, AFTER):
            assert q.a is not None
            stack.append(q.a)
