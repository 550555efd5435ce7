"""What the corpus benchmarks share (``bench/*.py`` import it from beside them).

Timing (:func:`best_of`), and the corpus: the common options
(:func:`corpus_parser`) and each family's well-formed documents
(:func:`family_documents`).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator, Sequence

from domxml.tools.canon import is_well_formed
from domxml.tools.manifest import ENV_VAR, corpus_dir, find_data, read_manifest, select

#: The corpus families the benchmarks can run over.
FAMILIES = ("domain", "domainsnapshot", "network", "storagepool", "storagevol")


def best_of(repeat: int, run: Callable[[], None]) -> float:
    """Return the shortest of *repeat* timings of *run*, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def corpus_parser(doc: str | None, families: Sequence[str]) -> argparse.ArgumentParser:
    """The options every corpus benchmark takes: ``--data``, ``--family``, ``--repeat``."""
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument("--data", metavar="DIR", help=f"directory holding corpus/ (or ${ENV_VAR})")
    parser.add_argument("--family", action="append", choices=families, help="repeatable")
    parser.add_argument("--repeat", type=int, default=5, metavar="N", help="best of N (default 5)")
    return parser


def family_documents(
    data: str | None, families: Sequence[str]
) -> Iterator[tuple[str, list[bytes]]] | None:
    """Each family's well-formed corpus documents, or ``None`` (said on stderr) without a corpus."""
    found = find_data(data)
    if found is None:
        print(f"corpus not found: pass --data DIR or set ${ENV_VAR}", file=sys.stderr)
        return None
    entries = read_manifest(corpus_dir(found))

    def documents() -> Iterator[tuple[str, list[bytes]]]:
        for family in families:
            read = [entry.file.read_bytes() for entry in select(entries, [family])]
            kept = [document for document in read if is_well_formed(document)]
            if kept:
                yield family, kept

    return documents()
