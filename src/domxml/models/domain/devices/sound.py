"""Sound devices (formatdomain "Sound devices"): ``<sound>``."""

from __future__ import annotations

import enum

from domxml.binding import Model, attr, child, children, element, register_root
from domxml.models.domain.devices.address import Address
from domxml.models.domain.devices.audio import DeviceAudio
from domxml.models.domain.devices.common import Alias, DeviceAcpi, VirtioDriver
from domxml.models.types import UInt


class SoundModel(enum.Enum):
    """The emulated sound card (``<sound model=...>``)."""

    SB16 = "sb16"
    ES1370 = "es1370"
    PCSPK = "pcspk"
    AC97 = "ac97"
    ICH6 = "ich6"
    ICH7 = "ich7"
    ICH9 = "ich9"
    USB = "usb"
    VIRTIO = "virtio"


class SoundCodecType(enum.Enum):
    """An HDA codec (``<codec type=...>``)."""

    DUPLEX = "duplex"
    MICRO = "micro"
    OUTPUT = "output"


@element("codec")
class SoundCodec(Model):
    """``<codec>``: an audio codec of an Intel HDA card (ich6, ich7, ich9)."""

    type: SoundCodecType | None = attr()


# The declaration order is libvirt's (virDomainSoundDefFormat): the virtio
# <driver> comes after the address.
@element("sound")
class Sound(Model):
    """``<sound>``: a sound card."""

    model: SoundModel | None = attr()
    multichannel: bool | None = attr(doc="usb: a multichannel device", default=None)
    streams: UInt | None = attr(doc="virtio: the number of PCM streams", default=None)
    codecs: list[SoundCodec] = children(default_factory=list)
    audio: DeviceAudio | None = child(default=None)
    alias: Alias | None = child(default=None)
    acpi: DeviceAcpi | None = child(default=None)
    address: Address | None = child(default=None)
    driver: VirtioDriver | None = child(default=None)


register_root(Sound)
