"""A connection's capabilities as typed models: ``virsh capabilities`` and ``domcapabilities``.

The models and their questions (machine types, CPU models, firmware,
device values) are offline: :mod:`domxml.models.capabilities` and
:mod:`domxml.models.domaincaps`. This module only asks libvirt for the
documents and parses them. See ``docs/capabilities.md``.
"""

from __future__ import annotations

from typing import Any, TypeVar

from domxml.apply.connection import libvirt_errors
from domxml.binding import Model, parse_document
from domxml.errors import ModelError
from domxml.models.capabilities import Capabilities
from domxml.models.domaincaps import DomainCapabilities

__all__ = ["domain_capabilities", "host_capabilities"]

M = TypeVar("M", bound=Model)


def _parsed(text: str, cls: type[M], source: str) -> M:
    model = parse_document(text, filename=source)
    if not isinstance(model, cls):
        raise ModelError(f"{source} returned <{model.__domxml__.tag}>, not <{cls.__domxml__.tag}>")
    return model


def host_capabilities(conn: Any) -> Capabilities:
    """``virsh capabilities``: the host and the guests the connection's driver runs."""
    with libvirt_errors("cannot get the host's capabilities"):
        text = conn.getCapabilities()
    return _parsed(text, Capabilities, "getCapabilities()")


def domain_capabilities(
    conn: Any,
    *,
    emulator: str | None = None,
    arch: str | None = None,
    machine: str | None = None,
    virttype: str | None = None,
) -> DomainCapabilities:
    """``virsh domcapabilities``: what the driver can do for one emulator, arch, machine, type.

    Arguments left ``None`` are the driver's defaults (QEMU: the host's
    architecture, its default machine type, ``kvm`` when available).
    """
    with libvirt_errors("cannot get the domain capabilities"):
        text = conn.getDomainCapabilities(emulator, arch, machine, virttype, 0)
    return _parsed(text, DomainCapabilities, "getDomainCapabilities()")
