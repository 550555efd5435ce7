"""Test data: where libvirt's corpus lives, which files to test, how to compare.

The corpus is read from ``$DOMXML_TESTDATA`` (the directory holding
``corpus/``, i.e. the ``11.3.0`` directory) or else from
``../shared/libvirt/11.3.0`` beside the repository. When it is missing, tests
that need it are skipped with the reason, except under CI (``CI=true``)
where they fail: a CI run that tested nothing must not pass.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from domxml.tools.canon import canonical, is_well_formed
from domxml.tools.manifest import ENV_VAR, CorpusEntry, read_manifest, select

__all__ = [
    "CorpusEntry",
    "canonical",
    "corpus_files",
    "data_dir",
    "is_well_formed",
    "missing_reason",
    "require_data",
    "require_schema_dir",
    "schema_dir",
    "show_diff",
]

REPO = Path(__file__).resolve().parent.parent
MISSING_MARKER = "corpus_missing"


def data_dir() -> Path:
    """Return where the test data should be: ``$DOMXML_TESTDATA`` or the default."""
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Path(from_env)
    return REPO.parent / "shared" / "libvirt" / "11.3.0"


def missing_reason() -> str | None:
    """Return why the corpus cannot be read, or ``None`` when it can."""
    manifest = data_dir() / "corpus" / "MANIFEST.tsv"
    if manifest.is_file():
        return None
    return (
        f"libvirt test corpus not found: {manifest} does not exist "
        f"(set ${ENV_VAR} to the directory holding corpus/)"
    )


def in_ci() -> bool:
    """Whether the tests run under CI, where missing data is a failure."""
    return os.environ.get("CI", "").lower() == "true"


def schema_dir(libvirt: str | None = None) -> Path:
    """libvirt ``libvirt``'s schema directory: the corpus's, or its sibling version's.

    ``../shared/libvirt/12.9.0/schemas`` beside ``../shared/libvirt/11.3.0``;
    the corpus's own without a version.
    """
    data = data_dir()
    if libvirt is None or libvirt == data.name:
        return data / "schemas"
    return data.parent / libvirt / "schemas"


def require_schema_dir(libvirt: str | None = None) -> Path:
    """libvirt's schema directory (see :func:`schema_dir`); skip (fail under CI) without it."""
    schemas = schema_dir(libvirt)
    if not (schemas / "domain.rng").is_file():
        reason = f"libvirt schemas not found: {schemas / 'domain.rng'} does not exist"
        if in_ci():
            pytest.fail(reason)
        pytest.skip(reason)
    return schemas


def require_data() -> Path:
    """Return the corpus directory; skip the test (fail it under CI) if missing."""
    reason = missing_reason()
    if reason is not None:
        if in_ci():
            pytest.fail(reason)
        pytest.skip(reason)
    return data_dir() / "corpus"


def well_formed_documents() -> Iterator[tuple[str, bytes]]:
    """``(path under the data directory, bytes)`` of every well-formed document of both corpora."""
    root = require_data().parent
    for folder in ("corpus", "corpus-kinds"):
        for path in sorted((root / folder).rglob("*.xml")):
            data = path.read_bytes()
            if is_well_formed(data):
                yield str(path.relative_to(root)), data


@cache
def _manifest() -> tuple[CorpusEntry, ...]:
    return tuple(read_manifest(data_dir() / "corpus"))


def corpus_files(
    family: str,
    expected: Sequence[str] = ("valid", "invalid"),
    *,
    folder: str | None = None,
) -> list[Any]:
    """Return ``pytest.param`` objects, one per corpus file, for parametrization.

    Each parameter is a :class:`CorpusEntry` whose id is its path relative to
    the corpus. *family* is the first path component (``domain``,
    ``network``...); *folder*, if given, keeps only files in that libvirt
    test folder (e.g. ``networkxml2xmlout``). Usable at collection time: when
    the corpus is missing, the list holds one parameter carrying the
    ``corpus_missing`` marker, which conftest turns into a skip (a failure
    under CI).
    """
    reason = missing_reason()
    if reason is not None:
        mark = getattr(pytest.mark, MISSING_MARKER)(reason=reason)
        return [pytest.param(None, id=f"{family}-corpus-missing", marks=mark)]
    entries = select(_manifest(), [family], expected)
    if folder is not None:
        entries = [entry for entry in entries if entry.path.split("/")[1] == folder]
    if not entries:
        raise LookupError(f"no corpus file for family={family!r} folder={folder!r}")
    return [pytest.param(entry, id=entry.path) for entry in entries]


_BETWEEN_TAGS = re.compile(r">(?=<)")


def _lines(document: bytes | str, one_tag_per_line: bool) -> list[str]:
    text = document.decode("utf-8", "replace") if isinstance(document, bytes) else document
    if one_tag_per_line:
        text = _BETWEEN_TAGS.sub(">\n", text)
    return text.splitlines(keepends=True)


def show_diff(
    expected: bytes | str,
    actual: bytes | str,
    *,
    fromfile: str = "expected",
    tofile: str = "actual",
    one_tag_per_line: bool = False,
) -> str:
    """Return a unified diff of two documents, for an assertion message.

    Lines keep their endings and a missing final newline is marked, so that
    byte-level differences show. With *one_tag_per_line*, a line break is
    put between adjacent tags first (display only), which makes the diff of
    two canonical forms, which have no whitespace between tags, readable.
    """
    diff = difflib.unified_diff(
        _lines(expected, one_tag_per_line), _lines(actual, one_tag_per_line), fromfile, tofile
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end\n" for line in diff
    )
