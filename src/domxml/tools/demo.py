"""The demo: round-trip the example documents that ship with domxml.

Each example under ``domxml/examples/`` is parsed into its model, written
back from the models (not the verbatim shortcut :func:`domxml.to_xml` takes
for an unchanged document), and compared with the original by canonical
form (see :mod:`domxml.tools.canon`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files

from lxml import etree

import domxml
from domxml.binding import write_document
from domxml.tools.canon import canonical

__all__ = ["ExampleResult", "check_example", "example_documents", "format_results", "run_demo"]


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

    @property
    def ok(self) -> bool:
        """Whether the example round-tripped without loss."""
        return self.error is None and self.identical


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


def run_demo() -> list[ExampleResult]:
    """Round-trip every bundled example."""
    return [check_example(name, data) for name, data in example_documents()]


def format_results(results: Sequence[ExampleResult]) -> str:
    """Return the results as a plain-text table, followed by any errors."""
    rows = [("file", "kind", "round-trip identical", "untyped")]
    for result in results:
        rows.append(
            (
                result.name,
                result.kind,
                "yes" if result.identical else "no",
                "-" if result.untyped is None else str(result.untyped),
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    lines += [f"{result.name}: {result.error}" for result in results if result.error]
    failed = sum(not result.ok for result in results)
    lines.append(f"{len(results) - failed} of {len(results)} examples round-tripped without loss")
    return "\n".join(lines)
