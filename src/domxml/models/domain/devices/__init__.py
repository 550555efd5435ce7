"""``<devices>`` and every device model, a module per device (formatdomain "Devices").

The shared pieces live in :mod:`.address` (``<address>`` of every type) and
:mod:`.common` (``<alias>``, ``<boot>``, ``<acpi>``, ``<rom>``, virtio
``<driver>``, ``<backenddomain>``).

Every model class and enumeration of the device modules is exported here
under its own name (no two share one), and again by :mod:`domxml.models.domain`:
the modules are star-imported and ``__all__`` is found at run time
(:mod:`domxml.models.exports`), so a class added to a module needs no line
here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from domxml.binding import Model, child, children, element, leaf
from domxml.models.domain.devices.address import *  # noqa: F403
from domxml.models.domain.devices.audio import *  # noqa: F403
from domxml.models.domain.devices.audio import Audio
from domxml.models.domain.devices.chardev import *  # noqa: F403
from domxml.models.domain.devices.chardev import Channel, Console, Parallel, Serial
from domxml.models.domain.devices.common import *  # noqa: F403
from domxml.models.domain.devices.controller import *  # noqa: F403
from domxml.models.domain.devices.controller import Controller
from domxml.models.domain.devices.crypto import *  # noqa: F403
from domxml.models.domain.devices.crypto import Crypto
from domxml.models.domain.devices.disk import *  # noqa: F403
from domxml.models.domain.devices.disk import Disk
from domxml.models.domain.devices.filesystem import *  # noqa: F403
from domxml.models.domain.devices.filesystem import Filesystem
from domxml.models.domain.devices.graphics import *  # noqa: F403
from domxml.models.domain.devices.graphics import Graphics
from domxml.models.domain.devices.hostdev import *  # noqa: F403
from domxml.models.domain.devices.hostdev import Hostdev
from domxml.models.domain.devices.hub import *  # noqa: F403
from domxml.models.domain.devices.hub import Hub
from domxml.models.domain.devices.input import *  # noqa: F403
from domxml.models.domain.devices.input import Input
from domxml.models.domain.devices.interface import *  # noqa: F403
from domxml.models.domain.devices.interface import Interface
from domxml.models.domain.devices.iommu import *  # noqa: F403
from domxml.models.domain.devices.iommu import Iommu
from domxml.models.domain.devices.lease import *  # noqa: F403
from domxml.models.domain.devices.lease import Lease
from domxml.models.domain.devices.memballoon import *  # noqa: F403
from domxml.models.domain.devices.memballoon import Memballoon
from domxml.models.domain.devices.memory import *  # noqa: F403
from domxml.models.domain.devices.memory import MemoryDevice
from domxml.models.domain.devices.nvram import *  # noqa: F403
from domxml.models.domain.devices.nvram import NvramDevice
from domxml.models.domain.devices.panic import *  # noqa: F403
from domxml.models.domain.devices.panic import Panic
from domxml.models.domain.devices.pstore import *  # noqa: F403
from domxml.models.domain.devices.pstore import Pstore
from domxml.models.domain.devices.redirdev import *  # noqa: F403
from domxml.models.domain.devices.redirdev import Redirdev, Redirfilter
from domxml.models.domain.devices.rng import *  # noqa: F403
from domxml.models.domain.devices.rng import Rng
from domxml.models.domain.devices.shmem import *  # noqa: F403
from domxml.models.domain.devices.shmem import Shmem
from domxml.models.domain.devices.smartcard import *  # noqa: F403
from domxml.models.domain.devices.smartcard import Smartcard
from domxml.models.domain.devices.sound import *  # noqa: F403
from domxml.models.domain.devices.sound import Sound
from domxml.models.domain.devices.tpm import *  # noqa: F403
from domxml.models.domain.devices.tpm import Tpm
from domxml.models.domain.devices.video import *  # noqa: F403
from domxml.models.domain.devices.video import Video
from domxml.models.domain.devices.vsock import *  # noqa: F403
from domxml.models.domain.devices.vsock import Vsock
from domxml.models.domain.devices.watchdog import *  # noqa: F403
from domxml.models.domain.devices.watchdog import Watchdog
from domxml.models.exports import exported as _exported
from domxml.models.types import AbsFilePath


# The declaration order is libvirt's (virDomainDefFormatInternal).
@element("devices")
class Devices(Model):
    """``<devices>``: every device of the domain, grouped by kind in libvirt's order."""

    emulator: AbsFilePath | None = leaf(doc="the device model emulator binary", default=None)
    disks: list[Disk] = children(default_factory=list)
    controllers: list[Controller] = children(default_factory=list)
    leases: list[Lease] = children(default_factory=list)
    filesystems: list[Filesystem] = children(default_factory=list)
    interfaces: list[Interface] = children(default_factory=list)
    smartcards: list[Smartcard] = children(default_factory=list)
    serials: list[Serial] = children(default_factory=list)
    parallels: list[Parallel] = children(default_factory=list)
    consoles: list[Console] = children(default_factory=list)
    channels: list[Channel] = children(default_factory=list)
    inputs: list[Input] = children(default_factory=list)
    tpms: list[Tpm] = children(default_factory=list)
    graphics: list[Graphics] = children(default_factory=list)
    sounds: list[Sound] = children(default_factory=list)
    audios: list[Audio] = children(default_factory=list)
    videos: list[Video] = children(default_factory=list)
    hostdevs: list[Hostdev] = children(default_factory=list)
    redirdevs: list[Redirdev] = children(default_factory=list)
    redirfilter: Redirfilter | None = child(default=None)
    hubs: list[Hub] = children(default_factory=list)
    watchdogs: list[Watchdog] = children(default_factory=list)
    memballoon: Memballoon | None = child(default=None)
    rngs: list[Rng] = children(default_factory=list)
    nvram: NvramDevice | None = child(default=None)
    panics: list[Panic] = children(default_factory=list)
    shmems: list[Shmem] = children(default_factory=list)
    memory_devices: list[MemoryDevice] = children(default_factory=list)
    iommus: list[Iommu] = children(default_factory=list, max_items=1)
    vsock: Vsock | None = child(default=None)
    cryptos: list[Crypto] = children(default_factory=list)
    pstore: Pstore | None = child(default=None)


if not TYPE_CHECKING:  # mypy reads the imports above
    __all__ = _exported(globals(), __name__)
