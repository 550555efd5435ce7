"""Domain models: <features> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("features")
class Features(Model):
    """``<features>``: hypervisor features (ACPI, APIC, Hyper-V, KVM, SMM, GIC...)."""
