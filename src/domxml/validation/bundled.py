"""domxml's own RELAX NG grammars: a schema set that ships with domxml.

libvirt's schemas belong to libvirt and are not copied into domxml. Where
none are installed (a CI container, a laptop, macOS), ``domxml validate``
checks against grammars generated from domxml's model declarations
(:mod:`domxml.binding.rng`): one per document kind the models cover, named
as libvirt names its schemas. They follow the models, which type every
name and value of libvirt's schemas up to the newest release they know,
so they are no libvirt release's exact grammar: docs/validate.md lists
where they disagree with libvirt's verdicts, and why.

The files are committed (``schemas/rng/``, shipped in the package as
``domxml/grammars``); ``python -m domxml.validation.bundled --write``
makes them anew, and a test checks that they equal fresh ones.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from domxml.validation.kinds import DEVICE, DEVICE_ROOTS, KINDS
from domxml.validation.schemas import SchemaSet

if TYPE_CHECKING:
    from domxml.binding import Model

__all__ = ["BUNDLED", "LABEL", "bundled_set", "device_models", "generate", "grammar_dir", "main"]

#: The origin of the bundled schema set, as ``domxml schemas list`` shows it.
BUNDLED = "domxml"
#: How reports name it where a libvirt version would stand.
LABEL = "domxml's own grammar"


def grammar_dir() -> Path:
    """The directory of the bundled grammars (in the installed package)."""
    return Path(__file__).resolve().parent.parent / "grammars"


def bundled_set() -> SchemaSet:
    """The bundled grammars as a schema set (of no libvirt version)."""
    return SchemaSet(None, grammar_dir(), BUNDLED)


def generate() -> dict[str, str]:
    """The grammar of every kind the models cover, by libvirt's schema file name."""
    from domxml.binding.rng import GrammarSpec, rng_schemas
    from domxml.convert.schemas import roots_of
    from domxml.models.domain.devices.disk import Disk
    from domxml.models.domain.storage_source import DiskSource

    # By root element, a root <interface> a host's (a domain's is a device).
    documents = roots_of(None)
    grammars: dict[str, Any] = {
        kind.schema: documents[kind.root]
        for kind in KINDS
        if not kind.roots and kind.root in documents
    }
    grammars[DEVICE.schema] = GrammarSpec(
        tuple(device_models()),
        # What libvirt's schema of single devices (tests/schemas/device.rng)
        # allows beyond a domain's: the private data of libvirt's status XML
        # in a storage source, and a disk without a target (or an empty one).
        also=((DiskSource, "private_data"),),
        loose=((Disk, "target"),),
    )
    return rng_schemas(grammars)


def device_models() -> list[type[Model]]:
    """The model of each single device's root element, in :data:`DEVICE_ROOTS`' order."""
    from domxml.binding.spec import spec_of
    from domxml.models.domain.devices import Devices

    fields = spec_of(Devices).elems
    found = []
    for tag in DEVICE_ROOTS:
        model = fields[tag].model
        assert model is not None
        found.append(model)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """``--write``: make the committed grammars anew; ``--check``: 1 when they are stale."""
    parser = argparse.ArgumentParser(
        prog="python -m domxml.validation.bundled",
        description="Generate domxml's own RELAX NG grammars from its model declarations.",
    )
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", action="store_true", help="write them into the package")
    action.add_argument("--check", action="store_true", help="exit 1 if they are stale")
    args = parser.parse_args(argv)
    folder = grammar_dir()
    fresh = generate()
    stale = sorted(
        name
        for name, text in fresh.items()
        if not (folder / name).is_file() or (folder / name).read_text() != text
    )
    extra = sorted(p.name for p in folder.glob("*.rng") if p.name not in fresh)
    if args.check:
        for name in stale + extra:
            print(f"stale: {folder / name}", file=sys.stderr)
        return 1 if stale or extra else 0
    folder.mkdir(parents=True, exist_ok=True)
    for name in extra:
        (folder / name).unlink()
    for name, text in fresh.items():
        (folder / name).write_text(text)
    print(f"wrote {len(fresh)} grammars into {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
