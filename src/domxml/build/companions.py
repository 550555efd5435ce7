"""The devices a guest needs besides its disks and NICs, as virt-install adds them.

Each function returns the typed models of one companion, or nothing when
the platform does not want it: the USB controller and the PCIe root ports
for hot-plug, the SCSI controller, the serial console, the guest agent
channel, the RNG, the memory balloon, the TPM, and for a graphical guest the
tablet, the display, the video card and SPICE's companions. ``docs/building.md``
says when each is added and why.
"""

from __future__ import annotations

from domxml.build.defaults import Defaults
from domxml.build.errors import BuildError, HostSupportError
from domxml.build.host import HostCaps, require
from domxml.build.platform import Platform
from domxml.models.domain import (
    Channel,
    ChannelTarget,
    ChannelTargetType,
    CharSource,
    CharSourceMode,
    CharType,
    Console,
    Controller,
    ControllerModel,
    ControllerType,
    Graphics,
    ImageCompression,
    Input,
    InputBus,
    KeyboardInput,
    Memballoon,
    MemballoonModel,
    Redirdev,
    RedirdevBus,
    Rng,
    RngModel,
    RngRandomBackend,
    Sound,
    SoundModel,
    SpiceGraphics,
    SpiceImage,
    TabletInput,
    Tpm,
    TpmEmulatorBackend,
    TpmModel,
    TpmVersion,
    Video,
    VideoModel,
    VideoModelType,
    VncGraphics,
)


def controllers(p: Platform, d: Defaults, *, scsi: bool) -> list[Controller]:
    """USB 3, virtio-scsi when a disk is on SCSI, and PCIe root + root ports on PCIe machines."""
    result = [
        Controller(type=ControllerType.USB, model=ControllerModel.QEMU_XHCI, ports=d.usb_ports)
    ]
    if scsi:
        result.append(Controller(type=ControllerType.SCSI, model=ControllerModel.VIRTIO_SCSI))
    if p.pcie and d.pcie_root_ports > 0:
        result.append(Controller(type=ControllerType.PCI, model=ControllerModel.PCIE_ROOT))
        result += [
            Controller(type=ControllerType.PCI, model=ControllerModel.PCIE_ROOT_PORT)
            for _ in range(d.pcie_root_ports)
        ]
    return result


def console() -> Console:
    """A serial console on a pty: libvirt adds the serial port it sits on."""
    return Console(type=CharType.PTY)


def channels(p: Platform, d: Defaults, *, agent: bool) -> list[Channel]:
    """The QEMU guest agent's channel; SPICE's agent channel with SPICE."""
    result = []
    if agent:
        result.append(
            Channel(
                type=CharType.UNIX,
                sources=[CharSource(mode=CharSourceMode.BIND)],
                target=ChannelTarget(type=ChannelTargetType.VIRTIO, name=d.agent_channel),
            )
        )
    if p.graphics == "spice":
        result.append(
            Channel(
                type=CharType.SPICEVMC,
                target=ChannelTarget(type=ChannelTargetType.VIRTIO, name="com.redhat.spice.0"),
            )
        )
    return result


def inputs(p: Platform) -> list[Input]:
    """A USB tablet for a graphical guest (an absolute pointer); on Arm a keyboard too."""
    if p.graphics == "none":
        return []
    result: list[Input] = [TabletInput(bus=InputBus.USB)]
    if not p.x86:
        # Arm's virt machine has no PS/2 keyboard.
        result.append(KeyboardInput(bus=InputBus.USB))
    return result


def graphics(p: Platform) -> list[Graphics]:
    """The display: VNC or SPICE on an automatic port; nothing when headless."""
    if p.graphics == "vnc":
        return [VncGraphics(port=-1)]
    if p.graphics == "spice":
        return [
            SpiceGraphics(
                port=-1,
                tls_port=-1,
                autoport=True,
                image=SpiceImage(compression=ImageCompression.OFF),
            )
        ]
    return []


def video(p: Platform, host: HostCaps | None) -> list[Video]:
    """The video card of a graphical guest: virtio when the OS drives it, else qxl, bochs, vga."""
    if p.graphics == "none":
        return []
    offered = host.device_values("video", "modelType") if host else None

    def ok(model: str) -> bool:
        return offered is None or model in offered

    if ("gpu" in p.os.virtio or not p.x86) and ok("virtio"):
        model = VideoModelType.VIRTIO
    elif p.x86 and p.graphics == "spice" and ok("qxl"):
        model = VideoModelType.QXL  # qxl helps over vga only with SPICE
    elif p.firmware == "efi" and ok("bochs"):
        model = VideoModelType.BOCHS  # a framebuffer OVMF drives, no legacy VGA
    else:
        model = VideoModelType.VGA
    require(host, "video", "modelType", model.value, "video model")
    return [Video(model=VideoModel(type=model))]


def sound(p: Platform) -> list[Sound]:
    """With SPICE (which carries audio), the chipset's HD audio: ich9 on q35, ich6 else."""
    if p.graphics != "spice" or not p.x86:
        return []
    return [Sound(model=SoundModel.ICH9 if p.q35 else SoundModel.ICH6)]


def redirdevs(p: Platform) -> list[Redirdev]:
    """With SPICE, two USB redirection channels (a client's USB devices in the guest)."""
    if p.graphics != "spice":
        return []
    return [Redirdev(bus=RedirdevBus.USB, type=CharType.SPICEVMC) for _ in range(2)]


def rng(p: Platform, d: Defaults, host: HostCaps | None) -> list[Rng]:
    """A virtio RNG fed by the host's ``/dev/urandom``, when the OS drives it."""
    if "rng" not in p.os.virtio:
        return []
    if host is not None and not host.supports("rng"):
        return []
    return [Rng(model=RngModel.VIRTIO, backend=RngRandomBackend(path=d.rng_device))]


def memballoon(p: Platform) -> Memballoon | None:
    """The virtio balloon when the OS drives it (else libvirt's own default)."""
    if "balloon" not in p.os.virtio:
        return None
    return Memballoon(model=MemballoonModel.VIRTIO)


def tpm(p: Platform, host: HostCaps | None, *, wanted: bool | None) -> list[Tpm]:
    """An emulated TPM 2.0: for a UEFI guest when the host can, always when the OS needs one.

    virt-install takes UEFI as the sign of a modern platform, one that
    expects a TPM. ``wanted`` forces it (``True``) or leaves it out (``False``).
    """
    needed = p.os.needs_tpm
    if wanted is False:
        if needed:
            raise BuildError(f"{p.os.short_id} needs a TPM 2.0: with tpm=False it cannot install")
        return []
    if wanted is None and not needed and p.firmware != "efi":
        return []
    backends = host.device_values("tpm", "backendModel") if host else None
    if backends is not None and "emulator" not in backends:
        if not (wanted or needed):
            return []  # a nicety the host cannot give: virt-install leaves it out too
        offered = ", ".join(sorted(backends)) or "none"
        raise HostSupportError(
            f"the host cannot emulate a TPM (swtpm missing? its TPM backends: {offered})"
            f" and {p.os.short_id if needed else 'the guest'} needs one"
        )
    model = TpmModel.TPM_CRB if p.x86 else None
    return [Tpm(model=model, backend=TpmEmulatorBackend(version=TpmVersion.V2_0))]
