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

from domxml.binding import Model, parse_document, untyped, write_document
from domxml.errors import DomxmlError, ModelError, ParseError, UnsupportedDocumentError
from domxml.models import Domain, DomainSnapshot, Network, StoragePool, StorageVolume

__version__ = "0.1.0"

__all__ = [
    "Domain",
    "DomainSnapshot",
    "DomxmlError",
    "Model",
    "ModelError",
    "Network",
    "ParseError",
    "StoragePool",
    "StorageVolume",
    "UnsupportedDocumentError",
    "__version__",
    "parse",
    "to_xml",
    "untyped",
]


def parse(source: str | bytes | os.PathLike[str], *, filename: str | None = None) -> Model:
    """Parse XML text, bytes or a file path into the model of its root element.

    Raises :class:`ParseError` for malformed or unsafe input (with file, line
    and column) and :class:`UnsupportedDocumentError` for an unknown root.
    """
    return parse_document(source, filename=filename)


def to_xml(model: Model, style: str = "parsed") -> str:
    """Write a model as XML.

    ``style="parsed"`` keeps a parsed document's order and written forms;
    ``style="libvirt"`` writes libvirt's own layout, as ``virsh dumpxml``.
    """
    return write_document(model, style)
