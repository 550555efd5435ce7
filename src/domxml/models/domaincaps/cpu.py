"""The CPU part of domain capabilities (formatdomaincaps "CPU configuration"): ``<cpu>``.

One ``<mode>`` per guest CPU mode, in libvirt's order: ``host-passthrough``,
``maximum``, ``host-model`` (with the CPU libvirt would give the guest) and
``custom`` (the named models, each usable or not, with what blocks it).
"""

from __future__ import annotations

import enum

from domxml.binding import Model, attr, child, children, element, leaf, text, variant
from domxml.models.domain.cpu import CpuFeature, CpuMode, CpuModel, MaxPhysAddr
from domxml.models.domaincaps.support import CapsEnum


class CpuModelUsability(enum.Enum):
    """Whether a named CPU model runs on this host as it is (``usable=...``)."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


@element("mode", discriminator="name")
class CpuModeCaps(Model):
    """``<mode name='...' supported='yes'>``: one guest CPU mode and whether it is supported."""

    name: CpuMode | None = attr(doc="host-passthrough, maximum, host-model or custom")
    supported: bool | None = attr()


@variant("host-passthrough")
class HostPassthroughCaps(CpuModeCaps):
    """``<mode name='host-passthrough'>``: the host CPU as it is."""

    enums: list[CapsEnum] = children(default_factory=list)


@variant("maximum")
class MaximumCaps(CpuModeCaps):
    """``<mode name='maximum'>``: every feature the hypervisor can give."""

    enums: list[CapsEnum] = children(default_factory=list)


# The vendor, physical address size and features describe the model.
@variant(
    "host-model", requires=(("vendor", "model"), ("maxphysaddr", "model"), ("features", "model"))
)
class HostModelCaps(CpuModeCaps):
    """``<mode name='host-model'>``: the CPU model and features host-model would give."""

    model: CpuModel | None = child(default=None)
    vendor: str | None = leaf(default=None)
    maxphysaddr: MaxPhysAddr | None = child(default=None)
    features: list[CpuFeature] = children(default_factory=list)


@element("model")
class CustomCpuModel(Model):
    """``<model usable='yes'>``: a named CPU model the hypervisor has."""

    usable: CpuModelUsability | None = attr()
    deprecated: bool | None = attr(default=None)
    vendor: str | None = attr(doc="Intel, AMD, IBM..., or unknown")
    canonical: str | None = attr(doc="the versioned model this name stands for", default=None)
    name: str | None = text(doc="the model's name, as <cpu><model> takes it")


@element("feature")
class Blocker(Model):
    """``<feature name='...'/>`` of ``<blockers>``: a feature the host lacks."""

    name: str | None = attr()


@element("blockers")
class Blockers(Model):
    """``<blockers model='...'>``: why a model is not usable: the features the host lacks."""

    model: str | None = attr()
    features: list[Blocker] = children(min_items=1)


# libvirt writes each model's <blockers> right after it, at most one each.
@variant(
    "custom",
    interleave=(("models", "blockers"),),
    requires=(("blockers", "models"),),
    follows=(("blockers", "model", "models", "name"),),
)
class CustomCaps(CpuModeCaps):
    """``<mode name='custom'>``: the named CPU models, usable or not.

    libvirt writes each model's ``<blockers>`` right after it; here the two
    are two lists (``blockers_of()`` pairs them), and a custom mode built in
    code is written with each ``<blockers>`` after the model it names.
    """

    models: list[CustomCpuModel] = children(default_factory=list)
    blockers: list[Blockers] = children(default_factory=list)

    def blockers_of(self, model: str) -> list[str]:
        """The features the host lacks for ``model``: empty when none are listed."""
        for item in self.blockers:
            if item.model == model:
                return [f.name for f in item.features if f.name is not None]
        return []


@element("cpu")
class CpuCaps(Model):
    """``<cpu>``: the guest CPU modes and models the hypervisor offers."""

    modes: list[CpuModeCaps] = children(each_variant=True)

    def mode(self, name: CpuMode | str) -> CpuModeCaps | None:
        """The ``<mode>`` named ``name`` (``CpuMode.HOST_MODEL`` or ``"host-model"``), if listed."""
        wanted = CpuMode(name)
        return next((m for m in self.modes if m.name is wanted), None)
