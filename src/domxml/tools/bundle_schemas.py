"""Write (or check) the generated schemas bundled in ``schemas/``.

    python -m domxml.tools.bundle_schemas            # rewrite schemas/json, schemas/xsd
    python -m domxml.tools.bundle_schemas --check    # exit 1 if any is stale

The schemas are generated from the model declarations
(:mod:`domxml.convert.schemas`); a test fails when the files differ from
what the models give, so a model change comes with its regenerated schemas.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from domxml.convert.files import write_atomic
from domxml.convert.schemas import bundled

__all__ = ["SCHEMAS_DIR", "main", "stale", "write"]

#: ``schemas/`` of the source checkout.
SCHEMAS_DIR = Path(__file__).resolve().parents[3] / "schemas"

_GENERATED = ("json", "xsd")


def stale(directory: Path = SCHEMAS_DIR) -> list[str]:
    """Paths (relative to ``directory``) that are missing, differ, or are no longer generated."""
    expected = bundled()
    found = {
        str(path.relative_to(directory)): path
        for sub in _GENERATED
        if (directory / sub).is_dir()
        for path in sorted((directory / sub).iterdir())
        if path.is_file()
    }
    out = [
        name for name, text in expected.items() if name not in found or _read(found[name]) != text
    ]
    out += [name for name in found if name not in expected]
    return sorted(out)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def write(directory: Path = SCHEMAS_DIR) -> list[str]:
    """Write the bundled schemas into ``directory``; return the paths that changed."""
    changed = stale(directory)
    expected = bundled()
    for name in changed:
        path = directory / name
        if name in expected:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, expected[name])
        else:
            path.unlink()
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    """The command line; 0: up to date (now), 1: ``--check`` found stale files."""
    parser = argparse.ArgumentParser(prog="python -m domxml.tools.bundle_schemas")
    parser.add_argument("--check", action="store_true", help="only report stale files (exit 1)")
    parser.add_argument("--dir", type=Path, default=SCHEMAS_DIR, help="the schemas/ directory")
    args = parser.parse_args(argv)
    if args.check:
        names = stale(args.dir)
        for name in names:
            print(f"stale: {args.dir / name}")
        return 1 if names else 0
    for name in write(args.dir):
        print(f"wrote {args.dir / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
