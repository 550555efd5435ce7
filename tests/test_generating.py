"""docs/generating.md, run: the page's examples cannot drift from the code.

The Python blocks of the page run in order, in one namespace, as one
program. The block that follows a Python block is what it prints when it
is an ``xml``, ``text`` or ``diff`` block; otherwise the Python block must
print nothing. Every whole ``<domain>`` the page prints, and the domain the
program ends with, must be valid for libvirt 11.3.0's ``domain.rng``. And
the program must pass ``mypy --strict``: the constructors are statically
checked.
"""

from __future__ import annotations

import contextlib
import io
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from corpus import REPO, data_dir, in_ci, is_well_formed, show_diff
from lxml import etree
from mypy import api as mypy_api

import domxml
from domxml.models.domain import Domain
from domxml.safe_xml import safe_parser

PAGE = REPO / "docs" / "generating.md"
OUTPUT_LANGUAGES = ("xml", "text", "diff")

_FENCE = re.compile(r"^```(?P<lang>[\w-]*)\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Block:
    """A fenced block of the page: its language, text and first line number."""

    lang: str
    text: str
    line: int


@dataclass(frozen=True)
class Example:
    """A Python block and what the page says it prints."""

    code: Block
    output: Block | None

    @property
    def expected(self) -> str:
        return "" if self.output is None else self.output.text


def _blocks(page: str) -> list[Block]:
    return [
        Block(m["lang"], m["body"], page.count("\n", 0, m.start("body")) + 1)
        for m in _FENCE.finditer(page)
    ]


def _examples(blocks: list[Block]) -> list[Example]:
    examples = []
    for i, block in enumerate(blocks):
        if block.lang != "python":
            continue
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if following is not None and following.lang not in OUTPUT_LANGUAGES:
            following = None
        examples.append(Example(block, following))
    return examples


BLOCKS = _blocks(PAGE.read_text(encoding="utf-8"))
EXAMPLES = _examples(BLOCKS)


def _program() -> str:
    """The page's Python blocks as one module."""
    return "\n\n".join(example.code.text for example in EXAMPLES)


@dataclass
class Run:
    """What running the page's examples, in order, gave."""

    outputs: list[str]
    namespace: dict[str, Any]


@cache
def _run() -> Run:
    namespace: dict[str, Any] = {"__name__": "generating_md"}
    outputs = []
    for example in EXAMPLES:
        out = io.StringIO()
        code = compile(example.code.text, f"{PAGE}:{example.code.line}", "exec")
        with contextlib.redirect_stdout(out):
            exec(code, namespace)
        outputs.append(out.getvalue())
    return Run(outputs, namespace)


@cache
def _domain_schema() -> etree.RelaxNG | None:
    path = data_dir() / "schemas" / "domain.rng"
    if not path.is_file():
        return None
    return etree.RelaxNG(etree.fromstring(path.read_bytes(), safe_parser(), base_url=str(path)))


def _require_schema() -> etree.RelaxNG:
    """libvirt's domain schema; skips the test (fails it under CI) when it is missing."""
    schema = _domain_schema()
    if schema is None:
        reason = f"libvirt's schemas not found: {data_dir() / 'schemas' / 'domain.rng'}"
        if in_ci():
            pytest.fail(reason)
        pytest.skip(reason)
    return schema


def _is_domain(text: str) -> bool:
    """Whether a block is a whole ``<domain>`` document (not an excerpt of one)."""
    return text.startswith("<domain") and is_well_formed(text)


def _schema_errors(schema: etree.RelaxNG, document: str) -> str:
    if schema.validate(etree.fromstring(document.encode(), safe_parser())):
        return ""
    return "\n".join(f"line {e.line}: {e.message}" for e in schema.error_log)


# --- the page's shape ------------------------------------------------------------


def test_the_page_has_examples() -> None:
    assert len(EXAMPLES) >= 6
    assert any(example.output is not None for example in EXAMPLES)


def test_every_output_block_belongs_to_an_example() -> None:
    """An XML block no example prints would go stale unnoticed."""
    shown = {id(example.output) for example in EXAMPLES if example.output is not None}
    stray = [b.line for b in BLOCKS if b.lang in OUTPUT_LANGUAGES and id(b) not in shown]
    assert stray == [], f"output blocks that follow no Python block, at lines {stray}"


# --- running it ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "index", range(len(EXAMPLES)), ids=[f"line-{e.code.line}" for e in EXAMPLES]
)
def test_example_prints_what_the_page_shows(index: int) -> None:
    example = EXAMPLES[index]
    actual = _run().outputs[index]
    where = f"{PAGE.name}:{example.output.line if example.output else example.code.line}"
    assert actual == example.expected, show_diff(
        example.expected, actual, fromfile=f"{where} (the page)", tofile="printed"
    )


def test_the_program_ends_with_the_domain_it_built() -> None:
    dom = _run().namespace["dom"]
    assert isinstance(dom, Domain)
    assert dom.name == "web01"
    assert domxml.parse(domxml.to_xml(dom)) == dom


def test_the_domains_are_valid_for_libvirt() -> None:
    schema = _require_schema()
    shown = [
        (f"{PAGE.name}:{example.output.line}", example.output.text)
        for example in EXAMPLES
        if example.output is not None and _is_domain(example.output.text)
    ]
    assert shown, "the page prints no whole <domain>"
    final = domxml.to_xml(_run().namespace["dom"])
    for where, document in [*shown, ("the domain the page ends with", final)]:
        errors = _schema_errors(schema, document)
        assert not errors, f"{where} is not valid for libvirt's domain.rng:\n{errors}"


def test_the_schema_check_has_teeth() -> None:
    schema = _require_schema()
    broken = domxml.to_xml(_run().namespace["dom"]).replace("<vcpu placement='static'>", "<vcpu>x")
    assert _schema_errors(schema, broken)


# --- static checking -----------------------------------------------------------------


def _mypy(program: str, tmp_path: Path) -> tuple[int, str]:
    source = tmp_path / "generating_md.py"
    source.write_text(program, encoding="utf-8")
    out, err, status = mypy_api.run(
        [
            "--strict",
            "--config-file",
            str(REPO / "pyproject.toml"),
            "--cache-dir",
            str(tmp_path / "mypy-cache"),
            "--no-error-summary",
            str(source),
        ]
    )
    return status, out + err


def test_the_examples_pass_mypy_strict(tmp_path: Path) -> None:
    status, report = _mypy(_program(), tmp_path)
    assert status == 0, report


def test_mypy_checks_the_constructors(tmp_path: Path) -> None:
    """The check above is worth something: a wrong field type is reported."""
    wrong = "\n\nDisk(device='cdrom')  # a str where DiskDevice is expected\n"
    status, report = _mypy(_program() + wrong, tmp_path)
    assert status == 1 and '"device" to "Disk" has incompatible type "str"' in report, report
