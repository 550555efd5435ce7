"""Disks: target names, formats, encryption, authentication, bus and address, SCSI strings."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from domxml.semantic.document import Doc
from domxml.semantic.registry import ERROR, WARNING, Hit, rule

#: Target name prefixes libvirt parses (virDiskNameParse).
_PREFIXES = ("fd", "hd", "vd", "sd", "xvd", "ubd")
_TARGET = re.compile(r"^(fd|hd|vd|sd|xvd|ubd)([a-z]+)(\d*)$")
#: Letters libvirt reads in a target name before the index overflows.
_MAX_LETTERS = 6


def _target(doc: Doc, disk: etree._Element) -> etree._Element | None:
    return doc.child(disk, "target")


def _driver_type(doc: Doc, disk: etree._Element) -> str | None:
    driver = doc.child(disk, "driver")
    return driver.get("type") if driver is not None else None


@rule(
    "disk-target-name",
    ERROR,
    "A disk target name libvirt cannot read (without an <address>), or with a partition",
    "Unknown disk name '%s' and no address specified",
    "use a name like vda, sdb, hdc: a prefix and letters only",
    needs=("disk",),
)
def disk_target_name(doc: Doc) -> Iterator[Hit]:
    for disk in doc.dev("disk"):
        target = _target(doc, disk)
        name = target.get("dev") if target is not None else None
        if target is None or not name or not name.startswith(_PREFIXES):
            continue
        match = _TARGET.match(name)
        if match is not None and match.group(3) and doc.qemu:
            yield Hit(
                target,
                f"invalid disk target '{name}', partitions can't appear in disk targets",
                "dev",
            )
        elif (match is None or len(match.group(2)) > _MAX_LETTERS) and doc.child(
            disk, "address"
        ) is None:
            yield Hit(target, f"Unknown disk name '{name}' and no address specified", "dev")


#: Disk buses whose devices take a drive address only.
_DRIVE_BUSES = ("ide", "fdc", "scsi", "sata")


@rule(
    "disk-address-type",
    ERROR,
    "A disk address whose type does not fit the disk's bus (pci on an IDE disk...)",
    "Invalid address type '%s' for the disk '%s' with the bus type '%s'",
    "IDE, floppy, SCSI and SATA disks take <address type='drive'>; USB disks type='usb'",
    needs=("disk",),
)
def disk_address_type(doc: Doc) -> Iterator[Hit]:
    for disk in doc.dev("disk"):
        target, address = _target(doc, disk), doc.child(disk, "address")
        if target is None or address is None:
            continue
        bus, kind = target.get("bus"), address.get("type")
        if bus in _DRIVE_BUSES and kind != "drive":
            yield Hit(
                address,
                f"Invalid address type '{kind}' for the disk '{target.get('dev')}' with the bus"
                f" type '{bus}'",
                "type",
            )
        elif bus == "usb" and kind != "usb" and doc.qemu:
            yield Hit(address, "unexpected address type for usb disk", "type")


def _has_source(doc: Doc, disk: etree._Element) -> bool:
    source = doc.child(disk, "source")
    if source is None:
        return False
    return any(source.get(a) for a in ("file", "dev", "dir", "name", "pool", "volume")) or (
        disk.get("type") in ("nvme", "vhostuser")
    )


@rule(
    "disk-usb-empty",
    ERROR,
    "A USB disk (or CD-ROM) without a source",
    "'usb' disk must not be empty",
    "give the disk a <source>, or put the CD-ROM on another bus (sata, scsi)",
    needs=("disk",),
)
def disk_usb_empty(doc: Doc) -> Iterator[Hit]:
    if not doc.qemu:
        return
    for disk in doc.dev("disk"):
        target = _target(doc, disk)
        if target is not None and target.get("bus") == "usb" and not _has_source(doc, disk):
            yield Hit(disk, "'usb' disk must not be empty")


_FORMAT_MESSAGES = {
    "cow": "'cow' storage format is not supported",
    "dir": "'directory' storage format is not directly supported by QEMU, use 'dir' disk type"
    " instead",
    "iso": "storage format 'iso' is not directly supported by QEMU, use 'raw' instead",
}


@rule(
    "disk-format",
    ERROR,
    "A disk image format QEMU does not take (cow, dir, iso)",
    "'cow' storage format is not supported",
    "use raw or qcow2 (raw for an ISO image)",
    needs=("disk",),
)
def disk_format(doc: Doc) -> Iterator[Hit]:
    if not doc.qemu:
        return
    for disk in doc.dev("disk"):
        kind = _driver_type(doc, disk)
        if kind in _FORMAT_MESSAGES:
            yield Hit(doc.child(disk, "driver"), _FORMAT_MESSAGES[kind], "type")  # type: ignore[arg-type]


@rule(
    "disk-encryption-format",
    ERROR,
    "LUKS (or qcow) encryption on an image that is neither raw nor qcow2",
    "encryption is supported only with 'raw' and 'qcow2' image format",
    "use a raw or qcow2 image",
    needs=("encryption",),
)
def disk_encryption_format(doc: Doc) -> Iterator[Hit]:
    if not doc.qemu:
        return
    for disk in doc.dev("disk"):
        encryption = doc.child(doc.child(disk, "source"), "encryption")
        if encryption is None:
            encryption = doc.child(disk, "encryption")
        kind = _driver_type(doc, disk)
        if encryption is None or kind in (None, "raw", "qcow2"):
            continue
        if (
            encryption.get("format") in ("luks", "qcow")
            and encryption.get("engine", "qemu") == "qemu"
        ):
            yield Hit(
                encryption,
                "encryption is supported only with 'raw' and 'qcow2' image format",
            )


@rule(
    "disk-source-twice",
    ERROR,
    "<auth> or <encryption> both in <disk> and in its <source>",
    "an <auth> definition already found for disk source",
    "keep one of the two (in <source>, libvirt's current place)",
    needs=("disk",),
)
def disk_source_twice(doc: Doc) -> Iterator[Hit]:
    for disk in doc.dev("disk"):
        source = doc.child(disk, "source")
        for tag in ("auth", "encryption"):
            inner = doc.child(source, tag)
            if inner is not None and doc.child(disk, tag) is not None:
                yield Hit(inner, f"an <{tag}> definition already found for disk source")


#: The secret usage each network protocol's authentication needs.
_SECRET_TYPES = {"iscsi": "iscsi", "rbd": "ceph"}


@rule(
    "disk-auth-secret-type",
    ERROR,
    "An iSCSI disk authenticated with a ceph secret, or an RBD disk with an iscsi one",
    "invalid secret type '%s'",
    "use <secret type='iscsi'> for iSCSI, <secret type='ceph'> for RBD",
    needs=("auth",),
)
def disk_auth_secret_type(doc: Doc) -> Iterator[Hit]:
    for disk in doc.dev("disk"):
        source = doc.child(disk, "source")
        if source is None or disk.get("type") != "network":
            continue
        wanted = _SECRET_TYPES.get(source.get("protocol") or "")
        auth = doc.child(source, "auth")
        if auth is None:
            auth = doc.child(disk, "auth")
        secret = doc.child(auth, "secret")
        if wanted is None or secret is None or secret.get("type") in (None, wanted):
            continue
        yield Hit(secret, f"invalid secret type '{secret.get('type')}'", "type")


@rule(
    "disk-sheepdog",
    ERROR,
    "A network disk of protocol sheepdog",
    "'sheepdog' protocol is no longer supported by any hypervisor driver",
    "move the image to another storage",
    needs=("disk",),
)
def disk_sheepdog(doc: Doc) -> Iterator[Hit]:
    for disk in doc.dev("disk"):
        source = doc.child(disk, "source")
        if source is not None and source.get("protocol") == "sheepdog":
            yield Hit(
                source,
                "'sheepdog' protocol is no longer supported by any hypervisor driver",
                "protocol",
            )


@rule(
    "disk-scsi-strings",
    ERROR,
    "A disk <vendor> off SCSI, <product> off IDE/SATA/SCSI, or either too long",
    "Only scsi disk supports 'vendor'",
    "vendor: SCSI disks, at most 8 characters; product: IDE, SATA, SCSI, at most 16",
    needs=("vendor", "product"),
)
def disk_scsi_strings(doc: Doc) -> Iterator[Hit]:
    for disk in doc.dev("disk"):
        target = _target(doc, disk)
        bus = target.get("bus") if target is not None else None
        vendor, product = doc.child(disk, "vendor"), doc.child(disk, "product")
        if vendor is not None:
            if len(vendor.text or "") > 8:
                yield Hit(vendor, "disk vendor is more than 8 characters")
            elif bus != "scsi" and doc.qemu:
                yield Hit(vendor, "Only scsi disk supports 'vendor'")
        if product is not None:
            if len(product.text or "") > 16:
                yield Hit(product, "disk product is more than 16 characters")
            elif bus not in ("ide", "sata", "scsi") and doc.qemu:
                yield Hit(product, "Only ide, sata and scsi disk supports 'product'")


@rule(
    "disk-shared-format",
    ERROR,
    "A shareable, writable disk whose image format does not allow concurrent access (qcow2...)",
    "shared access for disk '%s' requires use of supported storage format",
    "use a raw image for a shared disk, or make it <readonly/>",
    needs=("shareable",),
)
def disk_shared_format(doc: Doc) -> Iterator[Hit]:
    if not doc.qemu:
        return
    for disk in doc.dev("disk"):
        shareable = doc.child(disk, "shareable")
        if shareable is None or doc.child(disk, "readonly") is not None:
            continue
        kind = _driver_type(doc, disk)
        if kind is not None and kind != "raw":
            target = _target(doc, disk)
            name = target.get("dev") if target is not None else "?"
            yield Hit(
                shareable,
                f"shared access for disk '{name}' requires use of supported storage format",
            )


@rule(
    "disk-floppy-pseries",
    WARNING,
    "A floppy disk on a pSeries machine",
    "PowerPC pseries machines do not support floppy device",
    "use a disk on another bus",
    when="start",
    needs=("disk",),
)
def disk_floppy_pseries(doc: Doc) -> Iterator[Hit]:
    if not doc.pseries or not doc.qemu:
        return
    for disk in doc.dev("disk"):
        if disk.get("device") == "floppy":
            yield Hit(disk, "PowerPC pseries machines do not support floppy device", "device")
