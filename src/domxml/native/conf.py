"""A lexer for the ``key = value`` files of VMware, Xen and LXC, with line numbers.

The three formats are dialects of the one grammar libvirt reads them with
(its ``virconf``): a statement is a name, ``=`` and a value, ended by a line
break or ``;``; ``#`` starts a comment. They differ in what a name may hold
and what a value is:

- ``vmx``: names also hold ``:``, ``.``, ``-`` and ``*`` (``scsi0:1.fileName``)
  and are looked up without regard to case (VMware writes ``fileName`` and
  ``filename`` alike); a value is always a double-quoted string.
- ``xen`` (``xl`` and ``xm``): Python-like values: strings in single, double
  or triple quotes, integers, and lists of these in ``[...]``.
- ``lxc``: names also hold ``.``; a value is the rest of the line, trailing
  blanks removed, and may repeat (``lxc.mount.entry`` once per mount).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from domxml.errors import NativeConfigError

__all__ = ["Config", "Entry", "Value", "parse_config"]

Dialect = Literal["vmx", "xen", "lxc"]
#: A value: a string, an integer, or a list of values (Xen only).
Value = str | int | list["Value"]


@dataclass(frozen=True)
class Entry:
    """One ``name = value`` statement and the line it starts on."""

    name: str
    value: Value
    line: int


@dataclass
class Config:
    """The statements of a file, in order, and which of them a converter read.

    A converter reads keys through :meth:`get`; the keys it never asked for
    are what :meth:`unread` returns, so that each becomes a warning naming
    it instead of being dropped silently.
    """

    entries: list[Entry]
    dialect: Dialect
    filename: str | None = None
    _read: set[int] = field(default_factory=set)

    def _key(self, name: str) -> str:
        return name.lower() if self.dialect == "vmx" else name

    def get(self, name: str) -> Entry | None:
        """The first statement named *name* (the one libvirt reads), marked as read."""
        key = self._key(name)
        found: Entry | None = None
        for index, entry in enumerate(self.entries):
            if self._key(entry.name) == key:
                self._read.add(index)
                if found is None:
                    found = entry
        return found

    def get_all(self, name: str) -> list[Entry]:
        """Every statement named *name*, in order, marked as read."""
        key = self._key(name)
        found = []
        for index, entry in enumerate(self.entries):
            if self._key(entry.name) == key:
                self._read.add(index)
                found.append(entry)
        return found

    def names(self) -> Iterator[str]:
        """The names of all statements, in order, without marking them read."""
        return (entry.name for entry in self.entries)

    def mark_read(self, index: int) -> None:
        """Mark the statement at *index* (of :attr:`entries`) as read."""
        self._read.add(index)

    def unread(self) -> list[Entry]:
        """The statements no :meth:`get` asked for, in file order."""
        return [entry for i, entry in enumerate(self.entries) if i not in self._read]

    def error(self, message: str, entry: Entry | None = None) -> NativeConfigError:
        """An error about *entry* (its line), or about the file."""
        return NativeConfigError(
            message, filename=self.filename, line=entry.line if entry is not None else None
        )


class _Lexer:
    def __init__(self, text: str, dialect: Dialect, filename: str | None) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.dialect = dialect
        self.filename = filename

    def error(self, message: str) -> NativeConfigError:
        return NativeConfigError(message, filename=self.filename, line=self.line)

    def peek(self, ahead: int = 0) -> str:
        at = self.pos + ahead
        return self.text[at] if at < len(self.text) else ""

    def skip_blanks(self, newlines: bool = False) -> None:
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char in " \t\r":
                self.pos += 1
            elif newlines and char == "\n":
                self.line += 1
                self.pos += 1
            elif newlines and char == "#":
                self.skip_line()
            else:
                break

    def skip_line(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] != "\n":
            self.pos += 1

    def name(self) -> str:
        start = self.pos
        first = self.peek()
        if not (first.isascii() and first.isalpha()) and not (
            self.dialect == "vmx" and first == "."
        ):
            raise self.error("expecting a name")
        extra = {"vmx": ":.-*", "lxc": ".", "xen": ""}[self.dialect]
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if (char.isascii() and char.isalnum()) or char == "_" or char in extra:
                self.pos += 1
            else:
                break
        return self.text[start : self.pos]

    def string(self) -> str:
        if self.text.startswith('"""', self.pos):
            end = self.text.find('"""', self.pos + 3)
            if end < 0:
                raise self.error("unterminated string")
            value = self.text[self.pos + 3 : end]
            self.line += value.count("\n")
            self.pos = end + 3
            return value
        quote = self.peek()
        start = self.pos + 1
        end = start
        while end < len(self.text) and self.text[end] not in (quote, "\n"):
            end += 1
        if end >= len(self.text) or self.text[end] != quote:
            raise self.error("unterminated string")
        self.pos = end + 1
        return self.text[start:end]

    def rest_of_line(self) -> str:
        start = self.pos
        self.skip_line()
        return self.text[start : self.pos].rstrip(" \t\r")

    def value(self) -> Value:
        self.skip_blanks()
        if self.dialect == "lxc":
            # an LXC value is the rest of the line, which may be empty
            return self.rest_of_line()
        char = self.peek()
        if not char or char == "\n":
            raise self.error("expecting a value")
        if char in "\"'":
            return self.string()
        if char == "[":
            if self.dialect == "vmx":
                raise self.error("lists are not allowed in VMX files")
            return self.list_value()
        if char.isdigit() or char in "+-":
            if self.dialect == "vmx":
                raise self.error("numbers are not allowed in VMX files (quote the value)")
            start = self.pos
            self.pos += 1
            while self.peek().isdigit():
                self.pos += 1
            digits = self.text[start : self.pos]
            if digits in "+-":
                raise self.error("expecting a number")
            return int(digits)
        raise self.error("expecting a value")

    def not_at_end(self, opened: int) -> None:
        if not self.peek():
            # name the line that opened the list: the end of the file says nothing
            error = self.error("list is not closed with ]")
            error.line = opened
            raise error

    def list_value(self) -> list[Value]:
        self.pos += 1  # [
        opened = self.line
        items: list[Value] = []
        self.skip_blanks(newlines=True)
        while self.peek() != "]":
            self.not_at_end(opened)
            items.append(self.value())
            self.skip_blanks(newlines=True)
            self.not_at_end(opened)
            if self.peek() == ",":
                self.pos += 1
                self.skip_blanks(newlines=True)
            elif self.peek() != "]":
                raise self.error("expecting a separator in list")
        self.pos += 1
        return items

    def entries(self) -> list[Entry]:
        found: list[Entry] = []
        while True:
            self.skip_blanks(newlines=True)
            if self.pos >= len(self.text):
                return found
            line = self.line
            name = self.name()
            self.skip_blanks()
            if self.peek() != "=":
                raise self.error(f"expecting '=' after {name!r}")
            self.pos += 1
            value = self.value()
            found.append(Entry(name, value, line))
            self.skip_blanks()
            if self.peek() == "#":
                self.skip_line()
            if self.peek() == ";":
                self.pos += 1
            elif self.peek() not in ("\n", ""):
                raise self.error(f"expecting the end of the line after {name!r}")


def parse_config(text: str, dialect: Dialect, filename: str | None = None) -> Config:
    """Read *text* as a *dialect* file; a syntax error names its line."""
    return Config(_Lexer(text, dialect, filename).entries(), dialect, filename)
