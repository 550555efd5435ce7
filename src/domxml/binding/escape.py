"""Escaping text as libvirt does, and writing what the models do not know as parsed."""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

# libvirt escapes all five XML specials, in attributes and text alike.
TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "'": "&apos;", '"': "&quot;"})
# In attributes, newline, tab and CR must be character references to survive.
ATTR = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "'": "&apos;",
        '"': "&quot;",
        "\n": "&#10;",
        "\r": "&#13;",
        "\t": "&#9;",
    }
)
# libxml2's own serialiser (used by libvirt for <metadata>) escapes less.
XML2_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
XML2_ATTR = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\n": "&#10;",
        "\r": "&#13;",
        "\t": "&#9;",
    }
)


def _specials(table: dict[int, str]) -> Any:
    """A search for any character ``table`` replaces: most texts have none to translate."""
    return re.compile("[" + re.escape("".join(map(chr, table))) + "]").search


TEXT_SPECIAL = _specials(TEXT)
ATTR_SPECIAL = _specials(ATTR)


def escape_text(value: str) -> str:
    """Escape element text as libvirt does."""
    return value.translate(TEXT) if TEXT_SPECIAL(value) else value


def escape_attr(value: str) -> str:
    """Escape an attribute value for single quotes, as libvirt does."""
    return value.translate(ATTR) if ATTR_SPECIAL(value) else value


def leaf(tag: str, text: str) -> str:
    if text == "":
        return f"<{tag}/>"
    return f"<{tag}>{escape_text(text)}</{tag}>"


def written_name(el: etree._Element, name: str, *, default: bool = False) -> str:
    """A ``{ns}local`` name in ``el``'s scope in its written ``prefix:local`` form.

    ``default``: the default namespace may name it (an element's name; an
    attribute's needs a prefix).
    """
    if name[0] != "{":
        return name
    uri, local = name[1:].split("}", 1)
    if uri == "http://www.w3.org/XML/1998/namespace":
        return f"xml:{local}"
    for prefix, known in el.nsmap.items():
        if known == uri and (prefix is not None or default):
            return f"{prefix}:{local}" if prefix else local
    return local


def write_foreign(el: Any, out: list[str], quote: str = "'") -> None:
    """Append an lxml node the models do not know, exactly as parsed.

    Namespace declarations are written where the source made them, so the
    node reads the same in its place.
    """
    if isinstance(el, etree._Comment):
        out.append(f"<!--{el.text or ''}-->")
        return
    if isinstance(el, etree._ProcessingInstruction):
        target = str(el.target)
        out.append(f"<?{target} {el.text}?>" if el.text else f"<?{target}?>")
        return
    attr_table, text_table = (XML2_ATTR, XML2_TEXT) if quote == '"' else (ATTR, TEXT)
    tag = written_name(el, el.tag, default=True)
    out.append("<" + tag)
    parent = el.getparent()
    outer = parent.nsmap if parent is not None else {}
    for prefix, uri in el.nsmap.items():
        if outer.get(prefix) != uri:
            name = f"xmlns:{prefix}" if prefix else "xmlns"
            out.append(f" {name}={quote}{uri.translate(attr_table)}{quote}")
    # Attributes named as the element is, as this writer always has (an
    # attribute cannot be in the default namespace; no libvirt document needs it).
    for name, value in el.items():
        out.append(
            f" {written_name(el, name, default=True)}={quote}{value.translate(attr_table)}{quote}"
        )
    if len(el) == 0 and not el.text:
        out.append("/>")
        return
    out.append(">")
    if el.text:
        out.append(el.text.translate(text_table))
    for c in el:
        write_foreign(c, out, quote)
        if c.tail:
            out.append(c.tail.translate(text_table))
    out.append(f"</{tag}>")
