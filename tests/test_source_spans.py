"""Where each element stands in its source text, found child by child.

A changed document is written from its source text, so the spans
:mod:`domxml.binding.source` finds (by stepping over each child with
``str.find`` and counting the tags inside it) must be those a full XML
reader sees: here expat, which reports the offset of every start tag,
end tag, comment and PI. Documents are generated with what could mislead
a search by tag name: the same name nested, tags inside comments, CDATA
and PIs, ``>`` in attribute values, spaces in end tags, comments and PIs
after the root.
"""

from __future__ import annotations

import pickle
import xml.parsers.expat
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import domxml
from domxml.binding.source import Elements, Source
from domxml.models.network import Bridge

SETTINGS = settings(max_examples=500, derandomize=True, deadline=None, database=None)


class Seen(NamedTuple):
    """What expat saw: each element's start and end offsets and its children's starts."""

    starts: list[int]
    close_starts: list[int]
    children: list[list[int]]


def expat_spans(text: str) -> Seen:
    """Offsets of every element (and its children, comments and PIs) by a full reader."""
    starts: list[int] = []
    closes: list[int] = []
    children: list[list[int]] = []
    stack: list[int] = []
    parser = xml.parsers.expat.ParserCreate()

    def start(name: str, attrs: object) -> None:
        at = parser.CurrentByteIndex
        if stack:
            children[stack[-1]].append(at)
        stack.append(len(starts))
        starts.append(at)
        closes.append(-1)
        children.append([])

    def end(name: str) -> None:
        closes[stack.pop()] = parser.CurrentByteIndex

    def note(*_: object) -> None:
        if stack:
            children[stack[-1]].append(parser.CurrentByteIndex)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CommentHandler = note
    parser.ProcessingInstructionHandler = note
    parser.Parse(text.encode("ascii"), True)
    return Seen(starts, closes, children)


def spans_of(text: str, count: int) -> Elements:
    source = Source(text)
    source.count = count
    found = source.elements()
    assert found is not None, "the spans disagree with the reader's count"
    return found


def assert_same(text: str) -> None:
    seen = expat_spans(text)
    found = spans_of(text, len(seen.starts))
    for index in reversed(range(len(seen.starts))):  # the deepest first: found from the root down
        span = found[index]
        assert span.start == seen.starts[index], (text, index)
        if text[span.start : span.open_end].endswith("/>"):
            assert span.close_start == span.end == span.open_end, (text, index)
        else:
            assert span.close_start == seen.close_starts[index], (text, index)
            assert text[span.end - 1] == ">", (text, index)
        assert [c.start for c in span.children] == seen.children[index], (text, index)


NAMES = st.sampled_from(["a", "ab", "b", "q:a"])
ATTRIBUTES = st.sampled_from(["", ' x=">"', " y='&lt;a>'", ' z="/>"'])
MISLEADING = st.sampled_from(
    ["<!-- <a> -->", "<!-- </a> -->", "<![CDATA[</a><a>]]>", "<?pi </a>?>", "text", "\n  "]
)


@st.composite
def element(draw: st.DrawFn, depth: int = 0) -> str:
    name = draw(NAMES)
    attrs = draw(ATTRIBUTES)
    if depth > 3 or (draw(st.booleans()) and draw(st.booleans())):
        return f"<{name}{attrs}/>"
    parts = draw(
        st.lists(st.one_of(element(depth + 1), element(depth + 1), MISLEADING), max_size=4)
    )
    space = draw(st.sampled_from(["", " ", "\n"]))
    return f"<{name}{attrs}>{''.join(parts)}</{name}{space}>"


@st.composite
def document(draw: st.DrawFn) -> str:
    root = draw(element())
    if root.startswith("<q:"):
        root = root.replace("<q:a", "<q:a xmlns:q='urn:q'", 1)
    else:
        root = f"<r xmlns:q='urn:q'>{root}</r>"
    before = draw(st.sampled_from(["", "<?xml version='1.0'?>\n", "<!-- <r> -->\n"]))
    after = draw(st.sampled_from(["", "\n", "\n<!-- </r> -->\n", "<?pi x?>"]))
    return before + root + after


@SETTINGS
@given(document())
def test_the_spans_are_those_a_full_reader_sees(text: str) -> None:
    assert_same(text)


def test_tags_hidden_in_comments_cdata_and_pis_are_not_taken_for_tags() -> None:
    for text in (
        "<a><b><!-- </b> --></b><b/></a>",
        "<a><b><![CDATA[<b>]]></b></a>",
        "<a><b><?p </b>?></b></a>\n<!-- </a> -->\n",
        "<a><a><a/></a><ab>x</ab ><a\n x='>'\n/></a>",
    ):
        assert_same(text)


def test_a_count_that_disagrees_gives_no_spans() -> None:
    source = Source("<a><b/><c/></a>")
    source.count = 2  # what a reader that saw other elements would say
    assert source.elements() is None


LATIN_1 = "<?xml version='1.0' encoding='ISO-8859-1'?>\n<network><name>café</name></network>\n"


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"<network>\n  <name>n</name>\n</network>\n", "<network>\n  <name>n</name>\n</network>\n"),
        (
            "<network>\n  <name>café</name>\n</network>\n".encode(),
            "<network>\n  <name>café</name>\n</network>\n",
        ),
        (LATIN_1.encode("latin-1"), LATIN_1),
    ],
    ids=["ascii", "utf-8", "latin-1"],
)
def test_the_source_text_is_the_document_decoded(data: bytes, text: str) -> None:
    model = domxml.parse(data)
    assert domxml.to_xml(model) == text  # unchanged: its source text
    copied = pickle.loads(pickle.dumps(model))
    model.bridge = Bridge(name="br1")
    copied.bridge = Bridge(name="br1")
    assert domxml.to_xml(model) == domxml.to_xml(copied)
    assert "<bridge name='br1'/>" in domxml.to_xml(model)
