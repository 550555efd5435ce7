"""The examples of ``docs/kinds.md`` run as they are, and the table names every kind."""

from __future__ import annotations

import doctest
from pathlib import Path

from domxml.convert.schemas import TYPES

DOC = Path(__file__).resolve().parent.parent / "docs" / "kinds.md"


def test_the_pages_examples_run() -> None:
    result = doctest.testfile(str(DOC), module_relative=False, verbose=False)
    assert result.attempted > 20
    assert result.failed == 0


def test_the_table_lists_every_kind() -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = [kind for kind in TYPES if f"| `{kind}` |" not in text]
    assert missing == []
