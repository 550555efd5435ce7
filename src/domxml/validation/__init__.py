"""Validating libvirt XML against libvirt's own RELAX NG schemas, by libvirt version.

>>> import domxml
>>> report = domxml.validate("<network><name>default</name></network>")  # doctest: +SKIP
>>> report.ok  # doctest: +SKIP
True

libxml2 decides validity (as ``virt-xml-validate`` does); for an invalid
document, domxml walks the schema to find the node really at fault and says
what would be allowed there. See ``docs/validate.md``.

- :mod:`~domxml.validation.schemas`: schema sets by version, discovery, import;
- :mod:`~domxml.validation.kinds`: root element → schema file;
- :mod:`~domxml.validation.engine`: compiling once, validating, explaining;
- :mod:`~domxml.validation.rng`, :mod:`~domxml.validation.patterns`,
  :mod:`~domxml.validation.explain`: the schema walk that finds the node at fault;
- :mod:`~domxml.validation.report`: text, JSON and SARIF output.
"""

from __future__ import annotations

from domxml.errors import SchemaError
from domxml.validation.engine import Validator, validate
from domxml.validation.kinds import KINDS, Kind
from domxml.validation.result import Issue, Report
from domxml.validation.schemas import SchemaSet, find_schema_sets, import_schemas, select

__all__ = [
    "KINDS",
    "Issue",
    "Kind",
    "Report",
    "SchemaError",
    "SchemaSet",
    "Validator",
    "find_schema_sets",
    "import_schemas",
    "select",
    "validate",
]
