"""Audio backends (formatdomain "Audio backends"): ``<audio>``.

One model per backend ``type``, chosen by the engine from that attribute.
Each has an ``input`` and an ``output`` direction: the settings every
backend shares (:class:`AudioIO`), plus the backend's own (ALSA's ``dev``,
PulseAudio's ``name``...). Sound cards and displays name the backend they
use with ``<audio id=...>`` (:class:`DeviceAudio`).
"""

from __future__ import annotations

import enum

from domxml.binding import Model, attr, child, element, register_root, variant
from domxml.models.types import DeviceName, FilePath, Int32, UByte, UInt


class AudioType(enum.Enum):
    """The host audio backend (``<audio type=...>``)."""

    NONE = "none"
    ALSA = "alsa"
    COREAUDIO = "coreaudio"
    JACK = "jack"
    OSS = "oss"
    PULSEAUDIO = "pulseaudio"
    SDL = "sdl"
    SPICE = "spice"
    FILE = "file"
    DBUS = "dbus"
    PIPEWIRE = "pipewire"


class AudioFormat(enum.Enum):
    """A sample format (``<settings format=...>``)."""

    S8 = "s8"
    U8 = "u8"
    S16 = "s16"
    U16 = "u16"
    S32 = "s32"
    U32 = "u32"
    F32 = "f32"


class SdlAudioDriver(enum.Enum):
    """The audio driver SDL uses (``<audio type='sdl' driver=...>``)."""

    ESD = "esd"
    ALSA = "alsa"
    ARTS = "arts"
    PULSEAUDIO = "pulseaudio"


@element("audio")
class DeviceAudio(Model):
    """``<audio>`` of a sound card or a display: the ``id`` of the audio backend it uses."""

    id: UByte | None = attr()


@element("settings")
class AudioSettings(Model):
    """``<settings>``: the fixed stream settings (with ``fixedSettings='yes'``)."""

    frequency: UInt | None = attr(doc="Hz", default=None)
    channels: UInt | None = attr(default=None)
    format: AudioFormat | None = attr(default=None)


# --- one direction (<input>, <output>) of each backend --------------------------


@element("input")
class AudioIO(Model):
    """``<input>`` or ``<output>``: one direction of an audio backend."""

    mixing_engine: bool | None = attr("mixingEngine", doc="QEMU mixes and resamples", default=None)
    fixed_settings: bool | None = attr(
        "fixedSettings", doc="use the fixed <settings>", default=None
    )
    voices: UInt | None = attr(default=None)
    buffer_length: UInt | None = attr("bufferLength", doc="microseconds", default=None)
    settings: AudioSettings | None = child(default=None)


@element("input")
class AlsaAudioIO(AudioIO):
    """A direction of an ALSA backend."""

    dev: FilePath | None = attr(doc="the ALSA device", default=None)


@element("input")
class CoreAudioIO(AudioIO):
    """A direction of a CoreAudio backend."""

    buffer_count: UInt | None = attr("bufferCount", default=None)


@element("input")
class JackAudioIO(AudioIO):
    """A direction of a JACK backend."""

    server_name: str | None = attr("serverName", default=None)
    client_name: str | None = attr("clientName", default=None)
    connect_ports: str | None = attr(
        "connectPorts", doc="a regular expression of port names", default=None
    )
    exact_name: bool | None = attr("exactName", default=None)


@element("input")
class OssAudioIO(AudioIO):
    """A direction of an OSS backend."""

    dev: DeviceName | None = attr(doc="the DSP device", default=None)
    buffer_count: UInt | None = attr("bufferCount", default=None)
    try_poll: bool | None = attr("tryPoll", default=None)


@element("input")
class PulseAudioIO(AudioIO):
    """A direction of a PulseAudio backend."""

    name: str | None = attr(doc="the sink or source", default=None)
    stream_name: str | None = attr("streamName", default=None)
    latency: UInt | None = attr(doc="microseconds", default=None)


@element("input")
class PipewireAudioIO(AudioIO):
    """A direction of a PipeWire backend."""

    name: str | None = attr(doc="the sink or source", default=None)
    stream_name: str | None = attr("streamName", default=None)
    latency: UInt | None = attr(doc="microseconds", default=None)


@element("input")
class SdlAudioIO(AudioIO):
    """A direction of an SDL backend."""

    buffer_count: UInt | None = attr("bufferCount", default=None)


# --- <audio> of each type --------------------------------------------------------


# Backends with settings of their own narrow ``input`` and ``output`` to
# their own direction model; the field keeps its place.
@element("audio", discriminator="type")
class Audio(Model):
    """``<audio>``: a host audio backend; the subclass follows ``type``."""

    id: UByte | None = attr(doc="the id devices refer to, from 1")
    # Required: each variant declares its value as the default, for type
    # checkers (they do not see the one @variant gives).
    type: AudioType | None = attr()
    timer_period: UInt | None = attr("timerPeriod", doc="microseconds", default=None)
    input: AudioIO | None = child("input", default=None)
    output: AudioIO | None = child("output", default=None)


@variant("none")
class NoneAudio(Audio):
    """``<audio type='none'>``: audio is emulated but goes nowhere."""

    type: AudioType | None = attr(default=AudioType.NONE)


@variant("alsa")
class AlsaAudio(Audio):
    """``<audio type='alsa'>``: the host's ALSA."""

    type: AudioType | None = attr(default=AudioType.ALSA)
    input: AlsaAudioIO | None = child("input", default=None)
    output: AlsaAudioIO | None = child("output", default=None)


@variant("coreaudio")
class CoreAudioAudio(Audio):
    """``<audio type='coreaudio'>``: macOS CoreAudio."""

    type: AudioType | None = attr(default=AudioType.COREAUDIO)
    input: CoreAudioIO | None = child("input", default=None)
    output: CoreAudioIO | None = child("output", default=None)


@variant("jack")
class JackAudio(Audio):
    """``<audio type='jack'>``: a JACK server."""

    type: AudioType | None = attr(default=AudioType.JACK)
    input: JackAudioIO | None = child("input", default=None)
    output: JackAudioIO | None = child("output", default=None)


@variant("oss")
class OssAudio(Audio):
    """``<audio type='oss'>``: the Open Sound System."""

    type: AudioType | None = attr(default=AudioType.OSS)
    try_mmap: bool | None = attr("tryMMap", default=None)
    exclusive: bool | None = attr(default=None)
    dsp_policy: Int32 | None = attr(
        "dspPolicy", doc="0-10, the timing policy; -1: none", default=None
    )
    input: OssAudioIO | None = child("input", default=None)
    output: OssAudioIO | None = child("output", default=None)


@variant("pulseaudio")
class PulseAudioAudio(Audio):
    """``<audio type='pulseaudio'>``: a PulseAudio server."""

    type: AudioType | None = attr(default=AudioType.PULSEAUDIO)
    server_name: str | None = attr("serverName", default=None)
    input: PulseAudioIO | None = child("input", default=None)
    output: PulseAudioIO | None = child("output", default=None)


@variant("sdl")
class SdlAudio(Audio):
    """``<audio type='sdl'>``: SDL audio."""

    type: AudioType | None = attr(default=AudioType.SDL)
    driver: SdlAudioDriver | None = attr(default=None)
    input: SdlAudioIO | None = child("input", default=None)
    output: SdlAudioIO | None = child("output", default=None)


@variant("spice")
class SpiceAudio(Audio):
    """``<audio type='spice'>``: audio sent to SPICE clients."""

    type: AudioType | None = attr(default=AudioType.SPICE)


@variant("file")
class FileAudio(Audio):
    """``<audio type='file'>``: output recorded to a WAV file."""

    type: AudioType | None = attr(default=AudioType.FILE)
    path: FilePath | None = attr(default=None)


@variant("dbus")
class DbusAudio(Audio):
    """``<audio type='dbus'>``: audio exported over D-Bus."""

    type: AudioType | None = attr(default=AudioType.DBUS)


@variant("pipewire")
class PipewireAudio(Audio):
    """``<audio type='pipewire'>``: a PipeWire server."""

    type: AudioType | None = attr(default=AudioType.PIPEWIRE)
    runtime_dir: FilePath | None = attr(
        "runtimeDir", doc="the directory of the PipeWire socket", default=None
    )
    input: PipewireAudioIO | None = child("input", default=None)
    output: PipewireAudioIO | None = child("output", default=None)


register_root(Audio)
