"""Integration: secrets, network filters and bindings, ports, interfaces, checkpoints on libvirtd.

Against the system libvirtd the ``libvirtd`` fixture starts (``libvirtd.py``),
with the drivers Debian 12's libvirt-daemon package holds: secret, nwfilter,
network, interface (its udev backend: read only) and QEMU. A filter binding
is instantiated on a real device (a veth pair the test makes: libvirt checks
that the port device exists) with ebtables, which ``scripts/bootstrap.sh``
installs. Every object is named ``domxml-it-...`` and removed by the tests.
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from libvirtd import clear, libvirtd  # noqa: F401  (a fixture)

import domxml
from domxml.apply import ApplyError, apply, connect, plan, remove
from domxml.apply.connection import libvirt_module
from domxml.apply.execute import CREATED, UPDATED
from domxml.apply.kinds.secret import VALUE_PATH
from domxml.apply.plan import CONFLICT, CREATE, UNCHANGED, UPDATE
from domxml.apply.report import format_plan, format_result, to_json
from domxml.cli import main

PREFIX = "domxml-it-"
VETH = ("domxml-it-v0", "domxml-it-v1")
UUID = "0c0f5a3e-0c52-4a5d-9b43-5d1d8f6c1a01"
#: libvirt's number for a Ceph secret's usage (VIR_SECRET_USAGE_TYPE_CEPH).
CEPH = 2
OWNER = "<owner><name>domxml-it-vm</name><uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid></owner>"


def _secret(usage: str = f"{PREFIX}ceph", *, private: str = "no", uuid: str | None = UUID) -> str:
    uuid_xml = f"<uuid>{uuid}</uuid>" if uuid else ""
    return (
        f"<secret ephemeral='no' private='{private}'>{uuid_xml}"
        f"<description>a test key</description>"
        f"<usage type='ceph'><name>{usage}</name></usage></secret>"
    )


FILTER = f"""<filter name='{PREFIX}filter' chain='root'>
  <rule action='drop' direction='out'>
    <mac protocolid='ipv6'/>
  </rule>
</filter>
"""

NETWORK = f"""<network>
  <name>{PREFIX}portnet</name>
  <forward mode='open'/>
  <bridge name='domxmlit1'/>
  <dns enable='no'/>
  <ip address='192.168.234.1' netmask='255.255.255.0'/>
</network>
"""

PORT = f"""<networkport>
  <uuid>5d744f21-ba4a-4d6e-bdb2-30a35ff3207d</uuid>
  {OWNER}
  <mac address='52:54:00:7b:35:93'/>
</networkport>
"""


def _binding(filter_name: str) -> str:
    return (
        f"<filterbinding>{OWNER}<portdev name='{VETH[0]}'/>"
        f"<mac address='52:54:00:7b:35:93'/><filterref filter='{filter_name}'/></filterbinding>"
    )


@pytest.fixture(scope="module")
def conn(libvirtd: str) -> Iterator[Any]:  # noqa: F811
    """A connection to the daemon; removes every ``domxml-it-`` object before and after."""
    connection = connect(libvirtd)
    clear(connection, PREFIX)
    yield connection
    clear(connection, PREFIX)
    connection.close()


@pytest.fixture()
def veth() -> Iterator[str]:
    """A host network device, up: a veth pair, deleted afterwards.

    A filter binding needs its device to exist; the interface driver's udev
    backend counts an interface active when its operstate is ``up`` (``lo``'s
    is ``unknown``), which a veth is once both its ends are up.
    """
    subprocess.run(
        ["ip", "link", "add", VETH[0], "type", "veth", "peer", "name", VETH[1]], check=True
    )
    try:
        for end in VETH:
            subprocess.run(["ip", "link", "set", end, "up"], check=True)
        yield VETH[0]
    finally:
        subprocess.run(["ip", "link", "del", VETH[0]], check=False)


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    return path


def test_a_secret_and_its_value(conn: Any, tmp_path: Path) -> None:
    document = _secret()
    assert [s.action for s in plan(conn, [document]).steps] == [CREATE]
    (outcome,) = apply(conn, [document], secret_values={"": b"key-1"}).outcomes
    assert (outcome.action, outcome.drift, outcome.notes) == (CREATED, [], ["value set"])
    secret = conn.secretLookupByUUIDString(UUID)
    assert secret.value(0) == b"key-1"

    # The same document and value: nothing to do (libvirt's own UUID rules aside).
    (step,) = plan(conn, [document], secret_values={"": b"key-1"}).steps
    assert (step.action, step.changes, step.notes) == (UNCHANGED, [], [])
    assert not apply(conn, [document], secret_values={"": b"key-1"}).changed

    # Another value: one change, never shown.
    the_plan = plan(conn, [document], secret_values={UUID: b"key-2"})
    (step,) = the_plan.steps
    assert (step.action, [str(c) for c in step.changes]) == (
        UPDATE,
        [f"~ {VALUE_PATH}: (not shown) -> (not shown)"],
    )
    assert "key-" not in format_plan(the_plan) + to_json(the_plan.as_dict())
    result = apply(conn, [document], secret_values={UUID: b"key-2"})
    assert [(o.action, o.notes) for o in result.outcomes] == [(UPDATED, ["value set"])]
    assert "key-" not in format_result(result) + to_json(result.as_dict())
    assert conn.secretLookupByUUIDString(UUID).value(0) == b"key-2"

    # One changed field: that field alone; the value is kept.
    described = document.replace("a test key", "the Ceph admin key")
    (step,) = plan(conn, [described]).steps
    assert [str(c) for c in step.changes] == [
        "~ /secret/description: a test key -> the Ceph admin key"
    ]
    apply(conn, [described])
    assert conn.secretLookupByUUIDString(UUID).value(0) == b"key-2"
    assert [s.action for s in plan(conn, [described]).steps] == [UNCHANGED]

    # A new usage: libvirt cannot change it; without a value that is a conflict.
    moved = described.replace(f"{PREFIX}ceph", f"{PREFIX}ceph2")
    (step,) = plan(conn, [moved]).steps
    assert step.action == CONFLICT
    assert "libvirt cannot change a secret's usage" in step.notes[0]
    assert "which loses its value" in step.notes[0]
    # With one: deleted and defined again, with its UUID and the value.
    (step,) = plan(conn, [moved], secret_values={"": b"key-3"}).steps
    assert (step.action, step.recreate) == (UPDATE, True)
    (outcome,) = apply(conn, [moved], secret_values={"": b"key-3"}).outcomes
    assert (outcome.action, outcome.notes) == (UPDATED, ["recreated", "value set"])
    secret = conn.secretLookupByUUIDString(UUID)
    assert (secret.usageID(), secret.value(0)) == (f"{PREFIX}ceph2", b"key-3")

    # Another secret may not take a usage one has (libvirt: one secret per usage).
    other = _secret(f"{PREFIX}ceph2", uuid="0c0f5a3e-0c52-4a5d-9b43-5d1d8f6c1a02")
    (step,) = plan(conn, [other]).steps
    assert step.action == CONFLICT and "one secret per usage" in step.notes[0]

    removed = remove(conn, [f"secret:{UUID}"])
    assert [r.action for r in removed] == ["removed"]
    assert [r.action for r in remove(conn, [f"secret:ceph:{PREFIX}ceph2"])] == ["absent"]


def test_a_private_secret_by_usage(conn: Any, tmp_path: Path) -> None:
    document = _secret(f"{PREFIX}private", private="yes", uuid=None)
    key = _write(tmp_path, "key", b"s3cr3t-value\n")
    file = _write(tmp_path, "secret.xml", document)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["apply", str(file), "--secret-value-file", str(key), "-c", "qemu:///system"])
    assert code == 0
    assert out.getvalue().splitlines()[1] == f"  + secret ceph:{PREFIX}private: created, value set"
    assert "s3cr3t" not in out.getvalue()
    ref = f"secret:ceph:{PREFIX}private"
    # libvirt does not give a private secret's value back: not compared, not set again.
    (step,) = plan(conn, [document], secret_values={"": b"another"}).steps
    assert (step.action, step.changes) == (UNCHANGED, [])
    assert "not compared, nor set" in step.notes[0]
    with pytest.raises(libvirt_module().libvirtError, match="secret is private"):
        conn.secretLookupByUsage(CEPH, f"{PREFIX}private").value(0)
    # A private secret cannot become public in place: without a value, a conflict.
    public = document.replace("private='yes'", "private='no'")
    (step,) = plan(conn, [public]).steps
    assert step.action == CONFLICT and "cannot make a private secret public" in step.notes[0]
    uuid = conn.secretLookupByUsage(CEPH, f"{PREFIX}private").UUIDString()
    (outcome,) = apply(conn, [public], secret_values={"": b"public"}).outcomes
    assert outcome.notes == ["recreated", "value set"]
    secret = conn.secretLookupByUsage(CEPH, f"{PREFIX}private")
    assert (secret.UUIDString(), secret.value(0)) == (uuid, b"public")  # the UUID kept
    assert [r.action for r in remove(conn, [ref])] == ["removed"]


def test_a_network_filter(conn: Any) -> None:
    (outcome,) = apply(conn, [FILTER]).outcomes
    assert (outcome.action, outcome.drift) == (CREATED, [])
    # libvirt writes a UUID and the rule's priority: not changes.
    stored = domxml.parse(conn.nwfilterLookupByName(f"{PREFIX}filter").XMLDesc(0))
    assert stored.uuid is not None and stored.rules[0].priority == 500  # type: ignore[attr-defined]
    assert [s.action for s in plan(conn, [FILTER]).steps] == [UNCHANGED]
    assert not apply(conn, [FILTER]).changed

    accept = FILTER.replace("action='drop'", "action='accept'")
    (step,) = plan(conn, [accept]).steps
    assert [str(c) for c in step.changes] == ["~ /filter/rule[1]/@action: drop -> accept"]
    uuid = conn.nwfilterLookupByName(f"{PREFIX}filter").UUIDString()
    (outcome,) = apply(conn, [accept]).outcomes
    assert outcome.action == UPDATED
    assert conn.nwfilterLookupByName(f"{PREFIX}filter").UUIDString() == uuid  # kept
    assert [s.action for s in plan(conn, [accept]).steps] == [UNCHANGED]

    other_uuid = "<uuid>6f0e4ab8-59c4-4b48-8d31-50ff6a1e0f1d</uuid>"
    moved = accept.replace("chain='root'>", f"chain='root'>{other_uuid}")
    (step,) = plan(conn, [moved]).steps
    assert step.action == CONFLICT and f"exists with UUID {uuid}" in step.notes[0]
    assert [r.action for r in remove(conn, [f"nwfilter:{PREFIX}filter"])] == ["removed"]
    assert [r.action for r in remove(conn, [f"nwfilter:{PREFIX}filter"])] == ["absent"]


def test_a_filter_binding_on_a_device(conn: Any, veth: str) -> None:
    other = FILTER.replace(f"{PREFIX}filter", f"{PREFIX}filter2").replace("ipv6", "arp")
    binding = _binding(f"{PREFIX}filter")
    result = apply(conn, [binding, FILTER, other])  # filters first, then the binding
    assert [(o.step.ref.spec, o.action) for o in result.outcomes] == [
        (f"nwfilter:{PREFIX}filter", CREATED),
        (f"nwfilter:{PREFIX}filter2", CREATED),
        (f"nwfilterbinding:{veth}", CREATED),
    ]
    assert [o.drift for o in result.outcomes] == [[], [], []]
    found = conn.nwfilterBindingLookupByPortDev(veth)
    assert found.filterName() == f"{PREFIX}filter"
    assert [s.action for s in plan(conn, [binding]).steps] == [UNCHANGED]

    # Another filter on the device: deleted and created again, as the plan says.
    rebound = _binding(f"{PREFIX}filter2")
    (step,) = plan(conn, [rebound]).steps
    assert (step.action, step.recreate) == (UPDATE, True)
    assert [str(c) for c in step.changes] == [
        f"~ /filterbinding/filterref/@filter: {PREFIX}filter -> {PREFIX}filter2"
    ]
    assert step.notes == [
        f"the binding on {veth} is of filter '{PREFIX}filter', not '{PREFIX}filter2': it is"
        " deleted and created again (the device's traffic is not filtered in between)"
    ]
    (outcome,) = apply(conn, [rebound]).outcomes
    assert (outcome.action, outcome.notes, outcome.drift) == (UPDATED, ["recreated"], [])
    assert conn.nwfilterBindingLookupByPortDev(veth).filterName() == f"{PREFIX}filter2"
    assert [s.action for s in plan(conn, [rebound]).steps] == [UNCHANGED]

    refs = [f"nwfilter:{PREFIX}filter", f"nwfilter:{PREFIX}filter2", f"nwfilterbinding:{veth}"]
    removed = remove(conn, refs)
    assert [(r.ref.kind, r.action) for r in removed] == [
        ("nwfilterbinding", "removed"),
        ("nwfilter", "removed"),
        ("nwfilter", "removed"),
    ]


def test_a_network_port(conn: Any, tmp_path: Path) -> None:
    network = _write(tmp_path, "net.xml", NETWORK)
    port = _write(tmp_path, "port.xml", PORT)
    # A port needs its network active: the network is applied and started first.
    result = apply(conn, [port, network], start=True)
    assert [(o.step.ref.spec, o.action, o.drift) for o in result.outcomes] == [
        (f"network:{PREFIX}portnet", CREATED, []),
        (f"networkport:{PREFIX}portnet/5d744f21-ba4a-4d6e-bdb2-30a35ff3207d", CREATED, []),
    ]
    # libvirt plugs it into the network's bridge: not a change.
    stored = conn.networkLookupByName(f"{PREFIX}portnet").portLookupByUUIDString(
        "5d744f21-ba4a-4d6e-bdb2-30a35ff3207d"
    )
    assert domxml.parse(stored.XMLDesc(0)).plug.bridge == "domxmlit1"  # type: ignore[attr-defined]
    assert [s.action for s in plan(conn, [port], network=f"{PREFIX}portnet").steps] == [UNCHANGED]

    moved = _write(tmp_path, "port2.xml", PORT.replace("7b:35:93", "7b:35:94"))
    (step,) = plan(conn, [moved], network=f"{PREFIX}portnet").steps
    assert (step.action, step.recreate, [str(c) for c in step.changes]) == (
        UPDATE,
        True,
        ["~ /networkport/mac/@address: 52:54:00:7b:35:93 -> 52:54:00:7b:35:94"],
    )
    (outcome,) = apply(conn, [moved], network=f"{PREFIX}portnet").outcomes
    assert (outcome.action, outcome.notes) == (UPDATED, ["recreated"])
    xml = (
        conn.networkLookupByName(f"{PREFIX}portnet")
        .portLookupByUUIDString("5d744f21-ba4a-4d6e-bdb2-30a35ff3207d")
        .XMLDesc(0)
    )
    assert "52:54:00:7b:35:94" in xml
    removed = remove(
        conn,
        [
            f"network:{PREFIX}portnet",
            f"networkport:{PREFIX}portnet/5d744f21-ba4a-4d6e-bdb2-30a35ff3207d",
        ],
    )
    assert [(r.ref.kind, r.action) for r in removed] == [
        ("networkport", "removed"),
        ("network", "removed"),
    ]


def test_host_interfaces_are_read_and_never_brought_down(conn: Any, veth: str) -> None:
    # Debian 12's interface driver is libvirt's udev backend: it reads host
    # interfaces, and defines none.
    active = conn.interfaceLookupByName(veth)
    assert active.isActive()
    (step,) = plan(conn, [domxml.parse(active.XMLDesc(0))]).steps
    assert (step.ref.spec, step.action, step.changes) == (f"interface:{veth}", UNCHANGED, [])
    with pytest.raises(ApplyError, match=f"interface {veth} is active: domxml does not bring"):
        remove(conn, [f"interface:{veth}"], force=True)
    assert conn.interfaceLookupByName(veth).isActive()

    new = f"<interface type='ethernet' name='{PREFIX}if'><start mode='none'/></interface>"
    assert [s.action for s in plan(conn, [new]).steps] == [CREATE]
    with pytest.raises(ApplyError, match=r"cannot define interfaces .*udev backend") as raised:
        apply(conn, [new])
    assert raised.value.applied == []


def test_a_checkpoint_of_a_running_domain(conn: Any, tmp_path: Path) -> None:
    images = tmp_path / "images"
    pool = (
        f"<pool type='dir'><name>{PREFIX}cppool</name><target><path>{images}</path></target></pool>"
    )
    volume = (
        "<volume><name>cp.qcow2</name><capacity unit='MiB'>16</capacity>"
        # Persistent bitmaps need qcow2 v3 (QEMU: "Cannot store dirty bitmaps
        # in qcow2 v2 files"); libvirt 9.0.0 makes v2 unless told.
        "<target><format type='qcow2'/><compat>1.1</compat></target></volume>"
    )
    domain = (
        f"<domain type='kvm'><name>{PREFIX}cp</name><memory unit='MiB'>64</memory>"
        "<os><type arch='x86_64'>hvm</type></os><devices><disk type='volume' device='disk'>"
        f"<driver name='qemu' type='qcow2'/><source pool='{PREFIX}cppool' volume='cp.qcow2'/>"
        "<target dev='vda' bus='virtio'/></disk></devices></domain>"
    )
    checkpoint = (
        "<domaincheckpoint><name>first</name><description>before</description></domaincheckpoint>"
    )
    # libvirt's QEMU driver makes checkpoints of running domains only.
    apply(conn, [pool, volume, domain], start=True)
    (outcome,) = apply(conn, [checkpoint], domain=f"{PREFIX}cp").outcomes
    assert (outcome.action, outcome.drift) == (CREATED, [])
    made = conn.lookupByName(f"{PREFIX}cp").checkpointLookupByName("first").getXMLDesc(0)
    assert "bitmap='first'" in made  # the disk's bitmap, libvirt's own: no change
    assert [s.action for s in plan(conn, [checkpoint], domain=f"{PREFIX}cp").steps] == [UNCHANGED]

    after = checkpoint.replace("before", "after")
    (outcome,) = apply(conn, [after], domain=f"{PREFIX}cp").outcomes
    assert outcome.action == UPDATED
    assert [s.action for s in plan(conn, [after], domain=f"{PREFIX}cp").steps] == [UNCHANGED]
    skipped = after.replace(
        "</description>", "</description><disks><disk name='vda' checkpoint='no'/></disks>"
    )
    assert [s.action for s in plan(conn, [skipped], domain=f"{PREFIX}cp").steps] == [CONFLICT]

    removed = remove(
        conn,
        [f"checkpoint:{PREFIX}cp/first", f"domain:{PREFIX}cp", f"pool:{PREFIX}cppool"],
        force=True,
        delete_volumes=True,
    )
    assert [r.action for r in removed] == ["removed"] * 3


def test_the_plan_as_json_says_what_is_recreated(conn: Any, tmp_path: Path) -> None:
    apply(conn, [NETWORK], start=True)
    apply(conn, [PORT], network=f"{PREFIX}portnet")
    moved = _write(tmp_path, "port.xml", PORT.replace("7b:35:93", "7b:35:95"))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(
            [
                "plan",
                str(moved),
                "--network",
                f"{PREFIX}portnet",
                "--format",
                "json",
                "-c",
                "qemu:///system",
            ]
        )
    assert code == 0
    (step,) = json.loads(out.getvalue())["steps"]
    assert (step["action"], step["recreate"]) == ("update", True)
    assert step["notes"][0].startswith("libvirt cannot change a network port")
    port_ref = f"networkport:{PREFIX}portnet/5d744f21-ba4a-4d6e-bdb2-30a35ff3207d"
    remove(conn, [port_ref, f"network:{PREFIX}portnet"])
