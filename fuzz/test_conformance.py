"""Conformance, CI profile: models drawn from the declarations, checked against libvirt.

For each family, models are drawn from a fixed seed (``CONFORMANCE_SEED``;
``python -m fuzz --conformance N`` runs more) and each is checked as
:mod:`fuzz.conformance` says: every one must be valid under the schema of
the libvirt version the run is for, and the round-trip properties
(``parse(to_xml(m)) == m``, ``from_json(to_json(m)) == m``, libvirt's layout
a fixed point) must hold for every one. A family's draws depend on its seed
alone, so a failure reproduces. The families run side by side, in a process
each, as many at a time as the machine has cores. A document libxml2 does
not validate within ``VALIDATION_TIMEOUT`` seconds of CPU time counts as a failure of its own.

Every family runs against libvirt 11.3.0's schemas and against 12.9.0's
(read beside 11.3.0's). Each run draws only what its version's schema has
(``domxml.tools.since.unavailable``): 12.9.0's additions in the 12.9.0 run,
none of them in the 11.3.0 one. Domains, networks, storage, snapshots and
single devices: ``EXAMPLES`` models each against 11.3.0, ``NEWER_EXAMPLES``
against 12.9.0; the other kinds (capabilities, node devices, secrets...):
``KIND_EXAMPLES`` against each.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest

from fuzz.conformance import FAMILIES, TIMEOUT, Result, run_families
from fuzz.harness import LIBVIRT, missing_reason, schema_dir

CONFORMANCE_SEED = "domxml-conformance-ci-1"

#: Models drawn per family in CI, against libvirt 11.3.0.
EXAMPLES = 2000

#: The newer libvirt version checked too, and the models drawn per family for it.
NEWER = "12.9.0"
NEWER_EXAMPLES = 300

#: The longest families first, so that the cores end together.
ORDER = ("snapshot", "domain", "device", "network", "volume", "pool")

#: The other kinds, the longest first, and the models drawn per kind for each version.
KINDS = (
    "domaincaps",
    "nodedev",
    "capabilities",
    "interface",
    "nwfilter",
    "networkport",
    "nwfilterbinding",
    "backup",
    "checkpoint",
    "secret",
    "storagepoolcaps",
    "cpu",
)
KIND_EXAMPLES = 100


def _examples(libvirt: str) -> Callable[[str], int]:
    """How many models each family draws in the run against ``libvirt``."""
    first = EXAMPLES if libvirt == LIBVIRT else NEWER_EXAMPLES
    return lambda family: KIND_EXAMPLES if family in KINDS else first


def _run(libvirt: str) -> dict[str, Result]:
    """Every family's run against ``libvirt``'s schemas, the families sharing the cores."""
    reason = missing_reason()
    if reason is None and not (schema_dir(libvirt) / "domain.rng").is_file():
        reason = f"libvirt {libvirt} schemas not found in {schema_dir(libvirt)}"
    if reason is not None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    assert sorted((*ORDER, *KINDS)) == sorted(FAMILIES)
    runs = run_families(
        (*ORDER, *KINDS),
        schema_dir(libvirt),
        _examples(libvirt),
        CONFORMANCE_SEED,
        libvirt=libvirt,
    )
    return {result.family: result for result in runs}


@pytest.fixture(scope="module")
def results() -> dict[str, Result]:
    """Every family's run against libvirt 11.3.0."""
    return _run(LIBVIRT)


@pytest.fixture(scope="module")
def newer_results() -> dict[str, Result]:
    """Every family's run against libvirt 12.9.0."""
    return _run(NEWER)


def _check(result: Result, libvirt: str) -> None:
    print(f"libvirt {libvirt}: {result.line()}")
    assert result.examples == _examples(libvirt)(result.family)
    broken = result.round_trip_failures()
    assert not broken, "\n\n".join(
        f"{kind} ({count}x), first:\n{result.first[kind]}" for kind, count in broken.items()
    )
    assert result.valid == result.examples, (
        f"{result.family}: {result.examples - result.valid} of {result.examples} generated"
        f" documents invalid under libvirt {libvirt}'s schema; first:\n"
        + result.first.get("schema", result.first.get(TIMEOUT, ""))
    )


@pytest.mark.parametrize("family", list(FAMILIES))
def test_generated_models_round_trip_and_meet_the_schema(
    family: str, results: dict[str, Result]
) -> None:
    _check(results[family], LIBVIRT)


@pytest.mark.parametrize("family", list(FAMILIES))
def test_generated_models_meet_libvirt_12_9_0s_schema(
    family: str, newer_results: dict[str, Result]
) -> None:
    _check(newer_results[family], NEWER)
