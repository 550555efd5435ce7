"""Device models: ``<memory>`` in ``<devices>`` (formatdomain "Memory devices").

Not the domain's ``<memory>`` allocation: these are memory modules plugged
into the guest (DIMM, NVDIMM, virtio-pmem, virtio-mem, SGX EPC). Their
sizes are :class:`~domxml.models.domain.size.Size` (KiB when no unit).
"""

from __future__ import annotations

import enum

from domxml.binding import Model, attr, child, element, leaf, register_root, variant
from domxml.models.domain.devices.address import HEX, Address
from domxml.models.domain.devices.common import Alias, DeviceAcpi, VirtioDriver
from domxml.models.domain.memory_backing import MemoryAccess
from domxml.models.domain.size import Size
from domxml.models.types import AbsFilePath, CpuSet, UInt, Uuid


class MemoryModel(enum.Enum):
    """The kind of memory device (``<memory model=...>``)."""

    DIMM = "dimm"
    NVDIMM = "nvdimm"
    VIRTIO_PMEM = "virtio-pmem"
    VIRTIO_MEM = "virtio-mem"
    SGX_EPC = "sgx-epc"


@element("pmem")
class Pmem(Model):
    """``<pmem/>``: the NVDIMM's backing file is real persistent memory."""


@element("source")
class MemoryDeviceSource(Model):
    """``<source>``: the host memory behind the device.

    DIMM and virtio-mem take host pages (``pagesize``) from host NUMA nodes
    (``nodemask``); NVDIMM and virtio-pmem are backed by a file (``path``).
    """

    nodemask: CpuSet | None = leaf(doc="host NUMA nodes, e.g. 0-1,^1", default=None)
    pagesize: Size | None = child("pagesize", default=None)
    path: AbsFilePath | None = leaf(default=None)
    alignsize: Size | None = child("alignsize", default=None)
    pmem: Pmem | None = child(default=None)


@element("label")
class MemoryLabel(Model):
    """``<label>``: the NVDIMM's namespace label area."""

    size: Size | None = child()


@element("readonly")
class MemoryReadonly(Model):
    """``<readonly/>``: the guest sees the NVDIMM read-only."""


@element("address")
class MemoryTargetAddress(Model):
    """``<address>`` in ``<target>``: where the device sits in guest physical memory."""

    base: int | None = attr(codec=HEX.within(0, 18446744073709551615))


@element("target")
class MemoryTarget(Model):
    """``<target>``: the device as the guest sees it (size, NUMA node...)."""

    dynamic_memslots: bool | None = attr(
        "dynamicMemslots", doc="virtio-mem: use several memslots", default=None
    )
    size: Size | None = child()
    node: UInt | None = leaf(doc="the guest NUMA node", default=None)
    label: MemoryLabel | None = child(default=None)
    readonly: MemoryReadonly | None = child(default=None)
    block: Size | None = child("block", doc="virtio-mem: the block size", default=None)
    requested: Size | None = child(
        "requested", doc="virtio-mem: the size the guest should use", default=None
    )
    current: Size | None = child(
        "current", doc="virtio-mem: the size the guest uses (output only)", default=None
    )
    address: MemoryTargetAddress | None = child(default=None)


@element("source", without=("path", "alignsize", "pmem"))
class MemoryDevicePagesSource(MemoryDeviceSource):
    """``<source>`` of host pages: their size and the host NUMA nodes (DIMM, virtio-mem, SGX)."""


@element("source", without=("nodemask", "pagesize"))
class MemoryDeviceFileSource(MemoryDeviceSource):
    """``<source>`` of a file: the NVDIMM's or virtio-pmem's backing file."""

    path: AbsFilePath | None = leaf()


# The declaration order is libvirt's (virDomainMemoryDefFormat).
@element("memory", discriminator="model")
class MemoryDevice(Model):
    """``<memory>``: a memory device plugged into the guest; the subclass follows ``model``.

    The model says which source libvirt reads: host pages (DIMM,
    virtio-mem, SGX EPC) or a file (NVDIMM, virtio-pmem).
    """

    # Required: each variant declares its value as the default, for type
    # checkers (they do not see the one @variant gives).
    model: MemoryModel | None = attr()
    access: MemoryAccess | None = attr(default=None)
    discard: bool | None = attr(doc="discard the memory when the device is unplugged", default=None)
    uuid: Uuid | None = leaf(doc="NVDIMM (ppc64): the device's UUID", default=None)
    driver: VirtioDriver | None = child(
        doc="virtio-mem, virtio-pmem: the virtio options (libvirt 12.x)", default=None
    )
    source: MemoryDeviceSource | None = child(default=None)
    target: MemoryTarget | None = child()
    alias: Alias | None = child(default=None)
    acpi: DeviceAcpi | None = child(default=None)
    address: Address | None = child(default=None)


@variant("dimm")
class DimmMemoryDevice(MemoryDevice):
    """``<memory model='dimm'>``: a DIMM."""

    model: MemoryModel | None = attr(default=MemoryModel.DIMM)
    source: MemoryDevicePagesSource | None = child(default=None)


@variant("nvdimm")
class NvdimmMemoryDevice(MemoryDevice):
    """``<memory model='nvdimm'>``: an NVDIMM backed by a file."""

    model: MemoryModel | None = attr(default=MemoryModel.NVDIMM)
    source: MemoryDeviceFileSource | None = child(default=None)


@variant("virtio-pmem")
class VirtioPmemMemoryDevice(MemoryDevice):
    """``<memory model='virtio-pmem'>``: virtio persistent memory backed by a file."""

    model: MemoryModel | None = attr(default=MemoryModel.VIRTIO_PMEM)
    source: MemoryDeviceFileSource | None = child(default=None)


@variant("virtio-mem")
class VirtioMemMemoryDevice(MemoryDevice):
    """``<memory model='virtio-mem'>``: virtio memory the guest can grow and shrink."""

    model: MemoryModel | None = attr(default=MemoryModel.VIRTIO_MEM)
    source: MemoryDevicePagesSource | None = child(default=None)


@variant("sgx-epc")
class SgxEpcMemoryDevice(MemoryDevice):
    """``<memory model='sgx-epc'>``: an Intel SGX enclave page cache."""

    model: MemoryModel | None = attr(default=MemoryModel.SGX_EPC)
    source: MemoryDevicePagesSource | None = child(default=None)


# A document whose root is <memory> is this device: the domain's <memory>
# allocation is never a document of its own.
register_root(MemoryDevice)
