"""``domxml convert``, ``domxml fmt`` and ``domxml schema export`` from the command line.

Standard input and output, output files and directories, atomic writes (a
failure leaves the old file as it was and no temporary file behind), the
refusal to overwrite an input without ``--in-place``, ``fmt --check`` exit
codes, and the schema export.
"""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest
from corpus import canonical

import domxml
from domxml.cli import main
from domxml.tools import bundle_schemas

EXAMPLES = Path(domxml.__file__).parent / "examples"
NETWORK = (EXAMPLES / "network-nat.xml").read_text(encoding="utf-8")
# The same network, not in libvirt's layout: attribute order, quotes, indentation.
MESSY = (
    '<network>\n<name>default</name>\n  <bridge delay="0" stp="on" name="virbr0"/>\n'
    '<forward mode="nat"/>\n</network>\n'
)


def stdin(monkeypatch: pytest.MonkeyPatch, data: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode("utf-8"))))


def files_in(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


@pytest.fixture
def vm(tmp_path: Path) -> Path:
    path = tmp_path / "net.xml"
    path.write_text(NETWORK, encoding="utf-8")
    return path


# --- convert --------------------------------------------------------------------


def test_xml_file_to_json_on_stdout(vm: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(vm)]) == 0
    out = capsys.readouterr().out
    assert json.loads(out)["network"]["name"] == "default"


@pytest.mark.parametrize("to", ["json", "yaml"])
def test_stdin_to_stdout_and_back(
    to: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin(monkeypatch, NETWORK)
    assert main(["convert", "--to", to, "-"]) == 0
    converted = capsys.readouterr().out
    stdin(monkeypatch, converted)  # format told from the content
    assert main(["convert", "-", "-o", "-"]) == 0
    assert canonical(capsys.readouterr().out) == canonical(NETWORK)


def test_output_format_from_extension(vm: Path, tmp_path: Path) -> None:
    yaml_file = tmp_path / "net.yaml"
    back = tmp_path / "back.xml"
    assert main(["convert", str(vm), "-o", str(yaml_file)]) == 0
    assert yaml_file.read_text(encoding="utf-8").startswith("network:\n")
    assert main(["convert", str(yaml_file), "-o", str(back)]) == 0
    assert canonical(back.read_bytes()) == canonical(NETWORK)


def test_several_inputs_into_a_directory(vm: Path, tmp_path: Path) -> None:
    pool = tmp_path / "pool.xml"
    pool.write_bytes((EXAMPLES / "pool-dir.xml").read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    assert main(["convert", "--to", "yaml", str(vm), str(pool), "-o", str(out)]) == 0
    assert files_in(out) == ["net.yaml", "pool.yaml"]


def test_several_inputs_need_a_directory(
    vm: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", str(vm), str(vm)]) == 2
    assert main(["convert", str(vm), str(EXAMPLES / "pool-dir.xml"), "-o", "x.json"]) == 2
    assert "existing directory" in capsys.readouterr().err


@pytest.mark.parametrize(
    "arguments",
    [
        ["-o", "{vm}"],  # the input itself
        ["--to", "xml", "-o", "{dir}"],  # a directory whose file of that name is the input
    ],
    ids=["file", "directory"],
)
def test_refuses_to_overwrite_the_input(
    arguments: list[str], vm: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vm.write_text(MESSY, encoding="utf-8")
    filled = [a.format(vm=vm, dir=vm.parent) for a in arguments]
    assert main(["convert", "--style", "libvirt", str(vm), *filled]) == 2
    assert "would overwrite an input; use --in-place" in capsys.readouterr().err
    assert vm.read_text(encoding="utf-8") == MESSY


def test_in_place_rewrites_the_input(vm: Path) -> None:
    vm.write_text(MESSY, encoding="utf-8")
    assert main(["convert", "--in-place", "--style", "libvirt", str(vm)]) == 0
    text = vm.read_text(encoding="utf-8")
    assert text.startswith("<network>\n  <name>default</name>\n  <forward mode='nat'/>\n")
    assert canonical(text) != canonical(MESSY)  # libvirt's element order...
    assert domxml.parse(text) == domxml.parse(MESSY)  # ...same content


def test_in_place_keeps_the_format_its_name_says(
    vm: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", "--in-place", "--to", "json", str(vm)]) == 2
    assert "would hold JSON" in capsys.readouterr().err
    assert vm.read_text(encoding="utf-8") == NETWORK


def test_in_place_needs_files(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin(monkeypatch, NETWORK)
    assert main(["convert", "--in-place", "-"]) == 2


def test_a_failed_rename_leaves_the_target_as_it_was(
    vm: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "net.json"
    target.write_text("old\n", encoding="utf-8")

    def fail(source: str, destination: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    assert main(["convert", str(vm), "-o", str(target)]) == 1
    assert "cannot write: No space left on device" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "old\n"
    assert files_in(tmp_path) == ["net.json", "net.xml"]  # no temporary file left


def test_a_failed_write_leaves_the_target_as_it_was(
    vm: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "net.json"
    target.write_text("old\n", encoding="utf-8")

    def fail(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", fail)
    assert main(["convert", str(vm), "-o", str(target)]) == 1
    assert target.read_text(encoding="utf-8") == "old\n"
    assert files_in(tmp_path) == ["net.json", "net.xml"]


def test_a_bad_input_leaves_the_target_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bad.json"
    source.write_text('{"network": {"name": "n", "bridge": {"stpp": true}}}', encoding="utf-8")
    target = tmp_path / "out.xml"
    target.write_text("old\n", encoding="utf-8")
    assert main(["convert", str(source), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert f"{source}: Bridge has no field 'stpp' (did you mean 'stp'?)" in err
    assert "(at /network/bridge)" in err
    assert target.read_text(encoding="utf-8") == "old\n"


def test_new_files_get_the_umask_and_old_ones_keep_their_mode(vm: Path, tmp_path: Path) -> None:
    target = tmp_path / "net.json"
    assert main(["convert", str(vm), "-o", str(target)]) == 0
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
    target.chmod(0o600)
    assert main(["convert", str(vm), "-o", str(target)]) == 0
    assert target.stat().st_mode & 0o777 == 0o600


# --- fmt --------------------------------------------------------------------------


def test_fmt_check_exit_codes(vm: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fmt", "--check", str(vm)]) == 0  # libvirt's layout already
    vm.write_text(MESSY, encoding="utf-8")
    assert main(["fmt", "--check", str(vm)]) == 1
    assert f"would reformat {vm}" in capsys.readouterr().out
    assert vm.read_text(encoding="utf-8") == MESSY  # --check changes nothing
    assert main(["fmt", str(vm)]) == 0
    assert main(["fmt", "--check", str(vm)]) == 0
    vm.write_text("<network>", encoding="utf-8")
    assert main(["fmt", "--check", str(vm)]) == 2
    assert main(["fmt", "--check", str(vm.parent / "missing.xml")]) == 2


def test_fmt_writes_libvirts_layout_and_keeps_comments_around_the_root(vm: Path) -> None:
    vm.write_text("<?xml version='1.0'?>\n<!-- keep me -->\n" + MESSY, encoding="utf-8")
    assert main(["fmt", str(vm)]) == 0
    assert vm.read_text(encoding="utf-8") == (
        "<?xml version='1.0'?>\n<!-- keep me -->\n<network>\n  <name>default</name>\n"
        "  <forward mode='nat'/>\n  <bridge name='virbr0' stp='on' delay='0'/>\n</network>\n"
    )


def test_fmt_stdin_to_stdout(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin(monkeypatch, MESSY)
    assert main(["fmt", "-"]) == 0
    assert capsys.readouterr().out.startswith("<network>\n  <name>default</name>\n")
    stdin(monkeypatch, MESSY)
    assert main(["fmt", "--check", "-"]) == 1


# --- schema export --------------------------------------------------------------


def _tree(root: Path) -> dict[str, Path]:
    """Two networks in a directory tree, one of them messy, and a file that is not XML."""
    (root / "sub").mkdir(parents=True)
    files = {"a": root / "a.xml", "b": root / "sub" / "b.xml"}
    files["a"].write_text(NETWORK, encoding="utf-8")
    files["b"].write_text(MESSY, encoding="utf-8")
    (root / "notes.txt").write_text("not a document", encoding="utf-8")
    return files


@pytest.mark.parametrize("how", ["directory", "glob"])
def test_convert_takes_directories_and_globs(how: str, tmp_path: Path) -> None:
    files = _tree(tmp_path / "in")
    out = tmp_path / "out"
    out.mkdir()
    arg = str(tmp_path / "in") if how == "directory" else str(tmp_path / "in" / "**" / "*.xml")
    assert main(["convert", arg, "--to", "yaml", "-o", str(out)]) == 0
    assert files_in(out) == ["a.yaml", "b.yaml"]
    back = domxml.from_yaml((out / "b.yaml").read_text(encoding="utf-8"))
    assert canonical(domxml.to_xml(back)) == canonical(files["b"].read_text(encoding="utf-8"))


def test_convert_refuses_two_inputs_with_one_target(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _tree(tmp_path / "in")
    (tmp_path / "in" / "sub" / "a.xml").write_text(NETWORK, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    assert main(["convert", str(tmp_path / "in"), "--to", "json", "-o", str(out)]) == 2
    assert "would both be written" in capsys.readouterr().err
    assert files_in(out) == []


@pytest.mark.parametrize("how", ["directory", "glob"])
def test_fmt_takes_directories_and_globs(
    how: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = _tree(tmp_path)
    arg = str(tmp_path) if how == "directory" else str(tmp_path / "**" / "*.xml")
    assert main(["fmt", "--check", arg]) == 1
    assert capsys.readouterr().out == f"would reformat {files['b']}\n"
    assert main(["fmt", arg]) == 0
    assert files["b"].read_text(encoding="utf-8") == domxml.to_xml(
        domxml.parse(MESSY), style="libvirt"
    )
    assert main(["fmt", "--check", arg]) == 0


@pytest.mark.parametrize("command", ["fmt", "convert"])
def test_a_pattern_that_matches_nothing_is_an_error(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pattern = str(tmp_path / "*.xml")
    assert main([command, pattern]) == 2
    assert f"{pattern}: no file matches" in capsys.readouterr().err
    assert main([command, str(tmp_path)]) == 2
    assert "no .xml" in capsys.readouterr().err


def test_schema_export_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "export", "--type", "network"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["required"] == ["network"]


def test_schema_export_xsd_needs_a_file_name_for_several_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", "export", "--format", "xsd", "--type", "domain"]) == 2
    assert "name the main one with -o" in capsys.readouterr().err
    target = tmp_path / "domain.xsd"
    assert main(["schema", "export", "--format", "xsd", "--type", "domain", "-o", str(target)]) == 0
    assert "domain.xsd" in files_in(tmp_path)
    assert "domain-qemu.xsd" in files_in(tmp_path)
    assert 'schemaLocation="domain-qemu.xsd"' in target.read_text(encoding="utf-8")


def test_schema_export_needs_an_action(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 2


def test_bundle_schemas_writes_and_checks(tmp_path: Path) -> None:
    assert bundle_schemas.main(["--check", "--dir", str(tmp_path)]) == 1
    assert bundle_schemas.main(["--dir", str(tmp_path)]) == 0
    assert bundle_schemas.main(["--check", "--dir", str(tmp_path)]) == 0
    (tmp_path / "xsd" / "domxml-old.xsd").write_text("", encoding="utf-8")  # no longer made
    assert bundle_schemas.stale(tmp_path) == ["xsd/domxml-old.xsd"]
    assert bundle_schemas.main(["--dir", str(tmp_path)]) == 0
    assert not (tmp_path / "xsd" / "domxml-old.xsd").exists()
