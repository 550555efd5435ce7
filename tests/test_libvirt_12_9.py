"""libvirt 12.9.0's additions: one domain with each, read, typed and written back.

The document below is valid under libvirt 12.9.0's ``domain.rng`` (and not
under 11.3.0's); it parses with nothing untyped, comes back byte for byte,
and its models give the same canonical form. Then the typed values of the
new fields, and new elements built in code.
"""

from __future__ import annotations

from functools import cache

import pytest
from corpus import canonical, in_ci, schema_dir
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

DOCUMENT = """\
<domain type='kvm'>
  <name>tdx-guest</name>
  <uuid>b5a2c2a8-8e2b-4b7a-9c1d-1c2d3e4f5a6b</uuid>
  <hwuuid>c6b3d3b9-9f3c-4c8b-8d2e-2d3e4f5a6b7c</hwuuid>
  <memory unit='KiB'>4194304</memory>
  <vcpu>4</vcpu>
  <iothreads>1</iothreads>
  <iothreadids>
    <iothread id='1'>
      <poll max='4000' grow='2' shrink='2' weight='3'/>
    </iothread>
  </iothreadids>
  <cputune>
    <energytune vcpus='0-1'>
      <monitor vcpus='0'/>
    </energytune>
  </cputune>
  <iommufd enabled='yes' fdgroup='iommu'/>
  <os>
    <type arch='x86_64' machine='q35'>hvm</type>
    <varstore template='/usr/share/edk2/vars.json' path='/var/lib/libvirt/varstore/tdx.json'/>
  </os>
  <features>
    <acpi/>
    <hyperv mode='host-model'>
      <relaxed state='on'/>
    </hyperv>
    <virtualization/>
  </features>
  <on_crash>preserve-running</on_crash>
  <devices>
    <disk type='ctl' device='disk'>
      <source dev='/dev/cam/ctl0.0'/>
      <target dev='sda' bus='scsi' dpofua='on'/>
    </disk>
    <disk type='file' device='disk' model='usb-storage'>
      <driver name='qemu' type='qcow2'>
        <statistics>
          <statistic interval='10'/>
          <latency-histogram type='read'>
            <bin start='0'/>
            <bin start='1000'/>
          </latency-histogram>
        </statistics>
      </driver>
      <source file='/var/lib/libvirt/images/a.qcow2'/>
      <target dev='sdb' bus='usb'/>
    </disk>
    <disk type='block' device='disk'>
      <source dev='/dev/sdc'>
        <reservations managed='yes' migration='yes'/>
      </source>
      <target dev='nvme0n1' bus='nvme'/>
    </disk>
    <controller type='nvme' index='0'>
      <serial>nvme-serial-1</serial>
    </controller>
    <interface type='user'>
      <backend type='passt' hostname='guest' fqdn='guest.example.org'/>
    </interface>
    <hostdev mode='subsystem' type='usb'>
      <source>
        <address bus='1' port='1.2'/>
      </source>
    </hostdev>
    <hostdev mode='subsystem' type='pci' managed='yes'>
      <driver name='vfio' iommufd='yes'/>
      <source>
        <address domain='0x0000' bus='0x06' slot='0x02' function='0x0'/>
      </source>
    </hostdev>
    <graphics type='vnc' port='5900' wait='yes'/>
    <video>
      <model type='virtio' device='virtio-gpu' edid='on' heads='1'/>
      <acpi index='1' nodeset='0'/>
    </video>
    <iommu model='amd'>
      <driver xtsup='on' passthrough='off' accel='on' ats='on' ril='on'
              ssidsize='20' oas='48' cmdqv='off' pciBus='0'>
        <granule mode='host'/>
      </driver>
    </iommu>
    <memory model='virtio-mem'>
      <driver iommu='on' ats='on' packed='on' page_per_vq='on'/>
      <target>
        <size unit='KiB'>1048576</size>
        <node>0</node>
        <block unit='KiB'>2048</block>
      </target>
    </memory>
  </devices>
  <launchSecurity type='tdx'>
    <policy>0x10000001</policy>
    <mrConfigId>xqFbhdBYRGgu7+ckVMSWoJnTuDxemcNbZP4uCNsxjXpbo+gd5l4OUgWRDT3kQ/cU</mrConfigId>
    <mrOwner>xqFbhdBYRGgu7+ckVMSWoJnTuDxemcNbZP4uCNsxjXpbo+gd5l4OUgWRDT3kQ/cU</mrOwner>
    <mrOwnerConfig>xqFbhdBYRGgu7+ckVMSWoJnTuDxemcNbZP4uCNsxjXpbo+gd5l4OUgWRDT3kQ/cU</mrOwnerConfig>
    <quoteGenerationService path='/var/run/tdx-qgs/qgs.socket'/>
  </launchSecurity>
</domain>
"""


@cache
def _schema(version: str) -> etree.RelaxNG:
    path = schema_dir(version) / "domain.rng"
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
