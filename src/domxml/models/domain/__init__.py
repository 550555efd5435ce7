"""Domains (libvirt's formatdomain): ``<domain>``, and everything needed to build one.

``Domain`` is the root; the modules follow formatdomain's sections:
``domain`` (the root and general metadata), ``memory``, ``memory_backing``,
``vcpu``, ``iothreads``, ``tuning``, ``iommufd``, ``sysinfo``, ``throttle``, ``os``,
``idmap``, ``features``, ``cpu``, ``clock``, ``lifecycle``, ``power``,
``perf``, ``security`` and ``namespaces`` (hypervisor extensions); the
pieces they share: ``size`` (sizes with a unit), ``storage_source``
(where a disk's or an NVRAM's data lives) and ``seclabel``; and the
:mod:`.devices` package, a module per device.

This package exports every model class and enumeration of those modules,
the devices' included, each under its own name: no two classes share one,
so ``from domxml.models.domain import Disk, Domain, Os`` is all a program
building a domain needs. So are the models of other families that a
domain's fields use (``Flag``, ``Encryption``, ``Bandwidth``, ``Vlan``...,
listed in :mod:`.families`), except two whose names the domain's own
classes take: the storage family's ``Cipher`` (the domain's is
``<keywrap>``'s) and ``PciAddress`` (the domain's is the device ``<address
type='pci'>``); import those from :mod:`domxml.models.storage.common` and
:mod:`domxml.models.storage.source`.

The modules are star-imported, which mypy reads as re-exporting what each
defines; ``__all__`` is found at run time (:mod:`domxml.models.exports`).
A class added to a module is exported with nothing else to change.
"""

from typing import TYPE_CHECKING

from domxml.models.domain.clock import *  # noqa: F403
from domxml.models.domain.cpu import *  # noqa: F403
from domxml.models.domain.devices import *  # noqa: F403
from domxml.models.domain.domain import *  # noqa: F403
from domxml.models.domain.families import *  # noqa: F403
from domxml.models.domain.features import *  # noqa: F403
from domxml.models.domain.idmap import *  # noqa: F403
from domxml.models.domain.iommufd import *  # noqa: F403
from domxml.models.domain.iothreads import *  # noqa: F403
from domxml.models.domain.lifecycle import *  # noqa: F403
from domxml.models.domain.memory import *  # noqa: F403
from domxml.models.domain.memory_backing import *  # noqa: F403
from domxml.models.domain.namespaces import *  # noqa: F403
from domxml.models.domain.os import *  # noqa: F403
from domxml.models.domain.perf import *  # noqa: F403
from domxml.models.domain.power import *  # noqa: F403
from domxml.models.domain.private_data import *  # noqa: F403
from domxml.models.domain.seclabel import *  # noqa: F403
from domxml.models.domain.security import *  # noqa: F403
from domxml.models.domain.size import *  # noqa: F403
from domxml.models.domain.storage_source import *  # noqa: F403
from domxml.models.domain.sysinfo import *  # noqa: F403
from domxml.models.domain.throttle import *  # noqa: F403
from domxml.models.domain.tuning import *  # noqa: F403
from domxml.models.domain.vcpu import *  # noqa: F403
from domxml.models.exports import exported as _exported

if not TYPE_CHECKING:  # mypy reads the imports above
    __all__ = _exported(globals(), "domxml.models")
