"""Xen ``xm`` configuration files to and from domain XML, as libvirt's ``xen-xm`` converter
maps them (the format of Xen's retired ``xm`` toolstack; ``xl`` reads most of it).

What maps where is in ``docs/native.md``.
"""

from __future__ import annotations

from domxml.native.xen.read_xm import read
from domxml.native.xen.write_xm import write

__all__ = ["read", "write"]
