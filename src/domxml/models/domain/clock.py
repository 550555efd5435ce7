"""Time keeping (formatdomain "Time keeping"): ``<clock>`` and its timers.

``offset`` says how the guest clock relates to the host's: UTC or local
time (optionally ``adjustment='reset'``), a time zone, a ``variable``
offset from a ``basis``, or an ``absolute`` start time. Each ``<timer>``
tunes one of the guest's timer devices.
"""

from __future__ import annotations

import enum

from domxml.binding import Model, attr, child, children, depends_on, element, matching
from domxml.models.types import UInt, ULong


class ClockOffset(enum.Enum):
    """How the guest clock is set at boot (``<clock offset=...>``)."""

    UTC = "utc"
    LOCALTIME = "localtime"
    VARIABLE = "variable"
    TIMEZONE = "timezone"
    ABSOLUTE = "absolute"


class ClockBasis(enum.Enum):
    """What a ``variable`` clock's adjustment is relative to (``<clock basis=...>``)."""

    UTC = "utc"
    LOCALTIME = "localtime"


class TimerName(enum.Enum):
    """A guest timer device (``<timer name=...>``)."""

    PLATFORM = "platform"
    PIT = "pit"
    RTC = "rtc"
    HPET = "hpet"
    TSC = "tsc"
    KVMCLOCK = "kvmclock"
    HYPERVCLOCK = "hypervclock"
    ARMVTIMER = "armvtimer"


class TimerTrack(enum.Enum):
    """What the ``rtc`` or ``platform`` timer follows (``<timer track=...>``)."""

    BOOT = "boot"
    GUEST = "guest"
    WALL = "wall"
    REALTIME = "realtime"


class TickPolicy(enum.Enum):
    """What happens to ticks the guest missed (``<timer tickpolicy=...>``)."""

    DELAY = "delay"
    CATCHUP = "catchup"
    MERGE = "merge"
    DISCARD = "discard"


class TscMode(enum.Enum):
    """How the guest's TSC is provided (``<timer name='tsc' mode=...>``)."""

    AUTO = "auto"
    NATIVE = "native"
    EMULATE = "emulate"
    PARAVIRT = "paravirt"
    SMPSAFE = "smpsafe"


@element("catchup")
class Catchup(Model):
    """``<catchup>``: how a ``tickpolicy='catchup'`` timer catches up."""

    threshold: UInt | None = attr(default=None)
    slew: UInt | None = attr(default=None)
    limit: UInt | None = attr(default=None)


@element(
    "timer",
    depends=(
        depends_on(
            "name",
            allows={
                TimerName.PLATFORM: ("catchup", "tickpolicy", "track"),
                TimerName.PIT: ("catchup", "tickpolicy"),
                TimerName.RTC: ("catchup", "tickpolicy", "track"),
                TimerName.HPET: ("catchup", "tickpolicy"),
                TimerName.TSC: ("catchup", "frequency", "mode", "tickpolicy"),
                TimerName.ARMVTIMER: ("catchup", "tickpolicy"),
            },
        ),
        depends_on("tickpolicy", allows={TickPolicy.CATCHUP: ("catchup",)}),
    ),
)
class Timer(Model):
    """``<timer>``: one guest timer device and its policy."""

    name: TimerName | None = attr()
    present: bool | None = attr(doc="whether the guest has this timer", default=None)
    tickpolicy: TickPolicy | None = attr(default=None)
    track: TimerTrack | None = attr(default=None)
    frequency: ULong | None = attr(doc="the TSC frequency, in Hz", default=None)
    mode: TscMode | None = attr(default=None)
    catchup: Catchup | None = child(default=None)


#: A number of seconds, as a variable clock's adjustment is (timeDelta).
TIME_DELTA = matching(r"(-|\+)?[0-9]+", "timeDelta")


@element(
    "clock",
    depends=(
        depends_on(
            "offset",
            allows={
                ClockOffset.UTC: ("adjustment",),
                ClockOffset.LOCALTIME: ("adjustment",),
                ClockOffset.VARIABLE: ("adjustment", "basis"),
                ClockOffset.TIMEZONE: ("timezone",),
                ClockOffset.ABSOLUTE: ("start",),
            },
            needs={ClockOffset.ABSOLUTE: ("start",)},
            values={ClockOffset.VARIABLE: {"adjustment": TIME_DELTA}},
        ),
    ),
)
class Clock(Model):
    """``<clock>``: the guest clock and its timers; ``reset`` is no ``variable`` adjustment."""

    offset: ClockOffset | None = attr()
    # Not an int: "reset" is allowed too (with offset utc or localtime).
    adjustment: str | None = attr(
        doc="seconds added to the basis (e.g. -3600), or 'reset'",
        default=None,
        codec=matching(r"(?:(?:(-|\+)?[0-9]+)|(?:reset))|(?:(-|\+)?[0-9]+)", "clock/timeDelta"),
    )
    timezone: str | None = attr(
        doc="the time zone of offset='timezone', e.g. Europe/Paris",
        default=None,
        codec=matching(r"[a-zA-Z0-9_\.\+\-/]+", "timeZone"),
    )
    basis: ClockBasis | None = attr(default=None)
    start: ULong | None = attr(doc="the epoch time of offset='absolute'", default=None)
    timers: list[Timer] = children(default_factory=list)
