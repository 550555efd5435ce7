"""docs/building.md, run: its Python blocks in order, each printing the block that follows.

The blocks run as one program in one namespace; the ``xml`` or ``text``
block after a Python block is what it prints (otherwise it prints nothing).
Validation sees libvirt 9.0.0's schemas (beside the corpus), and the page
applies to the embedded test driver, so libvirt-python is needed.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from corpus import REPO, data_dir, in_ci, show_diff
from libvirt_support import require_libvirt

PAGE = REPO / "docs" / "building.md"
_FENCE = re.compile(r"^```(?P<lang>[\w-]*)\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)


def _examples() -> list[tuple[int, str, str]]:
    """(line, code, expected output) of each Python block."""
    text = PAGE.read_text(encoding="utf-8")
    blocks = [
        (m["lang"], m["body"], text.count("\n", 0, m.start("body")) + 1)
        for m in _FENCE.finditer(text)
    ]
    examples = []
    for i, (lang, body, line) in enumerate(blocks):
        if lang != "python":
            continue
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        expected = following[1] if following and following[0] in ("xml", "text") else ""
        examples.append((line, body, expected))
    return examples


@pytest.fixture
def schemas(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    schema_dir = data_dir().parent / "9.0.0" / "schemas"
    if not (schema_dir / "domain.rng").is_file():
        reason = f"libvirt 9.0.0 schemas not found in {schema_dir}"
        if in_ci():
            pytest.fail(reason)
        pytest.skip(reason)
    monkeypatch.setenv("DOMXML_SCHEMA_PATH", str(schema_dir))
    monkeypatch.setenv("DOMXML_SYSTEM_SCHEMAS", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    yield


@pytest.mark.contained  # opens the embedded test driver in its process
def test_the_page_runs_and_prints_what_it_shows(schemas: None) -> None:
    require_libvirt()
    examples = _examples()
    assert len(examples) >= 5
    namespace: dict[str, object] = {"__name__": "building_md"}
    for line, code, expected in examples:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, f"{PAGE}:{line}", "exec"), namespace)
        assert out.getvalue() == expected, show_diff(expected, out.getvalue())
    _forget("web01")


def _forget(name: str) -> None:
    """Undefine what a page defined on the test driver, whose state other tests share."""
    from domxml.apply import connect

    conn = connect("test:///default")
    try:
        if name in conn.listDefinedDomains():  # gone with the page's connection, unless shared
            conn.lookupByName(name).undefine()
    finally:
        conn.close()


def test_every_recipe_is_listed() -> None:
    from domxml.build.recipes import RECIPES

    text = PAGE.read_text(encoding="utf-8")
    for recipe in RECIPES:
        assert f"| `{recipe.name}` |" in text, recipe.name


@pytest.mark.contained  # opens the embedded test driver in its process
def test_readme_first_example_builds_validates_and_applies_in_five_lines(schemas: None) -> None:
    require_libvirt()
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first = _FENCE.search(readme)
    assert first is not None and first["lang"] == "python"
    code = first["body"]
    lines = [line for line in code.splitlines() if line.strip()]
    assert len(lines) == 5, lines
    assert "from domxml.build import" in code and 'firmware="efi"' in code
    # The page applies to the host's daemon; the test, to the embedded test driver.
    assert "qemu:///system" in code
    namespace: dict[str, object] = {}
    exec(compile(code.replace("qemu:///system", "test:///default"), "README.md", "exec"), namespace)
    _forget("web01")
    dom = namespace["dom"]
    from domxml.models.domain import Domain

    assert isinstance(dom, Domain) and dom.os is not None
    assert dom.os.firmware is not None and dom.os.firmware.value == "efi"
