"""Domain checkpoints (libvirt's formatcheckpoint): ``<domaincheckpoint>``.

A checkpoint marks a point in time from which an incremental backup can
copy what changed: per disk, a bitmap of the changed blocks. Once made,
it embeds the domain's definition as it was.
"""

from __future__ import annotations

import enum

from domxml.binding import (
    BoolCodec,
    Model,
    attr,
    child,
    children,
    depends_on,
    element,
    leaf,
    matching,
    register_root,
)
from domxml.models.domain import Domain
from domxml.models.types import ULong

#: A checkpoint's name: no leading dot, no slash or newline.
_NAME = matching(r"[a-zA-Z0-9_\-][a-zA-Z0-9_\-.]*", "checkpointName")


class CheckpointType(enum.Enum):
    """Whether a disk is part of the checkpoint (``checkpoint=...``)."""

    NO = "no"
    BITMAP = "bitmap"


@element("parent")
class CheckpointParent(Model):
    """``<parent>``: the checkpoint this one follows."""

    name: str | None = leaf(codec=_NAME)


# A disk left out (checkpoint='no') has no bitmap and no size.
@element(
    "disk",
    depends=(
        depends_on(
            "checkpoint",
            allows={None: ("bitmap", "size"), CheckpointType.BITMAP: ("bitmap", "size")},
        ),
    ),
)
class CheckpointDisk(Model):
    """``<disk>``: whether and with which bitmap one disk is tracked."""

    name: str | None = attr(
        doc="the disk's target (vda) or its source path",
        codec=matching(
            r"(?:(ioemu:)?(fd|hd|sd|vd|xvd|ubd)[a-zA-Z0-9_]+)|(?:(/|[a-zA-Z]:\\)[^\n\r]+)",
            "absFilePath/diskTargetDev",
        ),
    )
    checkpoint: CheckpointType | None = attr(default=None)
    bitmap: str | None = attr(doc="the bitmap's name in the image", default=None)
    size: ULong | None = attr(doc="bytes changed since the checkpoint (live only)", default=None)


@element("disks")
class CheckpointDisks(Model):
    """``<disks>``: the domain's disks in the checkpoint."""

    disks: list[CheckpointDisk] = children(min_items=1)


# The declaration order is libvirt's (virDomainCheckpointDefFormatInternal).
# <active> is libvirt's internal state, not the schema's: kept, never drawn.
@element("domaincheckpoint", without=("active",))
class DomainCheckpoint(Model):
    """A libvirt domain checkpoint."""

    name: str | None = leaf(codec=_NAME, default=None)
    description: str | None = leaf(default=None)
    parent: CheckpointParent | None = child(default=None)
    creation_time: ULong | None = leaf("creationTime", doc="seconds since the epoch", default=None)
    disks: CheckpointDisks | None = child(default=None)
    domain: Domain | None = child(default=None)
    # libvirt's own state files hold it; its schema does not.
    active: bool | None = leaf(
        codec=BoolCodec("1", "0"), doc="the domain's current checkpoint (internal)", default=None
    )


register_root(DomainCheckpoint)
