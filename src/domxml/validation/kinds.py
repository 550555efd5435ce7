"""Which libvirt schema validates which document: by root element.

Every top-level document libvirt has a schema for is listed here, with the
root element that identifies it and the ``.rng`` file libvirt validates it
with (``tests/virschematest.c`` and ``virt-xml-validate`` use the same map).
A single domain device (a lone ``<disk>``, ``<interface>``... as ``virsh
attach-device`` takes it) is a kind too, ``domaindevice``: libvirt checks
those with a schema of its tests (``tests/schemas/device.rng``), which no
libvirt installs (see :mod:`domxml.validation.devices`).

Two kinds share the root ``<interface>``: a host's interface (``virsh
iface-dumpxml``) and a domain's interface device. :func:`host_interface`
tells them apart by content.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, NamedTuple

__all__ = [
    "DEVICE",
    "DEVICE_ROOTS",
    "KINDS",
    "Kind",
    "host_interface",
    "kind_for_root",
    "kind_named",
    "kind_of",
]


class Kind(NamedTuple):
    """A kind of libvirt document."""

    name: str
    """What ``--type`` calls it: the root element's name (a single device's: ``domaindevice``)."""
    root: str
    """The root element that identifies it (of a single device: the first of ``roots``)."""
    schema: str
    """The schema file, relative to a schema set's directory."""
    aliases: tuple[str, ...] = ()
    """Other names ``--type`` accepts (the schema's stem, virt-xml-validate's)."""
    roots: tuple[str, ...] = ()
    """Every root element of a kind that has several (a single device's); else empty."""

    def describe(self) -> str:
        """How messages name its documents: ``<domain>``, or a single device's roots."""
        if not self.roots:
            return f"<{self.root}>"
        return "a single device (" + ", ".join(f"<{r}>" for r in self.roots[:3]) + "...)"


#: The elements of a domain's ``<devices>`` (less ``<emulator>``, no device),
#: each the root of a single device document, in libvirt's order.
DEVICE_ROOTS = (
    "disk",
    "controller",
    "lease",
    "filesystem",
    "interface",
    "input",
    "sound",
    "audio",
    "hostdev",
    "graphics",
    "video",
    "console",
    "parallel",
    "serial",
    "channel",
    "smartcard",
    "hub",
    "redirdev",
    "redirfilter",
    "rng",
    "tpm",
    "shmem",
    "memory",
    "crypto",
    "watchdog",
    "memballoon",
    "nvram",
    "panic",
    "iommu",
    "vsock",
    "pstore",
)

#: A single domain device, as ``virsh attach-device`` takes it.
DEVICE = Kind("domaindevice", "disk", "device.rng", ("domain-device",), DEVICE_ROOTS)


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
    DEVICE,
)
"""Every kind, in the order ``domxml validate --help`` lists them."""

_BY_ROOT = {
    **dict.fromkeys(DEVICE_ROOTS, DEVICE),
    **{kind.root: kind for kind in KINDS if not kind.roots},
}
_BY_NAME = {name.lower(): kind for kind in KINDS for name in (kind.name, *kind.aliases)}

#: Children only a host interface has (a domain's ``<interface>`` has none of them).
_HOST_CHILDREN = frozenset(("start", "protocol", "bridge", "bond"))


def host_interface(attributes: Mapping[str, Any], children: Collection[str] = ()) -> bool:
    """Whether a root ``<interface>`` is a host's interface, not a domain's device.

    It is when it has a ``name`` (a domain's interface never has one), is a
    ``bond`` or a ``vlan`` (no domain interface type), or holds a
    ``<start>``, ``<protocol>``, ``<bridge>`` or ``<bond>``: elements only
    a host interface has. ``attributes`` are the root's attributes (or, for
    a document's data form, its fields), ``children`` the names of its
    child elements (or fields: ``protocols`` stands for ``<protocol>``).
    """
    if "name" in attributes or attributes.get("type") in ("bond", "vlan"):
        return True
    return any(name in _HOST_CHILDREN or name == "protocols" for name in children)


def kind_for_root(tag: str) -> Kind | None:
    """The kind whose root element is ``tag`` (no namespace), if any.

    ``interface`` gives the host interface's kind: :func:`kind_of` looks
    at the content too.
    """
    return _BY_ROOT.get(tag)


def kind_of(root: Any) -> Kind | None:
    """The kind of the document whose root element is ``root`` (an lxml element), if any."""
    tag = root.tag
    if tag == "interface":
        children = [child.tag for child in root if isinstance(child.tag, str)]
        return _BY_ROOT[tag] if host_interface(root.attrib, children) else DEVICE
    return _BY_ROOT.get(tag) if isinstance(tag, str) else None


def kind_named(name: str) -> Kind | None:
    """The kind ``--type NAME`` means: its name or an alias, any case."""
    return _BY_NAME.get(name.lower())
