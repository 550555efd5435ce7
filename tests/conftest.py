"""pytest set-up: the ``corpus_missing`` marker and the ``corpus_dir`` fixture.

The corpus helpers themselves are in ``corpus.py`` beside this file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import MISSING_MARKER, require_data


def pytest_configure(config: pytest.Config) -> None:
    """Register the marker that ``corpus.corpus_files`` puts on its stand-in parameter."""
    config.addinivalue_line(
        "markers",
        f"{MISSING_MARKER}(reason): the libvirt test corpus is missing; skip (fail under CI)",
    )


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip, or fail under CI, a test parametrized while the corpus was missing."""
    if item.get_closest_marker(MISSING_MARKER) is not None:
        require_data()


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The corpus directory (holding MANIFEST.tsv); skips or fails when missing."""
    return require_data()
