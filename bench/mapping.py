"""JSON and YAML conversion speed against XML parse+write, measured in the same run.

Usage: ``python bench/mapping.py [--data DIR] [--family F ...] [--repeat N]
[--wall] [--huge N]`` (default family: domain).

All file bytes are read into memory first, and the models and texts each
half starts from are made beforehand (not timed). Each loop runs over every
well-formed file of the family (expected ``valid`` or ``invalid``), the
loops taking turns, best of N turns, in µs per file of this process's CPU
time (``--wall``: wall-clock time; on a shared machine CPU time is the
steadier):

- lxml: ``etree.tostring(etree.fromstring(b))``, the floor;
- xml: ``domxml.parse(b)`` then write every model (``verbatim=False``), what
  an edited document costs to read and write: the yardstick; an element
  the program never reached is written from lxml's, never read;
- whole: the same with ``domxml.parse(b, lazy=False)``: every element read,
  as the JSON and YAML dumpers read them all;
- to_json, from_json, to_yaml, from_yaml: each direction alone, from a
  parsed model and from the text the other direction wrote.

The ratios to watch are json/xml = (to_json + from_json) / xml (at most 1)
and yaml/xml = (to_yaml + from_yaml) / xml (at most 2), and the same
against whole; absolute times depend on the machine.

``--huge N`` instead converts a domain of N disks (100,000: a 14 MB
document) to YAML and JSON and back, each direction in a process of its
own, and prints the CPU time of each phase (parse, to_yaml; from_yaml, write...)
and the process's peak memory (its maximum resident set size, the
interpreter and the imports included), beside lxml parsing and writing the
same document, and domxml parsing and writing it, each in a process of its
own.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from lxml import etree
from timing import FAMILIES, corpus_parser, family_documents

import domxml
from domxml.binding import Model, write_document
from domxml.tools.canon import safe_parser


def lxml_floor(documents: Sequence[bytes]) -> None:
    """Parse and serialise every document with lxml alone."""
    parser = safe_parser()
    for data in documents:
        etree.tostring(etree.fromstring(data, parser))


def xml_written(documents: Sequence[bytes], lazy: bool = True) -> None:
    """Parse every document and write every model out, with no verbatim shortcut."""
    for data in documents:
        write_document(domxml.parse(data, lazy=lazy), "parsed", verbatim=False)


def each(convert: Callable[[object], object], inputs: Sequence[object]) -> None:
    """Apply ``convert`` to every input."""
    for item in inputs:
        convert(item)


def corpus(args: argparse.Namespace) -> int:
    """Time each direction over the corpus families and print one line per family."""
    documents_by_family = family_documents(args.data, args.family or ["domain"])
    if documents_by_family is None:
        return 2
    clock = time.perf_counter if args.wall else time.process_time
    print(
        f"best of {args.repeat} ({'wall-clock' if args.wall else 'CPU'} time, the cases taking"
        " turns), µs per file; ratios against parse+write (xml) in this run"
    )
    header = (
        f"{'family':<10}{'files':>6}{'lxml':>7}{'xml':>7}{'whole':>7}{'to_json':>9}"
        f"{'from_json':>11}{'to_yaml':>9}{'from_yaml':>11}{'json/xml':>10}{'yaml/xml':>10}"
        f"{'json/whole':>12}{'yaml/whole':>12}{'xml/lxml':>10}"
    )
    print(header)
    print("-" * len(header))
    for family, documents in documents_by_family:
        models: list[Model] = [domxml.parse(document) for document in documents]
        json_texts = [domxml.to_json(model) for model in models]
        yaml_texts = [domxml.to_yaml(model) for model in models]
        cases: dict[str, Callable[[], None]] = {
            "lxml": partial(lxml_floor, documents),
            "xml": partial(xml_written, documents),
            "whole": partial(xml_written, documents, lazy=False),
            "to_json": partial(each, domxml.to_json, models),
            "from_json": partial(each, domxml.from_json, json_texts),
            "to_yaml": partial(each, domxml.to_yaml, models),
            "from_yaml": partial(each, domxml.from_yaml, yaml_texts),
        }
        best = dict.fromkeys(cases, float("inf"))
        for _ in range(args.repeat):
            for name, run in cases.items():
                start = clock()
                run()
                best[name] = min(best[name], clock() - start)
        us = {name: spent * 1e6 / len(documents) for name, spent in best.items()}
        json_cost = us["to_json"] + us["from_json"]
        yaml_cost = us["to_yaml"] + us["from_yaml"]
        print(
            f"{family:<10}{len(documents):>6}{us['lxml']:>7.0f}{us['xml']:>7.0f}"
            f"{us['whole']:>7.0f}{us['to_json']:>9.0f}{us['from_json']:>11.0f}"
            f"{us['to_yaml']:>9.0f}{us['from_yaml']:>11.0f}{json_cost / us['xml']:>9.2f}x"
            f"{yaml_cost / us['xml']:>9.2f}x{json_cost / us['whole']:>11.2f}x"
            f"{yaml_cost / us['whole']:>11.2f}x{us['xml'] / us['lxml']:>9.1f}x"
        )
    return 0


def huge_document(disks: int) -> str:
    """A domain of ``disks`` file disks, as ``domxml.to_xml`` writes one built in code."""
    lines = ['<domain type="kvm">', "  <name>huge</name>", '  <memory unit="KiB">4194304</memory>']
    lines += ["  <os>", "    <type>hvm</type>", "  </os>", "  <devices>"]
    for i in range(disks):
        lines += [
            '    <disk type="file" device="disk">',
            f'      <source file="/var/lib/libvirt/images/d{i}.qcow2"/>',
            f'      <target dev="vd{i}"/>',
            "    </disk>",
        ]
    lines += ["  </devices>", "</domain>", ""]
    return "\n".join(lines)


# Each step of the huge conversion, run as ``python bench/mapping.py --step NAME IN OUT``:
# it reads IN, does its two phases (each timed), writes OUT and prints
# "seconds seconds maxrss-kB".
_STEPS: dict[str, tuple[Callable[[str], Any], Callable[[Any], str]]] = {
    "lxml": (lambda text: etree.fromstring(text.encode(), safe_parser()), etree.tounicode),
    "xml": (domxml.parse, partial(write_document, style="parsed", verbatim=False)),
    "to_yaml": (domxml.parse, domxml.to_yaml),
    "from_yaml": (domxml.from_yaml, partial(write_document, style="parsed", verbatim=False)),
    "to_json": (domxml.parse, domxml.to_json),
    "from_json": (domxml.from_json, partial(write_document, style="parsed", verbatim=False)),
}


def _step(name: str, source: Path, target: Path) -> None:
    text = source.read_text()
    first, second = _STEPS[name]
    start = time.process_time()
    made = first(text)
    middle = time.process_time()
    out = second(made)
    end = time.process_time()
    target.write_text(out)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{middle - start:.3f} {end - middle:.3f} {peak}")


def huge(disks: int) -> int:
    """Convert a domain of ``disks`` disks to YAML and JSON and back, a process per direction."""
    with tempfile.TemporaryDirectory() as tmp:
        xml = Path(tmp, "huge.xml")
        xml.write_text(huge_document(disks))
        print(
            f"a domain of {disks} disks, {xml.stat().st_size / 1e6:.1f} MB; CPU seconds per phase"
        )
        print(f"{'step':<14}{'phase':>12}{'s':>7}{'phase':>12}{'s':>7}{'peak MB':>9}")
        steps = [
            ("lxml", "lxml", ("fromstring", "tostring"), xml, "lxml.xml"),
            ("xml", "XML", ("parse", "write"), xml, "written.xml"),
            ("to_yaml", "XML -> YAML", ("parse", "to_yaml"), xml, "huge.yaml"),
            ("from_yaml", "YAML -> XML", ("from_yaml", "write"), Path(tmp, "huge.yaml"), "y.xml"),
            ("to_json", "XML -> JSON", ("parse", "to_json"), xml, "huge.json"),
            ("from_json", "JSON -> XML", ("from_json", "write"), Path(tmp, "huge.json"), "j.xml"),
        ]
        for name, label, (one, two), source, target in steps:
            done = subprocess.run(
                [sys.executable, __file__, "--step", name, str(source), str(Path(tmp, target))],
                check=True,
                capture_output=True,
                text=True,
            )
            first, second, peak = done.stdout.split()
            print(
                f"{label:<14}{one:>12}{float(first):>7.2f}{two:>12}{float(second):>7.2f}"
                f"{int(peak) / 1024:>9.0f}"
            )
        written = Path(tmp, "written.xml").read_text()
        same = all(Path(tmp, name).read_text() == written for name in ("y.xml", "j.xml"))
        print(f"written back from YAML and JSON as parse + write writes it: {same}")
        return 0 if same else 1


def main(argv: Sequence[str] | None = None) -> int:
    """Run the corpus benchmark, or the huge document's (``--huge``), or one step."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--step"]:
        _step(argv[1], Path(argv[2]), Path(argv[3]))
        return 0
    parser = corpus_parser(__doc__, FAMILIES)
    parser.add_argument("--huge", type=int, metavar="N", help="a domain of N disks instead")
    parser.add_argument("--wall", action="store_true", help="wall-clock time, not CPU time")
    args = parser.parse_args(argv)
    if args.huge:
        return huge(args.huge)
    return corpus(args)


if __name__ == "__main__":
    sys.exit(main())
