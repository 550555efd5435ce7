"""Character devices, displays, video, sound and audio backends.

Against libvirt's corpus: every ``<serial>``, ``<parallel>``, ``<console>``,
``<channel>``, ``<graphics>``, ``<video>``, ``<sound>`` and ``<audio>``
binds with nothing left untyped, and comes back byte for byte in libvirt's
style where libvirt's formatter wrote it; chosen devices read as the typed
values the documentation gives. Then devices parsed alone, edited and
built in Python.
"""

from __future__ import annotations

import pytest
from corpus import CorpusEntry, corpus_files, data_dir, is_well_formed
from element_checks import check_elements_alone

import domxml
from domxml.binding import Model, write_document
from domxml.models.domain import Domain
from domxml.models.domain.devices import (
    AddressType,
    Alias,
    Devices,
    PciAddress,
    VirtioSerialAddress,
)
from domxml.models.domain.devices.audio import (
    AlsaAudio,
    Audio,
    AudioFormat,
    AudioIO,
    AudioSettings,
    AudioType,
    DeviceAudio,
    OssAudio,
    OssAudioIO,
    PipewireAudio,
    PipewireAudioIO,
    SdlAudio,
    SdlAudioDriver,
)
from domxml.models.domain.devices.chardev import (
    Channel,
    ChannelTarget,
    ChannelTargetType,
    CharLog,
    CharProtocol,
    CharProtocolType,
    CharSource,
    CharSourceMode,
    CharType,
    Clipboard,
    Console,
    ConsoleTarget,
    ConsoleTargetType,
    Mouse,
    MouseMode,
    Parallel,
    Serial,
    SerialModel,
    SerialTarget,
    SerialTargetModel,
    SerialTargetType,
)
from domxml.models.domain.devices.common import VirtioDriver
from domxml.models.domain.devices.graphics import (
    AddressListen,
    DbusGraphics,
    Graphics,
    GraphicsConnected,
    GraphicsType,
    ImageCompression,
    ListenType,
    NetworkListen,
    SpiceChannel,
    SpiceChannelMode,
    SpiceChannelName,
    SpiceFiletransfer,
    SpiceGraphics,
    SpiceImage,
    SpiceJpeg,
    SpicePlayback,
    SpiceStreaming,
    SpiceZlib,
    StreamingMode,
    VncGraphics,
    WanCompression,
)
from domxml.models.domain.devices.sound import Sound, SoundCodec, SoundCodecType, SoundModel
from domxml.models.domain.devices.video import (
    Video,
    VideoBackend,
    VideoDriver,
    VideoModel,
    VideoModelType,
    VideoResolution,
)
from domxml.models.domain.seclabel import DeviceSeclabel
from domxml.models.domain.storage_source import Reconnect

# The devices these models type, by element name.
DEVICES: dict[str, type[Model]] = {
    "serial": Serial,
    "parallel": Parallel,
    "console": Console,
    "channel": Channel,
    "graphics": Graphics,
    "video": Video,
    "sound": Sound,
    "audio": Audio,
}


def _read(entry: CorpusEntry) -> bytes:
    data = entry.file.read_bytes()
    if not is_well_formed(data):
        pytest.skip("not well-formed")
    return data


# --- the corpus ------------------------------------------------------------------


@pytest.mark.parametrize("entry", corpus_files("domain"))
def test_devices_are_typed_and_written_as_libvirt_does(entry: CorpusEntry) -> None:
    check_elements_alone(entry, DEVICES, " | ".join(f"/domain/devices/{tag}" for tag in DEVICES))


def _pci(slot: int) -> PciAddress:
    return PciAddress(type=AddressType.PCI, domain=0, bus=0, slot=slot, function=0)


def _isa_serial(port: int) -> SerialTarget:
    return SerialTarget(
        type=SerialTargetType.ISA_SERIAL,
        port=port,
        model=SerialTargetModel(name=SerialModel.ISA_SERIAL),
    )


# (file under corpus/domain/qemuxmlconfdata, Devices field, index, the device)
TYPED_DEVICES: list[tuple[str, str, int, Model]] = [
    (
        "serial-udp-chardev.x86_64-latest.xml",
        "serials",
        0,
        Serial(
            type=CharType.UDP,
            sources=[
                CharSource(mode=CharSourceMode.BIND, host="127.0.0.1", service="9999"),
                CharSource(mode=CharSourceMode.CONNECT, host="127.0.0.1", service="9998"),
            ],
            target=_isa_serial(0),
        ),
    ),
    (
        "chardev-label.x86_64-latest.xml",
        "serials",
        1,
        Serial(
            type=CharType.UNIX,
            sources=[
                CharSource(
                    mode=CharSourceMode.CONNECT,
                    path="/tmp/serial.sock",
                    seclabels=[DeviceSeclabel(model="dac", relabel=False)],
                )
            ],
            target=_isa_serial(1),
        ),
    ),
    (
        "serial-file-log.x86_64-latest.xml",
        "consoles",
        0,
        Console(
            type=CharType.FILE,
            sources=[CharSource(path="/tmp/serial.log")],
            log=CharLog(file="/var/lib/libvirt/qemu/demo-serial.log", append=False),
            target=ConsoleTarget(type=ConsoleTargetType.SERIAL, port=0),
        ),
    ),
    (
        "chardev-reconnect.x86_64-latest.xml",
        "channels",
        0,
        Channel(
            type=CharType.TCP,
            sources=[
                CharSource(
                    mode=CharSourceMode.CONNECT,
                    host="localhost",
                    service="1234",
                    reconnect=Reconnect(enabled=True, timeout=10),
                )
            ],
            protocol=CharProtocol(type=CharProtocolType.RAW),
            target=ChannelTarget(type=ChannelTargetType.VIRTIO, name="asdf"),
            address=VirtioSerialAddress(
                type=AddressType.VIRTIO_SERIAL, controller=0, bus=0, port=1
            ),
        ),
    ),
    (
        "channel-guestfwd.x86_64-latest.xml",
        "channels",
        0,
        Channel(
            type=CharType.PIPE,
            sources=[CharSource(path="/tmp/guestfwd")],
            target=ChannelTarget(type=ChannelTargetType.GUESTFWD, address="10.0.2.1", port=4600),
        ),
    ),
    (
        "channel-qemu-vdagent-features.x86_64-latest.xml",
        "channels",
        0,
        Channel(
            type=CharType.QEMU_VDAGENT,
            sources=[
                CharSource(clipboard=Clipboard(copypaste=True), mouse=Mouse(mode=MouseMode.CLIENT))
            ],
            target=ChannelTarget(type=ChannelTargetType.VIRTIO, name="com.redhat.spice.0"),
            address=VirtioSerialAddress(
                type=AddressType.VIRTIO_SERIAL, controller=1, bus=0, port=3
            ),
        ),
    ),
    (
        "graphics-spice-timeout.x86_64-latest.xml",
        "graphics",
        0,
        SpiceGraphics(
            type=GraphicsType.SPICE,
            port=5900,
            autoport=False,
            passwd="sercet",
            passwd_valid_to="2011-05-31T16:11:22",
            connected=GraphicsConnected.DISCONNECT,
            listens=[AddressListen(type=ListenType.ADDRESS)],
        ),
    ),
    (
        "graphics-spice.x86_64-latest.xml",
        "graphics",
        0,
        SpiceGraphics(
            type=GraphicsType.SPICE,
            port=5903,
            tls_port=5904,
            autoport=False,
            listen="127.0.0.1",
            default_mode=SpiceChannelMode.SECURE,
            listens=[AddressListen(type=ListenType.ADDRESS, address="127.0.0.1")],
            channels=[
                SpiceChannel(name=SpiceChannelName.MAIN, mode=SpiceChannelMode.SECURE),
                SpiceChannel(name=SpiceChannelName.INPUTS, mode=SpiceChannelMode.INSECURE),
            ],
            image=SpiceImage(compression=ImageCompression.AUTO_GLZ),
            jpeg=SpiceJpeg(compression=WanCompression.AUTO),
            zlib=SpiceZlib(compression=WanCompression.AUTO),
            playback=SpicePlayback(compression=True),
            streaming=SpiceStreaming(mode=StreamingMode.FILTER),
            clipboard=Clipboard(copypaste=False),
            filetransfer=SpiceFiletransfer(enable=False),
        ),
    ),
    (
        "graphics-listen-network.x86_64-latest.xml",
        "graphics",
        0,
        VncGraphics(
            type=GraphicsType.VNC,
            port=5903,
            autoport=False,
            listens=[NetworkListen(type=ListenType.NETWORK, network="nat-network;")],
        ),
    ),
    (
        "graphics-dbus-audio.xml",
        "graphics",
        0,
        DbusGraphics(type=GraphicsType.DBUS, p2p=True, audio=DeviceAudio(id=1)),
    ),
    (
        "video-qxl-resolution.x86_64-latest.xml",
        "videos",
        0,
        Video(
            model=VideoModel(
                type=VideoModelType.QXL,
                ram=65536,
                vram=65536,
                vgamem=8192,
                heads=1,
                primary=True,
                resolution=VideoResolution(x=1280, y=720),
            ),
            address=_pci(2),
        ),
    ),
    (
        "sound-device.x86_64-latest.xml",
        "sounds",
        5,
        Sound(
            model=SoundModel.ICH6,
            codecs=[
                SoundCodec(type=SoundCodecType.MICRO),
                SoundCodec(type=SoundCodecType.DUPLEX),
                SoundCodec(type=SoundCodecType.OUTPUT),
            ],
            address=_pci(5),
        ),
    ),
    (
        "sound-device-virtio.x86_64-latest.xml",
        "sounds",
        2,
        Sound(
            model=SoundModel.VIRTIO,
            streams=2,
            address=_pci(4),
            driver=VirtioDriver(iommu=True, packed=True),
        ),
    ),
    (
        "audio-many-backends.x86_64-latest.xml",
        "audios",
        1,
        AlsaAudio(id=2, type=AudioType.ALSA),
    ),
    (
        "audio-default-sdl.x86_64-latest.xml",
        "audios",
        0,
        SdlAudio(id=1, type=AudioType.SDL, driver=SdlAudioDriver.ESD),
    ),
    (
        "audio-oss-full.x86_64-latest.xml",
        "audios",
        0,
        OssAudio(
            id=1,
            type=AudioType.OSS,
            try_mmap=True,
            exclusive=True,
            dsp_policy=3,
            input=OssAudioIO(
                mixing_engine=True,
                fixed_settings=True,
                voices=1,
                buffer_length=100,
                dev="/dev/dsp0",
                buffer_count=50,
                try_poll=True,
                settings=AudioSettings(frequency=44100, channels=2, format=AudioFormat.S16),
            ),
            output=OssAudioIO(
                mixing_engine=True,
                fixed_settings=True,
                voices=2,
                buffer_length=200,
                dev="/dev/dsp1",
                buffer_count=30,
                try_poll=False,
                settings=AudioSettings(frequency=22050, channels=4, format=AudioFormat.F32),
            ),
        ),
    ),
    (
        "audio-pipewire-full.x86_64-latest.xml",
        "audios",
        0,
        PipewireAudio(
            id=1,
            type=AudioType.PIPEWIRE,
            timer_period=50,
            runtime_dir="/run/user/1000",
            input=PipewireAudioIO(
                mixing_engine=True,
                fixed_settings=True,
                voices=1,
                buffer_length=100,
                name="fish",
                stream_name="food",
                latency=100,
                settings=AudioSettings(frequency=44100, channels=2, format=AudioFormat.S16),
            ),
            output=PipewireAudioIO(
                mixing_engine=True,
                fixed_settings=True,
                voices=2,
                buffer_length=200,
                name="fish",
                stream_name="food",
                latency=200,
                settings=AudioSettings(frequency=22050, channels=4, format=AudioFormat.F32),
            ),
        ),
    ),
]


@pytest.mark.parametrize(
    ("name", "field", "index", "expected"),
    TYPED_DEVICES,
    ids=[f"{name}:{field}[{index}]" for name, field, index, _ in TYPED_DEVICES],
)
def test_corpus_devices_read_as_typed_values(
    name: str, field: str, index: int, expected: Model
) -> None:
    path = data_dir() / "corpus" / "domain" / "qemuxmlconfdata" / name
    if not path.is_file():
        pytest.skip(f"corpus file missing: {path}")
    dom = domxml.parse(path)
    assert isinstance(dom, Domain) and dom.devices is not None
    assert getattr(dom.devices, field)[index] == expected


def test_an_unknown_backend_type_keeps_the_common_fields() -> None:
    audio = domxml.parse("<audio id='1' type='future'><input voices='2'/></audio>")
    assert type(audio) is Audio
    assert audio.input == AudioIO(voices=2)
    assert domxml.untyped(audio) == ["/audio/@type"]


# --- one device alone -------------------------------------------------------------

SERIAL = """\
<serial type='tcp'>
  <source mode='bind' host='0.0.0.0' service='2445' tls='yes'/>
  <protocol type='telnet'/>
  <log file='/var/log/serial.log' append='on'/>
  <target type='isa-serial' port='0x1'>
    <model name='isa-serial'/>
  </target>
  <alias name='serial1'/>
</serial>
"""


def test_a_serial_document_parses_and_writes_back() -> None:
    serial = domxml.parse(SERIAL)
    assert isinstance(serial, Serial)
    assert serial.type is CharType.TCP
    (source,) = serial.sources
    assert source.mode is CharSourceMode.BIND
    assert (source.host, source.service, source.tls) == ("0.0.0.0", "2445", True)
    assert serial.protocol == CharProtocol(type=CharProtocolType.TELNET)
    assert serial.log == CharLog(file="/var/log/serial.log", append=True)
    assert serial.target is not None and serial.target.port == 1
    assert serial.alias == Alias(name="serial1")
    assert domxml.untyped(serial) == []
    assert domxml.to_xml(serial) == SERIAL
    # Written from the models: the port keeps its written form.
    assert write_document(serial, verbatim=False) == SERIAL
    assert domxml.to_xml(serial, style="libvirt") == SERIAL


# --- edited in Python ---------------------------------------------------------------

AGENT = """\
<domain type='kvm'>
  <name>guest</name>
  <devices>
    <channel type='unix'>
      <source mode='bind' path='/var/lib/libvirt/qemu/channel/target/guest.agent'/>
      <target type='virtio' name='org.qemu.guest_agent.0'/>
    </channel>
    <graphics type='vnc' port='-1' autoport='yes'>
      <listen type='address'/>
    </graphics>
  </devices>
</domain>
"""


def test_editing_a_channel_and_a_display() -> None:
    dom = domxml.parse(AGENT)
    assert isinstance(dom, Domain) and dom.devices is not None
    channel = dom.devices.channels[0]
    channel.sources[0].path = "/run/guest.agent"
    channel.log = CharLog(file="/var/log/agent.log")
    vnc = dom.devices.graphics[0]
    assert isinstance(vnc, VncGraphics)
    vnc.autoport = False
    vnc.port = 5901
    vnc.listens[0] = AddressListen(type=ListenType.ADDRESS, address="127.0.0.1")
    vnc.listen = "127.0.0.1"
    assert domxml.to_xml(dom) == (
        AGENT.replace(
            "guest.agent'/>\n",
            "guest.agent'/>\n      <log file='/var/log/agent.log'/>\n",
        )
        .replace("/var/lib/libvirt/qemu/channel/target/guest.agent", "/run/guest.agent")
        .replace(
            "port='-1' autoport='yes'>\n      <listen type='address'/>",
            "port='5901' autoport='no' listen='127.0.0.1'>\n"
            "      <listen type='address' address='127.0.0.1'/>",
        )
    )


# --- built in Python ------------------------------------------------------------------

CONSOLE_AND_SPICE = """\
<devices>
  <console type='pty'>
    <target type='serial' port='0'/>
  </console>
  <graphics type='spice' autoport='yes' listen='127.0.0.1'>
    <listen type='address' address='127.0.0.1'/>
    <image compression='off'/>
  </graphics>
  <audio id='1' type='spice'/>
  <video>
    <driver name='qemu'/>
    <model type='virtio' heads='1' primary='yes'/>
  </video>
</devices>
"""


def _console_and_spice() -> Devices:
    # Assigned in an order other than libvirt's: the output follows libvirt's.
    return Devices(
        videos=[
            Video(
                model=VideoModel(type=VideoModelType.VIRTIO, heads=1, primary=True),
                driver=VideoDriver(name=VideoBackend.QEMU),
            )
        ],
        audios=[Audio(id=1, type=AudioType.SPICE)],
        graphics=[
            SpiceGraphics(
                image=SpiceImage(compression=ImageCompression.OFF),
                listens=[AddressListen(type=ListenType.ADDRESS, address="127.0.0.1")],
                listen="127.0.0.1",
                autoport=True,
                type=GraphicsType.SPICE,
            )
        ],
        consoles=[
            Console(
                target=ConsoleTarget(type=ConsoleTargetType.SERIAL, port=0),
                type=CharType.PTY,
            )
        ],
    )


@pytest.mark.parametrize("style", ["parsed", "libvirt"])
def test_a_pty_console_and_a_spice_display_built_in_python(style: str) -> None:
    assert domxml.to_xml(_console_and_spice(), style=style) == CONSOLE_AND_SPICE


def test_built_devices_read_back_equal() -> None:
    dom = domxml.parse(f"<domain type='kvm'>\n  <name>g</name>\n{CONSOLE_AND_SPICE}</domain>\n")
    assert isinstance(dom, Domain) and dom.devices is not None
    built = _console_and_spice()
    assert dom.devices.consoles == built.consoles
    assert dom.devices.graphics == built.graphics
    assert dom.devices.videos == built.videos
    # The engine picks the variant from type=: a spice backend, a SPICE display.
    assert type(dom.devices.audios[0]).__name__ == "SpiceAudio"
    assert isinstance(dom.devices.graphics[0], SpiceGraphics)
