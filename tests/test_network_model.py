"""The network model (libvirt's formatnetwork) against libvirt's documents and in code.

Every network document of libvirt's corpus is fully typed and comes back
with the same content; every file libvirt's formatter wrote comes back byte
for byte with ``style="libvirt"``. Two hand-written documents cover what the
corpus does not, and a meta-test checks that every declared field is read
from some document.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Iterator
from typing import Any

import pytest
from corpus import CorpusEntry, canonical, corpus_files, require_data, show_diff
from libvirt_12_9_documents import NETWORKS as LIBVIRT_12_9_NETWORKS

import domxml
from domxml import Model
from domxml.models import network as net
from domxml.models.network import (
    AddrFamily,
    Bridge,
    Dhcp,
    DhcpHost,
    DhcpRange,
    DnsmasqOption,
    DnsmasqOptions,
    Forward,
    ForwardInterface,
    ForwardMode,
    Ip,
    Lease,
    LeaseUnit,
    Mac,
    Nat,
    NatPortRange,
    Network,
    VirtualPortType,
)

# <metadata> holds applications' own XML, which by design no model types.
METADATA = "/network/metadata/"

# Everything the corpus leaves out, in libvirt's formatter order.
EVERYTHING = """\
<network connections='3' ipv6='yes' trustGuestRxFilters='no'>
  <name>everything</name>
  <uuid>6b1c4c5a-1f2e-4a55-9d9e-0c2f3a4b5c6d</uuid>
  <title>Every element</title>
  <description>Used by domxml&apos;s tests &amp; nothing else</description>
  <metadata>
    <app:data xmlns:app="http://example.org/app" kind="test">x</app:data>
  </metadata>
  <forward dev='eth0' mode='nat'>
    <nat ipv6='yes'>
      <address start='10.0.0.1' end='10.0.0.9'/>
      <port start='1024' end='65535'/>
    </nat>
    <interface dev='eth0' connections='2'/>
  </forward>
  <bridge name='virbr9' zone='trusted' stp='on' delay='0' macTableManager='libvirt'/>
  <mtu size='9000'/>
  <mac address='52:54:00:00:00:01'/>
  <domain name='example.org' localOnly='yes' register='yes'/>
  <dns enable='yes' forwardPlainNames='no'>
    <forwarder domain='example.com' addr='192.0.2.53'/>
    <txt name='example' value='some text'/>
    <srv service='ldap' protocol='tcp' domain='example.org' target='ldap.example.org' \
port='389' priority='1' weight='10'/>
    <host ip='192.168.100.5'>
      <hostname>db</hostname>
    </host>
  </dns>
  <vlan trunk='yes'>
    <tag id='42' nativeMode='untagged'/>
    <tag id='47'/>
  </vlan>
  <bandwidth classID='2'>
    <inbound average='1000' peak='5000' floor='200' burst='1024'/>
    <outbound average='128'/>
  </bandwidth>
  <port isolated='yes'/>
  <ip family='ipv4' address='192.168.100.1' netmask='255.255.255.0' localPtr='yes'>
    <tftp root='/srv/tftp'/>
    <dhcp>
      <range start='192.168.100.2' end='192.168.100.254'>
        <lease expiry='1' unit='hours'/>
      </range>
      <host mac='52:54:00:00:00:02' name='db' ip='192.168.100.5'>
        <lease expiry='0'/>
      </host>
      <bootp file='pxelinux.0' server='192.168.100.2'/>
    </dhcp>
  </ip>
  <ip family='ipv6' address='fd00::1' prefix='64'>
    <dhcp>
      <host id='0:3:0:1:0:16:3e:11:22:33' ip='fd00::10'/>
    </dhcp>
  </ip>
  <route family='ipv6' address='fd01::' prefix='64' gateway='fd00::2' metric='10'/>
  <route address='10.1.0.0' netmask='255.255.0.0' gateway='192.168.100.2'/>
  <virtualport type='openvswitch'>
    <parameters interfaceid='09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f' profileid='ovs'/>
  </virtualport>
  <portgroup name='engineering' default='yes' trustGuestRxFilters='yes'>
    <vlan>
      <tag id='10'/>
    </vlan>
    <virtualport type='802.1Qbg'>
      <parameters managerid='11' typeid='1193047' typeidversion='2' \
instanceid='09b11c53-8b5c-4eeb-8f00-d84eaa0aaa50'/>
    </virtualport>
    <bandwidth>
      <inbound average='100'/>
    </bandwidth>
  </portgroup>
</network>
"""

# A hostdev pool of PCI addresses with every attribute libvirt accepts.
HOSTDEV_POOL = """\
<network>
  <name>pool</name>
  <forward mode='hostdev' managed='no'>
    <driver name='vfio' model='vfio-pci-igb'/>
    <address type='pci' domain='0x0000' bus='0x03' slot='0x10' function='0x1' \
multifunction='on' connections='1'/>
  </forward>
</network>
"""

# A virtualport of each type, and one without a type (any parameter allowed).
VIRTUALPORTS = """\
<network>
  <name>virtualports</name>
  <virtualport>
    <parameters managerid='11' typeid='1193047' typeidversion='2' \
instanceid='09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f' \
interfaceid='09b11c53-8b5c-4eeb-8f00-d84eaa0aaa50' profileid='any'/>
  </virtualport>
  <portgroup name='qbh'>
    <virtualport type='802.1Qbh'>
      <parameters profileid='finance'/>
    </virtualport>
  </portgroup>
  <portgroup name='midonet'>
    <virtualport type='midonet'>
      <parameters interfaceid='09b11c53-8b5c-4eeb-8f00-d84eaa0aaa51'/>
    </virtualport>
  </portgroup>
</network>
"""

HAND_WRITTEN = {
    "everything": EVERYTHING,
    "hostdev-pool": HOSTDEV_POOL,
    "virtualports": VIRTUALPORTS,
}


def _typed_gaps(model: Model) -> list[str]:
    return [loc for loc in domxml.untyped(model) if not loc.startswith(METADATA)]


# --- libvirt's corpus ------------------------------------------------------


@pytest.mark.parametrize("entry", corpus_files("network"))
def test_corpus_document_is_typed(entry: CorpusEntry) -> None:
    locations = _typed_gaps(domxml.parse(entry.file))
    assert locations == [], f"{entry.path}: untyped:\n  " + "\n  ".join(locations)


# Every file of the folder, including those libvirt's schema test skips.
@pytest.mark.parametrize(
    "entry",
    corpus_files("network", ("valid", "invalid", "skip"), folder="networkxml2xmlout"),
)
def test_libvirt_style_is_libvirts_output(entry: CorpusEntry) -> None:
    data = entry.file.read_text(encoding="utf-8")
    written = domxml.to_xml(domxml.parse(entry.file), style="libvirt")
    assert written == data, f"{entry.path}: differs from libvirt\n" + show_diff(
        data, written, fromfile=entry.path, tofile='to_xml(parse(f), style="libvirt")'
    )


def test_metadata_is_kept_with_libxml2_quotes() -> None:
    corpus = require_data()
    path = corpus / "network" / "networkxml2xmlout" / "metadata.xml"
    network = domxml.parse(path)
    assert isinstance(network, Network)
    assert network.metadata is not None
    written = domxml.to_xml(network, style="libvirt")
    assert '<app2:bar xmlns:app2="http://bar.com/" maman="baz">barish</app2:bar>' in written


# --- documents written by hand ----------------------------------------------


@pytest.mark.parametrize("name", sorted(HAND_WRITTEN))
def test_hand_written_document(name: str) -> None:
    text = HAND_WRITTEN[name]
    network = domxml.parse(text)
    assert _typed_gaps(network) == []
    assert canonical(domxml.to_xml(network)) == canonical(text)
    written = domxml.to_xml(network, style="libvirt")
    assert written == text, show_diff(text, written, fromfile=name, tofile="libvirt style")


def test_values_are_typed() -> None:
    network = domxml.parse(EVERYTHING)
    assert isinstance(network, Network)
    assert network.ipv6 is True
    assert network.trust_guest_rx_filters is False
    assert network.connections == 3
    assert network.description == "Used by domxml's tests & nothing else"
    assert network.forward is not None
    assert network.forward.mode is ForwardMode.NAT
    assert network.forward.nat is not None and network.forward.nat.port is not None
    assert network.forward.nat.port.end == 65535
    assert network.bridge is not None
    assert network.bridge.stp is True
    assert network.bridge.mac_table_manager is net.MacTableManager.LIBVIRT
    assert network.dns is not None
    assert network.dns.srvs[0].protocol is net.SrvProtocol.TCP
    assert network.dns.hosts[0].hostnames == ["db"]
    assert network.vlan is not None
    assert [tag.id for tag in network.vlan.tags] == [42, 47]
    assert network.vlan.tags[0].native_mode is net.VlanNativeMode.UNTAGGED
    first, second = network.ips
    assert first.local_ptr is True
    assert second.family is AddrFamily.IPV6 and second.prefix == 64
    assert first.dhcp is not None and first.dhcp.ranges[0].lease is not None
    assert first.dhcp.ranges[0].lease.unit is LeaseUnit.HOURS
    assert network.portgroups[0].virtualport is not None
    assert network.portgroups[0].virtualport.type is VirtualPortType.IEEE_802_1QBG

    pool = domxml.parse(HOSTDEV_POOL)
    assert isinstance(pool, Network) and pool.forward is not None
    (address,) = pool.forward.addresses
    assert (address.domain, address.bus, address.slot, address.function) == (0, 3, 16, 1)
    assert address.multifunction is True
    assert pool.forward.managed is False


# --- building and editing in code -------------------------------------------


def test_network_built_in_code_is_written_as_libvirt_does() -> None:
    network = Network(
        name="default",
        uuid="81ff0d90-c91e-6742-64da-4a736edb9a9b",
        forward=Forward(
            mode=ForwardMode.NAT,
            nat=Nat(port=NatPortRange(start=1024, end=65535)),
            interfaces=[ForwardInterface(dev="eth1")],
            dev="eth1",
        ),
        bridge=Bridge(delay=0, stp=True, name="virbr0"),
        mac=Mac(address="52:54:00:e6:a2:c9"),
        ips=[
            Ip(
                address="192.168.122.1",
                netmask="255.255.255.0",
                dhcp=Dhcp(
                    ranges=[DhcpRange(start="192.168.122.2", end="192.168.122.254")],
                    hosts=[
                        DhcpHost(
                            ip="192.168.122.10",
                            mac="00:16:3e:77:e2:ed",
                            lease=Lease(expiry=2, unit=LeaseUnit.HOURS),
                        )
                    ],
                ),
            ),
            Ip(family=AddrFamily.IPV6, address="2001:db8:ac10:fe01::1", prefix=64),
        ],
    )
    assert domxml.to_xml(network, style="libvirt") == (
        "<network>\n"
        "  <name>default</name>\n"
        "  <uuid>81ff0d90-c91e-6742-64da-4a736edb9a9b</uuid>\n"
        "  <forward dev='eth1' mode='nat'>\n"
        "    <nat>\n"
        "      <port start='1024' end='65535'/>\n"
        "    </nat>\n"
        "    <interface dev='eth1'/>\n"
        "  </forward>\n"
        "  <bridge name='virbr0' stp='on' delay='0'/>\n"
        "  <mac address='52:54:00:e6:a2:c9'/>\n"
        "  <ip address='192.168.122.1' netmask='255.255.255.0'>\n"
        "    <dhcp>\n"
        "      <range start='192.168.122.2' end='192.168.122.254'/>\n"
        "      <host mac='00:16:3e:77:e2:ed' ip='192.168.122.10'>\n"
        "        <lease expiry='2' unit='hours'/>\n"
        "      </host>\n"
        "    </dhcp>\n"
        "  </ip>\n"
        "  <ip family='ipv6' address='2001:db8:ac10:fe01::1' prefix='64'>\n"
        "  </ip>\n"
        "</network>\n"
    )


def test_changing_one_value_changes_only_it() -> None:
    corpus = require_data()
    path = corpus / "network" / "networkxml2xmlout" / "nat-network.xml"
    original = path.read_text(encoding="utf-8")
    network = domxml.parse(path)
    assert isinstance(network, Network) and network.bridge is not None
    network.bridge.name = "virbr9"
    network.ips[1].prefix = 24
    expected = original.replace("name='virbr0'", "name='virbr9'").replace(
        "address='192.168.123.1' netmask='255.255.255.0'",
        "address='192.168.123.1' netmask='255.255.255.0' prefix='24'",
    )
    assert expected != original
    for style in ("parsed", "libvirt"):
        assert domxml.to_xml(network, style=style) == expected, style


def test_pci_address_keeps_its_written_form_until_changed() -> None:
    network = domxml.parse(
        "<network><name>n</name><forward mode='hostdev'>"
        "<address type='pci' domain='0' bus='3' slot='0x1' function='1'/>"
        "</forward></network>"
    )
    assert isinstance(network, Network) and network.forward is not None
    address = network.forward.addresses[0]
    assert (address.domain, address.bus, address.slot, address.function) == (0, 3, 1, 1)
    assert "domain='0' bus='3' slot='0x1' function='1'" in domxml.to_xml(network)
    address.bus = 0x11
    address.function = 7
    written = domxml.to_xml(network)
    assert "domain='0' bus='0x11' slot='0x1' function='0x7'" in written
    # Built in code, every field takes libvirt's width.
    address_only = net.PciAddress(type=net.AddressType.PCI, domain=0, bus=3, slot=0, function=2)
    pool = Network(name="n", forward=Forward(mode=ForwardMode.HOSTDEV, addresses=[address_only]))
    assert (
        "<address type='pci' domain='0x0000' bus='0x03' slot='0x00' function='0x2'/>"
        in domxml.to_xml(pool)
    )


def test_appended_items_go_after_their_kind() -> None:
    corpus = require_data()
    network = domxml.parse(corpus / "network" / "networkxml2xmlout" / "nat-network-dns-hosts.xml")
    assert isinstance(network, Network) and network.dns is not None
    network.dns.hosts[0].hostnames.append("custard")
    network.ips.append(Ip(family=AddrFamily.IPV6, address="fd00::1", prefix=64))
    written = domxml.to_xml(network)
    assert "<hostname>pudding</hostname>\n      <hostname>custard</hostname>" in written
    assert written.endswith(
        "  </ip>\n  <ip family='ipv6' address='fd00::1' prefix='64'>\n  </ip>\n</network>\n"
    )


def test_unknown_enum_value_is_kept_and_reported() -> None:
    text = "<network>\n  <name>n</name>\n  <forward mode='teleport'/>\n</network>\n"
    network = domxml.parse(text)
    assert isinstance(network, Network) and network.forward is not None
    assert network.forward.mode is None
    assert domxml.untyped(network) == ["/network/forward/@mode"]
    assert domxml.to_xml(network) == text


def test_dnsmasq_option_added_to_parsed_document() -> None:
    corpus = require_data()
    network = domxml.parse(corpus / "network" / "networkxml2xmlout" / "dnsmasq-options.xml")
    assert isinstance(network, Network) and network.dnsmasq_options is not None
    assert [o.value for o in network.dnsmasq_options.options] == [
        "foo=bar",
        "cname=*.cloudapps.example.com,master.example.com",
    ]
    network.dnsmasq_options.options.append(DnsmasqOption(value="log-queries"))
    written = domxml.to_xml(network, style="libvirt")
    assert "    <dnsmasq:option value='log-queries'/>\n  </dnsmasq:options>" in written
    assert canonical(written)  # still well-formed: the prefix is declared on <network>


def test_dnsmasq_options_built_in_code_are_well_formed() -> None:
    network = Network(
        name="n", dnsmasq_options=DnsmasqOptions(options=[DnsmasqOption(value="foo=bar")])
    )
    written = domxml.to_xml(network, style="libvirt")
    assert written.startswith(f"<network xmlns:dnsmasq='{net.DNSMASQ_NS}'>\n")
    canonical(written)


def test_network_is_the_public_root() -> None:
    assert domxml.Network is Network
    assert domxml.parse("<network><name>n</name></network>").__class__ is Network


# --- the declarations themselves --------------------------------------------


def _network_models() -> list[type[Model]]:
    found = []
    for name in net.__all__:
        obj = getattr(net, name)
        if inspect.isclass(obj) and issubclass(obj, Model):
            found.append(obj)
    return found


@pytest.mark.parametrize("cls", _network_models(), ids=lambda cls: cls.__name__)
def test_every_model_has_its_own_docstring(cls: type[Model]) -> None:
    # dataclass() makes up "Name(field=...)" when a class has no docstring.
    assert cls.__doc__ and not cls.__doc__.startswith(cls.__name__ + "(")


def _set_fields(obj: Any) -> Iterator[tuple[type, str]]:
    for field in dataclasses.fields(obj):
        value = getattr(obj, field.name)
        if value is None or value == []:
            continue
        yield type(obj), field.name
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, Model):
                yield from _set_fields(item)


def test_every_field_is_read_from_some_document() -> None:
    corpus = require_data()
    seen: set[tuple[type, str]] = set()
    # libvirt 12.9.0's additions are in no 11.3.0 corpus document.
    documents: list[Any] = [*HAND_WRITTEN.values(), *LIBVIRT_12_9_NETWORKS.values()]
    documents += sorted((corpus / "network").rglob("*.xml"))
    for document in documents:
        seen.update(_set_fields(domxml.parse(document)))
    # A field is one declaration, which subclasses (a virtualport type's
    # <parameters>) inherit or narrow: it is read through any class that has
    # it; a field a class does not allow is not asked for.
    read = {(_declaring(cls, name), name) for cls, name in seen}
    declared = {
        (_declaring(cls, field.name), field.name)
        for cls in _network_models()
        for field in dataclasses.fields(cls)  # type: ignore[arg-type]
        if field.name not in cls.__domxml__.without
    }
    never = sorted(f"{cls.__name__}.{name}" for cls, name in declared - read)
    assert never == [], "fields no document sets: " + ", ".join(never)


def _declaring(cls: type, name: str) -> type:
    """The topmost class declaring the field ``name`` of ``cls`` (subclasses narrow it only)."""
    return [k for k in cls.__mro__ if name in inspect.get_annotations(k)][-1]


def test_virtualport_type_picks_its_parameters() -> None:
    network = domxml.parse(VIRTUALPORTS)
    assert isinstance(network, Network) and network.virtualport is not None
    assert type(network.virtualport) is net.VirtualPort
    assert type(network.virtualport.parameters) is net.VirtualPortParameters
    qbh, midonet = (group.virtualport for group in network.portgroups)
    assert isinstance(qbh, net.Ieee8021QbhVirtualPort)
    assert isinstance(qbh.parameters, net.Ieee8021QbhParameters)
    assert qbh.parameters.profileid == "finance"
    assert isinstance(midonet, net.MidonetVirtualPort)
    assert isinstance(midonet.parameters, net.MidonetParameters)
    assert midonet.type is VirtualPortType.MIDONET
