"""``python -m fuzz``: the mutation fuzzer from the command line.

    python -m fuzz                      # the CI profile (the same inputs as the test)
    python -m fuzz --long --minutes 60  # a long run with a fresh seed
    python -m fuzz --seed S --only I    # make and check input I of seed S again
    python -m fuzz --replay             # check every saved regression
    python -m fuzz --conformance 2000   # draw 2,000 models per family, check each
    python -m fuzz --conformance 300 --libvirt 12.9.0   # against libvirt 12.9.0's schemas

See docs/fuzzing.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from fuzz.harness import (
    LIBVIRT,
    check,
    import_schemas,
    missing_reason,
    sandbox,
    seed_documents,
)
from fuzz.runner import REGRESSIONS, Stats, make_input, replay_source, run, run_parallel, warm_up

CI_SEED = "domxml-ci-1"
#: Generated documents libxml2 did not validate within the conformance bound.
SLOW = Path(__file__).resolve().parent / "slow"
#: Generated documents libvirt's schema rejected, with libxml2's error.
INVALID = Path(__file__).resolve().parent / "invalid"
CI_COUNT = 20_000


def main(argv: list[str] | None = None) -> int:
    """Run a profile; return 1 when a property failed."""
    parser = argparse.ArgumentParser(prog="python -m fuzz", description=__doc__.splitlines()[0])
    parser.add_argument("--long", action="store_true", help="run for --minutes, not --count")
    parser.add_argument("--minutes", type=float, default=60.0, help="long run length (60)")
    parser.add_argument("--count", type=int, default=CI_COUNT, help="inputs (CI profile)")
    parser.add_argument("--seed", help="base seed (CI: fixed; --long: from the clock)")
    parser.add_argument("--start", type=int, default=0, help="first input index")
    parser.add_argument("--only", type=int, help="check input ONLY of --seed alone, verbosely")
    parser.add_argument("--replay", action="store_true", help="check the saved regressions")
    parser.add_argument("--workers", type=int, default=1, help="processes (1)")
    parser.add_argument("--no-save", action="store_true", help="do not save failures")
    parser.add_argument(
        "--conformance", type=int, metavar="N", help="draw N models per family and check them"
    )
    parser.add_argument("--family", action="append", help="with --conformance: only these")
    parser.add_argument(
        "--libvirt",
        default=LIBVIRT,
        help=f"with --conformance: the libvirt version whose schemas judge ({LIBVIRT});"
        " its schemas are read beside the test data's (../VERSION/schemas)",
    )
    args = parser.parse_args(argv)

    reason = missing_reason()
    if reason is not None:
        print(f"fuzz: {reason}", file=sys.stderr)
        return 2
    if args.conformance is not None:
        seed = args.seed or f"long-{int(time.time())}"
        return _conformance(args.conformance, args.family, seed, args.libvirt)
    seed = args.seed or (f"long-{int(time.time())}" if args.long else CI_SEED)
    with tempfile.TemporaryDirectory(prefix="domxml-fuzz-cache-") as cache:
        import_schemas(Path(cache))
        seeds = seed_documents()
        with sandbox(Path(cache)) as box:
            warm_up(seeds, box)
            if args.replay:
                failed = 0
                for path in sorted(REGRESSIONS.glob("*.xml")):
                    outcome = check(replay_source(path, box), box)
                    failed += bool(outcome.problems)
                    status = "FAIL" if outcome.problems else "ok"
                    print(f"{status} {path.name} {outcome.seconds * 1000:.1f} ms")
                    for problem in outcome.problems:
                        print("   ", problem)
                return 1 if failed else 0
            if args.only is not None:
                source, origin, names = make_input(seed, args.only, seeds, box)
                outcome = check(source, box)
                print(f"seed={seed!r} index={args.only} origin={origin} mutations={names}")
                print(f"{type(source).__name__}, {len(source)} long: {source[:500]!r}")
                print(f"{outcome.seconds * 1000:.1f} ms, parsed={outcome.parsed}")
                print("\n".join(outcome.problems) or "no problem")
                return 1 if outcome.problems else 0

            def progress(stats: Stats) -> None:
                if stats.tried % 10_000 == 0:
                    print(stats.summary().splitlines()[0], flush=True)

            print(f"fuzz: seed={seed!r}, {len(seeds)} corpus files, pid {os.getpid()}", flush=True)
            if args.workers > 1:
                stats = run_parallel(
                    seed,
                    Path(cache),
                    args.workers,
                    count=None if args.long else args.count,
                    seconds=args.minutes * 60 if args.long else None,
                    start_index=args.start,
                    keep=None if args.no_save else REGRESSIONS,
                )
            else:
                stats = run(
                    seed,
                    seeds,
                    box,
                    count=None if args.long else args.count,
                    seconds=args.minutes * 60 if args.long else None,
                    start_index=args.start,
                    keep=None if args.no_save else REGRESSIONS,
                    progress=progress,
                )
    print(stats.summary())
    for failure in stats.failures[:20]:
        print(f"- index {failure.index} ({failure.origin}, {failure.mutations}): {failure.saved}")
        print("   ", failure.problems[0].splitlines()[0])
    return 1 if stats.failures else 0


def _conformance(examples: int, families: list[str] | None, seed: str, libvirt: str) -> int:
    """Run the conformance properties; 1 when a round-trip property failed."""
    from fuzz.conformance import FAMILIES, TIMEOUT, run_families
    from fuzz.harness import schema_dir

    schemas = schema_dir(libvirt)
    print(
        f"fuzz: conformance against libvirt {libvirt} ({schemas}), seed={seed!r},"
        f" {examples} models per family",
        flush=True,
    )
    broken = 0
    start = time.perf_counter()
    chosen = families or list(FAMILIES)
    runs = run_families(chosen, schemas, lambda _: examples, seed, libvirt=libvirt)
    for result in runs:
        print(f"{result.line()}  [{time.perf_counter() - start:.0f} s]", flush=True)
        broken += sum(result.round_trip_failures().values())
        for kind, detail in result.first.items():
            first_line = detail.splitlines()[0] if detail else ""
            print(f"    first {kind}: {first_line[:200]}")
        for kind, folder in ((TIMEOUT, SLOW), ("schema", INVALID)):
            if kind in result.first:
                folder.mkdir(exist_ok=True)
                kept = folder / f"{result.family}-{seed}.xml"
                kept.write_text(_as_document(kind, result.first[kind]), encoding="utf-8")
                print(f"    kept the first {kind} failure: {kept}")
    return 1 if broken else 0


def _as_document(kind: str, detail: str) -> str:
    """A kept failure as an XML document: a schema failure's error in a comment first."""
    if kind != "schema":
        return detail  # the document alone
    error, _, xml = detail.partition("\n")
    return f"<!-- {error.replace('--', '- -')} -->\n{xml}"


if __name__ == "__main__":
    sys.exit(main())
