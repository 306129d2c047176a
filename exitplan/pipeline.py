"""The pipeline as plain functions: load -> map -> estimate -> plan -> render.
The CLI writes what `run_pipeline` returns; the benchmark times each stage on its own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .catalogue import Catalogue, Constraints, Entry
from .comparison import Comparison, Estate, Outcome, compare, current_spend, estate_of
from .errors import InputError
from .estimate import estimate, group_estate
from .gcpause import batch_gc
from .governance import TOPICS
from .i18n import N_, _
from .inventory import LoadedInventory, load_inventories
from .mapping import classify_all, mapped
from .markdown import significant
from .planjson import PLAN_JSON, plan_json
from .planning import Plan, PlanMeta, build_plan
from .profile import Profile
from .reading import MAX_BYTES
from .render import CSV_FILE, PLAN_FILE, RUNBOOK_DIR, render
from .runcost import usage
from .scenario import Scenario
from .separation import separations
from .spend import Spend
from .yamlfile import describe_validation, load_yaml

_META_HINT = N_(
    "keys: organisation, plan_owner, approved_by, approved_on (YYYY-MM-DD), last_tested, "
    "test_method, review_interval_months, critical_functions, contracts (each a reference, "
    "or provider, accounts, reference, notice_days, transition_days, retrieval_days, "
    "end_date, exit_clause), recovery_objectives (workload: days), tests (each date, method, "
    "scope, result: passed, failed or partial, evidence, findings), organisation_type, "
    "personal_data, public_records, contracting_authority (true or false), exit_triggers "
    "(each indicator, metric, threshold, watched_by), business_continuity_plan and dpia "
    "(each reference, link), procurement"
)


def load_meta(path: Path | None, max_bytes: int = MAX_BYTES) -> PlanMeta:
    if path is None:
        return PlanMeta()
    if not path.exists():
        raise InputError(_("{path}: no such plan metadata file").format(path=path), _(_META_HINT))
    data = load_yaml(path, InputError, _(_META_HINT), max_bytes)
    try:
        return PlanMeta.model_validate(data or {})
    except ValidationError as exc:
        raise InputError(f"{path}: {describe_validation(exc, data)}", _(_META_HINT)) from None


@dataclass(frozen=True)
class Compared:
    """Every scenario built and estimated on the estate, and what they were built from."""

    comparison: Comparison
    entries: list[Entry | None]  # each resource's category or structural entry
    estate: Estate


def compare_scenarios(
    loaded: LoadedInventory,
    catalogue: Catalogue,
    profile: Profile,
    constraints: Constraints | None = None,
    own: Sequence[Scenario] = (),
    spend: Spend | None = None,
) -> Compared:
    """`spend`: what the estate costs today, from cost exports, set beside each run cost."""
    base = constraints if constraints is not None else catalogue.constraints
    resources = loaded.inventory.resources
    entries = classify_all(resources, catalogue)
    groups = group_estate(resources, entries, profile)
    estate = estate_of(entries, groups, usage(resources, entries))
    current = current_spend(spend, profile.currency) if spend is not None else None
    comparison = compare(estate, catalogue, base, profile, own, current)
    return Compared(comparison, entries, estate)


def make_plan(
    loaded: LoadedInventory,
    catalogue: Catalogue,
    profile: Profile,
    meta: PlanMeta,
    constraints: Constraints | None = None,
    scenario: str | None = None,
    own: Sequence[Scenario] = (),
    spend: Spend | None = None,
    start: dt.date | None = None,
    frameworks: Sequence[str] = (),
) -> Plan:
    """The plan on the scenario named, or on the best-scoring one, its work from `start`."""
    compared = compare_scenarios(loaded, catalogue, profile, constraints, own, spend)
    outcome = chosen(compared.comparison, scenario)
    return plan_scenario(loaded, compared, outcome, catalogue, profile, meta, start, frameworks)


def chosen(comparison: Comparison, scenario: str | None) -> Outcome:
    """The scenario named (an id from the comparison), or the recommended one."""
    if scenario is None:
        return comparison.recommended
    named = [o for o in comparison.outcomes if o.scenario.id == scenario]
    if not named:
        raise InputError(
            _("--scenario {id}: no such scenario for this estate").format(id=scenario),
            _("`exitplan scenarios` lists them: {ids}").format(
                ids=", ".join(o.scenario.id for o in comparison.outcomes)
            ),
        )
    return named[0]


def plan_scenario(
    loaded: LoadedInventory,
    compared: Compared,
    outcome: Outcome,
    catalogue: Catalogue,
    profile: Profile,
    meta: PlanMeta,
    start: dt.date | None = None,
    frameworks: Sequence[str] = (),
) -> Plan:
    """Every resource estimated on the scenario's target, and the plan made of them."""
    target = outcome.target
    placed = mapped(loaded.inventory.resources, compared.entries, target.choices)
    est = estimate(placed, profile, target.platforms, compared.estate.groups)
    primary = target.landing_zone.provider.id if target.landing_zone else None
    return build_plan(
        loaded,
        est,
        catalogue,
        meta,
        outcome=outcome,
        comparison=compared.comparison,
        separations=separations(placed, target.choices, primary),
        start=start,
        frameworks=frameworks,
    )


def run_pipeline(
    inventories: Sequence[Path],
    catalogue: Catalogue,
    profile: Profile,
    meta: PlanMeta,
    constraints: Constraints | None = None,
    templates: Path | None = None,
    max_bytes: int = MAX_BYTES,
    scenario: str | None = None,
    own: Sequence[Scenario] = (),
    spend: Spend | None = None,
    start: dt.date | None = None,
    frameworks: Sequence[str] = (),
    per_workload: bool = False,
    history: Sequence[tuple[dt.date, int]] = (),
) -> tuple[Plan, dict[str, str]]:
    """The plan and every output file (relative path -> text); nothing is written. No
    inventory file may hold more than `max_bytes`. `per_workload`: a plan for each
    workload too; `history`: the estate's earlier inventories (date, resources), from the
    history store."""
    with batch_gc():
        loaded = load_inventories(inventories, max_bytes)
        plan = make_plan(
            loaded, catalogue, profile, meta, constraints, scenario, own, spend, start, frameworks
        )
        if history:
            plan = replace(plan, progress=progress_points(history, plan))
        files = render(plan, templates, per_workload=per_workload)
        return plan, {**files, PLAN_JSON: plan_json(plan)}


def progress_points(
    history: Sequence[tuple[dt.date, int]], plan: Plan
) -> tuple[tuple[dt.date, int], ...]:
    """The earlier inventories and this one, by date; an earlier record of this very
    inventory (the same date) is this one."""
    points = {
        day: count for day, count in history if day < plan.loaded.inventory.scan.finished_at.date()
    }
    points[plan.loaded.inventory.scan.finished_at.date()] = plan.total_resources
    return tuple(sorted(points.items()))


def summary(plan: Plan, out: Path) -> dict[str, Any]:
    est = plan.estimate
    return {
        "organisation": plan.meta.organisation,
        "inventory_as_of": plan.as_of.isoformat(),
        "resources": plan.total_resources,
        "mapped": plan.mapped,
        "structural": plan.structural,
        "unmapped": plan.unmapped,
        "unmapped_types": len(plan.unmapped_types),
        "mapped_share": round(plan.mapped_share, 4),
        "providers": {
            p.provider: {
                "accounts": p.accounts,
                "locations": p.locations,
                "resources": p.resources,
                "mapped": p.mapped,
                "structural": p.structural,
                "unmapped": p.unmapped,
            }
            for p in plan.providers
        },
        "workloads": len(plan.workloads),
        "effort_person_days": {
            "p10": round(est.effort.p10),
            "expected": round(est.effort.mean),
            "p90": round(est.effort.p90),
            "p50": round(est.effort.p50),
        },
        "cost": {
            "currency": est.profile.currency,
            "p10": significant(est.cost.p10),
            "p90": significant(est.cost.p90),
            "p50": significant(est.cost.p50),
        },
        "unknowns_dominate": est.unknowns_dominate,
        "data_bytes": est.transfer.bytes,
        "gaps": len(plan.gaps),
        "scenario": _scenario_summary(plan),
        "files": {
            "plan": str(out / PLAN_FILE),
            "plan_json": str(out / PLAN_JSON),
            "runbooks": str(out / RUNBOOK_DIR),
            "runbook_count": len(plan.categories),
            "resource_csv": str(out / CSV_FILE),
        },
        "governance": _governance_summary(plan),
    }


def _governance_summary(plan: Plan) -> dict[str, Any] | None:
    """Each topic's status, and the ids of the findings on it."""
    gov = plan.governance
    if gov is None:
        return None
    return {
        topic.replace(" ", "_"): {
            "status": gov.status(topic),
            "findings": [f.id for f in gov.of(topic)],
        }
        for topic in TOPICS
    }


def _scenario_summary(plan: Plan) -> dict[str, Any] | None:
    outcome, comparison = plan.outcome, plan.comparison
    if outcome is None or comparison is None:
        return None
    zone = outcome.target.landing_zone
    return {
        "id": outcome.scenario.id,
        "name": outcome.scenario.name,
        "recommended": outcome.scenario.id == comparison.recommended.scenario.id,
        "compared": len(comparison.outcomes),
        "landing_zone": zone.provider.id if zone else None,
        "current_spend_per_month": (
            round(comparison.current.per_month, 2)
            if comparison.current and comparison.current.known
            else None
        ),
        "region": zone.region.id if zone and zone.region else None,
        "providers": list(outcome.providers),
    }
