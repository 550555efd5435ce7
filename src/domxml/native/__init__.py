"""Hypervisors' own configuration formats to and from domain XML, offline.

libvirt converts VMware ``.vmx`` files, Xen ``xl.cfg`` and ``xm`` files and
LXC container configurations only through a connection to the matching
driver (``virsh domxml-from-native``). This package does the same
conversions without one, after libvirt 11.3.0's converters, reading into and
writing from the typed models:

>>> import domxml.native
>>> domain, warnings = domxml.native.read('name = "vm"\\nmemory = 512\\n', "xl")
>>> domain.name
'vm'
>>> text, warnings = domxml.native.write(domain, "xm")

Reading gives a :class:`domxml.Domain` and a list of :class:`NativeWarning`, one
per key the converter does not map (nothing is dropped silently); writing
gives the file's text and the warnings for what it leaves out. A file
libvirt refuses raises :class:`domxml.errors.NativeConfigError`, with the
line of the key at fault. The format modules (:mod:`.vmx`, :mod:`.xl`,
:mod:`.xm`, :mod:`.lxc`) take format-specific options: the ``.vmx``
datastore mapping and virtual hardware version. ``docs/native.md`` says
what maps where.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from domxml.errors import NativeConfigError
from domxml.native.common import NativeWarning

if TYPE_CHECKING:
    from domxml.models.domain import Domain

__all__ = ["READ_FORMATS", "WRITE_FORMATS", "NativeConfigError", "NativeWarning", "read", "write"]

#: The formats :func:`read` takes and :func:`write` gives (libvirt has no LXC writer).
READ_FORMATS = ("vmx", "xl", "xm", "lxc")
WRITE_FORMATS = ("vmx", "xl", "xm")


def read(
    text: str | bytes, fmt: str, *, filename: str | None = None, **options: Any
) -> tuple[Domain, list[NativeWarning]]:
    """Read a native configuration of format *fmt* (``vmx``, ``xl``, ``xm``, ``lxc``).

    *options* go to the format's reader: ``parse_file_name`` and
    ``datacenter_path`` for ``vmx`` (see :func:`domxml.native.vmx.read`).
    """
    if fmt == "vmx":
        from domxml.native import vmx

        return vmx.read(text, filename=filename, **options)
    if fmt not in READ_FORMATS:
        raise ValueError(f"unknown native format {fmt!r}; expecting one of {READ_FORMATS}")
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as error:
            raise NativeConfigError(f"not UTF-8: {error.reason}", filename=filename) from None
    if fmt == "xl":
        from domxml.native import xl

        return xl.read(text, filename=filename, **options)
    if fmt == "xm":
        from domxml.native import xm

        return xm.read(text, filename=filename, **options)
    from domxml.native import lxc

    return lxc.read(text, filename=filename, **options)


def write(domain: Domain, fmt: str, **options: Any) -> tuple[str, list[NativeWarning]]:
    """Write *domain* in native format *fmt* (``vmx``, ``xl`` or ``xm``).

    *options* go to the format's writer: ``virtual_hw_version`` and
    ``format_file_name`` for ``vmx`` (see :func:`domxml.native.vmx.write`).
    """
    from domxml.models.domain import Domain

    if not isinstance(domain, Domain):
        raise NativeConfigError(
            f"only a domain can be written as {fmt}, not a {type(domain).__name__}"
        )
    if fmt == "vmx":
        from domxml.native import vmx

        return vmx.write(domain, **options)
    if fmt == "xl":
        from domxml.native import xl

        return xl.write(domain, **options)
    if fmt == "xm":
        from domxml.native import xm

        return xm.write(domain, **options)
    raise ValueError(f"unknown native format {fmt!r}; expecting one of {WRITE_FORMATS}")
