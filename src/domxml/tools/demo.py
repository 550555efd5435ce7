"""The demo: round-trip and validate the example documents that ship with domxml.

Each example under ``domxml/examples/`` is parsed into its model, written
back from the models (not the verbatim shortcut :func:`domxml.to_xml` takes
for an unchanged document), and compared with the original by canonical
form (see :mod:`domxml.tools.canon`). Each is then validated against the
newest libvirt schema set available (see :mod:`domxml.validation.schemas`);
when there is none, the demo says how to get one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from importlib.resources import files

from lxml import etree

import domxml
from domxml.binding import write_document
from domxml.tools.canon import canonical

__all__ = [
    "Demo",
    "ExampleResult",
    "check_example",
    "example_documents",
    "format_results",
    "run_demo",
]


@dataclass(frozen=True)
class ExampleResult:
    """What happened to one example document."""

    name: str
    """File name of the example."""
    kind: str
    """Name of the model class the document was parsed into, ``-`` on error."""
    identical: bool
    """Whether the written document has the same canonical form as the example."""
    untyped: int | None
    """How many locations no typed field holds; ``None`` on error."""
    error: str | None = None
    """Why the example could not be round-tripped, if it could not."""
    valid: bool | None = None
    """Whether the example is valid for libvirt's schemas; ``None`` if not checked."""
    problems: tuple[str, ...] = ()
    """The validation errors, as ``line:column: error: message``."""

    @property
    def ok(self) -> bool:
        """Whether the example round-tripped without loss (and is valid, if checked)."""
        return self.error is None and self.identical and self.valid is not False


@dataclass(frozen=True)
class Demo:
    """Every example's result, and which schemas they were validated with."""

    results: list[ExampleResult]
    libvirt: str | None
    """The libvirt version of the schema set used; ``None`` when none was found."""
    schemas: str | None
    """Where that schema set is."""
    note: str | None = None
    """Why nothing was validated, and how to get schemas."""

    @property
    def ok(self) -> bool:
        """Whether every example round-tripped (and validated, if checked)."""
        return all(result.ok for result in self.results)


def example_documents() -> list[tuple[str, bytes]]:
    """Return ``(file name, content)`` of every bundled example, sorted by name."""
    folder = files("domxml").joinpath("examples")
    documents = [
        (item.name, item.read_bytes())
        for item in folder.iterdir()
        if item.is_file() and item.name.endswith(".xml")
    ]
    return sorted(documents)


def check_example(name: str, data: bytes) -> ExampleResult:
    """Round-trip one example document and report the outcome."""
    try:
        model = domxml.parse(data, filename=name)
        written = write_document(model, "parsed", verbatim=False)
        locations = domxml.untyped(model)
    except domxml.DomxmlError as error:
        return ExampleResult(name, "-", identical=False, untyped=None, error=str(error))
    try:
        identical = canonical(written) == canonical(data)
    except etree.XMLSyntaxError as error:
        return ExampleResult(
            name,
            type(model).__name__,
            identical=False,
            untyped=len(locations),
            error=f"written XML is not well-formed: {error}",
        )
    return ExampleResult(name, type(model).__name__, identical, untyped=len(locations))


def run_demo() -> Demo:
    """Round-trip every bundled example; validate it with the host's libvirt's schemas.

    Without any libvirt schemas, domxml's own grammar validates them, and
    the note says how to get libvirt's.
    """
    from domxml.errors import SchemaError
    from domxml.validation.engine import selection_for, validator_for

    documents = example_documents()
    results = [check_example(name, data) for name, data in documents]
    try:
        selection = selection_for(None)
    except SchemaError as e:
        return Demo(results, None, None, f"examples not validated: {e.message}")
    schema_set = selection.schema_set
    validator = validator_for(schema_set)
    checked = []
    for result, (name, data) in zip(results, documents, strict=True):
        report = validator.check(data, name)
        problems = tuple(str(issue) for issue in report.errors)
        checked.append(replace(result, valid=report.ok, problems=problems))
    return Demo(checked, schema_set.label, str(schema_set.path), selection.note)


def format_results(demo: Demo) -> str:
    """Return the results as a plain-text table, followed by any errors."""
    results = demo.results
    what = "domxml's grammar" if demo.libvirt == "domxml" else f"libvirt {demo.libvirt}"
    valid_column = f"valid ({what})" if demo.libvirt else "valid"
    rows = [("file", "kind", "round-trip identical", "untyped", valid_column)]
    for result in results:
        rows.append(
            (
                result.name,
                result.kind,
                "yes" if result.identical else "no",
                "-" if result.untyped is None else str(result.untyped),
                "-" if result.valid is None else ("yes" if result.valid else "no"),
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    lines += [f"{result.name}: {result.error}" for result in results if result.error]
    lines += [f"{result.name}:{problem}" for result in results for problem in result.problems]
    failed = sum(result.error is not None or not result.identical for result in results)
    lines.append(f"{len(results) - failed} of {len(results)} examples round-tripped without loss")
    if demo.libvirt is None:
        lines.append(demo.note or "examples not validated: no libvirt schemas found")
    else:
        valid = sum(result.valid is True for result in results)
        against = (
            "domxml's own grammar"
            if demo.libvirt == "domxml"
            else f"libvirt {demo.libvirt}'s schemas"
        )
        lines.append(f"{valid} of {len(results)} examples are valid for {against} ({demo.schemas})")
        if demo.note:
            lines.append(demo.note)
    return "\n".join(lines)
