"""Shared by the tests of domxml's own grammars: libvirt's verdicts, a machine without it.

``tests/test_validate_bundled.py`` (this checkout's ``domxml``) and
``tests/test_package.py`` (the built wheel's, in a new virtual environment)
run ``domxml validate`` over every document libvirt's schema test checks,
as on a machine without libvirt's schemas, and compare its verdicts with
libvirt's. Every document where they differ must be named in
docs/validate.md with the reason.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, NamedTuple

from corpus import data_dir, require_data

__all__ = [
    "DOCS",
    "Checked",
    "checked_documents",
    "hermetic_environment",
    "undocumented",
    "unpinpointed",
]

DOCS = Path(__file__).resolve().parent.parent / "docs" / "validate.md"


class Checked(NamedTuple):
    """A document libvirt's schema test checks, and libvirt 11.3.0's verdict on it."""

    path: Path
    schema: str  # the .rng libvirt checks it with
    expected: str  # "valid" or "invalid"

    @property
    def name(self) -> str:
        """Its path below the test data (``corpus/...`` or ``corpus-kinds/...``), or its path."""
        if self.path.is_relative_to(data_dir()):
            return str(self.path.relative_to(data_dir()))
        return str(self.path)


def checked_documents() -> list[Checked]:
    """Every checked document of corpus/ and corpus-kinds/ (skips, or fails under CI, without)."""
    require_data()
    found = []
    for folder in ("corpus", "corpus-kinds"):
        manifest = data_dir() / folder / "MANIFEST.tsv"
        for line in manifest.read_text().splitlines()[1:]:
            path, schema, expected, _sha = line.split("\t")
            if expected in ("valid", "invalid"):
                found.append(Checked(data_dir() / folder / path, schema, expected))
    return found


def hermetic_environment(home: Path) -> dict[str, str]:
    """This process's environment with no libvirt schemas to find: a new HOME, no system set.

    No ``DOMXML_*`` nor ``XDG_*`` variable is kept: imported sets would be
    looked for in ``home/.cache``, which is empty.
    """
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DOMXML_", "XDG_"))
    }
    env.update(HOME=str(home), DOMXML_SYSTEM_SCHEMAS="/nonexistent")
    return env


def undocumented(names: list[str]) -> list[str]:
    """Those of ``names`` (documents' paths) whose file name docs/validate.md does not give."""
    text = DOCS.read_text()
    return [name for name in names if f"`{Path(name).name}`" not in text]


def unpinpointed(report: dict[str, Any]) -> list[str]:
    """The errors of a JSON file report that lack a line, a column or a path inside the document.

    An invalid document's every error points at a node: a line and a column
    (from 1), an XPath-like location from the root, and a rule of
    domxml's (not libxml2's own report, ``schema-violation``).
    """
    wrong = []
    for error in report["errors"]:
        where = error.get("path") or ""
        if not (
            isinstance(error.get("line"), int)
            and error["line"] >= 1
            and isinstance(error.get("column"), int)
            and error["column"] >= 1
            and where.startswith("/")
            and error.get("rule") not in (None, "schema-violation")
        ):
            wrong.append(f"{report['file']}: {error}")
    if report["status"] == "invalid" and not report["errors"]:
        wrong.append(f"{report['file']}: invalid, with no error")
    return wrong
