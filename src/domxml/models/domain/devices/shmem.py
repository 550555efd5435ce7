"""Device models: ``<shmem>`` (formatdomain "Shared memory device")."""

from __future__ import annotations

import enum

from domxml.binding import ON_OFF, Model, attr, child, element, matching, register_root
from domxml.models.domain.devices.address import Address
from domxml.models.domain.devices.common import Alias, DeviceAcpi
from domxml.models.domain.size import Size
from domxml.models.types import AbsFilePath, UInt


class ShmemRole(enum.Enum):
    """Whether the guest owns the memory on migration (``<shmem role=...>``)."""

    MASTER = "master"
    PEER = "peer"


class ShmemModelType(enum.Enum):
    """The ivshmem device (``<model type=...>``)."""

    IVSHMEM = "ivshmem"
    IVSHMEM_PLAIN = "ivshmem-plain"
    IVSHMEM_DOORBELL = "ivshmem-doorbell"


@element("model")
class ShmemModel(Model):
    """``<model>``: which ivshmem device the guest sees."""

    type: ShmemModelType | None = attr()


@element("server")
class ShmemServer(Model):
    """``<server>``: the ivshmem server's socket (doorbell only); empty: the default."""

    path: AbsFilePath | None = attr(default=None)


@element("msi")
class ShmemMsi(Model):
    """``<msi>``: the interrupts of an ivshmem-doorbell device."""

    vectors: UInt | None = attr(default=None)
    ioeventfd: bool | None = attr(codec=ON_OFF, default=None)


# The declaration order is libvirt's (virDomainShmemDefFormat).
@element("shmem")
class Shmem(Model):
    """``<shmem>``: a memory region shared between guests and the host (ivshmem)."""

    name: str | None = attr(
        doc="the shared region's name, without '/'", codec=matching(r"[^/]*", "shmem")
    )
    role: ShmemRole | None = attr(default=None)
    model: ShmemModel | None = child(default=None)
    size: Size | None = child(doc="the size of the region; no unit means bytes", default=None)
    server: ShmemServer | None = child(default=None)
    msi: ShmemMsi | None = child(default=None)
    alias: Alias | None = child(default=None)
    acpi: DeviceAcpi | None = child(default=None)
    address: Address | None = child(default=None)


register_root(Shmem)
