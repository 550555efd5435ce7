"""domxml validate against what libvirt 11.3.0's QEMU driver did with its own test documents.

``semantic/cases.tsv`` says, for each input document of libvirt's
qemuxmlconftest, whether ``virsh define`` refused it (``define-error``),
whether it was defined but failed to start (``start-error``), or whether it
was accepted. Each case is validated as a user would: ``domxml.validate``
with libvirt 11.3.0's schemas and the domain capabilities of the case's QEMU
and arch (``qemu_<qemu>[-<machine>].<arch>.xml``, the host variants ``+...``
left out), and the report is compared with libvirt's outcome:

- a refused document must be reported as an error by the rule in
  :data:`DEFINE` (whose message names what libvirt names); the cases no rule
  reports are in :data:`DEFINE_MISSED` with the reason;
- a document that fails to start must be reported (error or warning) by the
  rule in :data:`START`; the others are in :data:`START_MISSED`;
- an accepted document must have no error (warnings are counted);
- every other schema-valid domain document of the corpus must have no
  error, except those libvirt's own tests refuse (:data:`REFUSED_ELSEWHERE`).

The figures are printed (``pytest -s``) and the acceptance thresholds asserted.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import NamedTuple

import pytest
from corpus import data_dir, require_data
from validate_support import schema_home

import domxml
from domxml.tools.manifest import read_manifest

__all__ = ["schema_home"]

VERSION = "11.3.0"


class Case(NamedTuple):
    name: str
    input: str
    arch: str
    qemu: str
    outcome: str
    message: str


def read_cases() -> list[Case]:
    """Every case of ``semantic/cases.tsv`` whose input is schema-valid."""
    corpus = require_data()
    table = data_dir() / "semantic" / "cases.tsv"
    if not table.is_file():
        pytest.fail(f"{table} is missing")
    valid = {e.path for e in read_manifest(corpus) if e.expected == "valid"}
    with table.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return [
        Case(r["case"], r["input"], r["arch"], r["qemu"], r["outcome"], r["message"])
        for r in rows
        if r["input"] in valid
    ]


@cache
def domcaps(qemu: str, arch: str) -> tuple[str, ...]:
    """The domain capabilities of QEMU ``qemu`` on ``arch``, every machine variant."""
    folder = data_dir() / "corpus" / "domaincaps" / "domaincapsdata"
    return tuple(
        str(path)
        for path in sorted(folder.glob(f"qemu_{qemu}*.{arch}.xml"))
        if "+" not in path.name and path.name[len(f"qemu_{qemu}")] in ".-"
    )


def validate(case: Case) -> domxml.validation.Report:
    path = data_dir() / "corpus" / case.input
    return domxml.validate(str(path), VERSION, domcaps=domcaps(case.qemu, case.arch))


def rules(issues: tuple[domxml.validation.Issue, ...]) -> set[str]:
    return {issue.rule for issue in issues}


#: Schema-valid define-error cases -> the rule that reports them as an error.
DEFINE: dict[str, str] = {
    "440fx-ide-address-conflict.x86_64-latest": "pci-address-conflict",
    "440fx-wrong-root.x86_64-latest": "pci-root-model",
    "aarch64-features-sve-disabled.aarch64-latest": "cpu-sve-disabled",
    "aarch64-gic-not-arm.ppc64-latest": "feature-arch",
    "aarch64-gic-not-virt.aarch64-latest": "feature-arch",
    "aarch64-noacpi-acpi.aarch64-latest": "acpi-machine",
    "aarch64-tpm-wrong-model.aarch64-latest": "tpm-version",
    "boot-dev+order.x86_64-latest": "boot-order-mixed",
    "chardev-reconnect-invalid-timeout.x86_64-latest": "chardev-reconnect",
    "controller-virtio-serial-iothread.x86_64-latest": "controller-iothread",
    "cpu-cache-emulate-l2.x86_64-latest": "cpu-cache-mode",
    "cpu-cache-passthrough-l3.x86_64-latest": "cpu-cache-mode",
    "cpu-cache-passthrough3.x86_64-latest": "cpu-cache-mode",
    "cpu-hotplug-granularity.ppc64-latest": "vcpu-hotplug-granularity",
    "cpu-numa-distance-nonexistent-sibling.x86_64-latest": "numa-sibling-missing",
    "cpu-numa3.x86_64-latest": "numa-cell-ids",
    "cpu-phys-bits-passthrough2.x86_64-latest": "cpu-maxphysaddr",
    "cputune-iothreadsched-toomuch.x86_64-latest": "iothread-missing",
    "cputune-vcpusched-overlap.x86_64-latest": "cputune-sched-overlap",
    "disk-address-conflict.x86_64-latest": "drive-address-conflict",
    "disk-attaching-partition-nosupport.x86_64-latest": "disk-target-name",
    "disk-cdrom-usb-empty.x86_64-latest": "disk-usb-empty",
    "disk-encryption-wrong.x86_64-latest": "disk-encryption-format",
    "disk-fdc-incompatible-address.x86_64-latest": "disk-address-type",
    "disk-fmt-cow.x86_64-latest": "disk-format",
    "disk-fmt-dir.x86_64-latest": "disk-format",
    "disk-fmt-iso.x86_64-latest": "disk-format",
    "disk-hostdev-scsi-address-conflict.x86_64-latest": "disk-target-hostdev-conflict",
    "disk-ide-incompatible-address.x86_64-latest": "disk-address-type",
    "disk-network-iscsi-auth-wrong-secrettype.x86_64-latest": "disk-auth-secret-type",
    "disk-network-sheepdog.x86_64-latest": "disk-sheepdog",
    "disk-network-source-auth-both.x86_64-latest": "disk-source-twice",
    "disk-same-targets.x86_64-latest": "disk-target-duplicate",
    "disk-sata-incompatible-address.x86_64-latest": "disk-address-type",
    "disk-scsi-disk-vpd-build-error.x86_64-latest": "disk-scsi-strings",
    "disk-scsi-incompatible-address.x86_64-latest": "disk-address-type",
    "disk-scsi-product-length.x86_64-latest": "disk-scsi-strings",
    "disk-shared-qcow.x86_64-latest": "disk-shared-format",
    "disk-target-overflow.x86_64-latest": "disk-target-name",
    "disk-usb-pci.x86_64-latest": "disk-address-type",
    "firmware-auto-bios-not-stateless.x86_64-latest": "firmware-bios-not-stateless",
    "firmware-auto-bios-nvram.x86_64-latest": "firmware-bios-with-nvram",
    "firmware-auto-efi-enrolled-keys-no-secboot.x86_64-latest": (
        "firmware-enrolled-keys-without-secure-boot"
    ),
    "firmware-manual-bios-not-stateless.x86_64-latest": "firmware-bios-not-stateless",
    "firmware-manual-efi-loader-no-path.x86_64-latest": "firmware-loader-without-path",
    "firmware-manual-efi-noacpi-q35.x86_64-latest": "firmware-uefi-without-acpi",
    "firmware-manual-efi-nvram-stateless.x86_64-latest": "firmware-stateless-with-nvram",
    "firmware-manual-efi-nvram-template-stateless.x86_64-latest": "firmware-stateless-with-nvram",
    "firmware-manual-noefi-acpi-aarch64.aarch64-latest": "firmware-acpi-without-uefi",
    "graphics-sdl-egl-headless.x86_64-latest": "graphics-egl-headless",
    "graphics-spice-invalid-egl-headless.x86_64-latest": "graphics-egl-headless",
    "hostdev-mdev-display-missing-graphics.x86_64-latest": "hostdev-display",
    "hostdev-mdev-display-ramfb-multiple.x86_64-latest": "hostdev-display",
    "hostdev-mdev-duplicate.x86_64-latest": "hostdev-duplicate",
    "hostdev-mdev-invalid-target-address.x86_64-latest": "hostdev-mdev-address",
    "hostdev-pci-duplicate.x86_64-latest": "hostdev-duplicate",
    "hostdev-scsi-duplicate.x86_64-latest": "hostdev-duplicate",
    "hostdev-scsi-vhost-scsi-pci-boot-fail.x86_64-latest": "boot-unsupported-device",
    "hostdev-subsys-mdev-vfio-ap-boot-fail.s390x-latest": "boot-unsupported-device",
    "hostdev-subsys-mdev-vfio-ccw-duplicate-address.s390x-latest": "ccw-address-conflict",
    "hostdev-subsys-mdev-vfio-ccw-invalid-address.s390x-latest": "hostdev-mdev-address",
    "hostdev-usb-duplicate.x86_64-latest": "hostdev-duplicate",
    "hostdev-vfio-zpci-duplicate.s390x-latest": "zpci-uid-conflict",
    "hostdev-vfio-zpci-invalid-uid-valid-fid.s390x-latest": "zpci-uid-invalid",
    "hostdev-vfio-zpci-set-zero.s390x-latest": "zpci-uid-invalid",
    "hostdev-vfio-zpci-uid-set-zero.s390x-latest": "zpci-uid-invalid",
    "hostdev-vfio-zpci-wrong-arch.x86_64-latest": "hostdev-zpci-arch",
    "hostdevs-drive-address-conflict.x86_64-latest": "scsi-hostdev-address-conflict",
    "hugepages-default-1G-nodeset-2M.x86_64-latest": "hugepages-default-twice",
    "hugepages-nodeset-nonexist.x86_64-latest": "hugepages-node-missing",
    "hugepages-numa-nodeset-nonexist.x86_64-latest": "hugepages-node-missing",
    "hvf-x86_64-q35-headless.x86_64-latest": "host-virt-type",
    "intel-iommu-wrong-machine.x86_64-latest": "iommu-machine",
    "luks-disks-source-both.x86_64-latest": "disk-source-twice",
    "mach-virt-serial-invalid-machine.x86_64-latest": "serial-target-machine",
    "machine-i8042-off.x86_64-6.2.0": "ps2-toggle-unsupported",
    "machine-i8042-off-explicit-ps2-inputs.x86_64-latest": "ps2-disabled-inputs",
    "machine-i8042-off-vmport-on.x86_64-latest": "ps2-disabled-inputs",
    "machine-i8042-on.x86_64-6.2.0": "ps2-toggle-unsupported",
    "memory-hotplug-invalid-targetnode.x86_64-latest": "memory-target-node",
    "memory-hotplug-nonuma.x86_64-latest": "memory-hotplug-without-numa",
    "memory-hotplug-virtio-mem-overlap-address.x86_64-latest": "memory-address-overlap",
    "missing-machine.x86_64-latest": "host-arch",
    "net-user-slirp-portforward.x86_64-latest": "interface-port-forward",
    "net-vhostuser-passt-no-shmem.x86_64-latest": "vhost-user-shared-memory",
    "net-virtio-rxqueuesize-invalid-size.x86_64-latest": "interface-queue-size",
    "no-memory.x86_64-latest": "memory-missing",
    "non-x86_64-timer-error.s390x-latest": "timer-arch",
    "numad-auto-vcpu-static-numatune-no-nodeset.x86_64-latest": "numatune-static-without-nodeset",
    "numatune-memnode-invalid-mode.x86_64-latest": "numatune-restrictive-mismatch",
    "numatune-memnode-nocpu.x86_64-latest": "numatune-memnode-without-numa",
    "numatune-memnode-restrictive-mode-err-mixed.x86_64-latest": "numatune-restrictive-mismatch",
    "numatune-memnodes-problematic.x86_64-latest": "numatune-memnode-without-numa",
    "numatune-memory-invalid-nodeset.x86_64-latest": "nodeset-empty",
    "pci-bridge-duplicate-index.x86_64-latest": "controller-index-duplicate",
    "pci-expander-bus-bad-bus.x86_64-latest": "pci-controller-bus",
    "pci-expander-bus-bad-machine.x86_64-latest": "pci-root-model",
    "pci-expander-bus-bad-node.x86_64-latest": "pci-controller-numa-node",
    "pci-root-address.x86_64-latest": "pci-root-address",
    "pci-root-nonzero-index.x86_64-latest": "pci-root-index",
    "pcie-expander-bus-bad-bus.x86_64-latest": "pci-controller-bus",
    "pcie-expander-bus-bad-machine.x86_64-latest": "pci-expander-machine",
    "pcie-root-port-too-many.x86_64-latest": "pcie-root-ports-exhausted",
    "ppc64-tpm-double.ppc64-latest": "tpm-count",
    "ppc64-tpmproxy-double.ppc64-latest": "tpm-count",
    "pseries-default-phb-numa-node.ppc64-latest": "pci-controller-numa-node",
    "pseries-features-invalid-machine.x86_64-latest": "feature-arch",
    "pseries-no-parallel.ppc64-latest": "parallel-unsupported",
    "pseries-panic-address.ppc64-latest": "panic-model",
    "pseries-phb-invalid-target-index-1.ppc64-latest": "pci-target-index",
    "pseries-phb-invalid-target-index-2.ppc64-latest": "pci-target-index",
    "pseries-phb-invalid-target-index-3.ppc64-latest": "pci-target-index",
    "pseries-serial-invalid-machine.x86_64-latest": "serial-target-machine",
    "pseries-vio-address-clash.ppc64-latest": "spapr-vio-address-conflict",
    "pvpanic-pci-invalid-address-aarch64.aarch64-latest": "panic-model",
    "q35-dmi-bad-address1.x86_64-latest": "controller-index-duplicate",
    "q35-dmi-bad-address2.x86_64-latest": "pci-controller-bus",
    "q35-wrong-root.x86_64-latest": "pci-root-model",
    "riscv64-panic-no-model.riscv64-latest": "panic-model",
    "s390-no-parallel.s390x-latest": "parallel-unsupported",
    "s390-panic-address.s390x-latest": "panic-model",
    "seclabel-device-duplicates.x86_64-latest": "seclabel-duplicate-model",
    "seclabel-multiple.x86_64-latest": "seclabel-duplicate-model",
    "serial-tcp-chardev-telnets.x86_64-latest": "chardev-tcp-protocol",
    "serial-unix-missing-source.x86_64-latest": "chardev-source-missing",
    "shmem-invalid-size.x86_64-latest": "shmem-size",
    "shmem-msi-only.x86_64-latest": "shmem-options",
    "shmem-small-size.x86_64-latest": "shmem-size",
    "smbios-date.x86_64-latest": "sysinfo-values",
    "smbios-uuid-match.x86_64-latest": "sysinfo-values",
    "tseg-i440fx.x86_64-latest": "smm-tseg",
    "tseg-invalid-size.x86_64-latest": "smm-tseg",
    "usb-controller-default-isapc.x86_64-latest": "usb-controller-no-pci",
    "usb-controller-ich9-no-companion.x86_64-latest": "usb-controller-master",
    "usb-controller-nec-xhci-limit.x86_64-latest": "usb-controller-ports",
    "usb-controller-qemu-xhci-limit.x86_64-latest": "usb-controller-ports",
    "usb-hub-conflict.x86_64-latest": "usb-address-conflict",
    "usb-hub-nonexistent.x86_64-latest": "usb-port-missing",
    "usb-none-hub.x86_64-latest": "usb-disabled",
    "usb-none-other.x86_64-latest": "usb-disabled",
    "usb-none-usbtablet.x86_64-latest": "usb-disabled",
    "usb-ports-out-of-range.x86_64-latest": "usb-port-missing",
    "vhost-user-fs-ccw-bootindex.s390x-latest": "boot-unsupported-device",
    "video-invalid-multiple-devices.x86_64-latest": "video-combination",
    "video-multiple-primaries.x86_64-latest": "video-combination",
    "video-ramfb-display-device-pci-address.x86_64-latest": "video-ramfb-address",
    "virtio-iommu-dma-translation.x86_64-latest": "iommu-attributes",
    "virtio-iommu-invalid-address.x86_64-latest": "iommu-machine",
    "virtio-iommu-invalid-address-type.x86_64-latest": "iommu-machine",
    "virtio-iommu-no-acpi.x86_64-latest": "iommu-machine",
    "virtio-iommu-wrong-machine.x86_64-latest": "iommu-machine",
    "virtio-rng-egd-crash.x86_64-latest": "chardev-source-missing",
    "virtio-transitional-not-supported.x86_64-latest": "input-transitional",
}
#: Start-error cases -> the rule that reports them (an error, or a
#: "will fail to start" warning).
START: dict[str, str] = {
    "cpu-qemu-host-passthrough.x86_64-latest": "host-cpu-mode",
    "disk-floppy-pseries.ppc64-latest": "disk-floppy-pseries",
    "firmware-auto-efi-loader-path-nonstandard.x86_64-latest": "host-firmware",
    "firmware-auto-efi-rw.x86_64-latest": "firmware-rw-autoselection",
    "firmware-auto-efi-rw-pflash.x86_64-latest": "firmware-rw-autoselection",
    "hugepages-default-5M.x86_64-latest": "hugepages-size",
    "memory-align-fail.x86_64-latest": "memory-align-overflow",
    "net-hostdev-fail.x86_64-latest": "interface-custom-tap",
    "net-vhostuser-fail.x86_64-latest": "interface-custom-tap",
    "shmem-invalid-address.x86_64-latest": "shmem-options",
    "tpm-emulator.x86_64-latest": "tpm-version",
    "usb-bus-missing.x86_64-latest": "usb-bus-missing",
}


#: Schema-valid define-error cases no rule reports, and why.
DEFINE_MISSED: dict[str, str] = {
    "chardev-reconnect-generated-path.x86_64-latest": "libvirt drops a channel socket path"
    " under its own channel directory as generated, then refuses reconnect: depends on the"
    " daemon's directory layout",
    "disk-network-rbd-encryption-layering.x86_64-7.2.0": "needs QEMU probing (librbd"
    " encryption layering) that domain capabilities do not expose",
    "disk-network-rbd-encryption-luks-any.x86_64-7.2.0": "needs QEMU probing (luks-any"
    " encryption) that domain capabilities do not expose",
    "disk-network-tlsx509-nbd-hostname.x86_64-6.2.0": "needs QEMU probing (tls-hostname)"
    " that domain capabilities do not expose",
    "virtio-lun.x86_64-latest": "needs QEMU probing (virtio-blk SCSI passthrough) that"
    " domain capabilities do not expose",
    "firmware-manual-efi-features.x86_64-latest.abi-update": "a warning only: the same"
    " document is accepted for a domain libvirt already has (case"
    " firmware-manual-efi-features.x86_64-latest), refused in a new definition",
    "s390x-ccw-acpi.s390x-latest.abi-update": "a warning only: the same document is accepted"
    " for a domain libvirt already has (case s390x-ccw-acpi.s390x-latest), refused in a new"
    " definition",
}

#: Start-error cases no rule reports, and why.
START_MISSED: dict[str, str] = {
    "aarch64-features-wrong.aarch64-latest": "needs the host's CPU feature list (vmx is an"
    " x86 feature), which aarch64 domain capabilities do not give",
    "cpu-model-deprecated-features-off.s390x-8.2.0": "needs QEMU probing (deprecated CPU"
    " features) that domain capabilities do not expose",
    "firmware-auto-efi-nvram-template-nonstandard.x86_64-latest": "needs the host's firmware"
    " descriptors (templates are not in domain capabilities); host-firmware warns about its"
    " loader path only because the test capabilities list fake images, so it is not counted",
    "numatune-memnode-unavailable-restrictive.x86_64-latest": "needs the host's NUMA nodes",
    "numatune-memnode-unavailable-strict.x86_64-latest": "needs the host's NUMA nodes",
    "numatune-static-nodeset-exceed-hostnode.x86_64-latest": "needs the host's NUMA nodes",
    "pseries-cpu-compat-power10.ppc64-latest": "needs the host's CPU",
    "pseries-cpu-compat-power9.ppc64-latest": "needs the host's CPU",
    "tpm-emulator-tpm2.x86_64-latest": "needs the host's swtpm (the capabilities list TPM 2.0)",
}

#: Schema-valid documents outside cases.tsv that libvirt's own tests refuse.
REFUSED_ELSEWHERE: dict[str, str] = {
    "domain/genericxml2xmlindata/chardev-tcp-missing-host.xml": "chardev-source-missing",
    "domain/genericxml2xmlindata/chardev-unix-redirdev-missing-path.xml": (
        "chardev-source-missing"
    ),
    "domain/genericxml2xmlindata/chardev-unix-rng-missing-path.xml": "chardev-source-missing",
    "domain/genericxml2xmlindata/chardev-reconnect-invalid-mode.xml": "chardev-reconnect",
}
"""genericxml2xmltest.c lists them with DO_TEST_FAIL_ACTIVE: parsing fails."""


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    return read_cases()


def _by(cases: list[Case], outcome: str) -> list[Case]:
    return [case for case in cases if case.outcome == outcome]


def test_the_tables_cover_every_refused_case(cases: list[Case]) -> None:
    define = {c.name for c in _by(cases, "define-error")}
    start = {c.name for c in _by(cases, "start-error")}
    assert len(define) == 160 and len(start) == 21
    assert set(DEFINE) | set(DEFINE_MISSED) == define
    assert not set(DEFINE) & set(DEFINE_MISSED)
    assert set(START) | set(START_MISSED) == start
    assert not set(START) & set(START_MISSED)


def test_define_errors_are_errors_of_the_expected_rule(
    schema_home: Path, cases: list[Case]
) -> None:
    refused = _by(cases, "define-error")
    wrong = []
    reported = 0
    for case in refused:
        report = validate(case)
        expected = DEFINE.get(case.name)
        if expected is None:
            # A missed case must stay missed as an error: the table says why.
            assert report.ok, f"{case.name}: now reported ({report.errors}): move it to DEFINE"
            continue
        if report.ok or expected not in rules(report.errors):
            wrong.append(f"{case.name}: expected {expected}, got {sorted(rules(report.errors))}")
        else:
            reported += 1
    share = reported / len(refused)
    print(f"\ndefine-error: {reported}/{len(refused)} reported as errors ({share:.1%})")
    for name, reason in DEFINE_MISSED.items():
        print(f"  missed {name}: {reason}")
    assert not wrong, "\n".join(wrong)
    assert share >= 0.80


def test_start_errors_are_reported(schema_home: Path, cases: list[Case]) -> None:
    failing = _by(cases, "start-error")
    wrong = []
    reported = 0
    for case in failing:
        report = validate(case)
        expected = START.get(case.name)
        if expected is None:
            continue
        if expected not in rules(report.errors) | rules(report.warnings):
            wrong.append(f"{case.name}: expected {expected}")
        else:
            reported += 1
    share = reported / len(failing)
    print(f"\nstart-error: {reported}/{len(failing)} reported ({share:.1%})")
    assert not wrong, "\n".join(wrong)
    assert share >= 0.50


def test_accepted_cases_have_no_errors(schema_home: Path, cases: list[Case]) -> None:
    accepted = _by(cases, "accepted")
    assert len(accepted) == 1047
    errors = []
    warnings: Counter[str] = Counter()
    for case in accepted:
        report = validate(case)
        if not report.ok:
            errors.append(f"{case.name}: {[str(e) + ' ' + e.rule for e in report.errors]}")
        warnings.update(w.rule for w in report.warnings)
    total = sum(warnings.values())
    print(f"\naccepted: {len(accepted)} cases, {len(errors)} with errors, {total} warnings")
    for rule, count in warnings.most_common():
        print(f"  {count:3} {rule}")
    assert not errors, "\n".join(errors)


def _other_documents(corpus: Path, cases: list[Case]) -> Iterator[tuple[str, Path]]:
    inputs = {case.input for case in cases}
    for entry in read_manifest(corpus):
        is_domain = entry.path.startswith("domain/") and entry.expected == "valid"
        if is_domain and entry.path not in inputs:
            yield entry.path, entry.file


def test_other_valid_domain_documents_have_no_errors(schema_home: Path, cases: list[Case]) -> None:
    corpus = require_data()
    errors = []
    count = 0
    for name, path in _other_documents(corpus, cases):
        count += 1
        report = domxml.validate(str(path), VERSION)
        found = rules(report.errors)
        if name in REFUSED_ELSEWHERE:
            assert REFUSED_ELSEWHERE[name] in found, f"{name}: libvirt refuses it"
        elif found:
            errors.append(f"{name}: {[str(e) for e in report.errors]}")
    print(f"\nother valid domain documents: {count}, {len(errors)} with errors")
    assert count > 1500
    assert not errors, "\n".join(errors)
