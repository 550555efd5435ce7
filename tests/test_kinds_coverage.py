"""Schema coverage of the new kinds, for libvirt 11.3.0 and 12.9.0: names and enumerated values.

``domxml.tools.kinds_coverage`` walks each kind's schema with its root
model (``domxml.tools.coverage``'s walk); every attribute and element name
needs a typed field and every enumerated value a field that reads it,
apart from the deliberate omissions of ``OMISSIONS`` (each with its
reason). The counts are printed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import data_dir, in_ci

from domxml.tools.coverage import format_counts
from domxml.tools.kinds_coverage import OMISSIONS, TARGETS, kind_coverage, split_counts

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
    names, values = split_counts(report)
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


def test_an_embedded_domain_is_named_not_walked() -> None:
    report = kind_coverage(_schemas("12.9.0"), "domaincheckpoint")
    locations = {f.location for f in report.findings}
    assert "/domaincheckpoint/domain" in locations
    assert not any(loc.startswith("/domaincheckpoint/domain/") for loc in locations)
