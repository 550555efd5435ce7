"""``domxml new``: a complete domain from virt-install-like options, as XML or YAML.

The options say what the guest is; :func:`domxml.build.vm` decides the
rest. This module only turns the options into that call's arguments.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any


def _size_text(text: str) -> str | int:
    """``--memory 4096`` is MiB, as virt-install's; ``--memory 4GiB`` keeps its unit."""
    return int(text) if text.isdigit() else text


def _options(text: str, first: str) -> dict[str, str]:
    """``PATH,size=20,bus=sata`` (the first item may be bare, named ``first``)."""
    result: dict[str, str] = {}
    for n, item in enumerate(text.split(",")):
        key, sep, value = item.partition("=")
        if not sep:
            if n == 0:
                result[first] = item
                continue
            raise argparse.ArgumentTypeError(f"not KEY=VALUE: {item!r} in {text!r}")
        result[key.strip()] = value
    return result


def register(commands: Any) -> None:
    """Add ``new`` to the command parsers."""
    new = commands.add_parser(
        "new",
        help="write a complete domain from a few options (like virt-install --print-xml)",
        description="Write a complete libvirt domain from what the guest is: the machine,"
        " firmware, virtio or emulated devices and the companions virt-install adds"
        " (docs/building.md). Nothing is defined: pipe it to 'domxml apply -' or save it"
        " with -o. Exit status: 0 written; 1 the host cannot run it (--domcaps, -c);"
        " 2 usage error.",
    )
    new.add_argument("--name", required=True, help="the guest's name")
    new.add_argument("--memory", type=_size_text, help="MiB, or a size with its unit: 4GiB")
    new.add_argument("--vcpus", type=int, help="number of virtual CPUs")
    new.add_argument(
        "--osinfo",
        "--os-variant",
        dest="osinfo",
        default="generic",
        help="the OS, as libosinfo's short id (debian12, win11...); default: generic",
    )
    new.add_argument(
        "--disk",
        action="append",
        default=[],
        metavar="PATH[,size=GiB,bus=,format=,cache=,discard=]",
        help="a disk (repeatable); a path under /dev is a block device",
    )
    new.add_argument("--cdrom", action="append", default=[], metavar="ISO", help="a CD-ROM")
    new.add_argument(
        "--seed", action="append", default=[], metavar="ISO", help="a cloud-init NoCloud seed ISO"
    )
    new.add_argument(
        "--network",
        action="append",
        default=[],
        metavar="OPTS",
        help="bridge=BR | network=NAME | type=direct,source=DEV[,source_mode=MODE],"
        " then [,model=M][,mac=MAC] (repeatable)",
    )
    new.add_argument("--boot", choices=("uefi", "bios"), help="firmware (default: the OS's)")
    new.add_argument("--secure-boot", choices=("on", "off"), help="with UEFI: Secure Boot")
    new.add_argument("--graphics", choices=("none", "vnc", "spice"), help="display (default: none)")
    new.add_argument("--arch", help="guest architecture (default: x86_64)")
    new.add_argument("--machine", help="machine type (default: q35; virt on aarch64)")
    new.add_argument("--virt-type", choices=("kvm", "qemu"), help="domain type (default: kvm)")
    new.add_argument(
        "--tpm",
        choices=("auto", "emulator", "none"),
        default="auto",
        help="an emulated TPM 2.0 (auto: with UEFI when the host can, or when the OS needs one)",
    )
    new.add_argument("--no-agent", action="store_true", help="no guest agent channel")
    new.add_argument("--no-console", action="store_true", help="no serial console")
    host = new.add_mutually_exclusive_group()
    host.add_argument(
        "--domcaps", metavar="FILE", help="the host's domain capabilities (virsh domcapabilities)"
    )
    host.add_argument(
        "-c", "--connect", metavar="URI", help="read the domain capabilities from libvirt at URI"
    )
    new.add_argument("--format", choices=("xml", "yaml"), default="xml", help="default: xml")
    new.add_argument("-o", "--output", metavar="FILE", help="write here (default: standard output)")
    new.set_defaults(run=run_new)


def _one_of(value: str | None, kind: Any, what: str) -> Any:
    """``value`` when it is one of the literal type ``kind``'s values (or ``None``)."""
    from typing import get_args

    if value is not None and value not in get_args(kind):
        allowed = ", ".join(get_args(kind))
        raise argparse.ArgumentTypeError(f"not a {what}: {value!r} (one of: {allowed})")
    return value


def _disk(text: str) -> Any:
    from domxml.build import disk
    from domxml.build.devices import BusKind

    opts = _options(text, "path")
    path = opts.pop("path", None)
    size = opts.pop("size", None)
    if path is None:
        raise argparse.ArgumentTypeError(f"--disk {text!r}: no path")
    known = {"bus", "format", "cache", "discard"}
    unknown = set(opts) - known
    if unknown:
        raise argparse.ArgumentTypeError(f"--disk: unknown option {sorted(unknown)[0]!r}")
    return disk(
        path,
        size=_size_text(size) if size else None,
        bus=_one_of(opts.get("bus"), BusKind, "disk bus"),
        format=opts.get("format"),
        cache=opts.get("cache"),
        discard=opts.get("discard"),
    )


def _nic(text: str) -> Any:
    from domxml.build import bridge, direct, network
    from domxml.build.devices import MacvtapMode

    opts = _options(text, "network")
    model, mac = opts.pop("model", None), opts.pop("mac", None)
    if "bridge" in opts:
        return bridge(opts["bridge"], model=model, mac=mac)
    if opts.get("type") == "direct":
        if "source" not in opts:
            raise argparse.ArgumentTypeError(f"--network {text!r}: direct needs source=DEV")
        mode = _one_of(opts.get("source_mode", "bridge"), MacvtapMode, "macvtap mode")
        return direct(opts["source"], mode=mode, model=model, mac=mac)
    if "network" in opts:
        return network(opts["network"], model=model, mac=mac)
    raise argparse.ArgumentTypeError(f"--network {text!r}: give bridge=, network= or type=direct")


def build_args(args: argparse.Namespace) -> dict[str, Any]:
    """The keyword arguments of :func:`domxml.build.vm` these options say."""
    from domxml.build import cdrom, seed

    disks = [_disk(text) for text in args.disk]
    disks += [cdrom(path) for path in args.cdrom]
    disks += [seed(path) for path in args.seed]
    kwargs: dict[str, Any] = {
        "os": args.osinfo,
        "disks": disks,
        "nics": [_nic(text) for text in args.network],
    }
    optional = {
        "memory": args.memory,
        "vcpus": args.vcpus,
        "firmware": {"uefi": "efi", "bios": "bios"}.get(args.boot or ""),
        "secure_boot": {"on": True, "off": False}.get(args.secure_boot or ""),
        "graphics": args.graphics,
        "arch": args.arch,
        "machine": args.machine,
        "domain_type": args.virt_type,
        "tpm": {"emulator": True, "none": False}.get(args.tpm),
        "agent": False if args.no_agent else None,
        "console": False if args.no_console else None,
    }
    kwargs.update({k: v for k, v in optional.items() if v is not None})
    return kwargs


def run_new(args: argparse.Namespace) -> int:
    """Build and write the domain; 0, 1 when the host cannot run it, 2 on usage error."""
    import domxml
    from domxml.build import DEFAULTS, HostCaps, HostSupportError, from_connection, vm
    from domxml.errors import DomxmlError

    try:
        kwargs = build_args(args)
        if args.domcaps:
            kwargs["host"] = HostCaps.from_file(args.domcaps)
        elif args.connect:
            from domxml.apply import connect

            conn = connect(args.connect)
            try:
                kwargs["host"] = from_connection(
                    conn,
                    arch=args.arch,
                    machine=args.machine or DEFAULTS.machines.get(args.arch or DEFAULTS.arch),
                    domain_type=args.virt_type,
                )
            finally:
                conn.close()
        dom = vm(args.name, **kwargs)
    except HostSupportError as error:
        print(f"domxml: {error}", file=sys.stderr)
        return 1
    except (DomxmlError, argparse.ArgumentTypeError) as error:
        print(f"domxml: error: {error}", file=sys.stderr)
        return 2
    text = domxml.to_yaml(dom) if args.format == "yaml" else domxml.to_xml(dom)
    if args.output and args.output != "-":
        try:
            with open(args.output, "w", encoding="utf-8") as out:
                out.write(text)
        except OSError as error:
            print(f"domxml: error: cannot write {args.output}: {error.strerror}", file=sys.stderr)
            return 2
    else:
        sys.stdout.write(text)
    return 0
