"""Device models: ``<input>`` (formatdomain "Input devices").

A mouse, tablet or keyboard the hypervisor emulates, or a host input
device given to the guest: ``passthrough`` (virtio-input-host, by its
``evdev``) or ``evdev`` (shared with the host, switched by a key combination).
"""

from __future__ import annotations

import enum

from domxml.binding import ON_OFF, Model, allowed, attr, child, element, register_root, variant
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


@element("source", without=("dev", "grab", "grab_toggle", "repeat"))
class PassthroughInputSource(InputSource):
    """``<source>`` of a ``passthrough`` input: the host's event device."""

    evdev: AbsFilePath | None = attr(doc="the host's event device")


@element("source", without=("evdev",))
class EvdevInputSource(InputSource):
    """``<source>`` of an ``evdev`` input: the host's event device, and how it is shared."""

    dev: AbsFilePath | None = attr(doc="the host's event device")


# The declaration order is libvirt's (virDomainInputDefFormat).
@element("input", discriminator="type")
class Input(Model):
    """``<input>``: an input device (mouse, tablet, keyboard, or a host device).

    The subclass follows ``type``.
    """

    # Required: each variant declares its value as the default, for type
    # checkers (they do not see the one @variant gives).
    type: InputType | None = attr()
    bus: InputBus | None = attr(default=None)
    model: InputModel | None = attr(default=None)
    driver: VirtioDriver | None = child(default=None)
    source: InputSource | None = child(default=None)
    alias: Alias | None = child(default=None)
    acpi: DeviceAcpi | None = child(default=None)
    address: Address | None = child(default=None)


@variant("mouse", without=("source",))
class MouseInput(Input):
    """``<input type='mouse'>``: an emulated mouse."""

    type: InputType | None = attr(default=InputType.MOUSE)


@variant("tablet", without=("source",))
class TabletInput(Input):
    """``<input type='tablet'>``: an emulated tablet (absolute pointer)."""

    type: InputType | None = attr(default=InputType.TABLET)


@variant("keyboard", without=("source",))
class KeyboardInput(Input):
    """``<input type='keyboard'>``: an emulated keyboard."""

    type: InputType | None = attr(default=InputType.KEYBOARD)


@variant("passthrough")
class PassthroughInput(Input):
    """``<input type='passthrough'>``: a host input device given to the guest (virtio only)."""

    type: InputType | None = attr(default=InputType.PASSTHROUGH)
    bus: InputBus | None = attr(codec=allowed(InputBus.VIRTIO))
    source: PassthroughInputSource | None = child()


@variant("evdev", without=("bus",))
class EvdevInput(Input):
    """``<input type='evdev'>``: a host input device shared with the guest, switched by keys."""

    type: InputType | None = attr(default=InputType.EVDEV)
    source: EvdevInputSource | None = child()


register_root(Input)
