"""A CPU on its own (libvirt's cpu.rng): ``<cpu>``, as ``virsh hypervisor-cpu-compare`` takes it.

``hypervisor-cpu-compare`` and ``hypervisor-cpu-baseline`` take either a
guest CPU (a domain's ``<cpu>``: mode, model, features, topology...) or a
host CPU (``<host><cpu>`` of ``virsh capabilities``: arch, model,
microcode, signature, features without policy). One class reads both:
the domain's :class:`~domxml.models.domain.cpu.Cpu` with the host CPU's
fields added.
"""

from __future__ import annotations

from domxml.binding import child, children, element, leaf, register_root
from domxml.models.capabilities.cpu import (
    CpuCounter,
    CpuSignature,
    HostCpuFeatureFlags,
    HostCpuPages,
    Microcode,
)
from domxml.models.domain.cpu import Cpu
from domxml.models.domain.os import Arch

# The host CPU's fields; the schema allows them only without the guest CPU's
# (mode, match, check, migratable, cache, NUMA). The fuzzer draws the guest
# form: a host CPU document is the capabilities' HostCpu.
_HOST_ONLY = ("arch", "feature_flags", "microcode", "signature", "counter", "pages")


# libvirt's order: virCPUDefFormatBufFull (attributes, then the host CPU's
# arch and flags) and virCPUDefFormatBuf.
@element(
    "cpu",
    without=_HOST_ONLY,
    field_order=(
        "mode",
        "match",
        "check",
        "migratable",
        "deprecated_features",
        "arch",
        "feature_flags",
        "model",
        "vendor",
        "microcode",
        "signature",
        "counter",
        "topology",
        "cache",
        "maxphysaddr",
        "features",
        "pages",
        "numa",
    ),
)
class StandaloneCpu(Cpu):
    """A guest or host CPU description on its own, for CPU comparison and baselines."""

    arch: Arch | None = leaf(doc="host CPU: its architecture", default=None)
    feature_flags: HostCpuFeatureFlags | None = child("features", default=None)
    microcode: Microcode | None = child(default=None)
    signature: CpuSignature | None = child(default=None)
    counter: CpuCounter | None = child(default=None)
    pages: list[HostCpuPages] = children(default_factory=list)


register_root(StandaloneCpu)
