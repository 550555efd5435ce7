"""The apply layer: plan, apply and remove libvirt objects, idempotently.

>>> import domxml.apply
>>> conn = domxml.apply.connect("test:///default")  # doctest: +SKIP
>>> plan = domxml.apply.plan(conn, ["vm.xml"])  # doctest: +SKIP
>>> [(step.ref.name, step.action) for step in plan.steps]  # doctest: +SKIP
[('web01', 'create')]

- :func:`diff`: the semantic comparison of two documents, which lives in
  :mod:`domxml.compare` (with the values libvirt generates and the rules'
  machinery) and is re-exported here;
- :mod:`.plan`: what applying documents would do; :mod:`.execute`: doing
  it; :mod:`.remove`: removing objects;
- :mod:`.record`: the last-applied record a domain or network carries, by
  which a plan tells what libvirt did not keep from a change;
- :mod:`.handler`: what every kind of object has in common (its reference,
  its handler's interface); :mod:`.objects`: the handlers of domains,
  networks, storage and snapshots, and the registry of every kind;
  :mod:`.kinds`: the handlers of secrets, network filters and bindings,
  host interfaces, network ports and checkpoints;
  :mod:`.connection`: the only module that imports ``libvirt`` (on first
  use, with a clear error when libvirt-python is missing);
- :mod:`.report`: text and JSON output for the command line;
- :mod:`.capabilities`: a connection's capabilities and domain
  capabilities, parsed (the questions about them are the models').

See ``docs/apply.md``.
"""

from __future__ import annotations

from domxml.apply.capabilities import domain_capabilities, host_capabilities
from domxml.apply.connection import connect
from domxml.apply.errors import ApplyError, InvalidInputError, LibvirtMissingError
from domxml.apply.execute import Outcome, Result, apply
from domxml.apply.objects import Ref
from domxml.apply.plan import Desired, Plan, Step, load, plan
from domxml.apply.remove import Removal, remove
from domxml.compare import Change, diff

__all__ = [
    "ApplyError",
    "Change",
    "Desired",
    "Document",
    "InvalidInputError",
    "LibvirtMissingError",
    "Outcome",
    "Plan",
    "Ref",
    "Removal",
    "Result",
    "Step",
    "apply",
    "connect",
    "diff",
    "domain_capabilities",
    "host_capabilities",
    "load",
    "plan",
    "remove",
]
