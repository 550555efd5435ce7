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

#: A name table's marker for a pattern not looked at yet (None means any name).
_UNKNOWN: frozenset[str] = frozenset({"\0"})

#: Patterns whose text derivative is empty or notAllowed, nothing else.
_VALUE_LEAVES = (DATA, VALUE, LIST)

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

    def __init__(self, kind: int) -> None:
        self.kind = kind
        self.a: Pattern | None = None
        self.b: Pattern | None = None
        self.alts: tuple[Pattern, ...] = ()
        self.nc: NameClass = None
        self.datatype: Datatype | None = None
        self.value = ""
        self.label = ""
        self.nullable = kind in (EMPTY, TEXT)
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
        self.empty = Pattern(EMPTY)
        self.not_allowed = Pattern(NOT_ALLOWED)
        self.text = Pattern(TEXT)
        # Tables keyed by the patterns themselves (hashed by identity), not by
        # their id(): an id() is an int to allocate, some 30,000 times while
        # the first documents are explained.
        self._interned: dict[tuple[Any, ...], Pattern] = {}
        self._sto: dict[tuple[Pattern, str], Pattern] = {}
        self._att: dict[tuple[Pattern, str, str], Pattern] = {}
        self._att_any: dict[tuple[Pattern, str], Pattern] = {}
        self._stc: dict[Pattern, Pattern] = {}
        self._end: dict[Pattern, Pattern] = {}
        self._txt: dict[tuple[Pattern, str], Pattern] = {}
        self._starts: dict[Pattern, frozenset[str] | None] = {}
        self._attributes: dict[Pattern, frozenset[str] | None] = {}

    # -- constructors -----------------------------------------------------

    def choice(self, *patterns: Pattern) -> Pattern:
        """The choice of ``patterns``: flattened, without duplicates, notAllowed dropped."""
        if len(patterns) == 2:
            # The common case (optional, a group's two ways), without a table.
            a, b = patterns
            if b.kind == NOT_ALLOWED or a is b:
                return a
            if a.kind == NOT_ALLOWED:
                return b
        elif len(patterns) == 1:
            return patterns[0]
        alts: dict[Pattern, None] = {}
        for p in patterns:
            if p.kind == CHOICE:
                for q in p.alts:
                    alts[q] = None
            elif p.kind != NOT_ALLOWED:
                alts[p] = None
        if not alts:
            return self.not_allowed
        if len(alts) == 1:
            return next(iter(alts))
        key = (CHOICE, frozenset(alts))
        found = self._interned.get(key)
        if found is None:
            found = Pattern(CHOICE)
            found.alts = tuple(alts)
            found.nullable = any(q.nullable for q in found.alts)
            self._interned[key] = found
        return found

    def interleave(self, *patterns: Pattern) -> Pattern:
        """The interleave of ``patterns`` (flattened, in a canonical order)."""
        parts: list[Pattern] = []
        for p in patterns:
            if p.kind == NOT_ALLOWED:
                return self.not_allowed
            if p.kind == INTERLEAVE:
                parts.extend(p.alts)
            elif p.kind != EMPTY:
                parts.append(p)
        if not parts:
            return self.empty
        if len(parts) == 1:
            return parts[0]
        parts.sort(key=id)
        key = (INTERLEAVE, *parts)
        found = self._interned.get(key)
        if found is None:
            found = Pattern(INTERLEAVE)
            found.alts = tuple(parts)
            found.nullable = all(q.nullable for q in parts)
            self._interned[key] = found
        return found

    def group(self, a: Pattern, b: Pattern) -> Pattern:
        """``a`` followed by ``b``."""
        if a.kind == NOT_ALLOWED or b.kind == NOT_ALLOWED:
            return self.not_allowed
        if a.kind == EMPTY:
            return b
        if b.kind == EMPTY:
            return a
        return self._binary(GROUP, a, b, a.nullable and b.nullable)

    def after(self, a: Pattern, b: Pattern) -> Pattern:
        """The rest ``a`` of an element's content, then ``b`` after the element."""
        if a.kind == NOT_ALLOWED or b.kind == NOT_ALLOWED:
            return self.not_allowed
        return self._binary(AFTER, a, b, False)

    def one_or_more(self, a: Pattern) -> Pattern:
        """One or more ``a``."""
        if a.kind in (NOT_ALLOWED, EMPTY):
            return a
        return self._binary(ONE_OR_MORE, a, None, a.nullable)

    def optional(self, a: Pattern) -> Pattern:
        """``a`` or nothing."""
        return self.choice(a, self.empty)

    def list_of(self, a: Pattern) -> Pattern:
        """A whitespace-separated list matching ``a``."""
        if a.kind == NOT_ALLOWED:
            return a
        return self._binary(LIST, a, None, False)

    def _binary(self, kind: int, a: Pattern, b: Pattern | None, nullable: bool) -> Pattern:
        key = (kind, a, b)
        found = self._interned.get(key)
        if found is None:
            found = Pattern(kind)
            found.a, found.b, found.nullable = a, b, nullable
            self._interned[key] = found
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

    def text_deriv(self, p: Pattern, text: str) -> Pattern:
        """What may follow once ``text`` has matched the start of ``p``."""
        key = (p, text)
        found = self._txt.get(key)
        if found is None:
            found = self._text_deriv(p, text)
            self._txt[key] = found
        return found

    def _text_deriv(self, p: Pattern, text: str) -> Pattern:
        kind = p.kind
        if kind == CHOICE:
            # A value, data or list alternative gives empty or notAllowed: once
            # one alternative gave empty, those change nothing, and checking
            # them can cost a regular expression's compilation.
            derived = []
            matched = False
            for q in p.alts:
                if matched and q.kind in _VALUE_LEAVES:
                    continue
                d = self.text_deriv(q, text)
                matched = matched or d is self.empty
                derived.append(d)
            return self.choice(*derived)
        if kind == INTERLEAVE:
            return self.choice(*self._replace_each(p, lambda q: self.text_deriv(q, text)))
        if kind == GROUP:
            a, b = p.a, p.b
            assert a is not None and b is not None
            first = self.group(self.text_deriv(a, text), b)
            return self.choice(first, self.text_deriv(b, text)) if a.nullable else first
        if kind == AFTER:
            assert p.a is not None and p.b is not None
            return self.after(self.text_deriv(p.a, text), p.b)
        if kind == ONE_OR_MORE:
            assert p.a is not None
            return self.group(self.text_deriv(p.a, text), self.optional(p))
        if kind == TEXT:
            return p
        if kind == VALUE:
            assert p.datatype is not None
            return self.empty if p.datatype.equal(p.value, text) else self.not_allowed
        if kind == DATA:
            assert p.datatype is not None
            if not p.datatype.allows(text):
                return self.not_allowed
            if p.a is not None and self.text_deriv(p.a, text).nullable:
                return self.not_allowed
            return self.empty
        if kind == LIST:
            assert p.a is not None
            q = p.a
            for word in text.split():
                q = self.text_deriv(q, word)
            return self.empty if q.nullable else self.not_allowed
        return self.not_allowed

    def _replace_each(self, p: Pattern, derive: Callable[[Pattern], Pattern]) -> Iterator[Pattern]:
        """For an interleave: each part derived in turn, the others unchanged."""
        parts = p.alts
        for i, part in enumerate(parts):
            derived = derive(part)
            if derived.kind != NOT_ALLOWED:
                yield self.interleave(derived, *parts[:i], *parts[i + 1 :])

    def _interleaver(self, others: tuple[Pattern, ...]) -> Callable[[Pattern], Pattern]:
        return lambda b: self.interleave(b, *others)

    def apply_after(self, p: Pattern, f: Callable[[Pattern], Pattern]) -> Pattern:
        """Replace the continuation ``b`` of every ``after(a, b)`` in ``p`` by ``f(b)``."""
        if p.kind == AFTER:
            assert p.a is not None and p.b is not None
            return self.after(p.a, f(p.b))
        if p.kind == CHOICE:
            return self.choice(*(self.apply_after(q, f) for q in p.alts))
        return self.not_allowed

    def start_tag_open(self, p: Pattern, qname: str) -> Pattern:
        """What ``p`` becomes when an element ``qname`` starts: ``after(content, rest)``."""
        key = (p, qname)
        found = self._sto.get(key)
        if found is None:
            found = self._start_tag_open(p, qname)
            self._sto[key] = found
        return found

    # Which element names may start a pattern, and which attribute names it
    # holds: a derivative skips the parts that cannot match at all, instead of
    # descending into each of them (libvirt's <domain> content is an
    # interleave of some forty parts, <devices> a choice of thirty).

    def _may_start(self, p: Pattern, qname: str) -> bool:
        names = self._start_names(p)
        return names is None or qname in names

    def _may_have(self, p: Pattern, qname: str) -> bool:
        names = self._attribute_names(p)
        return names is None or qname in names

    def _start_names(self, p: Pattern) -> frozenset[str] | None:
        found = self._starts.get(p, _UNKNOWN)
        if found is _UNKNOWN:
            found = self._starts[p] = self._names(p, attributes=False)
        return found

    def _attribute_names(self, p: Pattern) -> frozenset[str] | None:
        found = self._attributes.get(p, _UNKNOWN)
        if found is _UNKNOWN:
            found = self._attributes[p] = self._names(p, attributes=True)
        return found

    def _names(self, p: Pattern, *, attributes: bool) -> frozenset[str] | None:
        """Element names that may start ``p`` (or attribute names it holds); None: any."""
        kind = p.kind
        if kind == (ATTRIBUTE if attributes else ELEMENT):
            found = list(names_of(p.nc))
            return None if not isinstance(p.nc, str) and p.nc[0] != "choice" else frozenset(found)
        parts: tuple[Pattern, ...] = ()
        if kind in (CHOICE, INTERLEAVE):
            parts = p.alts
        elif kind == GROUP:
            assert p.a is not None and p.b is not None
            parts = (p.a, p.b) if attributes or p.a.nullable else (p.a,)
        elif kind in (ONE_OR_MORE, AFTER):
            assert p.a is not None
            parts = (p.a,)
        union: set[str] = set()
        for part in parts:
            names = self._attribute_names(part) if attributes else self._start_names(part)
            if names is None:
                return None
            union |= names
        return frozenset(union)

    def _start_tag_open(self, p: Pattern, qname: str) -> Pattern:
        kind = p.kind
        if kind == CHOICE:
            return self.choice(
                *(self.start_tag_open(q, qname) for q in p.alts if self._may_start(q, qname))
            )
        if kind == ELEMENT:
            return self.after(p.content, self.empty) if contains(p.nc, qname) else self.not_allowed
        if kind == INTERLEAVE:
            # Hot: libvirt's <domain> content is an interleave of some forty
            # parts, opened once per child element; the table is read inline.
            parts = p.alts
            starts = self._starts
            out = []
            for i, part in enumerate(parts):
                names = starts.get(part, _UNKNOWN)
                if names is _UNKNOWN:
                    names = self._start_names(part)
                if names is not None and qname not in names:
                    continue
                derived = self.start_tag_open(part, qname)
                if derived.kind == NOT_ALLOWED:
                    continue
                others = parts[:i] + parts[i + 1 :]
                out.append(self.apply_after(derived, self._interleaver(others)))
            return self.choice(*out)
        if kind == ONE_OR_MORE:
            assert p.a is not None
            rest = self.optional(p)
            return self.apply_after(self.start_tag_open(p.a, qname), lambda b: self.group(b, rest))
        if kind == GROUP:
            a, b2 = p.a, p.b
            assert a is not None and b2 is not None
            first = (
                self.apply_after(self.start_tag_open(a, qname), lambda b: self.group(b, b2))
                if self._may_start(a, qname)
                else self.not_allowed
            )
            return self.choice(first, self.start_tag_open(b2, qname)) if a.nullable else first
        if kind == AFTER:
            assert p.a is not None and p.b is not None
            outer = p.b
            return self.apply_after(self.start_tag_open(p.a, qname), lambda b: self.after(b, outer))
        return self.not_allowed

    def attribute_deriv(self, p: Pattern, qname: str, value: str | None) -> Pattern:
        """What ``p`` becomes after attribute ``qname="value"``; ``None``: any value."""
        if value is None:
            key1 = (p, qname)
            found = self._att_any.get(key1)
            if found is None:
                found = self._attribute_deriv(p, qname, None)
                self._att_any[key1] = found
            return found
        key = (p, qname, value)
        found = self._att.get(key)
        if found is None:
            found = self._attribute_deriv(p, qname, value)
            self._att[key] = found
        return found

    def _attribute_deriv(self, p: Pattern, qname: str, value: str | None) -> Pattern:
        kind = p.kind
        if kind == AFTER:
            assert p.a is not None and p.b is not None
            return self.after(self.attribute_deriv(p.a, qname, value), p.b)
        if kind == CHOICE:
            return self.choice(
                *(self.attribute_deriv(q, qname, value) for q in p.alts if self._may_have(q, qname))
            )
        if kind == GROUP:
            a, b = p.a, p.b
            assert a is not None and b is not None
            return self.choice(
                self.group(self.attribute_deriv(a, qname, value), b)
                if self._may_have(a, qname)
                else self.not_allowed,
                self.group(a, self.attribute_deriv(b, qname, value))
                if self._may_have(b, qname)
                else self.not_allowed,
            )
        if kind == INTERLEAVE:
            return self.choice(
                *self._replace_each(
                    p,
                    lambda q: (
                        self.attribute_deriv(q, qname, value)
                        if self._may_have(q, qname)
                        else self.not_allowed
                    ),
                )
            )
        if kind == ONE_OR_MORE:
            assert p.a is not None
            return self.group(self.attribute_deriv(p.a, qname, value), self.optional(p))
        if kind == ATTRIBUTE:
            assert p.a is not None
            if not contains(p.nc, qname):
                return self.not_allowed
            if value is None or self.value_matches(p.a, value):
                return self.empty
        return self.not_allowed

    def value_matches(self, p: Pattern, value: str) -> bool:
        """Whether an attribute value (or a lone text) matches ``p``."""
        return (p.nullable and is_whitespace(value)) or self.text_deriv(p, value).nullable

    def start_tag_close(self, p: Pattern) -> Pattern:
        """What ``p`` becomes when the start tag ends: no more attributes."""
        found = self._stc.get(p)
        if found is None:
            found = self._start_tag_close(p)
            self._stc[p] = found
        return found

    def _start_tag_close(self, p: Pattern) -> Pattern:
        kind = p.kind
        if kind == AFTER:
            assert p.a is not None and p.b is not None
            return self.after(self.start_tag_close(p.a), p.b)
        if kind == CHOICE:
            return self.choice(*(self.start_tag_close(q) for q in p.alts))
        if kind == GROUP:
            assert p.a is not None and p.b is not None
            return self.group(self.start_tag_close(p.a), self.start_tag_close(p.b))
        if kind == INTERLEAVE:
            return self.interleave(*(self.start_tag_close(q) for q in p.alts))
        if kind == ONE_OR_MORE:
            assert p.a is not None
            return self.one_or_more(self.start_tag_close(p.a))
        if kind == ATTRIBUTE:
            return self.not_allowed
        return p

    def end_tag(self, p: Pattern) -> Pattern:
        """What follows the element whose content ``p`` ends: notAllowed if unfinished."""
        found = self._end.get(p)
        if found is None:
            if p.kind == CHOICE:
                found = self.choice(*(self.end_tag(q) for q in p.alts))
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
