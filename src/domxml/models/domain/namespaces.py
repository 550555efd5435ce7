"""Hypervisor-specific extensions in their own XML namespaces (formatdomain).

Each driver that accepts extra settings outside libvirt's own vocabulary
reads them from a namespace of its own: QEMU (command-line pass-through,
capability and device-property overrides, deprecation behaviour), LXC
(namespaces shared with other processes), bhyve and Xen (command-line
pass-through) and VMware (the datacenter path). Every element below the
extension root is in the same namespace as the root.

The prefix written is the declared one (``qemu:``) for models built in
code; a parsed document keeps the prefix its source used (``ns0:``, or a
default namespace), since libvirt accepts any.
"""

from __future__ import annotations

import enum

from domxml.binding import Model, allowed, attr, child, children, element, matching, text

QEMU_NS = "http://libvirt.org/schemas/domain/qemu/1.0"
LXC_NS = "http://libvirt.org/schemas/domain/lxc/1.0"
BHYVE_NS = "http://libvirt.org/schemas/domain/bhyve/1.0"
XEN_NS = "http://libvirt.org/schemas/domain/xen/1.0"
VMWARE_NS = "http://libvirt.org/schemas/domain/vmware/1.0"


# QEMU


@element("arg", ns=QEMU_NS, prefix="qemu")
class QemuArg(Model):
    """``<qemu:arg>``: one argument appended to the QEMU command line."""

    value: str | None = attr()


@element("env", ns=QEMU_NS, prefix="qemu")
class QemuEnv(Model):
    """``<qemu:env>``: an environment variable set for the QEMU process."""

    name: str | None = attr(
        doc="letters, digits and underscores, not starting with a digit",
        codec=matching(r"[a-zA-Z0-9_]+", "filter-param-name"),
    )
    value: str | None = attr(doc="absent: the variable is set to the empty string", default=None)


@element("commandline", ns=QEMU_NS, prefix="qemu")
class QemuCommandline(Model):
    """``<qemu:commandline>``: extra QEMU command-line arguments and environment.

    Unsupported by libvirt: a domain using it is marked tainted.
    """

    args: list[QemuArg] = children(default_factory=list)
    envs: list[QemuEnv] = children(default_factory=list)


@element("add", ns=QEMU_NS, prefix="qemu")
class QemuCapabilityAdd(Model):
    """``<qemu:add>``: a QEMU capability to assume present."""

    capability: str | None = attr()


@element("del", ns=QEMU_NS, prefix="qemu")
class QemuCapabilityDel(Model):
    """``<qemu:del>``: a QEMU capability to assume absent."""

    capability: str | None = attr()


@element("capabilities", ns=QEMU_NS, prefix="qemu")
class QemuCapabilities(Model):
    """``<qemu:capabilities>``: QEMU capabilities to add or remove (for testing)."""

    adds: list[QemuCapabilityAdd] = children(default_factory=list)
    dels: list[QemuCapabilityDel] = children(default_factory=list)


class QemuPropertyType(enum.Enum):
    """How an overridden device property's value is given to QEMU (``type=``)."""

    STRING = "string"
    SIGNED = "signed"
    UNSIGNED = "unsigned"
    BOOL = "bool"
    REMOVE = "remove"  # drop the property libvirt would set; no value


@element("property", ns=QEMU_NS, prefix="qemu")
class QemuOverrideProperty(Model):
    """``<qemu:property>``: a device property set (or removed) behind libvirt's back."""

    name: str | None = attr()
    type: QemuPropertyType | None = attr()
    # Kept as written: its syntax depends on type (a number, true/false, text).
    value: str | None = attr(default=None)


@element("frontend", ns=QEMU_NS, prefix="qemu")
class QemuOverrideFrontend(Model):
    """``<qemu:frontend>``: overrides of the properties of a device's frontend."""

    properties: list[QemuOverrideProperty] = children(default_factory=list)


@element("device", ns=QEMU_NS, prefix="qemu")
class QemuOverrideDevice(Model):
    """``<qemu:device>``: the overrides of one device, found by its alias."""

    alias: str | None = attr(doc="the device's <alias name=...> (user aliases start 'ua-')")
    frontend: QemuOverrideFrontend | None = child(default=None)


@element("override", ns=QEMU_NS, prefix="qemu")
class QemuOverride(Model):
    """``<qemu:override>``: overrides of QEMU device properties."""

    devices: list[QemuOverrideDevice] = children(default_factory=list)


class QemuDeprecationBehavior(enum.Enum):
    """What QEMU does when the guest uses a deprecated feature (``behavior=``)."""

    NONE = "none"
    OMIT = "omit"
    REJECT = "reject"
    CRASH = "crash"


@element("deprecation", ns=QEMU_NS, prefix="qemu")
class QemuDeprecation(Model):
    """``<qemu:deprecation>``: how QEMU treats deprecated features."""

    behavior: QemuDeprecationBehavior | None = attr()


# LXC


class LxcShareType(enum.Enum):
    """How the namespace to share is named (``type=`` of ``<lxc:share*>``).

    ``netns`` (a named network namespace, ``ip netns``) is for ``sharenet``
    only.
    """

    NETNS = "netns"
    NAME = "name"  # another libvirt LXC container, by name
    PID = "pid"  # a process, by id


@element("sharenet", ns=LXC_NS, prefix="lxc")
class LxcShareNet(Model):
    """``<lxc:sharenet>``: the network namespace to share."""

    type: LxcShareType | None = attr()
    value: str | None = attr()


@element("shareipc", ns=LXC_NS, prefix="lxc")
class LxcShareIpc(Model):
    """``<lxc:shareipc>``: the IPC namespace to share."""

    type: LxcShareType | None = attr(codec=allowed(LxcShareType.NAME, LxcShareType.PID))
    value: str | None = attr()


@element("shareuts", ns=LXC_NS, prefix="lxc")
class LxcShareUts(Model):
    """``<lxc:shareuts>``: the UTS (host name) namespace to share."""

    type: LxcShareType | None = attr(codec=allowed(LxcShareType.NAME, LxcShareType.PID))
    value: str | None = attr()


@element("namespace", ns=LXC_NS, prefix="lxc")
class LxcNamespace(Model):
    """``<lxc:namespace>``: namespaces an LXC container shares."""

    sharenet: LxcShareNet | None = child(default=None)
    shareipc: LxcShareIpc | None = child(default=None)
    shareuts: LxcShareUts | None = child(default=None)


# bhyve


@element("arg", ns=BHYVE_NS, prefix="bhyve")
class BhyveArg(Model):
    """``<bhyve:arg>``: one argument appended to the bhyve command line."""

    value: str | None = attr()


# libvirt 11.3.0's schema and driver know <bhyve:arg> only (no <bhyve:env>).
@element("commandline", ns=BHYVE_NS, prefix="bhyve")
class BhyveCommandline(Model):
    """``<bhyve:commandline>``: extra bhyve command-line arguments."""

    args: list[BhyveArg] = children(default_factory=list)


# Xen


@element("arg", ns=XEN_NS, prefix="xen")
class XenArg(Model):
    """``<xen:arg>``: one argument appended to the device model's command line."""

    value: str | None = attr()


@element("commandline", ns=XEN_NS, prefix="xen")
class XenCommandline(Model):
    """``<xen:commandline>``: extra Xen device-model (QEMU) arguments."""

    args: list[XenArg] = children(default_factory=list)


# VMware


@element("datacenterpath", ns=VMWARE_NS, prefix="vmware")
class VmwareDatacenterPath(Model):
    """``<vmware:datacenterpath>``: the VMware datacenter path, e.g. ``folder1/dc1``."""

    value: str | None = text(default=None)
