"""The ``.vmx`` file being written: its statements, file name mapping and warnings."""

from __future__ import annotations

from collections.abc import Callable

from domxml.errors import NativeConfigError
from domxml.native.common import NativeWarning

__all__ = ["FileNameFormatter", "Writer"]

#: Turns a disk source (``[datastore] dir/file.vmdk``) into a ``.vmx`` file
#: name; raise :class:`ValueError` to refuse it.
FileNameFormatter = Callable[[str], str]


class Writer:
    """The statements written so far, in order; the options; the warnings."""

    def __init__(self, format_file_name: FileNameFormatter, hw_version: int) -> None:
        self.lines: list[str] = []
        self.format_file_name = format_file_name
        self.hw_version = hw_version
        self.warnings: list[NativeWarning] = []

    def set(self, key: str, value: object) -> None:
        """Add ``key = "value"``."""
        self.lines.append(f'{key} = "{value}"')

    def file_name(self, source: str, where: str) -> str:
        """A source mapped to a file name; a refusal is an error naming *where*."""
        try:
            return self.format_file_name(source)
        except ValueError as error:
            raise NativeConfigError(f"{where}: cannot map {source!r}: {error}") from None
