"""Storage pools and volumes: libvirt's formatstorage, fully typed.

Against libvirt's corpus: every storage document is typed through and
through and comes back with the same canonical form; the documents
libvirt's formatter wrote come back byte for byte with ``style="libvirt"``.
In code: pools and volumes built in Python read like ``virsh dumpxml``,
and an edit to a parsed document changes that value and nothing else.
"""

from __future__ import annotations

import dataclasses
import enum
import inspect
from collections.abc import Iterator
from typing import Any

import pytest
from corpus import CorpusEntry, corpus_files, is_well_formed, show_diff

import domxml
from domxml.binding import Model
from domxml.models.storage import StoragePool, StorageVolume, common, pool, source, volume
from domxml.models.storage.common import (
    Cipher,
    Encryption,
    EncryptionFormat,
    EncryptionSecret,
    EncryptionSecretType,
    Flag,
    Ivgen,
    Permissions,
    ScaledInteger,
)
from domxml.models.storage.pool import (
    DirPool,
    FsMountOption,
    FsMountOpts,
    NetFsPool,
    PoolTarget,
)
from domxml.models.storage.source import (
    AdapterType,
    AuthType,
    DirPoolSource,
    Host,
    NetFsPoolSource,
    PoolFormat,
    SourceDir,
)
from domxml.models.storage.volume import (
    BackingStore,
    TargetFormat,
    VolumeFeatures,
    VolumeFormat,
    VolumeTarget,
    VolumeType,
)

STORAGE_MODULES = (common, source, pool, volume)


def _read(entry: CorpusEntry) -> bytes:
    data = entry.file.read_bytes()
    if not is_well_formed(data):
        pytest.skip("not well-formed")
    return data


# --- libvirt's corpus ----------------------------------------------------


@pytest.mark.parametrize("entry", [*corpus_files("storagepool"), *corpus_files("storagevol")])
def test_corpus_document_is_typed(entry: CorpusEntry) -> None:
    _read(entry)
    locations = domxml.untyped(domxml.parse(entry.file))
    assert locations == [], f"{entry.path}: untyped:\n  " + "\n  ".join(locations)


@pytest.mark.parametrize(
    "entry",
    [
        *corpus_files("storagepool", folder="storagepoolxml2xmlout"),
        *corpus_files("storagevol", folder="storagevolxml2xmlout"),
    ],
)
def test_libvirt_style_is_libvirts_output(entry: CorpusEntry) -> None:
    data = _read(entry)
    written = domxml.to_xml(domxml.parse(entry.file), style="libvirt")
    assert written.encode("utf-8") == data, f"{entry.path}: differs from libvirt\n" + show_diff(
        data, written, fromfile=entry.path, tofile='to_xml(parse(f), style="libvirt")'
    )


# --- built in code -------------------------------------------------------

DIR_POOL = """\
<pool type='dir'>
  <name>virtimages</name>
  <uuid>70a7eb15-6c34-ee9c-bf57-69e8e5ff3fb2</uuid>
  <capacity unit='bytes'>0</capacity>
  <allocation unit='bytes'>0</allocation>
  <available unit='bytes'>0</available>
  <source>
  </source>
  <target>
    <path>/var/lib/libvirt/images</path>
    <permissions>
      <mode>0700</mode>
      <label>some_label_t</label>
    </permissions>
  </target>
</pool>
"""

QCOW2_VOLUME = """\
<volume type='file'>
  <name>OtherDemo.img</name>
  <key>/var/lib/libvirt/images/OtherDemo.img</key>
  <capacity unit='bytes'>5368709120</capacity>
  <allocation unit='bytes'>294912</allocation>
  <target>
    <path>/var/lib/libvirt/images/OtherDemo.img</path>
    <format type='qcow2'/>
    <permissions>
      <mode>0644</mode>
      <owner>0</owner>
      <group>0</group>
      <label>unconfined_u:object_r:virt_image_t:s0</label>
    </permissions>
    <encryption format='luks'>
      <secret type='passphrase' uuid='e78d4b51-a2af-485f-b0f5-afca709a80f4'/>
      <cipher name='serpent' size='256' mode='cbc' hash='sha256'/>
      <ivgen name='plain64' hash='sha256'/>
    </encryption>
    <compat>1.1</compat>
    <clusterSize unit='B'>131072</clusterSize>
    <features>
      <lazy_refcounts/>
    </features>
  </target>
  <backingStore>
    <path>/dev/null</path>
    <format type='raw'/>
  </backingStore>
</volume>
"""


def _bytes(n: int) -> ScaledInteger:
    return ScaledInteger(unit="bytes", value=n)


def test_dir_pool_built_in_code_is_written_as_libvirt_does() -> None:
    built = DirPool(
        name="virtimages",
        uuid="70a7eb15-6c34-ee9c-bf57-69e8e5ff3fb2",
        # keyword order differs from libvirt's on purpose: the declaration decides
        target=PoolTarget(
            permissions=Permissions(label="some_label_t", mode=0o700),
            path="/var/lib/libvirt/images",
        ),
        source=DirPoolSource(),
        available=_bytes(0),
        allocation=_bytes(0),
        capacity=_bytes(0),
    )
    assert domxml.to_xml(built, style="libvirt") == DIR_POOL
    assert domxml.to_xml(built) == DIR_POOL
    assert domxml.parse(DIR_POOL) == built


def test_qcow2_volume_built_in_code_is_written_as_libvirt_does() -> None:
    built = StorageVolume(
        type=VolumeType.FILE,
        name="OtherDemo.img",
        key="/var/lib/libvirt/images/OtherDemo.img",
        capacity=_bytes(5 * 1024**3),
        allocation=_bytes(294912),
        target=VolumeTarget(
            path="/var/lib/libvirt/images/OtherDemo.img",
            format=TargetFormat(type=VolumeFormat.QCOW2),
            permissions=Permissions(
                mode=0o644, owner=0, group=0, label="unconfined_u:object_r:virt_image_t:s0"
            ),
            encryption=Encryption(
                format=EncryptionFormat.LUKS,
                secrets=[
                    EncryptionSecret(
                        type=EncryptionSecretType.PASSPHRASE,
                        uuid="e78d4b51-a2af-485f-b0f5-afca709a80f4",
                    )
                ],
                cipher=Cipher(name="serpent", size=256, mode="cbc", hash="sha256"),
                ivgen=Ivgen(name="plain64", hash="sha256"),
            ),
            compat="1.1",
            cluster_size=ScaledInteger(unit="B", value=131072),
            features=VolumeFeatures(lazy_refcounts=Flag()),
        ),
        backing_store=BackingStore(path="/dev/null", format=TargetFormat(type=VolumeFormat.RAW)),
    )
    assert domxml.to_xml(built, style="libvirt") == QCOW2_VOLUME
    assert domxml.parse(QCOW2_VOLUME) == built


def test_empty_containers_are_written_as_libvirt_does() -> None:
    # libvirt writes an empty <source>, <target> or <encryption> open and
    # closed, but empty <features> of a volume self-closed.
    built = StorageVolume(
        name="v",
        source=volume.VolumeSource(),
        target=VolumeTarget(
            encryption=Encryption(format=EncryptionFormat.LUKS), features=VolumeFeatures()
        ),
    )
    assert domxml.to_xml(built, style="libvirt") == (
        "<volume>\n"
        "  <name>v</name>\n"
        "  <source>\n"
        "  </source>\n"
        "  <target>\n"
        "    <encryption format='luks'>\n"
        "    </encryption>\n"
        "    <features/>\n"
        "  </target>\n"
        "</volume>\n"
    )


# --- editing a parsed document -------------------------------------------


def test_changing_one_value_changes_only_that_value() -> None:
    parsed = domxml.parse(DIR_POOL)
    assert isinstance(parsed, StoragePool)
    assert parsed.target is not None
    parsed.target.path = "/srv/images"
    expected = DIR_POOL.replace("/var/lib/libvirt/images", "/srv/images")
    assert domxml.to_xml(parsed) == expected
    assert domxml.to_xml(parsed, style="libvirt") == expected


def test_changing_the_mode_writes_octal() -> None:
    parsed = domxml.parse(DIR_POOL)
    assert isinstance(parsed, StoragePool)
    assert parsed.target is not None and parsed.target.permissions is not None
    assert parsed.target.permissions.mode == 0o700
    parsed.target.permissions.mode = 0o755
    assert domxml.to_xml(parsed) == DIR_POOL.replace("<mode>0700</mode>", "<mode>0755</mode>")


def test_a_capacity_keeps_its_unit() -> None:
    document = (
        "<volume>\n"
        "  <name>v</name>\n"
        "  <capacity unit='G'>5</capacity>\n"
        "  <allocation>0</allocation>\n"
        "  <target>\n"
        "    <path>/v</path>\n"
        "  </target>\n"
        "</volume>\n"
    )
    parsed = domxml.parse(document)
    assert isinstance(parsed, StorageVolume)
    assert parsed.capacity == ScaledInteger(unit="G", value=5)
    assert parsed.allocation == ScaledInteger(value=0)
    assert domxml.to_xml(parsed) == document
    parsed.capacity.value = 10
    assert "<capacity unit='G'>10</capacity>" in domxml.to_xml(parsed)
    assert "<capacity unit='G'>10</capacity>" in domxml.to_xml(parsed, style="libvirt")


def test_a_host_added_to_a_parsed_pool_follows_the_other_hosts() -> None:
    document = (
        "<pool type='rbd'>\n"
        "  <name>ceph</name>\n"
        "  <source>\n"
        "    <name>rbd</name>\n"
        "    <host name='mon1' port='6789'/>\n"
        "    <auth type='ceph' username='admin'>\n"
        "      <secret usage='client.admin'/>\n"
        "    </auth>\n"
        "  </source>\n"
        "</pool>\n"
    )
    parsed = domxml.parse(document)
    assert isinstance(parsed, StoragePool) and parsed.source is not None
    assert parsed.source.auth is not None and parsed.source.auth.type is AuthType.CEPH
    parsed.source.hosts.append(Host(name="mon2", port=6790))
    assert domxml.to_xml(parsed) == document.replace(
        "<host name='mon1' port='6789'/>\n",
        "<host name='mon1' port='6789'/>\n    <host name='mon2' port='6790'/>\n",
    )


NETFS_POOL = """\
<pool type='netfs' xmlns:fs='http://libvirt.org/schemas/storagepool/fs/1.0'>
  <name>nfsimages</name>
  <source>
    <host name='localhost'/>
    <dir path='/var/lib/libvirt/images'/>
    <format type='nfs'/>
    <protocol ver='4.1'/>
  </source>
  <fs:mount_opts>
    <fs:option name='sync'/>
  </fs:mount_opts>
</pool>
"""


def test_mount_options_are_namespaced() -> None:
    parsed = domxml.parse(NETFS_POOL)
    assert isinstance(parsed, StoragePool) and parsed.mount_opts is not None
    assert parsed.source is not None and parsed.source.format is not None
    assert parsed.source.format.type is PoolFormat.NFS
    parsed.mount_opts.options.append(FsMountOption(name="lazytime"))
    written = domxml.to_xml(parsed, style="libvirt")
    assert written == NETFS_POOL.replace(
        "<fs:option name='sync'/>\n",
        "<fs:option name='sync'/>\n    <fs:option name='lazytime'/>\n",
    )


def test_mount_options_built_in_code_declare_their_namespace() -> None:
    built = NetFsPool(
        name="nfsimages",
        source=NetFsPoolSource(hosts=[Host(name="nfs.example.org")], dir=SourceDir(path="/export")),
        target=PoolTarget(path="/var/lib/libvirt/nfs"),
        mount_opts=FsMountOpts(options=[FsMountOption(name="sync")]),
    )
    assert is_well_formed(domxml.to_xml(built))


def test_a_self_closed_element_stays_self_closed() -> None:
    document = "<volume>\n  <name>v</name>\n  <target/>\n</volume>\n"
    assert domxml.to_xml(domxml.parse(document)) == document


# --- every part of the schema --------------------------------------------

# Schema features libvirt's corpus does not show, so that every field of
# every storage model is read from some document in this file.
#: One document of each pool type: each type's variant and source class.
VARIANT_POOLS = tuple(
    f"<pool type='{kind}'>{body}</pool>"
    for kind, body in {
        "dir": "<name>d</name><source/><target><path>/p</path></target>",
        "fs": (
            "<name>f</name>"
            "<source><device path='/dev/sdb1'/><format type='ext4'/>"
            "</source>"
            "<target><path>/mnt</path></target>"
        ),
        "netfs": (
            "<name>n</name>"
            "<source><host name='nfs.example.org'/><dir path='/export'/><format type='nfs'/>"
            "</source>"
            "<target><path>/mnt</path></target>"
        ),
        "logical": (
            "<name>vg</name>"
            "<source><name>vg</name><device path='/dev/sdc'/><format type='lvm2'/>"
            "</source>"
            "<target><path>/dev/vg</path></target>"
        ),
        "disk": (
            "<name>k</name>"
            "<source><device path='/dev/sdd'/><format type='gpt'/>"
            "</source>"
            "<target><path>/dev</path></target>"
        ),
        "iscsi": (
            "<name>i</name>"
            "<source><host name='iscsi.example.org'/>"
            "<device path='iqn.2013-06.com.example:iscsi-pool'/></source>"
            "<target><path>/dev/disk/by-path</path></target>"
        ),
        "iscsi-direct": (
            "<name>id</name>"
            "<source><host name='iscsi.example.org'/>"
            "<device path='iqn.2013-06.com.example:iscsi-pool'/>"
            "<initiator><iqn name='iqn.2013-06.com.example:client'/></initiator></source>"
        ),
        "scsi": (
            "<name>s</name>"
            "<source><adapter type='scsi_host' name='host0'/>"
            "</source>"
            "<target><path>/dev/disk/by-path</path></target>"
        ),
        "mpath": "<name>m</name><source/><target><path>/dev/mapper</path></target>",
        "rbd": "<name>r</name><source><name>rbdpool</name><host name='ceph.example.org'/></source>",
        "sheepdog": (
            "<name>sd</name><source><host name='localhost' port='7000'/><name>sheep</name></source>"
        ),
        "gluster": (
            "<name>g</name>"
            "<source><host name='gluster.example.org'/><name>volume</name><dir path='/'/>"
            "</source>"
        ),
        "zfs": "<name>z</name><source><name>tank</name></source>",
        "vstorage": (
            "<name>v</name>"
            "<source><name>cluster</name>"
            "</source>"
            "<target><path>/mnt/vstorage</path></target>"
        ),
    }.items()
)

FULL_POOLS = (
    """\
<pool type='scsi'>
  <source>
    <adapter type='fc_host' parent='scsi_host5' managed='yes' parent_wwnn='20000000c9831b4b' \
parent_wwpn='10000000c9831b4b' parent_fabric_wwn='2000000000000001' wwnn='20000000c9831b4c' \
wwpn='10000000c9831b4c'/>
  </source>
</pool>
""",
    """\
<pool type='scsi'>
  <source>
    <adapter type='scsi_host'>
      <parentaddr unique_id='5'>
        <address domain='0x0000' bus='0x00' slot='0x1f' function='0x2' multifunction='on'/>
      </parentaddr>
    </adapter>
    <vendor name='test-vendor'/>
    <product name='test-product'/>
  </source>
</pool>
""",
    """\
<pool type='disk'>
  <name>sda</name>
  <features>
    <cow state='no'/>
  </features>
  <source>
    <device path='/dev/sda' part_separator='no'>
      <freeExtent start='32256' end='106928640'/>
    </device>
    <format type='gpt'>
      <vendor name='a'/>
      <product name='b'/>
    </format>
  </source>
  <target>
    <path>/dev</path>
    <permissions>
      <mode>0700</mode>
      <owner>0</owner>
      <group>0</group>
      <label>l</label>
    </permissions>
  </target>
</pool>
""",
    """\
<pool type='iscsi-direct'>
  <name>iscsi</name>
  <uuid>034d66fc-f507-437a-b552-c479ffd63820</uuid>
  <capacity unit='bytes'>0</capacity>
  <allocation unit='bytes'>0</allocation>
  <available unit='bytes'>0</available>
  <source>
    <host name='iscsi.example.com' port='3260'/>
    <device path='iqn.2013-06.com.example:iscsi-pool'/>
    <initiator>
      <iqn name='iqn.2013-06.com.example:iscsi-initiator'/>
    </initiator>
    <auth type='chap' username='user'>
      <secret uuid='10ed4ad4-c7b0-4696-b574-b40e04fea84b'/>
    </auth>
  </source>
</pool>
""",
    """\
<pool type='scsi'>
  <source>
    <adapter type='scsi_host' name='host0'/>
  </source>
</pool>
""",
    NETFS_POOL,
    """\
<pool type='rbd' xmlns:rbd='http://libvirt.org/schemas/storagepool/rbd/1.0'>
  <source>
    <host name='localhost'/>
    <name>rbd</name>
    <auth type='ceph' username='admin'>
      <secret usage='client.admin'/>
    </auth>
  </source>
  <refresh>
    <volume allocation='capacity'/>
  </refresh>
  <rbd:config_opts>
    <rbd:option name='client_mount_timeout' value='45'/>
  </rbd:config_opts>
</pool>
""",
)

FULL_VOLUMES = (
    QCOW2_VOLUME,
    """\
<volume type='block'>
  <name>sda1</name>
  <source>
    <device path='/dev/sda'>
      <extent start='32256' end='106928640'/>
    </device>
  </source>
  <capacity unit='bytes'>106896384</capacity>
  <physical unit='bytes'>106896384</physical>
  <target>
    <path>/dev/sda1</path>
    <timestamps>
      <atime>1341933637.273190990</atime>
      <mtime>1341930622.047245868</mtime>
      <ctime>1341930622.047245868</ctime>
      <btime>1341930622</btime>
    </timestamps>
    <encryption format='luks2' engine='librbd'>
      <secret type='passphrase' usage='luks-volume'/>
    </encryption>
    <nocow/>
    <features>
      <extended_l2/>
    </features>
  </target>
  <backingStore>
    <path>/dev/null</path>
    <permissions>
      <mode>0644</mode>
    </permissions>
    <timestamps>
      <atime>1341933637</atime>
    </timestamps>
  </backingStore>
</volume>
""",
)


@pytest.mark.parametrize("document", [*FULL_POOLS, *FULL_VOLUMES])
def test_schema_features_are_typed_and_kept_in_libvirts_order(document: str) -> None:
    parsed = domxml.parse(document)
    assert domxml.untyped(parsed) == []
    assert domxml.to_xml(parsed) == document
    assert domxml.to_xml(parsed, style="libvirt") == document


def test_typed_values_of_the_schema_features() -> None:
    fc, scsi, *_ = (domxml.parse(d) for d in FULL_POOLS)
    assert isinstance(fc, StoragePool) and isinstance(scsi, StoragePool)
    assert fc.source is not None and fc.source.adapter is not None
    assert fc.source.adapter.type is AdapterType.FC_HOST
    assert fc.source.adapter.managed is True
    assert scsi.source is not None and scsi.source.adapter is not None
    parentaddr = scsi.source.adapter.parentaddr
    assert parentaddr is not None and parentaddr.unique_id == 5
    address = parentaddr.address
    assert address is not None
    assert (address.domain, address.bus, address.slot, address.function) == (0, 0, 0x1F, 2)
    assert address.multifunction is True
    # PCI addresses built in code are written in libvirt's hexadecimal widths
    address.slot, address.function = 0x1E, 3
    assert "domain='0x0000' bus='0x00' slot='0x1e' function='0x3'" in domxml.to_xml(scsi)


def _models(obj: Any) -> Iterator[Model]:
    if isinstance(obj, Model):
        yield obj
        for f in dataclasses.fields(obj):  # type: ignore[arg-type]
            yield from _models(getattr(obj, f.name))
    elif isinstance(obj, list):
        for item in obj:
            yield from _models(item)


def _storage_classes() -> list[type]:
    return [
        cls
        for module in STORAGE_MODULES
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if cls.__module__ == module.__name__ and issubclass(cls, Model | enum.Enum)
    ]


def test_every_field_is_exercised() -> None:
    """Each field of each storage model holds a value in one of the documents above."""
    seen: set[tuple[type, str]] = set()
    for document in (*FULL_POOLS, *VARIANT_POOLS, *FULL_VOLUMES, DIR_POOL):
        for model in _models(domxml.parse(document)):
            for f in dataclasses.fields(model):  # type: ignore[arg-type]
                if getattr(model, f.name) not in (None, []):
                    seen.add((type(model), f.name))
    # A field is one declaration, which variants inherit or narrow: it is
    # exercised through any class that has it; a field a class does not
    # allow is not asked for.
    exercised = {(_declaring(cls, name), name) for cls, name in seen}
    never = [
        f"{cls.__name__}.{f.name}"
        for cls in _storage_classes()
        if issubclass(cls, Model)
        for f in dataclasses.fields(cls)  # type: ignore[arg-type]
        if f.name not in cls.__domxml__.without
        and (_declaring(cls, f.name), f.name) not in exercised
    ]
    assert never == []


def _declaring(cls: type, name: str) -> type:
    """The topmost class declaring the field ``name`` of ``cls`` (variants narrow it only)."""
    return [k for k in cls.__mro__ if name in inspect.get_annotations(k)][-1]


def test_every_class_has_a_docstring() -> None:
    for cls in _storage_classes():
        doc = cls.__dict__.get("__doc__") or ""
        # dataclass() invents "Name(field=...)" when a class has none
        assert doc and not doc.startswith(f"{cls.__name__}("), f"{cls.__name__} has no docstring"


def test_importable_from_the_package() -> None:
    assert domxml.StoragePool is StoragePool
    assert domxml.StorageVolume is StorageVolume
