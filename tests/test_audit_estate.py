"""Plans held against the estate: coverage of critical workloads and accounts, scan gaps
as unknown coverage, and what the estate holds that a plan does not name."""

from __future__ import annotations

import json
from pathlib import Path

from exitplan.audit.collect import read_plan
from exitplan.audit.estate import audit_estate
from exitplan.audit.findings import Finding
from exitplan.audit.policy import Critical, CriticalTag
from exitplan.inventory import load_inventories
from exitplan.model import Inventory
from exitplan.sample import sample_path

PLANS = Path(__file__).resolve().parent / "fixtures" / "plans"
GAPPED = [
    "E-COVERAGE-UNKNOWN:604738215539",
    "E-COVERAGE-UNKNOWN:c2e48b57-9f10-4d3a-a6e2-81b0f5c3d9e4",
]


def _inventory() -> Inventory:
    return load_inventories([sample_path()]).inventory


def _audit(paths: list[Path], critical: Critical | None = None) -> tuple[Finding, ...]:
    documents = [read_plan(p) for p in paths]
    return audit_estate(
        documents, _inventory(), "inventory.json", critical or Critical(), ("dora",)
    )


def test_exitplan_s_own_plan_covers_its_estate_and_gaps_stay_unknown(demo_folder: Path) -> None:
    assert [f.id for f in _audit([demo_folder / "plan.json"])] == GAPPED


def test_accounts_no_plan_names_are_uncovered_and_high() -> None:
    findings = _audit([PLANS / "complete-en.md"])
    uncovered = [f for f in findings if f.rule == "E-UNCOVERED"]
    assert [f.id for f in uncovered] == [
        "E-UNCOVERED:account:7f3c9a1e-52d4-4b8e-9c61-2e8a0d4f6b13",
        "E-UNCOVERED:account:havenstad-data-prod",
        "E-UNCOVERED:account:havenstad-mobiliteit",
    ]
    assert {f.severity for f in uncovered} == {"high"}
    assert {f.plan for f in uncovered} == {"inventory.json"}
    # The gapped accounts are unknown, never covered and never uncovered.
    assert [f.id for f in findings if f.rule == "E-COVERAGE-UNKNOWN"] == GAPPED


def test_workloads_in_a_covered_account_the_plan_does_not_name_are_drift() -> None:
    findings = _audit([PLANS / "complete-en.md"])
    drift = [f for f in findings if f.rule == "E-DRIFT-WORKLOAD"]
    assert drift and {f.plan for f in drift} == {str(PLANS / "complete-en.md")}
    assert "E-DRIFT-WORKLOAD:burgerportaal" in [f.id for f in drift]


def test_the_policy_names_critical_workloads_by_name_or_tag() -> None:
    critical = Critical(
        workloads=["no-such-workload"], tag=CriticalTag(key="application", value="burgerportaal")
    )
    findings = _audit([PLANS / "complete-en.md"], critical)
    assert [f.id for f in findings if f.rule == "E-UNCOVERED"] == [
        "E-UNCOVERED:workload:burgerportaal",
        "E-UNCOVERED:workload:no-such-workload",
    ]


def test_an_exitplan_plan_made_from_fewer_resources_than_the_estate_has_drifted(
    demo_folder: Path, tmp_path: Path
) -> None:
    data = json.loads((demo_folder / "plan.json").read_text(encoding="utf-8"))
    data["resources"] = 150
    older = tmp_path / "plan.json"
    older.write_text(json.dumps(data, indent=2), encoding="utf-8")
    (drift,) = [f for f in _audit([older]) if f.rule == "E-DRIFT-COUNT"]
    assert (drift.plan, drift.severity) == (str(older), "medium")
    assert "150" in drift.evidence and "201" in drift.evidence
