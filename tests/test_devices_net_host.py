"""Network and host devices: ``<interface>``, ``<hostdev>``, ``<redirdev>``,
``<redirfilter>``, ``<smartcard>``, ``<hub>`` and ``<input>``.

Against libvirt's corpus: each of these elements, bound alone to its model,
is of the model's variant for its ``type``, is fully typed, comes back with
the same content and, where libvirt's formatter wrote the file, byte for
byte in libvirt's style; a table checks typed values read from named files.
Then a single-device document, and devices edited and built in Python.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from corpus import CorpusEntry, corpus_files, data_dir
from element_checks import check_elements_alone

import domxml
from domxml.binding import write_document
from domxml.models.domain import Domain
from domxml.models.domain.devices import AddressType, Devices, PciAddress, UsbAddress
from domxml.models.domain.devices.chardev import CharProtocolType, CharSourceMode, CharType
from domxml.models.domain.devices.common import Alias
from domxml.models.domain.devices.hostdev import (
    Hostdev,
    HostdevDriver,
    HostdevMode,
    HostdevType,
    MdevHostdev,
    MdevModel,
    NetHostdev,
    PciHostdev,
    PciHostdevSource,
    ScsiHostHostdev,
    ScsiHostModel,
    ScsiHostProtocol,
    ScsiProtocol,
    StorageHostdev,
    TeamingType,
    UsbHostdev,
)
from domxml.models.domain.devices.hub import Hub, HubType
from domxml.models.domain.devices.input import (
    GrabToggle,
    Input,
    InputGrab,
    InputType,
    TabletInput,
)
from domxml.models.domain.devices.interface import (
    BackendType,
    DirectInterface,
    DirectMode,
    DirectSource,
    EthernetInterface,
    HostdevInterface,
    Interface,
    InterfaceDriver,
    InterfaceDriverName,
    InterfaceModel,
    InterfacePciSourceAddress,
    InterfaceType,
    Link,
    LinkState,
    Mac,
    MacType,
    NetworkInterface,
    NetworkSource,
    PortForwardProto,
    TxMode,
    UserInterface,
    VdsInterface,
    VhostUserInterface,
    VhostUserMode,
)
from domxml.models.domain.devices.redirdev import Redirdev, Redirfilter, RedirfilterUsbdev
from domxml.models.domain.devices.smartcard import Smartcard, SmartcardMode
from domxml.models.domain.storage_source import PciSourceAddress
from domxml.models.network.common import AddrFamily, VirtualPortType
from domxml.models.network.forward import HostdevDriverName

# Each device element of <devices> this module covers, and its model.
DEVICES: dict[str, type[domxml.Model]] = {
    "interface": Interface,
    "hostdev": Hostdev,
    "redirdev": Redirdev,
    "redirfilter": Redirfilter,
    "smartcard": Smartcard,
    "hub": Hub,
    "input": Input,
}
DEVICE_PATHS = " | ".join(f"//devices/{tag}" for tag in DEVICES)

# Content libvirt refuses, left untyped on purpose: an mdev's source address
# is its UUID, and libvirt's parser rejects this PCI one.
REFUSED = {
    "domain/qemuxmlconfdata/hostdev-mdev-src-address-invalid.xml": [
        "/hostdev/source/address/@domain",
        "/hostdev/source/address/@bus",
        "/hostdev/source/address/@slot",
        "/hostdev/source/address/@function",
    ],
}


@pytest.mark.parametrize("entry", corpus_files("domain"))
def test_devices_are_typed_and_written_as_libvirt_does(entry: CorpusEntry) -> None:
    check_elements_alone(
        entry,
        DEVICES,
        DEVICE_PATHS,
        expected_untyped=REFUSED.get(entry.path, []),
        check_variants=True,
    )


def _devices(name: str) -> Devices:
    path = data_dir() / "corpus" / "domain" / name
    if not path.is_file():
        pytest.skip(f"corpus file missing: {path}")
    dom = domxml.parse(path)
    assert isinstance(dom, Domain) and dom.devices is not None
    return dom.devices


def _ranges(d: Devices) -> list[tuple[Any, ...]]:
    forward = d.interfaces[0].port_forwards[0]
    return [(r.start, r.end, r.to, r.exclude) for r in forward.ranges]


Q = "qemuxmlconfdata/"

# (corpus file below domain/, what to read from its <devices>, the typed value)
TYPED_VALUES: list[tuple[str, Callable[[Devices], Any], Any]] = [
    (
        Q + "net-virtio-network-portgroup.x86_64-latest.xml",
        lambda d: (type(d.interfaces[0]), d.interfaces[0].source),
        (NetworkInterface, NetworkSource(network="vepa-net;plug-bridge-basic", portgroup="bob")),
    ),
    (
        Q + "net-virtio-network-portgroup.x86_64-latest.xml",
        lambda d: (
            d.interfaces[0].virtualport.type,
            d.interfaces[0].virtualport.parameters.profileid,
        ),
        (VirtualPortType.IEEE_802_1QBG, None),
    ),
    (
        Q + "net-user-passt.x86_64-latest.xml",
        lambda d: (
            type(d.interfaces[0]),
            d.interfaces[0].source.dev,
            d.interfaces[0].backend.type,
            d.interfaces[0].backend.log_file,
            [(ip.address, ip.family, ip.prefix) for ip in d.interfaces[0].ips],
        ),
        (
            UserInterface,
            "eth42",
            BackendType.PASST,
            "/var/log/loglaw.blog",
            [
                ("172.17.2.0", AddrFamily.IPV4, 24),
                ("2001:db8:ac10:fd01::feed", AddrFamily.IPV6, None),
            ],
        ),
    ),
    (
        Q + "net-user-passt.x86_64-latest.xml",
        lambda d: (d.interfaces[0].port_forwards[1].proto, d.interfaces[0].port_forwards[1].dev),
        (PortForwardProto.UDP, "eth0"),
    ),
    (
        Q + "net-user-passt.x86_64-latest.xml",
        _ranges,
        [
            (22, None, 2022, None),
            (1000, 1050, None, None),
            (1020, None, None, True),
            (1030, 1040, None, True),
        ],
    ),
    (
        Q + "net-vhostuser.x86_64-latest.xml",
        lambda d: (
            type(d.interfaces[1]),
            d.interfaces[1].source.type,
            d.interfaces[1].source.path,
            d.interfaces[1].source.mode,
        ),
        (VhostUserInterface, CharType.UNIX, "/tmp/vhost1.sock", VhostUserMode.CLIENT),
    ),
    (Q + "net-vhostuser.x86_64-latest.xml", lambda d: d.interfaces[2].source.port, 2015),
    (
        Q + "net-udp.x86_64-latest.xml",
        lambda d: (d.interfaces[0].source.address, d.interfaces[0].source.local.port),
        ("192.168.10.1", 5556),
    ),
    (
        Q + "net-eth-hostip.x86_64-latest.xml",
        lambda d: (
            type(d.interfaces[0]),
            d.interfaces[0].source.ips[0].peer,
            d.interfaces[0].source.routes[0].prefix,
            d.interfaces[0].script.path,
        ),
        (EthernetInterface, "192.168.125.2", 16, "/etc/qemu-ifup"),
    ),
    (
        Q + "net-virtio-teaming.x86_64-latest.xml",
        lambda d: (
            type(d.interfaces[2]),
            d.interfaces[2].managed,
            d.interfaces[2].source.address,
            d.interfaces[2].teaming.type,
            d.interfaces[2].teaming.persistent,
        ),
        (
            HostdevInterface,
            True,
            InterfacePciSourceAddress(domain=0, bus=3, slot=7, function=1),
            TeamingType.TRANSIENT,
            "ua-backup0",
        ),
    ),
    (
        Q + "net-virtio-disable-offloads.x86_64-latest.xml",
        lambda d: (d.interfaces[0].driver.host.mrg_rxbuf, d.interfaces[0].driver.guest.ufo),
        (False, False),
    ),
    (
        Q + "net-virtio-rss.x86_64-latest.xml",
        lambda d: (d.interfaces[2].driver.rss, d.interfaces[2].driver.rss_hash_report),
        (False, True),
    ),
    (
        Q + "net-virtio-rxtxqueuesize.x86_64-latest.xml",
        lambda d: (d.interfaces[0].driver.rx_queue_size, d.interfaces[0].driver.tx_queue_size),
        (512, 1024),
    ),
    (Q + "net-coalesce.x86_64-latest.xml", lambda d: d.interfaces[0].coalesce.rx.frames.max, 7),
    (Q + "net-isolated-port.x86_64-latest.xml", lambda d: d.interfaces[0].port.isolated, True),
    (Q + "net-linkstate.x86_64-latest.xml", lambda d: d.interfaces[1].link.state, LinkState.DOWN),
    (Q + "net-mtu.x86_64-latest.xml", lambda d: d.interfaces[1].mtu.size, 9000),
    (
        Q + "net-bandwidth.x86_64-latest.xml",
        lambda d: (
            d.interfaces[0].bandwidth.inbound.average,
            d.interfaces[0].bandwidth.inbound.peak,
            d.interfaces[0].bandwidth.outbound.burst,
        ),
        (1000, 4000, 32768),
    ),
    (
        "vmx2xmldata/ethernet-vds.xml",
        lambda d: (
            type(d.interfaces[0]),
            d.interfaces[0].mac.type,
            d.interfaces[0].source.portid,
            d.interfaces[0].source.connectionid,
        ),
        (VdsInterface, MacType.GENERATED, 5, 408217997),
    ),
    (
        Q + "hostdev-vfio.x86_64-latest.xml",
        lambda d: (
            type(d.hostdevs[1]),
            d.hostdevs[1].mode,
            d.hostdevs[1].managed,
            d.hostdevs[1].driver.name.value,
            d.hostdevs[1].source.address,
        ),
        (
            PciHostdev,
            HostdevMode.SUBSYSTEM,
            True,
            "vfio",
            PciSourceAddress(domain=0, bus=6, slot=0x12, function=2),
        ),
    ),
    (
        Q + "hostdev-usb-address-device.x86_64-latest.xml",
        lambda d: (type(d.hostdevs[0]), d.hostdevs[0].source.address.bus),
        (UsbHostdev, 14),
    ),
    (
        Q + "hostdev-scsi-lsi.x86_64-latest.xml",
        lambda d: (
            d.hostdevs[0].source.adapter.name,
            d.hostdevs[0].source.address.unit,
            d.hostdevs[1].readonly is not None,
            d.hostdevs[4].source.protocol,
            d.hostdevs[4].source.hosts[0].port,
            d.hostdevs[4].source.auth.username,
        ),
        ("scsi_host0", 0, True, ScsiProtocol.ISCSI, 3260, "myname"),
    ),
    (
        Q + "virtio-non-transitional.x86_64-latest.xml",
        lambda d: (
            type(d.hostdevs[0]),
            d.hostdevs[0].model,
            d.hostdevs[0].source.protocol,
            d.hostdevs[0].source.wwpn,
        ),
        (
            ScsiHostHostdev,
            ScsiHostModel.VIRTIO_NON_TRANSITIONAL,
            ScsiHostProtocol.VHOST,
            "naa.5123456789abcde0",
        ),
    ),
    (
        Q + "hostdev-mdev-display-ramfb.x86_64-latest.xml",
        lambda d: (
            type(d.hostdevs[0]),
            d.hostdevs[0].model,
            d.hostdevs[0].display,
            d.hostdevs[0].ramfb,
            d.hostdevs[0].source.address.uuid,
        ),
        (MdevHostdev, MdevModel.VFIO_PCI, True, True, "53764d0e-85a0-42b4-af5c-2046b460b1dc"),
    ),
    (
        "lxcxml2xmldata/lxc-hostdev.xml",
        lambda d: (
            [type(h) for h in d.hostdevs],
            d.hostdevs[0].source.block,
            d.hostdevs[1].source.char,
            d.hostdevs[2].source.interface,
            d.hostdevs[2].routes[1].gateway,
        ),
        (
            [StorageHostdev, Hostdev.__domxml__.variants["misc"], NetHostdev],
            "/dev/sdf1",
            "/dev/tty0",
            "eth0",
            "2003:db8:1:0:214:1234:fe0b:3595",
        ),
    ),
    (
        Q + "usb-redir-filter.x86_64-latest.xml",
        lambda d: d.redirfilter.usbdevs,
        [
            RedirfilterUsbdev(class_=8, vendor=0x15E1, product=0x2007, version="1.10", allow=True),
            RedirfilterUsbdev(allow=False),
        ],
    ),
    (
        Q + "usb-redir-filter.x86_64-latest.xml",
        lambda d: d.redirdevs[1].address,
        UsbAddress(type=AddressType.USB, bus=0, port="5"),
    ),
    (
        Q + "smartcard-host-certificates-database.x86_64-latest.xml",
        lambda d: (d.smartcards[0].mode, d.smartcards[0].certificates, d.smartcards[0].database),
        (SmartcardMode.HOST_CERTIFICATES, ["cert1", "cert2", "cert3"], "/tmp/foo"),
    ),
    (
        Q + "smartcard-passthrough-tcp.x86_64-latest.xml",
        lambda d: (
            d.smartcards[0].type,
            d.smartcards[0].sources[0].mode,
            d.smartcards[0].sources[0].service,
            d.smartcards[0].protocol.type,
        ),
        (CharType.TCP, CharSourceMode.BIND, "2001", CharProtocolType.RAW),
    ),
    (
        Q + "input-linux.x86_64-latest.xml",
        lambda d: (
            d.inputs[0].type,
            d.inputs[0].source.dev,
            d.inputs[0].source.grab,
            d.inputs[0].source.grab_toggle,
            d.inputs[0].source.repeat,
        ),
        (InputType.EVDEV, "/dev/input/event1234", InputGrab.ALL, GrabToggle.ALT_ALT, True),
    ),
    (
        Q + "usb-hub.x86_64-latest.xml",
        lambda d: (d.hubs[0].type, d.hubs[0].address),
        (HubType.USB, UsbAddress(type=AddressType.USB, bus=0, port="1")),
    ),
]


@pytest.mark.parametrize(
    ("name", "read", "expected"),
    TYPED_VALUES,
    ids=[f"{name.split('/')[-1]}-{i}" for i, (name, _, _) in enumerate(TYPED_VALUES)],
)
def test_typed_values_from_the_corpus(
    name: str, read: Callable[[Devices], Any], expected: Any
) -> None:
    assert read(_devices(name)) == expected


# --- a single device as a document ---------------------------------------------

DIRECT = """\
<interface type='direct' trustGuestRxFilters='yes'>
  <mac address='52:54:00:aa:bb:cc'/>
  <source dev='eth0' mode='vepa'/>
  <virtualport type='802.1Qbh'>
    <parameters profileid='finance'/>
  </virtualport>
  <model type='virtio'/>
  <driver name='vhost' queues='4'/>
  <link state='up'/>
  <alias name='ua-net0'/>
  <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
</interface>
"""


def test_an_interface_document_reads_and_writes_back() -> None:
    nic = domxml.parse(DIRECT)
    assert isinstance(nic, DirectInterface) and nic.type is InterfaceType.DIRECT
    assert nic.trust_guest_rx_filters is True
    assert nic.mac == Mac(address="52:54:00:aa:bb:cc")
    assert nic.source == DirectSource(dev="eth0", mode=DirectMode.VEPA)
    assert nic.virtualport is not None and nic.virtualport.parameters is not None
    assert nic.virtualport.parameters.profileid == "finance"
    assert nic.driver == InterfaceDriver(name=InterfaceDriverName.VHOST, queues=4)
    assert nic.link == Link(state=LinkState.UP)
    assert nic.address == PciAddress(type=AddressType.PCI, domain=0, bus=1, slot=0, function=0)
    assert domxml.untyped(nic) == []
    assert domxml.to_xml(nic) == DIRECT
    assert write_document(nic, verbatim=False) == DIRECT
    assert domxml.to_xml(nic, style="libvirt") == DIRECT


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("<hostdev mode='subsystem' type='usb'/>", UsbHostdev),
        ("<redirfilter/>", Redirfilter),
        ("<redirdev bus='usb' type='spicevmc'/>", Redirdev),
        ("<smartcard mode='host'/>", Smartcard),
        ("<hub type='usb'/>", Hub),
        ("<input type='tablet' bus='usb'/>", TabletInput),
    ],
)
def test_each_device_is_a_document_root(text: str, model: type[domxml.Model]) -> None:
    device = domxml.parse(text)
    assert type(device) is model
    assert domxml.to_xml(device) == text


# --- edited in Python ------------------------------------------------------------

GUEST = """\
<domain type='kvm'>
  <name>guest</name>
  <devices>
    <interface type='network'>
      <mac address='52:54:00:00:00:01'/>
      <source network='default'/>
      <model type='e1000'/>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x03' function='0x0'/>
    </interface>
    <hostdev mode='subsystem' type='pci' managed='yes'>
      <source>
        <address domain='0x0000' bus='0x06' slot='0x12' function='0x5'/>
      </source>
    </hostdev>
  </devices>
</domain>
"""


def test_editing_devices_keeps_the_rest_as_written() -> None:
    dom = domxml.parse(GUEST)
    assert isinstance(dom, Domain) and dom.devices is not None
    nic = dom.devices.interfaces[0]
    assert isinstance(nic, NetworkInterface) and nic.source is not None
    nic.source.portgroup = "web"
    nic.model = InterfaceModel(type="virtio")
    nic.driver = InterfaceDriver(txmode=TxMode.IOTHREAD, queues=2)
    nic.link = Link(state=LinkState.DOWN)
    hostdev = dom.devices.hostdevs[0]
    assert isinstance(hostdev, PciHostdev) and hostdev.type is HostdevType.PCI
    assert hostdev.source is not None
    assert hostdev.source.address is not None
    hostdev.source.address.function = 6
    hostdev.alias = Alias(name="ua-vf")
    dom.devices.inputs.append(TabletInput())
    assert domxml.to_xml(dom) == (
        "<domain type='kvm'>\n"
        "  <name>guest</name>\n"
        "  <devices>\n"
        "    <interface type='network'>\n"
        "      <mac address='52:54:00:00:00:01'/>\n"
        "      <source network='default' portgroup='web'/>\n"
        "      <model type='virtio'/>\n"
        "      <driver txmode='iothread' queues='2'/>\n"
        "      <link state='down'/>\n"
        "      <address type='pci' domain='0x0000' bus='0x00' slot='0x03' function='0x0'/>\n"
        "    </interface>\n"
        "    <input type='tablet'/>\n"
        "    <hostdev mode='subsystem' type='pci' managed='yes'>\n"
        "      <source>\n"
        "        <address domain='0x0000' bus='0x06' slot='0x12' function='0x6'/>\n"
        "      </source>\n"
        "      <alias name='ua-vf'/>\n"
        "    </hostdev>\n"
        "  </devices>\n"
        "</domain>\n"
    )


# --- built in Python -------------------------------------------------------------

VIRTIO_ON_DEFAULT = """\
<interface type='network'>
  <mac address='52:54:00:6b:3c:58'/>
  <source network='default'/>
  <model type='virtio'/>
</interface>
"""


def _virtio_on_default() -> NetworkInterface:
    return NetworkInterface(  # type='network' is the variant's; any order: libvirt's is
        model=InterfaceModel(type="virtio"),
        source=NetworkSource(network="default"),
        mac=Mac(address="52:54:00:6b:3c:58"),
    )


@pytest.mark.parametrize("style", ["parsed", "libvirt"])
def test_a_virtio_interface_on_the_default_network_built_in_python(style: str) -> None:
    assert domxml.to_xml(_virtio_on_default(), style=style) == VIRTIO_ON_DEFAULT


def test_the_built_interface_reads_back_equal() -> None:
    built = _virtio_on_default()
    assert built.type is InterfaceType.NETWORK
    assert domxml.parse(VIRTIO_ON_DEFAULT) == built


def test_devices_built_in_python_are_written_in_libvirts_order() -> None:
    devices = Devices(
        hostdevs=[
            PciHostdev(
                alias=Alias(name="ua-gpu"),
                source=PciHostdevSource(
                    address=PciSourceAddress(domain=0, bus=0x65, slot=0, function=0)
                ),
                driver=HostdevDriver(name=HostdevDriverName.VFIO),
                managed=True,
                mode=HostdevMode.SUBSYSTEM,
            ),
        ],
        interfaces=[_virtio_on_default()],
        redirfilter=Redirfilter(usbdevs=[RedirfilterUsbdev(vendor=0x15E1, allow=False)]),
        smartcards=[Smartcard(mode=SmartcardMode.HOST)],
        hubs=[Hub(type=HubType.USB)],
    )
    assert domxml.to_xml(devices) == (
        "<devices>\n"
        "  <interface type='network'>\n"
        "    <mac address='52:54:00:6b:3c:58'/>\n"
        "    <source network='default'/>\n"
        "    <model type='virtio'/>\n"
        "  </interface>\n"
        "  <smartcard mode='host'/>\n"
        "  <hostdev mode='subsystem' type='pci' managed='yes'>\n"
        "    <driver name='vfio'/>\n"
        "    <source>\n"
        "      <address domain='0x0000' bus='0x65' slot='0x00' function='0x0'/>\n"
        "    </source>\n"
        "    <alias name='ua-gpu'/>\n"
        "  </hostdev>\n"
        "  <redirfilter>\n"
        "    <usbdev vendor='0x15E1' allow='no'/>\n"
        "  </redirfilter>\n"
        "  <hub type='usb'/>\n"
        "</devices>\n"
    )
