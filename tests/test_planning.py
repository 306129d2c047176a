"""Workloads, waves and risks follow stated rules."""

from __future__ import annotations

import datetime as dt

from exitplan.catalogue import AlternativeKind, Catalogue, Constraints
from exitplan.inventory import load_inventories
from exitplan.pipeline import make_plan
from exitplan.planning import Plan, PlanMeta
from exitplan.profile import Profile
from exitplan.sample import sample_path
from exitplan.schedule import add_months


def _plan(catalogue: Catalogue, profile: Profile, constraints: Constraints | None = None) -> Plan:
    loaded = load_inventories([sample_path()])
    return make_plan(loaded, catalogue, profile, PlanMeta(), constraints)


def test_waves_follow_criticality(catalogue: Catalogue, profile: Profile) -> None:
    plan = _plan(catalogue, profile)
    for wave in plan.waves:
        for workload in wave.workloads:
            if workload.criticality == "high":
                assert wave.number == 3
            elif workload.criticality == "low" and not workload.unmapped:
                assert wave.number == 1
            else:
                assert wave.number == 2
    assert sum(len(w.workloads) for w in plan.waves) == len(plan.workloads)
    # Each category's target platform is stood up once, in the first wave that needs it.
    built = [c for wave in plan.waves for c in wave.new_platforms]
    assert sorted(built) == sorted(set(built)) == sorted(r.category.id for r in plan.categories)


def test_counts_add_up(catalogue: Catalogue, profile: Profile) -> None:
    plan = _plan(catalogue, profile)
    assert plan.mapped + plan.structural + plan.unmapped == plan.total_resources
    assert sum(row.resources for row in plan.structural_rows) == plan.structural
    assert sum(row.resources for row in plan.categories) == plan.mapped
    assert sum(len(u.resources) for u in plan.unmapped_types) == plan.unmapped
    assert sum(w.resources for w in plan.workloads) == plan.total_resources
    assert sum(p.resources for p in plan.providers) == plan.total_resources


def test_risks_reflect_the_estate(catalogue: Catalogue, profile: Profile) -> None:
    ids = {risk.id for risk in _plan(catalogue, profile).risks}
    assert {"R-GAPS", "R-UNMAPPED", "R-CRITICAL", "R-DATA"} <= ids


def test_preference_picks_that_kind(catalogue: Catalogue, profile: Profile) -> None:
    """Open source first, run on the landing zone's infrastructure, which stays managed:
    open-source software needs servers, disks and networks to run on."""
    constraints = Constraints(prefer=[AlternativeKind.OPEN_SOURCE])
    plan = _plan(catalogue, profile, constraints)
    infrastructure = set(catalogue.placement.infrastructure)
    assert plan.landing_zone is not None
    primary = plan.landing_zone.provider.id
    for row in plan.categories:
        assert row.provider is not None and row.provider.id == primary, row.category.id
        if row.category.id in infrastructure:
            assert row.alternative.kind.value == "eu-managed", row.category.id
        else:
            assert row.alternative.kind.value == "open-source", row.category.id
            assert row.hosting.value == "self-hosted"


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 11, 2), 12) == dt.date(2027, 11, 2)
    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
