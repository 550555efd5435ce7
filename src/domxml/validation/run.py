"""What ``domxml validate`` and ``domxml schemas`` do, given parsed arguments.

The command line (:mod:`domxml.cli`) only parses arguments and calls these
functions; they return the exit code: 0 all valid, 1 some document invalid,
2 usage or I/O error (a missing file, no schemas).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO, TextIO

from domxml.errors import DomxmlError, SchemaError
from domxml.paths import expand_path
from domxml.validation.engine import Source, validate_sources, validator_for
from domxml.validation.kinds import KINDS, Kind, kind_named
from domxml.validation.report import render
from domxml.validation.result import ERROR, INVALID, Issue, Report
from domxml.validation.schemas import (
    HOW_TO_GET,
    SchemaSet,
    Selection,
    find_schema_sets,
    find_selection,
    format_version,
    import_schemas,
)

__all__ = ["expand_inputs", "run_fetch", "run_import", "run_list", "run_validate"]

#: Below this many files no progress bar is drawn.
PROGRESS_FROM = 100


def expand_inputs(args: Sequence[str], stdin: BinaryIO | None = None) -> list[Source | str]:
    """Files to validate, in order: a :class:`Source`, or the argument that matched nothing.

    A directory stands for every ``*.xml`` below it, a pattern with ``*``,
    ``?`` or ``[`` for the files it matches (``**`` crosses directories),
    ``-`` for standard input.
    """
    items: list[Source | str] = []
    listed = _listed_files(args)
    for arg in args:
        if arg == "-":
            data = (stdin or sys.stdin.buffer).read()
            items.append(Source("-", data=data))
            continue
        if arg in listed:
            items.append(Source(arg, arg))
            continue
        found = expand_path(arg)
        if found is None:
            items.append(arg)
        else:
            items.extend(Source(name, name) for name in found)
    return items


#: From this many arguments in one directory on, a listing of the directory
#: tells which are regular files, instead of a stat() each.
LISTING_FROM = 32


def _listed_files(args: Sequence[str]) -> set[str]:
    """The arguments their directory's listing shows as regular files (not links).

    A shell's glob hands domxml a directory's worth of files: one listing
    (a few system calls) then stands for thousands of stat() calls. A
    directory is listed only when it holds many of the arguments, and no
    further than twice their number of entries (it may hold many others).
    """
    wanted: dict[str, dict[str, str]] = {}
    for arg in args:
        # rpartition, not os.path.split (a Python function): 0.7 ms a thousand files.
        head, slash, name = arg.rpartition("/")
        if name:
            wanted.setdefault(head or slash, {})[name] = arg
    found: set[str] = set()
    for head, names in wanted.items():
        directory = head or "."
        # Without search permission, stat() fails where a listing would not.
        if len(names) < LISTING_FROM or not os.access(directory, os.X_OK):
            continue
        budget = 2 * len(names) + LISTING_FROM
        try:
            with os.scandir(directory) as entries:
                for entry in entries:
                    listed = names.get(entry.name)
                    if listed is not None and entry.is_file(follow_symlinks=False):
                        found.add(listed)
                    budget -= 1
                    if not budget:
                        break
        except OSError:
            continue
    return found


class _Progress:
    """``validating 1200/3202`` on a terminal's standard error, at most 10 times a second."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total, self.stream, self.last = total, stream, 0.0

    def __call__(self, done: int) -> None:
        now = time.monotonic()
        if done != self.total and now - self.last < 0.1:
            return
        self.last = now
        width = 30
        filled = width * done // self.total
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\rdomxml: [{bar}] {done}/{self.total} files")
        self.stream.flush()

    def clear(self) -> None:
        self.stream.write("\r\033[K")
        self.stream.flush()


def run_validate(
    paths: Sequence[str],
    *,
    libvirt: str | None = None,
    kind: str | None = None,
    fmt: str = "text",
    quiet: bool = False,
    jobs: int = 1,
    version: str = "",
    strict: bool = False,
    domcaps: Sequence[str] = (),
    connect: str | None = None,
    schemas: str = "auto",
    disable: Sequence[str] = (),
    enable: Sequence[str] = (),
    schema_only: bool = False,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    stdin: BinaryIO | None = None,
) -> int:
    """Validate ``paths`` and print the reports; return the exit code.

    Without ``libvirt``, the schemas are those of the host's libvirt: the
    daemon's at the URI ``connect``, or the installed library's. What
    libvirt refuses (schema, semantic rules) is an error; warnings leave the
    exit code alone, unless ``strict`` makes them errors. ``domcaps`` are
    domain capabilities files for the host-aware rules; ``connect`` asks
    that libvirt for them too; ``schema_only`` skips every rule but the
    schema's; ``schemas="domxml"`` checks against domxml's own grammar.
    """
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    forced = None
    if kind is not None:
        forced = kind_named(kind)
        if forced is None:
            names = ", ".join(k.name for k in KINDS)
            print(f"domxml: error: unknown --type {kind!r} (one of: {names})", file=err)
            return 2
    try:
        selection = _selection(libvirt, connect, schemas)
    except DomxmlError as e:
        print(f"domxml: error: {e}", file=err)
        return 2
    settings = None
    if domcaps or connect or disable or enable or schema_only:
        from domxml.semantic import settings as make_settings

        try:
            sources: list[str | bytes] = list(domcaps)
            if connect and not schema_only:
                from domxml.semantic.host import capabilities_from

                sources.extend(capabilities_from(connect))
            settings = make_settings(
                sources, disable, enable, schema_only, whole_host=bool(connect) and not domcaps
            )
        except (DomxmlError, ValueError) as e:
            print(f"domxml: error: {e}", file=err)
            return 2
    schema_set = selection.schema_set
    if selection.note and not quiet:
        print(f"domxml: note: {selection.note}", file=err)
    items = expand_inputs(paths, stdin)
    documents = [item for item in items if isinstance(item, Source)]
    validator = validator_for(schema_set, forced, strict, settings)
    progress = None
    if not quiet and len(documents) >= PROGRESS_FROM and err.isatty():
        progress = _Progress(len(documents), err)
    checked = iter(validate_sources(validator, documents, jobs, progress))
    reports: list[Report] = []
    for item in items:
        if isinstance(item, Source):
            reports.append(next(checked))
        else:
            issue = Issue(None, None, "", "no such file or directory", "", "unreadable")
            reports.append(Report(item, None, schema_set.label, ERROR, (issue,)))
    if progress is not None:
        progress.clear()
    reports = _hint_newer(reports, items, schema_set, forced)
    out.write(
        render(
            fmt,
            reports,
            libvirt=schema_set.label,
            schemas=str(schema_set.path),
            version=version,
            note=selection.note,
            quiet=quiet,
            basis=selection.basis,
        )
    )
    statuses = {report.status for report in reports}
    if ERROR in statuses:
        return 2
    return 1 if INVALID in statuses else 0


def _hint_newer(
    reports: list[Report], items: Sequence[Source | str], schema_set: SchemaSet, kind: Kind | None
) -> list[Report]:
    """The reports, their errors hinted where a newer schema set found accepts the document."""
    if not any(report.status == INVALID for report in reports):
        return reports
    from domxml.validation.newer import newer_sets, with_newer_hints

    newer = newer_sets(schema_set)
    if not newer:
        return reports
    out = []
    for report, item in zip(reports, items, strict=True):
        if report.status == INVALID and isinstance(item, Source):
            data = item.data if item.data is not None else Path(item.path or "").read_bytes()
            report = with_newer_hints(report, data, schema_set, newer, kind)
        out.append(report)
    return out


def _selection(libvirt: str | None, connect: str | None, schemas: str = "auto") -> Selection:
    """The schema set: ``libvirt``'s; else the daemon's at ``connect``; else the host's.

    ``schemas="domxml"``: domxml's own grammar, whatever libvirt's are found.
    """
    if schemas == "domxml":
        if libvirt is not None:
            # domxml's grammar is no release's: it would pass what an older
            # libvirt refuses, so a check "for" that release would mislead.
            raise SchemaError(
                f"--libvirt {libvirt} and --schemas domxml: domxml's own grammar is no"
                " single libvirt release's; drop --libvirt, or drop --schemas domxml to"
                f" check against libvirt {libvirt}'s schemas"
            )
        from domxml.validation.bundled import bundled_set

        return Selection(bundled_set(), basis="asked for")
    if libvirt is None and connect is not None:
        from domxml.apply import connect as open_connection
        from domxml.apply.connection import libvirt_version

        conn = open_connection(connect)
        try:
            version = libvirt_version(conn)
        finally:
            conn.close()
        return find_selection(version, basis=f"the libvirt of {connect}")
    return find_selection(libvirt)


def run_list(*, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Print every schema set found and domxml's own, the default one marked; 0.

    domxml's own grammars (origin ``domxml``) are always listed last: they
    are the default where no libvirt set is found, and ``--schemas domxml``
    asks for them. Without a libvirt set, a note on ``stderr`` says how to
    get one.
    """
    from domxml.validation.bundled import bundled_set

    out = stdout or sys.stdout
    err = stderr or sys.stderr
    sets = find_schema_sets()
    try:
        default = find_selection().schema_set
    except SchemaError:
        default = None
    seen: set[str] = set()
    rows = [("", "libvirt", "origin", "kinds", "path")]
    for schema_set in [*sets, bundled_set()]:
        shadowed = schema_set.version is not None and schema_set.label in seen
        seen.add(schema_set.label)
        mark = "*" if schema_set == default else ("-" if shadowed else "")
        version = "-" if schema_set.origin == "domxml" else schema_set.label
        kinds = str(len(schema_set.kinds()))
        rows.append((mark, version, schema_set.origin, kinds, str(schema_set.path)))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        out.write("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        out.write("\n")
    out.write(
        "* the default of `domxml validate`: the host's libvirt, or the nearest older (the"
        " newest without libvirt); domxml's own grammar where no libvirt set is found;"
        " - hidden by a set of the same version listed above\n"
    )
    if not sets:
        print(f"domxml: note: {HOW_TO_GET}", file=err)
    return 0


def run_import(source: str, version: str | None, *, stdout: TextIO | None = None) -> int:
    """Import a schema set; print where it went. 0, or 2 on error."""
    out = stdout or sys.stdout
    try:
        imported = import_schemas(Path(source), version)
    except (SchemaError, ValueError) as e:
        print(f"domxml: error: {e}", file=sys.stderr)
        return 2
    kinds = ", ".join(kind.name for kind in imported.kinds())
    out.write(
        f"imported libvirt {format_version(imported.version)} schemas into {imported.path}\n"
        f"document kinds: {kinds}\n"
    )
    return 0


def run_fetch(
    release: str,
    *,
    site: str | None = None,
    sha256: str | None = None,
    verify: bool = True,
    stdout: TextIO | None = None,
) -> int:
    """Download a release and import its schemas; 0, or 2 on error (nothing imported)."""
    from domxml.validation.fetch import RELEASE_SITE, fetch_schemas

    out = stdout or sys.stdout
    try:
        imported = fetch_schemas(release, site=site or RELEASE_SITE, sha256=sha256, verify=verify)
    except (SchemaError, ValueError) as e:
        print(f"domxml: error: {e}", file=sys.stderr)
        return 2
    kinds = ", ".join(kind.name for kind in imported.kinds())
    out.write(
        f"imported libvirt {format_version(imported.version)} schemas into {imported.path}\n"
        f"document kinds: {kinds}\n"
    )
    return 0
