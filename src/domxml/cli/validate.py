"""``domxml validate`` and ``domxml schemas``: libvirt schema linting."""

from __future__ import annotations

import argparse
import sys
from typing import Any

import domxml

# domxml.validation.kinds.KINDS' names, without importing it to start.
_KINDS = (
    "domain, network, networkport, pool, volume, domainsnapshot, domaincheckpoint,"
    " domainbackup, capabilities, domainCapabilities, device (a node device), secret,"
    " filter, filterbinding, interface (a host's), storagepoolCapabilities, cpu,"
    " domaindevice (a single domain device: <disk>, <interface>...)"
)


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def register(commands: Any) -> None:
    """Add ``validate`` and ``schemas`` to the command parsers."""
    register_validate(commands)
    register_schemas(commands)


def register_validate(commands: Any) -> None:
    """Add ``validate`` to the command parsers."""
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
        " missing; default: the host's libvirt, else the newest available)",
    )
    validate.add_argument(
        "--schemas",
        choices=("auto", "domxml"),
        default="auto",
        help="domxml: check against domxml's own grammar (generated from its models) even"
        " where libvirt's schemas are found; auto (default): libvirt's, domxml's without them",
    )
    validate.add_argument(
        "--type",
        dest="kind",
        metavar="KIND",
        help="document kind, instead of telling it from the root element (and a root"
        f" <interface>'s content): {_KINDS}",
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
    validate.add_argument(
        "--strict",
        action="store_true",
        help="treat warnings (what may fail, firmware mistakes...) as errors",
    )
    validate.add_argument(
        "--domcaps",
        action="append",
        default=[],
        metavar="FILE",
        help="domain capabilities (virsh domcapabilities) for the host-aware rules;"
        " repeatable: the one matching a domain's type, arch and machine is used",
    )
    validate.add_argument(
        "-c",
        "--connect",
        metavar="URI",
        help="the libvirt at URI: its version's schemas (without --libvirt) and its domain"
        " capabilities for the host-aware rules (needs libvirt-python)",
    )
    validate.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="RULE",
        help="do not run this rule (repeatable, or comma-separated); see docs/lint.md",
    )
    validate.add_argument(
        "--enable",
        action="append",
        default=[],
        metavar="RULE",
        help="run this rule, off by default (repeatable, or comma-separated)",
    )
    validate.add_argument(
        "--schema-only",
        action="store_true",
        help="check libvirt's schema alone: no semantic rule, no lint warning",
    )
    validate.set_defaults(run=run_validate)


def register_schemas(commands: Any) -> None:
    """Add ``schemas`` (``list``, ``import``) to the command parsers."""
    schemas = commands.add_parser(
        "schemas",
        help="list or import libvirt schema sets",
        description="libvirt schema sets by version: the system's, imported ones,"
        " and those in $DOMXML_SCHEMA_PATH.",
    )
    schemas.set_defaults(run=run_schemas)
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
    fetch = actions.add_parser(
        "fetch",
        help="download a libvirt release and import its schemas",
        description="Download libvirt-VERSION.tar.xz from libvirt's release site over HTTPS"
        " (through the proxy $https_proxy names), check its SHA-256 (a known release's, or"
        " --sha256), and import its schemas. Exit status: 0 imported; 2 on a download error"
        " or a checksum mismatch (nothing imported).",
    )
    fetch.add_argument("release", metavar="VERSION", help="the libvirt release, e.g. 12.9.0")
    fetch.add_argument(
        "--site", metavar="URL", default=None, help="where releases are (default: libvirt's)"
    )
    fetch.add_argument("--sha256", metavar="HEX", help="the tarball's expected SHA-256")
    fetch.add_argument(
        "--no-checksum",
        dest="verify",
        action="store_false",
        help="import a release whose checksum domxml does not know, unchecked",
    )


def run_validate(args: argparse.Namespace) -> int:
    """Validate; 0 all valid, 1 some invalid, 2 usage or I/O error."""
    from domxml.validation.run import run_validate as validate_paths

    return validate_paths(
        args.paths,
        libvirt=args.libvirt,
        kind=args.kind,
        fmt=args.format,
        quiet=args.quiet,
        jobs=args.jobs,
        version=domxml.__version__,
        strict=args.strict,
        domcaps=args.domcaps,
        connect=args.connect,
        schemas=args.schemas,
        disable=_ids(args.disable),
        enable=_ids(args.enable),
        schema_only=args.schema_only,
    )


def _ids(values: list[str]) -> list[str]:
    """Rule ids given as repeated and comma-separated options."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def run_schemas(args: argparse.Namespace) -> int:
    """List or import schema sets."""
    from domxml.validation.run import run_fetch, run_import, run_list

    if args.action == "list":
        return run_list()
    if args.action == "import":
        return run_import(args.source, args.libvirt_version)
    if args.action == "fetch":
        return run_fetch(args.release, site=args.site, sha256=args.sha256, verify=args.verify)
    print("domxml: error: schemas needs an action: list, import or fetch", file=sys.stderr)
    return 2
