"""Xen ``xl.cfg`` and ``xm`` files ↔ domain XML, against libvirt's test programs.

Every case of ``xlconfigtest`` and ``xmconfigtest`` in each direction they run it (their
``DO_TEST``, ``DO_TEST_PARSE``, ``DO_TEST_FORMAT``), counted and printed
with the reason of each mismatch; each direction must reach 95%, and
every file read must read back, written and read again, as the same domain.
"""

from __future__ import annotations

import pytest
from native_support import Tally, xen_tallies

from domxml.native import xl, xm


@pytest.fixture(scope="module", params=["xl", "xm"])
def tallies(request: pytest.FixtureRequest) -> tuple[Tally, Tally, Tally]:
    flavour = request.param
    return xen_tallies(flavour, {"xl": xl, "xm": xm}[flavour])


def test_file_to_xml_equals_libvirt(tallies: tuple[Tally, Tally, Tally]) -> None:
    tallies[0].check()


def test_xml_to_file_equals_libvirt(tallies: tuple[Tally, Tally, Tally]) -> None:
    tallies[1].check()


def test_round_trip_keeps_what_maps(tallies: tuple[Tally, Tally, Tally]) -> None:
    tallies[2].check(threshold=1.0)
