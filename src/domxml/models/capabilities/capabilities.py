"""Host capabilities (libvirt's formatcaps): ``<capabilities>``.

What ``virsh capabilities`` says of a host and its driver: the host CPU,
NUMA topology, caches and security models (``<host>``), then one
``<guest>`` per OS type and architecture the driver runs.
"""

from __future__ import annotations

from domxml.binding import Model, child, children, element, register_root
from domxml.models.capabilities.guest import Guest
from domxml.models.capabilities.host import Host


# libvirt writes an empty line around each child of <capabilities>.
@element("capabilities", blank_lines=True)
class Capabilities(Model):
    """A host's capabilities: the host, and the guests its driver can run."""

    host: Host | None = child()
    guests: list[Guest] = children(default_factory=list)


register_root(Capabilities)
