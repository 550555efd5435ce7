"""What the rules read: a domain's lxml tree, with the facts many rules ask for.

A :class:`Doc` is made once per document; its properties are computed on
first use and kept, so that twenty rules asking for the controllers walk
``<devices>`` once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, Generic, TypeVar, overload

from lxml import etree

from domxml.semantic.domcaps import DomainCaps, machine_family, select
from domxml.units import unit_scale

__all__ = ["Doc", "parse_int", "parse_set", "size_kib"]

#: The machine libvirt's QEMU driver picks when <type> names none, by arch.
DEFAULT_MACHINES = {
    "x86_64": "pc",
    "i686": "pc",
    "ppc64": "pseries",
    "ppc64le": "pseries",
    "s390x": "s390-ccw-virtio",
    "aarch64": "virt",
    "armv7l": "virt",
    "riscv64": "virt",
    "loongarch64": "virt",
}

X86 = ("x86_64", "i686")
ARM = ("aarch64", "armv7l", "armv6l")
PPC64 = ("ppc64", "ppc64le")


def parse_int(text: str | None) -> int | None:
    """An integer as libvirt reads one (decimal, or ``0x`` hexadecimal); ``None`` if not one."""
    if text is None:
        return None
    try:
        # int() takes surrounding blanks, and "0x" before hexadecimal digits.
        if "x" in text or "X" in text:
            return int(text, 16) if text.strip()[:2] in ("0x", "0X") else None
        return int(text, 10)
    except ValueError:
        return None


def parse_set(text: str | None) -> set[int] | None:
    """libvirt's bitmap syntax (``0-3,^2,8``) as a set; ``None`` if it is not that syntax."""
    if text is None:
        return None
    included: set[int] = set()
    excluded: set[int] = set()
    for part in text.replace(" ", "").split(","):
        negate = part.startswith("^")
        part = part.lstrip("^")
        low, dash, high = part.partition("-")
        start, stop = parse_int(low), parse_int(high) if dash else parse_int(low)
        if start is None or stop is None or low.startswith("0x") or stop < start or start < 0:
            return None
        (excluded if negate else included).update(range(start, stop + 1))
    return included - excluded


def size_kib(
    element: etree._Element | None, text: str | None = None, unit: str | None = None
) -> int | None:
    """A size in KiB: ``element``'s text and ``unit`` attribute (KiB by default)."""
    if element is not None:
        text = element.text if text is None else text
        unit = element.get("unit") if unit is None else unit
    value = parse_int(text)
    if value is None:
        return None
    try:
        factor = unit_scale(unit or "KiB")
    except ValueError:
        return None
    # Rounded up, as libvirt's virScaleInteger then VIR_DIV_UP does.
    return -(-value * factor // 1024)


#: Devices' own addresses and boot orders, found by libxml2 in one call each.
_DEVICE_ADDRESSES = etree.XPath("devices/*[not(self::console)]/address")
_DEVICE_BOOTS = etree.XPath("devices/*/boot[@order]")


def _elements(found: object) -> list[etree._Element]:
    """An XPath's result, known to be a node set of elements."""
    return found  # type: ignore[return-value]


_T = TypeVar("_T")


class _once(Generic[_T]):
    """A property computed on first read and kept in the instance.

    functools.cached_property, without its lock (Python 3.11 takes one at
    each first read, which shows when thousands of documents are checked).
    """

    def __init__(self, function: Callable[[Any], _T]) -> None:
        self.function = function
        self.name = function.__name__
        self.__doc__ = function.__doc__

    @overload
    def __get__(self, instance: None, owner: type) -> _once[_T]: ...
    @overload
    def __get__(self, instance: object, owner: type) -> _T: ...
    def __get__(self, instance: object | None, owner: type) -> Any:
        if instance is None:
            return self
        value = self.function(instance)
        instance.__dict__[self.name] = value
        return value


class Doc:
    """A schema-valid ``<domain>`` tree and the facts the rules share."""

    def __init__(
        self,
        root: etree._Element,
        capabilities: Sequence[DomainCaps] = (),
        whole_host: bool = False,
    ) -> None:
        # What nearly every rule asks is read here, once, into plain
        # attributes: a cached_property takes a lock at each first read.
        self.root = root
        self.capabilities = capabilities
        """Every domain capabilities document given (``--domcaps``)."""
        self.whole_host = whole_host
        """Whether the capabilities are all the host offers (asked with ``-c``)."""
        self.virt_type = root.get("type") or ""
        """``<domain type>``: ``kvm``, ``qemu``..."""
        self.qemu = self.virt_type in ("qemu", "kvm", "hvf")
        """Whether libvirt's QEMU driver runs this domain."""
        self.os = next(root.iterchildren("os"), None)
        self.os_type = next(self.os.iterchildren("type"), None) if self.os is not None else None
        given_arch = self.os_type.get("arch") if self.os_type is not None else None
        given_machine = self.os_type.get("machine") if self.os_type is not None else None
        if not given_arch and len({c.arch for c in capabilities}) == 1:
            given_arch = capabilities[0].arch
        self.arch = given_arch or ""
        """``<os><type arch>``; the capabilities' when the document names none."""
        self.caps = (
            select(capabilities, self.virt_type, self.arch, given_machine) if capabilities else None
        )
        """The capabilities matching this domain's type, arch and machine, if given."""
        if not given_machine:
            given_machine = (
                self.caps.machine if self.caps is not None else DEFAULT_MACHINES.get(self.arch)
            )
        self.machine = given_machine or ""
        """``<os><type machine>``, or the default libvirt picks for the arch."""
        self.family = machine_family(self.machine)
        """The machine family: ``q35``, ``i440fx``, ``pseries``, ``virt``, ``s390-ccw-virtio``..."""
        arch, family = self.arch, self.family
        self.x86 = arch in X86
        self.q35 = self.x86 and family == "q35"
        self.i440fx = self.x86 and family == "i440fx"
        self.pseries = arch in PPC64 and family == "pseries"
        self.s390 = arch == "s390x"
        self.arm_virt = arch in ARM and family == "virt"
        self.riscv_virt = arch == "riscv64" and family == "virt"

    # -- elements -----------------------------------------------------------------------

    @staticmethod
    def child(parent: etree._Element | None, tag: str) -> etree._Element | None:
        """The first child ``tag`` of ``parent`` (``None`` if either is missing)."""
        if parent is None:
            return None
        return next(parent.iterchildren(tag), None)

    def path(self, *tags: str) -> etree._Element | None:
        """The element at ``tags`` below the root, each step the first child of its name."""
        element: etree._Element | None = self.root
        for tag in tags:
            element = self.child(element, tag)
        return element

    @_once
    def devices(self) -> dict[str, list[etree._Element]]:
        """The devices by element name, in document order."""
        found: dict[str, list[etree._Element]] = {}
        devices = self.child(self.root, "devices")
        if devices is not None:
            for device in devices.iterchildren(tag=etree.Element):
                found.setdefault(str(device.tag), []).append(device)
        return found

    @_once
    def addresses(self) -> dict[str, list[tuple[etree._Element, etree._Element]]]:
        """Each device's own ``<address>`` by type, with the device, in document order.

        A ``<console>`` is left out: the console of a serial port is that
        port, its address included.
        """
        found: dict[str, list[tuple[etree._Element, etree._Element]]] = {}
        for address in _elements(_DEVICE_ADDRESSES(self.root)):
            device = address.getparent()
            if device is not None:
                found.setdefault(address.get("type") or "", []).append((device, address))
        return found

    @_once
    def boots(self) -> list[tuple[etree._Element, etree._Element]]:
        """Each device with a ``<boot order>``, and that element."""
        return [(b.getparent(), b) for b in _elements(_DEVICE_BOOTS(self.root))]  # type: ignore[misc]

    def dev(self, *tags: str) -> list[etree._Element]:
        """The devices named ``tags``, in document order within each name."""
        if len(tags) == 1:
            return self.devices.get(tags[0], [])
        return [d for tag in tags for d in self.devices.get(tag, [])]

    def all_devices(self) -> Iterator[etree._Element]:
        """Every device, by name then document order."""
        for items in self.devices.values():
            yield from items

    @_once
    def controllers(self) -> list[etree._Element]:
        return self.dev("controller")

    @_once
    def _controllers_by_type(self) -> dict[str, list[etree._Element]]:
        found: dict[str, list[etree._Element]] = {}
        for controller in self.controllers:
            found.setdefault(controller.get("type") or "", []).append(controller)
        return found

    def controllers_of(self, kind: str) -> list[etree._Element]:
        """The controllers of ``type=kind`` (``pci``, ``usb``...)."""
        return self._controllers_by_type.get(kind, [])

    @_once
    def features(self) -> etree._Element | None:
        return self.child(self.root, "features")

    def feature(self, name: str) -> etree._Element | None:
        """``<features><name>``, if present."""
        return self.child(self.features, name)

    @_once
    def cpu(self) -> etree._Element | None:
        return self.child(self.root, "cpu")

    @_once
    def numa_cells(self) -> list[etree._Element]:
        """``<cpu><numa><cell>``, in document order."""
        numa = self.child(self.cpu, "numa")
        return list(numa.iterchildren("cell")) if numa is not None else []

    @_once
    def memory_kib(self) -> int | None:
        """``<memory>`` in KiB (``None`` when absent or unreadable)."""
        return size_kib(next(self.root.iterchildren("memory"), None))

    @_once
    def vcpus(self) -> int | None:
        """The maximum vCPU count, ``<vcpu>``'s text (1 when absent)."""
        vcpu = self.child(self.root, "vcpu")
        if vcpu is None:
            return None
        return parse_int(vcpu.text)
