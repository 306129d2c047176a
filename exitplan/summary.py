"""The management summary: what a reader who must decide needs from the plan, and the
decisions the plan asks of them. Every figure is taken from the plan's own parts, never
computed a second way, so that the summary and the body cannot disagree; the decisions
come from one table of rules over the plan, like the risks. Pure."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .comparison import CRITERION_NAMES, Outcome
from .i18n import _
from .markdown import money, number, percent
from .risks import Risk

if TYPE_CHECKING:  # planning builds the plan and imports this module for its summary
    from .planning import Plan

TOP_RISKS = 5
IMPACT_ORDER = ("high", "medium", "low")
# A pie chart stays readable up to this many slices; the rest become one "other" slice.
PIE_SLICES = 10
# Contracts named in one decision; the rest are counted (section 13 lists every one).
CONTRACTS_NAMED = 3


@dataclass(frozen=True)
class Decision:
    id: str  # stable: people refer to it in the decisions they record
    text: str
    section: str  # where the plan gives the detail


@dataclass(frozen=True)
class Slice:
    label: str
    resources: int


@dataclass(frozen=True)
class Summary:
    critical_workloads: int  # of high criticality
    top_risks: tuple[Risk, ...]
    runner_up: Outcome | None  # the second best, where the plan is on the recommended one
    runner_up_behind: tuple[str, ...]  # criteria the planned scenario does better on
    today_per_month: float | None  # today's spend, where known in the plan's currency
    run_per_month: float | None  # the target's known run cost
    unpriced: int  # resources the run cost does not price
    spend: dict[str, float]  # today's spend a month by provider, where the exports give it
    spend_currency: str
    unknowns: tuple[str, ...]
    decisions: tuple[Decision, ...]
    slices: tuple[Slice, ...]  # resources by category, for the pie chart


def summarise(plan: Plan) -> Summary:
    outcome = plan.outcome
    current = plan.comparison.current if plan.comparison else None
    today = current.per_month if current is not None and current.comparable else None
    runner_up = _runner_up(plan)
    return Summary(
        critical_workloads=sum(1 for w in plan.workloads if w.criticality == "high"),
        top_risks=top_risks(plan.risks),
        runner_up=runner_up,
        runner_up_behind=_behind(outcome, runner_up),
        today_per_month=today,
        run_per_month=outcome.run.total if outcome else None,
        unpriced=outcome.run.unpriced if outcome else 0,
        spend=dict(current.by_provider) if current is not None and current.known else {},
        spend_currency=current.currency if current is not None else "",
        unknowns=_unknowns(plan),
        decisions=decisions(plan),
        slices=slices(plan),
    )


def top_risks(risks: Sequence[Risk]) -> tuple[Risk, ...]:
    """The highest-impact risks, at most TOP_RISKS; equals keep the register's order."""
    ranked = sorted(risks, key=lambda r: _rank(r.impact))
    return tuple(ranked[:TOP_RISKS])


def _rank(impact: str) -> int:
    return IMPACT_ORDER.index(impact) if impact in IMPACT_ORDER else len(IMPACT_ORDER)


def _runner_up(plan: Plan) -> Outcome | None:
    if plan.comparison is None or plan.outcome is None:
        return None
    planned = plan.outcome.scenario.id
    if plan.comparison.recommended.scenario.id != planned:
        return None  # the summary names the recommended one instead
    return next((o for o in plan.comparison.outcomes if o.scenario.id != planned), None)


def _behind(planned: Outcome | None, other: Outcome | None) -> tuple[str, ...]:
    """The criteria (translated) on which `other` scores below the planned scenario."""
    if planned is None or other is None:
        return ()
    mine, theirs = dict(planned.parts), dict(other.parts)
    return tuple(
        _(CRITERION_NAMES[name])
        for name in CRITERION_NAMES
        if name in mine and name in theirs and theirs[name] < mine[name]
    )


def _unknowns(plan: Plan) -> tuple[str, ...]:
    found = []
    if plan.gaps:
        found.append(
            _(
                "{count} scan gap(s): what the scan could not read is not in this plan (section 8)"
            ).format(count=len(plan.gaps))
        )
    if plan.unmapped:
        found.append(
            _(
                "{count} resource(s) of {types} type(s) have no known alternative (section 7)"
            ).format(count=plan.unmapped, types=len(plan.unmapped_types))
        )
    if plan.outcome is not None and plan.outcome.run.unpriced:
        found.append(
            _(
                "{count} resource(s) have no list price in the catalogue: the run cost counts "
                "the others only (section 6)"
            ).format(count=plan.outcome.run.unpriced)
        )
    est = plan.estimate
    if est.unknowns_dominate:
        found.append(
            _(
                "unknowns dominate: resources with no known alternative carry {share} of the "
                "spread between P50 and P90 (section 10)"
            ).format(share=percent(est.unknown_share))
        )
    current = plan.comparison.current if plan.comparison else None
    if current is None:
        found.append(_("today's spend: no cost exports were given (--spend)"))
    elif not current.comparable:
        found.append(_("today's spend, in the plan's currency (section 6)"))
    return tuple(found)


def slices(plan: Plan) -> tuple[Slice, ...]:
    """Resources by service category, largest first, the configuration rebuilt with its
    service and the resources without an alternative as slices of their own, and what
    does not fit in PIE_SLICES as one slice of the rest."""
    parts = [Slice(row.category.name, row.resources) for row in plan.categories]
    if plan.structural:
        parts.append(Slice(_("configuration, rebuilt with its service"), plan.structural))
    if plan.unmapped:
        parts.append(Slice(_("no known alternative"), plan.unmapped))
    parts.sort(key=lambda s: (-s.resources, s.label))
    if len(parts) <= PIE_SLICES + 1:
        return tuple(parts)
    kept, rest = parts[:PIE_SLICES], parts[PIE_SLICES:]
    other = _("{count} other categories").format(count=len(rest))
    return (*kept, Slice(other, sum(s.resources for s in rest)))


# -- decisions -------------------------------------------------------------------------


def _target(plan: Plan) -> list[Decision]:
    outcome = plan.outcome
    if outcome is None:
        return []
    zone = outcome.target.landing_zone
    if zone is None:
        text = _(
            "Decide on a target: no provider's managed compute meets the constraints of "
            "scenario {scenario}; relax a constraint or choose another scenario"
        ).format(scenario=outcome.scenario.name)
        return [Decision("D-TARGET", text, "6")]
    where = zone.provider.name + (f", {zone.region.id}" if zone.region else "")
    comparison = plan.comparison
    if comparison is not None and comparison.recommended.scenario.id != outcome.scenario.id:
        text = _(
            "Approve scenario {scenario} on {where}, chosen for this plan instead of the "
            "recommended {best}"
        ).format(
            scenario=outcome.scenario.name, where=where, best=comparison.recommended.scenario.name
        )
    else:
        text = _("Approve the target: scenario {scenario}, landing zone {where}").format(
            scenario=outcome.scenario.name, where=where
        )
    return [Decision("D-TARGET", text, "6")]


def _budget(plan: Plan) -> list[Decision]:
    est = plan.estimate
    currency = est.profile.currency
    text = _(
        "Approve the one-time budget: {p50} expected (P50), up to {p90} (P90), for "
        "{days} person-days (P50) of work"
    ).format(
        p50=money(est.cost.p50, currency),
        p90=money(est.cost.p90, currency),
        days=number(est.effort.p50, 0),
    )
    return [Decision("D-BUDGET", text, "10")]


def _run_cost(plan: Plan) -> list[Decision]:
    outcome = plan.outcome
    if outcome is None or outcome.run.total <= 0:
        return []
    run = outcome.run
    target = money(run.total, run.currency)
    current = plan.comparison.current if plan.comparison else None
    if current is not None and current.comparable:
        text = _(
            "Accept the target's run cost of {target} a month, known part, against {today} a "
            "month today"
        ).format(target=target, today=money(current.per_month, current.currency))
    else:
        text = _("Accept the target's run cost of {target} a month, known part").format(
            target=target
        )
    if run.unpriced:
        text += _(" ({count} resource(s) not priced)").format(count=run.unpriced)
    return [Decision("D-RUN-COST", text, "6")]


def _calendar(plan: Plan) -> list[Decision]:
    sched = plan.schedule
    if sched is None or not sched.waves:
        return []
    text = _("Commit a team of {team} people from {start}: the dated waves end on {end}").format(
        team=plan.estimate.profile.team_size, start=sched.start, end=sched.end
    )
    return [Decision("D-CALENDAR", text, "9")]


def _notice(plan: Plan) -> list[Decision]:
    sched = plan.schedule
    if sched is None or not sched.contracts:
        return []
    dated = sorted(sched.contracts, key=lambda c: (c.notice_by, str(c.contract)))
    by = _("{contract} by {day}")
    named = "; ".join(
        by.format(contract=c.contract.reference or c.contract, day=c.notice_by)
        for c in dated[:CONTRACTS_NAMED]
    )
    if len(dated) > CONTRACTS_NAMED:
        named += " " + _("and {count} more").format(count=len(dated) - CONTRACTS_NAMED)
    first = dated[0].notice_by
    if first < plan.as_of:
        text = _(
            "Give notice now, or move the calendar: the first notice date has passed ({named})"
        ).format(named=named)
    else:
        text = _("Give notice on the contracts: {named}").format(named=named)
    return [Decision("D-NOTICE", text, "13")]


# Risks whose decision is a rule of its own (D-GAPS, D-UNMAPPED), not asked twice.
_DECIDED_ELSEWHERE = frozenset({"R-GAPS", "R-UNMAPPED"})


def _risks(plan: Plan) -> list[Decision]:
    return [
        Decision(
            f"D-{risk.id}",
            _("Accept or mitigate risk {id}: {title}").format(id=risk.id, title=risk.title),
            "11",
        )
        for risk in top_risks(plan.risks)
        if risk.impact == "high" and risk.id not in _DECIDED_ELSEWHERE
    ]


def _unmapped(plan: Plan) -> list[Decision]:
    if not plan.unmapped:
        return []
    text = _(
        "Decide for each of {types} type(s) without an alternative ({count} resource(s)): "
        "retain, retire, rebuild or buy"
    ).format(types=len(plan.unmapped_types), count=plan.unmapped)
    return [Decision("D-UNMAPPED", text, "7")]


def _unmet(plan: Plan) -> list[Decision]:
    names = [row.category.name for row in plan.categories if not row.met]
    if not names:
        return []
    text = _(
        "Choose by hand, or relax a constraint, for {names}: no alternative meets the constraints"
    ).format(names=", ".join(names))
    return [Decision("D-UNMET", text, "6")]


def _gaps(plan: Plan) -> list[Decision]:
    if not plan.gaps:
        return []
    text = _(
        "Have the {count} scan gap(s) closed and the estate rescanned before this plan is approved"
    ).format(count=len(plan.gaps))
    return [Decision("D-GAPS", text, "8")]


def _owner(plan: Plan) -> list[Decision]:
    if plan.meta.plan_owner:
        return []
    return [Decision("D-OWNER", _("Name the plan owner, accountable for this plan"), "12")]


def _approver(plan: Plan) -> list[Decision]:
    if not plan.meta.approved_by:
        text = _("Name who approves this plan, and record the approval")
        return [Decision("D-APPROVER", text, "15")]
    if plan.governance is not None and not plan.governance.approved:
        text = _("Approve this plan again: the approval recorded does not cover this inventory")
        return [Decision("D-APPROVER", text, "15")]
    return []


# In the order the reader is asked: what to build, what it costs, when, what to settle.
RULES: tuple[Callable[[Plan], list[Decision]], ...] = (
    _target,
    _budget,
    _run_cost,
    _calendar,
    _notice,
    _risks,
    _unmapped,
    _unmet,
    _gaps,
    _owner,
    _approver,
)


def decisions(plan: Plan) -> tuple[Decision, ...]:
    return tuple(d for rule in RULES for d in rule(plan))
