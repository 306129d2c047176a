"""Requirements as data, the engine that traces them, and --framework through the CLI."""

from __future__ import annotations

import datetime as dt
import gettext
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from exitplan import i18n
from exitplan.arrangements import arrangements
from exitplan.cli import app
from exitplan.contracts import Contract
from exitplan.errors import CatalogueError, InputError
from exitplan.markdown import slug as anchor
from exitplan.planning import PlanMeta
from exitplan.requirements import (
    FRAMEWORKS,
    REQUIREMENTS_PATH,
    SECTIONS,
    load_requirements,
    parse_requirements,
    select_frameworks,
    trace,
)
from exitplan.sample import sample_meta_path, sample_path
from exitplan.schedule import ContractPeriods, Schedule


def _raw() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(REQUIREMENTS_PATH.read_text(encoding="utf-8"))
    return data


def _plan(runner: CliRunner, out: Path, *args: str, meta: dict[str, Any] | None = None) -> Any:
    """plan.json and the Markdown of a plan of the sample estate."""
    extra: list[str] = []
    if meta is not None:
        path = out.parent / f"{out.name}-meta.yaml"
        path.write_text(yaml.safe_dump(meta), encoding="utf-8")
        extra = ["--meta", str(path)]
    result = runner.invoke(
        app, ["plan", str(sample_path()), "--out", str(out), "-q", *extra, *args]
    )
    assert result.exit_code == 0, result.output
    return json.loads((out / "plan.json").read_text()), (out / "exit-plan.md").read_text()


def _sample_meta(**changes: Any) -> dict[str, Any]:
    meta: dict[str, Any] = yaml.safe_load(sample_meta_path().read_text(encoding="utf-8"))
    meta.update(changes)
    return meta


def _headings(markdown: str) -> set[str]:
    return {anchor(h) for h in re.findall(r"^#{2,4} (.+)$", markdown, re.M)}


def _every_row_traced(document: Any, markdown: str, frameworks: set[str]) -> None:
    trace_ = document["requirements"]
    assert set(trace_["frameworks"]) == frameworks
    expected = {r.id for r in load_requirements().requirements if r.framework in frameworks}
    rows = trace_["requirements"]
    assert {r["id"] for r in rows} == expected
    headings = _headings(markdown)
    for row in rows:
        if row["status"] == "answered":
            assert row["sections"], row
        else:
            assert row["reason"], row
        if row["status"] == "not-applicable":
            continue
        for key in row["sections"]:
            assert f"(#{anchor(SECTIONS[key])})" in markdown
            if row["status"] == "answered":
                assert anchor(SECTIONS[key]) in headings, (row["id"], key)
        assert row["id"] in markdown


def test_the_shipped_requirements_load_and_cover_every_framework() -> None:
    held = load_requirements()
    assert {r.framework for r in held.requirements} == set(FRAMEWORKS)
    ids = [r.id for r in held.requirements]
    assert len(ids) == len(set(ids))
    for key in ("RTS-1773-10-sub1", "EBA-GL-15-108-e", "BIO2-5.20.06", "DA-25-2-g", "AVG-35-1"):
        assert key in ids


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (lambda d: d["requirements"].append(dict(d["requirements"][0])), "used twice"),
        (lambda d: d["requirements"][1].update(answered_by=["appendix-z"]), "appendix-z"),
        (lambda d: d["requirements"][2].update(wording="x"), "wording"),
        (lambda d: d["requirements"][3].update(instrument="nope"), "nope"),
        (lambda d: d["requirements"][4].update(confidence="X"), "confidence"),
    ],
)
def test_a_damaged_requirements_file_is_refused_with_what_is_wrong(change: Any, named: str) -> None:
    data = _raw()
    change(data)
    with pytest.raises(CatalogueError) as caught:
        parse_requirements(data, "requirements.yaml")
    assert named in caught.value.message and "requirements.yaml" in caught.value.message


def test_frameworks_follow_the_organisation_type_and_the_data_act_is_always_on() -> None:
    assert select_frameworks((), "municipality") == ("nl-public", "data-act")
    assert select_frameworks((), "credit-institution") == ("dora", "data-act")
    assert select_frameworks((), None) == ("data-act",)
    assert select_frameworks(("dora",), "municipality") == ("dora", "data-act")
    with pytest.raises(InputError) as caught:
        select_frameworks(("basel",), None)
    assert "basel" in caught.value.message and "nl-public" in (caught.value.hint or "")


def _status(meta: PlanMeta, frameworks: tuple[str, ...]) -> dict[str, tuple[str, str]]:
    return {t.requirement.id: (t.status, t.reason) for t in trace(meta, frameworks, True).rows}


def test_applicability_follows_the_facts_recorded() -> None:
    municipality = _status(PlanMeta(organisation_type="municipality"), ("nl-public",))
    status, reason = municipality["NL-CB22-1"]
    assert status == "not-applicable" and "central government" in reason
    assert "municipality" in reason
    rijk = _status(PlanMeta(organisation_type="rijk"), ("nl-public",))
    assert rijk["NL-CB22-1"][0] == "answered"
    no_personal = _status(PlanMeta(organisation_type="rijk", personal_data=False), ("nl-public",))
    assert no_personal["AVG-28-1"][0] == "not-applicable"
    assert "personal_data: false" in no_personal["AVG-28-1"][1]
    unknown = _status(PlanMeta(organisation_type="rijk"), ("nl-public",))
    assert unknown["AVG-28-1"] == ("answered", "assumed to apply: personal_data is not recorded")
    insurer = _status(PlanMeta(organisation_type="insurer"), ("dora",))
    assert insurer["EBA-GL-15-106"][0] == "not-applicable"
    assert insurer["DORA-28-8-sub4"][0] == "answered"


def test_what_is_missing_is_named() -> None:
    bare = _status(PlanMeta(organisation_type="credit-institution"), ("dora",))
    assert bare["EBA-GL-15-108-e"] == (
        "not-answered",
        "no trigger indicators are recorded (exit_triggers)",
    )
    assert bare["RTS-1773-10-sub1"][0] == "not-answered"
    assert "no contract is recorded" in bare["RTS-1773-10-sub1"][1]
    assert "no test of the plan is recorded (tests)" in bare["RTS-1773-10-sub1"][1]
    contracts = [Contract(reference="A", exit_clause="art. 9"), Contract(reference="B")]
    some = _status(PlanMeta(organisation_type="municipality", contracts=contracts), ("nl-public",))
    assert some["BIO2-5.20.06"] == (
        "not-answered",
        "no exit clause is named for: B (contracts: exit_clause)",
    )


def test_the_paraphrase_follows_the_plan_language() -> None:
    class Dutch(gettext.NullTranslations):
        def info(self) -> dict[str, str]:
            return {"language": "nl"}

    row = load_requirements().requirements[0]
    assert row.text == row.en
    with i18n.using(Dutch()):
        assert row.text == row.nl


def test_a_municipality_gets_the_dutch_public_sector_and_no_dora_text(
    runner: CliRunner, tmp_path: Path
) -> None:
    document, markdown = _plan(runner, tmp_path / "p", meta=_sample_meta())
    _every_row_traced(document, markdown, {"nl-public", "data-act"})
    for dora in ("DORA", "2022/2554", "2024/1773", "EBA"):
        assert dora not in markdown, dora
    assert "from the organisation type, a municipality" in markdown
    assert "BIO2 5.23.01" in markdown.split("## 4.")[0]  # section 3 cites from the data


def test_framework_nl_public_traces_every_requirement(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["demo", "--out", str(tmp_path / "d"), "-q", "--framework", "nl-public"]
    )
    assert result.exit_code == 0, result.output
    document = json.loads((tmp_path / "d" / "plan.json").read_text())
    markdown = (tmp_path / "d" / "exit-plan.md").read_text()
    _every_row_traced(document, markdown, {"nl-public", "data-act"})
    assert "chosen with --framework" in document["requirements"]["why"]


def test_framework_dora_traces_every_requirement_for_a_bank(
    runner: CliRunner, tmp_path: Path
) -> None:
    meta = _sample_meta(
        organisation="Bank", organisation_type="credit-institution", critical_functions=["pay"]
    )
    document, markdown = _plan(runner, tmp_path / "p", "--framework", "dora", meta=meta)
    _every_row_traced(document, markdown, {"dora", "data-act"})
    statuses = {r["id"]: r["status"] for r in document["requirements"]["requirements"]}
    assert statuses["EBA-GL-15-108-e"] == "answered"  # the sample records trigger indicators
    assert statuses["DORA-28-7-a"] == "not-answered"  # Microsoft's exit clause is missing
    assert "Critical or important functions supported (DORA Art. 28(8)): pay." in markdown
    assert "occurs (DORA Art. 28(7), Art. 28(8); RTS 2024/1773 Art. 10;" in markdown


def test_dora_for_a_municipality_is_not_applicable_with_the_reason(
    runner: CliRunner, tmp_path: Path
) -> None:
    result = runner.invoke(app, ["demo", "--out", str(tmp_path / "d"), "-q", "--framework", "dora"])
    assert result.exit_code == 0, result.output
    rows = json.loads((tmp_path / "d" / "plan.json").read_text())["requirements"]["requirements"]
    dora = [r for r in rows if r["framework"] == "dora"]
    assert dora and all(r["status"] == "not-applicable" for r in dora)
    assert "financial entities; the organisation is a municipality" in dora[0]["reason"]


def test_no_organisation_type_answers_the_data_act_only_and_says_why(
    runner: CliRunner, tmp_path: Path
) -> None:
    document, markdown = _plan(runner, tmp_path / "p")
    assert document["requirements"]["frameworks"] == ["data-act"]
    assert "no organisation type is recorded, so only the Data Act" in markdown
    assert "No trigger indicators are recorded" in markdown
    assert "No contracts are recorded, so there is no exit plan per contract" in markdown
    for dora in ("DORA", "2024/1773"):
        assert dora not in markdown


def test_an_unknown_framework_exits_2_naming_the_valid_ones(
    runner: CliRunner, tmp_path: Path
) -> None:
    result = runner.invoke(app, ["demo", "--out", str(tmp_path / "d"), "--framework", "sox"])
    assert result.exit_code == 2
    assert "sox" in result.output and "dora, nl-public, data-act" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "d").exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"organisation_type": "bank"}, "organisation_type"),
        ({"personal_data": "yes"}, "personal_data"),
        ({"exit_triggers": [{"indicator": "a", "metric": "b", "watched_by": "c"}]}, "threshold"),
        ({"business_continuity_plan": {"reference": "x", "link": "javascript:x"}}, "link"),
        ({"contracts": [{"reference": "x", "exit_clause": ""}]}, "exit_clause"),
    ],
)
def test_bad_metadata_exits_2_with_the_field_named(
    runner: CliRunner, tmp_path: Path, changes: dict[str, Any], field: str
) -> None:
    meta = tmp_path / "meta.yaml"
    meta.write_text(yaml.safe_dump(_sample_meta(**changes)), encoding="utf-8")
    out = tmp_path / "p"
    result = runner.invoke(
        app, ["plan", str(sample_path()), "--out", str(out), "--meta", str(meta)]
    )
    assert result.exit_code == 2, result.output
    assert field in result.output and "Traceback" not in result.output
    assert not out.exists()


def _periods(contract: Contract, notice_by: dt.date) -> ContractPeriods:
    cut = dt.date(2027, 6, 30)
    return ContractPeriods(
        contract,
        cut,
        notice_by,
        "30 days",
        (dt.date(2027, 6, 1), cut),
        (dt.date(2027, 7, 1), dt.date(2027, 7, 30)),
        (),
        (),
    )


def _schedule(*periods: ContractPeriods) -> Schedule:
    return Schedule(dt.date(2027, 1, 4), 1.0, (), periods, (), (), "EUR", False)


def test_the_calendar_fits_a_contract_whose_periods_it_meets() -> None:
    contract = Contract(provider="aws", accounts=["1"], end_date=dt.date(2028, 1, 1))
    placed = {("app", "aws", "1"): 3, ("other", "aws", "2"): 5, ("web", "azure", "1"): 7}
    (found,) = arrangements(_schedule(_periods(contract, dt.date(2027, 3, 1))), placed)
    assert found.fits and found.workloads == ("app",) and found.resources == 3
    assert "runs until 2028-01-01, past the retrieval period" in found.checks[1].text


def test_the_calendar_does_not_fit_late_notice_or_an_early_end() -> None:
    late = _periods(Contract(reference="late"), dt.date(2026, 12, 1))
    ends = _periods(Contract(reference="ends", end_date=dt.date(2027, 6, 1)), dt.date(2027, 3, 1))
    short = _periods(
        Contract(reference="short", end_date=dt.date(2027, 7, 10)), dt.date(2027, 3, 1)
    )
    found = arrangements(_schedule(late, ends, short), {("app", "aws", "1"): 1})
    assert [a.fits for a in found] == [False, False, False]
    assert "notice was due by 2026-12-01, before the work starts on 2027-01-04" in (
        found[0].checks[0].text
    )
    assert "before its last cut-over on 2027-06-30" in found[1].checks[1].text
    assert "before the retrieval period does on 2027-07-30" in found[2].checks[1].text


def test_a_plan_says_when_a_contract_ends_before_its_workloads_have_moved(
    runner: CliRunner, tmp_path: Path
) -> None:
    meta = _sample_meta()
    meta["contracts"][0]["end_date"] = "2027-01-31"
    document, markdown = _plan(runner, tmp_path / "p", meta=meta)
    fits = [a["calendar_fits"] for a in document["requirements"]["arrangements"]]
    assert fits == [False, True, True]
    assert "**The calendar does not fit this contract:**" in markdown
