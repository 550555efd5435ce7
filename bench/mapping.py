"""JSON and YAML conversion speed against XML parse+write, measured in the same run.

Usage: ``python bench/mapping.py [--data DIR] [--family F ...] [--repeat N]
[--huge N]`` (default family: domain).

All file bytes are read into memory first, and the models and texts each
half starts from are made beforehand (not timed). Each loop runs over every
well-formed file of the family (expected ``valid`` or ``invalid``), best of
N repeats, in µs per file:

- lxml: ``etree.tostring(etree.fromstring(b))``, the floor;
- xml: ``domxml.parse(b)`` then write every model (``verbatim=False``), what
  an edited document costs to read and write: the yardstick;
- to_json, from_json, to_yaml, from_yaml: each direction alone, from a
  parsed model and from the text the other direction wrote.

The ratios to watch are json/xml = (to_json + from_json) / xml (at most 1)
and yaml/xml = (to_yaml + from_yaml) / xml (at most 2); absolute times
depend on the machine.

``--huge N`` also converts a domain of N disks (100,000: a 19 MB document)
to YAML and back, each step in a process of its own, and prints the time of
each step and the process's peak memory (its maximum resident set size,
the interpreter and the imports included), beside lxml parsing and writing
the same document in a process of its own.
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

from lxml import etree
from timing import FAMILIES, best_of, corpus_parser, family_documents

import domxml
from domxml.binding import Model, write_document
from domxml.tools.canon import safe_parser


def lxml_floor(documents: Sequence[bytes]) -> None:
    """Parse and serialise every document with lxml alone."""
    parser = safe_parser()
    for data in documents:
        etree.tostring(etree.fromstring(data, parser))


def xml_written(documents: Sequence[bytes]) -> None:
    """Parse every document and write every model out, with no verbatim shortcut."""
    for data in documents:
        write_document(domxml.parse(data), "parsed", verbatim=False)


def each(convert: Callable[[object], object], inputs: Sequence[object]) -> None:
    """Apply ``convert`` to every input."""
    for item in inputs:
        convert(item)


def corpus(args: argparse.Namespace) -> int:
    """Time each direction over the corpus families and print one line per family."""
    documents_by_family = family_documents(args.data, args.family or ["domain"])
    if documents_by_family is None:
        return 2
    print(f"best of {args.repeat}, µs per file; ratios against parse+write (xml) in this run")
    header = (
        f"{'family':<10}{'files':>6}{'lxml':>7}{'xml':>7}{'to_json':>9}{'from_json':>11}"
        f"{'to_yaml':>9}{'from_yaml':>11}{'json/xml':>10}{'yaml/xml':>10}{'xml/lxml':>10}"
    )
    print(header)
    print("-" * len(header))
    for family, documents in documents_by_family:
        models: list[Model] = [domxml.parse(document) for document in documents]
        json_texts = [domxml.to_json(model) for model in models]
        yaml_texts = [domxml.to_yaml(model) for model in models]
        n = len(documents)

        def timed(run: Callable[[], None]) -> float:
            return best_of(args.repeat, run) * 1e6 / n  # noqa: B023 (n is this family's)

        floor = timed(partial(lxml_floor, documents))
        xml = timed(partial(xml_written, documents))
        to_json = timed(partial(each, domxml.to_json, models))
        from_json = timed(partial(each, domxml.from_json, json_texts))
        to_yaml = timed(partial(each, domxml.to_yaml, models))
        from_yaml = timed(partial(each, domxml.from_yaml, yaml_texts))
        print(
            f"{family:<10}{n:>6}{floor:>7.0f}{xml:>7.0f}{to_json:>9.0f}{from_json:>11.0f}"
            f"{to_yaml:>9.0f}{from_yaml:>11.0f}{(to_json + from_json) / xml:>9.2f}x"
            f"{(to_yaml + from_yaml) / xml:>9.2f}x{xml / floor:>9.1f}x"
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
# it reads IN, does its work (timed), writes OUT and prints "seconds maxrss-kB".
def _step(name: str, source: Path, target: Path) -> None:
    text = source.read_text()
    start = time.perf_counter()
    if name == "lxml":
        out = etree.tostring(etree.fromstring(text.encode(), safe_parser())).decode()
    elif name == "xml":
        out = write_document(domxml.parse(text), "parsed", verbatim=False)
    elif name == "to_yaml":
        out = domxml.to_yaml(domxml.parse(text))
    elif name == "from_yaml":
        out = write_document(domxml.from_yaml(text), "parsed", verbatim=False)
    elif name == "to_json":
        out = domxml.to_json(domxml.parse(text))
    else:
        out = write_document(domxml.from_json(text), "parsed", verbatim=False)
    spent = time.perf_counter() - start
    target.write_text(out)
    print(f"{spent:.3f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}")


def huge(disks: int) -> int:
    """Convert a domain of ``disks`` disks to YAML and back, each step in its own process."""
    with tempfile.TemporaryDirectory() as tmp:
        xml = Path(tmp, "huge.xml")
        xml.write_text(huge_document(disks))
        print(f"a domain of {disks} disks, {xml.stat().st_size / 1e6:.1f} MB")
        print(f"{'step':<28}{'s':>8}{'peak MB':>9}")
        steps = [
            ("lxml", "lxml parse + tostring", xml, Path(tmp, "lxml.xml")),
            ("xml", "parse + write", xml, Path(tmp, "written.xml")),
            ("to_yaml", "parse + to_yaml", xml, Path(tmp, "huge.yaml")),
            ("from_yaml", "from_yaml + write", Path(tmp, "huge.yaml"), Path(tmp, "back.xml")),
            ("to_json", "parse + to_json", xml, Path(tmp, "huge.json")),
            ("from_json", "from_json + write", Path(tmp, "huge.json"), Path(tmp, "back2.xml")),
        ]
        for name, label, source, target in steps:
            done = subprocess.run(
                [sys.executable, __file__, "--step", name, str(source), str(target)],
                check=True,
                capture_output=True,
                text=True,
            )
            seconds, peak = done.stdout.split()
            print(f"{label:<28}{float(seconds):>8.2f}{int(peak) / 1024:>9.0f}")
        same = Path(tmp, "back.xml").read_text() == Path(tmp, "written.xml").read_text()
        print(f"written back from YAML as parse + write writes it: {same}")
        return 0 if same else 1


def main(argv: Sequence[str] | None = None) -> int:
    """Run the corpus benchmark, or the huge document's (``--huge``), or one step."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--step"]:
        _step(argv[1], Path(argv[2]), Path(argv[3]))
        return 0
    parser = corpus_parser(__doc__, FAMILIES)
    parser.add_argument("--huge", type=int, metavar="N", help="a domain of N disks instead")
    args = parser.parse_args(argv)
    if args.huge:
        return huge(args.huge)
    return corpus(args)


if __name__ == "__main__":
    sys.exit(main())
