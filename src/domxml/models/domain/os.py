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

from domxml.binding import INT, Model, attr, child, children, element, leaf, leaves, matching, text
from domxml.models.domain.storage_source import DiskSource, StorageType
from domxml.models.types import AbsFilePath, GenericName, UShort


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

    arch: Arch | None = attr(default=None)
    machine: str | None = attr(
        doc="the machine type, e.g. pc-q35-9.2, virt, pseries",
        default=None,
        codec=matching(
            r"(?:(?:xenpv)|(?:xenfv)|(?:xenpvh))|(?:[a-zA-Z0-9_\.\-]+)", "ostypehvm/ostypexen"
        ),
    )
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

    name: str | None = attr(codec=matching(r"[a-zA-Z_]+[a-zA-Z0-9_]*", "osexe"))
    value: str | None = text(default=None)


@element("loader")
class Loader(Model):
    """``<loader>``: the firmware image (BIOS, UEFI code) and how it is mapped."""

    readonly: bool | None = attr(default=None)
    secure: bool | None = attr(doc="the firmware does Secure Boot (needs SMM)", default=None)
    type: LoaderType | None = attr(default=None)
    stateless: bool | None = attr(doc="the firmware keeps no NVRAM", default=None)
    format: FirmwareFormat | None = attr(default=None)
    path: AbsFilePath | None = text(default=None)


@element("nvram")
class Nvram(Model):
    """``<nvram>``: the guest's UEFI variable store.

    A local file is written as the text (``path``); any other storage (or a
    file, written the new way) as a ``type`` and a ``source``.
    """

    template: AbsFilePath | None = attr(
        doc="image copied to make the store when it does not exist", default=None
    )
    template_format: FirmwareFormat | None = attr("templateFormat", default=None)
    type: StorageType | None = attr(default=None)
    format: FirmwareFormat | None = attr(default=None)
    path: AbsFilePath | None = text(default=None)
    source: DiskSource | None = child(default=None)


@element("boot")
class Boot(Model):
    """``<boot>``: one device in the BIOS boot order."""

    dev: BootDevice | None = attr()


@element("bootmenu")
class BootMenu(Model):
    """``<bootmenu>``: whether the firmware shows a boot menu, and for how long."""

    enable: bool | None = attr()
    timeout: UShort | None = attr(doc="milliseconds", default=None)


@element("bios")
class Bios(Model):
    """``<bios>``: SeaBIOS settings."""

    useserial: bool | None = attr(doc="show BIOS messages on the serial port", default=None)
    reboot_timeout: int | None = attr(
        "rebootTimeout",
        doc="milliseconds before rebooting when no boot device is found; -1: never",
        default=None,
        codec=INT.within(-1, 32767),
    )


@element("smbios")
class Smbios(Model):
    """``<smbios>``: where the guest's SMBIOS tables come from."""

    mode: SmbiosMode | None = attr()


@element("table")
class AcpiTable(Model):
    """``<table>``: an extra ACPI table, from a file."""

    type: AcpiTableType | None = attr()
    path: AbsFilePath | None = text()


@element("acpi")
class Acpi(Model):
    """``<acpi>`` of ``<os>``: extra ACPI tables for the guest."""

    tables: list[AcpiTable] = children(default_factory=list)


# The declaration order is libvirt's: virDomainDefFormatInternal writes the
# firmware features, the init settings, loader and nvram, the direct-boot
# files, ACPI tables, boot devices, boot menu, BIOS, and SMBIOS last.
@element("os")
class Os(Model):
    """``<os>``: how the guest boots."""

    firmware: Firmware | None = attr(doc="let libvirt pick a firmware of this kind", default=None)
    type: OsType | None = child()
    # The <firmware> child cannot be "firmware" too: the attribute has that name.
    firmware_info: FirmwareInfo | None = child("firmware", default=None)
    # containers
    init: AbsFilePath | None = leaf(doc="the program to run as the container's init", default=None)
    initargs: list[str] = leaves("initarg", default_factory=list)
    initenvs: list[InitEnv] = children(default_factory=list)
    initdir: AbsFilePath | None = leaf(default=None)
    inituser: GenericName | None = leaf(default=None)
    initgroup: GenericName | None = leaf(default=None)
    # firmware
    loader: Loader | None = child(default=None)
    nvram: Nvram | None = child(default=None)
    # direct kernel boot
    kernel: AbsFilePath | None = leaf(default=None)
    initrd: AbsFilePath | None = leaf(default=None)
    cmdline: str | None = leaf(default=None)
    shim: str | None = leaf(default=None)
    dtb: AbsFilePath | None = leaf(default=None)
    root: AbsFilePath | None = leaf(default=None)
    acpi: Acpi | None = child(default=None)
    # BIOS boot
    boots: list[Boot] = children(default_factory=list)
    bootmenu: BootMenu | None = child(default=None)
    bios: Bios | None = child(default=None)
    smbios: Smbios | None = child(default=None)
