"""One check shared by the device and element tests: every element of a kind in a
corpus document, bound on its own, is fully typed, keeps its content, and (in
files libvirt's formatter wrote) is written exactly as libvirt wrote it.

Bound on its own is how a single-device document (``virsh attach-device``)
is read, so this is also the test of those.
"""

from __future__ import annotations

import copy
import textwrap
from collections.abc import Mapping, Sequence

from corpus import CorpusEntry, canonical, is_well_formed, show_diff
from lxml import etree

import domxml
from domxml.binding import Model, bind, write_document
from domxml.safe_xml import safe_parser


def check_elements_alone(
    entry: CorpusEntry,
    models: Mapping[str, type[Model]],
    xpath: str,
    *,
    expected_untyped: Sequence[str] = (),
    check_variants: bool = False,
) -> int:
    """Check every element ``xpath`` selects in ``entry``; return how many there were.

    ``models`` maps an element's tag to its model; ``expected_untyped`` are the
    locations (relative to the element) that a deliberately invalid file keeps
    untyped. ``check_variants`` also checks that the variant chosen is the one
    registered for the element's ``type``.
    """
    data = entry.file.read_bytes()
    if not is_well_formed(data):
        return 0
    text = data.decode("utf-8")
    lines = text.splitlines()
    root = etree.fromstring(data, safe_parser())
    found = root.xpath(xpath)
    assert isinstance(found, list)
    for element in found:
        assert isinstance(element, etree._Element)
        # Alone: detached from the document, with only the namespaces it uses.
        alone = copy.deepcopy(element)
        etree.cleanup_namespaces(alone)
        cls = models[element.tag]
        device = bind(cls, alone)
        where = f"{entry.path}:{element.sourceline} <{element.tag}>"
        if check_variants and element.get("type") in cls.__domxml__.variants:
            expected_class = cls.__domxml__.variants[element.get("type", "")]
            assert type(device) is expected_class, f"{where}: {type(device)}"
        untyped = domxml.untyped(device)
        assert untyped == list(expected_untyped), f"{where}: untyped: {untyped}"
        source = etree.tostring(alone, with_tail=False)
        written = write_document(device, "parsed", verbatim=False)
        assert canonical(written) == canonical(source), f"{where}: content differs\n" + show_diff(
            canonical(source), canonical(written), one_tag_per_line=True
        )
        if not entry.formatter_written:
            continue
        line = lines[element.sourceline - 1]
        indent = " " * (len(line) - len(line.lstrip()))
        styled = textwrap.indent(domxml.to_xml(device, style="libvirt"), indent)
        assert styled in text, f"{where}: differs from libvirt's\n" + show_diff(
            text, styled, fromfile=entry.path, tofile='to_xml(element, style="libvirt")'
        )
    return len(found)
