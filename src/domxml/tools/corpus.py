"""Corpus report: how well domxml round-trips libvirt's own test documents.

Run ``python -m domxml.tools.corpus [--data DIR] [--family F ...]``. For each
family it prints:

- files: well-formed documents that libvirt's schema test checks
  (expected ``valid`` or ``invalid``);
- round-trip: the document written from its models (``write_document(model,
  verbatim=False)``, what ``to_xml`` does once a program changed anything)
  has the same canonical form as the file;
- byte-identical: that text is the file's text exactly;
- libvirt-style: ``to_xml(parse(f), style="libvirt")`` is the file's text
  exactly, counted over the files libvirt's formatter wrote
  (``*-latest*.xml`` and ``*xml2xmlout*`` folders);
- typed: the share of attribute and text values that a typed field holds.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import domxml
from domxml.binding import value_counts, write_document
from domxml.tools.canon import canonical, is_well_formed
from domxml.tools.manifest import (
    ENV_VAR,
    CorpusEntry,
    corpus_dir,
    find_data,
    read_manifest,
    select,
)

__all__ = ["DEFAULT_FAMILIES", "FamilyReport", "build_report", "format_table", "main"]

DEFAULT_FAMILIES = (
    "domain",
    "domainsnapshot",
    "network",
    "storagepool",
    "storagevol",
    "domaincaps",
    "domaincheckpoint",
    "domainbackup",
    "networkport",
)
"""The families domxml has models for."""


@dataclass
class FamilyReport:
    """Counts for one family of corpus documents."""

    family: str
    files: int = 0
    not_well_formed: int = 0
    errors: int = 0
    round_trip: int = 0
    byte_identical: int = 0
    libvirt_files: int = 0
    libvirt_identical: int = 0
    values: int = 0
    untyped_values: int = 0
    failures: list[str] = field(default_factory=list)
    """``path: reason`` for each file that did not round-trip."""

    @property
    def typed_percent(self) -> float | None:
        """Percentage of values held by typed fields, ``None`` if there are none."""
        if self.values == 0:
            return None
        return 100.0 * (self.values - self.untyped_values) / self.values

    def add(self, entry: CorpusEntry) -> None:
        """Round-trip one corpus document and count the outcome."""
        data = entry.file.read_bytes()
        if not is_well_formed(data):
            self.not_well_formed += 1
            return
        self.files += 1
        text = data.decode("utf-8")
        formatter_written = entry.formatter_written
        if formatter_written:
            self.libvirt_files += 1
        # Every exception counts as a failure here, library bugs included, so
        # that one bad document does not hide the rest of the report.
        try:
            model = domxml.parse(data, filename=str(entry.file))
            written = write_document(model, "parsed", verbatim=False)
            total, untyped = value_counts(model)
            same_content = canonical(written) == canonical(data)
        except Exception as error:
            self.errors += 1
            self.failures.append(f"{entry.path}: {type(error).__name__}: {error}")
            return
        self.values += total
        self.untyped_values += untyped
        if same_content:
            self.round_trip += 1
        else:
            self.failures.append(f"{entry.path}: canonical form differs")
        if written == text:
            self.byte_identical += 1
        if formatter_written:
            try:
                libvirt_written = domxml.to_xml(model, style="libvirt")
            except Exception as error:
                self.failures.append(
                    f"{entry.path}: libvirt style: {type(error).__name__}: {error}"
                )
            else:
                if libvirt_written == text:
                    self.libvirt_identical += 1


def build_report(entries: Iterable[CorpusEntry]) -> list[FamilyReport]:
    """Round-trip every entry and return one report per family, in first-seen order."""
    reports: dict[str, FamilyReport] = {}
    for entry in entries:
        report = reports.setdefault(entry.family, FamilyReport(entry.family))
        report.add(entry)
    return list(reports.values())


def _ratio(count: int, total: int) -> str:
    return f"{count}/{total}"


def format_table(reports: Sequence[FamilyReport]) -> str:
    """Return the reports as a plain-text table, with a total row."""
    total = FamilyReport("total")
    for report in reports:
        for name in (
            "files",
            "not_well_formed",
            "errors",
            "round_trip",
            "byte_identical",
            "libvirt_files",
            "libvirt_identical",
            "values",
            "untyped_values",
        ):
            setattr(total, name, getattr(total, name) + getattr(report, name))
    header = ("family", "files", "errors", "round-trip", "byte-identical", "libvirt-style", "typed")
    rows = [header]
    for report in [*reports, total]:
        typed = report.typed_percent
        rows.append(
            (
                report.family,
                str(report.files),
                str(report.errors),
                _ratio(report.round_trip, report.files),
                _ratio(report.byte_identical, report.files),
                _ratio(report.libvirt_identical, report.libvirt_files),
                "-" if typed is None else f"{typed:.1f}%",
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    lines = []
    for number, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join(cells))
        if number == 0 or number == len(rows) - 2:
            lines.append("  ".join("-" * width for width in widths))
    skipped = total.not_well_formed
    if skipped:
        lines.append(f"({skipped} files skipped: not well-formed XML)")
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m domxml.tools.corpus",
        description="Round-trip libvirt's test documents and report per family.",
    )
    parser.add_argument(
        "--data",
        metavar="DIR",
        help=f"directory holding corpus/ (default: ${ENV_VAR}, else ../shared/libvirt/11.3.0)",
    )
    parser.add_argument(
        "--family",
        action="append",
        metavar="F",
        help=f"family to report (repeatable; default: {', '.join(DEFAULT_FAMILIES)})",
    )
    parser.add_argument(
        "--failures",
        action="store_true",
        help="also list the files that did not round-trip, and why",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Print the corpus report; return 0, or 2 when the corpus cannot be found."""
    args = _parser().parse_args(argv)
    data = find_data(args.data)
    if data is None:
        print(
            f"corpus not found: pass --data DIR or set ${ENV_VAR} "
            "(the directory holding corpus/MANIFEST.tsv)",
            file=sys.stderr,
        )
        return 2
    try:
        entries = read_manifest(corpus_dir(data))
    except (OSError, ValueError) as error:
        print(f"cannot read the corpus: {error}", file=sys.stderr)
        return 2
    families = args.family or list(DEFAULT_FAMILIES)
    unknown = sorted(set(families) - {entry.family for entry in entries})
    if unknown:
        print(f"no such family in the corpus: {', '.join(unknown)}", file=sys.stderr)
        return 2
    # Report in the order the families were asked for.
    selected = sorted(select(entries, families), key=lambda entry: families.index(entry.family))
    reports = build_report(selected)
    print(format_table(reports))
    if args.failures:
        for report in reports:
            for failure in report.failures:
                print(failure)
    return 0


if __name__ == "__main__":
    sys.exit(main())
