"""Schema sets: where they are found, which one is used, importing more.

These tests make their own tiny schema sets (a two-element ``network.rng``),
so they need none of libvirt's files.
"""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest
from validate_support import run

from domxml.errors import SchemaError
from domxml.validation.schemas import (
    SchemaSet,
    cache_dir,
    find_schema_sets,
    import_schemas,
    installed_library_version,
    parse_version,
    select,
)

NETWORK_RNG = """<?xml version="1.0"?>
<grammar xmlns="http://relaxng.org/ns/structure/1.0"
         datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <start><ref name="network"/></start>
  <include href="common.rng"/>
  <define name="network">
    <element name="network">
      <optional>
        <attribute name="ipv6"><ref name="yesno"/></attribute>
      </optional>
      <element name="name"><text/></element>
    </element>
  </define>
</grammar>
"""
COMMON_RNG = """<?xml version="1.0"?>
<grammar xmlns="http://relaxng.org/ns/structure/1.0">
  <define name="yesno"><choice><value>yes</value><value>no</value></choice></define>
</grammar>
"""
MESON = "project(\n  'libvirt', 'c',\n  version: '{version}',\n  license: 'LGPLv2+',\n)\n"


def write_set(directory: Path) -> Path:
    """A tiny schema set in ``directory``: network.rng and what it includes."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "network.rng").write_text(NETWORK_RNG, encoding="utf-8")
    (directory / "common.rng").write_text(COMMON_RNG, encoding="utf-8")
    return directory


def write_tree(root: Path, version: str) -> Path:
    """A libvirt source tree: meson.build and src/conf/schemas."""
    write_set(root / "src" / "conf" / "schemas")
    (root / "meson.build").write_text(MESON.format(version=version), encoding="utf-8")
    (root / "README").write_text("libvirt\n", encoding="utf-8")
    return root


def write_tarball(path: Path, version: str, *, meson_only: bool = False) -> Path:
    """A release tarball ``libvirt-X.Y.Z.tar.xz`` (or named ``path``)."""
    top = f"libvirt-{version}"
    with tarfile.open(path, "w:xz") as archive:
        members = {
            f"{top}/meson.build": MESON.format(version=version),
            f"{top}/src/conf/schemas/network.rng": NETWORK_RNG,
            f"{top}/src/conf/schemas/common.rng": COMMON_RNG,
            f"{top}/docs/index.rst": "docs\n",
        }
        for name, text in members.items():
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


@pytest.fixture()
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache directory, and no other schema sets anywhere."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("DOMXML_SYSTEM_SCHEMAS", "")
    monkeypatch.delenv("DOMXML_SCHEMA_PATH", raising=False)
    return tmp_path


def test_versions() -> None:
    assert parse_version("11.3.0") == (11, 3, 0)
    assert parse_version("9.0") == (9, 0, 0)
    with pytest.raises(ValueError):
        parse_version("eleven")


def test_the_cache_honours_xdg_cache_home(home: Path) -> None:
    assert cache_dir() == home / "cache" / "domxml" / "schemas"


def test_import_a_release_tarball(home: Path) -> None:
    tarball = write_tarball(home / "libvirt-10.1.0.tar.xz", "10.1.0")
    result = run("schemas", "import", str(tarball))
    assert result.code == 0, result.err
    stored = home / "cache" / "domxml" / "schemas" / "10.1.0"
    assert sorted(p.name for p in stored.glob("*.rng")) == ["common.rng", "network.rng"]
    assert [s.label for s in find_schema_sets()] == ["10.1.0"]
    assert "network" in result.out


def test_a_tarball_without_a_version_in_its_name_uses_meson_build(home: Path) -> None:
    imported = import_schemas(write_tarball(home / "release.tar.xz", "8.2.1"))
    assert imported.label == "8.2.1"


def test_import_a_source_tree(home: Path) -> None:
    imported = import_schemas(write_tree(home / "libvirt", "10.2.0"))
    assert imported.label == "10.2.0" and imported.origin == "imported"


def test_a_bare_directory_needs_a_version(home: Path) -> None:
    directory = write_set(home / "rng")
    result = run("schemas", "import", str(directory))
    assert result.code == 2
    assert "--version" in result.err
    assert run("schemas", "import", str(directory), "--version", "7.0.0").code == 0
    assert [s.label for s in find_schema_sets()] == ["7.0.0"]


def test_importing_again_replaces(home: Path) -> None:
    directory = write_set(home / "rng")
    import_schemas(directory, "7.0.0")
    (directory / "extra.rng").write_text(COMMON_RNG, encoding="utf-8")
    again = import_schemas(directory, "7.0.0")
    assert (again.path / "extra.rng").is_file()
    assert [s.label for s in find_schema_sets()] == ["7.0.0"]


def test_a_directory_without_schemas_is_refused(home: Path) -> None:
    (home / "empty").mkdir()
    with pytest.raises(SchemaError, match=r"no libvirt \.rng"):
        import_schemas(home / "empty", "1.0.0")


def test_schema_path_variable_and_precedence(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import_schemas(write_set(home / "rng"), "9.0.0")
    outside = write_set(home / "libvirt" / "9.0.0" / "schemas")
    monkeypatch.setenv("DOMXML_SCHEMA_PATH", str(outside))
    sets = find_schema_sets()
    assert [(s.label, s.origin) for s in sets] == [
        ("9.0.0", "DOMXML_SCHEMA_PATH"),
        ("9.0.0", "imported"),
    ]
    assert select(sets, "9.0.0").schema_set.path == outside
    listing = run("schemas", "list")
    assert listing.code == 0
    assert "DOMXML_SCHEMA_PATH" in listing.out and "imported" in listing.out


def test_the_newest_is_the_default_and_the_nearest_older_stands_in(home: Path) -> None:
    for version in ("9.0.0", "10.0.0", "11.3.0"):
        import_schemas(write_set(home / version), version)
    sets = find_schema_sets()
    assert select(sets).schema_set.label == "11.3.0"
    assert select(sets, "10.0.0").note is None
    stand_in = select(sets, "10.5.0")
    assert stand_in.schema_set.label == "10.0.0"
    assert stand_in.note is not None and "10.5.0" in stand_in.note
    with pytest.raises(SchemaError, match=r"8\.0\.0 or older"):
        select(sets, "8.0.0")


def test_validate_says_which_set_stands_in(home: Path) -> None:
    import_schemas(write_set(home / "rng"), "9.0.0")
    document = home / "net.xml"
    document.write_text("<network ipv6='yes'><name>n</name></network>", encoding="utf-8")
    result = run("validate", "--libvirt", "9.4.0", str(document))
    assert result.code == 0
    assert "using 9.0.0" in result.err


def test_no_schemas_tells_how_to_get_them(home: Path) -> None:
    document = home / "net.xml"
    document.write_text("<network><name>n</name></network>", encoding="utf-8")
    # domxml's own grammar checks it, and the note says how to get libvirt's.
    result = run("validate", str(document))
    assert result.code == 0
    assert "no libvirt schemas found" in result.err and "domxml schemas fetch" in result.err
    assert "checked against domxml's own grammar" in result.out
    # A libvirt release asked for, with none found, is an error that says how to get it.
    result = run("validate", str(document), "--libvirt", "9.0.0")
    assert result.code == 2 and "domxml schemas import" in result.err
    # Listed: domxml's own grammar alone, the default, with the note.
    listing = run("schemas", "list")
    assert listing.code == 0 and "no libvirt schemas found" in listing.err
    (row,) = [line for line in listing.out.splitlines() if "grammars" in line]
    assert row.split()[:4] == ["*", "-", "domxml", "18"]


def test_system_schemas_take_the_installed_librarys_version(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    system = write_set(home / "usr" / "share" / "libvirt" / "schemas")
    monkeypatch.setenv("DOMXML_SYSTEM_SCHEMAS", str(system))
    libdir = home / "lib"
    libdir.mkdir()
    (libdir / "libvirt.so.0.9000.0").write_bytes(b"")
    (libdir / "libvirt.so.0").write_bytes(b"")
    assert installed_library_version((str(libdir),)) == (9, 0, 0)
    (libdir / "libvirt.so.0.11003.0").write_bytes(b"")
    assert installed_library_version((str(libdir),)) == (11, 3, 0)
    assert installed_library_version((str(home / "nowhere"),)) is None
    [found] = find_schema_sets()
    assert found.origin == "system" and found.path == system


def test_a_set_of_unknown_version_is_used_when_alone(home: Path) -> None:
    only = SchemaSet(None, write_set(home / "rng"), "DOMXML_SCHEMA_PATH")
    assert select([only]).schema_set == only
    with pytest.raises(SchemaError):
        select([only], "9.0.0")
