"""Device models: <memory> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("memory")
class MemoryDevice(Model):
    """``<memory>``: a memory device (DIMM, NVDIMM, virtio-mem...)."""
