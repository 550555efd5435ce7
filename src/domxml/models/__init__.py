"""The libvirt models, one module or package per document family."""

from domxml.models.backup import DomainBackup
from domxml.models.capabilities import Capabilities
from domxml.models.checkpoint import DomainCheckpoint
from domxml.models.cpu import StandaloneCpu
from domxml.models.domain import Domain
from domxml.models.domaincaps import DomainCapabilities
from domxml.models.interface import HostInterface
from domxml.models.network import Network
from domxml.models.networkport import NetworkPort
from domxml.models.nodedev import NodeDevice
from domxml.models.nwfilter import NWFilter
from domxml.models.nwfilterbinding import FilterBinding
from domxml.models.secret import Secret
from domxml.models.snapshot import DomainSnapshot
from domxml.models.storage import StoragePool, StorageVolume
from domxml.models.storagepoolcaps import StoragePoolCapabilities

__all__ = [
    "Capabilities",
    "Domain",
    "DomainBackup",
    "DomainCapabilities",
    "DomainCheckpoint",
    "DomainSnapshot",
    "FilterBinding",
    "HostInterface",
    "NWFilter",
    "Network",
    "NetworkPort",
    "NodeDevice",
    "Secret",
    "StandaloneCpu",
    "StoragePool",
    "StoragePoolCapabilities",
    "StorageVolume",
]
