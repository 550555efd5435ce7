"""The apply layer's kinds beside domains, networks and storage, without libvirt.

How documents of secrets, network filters and their bindings, host
interfaces, network ports and checkpoints are named and placed; secrets'
values by name; and the diff's rules for these kinds, checked against
libvirt's own test pairs: a filter or checkpoint document (``...xml2xmlin``)
and what libvirt wrote from it (``...xml2xmlout``) differ in nothing the
plan would show.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from kinds_support import entries

import domxml
from domxml.apply import ApplyError, Ref, diff, load
from domxml.apply.handler import REFERENCES
from domxml.apply.objects import HANDLERS, KINDS
from domxml.cli.apply import secret_values

SECRET = (
    "<secret ephemeral='no' private='yes'><uuid>f52a81b2-424e-490c-823d-6bd4235bc572</uuid>"
    "<usage type='ceph'><name>client.admin secret</name></usage></secret>"
)
SECRET_BY_USAGE = "<secret><usage type='volume'><volume>/var/lib/x.img</volume></usage></secret>"
FILTER = "<filter name='no-ipv6' chain='root'><rule action='drop' direction='in'><mac protocolid='ipv6'/></rule></filter>"  # noqa: E501
BINDING = """<filterbinding>
  <owner><name>vm</name><uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid></owner>
  <portdev name='vnet7'/>
  <mac address='52:54:00:7b:35:93'/>
  <filterref filter='no-ipv6'/>
</filterbinding>"""
PORT = """<networkport>
  <uuid>5d744f21-ba4a-4d6e-bdb2-30a35ff3207d</uuid>
  <owner><name>vm</name><uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid></owner>
  <mac address='52:54:00:7b:35:93'/>
</networkport>"""
INTERFACE = "<interface type='ethernet' name='eth7'><start mode='onboot'/></interface>"
VLAN = "<interface type='vlan'><start mode='onboot'/><vlan tag='42'><interface name='eth0'/></vlan></interface>"  # noqa: E501
CHECKPOINT = "<domaincheckpoint><name>cp1</name></domaincheckpoint>"


def test_every_kind_has_a_handler_a_reference_and_a_place_in_the_order() -> None:
    assert set(HANDLERS) == set(KINDS) == set(REFERENCES)
    assert list(HANDLERS) == list(KINDS)
    # What an object needs comes first.
    before = [
        ("secret", "pool"),
        ("secret", "domain"),
        ("nwfilter", "domain"),
        ("nwfilter", "nwfilterbinding"),
        ("interface", "network"),
        ("network", "networkport"),
        ("domain", "checkpoint"),
    ]
    for first, then in before:
        assert KINDS.index(first) < KINDS.index(then), (first, then)


def test_each_kind_is_named_as_the_command_line_names_it() -> None:
    found = load(
        [SECRET, SECRET_BY_USAGE, FILTER, BINDING, PORT, INTERFACE, VLAN, CHECKPOINT],
        network="default",
        domain="vm",
    )
    assert [d.ref.spec for d in found] == [
        "secret:f52a81b2-424e-490c-823d-6bd4235bc572",
        "secret:volume:/var/lib/x.img",
        "nwfilter:no-ipv6",
        "interface:eth7",
        "interface:eth0.42",
        "networkport:default/5d744f21-ba4a-4d6e-bdb2-30a35ff3207d",
        "checkpoint:vm/cp1",
        "nwfilterbinding:vnet7",
    ]
    for item in found:
        assert Ref.parse(item.ref.spec) == item.ref


def test_what_holds_a_port_or_checkpoint_is_given_or_found() -> None:
    with pytest.raises(ApplyError, match=r"which network is networkport '5d744f21-.*' on\?"):
        load([PORT])
    with pytest.raises(ApplyError, match="which domain is checkpoint 'cp1' of"):
        load([CHECKPOINT])
    network = "<network><name>n1</name></network>"
    (_, port) = load([PORT, network])
    assert port.ref == Ref("networkport", "5d744f21-ba4a-4d6e-bdb2-30a35ff3207d", "n1")
    embedded = (
        "<domaincheckpoint><name>cp2</name><domain><name>vm9</name></domain></domaincheckpoint>"
    )
    (checkpoint,) = load([embedded])
    assert checkpoint.ref == Ref("checkpoint", "cp2", "vm9")


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("<secret ephemeral='no'/>", "a secret needs a <uuid> or a <usage>"),
        (
            "<networkport><owner><name>vm</name></owner></networkport>",
            "a networkport needs a <uuid> to be applied .libvirt would make one up",
        ),
        ("<domaincheckpoint/>", "a checkpoint needs a <name> to be applied .libvirt would"),
        (
            "<filterbinding><filterref filter='x'/></filterbinding>",
            "a nwfilterbinding needs a <portdev name=...>",
        ),
    ],
)
def test_an_object_must_be_named(document: str, message: str) -> None:
    with pytest.raises(ApplyError, match=message):
        load([document], network="n", domain="d")


def test_a_secret_value_goes_to_the_secret_it_names(tmp_path: Path) -> None:
    path = tmp_path / "secret.xml"
    path.write_text(SECRET_BY_USAGE)
    # The only secret: no name needed.
    (only,) = load([SECRET], secret_values={"": b"k1"})
    assert only.value == b"k1"
    # By UUID, by usage, by document file.
    by = load(
        [SECRET, path],
        secret_values={"f52a81b2-424e-490c-823d-6bd4235bc572": b"a", str(path): b"b"},
    )
    assert [d.value for d in by] == [b"a", b"b"]
    (_, usage) = load([SECRET, SECRET_BY_USAGE], secret_values={"volume:/var/lib/x.img": b"c"})
    assert usage.value == b"c"
    with pytest.raises(ApplyError, match=r"without SECRET= is for the only secret.*there are 2"):
        load([SECRET, SECRET_BY_USAGE], secret_values={"": b"x"})
    with pytest.raises(ApplyError, match="no secret document is that"):
        load([SECRET], secret_values={"ceph:other": b"x"})
    # Never shown: not in the object's repr, nor in a step's data.
    assert "k1" not in repr(only)


def test_secret_value_files_are_read_as_they_are(tmp_path: Path) -> None:
    key = tmp_path / "key"
    key.write_bytes(b"s3cret\n")
    odd = tmp_path / "a=b"
    odd.write_bytes(b"\x00\x01")
    assert secret_values([str(key)]) == {"": b"s3cret\n"}
    assert secret_values([f"ceph:client.admin={key}"]) == {"ceph:client.admin": b"s3cret\n"}
    assert secret_values([str(odd)]) == {"": b"\x00\x01"}  # a path with '=' is a path
    with pytest.raises(domxml.DomxmlError, match="No such file"):
        secret_values([str(tmp_path / "missing")])


def _pairs(family: str, into: str, out: str) -> list[tuple[Path, Path]]:
    found = []
    for entry in entries(family, ("valid",)):
        if f"/{into}/" in f"/{entry.path}":
            written = entry.file.parent.parent / out / entry.file.name
            if written.is_file():
                found.append((entry.file, written))
    return found


def test_libvirt_rewriting_a_filter_is_no_change() -> None:
    # MAC addresses with two digits a byte, netmasks as prefix lengths, the
    # default chain and priorities written out, variables without spaces.
    pairs = _pairs("nwfilter", "nwfilterxml2xmlin", "nwfilterxml2xmlout")
    assert len(pairs) == 20
    for given, written in pairs:
        changes = diff(domxml.parse(given), domxml.parse(written))
        assert changes == [], f"{given.name}: {[str(c) for c in changes]}"


def test_a_changed_filter_value_is_a_change() -> None:
    before = domxml.parse(FILTER.replace("<mac protocolid='ipv6'/>", "<ip srcipmask='24'/>"))
    for changed, path in [
        ("<ip srcipmask='255.255.0.0'/>", "/filter/rule[1]/ip/@srcipmask"),
        ("<ip srcipmask='24'/></rule><rule action='drop' direction='in'><ip/>", "/filter/rule[2]"),
    ]:
        after = domxml.parse(FILTER.replace("<mac protocolid='ipv6'/>", changed))
        assert [c.path for c in diff(after, before)] == [path]
    netmask = "<ip srcipmask='255.255.255.0'/>"
    same = domxml.parse(FILTER.replace("<mac protocolid='ipv6'/>", netmask))
    assert diff(same, before) == []


def test_libvirt_completing_a_checkpoint_is_no_change() -> None:
    # libvirt fills in the disks, their bitmaps, the creation time, the
    # parent and the domain; a document without a name is left out (apply
    # refuses it: libvirt would name it after the time).
    pairs = _pairs(
        "domaincheckpoint", "qemudomaincheckpointxml2xmlin", "qemudomaincheckpointxml2xmlout"
    )
    named = [(g, w) for g, w in pairs if getattr(domxml.parse(g), "name", None)]
    assert len(named) == 1  # size.xml; sample.xml, empty.xml, disk-default.xml have no name
    for given, written in named:
        assert diff(domxml.parse(given), domxml.parse(written)) == []
    for given, written in pairs:
        changes = diff(domxml.parse(given), domxml.parse(written))
        assert [c.path for c in changes] in ([], ["/domaincheckpoint/name"]), given.name


@pytest.mark.parametrize(
    ("given", "written"),
    [
        ("<mac protocolid='0x0800'/>", "<mac protocolid='ipv4'/>"),
        ("<vlan encap-protocol='0x86dd'/>", "<vlan encap-protocol='ipv6'/>"),
        ("<ip protocol='6'/>", "<ip protocol='tcp'/>"),
        ("<arp opcode='request'/>", "<arp opcode='Request'/>"),
        ("<arp opcode='2'/>", "<arp opcode='Reply'/>"),
        ("<ipv6 srcipaddr='::ffff:0a01:0203'/>", "<ipv6 srcipaddr='::ffff:10.1.2.3'/>"),
        ("<ipv6 srcipmask='ffff:ffff:ffff::'/>", "<ipv6 srcipmask='48'/>"),
        ("<tcp srcportstart='0x16'/>", "<tcp srcportstart='22'/>"),
    ],
)
def test_a_filter_value_libvirt_writes_another_way_is_the_same(given: str, written: str) -> None:
    def document(match: str) -> domxml.Model:
        return domxml.parse(FILTER.replace("<mac protocolid='ipv6'/>", match))

    assert diff(document(given), document(written)) == []


@pytest.mark.parametrize(
    ("given", "written"),
    [
        ("<mac protocolid='0x0806'/>", "<mac protocolid='ipv4'/>"),
        ("<ip protocol='17'/>", "<ip protocol='tcp'/>"),
        ("<ip srcipmask='255.255.0.255'/>", "<ip srcipmask='16'/>"),
        ("<tcp srcportstart='$A[1]'/>", "<tcp srcportstart='$A'/>"),
    ],
)
def test_a_filter_value_that_differs_is_a_change(given: str, written: str) -> None:
    def document(match: str) -> domxml.Model:
        return domxml.parse(FILTER.replace("<mac protocolid='ipv6'/>", match))

    assert len(diff(document(given), document(written))) == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("networkport:5d744f21", "a networkport is named networkport:NETWORK/UUID"),
        ("checkpoint:cp1", "a checkpoint is named checkpoint:DOMAIN/NAME"),
        ("filter:x", "expected .*nwfilter:NAME.*nwfilterbinding:PORTDEV"),
    ],
)
def test_a_wrong_reference_says_how_to_write_one(text: str, message: str) -> None:
    with pytest.raises(ApplyError, match=message):
        Ref.parse(text)


def test_a_domain_device_is_no_host_interface() -> None:
    message = r"<interface> \(NetworkInterface\) is not an object domxml can apply"
    with pytest.raises(ApplyError, match=message):
        load(["<interface type='network'><source network='default'/></interface>"])


def test_a_volume_without_a_name_is_no_made_up_name() -> None:
    with pytest.raises(ApplyError, match=r"a volume needs a <name> to be applied$"):
        load(["<volume><capacity>1</capacity></volume>"], pool="p")
