"""Performance monitoring events (formatdomain "Performance monitoring events").

``<perf>`` lists the host perf events libvirt collects for the domain's
processes (read with ``virsh domstats --perf``).
"""

from __future__ import annotations

import enum

from domxml.binding import Model, attr, children, element


class PerfEventName(enum.Enum):
    """A perf event (``<event name=...>``)."""

    CMT = "cmt"
    MBMT = "mbmt"
    MBML = "mbml"
    CPU_CYCLES = "cpu_cycles"
    INSTRUCTIONS = "instructions"
    CACHE_REFERENCES = "cache_references"
    CACHE_MISSES = "cache_misses"
    BRANCH_INSTRUCTIONS = "branch_instructions"
    BRANCH_MISSES = "branch_misses"
    BUS_CYCLES = "bus_cycles"
    STALLED_CYCLES_FRONTEND = "stalled_cycles_frontend"
    STALLED_CYCLES_BACKEND = "stalled_cycles_backend"
    REF_CPU_CYCLES = "ref_cpu_cycles"
    CPU_CLOCK = "cpu_clock"
    TASK_CLOCK = "task_clock"
    PAGE_FAULTS = "page_faults"
    CONTEXT_SWITCHES = "context_switches"
    CPU_MIGRATIONS = "cpu_migrations"
    PAGE_FAULTS_MIN = "page_faults_min"
    PAGE_FAULTS_MAJ = "page_faults_maj"
    ALIGNMENT_FAULTS = "alignment_faults"
    EMULATION_FAULTS = "emulation_faults"


@element("event")
class PerfEvent(Model):
    """``<event>``: one perf event, turned on or off."""

    name: PerfEventName | None = attr()
    enabled: bool | None = attr()


@element("perf")
class Perf(Model):
    """``<perf>``: perf events to monitor."""

    events: list[PerfEvent] = children()
