"""Editing one field of a large domain: written as parsed, against writing it all.

Usage: ``python bench/edit.py [--devices N] [--repeat N]``.

A domain with N devices (disks and interfaces, 100 by default) is built in
code and written out once; that text is the document. The floor is lxml
parsing the text and serialising it again; then ``parse`` alone, and the
write alone of ``--loops`` documents parsed (and changed) before the clock
starts:

- unchanged: ``to_xml`` of a document nothing changed: the source comes back;
- one field: the memory size changed, ``to_xml``: every unchanged element
  is written as its source text;
- everything: the memory size changed, every model written out
  (``verbatim=False``), what a change cost before per-element tracking.

``parse`` reads the root element only: the others are read when the
program first reaches them (``domxml.binding.pending``), so a write that
reaches them (writing everything reads the root's children) includes
their reading; parse + write is the figure to compare with a parse that
read every element.

Best of N; the ratios are against the floor measured in the same run.
"""

from __future__ import annotations

import argparse
import sys
import time
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

    def parse_only() -> None:
        domxml.parse(text)

    def timed(run: Callable[[], None]) -> float:
        def loops() -> None:
            for _ in range(args.loops):
                run()

        return best_of(args.repeat, loops) / args.loops

    def written(write: Callable[[domxml.Domain], object], change: bool) -> float:
        """The time to write a parsed document, parsed (and changed) before the clock starts."""
        best = float("inf")
        for _ in range(args.repeat):
            doms = [domxml.parse(text) for _ in range(args.loops)]
            if change:
                for dom in doms:
                    dom.memory.value = 8388608
            start = time.perf_counter()
            for dom in doms:
                write(dom)
            best = min(best, time.perf_counter() - start)
        return best / args.loops

    base = timed(floor)
    lines = len(text.splitlines())
    print(f"a domain of {args.devices} devices, {lines} lines; best of {args.repeat}")
    print(f"{'case':<24}{'µs':>9}{'x floor':>9}")
    print(f"{'floor: lxml parse+write':<24}{base * 1e6:>9.0f}{1:>8.1f}x")
    parsing = timed(parse_only)
    print(f"{'parse':<24}{parsing * 1e6:>9.0f}{parsing / base:>8.1f}x")
    one = written(domxml.to_xml, True)
    everything = written(lambda d: write_document(d, "parsed", verbatim=False), True)
    for name, spent in (
        ("write, unchanged", written(domxml.to_xml, False)),
        ("write, one field", one),
        ("write, everything", everything),
    ):
        print(f"{name:<24}{spent * 1e6:>9.0f}{spent / base:>8.1f}x")
    print(f"one field written costs {one / everything:.2f} of writing everything")
    return 0


if __name__ == "__main__":
    sys.exit(main())
