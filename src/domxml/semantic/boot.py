"""Boot order: ``<os><boot>`` against per-device ``<boot order>``, and who may boot."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from domxml.semantic.document import Doc
from domxml.semantic.registry import ERROR, Hit, rule


def _boot_elements(doc: Doc) -> Iterator[tuple[etree._Element, etree._Element]]:
    """Each device with a ``<boot order>``, and that element."""
    return iter(doc.boots)


@rule(
    "boot-order-mixed",
    ERROR,
    "Per-device <boot order> together with <os><boot dev>",
    "per-device boot elements cannot be used together with os/boot elements",
    "use either <os><boot dev=...> or <boot order=...> in the devices",
    needs=("boot",),
)
def boot_order_mixed(doc: Doc) -> Iterator[Hit]:
    os_boot = doc.child(doc.os, "boot")
    if os_boot is None:
        return
    for _, boot in _boot_elements(doc):
        yield Hit(boot, "per-device boot elements cannot be used together with os/boot elements")
        return


@rule(
    "boot-order-duplicate",
    ERROR,
    "Two devices with the same boot order",
    "boot order '%s' used for more than one device",
    "give each device its own boot order",
    needs=("boot",),
)
def boot_order_duplicate(doc: Doc) -> Iterator[Hit]:
    seen: set[str] = set()
    for device, boot in _boot_elements(doc):
        order = boot.get("order") or ""
        # An <interface type='hostdev'> and its hostdev are one device.
        if order in seen and device.tag != "console":
            yield Hit(boot, f"boot order '{order}' used for more than one device", "order")
        seen.add(order)


@rule(
    "boot-unsupported-device",
    ERROR,
    "A boot order on a device that cannot boot (vhost-scsi, vfio-ap, virtiofs off PCI)",
    "booting from assigned devices is not supported by vhost SCSI devices",
    "remove <boot order> from that device",
    needs=("boot",),
)
def boot_unsupported_device(doc: Doc) -> Iterator[Hit]:
    if not doc.qemu:
        return
    for device, boot in _boot_elements(doc):
        if device.tag == "hostdev":
            kind, source = device.get("type"), doc.child(device, "source")
            if kind == "scsi_host" and source is not None and source.get("protocol") == "vhost":
                yield Hit(
                    boot, "booting from assigned devices is not supported by vhost SCSI devices"
                )
            elif kind == "mdev" and device.get("model") in ("vfio-ap", "vfio-pci"):
                yield Hit(
                    boot,
                    "booting from assigned devices is not supported by mediated devices of"
                    f" model {device.get('model')}",
                )
        elif device.tag == "filesystem":
            driver = doc.child(device, "driver")
            address = doc.child(device, "address")
            virtiofs = driver is not None and driver.get("type") == "virtiofs"
            off_pci = (address is not None and address.get("type") not in ("pci", None)) or (
                address is None and doc.s390
            )
            if virtiofs and off_pci:
                yield Hit(boot, "setting virtiofs boot order is supported only with PCI bus")
