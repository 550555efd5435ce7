"""Twenty recipes: the guests people build most, each as a ``vm()`` call and a ``domxml new`` line.

Each :class:`Recipe` holds the arguments of :func:`domxml.build.vm` and the
``domxml new`` options that say the same; the tests check that both give the
same document, that it is valid for libvirt 9.0.0, 11.3.0 and 12.9.0, and
that libvirt's QEMU and test drivers define it. ``docs/building.md`` shows
them. Every name starts with ``domxml-build-``; images live in
``/var/lib/libvirt/images``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from domxml.build.devices import bridge, cdrom, direct, disk, network, seed
from domxml.build.vm import vm
from domxml.models.domain import Domain

__all__ = ["RECIPES", "Recipe"]

IMAGES = "/var/lib/libvirt/images"


@dataclass(frozen=True)
class Recipe:
    """One guest: what it is for, the ``vm()`` arguments and the ``domxml new`` options."""

    name: str
    summary: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    argv: tuple[str, ...] = ()

    @property
    def domain_name(self) -> str:
        """The guest's name: ``domxml-build-`` and the recipe's."""
        return f"domxml-build-{self.name}"

    def build(self, **overrides: Any) -> Domain:
        """The domain of this recipe (``overrides`` replace arguments: ``host=``...)."""
        return vm(self.domain_name, **{**self.kwargs, **overrides})

    def command(self) -> list[str]:
        """The ``domxml new`` arguments that build the same domain."""
        return ["new", "--name", self.domain_name, *self.argv]


def _img(recipe: str, suffix: str = "", ext: str = "qcow2") -> str:
    return f"{IMAGES}/domxml-build-{recipe}{suffix}.{ext}"


_ISO_DEBIAN = f"{IMAGES}/debian-12.11.0-amd64-netinst.iso"
_ISO_DEBIAN_ARM = f"{IMAGES}/debian-12.11.0-arm64-netinst.iso"
_ISO_WIN = f"{IMAGES}/Win11_24H2_English_x64.iso"
_ISO_WIN10 = f"{IMAGES}/Win10_22H2_English_x64.iso"
_ISO_WINSRV = f"{IMAGES}/SERVER_EVAL_x64FRE_en-us.iso"

RECIPES: list[Recipe] = [
    Recipe(
        "debian-bios",
        "Debian 12, BIOS, a virtio disk, NAT network, serial console only",
        {
            "os": "debian12",
            "memory": "2 GiB",
            "disks": [disk(_img("debian-bios"), size=20)],
            "nics": [network()],
            "firmware": "bios",
        },
        (
            "--osinfo",
            "debian12",
            "--memory",
            "2GiB",
            "--disk",
            f"{_img('debian-bios')},size=20",
            "--network",
            "network=default",
            "--boot",
            "bios",
        ),
    ),
    Recipe(
        "debian-uefi",
        "Debian 12, UEFI without Secure Boot, bridged",
        {
            "os": "debian12",
            "memory": "2 GiB",
            "disks": [disk(_img("debian-uefi"), size=20)],
            "nics": [bridge("br0")],
            "firmware": "efi",
            "secure_boot": False,
        },
        (
            "--osinfo",
            "debian12",
            "--memory",
            "2GiB",
            "--disk",
            f"{_img('debian-uefi')},size=20",
            "--network",
            "bridge=br0",
            "--boot",
            "uefi",
            "--secure-boot",
            "off",
        ),
    ),
    Recipe(
        "web01",
        "the issue's example: q35, UEFI with Secure Boot, a virtio disk, bridged",
        {
            "os": "debian12",
            "memory": "4 GiB",
            "vcpus": 2,
            "disks": [disk(_img("web01"), size="20 GiB")],
            "nics": [bridge("br0")],
            "firmware": "efi",
            "secure_boot": True,
        },
        (
            "--osinfo",
            "debian12",
            "--memory",
            "4GiB",
            "--vcpus",
            "2",
            "--disk",
            f"{_img('web01')},size=20",
            "--network",
            "bridge=br0",
            "--boot",
            "uefi",
            "--secure-boot",
            "on",
        ),
    ),
    Recipe(
        "two-disks",
        "UEFI, a system and a data disk, a bridged NIC and the serial console",
        {
            "os": "debian12",
            "memory": "4 GiB",
            "vcpus": 4,
            "disks": [disk(_img("two-disks"), size=20), disk(_img("two-disks", "-data"), size=100)],
            "nics": [bridge("br0")],
            "firmware": "efi",
        },
        (
            "--osinfo",
            "debian12",
            "--memory",
            "4GiB",
            "--vcpus",
            "4",
            "--disk",
            f"{_img('two-disks')},size=20",
            "--disk",
            f"{_img('two-disks', '-data')},size=100",
            "--network",
            "bridge=br0",
            "--boot",
            "uefi",
        ),
    ),
    Recipe(
        "debian-install",
        "Debian 12 installed from its netinst ISO on a CD-ROM, with a VNC display",
        {
            "os": "debian12",
            "memory": "2 GiB",
            "disks": [disk(_img("debian-install"), size=20), cdrom(_ISO_DEBIAN)],
            "nics": [network()],
            "graphics": "vnc",
        },
        (
            "--osinfo",
            "debian12",
            "--memory",
            "2GiB",
            "--disk",
            f"{_img('debian-install')},size=20",
            "--cdrom",
            _ISO_DEBIAN,
            "--network",
            "network=default",
            "--graphics",
            "vnc",
        ),
    ),
    Recipe(
        "ubuntu-cloud",
        "an Ubuntu 22.04 cloud image with a cloud-init NoCloud seed ISO, headless",
        {
            "os": "ubuntu22.04",
            "memory": "2 GiB",
            "disks": [disk(_img("ubuntu-cloud")), seed(_img("ubuntu-cloud", "-seed", "iso"))],
            "nics": [network()],
            "firmware": "efi",
        },
        (
            "--osinfo",
            "ubuntu22.04",
            "--memory",
            "2GiB",
            "--disk",
            _img("ubuntu-cloud"),
            "--seed",
            _img("ubuntu-cloud", "-seed", "iso"),
            "--network",
            "network=default",
            "--boot",
            "uefi",
        ),
    ),
    Recipe(
        "sata-disk",
        "a Linux guest whose disk is on SATA (an image moved from another hypervisor)",
        {
            "os": "debian12",
            "memory": 2048,
            "disks": [disk(_img("sata-disk"), bus="sata")],
            "nics": [network()],
        },
        (
            "--osinfo",
            "debian12",
            "--memory",
            "2048",
            "--disk",
            f"{_img('sata-disk')},bus=sata",
            "--network",
            "network=default",
        ),
    ),
    Recipe(
        "scsi-disks",
        "two disks on virtio-scsi (discard passed down to thin storage)",
        {
            "os": "debian12",
            "memory": "2 GiB",
            "disks": [
                disk(_img("scsi-disks"), bus="scsi", discard="unmap"),
                disk(_img("scsi-disks", "-data"), bus="scsi", discard="unmap"),
            ],
            "nics": [network()],
            "firmware": "efi",
        },
        (
            "--osinfo",
            "debian12",
            "--memory",
            "2GiB",
            "--disk",
            f"{_img('scsi-disks')},bus=scsi,discard=unmap",
            "--disk",
            f"{_img('scsi-disks', '-data')},bus=scsi,discard=unmap",
            "--network",
            "network=default",
            "--boot",
            "uefi",
        ),
    ),
    Recipe(
        "direct-nic",
        "a NIC as a macvtap on the host's eth0 (no bridge needed)",
        {
            "os": "debian12",
            "memory": "1 GiB",
            "disks": [disk(_img("direct-nic"))],
            "nics": [direct("eth0")],
        },
        (
            "--osinfo",
            "debian12",
            "--memory",
            "1GiB",
            "--disk",
            _img("direct-nic"),
            "--network",
            "type=direct,source=eth0,source_mode=bridge",
        ),
    ),
    Recipe(
        "three-nics",
        "a router: NAT network, a bridge and a macvtap, MACs given",
        {
            "os": "debian12",
            "memory": "1 GiB",
            "disks": [disk(_img("three-nics"))],
            "nics": [
                network(mac="52:54:00:00:00:01"),
                bridge("br0", mac="52:54:00:00:00:02"),
                direct("eth1", mode="vepa", mac="52:54:00:00:00:03"),
            ],
        },
        (
            "--osinfo",
            "debian12",
            "--memory",
            "1GiB",
            "--disk",
            _img("three-nics"),
            "--network",
            "network=default,mac=52:54:00:00:00:01",
            "--network",
            "bridge=br0,mac=52:54:00:00:00:02",
            "--network",
            "type=direct,source=eth1,source_mode=vepa,mac=52:54:00:00:00:03",
        ),
    ),
    Recipe(
        "block-disk",
        "a disk on a host logical volume, raw, no host cache",
        {
            "os": "debian12",
            "memory": "2 GiB",
            "disks": [disk("/dev/vg0/domxml-build-block-disk", cache="none")],
            "nics": [network()],
        },
        (
            "--osinfo",
            "debian12",
            "--memory",
            "2GiB",
            "--disk",
            "/dev/vg0/domxml-build-block-disk,cache=none",
            "--network",
            "network=default",
        ),
    ),
    Recipe(
        "fedora-desktop",
        "a Fedora desktop on VNC (virtio GPU, USB tablet)",
        {
            "os": "fedora37",
            "memory": "4 GiB",
            "vcpus": 4,
            "disks": [disk(_img("fedora-desktop"))],
            "nics": [network()],
            "firmware": "efi",
            "graphics": "vnc",
        },
        (
            "--osinfo",
            "fedora37",
            "--memory",
            "4GiB",
            "--vcpus",
            "4",
            "--disk",
            _img("fedora-desktop"),
            "--network",
            "network=default",
            "--boot",
            "uefi",
            "--graphics",
            "vnc",
        ),
    ),
    Recipe(
        "ubuntu-spice",
        "an Ubuntu desktop on SPICE (audio, USB redirection, the SPICE agent)",
        {
            "os": "ubuntu22.04",
            "memory": "4 GiB",
            "vcpus": 2,
            "disks": [disk(_img("ubuntu-spice"))],
            "nics": [network()],
            "graphics": "spice",
        },
        (
            "--osinfo",
            "ubuntu22.04",
            "--memory",
            "4GiB",
            "--vcpus",
            "2",
            "--disk",
            _img("ubuntu-spice"),
            "--network",
            "network=default",
            "--graphics",
            "spice",
        ),
    ),
    Recipe(
        "legacy-pc",
        "an old system on the i440fx machine: IDE disk and CD-ROM, e1000",
        {
            "os": "linux",
            "machine": "pc",
            "memory": "1 GiB",
            "disks": [disk(_img("legacy-pc"), bus="ide"), cdrom(_ISO_DEBIAN)],
            "nics": [network(model="e1000")],
            "graphics": "vnc",
        },
        (
            "--osinfo",
            "linux",
            "--machine",
            "pc",
            "--memory",
            "1GiB",
            "--disk",
            f"{_img('legacy-pc')},bus=ide",
            "--cdrom",
            _ISO_DEBIAN,
            "--network",
            "network=default,model=e1000",
            "--graphics",
            "vnc",
        ),
    ),
    Recipe(
        "win10-bios",
        "Windows 10 on BIOS, installed from its ISO: SATA, e1000e, VNC, Hyper-V enlightenments",
        {
            "os": "win10",
            "memory": "4 GiB",
            "vcpus": 2,
            "disks": [disk(_img("win10-bios"), size=64), cdrom(_ISO_WIN10)],
            "nics": [network()],
            "firmware": "bios",
            "graphics": "vnc",
        },
        (
            "--osinfo",
            "win10",
            "--memory",
            "4GiB",
            "--vcpus",
            "2",
            "--disk",
            f"{_img('win10-bios')},size=64",
            "--cdrom",
            _ISO_WIN10,
            "--network",
            "network=default",
            "--boot",
            "bios",
            "--graphics",
            "vnc",
        ),
    ),
    Recipe(
        "win10-uefi",
        "Windows 10 on UEFI with SPICE (qxl, audio, USB redirection)",
        {
            "os": "win10",
            "memory": "4 GiB",
            "vcpus": 2,
            "disks": [disk(_img("win10-uefi"), size=64), cdrom(_ISO_WIN10)],
            "nics": [bridge("br0")],
            "firmware": "efi",
            "graphics": "spice",
        },
        (
            "--osinfo",
            "win10",
            "--memory",
            "4GiB",
            "--vcpus",
            "2",
            "--disk",
            f"{_img('win10-uefi')},size=64",
            "--cdrom",
            _ISO_WIN10,
            "--network",
            "bridge=br0",
            "--boot",
            "uefi",
            "--graphics",
            "spice",
        ),
    ),
    Recipe(
        "win11",
        "Windows 11: UEFI with Secure Boot and a TPM 2.0, as its installer demands",
        {
            "os": "win11",
            "memory": "8 GiB",
            "vcpus": 4,
            "disks": [disk(_img("win11"), size=80), cdrom(_ISO_WIN)],
            "nics": [network()],
            "secure_boot": True,
            "graphics": "spice",
        },
        (
            "--osinfo",
            "win11",
            "--memory",
            "8GiB",
            "--vcpus",
            "4",
            "--disk",
            f"{_img('win11')},size=80",
            "--cdrom",
            _ISO_WIN,
            "--network",
            "network=default",
            "--secure-boot",
            "on",
            "--graphics",
            "spice",
        ),
    ),
    Recipe(
        "winserver-virtio",
        "Windows Server 2022 with the virtio-win drivers loaded: virtio disk and NIC",
        {
            "os": "win2k22",
            "memory": "4 GiB",
            "vcpus": 2,
            "disks": [disk(_img("winserver-virtio"), size=64, bus="virtio"), cdrom(_ISO_WINSRV)],
            "nics": [bridge("br0", model="virtio")],
            "firmware": "efi",
            "graphics": "vnc",
        },
        (
            "--osinfo",
            "win2k22",
            "--memory",
            "4GiB",
            "--vcpus",
            "2",
            "--disk",
            f"{_img('winserver-virtio')},size=64,bus=virtio",
            "--cdrom",
            _ISO_WINSRV,
            "--network",
            "bridge=br0,model=virtio",
            "--boot",
            "uefi",
            "--graphics",
            "vnc",
        ),
    ),
    Recipe(
        "arm64-virt",
        "an aarch64 guest on Arm's virt machine (emulated on another host: TCG), headless",
        {
            "os": "debian12",
            "arch": "aarch64",
            "domain_type": "qemu",
            "memory": "2 GiB",
            "disks": [disk(_img("arm64-virt"), size=20)],
            "nics": [network()],
        },
        (
            "--osinfo",
            "debian12",
            "--arch",
            "aarch64",
            "--virt-type",
            "qemu",
            "--memory",
            "2GiB",
            "--disk",
            f"{_img('arm64-virt')},size=20",
            "--network",
            "network=default",
        ),
    ),
    Recipe(
        "arm64-install",
        "an aarch64 guest installed from an ISO (SCSI CD-ROM) with a VNC display",
        {
            "os": "debian12",
            "arch": "aarch64",
            "domain_type": "qemu",
            "memory": "2 GiB",
            "disks": [disk(_img("arm64-install"), size=20), cdrom(_ISO_DEBIAN_ARM)],
            "nics": [network()],
            "graphics": "vnc",
        },
        (
            "--osinfo",
            "debian12",
            "--arch",
            "aarch64",
            "--virt-type",
            "qemu",
            "--memory",
            "2GiB",
            "--disk",
            f"{_img('arm64-install')},size=20",
            "--cdrom",
            _ISO_DEBIAN_ARM,
            "--network",
            "network=default",
            "--graphics",
            "vnc",
        ),
    ),
]
