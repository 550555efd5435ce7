"""What ``domxml convert``, ``domxml fmt`` and ``domxml schema export`` do.

Each ``run_*`` function prints its messages and returns the exit status;
the command line (:mod:`domxml.cli.convert`) only parses arguments.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from domxml.binding import write_document
from domxml.convert.files import (
    FORMATS,
    dump,
    format_from_name,
    format_libvirt,
    load,
    sniff_format,
    write_atomic,
)
from domxml.convert.native import (
    NATIVE_READ,
    NATIVE_WRITE,
    native_format_from_name,
    read_native,
    write_native,
)
from domxml.edit import add, remove, set_value, split_assignment
from domxml.errors import DomxmlError, SchemaError
from domxml.paths import expand_path, is_pattern
from domxml.validation.engine import validate as validate_document

__all__ = ["run_convert", "run_fmt", "run_schema_export", "run_set"]

STDIO = "-"


class UsageError(Exception):
    """A command line that cannot be carried out as asked (exit status 2)."""


def _error(message: str) -> None:
    print(f"domxml: error: {message}", file=sys.stderr)


def _read(name: str) -> bytes:
    if name == STDIO:
        return sys.stdin.buffer.read()
    return Path(name).read_bytes()


def _write_stdout(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


@dataclass
class _Job:
    source: str  # a path, or "-"
    target: str | None  # a path, or "-"; None: in ``directory``, named after the source
    directory: Path | None = None


def _same_file(a: str, b: str) -> bool:
    if STDIO in (a, b):
        return False
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def _expand(args: list[str], suffixes: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """``(files, problems)``: each argument's files (a directory's, a pattern's), in order.

    An argument that names no file is kept as it is (reading it says why),
    but a pattern that matches nothing or a directory without such files is
    a problem.
    """
    files: list[str] = []
    problems: list[str] = []
    for arg in args:
        if arg == STDIO:
            files.append(arg)
            continue
        found = expand_path(arg, suffixes)
        if found is None and is_pattern(arg):
            problems.append(f"{arg}: no file matches")
        elif found is None:
            files.append(arg)
        elif not found:
            problems.append(f"{arg}: no {'/'.join(suffixes)} file in this directory")
        else:
            files.extend(found)
    return files, problems


def _plan(inputs: list[str], output: str | None, in_place: bool, to: str | None) -> list[_Job]:
    """Where each input goes; :class:`UsageError` when it cannot be done as asked."""
    if inputs.count(STDIO) > 1:
        raise UsageError("standard input (-) can be read once")
    if in_place:
        if output is not None:
            raise UsageError("-o and --in-place exclude each other")
        if STDIO in inputs:
            raise UsageError("--in-place needs files, not standard input")
        for source in inputs:
            own = native_format_from_name(source) or format_from_name(source)
            if to is not None and own is not None and to != own:
                raise UsageError(
                    f"--in-place keeps the file name: {source} would hold {to.upper()}; use -o"
                )
        return [_Job(source, source) for source in inputs]
    if output is None or output == STDIO:
        if len(inputs) > 1:
            raise UsageError("several inputs need -o DIRECTORY or --in-place")
        return [_Job(inputs[0], STDIO)]
    if Path(output).is_dir():
        targets: dict[str, str] = {}
        for source in inputs:
            stem = "stdin" if source == STDIO else Path(source).stem
            if stem in targets:
                raise UsageError(
                    f"{targets[stem]} and {source} would both be written to {output} as {stem}.*"
                )
            targets[stem] = source
        return [_Job(source, None, Path(output)) for source in inputs]
    if len(inputs) > 1:
        raise UsageError(f"with several inputs, -o names an existing directory: {output}")
    return [_Job(inputs[0], output)]


def _output_format(to: str | None, target: str | None, source_fmt: str, in_place: bool) -> str:
    if to is not None:
        return to
    named = None
    if target not in (None, STDIO):
        named = native_format_from_name(target) or format_from_name(target)
    if named is not None:
        return named
    if in_place:
        return source_fmt
    return "json" if source_fmt == "xml" else "xml"


def run_convert(
    inputs: list[str],
    *,
    to: str | None = None,
    output: str | None = None,
    in_place: bool = False,
    style: str = "parsed",
    from_: str | None = None,
    native: dict[str, Any] | None = None,
) -> int:
    """Convert documents; 0 all converted, 1 some could not be, 2 usage error.

    The input format is ``from_``, else the file's extension, else its
    content. The output format is ``to``, else the output file's extension,
    else the input's own format with ``in_place``, else JSON for an XML
    input and XML for the others. ``native`` holds the options of the native
    formats (``vmx``, ``xl``, ``xm``, ``lxc``; :mod:`domxml.convert.native`),
    whose warnings are printed. An input is never overwritten without
    ``in_place``, and a failure leaves the target as it was.
    """
    inputs, problems = _expand(inputs, tuple(s for suffixes in FORMATS.values() for s in suffixes))
    for problem in problems:
        _error(problem)
    if not inputs:
        return 2
    try:
        jobs = _plan(inputs, output, in_place, to)
    except UsageError as e:
        _error(str(e))
        return 2
    status = 0
    for job in jobs:
        name = "<stdin>" if job.source == STDIO else job.source
        try:
            data = _read(job.source)
        except OSError as e:
            _error(f"{name}: cannot read: {e.strerror or e}")
            status = 1
            continue
        source_fmt = (
            from_
            or (native_format_from_name(job.source) if job.source != STDIO else None)
            or (format_from_name(job.source) if job.source != STDIO else None)
            or sniff_format(data)
        )
        fmt = _output_format(to, job.target, source_fmt, in_place)
        target = job.target
        if target is None:
            stem = "stdin" if job.source == STDIO else Path(job.source).stem
            target = str((job.directory or Path()) / (stem + FORMATS[fmt][0]))
        if not in_place and any(_same_file(source, target) for source in inputs):
            _error(f"{target}: would overwrite an input; use --in-place to rewrite it")
            return 2
        try:
            filename = None if job.source == STDIO else job.source
            if source_fmt in NATIVE_READ:
                model = read_native(data, source_fmt, filename, native or {})
            else:
                model = load(data, source_fmt, filename, lazy=False)  # all converted
            if fmt in NATIVE_WRITE:
                text = write_native(model, fmt, name, native or {})
            else:
                text = dump(model, fmt, style)
        except DomxmlError as e:
            _error(str(e) if e.filename else f"{name}: {e}")
            status = 1
            continue
        try:
            if target == STDIO:
                _write_stdout(text)
            else:
                write_atomic(Path(target), text)
        except OSError as e:
            _error(f"{target}: cannot write: {e.strerror or e}")
            status = 1
    return status or (1 if problems else 0)


def run_fmt(paths: list[str], *, check: bool = False) -> int:
    """Rewrite XML files in libvirt's layout; 0 done (or nothing to do), 1 ``check`` found
    files to reformat, 2 usage error or a file that cannot be read or parsed."""
    if paths.count(STDIO) > 1:
        _error("standard input (-) can be read once")
        return 2
    paths, problems = _expand(paths, FORMATS["xml"])
    for problem in problems:
        _error(problem)
    status = 2 if problems else 0
    changed = 0
    for path in paths:
        name = "<stdin>" if path == STDIO else path
        try:
            data = _read(path)
            model = load(data, "xml", None if path == STDIO else path, lazy=False)
            text = format_libvirt(model)
        except OSError as e:
            _error(f"{name}: cannot read: {e.strerror or e}")
            status = 2
            continue
        except DomxmlError as e:
            _error(str(e) if e.filename else f"{name}: {e}")
            status = 2
            continue
        same = text.encode("utf-8") == data
        if path == STDIO:
            if not check:
                _write_stdout(text)
            elif not same:
                changed += 1
            continue
        if same:
            continue
        changed += 1
        if check:
            print(f"would reformat {path}")
            continue
        try:
            write_atomic(Path(path), text)
        except OSError as e:
            _error(f"{path}: cannot write: {e.strerror or e}")
            status = 2
            continue
        print(f"reformatted {path}")
    if status:
        return status
    return 1 if check and changed else 0


def run_schema_export(fmt: str, kind: str | None, output: str | None) -> int:
    """Write the JSON Schema or XSD of a document type; 0 done, 2 usage or I/O error."""
    from domxml.convert.schemas import json_schema_text, xsd_of

    try:
        if fmt == "rng":
            return _export_rng(output)
        if fmt == "jsonschema":
            files = {output or STDIO: json_schema_text(kind)}
        else:
            main = Path(output).name if output and output != STDIO else "domxml.xsd"
            documents = xsd_of(kind, main)
            if (output is None or output == STDIO) and len(documents) > 1:
                names = ", ".join(documents)
                _error(f"the XSD is {len(documents)} files ({names}): name the main one with -o")
                return 2
            where = Path(output).parent if output and output != STDIO else Path()
            files = {
                (str(where / name) if output and output != STDIO else STDIO): text
                for name, text in documents.items()
            }
        for target, text in files.items():
            if target == STDIO:
                _write_stdout(text)
            else:
                write_atomic(Path(target), text)
    except OSError as e:
        _error(f"cannot write: {e.strerror or e}")
        return 2
    return 0


def _export_rng(output: str | None) -> int:
    """Write domxml's RELAX NG grammars (one per kind) into the directory ``output``."""
    from domxml.validation.bundled import generate

    if not output or output == STDIO:
        _error("the RELAX NG grammars are one file per document kind: name a directory with -o")
        return 2
    folder = Path(output)
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in generate().items():
        write_atomic(folder / name, text)
    return 0


def run_set(
    name: str, edits: list[tuple[str, str]], *, validate: bool = True, libvirt: str | None = None
) -> int:
    """Edit a document by field paths; 0 done, 1 invalid result, 2 wrong edit or I/O error.

    ``edits`` are ``("set", "PATH=VALUE")``, ``("remove", "PATH")`` and
    ``("add", "PATH=FRAGMENT")``, applied in order. The file is written
    (atomically) only when every edit fits and the result is valid.
    """
    shown = "<stdin>" if name == STDIO else name
    if not edits:
        _error("nothing to do: give PATH=VALUE, --remove PATH or --add PATH=FRAGMENT")
        return 2
    try:
        data = _read(name)
    except OSError as e:
        _error(f"{shown}: cannot read: {e.strerror or e}")
        return 2
    try:
        model = load(data, "xml", None if name == STDIO else name)
        for kind, text in edits:
            if kind == "remove":
                remove(model, text)
            elif kind == "add":
                add(model, *split_assignment(text))
            else:
                set_value(model, *split_assignment(text))
        written = write_document(model)
    except DomxmlError as e:
        _error(f"{shown}: {e}" if not e.filename else str(e))
        return 2
    if validate:
        try:
            report = validate_document(written.encode("utf-8"), libvirt)
        except SchemaError as e:
            _error(f"not validated: {e}")
        else:
            if not report.ok:
                for issue in report.errors:
                    where = f"line {issue.line}: " if issue.line else ""
                    _error(f"{shown}: the result is not valid: {where}{issue.message}")
                return 1
    try:
        if name == STDIO:
            _write_stdout(written)
        elif written.encode("utf-8") != data:
            write_atomic(Path(name), written)
    except OSError as e:
        _error(f"{shown}: cannot write: {e.strerror or e}")
        return 2
    return 0
