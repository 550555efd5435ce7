"""The pre-commit hook (``.pre-commit-hooks.yaml``) in a fresh environment without libvirt.

A project's repository with a valid and an invalid domain document and a
``.pre-commit-config.yaml`` naming this repository's hook: pre-commit
clones this checkout (its tracked and untracked files as they are now,
committed in a copy) and pip-installs it in an environment of its own
(from PyPI: this needs the network), with a new HOME and pre-commit home
and libvirt's schemas hidden. The hook passes the valid document and fails
the invalid one with a pinpointed error, checked against domxml's own
grammar; asked for a libvirt release it has no schemas of, it fails saying
how to get them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VALID = """<domain type='kvm'>
  <name>web</name>
  <memory unit='MiB'>512</memory>
  <os><type arch='x86_64'>hvm</type></os>
</domain>
"""
INVALID = VALID.replace(
    "</os>\n",
    "</os>\n  <devices><disk type='file'><source file='/a.img'/>"
    "<target dev='vda' buss='virtio'/></disk></devices>\n",
)
CONFIG = """repos:
  - repo: {repo}
    rev: {rev}
    hooks:
      - id: domxml-validate
{args}"""


def _git(where: Path, *argv: str, env: dict[str, str]) -> str:
    result = subprocess.run(
        ["git", "-C", str(where), *argv],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return result.stdout.strip()


def _snapshot(where: Path, env: dict[str, str]) -> str:
    """This checkout's files as they are now, committed in a new repository at ``where``."""
    listed = _git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard", env=env)
    where.mkdir()
    for name in filter(None, listed.split("\0")):
        source, target = ROOT / name, where / name
        if not source.exists() and not source.is_symlink():
            continue  # deleted in the working tree
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target, follow_symlinks=False)
    _git(where, "init", "-q", env=env)
    _git(where, "add", "-A", env=env)
    _git(where, "commit", "-q", "-m", "snapshot", env=env)
    return _git(where, "rev-parse", "HEAD", env=env)


@pytest.fixture
def environment(tmp_path: Path) -> dict[str, str]:
    """A new HOME, XDG directories and pre-commit home; no libvirt schemas to find."""
    home = tmp_path / "home"
    home.mkdir()
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DOMXML_", "XDG_", "PRE_COMMIT", "GIT_"))
    }
    env.update(
        HOME=str(home),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit"),
        DOMXML_SYSTEM_SCHEMAS="/nonexistent",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="domxml tests",
        GIT_AUTHOR_EMAIL="tests@domxml.invalid",
        GIT_COMMITTER_NAME="domxml tests",
        GIT_COMMITTER_EMAIL="tests@domxml.invalid",
    )
    return env


def test_the_hook_lints_without_libvirt(tmp_path: Path, environment: dict[str, str]) -> None:
    if shutil.which("git") is None:
        pytest.fail("git is needed to test the pre-commit hook")
    rev = _snapshot(tmp_path / "domxml", environment)
    project = tmp_path / "project"
    project.mkdir()
    _git(project, "init", "-q", env=environment)
    (project / "vm-ok.xml").write_text(VALID)
    (project / "vm-typo.xml").write_text(INVALID)

    def hook(*files: str, args: str = "") -> subprocess.CompletedProcess[str]:
        config = CONFIG.format(repo=tmp_path / "domxml", rev=rev, args=args)
        (project / ".pre-commit-config.yaml").write_text(config)
        _git(project, "add", "-A", env=environment)
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "run", "--color", "never", "--files", *files],
            cwd=project,
            env=environment,
            capture_output=True,
            text=True,
            timeout=900,
        )

    passed = hook("vm-ok.xml")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "validate libvirt XML (domxml)" in passed.stdout and "Passed" in passed.stdout

    failed = hook("vm-ok.xml", "vm-typo.xml")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert (
        "vm-typo.xml:5:71: error: attribute `buss` is not allowed on <target>;"
        " did you mean `bus`? [attribute-not-allowed]\n"
        "    at /domain/devices/disk/target/@buss\n"
    ) in failed.stdout
    assert "vm-ok.xml" not in failed.stdout  # --quiet: errors only

    # A release asked for, with no libvirt schemas on the machine: no stand-in.
    asked = hook("vm-ok.xml", args='        args: [--libvirt, "9.0.0"]\n')
    assert asked.returncode == 1, asked.stdout + asked.stderr
    assert "exit code: 2" in asked.stdout
    assert "no schemas for libvirt 9.0.0" in asked.stdout
    assert "`domxml schemas fetch 9.0.0`" in asked.stdout
    # The hook's environment is the package without the apply extra: no libvirt-python.
    (environment_dir,) = (tmp_path / "pre-commit").glob("repo*/py_env-*")
    probe = subprocess.run(
        [str(environment_dir / "bin" / "python"), "-c", "import importlib.util as u;"
         " print(u.find_spec('domxml') is not None, u.find_spec('libvirt') is None)"],
        env=environment, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert probe.stdout == "True True\n"
