"""The ``domxml`` command line: argument parsing only; the work is in the library.

Each command lives in its own module here (``demo``, ``validate``...) with a
``register(commands)`` function that adds its parser and sets ``run``, the
function that carries it out. Heavy modules (lxml, the models, the
validator) are imported by the command that needs them, so that
``domxml --version`` starts at once.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import domxml
from domxml.cli import apply, convert, demo, firmware, validate

__all__ = ["main"]

#: The command modules, in the order ``domxml --help`` lists them.
COMMANDS = (demo, validate, convert, firmware, apply)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="domxml",
        description="Typed, lossless models for libvirt XML.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``domxml`` command with *argv* (default: ``sys.argv[1:]``); return the exit code.

    Each command documents its exit codes; a missing or unknown command,
    like any usage error, exits 2.
    """
    parser = _parser()
    args = parser.parse_args(argv)
    if args.version:
        print(f"domxml {domxml.__version__}")
        return 0
    run = getattr(args, "run", None)
    if run is None:
        parser.print_usage(sys.stderr)
        print("domxml: error: a command is required (try: domxml demo)", file=sys.stderr)
        return 2
    code: int = run(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
