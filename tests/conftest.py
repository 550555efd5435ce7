"""pytest set-up: a home of the session's own, the ``corpus_missing`` marker, containment.

The corpus helpers themselves are in ``corpus.py`` beside this file.

Tests never read or write the user's own home, cache or config (an imported
schema set in ``~/.cache/domxml`` would change what ``domxml validate``
picks): at import, before any test code reads them, ``HOME`` and the XDG
base directories point into a temporary directory of this session, which
child processes inherit and which is removed at the end.

Every test that uses the ``test_conn`` fixture (libvirt's embedded test
driver, which runs in the process that opens it) is marked ``contained``: it
runs in a forked child, so that a crash fails that test, not the run
(``contained.py``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import contained
import pytest
from corpus import MISSING_MARKER, require_data

#: The environment variables that name the user's home and its XDG base directories.
HOME_VARIABLES = (
    "HOME",
    "XDG_CACHE_HOME",
    "XDG_CONFIG_HOME",
    "XDG_DATA_HOME",
    "XDG_STATE_HOME",
    "XDG_RUNTIME_DIR",
)
#: The user's own settings of domxml and libvirt, which the tests must not see either.
USER_SETTINGS = ("DOMXML_SCHEMA_PATH", "DOMXML_SYSTEM_SCHEMAS", "LIBVIRT_DEFAULT_URI")
#: Where the session's home lives; child processes inherit the variables.
SESSION_HOME = Path(tempfile.mkdtemp(prefix="domxml-test-home-"))


def _isolate_home(root: Path) -> None:
    """Point ``HOME`` and the XDG directories at fresh directories under ``root``."""
    home = root / "home"
    dirs = {
        "HOME": home,
        "XDG_CACHE_HOME": home / ".cache",
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_DATA_HOME": home / ".local" / "share",
        "XDG_STATE_HOME": home / ".local" / "state",
        "XDG_RUNTIME_DIR": root / "run",
    }
    for name, path in dirs.items():
        path.mkdir(parents=True, exist_ok=True)
        os.environ[name] = str(path)
    dirs["XDG_RUNTIME_DIR"].chmod(0o700)  # what the XDG specification requires of it
    for name in USER_SETTINGS:
        os.environ.pop(name, None)


_isolate_home(SESSION_HOME)
#: The home and XDG variables as the session starts, before any fixture changes one.
SESSION_ENV = {name: os.environ.get(name) for name in HOME_VARIABLES}


def pytest_configure(config: pytest.Config) -> None:
    """Register the markers, and the plugin that runs ``contained`` tests in a child."""
    config.addinivalue_line(
        "markers",
        f"{MISSING_MARKER}(reason): the libvirt test corpus is missing; skip (fail under CI)",
    )
    if not config.pluginmanager.is_registered(contained):
        config.pluginmanager.register(contained, "contained")


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the session's home (in the process that made it, not in a forked child)."""
    shutil.rmtree(SESSION_HOME, ignore_errors=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``contained`` every test that uses libvirt's embedded test driver."""
    for item in items:
        if "test_conn" in getattr(item, "fixturenames", ()):
            item.add_marker(contained.MARKER)


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip, or fail under CI, a test parametrized while the corpus was missing."""
    if item.get_closest_marker(MISSING_MARKER) is not None:
        require_data()


@pytest.fixture()
def session_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """The environment as the session started, whatever a session fixture changed since.

    ``schema_home`` (validate_support.py) points ``XDG_CACHE_HOME`` at its
    imported 11.3.0 and 9.0.0 sets for the rest of the session; a test that
    needs the system's schemas alone, whichever tests ran before, uses this.
    """
    for name, value in SESSION_ENV.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    for name in USER_SETTINGS:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The corpus directory (holding MANIFEST.tsv); skips or fails when missing."""
    return require_data()
