"""The guests part of ``virsh capabilities`` (formatcaps "Guest capabilities"): ``<guest>``.

One ``<guest>`` per OS type and architecture: the emulator, the machine
types and the virtualization types (``<domain type='kvm'>``) it can run.
"""

from __future__ import annotations

import enum

from domxml.binding import ON_OFF, Model, attr, child, children, element, leaf, text
from domxml.models.domain.domain import DomainType
from domxml.models.domain.features import FeatureFlag
from domxml.models.domain.os import Arch
from domxml.models.types import AbsFilePath, UInt


class OsType(enum.Enum):
    """The guest OS type (``<os_type>``): what ``<os><type>`` of a domain takes."""

    XEN = "xen"
    LINUX = "linux"
    HVM = "hvm"
    EXE = "exe"
    UML = "uml"


class WordSize(enum.Enum):
    """The guest's word size in bits (``<wordsize>``)."""

    BITS_31 = "31"
    BITS_32 = "32"
    BITS_64 = "64"


@element("machine")
class Machine(Model):
    """``<machine>``: a machine type (``pc-q35-10.0``), as ``<os><type machine=...>`` takes."""

    canonical: str | None = attr(doc="the versioned type an alias stands for", default=None)
    max_cpus: UInt | None = attr("maxCpus", default=None)
    deprecated: bool | None = attr(default=None)
    name: str | None = text()


@element("domain")
class GuestDomain(Model):
    """``<domain type='kvm'>``: a virtualization type, with its own emulator and machines."""

    type: DomainType | None = attr()
    emulator: AbsFilePath | None = leaf(default=None)
    machines: list[Machine] = children(default_factory=list)


@element("arch")
class GuestArch(Model):
    """``<arch name='x86_64'>``: the architecture, its emulator, machines and domain types."""

    name: Arch | None = attr()
    wordsize: WordSize | None = leaf()
    emulator: AbsFilePath | None = leaf(default=None)
    loader: AbsFilePath | None = leaf(default=None)
    machines: list[Machine] = children(default_factory=list)
    domains: list[GuestDomain] = children(min_items=1)


@element("acpi")
class FeatureToggle(Model):
    """A guest feature that is on by ``default`` and may be ``toggle``\\ d (``<acpi>``)."""

    default: bool | None = attr(codec=ON_OFF)
    toggle: bool | None = attr(doc="whether a domain may turn it off or on")


# The declaration order is libvirt's (virCapabilitiesFormatGuestFeatures).
@element("features")
class GuestFeatures(Model):
    """``<features>`` of a guest: what a domain of this type may turn on."""

    pae: FeatureFlag | None = child("pae", default=None)
    nonpae: FeatureFlag | None = child("nonpae", default=None)
    ia64_be: FeatureFlag | None = child("ia64_be", default=None)
    acpi: FeatureToggle | None = child("acpi", default=None)
    apic: FeatureToggle | None = child("apic", default=None)
    cpuselection: FeatureFlag | None = child("cpuselection", default=None)
    deviceboot: FeatureFlag | None = child("deviceboot", default=None)
    disksnapshot: FeatureToggle | None = child("disksnapshot", default=None)
    hap: FeatureToggle | None = child("hap", default=None)
    external_snapshot: FeatureFlag | None = child("externalSnapshot", default=None)


@element("guest")
class Guest(Model):
    """``<guest>``: an OS type on an architecture, and how the host runs it."""

    os_type: OsType | None = leaf()
    arch: GuestArch | None = child()
    features: GuestFeatures | None = child(default=None)
