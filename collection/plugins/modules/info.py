"""domxml.libvirt.info: a libvirt host's capabilities and defined objects, as data."""

from __future__ import annotations

DOCUMENTATION = r"""
---
module: info
short_description: A libvirt host's capabilities, domain capabilities and defined objects
description:
  - Reads a libvirt host's capabilities (C(virsh capabilities)), the domain
    capabilities of one emulator, architecture, machine and virtualisation type
    (C(virsh domcapabilities)), and its domains, networks, storage pools and volumes.
  - Capabilities come back as data, typed where the value says so (numbers as
    integers, a C(yes) or C(no) attribute such as C(supported='yes') as a boolean);
    each C(<enum name='N'>) is a list of its values under C(N); elements that may
    repeat (C(guest), C(machine), C(feature), C(mode), C(model)...) are lists, and an
    element's text beside attributes is its C(value).
  - Each object's definition, with O(definitions=true), is domxml's data form of its
    inactive definition (the mapping of C(domxml convert --to json)), so that a play
    can read C(definition.domain.memory) as a typed field.
  - Nothing on the host is changed.
version_added: "0.1.0"
author:
  - domxml developers
requirements:
  - domxml and libvirt-python in the managed host's Python.
options:
  uri:
    description: libvirt connection URI (libvirt's default without it).
    type: str
  gather:
    description: What to read.
    type: list
    elements: str
    choices: [capabilities, domain_capabilities, objects]
    default: [capabilities, domain_capabilities, objects]
  definitions:
    description: Include each object's definition in domxml's data form.
    type: bool
    default: false
  arch:
    description: The architecture whose domain capabilities to read (the host's without it).
    type: str
  virttype:
    description: The virtualisation type (V(kvm), V(qemu)...) whose domain capabilities to read.
    type: str
  machine:
    description: The machine type whose domain capabilities to read.
    type: str
  emulator:
    description: The emulator binary whose domain capabilities to read.
    type: str
attributes:
  check_mode:
    support: full
    description: Nothing is changed; the module runs in check mode too.
  diff_mode:
    support: none
seealso:
  - module: domxml.libvirt.object
"""

EXAMPLES = r"""
- name: What each host offers
  domxml.libvirt.info:
    uri: qemu:///system
    gather: [capabilities, domain_capabilities]
  register: host

- name: Use UEFI only where the host's QEMU has a firmware for it
  ansible.builtin.set_fact:
    uefi: "{{ 'efi' in host.domain_capabilities.os.firmware | default([]) }}"

- name: The domains domxml manages, with their memory
  domxml.libvirt.info:
    gather: [objects]
    definitions: true
  register: host

- ansible.builtin.debug:
    msg: "{{ item.name }}: {{ item.definition.domain.memory }}"
  loop: "{{ host.domains | selectattr('managed') }}"
"""

RETURN = r"""
libvirt:
  description: The version of the host's libvirt.
  returned: always
  type: str
  sample: 9.0.0
uri:
  description: The connection's URI.
  returned: always
  type: str
  sample: qemu:///system
hypervisor:
  description: The hypervisor driver's name and version.
  returned: always
  type: dict
  sample: {type: QEMU, version: 7.2.0}
capabilities:
  description: The host's capabilities, as data (C(host), C(guest) list...).
  returned: when gathered
  type: dict
domain_capabilities:
  description: >-
    The domain capabilities as data (C(machine), C(vcpu.max), C(os.firmware),
    C(devices.disk.bus), C(features.sev.supported)...).
  returned: when gathered
  type: dict
domains:
  description: >-
    Each domain, with name, uuid, active, persistent, autostart, managed (whether it
    carries domxml's last-applied record) and, with O(definitions), definition.
  returned: when objects are gathered
  type: list
  elements: dict
networks:
  description: Each network, in the same form.
  returned: when objects are gathered
  type: list
  elements: dict
pools:
  description: Each storage pool, in the same form, with its volumes (name, path, definition).
  returned: when objects are gathered
  type: list
  elements: dict
"""

import re
from typing import Any

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.domxml.libvirt.plugins.module_utils.common import (
    connect,
    error_fields,
    failures,
    libvirt_version,
    require_domxml,
)

ARGUMENTS: dict[str, Any] = {
    "uri": {"type": "str"},
    "gather": {
        "type": "list",
        "elements": "str",
        "choices": ["capabilities", "domain_capabilities", "objects"],
        "default": ["capabilities", "domain_capabilities", "objects"],
    },
    "definitions": {"type": "bool", "default": False},
    "arch": {"type": "str"},
    "virttype": {"type": "str"},
    "machine": {"type": "str"},
    "emulator": {"type": "str"},
}

#: Elements of (domain) capabilities that may repeat: lists even when one is there
#: (as is a child of its plural: each <cpu> of <cpus>, each <cell> of <cells>).
REPEATED = {
    "bank",
    "baselabel",
    "counter",
    "feature",
    "guest",
    "mode",
    "node",
    "pages",
    "secmodel",
    "sibling",
    "uri_transport",
    "value",
}
#: Elements that repeat under one parent only: a guest's <machine> and <domain>
#: types, a CPU mode's models (the domain capabilities' own <machine> is one).
REPEATED_IN = {("arch", "machine"), ("arch", "domain"), ("domain", "machine"), ("mode", "model")}

_INTEGER = re.compile(r"-?(0|[1-9][0-9]*)\Z")


def main() -> None:
    module = AnsibleModule(argument_spec=ARGUMENTS, supports_check_mode=True)
    require_domxml(module)
    params = module.params
    conn = connect(module, params["uri"])
    try:
        result = _gather(conn, params)
    except failures() as e:
        module.fail_json(msg=str(e), **error_fields(e))
    finally:
        conn.close()
    module.exit_json(changed=False, **result)


def _gather(conn: Any, params: dict[str, Any]) -> dict[str, Any]:
    hypervisor = int(conn.getVersion())
    result: dict[str, Any] = {
        "libvirt": libvirt_version(conn),
        "uri": conn.getURI(),
        "hypervisor": {
            "type": conn.getType(),
            "version": f"{hypervisor // 1_000_000}.{hypervisor // 1000 % 1000}.{hypervisor % 1000}",
        },
    }
    gather = params["gather"]
    if "capabilities" in gather:
        result["capabilities"] = xml_data(conn.getCapabilities())
    if "domain_capabilities" in gather:
        xml = conn.getDomainCapabilities(
            params["emulator"], params["arch"], params["machine"], params["virttype"], 0
        )
        result["domain_capabilities"] = xml_data(xml)
    if "objects" in gather:
        result.update(_objects(conn, params["definitions"]))
    return result


def xml_data(xml: str) -> dict[str, Any]:
    """(Domain) capabilities XML as data: attributes and children by name, typed values."""
    from lxml import etree

    root = etree.fromstring(xml.encode(), etree.XMLParser(resolve_entities=False, no_network=True))
    data = _element(root)
    return data if isinstance(data, dict) else {"value": data}


def _element(el: Any) -> Any:
    data: dict[str, Any] = {k: _typed(k, v, attribute=True) for k, v in el.attrib.items()}
    children = [c for c in el if isinstance(c.tag, str)]
    for child in children:
        if child.tag == "enum" and child.get("name"):
            data[child.get("name")] = [_typed("value", v.text or "") for v in child]
            continue
        value = _element(child)
        if (
            child.tag in REPEATED
            or (el.tag, child.tag) in REPEATED_IN
            or el.tag == f"{child.tag}s"
            or sum(1 for c in children if c.tag == child.tag) > 1
        ):
            data.setdefault(child.tag, []).append(value)
        else:
            data[child.tag] = value
    text = (el.text or "").strip()
    if not children and not el.attrib:
        return _typed(el.tag, text) if text else {}
    if text:
        data["value"] = _typed(el.tag, text)
    return data


def _typed(name: str, text: str, *, attribute: bool = False) -> Any:
    """A value as what it means: an integer, a yes/no attribute a boolean, else the text.

    The values of an ``<enum>`` stay text: ``<enum name='readonly'>`` lists
    the words libvirt takes.
    """
    if attribute and text in ("yes", "no"):
        return text == "yes"
    if _INTEGER.match(text) and name not in ("uuid", "serial", "version"):
        return int(text)
    return text


def _objects(conn: Any, definitions: bool) -> dict[str, list[dict[str, Any]]]:
    """The host's domains, networks and pools (with their volumes)."""
    from domxml.apply.objects import Ref, handler_for

    found: dict[str, list[dict[str, Any]]] = {"domains": [], "networks": [], "pools": []}
    listings = (
        ("domain", "domains", conn.listAllDomains),
        ("network", "networks", conn.listAllNetworks),
        ("pool", "pools", conn.listAllStoragePools),
    )
    for kind, key, list_all in listings:
        handler = handler_for(kind)
        for obj in sorted(list_all(0), key=lambda o: o.name()):
            entry = {
                "name": obj.name(),
                "uuid": obj.UUIDString(),
                "active": bool(obj.isActive()),
                "persistent": bool(obj.isPersistent()),
                "autostart": bool(obj.autostart()),
            }
            entry.update(_definition(handler.read(obj), definitions))
            if kind == "pool":
                entry["volumes"] = _volumes(obj, Ref, handler_for("volume"), definitions)
            found[key].append(entry)
    return found


def _volumes(pool: Any, ref: Any, handler: Any, definitions: bool) -> list[dict[str, Any]]:
    if not pool.isActive():
        return []
    volumes = []
    for vol in sorted(pool.listAllVolumes(0), key=lambda v: v.name()):
        entry = {"name": vol.name(), "path": vol.path()}
        if definitions:
            entry.update(_definition(handler.read(vol), True))
        entry.pop("managed", None)
        volumes.append(entry)
    return volumes


def _definition(xml: str, definitions: bool) -> dict[str, Any]:
    """Whether the object carries domxml's record, and its definition as domxml's data."""
    import domxml
    import domxml.convert
    from domxml.apply.record import find

    model = domxml.parse(xml)
    entry: dict[str, Any] = {"managed": find(model) is not None}
    if definitions:
        entry["definition"] = domxml.convert.to_data(model)
    return entry


if __name__ == "__main__":
    main()
