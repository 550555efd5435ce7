"""vCPUs: topology, hotplug granularity, cache and address-size modes, SVE, cputune, iothreads."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from domxml.semantic.document import ARM, X86, Doc, parse_int, parse_set
from domxml.semantic.registry import ERROR, Hit, rule


@rule(
    "cpu-cache-mode",
    ERROR,
    "A <cpu><cache> whose mode and level (or CPU mode) do not go together",
    "CPU cache mode '%s' can only be used with level='3'",
    "mode='emulate' takes level='3'; mode='passthrough' takes no level and a"
    " host-passthrough or maximum CPU",
    needs=("cache",),
)
def cpu_cache_mode(doc: Doc) -> Iterator[Hit]:
    cache = doc.child(doc.cpu, "cache")
    if cache is None or doc.cpu is None or not doc.qemu:
        return
    if doc.arch not in X86:
        yield Hit(
            cache,
            f"CPU cache specification is not supported for '{doc.arch}' architecture",
        )
        return
    mode, level = cache.get("mode"), cache.get("level")
    if mode == "emulate" and level != "3":
        yield Hit(cache, "CPU cache mode 'emulate' can only be used with level='3'", "level")
    elif mode == "passthrough" and doc.cpu.get("mode") not in ("host-passthrough", "maximum"):
        yield Hit(
            cache,
            "CPU cache mode 'passthrough' can only be used with 'host-passthrough' /"
            " 'maximum' CPUs",
            "mode",
        )
    elif mode in ("passthrough", "disable") and level is not None:
        yield Hit(cache, f"unsupported CPU cache level for mode '{mode}'", "level")


@rule(
    "cpu-maxphysaddr",
    ERROR,
    "<maxphysaddr mode='passthrough'> with bits, or <maxphysaddr> off x86",
    "CPU maximum physical address bits number specification cannot be used with mode='passthrough'",
    "remove bits='...' (passthrough takes the host's), or use mode='emulate'",
    needs=("maxphysaddr",),
)
def cpu_maxphysaddr(doc: Doc) -> Iterator[Hit]:
    address = doc.child(doc.cpu, "maxphysaddr")
    if address is None or not doc.qemu:
        return
    if doc.arch not in X86:
        yield Hit(
            address,
            "CPU maximum physical address bits specification is not supported for"
            f" '{doc.arch}' architecture",
        )
    elif address.get("mode") == "passthrough" and address.get("bits") is not None:
        yield Hit(
            address,
            "CPU maximum physical address bits number specification cannot be used with"
            " mode='passthrough'",
            "bits",
        )


@rule(
    "cpu-sve-disabled",
    ERROR,
    "SVE vector lengths with the sve feature disabled (ARM)",
    "SVE disabled, but SVE vector lengths provided",
    "enable sve, or remove the sveNNN features",
    needs=("feature",),
)
def cpu_sve_disabled(doc: Doc) -> Iterator[Hit]:
    if doc.cpu is None or doc.arch not in ARM or not doc.qemu:
        return
    features = {f.get("name"): f for f in doc.cpu.iterchildren("feature")}
    sve = features.get("sve")
    lengths = [
        f for name, f in features.items() if name and name.startswith("sve") and name != "sve"
    ]
    if sve is not None and lengths and sve.get("policy") in ("disable", "forbid"):
        yield Hit(sve, "SVE disabled, but SVE vector lengths provided", "policy")


def _topology(doc: Doc) -> tuple[etree._Element, int] | None:
    topology = doc.child(doc.cpu, "topology")
    if topology is None:
        return None
    total = 1
    for name in ("sockets", "dies", "clusters", "cores", "threads"):
        value = parse_int(topology.get(name) or "1")
        if value is None:
            return None
        total *= value
    return topology, total


def _vcpu_counts(doc: Doc) -> tuple[etree._Element, int, int] | None:
    """``<vcpu>``, the maximum and the current count."""
    vcpu = doc.child(doc.root, "vcpu")
    if vcpu is None:
        return None
    maximum = parse_int(vcpu.text)
    if maximum is None:
        return None
    current = parse_int(vcpu.get("current")) if vcpu.get("current") else maximum
    return vcpu, maximum, current if current is not None else maximum


@rule(
    "cpu-topology-mismatch",
    ERROR,
    "A CPU topology whose product is not the maximum vCPU count",
    "CPU topology doesn't match maximum vcpu count",
    "make sockets x dies x clusters x cores x threads equal <vcpu>",
    needs=("topology",),
)
def cpu_topology_mismatch(doc: Doc) -> Iterator[Hit]:
    found, counts = _topology(doc), _vcpu_counts(doc)
    if found is None or counts is None or not doc.qemu:
        return
    topology, total = found
    if total != counts[1]:
        yield Hit(
            topology,
            f"CPU topology doesn't match maximum vcpu count ({total} in the topology,"
            f" {counts[1]} in <vcpu>)",
        )


@rule(
    "vcpu-hotplug-granularity",
    ERROR,
    "A current vCPU count that is not a multiple of the threads per core (pSeries)",
    "vCPUs count must be a multiple of the vCPU hotplug granularity (%u)",
    "pSeries hotplugs whole cores: make current a multiple of threads",
    needs=("topology",),
)
def vcpu_hotplug_granularity(doc: Doc) -> Iterator[Hit]:
    found, counts = _topology(doc), _vcpu_counts(doc)
    if found is None or counts is None or not doc.pseries or not doc.qemu:
        return
    threads = parse_int(found[0].get("threads") or "1") or 1
    if counts[2] % threads:
        yield Hit(
            counts[0],
            f"vCPUs count must be a multiple of the vCPU hotplug granularity ({threads})",
            "current" if counts[0].get("current") else None,
        )


#: vCPUs an x86 guest can have without an IOMMU's extended interrupt mode.
MAX_VCPUS_WITHOUT_EIM = 255


@rule(
    "vcpu-too-many",
    ERROR,
    "More vCPUs than the machine type takes (255 on i440fx; the domain capabilities' maximum)",
    "more than %d vCPUs are only supported on q35-based machine types",
    "use a q35 machine with <iommu model='intel'><driver eim='on'/></iommu>, or fewer vCPUs",
)
def vcpu_too_many(doc: Doc) -> Iterator[Hit]:
    counts = _vcpu_counts(doc)
    if counts is None or not doc.qemu:
        return
    vcpu, maximum, _ = counts
    limit = doc.caps.max_vcpus() if doc.caps is not None else None
    if limit and maximum > limit:
        yield Hit(vcpu, f"Maximum CPUs greater than specified machine type limit {limit}")
    elif doc.x86 and maximum > MAX_VCPUS_WITHOUT_EIM and not doc.q35:
        yield Hit(
            vcpu,
            f"more than {MAX_VCPUS_WITHOUT_EIM} vCPUs are only supported on q35-based"
            " machine types",
        )


def iothread_ids(doc: Doc) -> set[int]:
    """The guest's IOThread ids: ``<iothreadids>``, else 1 to ``<iothreads>``."""
    ids = doc.child(doc.root, "iothreadids")
    found = set()
    if ids is not None:
        found = {parse_int(i.get("id")) or 0 for i in ids.iterchildren("iothread")}
    count = parse_int(doc.root.findtext("iothreads")) or 0
    # <iothreads> above the listed ids adds more, numbered from 1 up past the listed ones.
    candidate = 1
    while len(found) < count:
        if candidate not in found:
            found.add(candidate)
        candidate += 1
    return found


@rule(
    "iothread-missing",
    ERROR,
    "An <iothreadpin> or <iothreadsched> for an IOThread the domain does not have",
    "Cannot find 'iothread' : %u",
    "raise <iothreads>, or list the id in <iothreadids>",
    needs=("cputune",),
)
def iothread_missing(doc: Doc) -> Iterator[Hit]:
    cputune = doc.child(doc.root, "cputune")
    if cputune is None:
        return
    ids = iothread_ids(doc)
    for pin in cputune.iterchildren("iothreadpin"):
        wanted = parse_int(pin.get("iothread"))
        if wanted is not None and wanted not in ids:
            yield Hit(pin, f"Cannot find 'iothread' : {wanted}", "iothread")
    for sched in cputune.iterchildren("iothreadsched"):
        for wanted in sorted(parse_set(sched.get("iothreads")) or ()):
            if wanted not in ids:
                yield Hit(sched, f"Cannot find 'iothread' : {wanted}", "iothreads")
                break


@rule(
    "cputune-sched-overlap",
    ERROR,
    "Two <vcpusched> (or <iothreadsched>) for the same vCPU (or IOThread)",
    "'%s' attributes '%s' must not overlap",
    "give each vCPU one scheduler",
    needs=("cputune",),
)
def cputune_sched_overlap(doc: Doc) -> Iterator[Hit]:
    cputune = doc.child(doc.root, "cputune")
    if cputune is None:
        return
    for tag, attribute in (("vcpusched", "vcpus"), ("iothreadsched", "iothreads")):
        seen: set[int] = set()
        for sched in cputune.iterchildren(tag):
            members = parse_set(sched.get(attribute)) or set()
            if members & seen:
                yield Hit(sched, f"'{tag}' attributes '{attribute}' must not overlap", attribute)
                break
            seen |= members
