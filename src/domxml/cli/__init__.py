"""The ``domxml`` command line: argument parsing only; the work is in the library.

Each command lives in its own module here (``demo``, ``validate``...) with a
``register(commands)`` function that adds its parser and sets ``run``, the
function that carries it out. Heavy modules (lxml, the models, the
validator) are imported by the command that needs them, so that
``domxml --version`` starts at once.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import sys
from collections.abc import Callable, Sequence
from typing import Any

import domxml
from domxml.cli import apply, convert, demo, firmware, validate

__all__ = ["main"]

#: The command modules, in the order ``domxml --help`` lists them.
COMMANDS = (demo, validate, convert, firmware, apply)

#: Commands whose parser is built alone when the command line names them:
#: ``domxml validate`` runs in pre-commit hooks and CI, where its start-up
#: counts, and argparse takes milliseconds to build every command's parser.
ALONE: dict[str, Callable[[Any], None]] = {
    "validate": validate.register_validate,
    "schemas": validate.register_schemas,
}


def _parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command-line parser: for ``argv`` naming a command of :data:`ALONE`, that one only."""
    parser = argparse.ArgumentParser(
        prog="domxml",
        description="Typed, lossless models for libvirt XML.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    if argv is not None and list(argv) == ["--version"]:
        return parser  # needs no command's parser
    alone = ALONE.get(argv[0]) if argv else None
    if alone is not None:
        alone(commands)
    else:
        for module in COMMANDS:
            module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``domxml`` command with *argv* (default: ``sys.argv[1:]``); return the exit code.

    Each command documents its exit codes; a missing or unknown command,
    like any usage error, exits 2.
    """
    as_command = argv is None
    if argv is None:
        argv = sys.argv[1:]
    parser = _parser(argv)
    args = parser.parse_args(argv)
    if as_command and args.command == "validate":
        # The process ends after this command: the interpreter's garbage
        # collections at exit would walk every object left (the explainer's
        # patterns, typing's caches...) only to free memory the system takes
        # back anyway, some 15 ms. Frozen objects are left alone. validate
        # leaves no file or connection to close in a reference cycle (the
        # interpreter flushes sys.stdout and sys.stderr itself).
        atexit.register(gc.freeze)
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
