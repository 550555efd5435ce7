"""Schema coverage of the document kinds beside the domain: names and enumerated values.

:func:`kind_coverage` walks one kind's schema (``capability.rng``,
``nodedev.rng``...) with its root model, as :mod:`domxml.tools.coverage`
does for ``domain.rng``, and checks every enumerated value too. What the
models leave out on purpose is listed in :data:`OMISSIONS`, with why.
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

__all__ = ["OMISSIONS", "TARGETS", "Target", "kind_coverage"]


class Target(NamedTuple):
    """A kind's schema file and root model, and the elements another kind's coverage checks."""

    schema: str
    root: type[Model]
    embedded: tuple[str, ...] = ()


TARGETS: dict[str, Target] = {
    "capabilities": Target("capability.rng", Capabilities),
    "domaincaps": Target("domaincaps.rng", DomainCapabilities),
    "nodedev": Target("nodedev.rng", NodeDevice),
    "secret": Target("secret.rng", Secret),
    "nwfilter": Target("nwfilter.rng", NWFilter),
    "nwfilterbinding": Target("nwfilterbinding.rng", FilterBinding),
    "interface": Target("interface.rng", HostInterface),
    "networkport": Target("networkport.rng", NetworkPort),
    # The embedded <domain> is the domain's coverage (domxml.tools.coverage).
    "domaincheckpoint": Target(
        "domaincheckpoint.rng", DomainCheckpoint, ("/domaincheckpoint/domain",)
    ),
    "domainbackup": Target("domainbackup.rng", DomainBackup),
    "storagepoolcaps": Target("storagepoolcaps.rng", StoragePoolCapabilities),
    "cpu": Target("cpu.rng", StandaloneCpu),
}
"""The kinds checked, by the name ``--kind`` takes."""

OMISSIONS: dict[str, dict[str, str]] = {kind: {} for kind in TARGETS}
"""Per kind, the names and values the models leave out on purpose, with why.

Keys are locations as the report writes them (see
:data:`domxml.tools.coverage.DOMAIN_OMISSIONS`); a value is
``/parent/@attr=value`` or ``/parent/element=value``.
"""


def kind_coverage(schemas: str | os.PathLike[str], kind: str) -> CoverageReport:
    """The coverage of one kind's schema in ``schemas``, enumerated values included."""
    target = TARGETS[kind]
    grammar = load_grammar(Path(schemas) / target.schema)
    return check_coverage(
        grammar, target.root, omissions=OMISSIONS[kind], values=True, embedded=target.embedded
    )
