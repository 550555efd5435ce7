"""The domain's CPU, memory and tuning models.

``<cpu>``, ``<vcpus>``, ``<iothreadids>``, ``<defaultiothread>``,
``<memoryBacking>``, ``<blkiotune>``, ``<memtune>``, ``<cputune>``,
``<numatune>``, ``<resource>`` and ``<throttlegroups>``: against libvirt's
corpus (nothing under them left untyped; what libvirt's formatter wrote
comes back byte for byte in libvirt's style; typed values read right),
then edited and built in Python.
"""

from __future__ import annotations

import re
import textwrap

import pytest
from corpus import CorpusEntry, corpus_files, is_well_formed, require_data, show_diff

import domxml
from domxml.models.domain import Domain, DomainType, Memory, Size
from domxml.models.domain.cpu import (
    Cpu,
    CpuCheck,
    CpuFallback,
    CpuFeature,
    CpuFeaturePolicy,
    CpuMatch,
    CpuMode,
    CpuModel,
    CpuTopology,
    InterconnectAccess,
    Numa,
    NumaCacheAssociativity,
    NumaCachePolicy,
    NumaCell,
    NumaDistances,
    NumaSibling,
)
from domxml.models.domain.iothreads import DefaultIothread, Iothread, Iothreadids, IothreadPoll
from domxml.models.domain.memory_backing import (
    HugePage,
    HugePages,
    MemoryAccess,
    MemoryAccessMode,
    MemoryBacking,
    MemoryFlag,
    MemorySource,
    MemorySourceType,
)
from domxml.models.domain.throttle import Throttlegroup, Throttlegroups
from domxml.models.domain.tuning import (
    Blkiotune,
    BlkiotuneDevice,
    CacheType,
    Cputune,
    Emulatorpin,
    Memnode,
    Memtune,
    Numatune,
    NumatuneMemory,
    NumatuneMode,
    SchedulerPolicy,
    Vcpupin,
    Vcpusched,
)
from domxml.models.domain.vcpu import Vcpu, VcpuPlacement, Vcpus, VcpuState

# The elements these models type, and the Domain field that holds each.
TYPED = {
    "blkiotune": "blkiotune",
    "memtune": "memtune",
    "memoryBacking": "memory_backing",
    "vcpus": "vcpus",
    "iothreadids": "iothreadids",
    "defaultiothread": "defaultiothread",
    "cputune": "cputune",
    "numatune": "numatune",
    "resource": "resource",
    "throttlegroups": "throttlegroups",
    "cpu": "cpu",
}

# Values the corpus writes wrong on purpose, to test libvirt's checks: kept
# as written and reported as untyped, as they should be.
DELIBERATELY_INVALID = {
    "domain/qemuxmlconfdata/hugepages-memaccess-invalid.xml": [
        "/domain/cpu/numa/cell[2]/@memAccess"
    ],
}


def _domain(entry: CorpusEntry) -> tuple[Domain, str]:
    data = entry.file.read_bytes()
    if not is_well_formed(data):
        pytest.skip("not well-formed")
    dom = domxml.parse(entry.file)
    if not isinstance(dom, Domain):
        pytest.fail(f"{entry.path}: not a domain")
    return dom, data.decode("utf-8")


def _mine(location: str) -> bool:
    match = re.match(r"^/domain/([^/\[]+)", location)
    return match is not None and match.group(1) in TYPED


@pytest.mark.parametrize("entry", corpus_files("domain"))
def test_nothing_under_the_typed_elements_is_untyped(entry: CorpusEntry) -> None:
    dom, _ = _domain(entry)
    untyped = [location for location in domxml.untyped(dom) if _mine(location)]
    assert untyped == DELIBERATELY_INVALID.get(entry.path, []), f"{entry.path}: {untyped}"


@pytest.mark.parametrize(
    "entry",
    [p for p in corpus_files("domain") if p.values[0] is None or p.values[0].formatter_written],
)
def test_typed_elements_are_written_as_libvirt_does(entry: CorpusEntry) -> None:
    dom, data = _domain(entry)
    for name, field in TYPED.items():
        value = getattr(dom, field)
        if value is None:
            continue
        written = textwrap.indent(domxml.to_xml(value, style="libvirt"), "  ")
        assert written in data, f"{entry.path}: <{name}> differs from libvirt's\n" + show_diff(
            data, written, fromfile=entry.path, tofile=f'to_xml(<{name}>, style="libvirt")'
        )


# --- typed values read from the corpus -------------------------------------------


def _corpus_domain(path: str) -> Domain:
    dom = domxml.parse(require_data() / "domain" / path)
    assert isinstance(dom, Domain)
    return dom


def test_numa_cells_caches_and_interconnects() -> None:
    dom = _corpus_domain("qemuxmlconfdata/numatune-hmat.x86_64-latest.xml")
    cpu = dom.cpu
    assert cpu is not None and cpu.numa is not None and cpu.model is not None
    assert (cpu.mode, cpu.match, cpu.check) == (CpuMode.CUSTOM, CpuMatch.EXACT, CpuCheck.NONE)
    assert cpu.model.name == "qemu64"
    cells = cpu.numa.cells
    assert [cell.id for cell in cells] == [0, 1, 2, 3, 4, 5]
    assert [cell.cpus for cell in cells] == ["0-3", "4-7", "8-11", None, None, None]
    assert {(cell.memory, cell.unit) for cell in cells} == {(2097152, "KiB")}
    (cache,) = cells[0].caches
    assert cache.level == 1
    assert cache.associativity is NumaCacheAssociativity.DIRECT
    assert cache.policy is NumaCachePolicy.WRITEBACK
    assert cache.size is not None and cache.line is not None
    assert (cache.size.value, cache.size.unit) == (10, "KiB")
    assert (cache.line.value, cache.line.unit) == (8, "B")
    links = cpu.numa.interconnects
    assert links is not None
    assert [(x.cache, x.type, x.value) for x in links.latencies] == [
        (None, InterconnectAccess.ACCESS, 5),
        (1, InterconnectAccess.ACCESS, 10),
    ]
    assert [(x.cache, x.value, x.unit) for x in links.bandwidths] == [
        (None, 204800, "KiB"),
        (1, 208896, "KiB"),
    ]


def test_cputune_allocations_and_monitors() -> None:
    dom = _corpus_domain("genericxml2xmloutdata/memorytune.xml")
    cputune = dom.cputune
    assert cputune is not None
    (cachetune,) = cputune.cachetunes
    assert cachetune.vcpus == "0-1"
    assert [(c.id, c.level, c.type, c.size, c.unit) for c in cachetune.caches] == [
        (0, 3, CacheType.BOTH, 768, "KiB"),
        (1, 3, CacheType.BOTH, 768, "KiB"),
    ]
    assert [m.vcpus for m in cputune.memorytunes] == ["0-1", "3", "2"]
    first = cputune.memorytunes[0]
    assert [(n.id, n.bandwidth) for n in first.nodes] == [(0, 20), (1, 30)]
    assert [m.vcpus for m in first.monitors] == ["0-1", "0"]


def test_cputune_periods_quotas_and_schedulers() -> None:
    dom = _corpus_domain("qemuxmlconfdata/cputune.x86_64-latest.xml")
    cputune = dom.cputune
    assert cputune is not None
    assert cputune.shares == 2048
    assert (cputune.period, cputune.quota) == (1000000, -1)
    assert (cputune.global_period, cputune.global_quota) == (1000000, -1)
    assert [(p.vcpu, p.cpuset) for p in cputune.vcpupins] == [(0, "0"), (1, "1")]
    assert cputune.emulatorpin == Emulatorpin(cpuset="1")
    assert [(s.vcpus, s.scheduler, s.priority) for s in cputune.vcpuscheds[:2]] == [
        ("0", SchedulerPolicy.BATCH, None),
        ("1", SchedulerPolicy.FIFO, 0),
    ]
    assert [s.iothreads for s in cputune.iothreadscheds] == ["1", "2", "3"]


def test_iothreads_and_their_pools() -> None:
    dom = _corpus_domain("qemuxmlconfdata/iothreads-ids-pool-sizes.x86_64-latest.xml")
    assert dom.iothreads == 5
    assert dom.iothreadids is not None
    threads = {t.id: t for t in dom.iothreadids.iothreads}
    assert (threads[2].thread_pool_min, threads[2].thread_pool_max) == (0, 60)
    assert threads[3].poll == IothreadPoll(max=123000, grow=456, shrink=789)
    assert threads[5].poll is None
    assert dom.defaultiothread == DefaultIothread(thread_pool_min=8, thread_pool_max=16)


def test_throttle_groups() -> None:
    dom = _corpus_domain("qemuxmlconfdata/throttlefilter.x86_64-latest.xml")
    assert dom.throttlegroups is not None
    groups = dom.throttlegroups.throttlegroups
    assert [g.group_name for g in groups] == ["limit0", "limit1", "limit2", "limit12", "limit3"]
    assert (groups[0].total_bytes_sec, groups[0].total_iops_sec) == (4000, 4000)
    assert (groups[1].read_bytes_sec, groups[1].total_bytes_sec) == (5000, None)


def test_blkiotune_devices() -> None:
    dom = _corpus_domain("qemuxmlconfdata/blkiotune-device.x86_64-latest.xml")
    blkiotune = dom.blkiotune
    assert blkiotune is not None and blkiotune.weight == 800
    first = blkiotune.devices[0]
    assert first.path == "/dev/sda"
    assert (first.weight, first.read_iops_sec, first.write_bytes_sec) == (400, 10000, 10000)


# --- edited in Python --------------------------------------------------------------

GUEST = """\
<domain type='kvm'>
  <name>db</name>
  <memory unit='GiB'>8</memory>
  <vcpu placement='static'>4</vcpu>
  <cputune>
    <vcpupin vcpu='0' cpuset='2'/>
    <emulatorpin cpuset='0-1'/>
  </cputune>
  <cpu mode='host-passthrough' check='none' migratable='on'>
    <topology sockets='1' dies='1' clusters='1' cores='2' threads='2'/>
    <numa>
      <cell id='0' cpus='0-1' memory='4' unit='GiB'/>
      <cell id='1' cpus='2-3' memory='4' unit='GiB'/>
    </numa>
  </cpu>
</domain>
"""


def test_editing_keeps_the_rest_as_written() -> None:
    dom = domxml.parse(GUEST)
    assert isinstance(dom, Domain)
    assert dom.cputune is not None and dom.cpu is not None and dom.cpu.numa is not None
    dom.cputune.vcpupins.append(Vcpupin(vcpu=1, cpuset="3"))
    dom.cpu.migratable = False
    dom.cpu.numa.cells[1].memory = 6
    expected = (
        GUEST.replace(
            "    <vcpupin vcpu='0' cpuset='2'/>\n",
            "    <vcpupin vcpu='0' cpuset='2'/>\n    <vcpupin vcpu='1' cpuset='3'/>\n",
        )
        .replace("migratable='on'", "migratable='off'")
        .replace("memory='4' unit='GiB'/>\n    </numa>", "memory='6' unit='GiB'/>\n    </numa>")
    )
    assert domxml.to_xml(dom) == expected
    assert domxml.to_xml(dom, style="libvirt") == expected
    assert domxml.parse(expected) == dom


def test_an_added_element_goes_where_libvirt_puts_it() -> None:
    dom = domxml.parse(GUEST)
    assert isinstance(dom, Domain) and dom.cputune is not None
    dom.cputune.shares = 1024  # before the pins
    dom.numatune = Numatune(memory=NumatuneMemory(mode=NumatuneMode.STRICT, nodeset="0"))
    written = domxml.to_xml(dom)
    assert "  <cputune>\n    <shares>1024</shares>\n    <vcpupin " in written
    assert "</cputune>\n  <numatune>\n    <memory mode='strict' nodeset='0'/>\n" in written


# --- built in Python -----------------------------------------------------------------

BUILT = """\
<domain type='kvm'>
  <name>tuned</name>
  <memory unit='KiB'>4194304</memory>
  <blkiotune>
    <weight>500</weight>
    <device>
      <path>/dev/sda</path>
      <weight>300</weight>
      <read_bytes_sec>1048576</read_bytes_sec>
    </device>
  </blkiotune>
  <memtune>
    <hard_limit unit='KiB'>8388608</hard_limit>
    <min_guarantee unit='MiB'>1024</min_guarantee>
  </memtune>
  <memoryBacking>
    <hugepages>
      <page size='2048' unit='KiB' nodeset='0'/>
    </hugepages>
    <locked/>
    <source type='memfd'/>
    <access mode='shared'/>
  </memoryBacking>
  <vcpu placement='static' current='2'>4</vcpu>
  <vcpus>
    <vcpu id='0' enabled='yes' hotpluggable='no' order='1'/>
    <vcpu id='1' enabled='yes' hotpluggable='yes' order='2'/>
    <vcpu id='2' enabled='no' hotpluggable='yes'/>
    <vcpu id='3' enabled='no' hotpluggable='yes'/>
  </vcpus>
  <iothreads>1</iothreads>
  <iothreadids>
    <iothread id='1'>
      <poll max='32768'/>
    </iothread>
  </iothreadids>
  <cputune>
    <shares>2048</shares>
    <vcpupin vcpu='0' cpuset='4'/>
    <vcpusched vcpus='0-1' scheduler='fifo' priority='10'/>
  </cputune>
  <numatune>
    <memory mode='strict' nodeset='0'/>
    <memnode cellid='0' mode='preferred' nodeset='0'/>
  </numatune>
  <throttlegroups>
    <throttlegroup>
      <total_iops_sec>500</total_iops_sec>
      <group_name>slow</group_name>
    </throttlegroup>
  </throttlegroups>
  <cpu mode='custom' match='exact' check='partial'>
    <model fallback='forbid'>Skylake-Client</model>
    <topology sockets='1' dies='1' clusters='1' cores='2' threads='2'/>
    <feature policy='require' name='vmx'/>
    <numa>
      <cell id='0' cpus='0-3' memory='4194304' unit='KiB' memAccess='shared'>
        <distances>
          <sibling id='0' value='10'/>
        </distances>
      </cell>
    </numa>
  </cpu>
</domain>
"""


def _built() -> Domain:
    # Keyword order differs from libvirt's on purpose: the output does not.
    return Domain(
        cpu=Cpu(
            numa=Numa(
                cells=[
                    NumaCell(
                        distances=NumaDistances(siblings=[NumaSibling(id=0, value=10)]),
                        mem_access=MemoryAccess.SHARED,
                        unit="KiB",
                        memory=4194304,
                        cpus="0-3",
                        id=0,
                    )
                ]
            ),
            features=[CpuFeature(name="vmx", policy=CpuFeaturePolicy.REQUIRE)],
            topology=CpuTopology(sockets=1, dies=1, clusters=1, cores=2, threads=2),
            model=CpuModel(name="Skylake-Client", fallback=CpuFallback.FORBID),
            check=CpuCheck.PARTIAL,
            match=CpuMatch.EXACT,
            mode=CpuMode.CUSTOM,
        ),
        throttlegroups=Throttlegroups(
            throttlegroups=[Throttlegroup(group_name="slow", total_iops_sec=500)]
        ),
        numatune=Numatune(
            memnodes=[Memnode(cellid=0, mode=NumatuneMode.PREFERRED, nodeset="0")],
            memory=NumatuneMemory(mode=NumatuneMode.STRICT, nodeset="0"),
        ),
        cputune=Cputune(
            vcpuscheds=[Vcpusched(vcpus="0-1", scheduler=SchedulerPolicy.FIFO, priority=10)],
            vcpupins=[Vcpupin(vcpu=0, cpuset="4")],
            shares=2048,
        ),
        iothreadids=Iothreadids(iothreads=[Iothread(id=1, poll=IothreadPoll(max=32768))]),
        iothreads=1,
        vcpus=Vcpus(
            vcpus=[
                VcpuState(id=0, enabled=True, hotpluggable=False, order=1),
                VcpuState(id=1, enabled=True, hotpluggable=True, order=2),
                VcpuState(id=2, enabled=False, hotpluggable=True),
                VcpuState(id=3, enabled=False, hotpluggable=True),
            ]
        ),
        vcpu=Vcpu(placement=VcpuPlacement.STATIC, current=2, count=4),
        memory_backing=MemoryBacking(
            access=MemoryAccessMode(mode=MemoryAccess.SHARED),
            source=MemorySource(type=MemorySourceType.MEMFD),
            locked=MemoryFlag(),
            hugepages=HugePages(pages=[HugePage(size=2048, unit="KiB", nodeset="0")]),
        ),
        memtune=Memtune(
            min_guarantee=Size(unit="MiB", value=1024),
            hard_limit=Size(unit="KiB", value=8388608),
        ),
        blkiotune=Blkiotune(
            devices=[BlkiotuneDevice(read_bytes_sec=1048576, weight=300, path="/dev/sda")],
            weight=500,
        ),
        memory=Memory(unit="KiB", value=4194304),
        name="tuned",
        type=DomainType.KVM,
    )


@pytest.mark.parametrize("style", ["parsed", "libvirt"])
def test_a_tuned_domain_built_in_python(style: str) -> None:
    assert domxml.to_xml(_built(), style=style) == BUILT


def test_a_tuned_domain_reads_back_equal() -> None:
    dom = domxml.parse(BUILT)
    assert dom == _built()
    assert domxml.untyped(dom) == []


def test_memtune_sizes_keep_their_units() -> None:
    dom = domxml.parse(BUILT)
    assert isinstance(dom, Domain) and dom.memtune is not None
    hard, minimum = dom.memtune.hard_limit, dom.memtune.min_guarantee
    assert hard is not None and minimum is not None
    assert hard.to_kib() == minimum.to_kib() * 8
    minimum.set_bytes(2 * 1024**3)
    assert "<min_guarantee unit='MiB'>2048</min_guarantee>" in domxml.to_xml(dom)


def test_empty_hugepages_and_flags() -> None:
    backing = MemoryBacking(hugepages=HugePages(), nosharepages=MemoryFlag(), discard=MemoryFlag())
    assert domxml.to_xml(backing) == (
        "<memoryBacking>\n  <hugepages/>\n  <nosharepages/>\n  <discard/>\n</memoryBacking>\n"
    )
