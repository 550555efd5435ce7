"""Device models: ``<controller>`` (formatdomain "Controllers").

A bus controller of the guest: IDE, floppy, SCSI, SATA, virtio-serial,
smartcard (CCID), USB, PCI, Xen bus or ISA. ``type`` says which, and which
fields apply:

- every type: ``index``, ``driver``, ``alias``, ``acpi``, ``address``;
- ``ide``, ``scsi``, ``usb``, ``virtio-serial``, ``pci``: ``model``;
- ``usb``: ``ports``, and ``master`` for a companion of an EHCI controller;
- ``virtio-serial``: ``ports``, ``vectors``;
- ``xenbus``: ``max_grant_frames``, ``max_event_channels``;
- ``pci``: ``pci_model`` (the ``<model name=...>`` element: the device
  that implements ``model``), ``target`` and, for the roots, ``pcihole64``.
"""

from __future__ import annotations

import enum

from domxml.binding import (
    INT,
    ON_OFF,
    Model,
    attr,
    child,
    depends_on,
    element,
    leaf,
    matching,
    register_root,
)
from domxml.models.domain.devices.address import HEX, Address
from domxml.models.domain.devices.common import Alias, DeviceAcpi
from domxml.models.domain.devices.disk import DriverIothreads
from domxml.models.domain.size import Size
from domxml.models.types import UByte, UInt, ULong


class ControllerType(enum.Enum):
    """The kind of bus a controller provides (``<controller type=...>``)."""

    IDE = "ide"
    FDC = "fdc"
    SCSI = "scsi"
    SATA = "sata"
    VIRTIO_SERIAL = "virtio-serial"
    CCID = "ccid"
    USB = "usb"
    PCI = "pci"
    XENBUS = "xenbus"
    ISA = "isa"
    NVME = "nvme"


class ControllerModel(enum.Enum):
    """The controller's model (``<controller model=...>``); the valid ones depend on ``type``."""

    # scsi
    AUTO = "auto"
    BUSLOGIC = "buslogic"
    LSILOGIC = "lsilogic"
    LSISAS1068 = "lsisas1068"
    VMPVSCSI = "vmpvscsi"
    IBMVSCSI = "ibmvscsi"
    VIRTIO_SCSI = "virtio-scsi"
    LSISAS1078 = "lsisas1078"
    NCR53C90 = "ncr53c90"
    DC390 = "dc390"
    AM53C974 = "am53c974"
    # scsi and virtio-serial
    VIRTIO_TRANSITIONAL = "virtio-transitional"
    VIRTIO_NON_TRANSITIONAL = "virtio-non-transitional"
    # virtio-serial
    VIRTIO = "virtio"
    # usb
    PIIX3_UHCI = "piix3-uhci"
    PIIX4_UHCI = "piix4-uhci"
    EHCI = "ehci"
    ICH9_EHCI1 = "ich9-ehci1"
    ICH9_UHCI1 = "ich9-uhci1"
    ICH9_UHCI2 = "ich9-uhci2"
    ICH9_UHCI3 = "ich9-uhci3"
    VT82C686B_UHCI = "vt82c686b-uhci"
    PCI_OHCI = "pci-ohci"
    NEC_XHCI = "nec-xhci"
    QUSB1 = "qusb1"
    QUSB2 = "qusb2"
    QEMU_XHCI = "qemu-xhci"
    NONE = "none"
    # ide
    PIIX3 = "piix3"
    PIIX4 = "piix4"
    ICH6 = "ich6"
    # pci
    PCI_ROOT = "pci-root"
    PCIE_ROOT = "pcie-root"
    PCI_BRIDGE = "pci-bridge"
    DMI_TO_PCI_BRIDGE = "dmi-to-pci-bridge"
    PCIE_TO_PCI_BRIDGE = "pcie-to-pci-bridge"
    PCIE_ROOT_PORT = "pcie-root-port"
    PCIE_SWITCH_UPSTREAM_PORT = "pcie-switch-upstream-port"
    PCIE_SWITCH_DOWNSTREAM_PORT = "pcie-switch-downstream-port"
    PCI_EXPANDER_BUS = "pci-expander-bus"
    PCIE_EXPANDER_BUS = "pcie-expander-bus"


class PciModelName(enum.Enum):
    """The device implementing a PCI controller's model (``<model name=...>``)."""

    SPAPR_PCI_HOST_BRIDGE = "spapr-pci-host-bridge"
    PCI_BRIDGE = "pci-bridge"
    I82801B11_BRIDGE = "i82801b11-bridge"
    PCIE_PCI_BRIDGE = "pcie-pci-bridge"
    IOH3420 = "ioh3420"
    PCIE_ROOT_PORT = "pcie-root-port"
    X3130_UPSTREAM = "x3130-upstream"
    XIO3130_DOWNSTREAM = "xio3130-downstream"
    PXB = "pxb"
    PXB_PCIE = "pxb-pcie"


@element("model")
class PciModel(Model):
    """``<model>`` of a PCI controller: the device that implements its model."""

    name: PciModelName | None = attr()


# The declaration order is libvirt's (virDomainControllerDefFormat).
@element("target")
class ControllerTarget(Model):
    """``<target>`` of a PCI controller: how the guest sees the bus it provides."""

    chassis_nr: UByte | None = attr("chassisNr", doc="pci-bridge: the chassis number", default=None)
    chassis: UByte | None = attr(doc="root and switch ports: the chassis", default=None)
    port: int | None = attr(
        codec=HEX.within(0, 255), doc="root and switch ports: the port number", default=None
    )
    bus_nr: UByte | None = attr("busNr", doc="expander buses: the first bus number", default=None)
    index: UByte | None = attr(doc="spapr-pci-host-bridge: the PHB index", default=None)
    hotplug: bool | None = attr(
        codec=ON_OFF, doc="ports: whether devices may be hotplugged", default=None
    )
    mem_reserve: ULong | None = attr(
        "memReserve", doc="KiB of memory window to reserve", default=None
    )
    node: UInt | None = leaf(doc="expander buses: the guest NUMA node", default=None)


# The declaration order is libvirt's (virDomainControllerDriverFormat).
@element("driver")
class ControllerDriver(Model):
    """``<driver>``: the hypervisor's options for the controller (SCSI, virtio)."""

    queues: UInt | None = attr(default=None)
    cmd_per_lun: UInt | None = attr(default=None)
    max_sectors: UInt | None = attr(default=None)
    ioeventfd: bool | None = attr(codec=ON_OFF, default=None)
    iothread: UInt | None = attr(doc="the IOThread serving the controller", default=None)
    iommu: bool | None = attr(codec=ON_OFF, doc="use the emulated IOMMU", default=None)
    ats: bool | None = attr(codec=ON_OFF, doc="PCIe Address Translation Services", default=None)
    packed: bool | None = attr(codec=ON_OFF, doc="packed virtqueues", default=None)
    page_per_vq: bool | None = attr(
        codec=ON_OFF, doc="a page per virtqueue for notifications", default=None
    )
    iothreads: DriverIothreads | None = child(default=None)


@element("master")
class UsbMaster(Model):
    """``<master>``: the EHCI controller a USB 1 companion controller serves."""

    startport: int | None = attr(
        doc="the first port of the master that it handles", codec=INT.within(0, 999)
    )


# The models of each type.
_M = ControllerModel
_MODELS = {
    ControllerType.IDE: (_M.PIIX3, _M.PIIX4, _M.ICH6),
    ControllerType.SCSI: (
        _M.AUTO,
        _M.BUSLOGIC,
        _M.LSILOGIC,
        _M.LSISAS1068,
        _M.VMPVSCSI,
        _M.IBMVSCSI,
        _M.VIRTIO_SCSI,
        _M.LSISAS1078,
        _M.VIRTIO_TRANSITIONAL,
        _M.VIRTIO_NON_TRANSITIONAL,
        _M.NCR53C90,
        _M.DC390,
        _M.AM53C974,
    ),
    ControllerType.USB: (
        _M.PIIX3_UHCI,
        _M.PIIX4_UHCI,
        _M.EHCI,
        _M.ICH9_EHCI1,
        _M.ICH9_UHCI1,
        _M.ICH9_UHCI2,
        _M.ICH9_UHCI3,
        _M.VT82C686B_UHCI,
        _M.PCI_OHCI,
        _M.NEC_XHCI,
        _M.NONE,
        _M.QUSB1,
        _M.QUSB2,
        _M.QEMU_XHCI,
    ),
    ControllerType.VIRTIO_SERIAL: (_M.VIRTIO, _M.VIRTIO_TRANSITIONAL, _M.VIRTIO_NON_TRANSITIONAL),
    ControllerType.PCI: (
        _M.PCI_ROOT,
        _M.PCIE_ROOT,
        _M.PCI_BRIDGE,
        _M.DMI_TO_PCI_BRIDGE,
        _M.PCIE_TO_PCI_BRIDGE,
        _M.PCIE_ROOT_PORT,
        _M.PCIE_SWITCH_UPSTREAM_PORT,
        _M.PCIE_SWITCH_DOWNSTREAM_PORT,
        _M.PCI_EXPANDER_BUS,
        _M.PCIE_EXPANDER_BUS,
    ),
}


# The declaration order is libvirt's (virDomainControllerDefFormat).
@element(
    "controller",
    depends=(
        depends_on(
            "type",
            allows={
                ControllerType.IDE: ("model",),
                ControllerType.SCSI: ("model",),
                ControllerType.VIRTIO_SERIAL: ("model", "ports", "vectors"),
                ControllerType.USB: ("master", "model", "ports"),
                ControllerType.PCI: ("model", "pci_model", "pcihole64", "target"),
                ControllerType.XENBUS: ("max_event_channels", "max_grant_frames"),
                ControllerType.NVME: ("serial",),
            },
            needs={ControllerType.PCI: ("model",)},
            values={kind: {"model": models} for kind, models in _MODELS.items()},
        ),
        depends_on(
            "model",
            allows={
                ControllerModel.PCI_ROOT: ("pci_model", "pcihole64", "target"),
                ControllerModel.PCIE_ROOT: ("pci_model", "pcihole64", "target"),
                ControllerModel.PCI_BRIDGE: ("pci_model", "target"),
                ControllerModel.DMI_TO_PCI_BRIDGE: ("pci_model", "target"),
                ControllerModel.PCIE_TO_PCI_BRIDGE: ("pci_model", "target"),
                ControllerModel.PCIE_ROOT_PORT: ("pci_model", "target"),
                ControllerModel.PCIE_SWITCH_UPSTREAM_PORT: ("pci_model", "target"),
                ControllerModel.PCIE_SWITCH_DOWNSTREAM_PORT: ("pci_model", "target"),
                ControllerModel.PCI_EXPANDER_BUS: ("pci_model", "target"),
                ControllerModel.PCIE_EXPANDER_BUS: ("pci_model", "target"),
            },
        ),
    ),
)
class Controller(Model):
    """``<controller>``: a bus controller (PCI, USB, SCSI, SATA, virtio-serial...)."""

    type: ControllerType | None = attr()
    index: UInt | None = attr(doc="the controller's number among those of its type", default=None)
    model: ControllerModel | None = attr(default=None)
    ports: UInt | None = attr(doc="usb, virtio-serial: the number of ports", default=None)
    vectors: UInt | None = attr(doc="virtio-serial: the number of MSI-X vectors", default=None)
    max_grant_frames: UInt | None = attr("maxGrantFrames", doc="xenbus", default=None)
    max_event_channels: UInt | None = attr("maxEventChannels", doc="xenbus", default=None)
    pci_model: PciModel | None = child("model", default=None)
    target: ControllerTarget | None = child(default=None)
    serial: str | None = leaf(
        doc="nvme: the serial number the guest sees",
        default=None,
        codec=matching(r"[A-Za-z0-9_\.\+\- ]+", "diskSerial"),
    )
    driver: ControllerDriver | None = child(default=None)
    alias: Alias | None = child(default=None)
    master: UsbMaster | None = child(default=None)
    acpi: DeviceAcpi | None = child(default=None)
    address: Address | None = child(default=None)
    pcihole64: Size | None = child(
        "pcihole64", doc="pci-root, pcie-root: the 64-bit PCI hole, KiB when no unit", default=None
    )


register_root(Controller)
