"""What the native converters share: warnings, disk names, and libvirt's defaults.

libvirt fills in a domain after a converter built it (its "post-parse"):
a controller for every disk bus in use, a drive address from a disk's
name, a console for the first serial port. Its expected outputs carry
them, so a converter that builds a :class:`Domain` adds them the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from domxml.errors import NativeConfigError
from domxml.models.domain import (
    Console,
    ConsoleTarget,
    ConsoleTargetType,
    Controller,
    ControllerType,
    DiskBus,
    Domain,
    DriveAddress,
    Serial,
)

__all__ = [
    "NativeWarning",
    "add_console_for_serial",
    "add_disk_controllers",
    "cpuset_text",
    "disk_index",
    "disk_name",
    "drive_address",
    "insert_controller",
    "unmapped_parts",
]


@dataclass(frozen=True)
class NativeWarning:
    """Something a converter could not represent: the key (or XML element) and why."""

    key: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        return f"{where}{self.key}: {self.message}"


def disk_index(name: str) -> int | None:
    """The index of a disk name's letters: ``sda`` 0, ``hdb`` 1, ``xvdaa`` 26."""
    for prefix in ("xvd", "vd", "sd", "hd", "fd", "ubd"):
        if name.startswith(prefix):
            letters = name[len(prefix) :]
            break
    else:
        return None
    # a partition number (xvda1) is not part of the index
    letters = letters.rstrip("0123456789")
    if not letters or not letters.isalpha() or not letters.islower():
        return None
    index = 0
    for letter in letters:
        index = index * 26 + (ord(letter) - ord("a") + 1)
    return index - 1


def disk_name(index: int, prefix: str) -> str:
    """The disk name of *index*: ``disk_name(27, "sd")`` is ``sdab``."""
    letters = ""
    index += 1
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return prefix + letters


def drive_address(bus: DiskBus, dev: str, scsi_max_unit: int = 16) -> DriveAddress | None:
    """The drive address libvirt gives a disk from its name, as its post-parse does."""
    index = disk_index(dev)
    if index is None:
        return None
    if bus is DiskBus.SCSI:
        if scsi_max_unit > 8:
            # wide bus: unit 7 is the controller itself
            controller, unit = divmod(index, scsi_max_unit - 1)
            if unit >= 7:
                unit += 1
        else:
            controller, unit = divmod(index, 7)
        return DriveAddress(controller=controller, bus=0, target=0, unit=unit)
    if bus is DiskBus.IDE:
        return DriveAddress(controller=index // 4, bus=(index % 4) // 2, target=0, unit=index % 2)
    if bus is DiskBus.SATA:
        return DriveAddress(controller=index // 6, bus=0, target=0, unit=index % 6)
    if bus is DiskBus.FDC:
        return DriveAddress(controller=index // 2, bus=0, target=0, unit=index % 2)
    return None


def insert_controller(domain: Domain, controller: Controller) -> None:
    """Insert *controller* where libvirt would: after those of its type, by index."""
    assert domain.devices is not None
    controllers = domain.devices.controllers
    position = len(controllers)
    for at in range(len(controllers) - 1, -1, -1):
        current = controllers[at]
        if current.type != controller.type:
            continue
        if (current.index or 0) > (controller.index or 0):
            position = at
        else:
            position = at + 1 if position == len(controllers) else position
            break
    controllers.insert(position, controller)


_CONTROLLER_OF_BUS = (
    (DiskBus.SCSI, ControllerType.SCSI),
    (DiskBus.FDC, ControllerType.FDC),
    (DiskBus.IDE, ControllerType.IDE),
    (DiskBus.SATA, ControllerType.SATA),
)


def add_disk_controllers(domain: Domain) -> None:
    """Add the disk controllers the disks' drive addresses need, as libvirt does."""
    assert domain.devices is not None
    devices = domain.devices
    for bus, kind in _CONTROLLER_OF_BUS:
        highest = -1
        for disk in devices.disks:
            if disk.target is not None and disk.target.bus is bus:
                address = disk.address
                if isinstance(address, DriveAddress) and address.controller is not None:
                    highest = max(highest, address.controller)
        for index in range(highest + 1):
            if not any(c.type is kind and c.index == index for c in devices.controllers):
                insert_controller(domain, Controller(type=kind, index=index))


def add_console_for_serial(domain: Domain) -> None:
    """Give the domain a console that is its first serial port, as libvirt does."""
    assert domain.devices is not None
    devices = domain.devices
    if devices.consoles or not devices.serials:
        return
    serial: Serial = devices.serials[0]
    port = serial.target.port if serial.target is not None else 0
    devices.consoles.append(
        Console(
            type=serial.type,
            sources=list(serial.sources),
            protocol=serial.protocol,
            target=ConsoleTarget(type=ConsoleTargetType.SERIAL, port=port),
        )
    )


def cpuset_text(text: str) -> str:
    """A CPU list as libvirt writes it back: ``0-3,^2`` is ``0-1,3``."""
    chosen: set[int] = set()
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        negate = part.startswith("^")
        low, _, high = part.lstrip("^").partition("-")
        if not low.isdigit() or (high and not high.isdigit()):
            raise NativeConfigError(f"invalid CPU set {text!r}")
        numbers = set(range(int(low), int(high or low) + 1))
        chosen = chosen - numbers if negate else chosen | numbers
    numbers_sorted = sorted(chosen)
    if not numbers_sorted:
        return ""
    ranges: list[str] = []
    start = previous = numbers_sorted[0]
    for number in [*numbers_sorted[1:], -2]:
        if number == previous + 1:
            previous = number
            continue
        ranges.append(str(start) if start == previous else f"{start}-{previous}")
        start = previous = number
    return ",".join(ranges)


def _present(value: object) -> bool:
    return value is not None and value != [] and value != ""


def unmapped_parts(
    domain: Domain, fmt: str, elements: frozenset[str], devices: frozenset[str]
) -> list[NativeWarning]:
    """A warning for each part of *domain* a writer of *fmt* leaves out.

    *elements* names the fields of :class:`Domain` the writer reads and
    *devices* those of :class:`Devices`; whatever else the domain holds is
    named in a warning (``seclabel``, ``devices/watchdog``...), so that
    nothing is dropped silently.
    """
    from dataclasses import fields

    from domxml.models.domain import Devices

    warnings = []
    for spec in fields(Domain):
        kept = spec.name in elements or spec.name == "devices"
        if not kept and _present(getattr(domain, spec.name)):
            warnings.append(NativeWarning(spec.name, f"left out: {fmt} has no such setting"))
    if domain.devices is not None:
        for spec in fields(Devices):
            value = getattr(domain.devices, spec.name)
            if spec.name not in devices and _present(value):
                count = len(value) if isinstance(value, list) else 1
                warnings.append(
                    NativeWarning(
                        f"devices/{spec.name}", f"left out ({count}): {fmt} has no such device"
                    )
                )
    return warnings
