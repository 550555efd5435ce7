"""Device models: ``<tpm>`` (formatdomain "TPM device").

The ``<backend>`` is one model per ``type``: ``passthrough`` (the host's
TPM), ``emulator`` (swtpm) and ``external`` (a swtpm started by someone
else, reached through a UNIX socket).
"""

from __future__ import annotations

import enum

from domxml.binding import Model, attr, child, depends_on, element, matching, register_root, variant
from domxml.models.domain.devices.address import Address
from domxml.models.domain.devices.common import Alias
from domxml.models.types import FilePath, UByte, Uuid

_ABS_FILE = matching(r"(/|[a-zA-Z]:\\)[^\n\r]+", "absFilePath")
_ABS_DIR = matching(r"/[^\n\r]*", "absDirPath")


class TpmModel(enum.Enum):
    """The TPM interface the guest sees (``<tpm model=...>``)."""

    TPM_TIS = "tpm-tis"
    TPM_CRB = "tpm-crb"
    TPM_SPAPR = "tpm-spapr"
    SPAPR_TPM_PROXY = "spapr-tpm-proxy"


class TpmBackendType(enum.Enum):
    """Where the TPM lives on the host (``<backend type=...>``)."""

    PASSTHROUGH = "passthrough"
    EMULATOR = "emulator"
    EXTERNAL = "external"


class TpmVersion(enum.Enum):
    """The TPM specification version (``<backend version=...>``)."""

    V1_2 = "1.2"
    V2_0 = "2.0"


class TpmStateSourceType(enum.Enum):
    """How the emulator's state is stored (``<source type=...>``)."""

    FILE = "file"
    DIR = "dir"


class TpmExternalSourceType(enum.Enum):
    """How an external TPM is reached (``<source type=...>``)."""

    UNIX = "unix"


class TpmExternalSourceMode(enum.Enum):
    """The socket's side libvirt takes (``<source mode=...>``)."""

    CONNECT = "connect"


class TpmProfileRemoveDisabled(enum.Enum):
    """Which disabled algorithms swtpm removes from the profile (``removeDisabled=``)."""

    CHECK = "check"
    FIPS_HOST = "fips-host"


@element("device")
class TpmDevice(Model):
    """``<device>``: the host TPM character device passed through."""

    path: FilePath | None = attr(doc="default /dev/tpm0", default=None)


@element("encryption")
class TpmEncryption(Model):
    """``<encryption>``: the secret that encrypts the emulator's state."""

    secret: Uuid | None = attr(doc="the UUID of the libvirt secret")


@element("sha1")
class PcrBank(Model):
    """An empty element naming a PCR bank to activate (``<sha1/>``, ``<sha256/>``...)."""


@element("active_pcr_banks")
class ActivePcrBanks(Model):
    """``<active_pcr_banks>``: the PCR banks a TPM 2.0 activates."""

    sha1: PcrBank | None = child("sha1", default=None)
    sha256: PcrBank | None = child("sha256", default=None)
    sha384: PcrBank | None = child("sha384", default=None)
    sha512: PcrBank | None = child("sha512", default=None)


# The path is a file's or a directory's, as the type says.
@element(
    "source",
    depends=(
        depends_on(
            "type",
            values={
                TpmStateSourceType.FILE: {"path": _ABS_FILE},
                TpmStateSourceType.DIR: {"path": _ABS_DIR},
            },
        ),
    ),
)
class TpmStateSource(Model):
    """``<source>``: where the emulator keeps its state, instead of libvirt's default."""

    type: TpmStateSourceType | None = attr()
    path: str | None = attr(
        codec=matching(r"(?:(/|[a-zA-Z]:\\)[^\n\r]+)|(?:/[^\n\r]*)", "absDirPath/absFilePath")
    )


@element("profile")
class TpmProfile(Model):
    """``<profile>``: the swtpm profile the TPM 2.0 is created with."""

    source: str | None = attr(
        doc="the profile swtpm reads, e.g. local:restricted",
        default=None,
        codec=matching(r"[A-Za-z0-9.\-:]+", "profileName"),
    )
    remove_disabled: TpmProfileRemoveDisabled | None = attr("removeDisabled", default=None)
    name: str | None = attr(
        doc="the profile's name (output only)",
        default=None,
        codec=matching(r"[A-Za-z0-9.\-:]+", "profileName"),
    )


@element("source")
class TpmExternalSource(Model):
    """``<source>``: the socket of an externally started TPM emulator."""

    type: TpmExternalSourceType | None = attr()
    mode: TpmExternalSourceMode | None = attr()
    path: str | None = attr(
        codec=matching(
            r"(?:(/|[a-zA-Z]:\\)[^\n\r]+)|(?:/[^\n\r]*)|(?:[^\n\r]+)",
            "absDirPath/absFilePath/filePath",
        )
    )


@element(
    "backend",
    discriminator="type",
    depends=(
        depends_on("version", needs={TpmVersion.V1_2: ("type",), TpmVersion.V2_0: ("type",)}),
    ),
)
class TpmBackend(Model):
    """``<backend>``: the host side of the TPM; the subclass follows ``type``."""

    # Required: each variant declares its value as the default, for type
    # checkers (they do not see the one @variant gives).
    type: TpmBackendType | None = attr()
    version: TpmVersion | None = attr(default=None)


@variant("passthrough")
class TpmPassthroughBackend(TpmBackend):
    """``<backend type='passthrough'>``: the host's own TPM."""

    type: TpmBackendType | None = attr(default=TpmBackendType.PASSTHROUGH)
    device: TpmDevice | None = child(default=None)


@variant("emulator")
class TpmEmulatorBackend(TpmBackend):
    """``<backend type='emulator'>``: a TPM emulated by swtpm, started by libvirt."""

    type: TpmBackendType | None = attr(default=TpmBackendType.EMULATOR)
    persistent_state: bool | None = attr(
        doc="keep the state when the domain is undefined", default=None
    )
    debug: UByte | None = attr(doc="swtpm's log level", default=None)
    encryption: TpmEncryption | None = child(default=None)
    active_pcr_banks: ActivePcrBanks | None = child(default=None)
    source: TpmStateSource | None = child(default=None)
    profile: TpmProfile | None = child(default=None)


@variant("external")
class TpmExternalBackend(TpmBackend):
    """``<backend type='external'>``: a swtpm started outside libvirt."""

    type: TpmBackendType | None = attr(default=TpmBackendType.EXTERNAL)
    source: TpmExternalSource | None = child(default=None)


# The declaration order is libvirt's (virDomainTPMDefFormat).
@element("tpm")
class Tpm(Model):
    """``<tpm>``: a Trusted Platform Module."""

    model: TpmModel | None = attr(default=None)
    backend: TpmBackend | None = child()
    alias: Alias | None = child(default=None)
    address: Address | None = child(default=None)


register_root(Tpm)
