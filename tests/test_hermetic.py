"""The tests never read the user's own home, cache or config.

tests/conftest.py points ``HOME`` and the XDG base directories into a
temporary directory of the session before any test code reads them. Here:
they do, in this process and in its children; and a run of the tests that
once read the user's cache (``test_the_example`` after ``domxml schemas
import``) gives the same outcomes with a poisoned home (an imported schema
set 99.0.0, a firmware descriptor of the user's) as with a clean one, while
that poison does change what ``domxml`` itself finds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import HOME_VARIABLES, SESSION_HOME
from corpus import in_ci

from domxml.firmware.search import user_config_dir
from domxml.validation.schemas import cache_dir

REPO = Path(__file__).resolve().parent.parent
DOMXML = (sys.executable, "-m", "domxml.cli")
PYTEST = (sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=")
SYSTEM_SCHEMAS = Path("/usr/share/libvirt/schemas")
SYSTEM_FIRMWARE = Path("/usr/share/qemu/firmware")
#: Tests whose outcome depended on the user's home: the schema set found, libvirt's URI.
SELECTION = (
    "tests/test_validate_demo.py",
    "tests/test_validate_schemas.py",
    "tests/test_firmware_resolve.py",
    "tests/test_apply_testdriver.py::test_the_example",
    "tests/test_apply_testdriver.py::test_command_line",
)


def _inside(path: str | Path, root: Path) -> bool:
    return Path(path).resolve().is_relative_to(root.resolve())


def test_home_and_xdg_dirs_are_the_sessions(tmp_path_factory: pytest.TempPathFactory) -> None:
    # A session fixture may point one at a directory of pytest's own (the
    # schema sets validate_support.schema_home imports): never the user's.
    scratch = tmp_path_factory.getbasetemp()
    for name in HOME_VARIABLES:
        value = os.environ[name]
        assert _inside(value, SESSION_HOME) or _inside(value, scratch), (name, value)
    assert _inside(Path.home(), SESSION_HOME)
    assert _inside(os.path.expanduser("~"), SESSION_HOME)
    assert _inside(cache_dir(), SESSION_HOME) or _inside(cache_dir(), scratch)
    assert _inside(user_config_dir(), SESSION_HOME) or _inside(user_config_dir(), scratch)
    child = subprocess.run(
        [sys.executable, "-c", "import pathlib; print(pathlib.Path.home())"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert _inside(child.stdout.strip(), SESSION_HOME)


def _poisoned_env(root: Path) -> dict[str, str]:
    """A home with what once changed the tests' outcomes: a schema set, a firmware descriptor."""
    home = root / "home"
    env = dict(os.environ)
    env.update(
        DOMXML_SCHEMA_PATH=str(root / "schemas"),
        LIBVIRT_DEFAULT_URI="test:///poisoned",
        HOME=str(home),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local/share"),
        XDG_STATE_HOME=str(home / ".local/state"),
        XDG_RUNTIME_DIR=str(root / "run"),
    )
    imported = subprocess.run(
        [*DOMXML, "schemas", "import", str(SYSTEM_SCHEMAS), "--version", "99.0.0"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert imported.returncode == 0, imported.stderr
    firmware = home / ".config/qemu/firmware"
    firmware.mkdir(parents=True)
    descriptor = sorted(SYSTEM_FIRMWARE.glob("*.json"))[0]
    text = descriptor.read_text().replace("/usr/share/OVMF/", "/poisoned/OVMF/")
    (firmware / "10-poisoned.json").write_text(text)
    shutil.copytree(SYSTEM_SCHEMAS, root / "schemas")  # a set of unknown version
    libvirt_conf = home / ".config/libvirt/libvirt.conf"
    libvirt_conf.parent.mkdir(parents=True)
    libvirt_conf.write_text('uri_default = "test:///poisoned"\n')
    (root / "run").mkdir(mode=0o700)
    return env


def _outcomes(env: dict[str, str], junit: Path) -> dict[str, str]:
    """Run the selection in a pytest of its own; each test's outcome."""
    result = subprocess.run(
        [*PYTEST, "--junitxml", str(junit), *SELECTION],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    outcomes = {}
    for case in ET.parse(junit).getroot().iter("testcase"):
        kinds = [child.tag for child in case if child.tag in ("failure", "error", "skipped")]
        outcomes[f"{case.get('classname')}.{case.get('name')}"] = kinds[0] if kinds else "passed"
    assert outcomes, result.stdout + result.stderr
    return outcomes


def test_a_poisoned_home_changes_no_outcome(tmp_path: Path) -> None:
    if not (SYSTEM_SCHEMAS / "domain.rng").is_file() or not any(SYSTEM_FIRMWARE.glob("*.json")):
        reason = "needs the system's libvirt schemas and OVMF's descriptors (scripts/bootstrap.sh)"
        if in_ci():
            pytest.fail(reason)
        pytest.skip(reason)
    poisoned = _poisoned_env(tmp_path / "poisoned")
    # The poison works: domxml itself, outside the tests, finds the user's set and descriptor.
    found = subprocess.run(
        [*DOMXML, "schemas", "list"],
        env=poisoned,
        capture_output=True,
        text=True,
    )
    # (Listed; not the default: without --libvirt the host's libvirt is used.)
    assert "99.0.0   imported" in found.stdout, found.stdout
    listed = subprocess.run(
        [*DOMXML, "firmware", "list", "--session"],
        env=poisoned,
        capture_output=True,
        text=True,
    )
    assert "10-poisoned.json" in listed.stdout, listed.stdout
    # The tests do not: the same outcomes as with the session's clean home.
    clean = _outcomes(dict(os.environ), tmp_path / "clean.xml")
    assert set(clean.values()) == {"passed"}, clean
    assert _outcomes(poisoned, tmp_path / "poisoned.xml") == clean
    assert len(clean) > 40
