"""domxml's own grammars: committed fresh, and libvirt's verdict on libvirt's documents.

``schemas/rng/`` holds RELAX NG grammars generated from the model
declarations (``python -m domxml.validation.bundled --write``), shipped in
the package for where libvirt's schemas are not installed. Over libvirt's
test documents of the kinds they cover (corpus/ and corpus-kinds/, with
libvirt 11.3.0's verdicts in MANIFEST.tsv), they must reach libvirt's
verdict on at least 99.5%; every document where they do not is named in
docs/validate.md with the reason.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from corpus import data_dir, require_data
from validate_support import run

from domxml.validation import bundled
from domxml.validation.engine import Validator
from domxml.validation.kinds import KINDS

DOCS = Path(__file__).resolve().parent.parent / "docs" / "validate.md"
TDX = """<domain type='kvm'>
  <name>tdx</name>
  <memory unit='MiB'>64</memory>
  <os><type arch='x86_64'>hvm</type></os>
  <devices><disk type='file'><source file='/a'/><target dev='vda' buss='virtio'/></disk></devices>
</domain>
"""


def test_the_committed_grammars_are_fresh() -> None:
    assert bundled.main(["--check"]) == 0, "run: python -m domxml.validation.bundled --write"


def _manifests() -> list[tuple[Path, str, str]]:
    """(document, schema file, libvirt's verdict) of every checked document of both corpora."""
    require_data()
    found = []
    for folder in (data_dir() / "corpus", data_dir() / "corpus-kinds"):
        manifest = folder / "MANIFEST.tsv"
        if not manifest.is_file():
            continue
        for line in manifest.read_text().splitlines()[1:]:
            path, schema, expected, _sha = line.split("\t")
            if expected in ("valid", "invalid"):
                found.append((folder / path, schema, expected))
    return found


def test_libvirts_verdicts(capsys: pytest.CaptureFixture[str]) -> None:
    schema_set = bundled.bundled_set()
    covered = {kind.schema for kind in schema_set.kinds()}
    validator = Validator(schema_set)
    counts: Counter[tuple[str, str]] = Counter()
    disagree: list[str] = []
    for path, schema, expected in _manifests():
        if schema not in covered:
            counts[("kind not modelled", expected)] += 1
            continue
        report = validator.check(path.read_bytes(), str(path))
        verdict = "valid" if report.ok else "invalid"
        counts[(schema, "agree" if verdict == expected else "disagree")] += 1
        if verdict != expected:
            disagree.append(f"{path.relative_to(data_dir())} ({expected} for libvirt)")
    checked = sum(n for (schema, _), n in counts.items() if schema != "kind not modelled")
    agreed = sum(n for (_, outcome), n in counts.items() if outcome == "agree")
    with capsys.disabled():
        print(f"\nbundled grammars: libvirt's verdict on {agreed} of {checked} documents")
        for key, n in sorted(counts.items()):
            print(f"  {key[0]:22} {key[1]:9} {n}")
        for line in disagree:
            print(f"  disagrees: {line}")
    assert checked > 3000, f"only {checked} documents of the kinds covered"
    assert agreed >= 0.995 * checked, f"{agreed}/{checked}: " + "; ".join(disagree)
    documented = DOCS.read_text()
    undocumented = [d for d in disagree if d.split(" (")[0].split("/")[-1] not in documented]
    assert undocumented == [], "name these in docs/validate.md with the reason"


def test_without_libvirts_schemas_the_bundled_grammar_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "empty"))
    monkeypatch.setenv("DOMXML_SYSTEM_SCHEMAS", "/nonexistent")
    monkeypatch.delenv("DOMXML_SCHEMA_PATH", raising=False)
    document = tmp_path / "vm.xml"
    document.write_text(TDX)
    result = run("validate", str(document))
    assert result.code == 1
    assert "no libvirt schemas found: checked against domxml's own grammar" in result.err
    assert result.out.splitlines()[0] == (
        f"{document}:5:67: error: attribute `buss` is not allowed on <target>;"
        " did you mean `bus`? [attribute-not-allowed]"
    )
    assert "1 file checked against domxml's own grammar" in result.out


def test_asked_for_with_libvirts_schemas_found(tmp_path: Path) -> None:
    document = tmp_path / "vm.xml"
    document.write_text(TDX.replace("buss", "bus"))
    result = run("validate", str(document), "--schemas", "domxml")
    assert result.code == 0, result.out
    assert result.out == "1 file checked against domxml's own grammar: 1 valid, 0 invalid\n"


def test_every_kind_it_covers_is_a_libvirt_kind() -> None:
    names = {kind.schema for kind in KINDS}
    assert set(bundled.generate()) <= names
    assert {"domain.rng", "network.rng", "storagepool.rng"} <= set(bundled.generate())


def test_schema_export_writes_the_same_grammars(tmp_path: Path) -> None:
    result = run("schema", "export", "--format", "rng", "-o", str(tmp_path / "rng"))
    assert result.code == 0, result.err
    written = {p.name: p.read_text() for p in (tmp_path / "rng").iterdir()}
    assert written == bundled.generate()
    assert run("schema", "export", "--format", "rng").code == 2
