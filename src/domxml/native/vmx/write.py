"""A :class:`Domain` to a ``.vmx`` file, after libvirt's ``virVMXFormatConfig``."""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["FileNameFormatter", "write"]

FileNameFormatter = Callable[[str], str]


def write() -> None:
    """Placeholder."""
