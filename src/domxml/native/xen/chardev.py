"""Xen's character device strings (``serial``, ``parallel``): ``pty``, ``file:/path``,
``tcp:host:port,server,nowait``, ``udp:host:port@host:port``, ``unix:/path,server``..."""

from __future__ import annotations

from domxml.errors import NativeConfigError
from domxml.models.domain import (
    CharProtocol,
    CharProtocolType,
    CharSource,
    CharSourceMode,
    CharType,
)

__all__ = ["Chardev", "format_chardev", "parse_chardev"]

_SIMPLE = {
    "null": CharType.NULL,
    "vc": CharType.VC,
    "pty": CharType.PTY,
    "stdio": CharType.STDIO,
    "file": CharType.FILE,
    "pipe": CharType.PIPE,
    "tcp": CharType.TCP,
    "udp": CharType.UDP,
    "unix": CharType.UNIX,
    "dev": CharType.DEV,
}

#: A parsed device: its type, sources and (TCP only) protocol.
Chardev = tuple[CharType, list[CharSource], CharProtocol | None]


def parse_chardev(value: str) -> Chardev:
    """Parse one character device string as libvirt's ``xenParseSxprChar`` does."""
    if value.startswith("/"):
        return CharType.DEV, [CharSource(path=value)], None
    prefix, colon, rest = value.partition(":")
    protocol = None
    if prefix.startswith("telnet"):
        kind = CharType.TCP
        protocol = CharProtocol(type=CharProtocolType.TELNET)
    elif prefix in _SIMPLE:
        kind = _SIMPLE[prefix]
    else:
        raise NativeConfigError(f"unknown character device type {prefix!r} in {value!r}")
    if not colon:
        rest = value  # libvirt reads the data from the start when there is no ':'
    if kind in (CharType.FILE, CharType.PIPE):
        return kind, [CharSource(path=rest)], None
    if kind is CharType.TCP:
        host, sep, service = rest.partition(":")
        if not sep:
            raise NativeConfigError(f"malformed character device string {value!r}")
        service, _, options = service.partition(",")
        listen = ",server" in f",{options}"
        if protocol is None:
            protocol = CharProtocol(type=CharProtocolType.RAW)
        return (
            kind,
            [
                CharSource(
                    mode=CharSourceMode.BIND if listen else CharSourceMode.CONNECT,
                    host=host or None,
                    service=service,
                )
            ],
            protocol,
        )
    if kind is CharType.UDP:
        host, sep, rest2 = rest.partition(":")
        if not sep:
            raise NativeConfigError(f"malformed character device string {value!r}")
        connect_service, at, bind = rest2.partition("@")
        sources = []
        if at:
            bind_host, sep, bind_service = bind.partition(":")
            if not sep:
                raise NativeConfigError(f"malformed character device string {value!r}")
            sources.append(
                CharSource(mode=CharSourceMode.BIND, host=bind_host or None, service=bind_service)
            )
        sources.append(
            CharSource(mode=CharSourceMode.CONNECT, host=host or None, service=connect_service)
        )
        return kind, sources, None
    if kind is CharType.UNIX:
        path, comma, options = rest.partition(",")
        listen = bool(comma) and ",server" in f",{options}"
        mode = CharSourceMode.BIND if listen else CharSourceMode.CONNECT
        return kind, [CharSource(mode=mode, path=path)], None
    return kind, [], None


def format_chardev(
    kind: CharType | None, sources: list[CharSource], protocol: CharProtocol | None
) -> str:
    """Write a character device as libvirt's ``xenFormatSxprChr`` does."""
    first = sources[0] if sources else CharSource()
    if kind in (CharType.NULL, CharType.STDIO, CharType.VC, CharType.PTY):
        return str(kind.value)
    if kind in (CharType.FILE, CharType.PIPE):
        return f"{kind.value}:{first.path or ''}"
    if kind is CharType.DEV:
        return first.path or ""
    if kind is CharType.TCP:
        raw = protocol is None or protocol.type in (None, CharProtocolType.RAW)
        listen = first.mode is CharSourceMode.BIND
        suffix = ",server,nowait" if listen else ""
        return f"{'tcp' if raw else 'telnet'}:{first.host or ''}:{first.service or ''}{suffix}"
    if kind is CharType.UDP:
        connect = next((s for s in sources if s.mode is not CharSourceMode.BIND), CharSource())
        bind = next((s for s in sources if s.mode is CharSourceMode.BIND), CharSource())
        return (
            f"udp:{connect.host or ''}:{connect.service or ''}"
            f"@{bind.host or ''}:{bind.service or ''}"
        )
    if kind is CharType.UNIX:
        listen = first.mode is CharSourceMode.BIND
        return f"unix:{first.path or ''}{',server,nowait' if listen else ''}"
    name = kind.value if kind is not None else "none"
    raise NativeConfigError(f"unsupported character device type {name!r}")
