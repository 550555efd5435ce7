"""Features per architecture and machine: ``<features>``, timers, SMM TSEG, ps2 and vmport."""

from __future__ import annotations

from collections.abc import Iterator

from domxml.semantic.document import ARM, X86, Doc, size_kib
from domxml.semantic.registry import ERROR, WARNING, Hit, rule

#: Features of pSeries machines only.
_PSERIES_FEATURES = ("hpt", "htm", "nested-hv", "ccf-assist", "cfpc", "sbbc", "ibs")
#: Features of x86 only.
_X86_FEATURES = ("ioapic", "pvspinlock")


def _feature_text(doc: Doc, name: str) -> str:
    return (
        f"The '{name}' feature is not supported for architecture '{doc.arch}' or machine type"
        f" '{doc.machine}'"
    )


@rule(
    "feature-arch",
    ERROR,
    "A <features> entry the architecture or machine type does not have",
    "The '%s' feature is not supported for architecture '%s' or machine type '%s'",
    "gic is for ARM virt machines; hpt, htm, nested-hv, ccf-assist, cfpc, sbbc and ibs"
    " for pSeries; ioapic and pvspinlock for x86",
    needs=("features",),
)
def feature_arch(doc: Doc) -> Iterator[Hit]:
    if doc.features is None or not doc.qemu or not doc.arch:
        return
    for feature in doc.features.iterchildren():
        name = feature.tag
        if (
            (name == "gic" and not doc.arm_virt)
            or (name in _PSERIES_FEATURES and not doc.pseries)
            or (name in _X86_FEATURES and not doc.x86)
        ):
            yield Hit(feature, _feature_text(doc, name))
        elif name == "hyperv" and not (doc.x86 or doc.arm_virt) and feature.get("mode") != "none":
            yield Hit(
                feature,
                f"Hyperv features are not supported for architecture '{doc.arch}' or machine"
                f" type '{doc.machine}'",
            )
        elif name == "ras" and not doc.arm_virt:
            yield Hit(feature, "ras feature is only supported with ARM Virt machines")
        elif name == "aia" and not doc.riscv_virt:
            yield Hit(feature, "aia feature is only supported with RISC-V Virt machines")
        elif name == "tcg" and doc.virt_type != "qemu":
            yield Hit(feature, f"TCG features are incompatible with domain type '{doc.virt_type}'")
        elif name == "pmu" and feature.get("state") == "off" and doc.arch.startswith("ppc64"):
            yield Hit(feature, f"PMU is always enabled for architecture '{doc.arch}'", "state")


#: ARM machine types with ACPI tables (the others have none).
_ARM_ACPI_MACHINES = ("virt", "sbsa-ref")


@rule(
    "acpi-machine",
    ERROR,
    "<acpi/> on a machine type without ACPI (s390-ccw-virtio, ARM boards other than virt)",
    "machine type '%s' does not support ACPI",
    "remove <acpi/>",
    needs=("acpi",),
)
def acpi_machine(doc: Doc) -> Iterator[Hit]:
    acpi = doc.feature("acpi")
    if acpi is None or not doc.qemu:
        return
    if doc.arch in ARM and doc.family not in _ARM_ACPI_MACHINES:
        yield Hit(acpi, f"machine type '{doc.machine}' does not support ACPI")
    elif doc.s390:
        # libvirt quietly drops <acpi/> from a domain it already had (an
        # older libvirt accepted it) and refuses it in a new definition.
        yield Hit(
            acpi,
            f"machine type '{doc.machine}' does not support ACPI: a new definition is refused"
            " (libvirt drops <acpi/> from a domain it already has)",
            level=WARNING,
        )


@rule(
    "smm-tseg",
    ERROR,
    "An SMM TSEG size off q35, or not a whole number of MiB",
    "SMM TSEG is only supported with q35 machine type",
    "remove <tseg>, or use a q35 machine and a size in whole MiB",
    needs=("tseg",),
)
def smm_tseg(doc: Doc) -> Iterator[Hit]:
    tseg = doc.child(doc.feature("smm"), "tseg")
    if tseg is None or not doc.qemu:
        return
    if not doc.q35:
        yield Hit(tseg, "SMM TSEG is only supported with q35 machine type")
        return
    size = size_kib(tseg, unit=tseg.get("unit") or "MiB")
    if size is not None and size % 1024:
        yield Hit(tseg, "SMM TSEG size must be divisible by 1 MiB")


@rule(
    "ps2-disabled-inputs",
    ERROR,
    "PS/2 inputs, or vmport, with <ps2 state='off'/>",
    "ps2 bus inputs require the ps2 feature not to be disabled",
    "remove <ps2 state='off'/>, or the PS/2 inputs",
    needs=("ps2",),
)
def ps2_disabled_inputs(doc: Doc) -> Iterator[Hit]:
    ps2 = doc.feature("ps2")
    if ps2 is None or ps2.get("state") != "off":
        return
    for device in doc.dev("input"):
        if device.get("bus") == "ps2":
            yield Hit(device, "ps2 bus inputs require the ps2 feature not to be disabled", "bus")
            break
    vmport = doc.feature("vmport")
    if vmport is not None and vmport.get("state") == "on" and doc.qemu:
        yield Hit(vmport, "vmport feature requires the ps2 feature not to be disabled")


@rule(
    "ps2-toggle-unsupported",
    ERROR,
    "<ps2> where the emulator cannot switch the i8042 controller (domain capabilities)",
    "ps2 feature state cannot be controlled with this QEMU binary",
    "remove <ps2>",
    when="host",
    needs=("ps2",),
)
def ps2_toggle_unsupported(doc: Doc) -> Iterator[Hit]:
    ps2 = doc.feature("ps2")
    if ps2 is None or doc.caps is None or not doc.qemu:
        return
    if doc.caps.supported("features/ps2") is False:
        yield Hit(ps2, "ps2 feature state cannot be controlled with this QEMU binary")


#: Timers of x86 only (when present='yes').
_X86_TIMERS = ("tsc", "kvmclock", "hypervclock")


@rule(
    "timer-arch",
    ERROR,
    "A <clock><timer> the architecture does not have",
    "Configuring the '%s' timer is not supported for virtType=%s arch=%s machine=%s guests",
    "remove the timer",
    needs=("timer",),
)
def timer_arch(doc: Doc) -> Iterator[Hit]:
    clock = doc.child(doc.root, "clock")
    if clock is None or not doc.qemu or not doc.arch:
        return
    for timer in clock.iterchildren("timer"):
        name, present = timer.get("name"), timer.get("present")
        if name == "platform":
            yield Hit(timer, "unsupported timer type (name) 'platform'", "name")
        elif name in _X86_TIMERS and present == "yes" and doc.arch not in X86:
            yield Hit(
                timer,
                f"Configuring the '{name}' timer is not supported for virtType={doc.virt_type}"
                f" arch={doc.arch} machine={doc.machine} guests",
                "name",
            )
        elif name == "hpet" and present == "yes" and doc.arch not in X86:
            yield Hit(timer, "hpet timer is not supported by this architecture", "name")
        elif name == "armvtimer" and (doc.virt_type != "kvm" or not doc.arm_virt):
            yield Hit(
                timer,
                f"Configuring the '{name}' timer is not supported for virtType={doc.virt_type}"
                f" arch={doc.arch} machine={doc.machine} guests",
                "name",
            )


@rule(
    "feature-unsupported-by-host",
    WARNING,
    "A feature the domain capabilities say the emulator lacks (gic)",
    "",
    "check the host's `virsh domcapabilities`",
    when="host",
    needs=("gic",),
)
def feature_unsupported_by_host(doc: Doc) -> Iterator[Hit]:
    caps = doc.caps
    if caps is None or doc.features is None:
        return
    gic = doc.feature("gic")
    if gic is not None and doc.arm_virt and caps.supported("features/gic") is False:
        yield Hit(gic, "the emulator does not support a GIC for this machine", level=ERROR)
