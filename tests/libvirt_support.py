"""Set-up shared by the apply tests: the libvirt binding and the test driver.

The apply layer needs the libvirt Python binding (libvirt-python), which
``scripts/bootstrap.sh`` builds into the virtualenv. Without it the tests
that need it are skipped with the reason, except under CI where they fail.
The embedded test driver (``test:///default``) runs in the test process;
its state lives while a connection to it is open, so the fixture keeps one
open for the session.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from corpus import in_ci

TEST_URI = "test:///default"


def require_libvirt() -> Any:
    """The libvirt module; skip the test (fail it under CI) when it is missing."""
    try:
        import libvirt
    except ImportError:
        reason = "libvirt-python is not installed (scripts/bootstrap.sh builds it)"
        if in_ci():
            pytest.fail(reason)
        pytest.skip(reason)
    return libvirt


@pytest.fixture(scope="session")
def test_conn() -> Iterator[Any]:
    """A connection to libvirt's embedded test driver, open for the whole session."""
    require_libvirt()
    from domxml.apply import connect

    conn = connect(TEST_URI)
    yield conn
    conn.close()
