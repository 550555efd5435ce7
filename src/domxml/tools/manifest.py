"""Where the libvirt test corpus lives, and what its MANIFEST.tsv says.

The corpus is third-party test data (libvirt's own test documents) that the
project reads from outside its tree: ``$DOMXML_TESTDATA`` names the directory
holding ``corpus/`` (e.g. ``.../libvirt/11.3.0``); otherwise it is looked for
at ``../shared/libvirt/11.3.0`` beside the working directory or the source
checkout.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath

__all__ = [
    "DEFAULT_RELATIVE",
    "ENV_VAR",
    "EXPECTED",
    "CorpusEntry",
    "ManifestError",
    "corpus_dir",
    "find_data",
    "read_manifest",
    "select",
]

ENV_VAR = "DOMXML_TESTDATA"
"""Environment variable naming the directory that holds ``corpus/``."""

DEFAULT_RELATIVE = Path("..", "shared", "libvirt", "11.3.0")
"""Where the test data sits relative to a checkout of the repository."""

EXPECTED = ("valid", "invalid", "skip")
"""The verdicts MANIFEST.tsv uses: libvirt's schema test expects the file to
validate, to fail validation, or does not check it (``skip``: a link or a
deliberately broken file)."""

_COLUMNS = ("path", "schema", "expected", "sha256")


class ManifestError(ValueError):
    """MANIFEST.tsv is not in the expected shape."""


@dataclass(frozen=True)
class CorpusEntry:
    """One row of MANIFEST.tsv: a corpus document and libvirt's verdict on it."""

    path: str
    """Path relative to the corpus directory, with ``/`` separators."""
    schema: str
    """The RELAX NG schema libvirt validates the document with."""
    expected: str
    """``valid``, ``invalid`` or ``skip``."""
    sha256: str
    """SHA-256 of the file's bytes."""
    corpus: Path
    """The corpus directory the path is relative to."""

    @property
    def file(self) -> Path:
        """The document's absolute location."""
        return self.corpus / self.path

    @property
    def family(self) -> str:
        """The first path component: ``domain``, ``network``, ``storagevol``..."""
        return PurePosixPath(self.path).parts[0]

    @property
    def formatter_written(self) -> bool:
        """Whether libvirt's own formatter wrote this file.

        That is the case for the expected outputs of libvirt's tests: files
        named ``*-latest*.xml`` and those in a ``*xml2xmlout*`` folder.
        """
        pure = PurePosixPath(self.path)
        return fnmatch(pure.name, "*-latest*.xml") or "xml2xmlout" in pure.parent.name


def corpus_dir(data: Path) -> Path:
    """Return the corpus directory for *data*.

    *data* may be the directory holding ``corpus/`` or the corpus directory
    itself. Raises ``FileNotFoundError`` when neither holds MANIFEST.tsv.
    """
    for candidate in (data / "corpus", data):
        if (candidate / "MANIFEST.tsv").is_file():
            return candidate
    raise FileNotFoundError(f"no corpus/MANIFEST.tsv under {data}")


def find_data(explicit: str | os.PathLike[str] | None = None) -> Path | None:
    """Return the first existing test data directory, or ``None``.

    Looks at *explicit*, then ``$DOMXML_TESTDATA``, then ``../shared/libvirt/11.3.0``
    relative to the working directory and to the source checkout. An explicit
    path or environment variable is returned even if it does not exist, so
    that the caller reports the path the user gave.
    """
    if explicit is not None:
        return Path(explicit)
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Path(from_env)
    checkout = Path(__file__).resolve().parents[3]
    for base in (Path.cwd(), checkout):
        candidate = base / DEFAULT_RELATIVE
        if (candidate / "corpus" / "MANIFEST.tsv").is_file():
            return candidate.resolve()
    return None


def read_manifest(corpus: Path) -> list[CorpusEntry]:
    """Read ``corpus/MANIFEST.tsv`` into entries, in file order."""
    manifest = corpus / "MANIFEST.tsv"
    with manifest.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE)
        if tuple(reader.fieldnames or ()) != _COLUMNS:
            raise ManifestError(f"{manifest}: columns {reader.fieldnames}, expected {_COLUMNS}")
        entries = []
        for row in reader:
            if row["expected"] not in EXPECTED:
                raise ManifestError(
                    f"{manifest}:{reader.line_num}: expected is {row['expected']!r},"
                    f" not one of {EXPECTED}"
                )
            entries.append(
                CorpusEntry(
                    path=row["path"],
                    schema=row["schema"],
                    expected=row["expected"],
                    sha256=row["sha256"],
                    corpus=corpus,
                )
            )
    return entries


def select(
    entries: Iterable[CorpusEntry],
    families: Sequence[str] | None = None,
    expected: Sequence[str] = ("valid", "invalid"),
) -> list[CorpusEntry]:
    """Return the entries of the given families (all if ``None``) and verdicts."""
    return [
        entry
        for entry in entries
        if (families is None or entry.family in families) and entry.expected in expected
    ]
