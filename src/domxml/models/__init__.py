"""The libvirt models, one module or package per document family."""

from domxml.models.capabilities import Capabilities
from domxml.models.domain import Domain
from domxml.models.domaincaps import DomainCapabilities
from domxml.models.network import Network
from domxml.models.snapshot import DomainSnapshot
from domxml.models.storage import StoragePool, StorageVolume

__all__ = [
    "Capabilities",
    "Domain",
    "DomainCapabilities",
    "DomainSnapshot",
    "Network",
    "StoragePool",
    "StorageVolume",
]
