"""Each governance check finds its case and only that: an estate whose metadata is in order
raises none, and each change below raises the one named. A check added to the table
without a case here fails `test_every_check_has_a_case`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from exitplan.governance import CHECKS, ExitTest, fold, recorded_tests, review
from exitplan.planning import PlanMeta, Workload
from exitplan.threepoint import total

AS_OF = dt.date(2026, 11, 2)
ACCOUNTS = (("aws", "111"), ("aws", "222"), ("gcp", "proj-a"))


def _workload(name: str, criticality: str = "high") -> Workload:
    return Workload(
        name, "application tag", criticality, (), (), ("aws",), 1, 0, (), 0, total([]), 3
    )


WORKLOADS = (_workload("zaaksysteem"), _workload("Burgerzaken"), _workload("intranet", "low"))
GOOD: dict[str, Any] = {
    "approved_by": "Executive board",
    "approved_on": dt.date(2026, 11, 20),
    "tests": [{"date": dt.date(2026, 11, 10), "method": "tabletop", "result": "passed"}],
    "critical_functions": ["Zaaksysteem", "burgerzaken"],
    "contracts": [
        {"provider": "aws", "reference": "AWS-1"},
        {"provider": "gcp", "accounts": ["proj-a"], "reference": "GCP-1"},
    ],
}

Case = Callable[[dict[str, Any]], tuple[dict[str, Any], tuple[Workload, ...]]]


def _meta(**changes: Any) -> Case:
    return lambda good: ({**good, **changes}, WORKLOADS)


def _test(**changes: Any) -> Case:
    return _meta(tests=[{**GOOD["tests"][0], **changes}])


CASES: dict[str, Case] = {
    "G-APPROVAL-MISSING": _meta(approved_on=None),
    "G-APPROVAL-OVERDUE": _meta(approved_on=dt.date(2025, 10, 1)),
    "G-APPROVAL-STALE": _meta(approved_on=dt.date(2026, 10, 1)),
    "G-TEST-MISSING": _meta(tests=[]),
    "G-TEST-FAILED": _test(result="failed"),
    "G-TEST-PARTIAL": _test(result="partial"),
    "G-TEST-OVERDUE": _test(date=dt.date(2025, 9, 1)),
    "G-TEST-STALE": _test(date=dt.date(2026, 11, 1)),
    "G-CRITICAL-UNMATCHED": _meta(critical_functions=["Zaaksysteem", "burgerzaken", "Payroll"]),
    "G-CRITICAL-NONE": lambda good: ({**good, "critical_functions": []}, WORKLOADS[2:]),
    "G-CRITICAL-UNNAMED": _meta(critical_functions=["zaaksysteem"]),
    "G-CONTRACT-MISSING": _meta(contracts=GOOD["contracts"][:1]),
    "G-CONTRACT-UNCOVERED": _meta(
        contracts=[{"provider": "aws", "accounts": ["111"]}, GOOD["contracts"][1]]
    ),
    "G-CONTRACT-UNKNOWN": _meta(
        contracts=[*GOOD["contracts"], {"provider": "gcp", "accounts": ["proj-gone"]}]
    ),
    "G-CONTRACT-UNTIED": _meta(contracts=[*GOOD["contracts"], "Framework agreement 7"]),
}


def _ids(meta: dict[str, Any], workloads: tuple[Workload, ...] = WORKLOADS) -> list[str]:
    gov = review(PlanMeta.model_validate(meta), AS_OF, workloads, ACCOUNTS)
    return [f.id for f in gov.findings]


def test_every_check_has_a_case() -> None:
    assert set(CASES) == {check.id for check in CHECKS}


def test_metadata_in_order_raises_nothing() -> None:
    gov = review(PlanMeta.model_validate(GOOD), AS_OF, WORKLOADS, ACCOUNTS)
    assert gov.findings == () and gov.approved and gov.risks == ()
    assert gov.next_review == dt.date(2027, 11, 20)
    assert {gov.approval_status, gov.test_status, gov.functions_status} == {"current"}


@pytest.mark.parametrize("check", sorted(CASES))
def test_each_check_finds_its_case(check: str) -> None:
    meta, workloads = CASES[check](GOOD)
    assert _ids(meta, workloads) == [check]


@pytest.mark.parametrize(
    ("approved_on", "status"),
    [
        (AS_OF, "current"),  # the inventory's own day: it covers it
        (AS_OF - dt.timedelta(days=1), "stale"),
        (dt.date(2025, 11, 2), "stale"),  # due on the inventory's day, not yet past it
        (dt.date(2025, 11, 1), "overdue"),
    ],
)
def test_approval_is_judged_on_the_inventorys_day(approved_on: dt.date, status: str) -> None:
    gov = review(PlanMeta.model_validate({**GOOD, "approved_on": approved_on}), AS_OF, (), ())
    assert gov.approval_status == status
    assert gov.approved is (status == "current")
    # Where no approval covers the inventory, the review is due now, not a year on.
    assert gov.next_review == (dt.date(2027, 11, 2) if status == "current" else AS_OF)


def test_an_approval_without_its_approver_is_missing() -> None:
    gov = review(PlanMeta.model_validate({**GOOD, "approved_by": None}), AS_OF, (), ())
    assert [f.id for f in gov.approval_findings] == ["G-APPROVAL-MISSING"]
    assert "approved_by" in gov.approval_findings[0].detail


def test_the_last_test_decides_and_a_failed_stale_one_says_both() -> None:
    tests = [
        {"date": dt.date(2026, 11, 10), "method": "tabletop", "result": "passed"},
        {"date": dt.date(2026, 10, 30), "method": "rehearsal", "result": "failed"},
    ]
    gov = review(PlanMeta.model_validate({**GOOD, "tests": tests}), AS_OF, (), ())
    assert gov.test_findings == () and gov.last_test == ExitTest.model_validate(tests[0])
    gov = review(PlanMeta.model_validate({**GOOD, "tests": tests[1:]}), AS_OF, (), ())
    assert [f.id for f in gov.test_findings] == ["G-TEST-FAILED", "G-TEST-STALE"]
    assert gov.test_status == "failed"
    assert "rehearsal" in gov.test_findings[0].detail


def test_last_tested_reads_as_one_test() -> None:
    meta = PlanMeta(last_tested=dt.date(2026, 9, 15), test_method="tabletop")
    assert recorded_tests(meta) == (ExitTest(date=dt.date(2026, 9, 15), method="tabletop"),)
    both = PlanMeta.model_validate(
        {"last_tested": dt.date(2026, 9, 15), "tests": [{"date": dt.date(2026, 9, 15)}]}
    )
    assert len(recorded_tests(both)) == 1
    gov = review(meta, AS_OF, (), ())
    assert [f.id for f in gov.test_findings] == ["G-TEST-STALE"]


def test_names_match_across_case_accents_and_spaces() -> None:
    assert fold("  Burgerzáken  Online ") == fold("burgerzaken online")
    workloads = (_workload("café-beheer"), _workload("CAFE-BEHEER", "low"))
    gov = review(PlanMeta(critical_functions=["Café-Beheer"]), AS_OF, workloads, ())
    assert gov.matched == (("Café-Beheer", ("café-beheer", "CAFE-BEHEER")),)
    assert gov.functions_status == "current"


def test_an_unmatched_function_names_the_workloads_there_are() -> None:
    gov = review(PlanMeta(critical_functions=["Payroll"]), AS_OF, WORKLOADS, ())
    finding = gov.findings[2]
    assert finding.id == "G-CRITICAL-UNMATCHED"
    assert "Payroll" in finding.detail and "zaaksysteem, Burgerzaken, intranet" in finding.detail
    unnamed = next(f for f in gov.findings if f.id == "G-CRITICAL-UNNAMED")
    assert "zaaksysteem, Burgerzaken" in unnamed.detail


def test_a_long_list_of_names_is_cut_short() -> None:
    workloads = tuple(_workload(f"w{n:03}", "low") for n in range(25))
    gov = review(PlanMeta(critical_functions=["x"]), AS_OF, workloads, ())
    detail = gov.findings[2].detail
    assert "w019 and 5 more" in detail and "w020" not in detail


def test_contract_coverage_names_providers_and_accounts() -> None:
    meta = PlanMeta.model_validate(
        {"contracts": [{"provider": "aws", "accounts": ["111", "999"], "reference": "A-1"},
                       {"provider": "oracle", "reference": "O-1"}]}
    )  # fmt: skip
    gov = review(meta, AS_OF, (), ACCOUNTS)
    details = {f.id: f.detail for f in gov.findings}
    assert "gcp (1 account(s))" in details["G-CONTRACT-MISSING"]
    assert "aws 222" in details["G-CONTRACT-UNCOVERED"]
    assert "account 999" in details["G-CONTRACT-UNKNOWN"]
    assert "provider oracle" in details["G-CONTRACT-UNKNOWN"]
    assert gov.contracts_status == "missing"


def test_findings_with_an_impact_are_risks() -> None:
    meta = PlanMeta(critical_functions=[])
    gov = review(meta, AS_OF, WORKLOADS[2:], ())
    ids = [r.id for r in gov.risks]
    assert "G-APPROVAL-MISSING" in ids and "G-TEST-MISSING" in ids
    assert "G-CRITICAL-NONE" not in ids  # a gap in the document, not a risk of the exit
