"""The management summary: its figures are the body's, and its decisions follow the plan."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from exitplan.catalogue import Catalogue
from exitplan.cli import app
from exitplan.inventory import load_inventories
from exitplan.pipeline import make_plan
from exitplan.planning import Plan, PlanMeta
from exitplan.profile import Profile
from exitplan.risks import Risk
from exitplan.sample import sample_meta_path, sample_path
from exitplan.summary import PIE_SLICES, TOP_RISKS, decisions, slices, top_risks
from tests.test_docs import slugs

# A figure: digits with the separators and units the plan writes them with (a currency
# follows a range of amounts once, so amounts are compared without it).
_FIGURE = re.compile(r"\d{4}-\d{2}-\d{2}|\d[\d,.]*(?:\s?(?:TiB|GiB|MiB|KiB|B|%))?")


@pytest.fixture(scope="module")
def plan(catalogue: Catalogue, profile: Profile) -> Plan:
    return make_plan(load_inventories([sample_path()]), catalogue, profile, PlanMeta())


def _sections(text: str) -> tuple[str, str]:
    start = text.index("## Management summary")
    end = text.index("## 1. Document control")
    return text[start:end], text[:start] + text[end:]


def _demo(tmp_path: Path, *args: str) -> tuple[str, dict[str, object]]:
    """The sample estate planned with the sample metadata, as `exitplan demo` does."""
    out = tmp_path / "demo"
    command = ["plan", str(sample_path()), "--meta", str(sample_meta_path()), "--out", str(out)]
    result = CliRunner().invoke(app, [*command, *args])
    assert result.exit_code == 0, result.output
    return (out / "exit-plan.md").read_text(), json.loads((out / "plan.json").read_text())


SPEND = Path(__file__).parent / "fixtures" / "spend" / "gcp-billing.csv"


@pytest.mark.parametrize(
    "args", [(), ("--scenario", "all-on-scaleway"), ("--spend", str(SPEND))], ids=str
)
def test_every_figure_of_the_summary_is_in_the_body(tmp_path: Path, args: tuple[str, ...]) -> None:
    text, _document = _demo(tmp_path, *args)
    summary, body = _sections(text)
    # The numbered list's own numbers are not figures.
    figures = set(_FIGURE.findall(re.sub(r"^\d+\. ", "", summary, flags=re.M)))
    assert {"1,408", "46.5 TiB", "2028-02-04"} <= figures or args
    missing = sorted(f for f in figures if f not in body)
    assert not missing, f"in the summary, not in the body: {missing}"


def test_the_summary_comes_first_and_names_the_ranges(tmp_path: Path) -> None:
    text, document = _demo(tmp_path)
    summary, _body = _sections(text)
    assert text.index("## Management summary") < text.index("## 1. Document control")
    for label in ("**Effort**", "**One-time cost**", "**Calendar**", "**Top risks**"):
        assert label in summary
    # One page: the reader who must decide reads no further to decide.
    assert len(summary.splitlines()) <= 60
    out = document["summary"]
    assert isinstance(out, dict)
    assert [d["id"] for d in out["decisions"]][:2] == ["D-TARGET", "D-BUDGET"]
    for number, decision in enumerate(out["decisions"], 1):
        assert f"{number}. {decision['text']}" in summary.replace("\\", "")


def test_todays_spend_is_set_against_the_run_cost(tmp_path: Path) -> None:
    text, document = _demo(tmp_path, "--spend", str(SPEND))
    summary, _body = _sections(text)
    out = document["summary"]
    assert isinstance(out, dict) and out["spend_per_month"] is not None
    assert "a month today" in summary
    assert "today's spend" not in " ".join(out["unknowns"])


def test_a_scenario_other_than_the_recommended_says_so(tmp_path: Path) -> None:
    text, document = _demo(tmp_path, "--scenario", "all-on-scaleway")
    summary, _body = _sections(text)
    assert "**Planned**: scenario All on Scaleway" in summary
    out = document["summary"]
    assert isinstance(out, dict)
    assert "instead of the recommended" in out["decisions"][0]["text"]
    assert out["runner_up"] is None and "Runner-up" not in summary


def test_decisions_follow_the_plan(plan: Plan) -> None:
    ids = [d.id for d in decisions(plan)]
    # The sample has no approver, scan gaps and unmapped types; its metadata here is empty.
    for wanted in ("D-TARGET", "D-BUDGET", "D-OWNER", "D-APPROVER", "D-UNMAPPED", "D-GAPS"):
        assert wanted in ids
    assert "D-NOTICE" not in ids  # no contracts recorded
    # A risk that has a decision of its own is not asked about twice.
    assert "D-R-GAPS" not in ids and "D-R-UNMAPPED" not in ids
    assert "D-R-CRITICAL" in ids


def test_settled_matters_ask_for_no_decision(plan: Plan) -> None:
    meta = PlanMeta(plan_owner="CIO office", approved_by="Board")
    settled = replace(plan, meta=meta, gaps=(), unmapped=0, unmapped_types=(), governance=None)
    ids = [d.id for d in decisions(settled)]
    for gone in ("D-OWNER", "D-APPROVER", "D-UNMAPPED", "D-GAPS"):
        assert gone not in ids
    assert ids[:2] == ["D-TARGET", "D-BUDGET"]
    # An approval the governance checks find stale is asked for again.
    assert plan.governance is not None and not plan.governance.approved
    stale = replace(settled, governance=plan.governance)
    (again,) = (d for d in decisions(stale) if d.id == "D-APPROVER")
    assert "again" in again.text


def test_notice_dates_come_from_the_contracts(tmp_path: Path) -> None:
    _text, document = _demo(tmp_path)  # the demo's metadata records three contracts
    out = document["summary"]
    assert isinstance(out, dict)
    notice = [d for d in out["decisions"] if d["id"] == "D-NOTICE"]
    calendar = document["calendar"]
    assert isinstance(calendar, dict)
    first = min(c["notice_by"] for c in calendar["contracts"])
    assert len(notice) == 1 and first in notice[0]["text"]


def test_top_risks_are_the_highest_first() -> None:
    risks = [Risk(f"R-{i}", "t", "d", impact, "m") for i, impact in enumerate("lmhlhmh")]
    impacts = {"l": "low", "m": "medium", "h": "high"}
    risks = [replace(r, impact=impacts[r.impact]) for r in risks]
    top = top_risks(risks)
    assert len(top) == TOP_RISKS
    assert [r.id for r in top] == ["R-2", "R-4", "R-6", "R-1", "R-5"]


def test_the_pie_keeps_ten_slices_and_the_rest(plan: Plan) -> None:
    parts = slices(plan)
    assert len(parts) == PIE_SLICES + 1
    assert sum(s.resources for s in parts) == plan.total_resources
    assert parts[-1].label.endswith("other categories")
    assert [s.resources for s in parts[:-1]] == sorted(
        (s.resources for s in parts[:-1]), reverse=True
    )


def test_detail_moves_to_appendices_linked_from_the_body(tmp_path: Path) -> None:
    text, _document = _demo(tmp_path)
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    appendices = [h for h in headings if h.startswith("Appendix")]
    assert [h.split(":")[0] for h in appendices] == [f"Appendix {x}" for x in "ABCDEF"]
    body = text[: text.index("## Appendix A")]
    # Sources, certifications and the resources one by one are not in the body.
    assert "- Sources:" not in body and "#### " not in body
    assert "havenstad-haven (`318265497702`" not in body
    appendix = text[text.index("## Appendix D") :]
    assert "- Sources:" in appendix and "havenstad-haven (`318265497702`" in appendix
    # Each link to an appendix leads to its heading.
    anchors = set(re.findall(r"\]\(#([^)]+)\)", body))
    assert anchors and anchors <= slugs(text)
    assert {a.split("-")[1] for a in anchors} == {"d", "e", "f"}
    for name in ("risks", "unmapped-decisions", "test-evidence", "decisions", "unplaced"):
        assert f"<!-- exitplan:manual:{name} -->" in text


def _section(text: str, heading: str) -> str:
    start = text.index(heading)
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else len(text)]


def test_the_ranges_and_dates_are_those_of_their_sections(tmp_path: Path) -> None:
    text, document = _demo(tmp_path)
    summary, _body = _sections(text)
    effort = _section(text, "## 10. Effort")
    for label in ("Effort", "One-time cost", "Calendar"):
        (points,) = re.findall(rf"\*\*{label}\*\*: ([\d,]+ / [\d,]+ / [\d,]+)", summary)
        assert f"**{points}" in effort, label
    (start, end) = re.findall(r"run from (\S+) to (\S+) \(section 9\)", summary)[0]
    calendar = _section(text, "## 9. Transition plan")
    rows = re.findall(r"^\| Wave \d+: [^|]+ \| (\S+) \| (\S+) \|", calendar, flags=re.M)
    assert (start, end) == (rows[0][0], rows[-1][1])
    (run,) = re.findall(r"\*\*Run cost\*\*: ([\d,]+ EUR) a month", summary)
    planned = document["scenario"]
    assert isinstance(planned, dict)
    row = next(r for r in text.splitlines() if r.startswith(f"| 1 | {planned['name']} |"))
    assert f"| {run} |" in row
