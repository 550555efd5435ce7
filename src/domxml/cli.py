"""The ``domxml`` command line: argument parsing only; the work is in the library."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version

from domxml.tools.demo import format_results, run_demo

__all__ = ["main"]


def _version() -> str:
    try:
        return version("domxml")
    except PackageNotFoundError:
        return "unknown (not installed)"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="domxml",
        description="Typed, lossless models for libvirt XML.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser(
        "demo",
        help="round-trip the bundled example documents",
        description="Parse each bundled example document, write it back and compare.",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``domxml`` command with *argv* (default: ``sys.argv[1:]``); return the exit code.

    ``demo`` exits 1 when any example does not round-trip; a missing or
    unknown command exits 2.
    """
    parser = _parser()
    args = parser.parse_args(argv)
    if args.version:
        print(f"domxml {_version()}")
        return 0
    if args.command == "demo":
        results = run_demo()
        print(format_results(results))
        return 0 if all(result.ok for result in results) else 1
    parser.print_usage(sys.stderr)
    print("domxml: error: a command is required (try: domxml demo)", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
