"""Firmware as libvirt before 9.2.0 keeps it: selected when the domain starts, not defined.

Up to libvirt 9.1.0 the QEMU driver picked the firmware for
``<os firmware='efi'>`` only when the domain started: the definition it
kept was the document's, ``<os firmware='efi'>`` and its
``<firmware><feature>`` list as written, with no ``<loader>`` or
``<nvram>``. Those releases know no ``format`` on ``<loader>`` or
``<nvram>`` nor ``templateFormat``, so writing 11.3.0's resolution for them
would give a document their schema refuses. What they do at define time:

- with autoselection, refuse the loader and NVRAM attributes that name a
  firmware (``loader attribute 'readonly' cannot be specified when firmware
  autoselection is enabled``, likewise ``type``, ``secure`` and the NVRAM's
  ``template``), checked on libvirt 9.0.0's daemon;
- for a read-only pflash loader given by hand, name its NVRAM file
  ``NVRAM_DIR/NAME_VARS.fd`` when the document has none (the template is
  copied in when the domain first starts).
"""

from __future__ import annotations

import copy

from domxml.errors import FirmwareError
from domxml.models.domain import Domain, LoaderType, Nvram

__all__ = ["DEFINE_TIME", "resolve_before_define_time"]

#: The first libvirt release that selects firmware when a domain is defined.
DEFINE_TIME = (9, 2, 0)


def resolve_before_define_time(domain: Domain, nvram_dir: str) -> Domain:
    """The definition libvirt 9.0.0 or 9.1.0 keeps of ``domain`` (a copy), its firmware part.

    Raises :class:`FirmwareError` with libvirt's message where it refuses
    the document.
    """
    work = copy.deepcopy(domain)
    os_ = work.os
    if os_ is None:
        return work
    loader, nvram = os_.loader, os_.nvram
    if os_.firmware is not None:
        if loader is not None:
            # libvirt 9.0.0 reads a loader path as a ROM's, hence 'type'.
            for name, given in (
                ("readonly", loader.readonly is not None),
                ("type", loader.type is not None or bool(loader.path)),
                ("secure", loader.secure is not None),
            ):
                if given:
                    raise FirmwareError(
                        f"loader attribute '{name}' cannot be specified when firmware"
                        " autoselection is enabled"
                    )
        if nvram is not None and nvram.template:
            raise FirmwareError(
                "nvram attribute 'template' cannot be specified when firmware"
                " autoselection is enabled"
            )
        return work
    if (
        loader is not None
        and loader.type is LoaderType.PFLASH
        and loader.readonly is True
        and loader.stateless is not True
        and (nvram is None or not nvram.path)
    ):
        template = nvram.template if nvram is not None else None
        os_.nvram = Nvram(template=template, path=f"{nvram_dir}/{work.name}_VARS.fd")
    return work
