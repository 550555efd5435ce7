"""Plan, apply and remove on libvirt's embedded test driver (``test:///default``).

The driver runs in the test process and keeps its state while a connection
is open (the ``test_conn`` fixture keeps one for the session). Objects here
are named ``td-...`` and removed by each test.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from libvirt_support import TEST_URI, test_conn  # noqa: F401  (a fixture)
from removals import CASES, Case, removal_cycle

import domxml
from domxml.apply import (
    ApplyError,
    InvalidInputError,
    LibvirtMissingError,
    apply,
    load,
    plan,
    remove,
)
from domxml.apply.execute import CREATED, STILL_RUNNING, UPDATED
from domxml.apply.plan import CONFLICT, CREATE, UNCHANGED, UPDATE
from domxml.cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "apply_vm.py"


def _domain(name: str, memory: str = "<memory unit='MiB'>512</memory>", extra: str = "") -> str:
    return (
        f"<domain type='test'><name>{name}</name>{memory}<os><type>hvm</type></os>"
        "<devices><disk type='file' device='disk'><source file='/guest/disk.img'/>"
        "<target dev='vda' bus='virtio'/></disk>"
        "<interface type='network'><source network='default'/></interface>"
        f"</devices>{extra}</domain>"
    )


NETWORK = "<network><name>td-net</name><forward mode='nat'/><ip address='192.168.150.1' netmask='255.255.255.0'/></network>"  # noqa: E501
POOL = "<pool type='dir'><name>td-pool</name><target><path>/td-pool</path></target></pool>"
VOLUME = (
    "<volume><name>td.qcow2</name><capacity unit='MiB'>64</capacity>"
    "<target><format type='qcow2'/></target></volume>"
)
SNAPSHOT = "<domainsnapshot><name>td-snap</name><description>first</description></domainsnapshot>"


def _files(tmp_path: Path, **documents: str) -> dict[str, Path]:
    paths = {}
    for name, text in documents.items():
        paths[name] = tmp_path / f"{name}.xml"
        paths[name].write_text(text)
    return paths


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([*argv, "-c", TEST_URI])
    return code, out.getvalue(), err.getvalue()


def test_every_kind_planned_applied_unchanged_and_removed(test_conn: Any, tmp_path: Path) -> None:  # noqa: F811
    f = _files(tmp_path, vm=_domain("td-all"), net=NETWORK, pool=POOL, vol=VOLUME, snap=SNAPSHOT)
    documents = [f["snap"], f["vm"], f["vol"], f["net"], f["pool"]]  # any order
    first = plan(test_conn, documents)
    assert [(s.ref.spec, s.action) for s in first.steps] == [
        ("network:td-net", CREATE),
        ("pool:td-pool", CREATE),
        ("volume:td-pool/td.qcow2", CREATE),
        ("domain:td-all", CREATE),
        ("snapshot:td-all/td-snap", CREATE),
    ]
    result = apply(test_conn, documents, start=True, autostart=True)
    assert [(o.action, o.notes, o.drift) for o in result.outcomes] == [
        (CREATED, ["started", "autostart set"], []),
        (CREATED, ["started", "autostart set"], []),
        (CREATED, [], []),
        (CREATED, ["started", "autostart set"], []),
        (CREATED, [], []),
    ]
    assert test_conn.lookupByName("td-all").isActive()

    assert [s.action for s in plan(test_conn, documents).steps] == [UNCHANGED] * 5
    again = apply(test_conn, documents, start=True, autostart=True)
    assert not again.changed
    assert [o.action for o in again.outcomes] == [UNCHANGED] * 5

    refs = ["domain:td-all", "snapshot:td-all/td-snap", "network:td-net", "pool:td-pool"]
    with pytest.raises(ApplyError, match="td-all is running: stop it first"):
        remove(test_conn, refs)
    assert test_conn.lookupByName("td-all").isActive()  # nothing removed
    removed = remove(test_conn, refs, force=True, delete_volumes=True)
    assert [(r.ref.spec, r.action, r.notes) for r in removed] == [
        ("snapshot:td-all/td-snap", "removed", []),
        ("domain:td-all", "removed", ["stopped"]),
        ("pool:td-pool", "removed", ["deleted volume td.qcow2", "stopped"]),
        ("network:td-net", "removed", ["stopped"]),
    ]
    assert [r.action for r in remove(test_conn, refs)] == ["absent"] * 4


def test_update_keeps_the_uuid_and_shows_the_fields(test_conn: Any) -> None:  # noqa: F811
    apply(test_conn, [_domain("td-upd")], start=True)
    uuid = test_conn.lookupByName("td-upd").UUIDString()
    changed = _domain("td-upd", "<memory unit='GiB'>1</memory>", "<on_crash>restart</on_crash>")
    (step,) = plan(test_conn, [changed]).steps
    assert step.action == UPDATE
    assert [str(c) for c in step.changes] == [
        "~ /domain/memory: 524288 KiB -> 1 GiB",
        "~ /domain/on_crash: destroy -> restart",
    ]
    (outcome,) = apply(test_conn, [changed]).outcomes
    assert outcome.action == UPDATED
    assert outcome.notes == [STILL_RUNNING]
    assert test_conn.lookupByName("td-upd").UUIDString() == uuid
    assert plan(test_conn, [changed]).steps[0].action == UNCHANGED

    # Stopped, changed and started by the same apply: it runs the new definition.
    test_conn.lookupByName("td-upd").destroy()
    (outcome,) = apply(test_conn, [_domain("td-upd")], start=True).outcomes
    assert (outcome.action, outcome.notes) == (UPDATED, ["started"])
    remove(test_conn, ["domain:td-upd"], force=True)


def test_dry_run_changes_nothing(test_conn: Any) -> None:  # noqa: F811
    result = apply(test_conn, [_domain("td-dry")], dry_run=True, start=True)
    assert result.dry_run and [o.action for o in result.outcomes] == [CREATE]
    assert [r.action for r in remove(test_conn, ["domain:td-dry"])] == ["absent"]


def test_conflicts_are_refused_before_anything_is_applied(test_conn: Any) -> None:  # noqa: F811
    apply(test_conn, [_domain("td-uuid"), POOL, VOLUME], start=True)
    other_uuid = _domain("td-uuid").replace(
        "<name>td-uuid</name>",
        "<name>td-uuid</name><uuid>11111111-2222-3333-4444-555555555555</uuid>",
    )
    bigger = VOLUME.replace("64", "128")
    the_plan = plan(test_conn, [other_uuid, NETWORK, POOL, bigger])
    assert [s.action for s in the_plan.steps] == [CREATE, UNCHANGED, CONFLICT, CONFLICT]
    with pytest.raises(ApplyError, match="cannot apply, so nothing was applied") as raised:
        apply(test_conn, [other_uuid, NETWORK, POOL, bigger])
    assert "a volume is not changed in place" in str(raised.value)
    assert "exists with UUID" in str(raised.value)
    assert [r.action for r in remove(test_conn, ["network:td-net"])] == ["absent"]
    remove(test_conn, ["domain:td-uuid", "pool:td-pool"], force=True, delete_volumes=True)


def test_invalid_input_defines_nothing(test_conn: Any) -> None:  # noqa: F811
    broken = _domain("td-bad").replace("<disk type='file'", "<disk typo='file'")
    with pytest.raises(InvalidInputError) as raised:
        apply(test_conn, [NETWORK, broken])
    message = str(raised.value)
    assert "invalid for libvirt 9.0.0" in message and "nothing was changed" in message
    assert "@typo" in message
    assert [r.action for r in remove(test_conn, ["network:td-net", "domain:td-bad"])] == [
        "absent",
        "absent",
    ]


def test_objects_must_be_named_and_placed() -> None:
    with pytest.raises(ApplyError, match=r"which pool is volume 'td\.qcow2' in"):
        load([VOLUME])
    with pytest.raises(ApplyError, match="which domain is snapshot 'td-snap' of"):
        load([SNAPSHOT])
    with pytest.raises(ApplyError, match="a snapshot needs a <name>"):
        load(["<domainsnapshot><description>x</description></domainsnapshot>"], domain="d")
    with pytest.raises(ApplyError, match="domain td-twice is defined twice"):
        load([_domain("td-twice"), _domain("td-twice")])
    with pytest.raises(ApplyError, match="not an object domxml can apply"):
        load(["<disk type='file'/>"])
    assert [d.ref.spec for d in load([VOLUME, SNAPSHOT], pool="p", domain="d")] == [
        "volume:p/td.qcow2",
        "snapshot:d/td-snap",
    ]


def test_strict_puts_the_object_back(test_conn: Any) -> None:  # noqa: F811
    # The test driver does not keep QEMU's namespace: libvirt drops it.
    qemu = _domain(
        "td-strict",
        extra="<qemu:commandline xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>"
        "<qemu:arg value='-no-reboot'/></qemu:commandline>",
    )
    with pytest.raises(ApplyError, match="did not keep all of it") as raised:
        apply(test_conn, [qemu], strict=True)
    assert "+ /domain/qemu:commandline" in str(raised.value)
    assert [r.action for r in remove(test_conn, ["domain:td-strict"])] == ["absent"]

    (outcome,) = apply(test_conn, [qemu]).outcomes
    assert [c.path for c in outcome.drift] == ["/domain/qemu:commandline"]
    (step,) = plan(test_conn, [qemu]).steps  # unchanged, by the last-applied record
    assert (step.action, step.changes) == (UNCHANGED, [])
    assert [str(c) for c in step.not_kept] == [str(c) for c in outcome.drift]
    # --strict still refuses what libvirt does not keep, applied before or not.
    with pytest.raises(ApplyError, match=r"does not keep all of it \(--strict\)") as raised:
        apply(test_conn, [qemu], strict=True)
    assert "domain td-strict: + /domain/qemu:commandline" in str(raised.value)
    assert raised.value.applied == []
    remove(test_conn, ["domain:td-strict"])


def test_command_line(test_conn: Any, tmp_path: Path) -> None:  # noqa: F811
    f = _files(tmp_path, vm=_domain("td-cli"), vm2=_domain("td-cli", "<memory>1048576</memory>"))
    code, out, _ = _run("plan", str(f["vm"]))
    assert code == 0 and "+ domain td-cli: create" in out
    code, out, _ = _run("apply", str(f["vm"]), "--start")
    assert code == 0 and "+ domain td-cli: created, started" in out
    code, out, _ = _run("apply", str(f["vm"]))
    assert (code, out) == (0, "nothing to do: 1 object unchanged (test:///default)\n")

    code, out, _ = _run("diff", str(f["vm"]), "domain:td-cli")
    assert (code, out) == (0, f"no differences between {f['vm']} and domain:td-cli\n")
    code, out, _ = _run("diff", str(f["vm2"]), "domain:td-cli", "--format", "json")
    assert code == 1
    assert json.loads(out)["changes"] == [
        {"path": "/domain/memory", "op": "change", "desired": "1048576", "actual": "524288 KiB"}
    ]
    code, out, _ = _run("plan", str(f["vm2"]), "--format", "json")
    data = json.loads(out)
    assert data["summary"] == {"create": 0, "update": 1, "unchanged": 0, "conflict": 0}
    assert data["steps"][0]["changes"][0]["path"] == "/domain/memory"

    code, _, err = _run("remove", "domain:td-cli")
    assert code == 1 and "is running" in err
    code, out, _ = _run("remove", "domain:td-cli", "--force", "--format", "json")
    assert json.loads(out) == {
        "objects": [{"object": "domain:td-cli", "action": "removed", "notes": ["stopped"]}]
    }
    code, _, err = _run("remove", "disk:x")
    assert code == 1 and "not an object reference" in err
    code, _, err = _run("diff", str(f["vm"]), "domain:td-none")
    assert code == 2 and "there is no domain td-none" in err


def test_a_missing_binding_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from domxml.apply import connection

    monkeypatch.setattr(connection, "_module", None)
    monkeypatch.setitem(sys.modules, "libvirt", None)  # import fails
    with pytest.raises(LibvirtMissingError, match="pip install libvirt-python"):
        connection.connect(TEST_URI)
    code, _, err = _run("plan", str(EXAMPLE))
    assert code == 1 and "libvirt-dev" in err


def test_the_example(test_conn: Any, session_env: None) -> None:  # noqa: F811
    # The example validates against the newest schema set found: in the
    # session's own home, the system's (9.0.0), whatever ran before.
    spec = importlib.util.spec_from_file_location("apply_vm", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert module.main(TEST_URI) == 0
    text = out.getvalue()
    assert "valid for libvirt 9.0.0: True" in text
    assert "+ domain web01: created" in text
    assert text.rstrip().endswith("1 object: 0 to create, 0 to update, 1 unchanged")
    assert domxml.validate(domxml.to_xml(module.web_vm()), "9.0.0").ok
    remove(test_conn, ["domain:web01"], force=True)


#: A domain on the test driver with a place for each removal case's element.
REMOVAL_BASE = (
    "<domain type='test'><name>td-three-way</name><memory unit='MiB'>512</memory>"
    "<os><type arch='x86_64'>hvm</type></os><features><acpi/></features>"
    "<cpu mode='custom'><model>qemu64</model></cpu><devices/></domain>"
)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_a_removed_element_is_removed(test_conn: Any, case: Case) -> None:  # noqa: F811
    try:
        removal_cycle(test_conn, REMOVAL_BASE, "td-three-way", case)
    finally:
        remove(test_conn, ["domain:td-three-way"], force=True)


def test_standard_input(
    test_conn: Any,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def stdin(text: str) -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))

    stdin(_domain("td-stdin"))
    code, out, err = _run("plan", "-")
    assert (code, err) == (0, "") and "+ domain td-stdin: create" in out
    stdin(_domain("td-stdin"))
    code, out, _ = _run("apply", "-", "--format", "json")
    assert code == 0 and json.loads(out)["objects"][0]["file"] == "-"
    stdin(_domain("td-stdin"))
    code, out, _ = _run("plan", "-")
    assert code == 0 and "= domain td-stdin: unchanged" in out

    stdin("<domain type='test'><name>td-stdin</name>")
    code, out, err = _run("apply", "-")
    assert code == 1 and out == "" and err.startswith("domxml: error: -:1:")
    code, _, err = _run("plan", "-", "-")
    assert code == 1 and "standard input can be read only once" in err
    remove(test_conn, ["domain:td-stdin"])


def test_a_network_host_route_and_portgroup_removed(test_conn: Any) -> None:  # noqa: F811
    full = (
        "<network><name>td-three-net</name><forward mode='nat'/>"
        "<portgroup name='web'/>"
        "<ip address='192.168.151.1' netmask='255.255.255.0'><dhcp>"
        "<range start='192.168.151.100' end='192.168.151.200'/>"
        "<host mac='52:54:00:00:00:01' ip='192.168.151.10'/></dhcp></ip>"
        "<route address='10.1.0.0' prefix='16' gateway='192.168.151.2'/></network>"
    )
    bare = (
        full.replace("<portgroup name='web'/>", "")
        .replace("<host mac='52:54:00:00:00:01' ip='192.168.151.10'/>", "")
        .replace("<route address='10.1.0.0' prefix='16' gateway='192.168.151.2'/>", "")
    )
    apply(test_conn, [full])
    (step,) = plan(test_conn, [bare]).steps
    assert step.action == UPDATE
    assert sorted(c.path.split("/")[-1] for c in step.changes) == [
        "host[1]",
        "portgroup[1]",
        "route[1]",
    ]
    assert {c.op for c in step.changes} == {"remove"}
    apply(test_conn, [bare])
    (step,) = plan(test_conn, [bare]).steps
    assert (step.action, step.changes, step.not_kept) == (UNCHANGED, [], [])
    remove(test_conn, ["network:td-three-net"])
