"""Device models: ``<input>`` (formatdomain "Input devices").

A mouse, tablet or keyboard the hypervisor emulates, or a host input
device given to the guest: ``passthrough`` (virtio-input-host, by its
``evdev``) or ``evdev`` (shared with the host, switched by a key combination).
"""

from __future__ import annotations

import enum

from domxml.binding import ON_OFF, Model, attr, child, depends_on, element, register_root
from domxml.models.domain.devices.address import Address
from domxml.models.domain.devices.common import Alias, DeviceAcpi, VirtioDriver
from domxml.models.types import AbsFilePath


class InputType(enum.Enum):
    """The kind of input device (``<input type=...>``)."""

    MOUSE = "mouse"
    TABLET = "tablet"
    KEYBOARD = "keyboard"
    PASSTHROUGH = "passthrough"
    EVDEV = "evdev"


class InputBus(enum.Enum):
    """How the guest sees the device (``<input bus=...>``)."""

    PS2 = "ps2"
    USB = "usb"
    XEN = "xen"
    VIRTIO = "virtio"


class InputModel(enum.Enum):
    """The virtio flavour of a virtio input device (``<input model=...>``)."""

    VIRTIO = "virtio"
    VIRTIO_TRANSITIONAL = "virtio-transitional"
    VIRTIO_NON_TRANSITIONAL = "virtio-non-transitional"


class InputGrab(enum.Enum):
    """Which host devices an ``evdev`` input grabs (``<source grab=...>``)."""

    ALL = "all"


class GrabToggle(enum.Enum):
    """The key combination that moves an ``evdev`` input between host and guest."""

    CTRL_CTRL = "ctrl-ctrl"
    ALT_ALT = "alt-alt"
    SHIFT_SHIFT = "shift-shift"
    META_META = "meta-meta"
    SCROLLLOCK = "scrolllock"
    CTRL_SCROLLLOCK = "ctrl-scrolllock"


# libvirt's order (virDomainInputDefFormat): evdev for passthrough, dev for evdev.
@element("source")
class InputSource(Model):
    """``<source>``: the host input device of a ``passthrough`` or ``evdev`` input."""

    evdev: AbsFilePath | None = attr(doc="passthrough: the host's event device", default=None)
    dev: AbsFilePath | None = attr(doc="evdev: the host's event device", default=None)
    grab: InputGrab | None = attr(doc="evdev: also grab the host's other keyboards", default=None)
    grab_toggle: GrabToggle | None = attr("grabToggle", default=None)
    repeat: bool | None = attr(
        codec=ON_OFF, doc="evdev: pass key auto-repeat through", default=None
    )


# The declaration order is libvirt's (virDomainInputDefFormat).
@element(
    "input",
    depends=(
        depends_on(
            "type",
            allows={
                InputType.MOUSE: ("bus",),
                InputType.TABLET: ("bus",),
                InputType.KEYBOARD: ("bus",),
                InputType.PASSTHROUGH: ("bus", "source"),
                InputType.EVDEV: ("source",),
            },
            needs={InputType.PASSTHROUGH: ("bus", "source"), InputType.EVDEV: ("source",)},
        ),
    ),
)
class Input(Model):
    """``<input>``: an input device (mouse, tablet, keyboard, or a host device)."""

    type: InputType | None = attr()
    bus: InputBus | None = attr(default=None)
    model: InputModel | None = attr(default=None)
    driver: VirtioDriver | None = child(default=None)
    source: InputSource | None = child(default=None)
    alias: Alias | None = child(default=None)
    acpi: DeviceAcpi | None = child(default=None)
    address: Address | None = child(default=None)


register_root(Input)
