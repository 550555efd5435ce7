"""What a newer libvirt may write: unknown values and elements in a domain.

Each case takes a fully typed domain and puts in something made up, the
way a newer libvirt could: an enumeration value (``cache='turbo'``), a
feature, a device, an attribute, an interface type, an ``<os>`` child, an
extension in a namespace nobody registered. The document must still parse,
come back with the same canonical form (from its source text and from the
models alike), list exactly the made-up locations in ``untyped()``, keep
the typed fields around them typed, and keep the unknown parts through an
edit elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from corpus import canonical, show_diff

import domxml
from domxml.binding import write_document
from domxml.models.domain import (
    Apic,
    Boot,
    BootDevice,
    CacheMode,
    CpuMode,
    Devices,
    DiskBus,
    DiskDriver,
    DiskTarget,
    Domain,
    FeatureFlag,
    Interface,
    InterfaceModel,
    Mac,
    Memballoon,
    MemballoonModel,
    NetworkInterface,
    StorageFormat,
    TimerName,
)

BASE = """\
<domain type='kvm'>
  <name>unknowns</name>
  <memory unit='KiB'>1048576</memory>
  <vcpu placement='static'>1</vcpu>
  <os>
    <type arch='x86_64' machine='q35'>hvm</type>
    <boot dev='hd'/>
  </os>
  <features>
    <acpi/>
    <apic/>
  </features>
  <cpu mode='host-passthrough'/>
  <clock offset='utc'>
    <timer name='rtc' tickpolicy='catchup'/>
  </clock>
  <on_crash>destroy</on_crash>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2' cache='none'/>
      <source file='/var/lib/libvirt/images/unknowns.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <interface type='network'>
      <mac address='52:54:00:12:34:56'/>
      <source network='default'/>
      <model type='virtio'/>
    </interface>
    <memballoon model='virtio'/>
  </devices>
</domain>
"""


def _devices(dom: Domain) -> Devices:
    assert dom.devices is not None
    return dom.devices


def _driver(dom: Domain) -> DiskDriver:
    driver = _devices(dom).disks[0].driver
    assert driver is not None
    return driver


@dataclass(frozen=True)
class Case:
    """Made-up content put into BASE, and what must come of it.

    ``edits`` are (text in BASE, replacement) pairs; ``untyped`` the
    locations ``domxml.untyped()`` must give, in document order; ``typed``
    checks that the typed fields around the unknown content are still typed.
    """

    id: str
    edits: tuple[tuple[str, str], ...]
    untyped: tuple[str, ...]
    typed: Callable[[Domain], bool]

    def document(self) -> str:
        text = BASE
        for old, new in self.edits:
            assert text.count(old) == 1, f"{self.id}: {old!r} is not once in BASE"
            text = text.replace(old, new)
        return text


CASES = [
    Case(
        "disk-cache-value",
        (("cache='none'", "cache='turbo'"),),
        ("/domain/devices/disk/driver/@cache",),
        # Not a CacheMode: the field reads None, the value is kept as written.
        lambda dom: _driver(dom).cache is None and _driver(dom).type is StorageFormat.QCOW2,
    ),
    Case(
        "feature",
        (("    <apic/>\n", "    <apic/>\n    <quantum entangled='yes'/>\n"),),
        ("/domain/features/quantum",),
        lambda dom: (
            dom.features is not None
            and dom.features.acpi == FeatureFlag()
            and dom.features.apic == Apic()
        ),
    ),
    Case(
        "device",
        (
            (
                "    <memballoon",
                "    <hologram model='3d'>\n"
                "      <projector lumens='9000'/>\n"
                "    </hologram>\n"
                "    <memballoon",
            ),
        ),
        ("/domain/devices/hologram",),
        lambda dom: _devices(dom).memballoon == Memballoon(model=MemballoonModel.VIRTIO),
    ),
    Case(
        "cpu-attribute",
        (("<cpu mode='host-passthrough'/>", "<cpu mode='host-passthrough' warp='9'/>"),),
        ("/domain/cpu/@warp",),
        lambda dom: dom.cpu is not None and dom.cpu.mode is CpuMode.HOST_PASSTHROUGH,
    ),
    Case(
        "interface-type",
        (
            ("<interface type='network'>", "<interface type='warp'>"),
            ("<source network='default'/>", "<source drive='dilithium'/>"),
        ),
        # An unknown type gives the base class, which has no <source>.
        ("/domain/devices/interface/@type", "/domain/devices/interface/source"),
        lambda dom: (
            type(_devices(dom).interfaces[0]) is Interface
            and _devices(dom).interfaces[0].type is None
            and _devices(dom).interfaces[0].mac == Mac(address="52:54:00:12:34:56")
            and _devices(dom).interfaces[0].model == InterfaceModel(type="virtio")
        ),
    ),
    Case(
        "os-child",
        (("    <boot dev='hd'/>\n", "    <bootstrap mode='fast'/>\n    <boot dev='hd'/>\n"),),
        ("/domain/os/bootstrap",),
        lambda dom: dom.os is not None and dom.os.boots == [Boot(dev=BootDevice.HD)],
    ),
    Case(
        "namespaced-extension",
        (
            ("<domain type='kvm'>", "<domain type='kvm' xmlns:acme='http://example.com/acme/1.0'>"),
            (
                "  <on_crash>destroy</on_crash>\n",
                "  <on_crash>destroy</on_crash>\n"
                "  <acme:placement zone='eu-west'>\n"
                "    <acme:rack>r12</acme:rack>\n"
                "  </acme:placement>\n",
            ),
            (
                "<disk type='file' device='disk'>",
                "<disk type='file' device='disk' acme:tier='gold'>",
            ),
        ),
        ("/domain/acme:placement", "/domain/devices/disk/@acme:tier"),
        lambda dom: _devices(dom).disks[0].target == DiskTarget(dev="vda", bus=DiskBus.VIRTIO),
    ),
    Case(
        "lifecycle-value",
        (("<on_crash>destroy</on_crash>", "<on_crash>teleport</on_crash>"),),
        ("/domain/on_crash",),
        lambda dom: dom.on_crash is None and dom.name == "unknowns",
    ),
    Case(
        "timer-name",
        (("<timer name='rtc'", "<timer name='chronon'"),),
        ("/domain/clock/timer/@name",),
        lambda dom: (
            dom.clock is not None
            and dom.clock.timers[0].name is None
            and dom.clock.timers[0].tickpolicy is not None
        ),
    ),
    Case(
        "address-type",
        (
            (
                "      <model type='virtio'/>\n",
                "      <model type='virtio'/>\n      <address type='subspace' channel='7'/>\n",
            ),
        ),
        (
            "/domain/devices/interface/address/@type",
            "/domain/devices/interface/address/@channel",
        ),
        lambda dom: isinstance(_devices(dom).interfaces[0], NetworkInterface),
    ),
]

IDS = [case.id for case in CASES]


def _parse(text: str) -> Domain:
    dom = domxml.parse(text)
    assert isinstance(dom, Domain)
    return dom


def _same_content(expected: str, actual: str, what: str) -> None:
    assert canonical(actual) == canonical(expected), (
        what + "\n" + show_diff(canonical(expected), canonical(actual), one_tag_per_line=True)
    )


def test_the_base_document_is_fully_typed() -> None:
    dom = _parse(BASE)
    assert domxml.untyped(dom) == []
    assert domxml.to_xml(dom, style="libvirt") == BASE


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_document_round_trips(case: Case) -> None:
    source = case.document()
    dom = _parse(source)
    assert domxml.to_xml(dom) == source  # unchanged: its source text
    _same_content(source, domxml.to_xml(dom), "to_xml")
    _same_content(source, write_document(dom, verbatim=False), "written from the models")


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_untyped_lists_exactly_the_made_up_locations(case: Case) -> None:
    assert domxml.untyped(_parse(case.document())) == list(case.untyped)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_typed_fields_around_stay_typed(case: Case) -> None:
    assert case.typed(_parse(case.document()))


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_an_edit_elsewhere_keeps_the_unknown_content(case: Case) -> None:
    source = case.document()
    dom = _parse(source)
    dom.name = "edited"
    expected = source.replace("<name>unknowns</name>", "<name>edited</name>")
    _same_content(expected, domxml.to_xml(dom), "after renaming the domain")
    assert domxml.untyped(dom) == list(case.untyped)
    assert _parse(domxml.to_xml(dom)) == dom


def test_all_at_once() -> None:
    source = BASE
    for case in CASES:
        for old, new in case.edits:
            source = source.replace(old, new)
    dom = _parse(source)
    _same_content(source, write_document(dom, verbatim=False), "written from the models")
    assert domxml.untyped(dom) == [
        "/domain/os/bootstrap",
        "/domain/features/quantum",
        "/domain/cpu/@warp",
        "/domain/clock/timer/@name",
        "/domain/on_crash",
        "/domain/acme:placement",
        "/domain/devices/disk/@acme:tier",
        "/domain/devices/disk/driver/@cache",
        "/domain/devices/interface/@type",
        "/domain/devices/interface/source",
        "/domain/devices/interface/address/@type",
        "/domain/devices/interface/address/@channel",
        "/domain/devices/hologram",
    ]


def test_a_known_value_assigned_replaces_the_unknown_one() -> None:
    dom = _parse(BASE.replace("cache='none'", "cache='turbo'"))
    _driver(dom).cache = CacheMode.WRITEBACK
    assert domxml.untyped(dom) == []
    assert domxml.to_xml(dom) == BASE.replace("cache='none'", "cache='writeback'")


def test_an_unknown_timer_keeps_its_place_among_known_ones() -> None:
    source = BASE.replace(
        "    <timer name='rtc' tickpolicy='catchup'/>\n",
        "    <timer name='chronon'/>\n    <timer name='rtc' tickpolicy='catchup'/>\n",
    )
    dom = _parse(source)
    assert dom.clock is not None
    assert [timer.name for timer in dom.clock.timers] == [None, TimerName.RTC]
    assert domxml.untyped(dom) == ["/domain/clock/timer[1]/@name"]
    dom.clock.timers[1].present = True
    expected = source.replace("tickpolicy='catchup'/>", "present='yes' tickpolicy='catchup'/>")
    assert domxml.to_xml(dom) == expected
