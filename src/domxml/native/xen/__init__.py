"""What Xen's ``xl`` and ``xm`` configuration files share, read and written once.

``xl.cfg`` grew out of ``xm``'s Python-like files: both name the domain,
its memory, vCPUs, features, clock, network interfaces (``vif``), PCI
devices, graphics, serial and parallel ports and sound the same way
(libvirt's ``xen_common.c``); they differ in how they write disks, the
boot set-up and a few devices only ``xl`` knows. :mod:`.read` and
:mod:`.write` hold the shared mapping with a ``flavor`` argument;
:mod:`domxml.native.xl` and :mod:`domxml.native.xm` are the entry points.
"""
