"""Schema coverage of the document kinds beside domains, networks, storage and snapshots.

:func:`kind_coverage` walks one kind's schema (``capability.rng``,
``nodedev.rng``...) with its root model, as :mod:`domxml.tools.coverage`
does for the others, names and enumerated values alike. What the models
leave out on purpose is listed in :data:`OMISSIONS`, with why.
``python -m domxml.tools.coverage --kind nodedev --schemas DIR`` prints it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from domxml.binding import Model
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
from domxml.tools.coverage import CoverageReport, check_coverage, load_grammar

__all__ = ["OMISSIONS", "TARGETS", "Target", "kind_coverage", "split_counts"]


class Target(NamedTuple):
    """A kind's schema file and root model."""

    schema: str
    root: type[Model]


TARGETS: dict[str, Target] = {
    "capabilities": Target("capability.rng", Capabilities),
    "domaincaps": Target("domaincaps.rng", DomainCapabilities),
    "nodedev": Target("nodedev.rng", NodeDevice),
    "secret": Target("secret.rng", Secret),
    "nwfilter": Target("nwfilter.rng", NWFilter),
    "nwfilterbinding": Target("nwfilterbinding.rng", FilterBinding),
    "interface": Target("interface.rng", HostInterface),
    "networkport": Target("networkport.rng", NetworkPort),
    # Its embedded <domain> (a nested grammar) is named, and left to domain.rng.
    "domaincheckpoint": Target("domaincheckpoint.rng", DomainCheckpoint),
    "domainbackup": Target("domainbackup.rng", DomainBackup),
    "storagepoolcaps": Target("storagepoolcaps.rng", StoragePoolCapabilities),
    "cpu": Target("cpu.rng", StandaloneCpu),
}
"""The kinds checked, by the name ``--kind`` takes."""

OMISSIONS: dict[str, dict[str, str]] = {kind: {} for kind in TARGETS}
"""Per kind, the names and values the models leave out on purpose, with why.

Keys are locations as the report writes them (see
:data:`domxml.tools.coverage.DOMAIN_OMISSIONS`). None is needed today.
"""


def kind_coverage(schemas: str | os.PathLike[str], kind: str) -> CoverageReport:
    """The coverage of one kind's schema in ``schemas``, enumerated values included."""
    target = TARGETS[kind]
    grammar = load_grammar(Path(schemas) / target.schema)
    return check_coverage(grammar, target.root, omissions=OMISSIONS[kind])


def split_counts(report: CoverageReport) -> tuple[dict[str, int], dict[str, int]]:
    """The totals of the names and of the enumerated values, apart."""
    names = {"checked": 0, "typed": 0, "omitted": 0, "missing": 0}
    values = dict(names)
    for finding in report.findings:
        counts = values if finding.kind == "value" else names
        counts["checked"] += 1
        counts[finding.status] += 1
    return names, values
