"""The conformance properties: generated models against libvirt's schemas and themselves.

For each family (:data:`FAMILIES`: domains, single devices, networks,
storage pools and volumes, snapshots, and every other kind of document:
capabilities, domain capabilities, node devices...), models are drawn from the strategies
that :mod:`fuzz.strategies` derives from the declarations, and each is
checked:

- ``to_xml(m)`` is valid under the RELAX NG schema of the libvirt version
  the run is for (11.3.0, 12.9.0...; a single device is checked inside a
  minimal domain, as libvirt has no schema of its own for one); the models
  are drawn from what that version's schema has;
- ``parse(to_xml(m)) == m`` and ``from_json(to_json(m)) == m``;
- ``to_xml(m, style="libvirt")`` is a fixed point of parse then write.

:func:`run_family` draws a fixed number of examples from a seed (so a run
reproduces) and returns the counts and the first failures of each kind.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import warnings
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from lxml import etree

import domxml
from domxml import Domain, DomainSnapshot, Network, StoragePool, StorageVolume
from domxml.binding import Model
from domxml.binding.spec import spec_of
from domxml.models import (
    Capabilities,
    DomainBackup,
    DomainCapabilities,
    DomainCheckpoint,
    FilterBinding,
    HostInterface,
    NetworkPort,
    NodeDevice,
    NWFilter,
    Secret,
    StandaloneCpu,
    StoragePoolCapabilities,
)
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
    # The other kinds (docs/kinds.md).
    "capabilities": ("capability.rng", Capabilities),
    "domaincaps": ("domaincaps.rng", DomainCapabilities),
    "nodedev": ("nodedev.rng", NodeDevice),
    "secret": ("secret.rng", Secret),
    "nwfilter": ("nwfilter.rng", NWFilter),
    "nwfilterbinding": ("nwfilterbinding.rng", FilterBinding),
    "interface": ("interface.rng", HostInterface),
    "networkport": ("networkport.rng", NetworkPort),
    "checkpoint": ("domaincheckpoint.rng", DomainCheckpoint),
    "backup": ("domainbackup.rng", DomainBackup),
    "storagepoolcaps": ("storagepoolcaps.rng", StoragePoolCapabilities),
    "cpu": ("cpu.rng", StandaloneCpu),
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


def family_strategy(family: str, libvirt: str | None = None) -> st.SearchStrategy[Any]:
    """The strategy of a family's models (what libvirt ``libvirt``'s schema has, if given)."""
    root = FAMILIES[family][1]
    if root is not None:
        return models(root, libvirt=libvirt)
    return st.one_of([models(cls, libvirt=libvirt) for cls in device_classes()])


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
        slow = self.failures.get(TIMEOUT, 0)
        return (
            f"{self.family:15} {self.examples:6} generated, {self.valid:6} valid ({share:5.1f}%)"
            f"; round-trip failures: {failures or 'none'}"
            + (
                f"; {slow} not validated by libxml2 within {VALIDATION_TIMEOUT:.0f} s of CPU"
                if slow
                else ""
            )
        )

    def round_trip_failures(self) -> dict[str, int]:
        """The failures of the round-trip properties, by kind (schema validity aside)."""
        return {k: n for k, n in self.failures.items() if k not in ("schema", TIMEOUT)}


#: Seconds of CPU time libxml2 may take to validate one generated document.
#: Its RELAX NG validation of some documents (interleaves with many repeated
#: children) runs for minutes; such a document is recorded, not waited for.
#: CPU time, not wall time: on a loaded machine a quick validation can wait
#: long for a core, and must not count as a stuck one.
VALIDATION_TIMEOUT = 10.0

#: Wall-clock bound all the same, for a platform without /proc.
WALL_TIMEOUT = 12 * VALIDATION_TIMEOUT


def _cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) process ``pid`` has used, or ``None`` if unknown."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    # utime and stime are fields 14 and 15 of stat(5); fields[0] is field 3.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


TIMEOUT = "schema timeout"


def _validate_forever(schema_file: str, wrap: bool, conn: Connection) -> None:
    """Worker: validate each document received; answer ``None`` or libxml2's first error."""
    rng = etree.RelaxNG(etree.parse(schema_file))
    while True:
        xml: bytes = conn.recv()
        doc = etree.fromstring(_HOST + xml + b"</devices></domain>" if wrap else xml)
        conn.send(None if rng.validate(doc) else str(rng.error_log.last_error))


class _Validator:
    """libvirt's schema of a family, in a worker process that a stuck validation cannot hang.

    :meth:`submit` hands a document over and returns at once; :meth:`answer`
    waits for the verdict. In between, this process checks the round trips
    while the worker validates: the two use two cores.
    """

    def __init__(self, schemas: Path, family: str) -> None:
        self.args = (str(schemas / FAMILIES[family][0]), family == "device")
        self.context = multiprocessing.get_context("spawn")
        self._start()

    def _start(self) -> None:
        self.conn, theirs = self.context.Pipe()
        self.worker = self.context.Process(
            target=_validate_forever, args=(*self.args, theirs), daemon=True
        )
        self.worker.start()

    def submit(self, xml: bytes) -> None:
        """Start validating ``xml``; :meth:`answer` gives the verdict."""
        self.conn.send(xml)

    def answer(self) -> str | None:
        """``None`` for a valid document, else libxml2's first error (or :data:`TIMEOUT`)."""
        pid = self.worker.pid
        start = _cpu_seconds(pid) if pid else None
        waited = 0.0
        while waited < WALL_TIMEOUT:
            if self.conn.poll(1.0):
                answer: str | None = self.conn.recv()
                return answer
            waited += 1.0
            used = _cpu_seconds(pid) if pid else None
            if start is None or used is None:
                if waited >= VALIDATION_TIMEOUT:
                    break
            elif used - start >= VALIDATION_TIMEOUT:
                break
        self.worker.kill()
        self.worker.join()
        self._start()
        return TIMEOUT

    def close(self) -> None:
        """Stop the worker."""
        self.worker.kill()
        self.worker.join()


def check_model(model: Model, result: Result, validator: _Validator) -> None:
    """Check one generated model; record what fails in ``result``."""
    result.examples += 1
    xml = domxml.to_xml(model)
    validator.submit(xml.encode())
    try:
        parsed = domxml.parse(xml)
    except domxml.DomxmlError as e:  # written, yet not readable
        result.fail("xml round trip", f"{e}\n{xml}")
    else:
        if parsed != model:
            result.fail("xml round trip", xml)
    if domxml.from_json(domxml.to_json(model)) != model:
        result.fail("json round trip", xml)
    written = domxml.to_xml(model, style="libvirt")
    if domxml.to_xml(domxml.parse(written), style="libvirt") != written:
        result.fail("libvirt fixed point", written)
    error = validator.answer()
    if error is None:
        result.valid += 1
    elif error == TIMEOUT:
        result.fail(TIMEOUT, xml)
    else:
        result.fail("schema", f"{error}\n{xml}")


def run_family(
    family: str, schemas: Path, examples: int, seed_text: str, libvirt: str | None = None
) -> Result:
    """Draw ``examples`` models of ``family`` from ``seed_text`` and check each.

    ``schemas`` is libvirt ``libvirt``'s schema directory: the models drawn
    are what that version's schema has (every version's if ``None``).
    """
    result = Result(family)
    validator = _Validator(schemas, family)

    @seed(random.Random(f"{seed_text}:{family}").getrandbits(64))
    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(family_strategy(family, libvirt))
    def draw(model: Model) -> None:
        check_model(model, result, validator)

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # hypothesis: "overly large repr" of a deep strategy
            draw()
    finally:
        validator.close()
    return result


def run_families(
    families: Sequence[str],
    schemas: Path,
    examples: Callable[[str], int],
    seed_text: str,
    jobs: int | None = None,
    libvirt: str | None = None,
) -> Iterator[Result]:
    """:func:`run_family` for each of ``families``, ``jobs`` at a time; results as they end.

    Each family runs in a process of its own (with its validator beside
    it), so a machine's cores share the families; ``jobs`` defaults to the
    number of cores. The draws of a family depend on its seed only.
    """
    jobs = jobs or os.cpu_count() or 1
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(min(jobs, len(families)), mp_context=context) as pool:
        pending = [
            pool.submit(run_family, family, schemas, examples(family), seed_text, libvirt)
            for family in families
        ]
        for done in as_completed(pending):
            yield done.result()
