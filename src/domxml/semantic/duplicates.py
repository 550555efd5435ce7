"""Duplicates: disk targets, host devices, user aliases, MAC addresses."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from domxml.semantic.document import Doc, parse_int
from domxml.semantic.registry import ERROR, WARNING, Hit, rule


def _disk_source(doc: Doc, disk: etree._Element) -> str:
    source = doc.child(disk, "source")
    if source is None:
        return "(null)"
    for name in ("file", "dev", "dir", "name", "volume"):
        if source.get(name):
            return source.get(name) or ""
    return "(null)"


@rule(
    "disk-target-duplicate",
    ERROR,
    "Two disks with the same target name",
    "target '%s' duplicated for disk sources '%s' and '%s'",
    "give each disk its own target dev",
    needs=("disk",),
)
def disk_target_duplicate(doc: Doc) -> Iterator[Hit]:
    seen: dict[str, etree._Element] = {}
    for disk in doc.dev("disk"):
        target = doc.child(disk, "target")
        name = target.get("dev") if target is not None else None
        if target is None or not name:
            continue
        first = seen.get(name)
        if first is not None:
            yield Hit(
                target,
                f"target '{name}' duplicated for disk sources '{_disk_source(doc, first)}' and"
                f" '{_disk_source(doc, disk)}'",
                "dev",
            )
        else:
            seen[name] = disk


def _hostdev_key(doc: Doc, hostdev: etree._Element) -> tuple[str, ...] | None:
    """What names the host device a ``<hostdev>`` takes (two equal keys: the same device)."""
    source = doc.child(hostdev, "source")
    if source is None or hostdev.get("mode", "subsystem") != "subsystem":
        return None
    kind = hostdev.get("type") or ""
    address = doc.child(source, "address")
    if kind == "pci" and address is not None:
        parts = [parse_int(address.get(n) or "0") for n in ("domain", "bus", "slot", "function")]
        return (kind, *map(str, parts))
    if kind == "usb":
        vendor, product = doc.child(source, "vendor"), doc.child(source, "product")
        key: tuple[str, ...] = (kind,)
        if vendor is not None and product is not None:
            key += (str(parse_int(vendor.get("id"))), str(parse_int(product.get("id"))))
        if address is not None:
            key += (str(parse_int(address.get("bus"))), str(parse_int(address.get("device"))))
        return key if len(key) > 1 else None
    if kind == "scsi" and address is not None:
        adapter = doc.child(source, "adapter")
        name = adapter.get("name") if adapter is not None else source.get("name")
        return (kind, name or "", *(address.get(n) or "0" for n in ("bus", "target", "unit")))
    if kind == "mdev" and address is not None and address.get("uuid"):
        return (kind, (address.get("uuid") or "").lower())
    if kind == "scsi_host" and source.get("wwpn"):
        return (kind, source.get("wwpn") or "")
    return None


@rule(
    "hostdev-duplicate",
    ERROR,
    "The same host device assigned twice",
    "Hostdev already exists in the domain configuration",
    "assign each host device once",
    needs=("hostdev",),
)
def hostdev_duplicate(doc: Doc) -> Iterator[Hit]:
    seen: set[tuple[str, ...]] = set()
    for hostdev in doc.dev("hostdev"):
        key = _hostdev_key(doc, hostdev)
        if key is None:
            continue
        if key in seen:
            yield Hit(hostdev, "Hostdev already exists in the domain configuration")
        seen.add(key)


@rule(
    "alias-duplicate",
    ERROR,
    "Two devices with the same user alias (ua-...)",
    "non unique alias detected: %s",
    "give each device its own alias name",
    needs=("alias",),
)
def alias_duplicate(doc: Doc) -> Iterator[Hit]:
    seen: set[str] = set()
    consoles = doc.dev("console")
    for device in doc.all_devices():
        alias = doc.child(device, "alias")
        name = alias.get("name") if alias is not None else None
        if alias is None or not name or not name.startswith("ua-"):
            continue
        # A <console> of a serial port is that port, alias included.
        if device.tag == "console" and device is consoles[0] and doc.dev("serial"):
            continue
        if name in seen:
            yield Hit(alias, f"non unique alias detected: {name}", "name")
        seen.add(name)


@rule(
    "mac-duplicate",
    WARNING,
    "Two interfaces with the same MAC address",
    "",
    "give each interface its own MAC address (or drop <mac> and let libvirt pick one)",
    needs=("mac",),
)
def mac_duplicate(doc: Doc) -> Iterator[Hit]:
    seen: set[str] = set()
    for interface in doc.dev("interface"):
        mac = doc.child(interface, "mac")
        address = (mac.get("address") or "").lower() if mac is not None else ""
        # A failover pair (<teaming>) shares its MAC address on purpose.
        if mac is None or not address or doc.child(interface, "teaming") is not None:
            continue
        if address in seen:
            yield Hit(
                mac,
                f"MAC address {address} is used by another interface: the guest's network"
                " will misbehave",
                "address",
            )
        seen.add(address)
