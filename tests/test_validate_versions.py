"""Which libvirt a check is for: the host's by default, and what a newer libvirt accepts.

Without ``--libvirt``, ``domxml validate`` uses the schemas of the host's
libvirt (``$DOMXML_HOST_LIBVIRT`` stands in for the installed library
here, so the tests do not depend on the machine), or the daemon's with
``-c URI``, and says which. An error that a newer schema set found does not
make says which libvirt accepts it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from validate_support import run, schema_home

import domxml

__all__ = ["schema_home"]

#: Valid for 11.3.0 (an AMD SEV-SNP guest, which 9.0.0 does not know), with one typo.
DOCUMENT = """<domain type='kvm'>
  <name>snp</name>
  <memory unit='MiB'>64</memory>
  <os><type arch='x86_64'>hvm</type></os>
  <devices><disk type='file'><source file='/a'/><target dev='vda' buss='virtio'/></disk></devices>
  <launchSecurity type='sev-snp'><policy>0x00030000</policy></launchSecurity>
</domain>
"""


@pytest.fixture
def document(tmp_path: Path) -> Path:
    path = tmp_path / "snp.xml"
    path.write_text(DOCUMENT)
    return path


def test_the_hosts_libvirt_by_default(
    schema_home: Path, document: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOMXML_HOST_LIBVIRT", "9.0.0")
    result = run("validate", str(document))
    assert result.code == 1
    assert result.out.endswith(
        "1 file checked against libvirt 9.0.0's schemas (the host's libvirt): 0 valid, 1 invalid\n"
    )
    data = json.loads(run("validate", str(document), "--format", "json").out)
    assert (data["libvirt"], data["basis"]) == ("9.0.0", "the host's libvirt")
    # Asked for: no basis said.
    result = run("validate", str(document), "--libvirt", "11.3.0")
    assert "11.3.0's schemas: 0 valid" in result.out


def test_what_a_newer_libvirt_accepts_says_so(
    schema_home: Path, document: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOMXML_HOST_LIBVIRT", "9.0.0")
    result = run("validate", str(document))
    errors = [line for line in result.out.splitlines() if ": error: " in line]
    assert len(errors) == 2, result.out
    typo, snp = errors
    assert "`buss`" in typo and "newer than" not in typo
    assert "type='sev-snp'" in snp
    assert snp.endswith(
        ": needs libvirt newer than 9.0.0 (accepted by 11.3.0); this check used 9.0.0"
        " [invalid-attribute-value]"
    )
    # The same through the Python API.
    report = domxml.validate(str(document))
    assert [("newer than 9.0.0" in issue.message) for issue in report.errors] == [False, True]


def test_no_newer_set_no_note(
    schema_home: Path, document: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOMXML_HOST_LIBVIRT", "11.3.0")
    result = run("validate", str(document))
    assert result.code == 1 and "newer than" not in result.out


def test_the_daemons_libvirt_with_a_connection(
    schema_home: Path, document: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from libvirt_support import require_libvirt

    require_libvirt()
    monkeypatch.setenv("DOMXML_HOST_LIBVIRT", "11.3.0")  # the daemon's version wins
    result = run("validate", str(document), "-c", "test:///default")
    import libvirt

    version = libvirt.getVersion()
    label = f"{version // 1_000_000}.{version // 1000 % 1000}.{version % 1000}"
    assert "(the libvirt of test:///default)" in result.out
    assert f"checked against libvirt {label}'s schemas" in result.out


def test_a_bad_host_version_is_an_error(
    schema_home: Path, document: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOMXML_HOST_LIBVIRT", "nine")
    result = run("validate", str(document))
    assert result.code == 2 and "DOMXML_HOST_LIBVIRT" in result.err
