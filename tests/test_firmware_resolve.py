"""Firmware resolution, rule by rule, and ``domxml firmware resolve``.

Hand-made descriptor trees isolate each rule (order, formats, features,
SMM, launch security, NVRAM naming, legacy pairs); libvirt's test tree and
Debian's real ``ovmf`` descriptors check the command end to end.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from corpus import canonical
from firmware_support import firmware_parts, libvirt_root, require_debian_ovmf
from validate_support import run

import domxml
from domxml import firmware
from domxml.errors import FirmwareError
from domxml.firmware import Catalog, load_catalog, preview, resolve
from domxml.firmware.request import host_arch
from domxml.models.domain import Domain

__all__ = ["libvirt_root"]


def flash(
    code: str, variables: str | None, fmt: str = "raw", *features: str, **extra: Any
) -> dict[str, Any]:
    mapping: dict[str, Any] = {"device": "flash", "executable": {"filename": code, "format": fmt}}
    if variables is not None:
        mapping["nvram-template"] = {"filename": variables, "format": fmt}
    else:
        mapping["mode"] = "stateless"
    return {
        "interface-types": ["uefi"],
        "mapping": mapping,
        "targets": extra.get(
            "targets", [{"architecture": "x86_64", "machines": ["pc-q35-*", "pc-i440fx-*"]}]
        ),
        "features": list(features),
    }


SB = ("requires-smm", "secure-boot")

HOST = {
    "10-qcow2-sb-keys.json": flash(
        "/fw/CODE_4M.sb.qcow2", "/fw/VARS_4M.keys.qcow2", "qcow2", *SB, "enrolled-keys"
    ),
    "20-raw-sb-keys.json": flash("/fw/CODE.sb.fd", "/fw/VARS.keys.fd", "raw", *SB, "enrolled-keys"),
    "30-raw-sb.json": flash("/fw/CODE.sb.fd", "/fw/VARS.fd", "raw", *SB),
    "40-raw.json": flash("/fw/CODE.fd", "/fw/VARS.fd", "raw", "acpi-s3", "amd-sev", "amd-sev-es"),
    "50-sev.json": flash("/fw/SEV.fd", None, "raw", "amd-sev", "amd-sev-es", "amd-sev-snp"),
    "60-arm.json": flash(
        "/fw/arm/CODE.raw", "/fw/arm/VARS.raw", "raw",
        targets=[{"architecture": "aarch64", "machines": ["virt-*"]}],
    ),
    "70-bios.json": {
        "interface-types": ["bios"],
        "mapping": {"device": "memory", "filename": "/fw/bios.bin"},
        "targets": [{"architecture": "x86_64", "machines": ["pc-*"]}],
        "features": ["acpi-s3", "acpi-s4"],
    },
}  # fmt: skip


@pytest.fixture(autouse=True)
def as_libvirt_11_3(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line resolves as the host's libvirt: here, 11.3.0 whatever the machine has."""
    monkeypatch.setenv("DOMXML_HOST_LIBVIRT", "11.3.0")


@pytest.fixture()
def host(tmp_path: Path) -> Catalog:
    directory = tmp_path / "usr/share/qemu/firmware"
    directory.mkdir(parents=True)
    for name, content in HOST.items():
        (directory / name).write_text(json.dumps(content))
    return load_catalog(tmp_path)


def domain(os_xml: str, features: str = "<acpi/>", extra: str = "", machine: str = "q35") -> Domain:
    """A domain whose ``<os`` continues with ``os_xml``; ``TYPE`` stands for its ``<type>``."""
    arch = "aarch64" if machine.startswith("virt") else "x86_64"
    os_xml = os_xml.replace("TYPE", f"<type arch='{arch}' machine='{machine}'>hvm</type>")
    parsed = domxml.parse(
        f"<domain type='kvm'><name>vm</name><memory>1048576</memory><os{os_xml}"
        f"<features>{features}</features>{extra}</domain>"
    )
    assert isinstance(parsed, Domain)
    return parsed


def efi(inner: str = "", attrs: str = " firmware='efi'", **kwargs: Any) -> Domain:
    return domain(f"{attrs}>TYPE{inner}</os>", **kwargs)


def parts(resolved: Domain) -> dict[str, str | None]:
    return firmware_parts(domxml.to_xml(resolved, style="libvirt"))


def loader_of(resolved: Domain) -> str | None:
    assert resolved.os is not None and resolved.os.loader is not None
    return resolved.os.loader.path


# -- the choice ---------------------------------------------------------------------------------


def test_defined_now_takes_the_first_match(host: Catalog) -> None:
    resolved = resolve(efi(), catalog=host, abi_update=True)
    assert parts(resolved) == {
        "os/@firmware": "efi",
        "os/firmware": '<firmware><feature enabled="yes" name="enrolled-keys"></feature>'
        '<feature enabled="yes" name="secure-boot"></feature></firmware>',
        "os/loader": '<loader format="qcow2" readonly="yes" secure="yes" type="pflash">'
        "/fw/CODE_4M.sb.qcow2</loader>",
        "os/nvram": '<nvram format="qcow2" template="/fw/VARS_4M.keys.qcow2"'
        ' templateFormat="qcow2">/var/lib/libvirt/qemu/nvram/vm_VARS.qcow2</nvram>',
        "features/smm": '<smm state="on"></smm>',
    }


def test_reread_definition_keeps_raw(host: Catalog) -> None:
    """An existing definition asks for raw: autoselection picked nothing else before 9.2.0."""
    resolved = resolve(efi(), catalog=host)
    assert loader_of(resolved) == "/fw/CODE.sb.fd"
    assert resolved.os is not None and resolved.os.nvram is not None
    assert resolved.os.nvram.path == "/var/lib/libvirt/qemu/nvram/vm_VARS.fd"
    named = resolve(efi("<loader format='qcow2'/>"), catalog=host)
    assert loader_of(named) == "/fw/CODE_4M.sb.qcow2"


@pytest.mark.parametrize(
    ("features", "code", "template"),
    [
        ("<feature enabled='no' name='secure-boot'/>", "/fw/CODE.fd", "/fw/VARS.fd"),
        ("<feature enabled='no' name='enrolled-keys'/>", "/fw/CODE.sb.fd", "/fw/VARS.fd"),
        ("<feature enabled='yes' name='enrolled-keys'/>", "/fw/CODE.sb.fd", "/fw/VARS.keys.fd"),
    ],
)
def test_firmware_features(host: Catalog, features: str, code: str, template: str) -> None:
    resolved = resolve(efi(f"<firmware>{features}</firmware>"), catalog=host)
    assert resolved.os is not None and resolved.os.nvram is not None
    assert (loader_of(resolved), resolved.os.nvram.template) == (code, template)


def test_smm_off_and_insecure_loader_avoid_smm_firmware(host: Catalog) -> None:
    off = resolve(efi(features="<acpi/><smm state='off'/>"), catalog=host)
    assert loader_of(off) == "/fw/CODE.fd"
    insecure = resolve(efi("<loader secure='no'/>"), catalog=host)
    assert loader_of(insecure) == "/fw/CODE.fd"
    assert parts(insecure)["features/smm"] is None


def test_partial_loader_is_completed(host: Catalog) -> None:
    resolved = resolve(efi("<loader secure='yes'/>"), catalog=host)
    assert loader_of(resolved) == "/fw/CODE.sb.fd"
    assert parts(resolved)["features/smm"] == '<smm state="on"></smm>'
    with_tseg = resolve(efi(features="<acpi/><smm><tseg unit='MiB'>48</tseg></smm>"), catalog=host)
    assert parts(with_tseg)["features/smm"] == ('<smm state="on"><tseg unit="MiB">48</tseg></smm>')


def test_stateless_request(host: Catalog) -> None:
    resolved = resolve(efi("<loader stateless='yes'/>"), catalog=host)
    assert loader_of(resolved) == "/fw/SEV.fd"
    assert resolved.os is not None and resolved.os.nvram is None


def test_launch_security(host: Catalog) -> None:
    sev_es = "<launchSecurity type='sev'><policy>0x0007</policy></launchSecurity>"
    assert loader_of(resolve(efi(extra=sev_es), catalog=host)) == "/fw/CODE.fd"
    snp = "<launchSecurity type='sev-snp'><policy>0x00030000</policy></launchSecurity>"
    assert loader_of(resolve(efi("<loader stateless='yes'/>", extra=snp), catalog=host)) == (
        "/fw/SEV.fd"
    )


def test_sleep_states(host: Catalog) -> None:
    s4 = "<pm><suspend-to-disk enabled='yes'/></pm>"
    with pytest.raises(FirmwareError, match="Unable to find 'efi' firmware"):
        resolve(efi(extra=s4), catalog=host, abi_update=True)
    bios = resolve(domain(" firmware='bios'>TYPE</os>", extra=s4), catalog=host)
    assert parts(bios)["os/loader"] == '<loader format="raw" type="rom">/fw/bios.bin</loader>'


def test_aarch64_nvram_suffix_follows_the_template_for_new_domains(host: Catalog) -> None:
    new = resolve(efi(machine="virt"), catalog=host, abi_update=True)
    old = resolve(efi(machine="virt"), catalog=host)
    assert new.os is not None and new.os.nvram is not None
    assert old.os is not None and old.os.nvram is not None
    assert new.os.nvram.path == "/var/lib/libvirt/qemu/nvram/vm_VARS.raw"
    assert old.os.nvram.path == "/var/lib/libvirt/qemu/nvram/vm_VARS.fd"


def test_nvram_dir(host: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    resolved = resolve(efi(), catalog=host, nvram_dir="/srv/nvram")
    assert resolved.os is not None and resolved.os.nvram is not None
    assert resolved.os.nvram.path == "/srv/nvram/vm_VARS.fd"
    monkeypatch.setenv("XDG_CONFIG_HOME", "/home/me/.config")
    session = resolve(efi(), catalog=host, session=True)
    assert session.os is not None and session.os.nvram is not None
    assert session.os.nvram.path == "/home/me/.config/libvirt/qemu/nvram/vm_VARS.fd"


def test_given_nvram_path_is_kept(host: Catalog) -> None:
    resolved = resolve(efi("<nvram>/vms/vm.fd</nvram>"), catalog=host)
    assert parts(resolved)["os/nvram"] == (
        '<nvram format="raw" template="/fw/VARS.keys.fd" templateFormat="raw">/vms/vm.fd</nvram>'
    )


def test_machine_and_arch_when_the_domain_names_none(host: Catalog) -> None:
    bare = domxml.parse(
        "<domain type='kvm'><name>vm</name><os firmware='efi'><type>hvm</type></os>"
        "<features><acpi/></features></domain>"
    )
    assert isinstance(bare, Domain)
    on_q35 = resolve(bare, catalog=host, arch="x86_64", machine="pc-q35-9.2")
    assert loader_of(on_q35) == "/fw/CODE.sb.fd"
    on_pc = resolve(bare, catalog=host, arch="x86_64")  # QEMU's default: pc, i.e. i440fx
    assert loader_of(on_pc) == "/fw/CODE.sb.fd"
    on_arm = resolve(bare, catalog=host, arch="aarch64")  # virt
    assert loader_of(on_arm) == "/fw/arm/CODE.raw"
    assert isinstance(host_arch(), str)


def test_the_input_is_left_alone(host: Catalog) -> None:
    original = efi()
    before = canonical(domxml.to_xml(original))
    resolve(original, catalog=host)
    assert canonical(domxml.to_xml(original)) == before
    assert original.os is not None and original.os.loader is None


def test_preview_tells_why_each_descriptor_was_passed_over(host: Catalog) -> None:
    result = preview(
        efi("<firmware><feature enabled='no' name='secure-boot'/></firmware>"), catalog=host
    )
    assert result.ok and result.chosen is not None
    assert result.chosen.path == "/usr/share/qemu/firmware/40-raw.json"
    assert result.tried == (
        (
            "/usr/share/qemu/firmware/10-qcow2-sb-keys.json",
            "User refused Secure Boot, firmware supports it",
        ),
        (
            "/usr/share/qemu/firmware/20-raw-sb-keys.json",
            "User refused Secure Boot, firmware supports it",
        ),
        (
            "/usr/share/qemu/firmware/30-raw-sb.json",
            "User refused Secure Boot, firmware supports it",
        ),
    )


# -- manual firmware ---------------------------------------------------------------------------


def manual(inner: str) -> Domain:
    return domain(f">TYPE{inner}</os>")


def test_manual_loader_known_to_a_descriptor_becomes_automatic(host: Catalog) -> None:
    resolved = resolve(
        manual("<loader readonly='yes' type='pflash'>/fw/CODE.fd</loader>"), catalog=host
    )
    assert parts(resolved)["os/@firmware"] == "efi"
    assert parts(resolved)["os/nvram"] == (
        '<nvram format="raw" template="/fw/VARS.fd" templateFormat="raw">'
        "/var/lib/libvirt/qemu/nvram/vm_VARS.fd</nvram>"
    )


def test_manual_loader_from_qemu_conf_pairs(host: Catalog) -> None:
    loader = "<loader readonly='yes' type='pflash'>/legacy/CODE.fd</loader>"
    pairs = [("/legacy/CODE.fd", "/legacy/VARS.fd")]
    result = preview(manual(loader), catalog=host, legacy=pairs)
    assert result.legacy == pairs[0] and result.domain is not None
    assert parts(result.domain)["os/@firmware"] is None
    assert parts(result.domain)["os/nvram"] == (
        '<nvram format="raw" template="/legacy/VARS.fd" templateFormat="raw">'
        "/var/lib/libvirt/qemu/nvram/vm_VARS.fd</nvram>"
    )
    custom = resolve(manual(loader), catalog=host)  # no pair: a custom image, assumed raw
    assert parts(custom)["os/nvram"] == (
        '<nvram format="raw">/var/lib/libvirt/qemu/nvram/vm_VARS.fd</nvram>'
    )


def test_manual_rom_gets_its_type(host: Catalog) -> None:
    resolved = resolve(manual("<loader>/my/bios.bin</loader>"), catalog=host)
    assert parts(resolved)["os/loader"] == '<loader format="raw" type="rom">/my/bios.bin</loader>'


def test_no_loader_no_change(host: Catalog) -> None:
    original = manual("")
    assert domxml.to_xml(resolve(original, catalog=host), style="libvirt") == domxml.to_xml(
        original, style="libvirt"
    )


# -- errors -----------------------------------------------------------------------------------


def test_define_time_error_rejects_the_domain(host: Catalog) -> None:
    with pytest.raises(FirmwareError) as caught:
        resolve(efi("<loader readonly='no'/>"), catalog=host, abi_update=True)
    assert caught.value.message == (
        "operation failed: Unable to find 'efi' firmware that is compatible with the current"
        " configuration"
    )
    assert caught.value.domain is None


def test_reread_definition_is_kept_but_cannot_start(host: Catalog) -> None:
    result = preview(efi("<loader readonly='no'/>"), catalog=host)
    assert not result.ok and result.error is not None and result.domain is not None
    assert result.error.domain is result.domain
    assert parts(result.domain)["os/loader"] == '<loader format="raw" readonly="no"></loader>'


@pytest.mark.parametrize(
    ("os_xml", "message"),
    [
        (
            " firmware='efi'>TYPE<loader format='vmdk'/></os>",
            "unsupported configuration: Unsupported loader format 'vmdk'",
        ),
        (
            " firmware='efi'>TYPE<nvram format='vmdk'/></os>",
            "unsupported configuration: Unsupported nvram format 'vmdk'",
        ),
    ],
)
def test_unsupported_formats(host: Catalog, os_xml: str, message: str) -> None:
    with pytest.raises(FirmwareError) as caught:
        resolve(domain(os_xml), catalog=host, abi_update=True)
    assert caught.value.message == message


def test_not_a_domain() -> None:
    with pytest.raises(TypeError):
        resolve(domxml.parse("<network><name>n</name></network>"))  # type: ignore[arg-type]


# -- domxml firmware resolve -------------------------------------------------------------------


def test_cli_resolve(libvirt_root: Path, tmp_path: Path) -> None:
    vm = tmp_path / "vm.xml"
    vm.write_text(domxml.to_xml(efi()))
    result = run(
        "firmware", "resolve", str(vm), "--root", str(libvirt_root), "--abi-update", "--explain"
    )
    assert result.code == 0
    assert "<loader readonly='yes' secure='yes' type='pflash' format='qcow2'>" in result.out
    assert (
        "picked /usr/share/qemu/firmware/30-edk2-ovmf-4m-qcow2-x64-sb-enrolled.json" in result.err
    )
    assert "passed over /etc/qemu/firmware/20-bios.json: No matching interface" in result.err
    assert "skipped /usr/share/qemu/firmware/93-invalid.json" in result.err
    stdin = run("firmware", "resolve", "-", "--root", str(libvirt_root), stdin=vm.read_bytes())
    assert stdin.code == 0 and "OVMF_CODE.secboot.fd</loader>" in stdin.out


def test_cli_resolve_failures(libvirt_root: Path, tmp_path: Path) -> None:
    vm = tmp_path / "vm.xml"
    vm.write_text(domxml.to_xml(efi("<loader readonly='no'/>")))
    kept = run("firmware", "resolve", str(vm), "--root", str(libvirt_root))
    assert kept.code == 1 and "<loader readonly='no' format='raw'/>" in kept.out
    assert "keeps this definition but refuses to start the domain: operation failed" in kept.err
    rejected = run("firmware", "resolve", str(vm), "--root", str(libvirt_root), "--abi-update")
    assert (rejected.code, rejected.out) == (1, "")
    assert "domxml: error: operation failed: Unable to find 'efi' firmware" in rejected.err
    network = tmp_path / "net.xml"
    network.write_text("<network><name>n</name></network>")
    assert run("firmware", "resolve", str(network)).code == 2
    assert run("firmware", "resolve", str(tmp_path / "missing.xml")).code == 2
    broken = tmp_path / "broken.xml"
    broken.write_text("<domain")
    assert run("firmware", "resolve", str(broken)).code == 2
    with pytest.raises(SystemExit) as exit_info:
        run("firmware", "resolve", str(vm), "--nvram-pair", "nocolon")
    assert exit_info.value.code == 2


# -- Debian's ovmf --------------------------------------------------------------------------------


def debian_vm(
    tmp_path: Path, os_inner: str = "", machine: str = "q35", firmware_attr: str = " firmware='efi'"
) -> Path:
    vm = tmp_path / "vm.xml"
    vm.write_text(
        f"<domain type='kvm'><name>deb</name><memory>1048576</memory>"
        f"<os{firmware_attr}><type arch='x86_64' machine='{machine}'>hvm</type>{os_inner}</os>"
        "<features><acpi/></features></domain>"
    )
    return vm


def resolved_parts(vm: Path, *args: str) -> dict[str, str | None]:
    result = run("firmware", "resolve", str(vm), *args)
    assert result.code == 0, result.err
    return firmware_parts(result.out)


def loader_path(parts_: dict[str, str | None]) -> str:
    loader = parts_["os/loader"] or ""
    return loader.split(">", 1)[1].split("<", 1)[0]


def template_path(parts_: dict[str, str | None]) -> str:
    return (parts_["os/nvram"] or "").split('template="', 1)[1].split('"', 1)[0]


def test_debian_ovmf_secure_boot_by_default_on_q35(tmp_path: Path) -> None:
    require_debian_ovmf()
    found = resolved_parts(debian_vm(tmp_path), "--abi-update")
    assert Path(loader_path(found)).is_file() and Path(template_path(found)).is_file()
    assert 'secure="yes"' in (found["os/loader"] or "")
    assert found["features/smm"] == '<smm state="on"></smm>'
    assert "/var/lib/libvirt/qemu/nvram/deb_VARS.fd</nvram>" in (found["os/nvram"] or "")
    catalog = load_catalog()
    first = next(e for e in catalog.used if e.descriptor and e.descriptor.supports("x86_64"))
    assert first.descriptor is not None and loader_path(found) == first.descriptor.executable


def test_debian_ovmf_without_secure_boot(tmp_path: Path) -> None:
    require_debian_ovmf()
    no_sb = "<firmware><feature enabled='no' name='secure-boot'/></firmware>"
    for machine in ("q35", "pc"):
        found = resolved_parts(debian_vm(tmp_path, no_sb, machine))
        assert Path(loader_path(found)).is_file()
        assert "secure" not in (found["os/loader"] or "") and found["features/smm"] is None
        assert '<feature enabled="no" name="secure-boot">' in (found["os/firmware"] or "")


def test_debian_ovmf_manual_loader_is_completed(tmp_path: Path) -> None:
    require_debian_ovmf()
    catalog = load_catalog()
    plain = next(
        e.descriptor
        for e in catalog.used
        if e.descriptor
        and e.descriptor.supports("x86_64")
        and not e.descriptor.has(firmware.Feature.SECURE_BOOT)
    )
    loader = f"<loader readonly='yes' type='pflash'>{plain.executable}</loader>"
    found = resolved_parts(debian_vm(tmp_path, loader, firmware_attr=""))
    assert found["os/@firmware"] == "efi"
    assert plain.nvram_template is not None
    assert template_path(found) == plain.nvram_template.filename


def test_debian_rejects_what_it_cannot_satisfy(tmp_path: Path) -> None:
    require_debian_ovmf()
    keys_on_pc = "<firmware><feature enabled='yes' name='enrolled-keys'/></firmware>"
    result = run("firmware", "resolve", str(debian_vm(tmp_path, keys_on_pc, "pc")), "--abi-update")
    assert result.code == 1 and "Unable to find 'efi' firmware" in result.err
    assert host_arch()  # the host's architecture is known
    assert json.loads(run("firmware", "list", "--format", "json").out)["root"] is None


# -- libvirt before 9.2.0: firmware selected when the domain starts --------------------------

EFI_9 = """<domain type='kvm'><name>old</name><memory unit='MiB'>64</memory>
<os firmware='efi'><type arch='x86_64' machine='q35'>hvm</type>
<firmware><feature enabled='no' name='secure-boot'/></firmware></os>
<features><acpi/></features></domain>"""


def test_before_9_2_the_definition_keeps_autoselection_as_written() -> None:
    domain = domxml.parse(EFI_9)
    assert isinstance(domain, Domain)
    kept = resolve(domain, libvirt="9.0.0")
    assert canonical(domxml.to_xml(kept)) == canonical(EFI_9)
    # 11.3.0 fills in the loader and the NVRAM at define time.
    assert resolve(domain, libvirt="11.3.0", abi_update=True).os.loader is not None  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("os_part", "message"),
    [
        ("<loader readonly='yes'/>", "loader attribute 'readonly' cannot be specified"),
        ("<loader secure='no'/>", "loader attribute 'secure' cannot be specified"),
        ("<loader>/usr/share/OVMF/OVMF_CODE_4M.fd</loader>", "loader attribute 'type'"),
        ("<nvram template='/usr/share/OVMF/OVMF_VARS_4M.fd'/>", "nvram attribute 'template'"),
    ],
)
def test_before_9_2_autoselection_refuses_a_named_firmware(os_part: str, message: str) -> None:
    domain = domxml.parse(EFI_9.replace("</firmware>", "</firmware>" + os_part))
    assert isinstance(domain, Domain)
    with pytest.raises(FirmwareError, match=message):
        resolve(domain, libvirt="9.0.0")


def test_before_9_2_a_manual_loader_gets_its_nvram_path(tmp_path: Path) -> None:
    vm = tmp_path / "manual.xml"
    vm.write_text(
        "<domain type='kvm'><name>manual</name><memory unit='MiB'>64</memory><os>"
        "<type arch='x86_64' machine='q35'>hvm</type>"
        "<loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE_4M.fd</loader>"
        "</os><features><acpi/></features></domain>"
    )
    result = run("firmware", "resolve", str(vm), "--libvirt", "9.0.0")
    assert result.code == 0, result.err
    parts = firmware_parts(result.out)
    assert parts["os/nvram"] == "<nvram>/var/lib/libvirt/qemu/nvram/manual_VARS.fd</nvram>"
    assert "format" not in (parts["os/loader"] or "")


def test_the_command_line_resolves_as_the_hosts_libvirt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vm = tmp_path / "efi.xml"
    vm.write_text(EFI_9)
    monkeypatch.setenv("DOMXML_HOST_LIBVIRT", "9.0.0")
    result = run("firmware", "resolve", str(vm), "--abi-update", "--explain")
    assert result.code == 0 and "resolved as libvirt 9.0.0 does" in result.err
    assert firmware_parts(result.out)["os/loader"] is None
    assert run("firmware", "resolve", str(vm), "--libvirt", "nine").code == 2
