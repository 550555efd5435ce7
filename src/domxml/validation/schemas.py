"""libvirt schema sets by version: where they are, which one to use, importing more.

A *schema set* is a directory of libvirt's ``.rng`` files for one libvirt
version. They are found, in this order of precedence (the first of two sets
of the same version wins):

1. ``$DOMXML_SCHEMA_PATH``: directories separated by ``os.pathsep``; each is
   a schema set, or holds schema sets in version-named subdirectories;
2. sets imported with :func:`import_schemas` (``domxml schemas import``),
   stored in ``$XDG_CACHE_HOME/domxml/schemas/X.Y.Z`` (``~/.cache`` when
   ``XDG_CACHE_HOME`` is unset);
3. the system's, ``/usr/share/libvirt/schemas`` (Debian's ``libvirt0``,
   Fedora's ``libvirt-libs``), whose version is that of the installed
   libvirt library. ``$DOMXML_SYSTEM_SCHEMAS`` replaces that list of
   directories (empty: no system schemas).

libvirt's schema files are never copied into domxml's own tree.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from itertools import chain
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from domxml.errors import SchemaError
from domxml.validation.kinds import DEVICE, KINDS, Kind

__all__ = [
    "ASKED",
    "HOST",
    "HOW_TO_GET",
    "NEWEST",
    "SchemaSet",
    "Selection",
    "Version",
    "cache_dir",
    "find_schema_sets",
    "find_selection",
    "format_version",
    "host_version",
    "import_schemas",
    "parse_version",
    "select",
]

Version = tuple[int, int, int]

PATH_VARIABLE = "DOMXML_SCHEMA_PATH"
HOST_VARIABLE = "DOMXML_HOST_LIBVIRT"
SYSTEM_VARIABLE = "DOMXML_SYSTEM_SCHEMAS"
SYSTEM_DIRS = ("/usr/share/libvirt/schemas", "/usr/local/share/libvirt/schemas")
#: Where libvirt's shared library is installed: its file name carries the version.
LIBRARY_DIRS = (
    "/usr/lib/x86_64-linux-gnu",
    "/usr/lib/aarch64-linux-gnu",
    "/usr/lib64",
    "/usr/lib",
    "/usr/local/lib",
    "/usr/local/lib64",
)
#: Marker file an imported set keeps its version and origin in.
MARKER = ".domxml-schemas"

HOW_TO_GET = (
    "no libvirt schemas found. Install your distribution's libvirt library"
    " (Debian, Ubuntu: `apt install libvirt0`; Fedora: `dnf install libvirt-libs`),"
    " or fetch a libvirt release's: `domxml schemas fetch X.Y.Z`, or import one:"
    " `domxml schemas import libvirt-X.Y.Z.tar.xz`"
    " (a source tree, or a directory of .rng files with --version, works too),"
    f" or set ${PATH_VARIABLE} to a directory of libvirt's .rng files"
)

_VERSION = re.compile(r"(\d+)\.(\d+)(?:\.(\d+))?")
# Compiled on first use (re caches them): validating needs none of these,
# and compiling them at import took half a millisecond of every start.
_TARBALL = r"libvirt-(\d+\.\d+(?:\.\d+)?)\.tar(?:\.(?:xz|gz|bz2))?$"
_MESON = r"(?s)project\(\s*'libvirt'\s*,\s*'c'\s*,\s*version\s*:\s*'(\d+\.\d+(?:\.\d+)?)'"
_SONAME = r"libvirt\.so\.0\.(\d+)\.(\d+)$"
#: Where a libvirt source tree keeps its schemas (src/conf/schemas since 8.10).
_SOURCE_SCHEMA_DIRS = ("src/conf/schemas", "docs/schemas")


def parse_version(text: str) -> Version:
    """``"11.3.0"`` (or ``"11.3"``) as ``(11, 3, 0)``; :class:`ValueError` otherwise."""
    match = _VERSION.fullmatch(text.strip().removeprefix("v"))
    if match is None:
        raise ValueError(f"not a libvirt version: {text!r} (expected X.Y.Z, e.g. 11.3.0)")
    return int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)


def format_version(version: Version | None) -> str:
    """``(11, 3, 0)`` as ``"11.3.0"``; ``None`` as ``"unknown"``."""
    return "unknown" if version is None else ".".join(map(str, version))


class SchemaSet(NamedTuple):
    """One directory of libvirt's schemas and the libvirt version they belong to."""

    version: Version | None
    """The libvirt version; ``None`` when it could not be told."""
    path: Path
    """The directory holding the ``.rng`` files."""
    origin: str
    """``DOMXML_SCHEMA_PATH``, ``imported`` or ``system``."""

    @property
    def label(self) -> str:
        """The version as text: ``11.3.0``, ``unknown``, or ``domxml`` for domxml's own grammar."""
        if self.origin == "domxml":
            return "domxml"
        return format_version(self.version)

    def schema(self, kind: Kind) -> Path:
        """The schema file for documents of ``kind`` (it may not exist)."""
        return self.path / kind.schema

    def kinds(self) -> list[Kind]:
        """The kinds of document this set has a schema for.

        Single devices have none in libvirt's sets: they are checked with the
        set's domain schema (:mod:`domxml.validation.devices`).
        """
        return [kind for kind in KINDS if self.has(kind)]

    def has(self, kind: Kind) -> bool:
        """Whether documents of ``kind`` can be checked against this set."""
        if self.schema(kind).is_file():
            return True
        return kind == DEVICE and (self.path / "domaincommon.rng").is_file()


class Selection(NamedTuple):
    """The schema set chosen for a run, and a note when it is not the one asked for."""

    schema_set: SchemaSet
    note: str | None = None
    basis: str = ""
    """Why this version: ``asked for``, ``the host's libvirt``, ``the newest found``..."""


ASKED = "asked for"
HOST = "the host's libvirt"
NEWEST = "the newest found"


def cache_dir() -> Path:
    """Where imported schema sets are stored: ``$XDG_CACHE_HOME/domxml/schemas``."""
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return root / "domxml" / "schemas"


def _has_schemas(path: Path) -> bool:
    return any(path.glob("*.rng"))


def _version_from_dir(path: Path) -> Version | None:
    marker = path / MARKER
    if marker.is_file():
        for line in marker.read_text(encoding="utf-8", errors="replace").splitlines():
            key, _, value = line.partition("=")
            if key.strip() == "version":
                try:
                    return parse_version(value)
                except ValueError:
                    break
    for name in (path.name, path.parent.name):
        try:
            return parse_version(name)
        except ValueError:
            continue
    return None


def _from_path_variable() -> Iterator[SchemaSet]:
    for entry in os.environ.get(PATH_VARIABLE, "").split(os.pathsep):
        if not entry:
            continue
        path = Path(entry).expanduser()
        if not path.is_dir():
            continue
        if _has_schemas(path):
            yield SchemaSet(_version_from_dir(path), path, PATH_VARIABLE)
            continue
        for child in sorted(path.iterdir()):
            if child.is_dir() and _has_schemas(child):
                yield SchemaSet(_version_from_dir(child), child, PATH_VARIABLE)


def _imported() -> Iterator[SchemaSet]:
    root = cache_dir()
    if not root.is_dir():
        return
    for child in sorted(root.iterdir()):
        if child.is_dir() and not child.name.startswith(".") and _has_schemas(child):
            yield SchemaSet(_version_from_dir(child), child, "imported")


def installed_library_version(dirs: tuple[str, ...] = LIBRARY_DIRS) -> Version | None:
    """The version of the installed libvirt library, from its file name.

    libvirt names its library ``libvirt.so.0.MAJOR*1000+MINOR.MICRO``:
    ``libvirt.so.0.9000.0`` is libvirt 9.0.0, ``libvirt.so.0.11003.0`` 11.3.0.
    """
    found: list[Version] = []
    for directory in dirs:
        try:
            names = os.listdir(directory)
        except OSError:
            continue
        for name in names:
            match = re.match(_SONAME, name)
            if match:
                number, micro = int(match.group(1)), int(match.group(2))
                found.append((number // 1000, number % 1000, micro))
    return max(found) if found else None


def host_version() -> Version | None:
    """The libvirt version of this host: ``$DOMXML_HOST_LIBVIRT``, else the installed library's.

    The variable set but empty says that there is none (lint for no host's
    libvirt in particular: the newest schema set found is used).
    """
    configured = os.environ.get(HOST_VARIABLE)
    if configured is None:
        return installed_library_version()
    if not configured.strip():
        return None
    try:
        return parse_version(configured)
    except ValueError as e:
        raise SchemaError(f"${HOST_VARIABLE}: {e}") from None


def _system(library: Version | None = None) -> Iterator[SchemaSet]:
    """The system's sets; ``library``, when known, is the installed library's version."""
    configured = os.environ.get(SYSTEM_VARIABLE)
    dirs = SYSTEM_DIRS if configured is None else tuple(filter(None, configured.split(os.pathsep)))
    for entry in dirs:
        path = Path(entry)
        if path.is_dir() and _has_schemas(path):
            yield SchemaSet(library or installed_library_version(), path, "system")


def find_schema_sets() -> list[SchemaSet]:
    """Every schema set found, in order of precedence (see the module's docstring)."""
    return [*_from_path_variable(), *_imported(), *_system()]


def find_selection(
    libvirt: str | None = None, *, host: Version | None = None, basis: str = ASKED
) -> Selection:
    """``select(find_schema_sets(), libvirt)``, looking no further than an exact match.

    Without ``libvirt``, the version is the host's: ``host``, or else the
    installed libvirt library's (:func:`installed_library_version`); the
    newest set found where there is neither. ``basis`` says why a version
    given was asked for (``the libvirt of qemu:///system``...).

    The sets are found in order of precedence, and the first of the version
    asked for is the one :func:`select` picks: the system's set (whose
    version takes a listing of the library directories) is often not needed.
    """
    library = None
    if libvirt is None:
        if host is None and os.environ.get(HOST_VARIABLE) is None:
            host = library = installed_library_version()
        host = host or host_version()
        if host is None:
            return _or_bundled(find_schema_sets())
        libvirt, basis = format_version(host), HOST
    try:
        wanted = parse_version(libvirt)
    except ValueError:
        wanted = None  # select() says what is wrong with it
    if wanted is not None:
        for schema_set in chain(_from_path_variable(), _imported(), _system(library)):
            if schema_set.version == wanted:
                return Selection(schema_set, basis=basis)
    if basis == HOST:
        sets = find_schema_sets()
        if not sets:
            return _or_bundled(sets)
        return _for_host(sets, libvirt)
    return select(find_schema_sets(), libvirt, basis=basis)


def _or_bundled(sets: list[SchemaSet]) -> Selection:
    """The newest set found; without any, domxml's own grammar (said in a note)."""
    if sets:
        return select(sets)
    from domxml.validation.bundled import bundled_set

    return Selection(
        bundled_set(),
        "no libvirt schemas found: checked against domxml's own grammar, generated from its"
        " models (install libvirt's schemas, or `domxml schemas fetch X.Y.Z`, for a libvirt"
        " release's own verdict)",
        "no libvirt schemas found",
    )


def _for_host(sets: list[SchemaSet], libvirt: str) -> Selection:
    """The host's version's set, or the nearest older; the newest where there is none older."""
    try:
        return select(sets, libvirt, basis=HOST)
    except SchemaError:
        chosen = select(sets)
        return Selection(
            chosen.schema_set,
            f"no schemas for the host's libvirt {libvirt} or older; using"
            f" {chosen.schema_set.label}, the newest found",
            NEWEST,
        )


def select(sets: list[SchemaSet], libvirt: str | None = None, *, basis: str = ASKED) -> Selection:
    """The set to validate with: ``libvirt``'s, else the nearest older, else the newest.

    Raises :class:`SchemaError` when there is none, or none as old as asked.
    """
    if not sets:
        if libvirt is not None:
            # A release asked for: domxml's own grammar is no release's, so it
            # is no stand-in (it passes what an older release refuses).
            try:
                asked = format_version(parse_version(libvirt))
            except ValueError as e:
                raise SchemaError(str(e)) from None
            raise SchemaError(
                f"no schemas for libvirt {asked}: no libvirt schema set found."
                f" `domxml schemas fetch {asked}` downloads that release and imports"
                f" its schemas (`domxml schemas import libvirt-{asked}.tar.xz` a tarball"
                " at hand); without a libvirt version asked for, domxml validate checks"
                " against domxml's own grammar, which is no single release's"
            )
        raise SchemaError(HOW_TO_GET)
    known = [s for s in sets if s.version is not None]
    if libvirt is None:
        if not known:
            return Selection(sets[0], basis=NEWEST)
        newest = max(s.version for s in known if s.version is not None)
        return Selection(next(s for s in known if s.version == newest), basis=NEWEST)
    try:
        wanted = parse_version(libvirt)
    except ValueError as e:
        raise SchemaError(str(e)) from None
    exact = [s for s in known if s.version == wanted]
    if exact:
        return Selection(exact[0], basis=basis)
    older = [s for s in known if s.version is not None and s.version < wanted]
    available = ", ".join(sorted({s.label for s in sets})) or "none"
    if not older:
        raise SchemaError(
            f"no schemas for libvirt {format_version(wanted)} or older"
            f" (available: {available}); import them with"
            f" `domxml schemas import libvirt-{format_version(wanted)}.tar.xz`"
        )
    nearest = max(s.version for s in older if s.version is not None)
    chosen = next(s for s in older if s.version == nearest)
    return Selection(
        chosen,
        f"no schemas for libvirt {format_version(wanted)}; using {chosen.label},"
        " the nearest older version",
        basis,
    )


# -- importing -----------------------------------------------------------------------


def import_schemas(source: Path, version: str | None = None) -> SchemaSet:
    """Copy libvirt's schemas from ``source`` into the cache; return the new set.

    ``source`` is a release tarball (``libvirt-X.Y.Z.tar.xz``), an unpacked
    source tree (the version is read from its ``meson.build``) or a directory
    of ``.rng`` files (``version`` required). ``version``, when given, wins.
    An earlier import of the same version is replaced.
    """
    wanted = parse_version(version) if version else None
    if source.is_file():
        found, files = _from_tarball(source)
    elif source.is_dir():
        found, files = _from_directory(source)
    else:
        raise SchemaError(f"no such file or directory: {source}")
    chosen = wanted or found
    if chosen is None:
        raise SchemaError(f"cannot tell which libvirt version {source} holds: pass --version X.Y.Z")
    if not files:
        raise SchemaError(f"no libvirt .rng schema files in {source}")
    if "domain.rng" not in files and not any(kind.schema in files for kind in KINDS):
        raise SchemaError(f"{source} holds .rng files, but none of libvirt's document schemas")
    return _store(files, chosen, source)


def _from_tarball(path: Path) -> tuple[Version | None, dict[str, bytes]]:
    import tarfile

    match = re.search(_TARBALL, path.name)
    version = parse_version(match.group(1)) if match else None
    files: dict[str, bytes] = {}
    try:
        with tarfile.open(path) as archive:
            for member in archive:
                if not member.isfile():
                    continue
                parts = PurePosixPath(member.name).parts
                inside = "/".join(parts[1:-1])
                if parts[-1].endswith(".rng") and inside in _SOURCE_SCHEMA_DIRS:
                    stream = archive.extractfile(member)
                    if stream is not None:
                        files[parts[-1]] = stream.read()
                elif version is None and len(parts) == 2 and parts[1] == "meson.build":
                    stream = archive.extractfile(member)
                    if stream is not None:
                        version = _meson_version(stream.read().decode("utf-8", "replace"))
    except (tarfile.TarError, OSError, EOFError) as e:
        raise SchemaError(f"cannot read {path}: {e}") from None
    return version, files


def _from_directory(path: Path) -> tuple[Version | None, dict[str, bytes]]:
    meson = path / "meson.build"
    if meson.is_file():
        version = _meson_version(meson.read_text(encoding="utf-8", errors="replace"))
        for sub in _SOURCE_SCHEMA_DIRS:
            if _has_schemas(path / sub):
                return version, _read_rngs(path / sub)
        return version, {}
    return _version_from_dir(path) if (path / MARKER).is_file() else None, _read_rngs(path)


def _read_rngs(path: Path) -> dict[str, bytes]:
    try:
        return {item.name: item.read_bytes() for item in sorted(path.glob("*.rng"))}
    except OSError as e:
        raise SchemaError(f"cannot read {path}: {e.strerror or e}") from None


def _meson_version(text: str) -> Version | None:
    match = re.search(_MESON, text)
    return parse_version(match.group(1)) if match else None


def _store(files: dict[str, bytes], version: Version, source: Path) -> SchemaSet:
    import shutil
    import tempfile

    root = cache_dir()
    target = root / format_version(version)
    try:
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".import-", dir=root))
        for name, data in files.items():
            (staging / name).write_bytes(data)
        (staging / MARKER).write_text(
            f"version={format_version(version)}\nsource={source.resolve()}\n", encoding="utf-8"
        )
        _check_compiles(staging)
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=".old-", dir=root))
            os.replace(target, old / "set")
            os.replace(staging, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging, target)
    except OSError as e:
        raise SchemaError(f"cannot store schemas in {root}: {e.strerror or e}") from None
    finally:
        if "staging" in locals() and staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return SchemaSet(version, target, "imported")


def _check_compiles(directory: Path) -> None:
    from lxml import etree

    for kind in KINDS:
        path = directory / kind.schema
        if not path.is_file():
            continue
        try:
            etree.RelaxNG(etree.parse(str(path)))
        except (etree.RelaxNGParseError, etree.XMLSyntaxError) as e:
            raise SchemaError(
                f"{kind.schema} does not compile: {e}; is the set complete?"
            ) from None
