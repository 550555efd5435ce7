"""Drawn domains read the same lazily as read at once (domxml.binding.pending).

``domxml.parse`` leaves child models pending until the program reaches
them, and writes an element nothing reached from lxml's element
(tests/test_pending.py compares the corpus both ways).
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings

import domxml
from domxml.binding import write_document
from domxml.models.domain import Domain
from fuzz.strategies import models


def _written(model: Any) -> tuple[str, ...]:
    return (
        domxml.to_xml(model),
        write_document(model, "parsed", verbatim=False),
        write_document(model, "libvirt"),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(models(Domain))
def test_drawn_domains_read_the_same_lazily(domain: Any) -> None:
    data = domxml.to_xml(domain).encode()
    eager = domxml.parse(data, lazy=False)
    assert _written(domxml.parse(data)) == _written(eager)
    assert domxml.to_json(domxml.parse(data)) == domxml.to_json(eager)
    assert domxml.to_xml(domxml.parse(data)).encode() == data
