"""Elements a user adds to a domain document and removes again: the three-way plan's cases.

Each case is an element of a kind libvirt also adds on its own (a
controller, an input, a console...) or one the diff compares as written
(an RNG, a ``<features>`` child, a ``<cpu>`` feature). Applied, removed
from the document, applied again, added back: each plan must show exactly
that change, and the object must follow. ``removal_cycle`` runs the cycle
on any connection: the embedded test driver and a real QEMU libvirtd.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lxml import etree

from domxml.apply import apply, plan
from domxml.apply.connection import libvirt_module
from domxml.apply.plan import UNCHANGED, UPDATE
from domxml.compare import ADD, REMOVE


@dataclass(frozen=True)
class Case:
    """One element: where it goes, its XML, and how to find it in libvirt's definition."""

    name: str
    #: ``devices``, ``features`` or ``cpu``: the element it goes in.
    parent: str
    xml: str
    #: An XPath (from ``<domain>``) that finds it, and nothing libvirt adds on its own.
    find: str
    #: The path the plan's change names (a prefix: repeated elements are numbered).
    path: str


CASES = (
    Case(
        "controller",
        "devices",
        "<controller type='scsi' model='virtio-scsi'/>",
        "devices/controller[@type='scsi']",
        "/domain/devices/controller[",
    ),
    Case(
        "input",
        "devices",
        "<input type='tablet' bus='usb'/>",
        "devices/input[@type='tablet']",
        "/domain/devices/input[",
    ),
    Case(
        "serial",
        "devices",
        "<serial type='pty'/>",
        "devices/serial",
        "/domain/devices/serial[",
    ),
    Case(
        "console",
        "devices",
        "<console type='pty'><target type='virtio'/></console>",
        "devices/console[target/@type='virtio']",
        "/domain/devices/console[",
    ),
    Case(
        "video",
        "devices",
        "<video><model type='virtio'/></video>",
        "devices/video",
        "/domain/devices/video[",
    ),
    Case(
        "sound",
        "devices",
        "<sound model='ich9'/>",
        "devices/sound",
        "/domain/devices/sound[",
    ),
    Case(
        "rng",
        "devices",
        "<rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>",
        "devices/rng",
        "/domain/devices/rng[",
    ),
    Case(
        "watchdog",
        "devices",
        "<watchdog model='i6300esb' action='reset'/>",
        "devices/watchdog[@model='i6300esb']",
        "/domain/devices/watchdog[",
    ),
    Case(
        "channel",
        "devices",
        "<channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>",
        "devices/channel",
        "/domain/devices/channel[",
    ),
    Case("features child", "features", "<apic/>", "features/apic", "/domain/features/apic"),
    Case(
        "cpu feature",
        "cpu",
        "<feature policy='disable' name='vmx'/>",
        "cpu/feature[@name='vmx']",
        "/domain/cpu/feature",
    ),
)


def document(base: str, case: Case, *, present: bool) -> str:
    """``base`` (a domain document with ``<devices>``, ``<features>`` and ``<cpu>``), with or
    without the case's element."""
    root = etree.fromstring(base)
    if present:
        parent = root.find(case.parent)
        assert parent is not None, f"the base document has no <{case.parent}>"
        parent.append(etree.fromstring(case.xml))
    return etree.tostring(root, encoding="unicode")


def _count(conn: Any, name: str, xpath: str) -> int:
    flags = libvirt_module().VIR_DOMAIN_XML_INACTIVE
    root = etree.fromstring(conn.lookupByName(name).XMLDesc(flags).encode())
    return len(root.xpath(xpath))


def removal_cycle(conn: Any, base: str, name: str, case: Case) -> None:
    """Apply with the element, remove it, add it back; each plan shows exactly that change.

    Failures name the case and the step.
    """
    with_it = document(base, case, present=True)
    without = document(base, case, present=False)
    label = f"{case.name}:"

    apply(conn, [with_it])
    assert _count(conn, name, case.find) == 1, f"{label} not defined by the first apply"
    (step,) = plan(conn, [with_it]).steps
    assert (step.action, step.changes) == (UNCHANGED, []), f"{label} {step.changes}"

    # Removed from the document: the plan shows exactly that removal.
    (step,) = plan(conn, [without]).steps
    assert step.action == UPDATE, f"{label} the removal is not seen ({step.action})"
    assert [(c.op, c.path.startswith(case.path)) for c in step.changes] == [(REMOVE, True)], (
        f"{label} {[str(c) for c in step.changes]}"
    )
    (outcome,) = apply(conn, [without]).outcomes
    assert _count(conn, name, case.find) == 0, f"{label} still defined after the apply"
    assert outcome.drift == [], f"{label} {[str(c) for c in outcome.drift]}"
    (step,) = plan(conn, [without]).steps
    assert (step.action, step.changes) == (UNCHANGED, []), f"{label} {step.changes}"

    # Added back: the plan shows exactly that addition.
    (step,) = plan(conn, [with_it]).steps
    assert step.action == UPDATE, f"{label} the addition is not seen ({step.action})"
    assert [(c.op, c.path.startswith(case.path)) for c in step.changes] == [(ADD, True)], (
        f"{label} {[str(c) for c in step.changes]}"
    )
    apply(conn, [with_it])
    assert _count(conn, name, case.find) == 1, f"{label} not defined again"
    (step,) = plan(conn, [with_it]).steps
    assert (step.action, step.changes) == (UNCHANGED, []), f"{label} {step.changes}"
