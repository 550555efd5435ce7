"""The mutation loop: seeded inputs, the properties, counts, and regressions.

Input ``i`` of a run with base seed ``S`` is made by ``random.Random(f"{S}:{i}")``
alone (which corpus file, which mutations, str or bytes), so any input can be
made again from ``S`` and ``i`` (``python -m fuzz --seed S --only i``).
Every failure is saved under ``fuzz/regressions/`` and replayed by
``fuzz/test_mutation.py`` from then on.
"""

from __future__ import annotations

import hashlib
import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fuzz.harness import Outcome, Sandbox, check
from fuzz.mutate import mutate

REGRESSIONS = Path(__file__).resolve().parent / "regressions"
FILE_MARK = "@SENTINEL_FILE@"
PORT_MARK = "@SENTINEL_PORT@"
KEEP_PER_SIGNATURE = 3


@dataclass
class Failure:
    """One input that broke a property."""

    seed: str
    index: int
    origin: str
    mutations: list[str]
    problems: list[str]
    saved: Path | None = None

    def signature(self) -> str:
        """The failure's kind, for grouping: each problem's first line, without times."""
        return " | ".join(": ".join(p.splitlines()[0].split(": ")[:2]) for p in self.problems)


@dataclass
class Stats:
    """What a run did."""

    seed: str
    tried: int = 0
    parsed: int = 0
    seconds: float = 0.0
    slowest: float = 0.0
    slowest_index: int = -1
    mutations: Counter[str] = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)
    signatures: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        """Counts, time and the slowest input, as printed after a run."""
        rate = self.tried / self.seconds if self.seconds else 0.0
        lines = [
            f"fuzz seed={self.seed!r}: {self.tried} mutated inputs in {self.seconds:.1f}s "
            f"({rate:.0f}/s), {self.parsed} parsed into a model, "
            f"{len(self.failures)} failures ({len(self.signatures)} distinct)",
            f"slowest input: {self.slowest * 1000:.1f} ms (index {self.slowest_index})",
            "mutations: " + ", ".join(f"{k}={v}" for k, v in sorted(self.mutations.items())),
        ]
        lines += [f"  {count}x {signature}" for signature, count in self.signatures.items()]
        return "\n".join(lines)


def make_input(
    seed: str, index: int, seeds: Sequence[tuple[str, bytes]], box: Sandbox
) -> tuple[str | bytes, str, list[str]]:
    """Input ``index`` of a run with base seed ``seed``: (source, origin, mutations)."""
    rng = random.Random(f"{seed}:{index}")
    origin, document = seeds[rng.randrange(len(seeds))]
    data, names = mutate(document, rng, box.sentinels)
    if rng.random() < 0.3:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return data, origin, names
        # A str that does not start with "<" is a path to parse(), by design.
        if text.lstrip().startswith("<"):
            return text, origin, names
    return data, origin, names


def _portable(data: bytes, box: Sandbox) -> bytes:
    """The input with the run's sentinel path and port replaced by marks."""
    return data.replace(box.sentinels.file.encode(), FILE_MARK.encode()).replace(
        f"127.0.0.1:{box.sentinels.port}".encode(), f"127.0.0.1:{PORT_MARK}".encode()
    )


def localised(data: bytes, box: Sandbox) -> bytes:
    """A saved regression with this run's sentinel path and port put back."""
    return data.replace(FILE_MARK.encode(), box.sentinels.file.encode()).replace(
        PORT_MARK.encode(), str(box.sentinels.port).encode()
    )


def save(failure: Failure, source: str | bytes, box: Sandbox, directory: Path) -> Path:
    """Keep a failing input as ``<sha>.xml`` (bytes as run) with a ``.txt`` note beside it."""
    data = source.encode("utf-8", "surrogatepass") if isinstance(source, str) else source
    data = _portable(data, box)
    directory.mkdir(parents=True, exist_ok=True)
    kind = "str" if isinstance(source, str) else "bytes"
    name = hashlib.sha256(data).hexdigest()[:16]
    path = directory / f"{name}.{kind}.xml"
    path.write_bytes(data)
    note = [
        f"seed={failure.seed!r} index={failure.index} origin={failure.origin}",
        f"mutations: {', '.join(failure.mutations)}",
        *failure.problems,
    ]
    (directory / f"{name}.txt").write_text("\n".join(note) + "\n")
    return path


def replay_source(path: Path, box: Sandbox) -> str | bytes:
    """A saved regression as it was run (str or bytes), with this run's sentinels."""
    data = localised(path.read_bytes(), box)
    if path.name.endswith(".str.xml"):
        return data.decode("utf-8", "surrogatepass")
    return data


def warm_up(seeds: Sequence[tuple[str, bytes]], box: Sandbox) -> None:
    """Run one unmutated document per kind, so that first-call costs are not timed."""
    seen: set[str] = set()
    for origin, document in seeds:
        kind = origin.split("/")[0]
        if kind not in seen:
            seen.add(kind)
            check(document, box)


def run(
    seed: str,
    seeds: Sequence[tuple[str, bytes]],
    box: Sandbox,
    *,
    count: int | None = None,
    seconds: float | None = None,
    start_index: int = 0,
    step: int = 1,
    keep: Path | None = REGRESSIONS,
    progress: Callable[[Stats], None] | None = None,
) -> Stats:
    """Fuzz inputs ``start_index``, ``+ step``... until ``count`` are tried or ``seconds`` pass."""
    stats = Stats(seed)
    started = time.perf_counter()
    index = start_index
    while True:
        if count is not None and stats.tried >= count:
            break
        if seconds is not None and time.perf_counter() - started >= seconds:
            break
        source, origin, names = make_input(seed, index, seeds, box)
        outcome: Outcome = check(source, box)
        stats.tried += 1
        stats.parsed += outcome.parsed
        stats.mutations.update(names)
        if outcome.seconds > stats.slowest:
            stats.slowest, stats.slowest_index = outcome.seconds, index
        if outcome.problems:
            failure = Failure(seed, index, origin, names, outcome.problems)
            signature = failure.signature()
            stats.signatures[signature] += 1
            if keep is not None and stats.signatures[signature] <= KEEP_PER_SIGNATURE:
                failure.saved = save(failure, source, box, keep)
            stats.failures.append(failure)
        if progress is not None and stats.tried % 1000 == 0:
            stats.seconds = time.perf_counter() - started
            progress(stats)
        index += step
    stats.seconds = time.perf_counter() - started
    return stats


def _merge(seed: str, parts: Sequence[Stats]) -> Stats:
    total = Stats(seed)
    for part in parts:
        total.tried += part.tried
        total.parsed += part.parsed
        total.seconds = max(total.seconds, part.seconds)
        if part.slowest > total.slowest:
            total.slowest, total.slowest_index = part.slowest, part.slowest_index
        total.mutations.update(part.mutations)
        total.failures.extend(part.failures)
        total.signatures.update(part.signatures)
    return total


def _worker(job: tuple[str, Path, int, int, int | None, float | None, Path | None]) -> Stats:
    from fuzz.harness import sandbox, seed_documents

    seed, cache, first, step, count, seconds, keep = job
    seeds = seed_documents()
    with sandbox(cache) as box:
        warm_up(seeds, box)
        return run(
            seed, seeds, box, count=count, seconds=seconds, start_index=first, step=step, keep=keep
        )


def run_parallel(
    seed: str,
    cache: Path,
    workers: int,
    *,
    count: int | None = None,
    seconds: float | None = None,
    start_index: int = 0,
    keep: Path | None = REGRESSIONS,
) -> Stats:
    """:func:`run` in ``workers`` forked processes, each with its own sandbox.

    Worker ``w`` takes inputs ``start_index + w``, ``+ workers``...: an input's
    index, and so the input, does not depend on the number of workers.
    """
    import multiprocessing

    started = time.perf_counter()
    jobs = []
    for w in range(workers):
        share = None if count is None else (count - w + workers - 1) // workers
        jobs.append((seed, cache, start_index + w, workers, share, seconds, keep))
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        parts = pool.map(_worker, jobs)
    stats = _merge(seed, parts)
    stats.seconds = time.perf_counter() - started
    return stats
