"""Devices per arch and machine: video, graphics, IOMMU, TPM, panic, shmem, net, hostdevs, input."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from domxml.semantic.addresses import pci_tuple
from domxml.semantic.document import ARM, X86, Doc, parse_int, size_kib
from domxml.semantic.registry import ERROR, WARNING, Hit, rule


def _address_type(doc: Doc, device: etree._Element) -> str | None:
    address = doc.child(device, "address")
    return address.get("type") if address is not None else None


def _video_model(doc: Doc, video: etree._Element) -> etree._Element | None:
    return doc.child(video, "model")


@rule(
    "video-combination",
    ERROR,
    "Two primary video devices, or a 'none' video beside others",
    "Only one primary video device is supported",
    "mark one video primary='yes'; type='none' stands alone",
    needs=("video",),
)
def video_combination(doc: Doc) -> Iterator[Hit]:
    videos = doc.dev("video")
    primaries = [
        m for v in videos if (m := _video_model(doc, v)) is not None and m.get("primary") == "yes"
    ]
    if len(primaries) > 1:
        yield Hit(primaries[1], "Only one primary video device is supported", "primary")
    if len(videos) > 1:
        for video in videos:
            model = _video_model(doc, video)
            if model is not None and model.get("type") == "none":
                yield Hit(
                    model,
                    "a 'none' video type must be the only video device defined for the domain",
                    "type",
                )
                break


@rule(
    "video-ramfb-address",
    ERROR,
    "An <address> on a ramfb video device (it is not on a bus)",
    "address not supported for video type ramfb",
    "remove the <address>",
    needs=("video",),
)
def video_ramfb_address(doc: Doc) -> Iterator[Hit]:
    for video in doc.dev("video"):
        model = _video_model(doc, video)
        address = doc.child(video, "address")
        if model is not None and model.get("type") == "ramfb" and address is not None:
            yield Hit(address, "address not supported for video type ramfb")


@rule(
    "graphics-egl-headless",
    ERROR,
    "egl-headless beside a display other than VNC or SPICE, or beside SPICE with OpenGL",
    "graphics type 'egl-headless' is only supported with one of: 'vnc', 'spice' graphics types",
    "pair egl-headless with VNC, or with SPICE without <gl enable='yes'>",
    needs=("graphics",),
)
def graphics_egl_headless(doc: Doc) -> Iterator[Hit]:
    graphics = doc.dev("graphics")
    if not doc.qemu or not any(g.get("type") == "egl-headless" for g in graphics):
        return
    for item in graphics:
        kind = item.get("type")
        if kind not in ("egl-headless", "vnc", "spice"):
            yield Hit(
                item,
                "graphics type 'egl-headless' is only supported with one of: 'vnc', 'spice'"
                " graphics types",
                "type",
            )
        gl = doc.child(item, "gl")
        if kind == "spice" and gl is not None and gl.get("enable") == "yes":
            yield Hit(gl, "multiple OpenGL displays are not supported by QEMU")


@rule(
    "iommu-machine",
    ERROR,
    "An IOMMU model the machine does not take, or a virtio IOMMU without ACPI or off bus 0",
    "IOMMU device: '%s' is only supported with Q35 machines",
    "intel: q35; smmuv3: ARM virt; virtio: q35 or ARM virt, with <acpi/>",
    needs=("iommu",),
)
def iommu_machine(doc: Doc) -> Iterator[Hit]:
    if not doc.qemu:
        return
    for iommu in doc.dev("iommu"):
        model = iommu.get("model")
        if model == "intel" and not doc.q35:
            yield Hit(iommu, "IOMMU device: 'intel' is only supported with Q35 machines", "model")
        elif model == "smmuv3" and not doc.arm_virt:
            yield Hit(
                iommu, "IOMMU device: 'smmuv3' is only supported with ARM Virt machines", "model"
            )
        elif model == "virtio":
            address = doc.child(iommu, "address")
            if not (doc.q35 or doc.arm_virt):
                yield Hit(
                    iommu,
                    "IOMMU device: 'virtio' is only supported with Q35 and ARM Virt machines",
                    "model",
                )
            elif doc.feature("acpi") is None:
                yield Hit(iommu, "IOMMU device: 'virtio' requires ACPI")
            elif address is not None and address.get("type") != "pci":
                yield Hit(address, "IOMMU device: 'virtio' needs a PCI address", "type")
            elif address is not None and (where := pci_tuple(address)) and where[1] != 0:
                yield Hit(
                    address,
                    f"The device at PCI address {where[0]:04x}:{where[1]:02x}:{where[2]:02x}."
                    f"{where[3]:x} needs to be an integrated device (bus=0)",
                    "bus",
                )


@rule(
    "iommu-attributes",
    ERROR,
    "Driver attributes on a virtio or smmuv3 IOMMU (only intel takes them)",
    "iommu model '%s' doesn't support additional attributes",
    "remove the <driver> attributes",
    needs=("iommu",),
)
def iommu_attributes(doc: Doc) -> Iterator[Hit]:
    for iommu in doc.dev("iommu"):
        driver = doc.child(iommu, "driver")
        if iommu.get("model") in ("virtio", "smmuv3") and driver is not None and driver.attrib:
            yield Hit(
                driver,
                f"iommu model '{iommu.get('model')}' doesn't support additional attributes",
            )


@rule(
    "tpm-count",
    ERROR,
    "More than one TPM (or more than one TPM proxy)",
    "only a single TPM non-proxy device is supported",
    "keep one TPM (and at most one spapr-tpm-proxy)",
    needs=("tpm",),
)
def tpm_count(doc: Doc) -> Iterator[Hit]:
    if not doc.qemu:
        return
    proxies = [t for t in doc.dev("tpm") if t.get("model") == "spapr-tpm-proxy"]
    regular = [t for t in doc.dev("tpm") if t.get("model") != "spapr-tpm-proxy"]
    if len(proxies) > 1:
        yield Hit(proxies[1], "only a single TPM Proxy device is supported")
    if len(regular) > 1:
        yield Hit(regular[1], "only a single TPM non-proxy device is supported")


def _tpm_version(doc: Doc, tpm: etree._Element) -> str | None:
    backend = doc.child(tpm, "backend")
    return backend.get("version") if backend is not None else None


@rule(
    "tpm-version",
    ERROR,
    "A TPM 1.2 where only TPM 2.0 works (ARM, tpm-crb, spapr), or a version the host lacks",
    "TPM 1.2 is not supported on architecture '%s'",
    "use <backend version='2.0'>",
    needs=("tpm",),
)
def tpm_version(doc: Doc) -> Iterator[Hit]:
    if not doc.qemu:
        return
    for tpm in doc.dev("tpm"):
        version = _tpm_version(doc, tpm)
        backend = doc.child(tpm, "backend")
        if version == "1.2" and doc.arch in ARM:
            yield Hit(tpm, f"TPM 1.2 is not supported on architecture '{doc.arch}'")
            continue
        if backend is None or backend.get("type") != "emulator" or doc.caps is None:
            continue
        versions = doc.caps.enum("devices/tpm", "backendVersion")
        wanted = version or "2.0"
        if versions is not None and wanted not in versions:
            yield Hit(
                backend,
                f"TPM version '{wanted}' is not supported: the domain will fail to start",
                "version" if version else None,
                level=WARNING,
            )


@rule(
    "panic-model",
    ERROR,
    "A panic device model the machine does not take, or an address it does not take",
    "setting the panic device address is not supported for model '%s'",
    "drop the <address> (s390, pseries, hyperv) or give pvpanic a PCI address",
    needs=("panic",),
)
def panic_model(doc: Doc) -> Iterator[Hit]:
    if not doc.qemu:
        return
    for panic in doc.dev("panic"):
        model = panic.get("model") or _default_panic(doc)
        kind = _address_type(doc, panic)
        if model in ("s390", "pseries", "hyperv") and kind is not None:
            yield Hit(
                doc.child(panic, "address"),  # type: ignore[arg-type]
                f"setting the panic device address is not supported for model '{model}'",
            )
        elif model == "s390" and not doc.s390:
            yield Hit(panic, "only S390 guests support panic device of model 's390'", "model")
        elif model == "pseries" and not doc.pseries:
            yield Hit(panic, "only pSeries guests support panic device of model 'pseries'", "model")
        elif model == "hyperv" and not doc.x86:
            yield Hit(
                panic,
                "only i686 and x86_64 guests support panic device of model 'hyperv'",
                "model",
            )
        elif model == "pvpanic" and kind not in ("pci", None):
            yield Hit(panic, "pvpanic is supported only with PCI address type")
        elif model == "isa" and kind not in ("isa", None):
            yield Hit(panic, "panic is supported only with ISA address type")
        elif model is None and doc.arch == "riscv64":
            yield Hit(
                panic,
                "no panic model provided, and no default for the architecture and machine type",
            )


def _default_panic(doc: Doc) -> str | None:
    """The panic model libvirt's QEMU driver picks when none is given."""
    if doc.pseries:
        return "pseries"
    if doc.s390:
        return "s390"
    if doc.x86:
        return "isa"
    if doc.arm_virt:
        return "pvpanic"
    return None


@rule(
    "shmem-size",
    ERROR,
    "A shared memory device whose size is not a power of 2 of at least 1 MiB",
    "shmem size must be a power of 2 and at least 1 MiB (1024 KiB)",
    "use a size of 1, 2, 4, 8... MiB",
    needs=("shmem",),
)
def shmem_size(doc: Doc) -> Iterator[Hit]:
    for shmem in doc.dev("shmem"):
        size_el = doc.child(shmem, "size")
        size = size_kib(size_el, unit=size_el.get("unit") or "M") if size_el is not None else None
        if size_el is None or size is None:
            continue
        if size < 1024 or size & (size - 1):
            yield Hit(size_el, "shmem size must be a power of 2 and at least 1 MiB (1024 KiB)")


@rule(
    "shmem-options",
    ERROR,
    "A shared memory device with <msi> but no server, or an address that is not PCI",
    "msi option is only supported with a server",
    "add <server>, or remove <msi>; give the device a PCI address",
    needs=("shmem",),
)
def shmem_options(doc: Doc) -> Iterator[Hit]:
    for shmem in doc.dev("shmem"):
        msi = doc.child(shmem, "msi")
        if msi is not None and doc.child(shmem, "server") is None:
            yield Hit(msi, "msi option is only supported with a server")
        kind = _address_type(doc, shmem)
        if kind not in ("pci", None) and doc.qemu:
            yield Hit(
                doc.child(shmem, "address"),  # type: ignore[arg-type]
                "only 'pci' addresses are supported for the shared memory device: the domain"
                " will fail to start",
                "type",
                level=WARNING,
            )


@rule(
    "interface-queue-size",
    ERROR,
    "A virtio interface rx_queue_size or tx_queue_size that is not a power of two",
    "rx_queue_size has to be a power of two",
    "use 256, 512, 1024...",
    needs=("interface",),
)
def interface_queue_size(doc: Doc) -> Iterator[Hit]:
    for interface in doc.dev("interface"):
        driver = doc.child(interface, "driver")
        if driver is None:
            continue
        for name in ("rx_queue_size", "tx_queue_size"):
            value = parse_int(driver.get(name))
            if value is not None and value & (value - 1):
                yield Hit(driver, f"{name} has to be a power of two", name)


@rule(
    "interface-port-forward",
    ERROR,
    "<portForward> on an interface that is not type='user' or 'vhostuser' with the passt backend",
    "The <portForward> element can only be used with the 'passt' backend of interface"
    " type='user' or type='vhostuser'",
    "add <backend type='passt'/>",
    needs=("portForward",),
)
def interface_port_forward(doc: Doc) -> Iterator[Hit]:
    for interface in doc.dev("interface"):
        forward = doc.child(interface, "portForward")
        if forward is None:
            continue
        backend = doc.child(interface, "backend")
        passt = backend is not None and backend.get("type") == "passt"
        if interface.get("type") not in ("user", "vhostuser") or not passt:
            yield Hit(
                forward,
                "The <portForward> element can only be used with the 'passt' backend of"
                " interface type='user' or type='vhostuser'",
            )


def _shared_memory(doc: Doc) -> bool:
    access = doc.child(doc.child(doc.root, "memoryBacking"), "access")
    shared = access is not None and access.get("mode") == "shared"
    cells = doc.numa_cells
    if not cells:
        return shared
    for cell in cells:
        mode = cell.get("memAccess")
        if mode == "private" or (mode is None and not shared):
            return False
    return True


@rule(
    "vhost-user-shared-memory",
    ERROR,
    "A vhost-user interface or virtiofs filesystem without shared guest memory",
    "'%s' requires shared memory",
    "add <memoryBacking><access mode='shared'/></memoryBacking> (and a memfd or file source)",
    needs=("interface",),
)
def vhost_user_shared_memory(doc: Doc) -> Iterator[Hit]:
    if not doc.qemu or _shared_memory(doc):
        return
    for interface in doc.dev("interface"):
        if interface.get("type") == "vhostuser":
            yield Hit(interface, "'interface' requires shared memory")
            return


@rule(
    "interface-custom-tap",
    WARNING,
    "A custom tap device (<backend tap>) on a hostdev or vhostuser interface",
    "interface %s - custom tap device path is not supported for network interfaces of type %s",
    "remove <backend tap='...'>",
    when="start",
    needs=("backend",),
)
def interface_custom_tap(doc: Doc) -> Iterator[Hit]:
    for interface in doc.dev("interface"):
        backend = doc.child(interface, "backend")
        kind = interface.get("type")
        if backend is None or not backend.get("tap") or kind not in ("hostdev", "vhostuser"):
            continue
        mac = doc.child(interface, "mac")
        name = mac.get("address") if mac is not None else "?"
        yield Hit(
            backend,
            f"interface {name} - custom tap device path is not supported for network interfaces"
            f" of type {kind}",
            "tap",
        )


@rule(
    "hostdev-mdev-address",
    ERROR,
    "A mediated device whose guest address type does not fit its model",
    "Unsupported address type '%s' with mediated device model '%s'",
    "vfio-pci takes a PCI address, vfio-ccw a CCW one",
    needs=("hostdev",),
)
def hostdev_mdev_address(doc: Doc) -> Iterator[Hit]:
    wanted = {"vfio-pci": "pci", "vfio-ccw": "ccw"}
    for hostdev in doc.dev("hostdev"):
        model = hostdev.get("model")
        kind = _address_type(doc, hostdev)
        if hostdev.get("type") == "mdev" and model in wanted and kind not in (None, wanted[model]):
            yield Hit(
                doc.child(hostdev, "address"),  # type: ignore[arg-type]
                f"Unsupported address type '{kind}' with mediated device model '{model}'",
                "type",
            )


@rule(
    "hostdev-display",
    ERROR,
    "A mediated device with display='on' but no graphics, or ramfb on more than one",
    "graphics device is needed for attribute value 'display=on' in <hostdev>",
    "add a <graphics> device, or set display='off'",
    needs=("hostdev",),
)
def hostdev_display(doc: Doc) -> Iterator[Hit]:
    ramfb = 0
    for hostdev in doc.dev("hostdev"):
        if hostdev.get("ramfb") == "on":
            ramfb += 1
            if ramfb == 2:
                yield Hit(hostdev, "Only one vgpu device can have 'ramfb' enabled", "ramfb")
        if hostdev.get("display") == "on" and not doc.dev("graphics") and doc.qemu:
            yield Hit(
                hostdev,
                "graphics device is needed for attribute value 'display=on' in <hostdev>",
                "display",
            )


@rule(
    "hostdev-zpci-arch",
    ERROR,
    "A zPCI address extension off s390",
    "This QEMU binary doesn't support zPCI",
    "remove <zpci> (it is for s390 guests)",
    needs=("zpci",),
)
def hostdev_zpci_arch(doc: Doc) -> Iterator[Hit]:
    if doc.s390 or not doc.qemu or not doc.arch:
        return
    for device in doc.all_devices():
        zpci = doc.child(doc.child(device, "address"), "zpci")
        if zpci is not None:
            yield Hit(zpci, "This QEMU binary doesn't support zPCI")


#: Input types whose virtio devices have no transitional variants.
_TRANSITIONAL = ("virtio-transitional", "virtio-non-transitional")


@rule(
    "input-transitional",
    ERROR,
    "A virtio (non-)transitional model on an input other than passthrough",
    "virtio (non-)transitional models are not supported for input type=%s",
    "use model='virtio'",
    needs=("input",),
)
def input_transitional(doc: Doc) -> Iterator[Hit]:
    if not doc.qemu:
        return
    for device in doc.dev("input"):
        if device.get("model") in _TRANSITIONAL and device.get("type") != "passthrough":
            yield Hit(
                device,
                "virtio (non-)transitional models are not supported for input"
                f" type={device.get('type')}",
                "model",
            )


@rule(
    "sysinfo-values",
    ERROR,
    "An SMBIOS BIOS date not in mm/dd/yy[yy] form, or a system UUID other than the domain's",
    "Invalid BIOS 'date' format",
    "write the date as mm/dd/yyyy; make the system uuid the domain's <uuid>",
    needs=("sysinfo",),
)
def sysinfo_values(doc: Doc) -> Iterator[Hit]:
    sysinfo = doc.child(doc.root, "sysinfo")
    if sysinfo is None or sysinfo.get("type") != "smbios":
        return
    for entry in sysinfo.iterfind("bios/entry[@name='date']"):
        if not _bios_date(entry.text or ""):
            yield Hit(entry, "Invalid BIOS 'date' format")
    uuid = (doc.root.findtext("uuid") or "").strip().replace("-", "").lower()
    for entry in sysinfo.iterfind("system/entry[@name='uuid']"):
        value = (entry.text or "").strip().replace("-", "").lower()
        if uuid and value and value != uuid:
            yield Hit(entry, "UUID mismatch between <uuid> and <sysinfo>")


def _bios_date(text: str) -> bool:
    """libvirt's check: ``mm/dd/yy`` or ``mm/dd/yyyy``, digits where they belong."""
    parts = text.split("/")
    if len(parts) != 3 or len(parts[0]) != 2 or len(parts[1]) != 2 or len(parts[2]) not in (2, 4):
        return False
    month, day, year = parts
    if not (month.isdigit() and day.isdigit() and year.isdigit()):
        return False
    return 1 <= int(month) <= 12 and 1 <= int(day) <= 31 and (len(year) == 2 or int(year) >= 1900)


@rule(
    "device-arch",
    WARNING,
    "A device model that the architecture does not have (an ISA or PS/2 device off x86...)",
    "",
    "use the architecture's own device",
    default=False,
    needs=("input",),
)
def device_arch(doc: Doc) -> Iterator[Hit]:
    if doc.x86 or not doc.arch:
        return
    for device in doc.dev("input"):
        if device.get("bus") == "ps2" and doc.arch not in X86:
            yield Hit(device, f"PS/2 input devices exist on x86 only, not {doc.arch}", "bus")
