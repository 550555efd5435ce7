"""A real libvirtd with the QEMU driver, for the apply layer's integration tests.

The ``libvirtd`` fixture prepares the host as Debian's libvirt-daemon-system
package would (the ``kvm`` and ``libvirt-qemu`` groups, the ``libvirt-qemu``
user, ``/etc/libvirt/qemu.conf`` running QEMU as root when there is none,
``/var/log/libvirt/qemu``), starts ``virtlogd`` and ``libvirtd`` with PID
files in a temporary directory, and stops them, by PID, after the tests.
A daemon that was already running is used and left alone. The packages come
from ``scripts/bootstrap.sh``; without them (or as a user who cannot start
the daemon) the tests are skipped with the reason, except under CI where
they fail.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from corpus import in_ci
from libvirt_support import require_libvirt

URI = "qemu:///system"
SOCKET = Path("/run/libvirt/libvirt-sock")
VIRTLOGD_SOCKET = Path("/run/libvirt/virtlogd-sock")
QEMU_CONF = Path("/etc/libvirt/qemu.conf")


def _unavailable(reason: str) -> None:
    if in_ci():
        pytest.fail(reason)
    pytest.skip(reason)


def _listening(path: Path) -> bool:
    if not path.exists():
        return False
    with socket.socket(socket.AF_UNIX) as s:
        try:
            s.connect(str(path))
        except OSError:
            return False
    return True


def _prepare_host() -> None:
    """What Debian's libvirt-daemon-system would set up, where it is missing."""
    for group in ("kvm", "libvirt-qemu"):
        try:
            grp.getgrnam(group)
        except KeyError:
            subprocess.run(["groupadd", "--system", group], check=True)
    try:
        pwd.getpwnam("libvirt-qemu")
    except KeyError:
        subprocess.run(
            [
                "useradd",
                "--system",
                "--gid",
                "libvirt-qemu",
                "--groups",
                "kvm",
                "--home-dir",
                "/var/lib/libvirt",
                "--no-create-home",
                "--shell",
                "/usr/sbin/nologin",
                "libvirt-qemu",
            ],
            check=True,
        )
    if not QEMU_CONF.exists():
        # Without libvirt-daemon-system nothing writes one; QEMU runs as root
        # so that it can read the test's files wherever they are.
        QEMU_CONF.parent.mkdir(parents=True, exist_ok=True)
        QEMU_CONF.write_text('user = "root"\ngroup = "root"\n')
    _state_dirs()


def _state_dirs() -> None:
    """The directories libvirt-daemon-system ships and the daemon writes in, where missing.

    ``/var/lib/libvirt/dnsmasq``: the network driver keeps each bridge's MAC
    table there when a port is created (``Failed to create file
    '/var/lib/libvirt/dnsmasq/BRIDGE.macs.new'`` without it).
    """
    for directory in ("/var/log/libvirt/qemu", "/var/lib/libvirt/dnsmasq"):
        Path(directory).mkdir(parents=True, exist_ok=True)


def _start(program: str, pidfile: Path, ready: Path) -> Path:
    """Start a daemon; its PID file once it listens on ``ready``."""
    subprocess.run([program, "-d", "-p", str(pidfile)], check=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if _pid(pidfile) is not None and _listening(ready):
            return pidfile
        time.sleep(0.2)
    raise RuntimeError(f"{program} did not start: nothing listens on {ready}")


def _pid(pidfile: Path) -> int | None:
    try:
        text = pidfile.read_text().strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _stop(pid: int, ready: Path) -> None:
    """Stop a daemon by PID: SIGTERM, then SIGKILL if it is still there after 30 s."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if not _alive(pid) and not _listening(ready):
                return
            time.sleep(0.2)


def clear(conn: Any, prefix: str) -> None:
    """Remove every object of the tests' whose name starts with ``prefix``.

    Domains, networks, pools, network filters and filter bindings by name
    (a binding by its port device), secrets by their usage.

    The integration fixtures call it before their tests as well as after:
    a run that was interrupted (killed, or its machine restarted) leaves
    its objects defined, and the next run must not find them there.
    """
    from domxml.apply import remove

    refs = [f"nwfilterbinding:{b.portDev()}" for b in conn.listAllNWFilterBindings(0)]
    refs += [f"nwfilter:{f.name()}" for f in conn.listAllNWFilters(0)]
    refs += [f"domain:{d.name()}" for d in conn.listAllDomains(0)]
    refs += [f"network:{n.name()}" for n in conn.listAllNetworks(0)]
    refs += [f"pool:{p.name()}" for p in conn.listAllStoragePools(0)]
    mine = [ref for ref in refs if ref.split(":", 1)[1].startswith(prefix)]
    mine += [
        f"secret:{s.UUIDString()}"
        for s in conn.listAllSecrets(0)
        if (s.usageID() or "").startswith(prefix)
    ]
    remove(conn, mine, force=True, nvram="remove", delete_volumes=True)


@pytest.fixture(scope="session")
def libvirtd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URI of a libvirtd with the QEMU driver (started here, stopped after)."""
    require_libvirt()
    programs = {
        name: shutil.which(name) or f"/usr/sbin/{name}" for name in ("libvirtd", "virtlogd")
    }
    missing = [p for p in programs.values() if not os.access(p, os.X_OK)]
    if missing or not shutil.which("qemu-system-x86_64"):
        _unavailable(
            "libvirtd, virtlogd or QEMU is not installed (scripts/bootstrap.sh installs"
            " libvirt-daemon, libvirt-daemon-driver-qemu and qemu-system-x86)"
        )
    if os.geteuid() != 0:
        _unavailable("the integration tests start the system libvirtd: they need root")
    started: list[tuple[int, Path]] = []
    _state_dirs()  # a daemon already running may lack them too
    if not _listening(SOCKET):
        _prepare_host()
        run = tmp_path_factory.mktemp("libvirtd")
        daemons = [("libvirtd", SOCKET)]
        if not _listening(VIRTLOGD_SOCKET):
            daemons.insert(0, ("virtlogd", VIRTLOGD_SOCKET))
        for name, ready in daemons:
            pid = _pid(_start(programs[name], run / f"{name}.pid", ready))
            assert pid is not None
            started.append((pid, ready))
    try:
        yield URI
    finally:
        for pid, ready in reversed(started):
            _stop(pid, ready)
