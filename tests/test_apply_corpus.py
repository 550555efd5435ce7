"""Idempotency over libvirt's domain corpus, against the embedded test driver.

Every domain document that libvirt 11.3.0's schema accepts (MANIFEST.tsv
``valid``) is applied to ``test:///default`` and planned again: the plan
must say ``unchanged``. Documents libvirt 9.0.0 (the library here) rejects
are counted apart, and so are those the test driver refuses to define.
Where libvirt does not keep a document as written (it drops a hypervisor
namespace it does not know, or rewrites a value), apply reports it and the
plan shows exactly the same changes; those documents are listed below,
with the reason. The counts are printed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from libvirt_support import test_conn  # noqa: F401  (a fixture)

from domxml.apply import ApplyError, InvalidInputError, apply, plan, remove
from domxml.apply.plan import UNCHANGED

#: Hypervisor namespaces the test driver does not keep (only their own driver does).
FOREIGN_NAMESPACES = ("qemu:", "lxc:", "bhyve:", "vmware:", "xen:")

_PANIC = "the test driver drops a <panic/> without a model (it knows no default one)"
_CORRECTED = "libvirt drops or corrects a value it does not keep as written (what the test checks)"
_DRIVER = "a hypervisor-specific value the test driver does not keep"
_FIRMWARE = "libvirt 9.0.0 drops firmware features when the firmware is not autoselected"
_LIVE = "a running domain's definition (ports, ptys, live addresses): not an inactive one's"
_VNC_SOCKET = "libvirt 9.0.0's test driver writes a VNC socket listen as an address listen"
_NUMAD = "libvirt overrides an explicit vCPU placement='static' with numatune's auto placement"

#: Documents that libvirt 9.0.0's test driver does not keep as written, by the
#: reason: it drops or changes what the document asks for, so a plan rightly
#: shows it (apply reports each of these changes, and a plan shows them again).
#: The same setting written another way (merged scheduler entries, an iSCSI
#: LUN suffix, a port libvirt ignores, defaults) is not a change: those rules
#: are in ``domxml.apply.generated`` and tested in ``test_apply_diff.py``.
REWRITTEN: dict[str, str] = {
    "aarch64-virt-default-models.xml": _PANIC,
    "ppc64-pseries-default-models.xml": _PANIC,
    "pseries-panic-no-address.xml": _PANIC,
    "riscv64-panic-no-model.xml": _PANIC,
    "s390-panic-no-address.xml": _PANIC,
    "s390-panic.xml": _PANIC,
    "s390x-ccw-default-models.xml": _PANIC,
    "x86_64-pc-default-models.xml": _PANIC,
    "x86_64-q35-default-models.xml": _PANIC,
    "aarch64-virt-virtio.xml": _CORRECTED,  # a second console on port 0 renumbered
    "cachetune-extra-tunes.xml": _CORRECTED,  # tunes of vCPUs the domain lacks dropped
    "cpu-host-model-nofallback-kvm.xml": _CORRECTED,  # host-model's fallback dropped
    "cpu-host-model-nofallback-tcg.xml": _CORRECTED,
    "metadata-duplicate.xml": _CORRECTED,  # one metadata element per namespace kept
    "shmem-invalid-size.xml": _CORRECTED,  # the size rounded
    "shmem-small-size.xml": _CORRECTED,
    "bhyvexml2argv-bhyveload-explicitargs.xml": _DRIVER,
    "bhyvexml2argv-vnc-vgaconf-io.xml": _DRIVER,
    "cdrom-ide-empty-2.xml": _DRIVER,
    "disk-snapshot.xml": _DRIVER,
    "disk-source-pool.xml": _DRIVER,
    "graphics-dbus-usbredir.xml": _DRIVER,
    "net-hostdev-fail.xml": _DRIVER,
    "net-vhostuser-fail.xml": _DRIVER,
    "serial-file-chardev.xml": _DRIVER,
    "serial-file-log.xml": _DRIVER,
    "serial-tcp-chardev-telnets.xml": _DRIVER,
    "tap-vhost-incorrect.xml": _DRIVER,
    "firmware-manual-efi-features.xml": _FIRMWARE,
    "qemuhotplug-console-compat-2-live+console-virtio.xml": _LIVE,
    "qemuhotplug-graphics-spice-listen-network+graphics-spice-listen-network-password.xml": _LIVE,
    "qemuhotplug-graphics-spice-listen-network.xml": _LIVE,
    "testdomfc4.xml": _LIVE,
    "graphics-vnc-socket-attr-listen-address.xml": _VNC_SOCKET,
    "graphics-vnc-socket-listen.xml": _VNC_SOCKET,
    "graphics-vnc-socket-new-cmdline.xml": _VNC_SOCKET,
    "graphics-vnc-socket.xml": _VNC_SOCKET,
    "numad-auto-memory-vcpu-no-cpuset-and-placement.xml": _NUMAD,
}


def _domain_files(corpus_dir: Path) -> Iterator[Path]:
    manifest = (corpus_dir / "MANIFEST.tsv").read_text().splitlines()[1:]
    for line in manifest:
        path, _schema, expected, _sha = line.split("\t")
        if path.startswith("domain/") and expected == "valid":
            yield corpus_dir / path


@pytest.fixture()
def parked(test_conn: Any) -> Iterator[Any]:  # noqa: F811
    """The test driver without its built-in domain ``test`` (put back afterwards).

    Many corpus documents are named ``test`` too; with the built-in one
    gone, they define like the others.
    """
    domain = test_conn.lookupByName("test")
    xml = domain.XMLDesc(0)
    running = domain.isActive()
    snapshots = domain.listAllSnapshots(0)
    for snapshot in snapshots:
        snapshot.delete(0)
    if running:
        domain.destroy()
    domain.undefine()
    yield test_conn
    restored = test_conn.defineXML(xml)
    if running:
        restored.create()


def _first_line(error: Exception) -> str:
    text = str(error).splitlines()[0]
    return re.sub(r"'[^']*'", "'…'", text.split(": ", 1)[-1])[:100]


def test_corpus_apply_then_plan_is_unchanged(corpus_dir: Path, parked: Any) -> None:
    conn = parked
    counts: Counter[str] = Counter()
    refused: Counter[str] = Counter()
    drifting: dict[str, list[str]] = {}
    seen: set[str] = set()
    for path in _domain_files(corpus_dir):
        seen.add(path.name)
        counts["valid for 11.3.0"] += 1
        try:
            result = apply(conn, [path])
        except InvalidInputError:
            counts["invalid for 9.0.0"] += 1
            continue
        except ApplyError as e:
            counts["refused by the test driver"] += 1
            refused[_first_line(e)] += 1
            continue
        counts["defined"] += 1
        (outcome,) = result.outcomes
        try:
            (step,) = plan(conn, [path]).steps
        finally:
            remove(conn, [outcome.step.ref], force=True)
        if step.action == UNCHANGED:
            counts["unchanged"] += 1
            continue
        # What the plan shows again is exactly what apply said libvirt did not keep.
        assert [str(c) for c in step.changes] == [str(c) for c in outcome.drift], path
        if all(c.path.split("/")[2].startswith(FOREIGN_NAMESPACES) for c in step.changes):
            counts["namespace dropped by the test driver"] += 1
        else:
            counts["rewritten by libvirt"] += 1
            drifting[path.name] = [str(c) for c in step.changes]
    print("\ndomain corpus on test:///default:")
    for what, n in counts.items():
        print(f"  {what}: {n}")
    print("  refused by the test driver, by reason:")
    for reason, n in refused.most_common():
        print(f"    {n} {reason}")
    reasons = Counter(REWRITTEN.get(name, "UNEXPLAINED") for name in drifting)
    print("  rewritten by libvirt, by reason:")
    for reason, n in reasons.most_common():
        print(f"    {n} {reason}")
    for name, changes in sorted(drifting.items()):
        if name not in REWRITTEN:
            print(f"  {name}: UNEXPLAINED")
            for change in changes:
                print(f"      {change[:150]}")
    unexplained = sorted(set(drifting) - set(REWRITTEN))
    assert not unexplained, f"not unchanged after apply: {unexplained}"
    stale = sorted(name for name in set(REWRITTEN) - set(drifting) if name in seen)
    assert not stale, f"listed as rewritten, but unchanged: {stale}"
    assert counts["defined"] > 2000
