"""Device models: ``<hostdev>`` (formatdomain "Host device assignment").

A host device given to the guest, one model per ``type``:

- ``mode='subsystem'``: a PCI device (``pci``), a USB device (``usb``), a
  SCSI LUN on a host adapter or an iSCSI server (``scsi``), a vhost-scsi
  target (``scsi_host``) or a mediated device (``mdev``);
- ``mode='capabilities'`` (containers): a block device (``storage``), a
  character device (``misc``) or a network interface (``net``).

The host side of a subsystem device is also what ``<interface
type='hostdev'>`` holds in its ``<source>``, so the pieces of a source
(:class:`UsbSourceAddress`, :class:`UsbId`, :class:`Origstates`; the PCI
address is :class:`~domxml.models.domain.storage_source.PciSourceAddress`,
which an NVMe disk's source holds too) live here; so do :class:`Teaming` and the
:class:`IpAddress` of an interface's IP configuration, which a hostdev
carries too (libvirt formats them with the same functions for both).
"""

from __future__ import annotations

import enum

from domxml.binding import (
    HEX4,
    INT,
    ON_OFF,
    Model,
    allowed,
    attr,
    child,
    children,
    depends_on,
    element,
    leaf,
    matching,
    register_root,
    variant,
)
from domxml.models.domain.devices.address import Address
from domxml.models.domain.devices.common import Alias, DeviceAcpi, DeviceBoot, Rom
from domxml.models.domain.devices.disk import Sgio
from domxml.models.domain.storage_source import (
    Auth,
    Initiator,
    PciSourceAddress,
    SourceHost,
    StartupPolicy,
)
from domxml.models.network.common import AddrFamily, Route
from domxml.models.network.forward import HostdevDriverName
from domxml.models.storage.common import Flag
from domxml.models.storage.source import Adapter
from domxml.models.types import AbsFilePath, DeviceName, GenericName, IpAddr, ULong, Uuid


class HostdevMode(enum.Enum):
    """How the device is given (``<hostdev mode=...>``)."""

    SUBSYSTEM = "subsystem"
    CAPABILITIES = "capabilities"


class HostdevType(enum.Enum):
    """The kind of host device (``<hostdev type=...>``).

    ``pci``, ``usb``, ``scsi``, ``scsi_host`` and ``mdev`` are subsystem
    devices; ``storage``, ``misc`` and ``net`` capabilities (containers).
    """

    PCI = "pci"
    USB = "usb"
    SCSI = "scsi"
    SCSI_HOST = "scsi_host"
    MDEV = "mdev"
    STORAGE = "storage"
    MISC = "misc"
    NET = "net"


class ScsiHostModel(enum.Enum):
    """The virtio flavour of a vhost-scsi device (``<hostdev type='scsi_host' model=...>``)."""

    VIRTIO = "virtio"
    VIRTIO_TRANSITIONAL = "virtio-transitional"
    VIRTIO_NON_TRANSITIONAL = "virtio-non-transitional"


class MdevModel(enum.Enum):
    """The device API of a mediated device (``<hostdev type='mdev' model=...>``)."""

    VFIO_PCI = "vfio-pci"
    VFIO_CCW = "vfio-ccw"
    VFIO_AP = "vfio-ap"


class UsbGuestReset(enum.Enum):
    """Whether the guest may reset a USB device (``<source guestReset=...>``).

    ``uninitialized``: only while the device is not configured yet.
    """

    OFF = "off"
    UNINITIALIZED = "uninitialized"
    ON = "on"


class ScsiProtocol(enum.Enum):
    """Where a SCSI host device is (``<source protocol=...>`` of ``type='scsi'``)."""

    ADAPTER = "adapter"
    ISCSI = "iscsi"


class ScsiHostProtocol(enum.Enum):
    """The backend of a ``scsi_host`` device (``<source protocol=...>``)."""

    VHOST = "vhost"


class TeamingType(enum.Enum):
    """The role of a device in a virtio failover pair (``<teaming type=...>``)."""

    PERSISTENT = "persistent"
    TRANSIENT = "transient"


# --- pieces shared with <interface> -------------------------------------------


@element("ip")
class IpAddress(Model):
    """``<ip>``: an IP address of a network interface, on the host or guest side."""

    address: IpAddr | None = attr()
    family: AddrFamily | None = attr(default=None)
    prefix: int | None = attr(
        doc="the network prefix length", default=None, codec=INT.within(0, 128)
    )
    peer: IpAddr | None = attr(
        doc="the address of the other end of a point-to-point link", default=None
    )


@element(
    "teaming",
    depends=(
        depends_on(
            "type",
            allows={TeamingType.TRANSIENT: ("persistent",)},
            needs={TeamingType.TRANSIENT: ("persistent",)},
        ),
    ),
)
class Teaming(Model):
    """``<teaming>``: a virtio failover pair.

    The ``persistent`` device (a virtio interface) stays; the ``transient``
    one (a hostdev) names its persistent partner's alias.
    """

    type: TeamingType | None = attr()
    persistent: str | None = attr(
        doc="the alias of the persistent device (transient only)",
        default=None,
        codec=matching(r"[a-zA-Z0-9_\-.]+", "aliasName"),
    )


@element("driver")
class HostdevDriver(Model):
    """``<driver>``: the backend that assigns a PCI device to the guest."""

    name: HostdevDriverName | None = attr(default=None)
    model: GenericName | None = attr(doc="the VFIO variant driver, e.g. vfio-pci-igb", default=None)
    iommufd: bool | None = attr(
        doc="assign the device through IOMMUFD (libvirt 12.x)", default=None
    )


# libvirt writes no type= on these inside <hostdev>, where the hostdev's type
# says what they are; <interface type='hostdev'> has typed ones (see there).
# A PCI device's is the storage source's PciSourceAddress, which NVMe disks share.
# libvirt 12.x names a device by its port path as well (it survives a
# re-plug, which renumbers the device): one or the other.
@element("address", exclusive=(("device", "port"),), one_needed=(("device", "port"),))
class UsbSourceAddress(Model):
    """``<address>`` of a USB host device's ``<source>``: bus and device number, or port."""

    bus: int | None = attr(codec=INT.within(0, 999))
    device: int | None = attr(codec=INT.within(0, 999), default=None)
    port: str | None = attr(
        doc="the port path on the bus, e.g. 1.2 (libvirt 12.x)",
        default=None,
        codec=matching(r"((0x)?[0-9a-fA-F]{1,3}\.){0,3}(0x)?[0-9a-fA-F]{1,3}", "usbPort"),
    )


@element("address")
class ScsiSourceAddress(Model):
    """``<address>`` of a SCSI host device's ``<source>``: bus, target and unit on the adapter."""

    bus: int | None = attr(codec=INT.within(0, 99))
    target: int | None = attr(codec=INT.within(0, 9999999999))
    unit: ULong | None = attr()


@element("address")
class MdevSourceAddress(Model):
    """``<address>`` of a mediated device's ``<source>``: the mdev's UUID."""

    uuid: Uuid | None = attr()


@element("vendor")
class UsbId(Model):
    """``<vendor>`` or ``<product>``: a USB vendor or product id (``0x1234``)."""

    id: int | None = attr(codec=HEX4.within(0, 65535))


@element("origstates")
class Origstates(Model):
    """``<origstates>``: what libvirt did to a PCI device's host state (status XML only).

    Each flag is present when libvirt must undo it when the guest releases
    the device.
    """

    unbind: Flag | None = child("unbind", doc="unbind from the stub driver", default=None)
    removeslot: Flag | None = child("removeslot", doc="remove the device's slot", default=None)
    reprobe: Flag | None = child("reprobe", doc="let the host driver probe it again", default=None)


# --- the sources of each type ---------------------------------------------------


# <origstates> is libvirt's status XML, which the schema does not cover.
@element("source", without=("origstates",))
class PciHostdevSource(Model):
    """``<source>`` of a PCI host device."""

    startup_policy: StartupPolicy | None = attr("startupPolicy", default=None)
    write_filtering: bool | None = attr(
        "writeFiltering", doc="Xen: filter config space writes", default=None
    )
    address: PciSourceAddress | None = child()
    origstates: Origstates | None = child(default=None)


# autoAddress and missing are libvirt's status XML, which the schema does not
# cover.
@element(
    "source",
    together=(("vendor", "product"),),
    one_needed=(("vendor", "address"),),
    without=("auto_address", "missing"),
)
class UsbHostdevSource(Model):
    """``<source>`` of a USB host device: by vendor and product, by address, or both."""

    startup_policy: StartupPolicy | None = attr("startupPolicy", default=None)
    auto_address: bool | None = attr(
        "autoAddress", doc="the address was found, not given", default=None
    )
    missing: bool | None = attr(doc="output only: the device is not on the host", default=None)
    guest_reset: UsbGuestReset | None = attr("guestReset", default=None)
    vendor: UsbId | None = child(default=None)
    product: UsbId | None = child("product", default=None)
    address: UsbSourceAddress | None = child(default=None)


@element("host", without=("transport", "socket"))
class ScsiHostdevHost(SourceHost):
    """``<host>`` of an iSCSI host device: a server, by name and port."""

    name: str | None = attr()
    port: int | None = attr(default=None, codec=INT.within(-1, 65535))


# A LUN on a host adapter (protocol adapter, or none), or an iSCSI LUN.
_ADAPTER = ("adapter", "address")
_ISCSI = ("auth", "hosts", "initiator", "name")


@element(
    "source",
    depends=(
        depends_on(
            "protocol",
            allows={None: _ADAPTER, ScsiProtocol.ADAPTER: _ADAPTER, ScsiProtocol.ISCSI: _ISCSI},
            needs={
                None: _ADAPTER,
                ScsiProtocol.ADAPTER: _ADAPTER,
                ScsiProtocol.ISCSI: ("name", "hosts"),
            },
        ),
    ),
)
class ScsiHostdevSource(Model):
    """``<source>`` of a SCSI host device.

    A LUN on a host adapter (``adapter`` and ``address``), or an iSCSI LUN
    (``protocol='iscsi'``, ``name`` target/lun, ``hosts``, ``auth``,
    ``initiator``).
    """

    protocol: ScsiProtocol | None = attr(default=None)
    name: str | None = attr(
        doc="iscsi: the target IQN and LUN, e.g. iqn.2014-..:storage/1", default=None
    )
    adapter: Adapter | None = child(default=None)
    address: ScsiSourceAddress | None = child(default=None)
    hosts: list[ScsiHostdevHost] = children(default_factory=list)
    auth: Auth | None = child(default=None)
    initiator: Initiator | None = child(default=None)


@element("source")
class ScsiHostHostdevSource(Model):
    """``<source>`` of a ``scsi_host`` (vhost-scsi) device: the target's WWPN."""

    protocol: ScsiHostProtocol | None = attr()
    wwpn: str | None = attr(
        doc="e.g. naa.5123456789abcde0",
        codec=matching(r"(naa\.)[0-9a-fA-F]{16}", "hostdevsubsyshost"),
    )


@element("source")
class MdevHostdevSource(Model):
    """``<source>`` of a mediated device."""

    address: MdevSourceAddress | None = child()


@element("source")
class StorageHostdevSource(Model):
    """``<source>`` of a ``storage`` capability: the host block device."""

    block: AbsFilePath | None = leaf(doc="e.g. /dev/sdf1")


@element("source")
class MiscHostdevSource(Model):
    """``<source>`` of a ``misc`` capability: the host character device."""

    char: AbsFilePath | None = leaf(doc="e.g. /dev/tty0")


@element("source")
class NetHostdevSource(Model):
    """``<source>`` of a ``net`` capability: the host network interface."""

    interface: DeviceName | None = leaf(doc="e.g. eth0")


# --- the device -------------------------------------------------------------------


# libvirt's order (virDomainHostdevDefFormat), for every type at once.
@element(
    "hostdev",
    discriminator="type",
    field_order=(
        "mode",
        "type",
        "managed",
        "sgio",
        "rawio",
        "model",
        "display",
        "ramfb",
        "driver",
        "source",
        "ips",
        "routes",
        "teaming",
        "readonly",
        "shareable",
        "boot",
        "alias",
        "rom",
        "acpi",
        "address",
    ),
    depends=(
        depends_on(
            "mode", needs={HostdevMode.SUBSYSTEM: ("type",), HostdevMode.CAPABILITIES: ("type",)}
        ),
        depends_on("sgio", needs={Sgio.FILTERED: ("type",), Sgio.UNFILTERED: ("type",)}),
    ),
)
class Hostdev(Model):
    """``<hostdev>``: a host device given to the guest; the subclass follows ``type``."""

    mode: HostdevMode | None = attr(default=None)
    # Required: each variant declares its value as the default, for type
    # checkers (they do not see the one @variant gives).
    type: HostdevType | None = attr()
    managed: bool | None = attr(
        doc="subsystem: libvirt detaches the device from the host", default=None
    )
    # libvirt reads sgio and rawio on every <hostdev> and refuses them but for scsi.
    sgio: Sgio | None = attr(doc="scsi only: whether SCSI commands are filtered", default=None)
    rawio: bool | None = attr(doc="scsi only: let the guest send raw SCSI commands", default=None)
    teaming: Teaming | None = child(default=None)
    readonly: Flag | None = child("readonly", default=None)
    shareable: Flag | None = child("shareable", default=None)
    boot: DeviceBoot | None = child(default=None)
    alias: Alias | None = child(default=None)
    rom: Rom | None = child(default=None)
    acpi: DeviceAcpi | None = child(default=None)
    address: Address | None = child(doc="where the guest sees the device", default=None)


@variant("pci", without=("sgio", "rawio"))
class PciHostdev(Hostdev):
    """``<hostdev type='pci'>``: a host PCI device."""

    type: HostdevType | None = attr(default=HostdevType.PCI)
    mode: HostdevMode | None = attr(default=None, codec=allowed(HostdevMode.SUBSYSTEM))
    display: bool | None = attr(
        codec=ON_OFF, doc="use the device as the guest's display", default=None
    )
    ramfb: bool | None = attr(
        codec=ON_OFF, doc="a boot display in RAM for the device", default=None
    )
    driver: HostdevDriver | None = child(default=None)
    source: PciHostdevSource | None = child()


@variant("usb", without=("sgio", "rawio", "teaming"))
class UsbHostdev(Hostdev):
    """``<hostdev type='usb'>``: a host USB device."""

    type: HostdevType | None = attr(default=HostdevType.USB)
    mode: HostdevMode | None = attr(default=None, codec=allowed(HostdevMode.SUBSYSTEM))
    source: UsbHostdevSource | None = child()


@variant("scsi", without=("teaming",))
class ScsiHostdev(Hostdev):
    """``<hostdev type='scsi'>``: a host SCSI LUN."""

    type: HostdevType | None = attr(default=HostdevType.SCSI)
    mode: HostdevMode | None = attr(default=None, codec=allowed(HostdevMode.SUBSYSTEM))
    source: ScsiHostdevSource | None = child()


@variant("scsi_host", without=("sgio", "rawio", "teaming"))
class ScsiHostHostdev(Hostdev):
    """``<hostdev type='scsi_host'>``: a vhost-scsi target."""

    type: HostdevType | None = attr(default=HostdevType.SCSI_HOST)
    mode: HostdevMode | None = attr(default=None, codec=allowed(HostdevMode.SUBSYSTEM))
    model: ScsiHostModel | None = attr(default=None)
    source: ScsiHostHostdevSource | None = child()


@variant("mdev", without=("sgio", "rawio", "teaming"))
class MdevHostdev(Hostdev):
    """``<hostdev type='mdev'>``: a mediated device (a vGPU, a vfio-ccw subchannel...)."""

    type: HostdevType | None = attr(default=HostdevType.MDEV)
    mode: HostdevMode | None = attr(default=None, codec=allowed(HostdevMode.SUBSYSTEM))
    model: MdevModel | None = attr()
    display: bool | None = attr(
        codec=ON_OFF, doc="use the device as the guest's display", default=None
    )
    ramfb: bool | None = attr(
        codec=ON_OFF, doc="a boot display in RAM for the device", default=None
    )
    source: MdevHostdevSource | None = child()


@variant("storage", without=("managed", "sgio", "rawio", "teaming"))
class StorageHostdev(Hostdev):
    """``<hostdev mode='capabilities' type='storage'>``: a host block device (containers)."""

    type: HostdevType | None = attr(default=HostdevType.STORAGE)
    mode: HostdevMode | None = attr(
        default=HostdevMode.CAPABILITIES, codec=allowed(HostdevMode.CAPABILITIES)
    )
    source: StorageHostdevSource | None = child()


@variant("misc", without=("managed", "sgio", "rawio", "teaming"))
class MiscHostdev(Hostdev):
    """``<hostdev mode='capabilities' type='misc'>``: a host character device (containers)."""

    type: HostdevType | None = attr(default=HostdevType.MISC)
    mode: HostdevMode | None = attr(
        default=HostdevMode.CAPABILITIES, codec=allowed(HostdevMode.CAPABILITIES)
    )
    source: MiscHostdevSource | None = child()


@variant("net", without=("managed", "sgio", "rawio", "teaming"))
class NetHostdev(Hostdev):
    """``<hostdev mode='capabilities' type='net'>``: a host network interface (containers)."""

    type: HostdevType | None = attr(default=HostdevType.NET)
    mode: HostdevMode | None = attr(
        default=HostdevMode.CAPABILITIES, codec=allowed(HostdevMode.CAPABILITIES)
    )
    source: NetHostdevSource | None = child()
    ips: list[IpAddress] = children(default_factory=list)
    routes: list[Route] = children(default_factory=list)


register_root(Hostdev)
