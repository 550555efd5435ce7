"""The binding engine's XML speed and memory, each figure as a ratio to lxml or the source.

Usage: ``python bench/engine.py [--data DIR] [--repeat N] [--section S ...] [--disks N]``.

The well-formed documents of the domain family are read into memory first;
each timing is the best of N repeats of the process's CPU time (the runs
taking turns), and each ratio is taken against a floor measured in the
same run:

- write: parse, then write every model (``verbatim=False``: what a
  document costs once a program has changed it), against lxml's
  ``fromstring`` + ``tostring`` of the same bytes; and the same with every
  element marked changed first, so that each is written from its typed
  values (the most an edit can cost);
- inventory: parse every document and keep all the models in one list, the
  collector on, against lxml parsing the same documents into a list kept
  the same way;
- memory: what the kept models hold on the Python heap (tracemalloc),
  against the bytes of their sources; and the resident memory a process
  grows by keeping them (read as parsed, ``lazy=False``, and lxml's trees
  alone), which counts lxml's trees a parsed document keeps while anything
  in it is pending (libxml2 allocates outside tracemalloc's view);
- huge: a domain with ``--disks`` disks (100,000 by default, made here):
  parse, change one disk, add one, write; the time against lxml's parse +
  tostring of the same bytes, and the peak resident memory of a process
  that does only that (the process's own start, Python, domxml's imports
  and the document's bytes, is measured apart and reported beside it).
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from lxml import etree
from timing import family_documents

import domxml
from domxml.binding import write_document
from domxml.binding.node import Node, node_of
from domxml.binding.pending import settle
from domxml.binding.spec import spec_of
from domxml.tools.canon import safe_parser

SECTIONS = ("write", "inventory", "memory", "huge")


def lxml_round_trip(documents: Sequence[bytes]) -> None:
    """Parse and serialise every document with lxml alone."""
    parser = safe_parser()
    for data in documents:
        etree.tostring(etree.fromstring(data, parser))


def written(documents: Sequence[bytes]) -> None:
    """Parse every document and write every model out, with no verbatim shortcut."""
    for data in documents:
        write_document(domxml.parse(data), "parsed", verbatim=False)


def kept_lxml(documents: Sequence[bytes]) -> list[Any]:
    """lxml's trees of every document, all kept."""
    parser = safe_parser()
    return [etree.fromstring(data, parser) for data in documents]


def kept_models(documents: Sequence[bytes]) -> list[Any]:
    """The models of every document, all kept."""
    return [domxml.parse(data) for data in documents]


def written_changed(documents: Sequence[bytes]) -> None:
    """Parse every document, mark every element changed, and write every model out."""
    for data in documents:
        model = domxml.parse(data)
        for node in nodes(model):
            node.dirty = True
        write_document(model, "parsed", verbatim=False)


def nodes(model: Any) -> Iterator[Node]:
    """The source bookkeeping of ``model`` and of every model in it."""
    stack = [model]
    while stack:
        obj = stack.pop()
        node = node_of(obj)
        if node is not None:
            yield node
        settle(obj)  # its children read, if they were pending
        d = obj.__dict__
        for f in spec_of(type(obj)).child_fields:
            value = d.get(f.py)  # a parsed model may leave out absent fields
            if value is not None:
                stack.extend(value if f.many else (value,))


def interleaved(repeat: int, *runs: Callable[[], object]) -> list[float]:
    """The shortest of ``repeat`` timings of each run, the runs taking turns.

    Taking turns spreads the load of a shared machine over every run alike,
    and the time is the process's CPU time, which waiting for a core on a
    loaded machine does not lengthen; what a run returns stays alive until
    it is timed, then the collector starts the next one from a clean heap.
    """
    best = [float("inf")] * len(runs)
    for _ in range(repeat):
        for i, run in enumerate(runs):
            gc.collect()
            start = time.process_time()
            kept = run()
            best[i] = min(best[i], time.process_time() - start)
            del kept
    return best


def heap_of(documents: Sequence[bytes]) -> int:
    """Bytes that the parsed models of ``documents`` hold on the Python heap."""
    kept_models(documents)  # every reader the documents need compiled: not part of a model
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    models = kept_models(documents)
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del models
    return after - before


#: How the resident-memory child keeps the documents.
KEEPERS: dict[str, Callable[[Sequence[bytes]], list[Any]]] = {
    "parsed": kept_models,
    "lazy=False": lambda documents: [domxml.parse(d, lazy=False) for d in documents],
    "lxml": kept_lxml,
}


def resident_child(mode: str, data: str | None) -> None:
    """Print how much this process's resident memory grows by keeping the corpus ``mode``'s way."""
    found = family_documents(data, ["domain"])
    assert found is not None
    ((_, documents),) = list(found)
    KEEPERS[mode](documents[:50])  # readers compiled, modules imported: not the documents'
    gc.collect()
    before = _resident()
    kept = KEEPERS[mode](documents)
    gc.collect()
    print(_resident() - before)
    del kept


def _resident() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize()


def resident_of(mode: str, data: str | None) -> int:
    """What keeping the corpus ``mode``'s way adds to a fresh process's resident memory."""
    command = [sys.executable, __file__, "--resident-child", mode]
    if data:
        command += ["--data", data]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return int(done.stdout.split()[-1])


def huge_domain(disks: int) -> bytes:
    """A domain with ``disks`` file-backed virtio disks."""
    parts = [
        "<domain type='kvm'>\n  <name>huge</name>\n  <memory unit='KiB'>1048576</memory>\n"
        "  <vcpu>2</vcpu>\n  <os>\n    <type arch='x86_64' machine='pc'>hvm</type>\n"
        "  </os>\n  <devices>\n"
    ]
    for i in range(disks):
        parts.append(
            "    <disk type='file' device='disk'>\n"
            "      <driver name='qemu' type='qcow2' cache='none'/>\n"
            f"      <source file='/var/lib/libvirt/images/disk{i}.qcow2'/>\n"
            f"      <target dev='vd{i}' bus='virtio'/>\n"
            "    </disk>\n"
        )
    parts.append("  </devices>\n</domain>\n")
    return "".join(parts).encode()


def huge_child(path: str, mode: str) -> None:
    """Run in a fresh process: one parse, edit and write; print seconds and peak RSS as JSON."""
    from domxml.models.domain import Disk, DiskTarget, FileDiskSource

    data = Path(path).read_bytes()
    gc.collect()
    start = time.perf_counter()
    cpu = time.process_time()
    if mode == "lxml":
        etree.tostring(etree.fromstring(data, safe_parser()))
    elif mode == "domxml":
        domain: Any = domxml.parse(data)
        disks = domain.devices.disks
        disks[len(disks) // 2].target.dev = "vdzz"
        disks.append(
            Disk(
                type="file",
                source=FileDiskSource(file="/added.img"),
                target=DiskTarget(dev="vdaaa"),
            )
        )
        text = domxml.to_xml(domain)
        if "vdzz" not in text or "/added.img" not in text:
            raise SystemExit("the edits are not in the written document")
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": peak_mb, "bytes": len(data)}))


def _huge_run(path: Path, mode: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--huge-child", mode, str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Run the sections asked for and print one line per figure."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", metavar="DIR", help="directory holding corpus/")
    parser.add_argument("--repeat", type=int, default=3, metavar="N", help="best of N (default 3)")
    parser.add_argument("--section", action="append", choices=SECTIONS, help="repeatable")
    parser.add_argument("--disks", type=int, default=100_000, help="disks of the huge domain")
    parser.add_argument("--huge-child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--resident-child", choices=KEEPERS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.resident_child:
        resident_child(args.resident_child, args.data)
        return 0
    if args.huge_child:
        huge_child(args.huge_child[1], args.huge_child[0])
        return 0
    sections = args.section or list(SECTIONS)
    print(f"best of {args.repeat}; ratios against floors measured in this run")
    if "huge" in sections:
        # First: a child's peak resident memory counts the parent's at the fork.
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "huge.xml"
            path.write_bytes(huge_domain(args.disks))
            base = _huge_run(path, "none")
            floor = min((_huge_run(path, "lxml") for _ in range(args.repeat)), key=_seconds)
            ours = min((_huge_run(path, "domxml") for _ in range(args.repeat)), key=_seconds)
        print(
            f"huge       {args.disks} disks, {ours['bytes'] / 1e6:.1f} MB:"
            f" lxml parse+tostring {floor['cpu']:.2f} s CPU, peak {floor['peak_mb']:.0f} MB;"
            f" parse+edit+write {ours['cpu']:.2f} s CPU ({ours['seconds']:.2f} s wall,"
            f" {ours['cpu'] / floor['cpu']:.1f}x lxml's CPU),"
            f" peak {ours['peak_mb']:.0f} MB (process start and document bytes:"
            f" {base['peak_mb']:.0f} MB)"
        )
    if {"write", "inventory", "memory"} & set(sections):
        found = family_documents(args.data, ["domain"])
        if found is None:
            return 2
        ((_, documents),) = list(found)
        size = sum(len(d) for d in documents)
        print(f"domain corpus: {len(documents)} well-formed documents, {size / 1e3:.0f} kB")
        written(documents[:50])  # compile the readers before timing
    if "write" in sections:
        floor, ours, changed = interleaved(
            args.repeat,
            partial(lxml_round_trip, documents),
            partial(written, documents),
            partial(written_changed, documents),
        )
        per = 1e6 / len(documents)
        print(
            f"write      lxml parse+tostring {floor * per:6.1f} µs/file;"
            f" parse+write (verbatim off) {ours * per:6.1f} µs/file: {ours / floor:5.2f}x;"
            f" every element changed {changed * per:6.1f} µs/file: {changed / floor:5.2f}x"
        )
    if "inventory" in sections:
        floor, ours = interleaved(
            args.repeat, partial(kept_lxml, documents), partial(kept_models, documents)
        )
        per = 1e6 / len(documents)
        print(
            f"inventory  lxml parse, all kept {floor * per:6.1f} µs/file;"
            f" parse, all kept {ours * per:6.1f} µs/file: {ours / floor:5.2f}x"
        )
    if "memory" in sections:
        heap = heap_of(documents)
        print(
            f"memory     models {heap / 1e6:6.2f} MB on the Python heap for"
            f" {size / 1e6:.2f} MB of source: {heap / size:5.2f}x"
        )
        grown = {mode: resident_of(mode, args.data) for mode in KEEPERS}
        print(
            "resident   kept, what a process grows by: "
            + "; ".join(f"{m} {b / 1e6:.1f} MB ({b / size:.1f}x)" for m, b in grown.items())
        )
    return 0


def _seconds(run: dict[str, float]) -> float:
    return run["cpu"]


if __name__ == "__main__":
    sys.exit(main())
