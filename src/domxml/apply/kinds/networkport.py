"""Network ports: created on an active network, known by UUID, never changed in place.

A port is what connects one guest interface to a virtual network; libvirt
creates one for each interface of a running domain, and a program can
create its own (``virNetworkPortCreateXML``). A port exists only while its
network is active. Its document needs a ``<uuid>`` (libvirt would make one
up, so a second apply would create a second port). libvirt has no call to
change a port: one that differs from its document is deleted and created
again, and the plan says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from domxml.apply.connection import libvirt_module, not_found
from domxml.apply.errors import ApplyError
from domxml.apply.handler import Handler, Ref, with_validation
from domxml.binding import Model
from domxml.models.networkport import NetworkPort

if TYPE_CHECKING:
    from domxml.apply.plan import Step

__all__ = ["NetworkPortHandler"]


class NetworkPortHandler(Handler):
    kind = "networkport"
    model = NetworkPort
    named_by = "a <uuid>"
    name_made_up = True

    def name_of(self, model: Model) -> str | None:
        uuid = getattr(model, "uuid", None)
        return str(uuid).lower() if uuid else None

    def network(self, conn: Any, ref: Ref) -> Any | None:
        try:
            return conn.networkLookupByName(ref.parent)
        except libvirt_module().libvirtError as e:
            if not_found(e):
                return None
            raise

    def _lookup(self, conn: Any, ref: Ref) -> Any:
        network = self.network(conn, ref)
        if network is None or not network.isActive():
            return None  # ports exist only on an active network
        return network.portLookupByUUIDString(ref.name)

    def read(self, obj: Any) -> str:
        return str(obj.XMLDesc(0))

    def define(self, conn: Any, ref: Ref, xml: str) -> Any:
        network = self.network(conn, ref)
        if network is None:
            raise ApplyError(f"{ref}: there is no network {ref.parent!r}")
        if not network.isActive():
            raise ApplyError(
                f"{ref}: network {ref.parent!r} is not active (start it, or apply it with --start)"
            )
        flag = getattr(libvirt_module(), "VIR_NETWORK_PORT_CREATE_VALIDATE", 0)
        return with_validation(network.portCreateXML, xml, flag)

    def recreated(self, step: Step) -> str | None:
        return (
            "libvirt cannot change a network port: it is deleted and created again (an"
            " interface using it is disconnected in between)"
        )

    def delete(self, obj: Any) -> None:
        obj.delete(0)

    def undo(self, conn: Any, obj: Any, previous: str | None) -> None:
        network = obj.network()
        obj.delete(0)
        if previous is not None:
            # libvirt's own definition names its plug: only a reclaim takes one.
            network.portCreateXML(previous, libvirt_module().VIR_NETWORK_PORT_CREATE_RECLAIM)
