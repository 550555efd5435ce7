"""``domxml validate`` on the new kinds' corpus documents: libvirt's verdicts, kinds detected.

Every document of the new kinds that libvirt's schema test checks, from
both manifests, is validated with libvirt 11.3.0's schemas in one run,
without ``--type``: the kind each gets is its root's (a root
``<interface>`` a host's or a single device's by its content), and the
verdict is the one the manifest records. libvirt's sets have no schema of
single devices: they are checked with a grammar made from the set's domain
schema (``domxml.validation.devices``), against libvirt's verdicts with its
test schema ``device.rng``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from kinds_support import FAMILIES, entries
from validate_support import run, schema_home

__all__ = ["schema_home"]


def test_verdicts_are_the_manifests(schema_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    checked = [entry for family in sorted(FAMILIES) for entry in entries(family)]
    files = [str(entry.file) for entry in checked]
    result = run("validate", "--libvirt", "11.3.0", "--format", "json", *files)
    assert result.code in (0, 1), result.err
    verdicts = {item["file"]: item for item in result.json()["files"]}
    wrong = []
    agreed: Counter[str] = Counter()
    for entry in checked:
        got = verdicts[str(entry.file)]
        kind = FAMILIES[entry.family].kind
        if got["kind"] != kind:
            wrong.append(f"{entry.path}: detected as {got['kind']}, not {kind}")
        elif got["status"] != entry.expected:
            wrong.append(f"{entry.path}: expected {entry.expected}, got {got['status']}")
        else:
            agreed[entry.family] += 1
    with capsys.disabled():
        print(
            f"\nvalidate, new kinds: {sum(agreed.values())} of {len(checked)} agree with libvirt: "
            + ", ".join(f"{family} {n}" for family, n in sorted(agreed.items()))
        )
    assert len(checked) == 397 + 85  # and the single devices
    assert wrong == [], "\n".join(wrong[:20])
