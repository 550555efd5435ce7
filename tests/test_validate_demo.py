"""``domxml demo`` also validates the bundled examples, or says how to get schemas."""

from __future__ import annotations

from pathlib import Path

import pytest
from validate_support import EXAMPLES, run, schema_home

__all__ = ["schema_home"]


@pytest.mark.parametrize(
    ("host", "used"),
    [("11.3.0", "11.3.0"), ("9.0.0", "9.0.0"), ("10.1.0", "9.0.0"), ("", "11.3.0")],
)
def test_demo_validates_the_examples_with_the_hosts_schemas(
    schema_home: Path, monkeypatch: pytest.MonkeyPatch, host: str, used: str
) -> None:
    # The host's libvirt, or the nearest older set; with no libvirt, the newest set.
    monkeypatch.setenv("DOMXML_HOST_LIBVIRT", host)
    result = run("demo")
    assert result.code == 0, result.out
    assert f"valid (libvirt {used})" in result.out
    count = len(list(EXAMPLES.glob("*.xml")))
    assert f"{count} of {count} examples are valid for libvirt {used}'s schemas" in result.out


def test_demo_without_schemas_says_how_to_get_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("DOMXML_SYSTEM_SCHEMAS", "")
    monkeypatch.delenv("DOMXML_SCHEMA_PATH", raising=False)
    result = run("demo")
    assert result.code == 0, result.out
    assert "examples not validated" in result.out
    assert "domxml schemas import" in result.out and "apt install libvirt0" in result.out
