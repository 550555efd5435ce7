"""The JSON reports of plans, applies, removals and diffs (``domxml.apply.json_reports``).

They are dataclasses-json classes; the JSON they give is the one the command
line has always written (``--format json``), keys in this order.
"""

from __future__ import annotations

import json

import domxml
from domxml.apply.execute import Outcome, Result
from domxml.apply.json_reports import DiffReport, PlanReport, RemovalReport, RemovalsReport
from domxml.apply.objects import Ref
from domxml.apply.plan import Desired, Plan, Step
from domxml.apply.record import Record
from domxml.apply.remove import Removal
from domxml.apply.report import to_json
from domxml.compare import Change


def fixture() -> tuple[Plan, Result, list[Removal]]:
    dom = domxml.parse("<domain type='kvm'><name>web01</name></domain>")
    net = domxml.parse("<network><name>lan</name></network>")
    change = Change("/domain/memory", "change", "2097152 KiB", "1048576 KiB")
    added = Change("/domain/devices/disk[2]", "add", "<disk type='file'/>", None)
    step1 = Step(
        Desired(Ref("domain", "web01"), dom, "vm.xml"),
        "update",
        [change, added],
        notes=["still running: the change applies at the next boot"],
        not_kept=[Change("/domain/devices/rng", "remove", None, "<rng/>")],
    )
    step2 = Step(Desired(Ref("network", "lan"), net), "create")
    step3 = Step(Desired(Ref("volume", "disk.qcow2", "default"), net, "-"), "conflict", notes=["x"])
    plan = Plan("test:///default", "9.0.0", [step1, step2, step3])
    record = Record("sha256:aa", "sha256:bb", b"<domain/>")
    result = Result(
        plan, [Outcome(step1, "updated", [change], ["started"], record), Outcome(step2, "created")]
    )
    removals = [
        Removal(Ref("domain", "web01"), "removed", ["nvram kept"]),
        Removal(Ref("pool", "p"), "absent"),
    ]
    return plan, result, removals


PLAN = """{
  "uri": "test:///default",
  "libvirt": "9.0.0",
  "steps": [
    {
      "object": "domain:web01",
      "kind": "domain",
      "name": "web01",
      "file": "vm.xml",
      "action": "update",
      "recreate": false,
      "changes": [
        {
          "path": "/domain/memory",
          "op": "change",
          "desired": "2097152 KiB",
          "actual": "1048576 KiB"
        },
        {
          "path": "/domain/devices/disk[2]",
          "op": "add",
          "desired": "<disk type='file'/>",
          "actual": null
        }
      ],
      "not_kept": [
        {
          "path": "/domain/devices/rng",
          "op": "remove",
          "desired": null,
          "actual": "<rng/>"
        }
      ],
      "notes": [
        "still running: the change applies at the next boot"
      ]
    },
    {
      "object": "network:lan",
      "kind": "network",
      "name": "lan",
      "file": null,
      "action": "create",
      "recreate": false,
      "changes": [],
      "not_kept": [],
      "notes": []
    },
    {
      "object": "volume:default/disk.qcow2",
      "kind": "volume",
      "name": "disk.qcow2",
      "file": "-",
      "action": "conflict",
      "recreate": false,
      "changes": [],
      "not_kept": [],
      "notes": [
        "x"
      ]
    }
  ],
  "summary": {
    "create": 1,
    "update": 1,
    "unchanged": 0,
    "conflict": 1
  }
}"""

RESULT = """{
  "uri": "test:///default",
  "libvirt": "9.0.0",
  "dry_run": false,
  "changed": true,
  "objects": [
    {
      "object": "domain:web01",
      "kind": "domain",
      "name": "web01",
      "file": "vm.xml",
      "action": "updated",
      "recreate": false,
      "changes": [
        {
          "path": "/domain/memory",
          "op": "change",
          "desired": "2097152 KiB",
          "actual": "1048576 KiB"
        },
        {
          "path": "/domain/devices/disk[2]",
          "op": "add",
          "desired": "<disk type='file'/>",
          "actual": null
        }
      ],
      "not_kept": [
        {
          "path": "/domain/devices/rng",
          "op": "remove",
          "desired": null,
          "actual": "<rng/>"
        }
      ],
      "notes": [
        "still running: the change applies at the next boot",
        "started"
      ],
      "drift": [
        {
          "path": "/domain/memory",
          "op": "change",
          "desired": "2097152 KiB",
          "actual": "1048576 KiB"
        }
      ],
      "record": {
        "desired": "sha256:aa",
        "defined": "sha256:bb"
      }
    },
    {
      "object": "network:lan",
      "kind": "network",
      "name": "lan",
      "file": null,
      "action": "created",
      "recreate": false,
      "changes": [],
      "not_kept": [],
      "notes": [],
      "drift": [],
      "record": null
    }
  ]
}"""

REMOVALS = """{
  "objects": [
    {
      "object": "domain:web01",
      "action": "removed",
      "notes": [
        "nvram kept"
      ]
    },
    {
      "object": "pool:p",
      "action": "absent",
      "notes": []
    }
  ]
}"""


def test_a_plan_as_json() -> None:
    plan, _, _ = fixture()
    assert to_json(plan.as_dict()) == PLAN
    assert json.loads(
        PlanReport.of(plan, ("create", "update", "unchanged", "conflict")).to_json()
    ) == json.loads(PLAN)
    assert plan.steps[0].as_dict() == json.loads(PLAN)["steps"][0]


def test_an_apply_as_json() -> None:
    _, result, _ = fixture()
    assert to_json(result.as_dict()) == RESULT
    # The record's document stays out of every report.
    assert result.outcomes[0].record is not None
    assert result.outcomes[0].record.to_dict() == {"desired": "sha256:aa", "defined": "sha256:bb"}


def test_removals_as_json() -> None:
    _, _, removals = fixture()
    report = RemovalsReport([RemovalReport.of(r) for r in removals])
    assert to_json(report.to_dict()) == REMOVALS
    assert [r.as_dict() for r in removals] == json.loads(REMOVALS)["objects"]


def test_a_diff_as_json() -> None:
    changes = [Change("/network/bridge/@stp", "change", "off", "on")]
    assert json.loads(DiffReport("a.xml", "network:lan", changes).to_json()) == {
        "desired": "a.xml",
        "actual": "network:lan",
        "changes": [
            {"path": "/network/bridge/@stp", "op": "change", "desired": "off", "actual": "on"}
        ],
    }
