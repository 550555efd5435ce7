"""Domain backups (libvirt's formatbackup): ``<domainbackup>``.

A backup copies a running domain's disks: ``push`` mode writes them to
the targets given; ``pull`` mode exports them over NBD (``<server>``)
for a client to read, with scratch files for the blocks the guest
changes meanwhile. ``<incremental>`` names the checkpoint to copy from.
"""

from __future__ import annotations

import enum

from domxml.binding import (
    YES_NO,
    Model,
    allowed,
    attr,
    child,
    children,
    depends_on,
    element,
    leaf,
    matching,
    register_root,
    variant,
)
from domxml.models.domain.seclabel import DeviceSeclabel
from domxml.models.domain.storage_source import StorageFormat
from domxml.models.storage.common import (
    Encryption,
    EncryptionEngine,
    EncryptionFormat,
    EncryptionSecret,
)
from domxml.models.types import AbsFilePath, HostName, UInt

_TARGET_DEV = matching(r"(ioemu:)?(fd|hd|sd|vd|xvd|ubd)[a-zA-Z0-9_]+", "diskTargetDev")


class BackupMode(enum.Enum):
    """How the disks are copied (``<domainbackup mode=...>``)."""

    PUSH = "push"
    PULL = "pull"


class ServerTransport(enum.Enum):
    """How an NBD client reaches a pull backup (``<server transport=...>``)."""

    TCP = "tcp"
    UNIX = "unix"
    FD = "fd"


class DiskBackupMode(enum.Enum):
    """A disk's backup: everything, or what changed since a checkpoint (``backupmode=...``)."""

    FULL = "full"
    INCREMENTAL = "incremental"


class BackupDiskType(enum.Enum):
    """What the target or scratch of a disk is (``type=...``)."""

    FILE = "file"
    BLOCK = "block"


# Each transport has its own attributes: a TCP server (the default) a name
# and a port, a UNIX one a socket, an fd one a group of file descriptors.
_TCP = ("name", "port")
_TRANSPORT = depends_on(
    "transport",
    allows={
        None: _TCP,
        ServerTransport.TCP: _TCP,
        ServerTransport.UNIX: ("socket",),
        ServerTransport.FD: ("fdgroup",),
    },
    needs={
        None: ("name",),
        ServerTransport.TCP: ("name",),
        ServerTransport.UNIX: ("socket",),
        ServerTransport.FD: ("fdgroup",),
    },
)


@element("server", depends=(_TRANSPORT,))
class BackupServer(Model):
    """``<server>``: the NBD server a pull backup exports the disks on."""

    transport: ServerTransport | None = attr(default=None)
    tls: bool | None = attr(default=None)
    name: HostName | None = attr(doc="tcp: the host name or address", default=None)
    port: UInt | None = attr(doc="tcp", default=None)
    socket: AbsFilePath | None = attr(doc="unix: the socket's path", default=None)
    fdgroup: str | None = attr(doc="fd: the name of the passed file descriptors", default=None)


@element("driver")
class BackupDriver(Model):
    """``<driver type='qcow2'/>``: the format of a disk's target or scratch file."""

    type: StorageFormat | None = attr()


@element("driver")
class ScratchDriver(BackupDriver):
    """``<driver type='qcow2'/>`` of a pull backup's disk: its scratch file is qcow2."""

    type: StorageFormat | None = attr(codec=allowed(StorageFormat.QCOW2))


# A backup's own files are LUKS encrypted by QEMU, with one secret.
@element("encryption", self_close=False, together=(("cipher", "ivgen"),))
class BackupEncryption(Encryption):
    """``<encryption format='luks'>``: how a backup's target or scratch file is encrypted."""

    format: EncryptionFormat | None = attr(codec=allowed(EncryptionFormat.LUKS))
    engine: EncryptionEngine | None = attr(codec=allowed(EncryptionEngine.QEMU), default=None)
    secrets: list[EncryptionSecret] = children(min_items=1, max_items=1)


@element("target", exclusive=(("file", "dev"),), one_needed=(("file", "dev"),))
class BackupTarget(Model):
    """``<target>`` (push) or ``<scratch>`` (pull): a disk's backup file or block device."""

    file: AbsFilePath | None = attr(default=None)
    dev: AbsFilePath | None = attr(default=None)
    seclabels: list[DeviceSeclabel] = children(default_factory=list)
    encryption: BackupEncryption | None = child(default=None)


# The declaration order is libvirt's (virDomainBackupDiskDefFormat). A disk
# left out (backup='no') has nothing else; the rest depends on the type.
_DISK_DEPENDS = (
    depends_on(
        "backup",
        allows={
            None: ("type", "backupmode", "incremental", "driver", "target", "scratch"),
            True: ("type", "backupmode", "incremental", "driver", "target", "scratch"),
        },
    ),
    depends_on(
        "backupmode",
        allows={None: ("incremental",), DiskBackupMode.INCREMENTAL: ("incremental",)},
    ),
)


# A push disk's target and driver come with its type (the variant).
@element(
    "disk",
    discriminator="type",
    without=("state", "target", "driver"),
    depends=_DISK_DEPENDS,
)
class BackupDisk(Model):
    """``<disk>`` of a push backup: whether and where one of the domain's disks is copied."""

    name: str | None = attr(doc="the disk's target (vda)", codec=_TARGET_DEV)
    backup: bool | None = attr(default=None)
    # libvirt's own state files hold the state; its schema does not.
    state: str | None = attr(doc="running, complete, failed... (internal)", default=None)
    type: BackupDiskType | None = attr(default=None)
    backupmode: DiskBackupMode | None = attr(default=None)
    incremental: str | None = attr(doc="the checkpoint to copy from", default=None)
    driver: BackupDriver | None = child(default=None)
    target: BackupTarget | None = child(doc="where the copy goes", default=None)


@element("target", without=("dev",))
class FileBackupTarget(BackupTarget):
    """``<target file='...'>`` of a ``file`` disk."""

    file: AbsFilePath | None = attr()


@element("target", without=("file",))
class BlockBackupTarget(BackupTarget):
    """``<target dev='...'>`` of a ``block`` disk."""

    dev: AbsFilePath | None = attr()


_PULL_BACKED_UP = ("backupmode", "incremental", "exportname", "exportbitmap", "driver", "scratch")


# A pull backup's disk: left out (backup='no', nothing else), or exported
# with a scratch file (type='file', or no type) or a scratch block device
# (type='block', whose scratch is required). backup='yes' comes with a
# type; a driver comes with the scratch it describes.
@element(
    "disk",
    discriminator="type",
    without=("state", "target"),
    field_order=(
        "name",
        "backup",
        "state",
        "type",
        "backupmode",
        "incremental",
        "exportname",
        "exportbitmap",
        "driver",
        "target",
        "scratch",
    ),
    requires=(("driver", "scratch"),),
    depends=(
        depends_on("backup", allows={None: _PULL_BACKED_UP, True: _PULL_BACKED_UP}),
        *_DISK_DEPENDS[1:],
    ),
)
class PullBackupDisk(BackupDisk):
    """``<disk>`` of a pull backup: whether and how one of the domain's disks is exported.

    Without a ``type``, its scratch (if any) is a file and ``backup`` is
    ``no`` or absent; :class:`FilePullBackupDisk` and
    :class:`BlockPullBackupDisk` are the typed forms.
    """

    backup: bool | None = attr(default=None, codec=YES_NO.only(False))
    exportname: str | None = attr(doc="the NBD export's name", default=None)
    exportbitmap: str | None = attr(doc="the bitmap exported with it", default=None)
    driver: ScratchDriver | None = child(default=None)
    scratch: FileBackupTarget | None = child(
        "scratch", doc="where the blocks the guest changes meanwhile are kept", default=None
    )


@variant("file", without=("state",))
class FileBackupDisk(BackupDisk):
    """``<disk type='file'>`` of a push backup: copied into a file."""

    backup: bool | None = attr(default=None, codec=YES_NO.only(True))
    target: FileBackupTarget | None = child(default=None)


@variant("block", without=("state",))
class BlockBackupDisk(BackupDisk):
    """``<disk type='block'>`` of a push backup: copied onto a block device."""

    backup: bool | None = attr(default=None, codec=YES_NO.only(True))
    target: BlockBackupTarget | None = child(default=None)


@variant("file", without=("state", "target"))
class FilePullBackupDisk(PullBackupDisk):
    """``<disk type='file'>`` of a pull backup: its scratch, if any, is a file."""

    backup: bool | None = attr(default=None, codec=YES_NO.only(True))


@variant("block", without=("state", "target"))
class BlockPullBackupDisk(PullBackupDisk):
    """``<disk type='block'>`` of a pull backup: its scratch is a block device."""

    backup: bool | None = attr(default=None, codec=YES_NO.only(True))
    scratch: BlockBackupTarget | None = child(  # type: ignore[assignment]
        "scratch", doc="the block device the blocks the guest changes are kept on"
    )


@element("disks")
class BackupDisks(Model):
    """``<disks>`` of a push backup: the domain's disks in the backup."""

    disks: list[BackupDisk] = children(min_items=1)


@element("disks")
class PullBackupDisks(Model):
    """``<disks>`` of a pull backup: the domain's disks in the backup."""

    disks: list[PullBackupDisk] = children(min_items=1)


# The declaration order is libvirt's (virDomainBackupDefFormat). Without a
# mode, a backup is a push backup.
@element("domainbackup", discriminator="mode", untyped="push")
class DomainBackup(Model):
    """A libvirt domain backup job: ``push`` (the default) or ``pull``."""

    mode: BackupMode | None = attr(default=None)
    incremental: str | None = leaf(doc="the checkpoint to copy the changes since", default=None)
    server: BackupServer | None = child(doc="pull: the NBD server", default=None)
    disks: BackupDisks | None = child(default=None)


@variant("push", without=("server",))
class PushBackup(DomainBackup):
    """``<domainbackup mode='push'>``: libvirt copies the disks to their targets."""


@variant("pull")
class PullBackup(DomainBackup):
    """``<domainbackup mode='pull'>``: libvirt exports the disks over NBD for a client."""

    server: BackupServer | None = child()
    disks: PullBackupDisks | None = child(default=None)  # type: ignore[assignment]


register_root(DomainBackup)
