"""Speed of ``domxml validate`` against lxml alone, over libvirt's domain corpus.

Usage: ``python bench/validate.py [--data DIR] [--schemas DIR] [--repeat N] [--jobs N]``.

All timings are wall-clock, best of N, over every domain document of the
corpus that libvirt checks (expected ``valid`` or ``invalid``), with libvirt
11.3.0's schemas (``DIR/schemas`` beside the corpus, or ``--schemas``):

- floor: lxml in this process, schema compiled beforehand (not timed): for
  each file, read it, parse it, validate it;
- ``domxml validate``: one ``domxml validate --libvirt 11.3.0`` process over
  all the files (start-up, schema compilation, reading, parsing, validating,
  explaining every invalid document and printing the errors included);
- the same with ``-j N`` worker processes;
- ``xmllint --relaxng domain.rng --noout`` over all the files in one process,
  for reference (virt-xml-validate runs one xmllint per file);
- the floor's work as a process of its own (Python's start-up, importing
  lxml and compiling the schema included), for reference: what any Python
  command validating these files with lxml costs at least;
- ``domxml --version``: the command's start-up time.

Each is timed twice: wall-clock, and CPU time (user + system, of this
process for the floor, of the child for a command), which other work on a
shared machine disturbs less. The package is byte-compiled first, as an
installed package is (an editable install under ``PYTHONDONTWRITEBYTECODE``
would otherwise compile domxml's modules at every start).

The ratio domxml/floor is what to watch (the target is at most 1.3);
absolute times depend on the machine.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from lxml import etree

from domxml.tools.manifest import ENV_VAR, corpus_dir, find_data, read_manifest, select

VERSION = "11.3.0"


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def best_of(repeat: int, runs: dict[str, Callable[[], object]]) -> dict[str, tuple[float, float]]:
    """The shortest wall-clock and CPU times of each of *runs*, in seconds.

    The runs take turns, *repeat* rounds, so that a slow spell of a shared
    machine does not fall on one of them only.
    """
    best = {name: (float("inf"), float("inf")) for name in runs}
    for _ in range(repeat):
        for name, run_once in runs.items():
            start, start_cpu = time.perf_counter(), _cpu()
            run_once()
            wall, cpu = time.perf_counter() - start, _cpu() - start_cpu
            best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
    return best


def line(name: str, timing: tuple[float, float], floor: tuple[float, float] | None) -> str:
    """One result: wall and CPU seconds, and their ratios to the floor."""
    wall, cpu = timing
    text = f"{name:34} {wall:7.3f} s wall {cpu:7.3f} s cpu"
    if floor is not None:
        text += f"   {wall / floor[0]:5.2f}x / {cpu / floor[1]:5.2f}x floor"
    return text


def lxml_floor(schema: etree.RelaxNG, files: Sequence[Path]) -> int:
    """Read, parse and validate every file with lxml alone; return how many are valid."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    valid = 0
    for path in files:
        valid += schema.validate(etree.fromstring(path.read_bytes(), parser))
    return valid


#: The floor's work in a process of its own: ``python -c LXML_ALONE domain.rng FILE...``.
LXML_ALONE = """
import sys
from lxml import etree
schema = etree.RelaxNG(file=sys.argv[1])
parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
for name in sys.argv[2:]:
    with open(name, "rb") as f:
        schema.validate(etree.fromstring(f.read(), parser))
"""


def run(command: Sequence[str], env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    """Run a command, its output discarded."""
    return subprocess.run(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print one line per measurement."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", metavar="DIR", help=f"directory holding corpus/ (or ${ENV_VAR})")
    parser.add_argument("--schemas", metavar="DIR", help="libvirt 11.3.0's .rng files")
    parser.add_argument("--repeat", type=int, default=5, metavar="N", help="best of N (default 5)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, metavar="N")
    args = parser.parse_args(argv)

    data = find_data(args.data)
    if data is None:
        print(f"corpus not found: pass --data DIR or set ${ENV_VAR}", file=sys.stderr)
        return 2
    corpus = corpus_dir(data)
    schemas = Path(args.schemas) if args.schemas else corpus.parent / "schemas"
    if not (schemas / "domain.rng").is_file():
        print(f"no domain.rng in {schemas}: pass --schemas DIR", file=sys.stderr)
        return 2
    entries = select(read_manifest(corpus), ["domain"])
    files = [entry.file for entry in entries]
    domxml = Path(sys.executable).with_name("domxml")
    env = dict(os.environ, DOMXML_SCHEMA_PATH=str(schemas))
    # The set's version comes from the directory name, or its parent's (…/11.3.0/schemas).
    if VERSION not in (schemas.name, schemas.parent.name):
        print(f"{schemas}: its name or its parent's must be {VERSION}", file=sys.stderr)
        return 2
    command = [str(domxml), "validate", "--libvirt", VERSION, *map(str, files)]

    import domxml as package

    compileall.compile_dir(str(Path(package.__file__).parent), quiet=1)
    schema = etree.RelaxNG(file=str(schemas / "domain.rng"))
    valid = lxml_floor(schema, files)  # warms the page cache
    check = run(command, env)
    if check.returncode not in (0, 1):
        print(f"domxml validate failed with exit status {check.returncode}", file=sys.stderr)
        return 2

    xmllint = shutil.which("xmllint")
    alone = [sys.executable, "-c", LXML_ALONE, str(schemas / "domain.rng"), *map(str, files)]
    runs: dict[str, Callable[[], object]] = {
        "floor": lambda: lxml_floor(schema, files),
        "domxml": lambda: run(command, env),
        "jobs": lambda: run([*command, "-j", str(args.jobs)], env),
        "alone": lambda: run(alone, env),
    }
    if xmllint:
        rng = str(schemas / "domain.rng")
        runs["xmllint"] = lambda: run([xmllint, "--noout", "--relaxng", rng, *map(str, files)], env)
    timings = best_of(args.repeat, runs)
    starts = best_of(
        max(args.repeat, 10),
        {
            "version": lambda: run([str(domxml), "--version"], env),
            "python": lambda: run([sys.executable, "-c", "pass"], env),
        },
    )
    floor, ours, jobs = timings["floor"], timings["domxml"], timings["jobs"]
    lint = timings.get("xmllint")
    start, python = starts["version"], starts["python"]

    print(f"{len(files)} domain documents ({len(files) - valid} invalid), libvirt {VERSION}")
    print(line("lxml parse+validate (floor)", floor, None))
    print(line("domxml validate (one process)", ours, floor))
    print(line(f"domxml validate -j {args.jobs}", jobs, floor))
    if lint is not None:
        print(line("xmllint --relaxng (one process)", lint, floor))
    else:
        print("xmllint not found (Debian: apt install libxml2-utils)")
    print(line("lxml alone (one python process)", timings["alone"], floor))
    print(line("domxml --version (start-up)", start, None))
    print(line("python -c pass (start-up)", python, None))
    return 0


if __name__ == "__main__":
    sys.exit(main())
