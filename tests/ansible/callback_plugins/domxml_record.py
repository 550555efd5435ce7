"""A callback for tests/test_ansible.py: every task result, as a JSON line.

Written to the file ``$DOMXML_ANSIBLE_RECORD`` names, so that the tests
assert on each host's and task's result (``changed``, ``diff``, the
module's return values), not on the text of the default output.
"""

from __future__ import annotations

import json
import os
from typing import Any

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):  # type: ignore[misc]
    """Append ``{"host", "task", "status", "result"}`` per task result."""

    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "domxml_record"
    CALLBACK_NEEDS_ENABLED = True

    def v2_runner_on_ok(self, result: Any) -> None:
        self._write(result, "ok")

    def v2_runner_on_failed(self, result: Any, ignore_errors: bool = False) -> None:
        self._write(result, "failed")

    def v2_runner_on_skipped(self, result: Any) -> None:
        self._write(result, "skipped")

    def _write(self, result: Any, status: str) -> None:
        line = {
            "host": result._host.get_name(),
            "task": result._task.get_name(),
            "status": status,
            "result": dict(result._result),
        }
        with open(os.environ["DOMXML_ANSIBLE_RECORD"], "a", encoding="utf-8") as f:
            f.write(json.dumps(line, default=str) + "\n")
