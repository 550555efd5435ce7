"""Action plugin of domxml.libvirt.object: a ``src`` on the controller is read there.

The module runs on the managed host; a document on the controller is sent
to it as ``content``, with ``src`` kept to name it in messages, as
``ansible.builtin.copy`` reads its ``src`` on the controller unless
``remote_src`` is true.
"""

from __future__ import annotations

from typing import Any

from ansible.errors import AnsibleActionFail
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.plugins.action import ActionBase


def read_controller_file(action: ActionBase, src: str) -> tuple[str, str]:
    """The path a controller ``src`` resolves to (the role's or playbook's files/), and its text."""
    try:
        path = action._find_needle("files", src)
        real = action._loader.get_real_file(path, decrypt=True)
        with open(real, "rb") as f:
            data = f.read()
    except (OSError, AnsibleActionFail) as e:
        raise AnsibleActionFail(f"{src}: cannot read on the controller: {e}") from e
    try:
        return path, data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise AnsibleActionFail(f"{path}: not UTF-8 text: {e}") from e


class ActionModule(ActionBase):
    """Read a controller ``src``, then run the module on the host with its text."""

    TRANSFERS_FILES = False

    def run(self, tmp: Any = None, task_vars: Any = None) -> dict[str, Any]:
        result: dict[str, Any] = super().run(tmp, task_vars)
        args = dict(self._task.args)
        if args.get("src") is not None and not boolean(args.get("remote_src", False)):
            if args.get("content") is not None:
                raise AnsibleActionFail("src and content are mutually exclusive")
            args["src"], args["content"] = read_controller_file(self, args["src"])
        result.update(
            self._execute_module(
                module_name="domxml.libvirt.object", module_args=args, task_vars=task_vars
            )
        )
        return result
