"""The last-applied record, on libvirt's embedded test driver (``test:///default``).

apply leaves ``<domxml:applied desired=... defined=.../>`` in a domain's or
network's ``<metadata>``; while the document and the object are as they
were then, plan says ``unchanged`` even where libvirt did not keep the
document as written (the test driver drops QEMU's namespace). Objects here
are named ``tr-...`` and removed by each test.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import pytest
from libvirt_support import TEST_URI, test_conn  # noqa: F401  (a fixture)

import domxml
from domxml.apply import apply, plan, remove
from domxml.apply.execute import CREATED, UPDATED
from domxml.apply.objects import handler_for
from domxml.apply.plan import UNCHANGED, UPDATE
from domxml.apply.record import NAMESPACE, Record, canonical, digest, find, with_record
from domxml.apply.report import format_result, to_json
from domxml.cli import main

QEMU_NS = "http://libvirt.org/schemas/domain/qemu/1.0"
QEMU = f"<qemu:commandline xmlns:qemu='{QEMU_NS}'><qemu:arg value='-no-reboot'/></qemu:commandline>"
MINE = "<my:app xmlns:my='urn:example:my'><my:owner>ops</my:owner></my:app>"


def _domain(name: str, memory_mib: int = 512, metadata: str = "", extra: str = "") -> str:
    return (
        f"<domain type='test'><name>{name}</name>{metadata}"
        f"<memory unit='MiB'>{memory_mib}</memory><os><type>hvm</type></os>"
        f"<devices/>{extra}</domain>"
    )


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main([*argv, "-c", TEST_URI])
    return code, out.getvalue()


def _live(conn: Any, name: str) -> str:
    return str(conn.lookupByName(name).XMLDesc(0))


def test_apply_writes_the_record(test_conn: Any) -> None:  # noqa: F811
    document = _domain("tr-rec")
    (outcome,) = apply(test_conn, [document]).outcomes
    assert outcome.action == CREATED and outcome.drift == []
    live = _live(test_conn, "tr-rec")
    record = find(domxml.parse(live))
    assert record is not None and outcome.record == record
    assert record.desired == digest(domxml.parse(document)) == digest(document)
    assert record.defined == digest(live)  # the digest leaves the record out
    assert f'<domxml:applied xmlns:domxml="{NAMESPACE}" desired="sha256:' in live
    # It holds the document applied: the plan's third side.
    assert record.document == canonical(document)
    last = record.last_applied()
    assert last is not None and domxml.diff(last, domxml.parse(document), generated=False) == []
    remove(test_conn, ["domain:tr-rec"])


def test_what_libvirt_drops_is_unchanged_after_apply(
    test_conn: Any,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "vm.xml"
    path.write_text(_domain("tr-qemu", extra=QEMU))
    result = apply(test_conn, [path])
    (outcome,) = result.outcomes
    assert [c.path for c in outcome.drift] == ["/domain/qemu:commandline"]
    assert QEMU_NS not in _live(test_conn, "tr-qemu")  # the test driver dropped it
    assert (
        "  + domain tr-qemu: created\n      libvirt did not keep all of it (recorded: a plan"
        " says unchanged until the document or the object changes):\n"
        "        + /domain/qemu:commandline: <qemu:commandline"
    ) in format_result(result)
    assert outcome.record is not None
    assert json.loads(to_json(result.as_dict()))["objects"][0]["record"] == {
        "desired": outcome.record.desired,
        "defined": outcome.record.defined,
    }

    (step,) = plan(test_conn, [path]).steps
    assert (step.action, step.changes) == (UNCHANGED, [])
    assert [str(c) for c in step.not_kept] == [str(c) for c in outcome.drift]

    code, out = _run("plan", str(path))
    assert code == 0
    assert "= domain tr-qemu: unchanged\n      libvirt does not keep" in out
    assert "        + /domain/qemu:commandline: <qemu:commandline" in out
    assert out.rstrip().endswith("1 object: 0 to create, 0 to update, 1 unchanged")
    code, out = _run("plan", str(path), "--format", "json")
    (data,) = json.loads(out)["steps"]
    assert (data["action"], data["changes"]) == ("unchanged", [])
    assert [c["path"] for c in data["not_kept"]] == ["/domain/qemu:commandline"]

    # Applied again: nothing defined, and it says so.
    def no_define(*args: Any) -> None:
        raise AssertionError("defined again")

    monkeypatch.setattr(handler_for("domain"), "define", no_define)
    monkeypatch.setattr(handler_for("domain"), "set_record", no_define)
    again = apply(test_conn, [path])
    assert not again.changed and [o.action for o in again.outcomes] == [UNCHANGED]
    code, out = _run("apply", str(path))
    assert (code, out) == (0, "nothing to do: 1 object unchanged (test:///default)\n")
    remove(test_conn, ["domain:tr-qemu"])


def test_a_changed_document_shows_its_changes(test_conn: Any, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "vm.xml"
    path.write_text(_domain("tr-doc", extra=QEMU))
    apply(test_conn, [path])
    path.write_text(_domain("tr-doc", memory_mib=1024, extra=QEMU))
    (step,) = plan(test_conn, [path]).steps
    assert step.action == UPDATE and step.not_kept == []
    assert [c.path for c in step.changes] == ["/domain/memory", "/domain/qemu:commandline"]

    (outcome,) = apply(test_conn, [path]).outcomes  # recorded anew
    assert outcome.action == UPDATED
    assert outcome.record is not None and outcome.record.desired == digest(path.read_text())
    assert plan(test_conn, [path]).steps[0].action == UNCHANGED

    # Only whitespace and comments: the same document.
    path.write_text("<!-- a comment -->\n" + path.read_text().replace("><", ">\n  <"))
    assert plan(test_conn, [path]).steps[0].action == UNCHANGED
    remove(test_conn, ["domain:tr-doc"])


def test_a_changed_object_shows_its_changes(test_conn: Any) -> None:  # noqa: F811
    document = _domain("tr-obj", extra=QEMU)
    apply(test_conn, [document])
    # Changed out of band, as `virsh edit` would: the record comes along.
    edited = _live(test_conn, "tr-obj").replace("524288", "262144")
    assert "domxml:applied" in edited
    test_conn.defineXML(edited)
    (step,) = plan(test_conn, [document]).steps
    assert step.action == UPDATE and step.not_kept == []
    assert [str(c) for c in step.changes] == [
        "~ /domain/memory: 262144 KiB -> 512 MiB",
        f"+ /domain/qemu:commandline: {QEMU}",
    ]
    (outcome,) = apply(test_conn, [document]).outcomes
    assert outcome.action == UPDATED
    assert plan(test_conn, [document]).steps[0].action == UNCHANGED
    assert "262144" not in _live(test_conn, "tr-obj")
    remove(test_conn, ["domain:tr-obj"])


def test_the_record_is_never_a_change(test_conn: Any, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "vm.xml"
    path.write_text(_domain("tr-diff"))
    apply(test_conn, [path])
    live = _live(test_conn, "tr-diff")
    assert "domxml:applied" in live

    # The live object's record, on the actual side: no difference.
    code, out = _run("diff", str(path), "domain:tr-diff")
    assert (code, out) == (0, f"no differences between {path} and domain:tr-diff\n")
    # Nor on the desired side (a document saved from `virsh dumpxml`).
    dumped = tmp_path / "dumped.xml"
    dumped.write_text(live)
    code, out = _run("diff", str(dumped), str(path))
    assert code == 1 and "metadata" not in out and "applied" not in out
    code, out = _run("diff", str(dumped), "domain:tr-diff", "--all")
    assert (code, out) == (0, f"no differences between {dumped} and domain:tr-diff\n")

    # A stale record in a document applied: replaced by the new one.
    stale = _domain(
        "tr-diff",
        memory_mib=256,
        metadata="<metadata>" + Record("sha256:0", "sha256:0").element() + "</metadata>",
    )
    (outcome,) = apply(test_conn, [stale]).outcomes
    assert outcome.action == UPDATED and outcome.drift == []
    assert _live(test_conn, "tr-diff").count("<domxml:applied") == 1
    assert find(domxml.parse(_live(test_conn, "tr-diff"))) == outcome.record
    assert plan(test_conn, [stale]).steps[0].action == UNCHANGED
    remove(test_conn, ["domain:tr-diff"])


def test_user_metadata_is_kept_and_compared(test_conn: Any) -> None:  # noqa: F811
    document = _domain("tr-meta", metadata=f"<metadata>{MINE}</metadata>")
    apply(test_conn, [document])
    live = _live(test_conn, "tr-meta")
    assert "<my:owner>ops</my:owner>" in live and "domxml:applied" in live
    assert plan(test_conn, [document]).steps[0].action == UNCHANGED

    changed = document.replace(">ops<", ">dev<")
    (step,) = plan(test_conn, [changed]).steps
    assert step.action == UPDATE
    assert [(c.path, c.actual, c.desired) for c in step.changes] == [
        (
            "/domain/metadata/*",
            '<my:app xmlns:my="urn:example:my"><my:owner>ops</my:owner></my:app>',
            '<my:app xmlns:my="urn:example:my"><my:owner>dev</my:owner></my:app>',
        )
    ]
    apply(test_conn, [changed])
    live = _live(test_conn, "tr-meta")
    assert "<my:owner>dev</my:owner>" in live and live.count("<domxml:applied") == 1

    # Without <metadata> in the document, the user's is a change; the record is not.
    (step,) = plan(test_conn, [_domain("tr-meta")]).steps
    assert [c.path for c in step.changes] == ["/domain/metadata"]
    assert "domxml" not in str(step.changes[0])
    remove(test_conn, ["domain:tr-meta"])


def test_networks_get_a_record_other_kinds_none(test_conn: Any) -> None:  # noqa: F811
    network = (
        "<network xmlns:dnsmasq='http://libvirt.org/schemas/network/dnsmasq/1.0'>"
        "<name>tr-net</name><bridge name='trbr0'/>"
        "<dnsmasq:options><dnsmasq:option value='foo=bar'/></dnsmasq:options></network>"
    )
    pool = "<pool type='dir'><name>tr-pool</name><target><path>/tr-pool</path></target></pool>"
    result = apply(test_conn, [network, pool], start=True)
    net, pl = result.outcomes
    assert [c.path for c in net.drift] == ["/network/dnsmasq:options"]  # the test driver drops it
    assert net.record is not None and pl.record is None
    xml = test_conn.networkLookupByName("tr-net").XMLDesc(0)
    assert find(domxml.parse(xml)) == net.record
    assert test_conn.networkLookupByName("tr-net").isActive()
    steps = plan(test_conn, [network, pool]).steps
    assert [(s.action, [c.path for c in s.not_kept]) for s in steps] == [
        (UNCHANGED, ["/network/dnsmasq:options"]),
        (UNCHANGED, []),
    ]
    assert not apply(test_conn, [network, pool]).changed
    remove(test_conn, ["network:tr-net", "pool:tr-pool"])


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("<a x='1' y='2'><b/></a>", '<a y="2" x="1">\n  <b></b>\n</a>'),
        ("<a><!-- c --><b/><?pi x?></a>", "<a><b/></a>"),
        (
            "<domain><name>n</name><metadata><domxml:applied xmlns:domxml='"
            + NAMESPACE
            + "' desired='x' defined='y'/></metadata></domain>",
            "<domain><name>n</name></domain>",
        ),
        ("<domain><name>n</name><metadata/></domain>", "<domain><name>n</name></domain>"),
    ],
)
def test_digests_are_of_the_canonical_form(one: str, other: str) -> None:
    assert canonical(one) == canonical(other)
    assert digest(one) == digest(other)


def test_digests_tell_content_apart() -> None:
    assert digest("<a><b>1</b></a>") != digest("<a><b>2</b></a>")
    mine = f"<domain><metadata>{MINE}</metadata></domain>"
    assert digest(mine) != digest("<domain/>")


def test_with_record_replaces_any_record() -> None:
    record = Record("sha256:1", "sha256:2")
    once = with_record("<network><name>n</name></network>", record)
    assert find(domxml.parse(once)) == record
    twice = with_record(once, Record("sha256:3", "sha256:4"))
    assert twice.count("<domxml:applied") == 1 and find(domxml.parse(twice)) == Record(
        "sha256:3", "sha256:4"
    )
    assert digest(once) == digest(twice) == digest("<network><name>n</name></network>")


def test_the_record_holds_the_document_applied() -> None:
    disks = "".join(
        f"<disk type='file'><source file='/images/{i}.qcow2'/>"
        f"<target dev='vd{chr(97 + i)}'/></disk>"
        for i in range(20)
    )
    document = _domain("tr-doc", extra=f"<metadata>{MINE}</metadata>").replace(
        "<devices/>", f"<devices>{disks}</devices>"
    )
    record = Record.of(document, document)
    assert record.desired == digest(document) and record.document == canonical(document)
    assert find(domxml.parse(with_record(document, record))) == record
    # Compressed: the whole record is smaller than the document it holds.
    assert len(record.element()) < len(canonical(document)) / 2


def test_a_damaged_document_is_no_last_applied_document() -> None:
    record = Record.of(_domain("tr-doc"), _domain("tr-doc"))
    other = Record.of(_domain("tr-other"), _domain("tr-doc"))
    start = record.element().split(">", 1)[0] + ">"
    for text in (other.element().split(">")[1].split("<")[0], "not base64!"):
        xml = f"<domain><metadata>{start}{text}</domxml:applied></metadata></domain>"
        found = find(domxml.parse(xml))
        assert found is not None and found.desired == record.desired
        assert found.document is None and found.last_applied() is None


def test_an_object_without_a_record_is_planned_two_way(test_conn: Any) -> None:  # noqa: F811
    # Defined by another tool: a removed input cannot be told from libvirt's.
    document = _domain("tr-other", extra="").replace(
        "<devices/>", "<devices><input type='tablet' bus='usb'/></devices>"
    )
    test_conn.defineXML(document)
    (step,) = plan(test_conn, [_domain("tr-other")]).steps
    assert step.action == UNCHANGED and step.changes == []
    assert step.notes == [
        "no last-applied document: 1 element(s) the document lacks are taken as libvirt's own"
        " (input[1]); a removal of one of them cannot be told from libvirt's addition until"
        " domxml has applied this object once"
    ]
    # Applied by domxml, unchanged, it gets its record: the next removal is seen.
    (outcome,) = apply(test_conn, [document]).outcomes
    assert (outcome.action, outcome.notes) == (UNCHANGED, ["last-applied record written"])
    (step,) = plan(test_conn, [_domain("tr-other")]).steps
    assert step.action == UPDATE and step.notes == []
    assert [c.path for c in step.changes] == ["/domain/devices/input[1]"]
    remove(test_conn, ["domain:tr-other"])
