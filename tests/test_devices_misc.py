"""Smaller devices: watchdog, balloon, RNG, TPM, NVRAM, panic, shmem, memory
devices, IOMMU, vsock, crypto and pstore.

Against libvirt's corpus: each of these elements, bound alone to its model,
is fully typed, comes back with the same content and, where libvirt's
formatter wrote the file, byte for byte in libvirt's style; a table checks
typed values read from named files. Then documents parsed, edited and built
in Python.
"""

from __future__ import annotations

import dataclasses
import enum
import inspect
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from corpus import CorpusEntry, corpus_files, data_dir
from element_checks import check_elements_alone
from libvirt_12_9_documents import DOMAIN as LIBVIRT_12_9_DOMAIN
from lxml import etree

import domxml
from domxml.binding import bind, root_models, write_document
from domxml.models.domain import Domain, Size
from domxml.models.domain.devices import (
    AddressType,
    Devices,
    DimmAddress,
    IsaAddress,
    PciAddress,
)
from domxml.models.domain.devices import crypto as crypto_module
from domxml.models.domain.devices import iommu as iommu_module
from domxml.models.domain.devices import memballoon as memballoon_module
from domxml.models.domain.devices import memory as memory_module
from domxml.models.domain.devices import nvram as nvram_module
from domxml.models.domain.devices import panic as panic_module
from domxml.models.domain.devices import pstore as pstore_module
from domxml.models.domain.devices import rng as rng_module
from domxml.models.domain.devices import shmem as shmem_module
from domxml.models.domain.devices import tpm as tpm_module
from domxml.models.domain.devices import vsock as vsock_module
from domxml.models.domain.devices import watchdog as watchdog_module
from domxml.models.domain.devices.chardev import CharProtocolType, CharSourceMode, CharType
from domxml.models.domain.devices.common import VirtioDriver
from domxml.models.domain.devices.crypto import Crypto, CryptoBackendModel
from domxml.models.domain.devices.iommu import Iommu, IommuModel
from domxml.models.domain.devices.memballoon import Memballoon, MemballoonModel, MemballoonStats
from domxml.models.domain.devices.memory import MemoryDevice, MemoryModel
from domxml.models.domain.devices.nvram import NvramDevice
from domxml.models.domain.devices.panic import Panic, PanicModel
from domxml.models.domain.devices.pstore import Pstore, PstoreBackend
from domxml.models.domain.devices.rng import (
    Rng,
    RngBackendModel,
    RngBuiltinBackend,
    RngEgdBackend,
    RngModel,
    RngRandomBackend,
)
from domxml.models.domain.devices.shmem import Shmem, ShmemModelType, ShmemRole
from domxml.models.domain.devices.tpm import (
    Tpm,
    TpmBackendType,
    TpmEmulatorBackend,
    TpmExternalBackend,
    TpmModel,
    TpmPassthroughBackend,
    TpmProfileRemoveDisabled,
    TpmStateSourceType,
    TpmVersion,
)
from domxml.models.domain.devices.vsock import Vsock, VsockModel
from domxml.models.domain.devices.watchdog import Watchdog, WatchdogAction, WatchdogModel
from domxml.models.domain.memory_backing import MemoryAccess

# Each device element of <devices> this module covers, and its model.
DEVICES: dict[str, type[domxml.Model]] = {
    "watchdog": Watchdog,
    "memballoon": Memballoon,
    "rng": Rng,
    "tpm": Tpm,
    "nvram": NvramDevice,
    "panic": Panic,
    "shmem": Shmem,
    "memory": MemoryDevice,
    "iommu": Iommu,
    "vsock": Vsock,
    "crypto": Crypto,
    "pstore": Pstore,
}
DEVICE_PATHS = " | ".join(f"//devices/{tag}" for tag in DEVICES)


@pytest.mark.parametrize("entry", corpus_files("domain"))
def test_devices_are_typed_and_written_as_libvirt_does(entry: CorpusEntry) -> None:
    check_elements_alone(entry, DEVICES, DEVICE_PATHS)


def _devices(name: str) -> Devices:
    path = data_dir() / "corpus" / "domain" / "qemuxmlconfdata" / name
    if not path.is_file():
        pytest.skip(f"corpus file missing: {path}")
    dom = domxml.parse(path)
    assert isinstance(dom, Domain) and dom.devices is not None
    return dom.devices


def _tpm_backend(devices: Devices) -> Any:
    return devices.tpms[0].backend


# (corpus file in qemuxmlconfdata, what to read from its <devices>, the typed value)
TYPED_VALUES: list[tuple[str, Callable[[Devices], Any], Any]] = [
    ("watchdog-dump.x86_64-latest.xml", lambda d: d.watchdogs[0].action, WatchdogAction.DUMP),
    (
        "watchdog-q35-multiple.x86_64-latest.xml",
        lambda d: [(w.model, w.action) for w in d.watchdogs],
        [(WatchdogModel.I6300ESB, WatchdogAction.POWEROFF)] * 2
        + [(WatchdogModel.ITCO, WatchdogAction.POWEROFF)],
    ),
    (
        "watchdog-q35-multiple.x86_64-latest.xml",
        lambda d: d.watchdogs[1].address,
        PciAddress(type=AddressType.PCI, domain=0, bus=2, slot=3, function=0),
    ),
    ("balloon-device-period.x86_64-latest.xml", lambda d: d.memballoon.stats.period, 10),
    ("balloon-device-deflate.x86_64-latest.xml", lambda d: d.memballoon.autodeflate, True),
    (
        "virtio-options.x86_64-latest.xml",
        lambda d: d.memballoon.driver,
        VirtioDriver(iommu=True, ats=True, packed=True, page_per_vq=True),
    ),
    ("virtio-rng-random.x86_64-latest.xml", lambda d: d.rngs[0].rate.period, 1234),
    ("virtio-rng-random.x86_64-latest.xml", lambda d: d.rngs[0].backend.path, "/dev/urandom"),
    ("virtio-rng-builtin.x86_64-latest.xml", lambda d: type(d.rngs[0].backend), RngBuiltinBackend),
    (
        "virtio-rng-egd.x86_64-latest.xml",
        lambda d: (
            d.rngs[0].backend.type,
            d.rngs[0].backend.sources[0].mode,
            d.rngs[0].backend.sources[0].host,
            d.rngs[0].backend.sources[0].service,
            d.rngs[0].backend.protocol.type,
        ),
        (CharType.TCP, CharSourceMode.CONNECT, "1.2.3.4", "1234", CharProtocolType.RAW),
    ),
    (
        "tpm-emulator-tpm2.x86_64-latest.xml",
        lambda d: (
            _tpm_backend(d).version,
            _tpm_backend(d).debug,
            _tpm_backend(d).encryption.secret,
            _tpm_backend(d).active_pcr_banks.sha256 is not None,
            _tpm_backend(d).active_pcr_banks.sha1 is None,
            _tpm_backend(d).source.type,
            _tpm_backend(d).source.path,
        ),
        (
            TpmVersion.V2_0,
            3,
            "b4a117f1-8af2-44a4-91b8-7f0d2d4d68a3",
            True,
            True,
            TpmStateSourceType.FILE,
            "/path/to/state",
        ),
    ),
    (
        "tpm-emulator-tpm2-pstate.x86_64-latest.xml",
        lambda d: _tpm_backend(d).persistent_state,
        True,
    ),
    (
        "tpm-emulator-crb-profile.x86_64-latest.xml",
        lambda d: (d.tpms[0].model, _tpm_backend(d).profile.remove_disabled),
        (TpmModel.TPM_CRB, TpmProfileRemoveDisabled.CHECK),
    ),
    (
        "tpm-passthrough.x86_64-latest.xml",
        lambda d: (type(_tpm_backend(d)), _tpm_backend(d).device.path),
        (TpmPassthroughBackend, "/dev/tpm0"),
    ),
    (
        "tpm-external.x86_64-latest.xml",
        lambda d: (type(_tpm_backend(d)), _tpm_backend(d).source.path),
        (TpmExternalBackend, "/tmp/path.sock"),
    ),
    ("pseries-nvram.ppc64-latest.xml", lambda d: d.nvram.address.reg, 0x4000),
    ("panic.x86_64-latest.xml", lambda d: d.panics[0].model, PanicModel.ISA),
    ("panic.x86_64-latest.xml", lambda d: type(d.panics[0].address), IsaAddress),
    (
        "shmem-plain-doorbell.x86_64-latest.xml",
        lambda d: (d.shmems[2].role, d.shmems[2].model.type, d.shmems[2].size),
        (ShmemRole.MASTER, ShmemModelType.IVSHMEM_PLAIN, Size(unit="M", value=256)),
    ),
    (
        "shmem-plain-doorbell.x86_64-latest.xml",
        lambda d: (d.shmems[6].server.path, d.shmems[6].msi.vectors, d.shmems[6].msi.ioeventfd),
        ("/tmp/shmem6-sock", 16, True),
    ),
    (
        "memory-hotplug-virtio-mem.x86_64-latest.xml",
        lambda d: (
            d.memory_devices[1].model,
            d.memory_devices[1].source.nodemask,
            d.memory_devices[1].source.pagesize.to_bytes(),
            d.memory_devices[1].target.requested.to_kib(),
            d.memory_devices[1].target.address.base,
        ),
        (MemoryModel.VIRTIO_MEM, "1-3", 2 * 1024**2, 1048576, 0x150000000),
    ),
    (
        "memory-hotplug-nvdimm-label.x86_64-latest.xml",
        lambda d: (
            d.memory_devices[0].access,
            d.memory_devices[0].source.path,
            d.memory_devices[0].target.label.size.to_kib(),
        ),
        (MemoryAccess.PRIVATE, "/tmp/nvdimm", 128),
    ),
    (
        "memory-hotplug-nvdimm-readonly.x86_64-latest.xml",
        lambda d: d.memory_devices[0].target.readonly is not None,
        True,
    ),
    (
        "intel-iommu-dma-translation.x86_64-latest.xml",
        lambda d: (
            d.iommus[0].model,
            d.iommus[0].driver.intremap,
            d.iommus[0].driver.dma_translation,
        ),
        (IommuModel.INTEL, True, False),
    ),
    ("iommu-smmuv3.aarch64-latest.xml", lambda d: d.iommus[0].model, IommuModel.SMMUV3),
    (
        "vhost-vsock.x86_64-latest.xml",
        lambda d: (d.vsock.model, d.vsock.cid.auto, d.vsock.cid.address),
        (VsockModel.VIRTIO, False, 4),
    ),
    ("vhost-vsock-auto.x86_64-latest.xml", lambda d: d.vsock.cid.auto, True),
    (
        "crypto-builtin.x86_64-latest.xml",
        lambda d: (d.cryptos[0].backend.model, d.cryptos[0].backend.queues),
        (CryptoBackendModel.BUILTIN, 1),
    ),
    (
        "pstore-acpi-erst.x86_64-latest.xml",
        lambda d: (d.pstore.backend, d.pstore.path, d.pstore.size.to_kib()),
        (PstoreBackend.ACPI_ERST, "/tmp/guest_acpi_esrt", 8),
    ),
]


@pytest.mark.parametrize(
    ("name", "read", "expected"),
    TYPED_VALUES,
    ids=[f"{name}-{i}" for i, (name, _, _) in enumerate(TYPED_VALUES)],
)
def test_typed_values_from_the_corpus(
    name: str, read: Callable[[Devices], Any], expected: Any
) -> None:
    assert read(_devices(name)) == expected


# --- a single device as a document ---------------------------------------------

DIMM = """\
<memory model='dimm' access='shared' discard='yes'>
  <source>
    <nodemask>0-1</nodemask>
    <pagesize unit='KiB'>2048</pagesize>
  </source>
  <target>
    <size unit='GiB'>1</size>
    <node>0</node>
  </target>
  <alias name='ua-dimm0'/>
  <address type='dimm' slot='0' base='0x100000000'/>
</memory>
"""


def test_a_memory_device_document_reads_and_writes_back() -> None:
    dimm = domxml.parse(DIMM)
    assert isinstance(dimm, MemoryDevice)
    assert dimm.model is MemoryModel.DIMM
    assert dimm.access is MemoryAccess.SHARED and dimm.discard is True
    assert dimm.source is not None and dimm.source.nodemask == "0-1"
    assert dimm.target is not None and dimm.target.size is not None
    assert dimm.target.size.to_kib() == 1024**2
    assert dimm.target.node == 0
    assert dimm.address == DimmAddress(type=AddressType.DIMM, slot=0, base=0x100000000)
    assert domxml.untyped(dimm) == []
    assert domxml.to_xml(dimm) == DIMM
    assert write_document(dimm, verbatim=False) == DIMM
    assert domxml.to_xml(dimm, style="libvirt") == DIMM


def test_an_nvram_document_is_the_pseries_device() -> None:
    nvram = domxml.parse("<nvram>\n  <address type='spapr-vio' reg='0x00004000'/>\n</nvram>\n")
    assert isinstance(nvram, NvramDevice)
    assert nvram.address is not None and getattr(nvram.address, "reg", None) == 0x4000


# --- edited in Python ------------------------------------------------------------

GUEST = """\
<domain type='kvm'>
  <name>guest</name>
  <devices>
    <watchdog model='i6300esb' action='reset'/>
    <memballoon model='virtio'>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>
    </memballoon>
  </devices>
</domain>
"""


def test_editing_devices_keeps_the_rest_as_written() -> None:
    dom = domxml.parse(GUEST)
    assert isinstance(dom, Domain) and dom.devices is not None
    devices = dom.devices
    assert devices.memballoon is not None
    devices.watchdogs[0].action = WatchdogAction.INJECT_NMI
    devices.memballoon.stats = MemballoonStats(period=5)
    devices.memballoon.autodeflate = True
    devices.panics.append(Panic(model=PanicModel.PVPANIC))
    assert domxml.to_xml(dom) == (
        "<domain type='kvm'>\n"
        "  <name>guest</name>\n"
        "  <devices>\n"
        "    <watchdog model='i6300esb' action='inject-nmi'/>\n"
        "    <memballoon model='virtio' autodeflate='on'>\n"
        "      <stats period='5'/>\n"
        "      <address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>\n"
        "    </memballoon>\n"
        "    <panic model='pvpanic'/>\n"
        "  </devices>\n"
        "</domain>\n"
    )


# --- built in Python -------------------------------------------------------------

DEVICES_BUILT = """\
<devices>
  <tpm model='tpm-crb'>
    <backend type='emulator' version='2.0'/>
  </tpm>
  <memballoon model='none'/>
  <rng model='virtio'>
    <backend model='random'>/dev/urandom</backend>
  </rng>
</devices>
"""


def _built() -> Devices:
    # The engine does not write a variant's discriminator by itself: give it.
    return Devices(
        tpms=[
            Tpm(
                model=TpmModel.TPM_CRB,
                backend=TpmEmulatorBackend(type=TpmBackendType.EMULATOR, version=TpmVersion.V2_0),
            )
        ],
        memballoon=Memballoon(model=MemballoonModel.NONE),
        rngs=[
            Rng(
                model=RngModel.VIRTIO,
                backend=RngRandomBackend(model=RngBackendModel.RANDOM, path="/dev/urandom"),
            )
        ],
    )


@pytest.mark.parametrize("style", ["parsed", "libvirt"])
def test_rng_and_tpm_built_in_python(style: str) -> None:
    assert domxml.to_xml(_built(), style=style) == DEVICES_BUILT


def test_built_devices_read_back_equal() -> None:
    devices = bind(Devices, etree.fromstring(DEVICES_BUILT))
    assert devices == _built()
    assert isinstance(devices.tpms[0].backend, TpmEmulatorBackend)
    assert isinstance(devices.rngs[0].backend, RngRandomBackend)


def test_egd_backend_is_a_character_device() -> None:
    text = (
        "<rng model='virtio'>\n"
        "  <backend model='egd' type='unix'>\n"
        "    <source mode='connect' path='/run/egd.sock'/>\n"
        "  </backend>\n"
        "</rng>\n"
    )
    rng = domxml.parse(text)
    assert isinstance(rng, Rng) and isinstance(rng.backend, RngEgdBackend)
    assert rng.backend.type is CharType.UNIX
    assert rng.backend.sources[0].path == "/run/egd.sock"
    rng.backend.sources[0].path = "/run/other.sock"
    assert domxml.to_xml(rng, style="libvirt") == text.replace("egd.sock", "other.sock")


def test_tpm_emulator_keyword_order_is_libvirts() -> None:
    backend = TpmEmulatorBackend()
    backend.debug = 1
    backend.persistent_state = True
    backend.version = TpmVersion.V2_0
    backend.type = TpmBackendType.EMULATOR
    assert domxml.to_xml(backend) == (
        "<backend type='emulator' version='2.0' persistent_state='yes' debug='1'/>\n"
    )


# --- the declarations themselves -------------------------------------------------

# What libvirt's corpus never sets: aliases and ACPI indexes of these devices,
# some PCR banks, an EGD log, a crypto driver, virtio-mem's current size.
EVERY_FIELD = """\
<domain type='kvm'>
  <name>every-field</name>
  <devices>
    <tpm model='tpm-crb'>
      <backend type='emulator' version='2.0'>
        <active_pcr_banks>
          <sha1/>
          <sha384/>
        </active_pcr_banks>
      </backend>
      <alias name='tpm0'/>
    </tpm>
    <watchdog model='itco' action='reset'>
      <alias name='watchdog0'/>
      <acpi index='1'/>
    </watchdog>
    <memballoon model='virtio'>
      <alias name='balloon0'/>
      <acpi index='2'/>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>
    </memballoon>
    <rng model='virtio'>
      <backend model='egd' type='file'>
        <source path='/dev/null'/>
        <log file='/var/log/egd.log' append='on'/>
      </backend>
      <alias name='rng0'/>
      <acpi index='3'/>
    </rng>
    <panic model='pvpanic'>
      <alias name='panic0'/>
    </panic>
    <shmem name='shm'>
      <model type='ivshmem-plain'/>
      <acpi index='4'/>
    </shmem>
    <memory model='virtio-mem'>
      <target>
        <size unit='KiB'>1048576</size>
        <node>0</node>
        <block unit='KiB'>2048</block>
        <requested unit='KiB'>524288</requested>
        <current unit='KiB'>524288</current>
      </target>
      <alias name='virtiomem0'/>
      <acpi index='5'/>
    </memory>
    <iommu model='virtio'>
      <alias name='iommu0'/>
      <acpi index='6'/>
    </iommu>
    <vsock model='virtio'>
      <cid auto='yes'/>
      <alias name='vsock0'/>
      <acpi index='7'/>
    </vsock>
    <crypto model='virtio' type='qemu'>
      <backend model='lkcf' queues='2'/>
      <driver iommu='on'/>
      <alias name='crypto0'/>
    </crypto>
    <pstore backend='acpi-erst'>
      <path>/tmp/erst</path>
      <size unit='KiB'>8</size>
      <alias name='pstore0'/>
    </pstore>
  </devices>
</domain>
"""

MODULES = [
    watchdog_module,
    memballoon_module,
    rng_module,
    tpm_module,
    nvram_module,
    panic_module,
    shmem_module,
    memory_module,
    iommu_module,
    vsock_module,
    crypto_module,
    pstore_module,
]


def _models() -> list[type[domxml.Model]]:
    return [
        obj
        for module in MODULES
        for obj in vars(module).values()
        if inspect.isclass(obj)
        and issubclass(obj, domxml.Model)
        and obj.__module__ == module.__name__
    ]


def _enums() -> list[type[enum.Enum]]:
    return [
        obj
        for module in MODULES
        for obj in vars(module).values()
        if inspect.isclass(obj) and issubclass(obj, enum.Enum) and obj.__module__ == module.__name__
    ]


@pytest.mark.parametrize("cls", [*_models(), *_enums()], ids=lambda cls: cls.__name__)
def test_every_class_has_its_own_docstring(cls: type) -> None:
    # dataclass() makes up "Name(field=...)" when a class has no docstring.
    assert cls.__doc__ and not cls.__doc__.startswith(cls.__name__ + "(")


def test_every_device_is_a_root() -> None:
    roots = root_models()
    assert [roots.get(tag) for tag in DEVICES] == list(DEVICES.values())


def test_the_hand_written_devices_are_written_as_libvirt_does() -> None:
    dom = domxml.parse(EVERY_FIELD)
    assert domxml.untyped(dom) == []
    assert domxml.to_xml(dom, style="libvirt") == EVERY_FIELD


def _owner(cls: type, name: str) -> type:
    """The class that declares field ``name`` (a variant inherits its base's fields)."""
    for klass in reversed(cls.__mro__):
        if name in inspect.get_annotations(klass):
            return klass
    return cls


def _set_fields(obj: Any) -> Iterator[tuple[type, str]]:
    for field in dataclasses.fields(obj):
        value = getattr(obj, field.name)
        if value is None or value == []:
            continue
        yield _owner(type(obj), field.name), field.name
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, domxml.Model):
                yield from _set_fields(item)


def test_every_field_is_read_from_some_document() -> None:
    corpus = data_dir() / "corpus"
    if not corpus.is_dir():
        pytest.skip(f"corpus missing: {corpus}")
    seen: set[tuple[type, str]] = set()
    # libvirt 12.9.0's additions are in no 11.3.0 corpus document.
    documents: list[Any] = [EVERY_FIELD, DIMM, LIBVIRT_12_9_DOMAIN]
    documents += sorted((corpus / "domain").rglob("*.xml"))
    for document in documents:
        try:
            dom = domxml.parse(document)
        except domxml.DomxmlError:
            continue  # not well-formed: libvirt's negative tests
        devices = getattr(dom, "devices", None)
        if not isinstance(devices, Devices):
            continue
        for field in dataclasses.fields(devices):
            value = getattr(devices, field.name)
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, tuple(DEVICES.values())):
                    seen.update(_set_fields(item))
    declared = {
        (cls, field.name)
        for cls in _models()
        for field in dataclasses.fields(cls)  # type: ignore[arg-type]
        if _owner(cls, field.name) is cls
    }
    never = sorted(f"{cls.__name__}.{name}" for cls, name in declared - seen)
    assert never == [], "fields no document sets: " + ", ".join(never)
