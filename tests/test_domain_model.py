"""The domain model: general metadata, memory and vCPU allocation, and ``<os>``.

Against libvirt's corpus: every domain document comes back with the same
content, nothing under the typed elements is left untyped, and the typed
elements of the files libvirt's formatter wrote come back byte for byte
in libvirt's style; so do the disks' ``<source>`` elements, bound alone to
the storage source model that ``<nvram>`` and snapshot disks use. Then
documents built and edited in Python.
"""

from __future__ import annotations

import re
import textwrap

import pytest
from corpus import CorpusEntry, corpus_files, is_well_formed, show_diff
from lxml import etree

import domxml
from domxml.binding import bind, write_document
from domxml.models.domain import (
    Arch,
    Boot,
    BootDevice,
    DiskSource,
    Domain,
    DomainType,
    Firmware,
    FirmwareFormat,
    GuestType,
    Loader,
    LoaderType,
    Memory,
    NetworkNvram,
    NetworkProtocol,
    Nvram,
    Os,
    OsType,
    Size,
    SourceHost,
    StorageType,
    Vcpu,
    VcpuPlacement,
)
from domxml.models.domain.storage_source import NbdDiskSource
from domxml.safe_xml import safe_parser
from domxml.units import unit_scale

# The elements this model types, and the field that holds each.
TYPED = {
    "name": "name",
    "uuid": "uuid",
    "genid": "genid",
    "title": "title",
    "description": "description",
    "maxMemory": "max_memory",
    "memory": "memory",
    "currentMemory": "current_memory",
    "vcpu": "vcpu",
    "bootloader": "bootloader",
    "bootloader_args": "bootloader_args",
    "os": "os",
}


def _under_typed_element(location: str) -> bool:
    """Whether an untyped location lies in an element this model types.

    ``<metadata>`` is typed as a container: the elements applications put
    in it are theirs, kept as written, and reported as untyped by design.
    """
    match = re.match(r"^/domain/([^/\[]+)(\[\d+\])?(/(.*))?$", location)
    if match is None:
        return False
    element, rest = match.group(1), match.group(4)
    if element.startswith("@"):
        return element in ("@type", "@id")
    if element == "metadata":
        return rest is not None and rest.startswith(("@", "text()"))
    return element in TYPED


def _read(entry: CorpusEntry) -> bytes:
    data = entry.file.read_bytes()
    if not is_well_formed(data):
        pytest.skip("not well-formed")
    return data


# The canonical round trip of every file is tests/test_corpus_roundtrip.py's.
@pytest.mark.parametrize("entry", corpus_files("domain"))
def test_typed_elements_are_fully_typed(entry: CorpusEntry) -> None:
    _read(entry)
    dom = domxml.parse(entry.file)
    assert isinstance(dom, Domain)
    typed_but_untyped = [loc for loc in domxml.untyped(dom) if _under_typed_element(loc)]
    assert typed_but_untyped == [], f"{entry.path}: untyped:\n  " + "\n  ".join(typed_but_untyped)


def _libvirt_lines(model: domxml.Model, name: str) -> str:
    """``model`` written in libvirt's style as element ``name``, indented as in a domain."""
    text = domxml.to_xml(model, style="libvirt")
    default = type(model).__domxml__.tag
    if name != default:
        # The same model serves several element names (<currentMemory> is a Size).
        text = re.sub(rf"^<{default}\b", f"<{name}", text)
        text = re.sub(rf"</{default}>\n$", f"</{name}>\n", text)
    return textwrap.indent(text, "  ")


def _formatter_written(family: str) -> list[object]:
    """The corpus parameters of the files libvirt's formatter wrote."""
    params = corpus_files(family)
    return [p for p in params if p.values[0] is None or p.values[0].formatter_written]


@pytest.mark.parametrize("entry", _formatter_written("domain"))
def test_typed_elements_are_written_as_libvirt_does(entry: CorpusEntry) -> None:
    data = _read(entry).decode("utf-8")
    dom = domxml.parse(entry.file)
    assert isinstance(dom, Domain)
    for name, field in TYPED.items():
        value = getattr(dom, field)
        if value is None or isinstance(value, str):
            continue
        written = _libvirt_lines(value, name)
        assert written in data, f"{entry.path}: <{name}> differs from libvirt's\n" + show_diff(
            data, written, fromfile=entry.path, tofile=f'to_xml(<{name}>, style="libvirt")'
        )


# --- disk sources ------------------------------------------------------------

# Every <source> of a disk, its backing chain and its block-job mirror: the
# model <nvram> and snapshot disks share, and domain disks will use.
DISK_SOURCES = "//disk/source | //disk/backingStore//source | //disk/mirror//source"


@pytest.mark.parametrize("entry", corpus_files("domain"))
def test_disk_sources_are_typed_and_written_as_libvirt_does(entry: CorpusEntry) -> None:
    data = _read(entry)
    text = data.decode("utf-8")
    lines = text.splitlines()
    root = etree.fromstring(data, safe_parser())
    for element in root.xpath(DISK_SOURCES):
        source = bind(DiskSource, element)
        where = f"{entry.path}:{element.sourceline}"
        assert domxml.untyped(source) == [], f"{where}: untyped: {domxml.untyped(source)}"
        if not entry.formatter_written:
            continue
        line = lines[element.sourceline - 1]
        written = textwrap.indent(
            domxml.to_xml(source, style="libvirt"), " " * (len(line) - len(line.lstrip()))
        )
        assert written in text, f"{where}: <source> differs from libvirt's\n" + show_diff(
            text, written, fromfile=entry.path, tofile='to_xml(<source>, style="libvirt")'
        )


# --- built in Python ---------------------------------------------------------

Q35_UEFI = """\
<domain type='kvm'>
  <name>web</name>
  <uuid>5f0c8d2e-7b4a-4c61-9e3f-1a2b3c4d5e6f</uuid>
  <memory unit='KiB'>2097152</memory>
  <currentMemory unit='KiB'>2097152</currentMemory>
  <vcpu placement='static'>2</vcpu>
  <os firmware='efi'>
    <type arch='x86_64' machine='pc-q35-9.2'>hvm</type>
    <loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE.fd</loader>
    <nvram template='/usr/share/OVMF/OVMF_VARS.fd'>/var/lib/libvirt/qemu/nvram/web_VARS.fd</nvram>
    <boot dev='hd'/>
  </os>
</domain>
"""


def _q35_uefi() -> Domain:
    return Domain(
        type=DomainType.KVM,
        name="web",
        uuid="5f0c8d2e-7b4a-4c61-9e3f-1a2b3c4d5e6f",
        memory=Memory(unit="KiB", value=2097152),
        current_memory=Size(unit="KiB", value=2097152),
        vcpu=Vcpu(placement=VcpuPlacement.STATIC, count=2),
        os=Os(
            firmware=Firmware.EFI,
            type=OsType(arch=Arch.X86_64, machine="pc-q35-9.2", value=GuestType.HVM),
            loader=Loader(
                readonly=True, type=LoaderType.PFLASH, path="/usr/share/OVMF/OVMF_CODE.fd"
            ),
            nvram=Nvram(
                template="/usr/share/OVMF/OVMF_VARS.fd",
                path="/var/lib/libvirt/qemu/nvram/web_VARS.fd",
            ),
            boots=[Boot(dev=BootDevice.HD)],
        ),
    )


@pytest.mark.parametrize("style", ["parsed", "libvirt"])
def test_q35_uefi_domain_built_in_python(style: str) -> None:
    assert domxml.to_xml(_q35_uefi(), style=style) == Q35_UEFI


def test_q35_uefi_domain_reads_back_equal() -> None:
    assert domxml.parse(Q35_UEFI) == _q35_uefi()


def test_os_keyword_order_is_libvirts_whatever_the_assignment_order() -> None:
    os = Os(type=None)
    os.boots.append(Boot(dev=BootDevice.CDROM))
    os.nvram = Nvram(path="/nvram.fd")
    os.loader = Loader(path="/code.fd")
    os.type = OsType(value=GuestType.HVM)
    os.firmware = Firmware.EFI
    assert domxml.to_xml(os) == (
        "<os firmware='efi'>\n"
        "  <type>hvm</type>\n"
        "  <loader>/code.fd</loader>\n"
        "  <nvram>/nvram.fd</nvram>\n"
        "  <boot dev='cdrom'/>\n"
        "</os>\n"
    )


# --- <nvram>: a path as text, or a <source> ----------------------------------

NVRAM_PATH = """\
<domain type='kvm'>
  <name>guest</name>
  <os>
    <type arch='x86_64' machine='q35'>hvm</type>
    <loader readonly='yes' secure='yes' type='pflash' format='raw'>/OVMF/CODE.sb.fd</loader>
    <nvram template='/OVMF/VARS.sb.fd' templateFormat='raw' format='raw'>/nvram/guest.fd</nvram>
  </os>
</domain>
"""

NVRAM_SOURCE = """\
<domain type='kvm'>
  <name>guest</name>
  <os firmware='efi'>
    <type arch='x86_64' machine='q35'>hvm</type>
    <nvram type='network' format='qcow2'>
      <source protocol='nbd' name='vars'>
        <host name='example.org' port='6000'/>
      </source>
    </nvram>
  </os>
</domain>
"""


def test_nvram_with_a_path_round_trips() -> None:
    dom = domxml.parse(NVRAM_PATH)
    assert isinstance(dom, Domain) and dom.os is not None
    nvram, loader = dom.os.nvram, dom.os.loader
    assert nvram is not None and loader is not None
    assert nvram.path == "/nvram/guest.fd"
    assert nvram.template_format is FirmwareFormat.RAW
    assert nvram.source is None
    assert loader.secure is True and loader.format is FirmwareFormat.RAW
    assert write_document(dom, verbatim=False) == NVRAM_PATH
    assert domxml.to_xml(dom, style="libvirt") == NVRAM_PATH
    assert domxml.untyped(dom) == []


def test_nvram_with_a_source_round_trips() -> None:
    dom = domxml.parse(NVRAM_SOURCE)
    assert isinstance(dom, Domain) and dom.os is not None and dom.os.nvram is not None
    nvram = dom.os.nvram
    assert isinstance(nvram, NetworkNvram)  # the type's variant, with that type's source
    assert nvram.path is None
    assert nvram.type is StorageType.NETWORK
    assert nvram.source == NbdDiskSource(
        protocol=NetworkProtocol.NBD,
        name="vars",
        hosts=[SourceHost(name="example.org", port=6000)],
    )
    assert write_document(dom, verbatim=False) == NVRAM_SOURCE
    assert domxml.to_xml(dom, style="libvirt") == NVRAM_SOURCE
    assert domxml.untyped(dom) == []


def test_nvram_source_built_in_python() -> None:
    nvram = Nvram(type=StorageType.FILE, source=DiskSource(file="/var/lib/vars.fd"))
    assert domxml.to_xml(nvram) == (
        "<nvram type='file'>\n  <source file='/var/lib/vars.fd'/>\n</nvram>\n"
    )


# --- sizes keep their unit -----------------------------------------------------

MEMORY = """\
<domain type='qemu'>
  <name>small</name>
  <memory unit='MiB'>512</memory>
  <currentMemory unit='mib'>256</currentMemory>
</domain>
"""


def test_editing_memory_keeps_its_unit() -> None:
    dom = domxml.parse(MEMORY)
    assert isinstance(dom, Domain) and dom.memory is not None
    assert dom.current_memory is not None
    dom.memory.value = 1024
    dom.current_memory.set_bytes(768 * 1024**2)
    assert domxml.to_xml(dom) == MEMORY.replace(">512<", ">1024<").replace(">256<", ">768<")


def test_sizes_in_bytes_and_kib() -> None:
    dom = domxml.parse(MEMORY)
    assert isinstance(dom, Domain) and dom.memory is not None
    assert dom.current_memory is not None
    assert dom.memory.to_bytes() == 512 * 1024**2
    assert dom.memory.to_kib() == 512 * 1024
    assert dom.current_memory.to_kib() == 256 * 1024
    assert Size(value=4).to_kib() == 4  # no unit: KiB, for memory
    assert Size(value=4096).to_bytes(default_unit="bytes") == 4096
    assert Size(unit="b", value=1025).to_kib() == 2  # rounded up, as libvirt does


def test_set_bytes_refuses_a_partial_unit() -> None:
    size = Size(unit="GiB", value=1)
    with pytest.raises(ValueError, match="whole number"):
        size.set_bytes(1024**3 + 1)
    assert size.value == 1


@pytest.mark.parametrize(
    ("unit", "scale"),
    [
        ("b", 1),
        ("bytes", 1),
        ("KiB", 1024),
        ("k", 1024),
        ("KB", 1000),
        ("M", 1024**2),
        ("mib", 1024**2),
        ("MB", 1000**2),
        ("G", 1024**3),
        ("GiB", 1024**3),
        ("TB", 1000**4),
        ("PiB", 1024**5),
        ("E", 1024**6),
    ],
)
def test_units_scale_as_libvirt_does(unit: str, scale: int) -> None:
    assert unit_scale(unit) == scale


@pytest.mark.parametrize("unit", ["", "x", "KiBB", "kibi", "Kb2"])
def test_unknown_units_are_refused(unit: str) -> None:
    with pytest.raises(ValueError, match="not a size unit"):
        unit_scale(unit)


def test_memory_dump_core_and_max_memory_slots() -> None:
    text = (
        "<domain type='kvm'>\n"
        "  <name>hotplug</name>\n"
        "  <maxMemory slots='16' unit='KiB'>1099511627776</maxMemory>\n"
        "  <memory dumpCore='off' unit='KiB'>219100</memory>\n"
        "</domain>\n"
    )
    dom = domxml.parse(text)
    assert isinstance(dom, Domain) and dom.memory is not None and dom.max_memory is not None
    assert dom.memory.dump_core is False
    assert dom.max_memory.slots == 16
    assert domxml.to_xml(dom, style="libvirt") == text


def test_sizes_are_built_from_text_and_keep_their_unit() -> None:
    from domxml.models.domain.memory import Memory
    from domxml.models.domain.size import Size

    memory = Memory.of("2 GiB")
    assert (memory.unit, memory.value, memory.to_kib()) == ("GiB", 2, 2 * 1024 * 1024)
    assert Size.of("512MiB").to_bytes() == 512 * 1024**2
    assert Size.of("4096").to_kib() == 4096  # no unit: KiB, as for a domain's memory
    with pytest.raises(ValueError, match="unit"):
        Size.of("2 gallons")
    with pytest.raises(ValueError, match="not a size"):
        Size.of("lots")


def test_pci_addresses_are_built_from_lspci_text() -> None:
    from domxml.models.domain import PciAddress

    assert PciAddress.of("0000:00:02.0") == PciAddress(domain=0, bus=0, slot=2, function=0)
    assert PciAddress.of("01:00.1") == PciAddress(domain=0, bus=1, slot=0, function=1)
    with pytest.raises(ValueError, match="not a PCI address"):
        PciAddress.of("00:02")


def test_a_domain_needs_a_type_and_a_name() -> None:
    with pytest.raises(TypeError):
        Domain()  # type: ignore[call-arg]
