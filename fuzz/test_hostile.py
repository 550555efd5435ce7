"""The parser against hostile input.

Whatever it is given, ``domxml.parse`` either returns a model or raises a
``DomxmlError``: it never expands entities, never reads a file or the network
on a document's behalf, and never overflows the stack.
"""

from __future__ import annotations

import re
import signal
import traceback
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import domxml

HANG_GUARD_SECONDS = 30


@contextmanager
def hang_guard(seconds: int = HANG_GUARD_SECONDS) -> Iterator[None]:
    """Turn a hang into a test failure. Not a timing assertion: the limit is generous."""

    def _expired(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"still running after {seconds}s")

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _everything_said(error: BaseException) -> str:
    """The error's message, arguments and whole chain, as one text."""
    return "".join(traceback.format_exception(error)) + repr(error.args)


BILLION_LAUGHS = """<!DOCTYPE network [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<network>
  <name>&lol9;</name>
</network>
"""


@pytest.mark.parametrize("as_bytes", [False, True], ids=["str", "bytes"])
def test_billion_laughs_is_refused_unexpanded(as_bytes: bool) -> None:
    source: str | bytes = BILLION_LAUGHS.encode() if as_bytes else BILLION_LAUGHS
    with hang_guard(), pytest.raises(domxml.ParseError) as info:
        domxml.parse(source)
    assert "lollol" not in _everything_said(info.value)


def _external_entity(uri: str) -> str:
    return f'<!DOCTYPE x [<!ENTITY e SYSTEM "{uri}">]><network><name>&e;</name></network>'


def _secret_lines(path: Path) -> list[str]:
    return [line for line in path.read_text(errors="replace").splitlines() if len(line) >= 6]


def test_external_entity_does_not_read_etc_passwd() -> None:
    passwd = Path("/etc/passwd")
    with pytest.raises(domxml.ParseError) as info:
        domxml.parse(_external_entity("file:///etc/passwd"))
    said = _everything_said(info.value)
    if passwd.is_file():
        leaked = [line for line in _secret_lines(passwd) if line in said]
        assert leaked == [], f"/etc/passwd content in the error: {leaked}"


def test_external_entity_does_not_read_a_local_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("domxml-secret-7f3a9c1e\n")
    for source in (_external_entity(secret.as_uri()), _external_entity(str(secret))):
        with pytest.raises(domxml.ParseError) as info:
            domxml.parse(source)
        assert "domxml-secret-7f3a9c1e" not in _everything_said(info.value)


# The <uuid> opened on line 3 is never closed; libxml2 notices on that line.
UNCLOSED_ON_LINE_3 = "<network>\n  <name>default</name>\n  <uuid>abc</network>\n"


def _mentions(message: str, number: int) -> bool:
    return re.search(rf"(?<!\d){number}(?!\d)", message) is not None


def test_malformed_reports_line_and_column() -> None:
    with pytest.raises(domxml.ParseError) as info:
        domxml.parse(UNCLOSED_ON_LINE_3)
    error = info.value
    assert error.line == 3
    assert isinstance(error.column, int)
    message = str(error)
    assert _mentions(message, error.line), message
    assert _mentions(message, error.column), message


def test_malformed_reports_the_given_filename() -> None:
    with pytest.raises(domxml.ParseError) as info:
        domxml.parse(UNCLOSED_ON_LINE_3, filename="broken.xml")
    assert info.value.filename == "broken.xml"
    assert "broken.xml" in str(info.value)


def test_malformed_file_reports_its_path(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text(UNCLOSED_ON_LINE_3)
    with pytest.raises(domxml.ParseError) as info:
        domxml.parse(path)
    assert info.value.filename == str(path)
    assert info.value.line == 3


def test_deep_nesting_is_a_parse_error_not_a_recursion_error() -> None:
    depth = 10_000
    source = "<network>" + "<x>" * depth + "</x>" * depth + "</network>"
    with hang_guard(), pytest.raises(domxml.ParseError):
        domxml.parse(source)


HOSTILE_SETTINGS = settings(max_examples=300, derandomize=True, deadline=None, database=None)


@HOSTILE_SETTINGS
@given(st.binary())
def test_random_bytes_parse_or_raise_domxml_error(data: bytes) -> None:
    with suppress(domxml.DomxmlError):
        domxml.parse(data)


@HOSTILE_SETTINGS
@given(st.binary())
def test_random_bytes_inside_a_network_parse_or_raise_domxml_error(data: bytes) -> None:
    with suppress(domxml.DomxmlError):
        domxml.parse(b"<network>" + data + b"</network>")
