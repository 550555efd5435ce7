"""What libvirt fills in, and how it rewrites values, for secrets, filters, ports, checkpoints.

The rules of the kinds beside domains, networks, storage and snapshots,
merged into :data:`domxml.compare.generated.RULES`; ``docs/apply.md`` lists
them with the others. The network filter values are libvirt's own
rewriting of a rule's attributes (``nwfilter_conf.c`` reads them into
numbers, addresses and masks, and writes those back): libvirt's
``nwfilterxml2xmlin``/``out`` test pairs, compared with this diff, show no
change (``tests/test_apply_kinds.py``).
"""

from __future__ import annotations

import inspect
import ipaddress
import re
from collections.abc import Callable
from typing import Any

from domxml.binding import Model
from domxml.binding.reflect import Kind, spec_of
from domxml.compare.rules import Rule, default, extra_items, output_only, value
from domxml.models.checkpoint import CheckpointDisk, CheckpointType, DomainCheckpoint
from domxml.models.domain.devices.interface import Filterref
from domxml.models.networkport import NetworkPort
from domxml.models.nwfilter import protocols
from domxml.models.nwfilter.filter import NWFilter
from domxml.models.nwfilter.filter import Rule as FilterRule
from domxml.models.nwfilterbinding import FilterBinding
from domxml.models.secret import Secret

__all__ = ["GENERATED", "NORMALISERS"]


def _uuid(text: Any) -> Any:
    return text.replace("-", "").lower() if isinstance(text, str) else text


def _mac_parameter(parameter: Any, _filterref: Model) -> bool:
    """a parameter named ``MAC``"""
    return getattr(parameter, "name", None) == "MAC"


GENERATED: tuple[Rule, ...] = (
    # Secrets
    value(Secret, "uuid", "libvirt generates a UUID for a new secret"),
    default(Secret, "ephemeral", "kept on disk unless told otherwise", False),
    default(Secret, "private", "its value can be read back unless told otherwise", False),
    # Network filters
    value(NWFilter, "uuid", "libvirt generates a UUID for a new filter"),
    default(NWFilter, "chain", "the root chain", "root"),
    default(NWFilter, "priority", "0: libvirt writes a chain's priority only when it is not", 0),
    default(FilterRule, "priority", "a filter rule's priority is 500 unless told otherwise", 500),
    # Filter bindings
    output_only(FilterBinding, "backend", "the firewall backend that applied the filter"),
    extra_items(
        Filterref,
        "parameters",
        "libvirt gives a binding's filter the binding's MAC address as its MAC parameter",
        _mac_parameter,
    ),
    # Network ports
    value(NetworkPort, "plug", "how the network connects the port (its bridge...)"),
    # Checkpoints
    output_only(DomainCheckpoint, "creation_time", "when the checkpoint was made"),
    output_only(DomainCheckpoint, "domain", "the domain's definition when it was made"),
    output_only(DomainCheckpoint, "active", "whether it is the domain's current checkpoint"),
    value(DomainCheckpoint, "parent", "the domain's current checkpoint when it was made"),
    value(DomainCheckpoint, "disks", "each disk of the domain, in the checkpoint or not"),
    default(CheckpointDisk, "checkpoint", "a disk is in the checkpoint", CheckpointType.BITMAP),
    value(CheckpointDisk, "bitmap", "the bitmap is named after the checkpoint"),
    output_only(CheckpointDisk, "size", "how much changed since, for a running domain"),
)

# -- network filter values ------------------------------------------------------------------

_MAC = re.compile(r"[0-9a-fA-F]{1,2}(?::[0-9a-fA-F]{1,2}){5}")
_NUMBER = re.compile(r"0[xX][0-9a-fA-F]+|[0-9]+")


def _variable(text: str) -> str:
    """``$A[ 0 ]`` as libvirt writes it, ``$A[0]``; ``$A[@0]``, the first iteration, as ``$A``."""
    name = text.replace(" ", "")
    return name[: -len("[@0]")] if name.endswith("[@0]") else name


def _filter_value(text: Any) -> Any:
    """A rule's value as libvirt reads it: a variable, a MAC, an address, a number, or text.

    libvirt writes MAC addresses with two lower-case digits a byte, numbers
    in decimal or hexadecimal by the attribute's type, IPv6 addresses
    compressed, known protocols and ARP opcodes by name, and variables
    without spaces (``nwfilter_conf.c``).
    """
    if not isinstance(text, str):
        return text
    stripped = text.strip()
    if stripped.startswith("$"):
        return ("variable", _variable(stripped))
    if _MAC.fullmatch(stripped):
        return ("mac", tuple(int(part, 16) for part in stripped.split(":")))
    if _NUMBER.fullmatch(stripped):
        return ("number", int(stripped, 0) if stripped.lower().startswith("0x") else int(stripped))
    try:
        return ("address", ipaddress.ip_address(stripped))
    except ValueError:
        return text


def _mask(text: Any) -> Any:
    """A netmask as the prefix length libvirt writes for it: ``255.255.255.0`` is ``24``."""
    if not isinstance(text, str) or text.strip().startswith("$"):
        return _filter_value(text)
    stripped = text.strip()
    if stripped.isdigit():
        return ("prefix", int(stripped))
    try:
        mask = ipaddress.ip_address(stripped)
    except ValueError:
        return text
    bits = int(mask)
    width = mask.max_prefixlen
    ones = width - (bits ^ ((1 << width) - 1)).bit_length()
    contiguous = bits == ((1 << width) - 1) ^ ((1 << (width - ones)) - 1)
    return ("prefix", ones) if contiguous else text


#: The protocols and ARP opcodes libvirt knows by name, and writes by name
#: whatever number they were given as (nwfilter_conf.c's macProtoMap,
#: ipProtoMap, arpOpcodeMap): ``0x0800`` is ``ipv4``, ``6`` is ``tcp``.
_ETHER_TYPES = {"arp": 0x0806, "rarp": 0x8035, "ipv4": 0x0800, "ipv6": 0x86DD, "vlan": 0x8100}
_NAMED: dict[str, dict[str, int]] = {
    "protocolid": _ETHER_TYPES,
    "encap_protocol": _ETHER_TYPES,
    "protocol": {
        "tcp": 6,
        "udp": 17,
        "udplite": 136,
        "esp": 50,
        "ah": 51,
        "icmp": 1,
        "igmp": 2,
        "sctp": 132,
        "icmpv6": 58,
    },
    "opcode": {
        "request": 1,
        "reply": 2,
        "request_reverse": 3,
        "reply_reverse": 4,
        "drarp_request": 5,
        "drarp_reply": 6,
        "drarp_error": 7,
        "inarp_request": 8,
        "arp_nak": 10,
    },
}


def _named(names: dict[str, int]) -> Callable[[Any], Any]:
    def normalise(text: Any) -> Any:
        if isinstance(text, str) and text.strip().lower() in names:
            return ("number", names[text.strip().lower()])
        return _filter_value(text)

    return normalise


def _lower(text: Any) -> Any:
    return text.lower() if isinstance(text, str) else text


def _filter_normalisers() -> dict[tuple[type[Model], str], Callable[[Any], Any]]:
    """Every attribute of every protocol element of a filter rule, with its normaliser."""
    found: dict[tuple[type[Model], str], Callable[[Any], Any]] = {}
    for _, cls in inspect.getmembers(protocols, inspect.isclass):
        if not issubclass(cls, Model) or cls is Model:
            continue
        for f in spec_of(cls).attr_list:
            if f.kind is not Kind.ATTR or f.py == "comment":
                continue
            if f.py.endswith("ipmask"):
                found[(cls, f.py)] = _mask
            elif f.py == "ipsetflags":
                found[(cls, f.py)] = _lower
            elif f.py in _NAMED:
                found[(cls, f.py)] = _named(_NAMED[f.py])
            else:
                found[(cls, f.py)] = _filter_value
    return found


#: How values of these kinds' fields are brought to one form before comparing.
NORMALISERS: dict[tuple[type[Model], str], Callable[[Any], Any]] = {
    (Secret, "uuid"): _uuid,
    (NWFilter, "uuid"): _uuid,
    (NetworkPort, "uuid"): _uuid,
    **_filter_normalisers(),
}
