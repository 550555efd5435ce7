"""``domxml diff``, ``plan``, ``apply`` and ``remove``: libvirt objects, idempotently."""

from __future__ import annotations

import argparse
import sys
from typing import Any

_CONNECT_HELP = (
    "libvirt URI, as virsh -c (default: $LIBVIRT_DEFAULT_URI, then libvirt.conf's uri_default)"
)
_REFS = (
    "domain:NAME, network:NAME, pool:NAME, volume:POOL/NAME, snapshot:DOMAIN/NAME,"
    " checkpoint:DOMAIN/NAME, networkport:NETWORK/UUID, secret:UUID (or"
    " secret:USAGE-TYPE:ID), nwfilter:NAME, nwfilterbinding:PORTDEV or interface:NAME"
)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-c", "--connect", metavar="URI", help=_CONNECT_HELP)
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")


def _documents(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="libvirt XML documents (- for standard input)"
    )
    parser.add_argument("--pool", metavar="NAME", help="the pool of volume documents")
    parser.add_argument(
        "--domain", metavar="NAME", help="the domain of snapshot and checkpoint documents"
    )
    parser.add_argument("--network", metavar="NAME", help="the network of network port documents")
    parser.add_argument(
        "--secret-value-file",
        metavar="[SECRET=]FILE",
        action="append",
        default=[],
        help="the value of a secret: FILE's bytes, as they are (no newline stripped; never"
        " shown). SECRET is the secret's UUID, USAGE-TYPE:ID or document file; without it,"
        " the only secret among the documents. Repeatable",
    )


def register(commands: Any) -> None:
    """Add ``diff``, ``plan``, ``apply`` and ``remove`` to the command parsers."""
    diff = commands.add_parser(
        "diff",
        help="compare two documents, or a document with a live object",
        description="Semantic diff: typed values are compared (0x1 = 1, 1 GiB = 1048576"
        " KiB), and what libvirt generates on its own (UUID, MACs, addresses...) is not a"
        f" change when DESIRED leaves it out. ACTUAL and DESIRED are files or {_REFS}."
        " Exit status: 0 no differences, 1 differences, 2 error.",
    )
    diff.add_argument("desired", metavar="DESIRED", help="the document as it should be")
    diff.add_argument("actual", metavar="ACTUAL", help="what it is compared with")
    diff.add_argument(
        "--all", action="store_true", help="compare every field, libvirt's generated ones too"
    )
    _common(diff)
    diff.set_defaults(run=run_diff)

    plan = commands.add_parser(
        "plan",
        help="show what apply would do",
        description="For each document: create, update (with the field-level diff against"
        " the inactive definition), unchanged, or conflict. An update libvirt cannot make in"
        " place (a network port, a filter binding, a secret's usage) deletes the object and"
        " creates it again: the step says so. An object still as domxml"
        " applied the document (its last-applied record says so) is unchanged, with what"
        " libvirt does not keep listed. Every document is validated first."
        " Exit status: 0 planned, 1 invalid input, a conflict or a libvirt error.",
    )
    _documents(plan)
    _common(plan)
    plan.set_defaults(run=run_plan)

    apply = commands.add_parser(
        "apply",
        help="define, create or update libvirt objects from documents",
        description="Validate every document (nothing is defined if any is invalid), then"
        " define secrets, network filters, host interfaces, networks, network ports, pools,"
        " volumes, domains, snapshots, checkpoints and filter bindings in that order,"
        " keeping existing UUIDs (what libvirt cannot change in place is deleted and"
        " created again, as the plan says); report what libvirt did not keep, and record"
        " what was applied in each domain's and network's <metadata>. A second apply"
        " changes nothing."
        " Exit status: 0 applied, 1 failure (the objects applied before it are listed).",
    )
    _documents(apply)
    apply.add_argument("--dry-run", action="store_true", help="plan only; change nothing")
    apply.add_argument("--start", action="store_true", help="start domains, networks and pools")
    apply.add_argument(
        "--autostart", action="store_true", help="start domains, networks and pools on boot"
    )
    apply.add_argument(
        "--strict",
        action="store_true",
        help="fail (and put the object back) when libvirt drops or changes anything",
    )
    _common(apply)
    apply.set_defaults(run=run_apply)

    remove = commands.add_parser(
        "remove",
        help="undefine or delete libvirt objects",
        description=f"Remove objects named {_REFS}. Removing an absent object is not an"
        " error. Exit status: 0 removed (or absent), 1 failure.",
    )
    remove.add_argument("refs", nargs="+", metavar="KIND:NAME", help="the objects to remove")
    remove.add_argument("--force", action="store_true", help="stop running domains first")
    remove.add_argument(
        "--nvram",
        choices=("keep", "remove"),
        default="keep",
        help="what becomes of a UEFI domain's NVRAM file (default: keep)",
    )
    remove.add_argument(
        "--delete-volumes", action="store_true", help="delete a pool's volumes with it"
    )
    _common(remove)
    remove.set_defaults(run=run_remove)


def _fail(error: Exception) -> int:
    print(f"domxml: error: {error}", file=sys.stderr)
    return 1


def _sources(files: list[str]) -> list[Any]:
    """The documents to plan or apply: paths, and ``-`` read from standard input (once)."""
    import domxml
    from domxml.apply.plan import Document

    if files.count("-") > 1:
        raise domxml.DomxmlError("-: standard input can be read only once")
    return [
        Document(domxml.parse(sys.stdin.buffer.read(), filename="-"), "-") if f == "-" else f
        for f in files
    ]


def _options(args: argparse.Namespace) -> dict[str, Any]:
    """What holds volumes, snapshots and ports, and the secrets' values, for plan and apply."""
    return {
        "pool": args.pool,
        "domain": args.domain,
        "network": args.network,
        "secret_values": secret_values(args.secret_value_file),
    }


def secret_values(specs: list[str]) -> dict[str, bytes]:
    """``--secret-value-file [SECRET=]FILE`` options as the values they give, by secret.

    ``SECRET=`` is read as a name when what precedes the first ``=`` is not
    a file (a path with ``=`` in it is still a path).
    """
    import os

    import domxml

    values: dict[str, bytes] = {}
    for spec in specs:
        key, sep, path = spec.partition("=")
        if not sep or os.path.exists(spec):
            key, path = "", spec
        try:
            with open(path, "rb") as f:
                values[key] = f.read()
        except OSError as e:
            raise domxml.DomxmlError(f"--secret-value-file {spec}: {e.strerror}") from e
    return values


def _side(text: str, conn: list[Any], uri: str | None) -> Any:
    """A document from a file, or a live object's definition from ``KIND:NAME``."""
    import domxml
    from domxml.apply import connect
    from domxml.apply.handler import REFERENCES
    from domxml.apply.objects import Ref, handler_for, read_model

    kind, sep, _rest = text.partition(":")
    if sep and kind in REFERENCES:
        ref = Ref.parse(text)
        if not conn:
            conn.append(connect(uri))
        handler = handler_for(ref.kind)
        obj = handler.lookup(conn[0], ref)
        if obj is None:
            raise domxml.DomxmlError(f"there is no {ref}")
        return read_model(handler, obj, ref)[1]
    return domxml.parse(text)


def run_diff(args: argparse.Namespace) -> int:
    """Compare; 0 no differences, 1 differences, 2 error."""
    import domxml
    from domxml.apply import diff
    from domxml.apply.json_reports import DiffReport
    from domxml.apply.report import format_diff, to_json

    conn: list[Any] = []
    try:
        desired = _side(args.desired, conn, args.connect)
        actual = _side(args.actual, conn, args.connect)
        changes = diff(desired, actual, generated=not args.all)
    except domxml.DomxmlError as e:
        print(f"domxml: error: {e}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(to_json(DiffReport(args.desired, args.actual, changes).to_dict()))
    else:
        print(format_diff(changes, args.desired, args.actual))
    return 1 if changes else 0


def run_plan(args: argparse.Namespace) -> int:
    """Plan; 0 planned, 1 failure or conflict."""
    import domxml
    from domxml.apply import connect, plan
    from domxml.apply.plan import CONFLICT
    from domxml.apply.report import format_plan, to_json

    try:
        sources = _sources(args.files)
        result = plan(connect(args.connect), sources, **_options(args))
    except domxml.DomxmlError as e:
        return _fail(e)
    print(to_json(result.as_dict()) if args.format == "json" else format_plan(result))
    return 1 if result.count(CONFLICT) else 0


def run_apply(args: argparse.Namespace) -> int:
    """Apply; 0 applied, 1 failure."""
    import domxml
    from domxml.apply import apply, connect
    from domxml.apply.report import format_result, to_json

    try:
        sources = _sources(args.files)
        result = apply(
            connect(args.connect),
            sources,
            start=args.start,
            autostart=args.autostart,
            strict=args.strict,
            dry_run=args.dry_run,
            **_options(args),
        )
    except domxml.DomxmlError as e:
        return _fail(e)
    print(to_json(result.as_dict()) if args.format == "json" else format_result(result))
    return 0


def run_remove(args: argparse.Namespace) -> int:
    """Remove; 0 removed or absent, 1 failure."""
    import domxml
    from domxml.apply import connect, remove
    from domxml.apply.json_reports import RemovalReport, RemovalsReport
    from domxml.apply.report import format_removals, to_json

    try:
        removals = remove(
            connect(args.connect),
            args.refs,
            force=args.force,
            nvram=args.nvram,
            delete_volumes=args.delete_volumes,
        )
    except domxml.DomxmlError as e:
        return _fail(e)
    if args.format == "json":
        print(to_json(RemovalsReport([RemovalReport.of(r) for r in removals]).to_dict()))
    else:
        print(format_removals(removals))
    return 0
