"""Operating system booting (formatdomain "Operating system booting").

``<os>`` in all its forms: BIOS or UEFI firmware (``<loader>``,
``<nvram>``, ``<firmware>`` features), direct kernel boot (``kernel``,
``initrd``, ``cmdline``, ``dtb``, ``shim``), container boot (``init`` and
its arguments, environment, directory and identity) and the boot order;
and the host bootloader of Xen and bhyve guests (``<bootloader>`` and
``<bootloader_args>``, which sit beside ``<os>`` in the domain).
"""

from __future__ import annotations

import enum

from domxml.binding import Model, attr, child, children, element, leaf, leaves, text
from domxml.models.domain.storage_source import DiskSource, StorageType


class Firmware(enum.Enum):
    """The firmware libvirt picks automatically (``<os firmware=...>``)."""

    BIOS = "bios"
    EFI = "efi"


class Arch(enum.Enum):
    """A CPU architecture (``<type arch=...>``), as libvirt names it."""

    AARCH64 = "aarch64"
    ALPHA = "alpha"
    ARMV6L = "armv6l"
    ARMV7L = "armv7l"
    CRIS = "cris"
    I686 = "i686"
    IA64 = "ia64"
    LM32 = "lm32"
    LOONGARCH64 = "loongarch64"
    M68K = "m68k"
    MICROBLAZE = "microblaze"
    MICROBLAZEEL = "microblazeel"
    MIPS = "mips"
    MIPSEL = "mipsel"
    MIPS64 = "mips64"
    MIPS64EL = "mips64el"
    OPENRISC = "openrisc"
    PARISC = "parisc"
    PARISC64 = "parisc64"
    PPC = "ppc"
    PPC64 = "ppc64"
    PPC64LE = "ppc64le"
    PPCEMB = "ppcemb"
    RISCV32 = "riscv32"
    RISCV64 = "riscv64"
    S390 = "s390"
    S390X = "s390x"
    SH4 = "sh4"
    SH4EB = "sh4eb"
    SPARC = "sparc"
    SPARC64 = "sparc64"
    UNICORE32 = "unicore32"
    X86_64 = "x86_64"
    XTENSA = "xtensa"
    XTENSAEB = "xtensaeb"


class GuestType(enum.Enum):
    """What kind of guest boots (the text of ``<os><type>``).

    ``hvm``: full virtualisation; ``xen``/``linux``: Xen paravirtualised;
    ``xenpvh``: Xen PVH; ``exe``: a container running an init program.
    """

    HVM = "hvm"
    XEN = "xen"
    LINUX = "linux"
    XENPVH = "xenpvh"
    EXE = "exe"


class FirmwareFeatureName(enum.Enum):
    """A firmware feature to require or refuse (``<feature name=...>``)."""

    ENROLLED_KEYS = "enrolled-keys"
    SECURE_BOOT = "secure-boot"


class LoaderType(enum.Enum):
    """How the firmware image is given to the guest (``<loader type=...>``)."""

    ROM = "rom"
    PFLASH = "pflash"


class FirmwareFormat(enum.Enum):
    """The format of a firmware or NVRAM image (``format``, ``templateFormat``)."""

    RAW = "raw"
    QCOW2 = "qcow2"


class BootDevice(enum.Enum):
    """A device to boot from (``<boot dev=...>``)."""

    HD = "hd"
    FD = "fd"
    CDROM = "cdrom"
    NETWORK = "network"


class SmbiosMode(enum.Enum):
    """Where the guest's SMBIOS tables come from (``<smbios mode=...>``)."""

    EMULATE = "emulate"
    HOST = "host"
    SYSINFO = "sysinfo"


class AcpiTableType(enum.Enum):
    """The kind of an extra ACPI table (``<table type=...>``)."""

    RAW = "raw"
    RAWSET = "rawset"
    SLIC = "slic"
    MSDM = "msdm"


@element("type")
class OsType(Model):
    """``<type>``: the guest type, and the architecture and machine type."""

    arch: Arch | None = attr()
    machine: str | None = attr(doc="the machine type, e.g. pc-q35-9.2, virt, pseries")
    value: GuestType | None = text()


@element("feature")
class FirmwareFeature(Model):
    """``<feature>``: a feature the automatically chosen firmware must have, or lack."""

    enabled: bool | None = attr()
    name: FirmwareFeatureName | None = attr()


@element("firmware")
class FirmwareInfo(Model):
    """``<firmware>``: constraints on the firmware ``<os firmware=...>`` picks."""

    features: list[FirmwareFeature] = children()


@element("initenv")
class InitEnv(Model):
    """``<initenv>``: an environment variable of a container's init."""

    name: str | None = attr()
    value: str | None = text()


@element("loader")
class Loader(Model):
    """``<loader>``: the firmware image (BIOS, UEFI code) and how it is mapped."""

    readonly: bool | None = attr()
    secure: bool | None = attr(doc="the firmware does Secure Boot (needs SMM)")
    type: LoaderType | None = attr()
    stateless: bool | None = attr(doc="the firmware keeps no NVRAM")
    format: FirmwareFormat | None = attr()
    path: str | None = text()


@element("nvram")
class Nvram(Model):
    """``<nvram>``: the guest's UEFI variable store.

    A local file is written as the text (``path``); any other storage (or a
    file, written the new way) as a ``type`` and a ``source``.
    """

    template: str | None = attr(doc="image copied to make the store when it does not exist")
    template_format: FirmwareFormat | None = attr("templateFormat")
    type: StorageType | None = attr()
    format: FirmwareFormat | None = attr()
    path: str | None = text()
    source: DiskSource | None = child()


@element("boot")
class Boot(Model):
    """``<boot>``: one device in the BIOS boot order."""

    dev: BootDevice | None = attr()


@element("bootmenu")
class BootMenu(Model):
    """``<bootmenu>``: whether the firmware shows a boot menu, and for how long."""

    enable: bool | None = attr()
    timeout: int | None = attr(doc="milliseconds")


@element("bios")
class Bios(Model):
    """``<bios>``: SeaBIOS settings."""

    useserial: bool | None = attr(doc="show BIOS messages on the serial port")
    reboot_timeout: int | None = attr(
        "rebootTimeout", doc="milliseconds before rebooting when no boot device is found; -1: never"
    )


@element("smbios")
class Smbios(Model):
    """``<smbios>``: where the guest's SMBIOS tables come from."""

    mode: SmbiosMode | None = attr()


@element("table")
class AcpiTable(Model):
    """``<table>``: an extra ACPI table, from a file."""

    type: AcpiTableType | None = attr()
    path: str | None = text()


@element("acpi")
class Acpi(Model):
    """``<acpi>`` of ``<os>``: extra ACPI tables for the guest."""

    tables: list[AcpiTable] = children()


# The declaration order is libvirt's: virDomainDefFormatInternal writes the
# firmware features, the init settings, loader and nvram, the direct-boot
# files, ACPI tables, boot devices, boot menu, BIOS, and SMBIOS last.
@element("os")
class Os(Model):
    """``<os>``: how the guest boots."""

    firmware: Firmware | None = attr(doc="let libvirt pick a firmware of this kind")
    type: OsType | None = child()
    # The <firmware> child cannot be "firmware" too: the attribute has that name.
    firmware_info: FirmwareInfo | None = child("firmware")
    # containers
    init: str | None = leaf(doc="the program to run as the container's init")
    initargs: list[str] = leaves("initarg")
    initenvs: list[InitEnv] = children()
    initdir: str | None = leaf()
    inituser: str | None = leaf()
    initgroup: str | None = leaf()
    # firmware
    loader: Loader | None = child()
    nvram: Nvram | None = child()
    # direct kernel boot
    kernel: str | None = leaf()
    initrd: str | None = leaf()
    cmdline: str | None = leaf()
    shim: str | None = leaf()
    dtb: str | None = leaf()
    root: str | None = leaf()
    acpi: Acpi | None = child()
    # BIOS boot
    boots: list[Boot] = children()
    bootmenu: BootMenu | None = child()
    bios: Bios | None = child()
    smbios: Smbios | None = child()
