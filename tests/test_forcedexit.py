"""The forced exit by hand: who comes first, what fits the Data Act's 30 days, what must be
copied out beforehand, and which recovery time objectives are met; and through the CLI."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

from exitplan.catalogue import Catalogue
from exitplan.cli import app
from exitplan.estimate import ItemEstimate, estimate
from exitplan.forcedexit import TRANSITION_DAYS, ForcedExit, WorkloadFacts, forced_exit
from exitplan.inventory import load_inventories
from exitplan.lockin import LockInScores, Score, WorkloadLockIn
from exitplan.mapping import Mapping
from exitplan.model import Resource
from exitplan.pipeline import make_plan
from exitplan.planning import PlanMeta
from exitplan.profile import Profile
from exitplan.sample import replicate, sample_path
from exitplan.threepoint import ThreePoint

from .conftest import plan_error

# At 1,000 Mbit/s and half the link, a day copies 1e9 x 0.5 x 86,400 / 8 bytes.
DAY_OF_DATA = 5_400_000_000_000
TAG = "application tag"


@pytest.fixture(scope="module")
def two_a_day(profile: Profile) -> Profile:
    """Two people every day of the week: 2 person-days a calendar day."""
    return profile.model_copy(
        update={
            "team_size": 2,
            "working_days_per_week": 7,
            "bandwidth_mbps": 1000.0,
            "link_efficiency": (0.8, 0.5, 0.25),
        }
    )


def _workload(name: str, criticality: str, days_of_data: float, effort: float) -> WorkloadFacts:
    return WorkloadFacts(name, TAG, criticality, int(days_of_data * DAY_OF_DATA), effort, ())


def _item(ident: str, size: int) -> ItemEstimate:
    resource = Resource(
        provider="aws",
        account="1",
        region="eu-west-1",
        type="AWS::S3::Bucket",
        id=ident,
        name=ident,
    )
    return ItemEstimate(Mapping(resource, None), "undecided", ThreePoint(1, 1, 1), "t", size)


def _lock_in(**scores: float) -> LockInScores:
    workloads = tuple(WorkloadLockIn(n, TAG, "high", 1, s, ()) for n, s in scores.items())
    return LockInScores((), workloads, Score(0.0, ()), (), ())


def _exit(
    profile: Profile,
    workloads: list[WorkloadFacts],
    items: Sequence[tuple[str, ItemEstimate]] = (),
    objectives: dict[str, int] | None = None,
    scores: dict[str, float] | None = None,
) -> ForcedExit:
    est = estimate([], profile)
    return forced_exit(
        workloads,
        [item for _, item in items],
        [(name, TAG) for name, _ in items],
        est,
        _lock_in(**(scores or {})),
        objectives or {},
    )


def test_what_fits_the_transition_period(two_a_day: Profile) -> None:
    # a: 10 days of copying, then 20 person-days = 10 days of rebuilding: ready on day 20.
    # b: copied from day 10 to 35, rebuilt in 5 days: day 40, after the 30.
    # c: no data, rebuilt in 2 days once the team is free: day 42.
    fe = _exit(
        two_a_day,
        [
            _workload("c", "low", 0, 4),
            _workload("b", "high", 25, 10),
            _workload("a", "high", 10, 20),
        ],
        scores={"a": 40.0, "b": 20.0},
    )
    assert fe.transition_days == TRANSITION_DAYS == 30
    a, b, c = fe.workloads
    assert (a.workload, b.workload, c.workload) == ("a", "b", "c")
    assert (a.transfer_days, a.rebuild_days, a.ready_day) == pytest.approx((10, 10, 20))
    assert (b.transfer_days, b.rebuild_days, b.ready_day) == pytest.approx((25, 5, 40))
    assert c.ready_day == pytest.approx(42)
    assert [r.workload for r in fe.within] == ["a"]
    assert [r.workload for r in fe.critical_within] == ["a"]


def test_critical_data_that_would_arrive_late_is_copied_ahead(two_a_day: Profile) -> None:
    items = [
        ("b", _item("b-archive", 20 * DAY_OF_DATA)),
        ("b", _item("b-db", 5 * DAY_OF_DATA)),
        ("b", _item("b-config", 0)),
        ("a", _item("a-db", 10 * DAY_OF_DATA)),
        ("c", _item("c-logs", 40 * DAY_OF_DATA)),
    ]
    fe = _exit(
        two_a_day,
        [
            _workload("a", "high", 10, 20),
            _workload("b", "high", 25, 10),
            _workload("c", "low", 40, 4),  # late too, but not critical
        ],
        items,
        scores={"a": 40.0, "b": 20.0},
    )
    a, b, c = fe.workloads
    assert a.copy_ahead == () and c.copy_ahead == ()
    assert b.copy_ahead == (("b-archive", 20 * DAY_OF_DATA), ("b-db", 5 * DAY_OF_DATA))
    assert fe.copy_ahead_bytes == 25 * DAY_OF_DATA
    # With b's data outside already: b is rebuilt right after a, on day 25; c's 40 days of
    # copying then start on day 10 and end on day 50.
    assert b.ready_day_if_copied == pytest.approx(25)
    assert c.ready_day_if_copied == pytest.approx(52)


def test_criticality_first_then_lock_in(two_a_day: Profile) -> None:
    fe = _exit(
        two_a_day,
        [
            _workload("low-locked", "low", 0, 1),
            _workload("untagged", "not tagged", 0, 1),
            _workload("high-loose", "high", 0, 1),
            _workload("high-locked", "high", 0, 1),
            _workload("medium", "medium", 0, 1),
        ],
        scores={
            "low-locked": 90.0,
            "high-loose": 5.0,
            "high-locked": 60.0,
            "untagged": 1.0,
            "medium": 3.0,
        },
    )
    assert [r.workload for r in fe.workloads] == [
        "high-locked", "high-loose", "medium", "untagged", "low-locked",
    ]  # fmt: skip


def test_recovery_objectives_met_and_not(two_a_day: Profile) -> None:
    fe = _exit(
        two_a_day,
        [
            _workload("a", "high", 10, 20),
            _workload("b", "high", 25, 10),
            _workload("c", "low", 0, 4),
        ],
        [("b", _item("b-db", 25 * DAY_OF_DATA))],
        {"a": 20, "b": 30, "gone": 5},
        scores={"a": 40.0, "b": 20.0},
    )
    a, b, c = fe.workloads
    assert (a.rto_days, a.rto_met) == (20, True)  # ready on day 20: met on the day
    assert (b.rto_days, b.rto_met, b.rto_met_if_copied) == (30, False, True)
    assert (c.rto_days, c.rto_met) == (None, None)
    assert [r.workload for r in fe.objectives_met] == ["a"]
    assert fe.unknown_objectives == ("gone",)


def test_first_workload_builds_the_platforms_it_needs(profile: Profile) -> None:
    resources = [
        Resource(
            provider="aws",
            account="1",
            region="eu-west-1",
            type="AWS::S3::Bucket",
            id="s3",
            name="s3",
        )
    ]
    from exitplan.catalogue import load_catalogue
    from exitplan.mapping import map_resources

    est = estimate(map_resources(resources, load_catalogue()), profile)
    (platform,) = est.platforms
    first = WorkloadFacts("a", TAG, "high", 0, 2.0, (platform.category.id,))
    second = WorkloadFacts("b", TAG, "high", 0, 2.0, (platform.category.id,))
    fe = forced_exit([first, second], [], [], est, _lock_in(a=2.0, b=1.0), {})
    per_day = profile.team_size * profile.working_days_per_week / 7
    a, b = fe.workloads
    assert a.rebuild_days == pytest.approx((2.0 + platform.effort.mean) / per_day)
    assert b.rebuild_days == pytest.approx(2.0 / per_day)


def test_plan_json_and_markdown_carry_forced_exit_and_lock_in(
    runner: CliRunner, tmp_path: Path
) -> None:
    meta = tmp_path / "meta.yaml"
    meta.write_text("recovery_objectives:\n  zaaksysteem: 400\n  belastingen: 2\n  weg: 3\n")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["plan", str(sample_path()), "--out", str(out), "--meta", str(meta)]
    )
    assert result.exit_code == 0, result.output
    document = json.loads((out / "plan.json").read_text())
    recoveries = {r["workload"]: r for r in document["forced_exit"]["workloads"]}
    assert recoveries["zaaksysteem"]["rto_met"] is True
    assert recoveries["belastingen"]["rto_met"] is False
    assert document["forced_exit"]["unknown_objectives"] == ["weg"]
    assert 0 < document["lock_in"]["estate"]["score"] < 100
    markdown = (out / "exit-plan.md").read_text()
    assert "### Forced exit" in markdown and "### Lock-in" in markdown
    assert "Recovery time objectives recorded in the plan metadata: 1 of 2 met." in markdown
    assert "Recovery time objectives for workloads not in this inventory: weg." in markdown
    header, first = (out / "resource-mapping.csv").read_text().splitlines()[:2]
    assert header.endswith(",rules,lock_in")
    assert float(first.rsplit(",", 1)[1]) >= 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("recovery_objectives:\n  zaaksysteem: -1\n", "recovery_objectives.zaaksysteem"),
        ("recovery_objectives:\n  zaaksysteem: '3'\n", "recovery_objectives.zaaksysteem"),
        ("recovery_objectives: [zaaksysteem]\n", "recovery_objectives"),
    ],
)
def test_bad_recovery_objectives_are_refused(
    runner: CliRunner, tmp_path: Path, text: str, expected: str
) -> None:
    meta = tmp_path / "meta.yaml"
    meta.write_text(text)
    message = plan_error(runner, tmp_path, str(sample_path()), "--meta", str(meta))
    assert expected in message


def test_large_estates_list_the_first_workloads_and_say_where_the_rest_are(
    catalogue: Catalogue, profile: Profile
) -> None:
    from exitplan.inventory import LoadedInventory
    from exitplan.render import PLAN_FILE, render

    loaded = load_inventories([sample_path()])
    big = replicate(loaded.inventory, 5)
    plan = make_plan(
        LoadedInventory(big, loaded.sources, loaded.duplicates), catalogue, profile, PlanMeta()
    )
    assert plan.lock_in is not None and plan.forced_exit is not None
    count = len(plan.workloads)
    assert count > 50
    assert len(plan.lock_in.workloads) == len(plan.forced_exit.workloads) == count
    assert len(plan.lock_in.shown) == len(plan.forced_exit.shown) == 50
    assert plan.lock_in.shown == plan.lock_in.workloads[:50]
    markdown = render(plan)[PLAN_FILE]
    assert f"The other {count - 50} workloads, moved after these, are in plan.json" in markdown
    assert f"The other {count - 50} workloads, with lower scores, are in plan.json" in markdown
