"""``domxml set``: a one-line edit of a document by field path, like ``virt-xml --edit``."""

from __future__ import annotations

import argparse
from typing import Any


class _Ordered(argparse.Action):
    """Collect ``--remove`` and ``--add`` in the order given, in one list."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        edits = list(getattr(namespace, "edits", None) or [])
        edits.append((self.const, values))
        namespace.edits = edits


def register(commands: Any) -> None:
    """Add ``set`` to the command parsers."""
    edit = commands.add_parser(
        "set",
        help="change fields of a document by their path",
        description="Change a libvirt XML document by field path, offline, like virt-xml"
        " --edit: PATH names fields as the JSON/YAML mapping does (memory=8GiB,"
        " devices.disks[0].target.dev=vdb, devices.interfaces[mac.address=52:54:00:12:34:56]"
        ".source.bridge=br1). The values are checked against the models, the result against"
        " libvirt's schema (when schemas are found), and the file is rewritten atomically with"
        " only the edited elements changed. The PATH=VALUE edits come first, then --remove and"
        " --add in their order. Exit status: 0 done, 1 the result is not valid (nothing"
        " written), 2 a wrong path or value, or a file that cannot be read or written.",
    )
    edit.add_argument(
        "file", metavar="FILE", help="the XML document, or - (standard input to output)"
    )
    edit.add_argument("assignments", nargs="*", metavar="PATH=VALUE", help="set a field")
    edit.add_argument(
        "--remove",
        action=_Ordered,
        const="remove",
        metavar="PATH",
        help="remove a list item (devices.disks[1]), a list, an element or a value",
    )
    edit.add_argument(
        "--add",
        action=_Ordered,
        const="add",
        metavar="PATH=FRAGMENT",
        help="add an element given as XML: devices.interfaces=\"<interface type='network'>...\"",
    )
    edit.add_argument(
        "--no-validate", action="store_true", help="skip the schema check of the result"
    )
    edit.add_argument("--libvirt", metavar="VERSION", help="the schema set (default: the newest)")
    edit.set_defaults(run=run_set, edits=None)


def run_set(args: argparse.Namespace) -> int:
    """Edit; 0 done, 1 invalid result, 2 wrong edit or I/O error."""
    from domxml.convert.run import run_set as edit

    edits = [("set", text) for text in args.assignments] + list(args.edits or [])
    return edit(args.file, edits, validate=not args.no_validate, libvirt=args.libvirt)
