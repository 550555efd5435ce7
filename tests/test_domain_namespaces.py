"""Hypervisor extensions in their own namespaces: ``qemu:``, ``lxc:``, ``bhyve:``...

Against libvirt's corpus: every document using an extension is fully typed
under it, and the files libvirt's formatter wrote come back byte for byte
in libvirt's style. A parsed document keeps the prefix its source used
(``ns0:``, a default namespace); a model built in code is written with the
declared prefix, declared on ``<domain>`` as libvirt does.
"""

from __future__ import annotations

import re

import pytest
from corpus import CorpusEntry, corpus_files, data_dir, is_well_formed, require_data

import domxml
from domxml.binding import write_document
from domxml.models.domain import Domain, DomainType
from domxml.models.domain.namespaces import (
    BHYVE_NS,
    LXC_NS,
    QEMU_NS,
    VMWARE_NS,
    XEN_NS,
    BhyveArg,
    BhyveCommandline,
    LxcNamespace,
    LxcShareIpc,
    LxcShareNet,
    LxcShareType,
    LxcShareUts,
    QemuArg,
    QemuCapabilities,
    QemuCapabilityAdd,
    QemuCapabilityDel,
    QemuCommandline,
    QemuDeprecation,
    QemuDeprecationBehavior,
    QemuEnv,
    QemuOverride,
    QemuOverrideDevice,
    QemuOverrideFrontend,
    QemuOverrideProperty,
    QemuPropertyType,
    VmwareDatacenterPath,
    XenArg,
    XenCommandline,
)

NAMESPACES = (QEMU_NS, LXC_NS, BHYVE_NS, XEN_NS, VMWARE_NS)

# Untyped locations below an extension: the root's child in any of the
# namespaces, whatever prefix the source gave it (none for a default one).
_EXTENSION = re.compile(
    r"^/domain/([\w.-]+:)?(commandline|capabilities|override|deprecation|namespace|datacenterpath)\b"
)


def _uses_extension(param: object) -> bool:
    entry = getattr(param, "values", (None,))[0]
    if entry is None:  # the stand-in parameter of a missing corpus
        return True
    data = entry.file.read_bytes()
    return any(ns.encode() in data for ns in NAMESPACES)


def _extension_files() -> list[object]:
    return [p for p in corpus_files("domain") if _uses_extension(p)]


@pytest.mark.parametrize("entry", _extension_files())
def test_extensions_are_fully_typed(entry: CorpusEntry) -> None:
    data = entry.file.read_bytes()
    if not is_well_formed(data):
        pytest.skip("not well-formed")
    dom = domxml.parse(entry.file)
    assert isinstance(dom, Domain)
    left = [loc for loc in domxml.untyped(dom) if _EXTENSION.match(loc)]
    assert left == [], f"{entry.path}: untyped:\n  " + "\n  ".join(left)
    if entry.formatter_written:
        written = domxml.to_xml(dom, style="libvirt")
        assert written == data.decode("utf-8"), f"{entry.path}: not written as libvirt does"


def _corpus(path: str) -> Domain:
    require_data()
    dom = domxml.parse(data_dir() / "corpus" / "domain" / path)
    assert isinstance(dom, Domain)
    return dom


def test_qemu_extensions_read_from_libvirts_test() -> None:
    dom = _corpus("qemuxmlconfdata/qemu-ns.x86_64-latest.xml")
    assert dom.qemu_commandline == QemuCommandline(
        args=[QemuArg(value="-unknown"), QemuArg(value="parameter")],
        envs=[QemuEnv(name="NS", value="ns"), QemuEnv(name="BAR")],
    )
    assert dom.qemu_capabilities == QemuCapabilities(
        adds=[QemuCapabilityAdd(capability="vnc-colon")],
        dels=[QemuCapabilityDel(capability="name")],
    )
    assert dom.qemu_override is not None
    (device,) = dom.qemu_override.devices
    assert device.alias == "ua-disk"
    assert device.frontend is not None
    assert [(p.name, p.type, p.value) for p in device.frontend.properties][-3:] == [
        ("prop5", QemuPropertyType.BOOL, "false"),
        ("prop6", QemuPropertyType.BOOL, "false"),
        ("prop6", QemuPropertyType.REMOVE, None),
    ]
    assert dom.qemu_deprecation == QemuDeprecation(behavior=QemuDeprecationBehavior.CRASH)


@pytest.mark.parametrize(
    ("path", "field", "expected"),
    [
        (
            "lxcxml2xmldata/lxc-sharenet.xml",
            "lxc_namespace",
            LxcNamespace(
                sharenet=LxcShareNet(type=LxcShareType.NETNS, value="red"),
                shareipc=LxcShareIpc(type=LxcShareType.PID, value="12345"),
                shareuts=LxcShareUts(type=LxcShareType.NAME, value="container1"),
            ),
        ),
        (
            "bhyvexml2argvdata/bhyvexml2argv-commandline.xml",
            "bhyve_commandline",
            BhyveCommandline(args=[BhyveArg(value="ARGUMENT1"), BhyveArg(value="ARGUMENT2")]),
        ),
        (
            "xlconfigdata/test-qemu-passthrough.xml",
            "xen_commandline",
            XenCommandline(
                args=[
                    XenArg(value="-debugcon"),
                    XenArg(value="file:/tmp/debug.log"),
                    XenArg(value="-global"),
                    XenArg(value="isa-debugcon.iobase=0x402"),
                ]
            ),
        ),
        (
            "vmx2xmldata/datacenterpath.xml",
            "vmware_datacenterpath",
            VmwareDatacenterPath(value="folder1/folder2/datacenter1"),
        ),
        (
            # A default namespace: the elements have no prefix at all.
            "qemuxmlconfdata/qemu-ns-alt.xml",
            "qemu_commandline",
            QemuCommandline(
                args=[QemuArg(value="-unknown"), QemuArg(value="parameter")],
                envs=[QemuEnv(name="NS", value="ns"), QemuEnv(name="BAR")],
            ),
        ),
        (
            # <arg> declares its own prefix for the same namespace.
            "qemuxmlconfdata/qemu-ns-commandline-ns1.xml",
            "qemu_commandline",
            QemuCommandline(args=[QemuArg(value="ARGUMENT")]),
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_extension_read_from_libvirts_tests(path: str, field: str, expected: object) -> None:
    assert getattr(_corpus(path), field) == expected


@pytest.mark.parametrize(
    ("path", "opening"),
    [
        (
            "qemuxmlconfdata/qemu-ns-commandline-ns0.xml",
            "<ns0:commandline xmlns:ns0='http://libvirt.org/schemas/domain/qemu/1.0'>\n"
            "    <ns0:arg value='CHANGED'/>",
        ),
        (
            "qemuxmlconfdata/qemu-ns-alt.xml",
            "<commandline xmlns='http://libvirt.org/schemas/domain/qemu/1.0'>\n"
            "    <arg value='CHANGED'/>",
        ),
    ],
    ids=["ns0-prefix", "default-namespace"],
)
def test_an_edited_document_keeps_the_sources_prefix(path: str, opening: str) -> None:
    dom = _corpus(path)
    assert dom.qemu_commandline is not None
    dom.qemu_commandline.args[0].value = "CHANGED"
    for style in ("parsed", "libvirt"):
        written = domxml.to_xml(dom, style=style)
        assert opening in written, written
        assert "qemu:" not in written
        assert domxml.parse(written) == dom


def _built() -> Domain:
    return Domain(
        type=DomainType.QEMU,
        name="x",
        qemu_commandline=QemuCommandline(
            args=[QemuArg(value="-s")], envs=[QemuEnv(name="QEMU_AUDIO_DRV", value="none")]
        ),
        qemu_capabilities=QemuCapabilities(dels=[QemuCapabilityDel(capability="blockdev")]),
        qemu_override=QemuOverride(
            devices=[
                QemuOverrideDevice(
                    alias="ua-net0",
                    frontend=QemuOverrideFrontend(
                        properties=[
                            QemuOverrideProperty(
                                name="romfile", type=QemuPropertyType.STRING, value=""
                            )
                        ]
                    ),
                )
            ]
        ),
        qemu_deprecation=QemuDeprecation(behavior=QemuDeprecationBehavior.REJECT),
    )


BUILT = """\
<domain type='qemu' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>
  <name>x</name>
  <qemu:commandline>
    <qemu:arg value='-s'/>
    <qemu:env name='QEMU_AUDIO_DRV' value='none'/>
  </qemu:commandline>
  <qemu:capabilities>
    <qemu:del capability='blockdev'/>
  </qemu:capabilities>
  <qemu:override>
    <qemu:device alias='ua-net0'>
      <qemu:frontend>
        <qemu:property name='romfile' type='string' value=''/>
      </qemu:frontend>
    </qemu:device>
  </qemu:override>
  <qemu:deprecation behavior='reject'/>
</domain>
"""


@pytest.mark.parametrize("style", ["parsed", "libvirt"])
def test_qemu_extensions_built_in_python(style: str) -> None:
    assert domxml.to_xml(_built(), style=style) == BUILT


def test_qemu_extensions_built_in_python_read_back_equal() -> None:
    assert domxml.parse(BUILT) == _built()


def test_the_namespace_is_declared_on_the_domain() -> None:
    dom = Domain(type=DomainType.KVM, name="x", qemu_commandline=QemuCommandline(args=[]))
    dom.qemu_commandline = QemuCommandline(args=[QemuArg(value="-no-user-config")])
    assert domxml.to_xml(dom, style="libvirt") == (
        "<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>\n"
        "  <name>x</name>\n"
        "  <qemu:commandline>\n"
        "    <qemu:arg value='-no-user-config'/>\n"
        "  </qemu:commandline>\n"
        "</domain>\n"
    )


@pytest.mark.parametrize(
    ("field", "model", "written"),
    [
        (
            "lxc_namespace",
            LxcNamespace(sharenet=LxcShareNet(type=LxcShareType.NAME, value="web")),
            "  <lxc:namespace>\n    <lxc:sharenet type='name' value='web'/>\n  </lxc:namespace>\n",
        ),
        (
            "bhyve_commandline",
            BhyveCommandline(args=[BhyveArg(value="-H")]),
            "  <bhyve:commandline>\n    <bhyve:arg value='-H'/>\n  </bhyve:commandline>\n",
        ),
        (
            "xen_commandline",
            XenCommandline(args=[XenArg(value="-debugcon")]),
            "  <xen:commandline>\n    <xen:arg value='-debugcon'/>\n  </xen:commandline>\n",
        ),
        (
            "vmware_datacenterpath",
            VmwareDatacenterPath(value="dc1"),
            "  <vmware:datacenterpath>dc1</vmware:datacenterpath>\n",
        ),
    ],
    ids=["lxc", "bhyve", "xen", "vmware"],
)
def test_other_extensions_built_in_python(field: str, model: object, written: str) -> None:
    dom = Domain(type=DomainType.TEST, name="x")
    setattr(dom, field, model)
    text = domxml.to_xml(dom, style="libvirt")
    prefix = written.split(":", 1)[0].strip().lstrip("<")
    uri = {"lxc": LXC_NS, "bhyve": BHYVE_NS, "xen": XEN_NS, "vmware": VMWARE_NS}[prefix]
    assert text == (
        f"<domain type='test' xmlns:{prefix}='{uri}'>\n  <name>x</name>\n{written}</domain>\n"
    )
    assert domxml.parse(text) == dom


def test_unchanged_document_is_written_back_as_parsed() -> None:
    require_data()
    path = data_dir() / "corpus" / "domain" / "qemuxmlconfdata" / "qemu-ns-commandline-ns1.xml"
    assert write_document(domxml.parse(path), "parsed") == path.read_text()


def test_an_item_added_to_a_parsed_extension_is_well_formed() -> None:
    # The root binds qemu: to a dummy namespace; the extension uses ns0:.
    dom = _corpus("qemuxmlconfdata/qemu-ns-domain-commandline-ns0.xml")
    assert dom.qemu_commandline is not None
    dom.qemu_commandline.args.append(QemuArg(value="-S"))
    written = domxml.to_xml(dom)
    assert is_well_formed(written), written
    assert "<ns0:arg value='-S'/>" in written
    assert domxml.parse(written) == dom


def test_an_extension_added_where_its_prefix_is_taken_gets_a_fresh_one() -> None:
    dom = _corpus("qemuxmlconfdata/qemu-ns-domain-commandline-ns0.xml")
    dom.qemu_capabilities = QemuCapabilities(adds=[QemuCapabilityAdd(capability="blockdev")])
    written = domxml.to_xml(dom)
    assert is_well_formed(written), written
    assert domxml.parse(written) == dom
