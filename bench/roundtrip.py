"""Round-trip speed of domxml against lxml alone, per corpus family.

Usage: ``python bench/roundtrip.py [--data DIR] [--family F ...] [--repeat N]
[--style parsed|libvirt]``.

All file bytes are read into memory first. For each family two loops are
timed over every well-formed file (expected ``valid`` or ``invalid``), best
of N repeats:

- floor: lxml parses each document and serialises it again
  (``etree.fromstring`` + ``etree.tostring``, with the same safe parser
  settings as domxml's canonical form);
- domxml: ``domxml.to_xml(domxml.parse(b), style=...)``.

The ratio domxml/floor is what to watch; absolute times depend on the machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial

from lxml import etree

import domxml
from domxml.tools.canon import is_well_formed, safe_parser
from domxml.tools.manifest import ENV_VAR, corpus_dir, find_data, read_manifest, select

FAMILIES = ("domain", "domainsnapshot", "network", "storagepool", "storagevol")


def best_of(repeat: int, run: Callable[[], None]) -> float:
    """Return the shortest of *repeat* timings of *run*, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def lxml_floor(documents: Sequence[bytes]) -> None:
    """Parse and serialise every document with lxml alone."""
    parser = safe_parser()
    for data in documents:
        etree.tostring(etree.fromstring(data, parser))


def domxml_round_trip(documents: Sequence[bytes], style: str) -> None:
    """Parse every document into its model and write it back."""
    for data in documents:
        domxml.to_xml(domxml.parse(data), style=style)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print one line per family."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", metavar="DIR", help=f"directory holding corpus/ (or ${ENV_VAR})")
    parser.add_argument("--family", action="append", choices=FAMILIES, help="repeatable")
    parser.add_argument("--repeat", type=int, default=5, metavar="N", help="best of N (default 5)")
    parser.add_argument("--style", choices=("parsed", "libvirt"), default="parsed")
    args = parser.parse_args(argv)

    data = find_data(args.data)
    if data is None:
        print(f"corpus not found: pass --data DIR or set ${ENV_VAR}", file=sys.stderr)
        return 2
    entries = read_manifest(corpus_dir(data))
    families = args.family or list(FAMILIES)

    print(f"style={args.style}, best of {args.repeat}")
    header = (
        f"{'family':<16}{'files':>7}{'floor ms':>11}{'domxml ms':>11}{'µs/file':>10}{'ratio':>8}"
    )
    print(header)
    print("-" * len(header))
    for family in families:
        documents = [entry.file.read_bytes() for entry in select(entries, [family])]
        documents = [document for document in documents if is_well_formed(document)]
        if not documents:
            continue
        floor = best_of(args.repeat, partial(lxml_floor, documents))
        ours = best_of(args.repeat, partial(domxml_round_trip, documents, args.style))
        print(
            f"{family:<16}{len(documents):>7}{floor * 1e3:>11.1f}{ours * 1e3:>11.1f}"
            f"{ours * 1e6 / len(documents):>10.0f}{ours / floor:>8.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
