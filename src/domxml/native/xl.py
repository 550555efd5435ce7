"""Xen ``xl.cfg`` files to and from domain XML, as libvirt's ``xen-xl`` converter maps them.

>>> from domxml.native import xl
>>> domain, warnings = xl.read('name = "vm"\\nmemory = 512\\nbuilder = "hvm"\\n')
>>> domain.name, domain.current_memory.value
('vm', 524288)

What maps where is in ``docs/native.md``.
"""

from __future__ import annotations

from domxml.native.xen.read_xl import read
from domxml.native.xen.write_xl import write

__all__ = ["read", "write"]
