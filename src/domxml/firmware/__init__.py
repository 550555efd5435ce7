"""Firmware: QEMU firmware descriptors, and libvirt's firmware selection, offline.

libvirt's QEMU driver fills in a domain's ``<loader>`` and ``<nvram>`` from
the firmware descriptors QEMU's firmware packages install (JSON files under
``/usr/share/qemu/firmware``). This package reads those descriptors and
reproduces that choice, so that it can be previewed before a domain is
defined, on another host's tree, or in CI:

>>> import domxml
>>> from domxml import firmware
>>> vm = domxml.parse("vm.xml")  # doctest: +SKIP
>>> resolved = firmware.resolve(vm, abi_update=True)  # doctest: +SKIP
>>> print(domxml.to_xml(resolved, style="libvirt"))  # doctest: +SKIP

- :mod:`~domxml.firmware.descriptor`: typed descriptor models, the JSON reader;
- :mod:`~domxml.firmware.search`: the search path, overrides, masking, order;
- :mod:`~domxml.firmware.match`: whether a descriptor suits a domain;
- :mod:`~domxml.firmware.resolution`: filling in the domain (:func:`resolve`, :func:`preview`);
- :mod:`~domxml.firmware.lint`: firmware checks for ``domxml validate``.

See ``docs/firmware.md``.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from domxml.errors import DescriptorError, FirmwareError

if TYPE_CHECKING:
    from domxml.firmware.descriptor import (
        Descriptor,
        DeviceType,
        Feature,
        FlashFile,
        FlashMapping,
        FlashMode,
        InterfaceType,
        KernelMapping,
        MemoryMapping,
        Target,
        parse_descriptor,
    )
    from domxml.firmware.resolution import DEFAULT_NVRAM_DIR, Resolution, preview, resolve
    from domxml.firmware.search import Catalog, DescriptorFile, load_catalog, search_dirs

# Imported on first use: the lint checks ``domxml validate`` runs on every
# domain live in domxml.firmware.lint and need none of the models that
# resolution imports.
_LAZY = {
    **dict.fromkeys(
        (
            "Descriptor",
            "DeviceType",
            "Feature",
            "FlashFile",
            "FlashMapping",
            "FlashMode",
            "InterfaceType",
            "KernelMapping",
            "MemoryMapping",
            "Target",
            "parse_descriptor",
        ),
        "domxml.firmware.descriptor",
    ),
    **dict.fromkeys(
        ("DEFAULT_NVRAM_DIR", "Resolution", "preview", "resolve"), "domxml.firmware.resolution"
    ),
    **dict.fromkeys(
        ("Catalog", "DescriptorFile", "load_catalog", "search_dirs"), "domxml.firmware.search"
    ),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'domxml.firmware' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "DEFAULT_NVRAM_DIR",
    "Catalog",
    "Descriptor",
    "DescriptorError",
    "DescriptorFile",
    "DeviceType",
    "Feature",
    "FirmwareError",
    "FlashFile",
    "FlashMapping",
    "FlashMode",
    "InterfaceType",
    "KernelMapping",
    "MemoryMapping",
    "Resolution",
    "Target",
    "load_catalog",
    "parse_descriptor",
    "preview",
    "resolve",
    "search_dirs",
]
