"""Schema coverage of the new kinds, for libvirt 11.3.0 and 12.9.0: names and enumerated values.

``domxml.tools.kinds_coverage`` walks each kind's schema with its root
model; every attribute and element name needs a typed field and every
enumerated value a field that reads it, apart from the deliberate
omissions of ``OMISSIONS`` (each with its reason). The counts are printed.
Then the value check itself, on a small grammar.
"""

from __future__ import annotations

import enum
from pathlib import Path

import pytest
from corpus import data_dir, in_ci

from domxml.binding import Model, attr, element, leaf, variant
from domxml.tools.coverage import check_coverage, format_counts, load_grammar
from domxml.tools.kinds_coverage import OMISSIONS, TARGETS, kind_coverage

VERSIONS = ("11.3.0", "12.9.0")


def _schemas(version: str) -> Path:
    schemas = data_dir().parent / version / "schemas"
    if not (schemas / "domain.rng").is_file():
        reason = f"libvirt {version} schemas not found in {schemas}"
        if in_ci():
            pytest.fail(reason)
        pytest.skip(reason)
    return schemas


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("kind", list(TARGETS))
def test_every_name_and_value_is_typed(
    kind: str, version: str, capsys: pytest.CaptureFixture[str]
) -> None:
    report = kind_coverage(_schemas(version), kind)
    names, values = report.counts(values=False), report.counts(values=True)
    with capsys.disabled():
        print(
            f"\n{TARGETS[kind].schema} {version}: names {format_counts(names)};"
            f" enumerated values {format_counts(values)}"
        )
    assert names["typed"] > 0
    missing = [f"{f.location}  ({f.holder})" for f in report.missing()]
    assert missing == [], f"{kind} {version}: no typed field for:\n  " + "\n  ".join(missing)
    assert report.unused_omissions == []


def test_every_omission_says_why() -> None:
    assert all(reason.strip() for table in OMISSIONS.values() for reason in table.values())


# --- the value check, on a small grammar ----------------------------------------------

RNG = 'xmlns="http://relaxng.org/ns/structure/1.0"'


class Colour(enum.Enum):
    """Two of the schema's three colours."""

    RED = "red"
    GREEN = "green"


@element("shape", discriminator="kind")
class Shape(Model):
    """A discriminated element: ``square`` has a variant, ``circle`` has none."""

    kind: str | None = attr()
    colour: Colour | None = attr()
    size: str | None = leaf()


@variant("square")
class Square(Shape):
    """The one variant."""


def test_values_without_a_field_value_or_variant_are_missing(tmp_path: Path) -> None:
    (tmp_path / "top.rng").write_text(
        f"""<grammar {RNG}><start>
          <element name="shape">
            <attribute name="kind"><choice><value>square</value><value>circle</value></choice>
            </attribute>
            <attribute name="colour"><ref name="colours"/></attribute>
            <element name="size"><choice><value>small</value><data type="string"/></choice>
            </element>
          </element></start>
          <define name="colours"><choice><value>red</value><value> green </value><value>blue</value>
          </choice></define>
        </grammar>""",
        encoding="utf-8",
    )
    report = check_coverage(load_grammar(tmp_path / "top.rng"), Shape, omissions={}, values=True)
    status = {f.location: f.status for f in report.findings if f.is_value}
    assert status == {
        "/shape/@colour=blue": "missing",
        "/shape/@colour=green": "typed",  # a token: whitespace does not count
        "/shape/@colour=red": "typed",
        "/shape/@kind=circle": "missing",  # no variant
        "/shape/@kind=square": "typed",
        "/shape/size=small": "typed",  # a plain text field reads anything
    }
    assert report.counts(values=False) == {"checked": 3, "typed": 3, "omitted": 0, "missing": 0}
