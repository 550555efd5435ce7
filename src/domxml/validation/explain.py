"""Find the node really at fault in an invalid document, and say what would fit.

libxml2 reports RELAX NG failures where its matching gave up, often an
ancestor of the mistake ("Extra element devices in interleave" for a typo ten
lines below). This module walks the document through the schema's patterns
(:mod:`domxml.validation.patterns`) node by node; the first node that no
remaining alternative accepts is the one at fault, and the patterns just
before it tell what was allowed there: the attribute names of a ``<target>``,
the values of ``cache``, the elements ``<os>`` still needs. After a problem
it carries on as if the node were right, so one run reports several
independent mistakes.

It runs only for documents libxml2 found invalid.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple, cast

from lxml import etree

from domxml.validation.patterns import (
    AFTER,
    ATTRIBUTE,
    DATA,
    ELEMENT,
    LIST,
    NOT_ALLOWED,
    TEXT,
    VALUE,
    Pattern,
    contains,
    display_name,
    first_elements,
    is_whitespace,
    names_of,
    walk,
)
from domxml.validation.rng import Grammar

__all__ = ["Problem", "explain"]

#: Most problems reported for one document; later ones are often echoes.
MAX_PROBLEMS = 20
#: Longest list of names or values a message spells out.
SHOWN = 12


class Problem(NamedTuple):
    """One mistake: the node at fault and what to say about it."""

    element: etree._Element
    """The element at fault, or holding the attribute or text at fault."""
    rule: str
    """A stable identifier: ``attribute-not-allowed``, ``invalid-attribute-value``..."""
    message: str
    """What is wrong, in plain words (with the short suggestion, if any)."""
    hint: str
    """What would be right: a near-miss name, or the allowed names or values."""
    attribute: str | None = None
    """The attribute at fault (qualified name), if the problem is an attribute."""
    text: bool = False
    """Whether the problem is the element's text."""
    allowed: tuple[str, ...] = ()
    """Every name or value allowed at that point (the hint may show fewer)."""


def explain(grammar: Grammar, root: etree._Element) -> list[Problem]:
    """The problems of the document ``root`` against ``grammar``; ``[]`` if none found."""
    return _Explainer(grammar).document(root)


class _Explainer:
    def __init__(self, grammar: Grammar) -> None:
        self.grammar = grammar
        self.p = grammar.patterns
        self.problems: list[Problem] = []

    def document(self, root: etree._Element) -> list[Problem]:
        p = self.p
        opened = p.start_tag_open(grammar_start := self.grammar.start, root.tag)
        if opened.kind == NOT_ALLOWED:
            expected = _element_names(grammar_start, root)
            self._add(
                root,
                "element-not-allowed",
                f"root element {_tag(root)} is not {_or(expected, '<', '>')}",
                f"expected root: {_list(expected, '<', '>')}",
                allowed=expected,
            )
            return self.problems
        self._element(opened, root)
        return self.problems

    def _add(
        self,
        element: etree._Element,
        rule: str,
        message: str,
        hint: str,
        *,
        attribute: str | None = None,
        text: bool = False,
        allowed: Iterable[str] = (),
    ) -> None:
        self.problems.append(Problem(element, rule, message, hint, attribute, text, tuple(allowed)))

    def _full(self) -> bool:
        return len(self.problems) >= MAX_PROBLEMS

    # -- the walk -------------------------------------------------------------

    def _element(self, opened: Pattern, el: etree._Element) -> Pattern:
        """Check ``el``, whose start tag ``opened`` matched; return what may follow it."""
        p = self.p
        # Most start tags open one way: ``opened`` is after(c, rest), and the
        # attributes, the end of the start tag and a lone text are derived on c
        # alone (the state is after(c, rest)), which saves making the state
        # after each. Else c is the state itself, and rest None.
        c, rest = (opened.a, opened.b) if opened.kind == AFTER else (opened, None)
        assert c is not None
        # (lxml gives str names and values; its stubs allow bytes.)
        for name, value in cast("list[tuple[str, str]]", el.items()):
            derived = p.attribute_deriv(c, name, value)
            if derived.kind == NOT_ALLOWED:
                self._bad_attribute(self._state(c, rest), opened, el, name, value)
                derived = p.attribute_deriv(c, name, None)
                if derived.kind == NOT_ALLOWED:
                    continue
            c = derived
        closed = p.start_tag_close(c)
        if closed.kind == NOT_ALLOWED:
            closed = self._missing_attribute(self._state(c, rest), el)
            if closed.kind == NOT_ALLOWED:
                return p.rest(opened)
            rest = None  # the state, whole
        c = closed
        if self._full():
            return p.rest(self._state(c, rest))
        content = _content(el) if len(el) else []  # most elements have no child at all
        text = content[0] if content else el.text or ""
        if isinstance(text, str) and len(content) < 2:  # no child element, one text run at most
            if rest is not None:
                return self._text_only(c, rest, el, text)
            q = c
            derived = p.text_content(q, text)
            if derived.kind == NOT_ALLOWED:
                self._bad_text(q, el, text)
                return p.rest(q)
            q = derived
        else:
            q = self._state(c, rest)
            problems = self.problems
            for item in content:
                if len(problems) >= MAX_PROBLEMS:
                    return p.rest(q)
                if isinstance(item, str):
                    if is_whitespace(item):
                        continue
                    derived = p.text_deriv(q, item)
                    if derived.kind == NOT_ALLOWED:
                        self._bad_text(q, el, item)
                        continue
                    q = derived
                    continue
                tag, child = item
                child_opened = p.start_tag_open(q, tag)
                if child_opened.kind == NOT_ALLOWED:
                    self._bad_element(q, opened, el, child)
                    continue
                q = self._element(child_opened, child)
        ended = p.end_tag(q)
        if ended.kind == NOT_ALLOWED:
            self._incomplete(q, el)
            return p.rest(q)
        return ended

    def _state(self, c: Pattern, rest: Pattern | None) -> Pattern:
        """The state ``after(c, rest)``, or ``c`` itself if ``rest`` is None."""
        return c if rest is None else self.p.after(c, rest)

    def _text_only(self, c: Pattern, rest: Pattern, el: etree._Element, text: str) -> Pattern:
        """End ``el``, holding ``text`` only, in the state ``after(c, rest)``: what may follow.

        As ``text_content()`` then ``end_tag()`` on the state would, without
        making the states between.
        """
        p = self.p
        derived = p.text_deriv(c, text)
        blank = is_whitespace(text)
        if derived.kind == NOT_ALLOWED and not blank:
            q = p.after(c, rest)
            self._bad_text(q, el, text)
            return p.rest(q)
        if derived.nullable or (blank and c.nullable):
            return rest
        q = p.text_content(p.after(c, rest), text)
        self._incomplete(q, el)
        return p.rest(q)

    # -- what went wrong --------------------------------------------------------

    def _bad_attribute(
        self, q: Pattern, opened: Pattern, el: etree._Element, name: str, value: str
    ) -> None:
        p = self.p
        nsmap = el.nsmap  # (lxml makes the map at each read)
        here = [a for a in walk(p.inner(q)) if a.kind == ATTRIBUTE]
        allowed = _sorted(display_name(n, nsmap) for a in here for n in names_of(a.nc))
        shown = display_name(name, nsmap)
        matching = [a for a in here if contains(a.nc, name)]
        if not matching:
            every = [a for a in walk(p.inner(opened)) if a.kind == ATTRIBUTE]
            elsewhere = any(contains(a.nc, name) for a in every)
            known = _sorted(display_name(n, nsmap) for a in every for n in names_of(a.nc))
            near = _near(shown, allowed) or _near(shown, known)
            message = f"attribute `{shown}` is not allowed on {_tag(el)}"
            if elsewhere:
                message += " together with its other attributes"
            if near:
                message += f"; did you mean `{near}`?"
                hint = f"did you mean `{near}`?"
            elif allowed:
                hint = f"allowed attributes here: {_list(allowed)}"
            elif known:
                hint = f"{_tag(el)} takes the attributes {_list(known)}, no other"
            else:
                hint = f"{_tag(el)} takes no attributes"
            self._add(
                el, "attribute-not-allowed", message, hint, attribute=name, allowed=allowed or known
            )
            return
        values, kinds = _expected([a.a for a in matching if a.a is not None])
        message = f"`{shown}='{value}'` is not {_expectation(values, kinds)}"
        self._add(
            el,
            "invalid-attribute-value",
            message,
            _value_hint(value, values, kinds),
            attribute=name,
            allowed=values,
        )

    def _missing_attribute(self, q: Pattern, el: etree._Element) -> Pattern:
        p = self.p
        names = _sorted(n for a in walk(p.inner(q)) if a.kind == ATTRIBUTE for n in names_of(a.nc))
        fixes = [
            n for n in names if p.start_tag_close(p.attribute_deriv(q, n, None)).kind != NOT_ALLOWED
        ]
        nsmap = el.nsmap
        shown = [display_name(n, nsmap) for n in fixes or names]
        if len(shown) == 1:
            message = f"{_tag(el)} is missing required attribute `{shown[0]}`"
        elif fixes:
            message = f"{_tag(el)} is missing one of the attributes {_or(shown, '`', '`')}"
        else:
            message = f"{_tag(el)} is missing required attributes"
        hint = f"add {_or(shown, '`', '`')}" if shown else "add the required attributes"
        self._add(el, "missing-attribute", message, hint, allowed=shown)
        return p.choice(*(p.start_tag_close(p.attribute_deriv(q, n, None)) for n in fixes))

    def _bad_text(self, q: Pattern, el: etree._Element, text: str) -> None:
        inner = self.p.inner(q)
        leaves = [x for x in walk(inner) if x.kind in (VALUE, DATA, TEXT, LIST)]
        if not leaves:
            shown = _clip(text.strip())
            self._add(
                el,
                "text-not-allowed",
                f"text `{shown}` is not allowed in {_tag(el)}",
                f"{_tag(el)} holds only elements here; remove the text"
                if any(x.kind == ELEMENT for x in walk(inner))
                else f"{_tag(el)} must be empty: write <{display_name(el.tag, el.nsmap)}/>",
                text=True,
            )
            return
        values, kinds = _expected([inner])
        if is_whitespace(text):
            message = f"{_tag(el)} is empty: expected {_expectation(values, kinds, ask=True)}"
        else:
            message = f"`{_tag(el, text)}` is not {_expectation(values, kinds)}"
        self._add(
            el,
            "invalid-value",
            message,
            _value_hint(text.strip(), values, kinds),
            text=True,
            allowed=values,
        )

    def _bad_element(
        self, q: Pattern, opened: Pattern, el: etree._Element, child: etree._Element
    ) -> None:
        p = self.p
        inner = p.inner(q)
        here = _element_names(inner, el)
        here_qnames = _sorted(n for e in first_elements(inner) for n in names_of(e.nc))
        name = child.tag
        shown = display_name(name, child.nsmap)
        nsmap = el.nsmap
        missing = [
            display_name(m, nsmap)
            for m in here_qnames
            if p.start_tag_open(p.rest(p.start_tag_open(q, m)), name).kind != NOT_ALLOWED
        ]
        if missing:
            message = f"{_or(missing, '<', '>')} is missing before <{shown}> in {_tag(el)}"
            hint = f"add {_or(missing, '<', '>')} before <{shown}>"
            self._add(child, "missing-element", message, hint, allowed=missing)
            return
        in_parent = any(contains(e.nc, name) for e in walk(p.inner(opened)) if e.kind == ELEMENT)
        expected = f"expected here: {_list(here, '<', '>')}" if here else ""
        if in_parent:
            repeated = any(sibling.tag == name for sibling in child.itersiblings(preceding=True))
            if repeated:
                message = f"element <{shown}> is repeated in {_tag(el)}: it may appear only once"
                hint = f"remove the second <{shown}>; expected here: {_list(here, '<', '>')}"
            else:
                message = f"element <{shown}> is out of order in {_tag(el)}"
                hint = expected or f"nothing more is allowed in {_tag(el)} here"
            self._add(child, "element-not-allowed", message, hint, allowed=here)
            return
        parents = self._parents().get(name, [])
        if parents:
            message = f"element <{shown}> is not allowed in {_tag(el)}"
            hint = f"<{shown}> belongs in {_list(parents, '<', '>')}"
            self._add(child, "element-not-allowed", message, hint, allowed=here)
            return
        everywhere = _unique(
            display_name(n, nsmap)
            for e in walk(p.inner(opened))
            if e.kind == ELEMENT
            for n in names_of(e.nc)
        )
        near = _near(shown, here) or _near(shown, everywhere)
        if near:
            message = f"element <{shown}> is not allowed in {_tag(el)}; did you mean <{near}>?"
            hint = f"did you mean <{near}>?"
        else:
            message = f"unknown element <{shown}> in {_tag(el)}"
            hint = expected or f"{_tag(el)} takes no more elements here"
        self._add(child, "element-not-allowed", message, hint, allowed=here)

    def _incomplete(self, q: Pattern, el: etree._Element) -> None:
        p = self.p
        inner = p.inner(q)
        if any(x.kind in (VALUE, DATA, LIST) for x in walk(inner)) and not any(
            isinstance(child.tag, str) for child in el
        ):
            self._bad_text(q, el, _text_of(el))
            return
        qnames = _sorted(n for e in first_elements(inner) for n in names_of(e.nc))
        nsmap = el.nsmap
        required = [
            display_name(m, nsmap)
            for m in qnames
            if p.end_tag(p.rest(p.start_tag_open(q, m))).kind != NOT_ALLOWED
        ]
        names = required or [display_name(m, nsmap) for m in qnames]
        if len(required) == 1:
            message = f"{_tag(el)} is missing required element <{required[0]}>"
        elif required:
            message = f"{_tag(el)} is missing one of the elements {_or(required, '<', '>')}"
        else:
            message = f"{_tag(el)} is incomplete"
        hint = f"add {_or(names, '<', '>')}" if names else "add the required content"
        self._add(el, "missing-element", message, hint, allowed=names)

    def _parents(self) -> dict[str, list[str]]:
        """For each element name, the names of the elements it may appear in."""
        found: dict[str, list[str]] | None = getattr(self.grammar, "_domxml_parents", None)
        if found is None:
            homes: dict[str, dict[str, None]] = {}
            for element in self.grammar.element_patterns():
                outer = [display_name(n) for n in names_of(element.nc)]
                for child in walk(element.content):
                    if child.kind == ELEMENT:
                        for n in names_of(child.nc):
                            for parent in outer:
                                homes.setdefault(n, {})[parent] = None
            found = {name: list(parents) for name, parents in homes.items()}
            self.grammar._domxml_parents = found  # type: ignore[attr-defined]
        return found


# -- reading the document ----------------------------------------------------------


def _text_of(el: etree._Element) -> str:
    """All text directly in ``el`` (comments and processing instructions dropped)."""
    parts = [el.text or ""]
    parts.extend(child.tail or "" for child in el)
    return "".join(parts)


def _content(el: etree._Element) -> list[str | tuple[str, etree._Element]]:
    """Text runs and child elements (with their tags) of ``el``, in order.

    Comments merge the text around them. Each child and its tag are read once
    (lxml makes a new object for each read).
    """
    content: list[str | tuple[str, etree._Element]] = []
    text = el.text or ""
    for child in el:
        tag = child.tag
        if isinstance(tag, str):
            if text:
                content.append(text)
            content.append((tag, child))
            text = ""
        text += child.tail or ""
    if text:
        content.append(text)
    return content


# -- words -------------------------------------------------------------------------------


def _tag(el: etree._Element, text: str | None = None) -> str:
    name = display_name(el.tag, el.nsmap)
    if text is None:
        return f"<{name}>"
    return f"<{name}>{_clip(text.strip())}</{name}>"


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _sorted(items: Iterable[str]) -> list[str]:
    """Names in alphabetical order: the schema's own order is lost in interleaves."""
    return sorted(set(items), key=str.lower)


def _list(items: list[str], before: str = "", after: str = "") -> str:
    shown = [f"{before}{item}{after}" for item in items[:SHOWN]]
    if len(items) > SHOWN:
        shown.append(f"… ({len(items) - SHOWN} more)")
    return ", ".join(shown)


def _or(items: list[str], before: str = "", after: str = "") -> str:
    shown = [f"{before}{item}{after}" for item in items[:SHOWN]]
    if len(items) > SHOWN:
        shown.append(f"… ({len(items) - SHOWN} more)")
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " or " + shown[-1]


def _near(name: str, candidates: list[str]) -> str | None:
    """The candidate ``name`` is most likely a misspelling of, if any.

    The fewest edits wins (a third of the name at most); among equals, one of
    the same length (``qcow3`` is nearer ``qcow2`` than ``qcow``).
    """
    if not candidates or not name:
        return None
    lowered = {candidate.lower(): candidate for candidate in candidates}
    if name.lower() in lowered and lowered[name.lower()] != name:
        return lowered[name.lower()]
    limit = max(1, len(name) // 3)
    best: tuple[int, int, str] | None = None
    for candidate in candidates:
        if abs(len(candidate) - len(name)) > limit:
            continue
        distance = _edits(name.lower(), candidate.lower(), limit)
        if distance <= limit:
            score = (distance, abs(len(candidate) - len(name)), candidate)
            if best is None or score < best:
                best = score
    return best[2] if best else None


def _edits(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance of ``a`` and ``b`` (``limit + 1`` once beyond it)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                value = min(value, previous2[j - 2] + 1)
            current.append(value)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _element_names(p: Pattern, el: etree._Element) -> list[str]:
    nsmap = el.nsmap
    return sorted(
        set(display_name(n, nsmap) for e in first_elements(p) for n in names_of(e.nc)),
        key=str.lower,
    )


def _expected(patterns: list[Pattern]) -> tuple[list[str], list[str]]:
    """The literal values and the datatype descriptions a value may match."""
    values: list[str] = []
    kinds: list[str] = []
    matching: dict[str, list[str]] = {}
    for pattern in patterns:
        for leaf in walk(pattern):
            if leaf.kind == VALUE and leaf.datatype is not None:
                values.append(leaf.datatype.normalise(leaf.value))
            elif leaf.kind == DATA and leaf.datatype is not None:
                kind, regexes = leaf.datatype.describe(), leaf.datatype.patterns()
                if regexes and leaf.label and not leaf.datatype.numeric:
                    matching.setdefault(leaf.label, []).extend(regexes)
                else:
                    kinds.append(kind)
            elif leaf.kind == TEXT:
                kinds.append("any text")
            elif leaf.kind == LIST:
                kinds.append("a list of values")
    for label, regexes in matching.items():
        shown = " or ".join(f"`{_clip(regex, 60)}`" for regex in _unique(regexes))
        kinds.append(f"a valid `{label}` (matching {shown})")
    return _unique(values), _unique(kinds)


def _expectation(values: list[str], kinds: list[str], *, ask: bool = False) -> str:
    """``one of: a, b`` / ``an unsigned integer`` / ``one of: a, b, or an integer``."""
    if values and not kinds:
        if len(values) == 1:
            return f"`{values[0]}`"
        return f"one of: {_list(values)}"
    if kinds and not values:
        return " or ".join(kinds)
    if not values and not kinds:
        return "a value" if ask else "valid here"
    return f"one of: {_list(values)}, or {' or '.join(kinds)}"


def _value_hint(value: str, values: list[str], kinds: list[str]) -> str:
    near = _near(value, values) if value else None
    if near:
        return f"did you mean `{near}`?"
    if values and not kinds:
        return f"allowed values: {_list(values)}"
    return f"expected {_expectation(values, kinds, ask=True)}"
