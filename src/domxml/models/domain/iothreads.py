"""IOThreads allocation (formatdomain "IOThreads Allocation").

``<iothreadids>`` and ``<defaultiothread>``; the number of IOThreads,
``<iothreads>``, is a plain integer of the domain.
"""

from __future__ import annotations

from domxml.binding import Model, attr, child, children, element

# <vcpus> lives with <vcpu>; it is importable from here as well, where the
# domain looks for it.
from domxml.models.domain.vcpu import Vcpus
from domxml.models.types import UInt, ULong

__all__ = ["DefaultIothread", "Iothread", "IothreadPoll", "Iothreadids", "Vcpus"]


@element("poll")
class IothreadPoll(Model):
    """``<poll>``: how long an IOThread polls for events before sleeping."""

    max: ULong | None = attr(doc="the longest polling, in nanoseconds", default=None)
    grow: ULong | None = attr(doc="the factor polling time grows by; 0: the default", default=None)
    shrink: ULong | None = attr(
        doc="the divisor polling time shrinks by; 0: the default", default=None
    )
    weight: UInt | None = attr(
        doc="the IOThread's share of polling among the guest's IOThreads", default=None
    )


@element("iothread")
class Iothread(Model):
    """``<iothread>``: one IOThread, by id, and its thread pool."""

    id: UInt | None = attr()
    thread_pool_min: UInt | None = attr(doc="the fewest worker threads", default=None)
    thread_pool_max: UInt | None = attr(doc="the most worker threads", default=None)
    poll: IothreadPoll | None = child(default=None)


@element("iothreadids")
class Iothreadids(Model):
    """``<iothreadids>``: the IOThreads by id."""

    iothreads: list[Iothread] = children(default_factory=list)


@element("defaultiothread")
class DefaultIothread(Model):
    """``<defaultiothread>``: the default event loop's thread pool."""

    thread_pool_min: UInt | None = attr(doc="the fewest worker threads", default=None)
    thread_pool_max: UInt | None = attr(doc="the most worker threads", default=None)
