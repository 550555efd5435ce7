"""The domain's features, clock, lifecycle, power, perf, id maps, sysinfo and security.

Against libvirt's corpus: nothing under these elements is left untyped,
and in the files libvirt's formatter wrote each of them comes back byte
for byte in libvirt's style. Then typed values read from known documents,
hand-written documents for what the corpus lacks, documents edited and
built in Python, and a meta-test that every declared field is read from
some document.
"""

from __future__ import annotations

import dataclasses
import inspect
import re
import textwrap
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest
from corpus import CorpusEntry, canonical, corpus_files, is_well_formed, require_data, show_diff
from libvirt_12_9_documents import DOMAIN as LIBVIRT_12_9_DOMAIN

import domxml
from domxml import Model
from domxml.models.domain import (
    Arch,
    Domain,
    DomainType,
    GuestType,
    Memory,
    Os,
    OsType,
    Size,
    Vcpu,
    VcpuPlacement,
)
from domxml.models.domain import clock as clock_module
from domxml.models.domain import features as features_module
from domxml.models.domain import idmap as idmap_module
from domxml.models.domain import perf as perf_module
from domxml.models.domain import power as power_module
from domxml.models.domain import security as security_module
from domxml.models.domain import sysinfo as sysinfo_module
from domxml.models.domain.clock import (
    Catchup,
    Clock,
    ClockBasis,
    ClockOffset,
    TickPolicy,
    Timer,
    TimerName,
    TimerTrack,
    TscMode,
)
from domxml.models.domain.features import (
    Apic,
    CapabilitiesPolicy,
    FeatureFlag,
    Features,
    FeatureState,
    FeatureSwitch,
    Gic,
    GicVersion,
    HptResizing,
    Hyperv,
    HypervMode,
    HypervSpinlocks,
    HypervVendorId,
    IbsFix,
    Smm,
    SpeculationFix,
    XenPassthroughMode,
)
from domxml.models.domain.idmap import IdRange
from domxml.models.domain.lifecycle import LifecycleAction, LockFailureAction
from domxml.models.domain.perf import PerfEventName
from domxml.models.domain.power import Pm, SuspendState
from domxml.models.domain.security import (
    Cipher,
    CipherName,
    Keywrap,
    S390PvLaunchSecurity,
    Seclabel,
    SeclabelType,
    SevLaunchSecurity,
    SevSnpLaunchSecurity,
)
from domxml.models.domain.sysinfo import (
    BaseBoardEntryName,
    FwcfgSysinfo,
    SmbiosSysinfo,
    SysinfoType,
    SystemEntryName,
)

MODULES: list[ModuleType] = [
    features_module,
    clock_module,
    power_module,
    perf_module,
    idmap_module,
    sysinfo_module,
    security_module,
]

# The elements these models type, and the field of Domain that holds each.
TYPED = {
    "features": "features",
    "clock": "clock",
    "pm": "pm",
    "perf": "perf",
    "idmap": "idmap",
    "sysinfo": "sysinfos",
    "seclabel": "seclabels",
    "keywrap": "keywrap",
    "launchSecurity": "launch_security",
}
LIFECYCLE = ("on_poweroff", "on_reboot", "on_crash", "on_lockfailure")
_TYPED_LOCATION = re.compile(r"^/domain/(" + "|".join(TYPED) + "|on_[a-z]+)\\b")


def _parse_domain(document: Any) -> Domain:
    dom = domxml.parse(document)
    assert isinstance(dom, Domain)
    return dom


def _untyped_here(dom: Domain) -> list[str]:
    return [loc for loc in domxml.untyped(dom) if _TYPED_LOCATION.match(loc)]


def _values(dom: Domain, field: str) -> list[Model]:
    value = getattr(dom, field)
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


# --- libvirt's corpus ------------------------------------------------------


@pytest.mark.parametrize("entry", corpus_files("domain"))
def test_corpus_elements_are_typed_and_written_as_libvirt_does(entry: CorpusEntry) -> None:
    data = entry.file.read_bytes()
    if not is_well_formed(data):
        pytest.skip("not well-formed")
    dom = _parse_domain(entry.file)
    untyped = _untyped_here(dom)
    assert untyped == [], f"{entry.path}: untyped:\n  " + "\n  ".join(untyped)
    if not entry.formatter_written:
        return
    text = data.decode("utf-8")
    for field in TYPED.values():
        for model in _values(dom, field):
            written = textwrap.indent(domxml.to_xml(model, style="libvirt"), "  ")
            assert written in text, f"{entry.path}: <{field}> differs from libvirt's\n" + (
                show_diff(text, written, fromfile=entry.path, tofile="libvirt style")
            )
    for field in LIFECYCLE:
        value = getattr(dom, field)
        if value is not None:
            assert f"  <{field}>{value.value}</{field}>\n" in text, entry.path


def _corpus_domain(path: str) -> Domain:
    return _parse_domain(require_data() / "domain" / path)


def test_hyperv_enlightenments_are_typed() -> None:
    dom = _corpus_domain("qemuxmlconfdata/hyperv.x86_64-latest.xml")
    assert dom.features is not None and dom.features.hyperv is not None
    hyperv = dom.features.hyperv
    assert hyperv.mode is HypervMode.CUSTOM
    assert hyperv.relaxed == FeatureState(state=True)
    assert hyperv.spinlocks == HypervSpinlocks(state=True, retries=12287)
    assert hyperv.vendor_id == HypervVendorId(state=True, value="KVM Hv")
    assert hyperv.tlbflush is not None and hyperv.tlbflush.extended == FeatureState(state=True)
    assert hyperv.xmm_input is not None and hyperv.xmm_input.state is True
    assert dom.features.acpi == FeatureFlag()
    assert dom.features.apic is None


def test_pseries_features_are_typed() -> None:
    dom = _corpus_domain("qemuxmlconfdata/pseries-features.ppc64-latest.xml")
    features = dom.features
    assert features is not None and features.hpt is not None
    assert features.hpt.resizing is HptResizing.REQUIRED
    assert features.hpt.maxpagesize == Size(unit="KiB", value=1048576)
    assert features.nested_hv == FeatureState(state=False)
    assert features.cfpc is not None and features.cfpc.value is SpeculationFix.FIXED
    assert features.ibs is not None and features.ibs.value is IbsFix.FIXED_CCD


def test_kvm_and_xen_features_are_typed() -> None:
    kvm = _corpus_domain("qemuxmlconfdata/kvm-features.x86_64-latest.xml").features
    assert kvm is not None and kvm.kvm is not None and kvm.kvm.dirty_ring is not None
    assert (kvm.kvm.dirty_ring.state, kvm.kvm.dirty_ring.size) == (True, 4096)
    assert kvm.kvm.hint_dedicated == FeatureState(state=True)
    xen = _corpus_domain("xlconfigdata/test-fullvirt-hypervisor-features.xml").features
    assert xen is not None and xen.xen is not None and xen.xen.passthrough is not None
    assert xen.xen.passthrough.mode is XenPassthroughMode.SHARE_PT


def test_clock_timers_and_catchup_are_typed() -> None:
    clock = _corpus_domain("qemuxmlconfdata/clock-catchup.x86_64-latest.xml").clock
    assert clock is not None and clock.offset is ClockOffset.UTC
    assert [t.name for t in clock.timers] == [TimerName.RTC, TimerName.PIT, TimerName.HPET]
    assert all(t.tickpolicy is TickPolicy.CATCHUP for t in clock.timers)
    assert [t.catchup for t in clock.timers] == [
        Catchup(slew=4636),
        Catchup(threshold=123),
        Catchup(limit=2342),
    ]
    absolute = _corpus_domain("qemuxmlconfdata/clock-absolute.x86_64-latest.xml").clock
    assert absolute is not None and absolute.start == 253402300799


def test_sysinfo_variants_follow_type() -> None:
    smbios = _corpus_domain("qemuxmlconfdata/smbios.x86_64-latest.xml").sysinfos
    assert [type(s) for s in smbios] == [SmbiosSysinfo]
    (info,) = smbios
    assert isinstance(info, SmbiosSysinfo) and info.system is not None
    assert info.system.entries[4].name is SystemEntryName.UUID
    assert info.base_boards[0].entries[5].name is BaseBoardEntryName.LOCATION
    assert info.oem_strings is not None
    assert info.oem_strings.entries[2] == "This is, more tricky value=escaped"
    both = _corpus_domain("qemuxmlconfdata/smbios-type-fwcfg.x86_64-latest.xml").sysinfos
    assert [s.type for s in both] == [SysinfoType.SMBIOS, SysinfoType.FWCFG]
    fwcfg = both[1]
    assert isinstance(fwcfg, FwcfgSysinfo)
    assert [(e.name, e.file, e.value) for e in fwcfg.entries] == [
        ("opt/com.example/name", None, "example value"),
        ("opt/com.coreos/config", "/tmp/provision.ign", None),
    ]


def test_launch_security_variants_follow_type() -> None:
    snp = _corpus_domain("qemuxmlconfdata/launch-security-sev-snp.x86_64-latest+amdsev.xml")
    assert isinstance(snp.launch_security, SevSnpLaunchSecurity)
    assert snp.launch_security.policy == 0x30000
    assert (snp.launch_security.author_key, snp.launch_security.vcek) == (True, False)
    assert snp.launch_security.cbitpos == 47
    sev = _corpus_domain("genericxml2xmlindata/launch-security-sev.xml")
    assert isinstance(sev.launch_security, SevLaunchSecurity)
    assert sev.launch_security.policy == 1
    assert sev.launch_security.reduced_phys_bits == 1
    pv = _corpus_domain("genericxml2xmlindata/launch-security-s390-pv.xml")
    assert isinstance(pv.launch_security, S390PvLaunchSecurity)


def test_perf_pm_and_lifecycle_are_typed() -> None:
    dom = _corpus_domain("genericxml2xmlindata/perf.xml")
    assert dom.perf is not None and len(dom.perf.events) == 22
    assert dom.perf.events[0].name is PerfEventName.CMT and dom.perf.events[0].enabled is True
    assert {e.name for e in dom.perf.events} == set(PerfEventName)
    q35 = _corpus_domain("qemuxmlconfdata/q35-virt-manager-basic.x86_64-latest.xml")
    assert (q35.on_poweroff, q35.on_reboot, q35.on_crash) == (
        LifecycleAction.DESTROY,
        LifecycleAction.RESTART,
        LifecycleAction.RESTART,
    )
    assert q35.pm is not None and q35.pm.suspend_to_disk == SuspendState(enabled=False)


# --- documents written by hand: what the corpus lacks ------------------------

CONTAINER = """\
<domain type='lxc'>
  <name>box</name>
  <idmap>
    <uid start='0' target='100000' count='65536'/>
    <gid start='0' target='100000' count='65536'/>
  </idmap>
  <features>
    <privnet/>
    <capabilities policy='deny'>
      <audit_control state='on'/>
      <audit_write state='on'/>
      <block_suspend state='off'/>
      <chown state='on'/>
      <dac_override state='on'/>
      <dac_read_search state='on'/>
      <fowner state='on'/>
      <fsetid state='on'/>
      <ipc_lock state='on'/>
      <ipc_owner state='on'/>
      <kill state='on'/>
      <lease state='on'/>
      <linux_immutable state='on'/>
      <mac_admin state='off'/>
      <mac_override state='off'/>
      <mknod state='on'/>
      <net_admin state='on'/>
      <net_bind_service state='on'/>
      <net_broadcast state='on'/>
      <net_raw state='on'/>
      <setgid state='on'/>
      <setfcap state='on'/>
      <setpcap state='on'/>
      <setuid state='on'/>
      <sys_admin state='off'/>
      <sys_boot state='off'/>
      <sys_chroot state='on'/>
      <sys_module state='off'/>
      <sys_nice state='on'/>
      <sys_pacct state='on'/>
      <sys_ptrace state='on'/>
      <sys_rawio state='off'/>
      <sys_resource state='on'/>
      <sys_time state='off'/>
      <sys_tty_config state='on'/>
      <syslog state='on'/>
      <wake_alarm state='off'/>
    </capabilities>
  </features>
  <clock offset='timezone' timezone='Europe/Paris'/>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>preserve</on_crash>
  <on_lockfailure>ignore</on_lockfailure>
  <seclabel type='static' model='selinux' relabel='yes'>
    <label>system_u:system_r:svirt_lxc_net_t:s0:c1,c2</label>
    <imagelabel>system_u:object_r:svirt_sandbox_file_t:s0:c1,c2</imagelabel>
  </seclabel>
  <seclabel type='none' model='dac'/>
</domain>
"""

XEN_HVM = """\
<domain type='xen'>
  <name>xenhvm</name>
  <sysinfo type='smbios'>
    <bios>
      <entry name='vendor'>Xen</entry>
      <entry name='release'>4.19</entry>
    </bios>
    <chassis>
      <entry name='sku'>Rack 7</entry>
    </chassis>
  </sysinfo>
  <features>
    <acpi/>
    <apic eoi='on'/>
    <pae/>
    <hap state='on'/>
    <viridian/>
    <xen>
      <e820_host state='on'/>
      <passthrough state='on' mode='sync_pt'/>
    </xen>
  </features>
  <clock offset='variable' adjustment='-3600' basis='localtime'>
    <timer name='tsc' present='yes' mode='native'/>
    <timer name='rtc' track='wall'/>
  </clock>
  <pm>
    <suspend-to-mem enabled='no'/>
    <suspend-to-disk enabled='yes'/>
  </pm>
</domain>
"""

SEV = """\
<domain type='kvm'>
  <name>sev</name>
  <launchSecurity type='sev' kernelHashes='no'>
    <cbitpos>51</cbitpos>
    <reducedPhysBits>1</reducedPhysBits>
    <policy>0x0033</policy>
    <handle>7</handle>
  </launchSecurity>
</domain>
"""

SEV_SNP = """\
<domain type='kvm'>
  <name>snp</name>
  <keywrap>
    <cipher name='aes' state='on'/>
    <cipher name='dea' state='off'/>
  </keywrap>
  <launchSecurity type='sev-snp' kernelHashes='yes'>
    <policy>0x00030000</policy>
  </launchSecurity>
</domain>
"""

HAND_WRITTEN = {"container": CONTAINER, "xen-hvm": XEN_HVM, "sev": SEV, "sev-snp": SEV_SNP}


@pytest.mark.parametrize("name", sorted(HAND_WRITTEN))
def test_hand_written_document(name: str) -> None:
    text = HAND_WRITTEN[name]
    dom = _parse_domain(text)
    assert domxml.untyped(dom) == []
    assert canonical(domxml.to_xml(dom)) == canonical(text)
    written = domxml.to_xml(dom, style="libvirt")
    assert written == text, show_diff(text, written, fromfile=name, tofile="libvirt style")


def test_hand_written_values_are_typed() -> None:
    box = _parse_domain(CONTAINER)
    assert box.idmap is not None
    assert box.idmap.gids == [IdRange(start=0, target=100000, count=65536)]
    assert box.features is not None and box.features.capabilities is not None
    assert box.features.capabilities.policy is CapabilitiesPolicy.DENY
    assert box.features.capabilities.sys_module == FeatureState(state=False)
    assert box.clock is not None and box.clock.timezone == "Europe/Paris"
    assert box.on_lockfailure is LockFailureAction.IGNORE
    assert [s.type for s in box.seclabels] == [SeclabelType.STATIC, SeclabelType.NONE]
    xen = _parse_domain(XEN_HVM)
    assert xen.clock is not None and xen.clock.basis is ClockBasis.LOCALTIME
    assert xen.clock.adjustment == "-3600"
    assert xen.clock.timers[0].mode is TscMode.NATIVE
    assert xen.clock.timers[1].track is TimerTrack.WALL
    assert xen.pm == Pm(
        suspend_to_mem=SuspendState(enabled=False), suspend_to_disk=SuspendState(enabled=True)
    )
    snp = _parse_domain(SEV_SNP)
    assert snp.keywrap == Keywrap(
        ciphers=[Cipher(name=CipherName.AES, state=True), Cipher(name=CipherName.DEA, state=False)]
    )


def test_unknown_feature_value_is_kept_and_reported() -> None:
    text = "<domain>\n  <features>\n    <gic version='5'/>\n  </features>\n</domain>\n"
    dom = _parse_domain(text)
    assert dom.features is not None and dom.features.gic is not None
    assert dom.features.gic.version is None
    assert domxml.untyped(dom) == ["/domain/features/gic/@version"]
    assert domxml.to_xml(dom) == text


# --- edited in Python ----------------------------------------------------------


def test_editing_features_and_clock_changes_only_them() -> None:
    path = require_data() / "domain/qemuxmlconfdata/q35-virt-manager-basic.x86_64-latest.xml"
    original = path.read_text(encoding="utf-8")
    dom = _parse_domain(path)
    assert dom.features is not None and dom.features.vmport is not None
    assert dom.clock is not None
    dom.features.vmport.state = True
    dom.features.smm = Smm(state=True)
    dom.features.hyperv = Hyperv(mode=HypervMode.CUSTOM, relaxed=FeatureState(state=True))
    dom.clock.timers.append(Timer(name=TimerName.KVMCLOCK, present=False))
    dom.on_crash = LifecycleAction.COREDUMP_RESTART
    expected = original.replace(
        "    <apic/>\n    <vmport state='off'/>\n",
        "    <apic/>\n"
        "    <hyperv mode='custom'>\n"
        "      <relaxed state='on'/>\n"
        "    </hyperv>\n"
        "    <vmport state='on'/>\n"
        "    <smm state='on'/>\n",
    ).replace(
        "    <timer name='hpet' present='yes'/>\n",
        "    <timer name='hpet' present='yes'/>\n    <timer name='kvmclock' present='no'/>\n",
    )
    expected = expected.replace(
        "<on_crash>restart</on_crash>", "<on_crash>coredump-restart</on_crash>"
    )
    assert "kvmclock" in expected and "coredump-restart" in expected
    for style in ("parsed", "libvirt"):
        assert domxml.to_xml(dom, style=style) == expected, style


def test_removing_a_feature_removes_only_its_element() -> None:
    dom = _parse_domain(XEN_HVM)
    assert dom.features is not None
    dom.features.viridian = None
    dom.features.apic = Apic()
    written = domxml.to_xml(dom)
    assert written == XEN_HVM.replace("    <viridian/>\n", "").replace(" eoi='on'", "")


# --- built in Python ---------------------------------------------------------

Q35 = """\
<domain type='kvm'>
  <name>q35</name>
  <memory unit='KiB'>4194304</memory>
  <vcpu placement='static'>4</vcpu>
  <os>
    <type arch='x86_64' machine='pc-q35-9.2'>hvm</type>
  </os>
  <features>
    <acpi/>
    <apic/>
    <vmport state='off'/>
    <smm state='on'>
      <tseg unit='MiB'>48</tseg>
    </smm>
  </features>
  <clock offset='utc'>
    <timer name='rtc' tickpolicy='catchup'/>
    <timer name='pit' tickpolicy='delay'/>
    <timer name='hpet' present='no'/>
  </clock>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>destroy</on_crash>
  <pm>
    <suspend-to-mem enabled='no'/>
    <suspend-to-disk enabled='no'/>
  </pm>
  <seclabel type='dynamic' model='selinux' relabel='yes'/>
</domain>
"""


def _q35() -> Domain:
    return Domain(
        type=DomainType.KVM,
        name="q35",
        memory=Memory(unit="KiB", value=4194304),
        vcpu=Vcpu(placement=VcpuPlacement.STATIC, count=4),
        os=Os(type=OsType(arch=Arch.X86_64, machine="pc-q35-9.2", value=GuestType.HVM)),
        # Keyword order is not libvirt's order: the declaration decides.
        features=Features(
            smm=Smm(state=True, tseg=Size(unit="MiB", value=48)),
            vmport=FeatureSwitch(state=False),
            apic=Apic(),
            acpi=FeatureFlag(),
        ),
        clock=Clock(
            offset=ClockOffset.UTC,
            timers=[
                Timer(name=TimerName.RTC, tickpolicy=TickPolicy.CATCHUP),
                Timer(name=TimerName.PIT, tickpolicy=TickPolicy.DELAY),
                Timer(name=TimerName.HPET, present=False),
            ],
        ),
        on_crash=LifecycleAction.DESTROY,
        on_reboot=LifecycleAction.RESTART,
        on_poweroff=LifecycleAction.DESTROY,
        pm=Pm(
            suspend_to_disk=SuspendState(enabled=False), suspend_to_mem=SuspendState(enabled=False)
        ),
        seclabels=[Seclabel(relabel=True, model="selinux", type=SeclabelType.DYNAMIC)],
    )


@pytest.mark.parametrize("style", ["parsed", "libvirt"])
def test_q35_guest_built_in_python(style: str) -> None:
    assert domxml.to_xml(_q35(), style=style) == Q35


def test_q35_guest_reads_back_equal() -> None:
    assert _parse_domain(Q35) == _q35()


def test_empty_groups_are_written_as_libvirt_does() -> None:
    features = Features(
        hyperv=Hyperv(mode=HypervMode.PASSTHROUGH),
        gic=Gic(version=GicVersion.HOST),
    )
    assert domxml.to_xml(features) == (
        "<features>\n"
        "  <hyperv mode='passthrough'>\n"
        "  </hyperv>\n"
        "  <gic version='host'/>\n"
        "</features>\n"
    )


def test_sysinfo_and_launch_security_built_in_python() -> None:
    fwcfg = FwcfgSysinfo(
        type=SysinfoType.FWCFG,
        entries=[sysinfo_module.FwcfgEntry(name="opt/org.example/boot", value="fast")],
    )
    assert domxml.to_xml(fwcfg) == (
        "<sysinfo type='fwcfg'>\n  <entry name='opt/org.example/boot'>fast</entry>\n</sysinfo>\n"
    )
    sev = SevLaunchSecurity(type=security_module.LaunchSecurityType.SEV, policy=3, cbitpos=47)
    assert domxml.to_xml(sev) == (
        "<launchSecurity type='sev'>\n"
        "  <cbitpos>47</cbitpos>\n"
        "  <policy>0x0003</policy>\n"
        "</launchSecurity>\n"
    )


# --- the declarations themselves --------------------------------------------


def _models() -> list[type[Model]]:
    return [
        obj
        for module in MODULES
        for obj in vars(module).values()
        if inspect.isclass(obj) and issubclass(obj, Model) and obj.__module__ == module.__name__
    ]


@pytest.mark.parametrize("cls", _models(), ids=lambda cls: cls.__name__)
def test_every_model_has_its_own_docstring(cls: type[Model]) -> None:
    # dataclass() makes up "Name(field=...)" when a class has no docstring.
    assert cls.__doc__ and not cls.__doc__.startswith(cls.__name__ + "(")


def _owner(cls: type, name: str) -> type:
    """The class that declares field ``name`` (a variant inherits its base's fields)."""
    for klass in reversed(cls.__mro__):
        if name in inspect.get_annotations(klass):
            return klass
    return cls


def _set_fields(obj: Any) -> Iterator[tuple[type, str]]:
    for field in dataclasses.fields(obj):
        value = getattr(obj, field.name)
        if value is None or value == []:
            continue
        yield _owner(type(obj), field.name), field.name
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, Model):
                yield from _set_fields(item)


def test_every_field_is_read_from_some_document() -> None:
    corpus = require_data()
    seen: set[tuple[type, str]] = set()
    # libvirt 12.9.0's additions are in no 11.3.0 corpus document.
    documents: list[Any] = [*HAND_WRITTEN.values(), LIBVIRT_12_9_DOMAIN]
    documents += sorted((corpus / "domain").rglob("*.xml"))
    for document in documents:
        try:
            dom = domxml.parse(document)
        except domxml.DomxmlError:
            continue  # not well-formed: libvirt's negative tests
        for field in TYPED.values():
            for model in _values(dom, field):  # type: ignore[arg-type]
                seen.update(_set_fields(model))
    declared = {
        (cls, field.name)
        for cls in _models()
        for field in dataclasses.fields(cls)  # type: ignore[arg-type]
        if _owner(cls, field.name) is cls
    }
    never = sorted(f"{cls.__name__}.{name}" for cls, name in declared - seen)
    assert never == [], "fields no document sets: " + ", ".join(never)
