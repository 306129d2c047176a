"""Each choice of section 6 says what decided it, not one formula for every row."""

from __future__ import annotations

from dataclasses import replace

from exitplan.catalogue import AlternativeKind, Catalogue, Compatibility, Constraints
from exitplan.inventory import load_inventories
from exitplan.pipeline import make_plan
from exitplan.planning import Plan, PlanMeta
from exitplan.profile import Profile
from exitplan.sample import sample_path
from exitplan.why import AHEAD_NAMED, explain


def _plan(catalogue: Catalogue, profile: Profile, constraints: Constraints | None = None) -> Plan:
    return make_plan(load_inventories([sample_path()]), catalogue, profile, PlanMeta(), constraints)


def test_no_two_choices_give_the_same_reason(catalogue: Catalogue, profile: Profile) -> None:
    plan = _plan(catalogue, profile)
    reasons = list(plan.why.values())
    assert len(set(reasons)) == len(reasons) == len(plan.categories)
    assert not any("in the landing zone" in r for r in reasons)
    # What moves it and how close it is: the first migration tool, the compatibility.
    for row in plan.categories:
        why = plan.why[row.category.id]
        if row.alternative.migration_tools:
            assert row.alternative.migration_tools[0] in why, why


def test_the_rank_among_the_alternatives_is_said(catalogue: Catalogue, profile: Profile) -> None:
    plan = _plan(catalogue, profile)
    zone = plan.landing_zone
    assert zone is not None
    row = next(
        r
        for r in plan.categories
        if r.provider is not None
        and r.provider.id == zone.provider.id
        and not r.self_hosted
        and r.candidates.index(r.alternative) > AHEAD_NAMED
    )
    why = explain(row, zone.provider.id)
    ahead = row.candidates[: row.candidates.index(row.alternative)]
    assert f"chosen over {ahead[0].name}, {ahead[1].name} and {len(ahead) - 2} more" in why
    first = replace(row, candidates=(row.alternative, *ahead))
    assert f"first of the {len(ahead) + 1} alternatives" in explain(first, zone.provider.id)
    only = replace(row, candidates=(row.alternative,))
    assert "the only one that meets the constraints" in explain(only, zone.provider.id)
    different = row.alternative.model_copy(update={"compatibility": Compatibility.DIFFERENT})
    refactor = replace(row, alternative=different, candidates=(different,))
    assert "the application is refactored" in explain(refactor, zone.provider.id)


def test_open_source_preferred_names_the_managed_service_passed_over(
    catalogue: Catalogue, profile: Profile
) -> None:
    plan = _plan(catalogue, profile, Constraints(prefer=[AlternativeKind.OPEN_SOURCE]))
    hosted = [plan.why[r.category.id] for r in plan.categories if r.self_hosted]
    assert hosted and any("prefers open source you run yourself to" in w for w in hosted)


def test_constraints_name_what_they_left_out(catalogue: Catalogue, profile: Profile) -> None:
    constraints = Constraints(exclude_providers=["open-telekom-cloud", "scaleway"])
    plan = _plan(catalogue, profile, constraints)
    reasons = list(plan.why.values())
    assert any("left out by exclude_providers" in r for r in reasons)
    assert len(set(reasons)) == len(reasons)
