"""Domain security: ``<seclabel>``, ``<keywrap>``, ``<launchSecurity>``.

formatdomain "Security label", "Key Wrap" and "Launch Security". The
per-device ``<seclabel>`` override is
:class:`~domxml.models.domain.seclabel.DeviceSeclabel`.
"""

from __future__ import annotations

import enum

from domxml.binding import (
    HEX4,
    ON_OFF,
    IntCodec,
    Model,
    attr,
    child,
    children,
    depends_on,
    element,
    leaf,
    variant,
)
from domxml.models.types import AbsFilePath, UInt

HEX8 = IntCodec(8)
#: ``0x`` and as many hex digits as the value needs (libvirt's ``0x%llx``).
HEX = IntCodec(1)


class SeclabelType(enum.Enum):
    """How a security label is chosen (``<seclabel type=...>``)."""

    DYNAMIC = "dynamic"
    STATIC = "static"
    NONE = "none"


# The schema's three groups, by type: dynamic (the default) relabels and may
# have any of the labels; static needs a label and has no base label; none
# does not relabel and has no label at all.
@element(
    "seclabel",
    depends=(
        depends_on(
            "type",
            allows={
                None: ("label", "imagelabel", "baselabel"),
                SeclabelType.DYNAMIC: ("label", "imagelabel", "baselabel"),
                SeclabelType.STATIC: ("label", "imagelabel"),
            },
            needs={SeclabelType.STATIC: ("label",)},
            values={
                None: {"relabel": (True,)},
                SeclabelType.DYNAMIC: {"relabel": (True,)},
                SeclabelType.NONE: {"relabel": (False,)},
            },
        ),
    ),
)
class Seclabel(Model):
    """``<seclabel>``: a security label (SELinux, AppArmor, DAC) of the domain.

    ``dynamic`` (the default): libvirt generates the label (from
    ``baselabel`` when given) and relabels; ``static``: ``label`` is used
    as given; ``none``: the domain is not confined, nothing is relabelled.
    ``imagelabel`` (and a dynamic ``label``) are output only.
    """

    type: SeclabelType | None = attr(default=None)
    model: str | None = attr(doc="the security driver: selinux, apparmor, dac, none", default=None)
    relabel: bool | None = attr(doc="whether libvirt relabels the domain's resources", default=None)
    label: str | None = leaf(default=None)
    imagelabel: str | None = leaf(doc="the label of the domain's files (output only)", default=None)
    baselabel: str | None = leaf(doc="the base of a dynamic label", default=None)


class CipherName(enum.Enum):
    """An s390 key wrapping algorithm (``<cipher name=...>``)."""

    AES = "aes"
    DEA = "dea"


@element("cipher")
class Cipher(Model):
    """``<cipher>``: one s390 key wrapping algorithm, turned on or off."""

    name: CipherName | None = attr()
    state: bool | None = attr(codec=ON_OFF)


@element("keywrap")
class Keywrap(Model):
    """``<keywrap>``: s390 cryptographic key wrapping."""

    ciphers: list[Cipher] = children()


class LaunchSecurityType(enum.Enum):
    """The confidential computing technology (``<launchSecurity type=...>``)."""

    SEV = "sev"
    SEV_SNP = "sev-snp"
    S390_PV = "s390-pv"
    TDX = "tdx"


@element("launchSecurity", discriminator="type")
class LaunchSecurity(Model):
    """``<launchSecurity>``: launch security (AMD SEV, SEV-SNP, s390 protected virtualisation).

    Parsing gives the subclass named by ``type``.
    """

    type: LaunchSecurityType | None = attr()


@variant("sev")
class SevLaunchSecurity(LaunchSecurity):
    """``<launchSecurity type='sev'>``: AMD Secure Encrypted Virtualization."""

    kernel_hashes: bool | None = attr(
        "kernelHashes", doc="measure the direct-boot kernel", default=None
    )
    cbitpos: UInt | None = leaf(doc="the C-bit position in page table entries", default=None)
    reduced_phys_bits: UInt | None = leaf("reducedPhysBits", default=None)
    policy: int | None = leaf(
        codec=HEX4.within(0, 18446744073709551615), doc="the SEV guest policy bits"
    )
    handle: UInt | None = leaf(doc="the SEV firmware handle (output only)", default=None)
    dh_cert: str | None = leaf(
        "dhCert", doc="the guest owner's base64 Diffie-Hellman key", default=None
    )
    session: str | None = leaf(doc="the guest owner's base64 session blob", default=None)


@variant("sev-snp")
class SevSnpLaunchSecurity(LaunchSecurity):
    """``<launchSecurity type='sev-snp'>``: AMD SEV Secure Nested Paging."""

    kernel_hashes: bool | None = attr(
        "kernelHashes", doc="measure the direct-boot kernel", default=None
    )
    author_key: bool | None = attr(
        "authorKey", doc="the ID block is signed by an author key", default=None
    )
    vcek: bool | None = attr(
        doc="sign attestation reports with the VCEK (not the VLEK)", default=None
    )
    cbitpos: UInt | None = leaf(doc="the C-bit position in page table entries", default=None)
    reduced_phys_bits: UInt | None = leaf("reducedPhysBits", default=None)
    policy: int | None = leaf(
        codec=HEX8.within(0, 18446744073709551615), doc="the SEV-SNP guest policy bits"
    )
    guest_visible_workarounds: str | None = leaf(
        "guestVisibleWorkarounds", doc="base64", default=None
    )
    id_block: str | None = leaf("idBlock", doc="base64 ID block", default=None)
    id_auth: str | None = leaf("idAuth", doc="base64 ID authentication information", default=None)
    host_data: str | None = leaf(
        "hostData", doc="base64 data reported in attestations", default=None
    )


@variant("s390-pv")
class S390PvLaunchSecurity(LaunchSecurity):
    """``<launchSecurity type='s390-pv'>``: s390 Protected Virtualization."""


@element("quoteGenerationService")
class QuoteGenerationService(Model):
    """``<quoteGenerationService>``: the host service signing a TDX guest's attestations."""

    path: AbsFilePath | None = attr(
        doc="the service's UNIX socket (QEMU's default when absent)", default=None
    )


@variant("tdx")
class TdxLaunchSecurity(LaunchSecurity):
    """``<launchSecurity type='tdx'>``: Intel Trust Domain Extensions (libvirt 12.x)."""

    policy: int | None = leaf(
        codec=HEX.within(0, 18446744073709551615), doc="the TDX guest policy bits", default=None
    )
    mr_config_id: str | None = leaf(
        "mrConfigId", doc="base64 SHA-384 of the guest's software configuration", default=None
    )
    mr_owner: str | None = leaf(
        "mrOwner", doc="base64 SHA-384 identifying the guest's owner", default=None
    )
    mr_owner_config: str | None = leaf(
        "mrOwnerConfig", doc="base64 SHA-384 of the owner's configuration", default=None
    )
    quote_generation_service: QuoteGenerationService | None = child(default=None)
