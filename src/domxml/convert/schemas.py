"""The JSON Schema and XSD of libvirt documents, exported from the models.

``--type`` names: :data:`TYPES` (``domain``, ``network``, ``pool``,
``volume``, ``snapshot``, and the other kinds: ``capabilities``,
``nodedev``, ``nwfilter``...); without one, a schema covers them all. The bundled schemas
in the repository's ``schemas/`` directory are :func:`bundled`'s output,
written by ``python -m domxml.tools.bundle_schemas``.
"""

from __future__ import annotations

import json
from typing import Any

import domxml.models
from domxml.binding import Model
from domxml.binding.json_schema import json_schema
from domxml.binding.xsd import xsd_schemas
from domxml.convert import root_classes

__all__ = ["TYPES", "bundled", "json_schema_of", "json_schema_text", "roots_of", "xsd_of"]

#: ``--type`` names and the root element each stands for.
TYPES = {
    "domain": "domain",
    "network": "network",
    "pool": "pool",
    "volume": "volume",
    "snapshot": "domainsnapshot",
    "capabilities": "capabilities",
    "domaincaps": "domainCapabilities",
    "nodedev": "device",
    "secret": "secret",
    "nwfilter": "filter",
    "nwfilterbinding": "filterbinding",
    "interface": "interface",
    "networkport": "networkport",
    "checkpoint": "domaincheckpoint",
    "backup": "domainbackup",
    "storagepoolcaps": "storagepoolCapabilities",
    "cpu": "cpu",
}

_TITLES = {
    "domain": "libvirt domain",
    "network": "libvirt virtual network",
    "pool": "libvirt storage pool",
    "volume": "libvirt storage volume",
    "snapshot": "libvirt domain snapshot",
    "capabilities": "libvirt host capabilities",
    "domaincaps": "libvirt domain capabilities",
    "nodedev": "libvirt node device",
    "secret": "libvirt secret",
    "nwfilter": "libvirt network filter",
    "nwfilterbinding": "libvirt network filter binding",
    "interface": "libvirt host interface",
    "networkport": "libvirt network port",
    "checkpoint": "libvirt domain checkpoint",
    "backup": "libvirt domain backup",
    "storagepoolcaps": "libvirt storage pool capabilities",
    "cpu": "libvirt CPU description",
}

#: Root models a ``--type`` stands for where its root element is shared:
#: ``<interface>`` is a domain's device by default, a host interface here.
_CLASSES = {"interface": "HostInterface"}

_DESCRIPTION = (
    "The JSON (and YAML) form of libvirt XML documents as domxml writes and reads it:"
    " one key, the root element's name, holding the root's fields. Generated from"
    " domxml's model declarations; see docs/json-mapping.md."
)


def roots_of(kind: str | None) -> dict[str, type[Model]]:
    """The root models of a ``--type`` (all of them without one), by element name."""
    if kind is not None and kind not in TYPES:
        raise ValueError(f"unknown type {kind!r}; one of {', '.join(TYPES)}")
    classes = root_classes()
    kinds = [kind] if kind is not None else list(TYPES)
    return {
        TYPES[k]: getattr(domxml.models, _CLASSES[k]) if k in _CLASSES else classes[TYPES[k]]
        for k in kinds
    }


def json_schema_of(kind: str | None = None) -> dict[str, Any]:
    """The JSON Schema (2020-12) of the JSON form of one type of document, or of all."""
    title = _TITLES[kind] if kind else "libvirt documents"
    return json_schema(
        roots_of(kind), title=f"{title} (domxml JSON form)", description_text=_DESCRIPTION
    )


def json_schema_text(kind: str | None = None) -> str:
    """:func:`json_schema_of` as JSON text."""
    return json.dumps(json_schema_of(kind), indent=2, ensure_ascii=False) + "\n"


def xsd_of(kind: str | None = None, main: str = "domxml.xsd") -> dict[str, str]:
    """The XSD 1.1 documents of one type, or of all, by file name (``main`` first)."""
    return xsd_schemas(list(roots_of(kind).values()), main)


def bundled() -> dict[str, str]:
    """The generated schemas kept in the repository, by path relative to ``schemas/``."""
    files = {"json/domxml.schema.json": json_schema_text()}
    for name, text in xsd_of().items():
        files[f"xsd/{name}"] = text
    return files
