"""Controller topology: the PCI root a machine needs, indexes, what plugs into what, USB.

libvirt's QEMU driver gives each machine type its PCI root (``pci-root``
on i440fx and pSeries, ``pcie-root`` on q35 and the ``virt`` machines),
numbers controllers of a type uniquely, and plugs each PCI controller
only into a bus that accepts it.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from domxml.semantic.addresses import pci_text, pci_tuple
from domxml.semantic.document import Doc, parse_int
from domxml.semantic.registry import ERROR, WARNING, Hit, rule


def _index(controller: etree._Element) -> int | None:
    """A controller's index; ``None`` when it has none (libvirt picks the next free one)."""
    return parse_int(controller.get("index"))


def _needed_root(doc: Doc) -> str | None:
    """The model libvirt requires of PCI controller 0 for this machine, if it adds one."""
    if doc.i440fx or doc.pseries:
        return "pci-root"
    if (
        doc.q35
        or doc.arm_virt
        or doc.riscv_virt
        or (doc.arch == "loongarch64" and doc.family == "virt")
    ):
        return "pcie-root"
    return None


@rule(
    "pci-root-model",
    ERROR,
    "PCI controller 0 is not the root this machine type has (pci-root or pcie-root)",
    "The PCI controller with index='0' must be model='%s' for this machine type, but"
    " model='%s' was found instead",
    "use model='pci-root' on i440fx (pc) and pseries machines, model='pcie-root' on q35 and virt",
    needs=("controller",),
)
def pci_root_model(doc: Doc) -> Iterator[Hit]:
    needed = _needed_root(doc) if doc.qemu else None
    if needed is None:
        return
    for controller in doc.controllers_of("pci"):
        if _index(controller) != 0:
            continue
        model = controller.get("model")
        if model and model != needed:
            yield Hit(
                controller,
                f"The PCI controller with index='0' must be model='{needed}' for this machine"
                f" type, but model='{model}' was found instead",
                "model",
            )
        return


@rule(
    "controller-index-duplicate",
    ERROR,
    "Two controllers of one type (USB aside) with the same index",
    "Multiple '%s' controllers with index '%d'",
    "give each controller of a type its own index",
    needs=("controller",),
)
def controller_index_duplicate(doc: Doc) -> Iterator[Hit]:
    seen: set[tuple[str, int]] = set()
    for controller in doc.controllers:
        kind = controller.get("type") or ""
        index = _index(controller)
        # Several USB controllers share an index: a USB2 controller and its companions.
        if kind == "usb" or index is None or controller.get("index") is None:
            continue
        if (kind, index) in seen:
            yield Hit(controller, f"Multiple '{kind}' controllers with index '{index}'", "index")
        seen.add((kind, index))


_ROOTS = ("pci-root", "pcie-root")


@rule(
    "pci-root-address",
    ERROR,
    "A pci-root or pcie-root controller with an <address>",
    "pci-root and pcie-root controllers should not have an address",
    "remove the root controller's <address>",
    needs=("controller",),
)
def pci_root_address(doc: Doc) -> Iterator[Hit]:
    for controller in doc.controllers_of("pci"):
        address = doc.child(controller, "address")
        if controller.get("model") in _ROOTS and address is not None:
            yield Hit(address, "pci-root and pcie-root controllers should not have an address")


@rule(
    "pci-root-index",
    ERROR,
    "A pci-root or pcie-root controller with an index other than 0 (pSeries aside)",
    "pci-root and pcie-root controllers should have index 0",
    "give the root controller index='0'; other buses are added with bridges or expanders",
    needs=("controller",),
)
def pci_root_index(doc: Doc) -> Iterator[Hit]:
    if not doc.qemu or doc.pseries:
        return
    for controller in doc.controllers_of("pci"):
        if controller.get("model") in _ROOTS and _index(controller) not in (0, None):
            yield Hit(controller, "pci-root and pcie-root controllers should have index 0", "index")


@rule(
    "pci-expander-machine",
    ERROR,
    "A PCI expander bus on a machine type without it",
    "pcie-expander-bus controllers are not supported with this machine type",
    "pci-expander-bus needs an i440fx (pc) machine; pcie-expander-bus a q35 or ARM virt one",
    needs=("controller",),
)
def pci_expander_machine(doc: Doc) -> Iterator[Hit]:
    if not doc.qemu:
        return
    for controller in doc.controllers_of("pci"):
        model = controller.get("model")
        if model == "pcie-expander-bus" and not (doc.q35 or doc.arm_virt):
            yield Hit(
                controller,
                "pcie-expander-bus controllers are not supported with this machine type",
                "model",
            )
        elif model == "pci-expander-bus" and not doc.i440fx:
            yield Hit(
                controller,
                "pci-expander-bus controllers are only supported on 440fx-based machinetypes",
                "model",
            )


@rule(
    "pci-controller-numa-node",
    ERROR,
    "A PCI controller's NUMA node that the guest does not have, or one on PCI controller 0",
    "%s with index %d is configured for a NUMA node (%d) not present in the domain's"
    " <cpu><numa> array (%zu)",
    "use a node id below the number of <cell> in <cpu><numa>",
    needs=("node",),
)
def pci_controller_numa_node(doc: Doc) -> Iterator[Hit]:
    cells = len(doc.numa_cells)
    for controller in doc.controllers_of("pci"):
        target = doc.child(controller, "target")
        node_el = doc.child(target, "node")
        if node_el is None:
            continue
        node = parse_int(node_el.text)
        if node is None:
            continue
        index = _index(controller)
        if index == 0:
            yield Hit(
                node_el, "The PCI controller with index=0 can't be associated with a NUMA node"
            )
        elif node >= cells and doc.qemu:
            yield Hit(
                node_el,
                f"{controller.get('model')} with index {index} is configured for a NUMA node"
                f" ({node}) not present in the domain's <cpu><numa> array ({cells})",
            )


@rule(
    "pci-target-index",
    ERROR,
    "A pSeries PHB target index out of 0-30, or 0 on another controller than index 0",
    "Only the PCI controller with index 0 can have target index 0, and vice versa",
    "target index 0 belongs to the default PHB (index 0); the others take 1 to 30",
    needs=("controller",),
)
def pci_target_index(doc: Doc) -> Iterator[Hit]:
    for controller in doc.controllers_of("pci"):
        target = doc.child(controller, "target")
        if target is None or target.get("index") is None:
            continue
        value = parse_int(target.get("index"))
        if value is None:
            continue
        if not 0 <= value <= 30:
            yield Hit(
                target,
                f"PCI controller target index '{value}' out of range - must be 0-30",
                "index",
            )
        elif (_index(controller) == 0) != (value == 0):
            yield Hit(
                target,
                "Only the PCI controller with index 0 can have target index 0, and vice versa",
                "index",
            )


#: The models of the controllers each PCI controller model plugs into.
_PARENTS = {
    "pci-expander-bus": ("pci-root",),
    "pcie-expander-bus": ("pcie-root",),
    "dmi-to-pci-bridge": ("pcie-root", "pcie-expander-bus"),
    "pcie-root-port": ("pcie-root", "pcie-expander-bus"),
    "pcie-switch-upstream-port": ("pcie-root-port", "pcie-switch-downstream-port"),
    "pcie-switch-downstream-port": ("pcie-switch-upstream-port",),
}


@rule(
    "pci-controller-bus",
    ERROR,
    "A PCI controller plugged into a bus that does not accept it",
    "The device at PCI address %s cannot be plugged into the PCI controller with"
    " index='%d'. It requires a controller that accepts a %s.",
    "plug it into a bus that accepts it (an expander bus into the root bus, a root port"
    " into pcie-root...)",
    needs=("controller",),
)
def pci_controller_bus(doc: Doc) -> Iterator[Hit]:
    placed = [
        c
        for c in doc.controllers_of("pci")
        if c.get("model") in _PARENTS and doc.child(c, "address") is not None
    ]
    if not placed:
        return
    models: dict[int, str] = {}
    for controller in doc.controllers_of("pci"):
        index = _index(controller)
        if index is not None and controller.get("model"):
            models.setdefault(index, controller.get("model") or "")
    for controller in placed:
        model = controller.get("model") or ""
        parents = _PARENTS.get(model)
        address = doc.child(controller, "address")
        if parents is None or address is None or address.get("type") != "pci":
            continue
        where = pci_tuple(address)
        if where is None:
            continue
        parent = models.get(where[1])
        if parent is not None and parent not in parents:
            yield Hit(
                address,
                f"The device at PCI address {pci_text(where)} cannot be plugged into the PCI"
                f" controller with index='{where[1]}'. It requires a controller that accepts"
                f" a {model}.",
                "bus",
            )


#: Slots of pcie-root libvirt can give root ports to (00:01 to 00:1e), 8 functions each.
_ROOT_PORT_ROOM = 30 * 8


@rule(
    "pcie-root-ports-exhausted",
    ERROR,
    "More pcie-root-port controllers than pcie-root has functions for",
    "a PCI slot is needed to connect a PCI controller model='pcie-root-port', but none is"
    " available, and it cannot be automatically added",
    "use fewer root ports, or a pcie-expander-bus for more",
    needs=("controller",),
)
def pcie_root_ports_exhausted(doc: Doc) -> Iterator[Hit]:
    if not doc.q35:
        return
    ports = [
        c
        for c in doc.controllers_of("pci")
        if c.get("model") == "pcie-root-port"
        and (
            doc.child(c, "address") is None or parse_int(doc.child(c, "address").get("bus")) == 0  # type: ignore[union-attr]
        )
    ]
    if len(ports) > _ROOT_PORT_ROOM:
        yield Hit(
            ports[_ROOT_PORT_ROOM],
            "a PCI slot is needed to connect a PCI controller model='pcie-root-port', but none"
            f" is available ({len(ports)} root ports, pcie-root has room for {_ROOT_PORT_ROOM})",
        )


_VIRTIO_SCSI = ("virtio-scsi", "virtio-transitional", "virtio-non-transitional")


@rule(
    "controller-iothread",
    ERROR,
    "An iothread on a controller other than virtio-scsi",
    "'iothread' attribute only supported for virtio scsi controllers",
    "remove <driver iothread> (only virtio-scsi controllers take one)",
    needs=("controller",),
)
def controller_iothread(doc: Doc) -> Iterator[Hit]:
    for controller in doc.controllers:
        driver = doc.child(controller, "driver")
        if driver is None or (
            driver.get("iothread") is None and doc.child(driver, "iothreads") is None
        ):
            continue
        if controller.get("type") == "scsi" and controller.get("model") in (*_VIRTIO_SCSI, None):
            continue
        yield Hit(
            driver,
            "'iothread' attribute only supported for virtio scsi controllers",
            "iothread" if driver.get("iothread") is not None else None,
        )


#: USB controllers with at most 15 ports.
_XHCI = ("nec-xhci", "qemu-xhci")


@rule(
    "usb-controller-ports",
    ERROR,
    "An xHCI USB controller with more than 15 ports",
    "'%s' controller only supports up to '%u' ports",
    "use at most 15 ports, or a hub",
    needs=("controller",),
)
def usb_controller_ports(doc: Doc) -> Iterator[Hit]:
    for controller in doc.controllers_of("usb"):
        ports = parse_int(controller.get("ports"))
        model = controller.get("model")
        if model in _XHCI and ports is not None and ports > 15:
            yield Hit(controller, f"'{model}' controller only supports up to '15' ports", "ports")


@rule(
    "usb-controller-master",
    ERROR,
    "USB companion controllers without their master (EHCI) controller",
    "No master USB controller specified",
    "add the USB2 controller (model='ich9-ehci1') the companions belong to",
    needs=("master",),
)
def usb_controller_master(doc: Doc) -> Iterator[Hit]:
    usb = [c for c in doc.controllers_of("usb") if c.get("model") != "none"]
    if usb and all(doc.child(c, "master") is not None for c in usb):
        yield Hit(usb[0], "No master USB controller specified")


@rule(
    "usb-disabled",
    ERROR,
    "A USB controller, hub or input while <controller type='usb' model='none'> disables USB",
    "Can't add another USB controller: USB is disabled for this domain",
    "remove model='none', or the USB device",
    needs=("controller",),
)
def usb_disabled(doc: Doc) -> Iterator[Hit]:
    usb = doc.controllers_of("usb")
    if not any(c.get("model") == "none" for c in usb):
        return
    if len(usb) > 1:
        yield Hit(usb[1], "Can't add another USB controller: USB is disabled for this domain")
    for hub in doc.dev("hub"):
        if hub.get("type") == "usb":
            yield Hit(hub, "Can't add USB hub: USB is disabled for this domain")
    for device in doc.dev("input"):
        if device.get("bus") == "usb":
            yield Hit(device, "Can't add USB input device. USB bus is disabled", "bus")
    for device in doc.dev("redirdev"):
        if device.get("bus", "usb") == "usb":
            yield Hit(device, "cannot add redirected USB device: USB is disabled for this domain")


#: Machine types without any PCI bus.
_NO_PCI = ("isapc",)


@rule(
    "usb-controller-no-pci",
    ERROR,
    "A USB controller (a PCI device) on a machine without PCI",
    "No PCI buses available",
    "use model='none' on this machine, or a machine with PCI",
    needs=("controller",),
)
def usb_controller_no_pci(doc: Doc) -> Iterator[Hit]:
    if not doc.x86 or doc.family not in _NO_PCI:
        return
    for controller in doc.controllers_of("usb"):
        if controller.get("model") != "none" and doc.child(controller, "address") is None:
            yield Hit(controller, "No PCI buses available")
            return


@rule(
    "usb-bus-missing",
    WARNING,
    "A USB address on a bus no USB controller has",
    "USB bus %u requested but no controller with that index is present",
    "add <controller type='usb' index='N'>, or use bus 0",
    when="start",
    needs=("address",),
)
def usb_bus_missing(doc: Doc) -> Iterator[Hit]:
    addresses = doc.addresses.get("usb")
    usb = doc.controllers_of("usb")
    if not addresses or not doc.qemu or not usb:
        return
    # One USB controller without an index is USB bus 0.
    indexes = {_index(c) if c.get("index") else 0 for c in usb if c.get("model") != "none"}
    for _, address in addresses:
        bus = parse_int(address.get("bus") or "0")
        if bus not in indexes:
            yield Hit(
                address,
                f"USB bus {bus} requested but no controller with that index is present",
                "bus",
            )
