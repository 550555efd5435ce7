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
"""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from libvirt_support import test_conn  # noqa: F401  (a fixture)

from domxml.apply import ApplyError, InvalidInputError, apply, plan, remove
from domxml.apply.diff import Change
from domxml.apply.plan import UNCHANGED

#: Hypervisor namespaces the test driver does not keep (only their own driver does).
FOREIGN_NAMESPACES = ("qemu:", "lxc:", "bhyve:", "vmware:", "xen:")


def _not_kept_reason(changes: list[Change]) -> str:
    """Why a plan was unchanged only by the record: what libvirt did not keep, broadly."""
    if all(c.path.split("/")[2].startswith(FOREIGN_NAMESPACES) for c in changes):
        return "a hypervisor namespace the test driver drops"
    if all("/panic" in c.path for c in changes):
        return "a <panic/> without a model, which the test driver drops"
    return "values libvirt drops or writes otherwise"


def _valid_files(corpus_dir: Path, family: str) -> Iterator[Path]:
    manifest = (corpus_dir / "MANIFEST.tsv").read_text().splitlines()[1:]
    for line in manifest:
        path, _schema, expected, _sha = line.split("\t")
        if path.startswith(f"{family}/") and expected == "valid":
            yield corpus_dir / path


@pytest.fixture()
def parked(test_conn: Any) -> Iterator[Any]:  # noqa: F811
    """The test driver without its built-in domain ``test`` (put back afterwards).

    Many corpus documents are named ``test`` too; with the built-in one
    gone, they define like the others.
    """
    domain = test_conn.lookupByName("test")
    xml = domain.XMLDesc(0)
    running = domain.isActive()
    snapshots = domain.listAllSnapshots(0)
    for snapshot in snapshots:
        snapshot.delete(0)
    if running:
        domain.destroy()
    domain.undefine()
    yield test_conn
    restored = test_conn.defineXML(xml)
    if running:
        restored.create()


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
    by_record: dict[str, list[Change]] = field(default_factory=dict)
    changed: dict[str, list[str]] = field(default_factory=dict)


def _apply_then_plan(conn: Any, corpus_dir: Path, family: str) -> _Run:
    """Apply each valid document of ``family``, plan it again, remove it."""
    run = _Run()
    counts = run.counts
    for path in _valid_files(corpus_dir, family):
        counts["valid for 11.3.0"] += 1
        try:
            result = apply(conn, [path])
        except InvalidInputError:
            counts["invalid for 9.0.0"] += 1
            continue
        except ApplyError as e:
            counts["refused by the test driver"] += 1
            run.refused[_first_line(e)] += 1
            continue
        counts["defined"] += 1
        (outcome,) = result.outcomes
        if outcome.record is None:
            # libvirt refused to read back its own definition with the record
            # in it (it writes what it then rejects); apply said so in a note.
            assert any(n.startswith("no last-applied record") for n in outcome.notes), path
            counts["without a record (libvirt refuses its own output)"] += 1
        try:
            (step,) = plan(conn, [path]).steps
        finally:
            remove(conn, [outcome.step.ref], force=True)
        if step.action != UNCHANGED:
            run.changed[path.name] = [str(c) for c in step.changes]
            continue
        counts["unchanged"] += 1
        # What the plan keeps as information is exactly what apply said libvirt did not keep.
        assert [str(c) for c in step.not_kept] == [str(c) for c in outcome.drift], path
        if step.not_kept:
            run.by_record[path.name] = step.not_kept
            counts["unchanged by the last-applied record"] += 1
    return run


def test_corpus_apply_then_plan_is_unchanged(corpus_dir: Path, parked: Any) -> None:
    run = _apply_then_plan(parked, corpus_dir, "domain")
    counts, refused, by_record, changed = run.counts, run.refused, run.by_record, run.changed
    reasons: dict[str, list[str]] = {}
    for name, changes in sorted(by_record.items()):
        reasons.setdefault(_not_kept_reason(changes), []).append(name)
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


@pytest.fixture()
def parked_network(test_conn: Any) -> Iterator[Any]:  # noqa: F811
    """The test driver without its built-in network ``default`` (put back afterwards)."""
    network = test_conn.networkLookupByName("default")
    xml = network.XMLDesc(0)
    running = network.isActive()
    if running:
        network.destroy()
    network.undefine()
    yield test_conn
    restored = test_conn.networkDefineXML(xml)
    if running:
        restored.create()


def test_network_corpus_apply_then_plan_is_unchanged(corpus_dir: Path, parked_network: Any) -> None:
    """The same for networks: their record is written by defining them once more."""
    run = _apply_then_plan(parked_network, corpus_dir, "network")
    counts, changed = run.counts, run.changed
    _print_counts("network", counts)
    assert not changed, f"not unchanged after apply: {changed}"
    assert counts["unchanged"] == counts["defined"] > 100
