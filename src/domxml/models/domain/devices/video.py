"""Video devices (formatdomain "Video devices"): ``<video>``."""

from __future__ import annotations

import enum

from domxml.binding import ON_OFF, Model, allowed, attr, child, depends_on, element, register_root
from domxml.models.domain.devices.address import Address
from domxml.models.domain.devices.common import Alias, DeviceAcpi
from domxml.models.types import AbsFilePath, UInt


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


class VideoDevice(enum.Enum):
    """The QEMU device of a virtio video card (``<model type='virtio' device=...>``)."""

    VIRTIO_VGA = "virtio-vga"
    VIRTIO_VGA_GL = "virtio-vga-gl"
    VIRTIO_GPU = "virtio-gpu"
    VIRTIO_GPU_GL = "virtio-gpu-gl"
    VHOST_USER_VGA = "vhost-user-vga"
    VHOST_USER_GPU = "vhost-user-gpu"


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

    iommu: bool | None = attr(codec=ON_OFF, doc="use the emulated IOMMU", default=None)
    ats: bool | None = attr(codec=ON_OFF, doc="PCIe Address Translation Services", default=None)
    packed: bool | None = attr(codec=ON_OFF, doc="packed virtqueues", default=None)
    page_per_vq: bool | None = attr(
        codec=ON_OFF, doc="a page per virtqueue for notifications", default=None
    )
    vgaconf: VgaConf | None = attr(default=None)
    name: VideoBackend | None = attr(default=None)


@element("acceleration")
class VideoAcceleration(Model):
    """``<acceleration>``: 2D/3D acceleration, and the render node for vhost-user."""

    accel3d: bool | None = attr(default=None)
    accel2d: bool | None = attr(default=None)
    rendernode: AbsFilePath | None = attr(default=None)


@element("resolution")
class VideoResolution(Model):
    """``<resolution>``: the initial resolution, in pixels."""

    x: UInt | None = attr()
    y: UInt | None = attr()


@element(
    "model",
    depends=(
        depends_on(
            "type",
            allows={
                VideoModelType.QXL: ("ram", "vgamem", "vram64"),
                VideoModelType.VIRTIO: ("device",),
            },
        ),
    ),
)
class VideoModel(Model):
    """``<model>``: the video card and its memory (sizes in KiB)."""

    type: VideoModelType | None = attr(
        codec=allowed(
            VideoModelType.VGA,
            VideoModelType.CIRRUS,
            VideoModelType.VMVGA,
            VideoModelType.XEN,
            VideoModelType.VBOX,
            VideoModelType.QXL,
            VideoModelType.VIRTIO,
            VideoModelType.GOP,
            VideoModelType.NONE,
            VideoModelType.BOCHS,
            VideoModelType.RAMFB,
        )
    )
    device: VideoDevice | None = attr(
        doc="virtio: which device libvirt gives QEMU (libvirt 12.x)", default=None
    )
    ram: UInt | None = attr(doc="qxl: the size of the primary bar", default=None)
    vram: UInt | None = attr(default=None)
    vram64: UInt | None = attr(doc="qxl: the size of the 64-bit vram bar", default=None)
    vgamem: UInt | None = attr(doc="qxl: the size of the VGA framebuffer", default=None)
    heads: UInt | None = attr(default=None)
    primary: bool | None = attr(default=None)
    blob: bool | None = attr(codec=ON_OFF, doc="virtio: blob resources", default=None)
    edid: bool | None = attr(
        codec=ON_OFF, doc="give the guest EDID display information (libvirt 12.x)", default=None
    )
    acceleration: VideoAcceleration | None = child(default=None)
    resolution: VideoResolution | None = child(default=None)


# The declaration order is libvirt's (virDomainVideoDefFormat).
@element("video")
class Video(Model):
    """``<video>``: a video card."""

    driver: VideoDriver | None = child(default=None)
    model: VideoModel | None = child(default=None)
    alias: Alias | None = child(default=None)
    acpi: DeviceAcpi | None = child(default=None)
    address: Address | None = child(default=None)


register_root(Video)
