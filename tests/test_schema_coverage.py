"""Schema coverage: every name libvirt 11.3.0's domain schema allows has a typed field.

The walk (``domxml.tools.coverage``) reads ``domain.rng`` with what it
includes and checks, element by element from ``<domain>``, each attribute
and child element name the schema allows against the models' fields. A
name with no field must be one of the deliberate omissions
(``DOMAIN_OMISSIONS``, each with its reason). The counts are printed.

Then the walk itself, on small grammars written here: includes and their
overrides, ``combine=``, the name-class forms, namespaces, open content
and same-named elements from different definitions.
"""

from __future__ import annotations

import enum
from pathlib import Path

import pytest
from corpus import require_schema_dir
from lxml import etree

from domxml.binding import Model, any_elements, attr, child, children, element, leaf, variant
from domxml.tools.coverage import (
    DOMAIN_OMISSIONS,
    CoverageReport,
    Finding,
    check_coverage,
    coverage,
    domain_coverage,
    format_counts,
    format_report,
    load_grammar,
    roots,
)

DEVICES = "/domain/devices"


@pytest.fixture(scope="module")
def report() -> CoverageReport:
    """The coverage of libvirt's domain schema; skips (fails under CI) without it."""
    return domain_coverage(require_schema_dir())


def _listing(missing: list[Finding]) -> str:
    return "\n".join(f"  {f.location}  ({f.holder})" for f in missing)


def test_every_name_outside_devices_is_typed(
    report: CoverageReport, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = report.missing(outside=DEVICES)
    counts = format_counts(report.counts())
    devices = format_counts(report.counts(under=DEVICES))
    with capsys.disabled():
        print(f"\ndomain.rng coverage: {counts}\n  of which {DEVICES}: {devices}")
    assert outside == [], (
        f"domain.rng coverage: {counts}; {len(outside)} names outside {DEVICES} "
        f"have no typed field:\n{_listing(outside)}"
    )


def test_every_device_name_is_typed(report: CoverageReport) -> None:
    inside = report.missing(under=DEVICES)
    assert inside == [], (
        f"{DEVICES} coverage: {format_counts(report.counts(under=DEVICES))}:\n{_listing(inside)}"
    )


def test_every_omission_is_still_needed(report: CoverageReport) -> None:
    assert report.unused_omissions == [], (
        "these deliberate omissions matched no untyped name (typed since, or gone from the "
        "schema): remove them from DOMAIN_OMISSIONS"
    )


def test_every_omission_says_why() -> None:
    assert all(reason.strip() for reason in DOMAIN_OMISSIONS.values())


class _Mode(enum.Enum):
    ON = "on"
    OFF = "off"


@element("v")
class _V(Model):
    mode: _Mode | None = attr(default=None)
    state: str | None = leaf(default=None)


@pytest.mark.parametrize("schema", sorted(roots()))
def test_every_name_and_value_of_every_kind_is_typed(
    schema: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every kind the models cover: names and enumerated values, omissions aside."""
    report = coverage(require_schema_dir(), schema)
    values = [f for f in report.findings if f.kind == "value"]
    with capsys.disabled():
        print(
            f"\n{schema} coverage: {format_counts(report.counts())}"
            f" ({len(values)} enumerated values)"
        )
    assert values, f"{schema}: no enumerated value was checked"
    assert report.missing() == [], f"{schema}:\n{_listing(report.missing())}"
    assert report.unused_omissions == []


def test_a_value_the_field_cannot_read_is_missing(tmp_path: Path) -> None:
    schema = _write(
        tmp_path,
        "v.rng",
        """<start><element name="v"><attribute name="mode"><choice>
             <value>on</value><value>off</value><value>auto</value></choice></attribute>
           <element name="state"><choice><value>up</value><value>down</value></choice>
           </element></element></start>""",
    )

    report = check_coverage(load_grammar(schema), _V, omissions={})
    assert [f.location for f in report.missing()] == ["/v/@mode='auto'"]
    assert {f.location for f in report.findings if f.status == "typed"} >= {
        "/v/@mode='on'",
        "/v/state='up'",
    }


# --- the walk, on small grammars ---------------------------------------------

RNG = 'xmlns="http://relaxng.org/ns/structure/1.0"'
EXT = "urn:example:ext"


def _write(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"<grammar {RNG}>\n{body}\n</grammar>\n", encoding="utf-8")
    return path


@pytest.fixture
def grammar_dir(tmp_path: Path) -> Path:
    """``top.rng``, including ``common.rng`` and overriding and combining its defines."""
    _write(
        tmp_path,
        "common.rng",
        """
        <start><ref name="top"/></start>
        <define name="top">
          <element name="top">
            <attribute name="type"/>
            <interleave>
              <ref name="extra"/>
              <zeroOrMore><ref name="item"/></zeroOrMore>
              <optional><element name="note"><text/></element></optional>
              <optional><ref name="overridden"/></optional>
              <optional>
                <element><choice><name>left</name><name>right</name></choice><empty/></element>
              </optional>
              <optional><element name="private"><notAllowed/></element></optional>
              <optional>
                <element name="blob"><zeroOrMore><ref name="any"/></zeroOrMore></element>
              </optional>
              <optional>
                <element name="ext" ns="urn:example:ext">
                  <element name="inner"><attribute name="value"/></element>
                </element>
              </optional>
            </interleave>
          </element>
        </define>
        <define name="item">
          <element name="item"><attribute name="a"/></element>
        </define>
        <define name="extra"><notAllowed/></define>
        <define name="overridden"><element name="gone"><empty/></element></define>
        <define name="any">
          <element><anyName/><zeroOrMore><attribute><anyName/></attribute></zeroOrMore></element>
        </define>
        """,
    )
    _write(
        tmp_path,
        "top.rng",
        """
        <include href="common.rng">
          <define name="overridden"><element name="kept"><empty/></element></define>
        </include>
        <define name="extra" combine="choice">
          <element name="item"><attribute name="b"/></element>
        </define>
        """,
    )
    return tmp_path


@element("item")
class Item(Model):
    """Typed ``a`` only: ``b`` comes from the combined definition."""

    a: str | None = attr()


@element("inner", ns=EXT, prefix="ext")
class Inner(Model):
    """Typed fully."""

    value: str | None = attr()


@element("ext", ns=EXT, prefix="ext")
class Ext(Model):
    """In its own namespace, like ``qemu:commandline``."""

    inner: Inner | None = child()


@element("blob")
class Blob(Model):
    """Open content."""

    content: list[etree._Element] = any_elements()


@element("top", discriminator="type")
class Top(Model):
    """The root; ``left`` is typed on a variant only."""

    type: str | None = attr()
    items: list[Item] = children()
    note: str | None = leaf()
    blob: Blob | None = child()
    ext: Ext | None = child()


@variant("x")
class TopX(Top):
    """A variant with a field of its own."""

    left: str | None = leaf()


def _walk(folder: Path, **kwargs: dict[str, str]) -> CoverageReport:
    return check_coverage(load_grammar(folder / "top.rng"), Top, **kwargs)


def test_walk_lists_what_the_schema_allows_and_what_is_typed(grammar_dir: Path) -> None:
    report = _walk(grammar_dir, omissions={})
    status = {f.location: f.status for f in report.findings}
    assert status == {
        "/top/@type": "typed",
        "/top/blob": "typed",
        "/top/{urn:example:ext}ext": "typed",
        "/top/item": "typed",
        "/top/kept": "missing",  # the include's override, not common.rng's <gone>
        "/top/left": "typed",  # on the variant
        "/top/note": "typed",
        "/top/right": "missing",
        "/top/blob/*": "typed",  # open content, held by any_elements()
        "/top/{urn:example:ext}ext/{urn:example:ext}inner": "typed",  # ns= is inherited
        "/top/item/@a": "typed",
        "/top/item/@b": "missing",  # both definitions of <item> merged
        "/top/{urn:example:ext}ext/{urn:example:ext}inner/@value": "typed",
    }
    assert report.counts() == {"checked": 13, "typed": 10, "omitted": 0, "missing": 3}
    assert report.missing_by_parent() == {"/top": ([], ["kept", "right"]), "/top/item": (["b"], [])}


def test_omissions_and_their_reasons(grammar_dir: Path) -> None:
    omissions = {"/top/right": "a test reason", "//item/@b": "anywhere", "/top/nothing": "stale"}
    report = _walk(grammar_dir, omissions=omissions)
    assert [(f.location, f.reason) for f in report.findings if f.status == "omitted"] == [
        ("/top/right", "a test reason"),
        ("/top/item/@b", "anywhere"),
    ]
    assert report.unused_omissions == ["/top/nothing"]
    text = format_report(report)
    assert "omitted  <> right  # a test reason" in text
    assert "unused omission (typed now, or not in the schema): /top/nothing" in text
    assert text.endswith("total: checked 13, typed 10, omitted 2, missing 1\n")


def test_a_leaf_holding_attributes_leaves_them_missing(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "top.rng",
        """
        <start>
          <element name="top">
            <attribute name="type"/>
            <element name="note"><attribute name="lang"/><text/></element>
          </element>
        </start>
        """,
    )
    report = _walk(tmp_path, omissions={})
    (finding,) = report.missing()
    assert (finding.location, finding.holder) == ("/top/note/@lang", "leaf")
