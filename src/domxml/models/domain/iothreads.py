"""Domain models: <iothreadids>, <defaultiothread>, <vcpus> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("iothreadids")
class Iothreadids(Model):
    """``<iothreadids>``: the IOThreads by id."""


@element("defaultiothread")
class DefaultIothread(Model):
    """``<defaultiothread>``: the default event loop's thread pool."""


@element("vcpus")
class Vcpus(Model):
    """``<vcpus>``: the state of each vCPU."""
