"""Mutations of libvirt documents: what a hostile or broken input looks like.

Each mutation takes a document (bytes) and a seeded :class:`random.Random`
and returns a new document. Tree mutations work on an lxml tree parsed
without entities or network; byte mutations work on the raw text. Some
mutations point at *sentinels* (a file and a local TCP port the harness
watches) so that a read or a connection on a document's behalf shows.
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

_SAFE = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True, remove_comments=False
)


@dataclass(frozen=True)
class Sentinels:
    """What external references point at: a watched file and a watched port."""

    file: str
    """Absolute path of a file whose opening the harness detects."""
    port: int
    """A TCP port on 127.0.0.1 whose connections the harness detects."""


# Values that probe typed fields: numbers at and past their limits, odd
# spellings, empty text, whitespace, markup-looking text.
EDGE_VALUES = (
    "",
    " ",
    "0",
    "-1",
    "-0",
    "+1",
    "0x",
    "0x1g",
    "0xffffffffffffffffffffffff",
    "99999999999999999999999999999999",
    "-99999999999999999999999999999999",
    "1e999",
    "1e-999",
    "nan",
    "inf",
    "-inf",
    "1.5",
    "1,5",
    "yes",
    "no",
    "on",
    "off",
    "true",
    "null",
    "None",
    "00:00:00:00:00:00",
    "ff:ff:ff:ff:ff:ff:ff",
    "999.999.999.999",
    "::::",
    "fe80::1%eth0",
    "/",
    "../../../../etc/passwd",
    "file:///etc/passwd",
    "%s%s%s%n",
    "{0}{1}",
    "${HOME}",
    "\t\n\r",
    "&amp;&lt;&gt;",
    "]]>",
    "<x/>",
    "KiB",
    "10 GiB",
    "1 EiB",
    "18446744073709551616",
    "4294967296",
    "-2147483649",
)

NON_ASCII = (
    "é",
    "ü",
    "日本語",
    "العربية",
    "\u202e",
    "\u200b",
    "\ufeff",
    "\U0001f600",
    "\U0010fffd",
    "a\u0301",
    "\u00a0",
    "\u2028",
    "\ufffd",
    "ǅ",
    "ß",
    "İ",
)


def _random_text(rng: random.Random) -> str:
    choice = rng.randrange(6)
    if choice == 0:
        return rng.choice(EDGE_VALUES)
    if choice == 1:
        return "".join(rng.choice(NON_ASCII) for _ in range(rng.randrange(1, 20)))
    if choice == 2:  # huge
        unit = rng.choice(["A", "9", "é", "\U0001f600", "0x1 ", "<&>"])
        return unit * rng.choice([1_000, 1_000, 10_000, 50_000, 200_000])
    if choice == 3:  # printable junk
        return "".join(chr(rng.randrange(0x20, 0x7F)) for _ in range(rng.randrange(1, 40)))
    if choice == 4:  # any XML character
        return "".join(_xml_char(rng) for _ in range(rng.randrange(1, 40)))
    return str(rng.randrange(-(2**70), 2**70))


def _xml_char(rng: random.Random) -> str:
    while True:
        code = rng.choice([rng.randrange(0x20, 0x80), rng.randrange(0x80, 0xD800)])
        code = rng.choice([code, rng.randrange(0xE000, 0xFFFE), rng.randrange(0x10000, 0x110000)])
        return chr(code)


# -- tree mutations ------------------------------------------------------------------------


def _elements(root: etree._Element) -> list[etree._Element]:
    return [e for e in root.iter() if isinstance(e.tag, str)]


def _delete(root: etree._Element, rng: random.Random) -> None:
    elements = _elements(root)
    element = rng.choice(elements)
    if element.attrib and rng.random() < 0.5:
        del element.attrib[rng.choice(list(element.attrib))]
        return
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)
    elif len(element):
        element.remove(rng.choice(list(element)))


def _duplicate(root: etree._Element, rng: random.Random) -> None:
    from copy import deepcopy

    candidates = [e for e in _elements(root) if e.getparent() is not None]
    if not candidates:
        return
    element = rng.choice(candidates)
    parent = element.getparent()
    assert parent is not None
    for _ in range(rng.choice([1, 1, 2, 10])):
        parent.insert(parent.index(element), deepcopy(element))


def _swap(root: etree._Element, rng: random.Random) -> None:
    candidates = [e for e in _elements(root) if e.getparent() is not None]
    if len(candidates) < 2:
        return
    a, b = rng.sample(candidates, 2)
    if a in b.iterancestors() or b in a.iterancestors():
        return
    parent_a, parent_b = a.getparent(), b.getparent()
    assert parent_a is not None and parent_b is not None
    placeholder = etree.Element("placeholder")
    parent_a.replace(a, placeholder)
    parent_b.replace(b, a)
    parent_a.replace(placeholder, b)


def _attribute_value(root: etree._Element, rng: random.Random) -> None:
    element = rng.choice(_elements(root))
    names = list(element.attrib)
    if names and rng.random() < 0.8:
        name = rng.choice(names)
    else:
        name = rng.choice(["type", "name", "unit", "bus", "index", "mode", "x" + str(rng.random())])
    # lxml refuses some characters; the byte mutations cover them.
    with contextlib.suppress(ValueError):
        element.set(name, _random_text(rng))


def _text(root: etree._Element, rng: random.Random) -> None:
    leaves = [e for e in _elements(root) if not len(e)] or _elements(root)
    element = rng.choice(leaves)
    with contextlib.suppress(ValueError):
        element.text = _random_text(rng)


NEST_MARK = "fuzz-nest-here"


def _deep_nesting(root: etree._Element, rng: random.Random) -> None:
    """Mark where to nest; :func:`_tree_mutation` puts the nesting in as text (fast)."""
    element = rng.choice(_elements(root))
    etree.SubElement(element, NEST_MARK, tag=str(element.tag))


def _nested(data: bytes, rng: random.Random) -> bytes:
    mark = f'<{NEST_MARK} tag="'.encode()
    at = data.find(mark)
    if at < 0:
        return data
    end = data.find(b"/>", at)
    parent = data[at + len(mark) : data.find(b'"', at + len(mark))].decode()
    depth = rng.choice([50, 300, 1_000, 5_000, 20_000])
    # Nesting a real element in itself reaches the models' own recursion
    # (backingStore in backingStore...), not only the unknown-XML keeper.
    tag = parent if rng.random() < 0.5 else rng.choice(["x", "backingStore", "source"])
    if not tag.replace("-", "").replace("_", "").isalnum():
        tag = "x"
    nest = (f"<{tag}>" * depth + f"</{tag}>" * depth).encode()
    return data[:at] + nest + data[end + 2 :]


TREE_MUTATIONS: dict[str, Callable[[etree._Element, random.Random], None]] = {
    "delete": _delete,
    "duplicate": _duplicate,
    "swap": _swap,
    "attribute": _attribute_value,
    "text": _text,
    "nesting": _deep_nesting,
}


def _tree_mutation(name: str) -> Callable[[bytes, random.Random, Sentinels], bytes]:
    mutation = TREE_MUTATIONS[name]

    def mutate(data: bytes, rng: random.Random, sentinels: Sentinels) -> bytes:
        try:
            root = etree.fromstring(data, _SAFE)
        except etree.XMLSyntaxError:
            return _random_bytes(data, rng, sentinels)
        mutation(root, rng)
        result = etree.tostring(root)
        return _nested(result, rng) if name == "nesting" else result

    return mutate


# -- byte mutations ------------------------------------------------------------------------


def _truncate(data: bytes, rng: random.Random, sentinels: Sentinels) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _random_bytes(data: bytes, rng: random.Random, sentinels: Sentinels) -> bytes:
    buffer = bytearray(data)
    for _ in range(rng.choice([1, 1, 2, 5, 20])):
        position = rng.randrange(len(buffer) + 1)
        kind = rng.randrange(4)
        if kind == 0 and buffer:  # flip a bit
            position = min(position, len(buffer) - 1)
            buffer[position] ^= 1 << rng.randrange(8)
        elif kind == 1:  # insert
            buffer[position:position] = rng.randbytes(rng.randrange(1, 16))
        elif kind == 2:  # markup bytes that matter
            buffer[position:position] = rng.choice(
                [b"<", b">", b"&", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"]]>", b"<!--", b"&#0;"]
            )
        else:  # delete
            del buffer[position : position + rng.randrange(1, 16)]
    if rng.random() < 0.05:
        return rng.randbytes(rng.randrange(0, 256))
    return bytes(buffer)


def _body(data: bytes) -> bytes:
    """The document without its XML declaration, so that a DOCTYPE may precede it."""
    if data.startswith(b"<?xml"):
        end = data.find(b"?>")
        if end >= 0:
            return data[end + 2 :]
    return data


def _root_name(data: bytes) -> str:
    try:
        return str(etree.fromstring(data, _SAFE).tag)
    except (etree.XMLSyntaxError, ValueError):
        return "domain"


def _entity_reference(data: bytes, rng: random.Random, name: str) -> bytes:
    """``data`` with ``&name;`` in a text or attribute position."""
    body = _body(data)
    positions = [i for i in range(len(body)) if body[i : i + 1] == b">"]
    if not positions:
        return body + b"&" + name.encode() + b";"
    at = rng.choice(positions) + 1
    return body[:at] + b"&" + name.encode() + b";" + body[at:]


def _entity_bomb(data: bytes, rng: random.Random, sentinels: Sentinels) -> bytes:
    root = _root_name(data)
    if rng.random() < 0.5:  # billion laughs
        levels = ['<!ENTITY l0 "lol">']
        for i in range(1, 10):
            levels.append(f'<!ENTITY l{i} "' + f"&l{i - 1};" * 10 + '">')
        name = "l9"
    else:  # quadratic blowup: one big entity used many times
        levels = ['<!ENTITY big "' + "A" * 50_000 + '">']
        name = "big"
    doctype = f"<!DOCTYPE {root} [{''.join(levels)}]>\n".encode()
    body = _entity_reference(data, rng, name)
    if name == "big":
        body = body.replace(b"&big;", b"&big;" * 1_000, 1)
    return doctype + body


def _external(data: bytes, rng: random.Random, sentinels: Sentinels) -> bytes:
    root = _root_name(data)
    file_uri = "file://" + sentinels.file
    http_uri = f"http://127.0.0.1:{sentinels.port}/x.dtd"
    uri = rng.choice([sentinels.file, file_uri, http_uri, f"ftp://127.0.0.1:{sentinels.port}/x"])
    kind = rng.randrange(6)
    if kind == 0:  # external general entity
        doctype = f'<!DOCTYPE {root} [<!ENTITY ext SYSTEM "{uri}">]>\n'
        return doctype.encode() + _entity_reference(data, rng, "ext")
    if kind == 1:  # external DTD subset
        return f'<!DOCTYPE {root} SYSTEM "{uri}">\n'.encode() + _body(data)
    if kind == 2:  # external parameter entity
        doctype = f'<!DOCTYPE {root} [<!ENTITY % p SYSTEM "{uri}"> %p;]>\n'
        return doctype.encode() + _body(data)
    if kind == 3:  # XInclude
        include = (
            f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{uri}" parse="text"/>'
        ).encode()
        body = _body(data)
        at = body.find(b">")
        return body[: at + 1] + include + body[at + 1 :] if at >= 0 else include
    if kind == 4:  # schema location hints
        body = _body(data)
        hint = (
            ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
            f' xsi:noNamespaceSchemaLocation="{uri}"'
        ).encode()
        at = body.find(b">")
        if at > 0 and body[at - 1 : at] == b"/":
            at -= 1
        return body[:at] + hint + body[at:] if at >= 0 else body
    stylesheet = f'<?xml-stylesheet type="text/xsl" href="{uri}"?>\n'
    return stylesheet.encode() + _body(data)


MUTATIONS: dict[str, Callable[[bytes, random.Random, Sentinels], bytes]] = {
    **{name: _tree_mutation(name) for name in TREE_MUTATIONS},
    "truncate": _truncate,
    "bytes": _random_bytes,
    "entity-bomb": _entity_bomb,
    "external": _external,
}

# How often each mutation is picked: structure and values most, the costly
# ones (huge trees, bombs) less.
WEIGHTS = {
    "delete": 6,
    "duplicate": 4,
    "swap": 4,
    "attribute": 8,
    "text": 5,
    "nesting": 1,
    "truncate": 3,
    "bytes": 4,
    "entity-bomb": 1,
    "external": 2,
}


#: Largest input: the 1 s bound is for documents up to this size. domxml's
#: work is linear in the input (about 60 ms per MB over all the calls), and
#: mutations can compound (a huge value, duplicated twice, was 26 MB).
MAX_INPUT_BYTES = 2 * 1024 * 1024


def mutate(data: bytes, rng: random.Random, sentinels: Sentinels) -> tuple[bytes, list[str]]:
    """Apply one to three mutations to ``data``; return the result and their names.

    A result larger than :data:`MAX_INPUT_BYTES` is cut to that size (a
    truncated document is an input like any other).
    """
    names = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()), k=rng.choice([1, 1, 2, 3]))
    for name in names:
        data = MUTATIONS[name](data, rng, sentinels)
    if len(data) > MAX_INPUT_BYTES:
        data = data[:MAX_INPUT_BYTES]
        names.append("cut")
    return data, names
