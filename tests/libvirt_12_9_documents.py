"""Documents of libvirt 12.9.0, which libvirt's 11.3.0 test corpus cannot have.

Each uses what 12.9.0's schemas add (valid under them, checked by
``tests/test_libvirt_12_9.py``); the tests that ask every field to be read
from some document read these too.
"""

from __future__ import annotations

__all__ = ["DOMAIN", "NETWORKS"]

#: A domain with each of 12.9.0's additions to the domain schema.
DOMAIN = """\
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
    <iommu model='virtio'>
      <driver>
        <granule size='4' unit='KiB'/>
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

#: Networks with each of 12.9.0's additions to the network schema.
NETWORKS = {
    "dns-forwarder-port": """\
<network>
  <name>default</name>
  <forward mode='nat'/>
  <dns>
    <forwarder addr='192.0.2.53' port='5353'/>
  </dns>
  <ip address='192.168.122.1' netmask='255.255.255.0'/>
</network>
""",
    "hostdev-iommufd": """\
<network>
  <name>hostdev-net</name>
  <forward mode='hostdev' managed='yes'>
    <driver name='vfio' iommufd='yes'/>
    <pf dev='eth0'/>
  </forward>
</network>
""",
}
