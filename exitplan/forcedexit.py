"""A forced exit: the provider ends the service at short notice (termination, failure,
sanctions) and only the Data Act's transition period remains. Which workloads come
first, when each can run again at the team's capacity and the transfer bandwidth, and
which data must be copied outside the provider beforehand. Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .estimate import Estimate, ItemEstimate
from .lockin import SHOWN, LockInScores

# EU Data Act Art. 25(2)(a): the switch is done within a transitional period of at most
# 30 calendar days after the notice period; the contract stays in force meanwhile.
TRANSITION_DAYS = 30
# Order of criticality for who comes first; untagged workloads are treated as medium,
# as the waves treat them.
_PRIORITY = {"high": 0, "medium": 1, "not tagged": 1, "low": 2}


@dataclass(frozen=True)
class WorkloadFacts:
    """What the forced exit needs of a workload."""

    name: str
    grouped_by: str
    criticality: str
    data_bytes: int
    effort_days: float  # expected person-days
    categories: tuple[str, ...]


@dataclass(frozen=True)
class Recovery:
    workload: str
    grouped_by: str
    criticality: str
    lock_in: float
    data_bytes: int
    transfer_days: float  # its own data over the link
    rebuild_days: float  # calendar days of the team on it, with the platforms it first needs
    ready_day: float  # days after the trigger until it runs on the target, in priority order
    ready_day_if_copied: float  # the same with the data of `copy_ahead` copied beforehand
    copy_ahead: tuple[tuple[str, int], ...]  # (resource id, bytes) to copy out beforehand
    rto_days: int | None = None  # the organisation's recovery time objective, where recorded

    @property
    def critical(self) -> bool:
        return self.criticality == "high"

    @property
    def within_transition(self) -> bool:
        return self.ready_day <= TRANSITION_DAYS

    @property
    def rto_met(self) -> bool | None:
        return None if self.rto_days is None else self.ready_day <= self.rto_days

    @property
    def rto_met_if_copied(self) -> bool | None:
        return None if self.rto_days is None else self.ready_day_if_copied <= self.rto_days


@dataclass(frozen=True)
class ForcedExit:
    transition_days: int
    bandwidth_mbps: float
    link_efficiency: float  # the typical share of the link (E-TRANSFER, likely)
    team_size: int
    workloads: tuple[Recovery, ...]  # in the order they are moved
    unknown_objectives: tuple[str, ...]  # recovery objectives for workloads not in the plan

    @property
    def shown(self) -> tuple[Recovery, ...]:
        """The workloads the plan lists, first moved first; all are in plan.json."""
        return self.workloads[:SHOWN]

    @property
    def within(self) -> tuple[Recovery, ...]:
        return tuple(r for r in self.workloads if r.within_transition)

    @property
    def critical(self) -> tuple[Recovery, ...]:
        return tuple(r for r in self.workloads if r.critical)

    @property
    def critical_within(self) -> tuple[Recovery, ...]:
        return tuple(r for r in self.workloads if r.critical and r.within_transition)

    @property
    def objectives_met(self) -> tuple[Recovery, ...]:
        return tuple(r for r in self.workloads if r.rto_met)

    @property
    def copy_ahead(self) -> tuple[Recovery, ...]:
        return tuple(r for r in self.workloads if r.copy_ahead)

    @property
    def copy_ahead_bytes(self) -> int:
        return sum(size for r in self.workloads for _id, size in r.copy_ahead)

    @property
    def with_objectives(self) -> tuple[Recovery, ...]:
        return tuple(r for r in self.workloads if r.rto_days is not None)


def transfer_days(size: int, bandwidth_mbps: float, efficiency: float) -> float:
    """Calendar days of continuous copying of `size` bytes."""
    return size * 8 / (bandwidth_mbps * 1_000_000 * efficiency * 86_400)


def _schedule(transfers: Sequence[float], rebuilds: Sequence[float]) -> list[float]:
    """When each workload is ready: the link copies one workload's data after another, and
    the team rebuilds one workload after another, each once its data has arrived."""
    ready: list[float] = []
    copied = free = 0.0
    for transfer, rebuild in zip(transfers, rebuilds, strict=True):
        copied += transfer
        free = max(free, copied) + rebuild
        ready.append(free)
    return ready


def forced_exit(
    workloads: Sequence[WorkloadFacts],
    items: Sequence[ItemEstimate],
    keys: Sequence[tuple[str, str]],
    est: Estimate,
    lock_in: LockInScores,
    objectives: Mapping[str, int],
) -> ForcedExit:
    """`items` and `keys`: the estimate's items and the workload (name, grouping) of each;
    `objectives`: recovery time objectives in days, by workload name."""
    profile = est.profile
    efficiency = profile.link_efficiency[1]
    scores = {(w.workload, w.grouped_by): w.score for w in lock_in.workloads}
    order = sorted(
        workloads,
        key=lambda w: (
            _PRIORITY.get(w.criticality, 1),
            -round(scores.get((w.name, w.grouped_by), 0.0), 6),
            w.name,
            w.grouped_by,
        ),
    )
    platform = {p.category.id: p.effort.mean for p in est.platforms}
    built: set[str] = set()
    # Platforms no workload names (what self-hosted software runs on) come first.
    underneath = set(platform) - {c for w in workloads for c in w.categories}
    team_days_per_day = profile.team_size * profile.working_days_per_week / 7
    transfers, rebuilds = [], []
    for index, w in enumerate(order):
        needed = sorted(({*w.categories, *underneath} if index == 0 else set(w.categories)) - built)
        built.update(needed)
        person_days = w.effort_days + sum(platform.get(c, 0.0) for c in needed)
        transfers.append(transfer_days(w.data_bytes, profile.bandwidth_mbps, efficiency))
        rebuilds.append(person_days / team_days_per_day)
    ready = _schedule(transfers, rebuilds)
    # The data of a critical workload whose copying would end after the transition period
    # has to be outside the provider before the trigger.
    elapsed = 0.0
    late: set[int] = set()
    for index, (w, transfer) in enumerate(zip(order, transfers, strict=True)):
        elapsed += transfer
        if w.criticality == "high" and w.data_bytes and elapsed > TRANSITION_DAYS:
            late.add(index)
    copied = _schedule([0.0 if i in late else t for i, t in enumerate(transfers)], rebuilds)
    data = _data_items(items, keys, {(order[i].name, order[i].grouped_by) for i in late})
    recoveries = tuple(
        Recovery(
            workload=w.name,
            grouped_by=w.grouped_by,
            criticality=w.criticality,
            lock_in=scores.get((w.name, w.grouped_by), 0.0),
            data_bytes=w.data_bytes,
            transfer_days=transfers[i],
            rebuild_days=rebuilds[i],
            ready_day=ready[i],
            ready_day_if_copied=copied[i],
            copy_ahead=tuple(data.get((w.name, w.grouped_by), ())),
            rto_days=objectives.get(w.name),
        )
        for i, w in enumerate(order)
    )
    names = {w.name for w in workloads}
    return ForcedExit(
        transition_days=TRANSITION_DAYS,
        bandwidth_mbps=profile.bandwidth_mbps,
        link_efficiency=efficiency,
        team_size=profile.team_size,
        workloads=recoveries,
        unknown_objectives=tuple(sorted(set(objectives) - names)),
    )


def _data_items(
    items: Sequence[ItemEstimate],
    keys: Sequence[tuple[str, str]],
    wanted: set[tuple[str, str]],
) -> dict[tuple[str, str], list[tuple[str, int]]]:
    found: dict[tuple[str, str], list[tuple[str, int]]] = {}
    if not wanted:
        return found
    for key, item in zip(keys, items, strict=True):
        if key in wanted and item.data_bytes:
            found.setdefault(key, []).append((item.mapping.resource.id, item.data_bytes))
    for listed in found.values():
        listed.sort()
    return found
