"""Conformance, CI profile: models drawn from the declarations, checked against libvirt.

For each family, ``EXAMPLES`` models are drawn from a fixed seed
(``CONFORMANCE_SEED``; ``python -m fuzz --conformance N`` runs more) and
each is checked as :mod:`fuzz.conformance` says: every one must be valid
under libvirt 11.3.0's schema, and the round-trip properties
(``parse(to_xml(m)) == m``, ``from_json(to_json(m)) == m``, libvirt's layout
a fixed point) must hold for every one. A family's draws depend on its seed
alone, so a failure reproduces. The families run side by side, in a process
each, as many at a time as the machine has cores. A document libxml2 does
not validate within ``VALIDATION_TIMEOUT`` counts as a failure of its own.
"""

from __future__ import annotations

import os

import pytest

from fuzz.conformance import FAMILIES, TIMEOUT, Result, run_families
from fuzz.harness import data_dir, missing_reason

CONFORMANCE_SEED = "domxml-conformance-ci-1"

#: Models drawn per family in CI.
EXAMPLES = 2000

#: The longest families first, so that the cores end together.
ORDER = ("snapshot", "domain", "device", "network", "volume", "pool")

#: The kinds beside those, checked against libvirt 12.9.0's schemas, with
#: fewer models each; each must round-trip, and its share of schema-valid
#: documents may not fall below its floor. What keeps a floor below 100%
#: is a rule the declarations cannot state yet:
NEW_FLOORS = {
    "domaincaps": 85,  # a custom CPU model's <blockers> right after it
    "capabilities": 100,
    "nodedev": 90,  # a parent's choice of name, WWNs or fabric WWN
    "secret": 100,
    "nwfilter": 100,
    "nwfilterbinding": 100,
    "interface": 85,  # one <protocol> per family at most
    "networkport": 100,
    "checkpoint": 100,
    "backup": 85,  # a disk's scratch file or device follows its type
    "storagepoolcaps": 100,
    "cpu": 100,
}
NEW_EXAMPLES = 100


@pytest.fixture(scope="module")
def results() -> dict[str, Result]:
    """Every family's run, the families shared among the machine's cores."""
    reason = missing_reason()
    if reason is not None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    assert sorted((*ORDER, *NEW_FLOORS)) == sorted(FAMILIES)
    runs = run_families(
        (*ORDER, *NEW_FLOORS),
        data_dir() / "schemas",
        lambda family: NEW_EXAMPLES if family in NEW_FLOORS else EXAMPLES,
        CONFORMANCE_SEED,
    )
    return {result.family: result for result in runs}


@pytest.mark.parametrize("family", list(NEW_FLOORS))
def test_new_kinds_round_trip_and_mostly_meet_the_schema(
    family: str, results: dict[str, Result]
) -> None:
    result = results[family]
    print(result.line())
    assert result.examples == NEW_EXAMPLES
    broken = result.round_trip_failures()
    assert not broken, "\n\n".join(
        f"{kind} ({count}x), first:\n{result.first[kind]}" for kind, count in broken.items()
    )
    assert 100 * result.valid >= NEW_FLOORS[family] * result.examples, (
        f"{family}: {result.examples - result.valid} of {result.examples} generated documents"
        " invalid under libvirt 12.9.0's schema; first:\n"
        + result.first.get("schema", result.first.get(TIMEOUT, ""))
    )


@pytest.mark.parametrize("family", ORDER)
def test_generated_models_round_trip_and_meet_the_schema(
    family: str, results: dict[str, Result]
) -> None:
    result = results[family]
    print(result.line())
    assert result.examples == EXAMPLES
    broken = result.round_trip_failures()
    assert not broken, "\n\n".join(
        f"{kind} ({count}x), first:\n{result.first[kind]}" for kind, count in broken.items()
    )
    assert result.valid == result.examples, (
        f"{family}: {result.examples - result.valid} of {result.examples} generated documents"
        " invalid under libvirt 11.3.0's schema; first:\n"
        + result.first.get("schema", result.first.get(TIMEOUT, ""))
    )
