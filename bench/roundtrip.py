"""Round-trip speed of domxml against lxml alone, per corpus family.

Usage: ``python bench/roundtrip.py [--data DIR] [--family F ...] [--repeat N]``.

All file bytes are read into memory first. For each family these loops are
timed over every well-formed file (expected ``valid`` or ``invalid``), best
of N repeats:

- floor: lxml parses each document and serialises it again
  (``etree.fromstring`` + ``etree.tostring``, with the same safe parser
  settings as domxml's canonical form);
- round trip: ``domxml.to_xml(domxml.parse(b))``; a document nothing has
  changed comes back as its source text, without writing the models;
- written: parse, then write every model as parsed (``verbatim=False``),
  the cost of writing a document a program has edited;
- libvirt: parse, then write every model in libvirt's layout.

The ratio domxml/floor is what to watch; absolute times depend on the machine.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from functools import partial

from lxml import etree
from timing import FAMILIES, best_of, corpus_parser, family_documents

import domxml
from domxml.binding import write_document
from domxml.safe_xml import safe_parser


def lxml_floor(documents: Sequence[bytes]) -> None:
    """Parse and serialise every document with lxml alone."""
    parser = safe_parser()
    for data in documents:
        etree.tostring(etree.fromstring(data, parser))


def domxml_round_trip(documents: Sequence[bytes]) -> None:
    """Parse every document into its model and write it back as parsed."""
    for data in documents:
        domxml.to_xml(domxml.parse(data))


def domxml_written(documents: Sequence[bytes], style: str) -> None:
    """Parse every document and write every model out, with no verbatim shortcut."""
    for data in documents:
        write_document(domxml.parse(data), style, verbatim=False)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print one line per family."""
    args = corpus_parser(__doc__, FAMILIES).parse_args(argv)
    documents_by_family = family_documents(args.data, args.family or list(FAMILIES))
    if documents_by_family is None:
        return 2

    print(f"best of {args.repeat}; ratios against the floor measured in this run")
    print("  round trip: to_xml(parse(f)); unchanged documents come back as their source")
    print("  written:    every model written out as parsed (verbatim=False)")
    print("  libvirt:    every model written out in libvirt's layout")
    header = (
        f"{'family':<16}{'files':>7}{'floor ms':>10}{'µs/file':>9}"
        f"{'round trip':>12}{'written':>9}{'libvirt':>9}"
    )
    print(header)
    print("-" * len(header))
    for family, documents in documents_by_family:
        floor = best_of(args.repeat, partial(lxml_floor, documents))
        ours = best_of(args.repeat, partial(domxml_round_trip, documents))
        written = best_of(args.repeat, partial(domxml_written, documents, "parsed"))
        libvirt = best_of(args.repeat, partial(domxml_written, documents, "libvirt"))
        print(
            f"{family:<16}{len(documents):>7}{floor * 1e3:>10.1f}"
            f"{ours * 1e6 / len(documents):>9.0f}{ours / floor:>11.1f}x"
            f"{written / floor:>8.1f}x{libvirt / floor:>8.1f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
