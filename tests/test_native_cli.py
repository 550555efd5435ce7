"""``domxml convert --from vmx|xl|xm|lxc`` and ``--to vmx|xl|xm`` from the command line.

The format options, the ``.vmx`` datastore and virtual hardware options,
warnings naming the file, line and key on standard error, errors with the
line and exit status 1, and the XML/JSON/YAML behaviour left as it was.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import domxml
from domxml.cli import main
from domxml.models.domain import Domain, FileDisk

VMX = (
    'config.version = "8"\n'
    'virtualHW.version = "7"\n'
    'displayName = "web"\n'
    'memsize = "1024"\n'
    'tools.syncTime = "TRUE"\n'
    'scsi0.present = "true"\n'
    'scsi0.virtualDev = "lsilogic"\n'
    'scsi0:0.present = "true"\n'
    'scsi0:0.fileName = "web.vmdk"\n'
)


@pytest.fixture
def vmx_file(tmp_path: Path) -> Path:
    path = tmp_path / "web.vmx"
    path.write_text(VMX, encoding="utf-8")
    return path


def test_vmx_to_xml_maps_the_datastore_and_warns(
    vmx_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["convert", str(vmx_file), "--datastore", "ds1", "--vmx-directory", "web"])
    out, err = capsys.readouterr()
    assert code == 0
    domain = domxml.parse(out)
    assert isinstance(domain, Domain) and domain.devices is not None
    (disk,) = domain.devices.disks
    assert isinstance(disk, FileDisk) and disk.source is not None
    assert disk.source.file == "[ds1] web/web.vmdk"
    assert f"domxml: warning: {vmx_file}:5: tools.syncTime: not mapped" in err


def test_xml_to_vmx_writes_the_virtual_hardware_version(
    vmx_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xml = tmp_path / "web.xml"
    assert main(["convert", str(vmx_file), "--datastore", "ds1", "-o", str(xml)]) == 0
    out_vmx = tmp_path / "out.vmx"
    code = main(["convert", str(xml), "-o", str(out_vmx), "--virtual-hw-version", "13"])
    assert code == 0
    text = out_vmx.read_text(encoding="utf-8")
    assert 'virtualHW.version = "13"' in text
    assert 'scsi0:0.fileName = "/vmfs/volumes/ds1/web.vmdk"' in text


def test_xl_to_xm_through_the_models(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = tmp_path / "guest.cfg"
    cfg.write_text('name = "guest"\nmemory = 512\nvcpus = 2\n', encoding="utf-8")
    assert main(["convert", "--from", "xl", "--to", "xm", str(cfg)]) == 0
    out = capsys.readouterr().out
    assert 'name = "guest"' in out and "vcpus = 2" in out and "memory = 512" in out


def test_lxc_has_no_writer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config"
    config.write_text("lxc.uts.name = c1\n", encoding="utf-8")
    assert main(["convert", "--from", "lxc", str(config)]) == 0
    assert "<name>c1</name>" in capsys.readouterr().out
    with pytest.raises(SystemExit) as caught:
        main(["convert", "--from", "lxc", "--to", "lxc", str(config)])
    assert caught.value.code == 2


def test_a_native_error_names_the_line_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.vmx"
    bad.write_text('config.version = "8"\nvirtualHW.version = "3"\n', encoding="utf-8")
    assert main(["convert", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:2: " in err and "virtualHW.version" in err


def test_only_a_domain_becomes_native(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    network = tmp_path / "net.xml"
    network.write_text("<network><name>default</name></network>", encoding="utf-8")
    assert main(["convert", str(network), "--to", "xl"]) == 1
    assert "only a domain" in capsys.readouterr().err


def test_in_place_keeps_a_vmx_file_a_vmx_file(
    vmx_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", str(vmx_file), "--in-place", "--to", "xml"]) == 2
    assert "--in-place keeps the file name" in capsys.readouterr().err
    assert vmx_file.read_text(encoding="utf-8") == VMX
