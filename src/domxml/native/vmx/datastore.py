"""ESX datastore paths: ``/vmfs/volumes/datastore1/vm/disk.vmdk`` is ``[datastore1] vm/disk.vmdk``.

A ``.vmx`` file names files by their path on the ESX host, libvirt's domain
XML by datastore path. libvirt's ESX driver maps one to the other by asking
the server; offline, the mapping is the plain one below, with the datastore
and folder the ``.vmx`` file itself lives in for file names that are
relative to it.
"""

from __future__ import annotations

import re

from domxml.native.vmx.read import FileNameParser
from domxml.native.vmx.write import FileNameFormatter

__all__ = ["datastore_file_names"]

_VOLUMES = "/vmfs/volumes/"


def datastore_file_names(
    datastore: str | None = None, directory: str | None = None
) -> tuple[FileNameParser, FileNameFormatter]:
    """The file name mapping of a ``.vmx`` file in *directory* of *datastore*.

    Returns the ``parse_file_name`` for :func:`domxml.native.vmx.read` and
    the ``format_file_name`` for :func:`domxml.native.vmx.write`. Without a
    datastore, a relative file name is kept as written.
    """

    def parse(name: str, allow_missing: bool) -> str | None:
        if name.startswith(_VOLUMES):
            store, _, path = name[len(_VOLUMES) :].partition("/")
            if not store or not path:
                raise ValueError(f"expecting {_VOLUMES}<datastore>/<path>, not {name!r}")
            return f"[{store}] {path}"
        if name.startswith("/") or datastore is None:
            return name
        if "/" in name:
            raise ValueError(f"a relative path is not supported: {name!r}")
        return f"[{datastore}] {directory}/{name}" if directory else f"[{datastore}] {name}"

    def format_(source: str) -> str:
        found = re.fullmatch(r"\[([^\]]+)\]\s*(.*)", source, re.DOTALL)
        if found is not None:
            return f"{_VOLUMES}{found.group(1)}/{found.group(2)}"
        if source.startswith("/"):
            return source
        raise ValueError(
            f"expecting a datastore path ([datastore] path) or an absolute path, not {source!r}"
        )

    return parse, format_
