"""Typed access to a ``.vmx`` file's values, as libvirt's ``virVMXGetConfig*`` reads them."""

from __future__ import annotations

import re
from collections.abc import Callable

from domxml.errors import NativeConfigError
from domxml.native.common import NativeWarning
from domxml.native.conf import Config, Entry

__all__ = ["FileNameParser", "Reader", "keep_file_name", "uuid_text"]

#: Turns a ``.vmx`` file name into a disk source (``[datastore] dir/file.vmdk``);
#: the second argument says whether a missing file is acceptable (a CD-ROM
#: image); ``None`` means no source. Raise :class:`ValueError` to refuse it.
FileNameParser = Callable[[str, bool], "str | None"]


def keep_file_name(name: str, allow_missing: bool) -> str | None:
    """The file name mapping of no mapping: a name is its own source."""
    return name


class Reader:
    """A parsed file, its file name mapping, and the warnings of what its readers drop."""

    def __init__(self, conf: Config, parse_file_name: FileNameParser) -> None:
        self.conf = conf
        self.parse_file_name = parse_file_name
        self.warnings: list[NativeWarning] = []

    def warn(self, name: str, message: str) -> None:
        """A key read whose value the domain cannot hold."""
        found = self.conf.get(name)
        self.warnings.append(
            NativeWarning(found.name if found else name, message, found.line if found else None)
        )

    # -- typed access, as libvirt's virVMXGetConfig* -------------------------

    def entry(self, name: str, required: bool = False) -> Entry | None:
        """The first statement named *name*; an error when *required* and missing."""
        found = self.conf.get(name)
        if found is None and required:
            raise self.conf.error(f"missing essential entry {name!r}")
        return found

    def string(self, name: str, required: bool = False) -> str | None:
        """A value as text, or ``None`` when absent."""
        found = self.entry(name, required)
        return None if found is None else str(found.value)

    def long(self, name: str, default: int, required: bool = False) -> int:
        """A number (``unlimited`` is -1); *default* when absent."""
        found = self.entry(name, required)
        if found is None:
            return default
        text = str(found.value)
        if text.lower() == "unlimited":
            return -1
        try:
            return int(text, 10)
        except ValueError:
            raise self.conf.error(f"entry {found.name!r} must be an integer", found) from None

    def boolean(self, name: str, default: bool) -> bool:
        """``true`` or ``false`` in any case; *default* when absent."""
        found = self.entry(name)
        if found is None:
            return default
        text = str(found.value).lower()
        if text not in ("true", "false"):
            raise self.conf.error(
                f"entry {found.name!r} must be a boolean value (true|false)", found
            )
        return text == "true"

    def start_connected(self, prefix: str) -> None:
        """``PREFIX.startConnected``: libvirt keeps a device connected or not alike."""
        if not self.boolean(f"{prefix}.startConnected", True):
            self.warn(f"{prefix}.startConnected", "not represented: the device is kept, connected")

    def fail(self, message: str, name: str) -> NativeConfigError:
        """An error about the statement named *name* (its line)."""
        return self.conf.error(message, self.conf.get(name))

    def file_name(self, key: str, name: str, allow_missing: bool) -> str | None:
        """A file name mapped to a source; a refusal is an error about *key*."""
        try:
            return self.parse_file_name(name, allow_missing)
        except ValueError as error:
            raise self.fail(f"entry {key!r}: {error}", key) from None


def uuid_text(text: str, r: Reader, key: str = "uuid.bios") -> str:
    """A UUID as VMware writes it (``56 4d b5 06 ... c4``) in libvirt's form."""
    digits = re.sub(r"[\s-]", "", text)
    if not re.fullmatch(r"[0-9a-fA-F]{32}", digits):
        raise r.fail(f"could not parse a UUID from {text!r}", key)
    digits = digits.lower()
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"
