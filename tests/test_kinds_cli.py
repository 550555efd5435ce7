"""The command line detects the new kinds: ``convert``, ``fmt`` and ``diff`` on one document each.

For the first libvirt-written document of each family: ``fmt --check``
finds it in libvirt's layout, ``convert`` to JSON and back gives the same
document, and ``diff`` of a document with itself, and with a changed
copy, says so.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from kinds_support import FAMILIES, entries, libvirt_written
from lxml import etree
from validate_support import run

import domxml


def _first(family: str) -> Path:
    found = [e.file for e in entries(family, ("valid",)) if libvirt_written(e.path)]
    return found[0] if found else entries(family, ("valid",))[0].file


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_convert_fmt_and_diff_know_the_kind(family: str, tmp_path: Path) -> None:
    source = _first(family)
    document = tmp_path / "doc.xml"
    document.write_bytes(source.read_bytes())
    if libvirt_written(str(source)):
        assert run("fmt", "--check", str(document)).code == 0
    as_json = tmp_path / "doc.json"
    result = run("convert", str(document), "-o", str(as_json))
    assert result.code == 0, result.err
    back = tmp_path / "back.xml"
    result = run("convert", str(as_json), "-o", str(back))
    assert result.code == 0, result.err
    assert back.read_bytes() == document.read_bytes()
    assert run("diff", str(document), str(back)).code == 0

    assert isinstance(domxml.parse(document), FAMILIES[family].root)
    requoted = tmp_path / "requoted.xml"
    requoted.write_text(document.read_text("utf-8").replace("'", '"'), encoding="utf-8")
    assert run("diff", str(document), str(requoted)).code == 0  # the same values
    root = etree.parse(str(document)).getroot()
    root.remove(root[len(root) - 1])  # its last child element
    shorter = tmp_path / "shorter.xml"
    shorter.write_bytes(etree.tostring(root))
    result = run("diff", str(document), str(shorter))
    assert result.code == 1, result.out + result.err
