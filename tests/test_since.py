"""Since which libvirt version: ``domxml.models.since`` and its generated table.

The table (``src/domxml/models/_since_table.py``) is made by the coverage
walk over libvirt 9.0.0's, 11.3.0's and 12.9.0's schemas
(``python -m domxml.tools.since --write``); the committed one must be what
a fresh walk gives. Then the lookups, and what a version lacks in the
models' terms (``domxml.tools.since.unavailable``), which the conformance
fuzzer leaves out of a run against that version.
"""

from __future__ import annotations

import pytest
from corpus import in_ci, schema_dir

from domxml.models.domain import (
    DiskTarget,
    Domain,
    LaunchSecurityType,
    LifecycleAction,
    TdxLaunchSecurity,
    VirtioDriver,
)
from domxml.models.domaincaps.features import FeaturesCaps
from domxml.models.nodedev.capability import UsbDeviceCapability
from domxml.models.since import SINCE, VERSIONS, accepts, removed, since
from domxml.tools.since import (
    TABLE_FILE,
    build_tables,
    fresh_table,
    resolve,
    unavailable,
)


def test_the_committed_table_is_what_the_schemas_give() -> None:
    dirs = [schema_dir(version) for version in VERSIONS]
    absent = [str(d) for d in dirs if not (d / "domain.rng").is_file()]
    if absent:
        reason = "libvirt schemas not found: " + ", ".join(absent)
        if in_ci():
            pytest.fail(reason)
        pytest.skip(reason)
    fresh = fresh_table(dirs[0].parent)
    assert TABLE_FILE.read_text(encoding="utf-8") == fresh, (
        "the since table is stale: run python -m domxml.tools.since --write"
    )


@pytest.mark.parametrize(
    ("location", "version"),
    [
        ("/domain/name", "9.0.0"),
        ("/domain/cpu/topology/@clusters", "11.3.0"),
        ("/domain/hwuuid", "12.9.0"),
        ("/domain/on_crash='preserve-running'", "12.9.0"),
        ("/domain/devices/disk/target/@dpofua", "12.9.0"),
        ("/domain/devices/disk/@model='usb-bot'", "12.9.0"),
        ("/network/dns/forwarder/@port", "12.9.0"),
        # The other kinds too (their schema files, walked with their root models).
        ("/device/capability/port", "12.9.0"),
        ("/capabilities/host/energy", "12.9.0"),
        ("/domainCapabilities/features/async-teardown", "11.3.0"),
        ("/networkport/plug/driver/@iommufd", "12.9.0"),
        ("/secret/usage/@type='vtpm'", "9.0.0"),
        ("/domain/no-such-thing", None),
    ],
)
def test_since_names_the_oldest_version_with_the_location(
    location: str, version: str | None
) -> None:
    assert since(location) == version


def test_every_version_of_the_table_is_one_of_the_versions() -> None:
    assert set(SINCE.values()) <= set(VERSIONS)


def test_accepts_compares_versions() -> None:
    assert accepts("11.3.0", "/domain/hwuuid") is False
    assert accepts("12.9.0", "/domain/hwuuid") is True
    assert accepts("12.10.0", "/domain/hwuuid") is True  # newer than the newest known
    assert accepts("9.0.0", "/domain/name") is True
    assert accepts("11.3.0", "/domain/no-such-thing") is None
    assert removed("/domain/name") is None


def test_a_location_gone_from_a_newer_schema_is_removed_there() -> None:
    first, gone = build_tables(
        {
            "1.0.0": ["/a", "/a/@x"],
            "2.0.0": ["/a", "/a/@y"],
            "3.0.0": ["/a", "/a/@y", "/a/@x"],  # back again: not removed
            "4.0.0": ["/a"],
        }
    )
    assert first == {"/a": "1.0.0", "/a/@x": "1.0.0", "/a/@y": "2.0.0"}
    assert gone == {"/a/@x": "4.0.0", "/a/@y": "4.0.0"}


def test_a_location_resolves_to_the_fields_and_values_standing_for_it() -> None:
    assert resolve("/domain/on_crash='preserve-running'") == [
        (Domain, "on_crash", (LifecycleAction.PRESERVE_RUNNING,))
    ]
    assert resolve("/domain/devices/disk/target/@dpofua") == [(DiskTarget, "dpofua", ())]
    assert resolve("/nothing/here") == []


def test_what_a_version_lacks_in_the_models_terms() -> None:
    older = unavailable("11.3.0")
    assert (Domain, "hwuuid") in older.fields
    assert (Domain, "on_crash", LifecycleAction.PRESERVE_RUNNING) in older.values
    assert (TdxLaunchSecurity, "type", LaunchSecurityType.TDX) in older.values
    # A memory device's <driver> is new, its class (the virtio options) is
    # not: leaving the <driver> out is enough.
    assert not any(cls is VirtioDriver for cls, _ in older.fields)
    # The other kinds: libvirt 12's USB port of a node device, TDX in domain capabilities.
    assert (UsbDeviceCapability, "port") in older.fields
    assert (FeaturesCaps, "tdx") in older.fields
    newest = unavailable("12.9.0")
    assert not newest.fields and not newest.values
    assert not unavailable(None).fields
