"""Set-up shared by the ``test_validate*`` files: libvirt's schemas, imported.

libvirt's schemas are test data beside the repository
(``../shared/libvirt/11.3.0/schemas`` and ``../shared/libvirt/9.0.0/schemas``,
or beside ``$DOMXML_TESTDATA``), never part of it. The ``schema_home``
fixture imports both sets with ``domxml schemas import`` into a temporary
``XDG_CACHE_HOME`` and hides the system's schemas and
``$DOMXML_SCHEMA_PATH``, so that the tests see exactly those two sets. When
the schemas are missing the tests are skipped, or fail under CI.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from corpus import data_dir, in_ci

from domxml.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "src" / "domxml" / "examples"
VERSIONS = ("11.3.0", "9.0.0")


def schema_dir(version: str) -> Path:
    """Where libvirt ``version``'s schemas are, beside the corpus."""
    return data_dir().parent / version / "schemas"


def require_schemas() -> None:
    """Skip the test (fail it under CI) when libvirt's schemas are missing."""
    for version in VERSIONS:
        if not (schema_dir(version) / "domain.rng").is_file():
            reason = f"libvirt {version} schemas not found in {schema_dir(version)}"
            if in_ci():
                pytest.fail(reason)
            pytest.skip(reason)


@dataclass(frozen=True)
class Run:
    """What one ``domxml`` command did."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        """Standard output, parsed as JSON."""
        return json.loads(self.out)


def run(*argv: str, stdin: bytes | None = None) -> Run:
    """Run ``domxml ARGV...`` in this process and capture what it printed."""
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    try:
        if stdin is not None:
            sys.stdin = io.TextIOWrapper(io.BytesIO(stdin))
        with redirect_stdout(out), redirect_stderr(err):
            code = main(list(argv))
    finally:
        sys.stdin = saved
    return Run(code, out.getvalue(), err.getvalue())


@pytest.fixture(scope="session")
def schema_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A cache directory holding the imported 11.3.0 and 9.0.0 schema sets."""
    require_schemas()
    cache = tmp_path_factory.mktemp("xdg-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(cache))
        patch.setenv("DOMXML_SYSTEM_SCHEMAS", "")
        patch.delenv("DOMXML_SCHEMA_PATH", raising=False)
        for version in VERSIONS:
            result = run("schemas", "import", str(schema_dir(version)), "--version", version)
            assert result.code == 0, result.err
        yield cache


def line_of(text: str, needle: str) -> int:
    """The line (from 1) where ``needle`` first occurs in ``text``."""
    index = text.index(needle)
    return text.count("\n", 0, index) + 1


def column_of(text: str, needle: str) -> int:
    """The column (from 1) where ``needle`` first occurs in ``text``."""
    index = text.index(needle)
    return index - (text.rfind("\n", 0, index) + 1) + 1


def mutate(text: str, edits: Sequence[tuple[str, str]]) -> str:
    """``text`` with each ``(old, new)`` applied once; ``old`` must be there."""
    for old, new in edits:
        assert old in text, f"{old!r} is not in the document"
        text = text.replace(old, new, 1)
    return text
