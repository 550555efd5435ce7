"""``domxml firmware``: list firmware descriptors, preview libvirt's firmware choice."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def _pair(text: str) -> tuple[str, str]:
    code, sep, variables = text.partition(":")
    if not sep or not code or not variables:
        raise argparse.ArgumentTypeError(f"not CODE:VARS: {text!r}")
    return code, variables


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--root",
        metavar="DIR",
        help="read the descriptors under DIR (another host's tree) instead of /",
    )
    parser.add_argument(
        "--session",
        action="store_true",
        help="as libvirt's session daemon (qemu:///session): the user's descriptors"
        " ($XDG_CONFIG_HOME/qemu/firmware) count too",
    )
    parser.add_argument("--arch", metavar="ARCH", help="architecture (default: the host's)")
    parser.add_argument("--machine", metavar="MACHINE", help="machine type (e.g. pc-q35-9.2)")


def register(commands: Any) -> None:
    """Add ``firmware list`` and ``firmware resolve`` to the command parsers."""
    firmware = commands.add_parser(
        "firmware",
        help="list firmware descriptors; preview libvirt's firmware choice",
        description="QEMU firmware descriptors, and the firmware libvirt's QEMU driver"
        " would pick for a domain.",
    )
    firmware.set_defaults(run=run_firmware)
    actions = firmware.add_subparsers(dest="action", metavar="ACTION")
    listing = actions.add_parser(
        "list",
        help="the firmware descriptors, in the order libvirt tries them",
        description="List the firmware descriptors on the search path in the order libvirt"
        " tries them, with their images and features, then the files passed over"
        " (masked, invalid). --arch and --machine keep those for that target."
        " Exit status: 0, or 2 on error.",
    )
    _common(listing)
    listing.add_argument("--format", choices=("text", "json"), default="text")
    resolve = actions.add_parser(
        "resolve",
        help="print a domain with its firmware filled in as libvirt would",
        description="Fill in a domain's <loader>, <nvram>, firmware features and <smm> as"
        " libvirt's QEMU driver does when the domain is defined (--abi-update) or its"
        " definition re-read, and print it. Exit status: 0; 1 if libvirt would reject"
        " the domain or refuse to start it (a re-read definition is still printed);"
        " 2 on usage or input error.",
    )
    resolve.add_argument("file", metavar="FILE", help="a domain XML file, or - for standard input")
    _common(resolve)
    resolve.add_argument(
        "--abi-update",
        action="store_true",
        help="the domain is being defined now (virsh define), not re-read",
    )
    resolve.add_argument(
        "--nvram-dir",
        metavar="DIR",
        help="where NVRAM files go (default: /var/lib/libvirt/qemu/nvram)",
    )
    resolve.add_argument(
        "--nvram-pair",
        metavar="CODE:VARS",
        type=_pair,
        action="append",
        default=[],
        help="a pair of qemu.conf's legacy nvram list (repeatable)",
    )
    resolve.add_argument(
        "--style",
        choices=("libvirt", "parsed"),
        default="libvirt",
        help="libvirt's layout (default), or the input's with the changes",
    )
    resolve.add_argument(
        "--libvirt",
        metavar="VERSION",
        help="resolve as this libvirt release does (default: the host's libvirt; without"
        " one, the newest behaviour known: 11.3.0's). Before 9.2.0 the firmware is"
        " selected at start, and the definition keeps <os firmware='efi'> as written",
    )
    resolve.add_argument(
        "--explain",
        action="store_true",
        help="tell on standard error which descriptor was picked and why others were not",
    )


def run_firmware(args: argparse.Namespace) -> int:
    """Dispatch ``firmware list`` and ``firmware resolve``."""
    if args.action == "list":
        return run_list(args)
    if args.action == "resolve":
        return run_resolve(args)
    print("domxml: error: firmware needs an action: list or resolve", file=sys.stderr)
    return 2


def run_list(args: argparse.Namespace) -> int:
    """Print the catalogue; 0, or 2 on error."""
    from domxml.firmware.listing import catalog_json, catalog_text
    from domxml.firmware.search import load_catalog

    catalog = load_catalog(args.root, session=args.session)
    render = catalog_json if args.format == "json" else catalog_text
    sys.stdout.write(render(catalog, args.arch, args.machine))
    return 0


def _host_release() -> str | None:
    """The host's libvirt version (``$DOMXML_HOST_LIBVIRT``, or the installed library's)."""
    from domxml.validation.schemas import format_version, host_version

    host = host_version()
    return None if host is None else format_version(host)


def run_resolve(args: argparse.Namespace) -> int:
    """Resolve one domain; 0, 1 when libvirt would refuse it, 2 on input error."""
    import domxml
    from domxml.errors import DomxmlError
    from domxml.firmware.resolution import preview
    from domxml.firmware.search import load_catalog
    from domxml.models.domain import Domain

    try:
        source: Any = sys.stdin.buffer.read() if args.file == "-" else args.file
        domain = domxml.parse(source, filename="-" if args.file == "-" else None)
    except (DomxmlError, OSError) as e:
        print(f"domxml: error: {e}", file=sys.stderr)
        return 2
    if not isinstance(domain, Domain):
        print(f"domxml: error: {args.file} is not a <domain> document", file=sys.stderr)
        return 2
    catalog = load_catalog(args.root, session=args.session)
    for entry in catalog.invalid:
        print(f"domxml: warning: skipped {entry.path}: {entry.error}", file=sys.stderr)
    for problem in catalog.problems:
        print(f"domxml: warning: skipped {problem}", file=sys.stderr)
    try:
        release = args.libvirt or _host_release()
        result = preview(
            domain,
            catalog=catalog,
            arch=args.arch,
            machine=args.machine,
            abi_update=args.abi_update,
            session=args.session,
            nvram_dir=args.nvram_dir,
            legacy=args.nvram_pair,
            libvirt=release,
        )
    except DomxmlError as e:
        print(f"domxml: error: {e}", file=sys.stderr)
        return 2
    if args.explain:
        print(f"domxml: resolved as libvirt {release or '11.3.0'} does", file=sys.stderr)
        for path, reason in result.tried:
            print(f"domxml: passed over {path}: {reason}", file=sys.stderr)
        if result.chosen is not None:
            print(f"domxml: picked {result.chosen.path}", file=sys.stderr)
        elif result.legacy is not None:
            print(f"domxml: completed from nvram pair {':'.join(result.legacy)}", file=sys.stderr)
    if result.domain is not None:
        sys.stdout.write(domxml.to_xml(result.domain, style=args.style))
    if result.error is not None:
        if result.domain is not None:
            print(
                "domxml: error: libvirt keeps this definition but refuses to start the domain:"
                f" {result.error.message}",
                file=sys.stderr,
            )
        else:
            print(f"domxml: error: {result.error.message}", file=sys.stderr)
        return 1
    return 0
