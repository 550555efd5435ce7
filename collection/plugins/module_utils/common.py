"""What the domxml.libvirt modules share: importing domxml, reading documents, errors.

The modules run in the managed host's Python (``ansible_python_interpreter``),
which needs domxml and libvirt-python; without domxml a module fails with a
message saying so, never with a traceback.
"""

from __future__ import annotations

import traceback
from typing import Any

from ansible.module_utils.basic import missing_required_lib

__all__ = [
    "DOMXML_IMPORT_ERROR",
    "DomxmlError",
    "connect",
    "error_fields",
    "failures",
    "issue_dict",
    "libvirt_version",
    "read_document",
    "read_source",
    "report_dict",
    "require_domxml",
]

try:
    import domxml
    import domxml.apply
    import domxml.convert
    from domxml.errors import DomxmlError
except ImportError:
    DOMXML_IMPORT_ERROR: str | None = traceback.format_exc()
    DomxmlError = Exception  # type: ignore[misc,assignment]  # never raised without domxml
else:
    DOMXML_IMPORT_ERROR = None


def require_domxml(module: Any) -> None:
    """Fail the task with an installation hint when domxml cannot be imported."""
    if DOMXML_IMPORT_ERROR is not None:
        module.fail_json(
            msg=missing_required_lib(
                "domxml",
                reason="by the domxml.libvirt modules (pip install domxml libvirt-python"
                " into the managed host's ansible_python_interpreter; see domxml's"
                " docs/ansible.md)",
            ),
            exception=DOMXML_IMPORT_ERROR,
        )


def read_document(content: Any, label: str | None) -> Any:
    """A document's model: XML text, YAML or JSON text, or its data in domxml's mapping.

    YAML and JSON follow ``docs/json-mapping.md``: one key, the root
    element's name (``{"network": {"name": ...}}``).
    """
    if isinstance(content, dict):
        return domxml.convert.from_data(content, filename=label)
    if isinstance(content, bytes):
        content = content.decode("utf-8")
    if not isinstance(content, str):
        raise DomxmlError(
            f"content must be XML, YAML or JSON text, or a mapping, not {type(content).__name__}",
            filename=label,
        )
    head = content.lstrip()
    if head.startswith("<"):
        return domxml.parse(content, filename=label)
    if head.startswith("{"):
        return domxml.from_json(content, filename=label)
    return domxml.from_yaml(content, filename=label)


def read_source(module: Any) -> tuple[Any, str | None] | None:
    """The model of the task's ``content`` or ``src`` (on the host), and its label.

    ``None`` when the task gives neither. When both are given (as the action
    plugin passes a controller file: its text as ``content``), ``src`` only
    names the document in messages.
    """
    src = module.params.get("src")
    content = module.params.get("content")
    if content is None and src is None:
        return None
    if content is None:
        try:
            with open(src, "rb") as f:
                content = f.read()
        except OSError as e:
            module.fail_json(msg=f"{src}: cannot read: {e.strerror}")
    label = src if src is not None else None
    try:
        return read_document(content, label), label
    except DomxmlError as e:
        module.fail_json(msg=f"invalid document, nothing was changed: {e}", **error_fields(e))
    return None  # not reached: fail_json exits


def error_fields(error: BaseException) -> dict[str, Any]:
    """A domxml error's location as result fields (``file``, ``line``, ``column``, ``path``).

    Only those the error knows: a libvirt error has none.
    """
    fields = {"file": "filename", "line": "line", "column": "column", "path": "path"}
    found = {key: getattr(error, attr, None) for key, attr in fields.items()}
    return {key: value for key, value in found.items() if value is not None}


def issue_dict(issue: Any) -> dict[str, Any]:
    """One validation finding as JSON-ready data."""
    return {
        "line": issue.line,
        "column": issue.column,
        "path": issue.path,
        "message": issue.message,
        "hint": issue.hint,
        "rule": issue.rule,
        "level": issue.level,
        "allowed": list(issue.allowed),
    }


def report_dict(report: Any) -> dict[str, Any]:
    """A validation report as JSON-ready data."""
    return {
        "file": report.filename,
        "kind": report.kind,
        "libvirt": report.libvirt,
        "status": report.status,
        "valid": report.ok,
        "errors": [issue_dict(i) for i in report.errors],
        "warnings": [issue_dict(i) for i in report.warnings],
    }


def connect(module: Any, uri: str | None) -> Any:
    """A libvirt connection, or the task failed with libvirt's reason."""
    try:
        return domxml.apply.connect(uri)
    except DomxmlError as e:
        module.fail_json(msg=str(e), uri=uri)
    return None  # not reached


def failures() -> tuple[type[BaseException], ...]:
    """The errors a task reports as its failure: domxml's, and libvirt's own."""
    from domxml.apply.connection import libvirt_module

    return (DomxmlError, libvirt_module().libvirtError)


def libvirt_version(conn: Any) -> str:
    """The version of the daemon's libvirt, ``X.Y.Z``."""
    number = int(conn.getLibVersion())
    return f"{number // 1_000_000}.{number // 1000 % 1000}.{number % 1000}"
