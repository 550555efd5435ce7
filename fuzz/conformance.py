"""The conformance properties: generated models against libvirt's schemas and themselves.

For each family (:data:`FAMILIES`), models are drawn from the strategies
that :mod:`fuzz.strategies` derives from the declarations, and each is
checked:

- ``to_xml(m)`` is valid under libvirt 11.3.0's RELAX NG schema (a single
  device is checked inside a minimal domain, as libvirt has no schema of
  its own for one);
- ``parse(to_xml(m)) == m`` and ``from_json(to_json(m)) == m``;
- ``to_xml(m, style="libvirt")`` is a fixed point of parse then write.

:func:`run_family` draws a fixed number of examples from a seed (so a run
reproduces) and returns the counts and the first failures of each kind.
"""

from __future__ import annotations

import random
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from lxml import etree

import domxml
from domxml import Domain, DomainSnapshot, Network, StoragePool, StorageVolume
from domxml.binding import Model
from domxml.binding.spec import spec_of
from domxml.models.domain.devices import Devices
from fuzz.strategies import models

#: The schema file of each family's root, and its strategy's root class.
FAMILIES: dict[str, tuple[str, type[Model] | None]] = {
    "domain": ("domain.rng", Domain),
    "network": ("network.rng", Network),
    "pool": ("storagepool.rng", StoragePool),
    "volume": ("storagevol.rng", StorageVolume),
    "snapshot": ("domainsnapshot.rng", DomainSnapshot),
    "device": ("domain.rng", None),  # one of every device class
}

#: The domain a single device is checked in: the least libvirt's schema accepts.
_HOST = b"<domain type='kvm'><name>d</name><memory>1</memory><os><type>hvm</type></os><devices>"


def device_classes() -> list[type[Model]]:
    """Every device model: the classes of ``<devices>``' fields."""
    found: list[type[Model]] = []
    for f in spec_of(Devices).elem_list:
        if f.model is not None and f.model not in found:
            found.append(f.model)
    return found


def family_strategy(family: str) -> st.SearchStrategy[Any]:
    """The strategy of a family's models."""
    root = FAMILIES[family][1]
    if root is not None:
        return models(root)
    return st.one_of([models(cls) for cls in device_classes()])


@dataclass
class Result:
    """What one family's run found."""

    family: str
    examples: int = 0
    valid: int = 0
    failures: Counter[str] = field(default_factory=Counter)
    first: dict[str, str] = field(default_factory=dict)
    """The first failing document of each kind, with what went wrong."""

    def fail(self, kind: str, detail: str) -> None:
        """Count a failure of ``kind``; keep the first one's ``detail``."""
        self.failures[kind] += 1
        self.first.setdefault(kind, detail)

    def line(self) -> str:
        """One line of counts, for the test output and the long runs."""
        share = 100 * self.valid / self.examples if self.examples else 0.0
        failures = ", ".join(f"{k} {n}" for k, n in sorted(self.round_trip_failures().items()))
        return (
            f"{self.family:9} {self.examples:6} generated, {self.valid:6} valid ({share:5.1f}%)"
            f"; round-trip failures: {failures or 'none'}"
        )

    def round_trip_failures(self) -> dict[str, int]:
        """The failures of the round-trip properties, by kind (schema validity aside)."""
        return {k: n for k, n in self.failures.items() if k != "schema"}


def _schema(schemas: Path, family: str) -> Callable[[bytes], str | None]:
    """A checker: ``None`` for a valid document, else libxml2's first error."""
    rng = etree.RelaxNG(etree.parse(str(schemas / FAMILIES[family][0])))
    wrap = family == "device"

    def check(xml: bytes) -> str | None:
        doc = etree.fromstring(_HOST + xml + b"</devices></domain>" if wrap else xml)
        if rng.validate(doc):
            return None
        return str(rng.error_log.last_error)

    return check


def check_model(model: Model, result: Result, valid: Callable[[bytes], str | None]) -> None:
    """Check one generated model; record what fails in ``result``."""
    result.examples += 1
    xml = domxml.to_xml(model)
    error = valid(xml.encode())
    if error is None:
        result.valid += 1
    else:
        result.fail("schema", f"{error}\n{xml}")
    if domxml.parse(xml) != model:
        result.fail("xml round trip", xml)
    if domxml.from_json(domxml.to_json(model)) != model:
        result.fail("json round trip", xml)
    written = domxml.to_xml(model, style="libvirt")
    if domxml.to_xml(domxml.parse(written), style="libvirt") != written:
        result.fail("libvirt fixed point", written)


def run_family(family: str, schemas: Path, examples: int, seed_text: str) -> Result:
    """Draw ``examples`` models of ``family`` from ``seed_text`` and check each."""
    result = Result(family)
    valid = _schema(schemas, family)

    @seed(random.Random(f"{seed_text}:{family}").getrandbits(64))
    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(family_strategy(family))
    def draw(model: Model) -> None:
        check_model(model, result, valid)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # hypothesis: "overly large repr" of a deep strategy
        draw()
    return result
