"""domxml's own grammars against libvirt's schema on the fuzzer's documents.

The grammars (``schemas/rng/``, :mod:`domxml.validation.bundled`) stand in
for libvirt's schemas where those are not installed. Documents drawn from
the models' strategies, and each once mutated, must get libvirt 12.9.0's
verdict (the newest release the models know) from them too
(``tests/test_validate_bundled.py`` does the same on libvirt's own test
documents, with 11.3.0's verdicts).
"""

from __future__ import annotations

import os
import random
import warnings
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings
from lxml import etree

import domxml
from domxml.validation import bundled
from domxml.validation.devices import DEVICE_SCHEMA, compile_device_grammar
from fuzz import mutate
from fuzz.conformance import FAMILIES, family_strategy
from fuzz.harness import data_dir, missing_reason


def require_schema_dir() -> Path:
    """libvirt 11.3.0's schemas; skip (fail under CI) without them."""
    reason = missing_reason()
    if reason is not None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return data_dir() / "schemas"


def test_libvirts_verdicts_on_drawn_and_mutated_documents(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The fuzzer's documents (drawn from the models) and one mutation of each.

    Compared with libvirt 12.9.0's schema on the same document, both ways:
    what libvirt refuses after a mutation (a deleted, duplicated or moved
    element, a changed value) the grammar must refuse too.
    """
    # The grammars follow the models, which know libvirt 12.9.0: compared
    # with 12.9.0's schema, on documents drawn for 12.9.0.
    libvirt_dir = require_schema_dir().parent.parent / "12.9.0" / "schemas"
    if not (libvirt_dir / "domain.rng").is_file():
        pytest.fail(f"libvirt 12.9.0's schemas not found in {libvirt_dir}")
    mutations = [mutate._delete, mutate._duplicate, mutate._swap, mutate._attribute_value]
    rng = random.Random(20261207)
    counts: Counter[tuple[str, str, bool]] = Counter()
    for family in ("domain", "network", "pool", "volume", "snapshot", "device"):
        if family == "device":
            # A single device: libvirt's set has no schema of its own for it,
            # only its domain schema, from which validate makes one.
            theirs = compile_device_grammar(libvirt_dir)
            ours = etree.RelaxNG(etree.parse(str(bundled.grammar_dir() / DEVICE_SCHEMA)))
        else:
            schema = FAMILIES[family][0]
            theirs = etree.RelaxNG(etree.parse(str(libvirt_dir / schema)))
            ours = etree.RelaxNG(etree.parse(str(bundled.grammar_dir() / schema)))
        assert theirs is not None
        drawn = _draw(family)
        for data in drawn:
            root = etree.fromstring(data)
            counts[(family, "drawn", theirs.validate(root) == ours.validate(root))] += 1
            rng.choice(mutations)(root, rng)
            counts[(family, "mutated", theirs.validate(root) == ours.validate(root))] += 1
    total = sum(counts.values())
    agreed = sum(n for (_, _, same), n in counts.items() if same)
    with capsys.disabled():
        print(f"\nbundled grammars on drawn and mutated documents: {agreed} of {total} agree")
        for key, n in sorted(counts.items()):
            print(f"  {key[0]:9} {key[1]:8} {'agree' if key[2] else 'disagree':9} {n}")
    assert total >= 420
    assert all(same for (_, kind, same) in counts if kind == "drawn")
    assert agreed >= 0.995 * total


def _draw(family: str) -> list[bytes]:
    """40 documents of ``family`` drawn from the models' strategies, written as XML."""
    drawn: list[bytes] = []

    @seed(random.Random(f"bundled:{family}").getrandbits(64))
    @settings(
        max_examples=40,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(family_strategy(family, libvirt="12.9.0"))
    def draw(model: object) -> None:
        drawn.append(domxml.to_xml(model).encode())  # type: ignore[arg-type]

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # hypothesis: "overly large repr" of a deep strategy
        draw()
    return drawn
