"""``<devices>`` and every device model, a module per device (formatdomain "Devices").

The shared pieces live in :mod:`.address` (``<address>`` of every type) and
:mod:`.common` (``<alias>``, ``<boot>``, ``<acpi>``, ``<rom>``).
"""

from __future__ import annotations

from domxml.binding import Model, child, children, element, leaf
from domxml.models.domain.devices.address import (
    Address,
    AddressType,
    CcidAddress,
    CcwAddress,
    DimmAddress,
    DriveAddress,
    IsaAddress,
    PciAddress,
    SpaprVioAddress,
    UnassignedAddress,
    UsbAddress,
    VirtioMmioAddress,
    VirtioSerialAddress,
    Zpci,
)
from domxml.models.domain.devices.audio import Audio
from domxml.models.domain.devices.chardev import Channel, Console, Parallel, Serial
from domxml.models.domain.devices.common import Alias, DeviceAcpi, DeviceBoot, Rom
from domxml.models.domain.devices.controller import Controller
from domxml.models.domain.devices.crypto import Crypto
from domxml.models.domain.devices.disk import Disk
from domxml.models.domain.devices.filesystem import Filesystem
from domxml.models.domain.devices.graphics import Graphics
from domxml.models.domain.devices.hostdev import Hostdev
from domxml.models.domain.devices.hub import Hub
from domxml.models.domain.devices.input import Input
from domxml.models.domain.devices.interface import Interface
from domxml.models.domain.devices.iommu import Iommu
from domxml.models.domain.devices.lease import Lease
from domxml.models.domain.devices.memballoon import Memballoon
from domxml.models.domain.devices.memory import MemoryDevice
from domxml.models.domain.devices.nvram import NvramDevice
from domxml.models.domain.devices.panic import Panic
from domxml.models.domain.devices.pstore import Pstore
from domxml.models.domain.devices.redirdev import Redirdev, Redirfilter
from domxml.models.domain.devices.rng import Rng
from domxml.models.domain.devices.shmem import Shmem
from domxml.models.domain.devices.smartcard import Smartcard
from domxml.models.domain.devices.sound import Sound
from domxml.models.domain.devices.tpm import Tpm
from domxml.models.domain.devices.video import Video
from domxml.models.domain.devices.vsock import Vsock
from domxml.models.domain.devices.watchdog import Watchdog


# The declaration order is libvirt's (virDomainDefFormatInternal).
@element("devices")
class Devices(Model):
    """``<devices>``: every device of the domain, grouped by kind in libvirt's order."""

    emulator: str | None = leaf(doc="the device model emulator binary", default=None)
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
    iommus: list[Iommu] = children(default_factory=list)
    vsock: Vsock | None = child(default=None)
    cryptos: list[Crypto] = children(default_factory=list)
    pstore: Pstore | None = child(default=None)


__all__ = [
    "Address",
    "AddressType",
    "Alias",
    "Audio",
    "CcidAddress",
    "CcwAddress",
    "Channel",
    "Console",
    "Controller",
    "Crypto",
    "DeviceAcpi",
    "DeviceBoot",
    "Devices",
    "DimmAddress",
    "Disk",
    "DriveAddress",
    "Filesystem",
    "Graphics",
    "Hostdev",
    "Hub",
    "Input",
    "Interface",
    "Iommu",
    "IsaAddress",
    "Lease",
    "Memballoon",
    "MemoryDevice",
    "NvramDevice",
    "Panic",
    "Parallel",
    "PciAddress",
    "Pstore",
    "Redirdev",
    "Redirfilter",
    "Rng",
    "Rom",
    "Serial",
    "Shmem",
    "Smartcard",
    "Sound",
    "SpaprVioAddress",
    "Tpm",
    "UnassignedAddress",
    "UsbAddress",
    "Video",
    "VirtioMmioAddress",
    "VirtioSerialAddress",
    "Vsock",
    "Watchdog",
    "Zpci",
]
