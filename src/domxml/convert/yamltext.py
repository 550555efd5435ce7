"""YAML text of the data form and back, for the block style :func:`domxml.to_yaml` writes.

PyYAML builds a node per value in Python, even with libyaml's C emitter and
parser, which makes YAML several times dearer than the XML it stands for.
The data form is plain (mappings, sequences, scalars), so this module
writes it, and reads the block style it is written in, directly:

- :func:`dump` gives the text ``yaml.dump(data, Dumper=CSafeDumper,
  sort_keys=False, allow_unicode=True, default_flow_style=False,
  width=100)`` gives: the layout libyaml writes, each scalar written as
  libyaml writes it (asked once per string and kept, for those that are
  not plainly words, paths or numbers) and its lines broken where libyaml
  breaks them; a string libyaml writes with its line breaks as they are, or
  an object that would be an alias is left to PyYAML;
- :func:`load` gives the data ``yaml.load(text, Loader=CSafeLoader)``
  gives, for block mappings and sequences of scalars (plain, quoted, over
  several lines as libyaml folds them), plain scalars resolved by the
  loader's own implicit resolvers; anything else (flow collections,
  comments, anchors, tags, block scalars, several documents, tabs...) is
  read by PyYAML.

Both raise :class:`Unsupported` where PyYAML is to decide;
:mod:`domxml.convert` then calls it, so the text and the data are always
PyYAML's.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode

__all__ = ["DUMP_OPTIONS", "Unsupported", "dump", "load"]

#: libyaml's implementations when present: the same safe subset, faster.
Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

#: How :func:`domxml.to_yaml` writes YAML (with :data:`Dumper`).
DUMP_OPTIONS: dict[str, Any] = {
    "sort_keys": False,
    "allow_unicode": True,
    "default_flow_style": False,
    "width": 100,
}
_WIDTH = 100
_INDENT = 2


class Unsupported(Exception):
    """Text or data this module leaves to PyYAML."""


# --- writing ------------------------------------------------------------------

# Strings written plain in any position, unless they read as something else
# (a number, a boolean, null: the resolver decides): words, paths, numbers,
# addresses. ':' is an indicator only before a space or at the end.
_PLAIN = re.compile(r"[A-Za-z0-9_./][A-Za-z0-9_./:-]*(?<!:)")
_STR_TAG = "tag:yaml.org,2002:str"
_FLOAT_TAG = "tag:yaml.org,2002:float"
# Written forms of strings, as values and as keys (None: not on one line,
# left to PyYAML). Only libyaml's rules and the dumper's resolvers decide a
# form, so keeping them is invisible; the tables are emptied when the
# resolvers change and when they grow large.
_VALUES: dict[str, str | None] = {}
_KEYS: dict[str, str | None] = {}
_written_resolvers: list[Any] = [None]
_KEPT = 20_000
# What YAML takes for a line break.
_BREAK = re.compile("[\n\r\x85\u2028\u2029]")


def _resolved(text: str, resolvers: dict[Any, Any]) -> str | None:
    """The tag a plain scalar ``text`` resolves to, as PyYAML's ``Resolver.resolve`` says."""
    for tag, regexp in resolvers.get(text[:1], ()):
        if regexp.match(text):
            return str(tag)
    for tag, regexp in resolvers.get(None, ()):
        if regexp.match(text):
            return str(tag)
    return None


def _form(text: str, key: bool) -> str | None:
    """How libyaml writes the string ``text`` as a mapping value (or a key), on one line."""
    table = _KEYS if key else _VALUES
    if text in table:
        return table[text]
    form: str | None
    if (
        _PLAIN.fullmatch(text)
        and not text.startswith("...")
        and not (key and len(text) > 128)  # longer keys are written "? key"
        and _resolved(text, Dumper.yaml_implicit_resolvers) in (None, _STR_TAG)
    ):
        form = text
    else:
        data = {text: 0} if key else {"k": text}
        written = yaml.dump(data, Dumper=Dumper, **{**DUMP_OPTIONS, "width": 1 << 30})
        head, sep, rest = written.partition(": 0\n" if key else "k: ")
        form = head if key else rest[:-1]
        if not sep or _BREAK.search(form) or (key and (rest or form.startswith("? "))):
            form = None  # on lines of its own, indented as where it stands
    if len(table) >= _KEPT:
        table.clear()
    table[text] = form
    return form


def _scalar(v: Any, column: int, indent: int) -> str:
    """How ``v`` is written starting at ``column``, on the line of its key or dash.

    ``indent``: the column of the lines a long string goes on to.
    """
    t = type(v)
    if t is str:
        form = _VALUES[v] if v in _VALUES else _form(v, False)
        if form is None:
            raise Unsupported  # on lines of its own
        space = form.rfind(" ")
        if space >= 0 and column + space > _WIDTH:
            return _wrapped(form, column, indent)
        return form
    if t is int:
        return str(v)
    if t is bool:
        return "true" if v else "false"
    if v is None:
        return "null"
    if t is float:
        return _float(v)
    raise Unsupported


def _wrapped(form: str, column: int, indent: int) -> str:
    """``form`` written from ``column`` on, its lines broken where libyaml breaks them.

    At a single space (as libyaml's ``write_plain``, ``write_single_quoted``
    and ``write_double_quoted`` do) once the line is past the width; the
    next line starts at ``indent``; a double-quoted string escapes a space
    that would start it.
    """
    style = form[0] if form[0] in "'\"" else ""
    body = form[1:-1] if style else form
    out = [style]
    column += len(style)
    spaces = False
    last = len(body) - 1
    for i, char in enumerate(body):
        if char != " ":
            out.append(char)
            column += 1
            spaces = False
            continue
        following = body[i + 1] if i < last else ""
        if (
            not spaces
            and column > _WIDTH
            and (not style or 0 < i < last)
            and (style == '"' or following != " ")
        ):
            out.append("\n" + " " * indent)
            column = indent
            if following == " ":
                out.append("\\")
                column += 1
        else:
            out.append(" ")
            column += 1
        spaces = True
    out.append(style)
    return "".join(out)


def _float(v: float) -> str:
    """As ``SafeRepresenter.represent_float``, when the text reads back as a float."""
    if v != v:
        text = ".nan"
    elif v in (float("inf"), float("-inf")):
        text = ".inf" if v > 0 else "-.inf"
    else:
        text = repr(v).lower()
        if "." not in text and "e" in text:
            text = text.replace("e", ".0e", 1)
    if _resolved(text, Dumper.yaml_implicit_resolvers) != _FLOAT_TAG:
        raise Unsupported  # written with an explicit tag
    return text


def dump(data: Any) -> str:
    """``yaml.dump(data, Dumper=Dumper, **DUMP_OPTIONS)``, for a non-empty mapping ``data``."""
    if type(data) is not dict or not data or Dumper.yaml_path_resolvers:
        raise Unsupported
    resolvers = _fingerprint(Dumper.yaml_implicit_resolvers)
    if _written_resolvers[0] != resolvers or len(_VALUES) > _KEPT or len(_KEYS) > _KEPT:
        _VALUES.clear()
        _KEYS.clear()
        _written_resolvers[0] = resolvers
    out: list[str] = []
    _mapping(data, 0, "", out, {id(data)})
    out.append("")
    return "\n".join(out)


def _mapping(d: dict[Any, Any], n: int, prefix: str, out: list[str], seen: set[int]) -> None:
    """Lines of the non-empty mapping ``d`` whose keys stand at column ``n``.

    Its first line starts with ``prefix`` (``n`` characters: indentation, or
    the dashes of the sequence items it opens).
    """
    pad = " " * n
    for k, v in d.items():
        if type(k) is not str:
            raise Unsupported
        key = _KEYS[k] if k in _KEYS else _form(k, True)
        if key is None:
            raise Unsupported
        head = prefix + key + ":"
        prefix = pad
        t = type(v)
        if t is dict or t is list:
            if id(v) in seen:
                raise Unsupported  # an alias
            seen.add(id(v))
            if not v:
                out.append(head + (" {}" if t is dict else " []"))
            elif t is dict:
                out.append(head)
                _mapping(v, n + _INDENT, pad + "  ", out, seen)
            else:
                out.append(head)
                _sequence(v, n, pad, out, seen)
        else:
            out.append(head + " " + _scalar(v, len(head) + 1, n + _INDENT))


def _sequence(items: list[Any], n: int, prefix: str, out: list[str], seen: set[int]) -> None:
    """Lines of the non-empty sequence ``items`` whose dashes stand at column ``n``."""
    pad = " " * n
    for v in items:
        head = prefix + "-"
        prefix = pad
        t = type(v)
        if t is dict or t is list:
            if id(v) in seen:
                raise Unsupported
            seen.add(id(v))
            if not v:
                out.append(head + (" {}" if t is dict else " []"))
            elif t is dict:
                _mapping(v, n + _INDENT, head + " ", out, seen)
            else:
                _sequence(v, n + _INDENT, head + " ", out, seen)
        else:
            out.append(head + " " + _scalar(v, n + 2, n + _INDENT))


# --- reading ------------------------------------------------------------------

# Characters the reader takes as they are: printable, no tab, no carriage
# return, no line break other than "\n", no byte order mark.
_ODD = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
# A plain key (as _PLAIN) or a quoted one, then ':' and a space or the end.
_KEY = re.compile(r"""([A-Za-z0-9_./][A-Za-z0-9_./:-]*(?<!:)|'(?:[^']|'')*'|"[^"\\]*"):(?: +|$)""")
_SINGLE = re.compile(r"'((?:[^']|'')*)' *")
_DOUBLE = re.compile(r'"((?:[^"\\]|\\.)*)" *')
# YAML's escapes in double-quoted scalars, as libyaml reads them.
_ESCAPE = re.compile(r"\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_ESCAPED = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
# First characters of a value that make it other than a plain scalar.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_MAP, _SEQ = 0, 1
_CONSTRUCTOR = SafeConstructor()
_BOOLS = SafeConstructor.bool_values
_DECIMAL = re.compile(r"-?[1-9][0-9]*|0")


def load(text: str | bytes) -> Any:
    """``yaml.load(text, Loader=Loader)``, for block mappings and sequences of one-line scalars."""
    if not isinstance(text, str):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise Unsupported from None
    if not text or _ODD.search(text):
        raise Unsupported
    if Loader.yaml_path_resolvers:
        raise Unsupported
    keys, values = _read_tables()
    root: dict[Any, Any] = {}
    # Open collections, innermost last: (column, kind, container); the
    # innermost one is also in column, kind, container.
    stack: list[tuple[int, int, Any]] = []
    column, kind, container = -1, _MAP, root
    # A key or an item with nothing after it: (container, key or index,
    # column of the collection that holds it, its kind); a collection on
    # the next lines is its value, else it is null.
    pending: tuple[Any, Any, int, int] | None = (None, None, -1, _MAP)
    key_match = _KEY.match
    lines = text.split("\n")
    count = len(lines)
    i = 0
    while i < count:
        line = lines[i]
        i += 1
        rest = line.lstrip(" ")
        if not rest:
            continue
        n = len(line) - len(rest)
        dash = rest[0] == "-" and (len(rest) == 1 or rest[1] == " ")
        if pending is None and n == column and not dash and kind == _MAP:
            match = key_match(rest)  # the common case: the next key of a mapping
            if match is None:
                raise Unsupported
        else:
            if pending is not None:
                made = _opened(pending, n, dash, root)
                pending = None
                if made is not None:
                    stack.append((n, _SEQ if dash else _MAP, made))
            while stack and stack[-1][0] > n:
                stack.pop()
            if not stack:
                raise Unsupported
            column, kind, container = stack[-1]
            if not dash and kind == _SEQ and column == n and len(stack) > 1:
                stack.pop()  # the end of a sequence under a key, at the key's column
                column, kind, container = stack[-1]
            if column != n or (kind == _SEQ) != dash:
                raise Unsupported
            match = None if dash else key_match(rest)
            if not dash and match is None:
                raise Unsupported
            # A sequence item; one line may open several collections: "- - key: value".
            while kind == _SEQ:
                if len(rest) == 1:
                    container.append(None)
                    pending = (container, len(container) - 1, n, _SEQ)
                    break
                rest = rest[2:]
                if not rest or rest[0] == " ":
                    raise Unsupported
                made = [] if rest[0] == "-" and (len(rest) == 1 or rest[1] == " ") else None
                if made is None:
                    match = key_match(rest)
                    if match is None:
                        if i < count and lines[i].startswith(" " * (n + 1)):
                            more, i = _continuation(lines, i, " " * (n + 1))
                            container.append(_continued(rest, more))
                        else:
                            container.append(_value(rest, values))
                        break
                    made = {}
                    kind = _MAP
                container.append(made)
                n += 2
                stack.append((n, kind, made))
                column, container = n, made
            if match is None:
                continue
        text_of_key = match.group(1)
        key = keys[text_of_key] if text_of_key in keys else _key(text_of_key, keys)
        value = rest[match.end() :]
        if i < count and value and lines[i].startswith(" " * (n + 1)):
            more, i = _continuation(lines, i, " " * (n + 1))
            container[key] = _continued(value, more)
        elif value:
            container[key] = values[value] if value in values else _value(value, values)
        else:
            container[key] = None
            pending = (container, key, n, _MAP)
    if not stack and pending is not None:
        raise Unsupported  # no content
    return root


def _continuation(lines: list[str], i: int, pad: str) -> tuple[list[str], int]:
    """The lines from ``i`` on that go on with a scalar: indented by ``pad`` at least, not blank."""
    j = i
    while j < len(lines) and lines[j].startswith(pad) and lines[j].strip(" "):
        j += 1
    return lines[i:j], j


def _continued(first: str, more: list[str]) -> Any:
    """The scalar that starts with ``first`` and goes on over the lines ``more``.

    Each line break is folded into a space, as YAML folds a scalar's lines
    when no line between is empty; anything else is left to PyYAML.
    """
    parts = [line.strip(" ") for line in more]
    if first[0] in "'\"":
        # A quoted scalar: a line it does not end on may not end in spaces or a backslash.
        if any(line.endswith((" ", "\\")) for line in [first, *more[:-1]]):
            raise Unsupported
    elif any(part[0] in "#-?:" for part in parts):
        raise Unsupported  # a comment; or what may start a collection
    return _value(" ".join([first.rstrip(" "), *parts]), {})


def _opened(pending: tuple[Any, Any, int, int], n: int, dash: bool, root: Any) -> Any:
    """The collection a line at column ``n`` opens as the value of ``pending``, if it does."""
    holder, slot, column, kind = pending
    if dash and (n > column or (n == column and kind == _MAP)):
        made: Any = []
    elif not dash and n > column:
        made = {}
    else:
        return None
    if holder is None:
        if dash or n:
            raise Unsupported  # the root is a mapping at column 0
        return root
    holder[slot] = made
    return made


# Keys and scalar values read, by their text (all immutable); emptied when
# the loader's resolvers change, and when they grow large.
_READ_KEYS: dict[str, Any] = {}
_READ_VALUES: dict[str, Any] = {}
_read_resolvers: list[Any] = [None]


def _fingerprint(resolvers: dict[Any, list[Any]]) -> tuple[int, int]:
    """What changes when a resolver is added (PyYAML only ever adds them)."""
    return id(resolvers), sum(map(len, resolvers.values()))


def _read_tables() -> tuple[dict[str, Any], dict[str, Any]]:
    resolvers = _fingerprint(Loader.yaml_implicit_resolvers)
    if _read_resolvers[0] != resolvers or len(_READ_VALUES) > _KEPT or len(_READ_KEYS) > _KEPT:
        _READ_KEYS.clear()
        _READ_VALUES.clear()
        _read_resolvers[0] = resolvers
    return _READ_KEYS, _READ_VALUES


def _key(text: str, keys: dict[str, Any]) -> Any:
    if len(text) > 1000 or text.startswith("..."):
        raise Unsupported  # libyaml wants a key shorter; "..." ends a document
    if text[0] == "'":
        key: Any = text[1:-1].replace("''", "'")
    elif text[0] == '"':
        key = text[1:-1]
    else:
        key = _plain(text, Loader.yaml_implicit_resolvers)
    keys[text] = key
    return key


def _value(text: str, values: dict[str, Any]) -> Any:
    """The scalar (or empty collection) a value's text, up to the end of its line, stands for."""
    first = text[0]
    if first == "'":
        match = _SINGLE.fullmatch(text)
        if match is None:
            raise Unsupported
        value: Any = match.group(1).replace("''", "'")
    elif first == '"':
        match = _DOUBLE.fullmatch(text)
        if match is None:
            raise Unsupported
        value = match.group(1)
        if "\\" in value:
            value = _ESCAPE.sub(_unescape, value)
    elif text == "[]":
        return []
    elif text == "{}":
        return {}
    else:
        if first in _INDICATORS and not (first in "-?:" and text[1:2] not in ("", " ")):
            raise Unsupported  # "-", "?" and ":" start a plain scalar before a non-space
        plain = text.rstrip(" ")
        if ": " in plain or " #" in plain or plain[-1] == ":":
            raise Unsupported
        value = _plain(plain, Loader.yaml_implicit_resolvers)
    values[text] = value
    return value


def _unescape(match: re.Match[str]) -> str:
    """The character an escape in a double-quoted scalar stands for."""
    code = match.group(1) or match.group(2) or match.group(3)
    if code is None:
        char = _ESCAPED.get(match.group(4))
        if char is None:
            raise Unsupported  # not an escape: an error PyYAML reports
        return char
    value = int(code, 16)
    if 0xD800 <= value <= 0xDFFF or value > 0x10FFFF:
        raise Unsupported
    return chr(value)


def _plain(text: str, resolvers: dict[Any, Any]) -> Any:
    """The value of a plain scalar, as PyYAML's resolver and safe constructor make it."""
    tag = _resolved(text, resolvers)
    if tag is None or tag == _STR_TAG:
        return text
    if tag == "tag:yaml.org,2002:int":
        if _DECIMAL.fullmatch(text):
            return int(text)
        return _CONSTRUCTOR.construct_yaml_int(ScalarNode(tag, text))
    if tag == "tag:yaml.org,2002:bool":
        return _BOOLS[text.lower()]
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == _FLOAT_TAG:
        return _CONSTRUCTOR.construct_yaml_float(ScalarNode(tag, text))
    raise Unsupported  # timestamps, merge keys...
