"""Typed access to a Xen configuration's values, as libvirt's ``xenConfigGet*`` reads them."""

from __future__ import annotations

from domxml.errors import NativeConfigError
from domxml.native.conf import Config, Entry, Value

__all__ = ["XenValues"]


class XenValues:
    """The values of a parsed ``xl``/``xm`` file, read with libvirt's typing rules."""

    def __init__(self, conf: Config) -> None:
        self.conf = conf

    def entry(self, name: str) -> Entry | None:
        """The first statement named *name*, or ``None``."""
        return self.conf.get(name)

    def fail(self, message: str, name: str | None = None) -> NativeConfigError:
        """An error about the statement named *name* (its line), or the file."""
        return self.conf.error(message, self.conf.get(name) if name else None)

    def string(self, name: str, default: str | None = None) -> str | None:
        """A string value; a number or list is an error, as in libvirt."""
        found = self.conf.get(name)
        if found is None:
            return default
        if not isinstance(found.value, str):
            raise self.conf.error(f"{name!r} must be a string", found)
        return found.value

    def integer(self, name: str, default: int) -> int:
        """A number, written bare or as a string of digits."""
        found = self.conf.get(name)
        if found is None:
            return default
        value = found.value
        if isinstance(value, int):
            return value
        if isinstance(value, str):
            try:
                return int(value, 10)
            except ValueError:
                raise self.conf.error(f"{name!r} must be a number", found) from None
        raise self.conf.error(f"{name!r} must be a number", found)

    def boolean(self, name: str, default: int) -> int:
        """``0``/``1`` (or any number: not zero is true); *default* when absent."""
        found = self.conf.get(name)
        if found is None:
            return default
        value = found.value
        if isinstance(value, int):
            return 1 if value else 0
        if isinstance(value, str) and value.lstrip("-").isdigit():
            return 1 if int(value) else 0
        raise self.conf.error(f"{name!r} must be a number (0 or 1)", found)

    def strings(self, name: str) -> list[str] | None:
        """A list of strings (non-strings skipped); a lone string is a list of one."""
        found = self.conf.get(name)
        if found is None:
            return None
        value: Value = found.value
        if isinstance(value, str):
            return [value]
        if isinstance(value, list):
            return [item for item in value if isinstance(item, str)]
        raise self.conf.error(f"{name!r} must be a list of strings", found)

    def raw(self, name: str) -> Value | None:
        """The value as parsed (string, number or list), or ``None``."""
        found = self.conf.get(name)
        return None if found is None else found.value
