"""The audit's rules on the plans of tests/fixtures/plans: exactly the findings each
plan should give, judged on a fixed day so that the test gives the same answer any day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from exitplan.audit.collect import read_plan
from exitplan.audit.findings import PART_NAMES, Finding, Settings, audit_plan, failing
from exitplan.audit.vocabulary import shipped

PLANS = Path(__file__).resolve().parent / "fixtures" / "plans"
AS_OF = dt.date(2026, 12, 1)
BOTH = ("dora", "data-act")


def _audit(name: str, **given: object) -> tuple[Finding, ...]:
    settings = Settings(**{"as_of": AS_OF, "frameworks": BOTH, **given})  # type: ignore[arg-type]
    return audit_plan(read_plan(PLANS / name), shipped(), settings)


def _ids(findings: tuple[Finding, ...]) -> list[str]:
    return [f.id for f in findings]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("complete-en.md", ["A-ESTATE-UNDATED"]),
        ("dutch-headings.md", ["A-ESTATE-UNDATED"]),
        ("other-order.md", ["A-ESTATE-UNDATED"]),
        ("missing-triggers.md", ["A-PART-MISSING:exit-triggers", "A-ESTATE-UNDATED"]),
        ("stale-approval.md", ["A-APPROVAL-OVERDUE", "A-TEST-OVERDUE", "A-ESTATE-UNDATED"]),
        (
            "unsigned.md",
            [
                "A-PART-EMPTY:testing",
                "A-OWNER-UNNAMED",
                "A-APPROVER-UNNAMED",
                "A-APPROVAL-UNDATED",
                "A-TEST-UNDATED",
                "A-ESTATE-UNDATED",
            ],
        ),
        ("word/exit-strategy-azure.docx", ["A-PART-MISSING:costs", "A-ESTATE-UNDATED"]),
    ],
)
def test_each_plan_gives_exactly_its_findings(name: str, expected: list[str]) -> None:
    assert _ids(_audit(name)) == expected


def test_a_finding_says_where_and_quotes_the_plan() -> None:
    overdue = _audit("stale-approval.md")[0]
    assert (overdue.severity, overdue.section, overdue.position) == (
        "medium",
        "Review and approval",
        55,
    )
    assert overdue.plan.endswith("stale-approval.md")
    assert "10 April 2024" in overdue.evidence and "2025-04-10" in overdue.evidence
    assert [s.requirement for s in overdue.sources] == ["DORA-28-8-sub3", "RTS-1773-3-1"]
    assert overdue.sources[0].url.startswith("https://eur-lex.europa.eu/")


def test_a_missing_part_cites_only_the_frameworks_selected() -> None:
    (missing, _estate) = _audit("missing-triggers.md", frameworks=("data-act",))
    assert missing.id == "A-PART-MISSING:exit-triggers"
    assert missing.sources == ()
    (missing, _estate) = _audit("missing-triggers.md", frameworks=("dora",))
    assert {s.requirement for s in missing.sources} >= {"DORA-28-7-a", "DORA-28-7-d"}


def test_the_interval_is_the_policy_s() -> None:
    assert _ids(_audit("stale-approval.md", interval_months=36)) == ["A-ESTATE-UNDATED"]


def test_a_plan_older_than_its_estate_is_stale() -> None:
    findings = _audit("complete-en.md", estate=dt.date(2026, 10, 1))
    assert _ids(findings) == ["A-APPROVAL-STALE", "A-TEST-STALE"]
    assert "2026-10-01" in findings[0].evidence


def test_dates_after_the_day_of_the_audit_are_reported() -> None:
    findings = _audit("complete-en.md", as_of=dt.date(2026, 5, 1))
    assert _ids(findings) == ["A-APPROVAL-FUTURE", "A-TEST-FUTURE", "A-ESTATE-UNDATED"]


def test_failing_counts_findings_at_or_above_the_threshold() -> None:
    findings = _audit("unsigned.md")
    assert len(failing(findings, "medium")) == 5
    assert len(failing(findings, "high")) == 0
    assert len(failing(findings, "info")) == 6


def test_every_part_s_name_is_in_the_catalogues() -> None:
    assert tuple(p.name for p in shipped().parts) == PART_NAMES
