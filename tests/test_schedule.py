"""The plan on a calendar: waves dated in working days, contracts' periods placed against
the last wave of their provider, the Data Act's bounds where a contract is silent. Every
date below was counted by hand on a 2027 calendar (4 January 2027 is a Monday)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from exitplan.cli import app
from exitplan.comparison import CurrentSpend
from exitplan.contracts import Contract
from exitplan.pipeline import load_meta
from exitplan.planning import PlanMeta, Wave, Workload
from exitplan.profile import Profile, Role
from exitplan.sample import sample_path
from exitplan.schedule import LAST_DAY, schedule, span
from exitplan.threepoint import Total
from tests.conftest import plan_error

MONDAY = dt.date(2027, 1, 4)


def _effort(mean: float) -> Total:
    return Total(mean, mean, mean, mean, 0.0)


def _workload(name: str, provider: str, wave: int, resources: int = 1) -> Workload:
    return Workload(
        name, "application tag", "low", (), (), (provider,), resources, 0, (), 0, _effort(1), wave
    )


def _waves() -> tuple[Wave, ...]:
    return (
        Wave(0, "Foundations", "first", (), ("virtual-network",), _effort(5), _effort(1)),
        Wave(1, "Pilot", "low", (_workload("gis", "gcp", 1),), (), _effort(4), _effort(1)),
        Wave(2, "Core", "medium", (_workload("erp", "aws", 2, 3),), (), _effort(10.5), _effort(2)),
    )


@pytest.fixture()
def one_a_day(profile: Profile) -> Profile:
    """A team giving the exit one person-day each working day."""
    return profile.model_copy(update={"team": {"engineers": Role(people=2, availability=0.5)}})


def test_working_days_skip_the_weekend() -> None:
    saturday = dt.date(2027, 1, 2)
    assert span(saturday, 5, 5) == (MONDAY, dt.date(2027, 1, 8))
    assert span(saturday, 6, 5) == (MONDAY, dt.date(2027, 1, 11))
    assert span(MONDAY, 11, 5) == (MONDAY, dt.date(2027, 1, 18))
    assert span(saturday, 6, 6) == (saturday, dt.date(2027, 1, 8))  # Saturdays work
    assert span(saturday, 2, 7) == (saturday, dt.date(2027, 1, 3))


def test_a_calendar_past_the_last_day_is_cut_there(one_a_day: Profile) -> None:
    assert span(MONDAY, 10**9, 5) == (MONDAY, LAST_DAY)
    huge = Wave(1, "Pilot", "low", (_workload("gis", "gcp", 1),), (), _effort(1e9), _effort(1))
    plan = schedule((huge, *_waves()[2:]), MONDAY, one_a_day, [Contract(provider="aws")])
    assert plan.cut_short and [d.last for d in plan.waves] == [LAST_DAY, LAST_DAY]
    assert plan.contracts[0].retrieval[1] == LAST_DAY + dt.timedelta(days=30)
    assert not schedule(_waves(), MONDAY, one_a_day, []).cut_short


def test_waves_follow_each_other_in_working_days(one_a_day: Profile) -> None:
    dated = schedule(_waves(), MONDAY, one_a_day, []).waves
    # 5, 4 and 10.5 (so 11) working days, each wave on the working day after the last.
    assert [(d.first, d.last, d.working_days) for d in dated] == [
        (MONDAY, dt.date(2027, 1, 8), 5),
        (dt.date(2027, 1, 11), dt.date(2027, 1, 14), 4),
        (dt.date(2027, 1, 15), dt.date(2027, 1, 29), 11),
    ]


def test_a_silent_contract_gets_the_data_acts_bounds(one_a_day: Profile) -> None:
    plan = schedule(_waves(), MONDAY, one_a_day, [Contract(provider="aws")])
    (periods,) = plan.contracts
    assert periods.cut_over == dt.date(2027, 1, 29)  # aws moves in wave 2
    assert periods.transition == (dt.date(2026, 12, 31), dt.date(2027, 1, 29))  # 30 days
    assert periods.retrieval == (dt.date(2027, 1, 30), dt.date(2027, 2, 28))  # 30 days
    # Two months of notice end on 30 December: given on 31 October at the latest.
    assert periods.notice_by == dt.date(2026, 10, 31)
    assert periods.defaults == ("transition_days", "retrieval_days", "notice_days")
    assert any("before the plan starts" in note for note in periods.notes)


def test_a_contracts_own_periods_are_used(one_a_day: Profile) -> None:
    contract = Contract(
        provider="gcp",
        notice_days=5,
        transition_days=3,
        retrieval_days=14,
        end_date=dt.date(2027, 1, 20),
    )
    (periods,) = schedule(_waves(), MONDAY, one_a_day, [contract]).contracts
    assert periods.cut_over == dt.date(2027, 1, 14)  # gcp moves in wave 1
    assert periods.transition == (dt.date(2027, 1, 12), dt.date(2027, 1, 14))
    assert periods.notice_by == dt.date(2027, 1, 7)  # 7 to 11 January: 5 days
    assert periods.retrieval == (dt.date(2027, 1, 15), dt.date(2027, 1, 28))
    assert periods.defaults == ()
    notes = " ".join(periods.notes)
    assert "2027-01-20" in notes and "Art. 25(2)(g)" in notes
    assert "before the plan starts" not in notes


def test_a_contract_of_no_provider_covers_the_last_wave(one_a_day: Profile) -> None:
    (periods,) = schedule(_waves(), MONDAY, one_a_day, [Contract(reference="x")]).contracts
    assert periods.cut_over == dt.date(2027, 1, 29)


def test_a_contracts_accounts_set_its_last_wave(one_a_day: Profile) -> None:
    placed = {("gis", "gcp", "p-1"): 1, ("erp", "aws", "111"): 3}
    contracts = [
        Contract(accounts=["p-1"]),  # gis, wave 1, ends 14 January
        Contract(provider="aws", accounts=["p-1"]),  # p-1 is no aws account
        Contract(provider="azure"),  # nothing moves from azure
    ]
    plan = schedule(_waves(), MONDAY, one_a_day, contracts, placed=placed)
    assert [p.cut_over for p in plan.contracts] == [
        dt.date(2027, 1, 14),
        dt.date(2027, 1, 29),
        dt.date(2027, 1, 29),
    ]
    assert not any("placed against" in note for note in plan.contracts[0].notes)
    assert "no workload is in the accounts named" in plan.contracts[1].notes[0]
    assert "no workload is on this provider" in plan.contracts[2].notes[0]


def test_free_exit_windows_end_with_the_providers_last_wave(one_a_day: Profile) -> None:
    windows = {
        w.programme.provider: w for w in schedule(_waves(), MONDAY, one_a_day, []).programmes
    }
    assert sorted(windows) == ["aws", "gcp"]
    aws = windows["aws"]  # 60 days, no lead time published
    assert (aws.request_by, aws.first, aws.last) == (
        dt.date(2026, 12, 1),
        dt.date(2026, 12, 1),
        dt.date(2027, 1, 29),
    )
    gcp = windows["gcp"]  # 14 days to an agent and a 30-day initiation, then 30 days
    assert (gcp.request_by, gcp.first, gcp.last) == (
        dt.date(2026, 11, 2),
        dt.date(2026, 12, 16),
        dt.date(2027, 1, 14),
    )


def test_parallel_running_without_spend_counts_the_target_only(one_a_day: Profile) -> None:
    runs = schedule(_waves(), MONDAY, one_a_day, [], None, 1300.0).parallel
    assert [r.wave.number for r in runs] == [1, 2]
    # 1 and 3 of 4 resources; 2 weeks of a 52/12-week month.
    assert [r.new_per_month for r in runs] == [325.0, 975.0]
    assert [r.old_per_month for r in runs] == [None, None]
    assert runs[0].cost == pytest.approx(325 * 2 * 12 / 52)


def test_parallel_running_shares_out_spend_no_workload_is_named_for(one_a_day: Profile) -> None:
    current = CurrentSpend(
        currency="EUR",
        per_month=1000.0,
        by_provider=(("aws", 600.0), ("gcp", 400.0)),
        by_workload=(("", 700.0), ("erp", 300.0)),
        months=(("aws", ("2026-10",)), ("gcp", ("2026-10",))),
        without_full_month=(),
        other_currencies=(),
        files=(),
        gaps=(),
        plan_currency="EUR",
    )
    placed = {("gis", "gcp", "p-1"): 1, ("erp", "aws", "111"): 2, ("erp", "aws", "222"): 1}
    runs = schedule(_waves(), MONDAY, one_a_day, [], current, None, placed).parallel
    # gis is named nowhere: 70 % of spend is unnamed, so 280 of gcp's 400, all its own.
    assert [(r.old_per_month, r.unknown) for r in runs] == [(280.0, ("gis",)), (300.0, ())]
    assert [r.new_per_month for r in runs] == [None, None]
    assert runs[1].cost == pytest.approx(300 * 2 * 12 / 52)
    # Spend in another currency is not added to the run cost.
    other = schedule(_waves(), MONDAY, one_a_day, [], replace(current, plan_currency="USD"), 1.0)
    assert [r.old_per_month for r in other.parallel] == [None, None]


def test_old_contract_lists_are_read(tmp_path: Path) -> None:
    meta = tmp_path / "meta.yaml"
    meta.write_text(
        "contracts:\n  - AWS Enterprise Agreement 2024-117\n"
        "  - {provider: azure, accounts: [sub-1], notice_days: 30, end_date: 2030-06-30}\n"
    )
    contracts = load_meta(meta).contracts
    assert contracts[0] == Contract(reference="AWS Enterprise Agreement 2024-117")
    assert contracts[1].end_date == dt.date(2030, 6, 30)
    assert PlanMeta.model_validate({"contracts": ["a"]}).contracts == [Contract(reference="a")]


@pytest.mark.parametrize(
    ("entry", "field"),
    [
        ("{provider: aws, notice_days: soon}", "notice_days"),
        ("{provider: aws, transition_days: 300}", "transition_days"),
        ("{provider: aws, retrieval_days: -1}", "retrieval_days"),
        ("{provider: aws, end_date: 1790000000}", "end_date"),
        ("{provider: aws, notice: 30}", "notice"),
    ],
)
def test_bad_contract_fields_exit_2_naming_the_field(
    runner: CliRunner, tmp_path: Path, entry: str, field: str
) -> None:
    meta = tmp_path / "meta.yaml"
    meta.write_text(f"contracts:\n  - {entry}\n")
    message = plan_error(runner, tmp_path, str(sample_path()), "--meta", str(meta))
    assert f"contracts[0].{field}:" in message


def test_the_plan_is_dated_from_start(runner: CliRunner, tmp_path: Path) -> None:
    meta = tmp_path / "meta.yaml"
    meta.write_text("contracts:\n  - {provider: aws, reference: EA-1, notice_days: 30}\n")
    out = tmp_path / "out"
    args = ["plan", str(sample_path()), "--start", "2027-01-02", "--meta", str(meta)]
    result = runner.invoke(app, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = (out / "exit-plan.md").read_text()
    assert "Work starts on 2027-01-02." in text
    assert "| Wave 0: Foundations | 2027-01-04 |" in text  # the first working day
    assert "| EA-1 aws |" in text and "```mermaid\ngantt" in text
    calendar = json.loads((out / "plan.json").read_text())["calendar"]
    assert calendar["start"] == "2027-01-02"
    assert calendar["waves"][0]["first_day"] == "2027-01-04"
    (contract,) = calendar["contracts"]
    assert contract["reference"] == "EA-1"
    assert contract["data_act_defaults"] == ["transition_days", "retrieval_days"]


def test_a_bad_start_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["plan", str(sample_path()), "--start", "2027-13-01"])
    assert result.exit_code == 2
    assert "--start" in result.output


def test_parallel_running_counts_todays_spend_from_the_exports(
    runner: CliRunner, tmp_path: Path
) -> None:
    spend = Path(__file__).parent / "fixtures" / "spend" / "gcp-billing.csv"  # EUR
    out = tmp_path / "out"
    args = ["plan", str(sample_path()), "--spend", str(spend), "--out", str(out), "-q"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads((out / "plan.json").read_text())
    per_month = data["comparison"]["current_spend"]["per_month"]
    runs = data["calendar"]["parallel_running"]
    # Every euro of today's spend lands in one wave or another, once.
    assert sum(r["old_per_month"] for r in runs) == pytest.approx(per_month, abs=0.05)
    assert "give --spend" not in (out / "exit-plan.md").read_text()


def test_a_data_store_used_from_another_wave_is_named(runner: CliRunner, tmp_path: Path) -> None:
    estate = json.loads(sample_path().read_text())
    by_id = {r["id"]: r for r in estate["resources"]}
    (store,) = (i for i in by_id if i.endswith(":db:vergunningen-db"))  # a wave 2 workload's
    (consumer,) = (i for i in by_id if "loadbalancer/app/portaal-alb" in i)  # wave 3
    by_id[consumer]["relations"]["uses"].append(store)
    inventory = tmp_path / "estate.json"
    inventory.write_text(json.dumps(estate))
    out = tmp_path / "out"
    result = runner.invoke(app, ["plan", str(inventory), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    text = (out / "exit-plan.md").read_text()
    assert "These data stores move in another wave" in text
    assert "| vergunningen | 2 | portaal-alb | burgerportaal | 3 |" in text
    # Without the relation, nothing is said.
    plain = tmp_path / "plain"
    result = runner.invoke(app, ["plan", str(sample_path()), "--out", str(plain), "-q"])
    assert "These data stores" not in (plain / "exit-plan.md").read_text()
