"""``domxml convert`` for the native formats: options, warnings, file names.

The conversions are :mod:`domxml.native`'s; this module turns the command
line's options into its arguments and prints its warnings.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import domxml.native
from domxml.binding import Model
from domxml.native.vmx import datastore_file_names

__all__ = [
    "NATIVE_READ",
    "NATIVE_WRITE",
    "native_format_from_name",
    "read_native",
    "write_native",
]

NATIVE_READ = ("vmx", "xl", "xm", "lxc")
NATIVE_WRITE = ("vmx", "xl", "xm")


def native_format_from_name(name: str) -> str | None:
    """``vmx`` for a ``.vmx`` file; the Xen and LXC files have no telling extension."""
    return "vmx" if Path(name).suffix.lower() == ".vmx" else None


def _warn(name: str, warnings: list[Any]) -> None:
    for warning in warnings:
        where = f"{name}:{warning.line}" if warning.line is not None else name
        print(f"domxml: warning: {where}: {warning.key}: {warning.message}", file=sys.stderr)


def read_native(data: bytes, fmt: str, filename: str | None, options: dict[str, Any]) -> Model:
    """The domain in a native file; its warnings printed on standard error."""
    extra: dict[str, Any] = {}
    if fmt == "vmx":
        parse, _ = datastore_file_names(options.get("datastore"), options.get("vmx_directory"))
        extra["parse_file_name"] = parse
    domain, warnings = domxml.native.read(data, fmt, filename=filename, **extra)
    _warn(filename or "<stdin>", warnings)
    return domain


def write_native(model: Model, fmt: str, name: str, options: dict[str, Any]) -> str:
    """The native file of a domain; its warnings printed on standard error."""
    extra: dict[str, Any] = {}
    if fmt == "vmx":
        _, format_ = datastore_file_names(options.get("datastore"), options.get("vmx_directory"))
        extra["format_file_name"] = format_
        extra["virtual_hw_version"] = options.get("virtual_hw_version") or 4
    text, warnings = domxml.native.write(model, fmt, **extra)  # type: ignore[arg-type]
    _warn(name, warnings)
    return text
