"""The datatypes libvirt's schemas use, for explaining errors in plain words.

libxml2 decides whether a document is valid; this module only lets the
explainer (:mod:`domxml.validation.explain`) tell *which* value is wrong and
say what would be right: "an unsigned integer from 0 to 65535", "a value
matching ``[a-fA-F0-9]{32}``". It covers RELAX NG's built-in ``string`` and
``token`` and the XML Schema types and facets that libvirt's schemas use; an
unknown type accepts everything, so the explainer never blames a value it
cannot judge.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, NamedTuple

__all__ = ["XSD", "Datatype", "datatype", "xsd_regex"]

XSD = "http://www.w3.org/2001/XMLSchema-datatypes"
"""The datatype library URI libvirt's schemas declare."""

#: XML white space, and a table turning it into spaces (to collapse it, split at spaces).
_XML_SPACES = frozenset(" \t\r\n")
_TO_SPACES = str.maketrans("\t\r\n", "   ")
#: The types whose white space is kept as written.
_KEEPING_SPACE = frozenset({"string", "normalizedString", ""})

#: Integer types: (lowest, highest), ``None`` for unbounded.
_INTEGERS: dict[str, tuple[int | None, int | None]] = {
    "integer": (None, None),
    "nonNegativeInteger": (0, None),
    "positiveInteger": (1, None),
    "nonPositiveInteger": (None, 0),
    "negativeInteger": (None, -1),
    "long": (-(2**63), 2**63 - 1),
    "int": (-(2**31), 2**31 - 1),
    "short": (-(2**15), 2**15 - 1),
    "byte": (-128, 127),
    "unsignedLong": (0, 2**64 - 1),
    "unsignedInt": (0, 2**32 - 1),
    "unsignedShort": (0, 2**16 - 1),
    "unsignedByte": (0, 255),
}

_INTEGER_WORDS = {
    "integer": "an integer",
    "nonNegativeInteger": "a non-negative integer",
    "positiveInteger": "a positive integer",
    "nonPositiveInteger": "a non-positive integer",
    "negativeInteger": "a negative integer",
    "long": "an integer",
    "int": "an integer",
    "short": "an integer",
    "byte": "an integer",
    "unsignedLong": "an unsigned integer",
    "unsignedInt": "an unsigned integer",
    "unsignedShort": "an unsigned integer",
    "unsignedByte": "an unsigned integer",
}

#: Lexical forms, compiled on first use (re caches them): most runs need none.
_LEXICAL = {
    "decimal": r"[+-]?(\d+(\.\d*)?|\.\d+)",
    "double": r"[+-]?((\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|INF)|-INF|NaN",
    "float": r"[+-]?((\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|INF)|-INF|NaN",
    "boolean": r"true|false|1|0",
    "dateTime": r"-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?",
    "date": r"-?\d{4,}-\d\d-\d\d(Z|[+-]\d\d:\d\d)?",
    "time": r"\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?",
    "NCName": r"[^\W\d][\w.\-]*",
    "Name": r"[^\W\d:][\w.\-:]*",
    "NMTOKEN": r"[\w.\-:]+",
    "hexBinary": r"([0-9a-fA-F]{2})*",
    "base64Binary": r"[A-Za-z0-9+/= ]*",
}

#: Patterns that say no more than a number type does.
_TRIVIAL = {"[0-9]+", "-?[0-9]+", "(-|\\+)?[0-9]+", "[+-]?[0-9]+", "[0-9]+(\\.[0-9]+)?"}

_OTHER_WORDS = {
    "decimal": "a decimal number",
    "double": "a number",
    "float": "a number",
    "boolean": "true or false",
    "dateTime": "a date and time (YYYY-MM-DDThh:mm:ss)",
    "date": "a date (YYYY-MM-DD)",
    "time": "a time (hh:mm:ss)",
    "NCName": "a name without colon",
    "Name": "an XML name",
    "NMTOKEN": "a name token",
    "hexBinary": "hexadecimal bytes",
    "base64Binary": "base64 data",
    "anyURI": "a URI",
    "string": "text",
    "normalizedString": "text",
    "token": "text",
}


def xsd_regex(pattern: str) -> re.Pattern[str] | None:
    """Translate an XML Schema regular expression into a Python one.

    XML Schema patterns are anchored at both ends and know no anchors:
    ``^`` and ``$`` are ordinary characters there (libvirt's schemas use a
    literal ``$``), ``.`` excludes line ends, and ``\\i``/``\\c`` are the
    XML name classes. Returns ``None`` for what Python cannot express.
    """
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            escaped = pattern[i + 1]
            if escaped == "i":
                out.append(r"[^\W\d]" if not in_class else r"^\W\d")
            elif escaped == "c":
                out.append(r"[\w.\-:]" if not in_class else r"\w.\-:")
            elif escaped in "pP":
                return None
            else:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            if char == "]":
                in_class = False
            elif char == "[":
                return None  # character class subtraction
            out.append(char)
        elif char == "[":
            in_class = True
            out.append(char)
            if pattern[i + 1 : i + 2] == "^":
                out.append("^")
                i += 1
        elif char in "$^":
            out.append("\\" + char)
        elif char == ".":
            out.append(r"[^\n\r]")
        else:
            out.append(char)
        i += 1
    try:
        return re.compile("".join(out))
    except re.error:
        return None


class Datatype(NamedTuple):
    """A datatype with its facets: decides and describes values."""

    library: str
    """The datatype library URI; ``""`` for RELAX NG's built-in types."""
    name: str
    """``string``, ``token``, ``unsignedInt``..."""
    params: tuple[tuple[str, str], ...] = ()
    """Facets in schema order: ``(pattern, ...)``, ``(minInclusive, 0)``..."""

    @property
    def collapses(self) -> bool:
        """Whether whitespace is collapsed before checking (all but strings)."""
        return self.name not in _KEEPING_SPACE

    def normalise(self, text: str) -> str:
        """The value as the type sees it."""
        if self.collapses and not _XML_SPACES.isdisjoint(text):
            # Runs of white space become one space, none at either end.
            return " ".join(filter(None, text.translate(_TO_SPACES).split(" ")))
        return text

    def allows(self, text: str) -> bool:
        """Whether ``text`` is a value of this type with its facets."""
        value = self.normalise(text)
        if self.library == XSD and not self._lexical_ok(value):
            return False
        return all(self._facet_ok(name, param, value) for name, param in self.params)

    def equal(self, expected: str, text: str) -> bool:
        """Whether ``text`` is the value ``expected`` in this type (``<value>``)."""
        if self.library == XSD and self.name in _INTEGERS:
            try:
                return int(self.normalise(expected)) == int(self.normalise(text))
            except ValueError:
                return False
        return self.normalise(expected) == self.normalise(text)

    def describe(self) -> str:
        """The type in words: ``an unsigned integer from 1 to 4096``."""
        params = dict(self.params)
        patterns = self.patterns()
        if self.library == XSD and self.name in _INTEGERS:
            low, high = _INTEGERS[self.name]
            low = _int_or(params.get("minInclusive"), low)
            high = _int_or(params.get("maxInclusive"), high)
            words = _INTEGER_WORDS[self.name]
            if self.name != "integer" and (low, high) != _INTEGERS[self.name]:
                words = "an integer"
            if low is not None and high is not None and (low, high) != _INTEGERS[self.name]:
                words += f" from {low} to {high}"
            elif low is not None and low != _INTEGERS[self.name][0]:
                words += f" of at least {low}"
            elif high is not None and high != _INTEGERS[self.name][1]:
                words += f" of at most {high}"
        else:
            words = _OTHER_WORDS.get(self.name, f"a value of type {self.name}")
        if patterns:
            shown = " or ".join(
                f"`{pattern}`" if len(pattern) <= 60 else f"`{pattern[:59]}…`"
                for pattern in patterns
            )
            words = f"a value matching {shown}" if words == "text" else f"{words} matching {shown}"
        if "maxLength" in params:
            words += f" of at most {params['maxLength']} characters"
        if "minLength" in params:
            words += f" of at least {params['minLength']} characters"
        if "length" in params:
            words += f" of exactly {params['length']} characters"
        return words

    @property
    def numeric(self) -> bool:
        """Whether values are numbers (XML Schema integer or decimal types)."""
        return self.library == XSD and (
            self.name in _INTEGERS or self.name in ("decimal", "double", "float")
        )

    def patterns(self) -> list[str]:
        """The ``pattern`` facets, less those that only restate a number's digits."""
        found = [value for name, value in self.params if name == "pattern"]
        if self.numeric:
            found = [value for value in found if value not in _TRIVIAL]
        return found

    def _lexical_ok(self, value: str) -> bool:
        if self.name in _INTEGERS:
            digits = value[1:] if value[:1] in ("+", "-") else value
            if not digits.isdecimal():  # [+-]?\d+: \d is any decimal digit (Unicode's Nd)
                return False
            low, high = _INTEGERS[self.name]
            number = int(value)
            return (low is None or number >= low) and (high is None or number <= high)
        lexical = _LEXICAL.get(self.name)
        return lexical is None or re.fullmatch(lexical, value) is not None

    def _facet_ok(self, name: str, param: str, value: str) -> bool:
        if name == "pattern":
            return _pattern_matches(param, value)
        if name in ("length", "minLength", "maxLength"):
            limit = _int_or(param, None)
            if limit is None:
                return True
            size = len(value)
            return {
                "length": size == limit,
                "minLength": size >= limit,
                "maxLength": size <= limit,
            }[name]
        if name in ("minInclusive", "maxInclusive", "minExclusive", "maxExclusive"):
            try:
                number, bound = _number(value), _number(param)
            except ValueError:
                return True
            return {
                "minInclusive": number >= bound,
                "maxInclusive": number <= bound,
                "minExclusive": number > bound,
                "maxExclusive": number < bound,
            }[name]
        return True


def _number(text: str) -> int | float:
    """An integer exactly (a float has 53 bits: 2**54 + 1 would equal 2**54), else a float."""
    try:
        return int(text)
    except ValueError:
        return float(text)


def _int_or(text: str | None, default: int | None) -> int | None:
    if text is None:
        return default
    try:
        return int(text.strip())
    except ValueError:
        return default


#: ``pattern`` facets of the plain syntax, read on first use (``None``: not plain).
_PLAIN: dict[str, _Node | None] = {}
#: The other ``pattern`` facets, compiled on first use (``None``: not expressible in Python).
_COMPILED: dict[str, re.Pattern[str] | None] = {}


def _pattern_matches(pattern: str, value: str) -> bool:
    """Whether ``value`` matches the XML Schema ``pattern`` (one Python cannot read: yes)."""
    # Python compiles a regular expression in a hundred thousand instructions
    # or more (a millisecond for libvirt's IPv6 address), and the explainer
    # tries few values against each pattern: one of the plain syntax (most of
    # libvirt's) is read here once, and matched in a few thousand a value.
    if pattern in _PLAIN:
        plain = _PLAIN[pattern]
    else:
        plain = _PLAIN[pattern] = _read_plain(pattern)
    if plain is not None:
        return len(value) in _ends(plain, value, {0})
    if pattern in _COMPILED:
        compiled = _COMPILED[pattern]
    else:
        compiled = _COMPILED[pattern] = xsd_regex(pattern)
    return compiled is None or compiled.fullmatch(value) is not None


#: XML Schema's single-character escapes, and the character each stands for.
_SINGLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t"} | {c: c for c in "\\|.-^?*+{}()[]"}
#: Characters that are not themselves outside a character class.
_SPECIAL = set(".\\?*+{}()[]|")
#: Largest character range the plain syntax lists (see :func:`_read_plain`).
_RANGE_LIMIT = 256

# An expression of the plain syntax, read: ``(_CHAR, chars)`` is one character
# among ``chars`` (a string of one, or a set), ``(_SEQ, items)`` the items in
# turn, ``(_ALT, branches)`` one of the branches, ``(_REPEAT, item, low,
# high)`` the item ``low`` to ``high`` times (``None``: no limit).
_CHAR, _SEQ, _ALT, _REPEAT = range(4)
_Node = tuple[Any, ...]


class _Unlisted(Exception):
    """The expression's characters are not simply listed, or Python may read it otherwise."""


def _read_plain(pattern: str) -> _Node | None:
    """The expression ``pattern`` of the plain syntax, read; or None.

    The plain syntax: literals, single-character escapes, classes of listed
    characters and ranges, groups, alternatives and quantifiers (not ``.``,
    ``\\s``, ``\\d``, a negated class...), which :func:`_ends` matches as
    Python's ``re`` would match the :func:`xsd_regex` translation.
    """
    try:
        node, end = _branches(pattern, 0)
    except (_Unlisted, IndexError):
        return None
    return node if end == len(pattern) else None


def _ends(node: _Node, value: str, starts: set[int]) -> set[int]:
    """Where in ``value`` a match of ``node`` that begins at one of ``starts`` can end.

    Every way is followed at once (as a set of positions), so that no
    expression takes exponential time, as backtracking can.
    """
    kind = node[0]
    if kind == _CHAR:
        chars = node[1]
        size = len(value)
        ends = set()
        for i in starts:
            if i < size and value[i] in chars:
                ends.add(i + 1)
        return ends
    if kind == _SEQ:
        for item in node[1]:
            starts = _ends(item, value, starts)
            if not starts:
                break
        return starts
    if kind == _ALT:
        ends = set()
        for branch in node[1]:
            ends |= _ends(branch, value, starts)
        return ends
    _, item, low, high = node
    if item[0] == _CHAR:  # the common [a-z0-9]+: each run of such characters, measured
        chars = item[1]
        size = len(value)
        ends = set()
        for start in starts:
            end = start
            limit = size if high is None else min(size, start + high)
            while end < limit and value[end] in chars:
                end += 1
            ends.update(range(start + low, end + 1))
        return ends
    current = starts
    for _ in range(low):
        following = _ends(item, value, current)
        if following == current:
            break  # the item matched nothing more: further repeats change nothing
        current = following
        if not current:
            return current
    ends = set(current)
    count = low
    while current and (high is None or count < high):
        # A position reached already was (or will be) followed from then on.
        current = _ends(item, value, current) - ends
        ends |= current
        count += 1
    return ends


def _branches(pattern: str, i: int) -> tuple[_Node, int]:
    """Read alternatives from ``i`` up to an unmatched ``)`` or the end; where it stopped."""
    branches: list[_Node] = []
    items: list[_Node] = []
    while i < len(pattern):
        char = pattern[i]
        if char == ")":
            break
        if char == "|":
            branches.append((_SEQ, tuple(items)))
            items = []
            i += 1
            continue
        atom, i = _atom(pattern, i)
        atom, i = _quantifier(pattern, i, atom)
        items.append(atom)
    if not branches:
        return (_SEQ, tuple(items)), i
    branches.append((_SEQ, tuple(items)))
    return (_ALT, tuple(branches)), i


def _atom(pattern: str, i: int) -> tuple[_Node, int]:
    char = pattern[i]
    if char == "(":
        if pattern[i + 1 : i + 2] == "?":
            raise _Unlisted  # Python's extensions: (?i), (?:...)
        node, i = _branches(pattern, i + 1)
        if pattern[i] != ")":
            raise _Unlisted
        return node, i + 1
    if char == "[":
        return _class(pattern, i + 1)
    if char == "\\":
        return (_CHAR, _escape(pattern, i)), i + 2
    if char in _SPECIAL:
        raise _Unlisted  # ., or a quantifier with nothing to repeat
    return (_CHAR, char), i + 1


def _quantifier(pattern: str, i: int, atom: _Node) -> tuple[_Node, int]:
    char = pattern[i : i + 1]
    if char in ("?", "*", "+"):
        low, high = (1 if char == "+" else 0), (1 if char == "?" else None)
        i += 1
    elif char == "{":
        low, high, i = _braces(pattern, i)
    else:
        return atom, i
    if pattern[i : i + 1] == "?":
        i += 1  # lazy
    if pattern[i : i + 1] in ("?", "*", "+", "{"):
        raise _Unlisted  # a repeated quantifier (possessive, or an error)
    return (_REPEAT, atom, low, high), i


def _braces(pattern: str, i: int) -> tuple[int, int | None, int]:
    """Read ``{n}``, ``{n,}``, ``{,m}`` or ``{n,m}`` as Python does (ASCII digits, nine at most)."""
    end = pattern.find("}", i)
    if end < 0:
        raise _Unlisted  # Python reads a brace that is no quantifier literally
    low, comma, high = pattern[i + 1 : end].partition(",")
    for part in (low, high):
        if len(part) > 9 or (part and not (part.isascii() and part.isdigit())):
            raise _Unlisted
    if not comma:
        if not low:
            raise _Unlisted  # {}
        return int(low), int(low), end + 1
    if low and high and int(low) > int(high):
        raise _Unlisted
    return (int(low) if low else 0), (int(high) if high else None), end + 1


def _class(pattern: str, i: int) -> tuple[_Node, int]:
    """Read a character class from after its ``[``; where it ends."""
    if pattern[i] in "^]":
        raise _Unlisted  # negated, or Python's leading literal ]
    chars: set[str] = set()
    while pattern[i] != "]":
        first, i = _class_char(pattern, i)
        if pattern[i] == "-" and pattern[i + 1] != "]":
            last, i = _class_char(pattern, i + 1)
            if not 0 <= ord(last) - ord(first) <= _RANGE_LIMIT:
                raise _Unlisted
            chars.update(map(chr, range(ord(first), ord(last) + 1)))
        else:
            chars.add(first)
    return (_CHAR, frozenset(chars)), i + 1


def _class_char(pattern: str, i: int) -> tuple[str, int]:
    char = pattern[i]
    if char == "\\":
        return _escape(pattern, i), i + 2
    if char == "[":
        raise _Unlisted  # a class subtraction, or Python's nested sets
    return char, i + 1


def _escape(pattern: str, i: int) -> str:
    escaped = pattern[i + 1]
    if escaped not in _SINGLE_ESCAPES:
        raise _Unlisted  # \s, \d, \w, \i, \c, \p{...}: Python's classes, not listed
    return _SINGLE_ESCAPES[escaped]


def datatype(library: str, name: str, params: Sequence[tuple[str, str]] = ()) -> Datatype:
    """The datatype ``name`` of ``library`` with facets ``params``."""
    return Datatype(library, name, tuple(params))
