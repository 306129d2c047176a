"""Ranges that include shared risk: the generator, PERT quantiles, the simulation, and
the properties every estimate must keep."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from exitplan.catalogue import Catalogue
from exitplan.cli import app
from exitplan.estimate import TIB, Estimate, estimate
from exitplan.mapping import map_resources
from exitplan.model import Resource
from exitplan.profile import Profile, load_profile
from exitplan.ranges import (
    Correlation,
    Part,
    beta_quantiles,
    percentiles,
    permutation,
    pert_quantiles,
    simulate,
    splitmix64,
)
from exitplan.threepoint import ThreePoint
from tests.conftest import write_json

NONE = ThreePoint(0.0, 0.0, 0.0)


def _beta33_quantile(q: float) -> float:
    """Beta(3, 3)'s quantile by bisection of its CDF, 10x^3 - 15x^4 + 6x^5."""
    low, high = 0.0, 1.0
    for _ in range(60):
        mid = (low + high) / 2
        if 10 * mid**3 - 15 * mid**4 + 6 * mid**5 < q:
            low = mid
        else:
            high = mid
    return (low + high) / 2


def test_splitmix64_gives_the_reference_outputs() -> None:
    # The first outputs of Vigna's splitmix64.c from state 0.
    state, outputs = 0, []
    for _ in range(3):
        state, out = splitmix64(state)
        outputs.append(out)
    assert outputs == [0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, 0x06C45D188009454F]


def test_a_permutation_is_one_and_depends_on_seed_and_name() -> None:
    drawn = permutation(15, "category:dns", 1000)
    assert sorted(drawn) == list(range(1000))
    assert drawn == permutation(15, "category:dns", 1000)
    assert drawn != permutation(15, "category:cdn", 1000)
    assert drawn != permutation(16, "category:dns", 1000)


def test_beta_quantiles_by_hand() -> None:
    # Beta(1, 1) is uniform; Beta(2, 1) has CDF x^2, so its quantile is sqrt(u).
    assert beta_quantiles(1.0, 1.0, 4) == pytest.approx([0.125, 0.375, 0.625, 0.875], abs=1e-6)
    roots = [((k + 0.5) / 4) ** 0.5 for k in range(4)]
    assert beta_quantiles(2.0, 1.0, 4) == pytest.approx(roots, abs=1e-3)


def test_pert_quantiles_by_hand() -> None:
    # PERT(1, 2, 3) is Beta(3, 3) on [1, 3]: alpha = 1 + 4 (2 - 1) / 2 = 3, and beta = 3.
    drawn = pert_quantiles(ThreePoint(1.0, 2.0, 3.0), 5)
    expected = [1 + 2 * _beta33_quantile((k + 0.5) / 5) for k in range(5)]
    assert drawn == pytest.approx(expected, abs=1e-4)
    assert drawn[2] == pytest.approx(2.0)
    assert pert_quantiles(ThreePoint(2.0, 2.0, 2.0), 3) == (2.0, 2.0, 2.0)


def test_one_item_alone_is_its_own_pert() -> None:
    part = Part("category:x", ThreePoint(1.0, 2.0, 3.0), 2.0, 2.0)
    draws = simulate([part], NONE, Correlation(0.0, 0.0, 1000, 15))
    p10, p50, p90 = percentiles(draws.effort)
    assert p10 == pytest.approx(1 + 2 * _beta33_quantile(0.1), abs=5e-3)
    assert p50 == pytest.approx(2.0, abs=5e-3)
    assert p90 == pytest.approx(1 + 2 * _beta33_quantile(0.9), abs=5e-3)


def test_items_that_share_everything_move_as_one() -> None:
    # Ten items of PERT(1, 2, 3) that share all their spread: ten times one item.
    part = Part("category:x", ThreePoint(1.0, 2.0, 3.0), 20.0, 10**0.5 * 2)
    draws = simulate([part], NONE, Correlation(0.0, 1.0, 1000, 15))
    p10, p50, p90 = percentiles(draws.effort)
    assert p10 == pytest.approx(10 * (1 + 2 * _beta33_quantile(0.1)), abs=0.05)
    assert p50 == pytest.approx(20.0, abs=0.05)
    assert p90 == pytest.approx(10 * (1 + 2 * _beta33_quantile(0.9)), abs=0.05)


def test_programme_effort_is_its_share_of_the_rest() -> None:
    part = Part("category:x", ThreePoint(2.0, 2.0, 2.0), 10.0, 10.0)
    draws = simulate([part], ThreePoint(0.2, 0.2, 0.2), Correlation(0.2, 0.3, 100, 15))
    assert draws.effort == pytest.approx([12.0] * 100)


def _resource(type_: str, n: int, size_bytes: int = 0, environment: str = "") -> Resource:
    attributes: dict[str, Any] = {"size_bytes": size_bytes} if size_bytes else {}
    return Resource(
        provider="aws",
        account="123456789012",
        region="eu-west-1",
        type=type_,
        id=f"{type_}/{n}",
        name=f"r{n}",
        tags={"environment": environment} if environment else {},
        attributes=attributes,
    )


def _estate(count: int, tib: float = 0.0) -> list[Resource]:
    types = ("AWS::EC2::Instance", "AWS::S3::Bucket", "AWS::DynamoDB::Table", "AWS::IAM::Role")
    size = int(tib * TIB)
    return [
        _resource(types[n % len(types)], n, size if n % 4 == 1 else 0, "test" if n % 5 else "")
        for n in range(count)
    ]


def _estimate(resources: list[Resource], catalogue: Catalogue, profile: Profile) -> Estimate:
    return estimate(map_resources(resources, catalogue), profile)


def _profile(tmp_path: Path, text: str) -> Profile:
    path = tmp_path / "profile.yaml"
    path.write_text(text)
    return load_profile(path)


@pytest.mark.parametrize("count", [1, 3, 40, 400])
def test_percentiles_are_ordered_and_within_the_bounds(
    count: int, catalogue: Catalogue, profile: Profile
) -> None:
    est = _estimate(_estate(count, 0.5), catalogue, profile)
    for figure in (est.resources, est.platform, est.effort, est.cost, est.calendar_weeks):
        assert figure.o <= figure.p10 <= figure.p50 <= figure.p90 <= figure.p


@pytest.mark.parametrize("count", [1, 8, 60, 600])
def test_correlated_ranges_are_at_least_as_wide_as_independent_ones(
    count: int, catalogue: Catalogue, profile: Profile, tmp_path: Path
) -> None:
    independent = _profile(tmp_path, "correlation:\n  programme: 0.0\n  category: 0.0\n")
    resources = _estate(count, 2.0)
    shared = _estimate(resources, catalogue, profile).effort
    alone = _estimate(resources, catalogue, independent).effort
    assert shared.p90 - shared.p10 >= alone.p90 - alone.p10
    if count >= 60:
        # And a large estate's is much wider: the items do not average out.
        assert shared.p90 - shared.p10 > 1.5 * (alone.p90 - alone.p10)


def test_totals_are_the_sum_of_their_parts_in_expectation(
    catalogue: Catalogue, profile: Profile
) -> None:
    est = _estimate(_estate(200, 1.0), catalogue, profile)
    parts = sum(item.effort.mean for item in est.items)
    assert est.resources.mean == pytest.approx(parts)
    # The simulation's own mean: each draw's factors have mean 1.
    assert est.resources.p50 < est.resources.mean * 1.05
    platforms = sum(p.effort.mean for p in est.platforms)
    assert est.platform.mean == pytest.approx(platforms)


def test_effort_never_falls_as_data_grows(catalogue: Catalogue, profile: Profile) -> None:
    previous = None
    for tib in (0.0, 0.1, 1.0, 10.0, 100.0):
        effort = _estimate(_estate(30, tib), catalogue, profile).effort
        figures = (effort.p10, effort.p50, effort.p90, effort.mean)
        if previous is not None:
            assert all(now >= before for now, before in zip(figures, previous, strict=True))
        previous = figures


def test_effort_never_falls_as_resources_are_added(catalogue: Catalogue, profile: Profile) -> None:
    previous = None
    for count in (1, 2, 5, 20, 80):
        resources = [*_estate(count, 0.5), _resource("AWS::Connect::Instance", 999)]
        effort = _estimate(resources, catalogue, profile).effort
        figures = (effort.p10, effort.p50, effort.p90)
        if previous is not None:
            assert all(now >= before for now, before in zip(figures, previous, strict=True))
        previous = figures


def test_an_unknown_is_wide_and_skewed_and_can_be_overridden(
    catalogue: Catalogue, profile: Profile, tmp_path: Path
) -> None:
    (item,) = _estimate([_resource("AWS::NoSuch::Thing", 1)], catalogue, profile).items
    assert item.effort.p - item.effort.m > 4 * (item.effort.m - item.effort.o)
    own = _profile(tmp_path, "unknown_type_effort:\n  'AWS::NoSuch::Thing': [40, 80, 200]\n")
    (item,) = _estimate([_resource("AWS::NoSuch::Thing", 1)], catalogue, own).items
    assert item.effort == ThreePoint(40, 80, 200)
    assert item.rules == "E-UNKNOWN AWS::NoSuch::Thing"


def test_unknowns_dominate_when_they_carry_the_spread(
    catalogue: Catalogue, profile: Profile
) -> None:
    few = [_resource("AWS::S3::Bucket", 1), _resource("AWS::NoSuch::Thing", 2)]
    est = _estimate(few, catalogue, profile)
    assert est.unknown_share > 0.5 and est.unknowns_dominate
    known = _estimate(_estate(40), catalogue, profile)
    assert known.unknown_share == 0.0 and not known.unknowns_dominate


def test_the_correlation_shares_are_checked(tmp_path: Path) -> None:
    from exitplan.errors import InputError

    with pytest.raises(InputError, match="at most all"):
        _profile(tmp_path, "correlation:\n  programme: 0.6\n  category: 0.6\n")
    with pytest.raises(InputError, match=r"correlation\.draws"):
        _profile(tmp_path, "correlation:\n  draws: 10\n")


def _plan_of(runner: CliRunner, tmp_path: Path, data: dict[str, Any]) -> tuple[str, str]:
    inventory = write_json(tmp_path / "inv.json", data)
    out = tmp_path / "out"
    result = runner.invoke(app, ["plan", str(inventory), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return result.output, (out / "exit-plan.md").read_text()


def test_the_plan_says_when_unknowns_dominate(
    runner: CliRunner, tmp_path: Path, sample_data: dict[str, Any]
) -> None:
    bucket = next(r for r in sample_data["resources"] if r["type"] == "AWS::S3::Bucket")
    odd = copy.deepcopy(bucket) | {"type": "AWS::NoSuch::Thing", "id": "odd-1", "name": "odd"}
    odd.pop("relations", None)
    output, plan = _plan_of(runner, tmp_path, sample_data | {"resources": [bucket, odd]})
    assert "**Unknowns dominate**" in plan
    assert "unknowns dominate the range" in output
    assert "P10 / P50 / P90" in output


def test_the_same_input_gives_the_same_digits_in_another_process(
    runner: CliRunner, tmp_path: Path, sample_data: dict[str, Any]
) -> None:
    inventory = write_json(tmp_path / "inv.json", sample_data)
    here = tmp_path / "here"
    assert runner.invoke(app, ["plan", str(inventory), "--out", str(here)]).exit_code == 0
    there = tmp_path / "there"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run(
        [sys.executable, "-m", "exitplan", "plan", str(inventory), "--out", str(there)],
        check=True,
        capture_output=True,
        env=env,
    )
    ours, theirs = (json.loads((d / "plan.json").read_text()) for d in (here, there))
    assert ours["effort_person_days"] == theirs["effort_person_days"]
    assert ours["cost"] == theirs["cost"]
    assert ours["comparison"] == theirs["comparison"]
