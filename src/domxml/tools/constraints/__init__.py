"""What libvirt's schema says of each typed field: its values, and whether it is needed.

Run ``python -m domxml.tools.constraints [--data DIR] [--schema FILE]``. It walks
libvirt's schemas (``domain.rng``, ``network.rng``, ``storagepool.rng``,
``storagevol.rng``, ``domainsnapshot.rng``) from their root element in step
with the models, as :mod:`domxml.tools.coverage` does for names, and
compares what the schema allows with what a declaration lets a model built
in code (and the fuzzer, ``fuzz/strategies.py``, which draws from the
declarations only) write:

- a field's values: the schema's datatypes, facets, patterns and choices
  against its codec (bounds, where narrower is no looser; members, words,
  or the subset ``.only()`` and ``allowed()`` keep; a variant's
  discriminator is its own value);
- whether it is needed: what every place of the class's element requires,
  against the fields always written (no default, or a default other than
  ``None``);
- a repeated field's number of items where it has any, against
  ``min_items=``/``max_items=`` (the fuzzer draws one or two by default);
- the fields together: the schema's choices against ``exclusive=``,
  ``one_needed=`` and ``without=``; what each optional field needs with it
  against ``together=``/``requires=``;
- for each value of an enumerated field and of each field a ``depends_on``
  names (a text, a dotted path into a child such as ``"type.value"``):
  the fields it allows, those it needs, and the values ``values=`` leaves
  the others.

A group holds through any of the declarations that imply it (a field left
out by ``without=``, one always written, ``depends_on`` values that keep
two fields apart, a ``together=`` or ``requires=`` chain...); where
another field's ``depends_on`` may decide, nothing is reported: only what
is sure is.

Each class is read in its own part of the schema. A variant: where its
discriminator has its value (the choices' branches for other values, and
for none, left out). A discriminated base whose discriminator may be left
out: where it is absent, the form it is written in, following the rules of
its ``untyped=`` variant if it names one. A base that always has one has
no form of its own (its documents are its variants'), so it is not read,
nor what only it leads to. Fields a class leaves out (``without=``) are
never written: they are not checked, nor walked into. The same reading per
value of a field gives the ``depends=`` checks. A class met in several
places needs a field where every place does, and allows what any allows.

A field or class whose declaration allows what the schema refuses is
*loose*: a model built in code may then write XML libvirt refuses, and the
fuzzer will. Fields the schema types as free text are not reported; nor
are codec patterns, which the tool cannot compare with the schema's.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from domxml.binding import Model
from domxml.models import Domain, DomainSnapshot, Network, StoragePool, StorageVolume
from domxml.tools.constraints.checks import loose_declarations, probe_range
from domxml.tools.constraints.walk import FieldRule, Groups, field_rules
from domxml.tools.manifest import ENV_VAR, find_data
from domxml.validation.rng import load_grammar

__all__ = [
    "ROOTS",
    "FieldRule",
    "Groups",
    "field_rules",
    "loose_declarations",
    "main",
    "probe_range",
]


#: The schema files walked, and the model bound to each one's root element.
ROOTS: dict[str, type[Model]] = {
    "domain.rng": Domain,
    "network.rng": Network,
    "storagepool.rng": StoragePool,
    "storagevol.rng": StorageVolume,
    "domainsnapshot.rng": DomainSnapshot,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Print the fields whose declarations are looser than libvirt's schema."""
    parser = argparse.ArgumentParser(prog="python -m domxml.tools.constraints")
    parser.add_argument("--data", type=Path, help=f"libvirt data directory (default: ${ENV_VAR})")
    parser.add_argument("--schema", action="append", help="only these schema files")
    args = parser.parse_args(argv)
    data = find_data(args.data)
    if data is None:
        print(f"no libvirt data: pass --data or set ${ENV_VAR}", file=sys.stderr)
        return 2
    loose = 0
    for name in args.schema or ROOTS:
        grammar = load_grammar(data / "schemas" / name)
        for found in loose_declarations(grammar, ROOTS[name]):
            loose += 1
            print("\t".join(found))
    print(f"{loose} loose declarations", file=sys.stderr)
    return 1 if loose else 0
