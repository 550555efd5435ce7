"""The binding engine on toy models: what any model gets from its declaration."""

from __future__ import annotations

import enum

import pytest

from domxml.binding import (
    HEX2,
    ON_OFF,
    Model,
    attr,
    bind,
    child,
    children,
    element,
    leaf,
    leaves,
    matching,
    text,
    untyped,
    value_counts,
    variant,
    write_document,
    write_model,
)
from domxml.errors import ModelError
from domxml.safe_xml import parse_tree


class Colour(enum.Enum):
    RED = "red"
    GREEN = "green"


@element("address")
class Address(Model):
    bus: int | None = attr(codec=HEX2, default=None)
    slot: int | None = attr(codec=HEX2, default=None)


@element("path")
class Path(Model):
    format: str | None = attr(default=None)
    value: str | None = text(default=None)


@element("ip", self_close=False)
class Ip(Model):
    address: str | None = attr(default=None)


@element("source", discriminator="type")
class Source(Model):
    type: str | None = attr(default=None)


@variant("file")
class FileSource(Source):
    file: str | None = attr(default=None)


@variant("net")
class NetSource(Source):
    host: str | None = attr(default=None)
    port: int | None = attr(default=None)


@element("thing")
class Thing(Model):
    kind: Colour | None = attr(default=None)
    enabled: bool | None = attr(default=None)
    power: bool | None = attr(codec=ON_OFF, default=None)
    count: int | None = attr(default=None)
    name: str | None = leaf(default=None)
    alias: str | None = leaf("aliasName", default=None)
    tags: list[str] = leaves("tag", default_factory=list)
    path: Path | None = child(default=None)
    address: Address | None = child(default=None)
    addresses: list[Address] = children("extra", default_factory=list)
    ips: list[Ip] = children(default_factory=list)
    source: Source | None = child(default=None)


def load(xml: str) -> Thing:
    root = parse_tree(xml.encode())
    model = bind(Thing, root)
    assert isinstance(model, Thing)
    return model


def roundtrip(xml: str) -> str:
    return write_document(load(xml))


def test_typed_values_are_read() -> None:
    t = load(
        "<thing kind='red' enabled='yes' power='off' count='0x10'>"
        "<name>n</name><aliasName>a</aliasName><tag>x</tag><tag>y</tag>"
        "<path format='raw'>/p</path><address bus='0x01' slot='2'/></thing>"
    )
    assert t.kind is Colour.RED
    assert t.enabled is True
    assert t.power is False
    assert t.count == 16
    assert (t.name, t.alias, t.tags) == ("n", "a", ["x", "y"])
    assert t.path == Path(format="raw", value="/p")
    assert t.address == Address(bus=1, slot=2)
    assert untyped(t) == []


def test_written_forms_survive_until_changed() -> None:
    xml = "<thing count='0x10'>\n  <address bus='0x1' slot='02'/>\n</thing>\n"
    t = load(xml)
    assert write_document(t) == xml
    assert t.address is not None
    t.address.slot = 3
    t.count = 16  # the same value: the written form stays
    assert (
        write_document(t) == "<thing count='0x10'>\n  <address bus='0x1' slot='0x03'/>\n</thing>\n"
    )


def test_libvirt_style_uses_declaration_order_and_canonical_forms() -> None:
    t = load("<thing count='7' kind='red'><address slot='1' bus='0x1'/><name>n</name></thing>")
    assert write_document(t, "libvirt") == (
        "<thing kind='red' count='7'>\n"
        "  <name>n</name>\n"
        "  <address bus='0x1' slot='1'/>\n"
        "</thing>\n"
    )


def test_unknown_content_is_kept_in_place_and_reported() -> None:
    xml = (
        "<thing kind='red' mystery='1'>\n"
        "  <!-- a comment -->\n"
        "  <name>n</name>\n"
        "  <future a='b'><deep/></future>\n"
        "  <address bus='0x01' extra='x'/>\n"
        "</thing>\n"
    )
    t = load(xml)
    assert write_document(t) == xml
    assert untyped(t) == ["/thing/@mystery", "/thing/future", "/thing/address/@extra"]
    assert value_counts(t) == (6, 3)


def test_values_outside_an_enumeration_are_kept_and_reported() -> None:
    xml = "<thing kind='purple' enabled='maybe' count='many'/>\n"
    t = load(xml)
    assert (t.kind, t.enabled, t.count) == (None, None, None)
    assert write_document(t) == xml
    assert untyped(t) == ["/thing/@kind", "/thing/@enabled", "/thing/@count"]
    t.kind = Colour.GREEN
    assert write_document(t) == "<thing kind='green' enabled='maybe' count='many'/>\n"
    assert untyped(t) == ["/thing/@enabled", "/thing/@count"]


def test_absent_empty_and_empty_text_differ() -> None:
    absent = load("<thing/>")
    empty = load("<thing><path/><name/></thing>")
    assert absent.path is None and absent.name is None
    assert empty.path == Path() and empty.name == ""
    assert write_document(empty) == "<thing>\n  <path/>\n  <name/>\n</thing>\n"


def test_mixed_text_and_children_are_kept_verbatim() -> None:
    xml = "<thing>before <name>n</name> middle <future/>after</thing>\n"
    t = load(xml)
    assert write_document(t) == xml
    assert untyped(t) == [
        "/thing/text()[1]",
        "/thing/text()[2]",
        "/thing/future",
        "/thing/text()[3]",
    ]


def test_namespaced_content_keeps_its_declarations() -> None:
    xml = (
        "<thing xmlns:q='http://example.org/q'>\n"
        "  <q:cmd q:x='1'/>\n"
        '  <other xmlns:o="http://example.org/o"><o:x/></other>\n'
        "</thing>\n"
    )
    out = write_document(load(xml))
    assert out == xml.replace('xmlns:o="http://example.org/o"', "xmlns:o='http://example.org/o'")


def test_variants_are_chosen_by_the_discriminator() -> None:
    f = load("<thing><source type='file' file='/a'/></thing>").source
    n = load("<thing><source type='net' host='h' port='1'/></thing>").source
    u = load("<thing><source type='other' file='/a'/></thing>")
    assert f == FileSource(type="file", file="/a")
    assert n == NetSource(type="net", host="h", port=1)
    assert type(u.source) is Source
    assert untyped(u) == ["/thing/source/@file"]


def test_items_added_in_code_go_after_their_kind() -> None:
    t = load("<thing>\n  <tag>a</tag>\n  <future/>\n  <extra bus='1'/>\n</thing>\n")
    t.tags.append("b")
    t.addresses.insert(0, Address(bus=0))
    t.name = "new"
    assert write_document(t) == (
        "<thing>\n  <name>new</name>\n  <tag>a</tag>\n  <tag>b</tag>\n  <future/>\n"
        "  <extra bus='0x00'/>\n  <extra bus='1'/>\n</thing>\n"
    )


def test_model_built_in_code() -> None:
    t = Thing(
        kind=Colour.GREEN,
        power=True,
        name="vm",
        tags=["x"],
        path=Path(value="/var/a&b"),
        ips=[Ip(address="10.0.0.1")],
        source=NetSource(type="net", host="h'q"),
    )
    assert write_document(t) == (
        "<thing kind='green' power='on'>\n"
        "  <name>vm</name>\n"
        "  <tag>x</tag>\n"
        "  <path>/var/a&amp;b</path>\n"
        "  <ip address='10.0.0.1'>\n"
        "  </ip>\n"
        "  <source type='net' host='h&apos;q'/>\n"
        "</thing>\n"
    )


def test_required_and_defaulted_fields() -> None:
    assert Thing() == Thing(tags=[], ips=[])
    with pytest.raises(TypeError):
        Thing("positional")  # type: ignore[misc]


def test_bad_value_set_in_code_is_a_model_error() -> None:
    t = Thing(count="seven")  # type: ignore[arg-type]
    with pytest.raises(ModelError, match="thing"):
        write_document(t)


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1f", "\ud800", "\ufffe", "\uffff"])
def test_text_xml_cannot_hold_is_a_model_error(char: str) -> None:
    t = load("<thing><name>a</name><path format='raw'/></thing>")
    t.name = "a" + char
    with pytest.raises(ModelError, match=rf"U\+{ord(char):04X} in <name> \(line 2"):
        write_document(t)
    t.name = "a"
    t.path = Path(format=char)
    with pytest.raises(ModelError, match=r"in <path> \(line 3"):
        write_document(t, "libvirt")


def test_characters_xml_holds_are_written() -> None:
    t = load("<thing><name>a</name></thing>")
    t.name = "tab\there, U+0085 \x85, U+10000 \U00010000, U+FFFD \ufffd"
    assert load(write_document(t)).name == t.name


def test_attribute_whitespace_survives() -> None:
    t = load("<thing><name>a</name></thing>")
    t.path = Path(format="a\nb\tc")
    out = write_document(t)
    assert "format='a&#10;b&#9;c'" in out
    assert load(out).path == Path(format="a\nb\tc")


@element("cmd", ns="http://example.org/q", prefix="q")
class Cmd(Model):
    arg: str | None = attr(default=None)


@element("holder")
class Holder(Model):
    cmd: Cmd | None = child(default=None)
    note: str | None = leaf(default=None)


def load_holder(xml: str) -> Holder:
    model = bind(Holder, parse_tree(xml.encode()), xml.encode())
    assert isinstance(model, Holder)
    return model


def test_namespaced_model_keeps_the_source_prefix_or_none() -> None:
    prefixed = "<holder xmlns:z='http://example.org/q'>\n  <z:cmd arg='a'/>\n</holder>\n"
    default = "<holder>\n  <cmd arg='a' xmlns='http://example.org/q'/>\n</holder>\n"
    for xml in (prefixed, default):
        model = load_holder(xml)
        assert model.cmd == Cmd(arg="a")
        assert write_document(model, verbatim=False) == xml


def test_namespaced_model_built_in_code_is_declared_on_the_root() -> None:
    assert write_document(Holder(cmd=Cmd(arg="a"))) == (
        "<holder xmlns:q='http://example.org/q'>\n  <q:cmd arg='a'/>\n</holder>\n"
    )


def test_unknown_text_of_a_childless_element_stays_inline() -> None:
    xml = "<holder>\n  <cmd arg='a' xmlns='http://example.org/q'>text</cmd>\n</holder>\n"
    model = load_holder(xml)
    assert write_document(model, verbatim=False) == xml
    assert untyped(model) == ["/holder/cmd/text()"]


def test_an_unchanged_document_is_its_source_and_a_change_is_seen() -> None:
    xml = "<holder>\n    <note>n</note>\n</holder>\n"  # not libvirt's indentation
    model = load_holder(xml)
    assert write_document(model) == xml
    model.note = "m"
    assert write_document(model) == "<holder>\n    <note>m</note>\n</holder>\n"


def test_a_change_to_a_parsed_list_is_seen() -> None:
    xml = "<thing>\n    <tag>a</tag>\n</thing>\n"
    t = bind(Thing, parse_tree(xml.encode()), xml.encode())
    assert isinstance(t, Thing)
    assert write_document(t) == xml
    t.tags.append("b")
    assert write_document(t) == "<thing>\n    <tag>a</tag>\n    <tag>b</tag>\n</thing>\n"


def test_a_variant_built_in_code_carries_its_discriminator() -> None:
    assert NetSource(host="h").type == "net"
    assert write_document(Thing(source=FileSource(file="/a"))) == (
        "<thing>\n  <source type='file' file='/a'/>\n</thing>\n"
    )


@element("listen", discriminator="type")
class Listen(Model):
    type: str | None = attr(default=None)


@variant("open", self_close=False)
class OpenListen(Listen):
    pass


def test_a_variant_may_write_its_empty_form_otherwise() -> None:
    out: list[str] = []
    write_model(OpenListen(), out, "", True)
    assert "".join(out) == "<listen type='open'>\n</listen>"
    out = []
    write_model(Listen(type="x"), out, "", True)
    assert "".join(out) == "<listen type='x'/>"


@element("entry")
class Entry(Model):
    name: str | None = attr()


@element("note")
class Note(Model):
    entry: str | None = attr()
    text_: str | None = text(default=None)


@element("ledger", follows=(("notes", "entry", "entries", "name"),))
class Ledger(Model):
    """Each ``<note>`` right after the ``<entry>`` it names (as domain capabilities' blockers)."""

    entries: list[Entry] = children(default_factory=list)
    notes: list[Note] = children(default_factory=list)


def test_a_follower_built_in_code_is_written_after_the_item_it_names() -> None:
    ledger = Ledger(
        entries=[Entry(name="a"), Entry(name="b"), Entry(name="a")],
        notes=[Note(entry="b"), Note(entry="a"), Note(entry="zz"), Note(entry="a")],
    )
    assert write_document(ledger) == (
        "<ledger>\n"
        "  <entry name='a'/>\n  <note entry='a'/>\n"
        "  <entry name='b'/>\n  <note entry='b'/>\n"
        "  <entry name='a'/>\n  <note entry='a'/>\n"
        "  <note entry='zz'/>\n"  # naming no entry: after the last
        "</ledger>\n"
    )
    parsed = bind(Ledger, parse_tree(write_document(ledger).encode()))
    assert isinstance(parsed, Ledger)
    # The k-th note naming an entry goes with the k-th entry of that name.
    assert [n.entry for n in parsed.notes] == ["a", "b", "a", "zz"]


def test_a_parsed_follower_keeps_its_place() -> None:
    xml = "<ledger>\n  <entry name='a'/>\n  <entry name='b'/>\n  <note entry='a'/>\n</ledger>\n"
    parsed = bind(Ledger, parse_tree(xml.encode()), xml.encode())
    assert write_document(parsed) == xml
    parsed.entries.append(Entry(name="c"))
    assert write_document(parsed, verbatim=False) == xml.replace(
        "  <note", "  <entry name='c'/>\n  <note"
    )


def test_a_pattern_a_newer_version_widened() -> None:
    codec = matching(r"[a-z.]+", "word").before("12.9.0", r"[a-z]+")
    assert codec.pattern == r"[a-z.]+"
    assert codec.pattern_for(None) == r"[a-z.]+"
    assert codec.pattern_for("12.9.0") == r"[a-z.]+"
    assert codec.pattern_for("13.0.0") == r"[a-z.]+"
    assert codec.pattern_for("11.3.0") == r"[a-z]+"
    assert codec.pattern_for("12.8.0") == r"[a-z]+"  # between two known: the older
    assert matching(r"[a-z]+").pattern_for("9.0.0") == r"[a-z]+"


def test_an_absent_repeated_field_is_an_empty_list_made_when_asked_for() -> None:
    xml = "<thing count='1'>\n  <tag>x</tag>\n</thing>\n"
    t = bind(Thing, parse_tree(xml.encode()), xml.encode())
    assert isinstance(t, Thing)
    held = t.__dict__
    assert "tags" in held and "ips" not in held and "addresses" not in held  # none made
    assert write_document(t) == xml  # asking for nothing changed nothing
    assert t.ips == [] and "ips" in held  # made, and kept, when asked for
    assert write_document(t) == xml  # an empty list asked for is no change either
    t.addresses.append(Address(bus=1))
    added = "<thing count='1'>\n  <tag>x</tag>\n  <extra bus='0x01'/>\n</thing>\n"
    assert write_document(t) == added
    assert t == Thing(count=1, tags=["x"], addresses=[Address(bus=1)])
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        t.nothing  # noqa: B018
