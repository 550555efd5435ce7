"""Drawn domains read the same while parsed as read whole (domxml.binding.stream).

``domxml.parse`` reads documents of ``STREAM_MIN_BYTES`` or more while they
are parsed; the threshold is lowered here so that drawn documents, small,
are read that way too (tests/test_stream.py reads the corpus both ways).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import domxml
from domxml.binding import document, write_document
from domxml.models.domain import Domain
from fuzz.strategies import models


def _written(data: bytes, threshold: int, monkeypatch: pytest.MonkeyPatch) -> tuple[str, ...]:
    monkeypatch.setattr(document, "STREAM_MIN_BYTES", threshold)
    model = domxml.parse(data)
    return (
        domxml.to_xml(model),
        write_document(model, "parsed", verbatim=False),
        domxml.to_json(model),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(models(Domain))
def test_drawn_domains_read_the_same_streamed(domain: Any) -> None:
    data = domxml.to_xml(domain).encode()
    with pytest.MonkeyPatch.context() as monkeypatch:
        whole = _written(data, 1 << 40, monkeypatch)
        streamed = _written(data, 0, monkeypatch)
    assert streamed == whole
    assert streamed[0].encode() == data
