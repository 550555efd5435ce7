"""The handlers of the kinds beside domains, networks, storage and snapshots.

One module per kind (one for network filters and their bindings): how
libvirt names, defines, changes and removes it, and what it cannot change
in place. The generic handler interface is :mod:`domxml.apply.handler`;
the registry of every kind, :mod:`domxml.apply.objects`; the values libvirt
fills in for these kinds, :mod:`domxml.compare.kinds`.
"""
