"""Canonical form of an XML document, for comparing documents by content.

Two documents have the same canonical form when they differ only in
whitespace between elements (indentation, line breaks), attribute order,
quoting style, the XML declaration, or how characters are escaped. Comments
and processing instructions count, including those before and after the
root element.

This is the one implementation used by the tests, the corpus report, the
demo and the benchmarks. Documents are read with domxml's one safe parser
(:func:`domxml.safe_xml.safe_parser`).
"""

from __future__ import annotations

import re

from lxml import etree

from domxml.safe_xml import safe_parser

__all__ = ["canonical", "is_well_formed"]

# lxml refuses a str that still carries an encoding declaration; the
# declaration says nothing once the text is already decoded.
_XML_DECLARATION = re.compile(r"\A\s*<\?xml\s[^>]*\?>")


def _parse(document: bytes | str) -> etree._Element:
    if isinstance(document, str):
        return etree.fromstring(_XML_DECLARATION.sub("", document, count=1), safe_parser())
    return etree.fromstring(document, safe_parser())


def is_well_formed(document: bytes | str) -> bool:
    """Return whether lxml, with the safe parser, accepts *document* as XML."""
    try:
        _parse(document)
    except (etree.XMLSyntaxError, ValueError):  # ValueError: a str lxml cannot take
        return False
    return True


def _is_blank(text: str | None) -> bool:
    return text is not None and not text.strip()


def canonical(document: bytes | str) -> bytes:
    """Return the canonical (C14N, with comments) form of an XML document.

    Every whitespace-only text and tail is removed first, so indentation does
    not count; text that holds anything besides whitespace is kept exactly.

    Raises ``lxml.etree.XMLSyntaxError`` when *document* is not well-formed.
    """
    root = _parse(document)
    for node in root.iter():
        if isinstance(node.tag, str) and _is_blank(node.text):
            # Elements only: a comment's or PI's .text is its content.
            node.text = None
        if _is_blank(node.tail):
            node.tail = None
    # The tree, not the root element, so that comments and processing
    # instructions outside the root element are compared too.
    return etree.tostring(root.getroottree(), method="c14n", with_comments=True)
