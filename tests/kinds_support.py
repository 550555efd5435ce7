"""The corpus documents of the kinds beside domains, networks, storage and snapshots.

They come from both manifests: ``corpus/`` holds the domain capabilities,
backups, checkpoints and network ports; ``corpus-kinds/`` (beside it) the
host capabilities, node devices, secrets, network filters and bindings,
host interfaces, storage pool capabilities and single domain devices
(``device``: a lone ``<disk>``, ``<interface>``...). Each family maps to
its root models and to the kind ``domxml validate`` detects.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path, PurePosixPath
from typing import NamedTuple

import pytest
from corpus import data_dir, in_ci

from domxml.binding import Model
from domxml.models import (
    Capabilities,
    DomainBackup,
    DomainCapabilities,
    DomainCheckpoint,
    FilterBinding,
    HostInterface,
    NetworkPort,
    NodeDevice,
    NWFilter,
    Secret,
    StoragePoolCapabilities,
)
from domxml.tools.manifest import CorpusEntry, read_manifest, select
from domxml.validation.bundled import device_models

__all__ = [
    "FAMILIES",
    "LIBVIRT_WRITTEN",
    "NOT_LIBVIRT_LAYOUT",
    "Family",
    "entries",
    "kinds_dir",
    "libvirt_written",
    "require_kinds",
    "root_names",
]


class Family(NamedTuple):
    """A corpus family of a new kind: its manifest, root models and validate's kind name."""

    manifest: str  # "corpus" or "corpus-kinds"
    root: type[Model] | tuple[type[Model], ...]
    kind: str
    exported: bool = True
    """Whether ``domxml schema export`` (JSON Schema, XSD) covers the kind."""


def root_names(family: str) -> str:
    """The names of a family's root models, for messages."""
    root = FAMILIES[family].root
    return " or ".join(cls.__name__ for cls in (root if isinstance(root, tuple) else (root,)))


FAMILIES: dict[str, Family] = {
    "capability": Family("corpus-kinds", Capabilities, "capabilities"),
    "domaincaps": Family("corpus", DomainCapabilities, "domainCapabilities"),
    "nodedev": Family("corpus-kinds", NodeDevice, "device"),
    "secret": Family("corpus-kinds", Secret, "secret"),
    "nwfilter": Family("corpus-kinds", NWFilter, "filter"),
    "nwfilterbinding": Family("corpus-kinds", FilterBinding, "filterbinding"),
    "interface": Family("corpus-kinds", HostInterface, "interface"),
    "networkport": Family("corpus", NetworkPort, "networkport"),
    "domaincheckpoint": Family("corpus", DomainCheckpoint, "domaincheckpoint"),
    "domainbackup": Family("corpus", DomainBackup, "domainbackup"),
    "storagepoolcaps": Family("corpus-kinds", StoragePoolCapabilities, "storagepoolCapabilities"),
    # A single device has no JSON Schema or XSD of its own: its <interface>
    # would clash with a host's, the root of the same name.
    "device": Family("corpus-kinds", tuple(device_models()), "domaindevice", exported=False),
}
"""Every family of the new kinds, by its first path component in the manifest."""


def kinds_dir() -> Path:
    """``corpus-kinds/`` beside ``corpus/``."""
    return data_dir() / "corpus-kinds"


def require_kinds() -> None:
    """Skip (fail under CI) when either manifest is missing."""
    for folder in ("corpus", "corpus-kinds"):
        manifest = data_dir() / folder / "MANIFEST.tsv"
        if not manifest.is_file():
            reason = f"libvirt test corpus not found: {manifest} does not exist"
            if in_ci():
                pytest.fail(reason)
            pytest.skip(reason)


@cache
def _manifest(folder: str) -> tuple[CorpusEntry, ...]:
    return tuple(read_manifest(data_dir() / folder))


def entries(family: str, expected: tuple[str, ...] = ("valid", "invalid")) -> list[CorpusEntry]:
    """The documents of ``family`` that libvirt's schema test checks (skips without data)."""
    require_kinds()
    found = select(_manifest(FAMILIES[family].manifest), [family], expected)
    assert found, f"no corpus document of {family}"
    return found


# Folders whose documents libvirt's formatter wrote: its tests' expected
# outputs (*out*), and the capabilities, ports and bindings it formats.
LIBVIRT_WRITTEN = {
    "domaincapsdata",
    "domainbackupxml2xmlout",
    "nodedevxml2xmlout",
    "nwfilterxml2xmlout",
    "qemucaps2xmloutdata",
    "qemudomaincheckpointxml2xmlout",
    "storagepoolcapsschemadata",
    "vircaps2xmldata",
    "virnetworkportxml2xmldata",
    "virnwfilterbindingxml2xmldata",
}

# Documents of those folders that are not libvirt's layout, with why.
NOT_LIBVIRT_LAYOUT = {
    # Four <ipv6> lines of libvirt's expected output are indented by five
    # spaces, by hand: libvirt's formatter indents by two.
    "nwfilter/nwfilterxml2xmlout/ipv6-test.xml",
}


def libvirt_written(path: str) -> bool:
    """Whether libvirt's formatter wrote the document at ``path`` (relative to its corpus)."""
    return PurePosixPath(path).parent.name in LIBVIRT_WRITTEN and path not in NOT_LIBVIRT_LAYOUT
