"""The lock-in scores and the forced exit in plan.json: their models (part of the plan's
schema) and how they are made from the plan's values."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, Field

from .forcedexit import ForcedExit
from .lockin import LockInScores, Reason


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ReasonOut(_Out):
    factor: str
    points: float
    why: str


class ScoreOut(_Out):
    score: float = Field(description="0 to 100: the sum of the reasons' points")
    reasons: list[ReasonOut]


class WorkloadLockInOut(_Out):
    score: float = Field(description="0 to 100: the sum of the points")
    points: dict[str, float] = Field(
        description="factor -> points, weighted as the score is; `factors` says why each counts"
    )
    workload: str
    grouped_by: str
    criticality: str
    resources: int


class ResourceLockInOut(ScoreOut):
    resource: str


class LockInOut(_Out):
    weighting: str = Field(
        description="what weighs a resource in a workload's and the estate's score"
    )
    factors: list[ReasonOut] = Field(description="every factor, with the points it gives at most")
    estate: ScoreOut
    workloads: list[WorkloadLockInOut] = Field(description="highest first")
    highest: list[ResourceLockInOut] = Field(
        description="the resources with the highest scores; every score is in the CSV"
    )


class RecoveryOut(_Out):
    workload: str
    grouped_by: str
    criticality: str
    lock_in: float
    data_bytes: int
    transfer_days: float
    rebuild_days: float
    recovery_days: float = Field(description="from the trigger until it runs on its target")
    recovery_days_if_copied: float = Field(description="the same with copy_ahead copied")
    within_transition: bool
    copy_ahead: dict[str, int] = Field(
        description="resource id -> bytes to copy outside the provider beforehand"
    )
    rto_days: int | None
    rto_met: bool | None
    rto_met_if_copied: bool | None


class ForcedExitOut(_Out):
    transition_days: int = Field(description="EU Data Act Art. 25(2)(a)")
    bandwidth_mbps: float
    link_efficiency: float
    team_size: int
    workloads: list[RecoveryOut] = Field(description="in the order they are moved")
    copy_ahead_bytes: int
    unknown_objectives: list[str] = Field(
        description="recovery objectives recorded for workloads not in the inventory"
    )


def _reasons(reasons: Iterable[Reason]) -> list[ReasonOut]:
    return [ReasonOut(factor=r.factor, points=round(r.points, 2), why=r.why) for r in reasons]


def lock_in_out(scores: LockInScores) -> LockInOut:
    return LockInOut(
        weighting="expected effort",
        factors=_reasons(scores.factors),
        estate=ScoreOut(
            score=round(scores.estate.score, 1), reasons=_reasons(scores.estate.reasons)
        ),
        workloads=[
            WorkloadLockInOut(
                workload=w.workload,
                grouped_by=w.grouped_by,
                criticality=w.criticality,
                resources=w.resources,
                score=round(w.score, 1),
                points={r.factor: round(r.points, 2) for r in w.reasons},
            )
            for w in scores.workloads
        ],
        highest=[
            ResourceLockInOut(resource=ident, score=round(s.score, 1), reasons=_reasons(s.reasons))
            for ident, s in scores.highest
        ],
    )


def forced_exit_out(exit_: ForcedExit) -> ForcedExitOut:
    return ForcedExitOut(
        transition_days=exit_.transition_days,
        bandwidth_mbps=exit_.bandwidth_mbps,
        link_efficiency=exit_.link_efficiency,
        team_size=exit_.team_size,
        workloads=[
            RecoveryOut(
                workload=r.workload,
                grouped_by=r.grouped_by,
                criticality=r.criticality,
                lock_in=round(r.lock_in, 1),
                data_bytes=r.data_bytes,
                transfer_days=round(r.transfer_days, 2),
                rebuild_days=round(r.rebuild_days, 2),
                recovery_days=round(r.ready_day, 2),
                recovery_days_if_copied=round(r.ready_day_if_copied, 2),
                within_transition=r.within_transition,
                copy_ahead=dict(r.copy_ahead),
                rto_days=r.rto_days,
                rto_met=r.rto_met,
                rto_met_if_copied=r.rto_met_if_copied,
            )
            for r in exit_.workloads
        ],
        copy_ahead_bytes=exit_.copy_ahead_bytes,
        unknown_objectives=list(exit_.unknown_objectives),
    )
