"""Running what may crash the process where a crash is contained: a failed test, not a dead run.

libvirt's embedded test driver (``test:///default``) runs inside the process
that opens it; driven hard, it has crashed pytest itself (libvirt 9.0.0's
domain parser writes past a buffer on one corpus document, and the damaged
heap crashes whatever comes next: docs/apply-testdriver.md). Such code runs here in child
processes, so that a crash is a test failure naming what was being done, and
the run goes on:

- :func:`run_contained` runs ``work(state, item)`` for each item in spawned
  worker processes (``state`` is what ``init()`` returned in that worker: a
  connection of its own, say) and returns the results; an item during which
  a worker died, hung or raised is a failure naming that item, and a fresh
  worker goes on with the rest. The corpus tests run their documents so.
- This module is also a pytest plugin: a test marked ``contained`` runs in a
  forked child, its reports sent back to pytest; a child that dies makes a
  failed report naming the test and the signal (tests/conftest.py marks so
  every test that uses the ``test_conn`` fixture).

The parent never opens libvirt's test driver: in a forked child it starts
afresh, as in a new process. A contained test's session-scoped fixtures are
set up in the child and die with it: a contained test must not be the first
user of one that starts something outside the process (``libvirtd``).
"""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import pickle
import signal
import sys
import time
import traceback
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

import pytest
from _pytest.runner import runtestprotocol

__all__ = ["MARKER", "Contained", "run_contained"]

MARKER = "contained"

Item = TypeVar("Item")
Result = TypeVar("Result")


def died(status: int) -> str:
    """How a child process ended, from its exit code (negative: the signal that killed it)."""
    if status < 0:
        try:
            name = signal.Signals(-status).name
        except ValueError:
            name = f"signal {-status}"
        return f"killed by {name}"
    return f"exited with status {status}"


# -- work items in spawned workers -------------------------------------------------------------


@dataclass
class Contained(Generic[Result]):
    """What :func:`run_contained` gave: results, and failures, by item label."""

    results: dict[str, Result] = field(default_factory=dict)
    #: Label -> what went wrong: the worker died or hung on it, or the traceback it raised.
    failures: dict[str, str] = field(default_factory=dict)
    #: How many worker processes were started (one more after each death or hang).
    workers_started: int = 0

    def check(self, what: str = "item") -> None:
        """Fail (AssertionError) naming every item that failed, with the first reasons."""
        if not self.failures:
            return
        shown = list(self.failures.items())[:10]
        details = "\n".join(f"--- {label}:\n{reason.rstrip()}" for label, reason in shown)
        more = len(self.failures) - len(shown)
        raise AssertionError(
            f"{len(self.failures)} {what}(s) failed in a contained worker: "
            f"{', '.join(self.failures)}\n{details}" + (f"\n... and {more} more" if more else "")
        )


def _serve(
    conn: Connection,
    work: Callable[[Any, Any], Any],
    init: Callable[[], Any] | None,
    damaged: bool = False,
) -> None:
    """A worker's loop: ``ready``, then for each item ``ok`` and the result, or ``error``.

    A ``damaged`` worker (its item is known to corrupt memory) leaves with
    ``os._exit``: freeing what it allocated could only crash it.
    """
    faulthandler.enable()  # a crash prints the Python stack on stderr (the test's output)
    failed_init = None
    try:
        state = init() if init is not None else None
    except Exception:
        failed_init = "the worker's set-up failed:\n" + traceback.format_exc()
    conn.send(("ready", None))
    while (item := conn.recv()) is not None:
        if failed_init is not None:
            conn.send(("error", failed_init))
            continue
        try:
            answer = ("ok", work(state, item))
        except Exception:
            answer = ("error", traceback.format_exc())
        conn.send(answer)
    if damaged:
        os._exit(0)


#: How long a worker may take to start (import, ``init``) before its first item is a failure.
START_TIMEOUT = 300.0


class _Worker:
    """One spawned worker process and the items it still has to do."""

    def __init__(
        self, context: Any, work: Callable[..., Any], init: Any, todo: deque[Any], damaged: bool
    ) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_serve, args=(child, work, init, damaged), daemon=True
        )
        self.damaged = damaged
        self.process.start()
        child.close()
        self.todo = todo
        self.current: Any = todo[0]  # what a failure to start is reported on
        self.ready = False
        self.since = time.monotonic()

    def deadline(self, timeout: float) -> float:
        return self.since + (timeout if self.ready else max(timeout, START_TIMEOUT))

    def next(self) -> bool:
        """Send the next item; ``False`` (and the worker told to stop) when there is none."""
        if not self.todo:
            self.conn.send(None)
            self.process.join(30)
            return False
        self.current = self.todo.popleft()
        self.since = time.monotonic()
        self.conn.send(self.current)
        return True

    def end(self) -> str:
        """Kill the process if it still runs; how it ended."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()
        return died(self.process.exitcode or 0)


def run_contained(
    work: Callable[[Any, Item], Result],
    items: Sequence[Item],
    *,
    init: Callable[[], Any] | None = None,
    label: Callable[[Item], str] = str,
    workers: int = 1,
    timeout: float = 120.0,
    alone: Callable[[Item], bool] = lambda item: False,
) -> Contained[Result]:
    """Run ``work(state, item)`` for every item in spawned workers; crashes are failures.

    ``work`` and ``init`` must be module-level functions (the workers import
    them), items and results picklable. The items are cut into ``workers``
    consecutive runs, one per worker, done in order, so that a worker sees
    what one process doing them all would see, from a fresh start. An item
    on which a worker dies (a signal, an exit) or takes more than
    ``timeout`` seconds is a failure saying so; a fresh worker (``init``
    again) goes on with the rest of that run. An exception from ``work`` is
    a failure with its traceback, and the worker goes on. An item for which
    ``alone(item)`` is true (one known to corrupt memory) runs in a worker
    of its own, which does nothing else and leaves without cleaning up, so
    that the damage dies with it instead of crashing later items.
    """
    context = multiprocessing.get_context("spawn")
    outcome: Contained[Result] = Contained()
    shared = [item for item in items if not alone(item)]
    count = max(1, min(workers, len(shared)))
    runs = [
        deque(shared[i * len(shared) // count : (i + 1) * len(shared) // count])
        for i in range(count)
    ]
    active: dict[Connection, _Worker] = {}

    def start(todo: deque[Any], damaged: bool = False) -> None:
        if todo:
            worker = _Worker(context, work, init, todo, damaged)
            outcome.workers_started += 1
            active[worker.conn] = worker

    for todo in runs:
        start(todo)
    for item in items:
        if alone(item):
            start(deque([item]), damaged=True)
    try:
        while active:
            soonest = min(w.deadline(timeout) for w in active.values())
            ready = wait(list(active), max(0.0, soonest - time.monotonic()))
            for conn in ready:
                worker = active.pop(conn)
                name = label(worker.current)
                try:
                    kind, payload = worker.conn.recv()
                except (EOFError, OSError):
                    where = "while on it" if worker.ready else "while starting"
                    outcome.failures[name] = f"the worker process {worker.end()} {where}"
                    if worker.ready:
                        start(worker.todo, worker.damaged)
                    else:  # it would fail the same way again: the rest fail with it
                        for item in list(worker.todo)[1:]:
                            outcome.failures[label(item)] = f"not done: {name}'s worker died"
                    continue
                if kind == "ready":
                    worker.ready = True
                elif kind == "ok":
                    outcome.results[name] = payload
                else:
                    outcome.failures[name] = payload
                if worker.next():
                    active[worker.conn] = worker
                elif (how := worker.end()) != died(0):
                    # A crash at exit (libvirt freeing what it freed) is a crash all the same.
                    outcome.failures[f"{name} (then, at its exit)"] = f"the worker process {how}"
            now = time.monotonic()
            for conn, worker in list(active.items()):
                if now > worker.deadline(timeout):
                    del active[conn]
                    name = label(worker.current)
                    how = worker.end()
                    if worker.ready:
                        waited = f"no result after {timeout:g} s"
                    else:
                        waited = "the worker did not start"
                        worker.todo.popleft()
                    outcome.failures[name] = f"{waited}: the worker {how}"
                    start(worker.todo, worker.damaged)
    finally:
        for worker in active.values():
            worker.end()
    # In the items' order, whichever worker finished first (a worker's exit after its last).
    order = {label(item): n for n, item in enumerate(items)}
    outcome.results = dict(sorted(outcome.results.items(), key=lambda kv: order[kv[0]]))
    outcome.failures = dict(
        sorted(outcome.failures.items(), key=lambda kv: order.get(kv[0], len(items)))
    )
    return outcome


# -- whole tests in forked children (a pytest plugin) ------------------------------------------


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}: run the test in a forked child process, so that a crash fails it"
        " instead of killing pytest",
    )


class _UpTo:
    """Stands for the next item in a forked child: its teardown stops at what the parent set up.

    The child tears down the fixtures it set up for the test; the nodes set
    up before the fork (the session, maybe the module) are the parent's to
    tear down, once (pytest's ``SetupState.teardown_exact`` only asks the
    next item for its ``listchain()``).
    """

    def __init__(self, kept: list[Any]) -> None:
        self._kept = kept

    def listchain(self) -> list[Any]:
        return list(self._kept)


def _report(item: pytest.Item, when: str, longrepr: str) -> pytest.TestReport:
    return pytest.TestReport(
        item.nodeid,
        item.location,
        dict.fromkeys(item.keywords, 1),
        "failed",
        longrepr,
        when,  # type: ignore[arg-type]
    )


def _run_forked(item: pytest.Item, nextitem: pytest.Item | None) -> list[pytest.TestReport]:
    config = item.config
    setup_state = item.session._setupstate
    kept = list(setup_state.stack)
    sys.stdout.flush()
    sys.stderr.flush()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run the test, send its reports, never return into pytest
        status = 70
        try:
            os.close(read_end)
            reports = runtestprotocol(item, log=False, nextitem=_UpTo(kept))  # type: ignore[arg-type]
            data = [
                config.hook.pytest_report_to_serializable(config=config, report=r) for r in reports
            ]
            with os.fdopen(write_end, "wb") as pipe:
                pickle.dump(data, pipe)
            status = 0
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        sent = pipe.read()
    _, wait_status = os.waitpid(pid, 0)
    status = os.waitstatus_to_exitcode(wait_status)
    if status == 0 and sent:
        reports = [
            config.hook.pytest_report_from_serializable(config=config, data=d)
            for d in pickle.loads(sent)
        ]
    else:
        reports = [
            _report(
                item,
                "call",
                f"{item.nodeid}: the test's process {died(status)} (contained: it ran in a"
                " forked child, so pytest goes on; a fatal error's stack, if any, is on stderr)",
            )
        ]
    # What the runner does after each test: tear down what the next one does not need.
    try:
        setup_state.teardown_exact(nextitem)
    except Exception:
        reports.append(_report(item, "teardown", traceback.format_exc()))
    return reports


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> bool | None:
    """Run a ``contained`` test in a forked child; others as usual."""
    if item.get_closest_marker(MARKER) is None:
        return None
    item.ihook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
    for report in _run_forked(item, nextitem):
        item.ihook.pytest_runtest_logreport(report=report)
    item.ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)
    return True
