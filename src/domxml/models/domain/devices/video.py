"""Video devices (formatdomain "Video devices"): ``<video>``."""

from __future__ import annotations

import enum

from domxml.binding import ON_OFF, Model, attr, child, element, register_root
from domxml.models.domain.devices.address import Address
from domxml.models.domain.devices.common import Alias, DeviceAcpi


class VideoModelType(enum.Enum):
    """The emulated video card (``<model type=...>``)."""

    VGA = "vga"
    CIRRUS = "cirrus"
    VMVGA = "vmvga"
    XEN = "xen"
    VBOX = "vbox"
    QXL = "qxl"
    PARALLELS = "parallels"
    VIRTIO = "virtio"
    GOP = "gop"
    NONE = "none"
    BOCHS = "bochs"
    RAMFB = "ramfb"


class VideoBackend(enum.Enum):
    """Who implements the video device (``<driver name=...>``)."""

    QEMU = "qemu"
    VHOSTUSER = "vhostuser"


class VgaConf(enum.Enum):
    """bhyve: how the VGA of a ``gop`` device is set up (``<driver vgaconf=...>``)."""

    IO = "io"
    ON = "on"
    OFF = "off"


@element("driver")
class VideoDriver(Model):
    """``<driver>``: virtio options and the backend of the video device."""

    iommu: bool | None = attr(codec=ON_OFF, doc="use the emulated IOMMU")
    ats: bool | None = attr(codec=ON_OFF, doc="PCIe Address Translation Services")
    packed: bool | None = attr(codec=ON_OFF, doc="packed virtqueues")
    page_per_vq: bool | None = attr(codec=ON_OFF, doc="a page per virtqueue for notifications")
    vgaconf: VgaConf | None = attr()
    name: VideoBackend | None = attr()


@element("acceleration")
class VideoAcceleration(Model):
    """``<acceleration>``: 2D/3D acceleration, and the render node for vhost-user."""

    accel3d: bool | None = attr()
    accel2d: bool | None = attr()
    rendernode: str | None = attr()


@element("resolution")
class VideoResolution(Model):
    """``<resolution>``: the initial resolution, in pixels."""

    x: int | None = attr()
    y: int | None = attr()


@element("model")
class VideoModel(Model):
    """``<model>``: the video card and its memory (sizes in KiB)."""

    type: VideoModelType | None = attr()
    ram: int | None = attr(doc="qxl: the size of the primary bar")
    vram: int | None = attr()
    vram64: int | None = attr(doc="qxl: the size of the 64-bit vram bar")
    vgamem: int | None = attr(doc="qxl: the size of the VGA framebuffer")
    heads: int | None = attr()
    primary: bool | None = attr()
    blob: bool | None = attr(codec=ON_OFF, doc="virtio: blob resources")
    acceleration: VideoAcceleration | None = child()
    resolution: VideoResolution | None = child()


# The declaration order is libvirt's (virDomainVideoDefFormat).
@element("video")
class Video(Model):
    """``<video>``: a video card."""

    driver: VideoDriver | None = child()
    model: VideoModel | None = child()
    alias: Alias | None = child()
    acpi: DeviceAcpi | None = child()
    address: Address | None = child()


register_root(Video)
