"""System information (formatdomain "SMBIOS System Information"): ``<sysinfo>``.

Two kinds, chosen by ``type``: ``smbios`` gives the values of the guest's
SMBIOS tables (used with ``<os><smbios mode='sysinfo'/>``), ``fwcfg``
gives entries of QEMU's firmware configuration device. A domain may have
one of each.
"""

from __future__ import annotations

import enum

from domxml.binding import Model, attr, child, children, element, leaves, text, variant


class SysinfoType(enum.Enum):
    """What a ``<sysinfo>`` describes (``<sysinfo type=...>``)."""

    SMBIOS = "smbios"
    FWCFG = "fwcfg"


class BiosEntryName(enum.Enum):
    """An SMBIOS type 0 (BIOS) string (``<bios><entry name=...>``)."""

    VENDOR = "vendor"
    VERSION = "version"
    DATE = "date"
    RELEASE = "release"


class SystemEntryName(enum.Enum):
    """An SMBIOS type 1 (system) string (``<system><entry name=...>``)."""

    MANUFACTURER = "manufacturer"
    PRODUCT = "product"
    VERSION = "version"
    SERIAL = "serial"
    UUID = "uuid"
    SKU = "sku"
    FAMILY = "family"


class BaseBoardEntryName(enum.Enum):
    """An SMBIOS type 2 (base board) string (``<baseBoard><entry name=...>``)."""

    MANUFACTURER = "manufacturer"
    PRODUCT = "product"
    VERSION = "version"
    SERIAL = "serial"
    ASSET = "asset"
    LOCATION = "location"


class ChassisEntryName(enum.Enum):
    """An SMBIOS type 3 (chassis) string (``<chassis><entry name=...>``)."""

    MANUFACTURER = "manufacturer"
    VERSION = "version"
    SERIAL = "serial"
    ASSET = "asset"
    SKU = "sku"


@element("entry")
class BiosEntry(Model):
    """``<entry>`` of ``<bios>``: one BIOS string."""

    name: BiosEntryName | None = attr()
    value: str | None = text()


@element("entry")
class SystemEntry(Model):
    """``<entry>`` of ``<system>``: one system string."""

    name: SystemEntryName | None = attr()
    value: str | None = text()


@element("entry")
class BaseBoardEntry(Model):
    """``<entry>`` of ``<baseBoard>``: one base board string."""

    name: BaseBoardEntryName | None = attr()
    value: str | None = text()


@element("entry")
class ChassisEntry(Model):
    """``<entry>`` of ``<chassis>``: one chassis string."""

    name: ChassisEntryName | None = attr()
    value: str | None = text()


@element("bios")
class SysinfoBios(Model):
    """``<bios>``: the SMBIOS BIOS information (type 0)."""

    entries: list[BiosEntry] = children()


@element("system")
class SysinfoSystem(Model):
    """``<system>``: the SMBIOS system information (type 1)."""

    entries: list[SystemEntry] = children()


@element("baseBoard")
class BaseBoard(Model):
    """``<baseBoard>``: one SMBIOS base board (type 2)."""

    entries: list[BaseBoardEntry] = children()


@element("chassis")
class Chassis(Model):
    """``<chassis>``: the SMBIOS chassis information (type 3)."""

    entries: list[ChassisEntry] = children()


@element("oemStrings")
class OemStrings(Model):
    """``<oemStrings>``: free-form SMBIOS OEM strings (type 11)."""

    entries: list[str] = leaves("entry")


@element("entry", exclusive=(("file", "value"),), one_needed=(("file", "value"),))
class FwcfgEntry(Model):
    """``<entry>`` of a ``fwcfg`` sysinfo: a firmware configuration item.

    Its content is either the text (``value``) or the contents of ``file``.
    """

    name: str | None = attr(doc="the fw_cfg path, e.g. opt/com.example/name")
    file: str | None = attr(doc="a host file whose contents are the value", default=None)
    value: str | None = text(default=None)


@element("sysinfo", discriminator="type")
class Sysinfo(Model):
    """``<sysinfo>``: the system information (SMBIOS, fw_cfg) the guest sees.

    Parsing gives the subclass named by ``type``.
    """

    type: SysinfoType | None = attr()


@variant("smbios")
class SmbiosSysinfo(Sysinfo):
    """``<sysinfo type='smbios'>``: values of the guest's SMBIOS tables."""

    bios: SysinfoBios | None = child(default=None)
    system: SysinfoSystem | None = child(default=None)
    base_boards: list[BaseBoard] = children(default_factory=list)
    chassis: Chassis | None = child(default=None)
    oem_strings: OemStrings | None = child(default=None)


@variant("fwcfg")
class FwcfgSysinfo(Sysinfo):
    """``<sysinfo type='fwcfg'>``: entries of QEMU's firmware configuration device."""

    entries: list[FwcfgEntry] = children(default_factory=list)
