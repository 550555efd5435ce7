"""Xen's disk specification strings (``xl-disk-configuration(5)``), both directions.

``format=raw,vdev=hda,access=rw,backendtype=phy,target=/dev/vg/guest``: keys
in any order, ``target=`` last (it takes the rest of the string, commas
included); before the keys, up to four positional values stand for
``target``, ``format``, ``vdev`` and ``access``. libvirt hands the string to
libxlutil's parser; this is our reading of the same grammar.
"""

from __future__ import annotations

from dataclasses import dataclass

from domxml.errors import NativeConfigError

__all__ = ["DiskSpec", "parse_disk_spec"]

_FORMATS = ("raw", "qcow", "qcow2", "vhd", "qed", "empty")
_POSITIONAL = ("target", "format", "vdev", "access")


@dataclass
class DiskSpec:
    """One parsed disk: libxl's ``libxl_device_disk`` fields libvirt reads."""

    target: str | None = None
    format: str | None = None
    vdev: str | None = None
    readwrite: bool = True
    backendtype: str | None = None
    cdrom: bool = False


def parse_disk_spec(spec: str) -> DiskSpec:
    """Parse one disk string; an error names what is wrong with it."""
    disk = DiskSpec()
    position = 0
    rest: str | None = spec
    while rest is not None:
        if rest.startswith("target="):
            disk.target = rest[len("target=") :]
            break
        item, comma, after = rest.partition(",")
        rest = after if comma else None
        item = item.strip()
        key, sep, value = item.partition("=")
        if (sep and key.isidentifier()) or key in ("devtype", "backendtype", "direct-io-safe"):
            _keyword(disk, key, value, spec)
            position = len(_POSITIONAL)  # no positional value after a keyword
            continue
        if item == "cdrom":
            disk.cdrom = True
            continue
        if position >= len(_POSITIONAL):
            if not item:
                continue
            raise NativeConfigError(f"unexpected value {item!r} in disk {spec!r}")
        name = _POSITIONAL[position]
        position += 1
        if name == "target":
            # the positional target takes what is left when it is the last field
            disk.target = item or None
        elif item:
            _keyword(disk, name, item, spec)
    if disk.cdrom:
        # libxlutil: a CD-ROM is read-only, whatever access says
        disk.readwrite = False
    return disk


def _keyword(disk: DiskSpec, key: str, value: str, spec: str) -> None:
    if key == "format":
        if value not in _FORMATS:
            raise NativeConfigError(f"unknown disk format {value!r} in disk {spec!r}")
        disk.format = value
    elif key == "vdev":
        disk.vdev = value
    elif key == "access":
        if value in ("r", "ro"):
            disk.readwrite = False
        elif value in ("w", "rw"):
            disk.readwrite = True
        else:
            raise NativeConfigError(f"unknown disk access {value!r} in disk {spec!r}")
    elif key == "devtype":
        if value not in ("cdrom", "disk"):
            raise NativeConfigError(f"unknown devtype {value!r} in disk {spec!r}")
        disk.cdrom = value == "cdrom"
    elif key == "backendtype":
        if value not in ("phy", "tap", "qdisk", "standalone"):
            raise NativeConfigError(f"unknown backendtype {value!r} in disk {spec!r}")
        disk.backendtype = value
    elif key == "target":
        disk.target = value
    # script=, discard, direct-io-safe... say nothing libvirt keeps
