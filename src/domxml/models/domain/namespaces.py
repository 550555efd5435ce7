"""Hypervisor-specific extensions in their own XML namespaces (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element

QEMU_NS = "http://libvirt.org/schemas/domain/qemu/1.0"
LXC_NS = "http://libvirt.org/schemas/domain/lxc/1.0"
BHYVE_NS = "http://libvirt.org/schemas/domain/bhyve/1.0"
XEN_NS = "http://libvirt.org/schemas/domain/xen/1.0"
VMWARE_NS = "http://libvirt.org/schemas/domain/vmware/1.0"


@element("commandline", ns=QEMU_NS, prefix="qemu")
class QemuCommandline(Model):
    """``<qemu:commandline>``: extra QEMU command-line arguments and environment."""


@element("capabilities", ns=QEMU_NS, prefix="qemu")
class QemuCapabilities(Model):
    """``<qemu:capabilities>``: QEMU capabilities to add or remove."""


@element("override", ns=QEMU_NS, prefix="qemu")
class QemuOverride(Model):
    """``<qemu:override>``: overrides of QEMU device properties."""


@element("deprecation", ns=QEMU_NS, prefix="qemu")
class QemuDeprecation(Model):
    """``<qemu:deprecation>``: how QEMU treats deprecated features."""


@element("namespace", ns=LXC_NS, prefix="lxc")
class LxcNamespace(Model):
    """``<lxc:namespace>``: namespaces an LXC container shares."""


@element("commandline", ns=BHYVE_NS, prefix="bhyve")
class BhyveCommandline(Model):
    """``<bhyve:commandline>``: extra bhyve command-line arguments."""


@element("commandline", ns=XEN_NS, prefix="xen")
class XenCommandline(Model):
    """``<xen:commandline>``: extra Xen device-model arguments."""


@element("datacenterpath", ns=VMWARE_NS, prefix="vmware")
class VmwareDatacenterPath(Model):
    """``<vmware:datacenterpath>``: the VMware datacenter path."""
