"""A plan per workload, for its owner: the workload's own resources, figures, wave and
runbooks, on the target and landing zone chosen for the whole estate (never chosen again
per workload). Made from the finished Plan in one pass over its items, so that the cost
grows with the estate, not with workloads times resources. Pure."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from . import filenames
from .estimate import ItemEstimate
from .forcedexit import Recovery
from .lockin import WorkloadLockIn
from .model import Resource
from .planning import Plan, Wave, Workload, workload_of
from .schedule import DatedWave
from .threepoint import Total, total

WORKLOAD_DIR = "workloads"


@dataclass(frozen=True)
class CategoryShare:
    """The part of the workload that one service category holds."""

    category: str  # its id, which names the runbook
    name: str
    alternative: str
    resources: int  # services of the category, and configuration that moves with it
    data_bytes: int
    effort: Total


@dataclass(frozen=True)
class WorkloadPlan:
    workload: Workload
    path: str  # relative to the plan folder: workloads/<stem>.md
    wave: Wave | None
    dates: DatedWave | None
    items: tuple[ItemEstimate, ...]  # by category, then id
    categories: tuple[CategoryShare, ...]  # by name
    unmapped: tuple[Resource, ...]  # by type, then id
    lock_in: WorkloadLockIn | None
    recovery: Recovery | None
    cost: Total  # the effort at the profile's day rate


def paths(plan: Plan) -> dict[tuple[str, str], str]:
    """Each workload's file, by (name, grouped by)."""
    stems = filenames.assign([(w.name, w.grouped_by) for w in plan.workloads])
    return {key: f"{WORKLOAD_DIR}/{stem}.md" for key, stem in stems.items()}


def workload_plans(plan: Plan) -> tuple[WorkloadPlan, ...]:
    files = paths(plan)
    members: dict[tuple[str, str], list[ItemEstimate]] = defaultdict(list)
    for item in plan.estimate.items:
        members[workload_of(item.mapping.resource)].append(item)
    waves = {w.number: w for w in plan.waves}
    dated = {d.wave.number: d for d in plan.schedule.waves} if plan.schedule else {}
    scores = {(s.workload, s.grouped_by): s for s in plan.lock_in.workloads} if plan.lock_in else {}
    recoveries = (
        {(r.workload, r.grouped_by): r for r in plan.forced_exit.workloads}
        if plan.forced_exit
        else {}
    )
    day_rate = plan.estimate.profile.day_rate
    result = []
    for workload in plan.workloads:
        key = (workload.name, workload.grouped_by)
        items = sorted(members[key], key=_by_category_and_id)
        result.append(
            WorkloadPlan(
                workload=workload,
                path=files[key],
                wave=waves.get(workload.wave),
                dates=dated.get(workload.wave),
                items=tuple(items),
                categories=_shares(items),
                unmapped=tuple(
                    sorted(
                        (i.mapping.resource for i in items if _unmapped(i)),
                        key=lambda r: (r.type, r.id),
                    )
                ),
                lock_in=scores.get(key),
                recovery=recoveries.get(key),
                cost=workload.effort.scaled(day_rate),
            )
        )
    return tuple(result)


def _unmapped(item: ItemEstimate) -> bool:
    return item.mapping.choice is None and item.mapping.structure is None


def _category_of(item: ItemEstimate) -> str:
    """The category whose runbook moves the item: its own, or the one its configuration
    moves with; empty for what has none."""
    mapping = item.mapping
    if mapping.choice is not None:
        return mapping.choice.category.id
    if mapping.structure is not None:
        return mapping.structure.moves_with
    return ""


def _by_category_and_id(item: ItemEstimate) -> tuple[str, str]:
    return _category_of(item), item.mapping.resource.id


def _shares(items: Sequence[ItemEstimate]) -> tuple[CategoryShare, ...]:
    groups: dict[str, list[ItemEstimate]] = defaultdict(list)
    names: dict[str, tuple[str, str]] = {}
    for item in items:
        choice = item.mapping.choice
        if choice is not None:
            names[choice.category.id] = (choice.category.name, choice.alternative.name)
        category = _category_of(item)
        if category:
            groups[category].append(item)
    shares = [
        CategoryShare(
            category=category,
            name=names[category][0],
            alternative=names[category][1],
            resources=len(members),
            data_bytes=sum(i.data_bytes for i in members),
            effort=total(i.effort for i in members),
        )
        # Configuration whose service the workload does not hold moves with that
        # service's workload, under its runbook: not listed here as a category.
        for category, members in groups.items()
        if category in names
    ]
    return tuple(sorted(shares, key=lambda s: (s.name, s.category)))
