"""libvirt 12.9.0's additions: one domain with each, read, typed and written back.

The domain (``tests/libvirt_12_9_documents.py``) is valid under libvirt
12.9.0's ``domain.rng`` (and not under 11.3.0's); it parses with nothing
untyped, comes back byte for byte, and its models give the same canonical
form; so do the networks under ``network.rng``. Then the typed values of the
new fields, and new elements built in code.
"""

from __future__ import annotations

from functools import cache

import pytest
from corpus import canonical, in_ci, schema_dir
from libvirt_12_9_documents import DOMAIN as DOCUMENT
from libvirt_12_9_documents import NETWORKS
from lxml import etree

import domxml
from domxml.binding import write_document
from domxml.models.domain import (
    CtlDisk,
    DiskBus,
    Domain,
    GranuleMode,
    HypervMode,
    Iommufd,
    LatencyHistogramType,
    LifecycleAction,
    QuoteGenerationService,
    TdxLaunchSecurity,
    Varstore,
    VideoDevice,
)


@cache
def _schema(version: str, kind: str = "domain") -> etree.RelaxNG:
    path = schema_dir(version) / f"{kind}.rng"
    if not path.is_file():
        reason = f"libvirt {version} schemas not found: {path}"
        if in_ci():
            pytest.fail(reason)
        pytest.skip(reason)
    return etree.RelaxNG(etree.parse(str(path)))


def test_the_document_is_libvirt_12_9_0s() -> None:
    document = etree.fromstring(DOCUMENT.encode())
    assert _schema("12.9.0").validate(document), _schema("12.9.0").error_log
    assert not _schema("11.3.0").validate(document)


@pytest.mark.parametrize("name", sorted(NETWORKS))
def test_the_networks_are_libvirt_12_9_0s_and_read_fully_typed(name: str) -> None:
    text = NETWORKS[name]
    document = etree.fromstring(text.encode())
    assert _schema("12.9.0", "network").validate(document), _schema("12.9.0", "network").error_log
    assert not _schema("11.3.0", "network").validate(document)
    network = domxml.parse(text)
    assert domxml.untyped(network) == []
    assert domxml.to_xml(network) == text


def test_it_reads_fully_typed_and_writes_back_unchanged() -> None:
    domain = domxml.parse(DOCUMENT)
    assert domxml.untyped(domain) == []
    assert domxml.to_xml(domain) == DOCUMENT
    written = write_document(domain, verbatim=False)
    assert canonical(written.encode()) == canonical(DOCUMENT.encode())


def test_the_new_fields_hold_typed_values() -> None:
    domain = domxml.parse(DOCUMENT)
    assert isinstance(domain, Domain)
    assert domain.hwuuid == "c6b3d3b9-9f3c-4c8b-8d2e-2d3e4f5a6b7c"
    assert domain.iommufd == Iommufd(enabled=True, fdgroup="iommu")
    assert domain.on_crash is LifecycleAction.PRESERVE_RUNNING
    assert domain.cputune is not None and domain.cputune.energytunes[0].monitors[0].vcpus == "0"
    assert domain.os is not None and domain.os.varstore == Varstore(
        template="/usr/share/edk2/vars.json", path="/var/lib/libvirt/varstore/tdx.json"
    )
    assert domain.features is not None and domain.features.virtualization is not None
    assert domain.features.hyperv is not None
    assert domain.features.hyperv.mode is HypervMode.HOST_MODEL
    security = domain.launch_security
    assert isinstance(security, TdxLaunchSecurity)
    assert security.policy == 0x10000001
    assert security.quote_generation_service == QuoteGenerationService(
        path="/var/run/tdx-qgs/qgs.socket"
    )
    devices = domain.devices
    assert devices is not None
    ctl, usb, nvme = devices.disks
    assert isinstance(ctl, CtlDisk) and ctl.source is not None
    assert ctl.source.dev == "/dev/cam/ctl0.0"
    assert ctl.target is not None and ctl.target.dpofua is True
    assert usb.driver is not None and usb.driver.statistics is not None
    histogram = usb.driver.statistics.latency_histograms[0]
    assert histogram.type is LatencyHistogramType.READ
    assert [b.start for b in histogram.bins] == [0, 1000]
    assert nvme.target is not None and nvme.target.bus is DiskBus.NVME
    assert devices.controllers[0].serial == "nvme-serial-1"
    assert devices.videos[0].model is not None
    assert devices.videos[0].model.device is VideoDevice.VIRTIO_GPU
    iommu = devices.iommus[0]
    assert iommu.driver is not None and iommu.driver.granule is not None
    assert iommu.driver.granule.mode is GranuleMode.HOST


def test_new_elements_built_in_code_are_valid_for_12_9_0() -> None:
    domain = domxml.parse(DOCUMENT)
    assert isinstance(domain, Domain)
    domain.launch_security = TdxLaunchSecurity(policy=0x10000000)
    domain.hwuuid = None
    document = etree.fromstring(domxml.to_xml(domain).encode())
    assert _schema("12.9.0").validate(document), _schema("12.9.0").error_log
    assert b"<policy>0x10000000</policy>" in etree.tostring(document)
