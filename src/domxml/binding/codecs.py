"""Conversions between the written form of an XML value and its typed value.

A codec's ``decode`` raises :class:`ValueError` for a text it does not
accept; the engine then keeps that text as it is and reports it as untyped,
so that a value from a newer libvirt never makes parsing fail.
"""

from __future__ import annotations

import copy
import enum
from typing import Any, Self


class Codec:
    """Base codec: the text is the value.

    A codec may also say which values the schema allows (``pattern`` for
    texts, ``low``/``high`` for numbers): decoding does not enforce them,
    so that a value from a newer libvirt still reads, but models built in
    code, schema export and the fuzzer's strategies follow them.
    """

    #: The Python type of decoded values (used by schema export and fuzzing).
    python_type: type = str
    #: A regular expression (Python syntax, whole value) the written form matches.
    pattern: str | None = None
    #: Inclusive bounds of a number, where the schema has them.
    low: int | float | None = None
    high: int | float | None = None
    #: The only values allowed, where the schema allows fewer than the type has.
    choices: tuple[Any, ...] | None = None
    #: ``(version, pattern)``: the pattern of the schemas older than that version,
    #: where a newer one widened it (see :meth:`before`).
    older: tuple[tuple[str, str], ...] = ()

    def only(self, *values: Any) -> Self:
        """This codec, for ``values`` only (``YES_NO.only(True)``: ``yes`` is all there is)."""
        made = copy.copy(self)
        made.choices = values
        return made

    def before(self, version: str, pattern: str) -> Self:
        """This codec, whose values matched ``pattern`` in schemas older than ``version``.

        ``matching(r"[a-z.]+").before("12.9.0", r"[a-z]+")``: libvirt 12.9.0
        allows the dot, older ones did not. :attr:`pattern` stays the newest;
        a program writing for an older version (the fuzzer's run against it)
        asks :meth:`pattern_for`.
        """
        made = copy.copy(self)
        made.older = (*self.older, (version, pattern))
        return made

    def pattern_for(self, version: str | None) -> str | None:
        """The pattern of the schemas of ``version`` (``"11.3.0"``; ``None``: the newest)."""
        if version is not None:
            for first, pattern in sorted(self.older, key=lambda item: _version_key(item[0])):
                if _version_key(version) < _version_key(first):
                    return pattern
        return self.pattern

    def within(self, low: int | float | None, high: int | float | None) -> Self:
        """This codec, for numbers from ``low`` to ``high`` (inclusive; None: unbounded)."""
        made = copy.copy(self)
        made.low, made.high = low, high
        return made

    def decode(self, text: str) -> Any:
        """Return the typed value of ``text`` or raise ValueError."""
        return text

    def encode(self, value: Any) -> str:
        """Return the written form of ``value``."""
        if not isinstance(value, str):
            raise TypeError(f"expected str, got {type(value).__name__}")
        return value


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


class StrCodec(Codec):
    """Plain text, matching ``pattern`` (a Python regular expression) when given."""

    def __init__(self, pattern: str | None = None, name: str | None = None) -> None:
        self.pattern = pattern
        self.name = name

    def __repr__(self) -> str:
        return self.name or (f"StrCodec({self.pattern!r})" if self.pattern else "STR")


def matching(pattern: str, name: str | None = None) -> StrCodec:
    """A text codec whose values match ``pattern`` (the whole value, Python syntax)."""
    return StrCodec(pattern, name)


class IntCodec(Codec):
    """An integer, decimal or ``0x`` hexadecimal as libvirt accepts it.

    ``width`` > 0 makes the libvirt form hexadecimal with that many digits
    (``0x%02x``), as libvirt writes PCI and other addresses.
    """

    python_type = int

    def __init__(self, hex_width: int = 0, low: int | None = None, high: int | None = None) -> None:
        self.hex_width = hex_width
        self.low = low
        self.high = high

    def __repr__(self) -> str:
        bounds = (
            f".within({self.low}, {self.high})" if (self.low, self.high) != (None, None) else ""
        )
        return f"IntCodec({self.hex_width}){bounds}"

    def decode(self, text: str) -> int:
        stripped = text.strip()
        if stripped[:2] in ("0x", "0X"):
            return int(stripped[2:], 16)
        return int(stripped, 10)

    def encode(self, value: Any) -> str:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"expected int, got {type(value).__name__}")
        if self.hex_width:
            return f"0x{value:0{self.hex_width}x}"
        return str(value)


class FloatCodec(Codec):
    """A decimal number."""

    python_type = float

    def decode(self, text: str) -> float:
        return float(text)

    def encode(self, value: Any) -> str:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"expected float, got {type(value).__name__}")
        return repr(float(value)) if isinstance(value, float) else str(value)


class BoolCodec(Codec):
    """A boolean written as a pair of words (``yes``/``no``, ``on``/``off``)."""

    python_type = bool

    def __init__(self, true: str, false: str) -> None:
        self.true = true
        self.false = false

    def decode(self, text: str) -> bool:
        if text == self.true:
            return True
        if text == self.false:
            return False
        raise ValueError(f"not {self.true!r} or {self.false!r}: {text!r}")

    def encode(self, value: Any) -> str:
        if not isinstance(value, bool):
            raise TypeError(f"expected bool, got {type(value).__name__}")
        return self.true if value else self.false


class EnumCodec(Codec):
    """An :class:`enum.Enum` whose values are the written forms."""

    def __init__(self, enum_type: type[enum.Enum]) -> None:
        self.enum_type = enum_type
        self.python_type = enum_type
        #: Each member by its written form.
        self.by_text = {str(member.value): member for member in enum_type}

    def decode(self, text: str) -> enum.Enum:
        try:
            return self.by_text[text]
        except KeyError:
            raise ValueError(f"not a {self.enum_type.__name__}: {text!r}") from None

    def encode(self, value: Any) -> str:
        if not isinstance(value, self.enum_type):
            raise TypeError(f"expected {self.enum_type.__name__}, got {type(value).__name__}")
        return str(value.value)


def allowed(*members: enum.Enum) -> EnumCodec:
    """The codec of the members' enumeration, for these members only.

    For a field whose enumeration is shared with places that allow more
    (``<on_poweroff>`` allows no ``coredump-*`` action).
    """
    return codec_for(type(members[0])).only(*members)  # type: ignore[return-value]


STR = StrCodec()
INT = IntCodec()
HEX2 = IntCodec(2)
HEX4 = IntCodec(4)
FLOAT = FloatCodec()
YES_NO = BoolCodec("yes", "no")
ON_OFF = BoolCodec("on", "off")

_ENUM_CODECS: dict[type[enum.Enum], EnumCodec] = {}


def codec_for(python_type: Any) -> Codec:
    """The default codec of an annotation's type: str, int, float, bool (yes/no), an Enum."""
    if python_type is str:
        return STR
    if python_type is bool:
        return YES_NO
    if python_type is int:
        return INT
    if python_type is float:
        return FLOAT
    if isinstance(python_type, type) and issubclass(python_type, enum.Enum):
        codec = _ENUM_CODECS.get(python_type)
        if codec is None:
            codec = _ENUM_CODECS[python_type] = EnumCodec(python_type)
        return codec
    raise TypeError(f"no codec for {python_type!r}; pass codec=")
