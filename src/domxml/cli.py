"""The ``domxml`` command line: argument parsing only; the work is in the library.

Heavy modules (lxml, the models, the validator) are imported by the command
that needs them, so that ``domxml --version`` starts at once.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import domxml

__all__ = ["main"]

_KINDS = (
    "domain, network, networkport, pool, volume, domainsnapshot, domaincheckpoint,"
    " domainbackup, capabilities, domainCapabilities, device, secret, filter,"
    " filterbinding, interface, storagepoolCapabilities"
)


def _version() -> str:
    return domxml.__version__


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="domxml",
        description="Typed, lossless models for libvirt XML.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser(
        "demo",
        help="round-trip and validate the bundled example documents",
        description="Parse each bundled example document, write it back and compare;"
        " validate it against the newest libvirt schemas available.",
    )
    validate = commands.add_parser(
        "validate",
        help="validate documents against libvirt's schemas",
        description="Validate libvirt XML documents against libvirt's RELAX NG schemas"
        " of a given libvirt version. Exit status: 0 all valid, 1 some invalid,"
        " 2 usage or I/O error.",
    )
    validate.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="a file, a directory (every *.xml below it), a glob, or - for standard input",
    )
    validate.add_argument(
        "--libvirt",
        metavar="VERSION",
        help="validate with this libvirt version's schemas (the nearest older one if"
        " missing; default: the newest available)",
    )
    validate.add_argument(
        "--type",
        dest="kind",
        metavar="KIND",
        help=f"document kind, instead of telling it from the root element: {_KINDS}",
    )
    validate.add_argument(
        "--format", choices=("text", "json", "sarif"), default="text", help="output format"
    )
    validate.add_argument(
        "-q", "--quiet", action="store_true", help="print the errors only (no summary, no progress)"
    )
    validate.add_argument(
        "-j", "--jobs", type=_jobs, default=1, metavar="N", help="worker processes (default 1)"
    )
    schemas = commands.add_parser(
        "schemas",
        help="list or import libvirt schema sets",
        description="libvirt schema sets by version: the system's, imported ones,"
        " and those in $DOMXML_SCHEMA_PATH.",
    )
    actions = schemas.add_subparsers(dest="action", metavar="ACTION")
    actions.add_parser("list", help="list the schema sets found")
    add = actions.add_parser(
        "import",
        help="import a schema set",
        description="Import libvirt's schemas from a release tarball (libvirt-X.Y.Z.tar.xz),"
        " an unpacked source tree, or a directory of .rng files (with --version) into"
        " the user's cache directory ($XDG_CACHE_HOME/domxml/schemas).",
    )
    add.add_argument("source", metavar="PATH", help="tarball, source tree or directory")
    add.add_argument(
        "--version", dest="libvirt_version", metavar="X.Y.Z", help="the libvirt version"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``domxml`` command with *argv* (default: ``sys.argv[1:]``); return the exit code.

    ``demo`` exits 1 when any example does not round-trip or validate;
    ``validate`` exits 0 when every document is valid, 1 when some is not,
    2 on a usage or I/O error; a missing or unknown command exits 2.
    """
    parser = _parser()
    args = parser.parse_args(argv)
    if args.version:
        print(f"domxml {_version()}")
        return 0
    if args.command == "demo":
        from domxml.tools.demo import format_results, run_demo

        demo = run_demo()
        print(format_results(demo))
        return 0 if demo.ok else 1
    if args.command == "validate":
        from domxml.validation.run import run_validate

        return run_validate(
            args.paths,
            libvirt=args.libvirt,
            kind=args.kind,
            fmt=args.format,
            quiet=args.quiet,
            jobs=args.jobs,
            version=_version(),
        )
    if args.command == "schemas":
        from domxml.validation.run import run_import, run_list

        if args.action == "list":
            return run_list()
        if args.action == "import":
            return run_import(args.source, args.libvirt_version)
        print("domxml: error: schemas needs an action: list or import", file=sys.stderr)
        return 2
    parser.print_usage(sys.stderr)
    print("domxml: error: a command is required (try: domxml demo)", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
