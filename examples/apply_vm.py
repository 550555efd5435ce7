"""Build a VM definition in Python, validate it, plan and apply it to libvirt.

Run it against libvirt's embedded test driver (the default here, nothing is
touched on the host) or any libvirt URI::

    python examples/apply_vm.py                   # test:///default
    python examples/apply_vm.py qemu:///system    # a real host

It needs the libvirt Python binding (``pip install libvirt-python``).
"""

from __future__ import annotations

import sys

import domxml
import domxml.apply
from domxml.apply.report import format_plan, format_result
from domxml.models.domain import (
    Arch,
    Devices,
    DiskBus,
    DiskDevice,
    DiskDriver,
    DiskTarget,
    Domain,
    DomainType,
    FileDisk,
    FileDiskSource,
    GuestType,
    InterfaceModel,
    Memory,
    NetworkInterface,
    NetworkSource,
    Os,
    OsType,
    StorageFormat,
    Vcpu,
)


def web_vm(name: str = "web01") -> Domain:
    """A small KVM guest: 1 GiB, 2 vCPUs, a virtio disk and a NIC on the default network.

    No UUID, MAC or PCI address: libvirt generates those, and domxml's diff
    knows they are libvirt's, so applying it again changes nothing.
    """
    return Domain(
        type=DomainType.KVM,
        name=name,
        memory=Memory.of("1 GiB"),
        vcpu=Vcpu(count=2),
        os=Os(type=OsType(arch=Arch.X86_64, value=GuestType.HVM)),
        devices=Devices(
            disks=[
                FileDisk(
                    device=DiskDevice.DISK,
                    driver=DiskDriver(name="qemu", type=StorageFormat.QCOW2),
                    source=FileDiskSource(file=f"/var/lib/libvirt/images/{name}.qcow2"),
                    target=DiskTarget(dev="vda", bus=DiskBus.VIRTIO),
                )
            ],
            interfaces=[
                NetworkInterface(
                    source=NetworkSource(network="default"),
                    model=InterfaceModel(type="virtio"),
                )
            ],
        ),
    )


def main(uri: str = "test:///default") -> int:
    vm = web_vm()

    report = domxml.validate(domxml.to_xml(vm))
    print(f"valid for libvirt {report.libvirt}: {report.ok}")

    conn = domxml.apply.connect(uri)
    print(format_plan(domxml.apply.plan(conn, [vm])))
    print(format_result(domxml.apply.apply(conn, [vm])))

    # The plan of a second apply: nothing to do.
    print(format_plan(domxml.apply.plan(conn, [vm])))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
