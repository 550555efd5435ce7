"""What ``domxml validate`` and ``domxml schemas`` do, given parsed arguments.

The command line (:mod:`domxml.cli`) only parses arguments and calls these
functions; they return the exit code: 0 all valid, 1 some document invalid,
2 usage or I/O error (a missing file, no schemas).
"""

from __future__ import annotations

import os
import stat
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO, TextIO

from domxml.errors import SchemaError
from domxml.validation.engine import Source, validate_sources, validator_for
from domxml.validation.kinds import KINDS, kind_named
from domxml.validation.report import render
from domxml.validation.result import ERROR, INVALID, Issue, Report
from domxml.validation.schemas import (
    HOW_TO_GET,
    find_schema_sets,
    find_selection,
    format_version,
    import_schemas,
    select,
)

__all__ = ["expand_inputs", "run_import", "run_list", "run_validate"]

#: Below this many files no progress bar is drawn.
PROGRESS_FROM = 100
_GLOB = set("*?[")


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
        try:
            mode = os.stat(arg).st_mode
        except OSError:
            mode = 0
        if stat.S_ISREG(mode):
            items.append(Source(arg, arg))
        elif stat.S_ISDIR(mode):
            found = sorted(str(p) for p in Path(arg).rglob("*.xml") if p.is_file())
            items.extend(Source(name, name) for name in found)
        elif _GLOB & set(arg):
            import glob  # here: shells expand most patterns before domxml sees them

            matches = [m for m in sorted(glob.glob(arg, recursive=True)) if os.path.isfile(m)]
            items.extend(Source(name, name) for name in matches)
            if not matches:
                items.append(arg)
        else:
            items.append(arg)
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
    disable: Sequence[str] = (),
    enable: Sequence[str] = (),
    schema_only: bool = False,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    stdin: BinaryIO | None = None,
) -> int:
    """Validate ``paths`` and print the reports; return the exit code.

    What libvirt refuses (schema, semantic rules) is an error; warnings
    leave the exit code alone, unless ``strict`` makes them errors.
    ``domcaps`` are domain capabilities files for the host-aware rules;
    ``connect`` asks a libvirt for them; ``schema_only`` skips every rule
    but the schema's.
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
        selection = find_selection(libvirt)
    except SchemaError as e:
        print(f"domxml: error: {e}", file=err)
        return 2
    settings = None
    if domcaps or connect or disable or enable or schema_only:
        from domxml.errors import DomxmlError
        from domxml.semantic import settings as make_settings

        try:
            sources: list[str | bytes] = list(domcaps)
            if connect:
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
    out.write(
        render(
            fmt,
            reports,
            libvirt=schema_set.label,
            schemas=str(schema_set.path),
            version=version,
            note=selection.note,
            quiet=quiet,
        )
    )
    statuses = {report.status for report in reports}
    if ERROR in statuses:
        return 2
    return 1 if INVALID in statuses else 0


def run_list(*, stdout: TextIO | None = None) -> int:
    """Print every schema set found, the default one marked; 0, or 2 when none."""
    out = stdout or sys.stdout
    sets = find_schema_sets()
    if not sets:
        print(f"domxml: error: {HOW_TO_GET}", file=sys.stderr)
        return 2
    default = select(sets).schema_set
    seen: set[str] = set()
    rows = [("", "libvirt", "origin", "kinds", "path")]
    for schema_set in sets:
        shadowed = schema_set.version is not None and schema_set.label in seen
        seen.add(schema_set.label)
        mark = "*" if schema_set == default else ("-" if shadowed else "")
        kinds = str(len(schema_set.kinds()))
        rows.append((mark, schema_set.label, schema_set.origin, kinds, str(schema_set.path)))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        out.write("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        out.write("\n")
    out.write("* default (the newest); - hidden by a set of the same version listed above\n")
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
