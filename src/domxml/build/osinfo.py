"""Operating systems: what a guest OS supports, from libosinfo's database or a built-in table.

The builder asks an :class:`OsInfo` a few questions: which virtio devices the
OS drives without extra drivers, whether it is Windows (Hyper-V
enlightenments, local-time clock), which firmware it boots with, how much
memory and how many CPUs it wants. The answers come from libosinfo's
database (``/usr/share/osinfo``: Debian's ``osinfo-db``, Fedora's
``osinfo-db``) when it is installed and knows the OS, following its
``derives-from`` chain as libosinfo does; otherwise from :data:`BUILTIN`, a
small documented table (docs/building.md) that also covers systems newer
than an installed database (Debian 12's osinfo-db predates Debian 12).
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree

from domxml.build.errors import BuildError
from domxml.safe_xml import safe_parser

#: Where libosinfo's database is looked for, in order; ``$OSINFO_SYSTEM_DIR``
#: (libosinfo's own variable) comes first when set.
DB_DIRS = ("/usr/share/osinfo", "/usr/local/share/osinfo")

# PCI ids (vendor 1af4 is virtio) that libosinfo lists under an OS's <devices>:
# the legacy id and the virtio 1.0 one of each device.
_VIRTIO_IDS = {
    "net": ("1af4/1000", "1af4/1041"),
    "block": ("1af4/1001", "1af4/1042"),
    "balloon": ("1af4/1002", "1af4/1045"),
    "serial": ("1af4/1003", "1af4/1043"),
    "scsi": ("1af4/1004", "1af4/1048"),
    "rng": ("1af4/1005", "1af4/1044"),
    "gpu": ("1af4/1050",),
}

#: Every virtio device the builder may add.
ALL_VIRTIO = frozenset(_VIRTIO_IDS)


@dataclass(frozen=True)
class OsInfo:
    """What the builder needs to know of a guest operating system."""

    #: libosinfo's short id (``debian12``, ``win11``), or ``generic``.
    short_id: str
    #: ``linux``, ``winnt``, ``freebsd``... (libosinfo's ``<family>``).
    family: str = "linux"
    #: libosinfo's id URI (written in the domain's ``<metadata>``, as virt-install does).
    id: str | None = None
    #: virtio devices the OS drives out of the box: a subset of :data:`ALL_VIRTIO`.
    virtio: frozenset[str] = ALL_VIRTIO
    #: ``efi`` or ``bios`` when the OS boots only with that firmware, else ``None``.
    firmware_required: str | None = None
    #: Whether the OS needs a TPM 2.0 (Windows 11).
    needs_tpm: bool = False
    #: Recommended (else minimum) memory, MiB; ``None``: the builder's default.
    memory_mib: int | None = None
    #: Minimum number of CPUs; ``None``: the builder's default.
    vcpus: int | None = None
    #: Where the answer came from: ``osinfo-db`` or ``built-in``.
    source: str = "built-in"

    @property
    def is_windows(self) -> bool:
        """Windows NT and its descendants (libosinfo's family ``winnt``)."""
        return self.family == "winnt"


_LINUX = OsInfo(short_id="linux")
_WINDOWS = OsInfo(
    short_id="win",
    family="winnt",
    # Windows installs need drivers for every virtio device (virtio-win).
    virtio=frozenset(),
)

#: The built-in table: used when libosinfo's database is missing or does not
#: know the OS. Linux distributions of the last decade drive every virtio
#: device; Windows none without the virtio-win drivers.
BUILTIN: dict[str, OsInfo] = {
    "generic": replace(_LINUX, short_id="generic", family="generic"),
    "linux": _LINUX,
    **{
        short: replace(_LINUX, short_id=short, id=id, memory_mib=mem)
        for short, id, mem in (
            ("debian11", "http://debian.org/debian/11", 1024),
            ("debian12", "http://debian.org/debian/12", 1024),
            ("debian13", "http://debian.org/debian/13", 1024),
            ("ubuntu24.04", "http://ubuntu.com/ubuntu/24.04", 4096),
            ("fedora40", "http://fedoraproject.org/fedora/40", 2048),
            ("fedora41", "http://fedoraproject.org/fedora/41", 2048),
            ("rhel9.0", "http://redhat.com/rhel/9.0", 1536),
            ("almalinux9", "http://almalinux.org/almalinux/9", 1536),
            ("rocky9", "http://rockylinux.org/rocky/9", 1536),
            ("centos-stream9", "http://centos.org/centos-stream/9", 1536),
            ("alpinelinux3.20", "http://alpinelinux.org/alpinelinux/3.20", 256),
        )
    },
    # libosinfo marks virtio-gpu unsupported for Ubuntu 22.04 (its entry says
    # so): a graphical guest gets qxl or VGA, as virt-install gives it.
    "ubuntu22.04": replace(
        _LINUX,
        short_id="ubuntu22.04",
        id="http://ubuntu.com/ubuntu/22.04",
        memory_mib=4096,
        virtio=ALL_VIRTIO - {"gpu"},
    ),
    "freebsd14.0": OsInfo(
        short_id="freebsd14.0",
        family="freebsd",
        id="http://freebsd.org/freebsd/14.0",
        memory_mib=1024,
    ),
    "win10": replace(_WINDOWS, short_id="win10", id="http://microsoft.com/win/10", memory_mib=2048),
    "win2k19": replace(
        _WINDOWS, short_id="win2k19", id="http://microsoft.com/win/2k19", memory_mib=2048
    ),
    "win2k22": replace(
        _WINDOWS, short_id="win2k22", id="http://microsoft.com/win/2k22", memory_mib=4096
    ),
    "win11": replace(
        _WINDOWS,
        short_id="win11",
        id="http://microsoft.com/win/11",
        memory_mib=4096,
        vcpus=2,
        firmware_required="efi",
        needs_tpm=True,
    ),
}


def db_dirs() -> list[Path]:
    """The directories searched for libosinfo's database, in order."""
    env = os.environ.get("OSINFO_SYSTEM_DIR")
    dirs = [Path(env)] if env else []
    return dirs + [Path(d) for d in DB_DIRS]


def lookup(short_id: str, *, db: str | os.PathLike[str] | None = None) -> OsInfo:
    """The :class:`OsInfo` of ``short_id`` (``debian12``, ``win11``...).

    ``db`` names libosinfo's database directory (the one holding ``os/``);
    by default :func:`db_dirs` are searched. An OS the database does not know
    comes from :data:`BUILTIN`; one neither knows raises :class:`BuildError`
    with the nearest names.
    """
    dirs = [Path(db)] if db is not None else db_dirs()
    for directory in dirs:
        files = _files(directory)
        entry = _find(files, "short-id", short_id)
        if entry is not None:
            return _resolve(entry, files)
    if short_id in BUILTIN:
        return BUILTIN[short_id]
    close = difflib.get_close_matches(short_id, sorted(BUILTIN), n=3)
    hint = f"; known here: {', '.join(close)}" if close else ""
    raise BuildError(
        f"unknown operating system {short_id!r}: neither libosinfo's database"
        f" ({', '.join(str(d) for d in dirs)}) nor the built-in table knows it{hint}"
        " (use 'linux', 'win' or 'generic' for an OS neither knows)"
    )


# --- libosinfo's database ----------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    """One ``<os>`` of the database, as written (no inheritance applied)."""

    id: str
    short_ids: tuple[str, ...]
    family: str | None
    derives_from: str | None
    devices: frozenset[str]
    #: Devices an ancestor lists that this OS does not support (``supported="false"``).
    unsupported: frozenset[str]
    efi_only: bool
    memory: int | None
    cpus: int | None


def _files(directory: Path) -> list[bytes]:
    """The text of every file of the database in ``directory`` (none when absent)."""
    texts = []
    for path in sorted((directory / "os").glob("*/*.xml")):
        try:
            texts.append(path.read_bytes())
        except OSError:
            continue  # libosinfo skips an unreadable file too
    return texts


def _find(files: list[bytes], key: str, value: str) -> _Entry | None:
    """The entry whose ``key`` (``short-id`` or ``id``) is ``value``.

    The database has about two thousand files: only those whose text holds
    the value are parsed.
    """
    needle = value.encode()
    for text in files:
        if needle not in text:
            continue
        try:
            root = etree.fromstring(text, safe_parser())
        except etree.XMLSyntaxError:
            continue
        for node in root.iterfind("os"):
            if key == "id" and node.get("id") == value:
                return _entry(node)
            if key == "short-id" and value in (s.text for s in node.iterfind("short-id")):
                return _entry(node)
    return None


def _entry(node: etree._Element) -> _Entry:
    listed = [
        (d.get("id", "").removeprefix("http://pcisig.com/pci/"), d.get("supported") != "false")
        for d in node.iterfind("devices/device")
    ]
    firmware = {(f.get("type"), f.get("supported", "true")) for f in node.iterfind("firmware")}
    derives = node.find("derives-from")
    return _Entry(
        id=node.get("id", ""),
        short_ids=tuple(s.text or "" for s in node.iterfind("short-id")),
        family=node.findtext("family"),
        derives_from=derives.get("id") if derives is not None else None,
        devices=frozenset(i for i, supported in listed if supported),
        unsupported=frozenset(i for i, supported in listed if not supported),
        efi_only=("bios", "false") in firmware,
        memory=_resource(node, "ram"),
        cpus=_int(node.findtext("resources/minimum/n-cpus")),
    )


def _resource(node: etree._Element, what: str) -> int | None:
    for kind in ("recommended", "minimum"):
        for resources in node.iterfind("resources"):
            if resources.get("arch") not in ("all", "x86_64"):
                continue
            value = _int(resources.findtext(f"{kind}/{what}"))
            if value is not None:
                return value // (1024 * 1024)
    return None


def _int(text: str | None) -> int | None:
    return int(text) if text is not None and text.strip().isdigit() else None


def _resolve(entry: _Entry, files: list[bytes]) -> OsInfo:
    """An entry with what it inherits through ``derives-from`` (as libosinfo does)."""
    chain = [entry]
    while chain[-1].derives_from and len(chain) < 64:
        parent = _find(files, "id", chain[-1].derives_from)
        if parent is None:
            break
        chain.append(parent)
    devices: set[str] = set()
    for ancestor in reversed(chain):  # the oldest first: a descendant overrides
        devices = (devices | ancestor.devices) - ancestor.unsupported
    virtio = frozenset(name for name, ids in _VIRTIO_IDS.items() if any(i in devices for i in ids))
    family = next((e.family for e in chain if e.family), "linux")
    memory = next((e.memory for e in chain if e.memory is not None), None)
    cpus = next((e.cpus for e in chain if e.cpus is not None), None)
    efi_only = entry.efi_only
    return OsInfo(
        short_id=entry.short_ids[0] if entry.short_ids else entry.id,
        family=family,
        id=entry.id,
        virtio=virtio,
        firmware_required="efi" if efi_only else None,
        # libosinfo has no TPM field: Windows 11 is the OS that refuses to
        # install without one, and the one whose entry says BIOS is unsupported.
        needs_tpm=efi_only and family == "winnt",
        memory_mib=memory,
        vcpus=cpus,
        source="osinfo-db",
    )
