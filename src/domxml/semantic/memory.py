"""Memory: ``<memory>``, ``<maxMemory>`` and its slots, NUMA cells, hugepages, numatune.

These are libvirt's own consistency checks (``domain_postparse.c``,
``numa_conf.c``, ``domain_validate.c``) and the QEMU driver's memory
hotplug rules; each refuses the document when it is defined.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from domxml.semantic.document import PPC64, Doc, parse_int, parse_set, size_kib
from domxml.semantic.registry import ERROR, WARNING, Hit, rule


@rule(
    "memory-missing",
    ERROR,
    "No memory size: neither <memory> nor memory in the NUMA cells",
    "Memory size must be specified via <memory> or in the <numa> configuration",
    "add <memory unit='MiB'>...</memory>",
)
def memory_missing(doc: Doc) -> Iterator[Hit]:
    if doc.memory_kib:
        return
    memory = doc.child(doc.root, "memory")
    if any(size_kib(None, c.get("memory"), c.get("unit")) for c in doc.numa_cells):
        return
    yield Hit(
        memory if memory is not None else doc.root,
        "Memory size must be specified via <memory> or in the <numa> configuration",
    )


@rule(
    "memory-slots-without-maximum",
    ERROR,
    "Memory slots without a maximum memory size",
    "maximum memory size must be specified when specifying number of memory slots",
    "give <maxMemory> a size",
    needs=("maxMemory",),
)
def memory_slots_without_maximum(doc: Doc) -> Iterator[Hit]:
    maximum = doc.child(doc.root, "maxMemory")
    if maximum is not None and parse_int(maximum.get("slots")) and not size_kib(maximum):
        yield Hit(
            maximum,
            "maximum memory size must be specified when specifying number of memory slots",
        )


@rule(
    "memory-hotplug-without-numa",
    ERROR,
    "Memory hotplug (<maxMemory>) without a guest NUMA topology (x86, ARM...)",
    "At least one numa node has to be configured when enabling memory hotplug",
    "add <cpu><numa><cell .../></numa></cpu>",
    needs=("maxMemory",),
)
def memory_hotplug_without_numa(doc: Doc) -> Iterator[Hit]:
    maximum = doc.child(doc.root, "maxMemory")
    if maximum is None or not doc.qemu or doc.arch in PPC64 or doc.arch == "s390x":
        return
    if not doc.numa_cells and (size_kib(maximum) or parse_int(maximum.get("slots"))):
        yield Hit(
            maximum, "At least one numa node has to be configured when enabling memory hotplug"
        )


@rule(
    "memory-device-without-maximum",
    ERROR,
    "A memory device without <maxMemory>",
    "cannot use/hotplug a memory device when domain 'maxMemory' is not defined",
    "add <maxMemory slots='N'> with room for the device",
    needs=("memory",),
)
def memory_device_without_maximum(doc: Doc) -> Iterator[Hit]:
    if not doc.qemu or doc.child(doc.root, "maxMemory") is not None:
        return
    for memory in doc.dev("memory"):
        yield Hit(
            memory, "cannot use/hotplug a memory device when domain 'maxMemory' is not defined"
        )
        return


@rule(
    "memory-target-node",
    ERROR,
    "A memory device for a guest NUMA node the guest does not have",
    "can't add memory backend for guest node '%d' as the guest has only '%zu' NUMA nodes"
    " configured",
    "use a node below the number of <cell> in <cpu><numa>",
    needs=("node",),
)
def memory_target_node(doc: Doc) -> Iterator[Hit]:
    cells = len(doc.numa_cells)
    for memory in doc.dev("memory"):
        node_el = doc.child(doc.child(memory, "target"), "node")
        node = parse_int(node_el.text) if node_el is not None else None
        if node_el is None or node is None:
            continue
        if cells == 0:
            yield Hit(node_el, "can't add memory backend as guest has no NUMA nodes configured")
        elif node >= cells:
            yield Hit(
                node_el,
                f"can't add memory backend for guest node '{node}' as the guest has only"
                f" '{cells}' NUMA nodes configured",
            )


def _pages(doc: Doc) -> list[tuple[etree._Element, int, set[int] | None]]:
    """The hugepages: each ``<page>``, its size in KiB, and its nodes (``None``: every node)."""
    hugepages = doc.child(doc.child(doc.root, "memoryBacking"), "hugepages")
    if hugepages is None:
        return []
    pages = []
    for page in hugepages.iterchildren("page"):
        size = size_kib(None, page.get("size"), page.get("unit")) or 0
        nodes = parse_set(page.get("nodeset")) if page.get("nodeset") is not None else None
        # libvirt drops nodeset='0' of a guest without NUMA: node 0 is the whole guest.
        if nodes == {0} and not doc.numa_cells:
            nodes = None
        pages.append((page, size, nodes))
    return pages


@rule(
    "hugepages-default-twice",
    ERROR,
    "Two hugepage sizes without a nodeset (two defaults)",
    "two master hugepages detected: %llu and %llu",
    "give all but one <page> a nodeset",
    needs=("page",),
)
def hugepages_default_twice(doc: Doc) -> Iterator[Hit]:
    master: int | None = None
    for page, size, nodes in _pages(doc):
        if nodes is not None:
            continue
        if master is not None:
            yield Hit(page, f"two master hugepages detected: {size} and {master}")
        master = size


@rule(
    "hugepages-node-missing",
    ERROR,
    "Hugepages for a guest NUMA node the guest does not have",
    "hugepages: node %zd not found",
    "use nodes of <cpu><numa> in the nodeset",
    needs=("page",),
)
def hugepages_node_missing(doc: Doc) -> Iterator[Hit]:
    cells = len(doc.numa_cells)
    for page, _, nodes in _pages(doc):
        beyond = sorted(n for n in nodes or () if n >= cells)
        if beyond:
            yield Hit(page, f"hugepages: node {beyond[0]} not found", "nodeset")


def _numatune(doc: Doc) -> tuple[etree._Element | None, list[etree._Element]]:
    numatune = doc.child(doc.root, "numatune")
    if numatune is None:
        return None, []
    return doc.child(numatune, "memory"), list(numatune.iterchildren("memnode"))


@rule(
    "numatune-memnode-without-numa",
    ERROR,
    "<numatune><memnode> in a guest without NUMA cells",
    "Element 'memnode' is invalid without any guest NUMA cells",
    "add <cpu><numa> cells, or remove <memnode>",
    needs=("memnode",),
)
def numatune_memnode_without_numa(doc: Doc) -> Iterator[Hit]:
    memory, memnodes = _numatune(doc)
    if not memnodes:
        return
    if memory is not None and memory.get("placement") == "auto":
        yield Hit(
            memnodes[0],
            "Per-node binding is not compatible with automatic NUMA placement.",
            hint="remove placement='auto' from <numatune><memory>, or the <memnode> elements",
        )
    elif not doc.numa_cells:
        yield Hit(memnodes[0], "Element 'memnode' is invalid without any guest NUMA cells")


@rule(
    "numatune-restrictive-mismatch",
    ERROR,
    "mode='restrictive' in <numatune><memory> but not in a <memnode>, or the reverse",
    "'restrictive' mode is required in memnode element when mode is 'restrictive' in"
    " memory element",
    "use mode='restrictive' in both, or in neither",
    needs=("memnode",),
)
def numatune_restrictive_mismatch(doc: Doc) -> Iterator[Hit]:
    memory, memnodes = _numatune(doc)
    overall = memory.get("mode", "strict") if memory is not None else "strict"
    for memnode in memnodes:
        mode = memnode.get("mode", "strict")
        if overall == "restrictive" and mode != "restrictive":
            yield Hit(
                memnode,
                "'restrictive' mode is required in memnode element when mode is 'restrictive'"
                " in memory element",
                "mode",
            )
        elif mode == "restrictive" and overall != "restrictive":
            yield Hit(
                memnode,
                "'restrictive' mode is required in memory element when mode is 'restrictive'"
                " in memnode element",
                "mode",
            )


@rule(
    "numatune-static-without-nodeset",
    ERROR,
    "<numatune><memory placement='static'> without a nodeset",
    "nodeset for NUMA memory tuning must be set if 'placement' is 'static'",
    "add nodeset='...', or use placement='auto'",
    needs=("numatune",),
)
def numatune_static_without_nodeset(doc: Doc) -> Iterator[Hit]:
    memory, _ = _numatune(doc)
    if memory is not None and memory.get("placement") == "static" and not memory.get("nodeset"):
        yield Hit(
            memory,
            "nodeset for NUMA memory tuning must be set if 'placement' is 'static'",
            "placement",
        )


@rule(
    "nodeset-empty",
    ERROR,
    "A nodeset that selects no node (0,^0)",
    "Invalid value of 'nodeset': %s",
    "name at least one host NUMA node",
    needs=("numatune",),
)
def nodeset_empty(doc: Doc) -> Iterator[Hit]:
    memory, memnodes = _numatune(doc)
    for element in ([memory] if memory is not None else []) + memnodes:
        text = element.get("nodeset")
        if text is not None and parse_set(text) == set():
            yield Hit(element, f"Invalid value of 'nodeset': {text}", "nodeset")


@rule(
    "numa-cell-ids",
    ERROR,
    "NUMA cell ids that are not 0 to N-1, each once",
    "Exactly one 'cell' element per guest NUMA cell allowed, non-contiguous ranges or ranges"
    " not starting from 0 are not allowed",
    "number the cells 0, 1, 2... in any order",
    needs=("cell",),
)
def numa_cell_ids(doc: Doc) -> Iterator[Hit]:
    cells = doc.numa_cells
    seen: set[int] = set()
    for position, cell in enumerate(cells):
        cell_id = parse_int(cell.get("id")) if cell.get("id") is not None else position
        if cell_id is None:
            continue
        if cell_id >= len(cells):
            yield Hit(
                cell,
                "Exactly one 'cell' element per guest NUMA cell allowed, non-contiguous ranges"
                " or ranges not starting from 0 are not allowed",
                "id",
            )
            return
        if cell_id in seen:
            yield Hit(cell, f"Duplicate NUMA cell info for cell id '{cell_id}'", "id")
            return
        seen.add(cell_id)


@rule(
    "numa-sibling-missing",
    ERROR,
    "A NUMA distance to a cell the guest does not have",
    "'sibling_id %d' does not refer to a valid cell within NUMA 'cell id %d'",
    "use sibling ids of existing cells",
    needs=("sibling",),
)
def numa_sibling_missing(doc: Doc) -> Iterator[Hit]:
    count = len(doc.numa_cells)
    for position, cell in enumerate(doc.numa_cells):
        distances = doc.child(cell, "distances")
        if distances is None:
            continue
        for sibling in distances.iterchildren("sibling"):
            sibling_id = parse_int(sibling.get("id"))
            if sibling_id is not None and sibling_id >= count:
                cell_id = cell.get("id", str(position))
                yield Hit(
                    sibling,
                    f"'sibling_id {sibling_id}' does not refer to a valid cell within NUMA"
                    f" 'cell id {cell_id}'",
                    "id",
                )


@rule(
    "memory-devices-exceed-total",
    ERROR,
    "Memory devices larger, together, than <memory>",
    "Total size of memory devices exceeds the total memory size",
    "raise <memory> (it includes the memory devices), or shrink the devices",
    needs=("maxMemory",),
)
def memory_devices_exceed_total(doc: Doc) -> Iterator[Hit]:
    if not doc.qemu or doc.child(doc.root, "maxMemory") is None:
        return
    total = size_kib(doc.child(doc.root, "memory"))
    if not total:
        return
    used = 0
    for memory in doc.dev("memory"):
        size = size_kib(doc.child(doc.child(memory, "target"), "size"))
        used += size or 0
        if used > total:
            yield Hit(memory, "Total size of memory devices exceeds the total memory size")
            return


#: The most memory libvirt takes, in KiB (off_t's bound: 2^63 bytes).
MAX_MEMORY_KIB = (2**63 - 1) >> 10


@rule(
    "memory-align-overflow",
    WARNING,
    "A memory size (or NUMA cell size) that overflows once QEMU's driver aligns it",
    "memory size of NUMA node '%zu' overflowed after alignment",
    "use a realistic size: below 8 EiB, rounded to 1 MiB (256 MiB on ppc64)",
    when="start",
    needs=("memory", "cell"),
)
def memory_align_overflow(doc: Doc) -> Iterator[Hit]:
    if not doc.qemu:
        return
    align = 256 * 1024 if doc.arch in PPC64 else 1024
    for position, cell in enumerate(doc.numa_cells):
        size = size_kib(None, cell.get("memory"), cell.get("unit"))
        if size is not None and -(-size // align) * align > MAX_MEMORY_KIB:
            yield Hit(
                cell,
                f"memory size of NUMA node '{position}' overflowed after alignment: the domain"
                " will fail to start",
                "memory",
            )
            return
    size = doc.memory_kib
    if size is not None and -(-size // align) * align > MAX_MEMORY_KIB:
        memory = doc.child(doc.root, "memory")
        assert memory is not None
        yield Hit(
            memory,
            "initial memory size overflowed after alignment: the domain will fail to start",
        )


#: Huge page sizes x86 hosts have, in KiB (2 MiB and 1 GiB).
X86_HUGEPAGES = (2048, 1048576)


@rule(
    "hugepages-size",
    WARNING,
    "A huge page size x86 hosts do not have (they have 2 MiB and 1 GiB)",
    "Unable to find any usable hugetlbfs mount for %llu KiB",
    "use 2 MiB or 1 GiB pages",
    when="start",
    needs=("page",),
)
def hugepages_size(doc: Doc) -> Iterator[Hit]:
    if not doc.x86 or not doc.qemu:
        return
    for page, size, _ in _pages(doc):
        # The system page size (4 KiB) means no huge pages, which libvirt accepts.
        if size and size != 4 and size not in X86_HUGEPAGES:
            yield Hit(
                page,
                f"Unable to find any usable hugetlbfs mount for {size} KiB: x86 hosts have"
                " 2 MiB and 1 GiB huge pages; the domain will fail to start",
                "size",
            )
