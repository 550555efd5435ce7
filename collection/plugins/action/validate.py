"""Action plugin of domxml.libvirt.validate: files on the controller are read there.

Validation runs on the managed host, against its libvirt's version: the
controller's files are sent to the module as ``documents`` (name and text),
unless ``remote_src`` is true.
"""

from __future__ import annotations

from typing import Any

from ansible.module_utils.parsing.convert_bool import boolean
from ansible.plugins.action import ActionBase
from ansible_collections.domxml.libvirt.plugins.action.object import read_controller_file


class ActionModule(ActionBase):
    """Read the controller's ``src`` files, then validate them on the host."""

    TRANSFERS_FILES = False

    def run(self, tmp: Any = None, task_vars: Any = None) -> dict[str, Any]:
        result: dict[str, Any] = super().run(tmp, task_vars)
        args = dict(self._task.args)
        src = args.get("src")
        if src is not None and not boolean(args.get("remote_src", False)):
            paths = [src] if isinstance(src, str) else list(src)
            documents = list(args.get("documents") or [])
            for path in paths:
                name, text = read_controller_file(self, path)
                documents.append({"name": name, "content": text})
            args.pop("src")
            args["documents"] = documents
        result.update(
            self._execute_module(
                module_name="domxml.libvirt.validate", module_args=args, task_vars=task_vars
            )
        )
        return result
