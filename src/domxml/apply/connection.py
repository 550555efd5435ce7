"""The one place that imports ``libvirt``: the binding, connections, and its errors.

The binding is imported on first use, so that the rest of domxml (and the
diff) works without it; when it is missing, :class:`LibvirtMissingError`
says how to install it.
"""

from __future__ import annotations

import getpass
import importlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

from domxml.apply.errors import ApplyError, LibvirtMissingError

__all__ = [
    "connect",
    "libvirt_errors",
    "libvirt_module",
    "libvirt_version",
    "not_found",
    "unsupported_flags",
]

INSTALL_HINT = (
    "the libvirt Python binding is not installed: `pip install 'domxml[apply]'`"
    " or `pip install libvirt-python` (it builds against the system's libvirt:"
    " on Debian and Ubuntu first"
    " `apt-get install libvirt-dev pkg-config gcc python3-dev`), or use a"
    " Python that has the distribution's python3-libvirt"
)

_module: ModuleType | None = None


def libvirt_module() -> ModuleType:
    """The ``libvirt`` module; :class:`LibvirtMissingError` when it is not installed."""
    global _module
    if _module is None:
        try:
            libvirt = importlib.import_module("libvirt")
        except ImportError as e:
            raise LibvirtMissingError(INSTALL_HINT) from e
        # Without this, libvirt prints every error on stderr as well as raising it.
        libvirt.registerErrorHandler(lambda _ctx, _err: None, None)
        _module = libvirt
    return _module


def _ask(credentials: list[list[Any]], _data: object) -> int:
    """Answer libvirt's credential questions on the terminal, as virsh does."""
    libvirt = libvirt_module()
    for credential in credentials:
        kind, prompt = credential[0], credential[1]
        if not sys.stdin.isatty():
            return -1
        if kind in (libvirt.VIR_CRED_PASSPHRASE, libvirt.VIR_CRED_NOECHOPROMPT):
            credential[4] = getpass.getpass(f"{prompt}: ")
        else:
            credential[4] = input(f"{prompt}: ")
    return 0


def connect(uri: str | None = None) -> Any:
    """Open a read-write connection to libvirt, as ``virsh -c URI`` does.

    ``uri`` ``None`` is libvirt's own default: ``$LIBVIRT_DEFAULT_URI``,
    then ``uri_default`` in libvirt.conf, then what the local daemons offer.
    Credentials libvirt asks for are asked on the terminal.
    """
    libvirt = libvirt_module()
    kinds = [
        libvirt.VIR_CRED_AUTHNAME,
        libvirt.VIR_CRED_PASSPHRASE,
        libvirt.VIR_CRED_ECHOPROMPT,
        libvirt.VIR_CRED_NOECHOPROMPT,
    ]
    with libvirt_errors(f"cannot connect to {uri or 'the default URI'}"):
        return libvirt.openAuth(uri, [kinds, _ask, None], 0)


def libvirt_version(conn: Any) -> str:
    """The version of the libvirt that ``conn`` talks to (the daemon's), as ``X.Y.Z``."""
    with libvirt_errors("cannot get libvirt's version"):
        number = int(conn.getLibVersion())
    return f"{number // 1_000_000}.{number // 1000 % 1000}.{number % 1000}"


@contextmanager
def libvirt_errors(doing: str, applied: list[str] | None = None) -> Iterator[None]:
    """Turn a libvirt error into an :class:`ApplyError` saying what was being done."""
    libvirt = libvirt_module()
    try:
        yield
    except libvirt.libvirtError as e:
        raise ApplyError(f"{doing}: {e.get_error_message() or e}", applied=applied) from e


def not_found(error: BaseException) -> bool:
    """Whether a libvirt error says that the object looked up does not exist."""
    libvirt = libvirt_module()
    if not isinstance(error, libvirt.libvirtError):
        return False
    codes = (
        "VIR_ERR_NO_DOMAIN",
        "VIR_ERR_NO_NETWORK",
        "VIR_ERR_NO_STORAGE_POOL",
        "VIR_ERR_NO_STORAGE_VOL",
        "VIR_ERR_NO_DOMAIN_SNAPSHOT",
        "VIR_ERR_NO_DOMAIN_CHECKPOINT",
        "VIR_ERR_NO_SECRET",
        "VIR_ERR_NO_NWFILTER",
        "VIR_ERR_NO_NWFILTER_BINDING",
        "VIR_ERR_NO_INTERFACE",
        "VIR_ERR_NO_NETWORK_PORT",
    )
    # getattr: a binding older than the kind (network ports came in 5.5.0).
    return error.get_error_code() in {getattr(libvirt, code, None) for code in codes} - {None}


def unsupported_flags(error: BaseException) -> bool:
    """Whether a libvirt error says that a flag is not supported (an older libvirt)."""
    libvirt = libvirt_module()
    return (
        isinstance(error, libvirt.libvirtError)
        and error.get_error_code() in (libvirt.VIR_ERR_INVALID_ARG, libvirt.VIR_ERR_NO_SUPPORT)
        and "unsupported flags" in (error.get_error_message() or "")
    )
