"""The ``key = value`` lexer the native formats share: dialects, values, line numbers."""

from __future__ import annotations

import pytest

from domxml.errors import NativeConfigError
from domxml.native.conf import parse_config


def test_xen_values_strings_numbers_lists_and_comments() -> None:
    conf = parse_config(
        '# a comment\nname = "vm"  # after a value\n'
        "memory = 512; vcpus = -2\n"
        "kernel = '/boot/vmlinuz'\n"
        'extra = """a "quoted"\nline"""\n'
        'disk = [ "a",\n  "b", # one per line\n]\n'
        'vnuma = [ [ "pnode=0" ], [ "pnode=1" ] ]\n',
        "xen",
    )
    values = {e.name: (e.value, e.line) for e in conf.entries}
    assert values["name"] == ("vm", 2)
    assert values["memory"] == (512, 3) and values["vcpus"] == (-2, 3)
    assert values["kernel"] == ("/boot/vmlinuz", 4)
    assert values["extra"] == ('a "quoted"\nline', 5)
    assert values["disk"] == (["a", "b"], 7)
    assert values["vnuma"] == ([["pnode=0"], ["pnode=1"]], 10)


def test_vmx_keys_ignore_case_and_the_first_one_counts() -> None:
    conf = parse_config(
        'scsi0:0.fileName = "a.vmdk"\nSCSI0:0.FILENAME = "b.vmdk"\n.encoding = "UTF-8"\n', "vmx"
    )
    found = conf.get("scsi0:0.filename")
    assert found is not None and (found.value, found.line) == ("a.vmdk", 1)
    assert conf.get(".encoding") is not None
    assert conf.unread() == []  # both scsi0:0.fileName statements were read


def test_lxc_values_are_the_rest_of_the_line() -> None:
    conf = parse_config(
        "lxc.mount.entry = tmpfs run tmpfs size=8m 0 0   \nlxc.autodev=1\nlxc.include =\n", "lxc"
    )
    assert [(e.name, e.value) for e in conf.entries] == [
        ("lxc.mount.entry", "tmpfs run tmpfs size=8m 0 0"),
        ("lxc.autodev", "1"),
        ("lxc.include", ""),
    ]


def test_unread_statements_are_what_no_reader_asked_for() -> None:
    conf = parse_config('a = 1\nb = 2\nc = "x"\n', "xen")
    conf.get("b")
    assert [(e.name, e.line) for e in conf.unread()] == [("a", 1), ("c", 3)]


@pytest.mark.parametrize(
    ("text", "dialect", "line", "words"),
    [
        ('a = "x"\nb = "y\n', "xen", 2, "unterminated string"),
        ('a = """x\n\ny\n', "xen", 1, "unterminated string"),
        ("a = 1\nb = [ 1 2 ]\n", "xen", 2, "separator"),
        ("a = 1\nb = [ 1,\n 2\n", "xen", 2, "not closed"),
        ("a = 1\nb 2\n", "xen", 2, "expecting '='"),
        ("a = 1\n1b = 2\n", "xen", 2, "expecting a name"),
        ('a = 1 "x"\n', "xen", 1, "end of the line"),
        ("a = \n", "xen", 1, "expecting a value"),
        ('a = "1"\nb = [ "x" ]\n', "vmx", 2, "lists are not allowed"),
        ('a = "1"\nb = 2\n', "vmx", 2, "numbers are not allowed"),
    ],
)
def test_syntax_errors_name_the_line(text: str, dialect: str, line: int, words: str) -> None:
    with pytest.raises(NativeConfigError) as caught:
        parse_config(text, dialect, "f.cfg")  # type: ignore[arg-type]
    assert caught.value.line == line
    assert caught.value.filename == "f.cfg"
    assert words in caught.value.message
