"""Host interfaces and checkpoints on libvirt's embedded test driver (``test:///default``).

Of the kinds beside domains, networks and storage, the test driver
implements host interfaces and checkpoints (libvirt-python against it:
``interfaceDefineXML`` and ``checkpointCreateXML`` work; secrets, network
filters, filter bindings and network ports answer "this function is not
supported by the connection driver"). Those are tested against a real
libvirtd (``test_apply_kinds_libvirtd.py``); here, that the plan says so.
Objects are named ``td...`` and removed by each test; the tests run
contained, as every test driver test does (``conftest.py``).
"""

from __future__ import annotations

import contextlib
import io
import json
from typing import Any

import pytest
from kinds_support import entries
from libvirt_support import TEST_URI, test_conn  # noqa: F401  (a fixture)

import domxml
from domxml.apply import ApplyError, apply, plan, remove
from domxml.apply.execute import CREATED, UPDATED
from domxml.apply.kinds.interface import ACTIVE
from domxml.apply.plan import CONFLICT, CREATE, UNCHANGED, UPDATE
from domxml.cli import main

INTERFACE = """<interface type='ethernet' name='tdeth0'>
  <start mode='onboot'/>
  <mtu size='1500'/>
  <protocol family='ipv4'>
    <ip address='192.168.1.5' prefix='24'/>
    <route gateway='192.168.1.1'/>
  </protocol>
</interface>"""

DOMAIN = (
    "<domain type='test'><name>td-cp</name><memory unit='MiB'>64</memory>"
    "<os><type>hvm</type></os><devices><disk type='file' device='disk'>"
    "<source file='/guest/disk.img'/><target dev='vda' bus='virtio'/></disk></devices></domain>"
)
CHECKPOINT = (
    "<domaincheckpoint><name>td-cp1</name><description>first</description></domaincheckpoint>"
)


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([*argv, "-c", TEST_URI])
    return code, out.getvalue(), err.getvalue()


def test_a_host_interface_applied_changed_and_removed(test_conn: Any) -> None:  # noqa: F811
    assert [s.action for s in plan(test_conn, [INTERFACE]).steps] == [CREATE]
    (outcome,) = apply(test_conn, [INTERFACE]).outcomes
    assert (outcome.action, outcome.drift, outcome.notes) == (CREATED, [], [])
    assert not test_conn.interfaceLookupByName("tdeth0").isActive()  # never started
    assert [s.action for s in plan(test_conn, [INTERFACE]).steps] == [UNCHANGED]
    assert not apply(test_conn, [INTERFACE]).changed

    jumbo = INTERFACE.replace("1500", "9000")
    (step,) = plan(test_conn, [jumbo]).steps
    assert (step.action, [str(c) for c in step.changes]) == (
        UPDATE,
        ["~ /interface/mtu/@size: 1500 -> 9000"],
    )
    assert step.notes == []  # not active: nothing to say
    (outcome,) = apply(test_conn, [jumbo]).outcomes
    assert outcome.action == UPDATED
    assert "<mtu size='9000'/>" in test_conn.interfaceLookupByName("tdeth0").XMLDesc(0)
    assert [s.action for s in plan(test_conn, [jumbo]).steps] == [UNCHANGED]

    assert [(r.ref.spec, r.action) for r in remove(test_conn, ["interface:tdeth0"])] == [
        ("interface:tdeth0", "removed")
    ]
    assert [r.action for r in remove(test_conn, ["interface:tdeth0"])] == ["absent"]


def test_an_active_host_interface_is_never_brought_down(test_conn: Any) -> None:  # noqa: F811
    # The test driver's own eth1 is active.
    eth1 = test_conn.interfaceLookupByName("eth1")
    assert eth1.isActive()
    before = eth1.XMLDesc(0)
    changed = domxml.parse(before)
    changed.mtu.size = 1400  # type: ignore[attr-defined]
    (step,) = plan(test_conn, [changed]).steps
    assert step.action == UPDATE and ACTIVE in step.notes
    with pytest.raises(ApplyError, match="interface eth1 is active: domxml does not bring") as e:
        remove(test_conn, ["interface:eth1"], force=True)
    assert e.value.applied == []
    assert test_conn.interfaceLookupByName("eth1").XMLDesc(0) == before
    # --start does not start a host interface either.
    (outcome,) = apply(test_conn, [INTERFACE], start=True).outcomes
    assert outcome.notes == [] and not test_conn.interfaceLookupByName("tdeth0").isActive()
    remove(test_conn, ["interface:tdeth0"])


def test_every_interface_document_of_libvirt_planned_unchanged_once_applied(
    test_conn: Any,  # noqa: F811
) -> None:
    documents = entries("interface", ("valid",))
    applied = 0
    for i, entry in enumerate(documents):
        model = domxml.parse(entry.file)
        model.name = f"tdif{i}"  # type: ignore[attr-defined]  # not the driver's own eth1
        (outcome,) = apply(test_conn, [model]).outcomes
        assert (outcome.action, outcome.drift) == (CREATED, []), entry.path
        (step,) = plan(test_conn, [model]).steps
        assert (step.action, step.changes) == (UNCHANGED, []), entry.path
        assert [r.action for r in remove(test_conn, [f"interface:tdif{i}"])] == ["removed"]
        applied += 1
    assert applied == len(documents) == 19


def test_a_checkpoint_created_described_and_removed(test_conn: Any) -> None:  # noqa: F811
    apply(test_conn, [DOMAIN], start=True)
    first = apply(test_conn, [CHECKPOINT], domain="td-cp")
    assert [(o.step.ref.spec, o.action, o.drift) for o in first.outcomes] == [
        ("checkpoint:td-cp/td-cp1", CREATED, [])
    ]
    # libvirt fills in the disks, the time, the domain: not changes.
    assert [s.action for s in plan(test_conn, [CHECKPOINT], domain="td-cp").steps] == [UNCHANGED]

    second = CHECKPOINT.replace("first", "second")
    (step,) = plan(test_conn, [second], domain="td-cp").steps
    assert (step.action, [str(c) for c in step.changes]) == (
        UPDATE,
        ["~ /domaincheckpoint/description: first -> second"],
    )
    (outcome,) = apply(test_conn, [second], domain="td-cp").outcomes
    assert outcome.action == UPDATED
    checkpoint = test_conn.lookupByName("td-cp").checkpointLookupByName("td-cp1")
    assert "<description>second</description>" in checkpoint.getXMLDesc(0)
    assert [s.action for s in plan(test_conn, [second], domain="td-cp").steps] == [UNCHANGED]

    # Beyond its description, a checkpoint cannot change: a conflict, nothing applied.
    other = second.replace(
        "</description>", "</description><disks><disk name='vda' checkpoint='no'/></disks>"
    )
    (step,) = plan(test_conn, [other], domain="td-cp").steps
    assert step.action == CONFLICT
    assert step.notes == [
        "a checkpoint cannot be changed in place, only its description: remove it first"
    ]
    with pytest.raises(ApplyError, match="cannot apply, so nothing was applied"):
        apply(test_conn, [other], domain="td-cp")

    removed = remove(test_conn, ["domain:td-cp", "checkpoint:td-cp/td-cp1"], force=True)
    assert [(r.ref.spec, r.action) for r in removed] == [
        ("checkpoint:td-cp/td-cp1", "removed"),
        ("domain:td-cp", "removed"),
    ]


def test_the_command_line_with_checkpoints_and_interfaces(
    test_conn: Any,  # noqa: F811
    tmp_path: Any,
) -> None:
    files = {}
    for name, text in {"vm": DOMAIN, "cp": CHECKPOINT, "if": INTERFACE}.items():
        files[name] = tmp_path / f"{name}.xml"
        files[name].write_text(text)
    # In one process: the test driver's state is per process.
    code, out, err = _run("apply", str(files["cp"]), str(files["vm"]), str(files["if"]), "--start")
    assert code == 0, err
    assert out.splitlines()[1:] == [
        "  + interface tdeth0: created",
        "  + domain td-cp: created, started",
        "  + checkpoint td-cp/td-cp1: created",
        "3 created, 0 updated, 0 unchanged",
    ]
    code, out, _ = _run("plan", str(files["cp"]), "--domain", "td-cp", "--format", "json")
    (step,) = json.loads(out)["steps"]
    assert (step["object"], step["action"], step["recreate"]) == (
        "checkpoint:td-cp/td-cp1",
        "unchanged",
        False,
    )
    code, out, _ = _run("diff", str(files["if"]), "interface:tdeth0")
    assert (code, out) == (0, f"no differences between {files['if']} and interface:tdeth0\n")
    code, out, _ = _run("remove", "checkpoint:td-cp/td-cp1", "interface:tdeth0", "domain:td-cp")
    assert code == 1  # the domain runs
    code, out, _ = _run(
        "remove", "checkpoint:td-cp/td-cp1", "interface:tdeth0", "domain:td-cp", "--force"
    )
    assert code == 0 and out.splitlines() == [
        "  - checkpoint td-cp/td-cp1: removed",
        "  - domain td-cp: removed, stopped",
        "  - interface tdeth0: removed",
        "3 removed, 0 absent",
    ]


@pytest.mark.parametrize(
    ("document", "kind", "options"),
    [
        ("<secret><usage type='ceph'><name>td</name></usage></secret>", "secret", {}),
        ("<filter name='td-filter'/>", "nwfilter", {}),
        (
            "<filterbinding><owner><name>vm</name><uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809"
            "</uuid></owner><portdev name='vnet0'/><mac address='52:54:00:7b:35:93'/>"
            "<filterref filter='clean-traffic'/></filterbinding>",
            "nwfilterbinding",
            {},
        ),
        (
            "<networkport><uuid>5d744f21-ba4a-4d6e-bdb2-30a35ff3207d</uuid><owner><name>vm"
            "</name><uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid></owner>"
            "<mac address='52:54:00:7b:35:93'/></networkport>",
            "networkport",
            {"network": "default"},
        ),
    ],
)
def test_what_the_test_driver_lacks_is_said(
    test_conn: Any,  # noqa: F811
    document: str,
    kind: str,
    options: dict[str, str],
) -> None:
    with pytest.raises(ApplyError, match=f"the connection's driver has no {kind}s") as raised:
        plan(test_conn, [document], **options)
    assert "not supported by the connection driver" in str(raised.value)
