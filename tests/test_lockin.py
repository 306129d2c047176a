"""Lock-in scores: each factor by hand on small inventories, the weighting of workloads
and the estate, the ranking, and the profile's keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from exitplan.catalogue import Catalogue, Compatibility, LockIn
from exitplan.constraints import Choice
from exitplan.errors import InputError
from exitplan.estimate import ItemEstimate
from exitplan.lockin import GIB, LockInScores, Score, licence_of, score_all
from exitplan.mapping import Mapping
from exitplan.model import Resource
from exitplan.profile import Profile, load_profile
from exitplan.threepoint import ThreePoint

ONE = ThreePoint(1.0, 1.0, 1.0)


def _resource(
    ident: str,
    relations: dict[str, list[str]] | None = None,
    attrs: dict[str, object] | None = None,
) -> Resource:
    return Resource.model_validate(
        {
            "provider": "aws",
            "account": "123456789012",
            "region": "eu-west-1",
            "type": "AWS::RDS::DBInstance",
            "id": ident,
            "name": ident,
            "attributes": attrs or {},
            "relations": relations,
        }
    )


def _choice(
    catalogue: Catalogue,
    lock_in: LockIn = LockIn.HIGH,
    compatibility: Compatibility = Compatibility.PARTIAL,
    standards: tuple[str, ...] = ("SQL",),
    met: bool = True,
) -> Choice:
    category = catalogue.categories["relational-postgresql"]
    alt = category.alternatives[0].model_copy(
        update={"compatibility": compatibility, "open_standards": list(standards)}
    )
    return Choice(category.model_copy(update={"lock_in": lock_in}), alt, "test", met=met)


def _item(
    resource: Resource, choice: Choice | None, data: int = 0, effort: ThreePoint = ONE
) -> ItemEstimate:
    return ItemEstimate(Mapping(resource, choice), "replatform", effort, "test", data)


def _scores(
    items: list[ItemEstimate], profile: Profile, workloads: list[str] | None = None
) -> LockInScores:
    keys = [(name, "application tag") for name in workloads or ["w"] * len(items)]
    return score_all(items, keys, {}, profile)


def _points(score: Score) -> dict[str, float]:
    return {r.factor: round(r.points, 6) for r in score.reasons}


@pytest.fixture(scope="module")
def small(profile: Profile) -> Profile:
    """Data is full at 15 GiB: 3 GiB is log2(4) / log2(16), half."""
    return profile.model_copy(update={"lock_in_data_full_gib": 15.0})


def test_proprietary_interface_averages_category_and_alternative(
    catalogue: Catalogue, profile: Profile
) -> None:
    high_partial = _item(_resource("a"), _choice(catalogue))
    low_drop_in = _item(_resource("b"), _choice(catalogue, LockIn.LOW, Compatibility.DROP_IN))
    medium_compatible = _item(
        _resource("c"), _choice(catalogue, LockIn.MEDIUM, Compatibility.COMPATIBLE)
    )
    a, b, c = _scores([high_partial, low_drop_in, medium_compatible], profile).resources
    # (1 + 2/3) / 2 x 30; (0 + 0) / 2 x 30; (0.5 + 1/3) / 2 x 30
    assert _points(a) == {"proprietary_interface": 25.0}
    assert a.score == pytest.approx(25.0)
    assert b.score == 0 and b.reasons == ()
    assert c.score == pytest.approx(12.5)
    assert "lock-in high" in a.reasons[0].why and "partial" in a.reasons[0].why


def test_data_volume_is_log_scaled_and_capped(catalogue: Catalogue, small: Profile) -> None:
    choice = _choice(catalogue, LockIn.LOW, Compatibility.DROP_IN)
    half, full, beyond = _scores(
        [
            _item(_resource("a"), choice, 3 * GIB),
            _item(_resource("b"), choice, 15 * GIB),
            _item(_resource("c"), choice, 1000 * GIB),
        ],
        small,
    ).resources
    assert _points(half) == {"data_volume": 10.0}
    assert _points(full) == {"data_volume": 20.0}
    assert _points(beyond) == {"data_volume": 20.0}
    assert half.reasons[0].why == "3.0 GiB to move"


def test_coupling_counts_own_relations_and_those_naming_it(
    catalogue: Catalogue, profile: Profile
) -> None:
    choice = _choice(catalogue, LockIn.LOW, Compatibility.DROP_IN)
    app = _resource("app", {"uses": ["db", "queue"], "member_of": ["app"]})
    db = _resource("db")
    worker = _resource("worker", {"uses": ["db", "app"]})
    scores = _scores([_item(r, choice) for r in (app, db, worker)], profile).resources
    # app: 2 of its own (itself left out) + named by worker = 3 of 10; db: named by 2;
    # worker: 2 of its own.
    assert [_points(s) for s in scores] == [
        {"coupling": 4.5},
        {"coupling": 3.0},
        {"coupling": 3.0},
    ]
    assert scores[0].reasons[0].why == "relates to 2, named by 1 other resource(s)"


def test_no_eu_alternative_and_no_open_standard(catalogue: Catalogue, profile: Profile) -> None:
    unmet = _choice(catalogue, LockIn.LOW, Compatibility.DROP_IN, met=False)
    closed = _choice(catalogue, LockIn.LOW, Compatibility.DROP_IN, standards=())
    a, b, unmapped = _scores(
        [_item(_resource("a"), unmet), _item(_resource("b"), closed), _item(_resource("c"), None)],
        profile,
    ).resources
    assert _points(a) == {"no_eu_alternative": 15.0}
    assert _points(b) == {"no_open_standard": 10.0}
    assert _points(unmapped) == {
        "proprietary_interface": 30.0,
        "no_eu_alternative": 15.0,
        "no_open_standard": 10.0,
    }


@pytest.mark.parametrize(
    ("attributes", "licence"),
    [
        ({"engine": "sqlserver-ee"}, "SQL Server"),
        ({"engine": "oracle-se2"}, "Oracle"),
        ({"platform": "Windows"}, "Windows Server"),
        ({"os": "windows"}, "Windows Server"),
        ({"license": "LicenseIncluded", "engine": "SQL Server"}, "SQL Server"),
        ({"engine": "postgres"}, None),
        ({"kind": "windows"}, None),  # not an attribute that names a licence
    ],
)
def test_licence_from_attributes(
    catalogue: Catalogue, profile: Profile, attributes: dict[str, str], licence: str | None
) -> None:
    resource = _resource("a", attrs=dict(attributes))
    assert licence_of(resource) == licence
    choice = _choice(catalogue, LockIn.LOW, Compatibility.DROP_IN)
    (score,) = _scores([_item(resource, choice)], profile).resources
    assert _points(score) == ({"licence": 10.0} if licence else {})


def test_configuration_scores_as_the_service_it_moves_with(
    catalogue: Catalogue, profile: Profile
) -> None:
    choice = _choice(catalogue)
    parameters = catalogue.structural["postgresql-parts"]
    assert parameters.moves_with == choice.category.id
    landing = next(s for s in catalogue.structural.values() if s.moves_with == "landing-zone")
    items = [
        _item(_resource("db"), choice),
        ItemEstimate(Mapping(_resource("pg"), None, parameters), "configuration", ONE, "t", 0),
        ItemEstimate(Mapping(_resource("role"), None, landing), "configuration", ONE, "t", 0),
    ]
    db, pg, role = _scores(items, profile).resources
    assert pg.score == pytest.approx(db.score)
    assert _points(role) == {"proprietary_interface": 15.0}


def test_weights_are_shares_of_their_sum(catalogue: Catalogue, profile: Profile) -> None:
    factors = profile.lock_in_factors
    only_licence = factors.model_copy(
        update={
            name: getattr(factors, name).model_copy(update={"weight": 0.0})
            for name in type(factors).model_fields
            if name != "licence"
        }
    )
    one = profile.model_copy(update={"lock_in_factors": only_licence})
    item = _item(_resource("a", attrs={"engine": "oracle-ee"}), None)
    (score,) = _scores([item], one).resources
    assert _points(score) == {"licence": 100.0}


def test_workloads_weigh_resources_by_expected_effort(
    catalogue: Catalogue, profile: Profile
) -> None:
    closed = _choice(catalogue, LockIn.LOW, Compatibility.DROP_IN, standards=())
    items = [
        _item(_resource("x"), None, effort=ThreePoint(1, 1, 1)),  # 55
        _item(_resource("y"), closed, effort=ThreePoint(3, 3, 3)),  # 10
        _item(_resource("z"), closed, effort=ThreePoint(0, 0, 6)),  # 10, expected 1
    ]
    scores = _scores(items, profile, ["mixed", "mixed", "plain"])
    mixed, plain = scores.workloads  # highest first
    assert (mixed.workload, plain.workload) == ("mixed", "plain")
    assert mixed.score == pytest.approx((55 * 1 + 10 * 3) / 4)
    assert {r.factor: r.points for r in mixed.reasons} == pytest.approx(
        {"proprietary_interface": 7.5, "no_eu_alternative": 3.75, "no_open_standard": 10.0}
    )
    assert plain.score == pytest.approx(10.0)
    assert scores.estate.score == pytest.approx((55 * 1 + 10 * 3 + 10 * 1) / 5)
    assert [ident for ident, _ in scores.highest] == ["x", "y", "z"]
    assert sum(points for _, points in scores.factor_rows) == pytest.approx(scores.estate.score)


def test_sample_plan_ranks_workloads(catalogue: Catalogue, profile: Profile) -> None:
    from exitplan.inventory import load_inventories
    from exitplan.pipeline import make_plan
    from exitplan.planning import PlanMeta
    from exitplan.sample import sample_path

    plan = make_plan(load_inventories([sample_path()]), catalogue, profile, PlanMeta())
    assert plan.lock_in is not None
    ranked = [w.score for w in plan.lock_in.workloads]
    assert ranked == sorted(ranked, reverse=True)
    assert {w.workload for w in plan.lock_in.workloads} == {w.name for w in plan.workloads}
    for score in plan.lock_in.resources:
        assert 0 <= score.score <= 100
        assert score.score == pytest.approx(sum(r.points for r in score.reasons))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lock_in_factors:\n  licence:\n    weight: -1\n", "lock_in_factors.licence.weight"),
        ("lock_in_factors:\n  licence:\n    reason: ''\n", "lock_in_factors.licence.reason"),
        ("lock_in_data_full_gib: 0\n", "lock_in_data_full_gib"),
        ("lock_in_coupling_full: 0\n", "lock_in_coupling_full"),
    ],
)
def test_bad_lock_in_keys_are_named(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "profile.yaml"
    path.write_text(text)
    with pytest.raises(InputError) as caught:
        load_profile(path)
    assert expected in str(caught.value)


def test_all_lock_in_weights_zero_is_refused(tmp_path: Path) -> None:
    names = ("proprietary_interface", "data_volume", "coupling", "no_eu_alternative",
             "no_open_standard", "licence")  # fmt: skip
    path = tmp_path / "profile.yaml"
    path.write_text("lock_in_factors:\n" + "".join(f"  {n}:\n    weight: 0\n" for n in names))
    with pytest.raises(InputError, match="at least one weight"):
        load_profile(path)
