"""Domain backups (libvirt's formatbackup): ``<domainbackup>``.

A backup copies a running domain's disks: ``push`` mode writes them to
the targets given; ``pull`` mode exports them over NBD (``<server>``)
for a client to read, with scratch files for the blocks the guest
changes meanwhile. ``<incremental>`` names the checkpoint to copy from.
"""

from __future__ import annotations

import enum

from domxml.binding import Model, attr, child, children, element, leaf, register_root
from domxml.models.domain.seclabel import DeviceSeclabel
from domxml.models.domain.storage_source import StorageFormat
from domxml.models.storage.common import Encryption
from domxml.models.types import AbsFilePath, HostName, UInt


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


@element("server")
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


@element("target")
class BackupTarget(Model):
    """``<target>`` (push) or ``<scratch>`` (pull): a disk's backup file or block device."""

    file: AbsFilePath | None = attr(default=None)
    dev: AbsFilePath | None = attr(default=None)
    seclabels: list[DeviceSeclabel] = children(default_factory=list)
    encryption: Encryption | None = child(default=None)


# The declaration order is libvirt's (virDomainBackupDiskDefFormat).
@element("disk")
class BackupDisk(Model):
    """``<disk>``: whether and how one of the domain's disks is backed up."""

    name: str | None = attr(doc="the disk's target (vda)")
    backup: bool | None = attr(default=None)
    # libvirt's own state files hold the state; its schema does not.
    state: str | None = attr(doc="running, complete, failed... (internal)", default=None)
    type: BackupDiskType | None = attr(default=None)
    backupmode: DiskBackupMode | None = attr(default=None)
    incremental: str | None = attr(doc="the checkpoint to copy from", default=None)
    exportname: str | None = attr(doc="pull: the NBD export's name", default=None)
    exportbitmap: str | None = attr(doc="pull: the bitmap exported with it", default=None)
    driver: BackupDriver | None = child(default=None)
    target: BackupTarget | None = child(doc="push: where the copy goes", default=None)
    scratch: BackupTarget | None = child(
        "scratch", doc="pull: where changed blocks are kept", default=None
    )


@element("disks")
class BackupDisks(Model):
    """``<disks>``: the domain's disks in the backup."""

    disks: list[BackupDisk] = children(min_items=1)


# The declaration order is libvirt's (virDomainBackupDefFormat).
@element("domainbackup")
class DomainBackup(Model):
    """A libvirt domain backup job."""

    mode: BackupMode | None = attr(default=None)
    incremental: str | None = leaf(doc="the checkpoint to copy the changes since", default=None)
    server: BackupServer | None = child(default=None)
    disks: BackupDisks | None = child(default=None)


register_root(DomainBackup)
