"""Editing one field of a large domain: written as parsed, against writing it all.

Usage: ``python bench/edit.py [--devices N] [--repeat N]``.

A domain with N devices (disks and interfaces, 100 by default) is built in
code and written out once; that text is the document. Each loop parses it
``--loops`` times and then, per loop:

- floor: lxml parses the text and serialises it again;
- unchanged: ``to_xml(parse(text))``, nothing changed: the source comes back;
- one field: parse, change the memory size, ``to_xml``: every unchanged
  element is written as its source text;
- everything: parse, change the memory size, write every model out
  (``verbatim=False``), what a change cost before per-element tracking.

Best of N; the ratios are against the floor measured in the same run.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from lxml import etree
from timing import best_of

import domxml
from domxml.binding import write_document
from domxml.models.domain import (
    BridgeInterface,
    BridgeSource,
    Devices,
    Disk,
    DiskTarget,
    FileDiskSource,
    Mac,
)
from domxml.models.domain.memory import Memory
from domxml.safe_xml import safe_parser


def document(devices: int) -> str:
    """A domain with ``devices`` devices, half disks and half interfaces."""
    disks = [
        Disk(
            type="file",
            source=FileDiskSource(file=f"/var/lib/libvirt/images/d{i}.qcow2"),
            target=DiskTarget(dev=f"vd{i}"),
        )
        for i in range(devices // 2)
    ]
    nics = [
        BridgeInterface(
            mac=Mac(address=f"52:54:00:00:{i // 256:02x}:{i % 256:02x}"),
            source=BridgeSource(bridge="br0"),
        )
        for i in range(devices - devices // 2)
    ]
    dom = domxml.Domain(
        type="kvm",
        name="big",
        memory=Memory(value=4194304, unit="KiB"),
        devices=Devices(disks=disks, interfaces=nics),
    )
    return domxml.to_xml(dom)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print one line per case."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--devices", type=int, default=100, metavar="N")
    parser.add_argument("--repeat", type=int, default=5, metavar="N", help="best of N")
    parser.add_argument("--loops", type=int, default=50, metavar="N", help="documents per timing")
    args = parser.parse_args(argv)
    text = document(args.devices)
    data = text.encode()
    xml_parser = safe_parser()

    def floor() -> None:
        etree.tostring(etree.fromstring(data, xml_parser))

    def unchanged() -> None:
        domxml.to_xml(domxml.parse(text))

    def one_field() -> None:
        dom = domxml.parse(text)
        dom.memory.value = 8388608
        domxml.to_xml(dom)

    def everything() -> None:
        dom = domxml.parse(text)
        dom.memory.value = 8388608
        write_document(dom, "parsed", verbatim=False)

    def parse_only() -> None:
        domxml.parse(text)

    def timed(run: Callable[[], None]) -> float:
        def loops() -> None:
            for _ in range(args.loops):
                run()

        return best_of(args.repeat, loops) / args.loops

    base = timed(floor)
    parsing = timed(parse_only)
    lines = len(text.splitlines())
    print(f"a domain of {args.devices} devices, {lines} lines; best of {args.repeat}")
    print(f"{'case':<12}{'µs':>9}{'x floor':>9}{'write µs':>10}")
    for name, run in (
        ("floor", floor),
        ("unchanged", unchanged),
        ("one field", one_field),
        ("everything", everything),
    ):
        spent = timed(run)
        write = "" if name == "floor" else f"{(spent - parsing) * 1e6:>10.0f}"
        print(f"{name:<12}{spent * 1e6:>9.0f}{spent / base:>8.1f}x{write}")
    print(f"(parsing alone: {parsing * 1e6:.0f} µs; 'write µs' is the rest)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
