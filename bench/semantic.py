"""Cost of the semantic rules in ``domxml validate``, as a ratio to the schema alone.

Usage: ``python bench/semantic.py [--data DIR] [--schemas DIR] [--repeat N]``.

Times, in the same run and taking turns (best of N, wall-clock and CPU),
over every domain document of libvirt's corpus that libvirt checks:

- ``domxml validate --schema-only``: libvirt's schema alone (the floor);
- ``domxml validate``: the schema, then the firmware lint and the semantic
  rules on every schema-valid domain (the default);
- the same with ``--domcaps``: the host-aware rules too, with the domain
  capabilities of QEMU 10.0.0 on x86_64 (four files).

The ratio ``domxml validate`` / ``--schema-only`` is what to watch: the
target is at most 1.5. Absolute times depend on the machine.
"""

from __future__ import annotations

import argparse
import compileall
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from validate import VERSION, best_of, line, run

from domxml.tools.manifest import ENV_VAR, corpus_dir, find_data, read_manifest, select


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print one line per measurement."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", metavar="DIR", help=f"directory holding corpus/ (or ${ENV_VAR})")
    parser.add_argument("--schemas", metavar="DIR", help="libvirt 11.3.0's .rng files")
    parser.add_argument("--repeat", type=int, default=5, metavar="N", help="best of N (default 5)")
    args = parser.parse_args(argv)

    data = find_data(args.data)
    if data is None:
        print(f"corpus not found: pass --data DIR or set ${ENV_VAR}", file=sys.stderr)
        return 2
    corpus = corpus_dir(data)
    schemas = Path(args.schemas) if args.schemas else corpus.parent / "schemas"
    if not (schemas / "domain.rng").is_file() or VERSION not in (
        schemas.name,
        schemas.parent.name,
    ):
        print(f"no libvirt {VERSION} domain.rng in {schemas}: pass --schemas DIR", file=sys.stderr)
        return 2
    files = [str(entry.file) for entry in select(read_manifest(corpus), ["domain"])]
    caps = sorted(
        str(path)
        for path in (corpus / "domaincaps" / "domaincapsdata").glob("qemu_10.0.0*.x86_64.xml")
        if "+" not in path.name
    )
    domxml = Path(sys.executable).with_name("domxml")
    env = dict(os.environ, DOMXML_SCHEMA_PATH=str(schemas), DOMXML_SYSTEM_SCHEMAS="")
    command = [str(domxml), "validate", "-q", "--libvirt", VERSION]
    with_caps = [*command, *(part for path in caps for part in ("--domcaps", path))]

    import domxml as package

    compileall.compile_dir(str(Path(package.__file__).parent), quiet=1)
    for check in (command, [*command, "--schema-only"]):
        if run([*check, *files], env).returncode not in (0, 1):
            print(f"{' '.join(check)} failed", file=sys.stderr)
            return 2
    runs: dict[str, Callable[[], object]] = {
        "schema": lambda: run([*command, "--schema-only", *files], env),
        "semantic": lambda: run([*command, *files], env),
        "domcaps": lambda: run([*with_caps, *files], env),
    }
    timings = best_of(args.repeat, runs)
    floor = timings["schema"]
    print(f"{len(files)} domain documents, libvirt {VERSION}")
    print(line("validate --schema-only (floor)", floor, None))
    print(line("validate (semantic rules)", timings["semantic"], floor))
    print(line(f"validate --domcaps x{len(caps)}", timings["domcaps"], floor))
    return 0


if __name__ == "__main__":
    sys.exit(main())
