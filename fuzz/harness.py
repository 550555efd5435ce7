"""The robustness properties, checked on one input at a time.

For every input, ``domxml.parse``, ``domxml.to_xml`` (both styles, and
``write_document(m, verbatim=False)``), ``domxml.to_json`` and
``domxml.validate`` (libvirt 11.3.0's schemas) must

- raise nothing but :class:`domxml.DomxmlError` subclasses;
- finish within :data:`TIME_LIMIT` seconds in all;
- touch neither the file system nor the network on the document's behalf.

The last is watched three ways: a Python audit hook records ``open``,
socket, process and file-changing events during the calls (reading the
imported schema set and Python's own modules is allowed); an inotify watch
on a sentinel file catches an open made by C code (libxml2 does not go
through Python); and a listening TCP socket on 127.0.0.1 catches a
connection attempt. The sentinel file holds a token that must not leak into
any output or error message either.
"""

from __future__ import annotations

import ctypes
import os
import socket
import struct
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from typing import Any

import domxml
from domxml.tools.manifest import ENV_VAR, read_manifest
from fuzz.mutate import Sentinels

TIME_LIMIT = 1.0
"""Seconds of CPU time one input may take for all the calls together (issue 9).

CPU time (``time.process_time``), not wall time: on a loaded machine a
quick input can wait long for a core, and must not count as a slow one."""

LIBVIRT = "11.3.0"
REPO = Path(__file__).resolve().parent.parent
TOKEN = "domxml-fuzz-sentinel-5c0ffee"


# -- test data -----------------------------------------------------------------------------


def data_dir() -> Path:
    """libvirt 11.3.0's test data: ``$DOMXML_TESTDATA`` or ``../shared/libvirt/11.3.0``."""
    from_env = os.environ.get(ENV_VAR)
    return Path(from_env) if from_env else REPO.parent / "shared" / "libvirt" / LIBVIRT


def schema_dir(libvirt: str = LIBVIRT) -> Path:
    """libvirt ``libvirt``'s schema directory: the test data's, or its sibling's.

    ``../shared/libvirt/12.9.0/schemas`` beside ``../shared/libvirt/11.3.0``.
    """
    data = data_dir()
    return (data if libvirt == LIBVIRT else data.parent / libvirt) / "schemas"


def missing_reason() -> str | None:
    """Why the corpus or the schemas cannot be read, or ``None`` when both can."""
    manifest = data_dir() / "corpus" / "MANIFEST.tsv"
    if not manifest.is_file():
        return f"libvirt test corpus not found: {manifest} does not exist (set ${ENV_VAR})"
    if not (data_dir() / "schemas" / "domain.rng").is_file():
        return f"libvirt {LIBVIRT} schemas not found in {data_dir() / 'schemas'}"
    return None


def seed_documents() -> list[tuple[str, bytes]]:
    """Every corpus file (valid and invalid), as ``(path, bytes)``, in manifest order."""
    corpus = data_dir() / "corpus"
    return [(entry.path, (corpus / entry.path).read_bytes()) for entry in read_manifest(corpus)]


def import_schemas(cache: Path) -> None:
    """Import libvirt 11.3.0's schemas into ``cache`` and make it ``$XDG_CACHE_HOME``.

    The system's schemas and ``$DOMXML_SCHEMA_PATH`` are hidden, so that
    ``validate`` sees exactly this set. The caller restores the environment.
    """
    from domxml.cli import main

    os.environ["XDG_CACHE_HOME"] = str(cache)
    os.environ["DOMXML_SYSTEM_SCHEMAS"] = ""
    os.environ.pop("DOMXML_SCHEMA_PATH", None)
    out, err = StringIO(), StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["schemas", "import", str(data_dir() / "schemas"), "--version", LIBVIRT])
    if code != 0:
        raise RuntimeError(f"domxml schemas import failed: {err.getvalue()}")


# -- watching the file system and the network ----------------------------------------------

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
_FORBIDDEN_PREFIXES = (
    "socket.",
    "subprocess.",
    "os.system",
    "os.exec",
    "os.posix_spawn",
    "os.spawn",
    "os.fork",
    "os.remove",
    "os.unlink",
    "os.rename",
    "os.replace",
    "os.mkdir",
    "os.rmdir",
    "os.chmod",
    "os.chown",
    "os.truncate",
    "os.symlink",
    "os.link",
    "os.utime",
    "os.chdir",
    "shutil.",
    "urllib.",
    "http.client.",
    "ftplib.",
    "tempfile.",
    "webbrowser.",
)
_PATH_EVENTS = ("os.listdir", "os.scandir", "glob.glob")


class _Audit:
    """One audit hook for the process (hooks cannot be removed); records while on."""

    def __init__(self) -> None:
        self.active = False
        self.allowed: tuple[str, ...] = ()
        self.events: list[str] = []
        sys.addaudithook(self._hook)

    def _allowed_path(self, path: object) -> bool:
        if isinstance(path, int):
            return True
        try:
            text = os.path.realpath(os.fsdecode(path))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return False
        return text.startswith(self.allowed)

    def _hook(self, event: str, args: tuple[Any, ...]) -> None:
        if not self.active:
            return
        self.active = False  # what the hook itself does is not audited
        try:
            if event == "open":
                path, mode, flags = (*args, None, None, None)[:3]
                writes = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                    isinstance(flags, int) and flags & _WRITE_FLAGS
                )
                if writes or not self._allowed_path(path):
                    self.events.append(f"open({path!r}, {mode!r}, {flags!r})")
            elif event.startswith(_FORBIDDEN_PREFIXES) or (
                event in _PATH_EVENTS and not self._allowed_path(args[0] if args else ".")
            ):
                self.events.append(f"{event}{args!r}"[:300])
        finally:
            self.active = True


_AUDIT: _Audit | None = None

_IN_ACCESS, _IN_OPEN, _IN_NONBLOCK, _IN_CLOEXEC = 0x1, 0x20, 0o4000, 0o2000000


class _Inotify:
    """Tells whether anything opened or read files in a directory (Linux only)."""

    def __init__(self, directory: Path) -> None:
        self.fd = -1
        if not sys.platform.startswith("linux"):
            return
        libc = ctypes.CDLL(None, use_errno=True)
        fd = libc.inotify_init1(_IN_NONBLOCK | _IN_CLOEXEC)
        if fd < 0:
            return
        if libc.inotify_add_watch(fd, os.fsencode(directory), _IN_OPEN | _IN_ACCESS) < 0:
            os.close(fd)
            return
        self.fd = fd

    def touched(self) -> bool:
        """Whether an event arrived since the last call."""
        if self.fd < 0:
            return False
        seen = False
        while True:
            try:
                data = os.read(self.fd, 4096)
            except BlockingIOError:
                return seen
            if not data:
                return seen
            seen = seen or len(data) >= struct.calcsize("iIII")

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


@dataclass
class Sandbox:
    """Sentinels and watchers for one fuzzing session."""

    sentinels: Sentinels
    directory: Path
    inotify: _Inotify
    listener: socket.socket
    allowed: tuple[str, ...]

    def connections(self) -> int:
        """How many connections reached the sentinel port since the last call."""
        count = 0
        while True:
            try:
                connection, _ = self.listener.accept()
            except (BlockingIOError, OSError):
                return count
            connection.close()
            count += 1

    @contextmanager
    def watching(self) -> Iterator[list[str]]:
        """Record forbidden events during the block into the yielded list."""
        assert _AUDIT is not None
        _AUDIT.allowed = self.allowed
        _AUDIT.events = events = []
        _AUDIT.active = True
        try:
            yield events
        finally:
            _AUDIT.active = False


@contextmanager
def sandbox(schema_cache: Path) -> Iterator[Sandbox]:
    """Sentinels (a watched file, a watched port) and the audit hook's allow-list."""
    global _AUDIT
    if _AUDIT is None:
        _AUDIT = _Audit()
    with tempfile.TemporaryDirectory(prefix="domxml-fuzz-") as name:
        directory = Path(name)
        secret = directory / "secret.dtd"
        secret.write_text(f'<!ENTITY leak "{TOKEN}">{TOKEN}\n')
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        listener.setblocking(False)
        inotify = _Inotify(directory)
        roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, str(schema_cache)}
        roots |= {str(Path(domxml.__file__).parent), "/dev/urandom"}
        allowed = tuple(os.path.realpath(root) for root in roots)
        try:
            yield Sandbox(
                Sentinels(str(secret), listener.getsockname()[1]),
                directory,
                inotify,
                listener,
                allowed,
            )
        finally:
            inotify.close()
            listener.close()


# -- one input -----------------------------------------------------------------------------


@dataclass
class Outcome:
    """What happened to one input."""

    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    parsed: bool = False


def _where(error: BaseException) -> str:
    """``Type at file:line`` of the innermost frame: a failure's signature."""
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return type(error).__name__
    last = frames[-1]
    return f"{type(error).__name__} at {Path(last.filename).name}:{last.lineno}"


def _calls(source: str | bytes, data: bytes) -> list[tuple[str, Callable[[Any], Any]]]:
    from domxml.binding import write_document

    return [
        ("to_xml", lambda m: domxml.to_xml(m)),
        ("to_xml libvirt", lambda m: domxml.to_xml(m, style="libvirt")),
        ("write_document verbatim=False", lambda m: write_document(m, verbatim=False)),
        ("to_json", lambda m: domxml.to_json(m)),
    ]


def _run(source: str | bytes, data: bytes, outcome: Outcome) -> list[str]:
    """Make every call once; return the texts they produced (for the leak check)."""
    texts: list[str] = []

    def attempt(name: str, call: Callable[[], Any]) -> Any:
        try:
            return call()
        except domxml.DomxmlError as error:
            texts.append(str(error))
        except RecursionError as error:  # before Exception: the message is short
            outcome.problems.append(f"{name}: {_where(error)}: RecursionError")
        except BaseException as error:
            if isinstance(error, KeyboardInterrupt):
                raise
            outcome.problems.append(
                f"{name}: {_where(error)}: {str(error)[:200]}\n"
                + "".join(traceback.format_exception(error))[-3000:]
            )
        return None

    model = attempt("parse", lambda: domxml.parse(source))
    if model is not None:
        outcome.parsed = True
        for name, call in _calls(source, data):
            result = attempt(name, lambda call=call: call(model))  # type: ignore[misc]
            if isinstance(result, str):
                texts.append(result)
    report = attempt("validate", lambda: domxml.validate(data, LIBVIRT))
    if report is not None:
        texts.extend(str(error) for error in getattr(report, "errors", ()))
    return texts


def check(source: str | bytes, box: Sandbox) -> Outcome:
    """Run the properties on one input; the outcome lists every violation."""
    data = source.encode("utf-8", "surrogatepass") if isinstance(source, str) else source
    outcome = Outcome()
    box.inotify.touched()
    box.connections()
    with box.watching() as events:
        start = time.process_time()
        texts = _run(source, data, outcome)
        outcome.seconds = time.process_time() - start
    if outcome.seconds > TIME_LIMIT:
        # Once more: a hiccup (a collection of the garbage of earlier inputs) is not slowness.
        again = Outcome()
        with box.watching():
            start = time.process_time()
            _run(source, data, again)
            outcome.seconds = min(outcome.seconds, time.process_time() - start)
        if outcome.seconds > TIME_LIMIT:
            outcome.problems.append(f"slow: {outcome.seconds:.2f}s > {TIME_LIMIT}s")
    outcome.problems.extend(f"touched: {event}" for event in events)
    if box.inotify.touched():
        outcome.problems.append("touched: the sentinel file was opened (by C code)")
    if box.connections():
        outcome.problems.append("touched: a connection reached the sentinel port")
    if any(TOKEN in text for text in texts):
        outcome.problems.append("leaked: the sentinel file's content is in the output")
    return outcome
