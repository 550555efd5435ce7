"""The one exception hierarchy of domxml.

Every error a caller can get from domxml is a :class:`DomxmlError`; each
carries, where known, the file, line, column and an XPath-like location of
the node at fault, so that the command line can print
``file:line:col: message`` and tools can point at the right place.
"""

from __future__ import annotations


class DomxmlError(Exception):
    """Base class of every error domxml raises on purpose."""

    def __init__(
        self,
        message: str,
        *,
        filename: str | None = None,
        line: int | None = None,
        column: int | None = None,
        path: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.filename = filename
        self.line = line
        self.column = column
        self.path = path

    def __str__(self) -> str:
        where = [str(part) for part in (self.filename, self.line, self.column) if part is not None]
        prefix = ":".join(where)
        text = f"{prefix}: {self.message}" if prefix else self.message
        if self.path:
            text += f" (at {self.path})"
        return text


class ParseError(DomxmlError):
    """The input is not a well-formed, safe XML document."""


class UnsupportedDocumentError(DomxmlError):
    """The root element is not one domxml has a model for."""


class ModelError(DomxmlError):
    """A model holds a value that cannot be written as XML."""


class EditError(DomxmlError):
    """An edit by field path (``domxml set``) that does not fit the document or its models.

    ``path`` is the field path as given (``devices.disks[0].target.dev``).
    """


class SchemaError(DomxmlError):
    """No usable libvirt schema: none found, not the version asked for, or unreadable."""


class FirmwareError(DomxmlError):
    """libvirt's QEMU driver would refuse this firmware configuration.

    The message is libvirt's own (``Unable to find 'efi' firmware that is
    compatible with the current configuration``...). When libvirt re-reads an
    existing definition it keeps the domain and only refuses to start it;
    ``domain`` then holds the definition as libvirt keeps it (``None`` when
    libvirt rejects the document outright).
    """

    domain: object | None = None


class DescriptorError(FirmwareError):
    """A QEMU firmware descriptor (JSON) cannot be read; ``filename`` names it."""


class NativeConfigError(DomxmlError):
    """A native hypervisor configuration (VMware ``.vmx``, Xen ``xl``/``xm``, LXC)
    cannot be read or written: a syntax error, a key whose value is not one the
    converter accepts, or a domain that format cannot express. ``line`` names the
    line of the key at fault when the input has lines.
    """
