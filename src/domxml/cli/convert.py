"""``domxml convert``, ``domxml fmt`` and ``domxml schema``: documents as data, and layout."""

from __future__ import annotations

import argparse
from typing import Any

# domxml.convert.schemas.TYPES, without importing the models to start.
_TYPES = (
    "domain",
    "network",
    "pool",
    "volume",
    "snapshot",
    "capabilities",
    "domaincaps",
    "nodedev",
    "secret",
    "nwfilter",
    "nwfilterbinding",
    "interface",
    "networkport",
    "checkpoint",
    "backup",
    "storagepoolcaps",
    "cpu",
)


def register(commands: Any) -> None:
    """Add ``convert``, ``fmt`` and ``schema`` to the command parsers."""
    convert = commands.add_parser(
        "convert",
        help="convert documents between XML, JSON, YAML and hypervisors' own formats",
        description="Convert libvirt documents between XML, JSON and YAML, without loss"
        " (docs/json-mapping.md), and domains from and to VMware .vmx, Xen xl and xm"
        " files and (reading only) LXC configurations, offline (docs/native.md). The"
        " input format is --from, else the file extension, else from the content. The"
        " output format is --to, else -o's extension, else the input's own with"
        " --in-place, else JSON for XML input and XML otherwise. What a native"
        " conversion cannot represent is printed as a warning naming the key."
        " Writes are atomic; an input is never overwritten without --in-place."
        " Exit status: 0 all converted, 1 some could not be, 2 usage error.",
    )
    convert.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="a file, a directory (every .xml, .json, .yaml, .yml below it), a glob,"
        " or - for standard input",
    )
    convert.add_argument(
        "--from",
        dest="from_",
        metavar="FORMAT",
        choices=("xml", "json", "yaml", "vmx", "xl", "xm", "lxc"),
        help="input format: xml, json, yaml, vmx, xl, xm or lxc (default: from the file)",
    )
    convert.add_argument(
        "--to",
        metavar="FORMAT",
        choices=("xml", "json", "yaml", "vmx", "xl", "xm"),
        help="output format: xml, json, yaml, vmx, xl or xm",
    )
    where = convert.add_mutually_exclusive_group()
    where.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="output file (- for standard output, the default), or a directory for several inputs",
    )
    where.add_argument("--in-place", action="store_true", help="rewrite each input file in place")
    convert.add_argument(
        "--style",
        choices=("parsed", "libvirt"),
        default="parsed",
        help="XML layout: as parsed (default) or libvirt's own",
    )
    vmx = convert.add_argument_group("VMware .vmx files")
    vmx.add_argument(
        "--datastore",
        metavar="NAME",
        help="the datastore the .vmx file is in: /vmfs/volumes/NAME/path is [NAME] path,"
        " and a bare file name is in --vmx-directory there",
    )
    vmx.add_argument(
        "--vmx-directory", metavar="DIR", help="the .vmx file's folder in its datastore"
    )
    vmx.add_argument(
        "--virtual-hw-version",
        type=int,
        default=4,
        metavar="N",
        help="virtualHW.version of a written .vmx file (default: 4)",
    )
    convert.set_defaults(run=run_convert)

    fmt = commands.add_parser(
        "fmt",
        help="rewrite XML files in libvirt's own layout",
        description="Rewrite libvirt XML files in the layout libvirt's own formatter"
        " uses (element and attribute order, indentation, quoting), keeping their"
        " content. Exit status: 0 done (or, with --check, nothing to do), 1 --check"
        " found files to reformat, 2 usage error or a file that cannot be read.",
    )
    fmt.add_argument(
        "paths",
        nargs="+",
        metavar="FILE",
        help="an XML file, a directory (every *.xml below it), a glob, or - for stdin",
    )
    fmt.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if a file would change"
    )
    fmt.set_defaults(run=run_fmt)

    schema = commands.add_parser(
        "schema",
        help="export the JSON Schema or XSD of libvirt documents",
        description="Export schemas generated from domxml's models: the JSON Schema"
        " (2020-12) of the JSON/YAML form, for editors (docs/editor-setup.md), or an"
        " XSD 1.1 of the XML. Exit status: 0 done, 2 usage or I/O error.",
    )
    actions = schema.add_subparsers(dest="action", metavar="ACTION")
    export = actions.add_parser("export", help="write a schema")
    export.add_argument(
        "--format",
        choices=("jsonschema", "xsd", "rng"),
        default="jsonschema",
        help="schema language (rng: RELAX NG, one grammar per document kind, into -o DIR)",
    )
    export.add_argument(
        "--type",
        dest="kind",
        choices=_TYPES,
        help="document type (default: all of them in one schema)",
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="output file (default: standard output); an XSD's namespace schemas are"
        " written beside it",
    )
    schema.set_defaults(run=run_schema)


def run_convert(args: argparse.Namespace) -> int:
    """Convert; 0 all converted, 1 some could not be, 2 usage error."""
    from domxml.convert.run import run_convert as convert

    native = {
        "datastore": args.datastore,
        "vmx_directory": args.vmx_directory,
        "virtual_hw_version": args.virtual_hw_version,
    }
    return convert(
        args.inputs,
        to=args.to,
        output=args.output,
        in_place=args.in_place,
        style=args.style,
        from_=args.from_,
        native=native,
    )


def run_fmt(args: argparse.Namespace) -> int:
    """Format; 0 done, 1 ``--check`` found files to reformat, 2 errors."""
    from domxml.convert.run import run_fmt as fmt

    return fmt(args.paths, check=args.check)


def run_schema(args: argparse.Namespace) -> int:
    """Export a schema; 0 done, 2 usage or I/O error."""
    import sys

    if args.action != "export":
        print("domxml: error: schema needs an action: export", file=sys.stderr)
        return 2
    from domxml.convert.run import run_schema_export

    return run_schema_export(args.format, args.kind, args.output)
