"""Firmware resolution: what libvirt's QEMU driver fills in, reproduced offline.

When a domain is defined (or an existing definition re-read), libvirt's QEMU
driver completes its firmware configuration (``qemuFirmwareFillDomain``):

- with ``<os firmware='efi'|'bios'>`` it picks the first firmware descriptor
  that suits the domain and writes down the loader, its format, the NVRAM
  template, the firmware features it has and ``<smm state='on'>`` when it
  needs SMM; no suitable descriptor is an error;
- with a manually given ``<loader>``, it looks for a descriptor with that
  very image (and template) to complete the rest, then in the ``nvram``
  list of ``qemu.conf`` (legacy CODE:VARS pairs), and otherwise assumes a
  raw image;
- in both cases, a read-only pflash loader gets an NVRAM file:
  ``/var/lib/libvirt/qemu/nvram/NAME_VARS.fd`` (``.qcow2`` for qcow2).

:func:`preview` returns all of it (the domain as libvirt keeps it, the
descriptor chosen, why each one before it was passed over, and libvirt's
error if any); :func:`resolve` returns the domain, or raises the error.
``abi_update=True`` is a domain defined now (``virsh define``), ``False``
one re-read from an existing definition: libvirt treats the two
differently (see docs/firmware.md).
"""

from __future__ import annotations

import copy
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from domxml.errors import FirmwareError
from domxml.firmware.descriptor import (
    Descriptor,
    Feature,
    FlashMapping,
    FlashMode,
    InterfaceType,
    KernelMapping,
)
from domxml.firmware.match import mismatch, same_path
from domxml.firmware.request import (
    Request,
    nvram_is_empty,
    nvram_is_local,
    raw_attr,
    request_of,
)
from domxml.firmware.search import Catalog, DescriptorFile, load_catalog
from domxml.models.domain import (
    Domain,
    Features,
    Firmware,
    FirmwareFeature,
    FirmwareFeatureName,
    FirmwareFormat,
    FirmwareInfo,
    Loader,
    LoaderType,
    Nvram,
    Os,
    Smm,
)

__all__ = [
    "DEFAULT_NVRAM_DIR",
    "Resolution",
    "nvram_dir_for",
    "preview",
    "resolve",
]

#: Where the system daemon (qemu:///system) keeps each domain's NVRAM file.
DEFAULT_NVRAM_DIR = "/var/lib/libvirt/qemu/nvram"

# libvirt's error classes, as they prefix a message (virErrorMsg).
_UNSUPPORTED = "unsupported configuration: "
_FAILED = "operation failed: "


def nvram_dir_for(*, session: bool = False, config_home: str | None = None) -> str:
    """Where libvirt puts NVRAM files: the system daemon's, or the session daemon's."""
    if not session:
        return DEFAULT_NVRAM_DIR
    home = config_home or os.environ.get("XDG_CONFIG_HOME")
    if not home:
        home = os.path.join(os.path.expanduser("~"), ".config")
    return os.path.join(home, "libvirt", "qemu", "nvram")


@dataclass(frozen=True)
class Resolution:
    """What libvirt's QEMU driver makes of a domain's firmware configuration."""

    domain: Domain | None
    """The domain as libvirt keeps it; ``None`` when libvirt rejects the document."""
    error: FirmwareError | None = None
    """libvirt's error: it refuses to define the domain (``domain`` is ``None``),
    or, for a re-read definition, keeps it and refuses to start it."""
    chosen: DescriptorFile | None = None
    """The descriptor picked, if one was."""
    legacy: tuple[str, str] | None = None
    """The ``qemu.conf`` CODE:VARS pair used, when no descriptor matched a manual loader."""
    tried: tuple[tuple[str, str], ...] = ()
    """``(descriptor path, why it was passed over)`` for each descriptor before the pick."""

    @property
    def ok(self) -> bool:
        """Whether libvirt would accept and start the domain."""
        return self.error is None


def resolve(
    domain: Domain,
    *,
    root: str | os.PathLike[str] | None = None,
    arch: str | None = None,
    machine: str | None = None,
    abi_update: bool = False,
    session: bool = False,
    catalog: Catalog | None = None,
    nvram_dir: str | None = None,
    legacy: Sequence[tuple[str, str]] = (),
    libvirt: str | None = None,
) -> Domain:
    """The domain with its firmware filled in as libvirt's QEMU driver would.

    ``domain`` is not changed; a new one is returned. Raises
    :class:`~domxml.errors.FirmwareError` with libvirt's message when libvirt
    would reject the domain or refuse to start it (its ``domain`` attribute
    then holds what libvirt keeps of a re-read definition, or ``None``).
    The parameters are those of :func:`preview`.
    """
    result = preview(
        domain,
        root=root,
        arch=arch,
        machine=machine,
        abi_update=abi_update,
        session=session,
        catalog=catalog,
        nvram_dir=nvram_dir,
        legacy=legacy,
        libvirt=libvirt,
    )
    if result.error is not None:
        raise result.error
    assert result.domain is not None
    return result.domain


def preview(
    domain: Domain,
    *,
    root: str | os.PathLike[str] | None = None,
    arch: str | None = None,
    machine: str | None = None,
    abi_update: bool = False,
    session: bool = False,
    catalog: Catalog | None = None,
    nvram_dir: str | None = None,
    legacy: Sequence[tuple[str, str]] = (),
    libvirt: str | None = None,
) -> Resolution:
    """Resolve ``domain``'s firmware and tell how.

    - ``root``: read descriptors under this directory (another host's tree);
    - ``arch``, ``machine``: for a domain that does not name them (default:
      this host's architecture and QEMU's default machine type);
    - ``abi_update``: the domain is being defined now, not re-read;
    - ``session``: as the session daemon (``qemu:///session``): the user's
      descriptors count, and NVRAM files go under ``~/.config/libvirt``;
    - ``catalog``: descriptors already loaded (:func:`~.search.load_catalog`);
    - ``nvram_dir``: where NVRAM files are created;
    - ``legacy``: ``qemu.conf``'s ``nvram`` list, as ``(code, vars)`` pairs;
    - ``libvirt``: the libvirt release to resolve as (``"9.0.0"``; default:
      11.3.0's behaviour, which every release since 9.2.0 shares in what it
      writes). Before 9.2.0 libvirt selected firmware when a domain started,
      not when it was defined: see :mod:`domxml.firmware.before_define_time`.
    """
    if not isinstance(domain, Domain):
        raise TypeError(f"expected a Domain, got {type(domain).__name__}")
    if libvirt is not None:
        from domxml.firmware.before_define_time import DEFINE_TIME, resolve_before_define_time
        from domxml.validation.schemas import parse_version

        try:
            release = parse_version(libvirt)
        except ValueError as e:
            raise FirmwareError(str(e)) from None
        if release < DEFINE_TIME:
            where = nvram_dir or nvram_dir_for(session=session)
            try:
                return Resolution(resolve_before_define_time(domain, where))
            except FirmwareError as error:
                return Resolution(None, error)
    if catalog is None:
        catalog = load_catalog(root, session=session)
    base = Path(root) if root is not None else catalog.root
    work = copy.deepcopy(domain)
    state = _Run(
        work,
        base,
        catalog,
        arch,
        machine,
        abi_update,
        legacy,
        nvram_dir or nvram_dir_for(session=session),
    )
    return state.run()


class _Run:
    """One resolution: libvirt's post-parse firmware steps, then its validation."""

    def __init__(
        self,
        domain: Domain,
        root: Path | None,
        catalog: Catalog,
        arch: str | None,
        machine: str | None,
        abi_update: bool,
        legacy: Sequence[tuple[str, str]],
        nvram_dir: str,
    ) -> None:
        self.domain = domain
        self.root = root
        self.catalog = catalog
        self.arch = arch
        self.machine = machine
        self.abi_update = abi_update
        self.legacy_pairs = legacy
        self.nvram_dir = nvram_dir
        self.chosen: DescriptorFile | None = None
        self.legacy: tuple[str, str] | None = None
        self.tried: list[tuple[str, str]] = []

    def request(self) -> Request:
        return request_of(self.domain, self.arch, self.machine)

    def result(self, domain: Domain | None, error: FirmwareError | None) -> Resolution:
        if error is not None:
            error.domain = domain
        return Resolution(domain, error, self.chosen, self.legacy, tuple(self.tried))

    def run(self) -> Resolution:
        if not self.abi_update:
            self.keep_raw_firmware()
        try:
            self.fill()
        except FirmwareError as error:
            if self.abi_update:
                return self.result(None, error)
            # Re-reading an existing definition must not make the domain
            # vanish: libvirt forgets the error here and reports it when
            # the domain is started.
            deferred: FirmwareError | None = error
        else:
            deferred = None
        self.default_loader_type()
        problem = self.validate()
        if problem is not None:
            return self.result(None, problem)
        return self.result(self.domain, deferred)

    # -- qemuDomainDefBootPostParse -------------------------------------------------------

    def keep_raw_firmware(self) -> None:
        """A re-read definition with autoselection keeps getting a raw image.

        Before libvirt 9.2.0 autoselection could only pick raw images; so that
        existing domains do not switch to a qcow2 build that a descriptor
        now ranks first, libvirt asks for raw unless a format was named.
        """
        os_ = self.domain.os
        request = self.request()
        if os_ is None or request.firmware is None:
            return
        if request.loader_format or request.template_format or request.nvram_format:
            return
        if os_.loader is None:
            os_.loader = Loader()
        os_.loader.format = FirmwareFormat.RAW

    # -- qemuFirmwareFillDomain --------------------------------------------------------------

    def fill(self) -> None:
        request = self.request()
        # An existing definition may carry firmware features without
        # autoselection: libvirt re-reads it (test firmware-manual-efi-features)
        # and refuses it only when it is defined anew.
        error = os_validate(request, manual_features_ok=not self.abi_update)
        if error is not None:
            raise error
        if request.loader_format not in (None, "raw", "qcow2"):
            raise FirmwareError(
                _UNSUPPORTED + f"Unsupported loader format '{request.loader_format}'"
            )
        if request.nvram_format not in (None, "raw", "qcow2"):
            raise FirmwareError(_UNSUPPORTED + f"Unsupported nvram format '{request.nvram_format}'")
        autoselect = request.firmware is not None
        if not autoselect and request.loader is None and request.nvram is None:
            return  # the built-in firmware: nothing to fill in
        if not self.fill_from_descriptors(request):
            if autoselect:
                raise FirmwareError(
                    _FAILED + f"Unable to find '{request.firmware}' firmware that is"
                    " compatible with the current configuration"
                )
            if not self.fill_from_legacy(request):
                # Custom paths: unless told otherwise, the image is raw.
                loader = self.loader()
                if loader.format is None:
                    loader.format = FirmwareFormat.RAW
        self.ensure_nvram()

    def fill_from_descriptors(self, request: Request) -> bool:
        for entry in self.catalog.used:
            assert entry.descriptor is not None
            reason = mismatch(entry.descriptor, request, self.root)
            if reason is None:
                self.chosen = entry
                self.enable(entry.descriptor)
                return True
            self.tried.append((entry.path, reason))
        return False

    def loader(self) -> Loader:
        os_ = self.os()
        if os_.loader is None:
            os_.loader = Loader()
        return os_.loader

    def os(self) -> Os:
        if self.domain.os is None:
            self.domain.os = Os(type=None)
        return self.domain.os

    def enable(self, fw: Descriptor) -> None:
        """Write down what the chosen descriptor provides (qemuFirmwareEnableFeaturesModern)."""
        os_ = self.os()
        mapping = fw.mapping
        if isinstance(mapping, FlashMapping):
            loader = self.loader()
            loader.type = LoaderType.PFLASH
            loader.format = FirmwareFormat(mapping.executable.format)
            loader.readonly = mapping.mode is not FlashMode.COMBINED
            if mapping.mode is FlashMode.STATELESS:
                loader.stateless = True
            loader.path = mapping.executable.filename
            if mapping.mode is FlashMode.SPLIT and mapping.nvram_template is not None:
                self.set_template(mapping.nvram_template.filename, mapping.nvram_template.format)
        elif isinstance(mapping, KernelMapping):
            os_.kernel = mapping.filename
        else:
            loader = self.loader()
            loader.type = LoaderType.ROM
            loader.path = mapping.filename
        if fw.has(Feature.REQUIRES_SMM):
            features = self.domain.features
            if features is None:
                features = self.domain.features = Features()
            if features.smm is None:
                features.smm = Smm(state=True)
            else:
                features.smm.state = True
            self.loader().secure = True
        if os_.firmware is None and raw_attr(os_, "firmware") is None:
            # A manual configuration that a descriptor describes becomes
            # an automatic one, of the descriptor's first interface.
            for interface in fw.interface_types:
                if interface is InterfaceType.UEFI:
                    os_.firmware = Firmware.EFI
                    break
                if interface is InterfaceType.BIOS:
                    os_.firmware = Firmware.BIOS
                    break
        if os_.firmware is not None:
            self.set_features(fw.has(Feature.SECURE_BOOT), fw.has(Feature.ENROLLED_KEYS))

    def set_template(self, path: str, fmt: str) -> None:
        """Set the NVRAM template, unless the NVRAM is not a local file.

        libvirt cannot create or reset a network NVRAM store, so a template
        would only mislead (it clears any template given).
        """
        os_ = self.os()
        nvram = os_.nvram
        if nvram is not None:
            nvram.template = None
            nvram.template_format = None
            if not nvram_is_local(nvram):
                return
        else:
            nvram = os_.nvram = Nvram()
        nvram.template = path
        nvram.template_format = FirmwareFormat(fmt)

    def set_features(self, secure_boot: bool, enrolled_keys: bool) -> None:
        """Record the chosen firmware's features (qemuFirmwareSetOsFeatures)."""
        os_ = self.os()
        loader = os_.loader
        nvram = os_.nvram
        keys: bool | None = enrolled_keys
        # A pflash NVRAM without a template is not local: nothing is known of
        # the keys it holds, so that feature is left unsaid.
        if (
            loader is not None
            and loader.type is LoaderType.PFLASH
            and loader.stateless is not True
            and (nvram is None or not nvram.template)
        ):
            keys = None
        info = os_.firmware_info
        kept = [f for f in info.features if f.name is None] if info is not None else []
        written = [
            FirmwareFeature(enabled=value, name=name)
            for name, value in (
                (FirmwareFeatureName.ENROLLED_KEYS, keys),
                (FirmwareFeatureName.SECURE_BOOT, secure_boot),
            )
            if value is not None
        ]
        if info is None:
            os_.firmware_info = FirmwareInfo(features=written + kept)
        else:
            info.features = written + kept

    def fill_from_legacy(self, request: Request) -> bool:
        """Complete a manual loader from qemu.conf's ``nvram`` list.

        libvirt's qemuFirmwareFillDomainLegacy.
        """
        loader = request.loader
        if loader is None or loader.type is not LoaderType.PFLASH:
            return False
        if loader.readonly is False or loader.stateless is True:
            return False
        if request.loader_format not in (None, "raw"):
            return False
        for code, variables in self.legacy_pairs:
            if not loader.path or not same_path(code, loader.path, self.root):
                continue
            self.legacy = (code, variables)
            loader.readonly = True
            loader.format = FirmwareFormat.RAW
            os_ = self.os()
            nvram = os_.nvram
            if nvram is None:
                nvram = os_.nvram = Nvram()
            if not nvram.template:
                nvram.template = variables
                nvram.template_format = FirmwareFormat.RAW
            if nvram.template_format is None:
                nvram.template_format = FirmwareFormat.RAW
            return True
        return False

    def ensure_nvram(self) -> None:
        """Give a read-only pflash loader its NVRAM file (qemuFirmwareEnsureNVRAM)."""
        os_ = self.domain.os
        loader = os_.loader if os_ is not None else None
        if os_ is None or loader is None or loader.type is not LoaderType.PFLASH:
            return
        if loader.readonly is not True or loader.stateless is True:
            return
        nvram = os_.nvram
        if nvram is not None and nvram.format is None and raw_attr(nvram, "format") is None:
            nvram.format = loader.format
        if nvram is not None and not nvram_is_empty(nvram):
            return
        # Otherwise the definition is reset and filled in afresh.
        template = nvram.template if nvram is not None else None
        template_format = nvram.template_format if nvram is not None else None
        fmt = template_format or loader.format
        ext = ""
        if fmt is FirmwareFormat.RAW:
            # Raw edk2 builds have used .fd, newer aarch64 ones .raw: a new
            # domain follows its template; an existing one keeps .fd.
            raw_template = bool(template) and str(template).endswith(".raw")
            ext = ".raw" if self.abi_update and raw_template else ".fd"
        elif fmt is FirmwareFormat.QCOW2:
            ext = ".qcow2"
        os_.nvram = Nvram(
            template=template,
            template_format=template_format,
            format=fmt,
            path=f"{self.nvram_dir}/{self.domain.name}_VARS{ext}",
        )

    # -- after the driver: the generic post-parse step and validation ---------------------------

    def default_loader_type(self) -> None:
        """A loader with a path and no type is a ROM (virDomainDefPostParseOs)."""
        os_ = self.domain.os
        if os_ is None or os_.loader is None:
            return
        loader = os_.loader
        if loader.path and loader.type is None and raw_attr(loader, "type") is None:
            loader.type = LoaderType.ROM

    def validate(self) -> FirmwareError | None:
        request = self.request()
        error = os_validate(request, manual_features_ok=not self.abi_update)
        return error or acpi_validate(request)


def os_validate(request: Request, *, manual_features_ok: bool = False) -> FirmwareError | None:
    """libvirt's checks of ``<os>`` firmware settings (virDomainDefOSValidate)."""
    loader = request.loader
    nvram = request.nvram
    has_loader = loader is not None or nvram is not None
    features = request.features
    if request.firmware is not None:
        if features.get("enrolled-keys") is True and features.get("secure-boot") is False:
            return FirmwareError(
                "firmware feature 'enrolled-keys' cannot be enabled when firmware feature"
                " 'secure-boot' is disabled"
            )
        if not has_loader:
            return None
        if nvram is not None and request.firmware != "efi":
            return FirmwareError(f"firmware type '{request.firmware}' does not support nvram")
    else:
        if features and not manual_features_ok:
            return FirmwareError(
                "cannot use feature-based firmware autoselection when firmware autoselection"
                " is disabled"
            )
        if not has_loader:
            return None
        if loader is None or not loader.path:
            return FirmwareError("no loader path specified and firmware auto selection disabled")
    stateless = loader.stateless if loader is not None else None
    if stateless is True:
        if nvram is not None and nvram.template:
            return FirmwareError("NVRAM template is not permitted when loader is stateless")
        if nvram is not None:
            return FirmwareError("NVRAM is not permitted when loader is stateless")
    elif stateless is False:
        if request.firmware is None:
            if request.loader_type is not LoaderType.PFLASH:
                return FirmwareError("Only pflash loader type permits NVRAM")
        elif request.firmware != "efi":
            return FirmwareError("Only EFI firmware permits NVRAM")
    return None


def acpi_validate(request: Request) -> FirmwareError | None:
    """The QEMU driver's ACPI and UEFI checks (qemuValidateDomainDef).

    They are not firmware selection, but they decide whether a firmware
    configuration is accepted: x86 UEFI needs ACPI, aarch64 ACPI needs UEFI.
    """
    uefi = request.firmware == "efi" or request.loader_type is LoaderType.PFLASH
    if request.arch in ("i686", "x86_64") and uefi and not request.acpi:
        return FirmwareError(_UNSUPPORTED + "UEFI requires ACPI on this architecture")
    if request.arch == "aarch64" and request.acpi and not uefi:
        return FirmwareError(_UNSUPPORTED + "ACPI requires UEFI on this architecture")
    return None
