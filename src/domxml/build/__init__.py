"""Build a complete libvirt domain from intent, in a few lines.

>>> from domxml.build import vm, disk, bridge
>>> dom = vm(
...     "web01",
...     memory="4 GiB",
...     vcpus=2,
...     disks=[disk("/var/lib/libvirt/images/web01.qcow2", size="20 GiB")],
...     nics=[bridge("br0")],
...     firmware="efi",
...     secure_boot=True,
...     os="debian12",
... )
>>> dom.os.type.machine
'q35'

:func:`vm` returns the typed :class:`~domxml.models.domain.Domain` with the
companions a current virt-install adds (virtio disk and NIC on q35, PCIe
root ports for hot-plug, a serial console, the guest agent channel, an RNG,
the balloon; a tablet and video when graphical; a TPM with UEFI).

- :mod:`.vm`: :func:`vm`; :mod:`.devices`: :func:`disk`, :func:`cdrom`,
  :func:`seed`, :func:`bridge`, :func:`network`, :func:`direct`;
- :mod:`.platform`: machine, domain type, firmware, CPU;
  :mod:`.companions`: the devices added;
- :mod:`.osinfo`: what an OS supports (libosinfo's database or a built-in
  table); :mod:`.host`: the host's domain capabilities;
- :mod:`.defaults`: every default, in one place; :mod:`.recipes`: twenty
  documented recipes.

See ``docs/building.md``.
"""

from __future__ import annotations

from domxml.build.defaults import DEFAULTS, Defaults
from domxml.build.devices import (
    DiskSpec,
    NicSpec,
    bridge,
    cdrom,
    direct,
    disk,
    network,
    seed,
    volume,
)
from domxml.build.errors import BuildError, HostSupportError
from domxml.build.host import HostCaps, from_connection
from domxml.build.osinfo import BUILTIN, OsInfo, lookup
from domxml.build.vm import vm

__all__ = [
    "BUILTIN",
    "DEFAULTS",
    "BuildError",
    "Defaults",
    "DiskSpec",
    "HostCaps",
    "HostSupportError",
    "NicSpec",
    "OsInfo",
    "bridge",
    "cdrom",
    "direct",
    "disk",
    "from_connection",
    "lookup",
    "network",
    "seed",
    "vm",
    "volume",
]
