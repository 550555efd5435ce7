"""Storage pools and volumes (libvirt's formatstorage)."""

from domxml.models.storage.pool import StoragePool
from domxml.models.storage.volume import StorageVolume

__all__ = ["StoragePool", "StorageVolume"]
