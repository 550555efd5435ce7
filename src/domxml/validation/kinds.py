"""Which libvirt schema validates which document: by root element.

Every top-level document libvirt has a schema for is listed here, with the
root element that identifies it and the ``.rng`` file libvirt validates it
with (``tests/virschematest.c`` and ``virt-xml-validate`` use the same map).
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["KINDS", "Kind", "kind_for_root", "kind_named"]


class Kind(NamedTuple):
    """A kind of libvirt document."""

    name: str
    """What ``--type`` calls it; the root element's name."""
    root: str
    """The root element that identifies it."""
    schema: str
    """The schema file, relative to a schema set's directory."""
    aliases: tuple[str, ...] = ()
    """Other names ``--type`` accepts (the schema's stem, virt-xml-validate's)."""


KINDS: tuple[Kind, ...] = (
    Kind("domain", "domain", "domain.rng"),
    Kind("network", "network", "network.rng"),
    Kind("networkport", "networkport", "networkport.rng"),
    Kind("pool", "pool", "storagepool.rng", ("storagepool",)),
    Kind("volume", "volume", "storagevol.rng", ("storagevol", "vol")),
    Kind("domainsnapshot", "domainsnapshot", "domainsnapshot.rng", ("snapshot",)),
    Kind("domaincheckpoint", "domaincheckpoint", "domaincheckpoint.rng", ("checkpoint",)),
    Kind("domainbackup", "domainbackup", "domainbackup.rng", ("backup",)),
    Kind("capabilities", "capabilities", "capability.rng", ("capability",)),
    Kind("domainCapabilities", "domainCapabilities", "domaincaps.rng", ("domaincaps",)),
    Kind("device", "device", "nodedev.rng", ("nodedev",)),
    Kind("secret", "secret", "secret.rng"),
    Kind("filter", "filter", "nwfilter.rng", ("nwfilter",)),
    Kind("filterbinding", "filterbinding", "nwfilterbinding.rng", ("nwfilterbinding",)),
    Kind("interface", "interface", "interface.rng"),
    Kind(
        "storagepoolCapabilities",
        "storagepoolCapabilities",
        "storagepoolcaps.rng",
        ("storagepoolcaps",),
    ),
    # A CPU on its own, as virsh hypervisor-cpu-compare takes it.
    Kind("cpu", "cpu", "cpu.rng"),
)
"""Every kind, in the order ``domxml validate --help`` lists them."""

_BY_ROOT = {kind.root: kind for kind in KINDS}
_BY_NAME = {name.lower(): kind for kind in KINDS for name in (kind.name, *kind.aliases)}


def kind_for_root(tag: str) -> Kind | None:
    """The kind whose root element is ``tag`` (no namespace), if any."""
    return _BY_ROOT.get(tag)


def kind_named(name: str) -> Kind | None:
    """The kind ``--type NAME`` means: its name or an alias, any case."""
    return _BY_NAME.get(name.lower())
