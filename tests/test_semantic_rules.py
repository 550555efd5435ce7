"""The semantic rules one by one: a document each rule reports, and its fix it does not.

Each entry of :data:`CASES` is a small domain that libvirt refuses for one
reason, and the same domain with that reason fixed. The rule must report
the first (at the level it declares) and not the second; no other rule may
report an error on the fixed one. Host-aware rules get domain capabilities.
Then the rules inside ``domxml validate``: exit status, JSON, SARIF,
``--disable``, ``--enable``, ``--domcaps``.
"""

# The documents are written one element to a string, as libvirt prints them on a
# line: wrapping each at 100 columns would make them harder to read, not easier.
# ruff: noqa: E501

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree
from validate_support import run, schema_home

import domxml
from domxml import semantic
from domxml.semantic.document import parse_int, parse_set, size_kib
from domxml.semantic.domcaps import DomainCaps, machine_family, select

__all__ = ["schema_home"]


def dom(
    devices: str = "",
    *,
    kind: str = "kvm",
    arch: str = "x86_64",
    machine: str = "q35",
    head: str = "<memory unit='MiB'>1024</memory><vcpu>2</vcpu>",
    os: str = "",
    features: str = "<acpi/>",
    tail: str = "",
) -> str:
    """A small domain; the arguments replace its parts."""
    return (
        f"<domain type='{kind}'><name>vm</name>{head}"
        f"<os><type arch='{arch}' machine='{machine}'>hvm</type>{os}</os>"
        f"<features>{features}</features>{tail}<devices>{devices}</devices></domain>"
    )


def pci(slot: int, bus: int = 0, function: int = 0) -> str:
    return f"<address type='pci' domain='0' bus='{bus}' slot='{slot}' function='{function}'/>"


def disk(target: str, bus: str, inner: str = "", device: str = "disk", **attrs: str) -> str:
    more = "".join(f" {k}='{v}'" for k, v in attrs.items())
    return (
        f"<disk type='file' device='{device}'{more}><source file='/var/lib/{target}.img'/>"
        f"<target dev='{target}' bus='{bus}'/>{inner}</disk>"
    )


NUMA = "<cpu><numa><cell id='0' cpus='0-1' memory='1' unit='GiB'/></numa></cpu>"
NUMA2 = (
    "<cpu><numa><cell id='0' cpus='0' memory='512' unit='MiB'/>"
    "<cell id='1' cpus='1' memory='512' unit='MiB'/></numa></cpu>"
)
HOSTDEV_SCSI = (
    "<hostdev mode='subsystem' type='scsi'><source><adapter name='scsi_host0'/>"
    "<address bus='0' target='0' unit='{u}'/></source>"
    "<address type='drive' controller='0' bus='0' target='0' unit='{g}'/></hostdev>"
)
MDEV = (
    "<hostdev mode='subsystem' type='mdev' model='vfio-pci'{attrs}><source>"
    "<address uuid='{uuid}'/></source></hostdev>"
)
UUID1 = "53764d0e-85a0-42b4-af5c-2046b460b1dc"
UUID2 = "53764d0e-85a0-42b4-af5c-2046b460b1dd"
VHOSTUSER = (
    "<interface type='vhostuser'><source type='unix' path='/tmp/s' mode='server'/>"
    "<model type='virtio'/></interface>"
)
SHARED = "<memoryBacking><access mode='shared'/></memoryBacking>"
HEAD = "<memory unit='MiB'>1024</memory><vcpu>2</vcpu>"

#: rule -> (a document it reports, the same document fixed).
CASES: dict[str, tuple[str, str]] = {
    # addresses
    "pci-address-conflict": (
        dom(
            f"<controller type='pci' index='0' model='pci-root'/><controller type='ide' index='0'/><sound model='ich6'>{pci(1, function=1)}</sound>",
            machine="pc",
        ),
        dom(
            f"<controller type='pci' index='0' model='pci-root'/><controller type='ide' index='0'/><sound model='ich6'>{pci(3)}</sound>",
            machine="pc",
        ),
    ),
    "drive-address-conflict": (
        dom(
            disk("sda", "sata")
            + disk(
                "sdb", "sata", "<address type='drive' controller='0' bus='0' target='0' unit='0'/>"
            )
        ),
        dom(
            disk("sda", "sata")
            + disk(
                "sdb", "sata", "<address type='drive' controller='0' bus='0' target='0' unit='1'/>"
            )
        ),
    ),
    "scsi-hostdev-address-conflict": (
        dom(HOSTDEV_SCSI.format(u=1, g=0) + HOSTDEV_SCSI.format(u=2, g=0)),
        dom(HOSTDEV_SCSI.format(u=1, g=0) + HOSTDEV_SCSI.format(u=2, g=1)),
    ),
    "disk-target-hostdev-conflict": (
        dom(disk("sda", "scsi") + HOSTDEV_SCSI.format(u=1, g=0)),
        dom(disk("sda", "scsi") + HOSTDEV_SCSI.format(u=1, g=1)),
    ),
    "usb-address-conflict": (
        dom(
            "<hub type='usb'><address type='usb' bus='0' port='1'/></hub>"
            "<input type='tablet' bus='usb'><address type='usb' bus='0' port='1'/></input>"
        ),
        dom(
            "<hub type='usb'><address type='usb' bus='0' port='1'/></hub>"
            "<input type='tablet' bus='usb'><address type='usb' bus='0' port='2'/></input>"
        ),
    ),
    "usb-port-missing": (
        dom("<input type='tablet' bus='usb'><address type='usb' bus='0' port='1.2'/></input>"),
        dom(
            "<hub type='usb'><address type='usb' bus='0' port='1'/></hub>"
            "<input type='tablet' bus='usb'><address type='usb' bus='0' port='1.2'/></input>"
        ),
    ),
    "ccw-address-conflict": (
        dom(
            "<rng model='virtio'><backend model='random'>/dev/random</backend><address type='ccw' cssid='0xfe' ssid='0' devno='0x0001'/></rng>"
            "<memballoon model='virtio'><address type='ccw' cssid='0xfe' ssid='0' devno='0x0001'/></memballoon>",
            arch="s390x",
            machine="s390-ccw-virtio",
            features="",
        ),
        dom(
            "<rng model='virtio'><backend model='random'>/dev/random</backend><address type='ccw' cssid='0xfe' ssid='0' devno='0x0001'/></rng>"
            "<memballoon model='virtio'><address type='ccw' cssid='0xfe' ssid='0' devno='0x0002'/></memballoon>",
            arch="s390x",
            machine="s390-ccw-virtio",
            features="",
        ),
    ),
    "spapr-vio-address-conflict": (
        dom(
            "<serial type='pty'><address type='spapr-vio' reg='0x4000'/></serial>"
            "<controller type='scsi' index='0'><address type='spapr-vio' reg='0x4000'/></controller>",
            arch="ppc64",
            machine="pseries",
            features="",
        ),
        dom(
            "<serial type='pty'><address type='spapr-vio' reg='0x4000'/></serial>"
            "<controller type='scsi' index='0'><address type='spapr-vio' reg='0x5000'/></controller>",
            arch="ppc64",
            machine="pseries",
            features="",
        ),
    ),
    "zpci-uid-invalid": (
        dom(
            "<memballoon model='virtio'><address type='pci' domain='0' bus='0' slot='1' function='0'><zpci uid='0x0000' fid='0x1'/></address></memballoon>",
            arch="s390x",
            machine="s390-ccw-virtio",
            features="",
        ),
        dom(
            "<memballoon model='virtio'><address type='pci' domain='0' bus='0' slot='1' function='0'><zpci uid='0x0001' fid='0x1'/></address></memballoon>",
            arch="s390x",
            machine="s390-ccw-virtio",
            features="",
        ),
    ),
    "zpci-uid-conflict": (
        dom(
            "<memballoon model='virtio'><address type='pci' domain='0' bus='0' slot='1' function='0'><zpci uid='0x2' fid='0x1'/></address></memballoon>"
            "<rng model='virtio'><backend model='random'>/dev/random</backend><address type='pci' domain='0' bus='0' slot='2' function='0'><zpci uid='0x2' fid='0x2'/></address></rng>",
            arch="s390x",
            machine="s390-ccw-virtio",
            features="",
        ),
        dom(
            "<memballoon model='virtio'><address type='pci' domain='0' bus='0' slot='1' function='0'><zpci uid='0x2' fid='0x1'/></address></memballoon>"
            "<rng model='virtio'><backend model='random'>/dev/random</backend><address type='pci' domain='0' bus='0' slot='2' function='0'><zpci uid='0x3' fid='0x2'/></address></rng>",
            arch="s390x",
            machine="s390-ccw-virtio",
            features="",
        ),
    ),
    "memory-address-overlap": (
        dom(
            "<memory model='virtio-mem'><target><size unit='GiB'>1</size><node>0</node><block unit='MiB'>2</block><address base='0x140000000'/></target></memory>"
            "<memory model='virtio-mem'><target><size unit='GiB'>1</size><node>0</node><block unit='MiB'>2</block><address base='0x160000000'/></target></memory>",
            head="<maxMemory slots='4' unit='GiB'>16</maxMemory><memory unit='GiB'>3</memory><vcpu>2</vcpu>",
            tail=NUMA,
        ),
        dom(
            "<memory model='virtio-mem'><target><size unit='GiB'>1</size><node>0</node><block unit='MiB'>2</block><address base='0x140000000'/></target></memory>"
            "<memory model='virtio-mem'><target><size unit='GiB'>1</size><node>0</node><block unit='MiB'>2</block><address base='0x180000000'/></target></memory>",
            head="<maxMemory slots='4' unit='GiB'>16</maxMemory><memory unit='GiB'>3</memory><vcpu>2</vcpu>",
            tail=NUMA,
        ),
    ),
    # controllers
    "pci-root-model": (
        dom("<controller type='pci' index='0' model='pci-root'/>"),
        dom("<controller type='pci' index='0' model='pcie-root'/>"),
    ),
    "controller-index-duplicate": (
        dom(
            "<controller type='scsi' index='1' model='virtio-scsi'/><controller type='scsi' index='1' model='virtio-scsi'/>"
        ),
        dom(
            "<controller type='scsi' index='1' model='virtio-scsi'/><controller type='scsi' index='2' model='virtio-scsi'/>"
        ),
    ),
    "pci-root-address": (
        dom(f"<controller type='pci' index='0' model='pcie-root'>{pci(1)}</controller>"),
        dom("<controller type='pci' index='0' model='pcie-root'/>"),
    ),
    "pci-root-index": (
        dom(
            "<controller type='pci' index='0' model='pcie-root'/><controller type='pci' index='1' model='pcie-root'/>"
        ),
        dom(
            "<controller type='pci' index='0' model='pcie-root'/><controller type='pci' index='1' model='pcie-root-port'/>"
        ),
    ),
    "pci-expander-machine": (
        dom(
            "<controller type='pci' index='1' model='pcie-expander-bus'/>",
            machine="pc",
            features="",
        ),
        dom("<controller type='pci' index='1' model='pcie-expander-bus'/>"),
    ),
    "pci-controller-numa-node": (
        dom(
            "<controller type='pci' index='1' model='pcie-expander-bus'><target busNr='254'><node>1</node></target></controller>",
            tail=NUMA,
        ),
        dom(
            "<controller type='pci' index='1' model='pcie-expander-bus'><target busNr='254'><node>0</node></target></controller>",
            tail=NUMA,
        ),
    ),
    "pci-target-index": (
        dom(
            "<controller type='pci' index='1' model='pci-root'><target index='0'/></controller>",
            arch="ppc64",
            machine="pseries",
            features="",
        ),
        dom(
            "<controller type='pci' index='1' model='pci-root'><target index='1'/></controller>",
            arch="ppc64",
            machine="pseries",
            features="",
        ),
    ),
    "pci-controller-bus": (
        dom(
            f"<controller type='pci' index='1' model='pcie-root-port'/><controller type='pci' index='2' model='dmi-to-pci-bridge'>{pci(0, bus=1)}</controller>"
        ),
        dom(
            f"<controller type='pci' index='1' model='pcie-root-port'/><controller type='pci' index='2' model='dmi-to-pci-bridge'>{pci(0x1E)}</controller>"
        ),
    ),
    "pcie-root-ports-exhausted": (
        dom("<controller type='pci' model='pcie-root-port'/>" * 241),
        dom("<controller type='pci' model='pcie-root-port'/>" * 240),
    ),
    "controller-iothread": (
        dom(
            "<controller type='virtio-serial' index='0'><driver iothread='1'/></controller>",
            head=HEAD + "<iothreads>1</iothreads>",
        ),
        dom(
            "<controller type='scsi' index='0' model='virtio-scsi'><driver iothread='1'/></controller>",
            head=HEAD + "<iothreads>1</iothreads>",
        ),
    ),
    "usb-controller-ports": (
        dom("<controller type='usb' index='0' model='qemu-xhci' ports='16'/>"),
        dom("<controller type='usb' index='0' model='qemu-xhci' ports='15'/>"),
    ),
    "usb-controller-master": (
        dom(
            "<controller type='usb' index='0' model='ich9-uhci1'><master startport='0'/></controller>"
        ),
        dom(
            "<controller type='usb' index='0' model='ich9-ehci1'/><controller type='usb' index='0' model='ich9-uhci1'><master startport='0'/></controller>"
        ),
    ),
    "usb-disabled": (
        dom("<controller type='usb' model='none'/><input type='tablet' bus='usb'/>"),
        dom("<controller type='usb' model='none'/><input type='tablet' bus='virtio'/>"),
    ),
    "usb-controller-no-pci": (
        dom("<controller type='usb' index='0'/>", machine="isapc", features=""),
        dom("<controller type='usb' index='0' model='none'/>", machine="isapc", features=""),
    ),
    "usb-bus-missing": (
        dom(
            "<controller type='usb' index='0'/><input type='tablet' bus='usb'><address type='usb' bus='1'/></input>"
        ),
        dom(
            "<controller type='usb' index='0'/><input type='tablet' bus='usb'><address type='usb' bus='0'/></input>"
        ),
    ),
    # memory
    "memory-missing": (dom(head="<vcpu>1</vcpu>"), dom()),
    "memory-slots-without-maximum": (
        dom(head="<maxMemory slots='2' unit='KiB'>0</maxMemory>" + HEAD, tail=NUMA),
        dom(head="<maxMemory slots='2' unit='GiB'>4</maxMemory>" + HEAD, tail=NUMA),
    ),
    "memory-hotplug-without-numa": (
        dom(head="<maxMemory slots='2' unit='GiB'>4</maxMemory>" + HEAD),
        dom(head="<maxMemory slots='2' unit='GiB'>4</maxMemory>" + HEAD, tail=NUMA),
    ),
    "memory-device-without-maximum": (
        dom(
            "<memory model='dimm'><target><size unit='MiB'>128</size><node>0</node></target></memory>",
            tail=NUMA,
        ),
        dom(
            "<memory model='dimm'><target><size unit='MiB'>128</size><node>0</node></target></memory>",
            head="<maxMemory slots='2' unit='GiB'>4</maxMemory>" + HEAD,
            tail=NUMA,
        ),
    ),
    "memory-target-node": (
        dom(
            "<memory model='dimm'><target><size unit='MiB'>128</size><node>1</node></target></memory>",
            head="<maxMemory slots='2' unit='GiB'>4</maxMemory>" + HEAD,
            tail=NUMA,
        ),
        dom(
            "<memory model='dimm'><target><size unit='MiB'>128</size><node>0</node></target></memory>",
            head="<maxMemory slots='2' unit='GiB'>4</maxMemory>" + HEAD,
            tail=NUMA,
        ),
    ),
    "hugepages-default-twice": (
        dom(
            head=HEAD
            + "<memoryBacking><hugepages><page size='2' unit='MiB'/><page size='1' unit='GiB'/></hugepages></memoryBacking>"
        ),
        dom(
            head=HEAD
            + "<memoryBacking><hugepages><page size='2' unit='MiB'/></hugepages></memoryBacking>"
        ),
    ),
    "hugepages-node-missing": (
        dom(
            head=HEAD
            + "<memoryBacking><hugepages><page size='2' unit='MiB' nodeset='1'/></hugepages></memoryBacking>",
            tail=NUMA,
        ),
        dom(
            head=HEAD
            + "<memoryBacking><hugepages><page size='2' unit='MiB' nodeset='0'/></hugepages></memoryBacking>",
            tail=NUMA,
        ),
    ),
    "numatune-memnode-without-numa": (
        dom(head=HEAD + "<numatune><memnode cellid='0' mode='strict' nodeset='0'/></numatune>"),
        dom(
            head=HEAD + "<numatune><memnode cellid='0' mode='strict' nodeset='0'/></numatune>",
            tail=NUMA,
        ),
    ),
    "numatune-restrictive-mismatch": (
        dom(
            head=HEAD
            + "<numatune><memory mode='restrictive' nodeset='0'/><memnode cellid='0' mode='strict' nodeset='0'/></numatune>",
            tail=NUMA,
        ),
        dom(
            head=HEAD
            + "<numatune><memory mode='restrictive' nodeset='0'/><memnode cellid='0' mode='restrictive' nodeset='0'/></numatune>",
            tail=NUMA,
        ),
    ),
    "numatune-static-without-nodeset": (
        dom(head=HEAD + "<numatune><memory mode='strict' placement='static'/></numatune>"),
        dom(
            head=HEAD
            + "<numatune><memory mode='strict' placement='static' nodeset='0'/></numatune>"
        ),
    ),
    "nodeset-empty": (
        dom(head=HEAD + "<numatune><memory mode='strict' nodeset='0,^0'/></numatune>"),
        dom(head=HEAD + "<numatune><memory mode='strict' nodeset='0-1,^0'/></numatune>"),
    ),
    "numa-cell-ids": (
        dom(tail=NUMA2.replace("id='0'", "id='2'")),
        dom(tail=NUMA2),
    ),
    "numa-sibling-missing": (
        dom(
            tail=NUMA.replace(
                "unit='GiB'/>",
                "unit='GiB'><distances><sibling id='1' value='20'/></distances></cell>",
            )
        ),
        dom(
            tail=NUMA.replace(
                "unit='GiB'/>",
                "unit='GiB'><distances><sibling id='0' value='10'/></distances></cell>",
            )
        ),
    ),
    "memory-devices-exceed-total": (
        dom(
            "<memory model='dimm'><target><size unit='GiB'>2</size><node>0</node></target></memory>",
            head="<maxMemory slots='2' unit='GiB'>4</maxMemory>" + HEAD,
            tail=NUMA,
        ),
        dom(
            "<memory model='dimm'><target><size unit='MiB'>512</size><node>0</node></target></memory>",
            head="<maxMemory slots='2' unit='GiB'>4</maxMemory>" + HEAD,
            tail=NUMA,
        ),
    ),
    "memory-align-overflow": (
        dom(head="<memory unit='KiB'>9007199254740991</memory><vcpu>1</vcpu>"),
        dom(head="<memory unit='KiB'>9007199254738944</memory><vcpu>1</vcpu>"),
    ),
    "hugepages-size": (
        dom(
            head=HEAD
            + "<memoryBacking><hugepages><page size='5' unit='MiB'/></hugepages></memoryBacking>"
        ),
        dom(
            head=HEAD
            + "<memoryBacking><hugepages><page size='1' unit='GiB'/></hugepages></memoryBacking>"
        ),
    ),
    # cpu
    "cpu-cache-mode": (
        dom(tail="<cpu mode='host-model'><cache level='2' mode='emulate'/></cpu>"),
        dom(tail="<cpu mode='host-model'><cache level='3' mode='emulate'/></cpu>"),
    ),
    "cpu-maxphysaddr": (
        dom(tail="<cpu mode='host-passthrough'><maxphysaddr mode='passthrough' bits='42'/></cpu>"),
        dom(tail="<cpu mode='host-passthrough'><maxphysaddr mode='passthrough'/></cpu>"),
    ),
    "cpu-sve-disabled": (
        dom(
            tail="<cpu mode='host-passthrough'><feature policy='disable' name='sve'/><feature policy='require' name='sve128'/></cpu>",
            arch="aarch64",
            machine="virt",
            features="",
        ),
        dom(
            tail="<cpu mode='host-passthrough'><feature policy='require' name='sve'/><feature policy='require' name='sve128'/></cpu>",
            arch="aarch64",
            machine="virt",
            features="",
        ),
    ),
    "cpu-topology-mismatch": (
        dom(tail="<cpu><topology sockets='1' dies='1' cores='2' threads='2'/></cpu>"),
        dom(tail="<cpu><topology sockets='1' dies='1' cores='2' threads='1'/></cpu>"),
    ),
    "vcpu-hotplug-granularity": (
        dom(
            head="<memory unit='MiB'>1024</memory><vcpu current='2'>8</vcpu>",
            tail="<cpu><topology sockets='1' dies='1' cores='2' threads='4'/></cpu>",
            arch="ppc64",
            machine="pseries",
            features="",
        ),
        dom(
            head="<memory unit='MiB'>1024</memory><vcpu current='4'>8</vcpu>",
            tail="<cpu><topology sockets='1' dies='1' cores='2' threads='4'/></cpu>",
            arch="ppc64",
            machine="pseries",
            features="",
        ),
    ),
    "vcpu-too-many": (
        dom(head="<memory unit='MiB'>1024</memory><vcpu>256</vcpu>", machine="pc"),
        dom(head="<memory unit='MiB'>1024</memory><vcpu>255</vcpu>", machine="pc"),
    ),
    "iothread-missing": (
        dom(
            head=HEAD
            + "<iothreads>1</iothreads><cputune><iothreadpin iothread='2' cpuset='0'/></cputune>"
        ),
        dom(
            head=HEAD
            + "<iothreads>2</iothreads><cputune><iothreadpin iothread='2' cpuset='0'/></cputune>"
        ),
    ),
    "cputune-sched-overlap": (
        dom(
            head=HEAD
            + "<cputune><vcpusched vcpus='0-1' scheduler='fifo' priority='1'/><vcpusched vcpus='1' scheduler='fifo' priority='1'/></cputune>"
        ),
        dom(
            head=HEAD
            + "<cputune><vcpusched vcpus='0' scheduler='fifo' priority='1'/><vcpusched vcpus='1' scheduler='fifo' priority='1'/></cputune>"
        ),
    ),
    # boot
    "boot-order-mixed": (
        dom(disk("vda", "virtio", "<boot order='1'/>"), os="<boot dev='hd'/>"),
        dom(disk("vda", "virtio", "<boot order='1'/>")),
    ),
    "boot-order-duplicate": (
        dom(
            disk("vda", "virtio", "<boot order='1'/>") + disk("vdb", "virtio", "<boot order='1'/>")
        ),
        dom(
            disk("vda", "virtio", "<boot order='1'/>") + disk("vdb", "virtio", "<boot order='2'/>")
        ),
    ),
    "boot-unsupported-device": (
        dom(
            "<hostdev mode='subsystem' type='scsi_host'><source protocol='vhost' wwpn='naa.5123456789abcde0'/><boot order='1'/></hostdev>"
        ),
        dom(
            "<hostdev mode='subsystem' type='scsi_host'><source protocol='vhost' wwpn='naa.5123456789abcde0'/></hostdev>"
        ),
    ),
    # duplicates
    "disk-target-duplicate": (
        dom(disk("vda", "virtio") + disk("vda", "virtio")),
        dom(disk("vda", "virtio") + disk("vdb", "virtio")),
    ),
    "hostdev-duplicate": (
        dom(MDEV.format(attrs="", uuid=UUID1) * 2),
        dom(MDEV.format(attrs="", uuid=UUID1) + MDEV.format(attrs="", uuid=UUID2)),
    ),
    "alias-duplicate": (
        dom(
            disk("vda", "virtio", "<alias name='ua-disk'/>")
            + disk("vdb", "virtio", "<alias name='ua-disk'/>")
        ),
        dom(
            disk("vda", "virtio", "<alias name='ua-disk0'/>")
            + disk("vdb", "virtio", "<alias name='ua-disk1'/>")
        ),
    ),
    "mac-duplicate": (
        dom(
            "<interface type='network'><mac address='52:54:00:00:00:01'/><source network='default'/></interface>"
            * 2
        ),
        dom(
            "<interface type='network'><mac address='52:54:00:00:00:01'/><source network='default'/></interface>"
            "<interface type='network'><mac address='52:54:00:00:00:02'/><source network='default'/></interface>"
        ),
    ),
    # devices
    "video-combination": (
        dom("<video><model type='none'/></video><video><model type='virtio'/></video>"),
        dom("<video><model type='none'/></video>"),
    ),
    "video-ramfb-address": (
        dom(f"<video><model type='ramfb'/>{pci(2)}</video>"),
        dom("<video><model type='ramfb'/></video>"),
    ),
    "graphics-egl-headless": (
        dom("<graphics type='sdl'/><graphics type='egl-headless'/>"),
        dom("<graphics type='vnc'/><graphics type='egl-headless'/>"),
    ),
    "iommu-machine": (
        dom("<iommu model='intel'/>", machine="pc"),
        dom("<iommu model='intel'/>"),
    ),
    "iommu-attributes": (
        dom("<iommu model='virtio'><driver iotlb='on'/></iommu>"),
        dom("<iommu model='virtio'/>"),
    ),
    "tpm-count": (
        dom("<tpm model='tpm-crb'><backend type='emulator' version='2.0'/></tpm>" * 2),
        dom("<tpm model='tpm-crb'><backend type='emulator' version='2.0'/></tpm>"),
    ),
    "tpm-version": (
        dom(
            "<tpm model='tpm-tis'><backend type='emulator' version='1.2'/></tpm>",
            arch="aarch64",
            machine="virt",
            features="",
        ),
        dom(
            "<tpm model='tpm-tis'><backend type='emulator' version='2.0'/></tpm>",
            arch="aarch64",
            machine="virt",
            features="",
        ),
    ),
    "panic-model": (
        dom(
            "<panic model='s390'><address type='isa' iobase='0x505'/></panic>",
            arch="s390x",
            machine="s390-ccw-virtio",
            features="",
        ),
        dom("<panic model='s390'/>", arch="s390x", machine="s390-ccw-virtio", features=""),
    ),
    "shmem-size": (
        dom("<shmem name='s'><model type='ivshmem-plain'/><size unit='K'>512</size></shmem>"),
        dom("<shmem name='s'><model type='ivshmem-plain'/><size unit='M'>4</size></shmem>"),
    ),
    "shmem-options": (
        dom("<shmem name='s'><model type='ivshmem-doorbell'/><msi/></shmem>"),
        dom(
            "<shmem name='s'><model type='ivshmem-doorbell'/><server path='/tmp/s'/><msi/></shmem>"
        ),
    ),
    "interface-queue-size": (
        dom(
            "<interface type='network'><source network='default'/><model type='virtio'/><driver rx_queue_size='513'/></interface>"
        ),
        dom(
            "<interface type='network'><source network='default'/><model type='virtio'/><driver rx_queue_size='512'/></interface>"
        ),
    ),
    "interface-port-forward": (
        dom(
            "<interface type='user'><portForward proto='tcp'><range start='22' to='2022'/></portForward></interface>"
        ),
        dom(
            "<interface type='user'><backend type='passt'/><portForward proto='tcp'><range start='22' to='2022'/></portForward></interface>"
        ),
    ),
    "vhost-user-shared-memory": (dom(VHOSTUSER), dom(VHOSTUSER, head=HEAD + SHARED)),
    "interface-custom-tap": (
        dom(
            "<interface type='vhostuser'><mac address='52:54:00:00:00:01'/><source type='unix' path='/tmp/s' mode='server'/><model type='virtio'/><backend tap='/dev/tap0'/></interface>",
            head=HEAD + SHARED,
        ),
        dom(VHOSTUSER, head=HEAD + SHARED),
    ),
    "hostdev-mdev-address": (
        dom(
            MDEV.format(attrs="", uuid=UUID1).replace(
                "</hostdev>",
                "<address type='drive' controller='0' bus='0' target='0' unit='0'/></hostdev>",
            )
        ),
        dom(MDEV.format(attrs="", uuid=UUID1).replace("</hostdev>", pci(3) + "</hostdev>")),
    ),
    "hostdev-display": (
        dom(MDEV.format(attrs=" display='on'", uuid=UUID1)),
        dom(MDEV.format(attrs=" display='on'", uuid=UUID1) + "<graphics type='vnc'/>"),
    ),
    "hostdev-zpci-arch": (
        dom(
            "<memballoon model='virtio'><address type='pci' domain='0' bus='0' slot='1' function='0'><zpci uid='0x1' fid='0x1'/></address></memballoon>"
        ),
        dom(f"<memballoon model='virtio'>{pci(1)}</memballoon>"),
    ),
    "input-transitional": (
        dom("<input type='keyboard' bus='virtio' model='virtio-transitional'/>"),
        dom("<input type='keyboard' bus='virtio' model='virtio'/>"),
    ),
    "sysinfo-values": (
        dom(
            tail="<sysinfo type='smbios'><bios><entry name='date'>2024-01-31</entry></bios></sysinfo>"
        ),
        dom(
            tail="<sysinfo type='smbios'><bios><entry name='date'>01/31/2024</entry></bios></sysinfo>"
        ),
    ),
    # chardevs
    "chardev-source-missing": (
        dom("<serial type='unix'><target port='0'/></serial>"),
        dom("<serial type='unix'><source mode='bind' path='/tmp/s'/><target port='0'/></serial>"),
    ),
    "chardev-reconnect": (
        dom(
            "<channel type='tcp'><source mode='connect' host='localhost' service='1234'><reconnect enabled='yes' timeout='0'/></source><target type='virtio' name='c'/></channel>"
        ),
        dom(
            "<channel type='tcp'><source mode='connect' host='localhost' service='1234'><reconnect enabled='yes' timeout='10'/></source><target type='virtio' name='c'/></channel>"
        ),
    ),
    "chardev-tcp-protocol": (
        dom(
            "<serial type='tcp'><source mode='connect' host='localhost' service='9999'/><protocol type='tls'/></serial>"
        ),
        dom(
            "<serial type='tcp'><source mode='connect' host='localhost' service='9999' tls='yes'/><protocol type='raw'/></serial>"
        ),
    ),
    "parallel-unsupported": (
        dom("<parallel type='pty'/>", arch="s390x", machine="s390-ccw-virtio", features=""),
        dom("<parallel type='pty'/>"),
    ),
    "serial-target-machine": (
        dom(
            "<serial type='pty'><target type='system-serial'><model name='pl011'/></target></serial>"
        ),
        dom(
            "<serial type='pty'><target type='system-serial'><model name='pl011'/></target></serial>",
            arch="aarch64",
            machine="virt",
            features="",
        ),
    ),
    # disks
    "disk-target-name": (dom(disk("vda1", "virtio")), dom(disk("vda", "virtio"))),
    "disk-address-type": (
        dom(disk("sda", "sata", pci(5))),
        dom(
            disk(
                "sda", "sata", "<address type='drive' controller='0' bus='0' target='0' unit='0'/>"
            )
        ),
    ),
    "disk-usb-empty": (
        dom("<disk type='file' device='cdrom'><target dev='sda' bus='usb'/></disk>"),
        dom("<disk type='file' device='cdrom'><target dev='sda' bus='sata'/></disk>"),
    ),
    "disk-format": (
        dom(disk("vda", "virtio", "<driver name='qemu' type='iso'/>")),
        dom(disk("vda", "virtio", "<driver name='qemu' type='raw'/>")),
    ),
    "disk-encryption-format": (
        dom(
            disk(
                "vda",
                "virtio",
                "<driver name='qemu' type='vmdk'/><encryption format='luks'><secret type='passphrase' uuid='"
                + UUID1
                + "'/></encryption>",
            )
        ),
        dom(
            disk(
                "vda",
                "virtio",
                "<driver name='qemu' type='qcow2'/><encryption format='luks'><secret type='passphrase' uuid='"
                + UUID1
                + "'/></encryption>",
            )
        ),
    ),
    "disk-source-twice": (
        dom(
            "<disk type='file' device='disk'><source file='/a.img'><encryption format='luks'><secret type='passphrase' uuid='"
            + UUID1
            + "'/></encryption></source><target dev='vda' bus='virtio'/>"
            "<encryption format='luks'><secret type='passphrase' uuid='"
            + UUID1
            + "'/></encryption></disk>"
        ),
        dom(
            "<disk type='file' device='disk'><source file='/a.img'><encryption format='luks'><secret type='passphrase' uuid='"
            + UUID1
            + "'/></encryption></source><target dev='vda' bus='virtio'/></disk>"
        ),
    ),
    "disk-auth-secret-type": (
        dom(
            "<disk type='network' device='disk'><source protocol='iscsi' name='iqn.2000-01.com.example:t/1'><host name='example.org'/><auth username='u'><secret type='ceph' usage='u'/></auth></source><target dev='vda' bus='virtio'/></disk>"
        ),
        dom(
            "<disk type='network' device='disk'><source protocol='iscsi' name='iqn.2000-01.com.example:t/1'><host name='example.org'/><auth username='u'><secret type='iscsi' usage='u'/></auth></source><target dev='vda' bus='virtio'/></disk>"
        ),
    ),
    "disk-sheepdog": (
        dom(
            "<disk type='network' device='disk'><source protocol='sheepdog' name='img'><host name='example.org'/></source><target dev='vda' bus='virtio'/></disk>"
        ),
        dom(
            "<disk type='network' device='disk'><source protocol='nbd' name='img'><host name='example.org'/></source><target dev='vda' bus='virtio'/></disk>"
        ),
    ),
    "disk-scsi-strings": (
        dom(disk("vda", "virtio", "<vendor>Acme</vendor>")),
        dom(disk("sda", "scsi", "<vendor>Acme</vendor>")),
    ),
    "disk-shared-format": (
        dom(disk("vda", "virtio", "<driver name='qemu' type='qcow2'/><shareable/>")),
        dom(disk("vda", "virtio", "<driver name='qemu' type='raw'/><shareable/>")),
    ),
    "disk-floppy-pseries": (
        dom(disk("fda", "fdc", device="floppy"), arch="ppc64", machine="pseries", features=""),
        dom(disk("sda", "scsi"), arch="ppc64", machine="pseries", features=""),
    ),
    # features
    "feature-arch": (
        dom(features="<acpi/><hpt resizing='required'/>"),
        dom(features="<hpt resizing='required'/>", arch="ppc64", machine="pseries"),
    ),
    "acpi-machine": (
        dom(arch="aarch64", machine="versatilepb", features="<acpi/>"),
        dom(arch="aarch64", machine="versatilepb", features=""),
    ),
    "smm-tseg": (
        dom(features="<acpi/><smm state='on'><tseg unit='MiB'>48</tseg></smm>", machine="pc"),
        dom(features="<acpi/><smm state='on'><tseg unit='MiB'>48</tseg></smm>"),
    ),
    "ps2-disabled-inputs": (
        dom("<input type='keyboard' bus='ps2'/>", features="<acpi/><ps2 state='off'/>"),
        dom("<input type='keyboard' bus='virtio'/>", features="<acpi/><ps2 state='off'/>"),
    ),
    "timer-arch": (
        dom(
            arch="s390x",
            machine="s390-ccw-virtio",
            features="",
            tail="<clock offset='utc'><timer name='tsc' present='yes'/></clock>",
        ),
        dom(tail="<clock offset='utc'><timer name='tsc' present='yes'/></clock>"),
    ),
    # security
    "seclabel-duplicate-model": (
        dom(
            tail="<seclabel type='dynamic' model='selinux'/><seclabel type='dynamic' model='selinux'/>"
        ),
        dom(
            tail="<seclabel type='dynamic' model='selinux'/><seclabel type='dynamic' model='dac'/>"
        ),
    ),
}

CAPS = """<domainCapabilities><path>/usr/bin/qemu-system-x86_64</path><domain>{kind}</domain>
<machine>pc-q35-10.0</machine><arch>x86_64</arch><vcpu max='4096'/>
<os supported='yes'><enum name='firmware'><value>efi</value></enum>
<loader supported='yes'><value>/usr/share/OVMF/OVMF_CODE_4M.fd</value>
<enum name='type'><value>pflash</value></enum><enum name='secure'><value>no</value></enum></loader></os>
<cpu><mode name='host-passthrough' supported='{passthrough}'/><mode name='custom' supported='yes'>
<model usable='yes' vendor='Intel'>Skylake-Client</model></mode></cpu>
<memoryBacking supported='yes'><enum name='sourceType'><value>memfd</value></enum></memoryBacking>
<devices><disk supported='yes'><enum name='bus'><value>sata</value><value>virtio</value></enum></disk>
<tpm supported='yes'><enum name='model'><value>tpm-crb</value></enum>
<enum name='backendModel'><value>emulator</value></enum>
<enum name='backendVersion'><value>2.0</value></enum></tpm></devices>
<features><gic supported='no'/><ps2 supported='no'/><sev supported='no'/></features>
</domainCapabilities>"""

#: Host-aware rules: rule -> (reported, fixed), both checked with :data:`CAPS`.
HOST_CASES: dict[str, tuple[str, str]] = {
    "ps2-toggle-unsupported": (dom(features="<acpi/><ps2 state='on'/>"), dom()),
    "host-arch": (
        dom(
            "<emulator>/usr/bin/qemu-system-x86_64</emulator>",
            arch="alpha",
            machine="clipper",
            features="",
        ),
        dom("<emulator>/usr/bin/qemu-system-x86_64</emulator>"),
    ),
    "host-virt-type": (dom(kind="hvf"), dom()),
    "host-cpu-mode": (
        dom(kind="qemu", tail="<cpu mode='host-passthrough'/>"),
        dom(kind="qemu", tail="<cpu mode='custom'><model>Skylake-Client</model></cpu>"),
    ),
    "host-device-model": (dom(disk("hda", "ide")), dom(disk("sda", "sata"))),
    "host-firmware": (
        dom(os="<loader readonly='yes' type='pflash'>/opt/CODE.fd</loader>").replace(
            "<os>", "<os firmware='efi'>"
        ),
        dom(
            os="<loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE_4M.fd</loader>"
        ).replace("<os>", "<os firmware='efi'>"),
    ),
    "host-memory-backing": (
        dom(head=HEAD + "<memoryBacking><source type='file'/></memoryBacking>"),
        dom(head=HEAD + "<memoryBacking><source type='memfd'/></memoryBacking>"),
    ),
    "tpm-version": (
        dom("<tpm model='tpm-crb'><backend type='emulator' version='1.2'/></tpm>"),
        dom("<tpm model='tpm-crb'><backend type='emulator' version='2.0'/></tpm>"),
    ),
    "launch-security-host": (
        dom(tail="<launchSecurity type='sev'><policy>0x0003</policy></launchSecurity>"),
        dom(),
    ),
    "feature-unsupported-by-host": (
        dom(arch="x86_64", features="<acpi/><gic version='3'/>")
        .replace("q35", "virt")
        .replace("x86_64", "aarch64"),
        dom(),
    ),
}

#: Rules without a case here, and where they are tested instead.
ELSEWHERE = {"device-arch": "test_enable_turns_on_a_rule_off_by_default"}


def host_caps(kind: str = "kvm", arch: str = "x86_64") -> tuple[DomainCaps, ...]:
    found = [
        DomainCaps(etree.fromstring(CAPS.format(kind=kind, passthrough="yes")), "kvm.xml"),
        DomainCaps(etree.fromstring(CAPS.format(kind="qemu", passthrough="no")), "tcg.xml"),
    ]
    aarch64 = CAPS.format(kind="kvm", passthrough="yes").replace("x86_64", "aarch64")
    found.append(DomainCaps(etree.fromstring(aarch64.replace("pc-q35-10.0", "virt-10.0")), "arm"))
    return tuple(found)


def findings(xml: str, caps: tuple[DomainCaps, ...] = ()) -> list[semantic.Finding]:
    return semantic.check(etree.fromstring(xml), semantic.Settings(capabilities=caps))


def test_every_rule_has_a_case() -> None:
    every = set(semantic.rules())
    assert every == set(CASES) | set(HOST_CASES) | set(ELSEWHERE)


@pytest.mark.parametrize("rule", sorted(CASES))
def test_the_rule_reports_the_document_and_not_its_fix(rule: str) -> None:
    bad, good = CASES[rule]
    declared = semantic.rules()[rule]
    found = [f for f in findings(bad) if f.rule == rule]
    assert found, f"{rule} does not report:\n{bad}"
    assert found[0].level == declared.severity or found[0].level == "warning"
    assert found[0].message and found[0].hint
    fixed = findings(good)
    assert rule not in {f.rule for f in fixed}, f"{rule} reports the fixed document"
    assert [f for f in fixed if f.level == "error"] == [], f"errors on the fix of {rule}"


@pytest.mark.parametrize("rule", sorted(HOST_CASES))
def test_the_host_rule_reports_the_document_and_not_its_fix(rule: str) -> None:
    bad, good = HOST_CASES[rule]
    assert rule in {f.rule for f in findings(bad, host_caps())}, f"{rule} does not report"
    assert rule not in {f.rule for f in findings(good, host_caps())}


def test_host_rules_need_capabilities() -> None:
    host = {r.id for r in semantic.rules().values() if r.when == "host"}
    for rule in host & set(HOST_CASES):
        assert rule not in {f.rule for f in findings(HOST_CASES[rule][0])}, rule


def test_other_drivers_are_not_checked() -> None:
    bad = CASES["pci-root-model"][0].replace("type='kvm'", "type='xen'")
    assert findings(bad) == []


def test_findings_point_at_the_element_at_fault() -> None:
    (finding,) = [f for f in findings(CASES["pci-root-model"][0]) if f.rule == "pci-root-model"]
    assert finding.element.tag == "controller" and finding.attribute == "model"
    assert finding.message == (
        "The PCI controller with index='0' must be model='pcie-root' for this machine type,"
        " but model='pci-root' was found instead"
    )


# -- the helpers the rules share ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [("0x1f", 31), ("010", 10), (" 7 ", 7), ("0X10", 16), ("x1", None), ("", None), (None, None)],
)
def test_parse_int(text: str | None, value: int | None) -> None:
    assert parse_int(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("0-3,^2", {0, 1, 3}), ("0,^0", set()), ("5", {5}), ("3-1", None), ("a", None)],
)
def test_parse_set(text: str, value: set[int] | None) -> None:
    assert parse_set(text) == value


def test_size_kib() -> None:
    assert size_kib(None, "1", "GiB") == 1024 * 1024
    assert size_kib(None, "1000", "b") == 1
    assert size_kib(None, "1", "MB") == 977
    assert size_kib(None, "1", "parsec") is None


@pytest.mark.parametrize(
    ("machine", "family"),
    [
        ("pc", "i440fx"),
        ("pc-i440fx-9.2", "i440fx"),
        ("q35", "q35"),
        ("pc-q35-10.0", "q35"),
        ("pseries-7.1", "pseries"),
        ("virt-8.2", "virt"),
        ("s390-ccw-virtio-10.0", "s390-ccw-virtio"),
    ],
)
def test_machine_family(machine: str, family: str) -> None:
    assert machine_family(machine) == family


def test_the_matching_capabilities_are_chosen() -> None:
    caps = host_caps()
    assert select(caps, "kvm", "x86_64", "q35") is caps[0]
    assert select(caps, "qemu", "x86_64", None) is caps[1]
    assert select(caps, "kvm", "aarch64", "virt") is caps[2]
    assert select(caps, "hvf", "x86_64", "q35") is None


# -- in domxml validate ------------------------------------------------------------------


@pytest.fixture()
def refused(tmp_path: Path) -> Path:
    path = tmp_path / "vm.xml"
    path.write_text(CASES["pci-root-model"][0], encoding="utf-8")
    return path


@pytest.fixture()
def caps_file(tmp_path: Path) -> Path:
    path = tmp_path / "caps.xml"
    path.write_text(CAPS.format(kind="kvm", passthrough="yes"), encoding="utf-8")
    return path


def test_a_refused_document_exits_1_and_an_accepted_one_0(
    schema_home: Path, refused: Path, tmp_path: Path
) -> None:
    result = run("validate", "--libvirt", "11.3.0", str(refused))
    assert result.code == 1
    assert ": error: The PCI controller with index='0' must be model='pcie-root'" in result.out
    assert "[pci-root-model]" in result.out and "at /domain/devices/controller/@model" in result.out
    fixed = tmp_path / "fixed.xml"
    fixed.write_text(CASES["pci-root-model"][1], encoding="utf-8")
    assert run("validate", "--libvirt", "11.3.0", str(fixed)).code == 0


def test_json_and_sarif_carry_the_rule(schema_home: Path, refused: Path) -> None:
    document = run("validate", "--format", "json", "--libvirt", "11.3.0", str(refused)).json()
    (item,) = document["files"]
    assert item["valid"] is False
    assert [e["rule"] for e in item["errors"]] == ["pci-root-model"]
    assert item["errors"][0]["line"] == 1 and item["errors"][0]["column"] > 1
    log = run("validate", "--format", "sarif", "--libvirt", "11.3.0", str(refused)).json()
    (result,) = log["runs"][0]["results"]
    assert result["ruleId"] == "pci-root-model" and result["level"] == "error"
    (rule,) = log["runs"][0]["tool"]["driver"]["rules"]
    assert rule["shortDescription"]["text"] == semantic.rules()["pci-root-model"].summary
    assert "must be model='%s'" in rule["fullDescription"]["text"]
    assert rule["properties"]["family"] == "controllers"


def test_disable_skips_a_rule(schema_home: Path, refused: Path) -> None:
    assert (
        run("validate", "--libvirt", "11.3.0", "--disable", "pci-root-model", str(refused)).code
        == 0
    )
    report = domxml.validate(str(refused), "11.3.0", disable=["pci-root-model"])
    assert report.ok
    result = run("validate", "--libvirt", "11.3.0", "--disable", "no-such-rule", str(refused))
    assert result.code == 2 and "unknown rule id: no-such-rule" in result.err


def test_enable_turns_on_a_rule_off_by_default(schema_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "arm.xml"
    path.write_text(
        dom("<input type='keyboard' bus='ps2'/>", arch="aarch64", machine="virt", features=""),
        encoding="utf-8",
    )
    assert domxml.validate(str(path), "11.3.0").warnings == ()
    report = domxml.validate(str(path), "11.3.0", enable=["device-arch"])
    assert [w.rule for w in report.warnings] == ["device-arch"]
    result = run(
        "validate", "--libvirt", "11.3.0", "--enable", "device-arch,mac-duplicate", str(path)
    )
    assert result.code == 0 and "[device-arch]" in result.out


def test_domcaps_enable_the_host_rules(schema_home: Path, tmp_path: Path, caps_file: Path) -> None:
    path = tmp_path / "hvf.xml"
    path.write_text(HOST_CASES["host-virt-type"][0], encoding="utf-8")
    assert run("validate", "--libvirt", "11.3.0", str(path)).code == 0
    result = run("validate", "--libvirt", "11.3.0", "--domcaps", str(caps_file), str(path))
    assert result.code == 1 and "does not support virt type 'hvf'" in result.out
    broken = tmp_path / "broken.xml"
    broken.write_text("<domain/>", encoding="utf-8")
    result = run("validate", "--libvirt", "11.3.0", "--domcaps", str(broken), str(path))
    assert result.code == 2 and "domainCapabilities" in result.err


def test_schema_only_skips_every_rule(schema_home: Path, refused: Path) -> None:
    assert run("validate", "--libvirt", "11.3.0", "--schema-only", str(refused)).code == 0


def test_strict_makes_semantic_warnings_errors(schema_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "mac.xml"
    path.write_text(CASES["mac-duplicate"][0], encoding="utf-8")
    assert run("validate", "--libvirt", "11.3.0", str(path)).code == 0
    assert run("validate", "--libvirt", "11.3.0", "--strict", str(path)).code == 1


def test_docs_lint_md_describes_every_rule() -> None:
    text = (Path(__file__).resolve().parent.parent / "docs" / "lint.md").read_text("utf-8")
    documented = set(re.findall(r"^#### `([a-z0-9-]+)`", text, re.MULTILINE))
    assert documented == set(semantic.rules())
    for rule in semantic.rules().values():
        if rule.libvirt:
            assert f"libvirt: `{rule.libvirt}`" in text, rule.id


class _FakeConnection:
    """What capabilities_from asks of a libvirt connection."""

    def __init__(self) -> None:
        self.closed = False
        self.asked: list[tuple[object, ...]] = []

    def getCapabilities(self) -> str:
        return (
            "<capabilities><host/><guest><os_type>hvm</os_type><arch name='x86_64'>"
            "<emulator>/usr/bin/qemu-system-x86_64</emulator><domain type='qemu'/>"
            "<domain type='kvm'/></arch></guest></capabilities>"
        )

    def getDomainCapabilities(self, *args: object) -> str:
        self.asked.append(args)
        return CAPS.format(kind=args[3], passthrough="yes")

    def close(self) -> None:
        self.closed = True


def test_connect_asks_the_host_for_its_domain_capabilities(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from contextlib import nullcontext

    from domxml.apply import connection
    from domxml.semantic.host import capabilities_from

    fake = _FakeConnection()
    monkeypatch.setattr(connection, "connect", lambda uri: fake)
    monkeypatch.setattr(connection, "libvirt_errors", lambda doing: nullcontext())
    found = capabilities_from("qemu:///system")
    assert fake.closed
    assert [a[1:4] for a in fake.asked] == [("x86_64", None, "qemu"), ("x86_64", None, "kvm")]
    settings = semantic.settings(found)
    assert [c.virt_type for c in settings.capabilities] == ["qemu", "kvm"]


def test_a_host_without_kvm_is_known_only_from_all_its_capabilities() -> None:
    tcg = (DomainCaps(etree.fromstring(CAPS.format(kind="qemu", passthrough="no")), "tcg"),)
    root = etree.fromstring(dom())
    assert semantic.check(root, semantic.Settings(capabilities=tcg)) == []
    whole = semantic.Settings(capabilities=tcg, whole_host=True)
    (finding,) = semantic.check(root, whole)
    assert finding.rule == "host-virt-type" and "offers no KVM" in finding.message
