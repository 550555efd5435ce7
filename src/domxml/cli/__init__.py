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
import os
import sys
from collections.abc import Sequence
from importlib import import_module
from typing import Any

import domxml

__all__ = ["main"]

#: The command modules (in domxml.cli), in the order ``domxml --help`` lists them.
#: Each is imported when its parser is built, not before.
COMMANDS = ("demo", "validate", "convert", "edit", "firmware", "apply", "new")

#: Commands whose parser is built alone when the command line names them, with
#: the module and function that build it: ``domxml validate`` runs in
#: pre-commit hooks and CI, where its start-up counts, and argparse takes
#: milliseconds to build every command's parser (importing their modules too).
ALONE: dict[str, tuple[str, str]] = {
    "validate": ("validate", "register_validate"),
    "schemas": ("validate", "register_schemas"),
}


def _command(name: str) -> Any:
    """The command module ``domxml.cli.NAME``."""
    return import_module(f"domxml.cli.{name}")


def _columns() -> int:
    """The terminal's width, as ``shutil.get_terminal_size()`` tells it."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0 and sys.__stdout__ is not None:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (ValueError, OSError):  # closed, detached, or not a terminal
            columns = 0
    return columns or 80


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's help formatter, reading the terminal's width without shutil.

    argparse makes one at every ``add_argument()`` (to check its ``nargs``),
    and its own imports shutil, with bz2 and lzma, for the width: some 2 ms
    of every start.
    """

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        if width is None:
            width = _columns() - 2  # as argparse.HelpFormatter does
        super().__init__(prog, indent_increment, max_help_position, width)


class _Parser(argparse.ArgumentParser):
    """An argument parser with :class:`_HelpFormatter`; so are its commands' parsers."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)


def _parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command-line parser: for ``argv`` naming a command of :data:`ALONE`, that one only."""
    parser = _Parser(
        prog="domxml",
        description="Typed, lossless models for libvirt XML.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    if argv is not None and list(argv) == ["--version"]:
        return parser  # needs no command's parser
    alone = ALONE.get(argv[0]) if argv else None
    if alone is not None:
        module, register = alone
        getattr(_command(module), register)(commands)
    else:
        for name in COMMANDS:
            _command(name).register(commands)
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
        # Nor does it make cycles worth collecting while it runs (a parsed
        # document, a report, is freed by reference counting), yet the
        # explainer's patterns and a few objects per document would trigger
        # collections walking them again and again: some 5 ms.
        gc.disable()
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
