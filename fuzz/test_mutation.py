"""Mutation fuzzing seeded from libvirt's corpus: the CI profile and the regressions.

``parse``, ``to_xml`` (both styles, and ``write_document(m, verbatim=False)``),
``to_json`` and ``validate`` (libvirt 11.3.0's schemas, imported into a
temporary ``XDG_CACHE_HOME``) raise nothing but ``DomxmlError``, take at most
1 s per input, and touch neither the file system nor the network (see
``fuzz/harness.py``). The inputs derive from a fixed seed; a failure prints
the seed and the input's index (``python -m fuzz --seed S --only I`` makes
it again) and is saved under ``fuzz/regressions/``, which the second test
replays from then on. docs/fuzzing.md has the long profile.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from fuzz.__main__ import CI_COUNT, CI_SEED
from fuzz.harness import Sandbox, check, import_schemas, missing_reason, sandbox, seed_documents
from fuzz.runner import REGRESSIONS, replay_source, run_parallel, warm_up

CI_WORKERS = 2


def _require_data() -> None:
    reason = missing_reason()
    if reason is not None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def schema_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """libvirt 11.3.0's schemas imported into a temporary ``XDG_CACHE_HOME``."""
    _require_data()
    cache = tmp_path_factory.mktemp("fuzz-xdg-cache")
    with pytest.MonkeyPatch.context() as patch:
        for name in ("XDG_CACHE_HOME", "DOMXML_SYSTEM_SCHEMAS", "DOMXML_SCHEMA_PATH"):
            patch.delenv(name, raising=False)
        import_schemas(cache)  # sets the variables; the patch restores them
        yield cache


@pytest.fixture(scope="module")
def box(schema_cache: Path) -> Iterator[Sandbox]:
    """The sentinels and watchers, warmed up on one document of each kind."""
    with sandbox(schema_cache) as box:
        warm_up(seed_documents(), box)
        yield box


def test_ci_profile_mutated_inputs_are_harmless(schema_cache: Path) -> None:
    stats = run_parallel(CI_SEED, schema_cache, CI_WORKERS, count=CI_COUNT)
    print(stats.summary())
    assert stats.tried >= 20_000
    found = [
        f"index {f.index} (python -m fuzz --seed {f.seed} --only {f.index}), "
        f"saved as {f.saved}:\n  " + "\n  ".join(f.problems)
        for f in stats.failures[:10]
    ]
    assert not found, f"{len(stats.failures)} failures, seed {CI_SEED!r}:\n" + "\n".join(found)


REGRESSION_FILES = sorted(REGRESSIONS.glob("*.xml"))


@pytest.mark.parametrize("path", REGRESSION_FILES, ids=[p.name for p in REGRESSION_FILES])
def test_regression_stays_fixed(path: Path, box: Sandbox) -> None:
    outcome = check(replay_source(path, box), box)
    note = path.with_name(path.name.split(".")[0] + ".txt")
    assert not outcome.problems, f"{path.name} ({note.read_text()}):\n" + "\n".join(
        outcome.problems
    )
