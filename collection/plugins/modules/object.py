"""domxml.libvirt.object: make a libvirt object what its document says, idempotently."""

from __future__ import annotations

DOCUMENTATION = r"""
---
module: object
short_description: Define, update, start, stop or remove a libvirt object from its document
description:
  - Makes a libvirt domain, network, storage pool, storage volume or domain snapshot
    what its document (libvirt XML, or YAML or JSON in domxml's mapping) says,
    through domxml's plan and apply.
  - The document is validated against the schemas of the host's libvirt version
    first; an invalid document fails the task with each error's line, column and
    location, and nothing is defined.
  - The document is compared with the object's definition by meaning, not by text;
    values libvirt generates (UUIDs, MAC and PCI addresses, controllers, defaults)
    are not changes, so a second run reports C(changed=false). A changed field of
    an existing object is applied in place (the UUID is kept).
  - Check mode is domxml's plan; diff mode shows the field-level changes.
  - A domain or network gets a last-applied record in its C(<metadata>), by which a
    later run tells an element removed from the document from one libvirt added.
version_added: "0.1.0"
author:
  - domxml developers
requirements:
  - domxml and libvirt-python in the managed host's Python (C(ansible_python_interpreter)).
options:
  src:
    description:
      - Path of the document. On the controller (searched in the role's or
        playbook's C(files/) like M(ansible.builtin.copy)), or on the managed host
        with O(remote_src=true).
      - XML, or YAML or JSON in domxml's mapping (one key, the root element's name).
      - Mutually exclusive with O(content).
    type: path
  content:
    description:
      - "The document itself, as text (XML, YAML or JSON) or as data in domxml's
        mapping (a dictionary such as C({network: {name: net0, ...}}))."
    type: raw
  remote_src:
    description:
      - Whether O(src) is a path on the managed host rather than on the controller.
    type: bool
    default: false
  uri:
    description:
      - libvirt connection URI, as C(virsh -c) takes (C(qemu:///system),
        C(qemu+ssh://root@host/system)).
      - Without it, libvirt's default (C($LIBVIRT_DEFAULT_URI), then C(uri_default)
        in libvirt.conf) on the managed host.
    type: str
  state:
    description:
      - V(present) defines or updates the object; it is neither started nor stopped.
      - V(running) does the same, then starts the object (domain, network or pool)
        when it is not running.
      - V(stopped) does the same, then stops a running domain, network or pool.
      - V(absent) removes the object named by the document, or by O(kind) and O(name).
    type: str
    choices: [present, absent, running, stopped]
    default: present
  kind:
    description:
      - With O(state=absent) and no document, the kind of the object to remove,
        V(domain), V(network), V(pool), V(volume) (with O(pool)), V(snapshot)
        or V(checkpoint) (with O(domain)), V(secret) (by UUID or C(USAGE-TYPE:ID)),
        V(nwfilter), V(networkport) (with O(network)), or any other kind the
        installed domxml applies.
    type: str
  name:
    description:
      - With O(state=absent) and no document, the name of the object to remove.
    type: str
  pool:
    description:
      - The pool a volume is in (a volume document names none).
    type: str
  domain:
    description:
      - The domain a snapshot or checkpoint is of, when its document embeds none.
    type: str
  network:
    description:
      - The network a network port is on (a port document names none).
    type: str
  secret_value:
    description:
      - The value of a secret (its bytes as this text, UTF-8), set when the secret
        is created or when its value differs; never shown, not even in a plan.
      - Mutually exclusive with O(secret_value_base64).
    type: str
  secret_value_base64:
    description:
      - The value of a secret, base64-encoded (as C(virsh secret-set-value) takes it),
        such as a Ceph key as C(ceph auth get-key) prints it.
    type: str
  force:
    description:
      - With O(state=absent), stop a running domain before removing it (without it,
        removing a running domain fails).
      - With O(state=stopped), power a domain off at once instead of asking its
        guest to shut down.
    type: bool
    default: false
  shutdown_timeout:
    description:
      - With O(state=stopped) and O(force=false), how many seconds to wait for the
        guest to shut down before the task fails.
    type: int
    default: 120
  nvram:
    description:
      - With O(state=absent), what becomes of a UEFI domain's NVRAM file.
    type: str
    choices: [keep, remove]
    default: keep
  delete_volumes:
    description:
      - With O(state=absent) of a pool, delete its volumes too.
    type: bool
    default: false
  autostart:
    description:
      - Make the object start when the host boots (domains, networks, pools).
    type: bool
    default: false
  strict:
    description:
      - Fail (after putting the previous definition back) when libvirt drops or
        changes anything of the document beyond what it generates.
    type: bool
    default: false
attributes:
  check_mode:
    support: full
    description: Check mode is domxml's plan; nothing is defined, started or removed.
  diff_mode:
    support: full
    description: "The semantic diff, one C(path: value) line per changed field."
seealso:
  - module: domxml.libvirt.validate
  - module: domxml.libvirt.info
notes:
  - Objects are applied one per task. A volume needs O(pool); its pool must exist
    (an earlier task).
  - A running domain whose definition changed keeps running with its previous one
    until its next start; the task says so in a warning.
"""

EXAMPLES = r"""
- name: A network, from a file on the controller
  domxml.libvirt.object:
    src: files/net.xml
    uri: qemu:///system
    state: running

- name: A domain, from YAML in domxml's mapping, started
  domxml.libvirt.object:
    content:
      domain:
        type: kvm
        name: web01
        memory: {unit: MiB, value: 512}
        os: {type: {arch: x86_64, value: hvm}}
    state: running

- name: A domain from a template, on a remote host reached over SSH
  domxml.libvirt.object:
    content: "{{ lookup('ansible.builtin.template', 'vm.xml.j2') }}"
    uri: "qemu+ssh://root@{{ inventory_hostname }}/system"

- name: Remove a domain, even when it runs, with its NVRAM file
  domxml.libvirt.object:
    kind: domain
    name: web01
    state: absent
    force: true
    nvram: remove

- name: A Ceph client's key, for the disks of a Ceph pool (the value is never shown)
  domxml.libvirt.object:
    content: |
      <secret ephemeral='no' private='yes'>
        <usage type='ceph'><name>client.libvirt</name></usage>
      </secret>
    secret_value_base64: "{{ ceph_client_key }}"
    uri: qemu:///system
"""

RETURN = r"""
object:
  description: The object, as C(kind:name) (C(volume:POOL/NAME) for a volume).
  returned: always
  type: str
  sample: domain:web01
action:
  description:
    - What was done (or, in check mode, would be done) to the definition.
    - V(created), V(updated), V(unchanged), V(removed) or V(absent); in check mode
      V(create), V(update), V(unchanged), V(remove) or V(absent).
  returned: always
  type: str
  sample: updated
changes:
  description: The field-level changes, as domxml's semantic diff finds them.
  returned: always
  type: list
  elements: dict
  contains:
    path:
      description: Where, as an XPath-like location.
      type: str
      sample: /domain/memory
    op:
      description: V(add), V(remove) or V(change).
      type: str
    desired:
      description: The document's value (null when it lacks it).
      type: str
    actual:
      description: The object's value (null when it lacks it).
      type: str
notes:
  description: What else was done or is worth knowing (started, stopped, autostart set...).
  returned: always
  type: list
  elements: str
drift:
  description: What libvirt dropped or changed from the document, beyond what it generates.
  returned: when applied
  type: list
  elements: dict
not_kept:
  description:
    - For an object unchanged by its last-applied record, what libvirt did not keep
      of the document when it was applied.
  returned: always
  type: list
  elements: dict
plan:
  description: domxml's plan (C(domxml plan --format json)).
  returned: unless O(state=absent)
  type: dict
libvirt:
  description: The version of the host's libvirt, whose schemas validated the document.
  returned: unless O(state=absent)
  type: str
  sample: 9.0.0
errors:
  description: When the document is invalid, every error, each with its position.
  returned: failure, for an invalid document
  type: list
  elements: dict
"""

import base64
import binascii
import importlib
import time
from typing import Any

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.domxml.libvirt.plugins.module_utils.common import (
    connect,
    error_fields,
    failures,
    libvirt_version,
    read_source,
    report_dict,
    require_domxml,
)

ARGUMENTS: dict[str, Any] = {
    "src": {"type": "path"},
    "content": {"type": "raw"},
    "remote_src": {"type": "bool", "default": False},
    "uri": {"type": "str"},
    "state": {
        "type": "str",
        "choices": ["present", "absent", "running", "stopped"],
        "default": "present",
    },
    # Any kind domxml.apply knows (it says which when it does not): not a fixed list here.
    "kind": {"type": "str"},
    "name": {"type": "str"},
    "pool": {"type": "str"},
    "domain": {"type": "str"},
    "network": {"type": "str"},
    "secret_value": {"type": "str", "no_log": True},
    "secret_value_base64": {"type": "str", "no_log": True},
    "force": {"type": "bool", "default": False},
    "shutdown_timeout": {"type": "int", "default": 120},
    "nvram": {"type": "str", "choices": ["keep", "remove"], "default": "keep"},
    "delete_volumes": {"type": "bool", "default": False},
    "autostart": {"type": "bool", "default": False},
    "strict": {"type": "bool", "default": False},
}


def main() -> None:
    module = AnsibleModule(
        argument_spec=ARGUMENTS,
        supports_check_mode=True,
        required_together=[("kind", "name")],
        mutually_exclusive=[
            ("content", "kind"),
            ("src", "kind"),
            ("secret_value", "secret_value_base64"),
        ],
    )
    require_domxml(module)
    read = read_source(module)
    params = module.params
    absent = params["state"] == "absent"
    if read is None and not (absent and params["kind"]):
        module.fail_json(msg="give the document (src or content), or kind and name to remove")
    conn = connect(module, params["uri"])
    try:
        if absent or read is None:
            result = _absent(module, conn, read)
        else:
            result = _present(module, conn, *read)
    except failures() as e:
        module.fail_json(msg=str(e), applied=getattr(e, "applied", None), **error_fields(e))
    finally:
        conn.close()
    module.exit_json(**result)


def _document(model: Any, label: str | None) -> Any:
    """What plan and apply take: the model, named by its file where there is one."""
    import domxml.apply

    # domxml.apply.Document, where this domxml exports it; else domxml.apply.plan's
    # (imported by name: the package's attribute ``plan`` is the function).
    document = getattr(domxml.apply, "Document", None) or getattr(
        importlib.import_module("domxml.apply.plan"), "Document", None
    )
    if document is None or label is None:
        return model
    return document(model, label)


def _present(module: Any, conn: Any, model: Any, label: str | None) -> dict[str, Any]:
    import domxml.apply
    from domxml.apply.objects import handler_for

    params = module.params
    state = params["state"]
    source = _document(model, label)
    options: dict[str, Any] = {
        "pool": params["pool"],
        "domain": params["domain"],
        "network": params["network"],
    }
    value = _secret_value(module)
    if value is not None:
        options["secret_values"] = {"": value}
    try:
        plan = domxml.apply.plan(conn, [source], **options)
    except domxml.apply.InvalidInputError as e:
        _fail_invalid(module, conn, model, label, e)
    (step,) = plan.steps
    if step.action == "conflict":
        module.fail_json(msg=f"{step.ref}: {'; '.join(step.notes)}", plan=plan.as_dict())
    handler = handler_for(step.ref.kind)
    result: dict[str, Any] = {
        "object": step.ref.spec,
        "plan": plan.as_dict(),
        "libvirt": plan.libvirt,
        "changes": [c.as_dict() for c in step.changes],
        "not_kept": [c.as_dict() for c in step.not_kept],
        "notes": list(step.notes),
    }
    if module._diff and step.action in ("create", "update"):
        result["diff"] = _diff(step)
    if module.check_mode:
        result["action"] = step.action
        obj = handler.lookup(conn, step.ref)
        active = obj is not None and handler.startable and handler.is_active(obj)
        if state == "running" and handler.startable and not active:
            result["notes"].append("would start")
        if state == "stopped" and active:
            result["notes"].append("would stop")
        result["changed"] = plan.changes_anything or any(
            n in ("would start", "would stop") for n in result["notes"]
        )
        return result
    applied = domxml.apply.apply(
        conn,
        [source],
        start=state == "running",
        autostart=params["autostart"],
        strict=params["strict"],
        **options,
    )
    (outcome,) = applied.outcomes
    result["action"] = outcome.action
    result["drift"] = [c.as_dict() for c in outcome.drift]
    result["notes"] = outcome.step.notes + outcome.notes
    changed = applied.changed
    if state == "stopped" and handler.startable:
        obj = handler.lookup(conn, step.ref)
        if obj is not None and handler.is_active(obj):
            _stop(module, handler, obj, step.ref)
            result["notes"].append("stopped")
            changed = True
    for note in result["notes"]:
        if note.startswith("still running"):
            module.warn(f"{step.ref} is {note}")
    result["changed"] = changed
    return result


def _secret_value(module: Any) -> bytes | None:
    """The secret value the task gives, as bytes, or None."""
    params = module.params
    if params["secret_value"] is not None:
        return str(params["secret_value"]).encode("utf-8")
    encoded = params["secret_value_base64"]
    if encoded is None:
        return None
    try:
        return base64.b64decode(encoded, validate=True)
    except binascii.Error as e:
        module.fail_json(msg=f"secret_value_base64 is not base64: {e}")
        raise  # fail_json does not return


def _stop(module: Any, handler: Any, obj: Any, ref: Any) -> None:
    """Stop a running object: a domain's guest is asked to shut down unless ``force``."""
    if ref.kind != "domain" or module.params["force"]:
        handler.stop(obj)
        return
    obj.shutdown()
    deadline = time.monotonic() + module.params["shutdown_timeout"]
    while handler.is_active(obj):
        if time.monotonic() > deadline:
            module.fail_json(
                msg=f"{ref} still runs {module.params['shutdown_timeout']} s after the shutdown"
                " request: its guest may ignore ACPI; use force: true to power it off"
            )
        time.sleep(1)


def _fail_invalid(module: Any, conn: Any, model: Any, label: str | None, error: Any) -> None:
    """Fail with domxml's message and each error of the document, positioned."""
    import domxml

    report = domxml.validate(domxml.to_xml(model), libvirt_version(conn))
    module.fail_json(
        msg=str(error),
        errors=report_dict(report)["errors"],
        file=label,
        changed=False,
    )


def _diff(step: Any) -> dict[str, str]:
    """Diff mode's before and after: one ``path: value`` line per changed field.

    A new object shows its whole document.
    """
    import domxml

    header = str(step.ref)
    if step.action == "create":
        return {
            "before": "",
            "after": domxml.to_xml(step.desired.model),
            "before_header": f"{header} (absent)",
            "after_header": f"{header} ({step.desired.label})",
        }
    before = [f"{c.path}: {c.actual}\n" for c in step.changes if c.actual is not None]
    after = [f"{c.path}: {c.desired}\n" for c in step.changes if c.desired is not None]
    return {
        "before": "".join(before),
        "after": "".join(after),
        "before_header": f"{header} (libvirt)",
        "after_header": f"{header} ({step.desired.label})",
    }


def _absent(module: Any, conn: Any, read: tuple[Any, str | None] | None) -> dict[str, Any]:
    import domxml
    import domxml.apply
    from domxml.apply.objects import PARENTS, Ref, handler_for

    params = module.params
    if read is not None:
        (desired,) = domxml.apply.load([read[0]], pool=params["pool"], domain=params["domain"])
        ref = desired.ref
    else:
        kind, name = params["kind"], params["name"]
        holder = PARENTS.get(kind)  # what holds a volume (a pool) or a snapshot (a domain)
        if holder is None:
            ref = Ref.parse(f"{kind}:{name}")
        elif not params.get(holder):
            module.fail_json(msg=f"a {kind} to remove needs {holder}: the {holder} it is in")
        else:
            ref = Ref.parse(f"{kind}:{params[holder]}/{name}")
    handler = handler_for(ref.kind)
    obj = handler.lookup(conn, ref)
    result: dict[str, Any] = {"object": ref.spec, "changes": [], "not_kept": [], "notes": []}
    if module._diff and obj is not None:
        result["diff"] = {
            "before": handler.read(obj),
            "after": "",
            "before_header": f"{ref} (libvirt)",
            "after_header": f"{ref} (absent)",
        }
    if module.check_mode:
        result["action"] = "absent" if obj is None else "remove"
        if obj is not None and ref.kind == "domain" and obj.isActive() and not params["force"]:
            result["notes"].append("running: removing it needs force: true")
        result["changed"] = obj is not None
        return result
    (removal,) = domxml.apply.remove(
        conn,
        [ref],
        force=params["force"],
        nvram=params["nvram"],
        delete_volumes=params["delete_volumes"],
    )
    result["action"] = removal.action
    result["notes"] = list(removal.notes)
    result["changed"] = removal.action == "removed"
    return result


if __name__ == "__main__":
    main()
