"""Integration: the domxml.libvirt Ansible collection against a real libvirtd.

The collection (``collection/``) is built with ``ansible-galaxy collection
build`` and installed from its tarball into a temporary directory; the
playbooks in ``tests/ansible/`` run with ``ansible-playbook`` over a local
connection, for two inventory hosts that both reach this machine's daemon
(``libvirtd.py``), each through its own URI and with its own objects
(``domxml-ans-h1-...``, ``domxml-ans-h2-...``). Ansible's home, temporary
files, configuration and ``$HOME`` are temporary directories. A callback
(``tests/ansible/callback_plugins``) records every task's result, so the
tests assert on each host's and task's result.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from corpus import in_ci
from libvirtd import clear, libvirtd  # noqa: F401  (a fixture)

from domxml.apply import connect

REPO = Path(__file__).resolve().parent.parent
PLAYBOOKS = Path(__file__).resolve().parent / "ansible"
PREFIX = "domxml-ans-"
BIN = Path(sys.executable).parent
MODULES = ("object", "validate", "info")
#: Each inventory host: its objects' prefix and its URI to the same daemon.
HOSTS = {
    "h1": (f"{PREFIX}h1-", "qemu:///system"),
    "h2": (f"{PREFIX}h2-", "qemu+unix:///system?socket=/run/libvirt/libvirt-sock"),
}


def _vm1(prefix: str, memory_mib: int = 64) -> str:
    return f"""<domain type='kvm'>
  <name>{prefix}vm1</name>
  <memory unit='MiB'>{memory_mib}</memory>
  <os><type arch='x86_64'>hvm</type></os>
  <devices><console type='pty'/></devices>
</domain>
"""


def _vm2(prefix: str) -> str:
    return f"""domain:
  type: kvm
  name: {prefix}vm2
  memory: {{unit: MiB, value: 64}}
  os:
    type: {{arch: x86_64, value: hvm}}
"""


def _net(prefix: str, number: int) -> str:
    return f"""<network>
  <name>{prefix}net</name>
  <bridge name='dxans{number}'/>
  <dns enable='no'/>
  <ip address='192.168.24{number}.1' netmask='255.255.255.0'/>
</network>
"""


BAD = """<domain type='kvm'>
  <name>x</name>
  <memory>65536</memory>
  <vcpu>one</vcpu>
</domain>
"""


@dataclass
class Run:
    """One ansible-playbook run: its exit status, output and each task's result."""

    returncode: int
    stdout: str
    results: list[dict[str, Any]]

    def result(self, host: str, task: str) -> dict[str, Any]:
        (found,) = [r for r in self.results if r["host"] == host and r["task"] == task]
        return found

    def changed(self, host: str) -> list[str]:
        """The tasks that changed something on ``host``, in order."""
        return [r["task"] for r in self.results if r["host"] == host and r["result"].get("changed")]


class Ansible:
    """Runs ansible-playbook, ansible-doc and ansible-galaxy hermetically."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.docs = root / "docs"
        self.env = dict(os.environ)
        for name in ("home", "ansible-home", "local-tmp", "collections"):
            (root / name).mkdir()
        config = root / "ansible.cfg"
        config.write_text(
            "[defaults]\n"
            f"collections_path = {root / 'collections'}\n"
            f"callback_plugins = {PLAYBOOKS / 'callback_plugins'}\n"
            "callbacks_enabled = domxml_record\n"
            "host_key_checking = False\n"
            "retry_files_enabled = False\n"
            "pipelining = True\n"
        )
        self.env.update(
            HOME=str(root / "home"),
            ANSIBLE_HOME=str(root / "ansible-home"),
            ANSIBLE_LOCAL_TEMP=str(root / "local-tmp"),
            ANSIBLE_REMOTE_TEMP=str(root / "remote-tmp"),
            ANSIBLE_CONFIG=str(config),
            ANSIBLE_NOCOLOR="1",
            ANSIBLE_FORCE_COLOR="0",
            PYTHONWARNINGS="ignore",
        )
        self.env.pop("ANSIBLE_COLLECTIONS_PATH", None)
        self.inventory = root / "inventory.ini"
        self.write_inventory(sys.executable)

    def write_inventory(self, python: str) -> None:
        lines = ["[libvirt_hosts]"]
        for host, (prefix, uri) in HOSTS.items():
            lines.append(
                f"{host} ansible_connection=local prefix={prefix} libvirt_uri='{uri}'"
                f" ansible_python_interpreter={python}"
            )
        self.inventory.write_text("\n".join(lines) + "\n")

    def tool(self, name: str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(BIN / name), *args],
            env=self.env,
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=600,
        )

    def playbook(self, name: str, *args: str) -> Run:
        record = self.root / "record.jsonl"
        record.unlink(missing_ok=True)
        self.env["DOMXML_ANSIBLE_RECORD"] = str(record)
        done = self.tool(
            "ansible-playbook",
            "-i",
            str(self.inventory),
            "-e",
            f"docs={self.docs}",
            "-e",
            f"pool_dir={self.root / 'pool' / 'images'}",
            str(PLAYBOOKS / name),
            *args,
        )
        lines = record.read_text().splitlines() if record.exists() else []
        return Run(done.returncode, done.stdout + done.stderr, [json.loads(x) for x in lines])


@pytest.fixture(scope="module")
def ansible(tmp_path_factory: pytest.TempPathFactory) -> Ansible:
    """ansible-core from the venv, with the collection built and installed from its tarball."""
    if not (BIN / "ansible-playbook").exists():
        reason = "ansible-core is not installed (it is in domxml's dev extra)"
        if in_ci():
            pytest.fail(reason)
        pytest.skip(reason)
    runner = Ansible(tmp_path_factory.mktemp("ansible"))
    dist = runner.root / "dist"
    built = runner.tool(
        "ansible-galaxy",
        "collection",
        "build",
        str(REPO / "collection"),
        "--output-path",
        str(dist),
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (tarball,) = dist.glob("domxml-libvirt-*.tar.gz")
    installed = runner.tool(
        "ansible-galaxy",
        "collection",
        "install",
        str(tarball),
        "-p",
        str(runner.root / "collections"),
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return runner


@pytest.fixture(scope="module")
def conn(libvirtd: str) -> Iterator[Any]:  # noqa: F811
    """A connection to the daemon; removes every ``domxml-ans-`` object before and after."""
    connection = connect(libvirtd)
    clear(connection, PREFIX)
    yield connection
    clear(connection, PREFIX)
    connection.close()


def _write_documents(docs: Path) -> None:
    for number, (host, (prefix, _)) in enumerate(HOSTS.items(), start=1):
        folder = docs / host
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "vm1.xml").write_text(_vm1(prefix))
        (folder / "vm2.yaml").write_text(_vm2(prefix))
        (folder / "net.xml").write_text(_net(prefix, number))
        (folder / "bad.xml").write_text(BAD)


def _memory_kib(conn: Any, name: str) -> int:
    return int(conn.lookupByName(name).maxMemory())


def _names(conn: Any) -> set[str]:
    names = {d.name() for d in conn.listAllDomains(0)}
    names |= {n.name() for n in conn.listAllNetworks(0)}
    names |= {p.name() for p in conn.listAllStoragePools(0)}
    return {n for n in names if n.startswith(PREFIX)}


SITE_TASKS = ["Network", "Domain vm1 (XML)", "Domain vm2 (YAML in domxml's mapping)"]


def test_docs_render(ansible: Ansible) -> None:
    names = [f"domxml.libvirt.{module}" for module in MODULES]
    shown = ansible.tool("ansible-doc", *names)
    assert shown.returncode == 0, shown.stdout + shown.stderr
    for name in names:
        assert f"MODULE {name}" in shown.stdout.replace("\x1b[1m", "").replace("\x1b[0m", "")
    assert shown.stdout.count("EXAMPLES") == len(names)
    assert shown.stdout.count("RETURN VALUES") == len(names)
    listed = ansible.tool("ansible-doc", "--json", *names)
    assert listed.returncode == 0, listed.stderr
    data = json.loads(listed.stdout)
    for name in names:
        assert data[name]["doc"]["options"], f"{name}: no options documented"
        assert data[name]["return"], f"{name}: no return values documented"


def test_site_playbook_on_two_hosts(ansible: Ansible, conn: Any) -> None:
    _write_documents(ansible.docs)
    names = {f"{p}{n}" for p, _ in HOSTS.values() for n in ("vm1", "vm2", "net")}

    first = ansible.playbook("site.yml", "--diff")
    assert first.returncode == 0, first.stdout
    for host in HOSTS:
        assert first.changed(host) == SITE_TASKS, host
    # A new object's diff is its whole document.
    created = first.result("h1", "Domain vm1 (XML)")["result"]
    assert created["action"] == "created"
    assert created["diff"]["before"] == ""
    assert "<memory unit='MiB'>64</memory>" in created["diff"]["after"]
    assert _names(conn) == names

    again = ansible.playbook("site.yml")
    assert again.returncode == 0, again.stdout
    for host in HOSTS:
        assert again.changed(host) == [], host
        for task in SITE_TASKS:
            assert again.result(host, task)["result"]["action"] == "unchanged"
    assert "changed=0" in again.stdout

    # One field of one host's document: exactly that object, shown before it is applied.
    h1_vm1 = f"{HOSTS['h1'][0]}vm1"
    (ansible.docs / "h1" / "vm1.xml").write_text(_vm1(HOSTS["h1"][0], memory_mib=96))
    checked = ansible.playbook("site.yml", "--check", "--diff")
    assert checked.returncode == 0, checked.stdout
    assert checked.changed("h1") == ["Domain vm1 (XML)"]
    assert checked.changed("h2") == []
    step = checked.result("h1", "Domain vm1 (XML)")["result"]
    assert step["action"] == "update"
    assert step["changes"] == [
        {"path": "/domain/memory", "op": "change", "desired": "96 MiB", "actual": "65536 KiB"}
    ]
    assert "-/domain/memory: 65536 KiB" in checked.stdout
    assert "+/domain/memory: 96 MiB" in checked.stdout
    assert _memory_kib(conn, h1_vm1) == 64 * 1024  # check mode applied nothing

    applied = ansible.playbook("site.yml")
    assert applied.returncode == 0, applied.stdout
    assert applied.changed("h1") == ["Domain vm1 (XML)"]
    assert applied.changed("h2") == []
    assert applied.result("h1", "Domain vm1 (XML)")["result"]["action"] == "updated"
    assert _memory_kib(conn, h1_vm1) == 96 * 1024

    last = ansible.playbook("site.yml")
    assert last.returncode == 0, last.stdout
    assert last.changed("h1") == [] and last.changed("h2") == []


def test_lifecycle(ansible: Ansible, conn: Any) -> None:
    prefix = HOSTS["h1"][0]
    _write_documents(ansible.docs)
    run = ansible.playbook("lifecycle.yml", "--limit", "h1")
    assert run.returncode == 0, run.stdout

    started = run.result("h1", "Start vm1")["result"]
    assert started["changed"] and "started" in started["notes"]
    again = run.result("h1", "Start vm1 again, its document read on the host")["result"]
    assert not again["changed"] and again["action"] == "unchanged"

    invalid = run.result("h1", "An invalid document")
    assert invalid["status"] == "failed"
    assert "nothing was applied" in invalid["result"]["msg"]
    (error,) = invalid["result"]["errors"]
    assert (error["line"], error["path"]) == (5, "/domain/devices/disk/target/@buss")
    assert error["hint"] == "did you mean `bus`?"
    assert f"{prefix}bad" not in _names(conn)

    pool = run.result("h1", "Pool, started")["result"]
    assert pool["changed"] and pool["action"] == "created" and "started" in pool["notes"]
    volume = run.result("h1", "Volume")["result"]
    assert volume["changed"] and volume["object"] == f"volume:{prefix}pool/disk.qcow2"
    assert not run.result("h1", "Volume again")["result"]["changed"]

    from_data = run.result("h1", "Domain vm3, from data in the task")["result"]
    assert from_data["changed"] and from_data["action"] == "created"

    validated = run.result("h1", "Validate on the controller's files")["result"]
    assert not validated["changed"] and not validated["valid"]
    good, bad = validated["documents"]
    assert good["valid"] and good["kind"] == "domain" and good["file"].endswith("vm2.yaml")
    assert not bad["valid"] and bad["file"].endswith("bad.xml")
    assert [(e["line"], e["path"]) for e in bad["errors"]] == [(4, "/domain/vcpu/text()")]

    info = run.result("h1", "Info")["result"]
    assert info["capabilities"]["host"]["cpu"]["arch"] == "x86_64"
    assert info["domain_capabilities"]["vcpu"]["max"] > 0
    domains = {d["name"]: d for d in info["domains"]}
    vm1 = domains[f"{prefix}vm1"]
    assert vm1["active"] and vm1["managed"] and domains[f"{prefix}vm3"]["managed"]
    assert vm1["definition"]["domain"]["memory"] == "65536 KiB"
    assert {n["name"] for n in info["networks"]} >= {f"{prefix}net"}

    stopped = run.result("h1", "Stop vm1")["result"]
    assert stopped["changed"] and "stopped" in stopped["notes"]
    assert not conn.lookupByName(f"{prefix}vm1").isActive()

    would = run.result("h1", "Remove vm2 (check mode)")["result"]
    assert would["changed"] and would["action"] == "remove"
    removed = run.result("h1", "Remove vm2")["result"]
    assert removed["changed"] and removed["action"] == "removed"
    again = run.result("h1", "Remove vm2 again")["result"]
    assert not again["changed"] and again["action"] == "absent"
    assert run.result("h1", "Remove vm3, by its data")["result"]["action"] == "removed"
    assert run.result("h1", "Remove the network, by its document")["result"]["changed"]
    emptied = run.result("h1", "Remove the pool and its volumes")["result"]
    assert emptied["changed"] and "deleted volume disk.qcow2" in emptied["notes"]
    assert not (ansible.root / "pool" / "images" / "disk.qcow2").exists()
    assert {n for n in _names(conn) if n.startswith(prefix)} == {f"{prefix}vm1"}


def test_a_secret_with_its_value(ansible: Ansible, conn: Any) -> None:
    import libvirt

    prefix = HOSTS["h1"][0]
    run = ansible.playbook("secrets.yml", "--limit", "h1", "--skip-tags", "remove")
    assert run.returncode == 0, run.stdout
    created = run.result("h1", "Secret, with its value")["result"]
    assert created["changed"] and created["action"] == "created"
    again = run.result("h1", "Secret again")["result"]
    assert not again["changed"] and again["action"] == "unchanged"
    renewed = run.result("h1", "Secret, a new value")["result"]
    assert renewed["changed"] and "value set" in renewed["notes"]
    bad = run.result("h1", "Secret, a value that is no base64")
    assert bad["status"] == "failed" and "not base64" in bad["result"]["msg"]
    secret = conn.secretLookupByUsage(libvirt.VIR_SECRET_USAGE_TYPE_CEPH, f"{prefix}ceph")
    assert bytes(secret.value(0)) == b"second key"
    recorded = json.dumps(run.results)
    for shown in (run.stdout, recorded):
        assert "first key" not in shown and "second key" not in shown
        assert "Zmlyc3Qga2V5" not in shown  # base64 of the first value

    removed = ansible.playbook("secrets.yml", "--limit", "h1", "--tags", "remove")
    assert removed.returncode == 0, removed.stdout
    assert removed.result("h1", "Remove the secret, by kind and usage")["result"]["changed"]
    assert not [s for s in conn.listAllSecrets(0) if s.usageID() == f"{prefix}ceph"]


def test_without_domxml_the_task_says_so(ansible: Ansible, tmp_path: Path) -> None:
    # A Python without domxml: the system's, without its site-packages.
    python = tmp_path / "python-without-domxml"
    python.write_text(f'#!/bin/sh\nexec {sys._base_executable} -S "$@"\n')
    python.chmod(0o755)
    ansible.write_inventory(str(python))
    try:
        run = ansible.playbook("site.yml", "--limit", "h1")
    finally:
        ansible.write_inventory(sys.executable)
    assert run.returncode != 0
    failed = run.result("h1", "Network")
    assert failed["status"] == "failed"
    assert "Failed to import the required Python library (domxml)" in failed["result"]["msg"]
    assert "pip install domxml" in failed["result"]["msg"]


def _collection_module(ansible: Ansible, monkeypatch: pytest.MonkeyPatch, name: str) -> Any:
    """A module of the installed collection, imported as Ansible imports it on the host."""
    monkeypatch.syspath_prepend(str(ansible.root / "collections"))
    return importlib.import_module(f"ansible_collections.domxml.libvirt.plugins.{name}")


def test_capabilities_as_typed_data(ansible: Ansible, monkeypatch: pytest.MonkeyPatch) -> None:
    info = _collection_module(ansible, monkeypatch, "modules.info")
    xml = """<domainCapabilities>
      <machine>pc-q35-7.2</machine>
      <vcpu max='255'/>
      <os supported='yes'>
        <enum name='firmware'><value>efi</value></enum>
        <loader supported='yes'>
          <enum name='readonly'><value>yes</value><value>no</value></enum>
        </loader>
      </os>
      <cpu>
        <mode name='host-model' supported='yes'><model fallback='forbid'>kvm64</model></mode>
      </cpu>
      <numa>
        <cells><cell id='0'><cpus num='1'><cpu id='0' siblings='0'/></cpus></cell></cells>
      </numa>
    </domainCapabilities>"""
    assert info.xml_data(xml) == {
        "machine": "pc-q35-7.2",
        "vcpu": {"max": 255},
        "os": {
            "supported": True,
            "firmware": ["efi"],
            "loader": {"supported": True, "readonly": ["yes", "no"]},
        },
        "cpu": {
            "mode": [
                {
                    "name": "host-model",
                    "supported": True,
                    "model": [{"fallback": "forbid", "value": "kvm64"}],
                }
            ]
        },
        "numa": {
            "cells": {"cell": [{"id": 0, "cpus": {"num": 1, "cpu": [{"id": 0, "siblings": 0}]}}]}
        },
    }


@pytest.mark.parametrize(
    "content",
    [
        "<network><name>n</name><bridge name='br9'/></network>",
        "network:\n  name: n\n  bridge: {name: br9}\n",
        '{"network": {"name": "n", "bridge": {"name": "br9"}}}',
        {"network": {"name": "n", "bridge": {"name": "br9"}}},
    ],
    ids=["xml", "yaml", "json", "data"],
)
def test_a_document_in_any_form(
    ansible: Ansible, monkeypatch: pytest.MonkeyPatch, content: Any
) -> None:
    import domxml

    common = _collection_module(ansible, monkeypatch, "module_utils.common")
    model = common.read_document(content, "net")
    assert domxml.to_xml(model, style="libvirt") == (
        "<network>\n  <name>n</name>\n  <bridge name='br9'/>\n</network>\n"
    )


def test_a_malformed_document_says_where(ansible: Ansible, monkeypatch: pytest.MonkeyPatch) -> None:
    import domxml

    common = _collection_module(ansible, monkeypatch, "module_utils.common")
    with pytest.raises(domxml.ParseError) as caught:
        common.read_document("<network>\n  <name>n</nam>\n</network>", "net.xml")
    assert caught.value.column is not None
    assert common.error_fields(caught.value) == {
        "file": "net.xml",
        "line": 2,
        "column": caught.value.column,
    }
