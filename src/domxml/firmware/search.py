"""Where firmware descriptors are found, and in which order they are tried.

The search path is QEMU's (``docs/interop/firmware.json``), as libvirt reads
it (``qemuInteropFetchConfigs``):

1. ``$XDG_CONFIG_HOME/qemu/firmware`` (``~/.config/qemu/firmware``), for a
   session daemon (``qemu:///session``) only: the system daemon runs as
   root and does not read root's home;
2. ``/etc/qemu/firmware``: the administrator's;
3. ``/usr/share/qemu/firmware``: the packages'.

Files are known by name: a file in an earlier directory hides every file of
the same name in later ones, and an empty file hides it without replacing
it (masking). The winners are then tried in the order of their names, not
of their directories. Any file name counts (not only ``*.json``) except
hidden ones; a descriptor libvirt cannot read is passed over.

``root`` prefixes every directory, to read another machine's tree (a
chroot, an image, libvirt's own test data).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from domxml.errors import DescriptorError
from domxml.firmware.descriptor import Descriptor, parse_descriptor

__all__ = [
    "DATA_DIR",
    "MAX_DESCRIPTOR_BYTES",
    "SYSCONF_DIR",
    "Catalog",
    "DescriptorFile",
    "load_catalog",
    "search_dirs",
    "user_config_dir",
]

SYSCONF_DIR = "/etc/qemu/firmware"
DATA_DIR = "/usr/share/qemu/firmware"
#: libvirt reads at most this much of a descriptor ("1MiB should be enough for everybody").
MAX_DESCRIPTOR_BYTES = 1024 * 1024


def user_config_dir(config_home: str | None = None) -> str:
    """The session daemon's descriptor directory: ``$XDG_CONFIG_HOME/qemu/firmware``."""
    home = config_home or os.environ.get("XDG_CONFIG_HOME") or ""
    if not home:
        home = str(PurePosixPath(os.path.expanduser("~")) / ".config")
    return str(PurePosixPath(home) / "qemu" / "firmware")


def search_dirs(*, session: bool = False, config_home: str | None = None) -> list[str]:
    """The descriptor directories in order of precedence, as host paths."""
    dirs = [user_config_dir(config_home)] if session else []
    return [*dirs, SYSCONF_DIR, DATA_DIR]


@dataclass(frozen=True)
class DescriptorFile:
    """One descriptor name on the search path, and what became of it."""

    name: str
    """The file name, which decides precedence and order."""
    path: str
    """The file that counts for this name, as a path on the host it describes."""
    location: Path
    """Where it was read (``path`` under the root, when one was given)."""
    descriptor: Descriptor | None = None
    """The descriptor, when the file is neither empty nor unreadable."""
    error: str | None = None
    """Why the file was passed over (libvirt's message), when it was."""
    masked: bool = False
    """Empty: it hides the files of the same name in later directories."""
    hidden: tuple[str, ...] = ()
    """Files of the same name in later directories, which this one overrides or masks."""

    @property
    def status(self) -> str:
        """``used``, ``masked`` or ``invalid``."""
        if self.masked:
            return "masked"
        return "used" if self.descriptor is not None else "invalid"


@dataclass(frozen=True)
class Catalog:
    """Every descriptor name on the search path, in the order libvirt tries them."""

    files: tuple[DescriptorFile, ...]
    dirs: tuple[str, ...] = ()
    """The directories searched, as host paths."""
    root: Path | None = None
    problems: tuple[str, ...] = field(default=())
    """Files that could not even be listed (a dangling link...), with the reason."""

    @property
    def used(self) -> list[DescriptorFile]:
        """The readable descriptors, in the order they are tried."""
        return [f for f in self.files if f.descriptor is not None]

    @property
    def invalid(self) -> list[DescriptorFile]:
        """Files passed over because libvirt cannot read them."""
        return [f for f in self.files if f.status == "invalid"]

    @property
    def masked(self) -> list[DescriptorFile]:
        """Empty files, which mask a descriptor of the same name."""
        return [f for f in self.files if f.masked]

    def descriptors(self) -> list[tuple[str, Descriptor]]:
        """``(path, descriptor)`` of each readable descriptor, in order."""
        return [(f.path, f.descriptor) for f in self.files if f.descriptor is not None]


def _under(root: Path | None, host_path: str) -> Path:
    if root is None:
        return Path(host_path)
    return root / host_path.lstrip("/")


def _listing(directory: Path) -> Iterable[str]:
    try:
        return sorted(os.listdir(directory))
    except (FileNotFoundError, NotADirectoryError):
        return ()


def load_catalog(
    root: str | os.PathLike[str] | None = None,
    *,
    session: bool = False,
    dirs: Sequence[str] | None = None,
    config_home: str | None = None,
) -> Catalog:
    """Read the descriptors on the search path (under ``root``, if given).

    ``session`` adds the user's directory (``config_home`` overrides
    ``$XDG_CONFIG_HOME`` for it); ``dirs`` replaces the whole search path.
    Unreadable descriptors are kept in the catalog as ``invalid``, with
    libvirt's reason, and skipped when firmware is selected.
    """
    base = Path(root) if root is not None else None
    searched = (
        list(dirs) if dirs is not None else search_dirs(session=session, config_home=config_home)
    )
    winners: dict[str, tuple[str, Path]] = {}
    hidden: dict[str, list[str]] = {}
    problems: list[str] = []
    for host_dir in searched:
        directory = _under(base, host_dir)
        for name in _listing(directory):
            if name.startswith("."):
                continue
            host_path = str(PurePosixPath(host_dir) / name)
            if name in winners:
                hidden[name].append(host_path)
                continue
            location = directory / name
            try:
                mode = os.stat(location).st_mode  # follows links, as libvirt's stat() does
            except OSError as e:
                # libvirt gives up on every descriptor here; one bad file is
                # more usefully reported and skipped.
                problems.append(f"{host_path}: {e.strerror or e}")
                continue
            if not stat.S_ISREG(mode):
                continue
            winners[name] = (host_path, location)
            hidden[name] = []
    files = [
        _read(name, host_path, location, tuple(hidden[name]))
        for name, (host_path, location) in sorted(winners.items())
    ]
    return Catalog(tuple(files), tuple(searched), base, tuple(problems))


def _read(name: str, host_path: str, location: Path, hidden: tuple[str, ...]) -> DescriptorFile:
    try:
        size = location.stat().st_size
        if size == 0:
            return DescriptorFile(name, host_path, location, masked=True, hidden=hidden)
        if size > MAX_DESCRIPTOR_BYTES:
            error = f"file '{host_path}' is too large ({size} bytes)"
            return DescriptorFile(name, host_path, location, error=error, hidden=hidden)
        data = location.read_bytes()
    except OSError as e:
        error = f"cannot read '{host_path}': {e.strerror or e}"
        return DescriptorFile(name, host_path, location, error=error, hidden=hidden)
    try:
        descriptor = parse_descriptor(data, host_path)
    except DescriptorError as e:
        return DescriptorFile(name, host_path, location, error=e.message, hidden=hidden)
    return DescriptorFile(name, host_path, location, descriptor=descriptor, hidden=hidden)
