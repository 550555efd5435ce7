"""Network filters (defined by name) and their bindings (created on a port device).

A filter is defined again in place, by name, keeping its UUID; libvirt
refuses a definition whose name or UUID belongs to another filter
(``virNWFilterObjListAssignDef``), and an undefinition of a filter in use
("nwfilter is in use").

A binding applies a filter to one host network device: libvirt looks it up
by that device (``<portdev>``), one binding per device, and cannot change
it: a binding that differs from its document (another filter, other
parameters) is deleted and created again, and the plan says so. In
between, the device's traffic is not filtered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from domxml.apply.connection import libvirt_module
from domxml.apply.handler import Handler, Ref, with_validation
from domxml.binding import Model
from domxml.models.nwfilter import NWFilter
from domxml.models.nwfilterbinding import FilterBinding

if TYPE_CHECKING:
    from domxml.apply.plan import Desired, Step

__all__ = ["FilterBindingHandler", "NWFilterHandler"]


class NWFilterHandler(Handler):
    kind = "nwfilter"
    model = NWFilter
    keeps_uuid = True
    named_by = "a name (<filter name=...>)"

    def _lookup(self, conn: Any, ref: Ref) -> Any:
        return conn.nwfilterLookupByName(ref.name)

    def read(self, obj: Any) -> str:
        return str(obj.XMLDesc(0))

    def define(self, conn: Any, ref: Ref, xml: str) -> Any:
        flag = getattr(libvirt_module(), "VIR_NWFILTER_DEFINE_VALIDATE", 0)
        return with_validation(conn.nwfilterDefineXMLFlags, xml, flag)

    def blocker(self, conn: Any, item: Desired) -> str | None:
        uuid = getattr(item.model, "uuid", None)
        if not uuid:
            return None
        libvirt = libvirt_module()
        try:
            other = conn.nwfilterLookupByUUIDString(str(uuid))
        except libvirt.libvirtError:
            return None
        return (
            f"filter {other.name()!r} has UUID {uuid}: libvirt does not rename a filter;"
            " remove it first, or leave the UUID out"
        )

    def undo(self, conn: Any, obj: Any, previous: str | None) -> None:
        if previous is not None:
            conn.nwfilterDefineXML(previous)
        else:
            obj.undefine()


class FilterBindingHandler(Handler):
    kind = "nwfilterbinding"
    model = FilterBinding
    named_by = "a <portdev name=...>"

    def name_of(self, model: Model) -> str | None:
        name = getattr(getattr(model, "portdev", None), "name", None)
        return str(name) if name else None

    def _lookup(self, conn: Any, ref: Ref) -> Any:
        return conn.nwfilterBindingLookupByPortDev(ref.name)

    def read(self, obj: Any) -> str:
        return str(obj.XMLDesc(0))

    def define(self, conn: Any, ref: Ref, xml: str) -> Any:
        flag = getattr(libvirt_module(), "VIR_NWFILTER_BINDING_CREATE_VALIDATE", 0)
        return with_validation(conn.nwfilterBindingCreateXML, xml, flag)

    def recreated(self, step: Step) -> str | None:
        wanted = getattr(getattr(step.desired.model, "filterref", None), "filter", None)
        have = getattr(getattr(step.actual, "filterref", None), "filter", None)
        what = (
            f"the binding on {step.ref.name} is of filter {have!r}, not {wanted!r}"
            if wanted != have
            else "libvirt cannot change a filter binding"
        )
        return (
            f"{what}: it is deleted and created again (the device's traffic is not"
            " filtered in between)"
        )

    def delete(self, obj: Any) -> None:
        obj.delete()

    def undo(self, conn: Any, obj: Any, previous: str | None) -> None:
        obj.delete()
        if previous is not None:
            conn.nwfilterBindingCreateXML(previous, 0)
