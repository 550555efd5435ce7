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

    emulator: str | None = leaf(doc="the device model emulator binary")
    disks: list[Disk] = children()
    controllers: list[Controller] = children()
    leases: list[Lease] = children()
    filesystems: list[Filesystem] = children()
    interfaces: list[Interface] = children()
    smartcards: list[Smartcard] = children()
    serials: list[Serial] = children()
    parallels: list[Parallel] = children()
    consoles: list[Console] = children()
    channels: list[Channel] = children()
    inputs: list[Input] = children()
    tpms: list[Tpm] = children()
    graphics: list[Graphics] = children()
    sounds: list[Sound] = children()
    audios: list[Audio] = children()
    videos: list[Video] = children()
    hostdevs: list[Hostdev] = children()
    redirdevs: list[Redirdev] = children()
    redirfilter: Redirfilter | None = child()
    hubs: list[Hub] = children()
    watchdogs: list[Watchdog] = children()
    memballoon: Memballoon | None = child()
    rngs: list[Rng] = children()
    nvram: NvramDevice | None = child()
    panics: list[Panic] = children()
    shmems: list[Shmem] = children()
    memory_devices: list[MemoryDevice] = children()
    iommus: list[Iommu] = children()
    vsock: Vsock | None = child()
    cryptos: list[Crypto] = children()
    pstore: Pstore | None = child()


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
