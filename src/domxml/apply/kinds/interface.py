"""Host network interfaces: defined by name; an active one is never brought down.

libvirt's interface driver defines a host interface's configuration
(``virInterfaceDefineXML``), which takes effect when the interface is next
started; starting and stopping it (``ifup``/``ifdown``) can cut the host off
its network. So domxml defines and undefines host interfaces, and never
starts or stops one: ``--start`` does not start them, an update of an
active interface says that it applies from its next start, and removing an
active interface is refused. ``virsh iface-start`` and ``iface-destroy``
are there for those who mean it.

Only libvirt's netcf backend defines interfaces; the udev backend (the one
Debian 12's libvirt-daemon has: Debian has no netcf) reads them only, and
an apply there fails with libvirt's "not supported" and a hint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from domxml.apply.connection import libvirt_module
from domxml.apply.errors import ApplyError
from domxml.apply.handler import Handler, Ref, read_inactive, with_validation
from domxml.binding import Model
from domxml.models.interface import HostInterface

if TYPE_CHECKING:
    from domxml.apply.plan import Step
    from domxml.apply.remove import Removal

__all__ = ["ACTIVE", "InterfaceHandler"]

#: The note of an update to an active interface.
ACTIVE = (
    "active: the new definition applies from its next start (domxml does not restart"
    " host interfaces: virsh iface-destroy, then iface-start)"
)


class InterfaceHandler(Handler):
    kind = "interface"
    model = HostInterface
    named_by = "a name (<interface name=...>)"

    def name_of(self, model: Model) -> str | None:
        name = getattr(model, "name", None)
        if name:
            return str(name)
        # A VLAN interface may leave its name out: it is always DEVICE.TAG.
        vlan = getattr(model, "vlan", None)
        device = getattr(getattr(vlan, "interface", None), "name", None)
        tag = getattr(vlan, "tag", None)
        return f"{device}.{tag}" if device and tag is not None else None

    def _lookup(self, conn: Any, ref: Ref) -> Any:
        return conn.interfaceLookupByName(ref.name)

    def read(self, obj: Any) -> str:
        return read_inactive(obj.XMLDesc, libvirt_module().VIR_INTERFACE_XML_INACTIVE)

    def define(self, conn: Any, ref: Ref, xml: str) -> Any:
        libvirt = libvirt_module()
        flag = getattr(libvirt, "VIR_INTERFACE_DEFINE_VALIDATE", 0)
        try:
            return with_validation(conn.interfaceDefineXML, xml, flag)
        except libvirt.libvirtError as e:
            if e.get_error_code() != libvirt.VIR_ERR_NO_SUPPORT:
                raise
            raise ApplyError(
                f"{ref}: this libvirt's interface driver cannot define interfaces"
                f" ({e.get_error_message()}): its udev backend reads host interfaces only;"
                " the netcf backend defines them"
            ) from e

    def plan_more(self, conn: Any, obj: Any, step: Step) -> None:
        if step.action == "update" and obj.isActive():
            step.notes.append(ACTIVE)

    def removal_refused(self, obj: Any, ref: Ref, *, force: bool) -> str | None:
        if obj.isActive():
            return (
                f"{ref} is active: domxml does not bring host interfaces down (that can cut"
                " the host off its network); stop it yourself (virsh iface-destroy), then"
                " remove it"
            )
        return None

    def remove(self, obj: Any, removal: Removal, **options: Any) -> None:
        self.delete(obj)

    def undo(self, conn: Any, obj: Any, previous: str | None) -> None:
        if previous is not None:
            conn.interfaceDefineXML(previous, 0)
        else:
            obj.undefine()
