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
from typing import Any

from domxml.binding import (
    INT,
    Codec,
    Model,
    attr,
    child,
    children,
    depends_on,
    element,
    leaf,
    leaves,
    matching,
    text,
    variant,
)
from domxml.models.domain.storage_source import (
    BlockDiskSource,
    CtlDiskSource,
    DirDiskSource,
    DiskSource,
    FileDiskSource,
    NetworkDiskSource,
    NvmeDiskSource,
    StorageType,
    VhostUserDiskSource,
    VhostVdpaDiskSource,
    VolumeDiskSource,
)
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


#: The machine types of Xen guests (ostypexen).
_XEN_MACHINES = ("xenpv", "xenfv", "xenpvh")
#: What a Xen guest's ``<type>`` allows (ostypexen): three architectures, Xen machines.
_XEN_TYPE: dict[str, tuple[Any, ...] | Codec] = {
    "arch": (Arch.I686, Arch.X86_64, Arch.IA64),
    "machine": _XEN_MACHINES,
}


# The schema has one <type> per kind of guest (ostypehvm, ostypexen and
# osexe's): the guest type decides the architectures and machines allowed.
@element(
    "type",
    depends=(
        depends_on(
            "value",
            allows={
                GuestType.HVM: ("machine",),
                GuestType.XEN: ("machine",),
                GuestType.LINUX: ("machine",),
                GuestType.XENPVH: ("machine",),
            },
            values={
                GuestType.XEN: _XEN_TYPE,
                GuestType.LINUX: _XEN_TYPE,
                GuestType.XENPVH: _XEN_TYPE,
            },
        ),
    ),
)
class OsType(Model):
    """``<type>``: the guest type, and the architecture and machine type.

    A Xen guest (``xen``, ``linux``, ``xenpvh``) runs on i686, x86_64 or
    ia64 with a Xen machine type; a container (``exe``) has no machine type.
    """

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


# The schema: the store is a path (text) or a storage type and its source
# (diskSource), not both; templateFormat comes with a template only. The
# type says what the <source> holds: one variant per type, as for a disk.
# Without a type, the <source> is a file's (diskSource); the base class's
# source is any storage's, so the base stands for the path form alone.
@element(
    "nvram",
    discriminator="type",
    exclusive=(("path", "type"), ("path", "source")),
    without=("source",),
    depends=(
        depends_on(
            "template_format",
            needs={FirmwareFormat.RAW: ("template",), FirmwareFormat.QCOW2: ("template",)},
        ),
    ),
)
class Nvram(Model):
    """``<nvram>``: the guest's UEFI variable store.

    A local file is written as the text (``path``); any other storage (or a
    file, written the new way) as a ``type`` and a ``source``: parsing gives
    the subclass named by ``type`` (:class:`FileNvram`, :class:`NetworkNvram`...).
    """

    template: AbsFilePath | None = attr(
        doc="image copied to make the store when it does not exist", default=None
    )
    template_format: FirmwareFormat | None = attr("templateFormat", default=None)
    type: StorageType | None = attr(default=None)
    format: FirmwareFormat | None = attr(default=None)
    path: AbsFilePath | None = text(default=None)
    source: DiskSource | None = child(default=None)


@variant("file", without=("path",))
class FileNvram(Nvram):
    """``<nvram type='file'>``: a file named by its ``<source file=...>``."""

    source: FileDiskSource | None = child(default=None)


@variant("block", without=("path",))
class BlockNvram(Nvram):
    """``<nvram type='block'>``: a host block device."""

    source: BlockDiskSource | None = child(default=None)


@variant("dir", without=("path",))
class DirNvram(Nvram):
    """``<nvram type='dir'>``: a host directory."""

    source: DirDiskSource | None = child(default=None)


@variant("network", without=("path",))
class NetworkNvram(Nvram):
    """``<nvram type='network'>``: storage on a network server (NBD, iSCSI...)."""

    source: NetworkDiskSource | None = child()


@variant("volume", without=("path",))
class VolumeNvram(Nvram):
    """``<nvram type='volume'>``: a volume of a libvirt storage pool."""

    source: VolumeDiskSource | None = child(default=None)


@variant("nvme", without=("path",))
class NvmeNvram(Nvram):
    """``<nvram type='nvme'>``: a namespace of a host NVMe controller."""

    source: NvmeDiskSource | None = child(default=None)


@variant("vhostuser", without=("path",))
class VhostUserNvram(Nvram):
    """``<nvram type='vhostuser'>``: a vhost-user-blk server's socket."""

    source: VhostUserDiskSource | None = child()


@variant("vhostvdpa", without=("path",))
class VhostVdpaNvram(Nvram):
    """``<nvram type='vhostvdpa'>``: a host vhost-vdpa device."""

    source: VhostVdpaDiskSource | None = child()


@variant("ctl", without=("path",))
class CtlNvram(Nvram):
    """``<nvram type='ctl'>``: a CAM Target Layer device (libvirt 12.x)."""

    source: CtlDiskSource | None = child()


# libvirt 12.x: the variables kept by QEMU itself (its uefi-vars device),
# in a JSON file, instead of a flash image: an <os> has one or the other.
@element("varstore")
class Varstore(Model):
    """``<varstore>``: the guest's UEFI variables in a file QEMU keeps (instead of ``<nvram>``)."""

    template: AbsFilePath | None = attr(
        doc="the variables the store starts from when it does not exist", default=None
    )
    path: AbsFilePath | None = attr(doc="the store (libvirt picks one when absent)", default=None)


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


#: The direct kernel boot settings (osbootkernel), the only ones of Xen guests.
_BOOT_KERNEL = ("kernel", "initrd", "cmdline", "shim", "dtb", "root")
#: What a full virtualisation guest allows (oshvm).
_HVM = (
    "firmware",
    "firmware_info",
    "loader",
    "nvram",
    "varstore",
    *_BOOT_KERNEL,
    "acpi",
    "boots",
    "bootmenu",
    "bios",
    "smbios",
)
#: What a container allows (osexe).
_EXE = ("init", "initargs", "initenvs", "initdir", "inituser", "initgroup")


# The declaration order is libvirt's: virDomainDefFormatInternal writes the
# firmware features, the init settings, loader and nvram, the direct-boot
# files, ACPI tables, boot devices, boot menu, BIOS, and SMBIOS last.
# The schema has one <os> per kind of guest (oshvm, osxen, osexe): the
# guest type, the text of <type>, decides which settings it allows.
@element(
    "os",
    together=(("inituser", "initgroup"),),
    exclusive=(("nvram", "varstore"),),
    depends=(
        depends_on(
            "type.value",
            allows={
                GuestType.HVM: _HVM,
                GuestType.XEN: _BOOT_KERNEL,
                GuestType.LINUX: _BOOT_KERNEL,
                GuestType.XENPVH: _BOOT_KERNEL,
                GuestType.EXE: _EXE,
            },
        ),
    ),
)
class Os(Model):
    """``<os>``: how the guest boots.

    What it may hold depends on the guest type (``type.value``): firmware,
    boot devices and direct kernel boot for ``hvm``; direct kernel boot
    only for Xen guests (``xen``, ``linux``, ``xenpvh``); the init program
    and its settings for a container (``exe``), with ``inituser`` and
    ``initgroup`` together.
    """

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
    varstore: Varstore | None = child(default=None)
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
