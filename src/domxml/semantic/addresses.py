"""Address conflicts: two devices on one PCI, drive, USB, CCW, spapr-vio or zPCI address.

libvirt reserves every address a document names, and the addresses the
machine's built-in devices hold (the PIIX3 at 00:01 on i440fx, the ICH9
functions at 00:1f on q35), and refuses a document that uses one twice.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from domxml.semantic.document import Doc, parse_int, size_kib
from domxml.semantic.registry import ERROR, Hit, rule

#: Devices whose guest address is their own <address> child (hostdevs keep
#: the host's address in <source>, which is not the guest's).
_PCI_NAMES = ("domain", "bus", "slot", "function")


def guest_addresses(doc: Doc, kind: str) -> Iterator[tuple[etree._Element, etree._Element]]:
    """Each device with an ``<address type=kind>`` of its own, and that address."""
    return iter(doc.addresses.get(kind, ()))


def pci_tuple(address: etree._Element) -> tuple[int, int, int, int] | None:
    """``(domain, bus, slot, function)``, missing parts 0; ``None`` if unreadable."""
    values = []
    for name in _PCI_NAMES:
        value = parse_int(address.get(name) or "0")
        if value is None:
            return None
        values.append(value)
    return values[0], values[1], values[2], values[3]


def _either(first: etree._Element | None, second: etree._Element) -> etree._Element:
    """``first`` if present, else ``second`` (an element's truth is its having children)."""
    return first if first is not None else second


def pci_text(address: tuple[int, int, int, int]) -> str:
    """``0000:00:01.1``, as libvirt writes a PCI address."""
    return f"{address[0]:04x}:{address[1]:02x}:{address[2]:02x}.{address[3]:x}"


def _implicit_pci(doc: Doc) -> dict[tuple[int, int, int, int], str]:
    """The addresses a machine's built-in devices hold, with what holds them."""
    if doc.i440fx and doc.controllers_of("pci"):
        held = {(0, 0, 1, 0): "PIIX3 ISA bridge", (0, 0, 1, 3): "PIIX3 power management"}
        # libvirt adds the primary IDE controller for IDE disks when the
        # document has none.
        ide_disks = any(
            (t := doc.child(d, "target")) is not None and t.get("bus") == "ide"
            for d in doc.dev("disk")
        )
        if ide_disks or any(c.get("index") in ("0", None) for c in doc.controllers_of("ide")):
            held[(0, 0, 1, 1)] = "primary IDE controller"
        return held
    if doc.q35:
        return {
            (0, 0, 0x1F, 0): "ICH9 LPC bridge",
            (0, 0, 0x1F, 2): "primary SATA controller",
            (0, 0, 0x1F, 3): "ICH9 SMBus",
        }
    return {}


def _builtin_owner(device: etree._Element, address: tuple[int, int, int, int], doc: Doc) -> bool:
    """Whether ``device`` is the built-in device that lives at ``address``."""
    if device.tag != "controller" or device.get("index", "0") not in ("0", "0x0"):
        return False
    kind = device.get("type")
    if doc.i440fx:
        return (kind, address) in (("ide", (0, 0, 1, 1)), ("usb", (0, 0, 1, 2)))
    return kind == "sata" and address == (0, 0, 0x1F, 2)


@rule(
    "pci-address-conflict",
    ERROR,
    "Two devices, or a device and a built-in one, on the same PCI address",
    "Attempted double use of PCI Address %s",
    "give one of them another slot (or drop its <address> and let libvirt choose)",
    needs=("address",),
)
def pci_address_conflict(doc: Doc) -> Iterator[Hit]:
    if not doc.qemu:
        return
    seen: dict[tuple[int, int, int, int], str] = dict(_implicit_pci(doc))
    for device, address in guest_addresses(doc, "pci"):
        where = pci_tuple(address)
        # All-zero is no address: libvirt assigns one.
        if where is None or where[:3] == (0, 0, 0):
            continue
        if where in seen and not (seen[where] != "device" and _builtin_owner(device, where, doc)):
            held = "" if seen[where] == "device" else f" (the {seen[where]} is there)"
            yield Hit(address, f"Attempted double use of PCI Address {pci_text(where)}{held}")
            continue
        seen[where] = "device"


def disk_index(name: str) -> int | None:
    """libvirt's index of a disk target name: ``sda`` 0, ``sdz`` 25, ``sdaa`` 26."""
    for prefix in ("fd", "hd", "vd", "sd", "xvd", "ubd"):
        if name.startswith(prefix):
            letters = name[len(prefix) :]
            break
    else:
        return None
    if not letters or not letters.isalpha() or not letters.islower():
        return None
    index = 0
    for letter in letters:
        index = index * 26 + (ord(letter) - ord("a") + 1)
    return index - 1


def drive_address(doc: Doc, disk: etree._Element) -> tuple[int, int, int, int] | None:
    """A disk's drive address ``(controller, bus, target, unit)``: its own, or libvirt's pick."""
    address = doc.child(disk, "address")
    if address is not None:
        if address.get("type") != "drive":
            return None
        parts = [parse_int(address.get(n) or "0") for n in ("controller", "bus", "target", "unit")]
        if None in parts:
            return None
        return (parts[0] or 0, parts[1] or 0, parts[2] or 0, parts[3] or 0)
    target = doc.child(disk, "target")
    if target is None:
        return None
    index = disk_index(target.get("dev") or "")
    if index is None:
        return None
    bus = target.get("bus")
    if bus == "scsi":
        return (index // 7, 0, 0, index % 7)
    if bus == "ide":
        return (index // 4, (index % 4) // 2, 0, index % 2)
    if bus == "sata":
        return (index // 6, 0, 0, index % 6)
    if bus == "fdc":
        return (index // 2, 0, 0, index % 2)
    return None


def _drive_text(address: tuple[int, int, int, int]) -> str:
    c, b, t, u = address
    return f"controller='{c}' bus='{b}' target='{t}' unit='{u}'"


def _scsi_hostdevs(doc: Doc) -> Iterator[tuple[etree._Element, tuple[int, int, int, int]]]:
    for hostdev in doc.dev("hostdev"):
        if hostdev.get("type") != "scsi" or hostdev.get("mode", "subsystem") != "subsystem":
            continue
        address = doc.child(hostdev, "address")
        if address is None or address.get("type") != "drive":
            continue
        parts = [parse_int(address.get(n) or "0") for n in ("controller", "bus", "target", "unit")]
        if None not in parts:
            yield hostdev, (parts[0] or 0, parts[1] or 0, parts[2] or 0, parts[3] or 0)


@rule(
    "drive-address-conflict",
    ERROR,
    "Two disks of one bus on one drive address (their own, or the one their target name gives)",
    "Found duplicate drive address for disk with target name '%s' controller='%u' bus='%u'"
    " target='%u' unit='%u'",
    "give the disk another target name or <address unit=...>",
    needs=("disk",),
)
def drive_address_conflict(doc: Doc) -> Iterator[Hit]:
    seen: dict[tuple[str, tuple[int, int, int, int]], str] = {}
    for disk in doc.dev("disk"):
        target = doc.child(disk, "target")
        if target is None:
            continue
        where = drive_address(doc, disk)
        if where is None:
            continue
        key = (target.get("bus") or "", where)
        if key in seen:
            yield Hit(
                _either(doc.child(disk, "address"), target),
                f"Found duplicate drive address for disk with target name '{seen[key]}'"
                f" {_drive_text(where)}",
            )
            continue
        seen[key] = target.get("dev") or ""


@rule(
    "scsi-hostdev-address-conflict",
    ERROR,
    "A SCSI host device on a drive address another SCSI host device or disk holds",
    "SCSI host address controller='%u' bus='%u' target='%u' unit='%u' in use by another"
    " SCSI host device",
    "give the host device another <address unit=...>",
    needs=("hostdev",),
)
def scsi_hostdev_address_conflict(doc: Doc) -> Iterator[Hit]:
    seen: set[tuple[int, int, int, int]] = set()
    disks = {
        drive_address(doc, disk)
        for disk in doc.dev("disk")
        if (target := doc.child(disk, "target")) is not None
        and target.get("bus") == "scsi"
        and doc.child(disk, "address") is not None
    }
    for hostdev, where in _scsi_hostdevs(doc):
        c, b, t, u = where
        text = f"controller='{c}' bus='{b}' target='{t}' unit='{u}'"
        if where in seen:
            yield Hit(
                _either(doc.child(hostdev, "address"), hostdev),
                f"SCSI host address {text} in use by another SCSI host device",
            )
        elif where in disks:
            yield Hit(
                _either(doc.child(hostdev, "address"), hostdev),
                f"SCSI host address {text} in use by another SCSI disk",
            )
        seen.add(where)


@rule(
    "disk-target-hostdev-conflict",
    ERROR,
    "A SCSI disk whose target name maps to the drive address of a SCSI host device",
    "using disk target name '%s' conflicts with SCSI host device address controller='%u'"
    " bus='%u' target='%u' unit='%u'",
    "give the disk an explicit <address type='drive'> or another target name",
    needs=("hostdev",),
)
def disk_target_hostdev_conflict(doc: Doc) -> Iterator[Hit]:
    held = {where for _, where in _scsi_hostdevs(doc)}
    if not held:
        return
    for disk in doc.dev("disk"):
        target = doc.child(disk, "target")
        if target is None or target.get("bus") != "scsi" or doc.child(disk, "address") is not None:
            continue
        where = drive_address(doc, disk)
        if where in held:
            assert where is not None
            yield Hit(
                target,
                f"using disk target name '{target.get('dev')}' conflicts with SCSI host device"
                f" address {_drive_text(where)}",
                "dev",
            )


#: Ports of a USB hub (QEMU's usb-hub has 8).
HUB_PORTS = 8


@rule(
    "usb-address-conflict",
    ERROR,
    "Two USB devices on the same USB bus and port",
    "Duplicate USB address bus %u port %s",
    "give one of them another port",
    needs=("address",),
)
def usb_address_conflict(doc: Doc) -> Iterator[Hit]:
    seen: set[tuple[str, str]] = set()
    for _, address in guest_addresses(doc, "usb"):
        port = address.get("port")
        if not port:
            continue
        key = (str(parse_int(address.get("bus") or "0")), port)
        if key in seen:
            yield Hit(address, f"Duplicate USB address bus {key[0]} port {port}", "port")
        seen.add(key)


@rule(
    "usb-port-missing",
    ERROR,
    "A USB port below a hub that the document does not have, or past a hub's 8 ports",
    "there is no hub at port %s in USB address bus: %u port: %s",
    "add a <hub type='usb'> at the parent port, or use a port of an existing hub",
    needs=("address",),
)
def usb_port_missing(doc: Doc) -> Iterator[Hit]:
    below_hubs = [a for _, a in guest_addresses(doc, "usb") if "." in (a.get("port") or "")]
    if not below_hubs:
        return
    hubs: set[tuple[str, str]] = set()
    for hub in doc.dev("hub"):
        address = doc.child(hub, "address")
        if address is not None and address.get("type") == "usb" and address.get("port"):
            hubs.add((str(parse_int(address.get("bus") or "0")), address.get("port") or ""))
    for address in below_hubs:
        port = address.get("port") or ""
        parts = port.split(".")
        bus = str(parse_int(address.get("bus") or "0"))
        for depth in range(1, len(parts)):
            parent = ".".join(parts[:depth])
            if (bus, parent) not in hubs:
                yield Hit(
                    address,
                    f"there is no hub at port {parent} in USB address bus: {bus} port: {port}",
                    "port",
                )
                break
        else:
            last = parse_int(parts[-1])
            if last is not None and not 1 <= last <= HUB_PORTS:
                yield Hit(
                    address,
                    f"requested USB port {port} not present on USB bus {bus}",
                    "port",
                )


@rule(
    "ccw-address-conflict",
    ERROR,
    "Two devices on the same CCW device number",
    "The CCW devno '%s' is in use already",
    "give one of them another devno",
    needs=("address",),
)
def ccw_address_conflict(doc: Doc) -> Iterator[Hit]:
    seen: set[tuple[int, int, int]] = set()
    for _, address in guest_addresses(doc, "ccw"):
        parts = [parse_int(address.get(n)) for n in ("cssid", "ssid", "devno")]
        if None in parts:
            continue
        key = (parts[0] or 0, parts[1] or 0, parts[2] or 0)
        if key in seen:
            yield Hit(
                address,
                f"The CCW devno '{key[0]:x}.{key[1]:x}.{key[2]:04x}' is in use already",
                "devno",
            )
        seen.add(key)


@rule(
    "spapr-vio-address-conflict",
    ERROR,
    "Two spapr-vio devices on the same reg",
    "spapr-vio address %#x already in use",
    "give one of them another reg (or drop reg and let libvirt choose)",
    needs=("address",),
)
def spapr_vio_address_conflict(doc: Doc) -> Iterator[Hit]:
    seen: set[int] = set()
    for _, address in guest_addresses(doc, "spapr-vio"):
        reg = parse_int(address.get("reg"))
        if reg is None:
            continue
        if reg in seen:
            yield Hit(address, f"spapr-vio address {reg:#x} already in use", "reg")
        seen.add(reg)


@rule(
    "zpci-uid-invalid",
    ERROR,
    "A zPCI uid of 0 (it must be 1 to 0xffff)",
    "Invalid PCI address uid='%#06x', must be > 0x0000 and <= 0xffff",
    "give uid a value from 0x0001 to 0xffff, or drop it",
    needs=("zpci",),
)
def zpci_uid_invalid(doc: Doc) -> Iterator[Hit]:
    for _, address in guest_addresses(doc, "pci"):
        zpci = doc.child(address, "zpci")
        if zpci is None or zpci.get("uid") is None:
            continue
        uid = parse_int(zpci.get("uid"))
        if uid is not None and not 0 < uid <= 0xFFFF:
            yield Hit(
                zpci,
                f"Invalid PCI address uid='{uid:#06x}', must be > 0x0000 and <= 0xffff",
                "uid",
            )


@rule(
    "zpci-uid-conflict",
    ERROR,
    "Two zPCI devices with the same uid (or fid)",
    "zPCI uid %u is already reserved",
    "give each device its own uid and fid",
    needs=("zpci",),
)
def zpci_uid_conflict(doc: Doc) -> Iterator[Hit]:
    uids: set[int] = set()
    fids: set[int] = set()
    for _, address in guest_addresses(doc, "pci"):
        zpci = doc.child(address, "zpci")
        if zpci is None:
            continue
        uid, fid = parse_int(zpci.get("uid")), parse_int(zpci.get("fid"))
        if uid is not None and uid in uids:
            yield Hit(zpci, f"zPCI uid {uid} is already reserved", "uid")
        elif fid is not None and fid in fids:
            yield Hit(zpci, f"zPCI fid {fid} is already reserved", "fid")
        if uid is not None:
            uids.add(uid)
        if fid is not None:
            fids.add(fid)


@rule(
    "memory-address-overlap",
    ERROR,
    "Two memory devices whose guest address ranges overlap",
    "memory device address [%#llx:%#llx] overlaps with other memory device (%#llx)",
    "move one of them (<address base=...>) past the other's end",
    needs=("target",),
)
def memory_address_overlap(doc: Doc) -> Iterator[Hit]:
    ranges: list[tuple[int, int]] = []
    for memory in doc.dev("memory"):
        target = doc.child(memory, "target")
        address = doc.child(target, "address")
        if target is None or address is None:
            continue
        base = parse_int(address.get("base"))
        size = size_kib(doc.child(target, "size"))
        if base is None or not size:
            continue
        end = base + size * 1024
        for start, stop in ranges:
            if base < stop and start < end:
                yield Hit(
                    address,
                    f"memory device address [{start:#x}:{stop:#x}] overlaps with other memory"
                    f" device ({base:#x})",
                    "base",
                )
                break
        ranges.append((base, end))
