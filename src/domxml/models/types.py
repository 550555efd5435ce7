"""Value types of libvirt's schemas, for the models' declarations.

A field annotated with one of these (``uuid: Uuid | None = leaf(default=None)``)
is a plain ``int`` or ``str`` to Python and to type checkers; the codec it
carries says which values libvirt's schema allows: the bounds of XML
Schema's integer types, and the patterns of libvirt's named text types
(``basictypes.rng``: ``UUID``, ``absFilePath``, ``uniMacAddr``...), written
as Python regular expressions. Reading does not enforce them (a value from
a newer libvirt still reads); models built in code, schema export and the
fuzzer's strategies follow them. ``python -m domxml.tools.constraints``
lists the fields whose declarations are looser than the schema.
"""

from __future__ import annotations

from typing import Annotated

from domxml.binding import INT, matching

#: XML Schema's integer types, as libvirt's schemas use them.
UInt = Annotated[int, INT.within(0, 2**32 - 1)]
"""``unsignedInt``: 0 to 4294967295."""
ULong = Annotated[int, INT.within(0, 2**64 - 1)]
"""``unsignedLong``: 0 to 2**64 - 1."""
UShort = Annotated[int, INT.within(0, 2**16 - 1)]
"""``unsignedShort``: 0 to 65535."""
UByte = Annotated[int, INT.within(0, 255)]
"""``unsignedByte``: 0 to 255."""
Long = Annotated[int, INT.within(-(2**63), 2**63 - 1)]
"""``long``: a signed 64-bit integer."""
Int32 = Annotated[int, INT.within(-(2**31), 2**31 - 1)]
"""``int``: a signed 32-bit integer."""
PositiveInt = Annotated[int, INT.within(1, None)]
"""``positiveInteger``: 1 or more."""
NonNegativeInt = Annotated[int, INT.within(0, None)]
"""``nonNegativeInteger``: 0 or more."""

#: libvirt's named text types (the schema's name in the codec).
AbsDirPath = Annotated[str, matching(r"/[^\n\r]*", "absDirPath")]
"""An absolute directory path (``absDirPath``)."""
AbsFilePath = Annotated[str, matching(r"(/|[a-zA-Z]:\\)[^\n\r]+", "absFilePath")]
"""An absolute file path (``absFilePath``)."""
CpuSet = Annotated[
    str, matching(r"([0-9]+(-[0-9]+)?|\^[0-9]+)(,([0-9]+(-[0-9]+)?|\^[0-9]+))*", "cpuset")
]
"""A CPU or node set (``0-3,^2``) (``cpuset``)."""
DeviceName = Annotated[str, matching(r"[a-zA-Z0-9_\.\-\\:/]+", "deviceName")]
"""A host device name or path (``deviceName``)."""
DnsName = Annotated[str, matching(r"[a-zA-Z0-9\.\-]+", "dnsName")]
"""A DNS name (``dnsName``)."""
FilePath = Annotated[str, matching(r"[^\n\r]+", "filePath")]
"""A file path, absolute or relative (``filePath``)."""
GenericName = Annotated[str, matching(r"[a-zA-Z0-9_\+\-]+", "genericName")]
"""A name of letters, digits, ``_+-`` (``genericName``)."""
HostName = Annotated[
    str,
    matching(
        r"(?:(((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9]))\.){3}((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9])))|(?:(([0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){6}:[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){5}:([0-9A-Fa-f]{1,4}:)?[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){4}:([0-9A-Fa-f]{1,4}:){0,2}[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){3}:([0-9A-Fa-f]{1,4}:){0,3}[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){2}:([0-9A-Fa-f]{1,4}:){0,4}[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){6}(((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9]))\.){3}((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9])))|(([0-9A-Fa-f]{1,4}:){0,5}:(((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9]))\.){3}((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9])))|(::([0-9A-Fa-f]{1,4}:){0,5}(((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9]))\.){3}((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9])))|([0-9A-Fa-f]{1,4}::([0-9A-Fa-f]{1,4}:){0,5}[0-9A-Fa-f]{1,4})|(::([0-9A-Fa-f]{1,4}:){0,6}[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){1,7}:)|(::))|(?:[a-zA-Z0-9\.\-]+)",
        "dnsName/ipv4Addr/ipv6Addr",
    ),
]
"""A DNS name or an IP address (``dnsName or ipv4Addr or ipv6Addr``)."""
IpAddr = Annotated[
    str,
    matching(
        r"(?:(((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9]))\.){3}((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9])))|(?:(([0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){6}:[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){5}:([0-9A-Fa-f]{1,4}:)?[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){4}:([0-9A-Fa-f]{1,4}:){0,2}[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){3}:([0-9A-Fa-f]{1,4}:){0,3}[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){2}:([0-9A-Fa-f]{1,4}:){0,4}[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){6}(((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9]))\.){3}((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9])))|(([0-9A-Fa-f]{1,4}:){0,5}:(((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9]))\.){3}((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9])))|(::([0-9A-Fa-f]{1,4}:){0,5}(((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9]))\.){3}((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9])))|([0-9A-Fa-f]{1,4}::([0-9A-Fa-f]{1,4}:){0,5}[0-9A-Fa-f]{1,4})|(::([0-9A-Fa-f]{1,4}:){0,6}[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){1,7}:)|(::))",
        "ipv4Addr/ipv6Addr",
    ),
]
"""An IPv4 or IPv6 address (``ipv4Addr or ipv6Addr``)."""
Ipv4Addr = Annotated[
    str,
    matching(
        r"(((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9]))\.){3}((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9]))",
        "ipv4Addr",
    ),
]
"""An IPv4 address (``ipv4Addr``)."""
Ipv6Addr = Annotated[
    str,
    matching(
        r"(([0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){6}:[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){5}:([0-9A-Fa-f]{1,4}:)?[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){4}:([0-9A-Fa-f]{1,4}:){0,2}[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){3}:([0-9A-Fa-f]{1,4}:){0,3}[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){2}:([0-9A-Fa-f]{1,4}:){0,4}[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){6}(((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9]))\.){3}((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9])))|(([0-9A-Fa-f]{1,4}:){0,5}:(((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9]))\.){3}((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9])))|(::([0-9A-Fa-f]{1,4}:){0,5}(((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9]))\.){3}((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9])))|([0-9A-Fa-f]{1,4}::([0-9A-Fa-f]{1,4}:){0,5}[0-9A-Fa-f]{1,4})|(::([0-9A-Fa-f]{1,4}:){0,6}[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){1,7}:)|(::)",
        "ipv6Addr",
    ),
]
"""An IPv6 address (``ipv6Addr``)."""
ObjectName = Annotated[str, matching(r"[^/\n]+", "objectName")]
"""A name without slashes (``objectName``)."""
ObjectNameWithSlash = Annotated[str, matching(r"[^\n]+", "objectNameWithSlash")]
"""A name, slashes allowed (``objectNameWithSlash``)."""
Timestamp = Annotated[str, matching(r"[0-9]+(\.[0-9]{0,9})?", "timestamp")]
"""Seconds since the epoch, fractions allowed (``timestamp``)."""
UniMacAddr = Annotated[str, matching(r"[a-fA-F0-9][02468aAcCeE](:[a-fA-F0-9]{2}){5}", "uniMacAddr")]
"""A unicast MAC address (``uniMacAddr``)."""
Unit = Annotated[str, matching(r"([bB]([yY][tT][eE][sS]?)?)|([kKmMgGtTpPeE]([iI]?[bB])?)", "unit")]
"""A size unit (``KiB``, ``MB``, ``bytes``...) (``unit``)."""
Uuid = Annotated[
    str,
    matching(
        r"(?:[a-fA-F0-9]{32})|(?:[a-fA-F0-9]{8}\-([a-fA-F0-9]{4}\-){3}[a-fA-F0-9]{12})", "UUID"
    ),
]
"""A UUID, with or without dashes (``UUID``)."""
Wwn = Annotated[str, matching(r"(0x)?[0-9a-fA-F]{16}", "wwn")]
"""A World Wide Name: 16 hexadecimal digits (``wwn``)."""
