"""Device models: ``<pstore>`` (formatdomain "pstore")."""

from __future__ import annotations

import enum

from domxml.binding import Model, attr, child, element, leaf, register_root
from domxml.models.domain.devices.address import Address
from domxml.models.domain.devices.common import Alias
from domxml.models.domain.size import Size
from domxml.models.types import AbsFilePath


class PstoreBackend(enum.Enum):
    """The device that keeps the guest's crash records (``<pstore backend=...>``)."""

    ACPI_ERST = "acpi-erst"


# The declaration order is libvirt's (virDomainPstoreDefFormat).
@element("pstore")
class Pstore(Model):
    """``<pstore>``: storage where the guest kernel keeps its logs across a crash."""

    backend: PstoreBackend | None = attr()
    path: AbsFilePath | None = leaf(doc="the host file backing the store", default=None)
    size: Size | None = child(doc="the size of the store; default unit KiB")
    alias: Alias | None = child(default=None)
    address: Address | None = child(default=None)


register_root(Pstore)
