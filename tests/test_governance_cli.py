"""The governance checks through the command line: what the plan, the risk register, the
summary and plan.json say of an approval and tests against the sample inventory of
2026-11-02, and metadata refused with the field named."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from exitplan.cli import app
from exitplan.sample import sample_path

from .conftest import plan_error

APPROVED = "approved_by: Executive board\napproved_on: {day}\n"


def _plan(runner: CliRunner, tmp_path: Path, meta: str, *more: str) -> tuple[str, str, Any]:
    path = tmp_path / "meta.yaml"
    path.write_text(meta)
    out = tmp_path / "o"
    result = runner.invoke(
        app, ["plan", str(sample_path()), "--out", str(out), "--meta", str(path), *more]
    )
    assert result.exit_code == 0, result.output
    data = json.loads((out / "plan.json").read_text())
    return (out / "exit-plan.md").read_text(), result.stdout, data["governance"]


def test_an_approval_before_the_inventory_is_stale(runner: CliRunner, tmp_path: Path) -> None:
    plan, summary, gov = _plan(runner, tmp_path, APPROVED.format(day="2026-10-01"))
    assert "| Approved by | Executive board | stale |" in plan
    assert (
        "**The approval predates the inventory**: The approval of 2026-10-01 is dated before "
        "the inventory of 2026-11-02" in plan
    )
    assert "plan counts as not approved" in plan
    assert "| Next review due | now: no current approval covers the inventory of 2026-11-02" in plan
    assert "Review and approve this plan now" in plan
    assert "| G-APPROVAL-STALE | The approval predates the inventory | medium |" in plan
    assert "  approval   stale: The approval predates the inventory" in summary
    assert gov["approval"] == "stale" and gov["next_review"] == "2026-11-02"
    assert gov["findings"][0]["id"] == "G-APPROVAL-STALE"


def test_an_approval_after_the_inventory_is_current(runner: CliRunner, tmp_path: Path) -> None:
    plan, summary, gov = _plan(runner, tmp_path, APPROVED.format(day="2026-11-20"))
    assert "| Approved by | Executive board | current |" in plan
    assert "| Next review due | 2027-11-20 (every 12 months) |" in plan
    assert "Review this plan by 2027-11-20" in plan
    assert "G-APPROVAL" not in plan
    assert "  approval   current; next review due 2027-11-20" in summary
    assert gov["approval"] == "current" and gov["next_review"] == "2027-11-20"


def test_test_evidence_fills_section_14(runner: CliRunner, tmp_path: Path) -> None:
    meta = (
        "tests:\n"
        "  - {date: 2026-11-10, method: full exit rehearsal, scope: wave 1, result: failed,\n"
        "     evidence: 'TEST-9', findings: restore too slow}\n"
        "  - {date: 2026-06-01, method: tabletop, result: passed}\n"
    )
    plan, summary, gov = _plan(runner, tmp_path, meta)
    assert "| Last tested | 2026-11-10 | failed |" in plan
    assert "**The last test failed**: The last test, on 2026-11-10 (full exit rehearsal)" in plan
    assert (
        "| 2026-11-10 | full exit rehearsal | wave 1 | failed | TEST-9 | restore too slow |" in plan
    )
    assert "| 2026-06-01 | tabletop | not recorded | passed | not recorded | none |" in plan
    assert "  tested     failed: The last test failed" in summary
    assert gov["test"] == "failed" and [t["date"] for t in gov["tests"]] == [
        "2026-11-10",
        "2026-06-01",
    ]


def test_a_plan_without_tests_says_so(runner: CliRunner, tmp_path: Path) -> None:
    plan, summary, gov = _plan(runner, tmp_path, "organisation: X\n", "--json")
    assert "**This plan has not been tested**" in plan
    assert "| Last tested | never (see section 14) | missing |" in plan
    data = json.loads(summary)
    assert data["governance"]["test"] == {"status": "missing", "findings": ["G-TEST-MISSING"]}
    assert gov["tests"] == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("tests:\n  - date: 2026-11-01\n    result: ok\n", ["tests[0].result", "'passed'"]),
        ("tests:\n  - date: 2026-13-01\n", ["meta.yaml:2", "date: 2026-13-01", "not a date"]),
        ("tests:\n  - date: 1790000000\n", ["tests[0].date", "a number"]),
        ("tests:\n  - method: tabletop\n", ["tests[0].date", "required"]),
        ("tests:\n  - date: 2026-11-01\n    outcome: passed\n", ["tests[0].outcome"]),
        ("approved_on: 2026-02-30\n", ["meta.yaml:1", "approved_on: 2026-02-30"]),
    ],
)
def test_bad_tests_are_refused_with_the_field_named(
    runner: CliRunner, tmp_path: Path, text: str, words: list[str]
) -> None:
    meta = tmp_path / "meta.yaml"
    meta.write_text(text)
    message = plan_error(runner, tmp_path, str(sample_path()), "--meta", str(meta))
    for word in words:
        assert word in message
