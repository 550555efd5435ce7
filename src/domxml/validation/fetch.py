"""``domxml schemas fetch VERSION``: download a libvirt release and import its schemas.

The release tarball ``libvirt-VERSION.tar.xz`` comes from libvirt's
release site over HTTPS, through the proxy the environment names
(``https_proxy``, ``no_proxy``...: urllib's own handling). Its SHA-256 must
match before anything is imported: the one given (``--sha256``), or the
one :data:`KNOWN_RELEASES` holds. Nothing is imported from a download that
fails or does not match.

libvirt signs its tarballs with GPG rather than publishing checksums. The
checksums here are those of the tarballs Debian ships as its source
packages' ``.orig.tar.xz``, beside libvirt's own signature of those very
bytes (``.orig.tar.xz.asc``): the release, byte for byte.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

from domxml.errors import SchemaError
from domxml.validation.schemas import SchemaSet, format_version, import_schemas, parse_version

__all__ = ["KNOWN_RELEASES", "RELEASE_SITE", "fetch_schemas"]

#: Where libvirt publishes its releases.
RELEASE_SITE = "https://download.libvirt.org/"

#: SHA-256 of release tarballs, from Debian's source packages (see the module's docstring).
KNOWN_RELEASES: dict[str, str] = {
    "9.0.0": "deca5cff1b7baac297bca9663907c61f71a47183371dc7ac019c107806d5435a",
    "11.3.0": "6bcb0c42c4580436fea262ced56f68a6afe20f7390b1bea2116718cc034a0283",
    "12.8.0": "0cd46a8f3a2b9b63c35c6e6f42a6c2989183ef3b3d1499ee92b4876db35e6fe9",
    "12.9.0": "dcf579d8a949f4cbf56820529d48f200382a48ea12855ffded7c16a189353cd7",
}

#: A release tarball is ~10 MB; this bounds what a wrong server can make us store.
MAX_BYTES = 256 * 1024 * 1024

_SHA256 = re.compile(r"[0-9a-fA-F]{64}")


def fetch_schemas(
    version: str,
    *,
    site: str = RELEASE_SITE,
    sha256: str | None = None,
    verify: bool = True,
    timeout: float = 60.0,
) -> SchemaSet:
    """Download libvirt ``version``'s release from ``site``, check it, import its schemas.

    ``sha256`` is the expected digest (default: :data:`KNOWN_RELEASES`'s);
    ``verify=False`` imports a release whose digest is not known. Raises
    :class:`SchemaError` (nothing imported) on a download error, a digest
    that does not match, or a tarball without schemas.
    """
    label = format_version(parse_version(version))
    expected = sha256 or KNOWN_RELEASES.get(label)
    if expected is not None and not _SHA256.fullmatch(expected):
        raise SchemaError(f"not a SHA-256 digest: {expected!r}")
    if expected is None and verify:
        known = ", ".join(KNOWN_RELEASES)
        raise SchemaError(
            f"no known checksum for libvirt {label} (known: {known}): give --sha256 with the"
            " digest of a tarball you checked (libvirt signs its releases with GPG), or"
            " --no-checksum to import it unchecked"
        )
    name = f"libvirt-{label}.tar.xz"
    url = site.rstrip("/") + "/" + name
    with tempfile.TemporaryDirectory(prefix="domxml-fetch-") as tmp:
        path = Path(tmp) / name
        digest = _download(url, path, timeout)
        if expected is not None and digest != expected.lower():
            raise SchemaError(
                f"{url}: checksum mismatch (SHA-256 {digest}, expected {expected.lower()}):"
                " nothing was imported"
            )
        return import_schemas(path, label)


def _download(url: str, path: Path, timeout: float) -> str:
    """Save ``url`` to ``path``; the SHA-256 of what was saved."""
    digest = hashlib.sha256()
    size = 0
    try:
        # build_opener() includes the proxies the environment names.
        opener = urllib.request.build_opener()
        with opener.open(url, timeout=timeout) as response, path.open("wb") as out:
            while chunk := response.read(1 << 16):
                size += len(chunk)
                if size > MAX_BYTES:
                    raise SchemaError(f"{url}: more than {MAX_BYTES} bytes: not a release")
                digest.update(chunk)
                out.write(chunk)
    except urllib.error.HTTPError as e:
        raise SchemaError(f"cannot download {url}: HTTP {e.code} {e.reason}") from None
    except (urllib.error.URLError, OSError) as e:
        reason = getattr(e, "reason", None) or e
        raise SchemaError(f"cannot download {url}: {reason}") from None
    return digest.hexdigest()
