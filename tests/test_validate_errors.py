"""Broken documents: the error points at the faulty node and says what would fit.

Each case takes a bundled example, breaks it in one place, and checks the
first error domxml reports against libvirt 11.3.0's schemas: the rule, the
line of the faulty node (for a missing child, the element that lacks it),
its XPath-like location, and that the hint names the near-miss name or the
allowed values.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree
from validate_support import EXAMPLES, column_of, line_of, mutate, schema_home

import domxml
from domxml.validation.explain import explain
from domxml.validation.rng import load_grammar

__all__ = ["schema_home"]


@dataclass(frozen=True)
class Case:
    """One broken document and what its first error must say."""

    id: str
    example: str
    edits: tuple[tuple[str, str], ...]
    rule: str
    at: str
    """Text that starts the faulty node (its line is the error's line)."""
    path: str
    hint: str
    """Text the hint must hold: the near-miss name, or an allowed value."""
    column_at: str | None = None
    """Text whose column is the error's column, when checked."""


DOMAIN = "domain-q35-uefi.xml"
NETWORK = "network-nat.xml"
POOL = "pool-dir.xml"
VOLUME = "volume-qcow2-backing.xml"
SNAPSHOT = "snapshot.xml"

CASES = [
    # Misspelled attribute names.
    Case(
        "domain-attribute-typo",
        DOMAIN,
        (("<target dev='vda' bus='virtio'/>", "<target dev='vda' buss='virtio'/>"),),
        "attribute-not-allowed",
        "<target dev='vda'",
        "/domain/devices/disk[1]/target/@buss",
        "`bus`",
        column_at="buss=",
    ),
    Case(
        "domain-attribute-wrong-variant",
        DOMAIN,
        (("<source file='/var/lib/libvirt/images/web.qcow2'/>", "<source dev='/x.qcow2'/>"),),
        "attribute-not-allowed",
        "<source dev=",
        "/domain/devices/disk[1]/source/@dev",
        "file",
    ),
    Case(
        "snapshot-attribute-unknown",
        SNAPSHOT,
        (("<disk name='sda' snapshot='no'/>", "<disk name='sda' snapshot='no' bogus='1'/>"),),
        "attribute-not-allowed",
        "<disk name='sda'",
        "/domainsnapshot/disks/disk[2]/@bogus",
        "snapshot",
        column_at="bogus=",
    ),
    # Misspelled element names.
    Case(
        "domain-element-typo",
        DOMAIN,
        (("<acpi/>", "<acpo/>"),),
        "element-not-allowed",
        "<acpo/>",
        "/domain/features/acpo",
        "<acpi>",
        column_at="<acpo/>",
    ),
    Case(
        "domain-element-typo-top-level",
        DOMAIN,
        (("<on_crash>destroy</on_crash>", "<on_crush>destroy</on_crush>"),),
        "element-not-allowed",
        "<on_crush>",
        "/domain/on_crush",
        "<on_crash>",
    ),
    Case(
        "domain-element-typo-in-device",
        DOMAIN,
        (("<model type='virtio'/>\n    </interface>", "<modle type='virtio'/>\n    </interface>"),),
        "element-not-allowed",
        "<modle",
        "/domain/devices/interface/modle",
        "<model>",
    ),
    Case(
        "network-element-typo",
        NETWORK,
        (("<dhcp>", "<dhpc>"), ("</dhcp>", "</dhpc>")),
        "element-not-allowed",
        "<dhpc>",
        "/network/ip/dhpc",
        "<dhcp>",
    ),
    Case(
        "volume-element-typo",
        VOLUME,
        (("<lazy_refcounts/>", "<lazy_refcount/>"),),
        "element-not-allowed",
        "<lazy_refcount/>",
        "/volume/target/features/lazy_refcount",
        "<lazy_refcounts>",
    ),
    Case(
        "snapshot-element-typo",
        SNAPSHOT,
        (("<description>", "<descripton>"), ("</description>", "</descripton>")),
        "element-not-allowed",
        "<descripton>",
        "/domainsnapshot/descripton",
        "<description>",
    ),
    # Bad enumerated values.
    Case(
        "domain-enum-attribute",
        DOMAIN,
        (("discard='unmap'", "discard='unmap' cache='fast'"),),
        "invalid-attribute-value",
        "<driver name='qemu' type='qcow2'",
        "/domain/devices/disk[1]/driver/@cache",
        "writeback",
        column_at="cache='fast'",
    ),
    Case(
        "domain-enum-discriminator",
        DOMAIN,
        (("<disk type='file' device='disk'>", "<disk type='flie' device='disk'>"),),
        "invalid-attribute-value",
        "<disk type='flie'",
        "/domain/devices/disk[1]/@type",
        "`file`",
    ),
    Case(
        "domain-enum-text",
        DOMAIN,
        (("<on_reboot>restart</on_reboot>", "<on_reboot>restrat</on_reboot>"),),
        "invalid-value",
        "<on_reboot>",
        "/domain/on_reboot/text()",
        "`restart`",
        column_at="restrat",
    ),
    Case(
        "domain-enum-near-miss",
        DOMAIN,
        (("tickpolicy='catchup'", "tickpolicy='catchupp'"),),
        "invalid-attribute-value",
        "<timer name='rtc'",
        "/domain/clock/timer[1]/@tickpolicy",
        "`catchup`",
    ),
    Case(
        "network-enum",
        NETWORK,
        (("<forward mode='nat'>", "<forward mode='natt'>"),),
        "invalid-attribute-value",
        "<forward",
        "/network/forward/@mode",
        "`nat`",
    ),
    Case(
        "network-enum-on-off",
        NETWORK,
        (("stp='on'", "stp='maybe'"),),
        "invalid-attribute-value",
        "<bridge",
        "/network/bridge/@stp",
        "off",
    ),
    Case(
        "pool-enum",
        POOL,
        (("<pool type='dir'>", "<pool type='dirr'>"),),
        "invalid-attribute-value",
        "<pool",
        "/pool/@type",
        "`dir`",
    ),
    Case(
        "volume-enum",
        VOLUME,
        (("<format type='qcow2'/>", "<format type='qcow3'/>"),),
        "invalid-attribute-value",
        "<format type='qcow3'/>",
        "/volume/target/format/@type",
        "`qcow2`",
    ),
    Case(
        "snapshot-enum",
        SNAPSHOT,
        (("<memory snapshot='no'/>", "<memory snapshot='maybe'/>"),),
        "invalid-attribute-value",
        "<memory",
        "/domainsnapshot/memory/@snapshot",
        "external",
    ),
    # Wrong value types.
    Case(
        "domain-number-text",
        DOMAIN,
        ((">2</vcpu>", ">two</vcpu>"),),
        "invalid-value",
        "<vcpu",
        "/domain/vcpu/text()",
        "integer",
    ),
    Case(
        "domain-number-attribute",
        DOMAIN,
        (("port='-1' autoport", "port='fifty' autoport"),),
        "invalid-attribute-value",
        "<graphics",
        "/domain/devices/graphics/@port",
        "integer",
    ),
    Case(
        "domain-empty-number",
        DOMAIN,
        (("<memory unit='KiB'>2097152</memory>", "<memory unit='KiB'></memory>"),),
        "invalid-value",
        "<memory unit",
        "/domain/memory/text()",
        "unsigned integer",
    ),
    Case(
        "domain-uuid-pattern",
        DOMAIN,
        (("<uuid>5f0c8d2e-7b4a-4c61-9e3f-1a2b3c4d5e6f</uuid>", "<uuid>5f0c8d2e</uuid>"),),
        "invalid-value",
        "<uuid>",
        "/domain/uuid/text()",
        "UUID",
    ),
    Case(
        "network-address-pattern",
        NETWORK,
        (("<ip address='192.168.122.1'", "<ip address='192.168.122'"),),
        "invalid-attribute-value",
        "<ip address",
        "/network/ip/@address",
        "ipv4Addr",
    ),
    Case(
        "pool-number-text",
        POOL,
        (("<capacity unit='bytes'>0</capacity>", "<capacity unit='bytes'>lots</capacity>"),),
        "invalid-value",
        "<capacity",
        "/pool/capacity/text()",
        "unsigned integer",
    ),
    Case(
        "domain-empty-element-with-text",
        DOMAIN,
        (("<readonly/>", "<readonly>yes</readonly>"),),
        "text-not-allowed",
        "<readonly>",
        "/domain/devices/disk[2]/readonly/text()",
        "<readonly/>",
    ),
    # Misplaced elements.
    Case(
        "domain-misplaced-device-child",
        DOMAIN,
        (("<memballoon model='virtio'/>", "<memballoon model='virtio'/>\n    <target dev='b'/>"),),
        "element-not-allowed",
        "<target dev='b'/>",
        "/domain/devices/target",
        "<disk>",
    ),
    Case(
        "domain-misplaced-boot",
        DOMAIN,
        (("  <features>", "  <boot dev='cdrom'/>\n  <features>"),),
        "element-not-allowed",
        "<boot dev='cdrom'/>",
        "/domain/boot",
        "<os>",
    ),
    Case(
        "domain-repeated-element",
        DOMAIN,
        (("<title>Web server</title>", "<title>Web server</title>\n  <name>web2</name>"),),
        "element-not-allowed",
        "<name>web2",
        "/domain/name[2]",
        "remove the second <name>",
    ),
    Case(
        "volume-misplaced",
        VOLUME,
        (("  <backingStore>", "  <compat>1.1</compat>\n  <backingStore>"),),
        "element-not-allowed",
        "<compat>1.1</compat>\n  <backingStore>",
        "/volume/compat",
        "<target>",
    ),
    # Missing elements and attributes.
    Case(
        "domain-missing-name",
        DOMAIN,
        (("  <name>web</name>\n", ""),),
        "missing-element",
        "<domain",
        "/domain",
        "<name>",
    ),
    Case(
        "domain-missing-os-type",
        DOMAIN,
        (("    <type arch='x86_64' machine='pc-q35-7.2'>hvm</type>\n", ""),),
        "missing-element",
        "<os",
        "/domain/os",
        "<type>",
    ),
    Case(
        "domain-missing-attribute",
        DOMAIN,
        (("<timer name='pit' tickpolicy='delay'/>", "<timer tickpolicy='delay'/>"),),
        "missing-attribute",
        "<timer tickpolicy",
        "/domain/clock/timer[2]",
        "`name`",
    ),
    Case(
        "network-missing-attribute",
        NETWORK,
        ((" end='192.168.122.254'", ""),),
        "missing-attribute",
        "<range",
        "/network/ip/dhcp/range",
        "`end`",
    ),
    Case(
        "pool-missing-element",
        POOL,
        (("    <path>/var/lib/libvirt/images</path>\n", ""),),
        "missing-element",
        "<target>",
        "/pool/target",
        "<path>",
    ),
    Case(
        "snapshot-missing-attribute",
        SNAPSHOT,
        (("<disk name='sda' snapshot='no'/>", "<disk snapshot='no'/>"),),
        "missing-attribute",
        "<disk snapshot",
        "/domainsnapshot/disks/disk[2]",
        "`name`",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_error_points_at_the_faulty_node(schema_home: Path, case: Case) -> None:
    text = mutate((EXAMPLES / case.example).read_text(encoding="utf-8"), case.edits)
    report = domxml.validate(text, libvirt="11.3.0")
    assert not report.ok, f"{case.id}: the broken document validates"
    assert report.errors, f"{case.id}: no error reported"
    error = report.errors[0]
    described = (
        f"{case.id}: {error.line}:{error.column} {error.path}: {error.message} / {error.hint}"
    )
    assert error.rule == case.rule, described
    assert error.line == line_of(text, case.at), described
    assert error.path == case.path, described
    assert case.hint in error.hint, described
    if case.column_at is not None:
        assert error.column == column_of(text, case.column_at), described


def test_the_issue_examples_word_for_word(schema_home: Path) -> None:
    text = mutate(
        (EXAMPLES / DOMAIN).read_text(encoding="utf-8"),
        [
            ("<target dev='vda' bus='virtio'/>", "<target dev='vda' buss='virtio'/>"),
            ("discard='unmap'", "discard='unmap' cache='fast'"),
        ],
    )
    messages = [error.message for error in domxml.validate(text, libvirt="11.3.0").errors]
    assert "attribute `buss` is not allowed on <target>; did you mean `bus`?" in messages
    assert (
        "`cache='fast'` is not one of: default, none, writeback, writethrough, directsync, unsafe"
        in messages
    )


def test_several_independent_errors_are_all_reported(schema_home: Path) -> None:
    text = mutate(
        (EXAMPLES / DOMAIN).read_text(encoding="utf-8"),
        [("<acpi/>", "<acpo/>"), ("tickpolicy='catchup'", "tickpolicy='catchupp'")],
    )
    paths = [error.path for error in domxml.validate(text, libvirt="11.3.0").errors]
    assert paths == ["/domain/features/acpo", "/domain/clock/timer[1]/@tickpolicy"]


@pytest.mark.parametrize(
    ("average", "ok"), [("18014398509481984", True), ("18014398509481985", False)]
)
def test_a_bound_past_a_float_s_precision_is_compared_exactly(
    schema_home: Path, average: str, ok: bool
) -> None:
    # 2**54 + 1 equals 2**54 as a float; libxml2 compares the integers exactly
    text = f"<network><name>n</name><bandwidth><inbound average='{average}'/></bandwidth></network>"
    assert domxml.validate(text, libvirt="11.3.0").ok is ok


def test_every_bundled_example_is_valid(schema_home: Path) -> None:
    for example in sorted(EXAMPLES.glob("*.xml")):
        report = domxml.validate(example, libvirt="11.3.0")
        assert report.ok, f"{example.name}: {[str(error) for error in report.errors]}"


def test_a_name_choice_with_a_wildcard_takes_any_name(tmp_path: Path) -> None:
    """``<choice><name>a</name><anyName/></choice>``: not only ``a`` may start the element."""
    rng = tmp_path / "t.rng"
    rng.write_text(
        "<grammar xmlns='http://relaxng.org/ns/structure/1.0'><start><element name='r'>"
        "<zeroOrMore><element><choice><name>a</name><anyName/></choice><empty/></element>"
        "</zeroOrMore><element name='end'><empty/></element></element></start></grammar>"
    )
    grammar = load_grammar(rng)
    assert explain(grammar, etree.fromstring("<r><a/><zzz/><end/></r>")) == []
    (problem,) = explain(grammar, etree.fromstring("<r><a/><zzz><x/></zzz><end/></r>"))
    assert problem.element.tag == "x" and problem.rule == "element-not-allowed"
