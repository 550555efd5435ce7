"""Network filters (``virsh nwfilter-dumpxml``): :class:`NWFilter`."""

from domxml.models.nwfilter.filter import NWFilter, Rule, RuleAction, RuleDirection

__all__ = ["NWFilter", "Rule", "RuleAction", "RuleDirection"]
