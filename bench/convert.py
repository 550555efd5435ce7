"""XML → JSON → XML speed against the plain XML round trip, measured in the same run.

Usage: ``python bench/convert.py [--data DIR] [--family F ...] [--repeat N]``
(default family: domain).

All file bytes are read into memory first; each loop runs over every
well-formed file of the family (expected ``valid`` or ``invalid``), best of
N repeats:

- xml: ``domxml.to_xml(domxml.parse(b))``, the plain XML round trip (a
  document nothing has changed comes back as its source text);
- xml written: parse, then write every model (``verbatim=False``), what a
  round trip costs once a program has changed the document;
- json: ``to_xml(from_json(to_json(parse(b))))``;
- yaml: ``to_xml(from_yaml(to_yaml(parse(b))))``;
- to_json, from_json: the two halves of the JSON conversion alone.

The ratios json/xml and json/xml-written are what to watch; absolute times
depend on the machine.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from functools import partial

from timing import FAMILIES, best_of, corpus_parser, family_documents

import domxml
from domxml.binding import Model, write_document


def xml_round_trip(documents: Sequence[bytes]) -> None:
    """Parse every document and write it back as parsed."""
    for data in documents:
        domxml.to_xml(domxml.parse(data))


def xml_written(documents: Sequence[bytes]) -> None:
    """Parse every document and write every model out, with no verbatim shortcut."""
    for data in documents:
        write_document(domxml.parse(data), "parsed", verbatim=False)


def json_round_trip(documents: Sequence[bytes]) -> None:
    """XML → model → JSON → model → XML for every document."""
    for data in documents:
        domxml.to_xml(domxml.from_json(domxml.to_json(domxml.parse(data))))


def yaml_round_trip(documents: Sequence[bytes]) -> None:
    """XML → model → YAML → model → XML for every document."""
    for data in documents:
        domxml.to_xml(domxml.from_yaml(domxml.to_yaml(domxml.parse(data))))


def to_json_only(models: Sequence[Model]) -> None:
    """Write every parsed model as JSON."""
    for model in models:
        domxml.to_json(model)


def from_json_only(texts: Sequence[str]) -> None:
    """Read every JSON text into a model."""
    for text in texts:
        domxml.from_json(text)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print one line per family."""
    args = corpus_parser(__doc__, FAMILIES).parse_args(argv)
    documents_by_family = family_documents(args.data, args.family or ["domain"])
    if documents_by_family is None:
        return 2

    print(f"best of {args.repeat}; ratios against the XML round trip measured in this run")
    header = (
        f"{'family':<16}{'files':>7}{'xml ms':>9}{'written ms':>12}{'json ms':>9}"
        f"{'json/xml':>10}{'json/written':>14}{'yaml/xml':>10}{'to_json':>9}{'from_json':>11}"
    )
    print(header)
    print("-" * len(header))
    for family, documents in documents_by_family:
        models = [domxml.parse(document) for document in documents]
        texts = [domxml.to_json(model) for model in models]
        xml = best_of(args.repeat, partial(xml_round_trip, documents))
        written = best_of(args.repeat, partial(xml_written, documents))
        json_time = best_of(args.repeat, partial(json_round_trip, documents))
        yaml_time = best_of(args.repeat, partial(yaml_round_trip, documents))
        dump = best_of(args.repeat, partial(to_json_only, models))
        load = best_of(args.repeat, partial(from_json_only, texts))
        print(
            f"{family:<16}{len(documents):>7}{xml * 1e3:>9.0f}{written * 1e3:>12.0f}"
            f"{json_time * 1e3:>9.0f}{json_time / xml:>9.1f}x{json_time / written:>13.1f}x"
            f"{yaml_time / xml:>9.1f}x{dump * 1e3:>7.0f}ms{load * 1e3:>9.0f}ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
