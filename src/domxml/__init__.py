"""domxml: typed, lossless models of libvirt's XML documents.

>>> import domxml
>>> net = domxml.parse("<network><name>default</name></network>")
>>> net.name
'default'
>>> print(domxml.to_xml(net), end="")
<network>
  <name>default</name>
</network>
"""

from __future__ import annotations

import os
from importlib import import_module
from typing import TYPE_CHECKING, Any

from domxml.errors import DomxmlError, ModelError, ParseError, UnsupportedDocumentError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from domxml.binding import Model, untyped
    from domxml.compare import diff
    from domxml.convert import from_json, from_yaml, to_json, to_yaml
    from domxml.models import (
        Capabilities,
        Domain,
        DomainBackup,
        DomainCapabilities,
        DomainCheckpoint,
        DomainSnapshot,
        FilterBinding,
        HostInterface,
        Network,
        NetworkPort,
        NodeDevice,
        NWFilter,
        Secret,
        StandaloneCpu,
        StoragePool,
        StoragePoolCapabilities,
        StorageVolume,
    )
    from domxml.validation.result import Report

#: The package's version: the one place it is kept (pyproject.toml reads it).
__version__ = "0.1.0"

__all__ = [
    "Capabilities",
    "Domain",
    "DomainBackup",
    "DomainCapabilities",
    "DomainCheckpoint",
    "DomainSnapshot",
    "DomxmlError",
    "FilterBinding",
    "HostInterface",
    "Model",
    "ModelError",
    "NWFilter",
    "Network",
    "NetworkPort",
    "NodeDevice",
    "ParseError",
    "Secret",
    "StandaloneCpu",
    "StoragePool",
    "StoragePoolCapabilities",
    "StorageVolume",
    "UnsupportedDocumentError",
    "__version__",
    "diff",
    "from_json",
    "from_yaml",
    "parse",
    "to_json",
    "to_xml",
    "to_yaml",
    "untyped",
    "validate",
]

# Imported on first use, so that `import domxml` (and so `domxml --version`)
# stays cheap: the models and the binding engine take far longer to import
# than a command needs to start.
_LAZY = {
    "diff": "domxml.compare",
    "Model": "domxml.binding",
    "untyped": "domxml.binding",
    "Domain": "domxml.models",
    "DomainSnapshot": "domxml.models",
    "Network": "domxml.models",
    "StoragePool": "domxml.models",
    "StorageVolume": "domxml.models",
    "Capabilities": "domxml.models",
    "DomainBackup": "domxml.models",
    "DomainCapabilities": "domxml.models",
    "DomainCheckpoint": "domxml.models",
    "FilterBinding": "domxml.models",
    "HostInterface": "domxml.models",
    "NWFilter": "domxml.models",
    "NetworkPort": "domxml.models",
    "NodeDevice": "domxml.models",
    "Secret": "domxml.models",
    "StandaloneCpu": "domxml.models",
    "StoragePoolCapabilities": "domxml.models",
    "to_json": "domxml.convert",
    "from_json": "domxml.convert",
    "to_yaml": "domxml.convert",
    "from_yaml": "domxml.convert",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'domxml' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


def parse(
    source: str | bytes | os.PathLike[str], *, filename: str | None = None, lazy: bool = True
) -> Model:
    """Parse XML text, bytes or a file path into the model of its root element.

    Each child model is read when the program first reaches it, and an
    element it never reached is written from lxml's tree, which the model
    keeps meanwhile; ``lazy=False`` reads every element now and keeps no
    tree (less memory for many documents kept long, fully read).
    Raises :class:`ParseError` for malformed or unsafe input (with file, line
    and column) and :class:`UnsupportedDocumentError` for an unknown root.
    """
    import_module("domxml.models")  # registers the root models
    from domxml.binding import parse_document

    return parse_document(source, filename=filename, lazy=lazy)


def to_xml(model: Model, style: str = "parsed") -> str:
    """Write a model as XML.

    ``style="parsed"`` keeps a parsed document's order and written forms;
    ``style="libvirt"`` writes libvirt's own layout, as ``virsh dumpxml``.
    """
    from domxml.binding import write_document

    return write_document(model, style)


def validate(
    source: str | bytes | os.PathLike[str] | Model,
    libvirt: str | None = None,
    *,
    kind: str | None = None,
    strict: bool = False,
    domcaps: Sequence[str | bytes | os.PathLike[str]] = (),
    disable: Sequence[str] = (),
    enable: Sequence[str] = (),
) -> Report:
    """Validate a document against libvirt's schemas and rules; return a report.

    ``source`` is XML text, bytes, a path, or a model (validated as
    :func:`to_xml` writes it; lines are those of that text). ``libvirt`` picks the schema set
    by libvirt version (``"9.0.0"``; the nearest older one when that one is
    missing; by default the newest available). The report's ``ok`` says
    whether the document is valid; its ``errors`` have ``line``, ``column``,
    ``path``, ``message`` and ``hint``. A schema-valid domain is then checked
    against libvirt's own refusals (``docs/lint.md``): what libvirt refuses
    is an error, what may fail a warning (in ``warnings``; errors with
    ``strict=True``). ``domcaps`` (domain capabilities files, as ``virsh
    domcapabilities`` writes them) enable the host-aware rules; ``disable``
    and ``enable`` take rule ids. Raises :class:`domxml.errors.SchemaError`
    when no schemas are available. See ``docs/validate.md``.
    """
    from domxml.binding import Model, write_document
    from domxml.validation.engine import validate as validate_document

    if isinstance(source, Model):
        source = write_document(source).encode("utf-8")
    return validate_document(
        source,
        libvirt,
        kind=kind,
        strict=strict,
        domcaps=domcaps,
        disable=disable,
        enable=enable,
    )
