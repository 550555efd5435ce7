"""The host CPU as libvirt describes it (cputypes.rng's ``hostcpu``): ``<cpu>``.

It is ``<host><cpu>`` of ``virsh capabilities`` and one of the two forms of
a standalone ``<cpu>`` (``virsh hypervisor-cpu-compare`` takes either). Its
topology and physical address size are the guest CPU's elements.
"""

from __future__ import annotations

from domxml.binding import Model, attr, child, children, element, leaf, matching
from domxml.models.domain.cpu import CpuTopology, MaxPhysAddr
from domxml.models.domain.features import FeatureFlag
from domxml.models.domain.os import Arch
from domxml.models.types import PositiveInt, UInt, Unit


@element("features")
class HostCpuFeatureFlags(Model):
    """``<features>`` of the host CPU: the old-style flags (``<pae/>``, ``<vmx/>``...)."""

    pae: FeatureFlag | None = child("pae", default=None)
    nonpae: FeatureFlag | None = child("nonpae", default=None)
    vmx: FeatureFlag | None = child("vmx", default=None)
    svm: FeatureFlag | None = child("svm", default=None)


@element("microcode")
class Microcode(Model):
    """``<microcode version='...'/>``: the host CPU's microcode revision."""

    version: PositiveInt | None = attr()


@element("signature")
class CpuSignature(Model):
    """``<signature>``: the CPU's family, model and stepping (CPUID)."""

    family: PositiveInt | None = attr()
    model: UInt | None = attr()
    stepping: UInt | None = attr()


@element("counter")
class CpuCounter(Model):
    """``<counter>``: the host's time stamp counter."""

    name: str | None = attr(doc="tsc")
    frequency: PositiveInt | None = attr(doc="Hz")
    scaling: bool | None = attr(doc="whether the frequency can be scaled for guests")


@element("feature")
class HostCpuFeature(Model):
    """``<feature name='...'/>`` of the host CPU: a feature the CPU has beyond its model."""

    # 12.9.0's schema allows a dot in a host CPU feature's name; 11.3.0's did not.
    name: str | None = attr(
        codec=matching(r"[a-zA-Z0-9\-_.]+", "featureName").before("12.9.0", r"[a-zA-Z0-9\-_]+")
    )


@element("pages")
class HostCpuPages(Model):
    """``<pages>`` of the host CPU: a memory page size the host supports."""

    unit: Unit | None = attr(default=None)
    size: UInt | None = attr()


# The declaration order is libvirt's (virCapabilitiesFormatHostXML and
# virCPUDefFormatBuf).
@element("cpu")
class HostCpu(Model):
    """``<cpu>`` of ``<host>``: the host CPU's architecture, model, topology and features."""

    arch: Arch | None = leaf()
    feature_flags: HostCpuFeatureFlags | None = child("features", default=None)
    model: str | None = leaf(doc="the nearest named CPU model", default=None)
    vendor: str | None = leaf(default=None)
    microcode: Microcode | None = child(default=None)
    signature: CpuSignature | None = child(default=None)
    counter: CpuCounter | None = child(default=None)
    topology: CpuTopology | None = child(default=None)
    maxphysaddr: MaxPhysAddr | None = child(default=None)
    features: list[HostCpuFeature] = children(default_factory=list)
    pages: list[HostCpuPages] = children(default_factory=list)
