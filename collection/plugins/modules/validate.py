"""domxml.libvirt.validate: validate libvirt documents against the host's libvirt version."""

from __future__ import annotations

DOCUMENTATION = r"""
---
module: validate
short_description: Validate libvirt XML, YAML or JSON documents against the host's libvirt
description:
  - Validates documents with domxml against libvirt's schemas of the version the
    managed host's libvirt runs (or of O(libvirt)), with domxml's lint rules
    (firmware mistakes libvirt would refuse at start) as warnings.
  - Each finding comes back as data, with its line, column, XPath-like location,
    message and hint (C(did you mean 'bus'?)).
  - Documents may be on the controller (the default) or on the managed host
    (O(remote_src=true)); validation runs on the managed host either way.
  - Nothing on the host is changed; the task never reports C(changed).
version_added: "0.1.0"
author:
  - domxml developers
requirements:
  - domxml in the managed host's Python; libvirt-python unless O(libvirt) is given.
options:
  src:
    description:
      - Paths of documents, on the controller (searched in C(files/) like
        M(ansible.builtin.copy)) or, with O(remote_src=true), on the managed host.
    type: list
    elements: path
  remote_src:
    description: Whether O(src) are paths on the managed host.
    type: bool
    default: false
  content:
    description:
      - One document as text (XML, YAML or JSON) or as data in domxml's mapping.
    type: raw
  documents:
    description:
      - Documents given as text, each with the name to report it by (the action
        plugin passes the controller's O(src) files this way).
    type: list
    elements: dict
    suboptions:
      name:
        description: The name findings are reported with.
        type: str
        required: true
      content:
        description: The document (XML, YAML or JSON text, or data).
        type: raw
        required: true
  uri:
    description:
      - libvirt connection URI whose libvirt version picks the schemas.
      - Ignored when O(libvirt) is given.
    type: str
  libvirt:
    description:
      - Validate for this libvirt version (C(9.0.0)) instead of the host's; no
        connection is made. The nearest older schema set found is used.
    type: str
  strict:
    description: Count lint findings as errors.
    type: bool
    default: false
  fail_on_invalid:
    description: Fail the task when a document is invalid (the findings are returned either way).
    type: bool
    default: true
attributes:
  check_mode:
    support: full
    description: Validation changes nothing; it runs in check mode too.
  diff_mode:
    support: none
seealso:
  - module: domxml.libvirt.object
notes:
  - A YAML or JSON document is validated as the XML domxml writes from it; its
    findings' lines are that XML's, their paths are the same.
"""

EXAMPLES = r"""
- name: Validate the controller's documents against each host's libvirt
  domxml.libvirt.validate:
    src:
      - files/web01.xml
      - files/net.yaml
    uri: qemu:///system
  register: checked

- name: Report every finding, without failing
  domxml.libvirt.validate:
    src: "{{ query('ansible.builtin.fileglob', 'vms/*.xml') }}"
    libvirt: 9.0.0
    fail_on_invalid: false
  register: checked

- ansible.builtin.debug:
    msg: "{{ item.file }}:{{ item.errors[0].line }}: {{ item.errors[0].message }}"
  loop: "{{ checked.documents | rejectattr('valid') }}"
"""

RETURN = r"""
valid:
  description: Whether every document is valid.
  returned: always
  type: bool
libvirt:
  description: The libvirt version validated for.
  returned: always
  type: str
  sample: 9.0.0
documents:
  description: One report per document, in the order given.
  returned: always
  type: list
  elements: dict
  contains:
    file:
      description: The document's name (its path, or the name given).
      type: str
    kind:
      description: The document kind (domain, network...), null when not recognised.
      type: str
    libvirt:
      description: The libvirt version of the schema set used.
      type: str
    status:
      description: V(valid), V(invalid) or V(error) (could not be checked).
      type: str
    valid:
      description: Whether the document is valid.
      type: bool
    errors:
      description: >-
        Each error: line, column, path (C(/domain/devices/disk[1]/target/@buss)),
        message, hint, rule, level, allowed (the names or values allowed there).
      type: list
      elements: dict
    warnings:
      description: Lint findings, in the same form.
      type: list
      elements: dict
"""

from typing import Any

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.domxml.libvirt.plugins.module_utils.common import (
    DomxmlError,
    connect,
    error_fields,
    libvirt_version,
    read_document,
    report_dict,
    require_domxml,
)

ARGUMENTS: dict[str, Any] = {
    "src": {"type": "list", "elements": "path"},
    "remote_src": {"type": "bool", "default": False},
    "content": {"type": "raw"},
    "documents": {
        "type": "list",
        "elements": "dict",
        "options": {
            "name": {"type": "str", "required": True},
            "content": {"type": "raw", "required": True},
        },
    },
    "uri": {"type": "str"},
    "libvirt": {"type": "str"},
    "strict": {"type": "bool", "default": False},
    "fail_on_invalid": {"type": "bool", "default": True},
}


def main() -> None:
    module = AnsibleModule(argument_spec=ARGUMENTS, supports_check_mode=True)
    require_domxml(module)
    params = module.params
    documents: list[tuple[str | None, Any]] = []
    for path in params["src"] or []:
        try:
            with open(path, "rb") as f:
                documents.append((path, f.read().decode("utf-8")))
        except (OSError, UnicodeDecodeError) as e:
            module.fail_json(msg=f"{path}: cannot read: {e}")
    documents += [(d["name"], d["content"]) for d in params["documents"] or []]
    if params["content"] is not None:
        documents.append((None, params["content"]))
    if not documents:
        module.fail_json(msg="nothing to validate: give src, content or documents")
    version = params["libvirt"]
    if version is None:
        conn = connect(module, params["uri"])
        try:
            version = libvirt_version(conn)
        finally:
            conn.close()
    try:
        reports = [
            _validate(name, content, version, params["strict"]) for name, content in documents
        ]
    except DomxmlError as e:
        module.fail_json(msg=str(e), **error_fields(e))
    valid = all(r["valid"] for r in reports)
    result = {"changed": False, "valid": valid, "libvirt": version, "documents": reports}
    if not valid and params["fail_on_invalid"]:
        lines = [
            f"{r['file'] or 'content'}:{e['line'] or '?'}:{e['column'] or '?'}: {e['path']}:"
            f" {e['message']}" + (f" ({e['hint']})" if e["hint"] else "")
            for r in reports
            for e in r["errors"]
        ]
        module.fail_json(msg=f"invalid for libvirt {version}:\n  " + "\n  ".join(lines), **result)
    module.exit_json(**result)


#: The validation rule a document that cannot be read as a model breaks, by domxml's error.
UNREAD_RULES = {
    "ParseError": "not-well-formed",
    "UnsupportedDocumentError": "unknown-document-type",
}


def _validate(name: str | None, content: Any, version: str, strict: bool) -> dict[str, Any]:
    """The report of one document; a document that cannot be read is one with status error."""
    import domxml

    try:
        if isinstance(content, str) and content.lstrip().startswith("<"):
            xml = content  # validated as written, so that lines are the file's
        else:
            xml = domxml.to_xml(read_document(content, name))
    except DomxmlError as e:  # not well-formed, not libvirt's, or a value out of its field
        return {
            "file": name,
            "kind": None,
            "libvirt": version,
            "status": "error",
            "valid": False,
            "errors": [
                {
                    "line": e.line,
                    "column": e.column,
                    "path": e.path or "/",
                    "message": e.message,
                    "hint": "",
                    "rule": UNREAD_RULES.get(type(e).__name__, "invalid-value"),
                    "level": "error",
                    "allowed": [],
                }
            ],
            "warnings": [],
        }
    data = report_dict(domxml.validate(xml, version, strict=strict))
    data["file"] = name
    return data


if __name__ == "__main__":
    main()
