"""Idempotency over libvirt's domain corpus, against the embedded test driver.

Every domain document that libvirt 11.3.0's schema accepts (MANIFEST.tsv
``valid``) is applied to ``test:///default`` and planned again: the plan
must say ``unchanged``, for every document the test driver defines.
Documents libvirt 9.0.0 (the library here) rejects are counted apart, and
so are those the test driver refuses to define. Where libvirt does not keep
a document as written (it drops a hypervisor namespace it does not know, or
rewrites a value), apply reports it, and the plan says ``unchanged`` by the
last-applied record (``domxml.apply.record``), keeping what apply reported
as what libvirt does not keep. The counts are printed. The network
documents go the same way (their record is written by defining them again).

The test driver runs in the process that opens it, and thousands of
definitions have crashed it (docs/apply-testdriver.md): the documents are
applied in spawned worker processes, each with a test driver of its own
(``contained.run_contained``), so that a crash fails the test naming the
document, and the rest are still counted.
"""

from __future__ import annotations

import os
import re
import signal
import textwrap
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from contained import run_contained
from libvirt_support import TEST_URI, require_libvirt

from domxml.apply import ApplyError, InvalidInputError, apply, connect, plan, remove
from domxml.apply.plan import UNCHANGED

#: Hypervisor namespaces the test driver does not keep (only their own driver does).
FOREIGN_NAMESPACES = ("qemu:", "lxc:", "bhyve:", "vmware:", "xen:")
#: Worker processes per corpus: the documents are cut in as many consecutive runs.
WORKERS = min(2, os.cpu_count() or 1)


def _not_kept_reason(paths: list[str]) -> str:
    """Why a plan was unchanged only by the record: what libvirt did not keep, broadly."""
    if all(path.split("/")[2].startswith(FOREIGN_NAMESPACES) for path in paths):
        return "a hypervisor namespace the test driver drops"
    if all("/panic" in path for path in paths):
        return "a <panic/> without a model, which the test driver drops"
    return "values libvirt drops or writes otherwise"


def corrupts_libvirt(path: Path) -> bool:
    """Whether libvirt 9.0.0 corrupts its heap defining this document (docs/apply-testdriver.md).

    A NUMA ``<sibling id>`` that names no cell: libvirt writes past the
    cell's distances (valgrind: "Invalid write of size 8" under
    virDomainDefParseNode). Such a document is applied and planned like the
    others, in a worker of its own that ends right after, so that the damage
    cannot crash the documents after it.
    """
    text = path.read_text()
    cells = re.findall(r"<cell\b[^>]*\bid=['\"](\d+)", text)
    return any(int(i) >= len(cells) for i in re.findall(r"<sibling\b[^>]*\bid=['\"](\d+)", text))


def _valid_files(corpus_dir: Path, family: str) -> Iterator[Path]:
    manifest = (corpus_dir / "MANIFEST.tsv").read_text().splitlines()[1:]
    for line in manifest:
        path, _schema, expected, _sha = line.split("\t")
        if path.startswith(f"{family}/") and expected == "valid":
            yield corpus_dir / path


# -- in the worker processes: a test driver of their own ---------------------------------------


def open_parked_domain() -> Any:
    """A test driver without its built-in domain ``test``.

    Many corpus documents are named ``test`` too; with the built-in one
    gone, they define like the others. The worker's driver dies with it.
    """
    conn = connect(TEST_URI)
    domain = conn.lookupByName("test")
    for snapshot in domain.listAllSnapshots(0):
        snapshot.delete(0)
    if domain.isActive():
        domain.destroy()
    domain.undefine()
    return conn


def open_parked_network() -> Any:
    """A test driver without its built-in network ``default``."""
    conn = connect(TEST_URI)
    network = conn.networkLookupByName("default")
    if network.isActive():
        network.destroy()
    network.undefine()
    return conn


@dataclass(frozen=True)
class Applied:
    """What applying then planning one document gave (sent back by a worker)."""

    #: ``invalid`` (for 9.0.0), ``refused`` (by the test driver), ``changed`` or ``unchanged``.
    result: str
    #: The test driver's reason, for ``refused``.
    refused: str = ""
    #: libvirt refused to read back its own definition with the record in it.
    without_record: bool = False
    #: The plan's changes, for ``changed``.
    changes: tuple[str, ...] = ()
    #: What the plan says libvirt does not keep (path, change), for ``unchanged``.
    not_kept: tuple[tuple[str, str], ...] = ()


def apply_then_plan(conn: Any, path: Path) -> Applied:
    """Apply one document, plan it again, remove it."""
    try:
        result = apply(conn, [path])
    except InvalidInputError:
        return Applied("invalid")
    except ApplyError as e:
        return Applied("refused", refused=_first_line(e))
    (outcome,) = result.outcomes
    without_record = outcome.record is None
    if without_record:
        # libvirt refused to read back its own definition with the record
        # in it (it writes what it then rejects); apply said so in a note.
        assert any(n.startswith("no last-applied record") for n in outcome.notes), path
    try:
        (step,) = plan(conn, [path]).steps
    finally:
        remove(conn, [outcome.step.ref], force=True)
    if step.action != UNCHANGED:
        return Applied(
            "changed", without_record=without_record, changes=tuple(map(str, step.changes))
        )
    # What the plan keeps as information is exactly what apply said libvirt did not keep.
    assert [str(c) for c in step.not_kept] == [str(c) for c in outcome.drift], path
    not_kept = tuple((c.path, str(c)) for c in step.not_kept)
    return Applied("unchanged", without_record=without_record, not_kept=not_kept)


# -- in the test process -----------------------------------------------------------------------


def _print_counts(family: str, counts: Counter[str]) -> None:
    print(f"\n{family} corpus on test:///default:")
    for what in (
        "valid for 11.3.0",
        "invalid for 9.0.0",
        "refused by the test driver",
        "defined",
        "unchanged",
        "unchanged by the last-applied record",
        "without a record (libvirt refuses its own output)",
    ):
        print(f"  {what}: {counts[what]}")


def _first_line(error: Exception) -> str:
    text = str(error).splitlines()[0]
    return re.sub(r"'[^']*'", "'…'", text.split(": ", 1)[-1])[:100]


@dataclass
class _Run:
    """What applying then planning a family's corpus gave."""

    counts: Counter[str] = field(default_factory=Counter)
    refused: Counter[str] = field(default_factory=Counter)
    by_record: dict[str, list[str]] = field(default_factory=dict)
    changed: dict[str, list[str]] = field(default_factory=dict)


def _apply_then_plan(corpus_dir: Path, family: str) -> _Run:
    """Apply each valid document of ``family`` in worker processes, plan it again, remove it.

    A document on which a worker crashed (or raised) fails the test, named.
    """
    require_libvirt()
    paths = list(_valid_files(corpus_dir, family))
    init = open_parked_domain if family == "domain" else open_parked_network
    done = run_contained(
        apply_then_plan,
        paths,
        init=init,
        label=lambda path: str(path.relative_to(corpus_dir)),
        workers=WORKERS,
        alone=corrupts_libvirt,
    )
    done.check("document")
    run = _Run()
    counts = run.counts
    for path in paths:
        applied = done.results[str(path.relative_to(corpus_dir))]
        counts["valid for 11.3.0"] += 1
        if applied.result == "invalid":
            counts["invalid for 9.0.0"] += 1
            continue
        if applied.result == "refused":
            counts["refused by the test driver"] += 1
            run.refused[applied.refused] += 1
            continue
        counts["defined"] += 1
        if applied.without_record:
            counts["without a record (libvirt refuses its own output)"] += 1
        if applied.result == "changed":
            run.changed[path.name] = list(applied.changes)
            continue
        counts["unchanged"] += 1
        if applied.not_kept:
            run.by_record[path.name] = [change_path for change_path, _ in applied.not_kept]
            counts["unchanged by the last-applied record"] += 1
    return run


def test_corpus_apply_then_plan_is_unchanged(corpus_dir: Path) -> None:
    run = _apply_then_plan(corpus_dir, "domain")
    counts, refused, by_record, changed = run.counts, run.refused, run.by_record, run.changed
    reasons: dict[str, list[str]] = {}
    for name, paths in sorted(by_record.items()):
        reasons.setdefault(_not_kept_reason(paths), []).append(name)
    _print_counts("domain", counts)
    print("  refused by the test driver, by reason:")
    for reason, n in refused.most_common():
        print(f"    {n} {reason}")
    print("  unchanged by the last-applied record, by what libvirt does not keep:")
    for reason, names in sorted(reasons.items(), key=lambda item: -len(item[1])):
        print(f"    {len(names)} {reason}:")
        print(
            textwrap.fill(
                ", ".join(names),
                100,
                initial_indent=" " * 6,
                subsequent_indent=" " * 6,
                break_on_hyphens=False,
            )
        )
    for name, changes in sorted(changed.items()):
        print(f"  {name}: CHANGED")
        for change in changes:
            print(f"      {change[:150]}")
    assert not changed, f"not unchanged after apply: {sorted(changed)}"
    assert counts["unchanged"] == counts["defined"] > 2000


def test_network_corpus_apply_then_plan_is_unchanged(corpus_dir: Path) -> None:
    """The same for networks: their record is written by defining them once more."""
    run = _apply_then_plan(corpus_dir, "network")
    counts, changed = run.counts, run.changed
    _print_counts("network", counts)
    assert not changed, f"not unchanged after apply: {changed}"
    assert counts["unchanged"] == counts["defined"] > 100


def test_the_document_libvirt_corrupts_its_heap_on_is_applied_alone(corpus_dir: Path) -> None:
    corrupting = [p for p in _valid_files(corpus_dir, "domain") if corrupts_libvirt(p)]
    assert [p.name for p in corrupting] == ["cpu-numa-distance-nonexistent-sibling.xml"]


def _crash_on_the_second(conn: Any, path: Path) -> Applied:
    """This file's worker, made to segfault on the corpus's second valid domain document."""
    if path.name == _CRASH_ON:
        os.kill(os.getpid(), signal.SIGSEGV)
    return apply_then_plan(conn, path)


_CRASH_ON = "bhyveargv2xml-ahci-hd.xml"


def test_a_worker_crashing_on_a_document_fails_naming_it(corpus_dir: Path) -> None:
    """Containment (contained.py): the crash is a failure naming the document; the rest go on."""
    require_libvirt()
    paths = list(_valid_files(corpus_dir, "domain"))[:3]
    assert paths[1].name == _CRASH_ON
    done = run_contained(
        _crash_on_the_second,
        paths,
        init=open_parked_domain,
        label=lambda path: str(path.relative_to(corpus_dir)),
    )
    crashed = str(paths[1].relative_to(corpus_dir))
    assert done.failures == {crashed: "the worker process killed by SIGSEGV while on it"}
    assert [r.result for r in done.results.values()] == ["unchanged", "unchanged"]
    with pytest.raises(AssertionError, match=f"1 document\\(s\\) failed .*: {crashed}"):
        done.check("document")
