"""``domxml.diff``: typed comparison, libvirt's generated values, repeated elements.

No libvirt needed: both sides are documents.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import domxml
from domxml.compare.generated import RULES
from domxml.models.domain.devices.disk import (
    DiskBus,
    DiskDevice,
    DiskTarget,
    FileDisk,
    FileDiskSource,
)

DOCS = Path(__file__).resolve().parent.parent / "docs" / "apply.md"


def _changes(desired: str, actual: str, **options: bool) -> list[str]:
    return [str(c) for c in domxml.diff(domxml.parse(desired), domxml.parse(actual), **options)]


def _domain(body: str, head: str = "") -> str:
    return f"<domain type='kvm'{head}><name>vm</name><memory>65536</memory>{body}</domain>"


# -- typed values ---------------------------------------------------------------------------

SAME = [
    (  # hexadecimal and decimal
        _domain(
            "<devices><disk type='file'><target dev='vda'/>"
            "<address type='pci' bus='0x01' slot='2'/></disk></devices>"
        ),
        _domain(
            "<devices><disk type='file'><target dev='vda'/>"
            "<address type='pci' bus='1' slot='0x02'/></disk></devices>"
        ),
    ),
    (  # a size in any unit
        "<domain type='kvm'><name>vm</name><memory unit='GiB'>1</memory></domain>",
        "<domain type='kvm'><name>vm</name><memory unit='KiB'>1048576</memory></domain>",
    ),
    (  # no unit: KiB for memory
        "<domain type='kvm'><name>vm</name><memory>1048576</memory></domain>",
        "<domain type='kvm'><name>vm</name><memory unit='MiB'>1024</memory></domain>",
    ),
    (  # UUIDs and MACs whatever their case and dashes
        _domain(
            "<uuid>C7A5FDBDCDAF9455926AD65C16DB1809</uuid>"
            "<devices><interface type='network'><mac address='52:54:00:AB:CD:EF'/>"
            "<source network='default'/></interface></devices>"
        ),
        _domain(
            "<uuid>c7a5fdbd-cdaf-9455-926a-d65c16db1809</uuid>"
            "<devices><interface type='network'><mac address='52:54:00:ab:cd:ef'/>"
            "<source network='default'/></interface></devices>"
        ),
    ),
    (  # a CPU list, as libvirt rewrites it
        _domain("<vcpu cpuset='0,1,3'>2</vcpu>"),
        _domain("<vcpu cpuset='0-3,^2'>2</vcpu>"),
    ),
    (  # a volume's capacity: bytes when no unit
        "<volume><name>v</name><capacity>67108864</capacity><target/></volume>",
        "<volume><name>v</name><capacity unit='MiB'>64</capacity><target/></volume>",
    ),
    (  # a machine type alias, resolved
        _domain("<os><type machine='q35'>hvm</type></os>"),
        _domain("<os><type machine='pc-q35-7.2'>hvm</type></os>"),
    ),
    (  # an element without its type (the base class) and libvirt's with the default one
        _domain(
            "<devices><filesystem><source dir='/srv'/><target dir='srv'/></filesystem></devices>"
        ),
        _domain(
            "<devices><filesystem type='mount' accessmode='passthrough'>"
            "<source dir='/srv'/><target dir='srv'/></filesystem></devices>"
        ),
    ),
    (  # order of repeated elements, and comments
        _domain(
            "<devices><disk type='file'><target dev='vda'/></disk>"
            "<disk type='file'><target dev='vdb'/></disk><!-- mine --></devices>"
        ),
        _domain(
            "<devices><disk type='file'><target dev='vdb'/></disk>"
            "<disk type='file'><target dev='vda'/></disk></devices>"
        ),
    ),
]


@pytest.mark.parametrize(("desired", "actual"), SAME)
def test_same_meaning_is_no_change(desired: str, actual: str) -> None:
    assert _changes(desired, actual) == []


# -- what libvirt generates -----------------------------------------------------------------

DESIRED = _domain(
    "<os><type>hvm</type></os><devices>"
    "<disk type='file'><source file='/img/vm.qcow2'/><target dev='vda'/></disk>"
    "<interface type='network'><source network='default'/></interface>"
    "<graphics type='vnc'/></devices>"
)

# What libvirt 9.0.0's QEMU driver made of DESIRED (virsh dumpxml --inactive).
ACTUAL = """<domain type='kvm'>
  <name>vm</name>
  <uuid>19f06925-5d8a-45e8-ba3f-46fffcc160c2</uuid>
  <memory unit='KiB'>65536</memory>
  <currentMemory unit='KiB'>65536</currentMemory>
  <vcpu placement='static'>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc-i440fx-7.2'>hvm</type>
    <boot dev='hd'/>
  </os>
  <cpu mode='custom' match='exact' check='none'>
    <model fallback='forbid'>qemu64</model>
  </cpu>
  <clock offset='utc'/>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <disk type='file' device='disk'>
      <driver name='qemu' type='raw'/>
      <source file='/img/vm.qcow2'/>
      <target dev='vda' bus='virtio'/>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x04' function='0x0'/>
    </disk>
    <controller type='usb' index='0' model='piix3-uhci'>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x2'/>
    </controller>
    <controller type='pci' index='0' model='pci-root'/>
    <interface type='network'>
      <mac address='52:54:00:a6:8f:a2'/>
      <source network='default'/>
      <model type='rtl8139'/>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x03' function='0x0'/>
    </interface>
    <input type='mouse' bus='ps2'/>
    <input type='keyboard' bus='ps2'/>
    <graphics type='vnc' port='-1' autoport='yes'>
      <listen type='address'/>
    </graphics>
    <audio id='1' type='none'/>
    <video>
      <model type='cirrus' vram='16384' heads='1' primary='yes'/>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>
    </video>
    <memballoon model='virtio'>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>
    </memballoon>
  </devices>
</domain>
"""


def test_what_libvirt_generates_is_no_change() -> None:
    assert _changes(DESIRED, ACTUAL) == []


def test_every_field_compared_with_generated_false() -> None:
    changes = _changes(DESIRED, ACTUAL, generated=False)
    assert "- /domain/uuid: 19f06925-5d8a-45e8-ba3f-46fffcc160c2" in changes
    assert any(c.startswith("- /domain/devices/controller[1]") for c in changes)


def test_a_generated_value_the_desired_side_gives_is_compared() -> None:
    desired = DESIRED.replace("<name>vm</name>", "<name>vm</name><uuid>" + "1" * 32 + "</uuid>")
    assert _changes(desired, ACTUAL) == [
        "~ /domain/uuid: 19f06925-5d8a-45e8-ba3f-46fffcc160c2 -> " + "1" * 32
    ]


def test_a_default_given_and_left_out_is_no_change() -> None:
    desired = DESIRED.replace("<os>", "<on_crash>destroy</on_crash><os>")
    assert _changes(desired, ACTUAL) == []
    # ...but another value is.
    desired = DESIRED.replace("<devices>", "<on_crash>restart</on_crash><devices>")
    assert _changes(desired, ACTUAL) == ["~ /domain/on_crash: destroy -> restart"]


def test_changes_are_reported_field_by_field() -> None:
    desired = DESIRED.replace("<memory>65536</memory>", "<memory unit='MiB'>128</memory>")
    desired = desired.replace("<target dev='vda'/>", "<target dev='vda'/><readonly/>")
    desired = desired.replace("<graphics type='vnc'/>", "")
    assert _changes(desired, ACTUAL) == [
        "~ /domain/memory: 65536 KiB -> 128 MiB",
        "+ /domain/devices/disk[1]/readonly: <readonly/>",
        "- /domain/devices/graphics[1]: <graphics type='vnc' port='-1' autoport='yes'>"
        "<listen type='address'/></graphics>",
    ]


def test_a_device_libvirt_did_not_add_is_a_change() -> None:
    actual = ACTUAL.replace(
        "<input type='mouse'",
        "<disk type='file' device='cdrom'><target dev='hdc'/></disk><input type='mouse'",
    )
    assert _changes(DESIRED, actual) == [
        "- /domain/devices/disk[2]: <disk type='file' device='cdrom'><target dev='hdc'/></disk>"
    ]


def test_unknown_content_is_compared_as_written() -> None:
    desired = _domain("<devices><future answer='42'/></devices>", " future='yes'")
    actual = _domain("<devices><future answer='41'/></devices>")
    assert _changes(desired, actual) == [
        '~ /domain/devices/*: <future answer="41"></future> -> <future answer="42"></future>',
        "+ /domain/@future: yes",
    ]


def test_an_element_without_its_type_is_compared_field_by_field() -> None:
    desired = _domain(
        "<devices><filesystem><source dir='/a'/><target dir='t'/></filesystem></devices>"
    )
    actual = _domain(
        "<devices><filesystem type='mount'>"
        "<source dir='/b'/><target dir='t'/></filesystem></devices>"
    )
    assert _changes(desired, actual) == ["~ /domain/devices/filesystem[1]/source/@dir: /b -> /a"]


def test_two_variants_are_compared_field_by_field() -> None:
    """A cdrom libvirt turned from a file into a block device: the type and the source change."""
    cdrom = "<disk type='{}' device='cdrom'><source {}/><target dev='sda' bus='sata'/></disk>"
    desired = _domain("<devices>" + cdrom.format("file", "file='/a.iso'") + "</devices>")
    actual = _domain("<devices>" + cdrom.format("block", "dev='/dev/sr0'") + "</devices>")
    assert _changes(desired, actual) == [
        "~ /domain/devices/disk[1]/@type: block -> file",
        "+ /domain/devices/disk[1]/source/@file: /a.iso",
        "- /domain/devices/disk[1]/source/@dev: /dev/sr0",
    ]
    # The same for a disk built in code, which holds no parsed attributes.
    built = domxml.parse(desired)
    built.devices.disks[0] = FileDisk(
        device=DiskDevice.CDROM,
        source=FileDiskSource(file="/a.iso"),
        target=DiskTarget(dev="sda", bus=DiskBus.SATA),
    )
    assert [str(c) for c in domxml.diff(built, domxml.parse(actual))] == _changes(desired, actual)


def test_what_only_one_variant_has_is_added_or_removed() -> None:
    vnc = _domain("<devices><graphics type='vnc' port='5900' sharePolicy='ignore'/></devices>")
    spice = _domain("<devices><graphics type='spice' port='5900' tlsPort='5901'/></devices>")
    assert _changes(vnc, spice) == [
        "~ /domain/devices/graphics[1]/@type: spice -> vnc",
        "+ /domain/devices/graphics[1]/@sharePolicy: ignore",
        "- /domain/devices/graphics[1]/@tlsPort: 5901",
    ]
    assert _changes(spice, vnc)[-1] == "- /domain/devices/graphics[1]/@sharePolicy: ignore"


def test_inputs_of_another_type_are_other_devices() -> None:
    # A tablet added beside libvirt's PS/2 mouse is an addition, not the mouse changed.
    tablet = _domain("<devices><input type='tablet' bus='usb'/></devices>")
    mouse = _domain("<devices><input type='mouse' bus='ps2'/></devices>")
    assert _changes(tablet, mouse) == [
        "+ /domain/devices/input[1]: <input type='tablet' bus='usb'/>"
    ]


def test_documents_of_two_kinds_are_not_compared() -> None:
    with pytest.raises(domxml.DomxmlError, match="cannot compare a <domain> with a <network>"):
        domxml.diff(domxml.parse(_domain("")), domxml.parse("<network><name>n</name></network>"))


def test_network_defaults() -> None:
    desired = "<network><name>n</name><forward mode='nat'/></network>"
    actual = """<network>
      <name>n</name><uuid>e222dbd5-7c43-450e-a27a-0d10ce12a60a</uuid>
      <forward mode='nat'><nat><port start='1024' end='65535'/></nat></forward>
      <bridge name='virbr1' stp='on' delay='0'/><mac address='52:54:00:a6:8f:a2'/>
    </network>"""
    assert _changes(desired, actual) == []
    assert _changes(
        desired.replace("nat'/>", "nat'><nat><port start='2000' end='3000'/></nat></forward>"),
        actual,
    ) == [
        "~ /network/forward/nat/port/@start: 1024 -> 2000",
        "~ /network/forward/nat/port/@end: 65535 -> 3000",
    ]


# -- the documented list --------------------------------------------------------------------


def test_every_rule_is_documented() -> None:
    """docs/apply.md names every rule, in a table row of its own: `Label`."""
    text = DOCS.read_text()
    documented = set(re.findall(r"^\| `([^`]+)` \|", text, re.MULTILINE))
    labels = {rule.label for rule in RULES.rules}
    assert sorted(labels - documented) == []
    assert sorted(documented - labels) == []


# -- the same setting, as libvirt rewrites it ---------------------------------------------


def _iscsi(name: str) -> str:
    return _domain(
        "<devices><disk type='network' device='disk'>"
        f"<source protocol='iscsi' name='{name}'><host name='example.org' port='3260'/></source>"
        "<target dev='vda' bus='virtio'/></disk></devices>"
    )


def _scsi_hostdev(name: str) -> str:
    return _domain(
        "<devices><hostdev mode='subsystem' type='scsi'>"
        f"<source protocol='iscsi' name='{name}'><host name='example.org'/></source>"
        "</hostdev></devices>"
    )


def _sched(body: str) -> str:
    return _domain(
        f"<vcpu placement='static'>4</vcpu><iothreads>3</iothreads><cputune>{body}</cputune>"
    )


def _vnc(attrs: str) -> str:
    return _domain(f"<devices><graphics type='vnc' {attrs}/></devices>")


def _ram_fs(source: str) -> str:
    return _domain(
        f"<devices><filesystem type='ram'><source {source}/>"
        "<target dir='/mnt'/></filesystem></devices>"
    )


def _memtune(limit: str) -> str:
    return _domain(f"<memtune><hard_limit unit='KiB'>{limit}</hard_limit></memtune>")


def _numad(vcpu: str, numatune: str) -> str:
    return _domain(f"<vcpu placement='{vcpu}'>2</vcpu>{numatune}")


def _firmware(features: str) -> str:
    return _domain(
        f"<os firmware='efi'><type arch='x86_64' machine='q35'>hvm</type>"
        f"<firmware>{features}</firmware></os>"
    )


_ENROLLED = "<feature enabled='yes' name='enrolled-keys'/>"
_SECURE = "<feature enabled='yes' name='secure-boot'/>"
_HOSTDEV_ZPCI = (
    "<devices><hostdev mode='subsystem' type='pci'><source>"
    "<address domain='0x0000' bus='0x00' slot='0x01' function='0x0'/></source>"
    "<address type='pci'{}><zpci uid='0x0001' fid='0x00000000'/></address>"
    "</hostdev></devices>"
)
_LABELSKIP = (
    "<devices><disk type='file'><source file='/img/a'>{}</source>"
    "<target dev='vda'/></disk></devices>"
)

# (desired, what libvirt made of it): the same setting.
REWRITTEN_SAME = {
    "iSCSI LUN 0 appended": (
        _iscsi("iqn.1992-01.com.example"),
        _iscsi("iqn.1992-01.com.example/0"),
    ),
    "iSCSI LUN 0 split off": (
        _iscsi("iqn.1992-01.com.example/0"),
        _iscsi("iqn.1992-01.com.example"),
    ),
    "iSCSI hostdev LUN 0": (
        _scsi_hostdev("iqn.1992-01.com.example"),
        _scsi_hostdev("iqn.1992-01.com.example/0"),
    ),
    "scheduler entries merged": (
        _sched(
            "<vcpusched vcpus='0-1' scheduler='fifo' priority='1'/>"
            "<vcpusched vcpus='1-3,^1' scheduler='idle'/>"
            "<iothreadsched iothreads='1,3' scheduler='batch'/>"
        ),
        _sched(
            "<vcpusched vcpus='0-1' scheduler='fifo' priority='1'/>"
            "<vcpusched vcpus='2' scheduler='idle'/><vcpusched vcpus='3' scheduler='idle'/>"
            "<iothreadsched iothreads='1-3,^2' scheduler='batch'/>"
        ),
    ),
    "generated genid": (
        _domain("<genid/>"),
        _domain("<genid>a956d8ef-9f9b-4da4-a2ac-e660f0e60808</genid>"),
    ),
    "port ignored with autoport": (
        _vnc("port='5900' autoport='yes'"),
        _vnc("port='-1' autoport='yes'"),
    ),
    "localtime with an adjustment": (
        _domain("<clock offset='localtime' adjustment='3600'/>"),
        _domain("<clock offset='variable' adjustment='3600' basis='localtime'/>"),
    ),
    "variable: utc basis by default": (
        _domain("<clock offset='variable' adjustment='10'/>"),
        _domain("<clock offset='variable' adjustment='10' basis='utc'/>"),
    ),
    "RAM filesystem size in other units": (
        _ram_fs("usage='1048576' units='bytes'"),
        _ram_fs("usage='1024' units='KiB'"),
    ),
    "RAM filesystem size in KiB by default": (
        _ram_fs("usage='1024'"),
        _ram_fs("usage='1024' units='KiB'"),
    ),
    "NIC model case": (
        _domain("<devices><interface type='user'><model type='ViRtIo'/></interface></devices>"),
        _domain("<devices><interface type='user'><model type='virtio'/></interface></devices>"),
    ),
    "USB version digits": (
        _domain(
            "<devices><redirfilter><usbdev version='9.4' allow='yes'/></redirfilter></devices>"
        ),
        _domain(
            "<devices><redirfilter><usbdev version='9.40' allow='yes'/></redirfilter></devices>"
        ),
    ),
    "unlimited memory limit": (_memtune("9007199254740991"), _domain("")),
    "timeout of a disabled boot menu": (
        _domain("<os><type>hvm</type><bootmenu enable='no' timeout='3000'/></os>"),
        _domain("<os><type>hvm</type><bootmenu enable='no'/></os>"),
    ),
    "empty coalesce rx": (
        _domain("<devices><interface type='user'><coalesce><rx/></coalesce></interface></devices>"),
        _domain("<devices><interface type='user'></interface></devices>"),
    ),
    "all-zero PCI address": (
        _domain(_HOSTDEV_ZPCI.format(" domain='0x0000' bus='0x00' slot='0x00' function='0x0'")),
        _domain(_HOSTDEV_ZPCI.format("")),
    ),
    "numad: memory placement from the vCPUs'": (
        _numad("auto", ""),
        _numad("auto", "<numatune><memory mode='strict' placement='auto'/></numatune>"),
    ),
    "numad: placement without a nodeset": (
        _numad("auto", "<numatune><memory mode='preferred'/></numatune>"),
        _numad("auto", "<numatune><memory mode='preferred' placement='auto'/></numatune>"),
    ),
    "enrolled keys imply secure boot": (_firmware(_ENROLLED), _firmware(_ENROLLED + _SECURE)),
    "labelskip: a running domain's": (
        _domain(_LABELSKIP.format("<seclabel model='selinux' labelskip='yes'/>")),
        _domain(_LABELSKIP.format("")),
    ),
}


@pytest.mark.parametrize(("desired", "actual"), REWRITTEN_SAME.values(), ids=REWRITTEN_SAME.keys())
def test_a_setting_libvirt_rewrites_is_no_change(desired: str, actual: str) -> None:
    assert _changes(desired, actual) == []


# (desired, actual, the change): near the rewrites above, but a real change.
REAL_CHANGES = {
    "memory": (
        DESIRED.replace("<memory>65536</memory>", "<memory>131072</memory>"),
        ACTUAL,
        "~ /domain/memory: 65536 KiB -> 131072",
    ),
    "a disk added": (
        DESIRED.replace(
            "</disk>", "</disk><disk type='file'><source file='/img/b'/><target dev='vdb'/></disk>"
        ),
        ACTUAL,
        "+ /domain/devices/disk[2]: "
        "<disk type='file'><source file='/img/b'/><target dev='vdb'/></disk>",
    ),
    "a cache mode": (
        DESIRED.replace("<target dev='vda'/>", "<driver cache='none'/><target dev='vda'/>"),
        ACTUAL,
        "+ /domain/devices/disk[1]/driver/@cache: none",
    ),
    "another iSCSI LUN": (
        _iscsi("iqn.1992-01.com.example/1"),
        _iscsi("iqn.1992-01.com.example/0"),
        "~ /domain/devices/disk[1]/source/@name: "
        "iqn.1992-01.com.example/0 -> iqn.1992-01.com.example/1",
    ),
    "LUN 0 of another protocol": (
        _iscsi("pool/image").replace("iscsi", "rbd"),
        _iscsi("pool/image/0").replace("iscsi", "rbd"),
        "~ /domain/devices/disk[1]/source/@name: pool/image/0 -> pool/image",
    ),
    "a scheduler priority": (
        _sched("<vcpusched vcpus='0-1' scheduler='fifo' priority='1'/>"),
        _sched(
            "<vcpusched vcpus='0' scheduler='fifo' priority='1'/>"
            "<vcpusched vcpus='1' scheduler='fifo' priority='2'/>"
        ),
        "~ /domain/cputune/vcpusched[1]/@vcpus: 0 -> 0-1",
    ),
    "a genid": (
        _domain("<genid>a956d8ef-9f9b-4da4-a2ac-e660f0e60809</genid>"),
        _domain("<genid>a956d8ef-9f9b-4da4-a2ac-e660f0e60808</genid>"),
        "~ /domain/genid: "
        "a956d8ef-9f9b-4da4-a2ac-e660f0e60808 -> a956d8ef-9f9b-4da4-a2ac-e660f0e60809",
    ),
    "a port without autoport": (
        _vnc("port='5901' autoport='no'"),
        _vnc("port='5900' autoport='no'"),
        "~ /domain/devices/graphics[1]/@port: 5900 -> 5901",
    ),
    "a clock basis": (
        _domain("<clock offset='localtime' adjustment='3600'/>"),
        _domain("<clock offset='variable' adjustment='3600' basis='utc'/>"),
        "~ /domain/clock/@offset: variable -> localtime",
    ),
    "a RAM filesystem size": (
        _ram_fs("usage='1024'"),
        _ram_fs("usage='1024' units='MiB'"),
        "~ /domain/devices/filesystem[1]/source/@usage: 1024 MiB -> 1024",
    ),
    "a memory limit": (
        _memtune("1048576"),
        _domain(""),
        "+ /domain/memtune: <memtune><hard_limit unit='KiB'>1048576</hard_limit></memtune>",
    ),
    "the timeout of an enabled boot menu": (
        _domain("<os><type>hvm</type><bootmenu enable='yes' timeout='3000'/></os>"),
        _domain("<os><type>hvm</type><bootmenu enable='yes'/></os>"),
        "+ /domain/os/bootmenu/@timeout: 3000",
    ),
    "a PCI address": (
        _domain(_HOSTDEV_ZPCI.format(" domain='0x0000' bus='0x00' slot='0x03' function='0x0'")),
        _domain(_HOSTDEV_ZPCI.format("")),
        "+ /domain/devices/hostdev[1]/address/@slot: 0x03",
    ),
    "numad: static vCPUs": (
        _numad("static", ""),
        _numad("static", "<numatune><memory mode='strict' placement='auto'/></numatune>"),
        "- /domain/numatune: <numatune><memory mode='strict' placement='auto'/></numatune>",
    ),
    "secure boot without enrolled keys": (
        _firmware("<feature enabled='no' name='enrolled-keys'/>"),
        _firmware("<feature enabled='no' name='enrolled-keys'/>" + _SECURE),
        "- /domain/os/firmware/feature[2]: <feature enabled='yes' name='secure-boot'/>",
    ),
    "a disk seclabel": (
        _domain(_LABELSKIP.format("<seclabel model='selinux' relabel='no'/>")),
        _domain(_LABELSKIP.format("")),
        "+ /domain/devices/disk[1]/source/seclabel[1]: <seclabel model='selinux' relabel='no'/>",
    ),
}


@pytest.mark.parametrize(
    ("desired", "actual", "change"), REAL_CHANGES.values(), ids=REAL_CHANGES.keys()
)
def test_a_real_change_beside_a_rewrite_is_reported(desired: str, actual: str, change: str) -> None:
    assert change in _changes(desired, actual)


# -- three-way: the document applied last -----------------------------------------------------

#: What libvirt keeps of a small q35 domain: the desired devices, with what it adds.
_KEPT = _domain(
    "<devices><controller type='scsi' index='0' model='virtio-scsi'/>"
    "<controller type='usb' index='0' model='qemu-xhci'/>"
    "<controller type='pci' index='0' model='pcie-root'/>"
    "<input type='tablet' bus='usb'/><input type='mouse' bus='ps2'/>"
    "<disk type='file'><source file='/a.img'/><target dev='vda' bus='virtio'/></disk>"
    "</devices>"
)
_APPLIED = _domain(
    "<devices><controller type='scsi' model='virtio-scsi'/><input type='tablet' bus='usb'/>"
    "<disk type='file'><source file='/a.img'/><target dev='vda' bus='virtio'/></disk></devices>"
)

THREE_WAY = [
    (  # the scsi controller, removed
        "<devices><input type='tablet' bus='usb'/><disk type='file'><source file='/a.img'/>"
        "<target dev='vda' bus='virtio'/></disk></devices>",
        [
            "- /domain/devices/controller[1]: <controller type='scsi' index='0'"
            " model='virtio-scsi'/>"
        ],
    ),
    (  # the tablet, removed; the PS/2 mouse stays libvirt's
        "<devices><controller type='scsi' model='virtio-scsi'/><disk type='file'>"
        "<source file='/a.img'/><target dev='vda' bus='virtio'/></disk></devices>",
        ["- /domain/devices/input[1]: <input type='tablet' bus='usb'/>"],
    ),
    (  # a value libvirt would fill in, removed: a removal all the same
        "<devices><controller type='scsi' model='virtio-scsi'/><input type='tablet' bus='usb'/>"
        "<disk type='file'><source file='/a.img'/><target dev='vda'/></disk></devices>",
        ["- /domain/devices/disk[1]/target/@bus: virtio"],
    ),
    (  # nothing removed: what libvirt added is not a change
        "<devices><controller type='scsi' model='virtio-scsi'/><input type='tablet' bus='usb'/>"
        "<disk type='file'><source file='/a.img'/><target dev='vda' bus='virtio'/></disk>"
        "</devices>",
        [],
    ),
]


@pytest.mark.parametrize(("devices", "expected"), THREE_WAY)
def test_three_way_tells_a_removal_from_libvirts_addition(
    devices: str, expected: list[str]
) -> None:
    desired, actual, last = (domxml.parse(x) for x in (_domain(devices), _KEPT, _APPLIED))
    assert [str(c) for c in domxml.diff(desired, actual, last=last)] == expected
    # Two-way, the removal of what libvirt could have added is not seen.
    assert domxml.diff(desired, actual) == []


def test_without_the_last_document_the_assumed_items_are_listed() -> None:
    from domxml.compare import assumed

    desired = domxml.parse(_domain("<devices/>"))
    assert assumed(desired, domxml.parse(_KEPT)) == [
        "/domain/devices/controller[1]",
        "/domain/devices/controller[2]",
        "/domain/devices/controller[3]",
        "/domain/devices/input[1]",
        "/domain/devices/input[2]",
    ]


def test_a_last_document_of_another_kind_is_refused() -> None:
    network = domxml.parse("<network><name>n</name></network>")
    with pytest.raises(domxml.DomxmlError, match="last-applied <network>"):
        domxml.diff(domxml.parse(_KEPT), domxml.parse(_KEPT), last=network)
