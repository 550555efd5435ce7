"""Models of other families that a domain's fields use, for :mod:`domxml.models.domain`.

The domain package exports them under their own names beside its own
classes, so that a program building a domain imports from one place.
Two are left out, whose names the domain's own classes take: the storage
family's ``Cipher`` and ``PciAddress``. ``tests/test_domain_exports.py``
checks that every class of another family a domain's field is typed with
is here.
"""

from domxml.models.metadata import Metadata
from domxml.models.network.common import (
    AddrFamily,
    Bandwidth,
    BandwidthRate,
    Ieee8021QbgParameters,
    Ieee8021QbgVirtualPort,
    Ieee8021QbhParameters,
    Ieee8021QbhVirtualPort,
    MidonetParameters,
    MidonetVirtualPort,
    Mtu,
    OpenvswitchParameters,
    OpenvswitchVirtualPort,
    PortOptions,
    Route,
    VirtualPort,
    VirtualPortParameters,
    VirtualPortType,
    Vlan,
    VlanNativeMode,
    VlanTag,
)
from domxml.models.network.forward import HostdevDriverName
from domxml.models.network.network import MacTableManager
from domxml.models.storage.common import (
    Encryption,
    EncryptionEngine,
    EncryptionFormat,
    EncryptionSecret,
    EncryptionSecretType,
    Flag,
    Ivgen,
)
from domxml.models.storage.source import (
    Adapter,
    AdapterType,
    FcHostAdapter,
    ParentAddr,
    ScsiHostAdapter,
)

__all__ = [
    "Adapter",
    "AdapterType",
    "AddrFamily",
    "Bandwidth",
    "BandwidthRate",
    "Encryption",
    "EncryptionEngine",
    "EncryptionFormat",
    "EncryptionSecret",
    "EncryptionSecretType",
    "FcHostAdapter",
    "Flag",
    "HostdevDriverName",
    "Ieee8021QbgParameters",
    "Ieee8021QbgVirtualPort",
    "Ieee8021QbhParameters",
    "Ieee8021QbhVirtualPort",
    "Ivgen",
    "MacTableManager",
    "Metadata",
    "MidonetParameters",
    "MidonetVirtualPort",
    "Mtu",
    "OpenvswitchParameters",
    "OpenvswitchVirtualPort",
    "ParentAddr",
    "PortOptions",
    "Route",
    "ScsiHostAdapter",
    "VirtualPort",
    "VirtualPortParameters",
    "VirtualPortType",
    "Vlan",
    "VlanNativeMode",
    "VlanTag",
]
