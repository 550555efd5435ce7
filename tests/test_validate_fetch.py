"""``domxml schemas fetch``: a release downloaded, checked and imported, against local servers.

A tarball is built here (a ``meson.build`` and libvirt's 11.3.0 schemas,
as a release lays them out) and served on 127.0.0.1; another local server
plays the proxy the environment names. Nothing leaves the machine.
"""

from __future__ import annotations

import hashlib
import http.server
import io
import tarfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from validate_support import run, schema_dir

from domxml.validation.fetch import KNOWN_RELEASES

VERSION = "1.2.3"


def _tarball(folder: Path) -> Path:
    """``libvirt-1.2.3.tar.xz``: meson.build and src/conf/schemas/*.rng, as libvirt ships them."""
    path = folder / f"libvirt-{VERSION}.tar.xz"
    schemas = schema_dir("11.3.0")
    with tarfile.open(path, "w:xz") as tar:
        meson = f"project('libvirt', 'c', version: '{VERSION}')\n".encode()
        info = tarfile.TarInfo(f"libvirt-{VERSION}/meson.build")
        info.size = len(meson)
        tar.addfile(info, io.BytesIO(meson))
        for rng in sorted(schemas.glob("*.rng")):
            tar.add(rng, f"libvirt-{VERSION}/src/conf/schemas/{rng.name}")
    return path


class _Server:
    """A server on 127.0.0.1 in a thread; ``requests`` lists the paths asked for."""

    def __init__(self, folder: Path) -> None:
        requests: list[str] = []
        self.requests = requests

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args: object, **kwargs: object) -> None:
                super().__init__(*args, directory=str(folder), **kwargs)  # type: ignore[arg-type]

            def do_GET(self) -> None:
                requests.append(self.path)
                # A proxy is asked for the whole URL: serve its path.
                if self.path.startswith("http://"):
                    self.path = "/" + self.path.split("/", 3)[3]
                super().do_GET()

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[_Server, str]]:
    """A release site serving the tarball, its SHA-256, and an empty cache to import into."""
    served = tmp_path / "site"
    served.mkdir()
    digest = hashlib.sha256(_tarball(served).read_bytes()).hexdigest()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    server = _Server(served)
    yield server, digest
    server.close()


def _imported(tmp_path: Path) -> list[str]:
    root = tmp_path / "cache" / "domxml" / "schemas"
    return sorted(p.name for p in root.iterdir()) if root.is_dir() else []


def test_fetched_checked_and_imported(site: tuple[_Server, str], tmp_path: Path) -> None:
    server, digest = site
    result = run("schemas", "fetch", VERSION, "--site", server.url, "--sha256", digest)
    assert result.code == 0, result.err
    assert f"imported libvirt {VERSION} schemas" in result.out
    assert _imported(tmp_path) == [VERSION]
    assert server.requests == [f"/libvirt-{VERSION}.tar.xz"]
    listed = run("schemas", "list").out
    assert VERSION in listed and "imported" in listed


def test_a_bad_checksum_imports_nothing(site: tuple[_Server, str], tmp_path: Path) -> None:
    server, digest = site
    wrong = ("0" if digest[0] != "0" else "1") + digest[1:]
    result = run("schemas", "fetch", VERSION, "--site", server.url, "--sha256", wrong)
    assert result.code == 2 and "checksum mismatch" in result.err
    assert "nothing was imported" in result.err
    assert _imported(tmp_path) == []


def test_an_http_error_imports_nothing(site: tuple[_Server, str], tmp_path: Path) -> None:
    server, _ = site
    result = run("schemas", "fetch", "4.5.6", "--site", server.url, "--no-checksum")
    assert result.code == 2 and "HTTP 404" in result.err
    assert _imported(tmp_path) == []


def test_an_unknown_release_needs_a_checksum(site: tuple[_Server, str], tmp_path: Path) -> None:
    server, _ = site
    result = run("schemas", "fetch", VERSION, "--site", server.url)
    assert result.code == 2 and "no known checksum for libvirt 1.2.3" in result.err
    assert server.requests == [] and _imported(tmp_path) == []


def test_the_proxy_the_environment_names_is_used(
    site: tuple[_Server, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server, digest = site
    # A host that resolves nowhere: only through the proxy can it answer.
    monkeypatch.setenv("http_proxy", server.url)
    result = run(
        "schemas", "fetch", VERSION, "--site", "http://releases.invalid/", "--sha256", digest
    )
    assert result.code == 0, result.err
    assert server.requests == [f"http://releases.invalid/libvirt-{VERSION}.tar.xz"]
    assert _imported(tmp_path) == [VERSION]


def test_known_releases_are_sha256_digests() -> None:
    assert set(KNOWN_RELEASES) >= {"9.0.0", "11.3.0", "12.9.0"}
    assert all(len(d) == 64 and int(d, 16) >= 0 for d in KNOWN_RELEASES.values())
