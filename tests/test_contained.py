"""Containment: a crash in a worker or a contained test is a failure naming what it was on.

``contained.run_contained`` with a tiny fake work function that kills its
own process on chosen items (SIGSEGV, as the test driver did; abort, as
glibc does on a double free), raises, or hangs (test_apply_corpus.py does
the same with its own worker on corpus documents); and the ``contained``
marker, in a pytest run of its own whose first test segfaults.
"""

from __future__ import annotations

import atexit
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from contained import died, run_contained

TESTS = Path(__file__).resolve().parent


def _fake_work(state: Any, item: str) -> str:
    """Echo the item with the worker's state and pid, or crash, raise or hang as it says."""
    if item.startswith("segv"):
        os.kill(os.getpid(), signal.SIGSEGV)
    if item.startswith("abort"):
        os.abort()
    if item.startswith("raise"):
        raise ValueError(f"cannot do {item}")
    if item.startswith("hang"):
        time.sleep(60)
    return f"{state}:{item}:{os.getpid()}"


def _fake_init() -> str:
    return "ready"


def test_a_crashing_worker_is_a_failure_naming_its_item() -> None:
    items = ["a", "segv-1", "b", "c", "abort-2", "raise-3", "d"]
    done = run_contained(_fake_work, items, init=_fake_init, workers=2)
    assert sorted(done.results) == ["a", "b", "c", "d"]
    assert all(r.startswith("ready:") for r in done.results.values())
    assert done.failures["segv-1"] == "the worker process killed by SIGSEGV while on it"
    assert done.failures["abort-2"] == "the worker process killed by SIGABRT while on it"
    assert "ValueError: cannot do raise-3" in done.failures["raise-3"]
    # Each run of items in a worker of its own, and a fresh one after each crash:
    # "a" and "b" before and after the SIGSEGV, "d" after the abort.
    pids = {item: int(r.rsplit(":", 1)[1]) for item, r in done.results.items()}
    assert pids["a"] != pids["b"] and pids["b"] != pids["d"] and pids["a"] != os.getpid()
    assert done.workers_started == 4
    with pytest.raises(AssertionError) as raised:
        done.check("document")
    message = str(raised.value)
    assert message.startswith("3 document(s) failed in a contained worker: segv-1, abort-2,")
    assert "killed by SIGSEGV" in message and "ValueError: cannot do raise-3" in message


def test_a_hanging_worker_is_killed_and_the_rest_done() -> None:
    done = run_contained(_fake_work, ["a", "hang", "b"], init=_fake_init, timeout=3)
    assert sorted(done.results) == ["a", "b"]
    assert done.failures == {"hang": "no result after 3 s: the worker killed by SIGKILL"}


def test_a_failed_set_up_fails_every_item() -> None:
    done = run_contained(_fake_work, ["a", "b"], init=_broken_init)
    assert done.results == {}
    assert list(done.failures) == ["a", "b"]
    assert "RuntimeError: no driver" in done.failures["a"]


def _broken_init() -> None:
    raise RuntimeError("no driver")


def _crash_at_exit_init() -> str:
    atexit.register(os.abort)  # as a double free while the interpreter shuts down
    return "ready"


def test_a_worker_crashing_at_its_exit_is_a_failure_too() -> None:
    done = run_contained(_fake_work, ["a", "b"], init=_crash_at_exit_init)
    assert sorted(done.results) == ["a", "b"]
    assert done.failures == {"b (then, at its exit)": "the worker process killed by SIGABRT"}


def test_an_item_alone_runs_in_a_worker_of_its_own() -> None:
    items = ["a", "b", "alone", "c"]
    done = run_contained(_fake_work, items, init=_crash_at_exit_init, alone="alone".__eq__)
    pids = {item: int(r.rsplit(":", 1)[1]) for item, r in done.results.items()}
    assert list(done.results) == items
    assert pids["a"] == pids["b"] == pids["c"] != pids["alone"]
    assert done.workers_started == 2
    # The shared worker's exit crashes (the init says so), the alone one's is skipped.
    assert done.failures == {"c (then, at its exit)": "the worker process killed by SIGABRT"}


def test_died() -> None:
    assert died(-11) == "killed by SIGSEGV"
    assert died(3) == "exited with status 3"


def test_a_contained_test_that_crashes_fails_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "test_crash.py").write_text(
        textwrap.dedent(
            """
            import os, signal
            import pytest

            PYTEST = os.getpid()

            @pytest.mark.contained
            def test_segfaults():
                os.kill(os.getpid(), signal.SIGSEGV)

            @pytest.mark.contained
            def test_in_a_child():
                assert os.getpid() != PYTEST

            @pytest.mark.contained
            def test_fails_in_a_child():
                assert 1 == 2, "an ordinary failure"

            def test_after_them():
                assert os.getpid() == PYTEST
            """
        )
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(TESTS), *sys.path]))
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "contained", "-q", "-p", "no:cacheprovider"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    assert "2 failed, 2 passed" in out, out
    assert (
        "test_crash.py::test_segfaults: the test's process killed by SIGSEGV (contained" in out
    ), out
    assert "AssertionError: an ordinary failure" in out, out
