"""domxml's own grammars: committed fresh, and libvirt's verdict on libvirt's documents.

``schemas/rng/`` holds RELAX NG grammars generated from the model
declarations (``python -m domxml.validation.bundled --write``), shipped in
the package for where libvirt's schemas are not installed. Over libvirt's
test documents (every checked document of corpus/ and corpus-kinds/),
``domxml validate`` on a machine without libvirt's schemas must reach the
verdict of libvirt 11.3.0 (its MANIFEST.tsv) and of libvirt 12.9.0 (its
installed schemas, by lxml) on at least 99.5% each; every document where
it does not is named in docs/validate.md with the reason.
``tests/test_package.py`` runs the same check with the built wheel.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from bundled_support import (
    Checked,
    checked_documents,
    hermetic_environment,
    undocumented,
    unpinpointed,
)
from corpus import require_schema_dir
from lxml import etree
from validate_support import run

from domxml.safe_xml import safe_parser
from domxml.validation import bundled
from domxml.validation.devices import DEVICE_SCHEMA, compile_device_grammar
from domxml.validation.kinds import KINDS, kind_named

TDX = """<domain type='kvm'>
  <name>tdx</name>
  <memory unit='MiB'>64</memory>
  <os><type arch='x86_64'>hvm</type></os>
  <devices><disk type='file'><source file='/a'/><target dev='vda' buss='virtio'/></disk></devices>
</domain>
"""


def test_the_committed_grammars_are_fresh() -> None:
    assert bundled.main(["--check"]) == 0, "run: python -m domxml.validation.bundled --write"


@pytest.fixture(scope="module")
def checked() -> list[Checked]:
    return checked_documents()


@pytest.fixture(scope="module")
def reports(
    checked: list[Checked], tmp_path_factory: pytest.TempPathFactory
) -> dict[Path, dict[str, Any]]:
    """``domxml validate --schema-only`` over every checked document, without libvirt's schemas.

    In a process of its own with a new HOME (no imported set) and the
    system's schemas hidden, as on a machine without libvirt: it checks
    against domxml's own grammars, each document's kind told from its root.
    The schema's verdict alone (``--schema-only``): libvirt's MANIFEST says
    what libvirt's schema says, not what its drivers refuse.
    """
    home = tmp_path_factory.mktemp("home")
    result = subprocess.run(
        [sys.executable, "-m", "domxml", "validate", "--format", "json", "--schema-only"]
        + [str(document.path) for document in checked],
        env=hermetic_environment(home),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    assert "no libvirt schemas found: checked against domxml's own grammar" in result.stderr
    output = json.loads(result.stdout)
    assert output["libvirt"] == bundled.BUNDLED
    return {Path(item["file"]): item for item in output["files"]}


def test_libvirt_11_3_0s_verdicts_over_both_corpora(
    checked: list[Checked],
    reports: dict[Path, dict[str, Any]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """libvirt 11.3.0's verdicts (MANIFEST.tsv) on every checked document; errors pinpointed."""
    counts: Counter[tuple[str, str]] = Counter()
    disagree: list[str] = []
    for document in checked:
        report = reports[document.path]
        kind = kind_named(report["kind"]) if report["kind"] else None
        # The kind told from the root is the one libvirt checks it as.
        assert kind is not None and kind.schema == document.schema, (
            f"{document.name}: {report['kind']}, {document.schema}"
        )
        agrees = report["status"] == document.expected
        counts[(kind.name, "agree" if agrees else "disagree")] += 1
        if not agrees:
            disagree.append(document.name)
    agreed = len(checked) - len(disagree)
    with capsys.disabled():
        print(
            f"\nbundled grammars, corpus/ and corpus-kinds/: libvirt 11.3.0's verdict on {agreed}"
            f" of {len(checked)} documents ({100 * agreed / len(checked):.2f}%)"
        )
        for key, n in sorted(counts.items()):
            print(f"  {key[0]:24} {key[1]:9} {n}")
        for name in disagree:
            print(f"  disagrees: {name}")
    assert len(checked) > 3500, f"only {len(checked)} documents"
    assert {"domaindevice", "interface"} <= {name for name, _ in counts}
    assert agreed >= 0.995 * len(checked), f"{agreed}/{len(checked)}: " + "; ".join(disagree)
    assert undocumented(disagree) == [], "name these in docs/validate.md with the reason"
    assert [e for r in reports.values() for e in unpinpointed(r)] == []


def test_libvirt_12_9_0s_verdicts_over_both_corpora(
    checked: list[Checked],
    reports: dict[Path, dict[str, Any]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """libvirt 12.9.0's verdicts, by lxml with its installed schemas, on the same documents.

    The grammars follow the models, which know every release up to 12.9.0:
    what 12.9.0's schema refuses and 11.3.0's took (and the reverse) is
    where they can agree with one release only. A single device is checked
    with the grammar ``validate`` makes from 12.9.0's domain schema, as
    libvirt's test schema of single devices is made from its own.
    """
    schemas = require_schema_dir("12.9.0")
    device = compile_device_grammar(schemas)
    assert device is not None
    grammars: dict[str, etree.RelaxNG] = {DEVICE_SCHEMA: device}
    parser = safe_parser()
    disagree: list[str] = []
    release_differs: list[str] = []
    for document in checked:
        if document.schema not in grammars:
            grammars[document.schema] = etree.RelaxNG(etree.parse(str(schemas / document.schema)))
        root = etree.fromstring(document.path.read_bytes(), parser)
        theirs = "valid" if grammars[document.schema].validate(root) else "invalid"
        if theirs != reports[document.path]["status"]:
            disagree.append(f"{document.name} ({theirs} for 12.9.0)")
        if theirs != document.expected:
            release_differs.append(document.name)
    agreed = len(checked) - len(disagree)
    with capsys.disabled():
        print(
            f"\nbundled grammars, corpus/ and corpus-kinds/: libvirt 12.9.0's verdict on {agreed}"
            f" of {len(checked)} documents ({100 * agreed / len(checked):.2f}%);"
            f" 12.9.0 and 11.3.0 differ on {len(release_differs)}"
        )
        for line in disagree:
            print(f"  disagrees: {line}")
    assert agreed >= 0.995 * len(checked), f"{agreed}/{len(checked)}: " + "; ".join(disagree)
    names = [line.split(" (")[0] for line in disagree]
    assert undocumented(names) == [], "name these in docs/validate.md with the reason"


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


def test_asked_for_with_a_libvirt_version_is_refused(tmp_path: Path) -> None:
    document = tmp_path / "vm.xml"
    document.write_text(TDX.replace("buss", "bus"))
    result = run("validate", str(document), "--schemas", "domxml", "--libvirt", "9.0.0")
    assert result.code == 2
    assert "--libvirt 9.0.0 and --schemas domxml" in result.err
    assert result.out == ""


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


NET = "<network><name>n</name><ip address='192.168.1.1' prefix='24'><dhcp>{}</dhcp></ip></network>"
DISK_SOURCE = "<disk type='file'><source file='/a.img'>{}</source><target dev='vda'/></disk>"


@pytest.mark.parametrize(
    ("schema", "document", "valid"),
    [
        # one_needed with an exclusive group inside: (mac | id) name? | name
        ("network.rng", NET.format("<host mac='52:54:00:00:00:01' ip='192.168.1.2'/>"), True),
        ("network.rng", NET.format("<host name='paul' ip='192.168.1.2'/>"), True),
        ("network.rng", NET.format("<host ip='192.168.1.2'/>"), False),
        (
            "network.rng",
            NET.format(
                "<host mac='52:54:00:00:00:01' id='0:3:0:1:0:16:3e:11:22:33' ip='192.168.1.2'/>"
            ),
            False,
        ),
        # exclusive: a prefix or a netmask
        (
            "network.rng",
            "<network><name>n</name><ip prefix='24' netmask='255.0.0.0'/></network>",
            False,
        ),
        # together and requires: <cipher> and <ivgen> together, and with a secret
        (
            "storagevol.rng",
            "<volume><name>v</name><target><encryption format='luks'>"
            "<secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/>"
            "<cipher name='aes' size='256'/><ivgen name='plain64'/></encryption></target></volume>",
            True,
        ),
        (
            "storagevol.rng",
            "<volume><name>v</name><target><encryption format='luks'>"
            "<cipher name='aes' size='256'/><ivgen name='plain64'/></encryption></target></volume>",
            False,
        ),
        (
            "storagevol.rng",
            "<volume><name>v</name><target><encryption format='luks'>"
            "<secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/>"
            "<ivgen name='plain64'/></encryption></target></volume>",
            False,
        ),
        # a list of at most one item: one <slice>
        (
            "device.rng",
            DISK_SOURCE.format("<slices><slice type='storage' offset='0' size='1'/></slices>"),
            True,
        ),
        (
            "device.rng",
            DISK_SOURCE.format(
                "<slices><slice type='storage' offset='0' size='1'/>"
                "<slice type='storage' offset='1' size='1'/></slices>"
            ),
            False,
        ),
        # the single devices' allowances: no target, an empty one, private data
        ("device.rng", "<disk type='file'><source file='/a.img'/></disk>", True),
        ("device.rng", "<disk type='file'><source file='/a.img'/><target/></disk>", True),
        (
            "device.rng",
            DISK_SOURCE.format(
                "<privateData><nodenames><nodename type='storage' name='n'/></nodenames>"
                "</privateData>"
            ),
            True,
        ),
        (
            "domain.rng",
            "<domain type='kvm'><name>d</name><memory>1</memory><os><type>hvm</type></os>"
            "<devices>"
            + DISK_SOURCE.format(
                "<privateData><nodenames><nodename type='storage' name='n'/></nodenames>"
                "</privateData>"
            )
            + "</devices></domain>",
            False,
        ),
        (
            "domain.rng",
            "<domain type='kvm'><name>d</name><memory>1</memory><os><type>hvm</type></os>"
            "<devices><disk type='file'><source file='/a.img'/></disk></devices></domain>",
            False,
        ),
    ],
)
def test_the_grammars_state_the_declarations_groups(
    schema: str, document: str, valid: bool
) -> None:
    grammar = etree.RelaxNG(etree.parse(str(bundled.grammar_dir() / schema)))
    assert grammar.validate(etree.fromstring(document)) is valid, grammar.error_log


@pytest.mark.parametrize("schema", sorted(bundled.generate()))
def test_attributes_are_never_a_sequence_of_optional_ones(schema: str) -> None:
    """More than one attribute of an element is in an ``<interleave>``.

    libxml2 keeps both outcomes of every optional attribute it matched in a
    sequence: 2^n states for n attributes present (an nwfilter rule's
    ``<ip>`` with 15 took 7 s); in an interleave it hands each attribute to
    its branch by name.
    """
    rng = "{http://relaxng.org/ns/structure/1.0}"
    tree = etree.parse(str(bundled.grammar_dir() / schema))
    sequences = [
        f"line {parent.sourceline}"
        for parent in tree.iter(f"{rng}define", f"{rng}element", f"{rng}group")
        if sum(
            child.tag == f"{rng}attribute"
            or (child.tag == f"{rng}optional" and child[0].tag == f"{rng}attribute")
            for child in parent
        )
        > 1
    ]
    assert sequences == []


def test_a_release_asked_for_without_its_schemas_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--libvirt X`` with no libvirt set: domxml's own grammar is no stand-in for a release.

    It is no single release's (it takes what only newer ones know), so the
    check stops and says how to get that release's schemas.
    """
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "empty"))
    monkeypatch.setenv("DOMXML_SYSTEM_SCHEMAS", "/nonexistent")
    monkeypatch.delenv("DOMXML_SCHEMA_PATH", raising=False)
    document = tmp_path / "vm.xml"
    document.write_text(TDX.replace("buss", "bus"))
    result = run("validate", "--libvirt", "9.0", str(document))
    assert result.code == 2
    assert result.out == ""
    assert result.err == (
        "domxml: error: no schemas for libvirt 9.0.0: no libvirt schema set found."
        " `domxml schemas fetch 9.0.0` downloads that release and imports its schemas"
        " (`domxml schemas import libvirt-9.0.0.tar.xz` a tarball at hand); without a"
        " libvirt version asked for, domxml validate checks against domxml's own grammar,"
        " which is no single release's\n"
    )
    assert run("validate", str(document)).code == 0
