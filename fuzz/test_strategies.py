"""The strategies follow what the declarations say of fields together.

Each rule here once let the conformance fuzzer draw documents libvirt's
schema refuses (``fuzz/test_conformance.py`` finds those by validating);
these tests check the rule on the drawn models themselves, without the
schemas: slots of a repeated field, an item of one variant named in a
group, a follower drawn for a leader of its own, groups that bring each
other in, an exclusion that takes a field's companions along, a field
needed where the version has it, and a pattern a newer version widened.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings

import domxml
from domxml.models.capabilities.cpu import HostCpuFeature
from domxml.models.capabilities.host import CellCpu
from domxml.models.domaincaps.cpu import CustomCaps
from domxml.models.domaincaps.features import SgxCaps
from domxml.models.interface import HostInterface
from domxml.models.nodedev.capability import StorageCapability, UsbDeviceCapability
from domxml.models.nodedev.device import Parent
from domxml.models.nodedev.pci import PciCapability
from fuzz.strategies import models

EXAMPLES = 60


def _for_each(cls: type[Any], check: Callable[[Any], None], libvirt: str | None = None) -> None:
    """``check`` on ``EXAMPLES`` models of ``cls`` drawn from a fixed seed."""

    @seed(1729)
    @settings(
        max_examples=EXAMPLES,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(models(cls, libvirt=libvirt))
    def draw(model: Any) -> None:
        check(model)

    draw()


def _kinds(items: list[Any]) -> list[str]:
    return [type(item).__domxml__.variant for item in items]


def test_slots_one_item_each_in_their_order() -> None:
    order = ["phys_function", "virt_functions", "bridge", "mdev_types", "vpd"]

    def check(pci: PciCapability) -> None:
        slots = [
            k.replace("pci-bridge", "bridge").replace("cardbus-bridge", "bridge")
            for k in _kinds(pci.capabilities)
        ]
        assert slots == sorted(set(slots), key=order.index)

    _for_each(PciCapability, check)

    def check_protocols(interface: HostInterface) -> None:
        kinds = _kinds(interface.protocols)
        assert kinds in ([], ["ipv4"], ["ipv6"], ["ipv4", "ipv6"])

    _for_each(HostInterface, check_protocols)


def test_an_item_of_one_variant_in_a_group() -> None:
    """A storage device: a size (with the block data) or a removable medium, not both."""

    def check(storage: StorageCapability) -> None:
        removable = "removable" in _kinds(storage.capabilities)
        assert (storage.size is not None) != removable
        if storage.logical_block_size is not None or storage.num_blocks is not None:
            assert storage.size is not None
            assert None not in (storage.logical_block_size, storage.num_blocks)

    _for_each(StorageCapability, check)


def test_a_follower_names_a_leader_of_its_own_and_is_written_after_it() -> None:
    def check(custom: CustomCaps) -> None:
        names = [m.name for m in custom.models]
        taken: list[int] = []
        for blockers in custom.blockers:
            start = taken[-1] + 1 if taken else 0
            assert blockers.model in names[start:]
            taken.append(names.index(blockers.model, start))
        xml = domxml.to_xml(custom)
        tags = re.findall(r"<(model|blockers)\b", xml)
        assert "blockers blockers" not in " ".join(tags) and tags[:1] != ["blockers"]

    _for_each(CustomCaps, check)


def test_groups_bring_each_other_in() -> None:
    """``sections`` requires the section size, which comes with the EPC's whole description."""

    def check(sgx: SgxCaps) -> None:
        described = (sgx.flc, sgx.sgx1, sgx.sgx2, sgx.section_size)
        if sgx.sections is not None:
            assert None not in described
        assert all(v is None for v in described) or None not in described

    _for_each(SgxCaps, check)

    def check_cpu(cpu: CellCpu) -> None:
        where = (cpu.socket_id, cpu.die_id, cpu.cluster_id, cpu.core_id, cpu.siblings)
        assert all(v is None for v in where) or None not in where

    _for_each(CellCpu, check_cpu)


def test_a_field_left_out_of_an_exclusive_group_takes_its_companions_along() -> None:
    """A parent: named, or by its WWNN and WWPN, or by its fabric's WWN."""

    def check(parent: Parent) -> None:
        assert (parent.wwnn is None) == (parent.wwpn is None)
        assert parent.fabric_wwn is None or parent.wwnn is None
        if parent.name is not None:
            assert parent.wwnn is None and parent.fabric_wwn is None

    _for_each(Parent, check)


@pytest.mark.parametrize(("libvirt", "has_port"), [("12.9.0", True), ("11.3.0", False)])
def test_a_field_needed_where_the_version_has_it(libvirt: str, has_port: bool) -> None:
    def check(usb: UsbDeviceCapability) -> None:
        assert (usb.port is not None) == has_port

    _for_each(UsbDeviceCapability, check, libvirt)


@pytest.mark.parametrize(("libvirt", "dots"), [("11.3.0", False), (None, True)])
def test_a_pattern_a_newer_version_widened(libvirt: str | None, dots: bool) -> None:
    names: list[str] = []
    _for_each(HostCpuFeature, lambda feature: names.append(feature.name), libvirt)
    assert all(re.fullmatch(r"[a-zA-Z0-9\-_.]+", name) for name in names)
    assert any("." in name for name in names) == dots
