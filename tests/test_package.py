"""The package: an sdist and a pure-Python wheel that ``twine check`` accepts and that works.

The wheel is built from this checkout (``python -m build --no-isolation``:
the build tools come from the development extra), checked with twine, then
installed with ``pip --no-deps --target`` into an empty folder and run from
there, beside the dependencies of this environment only: what the package
needs of its own files is in the wheel.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out


def test_twine_accepts_the_sdist_and_the_wheel(dist: Path) -> None:
    files = sorted(dist.iterdir())
    assert sorted(f.suffix for f in files) == [".gz", ".whl"], files
    result = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_wheel_is_pure_python_and_carries_its_data(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    assert wheel.name.endswith("-py3-none-any.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "domxml/py.typed" in names
    assert any(n.startswith("domxml/examples/") and n.endswith(".xml") for n in names)
    assert "domxml/grammars/domain.rng" in names  # domxml's own grammars
    # libvirt's own files never ship (the corpus, libvirt's schemas).
    assert not any("qemuxmlconfdata" in n or n.endswith("/domaincommon.rng") for n in names)


def test_the_installed_wheel_works(dist: Path, tmp_path: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index",
         "--target", str(target), str(wheel)],
        check=True,
        timeout=300,
    )  # fmt: skip
    # The dependencies from this environment, domxml only from the wheel.
    deps = sysconfig.get_paths()["purelib"]
    example = ROOT / "src" / "domxml" / "examples" / "network-nat.xml"
    script = tmp_path / "use.py"
    script.write_text(
        "import sys\n"
        f"sys.path[:0] = [{str(target)!r}, {deps!r}]\n"
        "import domxml\n"
        f"assert domxml.__file__.startswith({str(target)!r}), domxml.__file__\n"
        f"model = domxml.parse({str(example)!r})\n"
        "print(type(model).__name__, domxml.to_yaml(model).splitlines()[0])\n"
        # No libvirt schemas anywhere: the grammars the wheel carries check it.
        f"report = domxml.validate({str(example)!r})\n"
        "assert report.ok and report.libvirt == 'domxml', report\n"
    )
    hidden = {"DOMXML_SYSTEM_SCHEMAS": "/nonexistent", "XDG_CACHE_HOME": str(tmp_path / "c")}
    result = subprocess.run(
        [sys.executable, "-I", str(script)],
        env={**os.environ, **hidden, "DOMXML_SCHEMA_PATH": ""},
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Network ")
