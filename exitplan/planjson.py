"""plan.json: the plan as data, for other tools and auditors, with a published JSON Schema
(`exitplan schema plan`). Built from a finished Plan; the models are the schema."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from . import __version__, i18n
from .comparison import Comparison, CurrentSpend, Outcome
from .estimate import Estimate
from .exitjson import ForcedExitOut, LockInOut, forced_exit_out, lock_in_out
from .governance import Governance, Status, Topic
from .planning import Plan
from .threepoint import Total
from .untrusted import json_document

PLAN_JSON = "plan.json"
SCHEMA_VERSION = 1


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Range(_Out):
    """A three-point figure: P10, expected (mean), P90 and P50."""

    p10: float
    expected: float
    p90: float
    p50: float


def _range(total: Total, digits: int = 1) -> Range:
    return Range(
        p10=round(total.p10, digits),
        expected=round(total.mean, digits),
        p90=round(total.p90, digits),
        p50=round(total.p50, digits),
    )


class RangesOut(_Out):
    """How the plan's P10, P50 and P90 were simulated ([E-CORRELATION])."""

    programme_share: float = Field(description="of each item's spread, shared by the estate")
    category_share: float = Field(
        description="of each item's spread, shared by its category, structural entry or type"
    )
    draws: int
    seed: int
    unknown_share: float = Field(
        description="of the effort's P90 - P50 spread, carried by resources with no alternative"
    )
    unknowns_dominate: bool


def _ranges(plan: Plan) -> RangesOut:
    est = plan.estimate
    corr = est.profile.correlation
    return RangesOut(
        programme_share=corr.programme,
        category_share=corr.category,
        draws=corr.draws,
        seed=corr.seed,
        unknown_share=round(est.unknown_share, 3),
        unknowns_dominate=est.unknowns_dominate,
    )


class RunCostOut(_Out):
    currency: str
    per_month_known: float = Field(description="infrastructure priced plus people; a floor")
    infrastructure: float
    people: float
    operating_fte: float
    resources_priced: int
    resources_unpriced: int = Field(description="no list price in the catalogue: unknown, not 0")
    unpriced_categories: list[str]


class ScenarioOut(_Out):
    id: str
    name: str
    kind: Literal["provider", "sovereign", "mixed", "user"]
    description: str
    score: float = Field(description="0 to 100, against the other scenarios compared")
    criteria: dict[str, float] = Field(description="criterion -> 0 (worst) to 1 (best)")
    primary: str | None
    region: str | None
    providers: list[str]
    resources_placed: int
    managed: int
    self_hosted: int
    unmapped: int
    unmet: int = Field(description="placed only by giving up a constraint or placement rule")
    effort_person_days: Range
    cost: Range
    run_cost: RunCostOut
    concentration: float = Field(description="share of placed resources on the largest provider")
    eu_law_only_share: float
    lock_in: float = Field(description="0 (all low) to 1 (all high)")
    open_standards_share: float
    certifications: dict[str, bool] = Field(description="required -> held by every provider")


class LandingZoneOut(_Out):
    provider: str
    name: str
    legal_entity: str | None
    headquarters: str
    controlling_owner: str | None
    jurisdiction: str
    exposure: list[str]
    region: str | None
    location: str | None
    country: str | None
    certifications: list[str]
    reason: str


class ChoiceOut(_Out):
    category: str
    category_name: str
    alternative: str
    alternative_name: str
    provider: str | None = Field(description="where it runs")
    hosting: Literal["managed", "self-hosted"]
    reason: str
    met: bool
    resources: int
    strategy: str | None = None
    data_bytes: int = 0
    effort_person_days: Range | None = None


class SeparationOut(_Out):
    resource: str
    relation: str
    other: str
    provider: str
    other_provider: str
    binding: bool


class Recommendation(_Out):
    scenario: str
    planned: str = Field(description="the scenario this plan was made for")
    reasons: list[str]


class SpendFileOut(_Out):
    name: str
    format: str
    basis: Literal["amortized", "billed", "unstated"]
    rows: int
    months: list[str]


class SpendGapOut(_Out):
    kind: str
    provider: str
    detail: str
    rows: int
    currency: str
    amount: float | None


class CurrentSpendOut(_Out):
    currency: str
    known: bool = Field(description="whether any month was covered fully")
    comparable: bool = Field(description="known, and in the run costs' currency")
    per_month: float | None = Field(description="average over fully covered months")
    by_provider: dict[str, float]
    by_workload: dict[str, float] = Field(description="'' for spend no tag names")
    months: dict[str, list[str]] = Field(description="provider -> the full months averaged")
    providers_without_full_month: list[str]
    other_currencies: list[str]
    files: list[SpendFileOut]
    gaps: list[SpendGapOut]


class ComparisonOut(_Out):
    current_spend: CurrentSpendOut | None = Field(
        None, description="what the estate costs today, from the cost exports given"
    )
    scenarios: list[ScenarioOut] = Field(description="best first")
    recommendation: Recommendation
    providers_without_scenario: dict[str, float] = Field(
        description="provider -> the share of mapped resources it could take, below the "
        "threshold for a scenario of its own"
    )


class ReplicaOut(_Out):
    resource: str
    replica_of: str
    size_bytes: int = Field(description="stored, not counted in data_bytes (E-REPLICA)")


class LicenceOut(_Out):
    resource: str
    product: str = Field(description="the effort profile's key, e.g. sqlserver")
    product_name: str
    shown_by: str = Field(description="the attribute and value it was found in")
    basis: Literal["included", "own", "unrecorded"] = Field(
        description="at the source: in its price, the organisation's own, or not recorded"
    )


class RateOut(_Out):
    rate: float = Field(description="units of `to` per unit of the egress currency")
    to: str
    date: dt.date
    source: str
    uncertain: bool


class EgressOut(_Out):
    provider: str
    data_bytes: int
    list_price: float
    currency: str = Field(description="the price list's")
    amount: float = Field(description="in the plan's currency")
    rate: RateOut | None = Field(description="E-RATE; null where the currencies are the same")


class MovedOut(_Out):
    """What is moved, counted once, and what travels with it."""

    replicas: list[ReplicaOut]
    licences: list[LicenceOut]
    egress: list[EgressOut]


def moved_out(est: Estimate) -> MovedOut:
    return MovedOut(
        replicas=[
            ReplicaOut(
                resource=r.mapping.resource.id,
                replica_of=r.replica_of or "",
                size_bytes=r.mapping.resource.size_bytes,
            )
            for r in est.replicas
        ],
        licences=[
            LicenceOut(
                resource=lic.resource.id,
                product=lic.id,
                product_name=lic.rule.product,
                shown_by=lic.shown_by,
                basis=lic.basis,
            )
            for lic in est.licences
        ],
        egress=[
            EgressOut(
                provider=e.provider,
                data_bytes=e.bytes,
                list_price=round(e.usd, 2),
                currency=e.currency,
                amount=round(e.amount, 2),
                rate=RateOut.model_validate(e.rate, from_attributes=True) if e.rate else None,
            )
            for e in est.egress
        ],
    )


class DatedWaveOut(_Out):
    number: int
    name: str
    first_day: dt.date
    last_day: dt.date
    working_days: int
    effort_person_days: Range


class ContractPeriodsOut(_Out):
    reference: str | None
    provider: str | None
    accounts: list[str]
    cut_over: dt.date = Field(description="last day of the last wave that moves from it")
    notice_by: dt.date = Field(description="the latest day to give notice")
    transition: tuple[dt.date, dt.date]
    retrieval: tuple[dt.date, dt.date]
    data_act_defaults: list[str] = Field(description="periods the contract left to the Data Act")
    notes: list[str]


class ProgrammeWindowOut(_Out):
    provider: str
    name: str
    request_by: dt.date
    free_period: tuple[dt.date, dt.date]
    source: str


class ParallelRunOut(_Out):
    wave: int
    weeks: float
    old_per_month: float | None = Field(description="today's spend; null: not known")
    new_per_month: float | None = Field(description="the target's share; null: not known")
    cost: float = Field(description="both sides, as far as known, for the overlap")
    without_spend: list[str] = Field(description="workloads with no spend of their own")


class CalendarOut(_Out):
    start: dt.date
    capacity_person_days_per_working_day: float
    waves: list[DatedWaveOut]
    contracts: list[ContractPeriodsOut]
    programmes: list[ProgrammeWindowOut]
    currency: str
    parallel_running: list[ParallelRunOut]


def calendar_out(plan: Plan) -> CalendarOut | None:
    sched = plan.schedule
    if sched is None:
        return None
    return CalendarOut(
        start=sched.start,
        capacity_person_days_per_working_day=round(sched.capacity, 2),
        waves=[
            DatedWaveOut(
                number=d.wave.number,
                name=d.wave.name,
                first_day=d.first,
                last_day=d.last,
                working_days=d.working_days,
                effort_person_days=_range(d.wave.effort),
            )
            for d in sched.waves
        ],
        contracts=[
            ContractPeriodsOut(
                reference=c.contract.reference,
                provider=c.contract.provider,
                accounts=c.contract.accounts,
                cut_over=c.cut_over,
                notice_by=c.notice_by,
                transition=c.transition,
                retrieval=c.retrieval,
                data_act_defaults=list(c.defaults),
                notes=list(c.notes),
            )
            for c in sched.contracts
        ],
        programmes=[
            ProgrammeWindowOut(
                provider=w.programme.provider,
                name=w.programme.name,
                request_by=w.request_by,
                free_period=(w.first, w.last),
                source=w.programme.source,
            )
            for w in sched.programmes
        ],
        currency=sched.currency,
        parallel_running=[
            ParallelRunOut(
                wave=r.wave.number,
                weeks=r.weeks,
                old_per_month=None if r.old_per_month is None else round(r.old_per_month, 2),
                new_per_month=None if r.new_per_month is None else round(r.new_per_month, 2),
                cost=round(r.cost, 2),
                without_spend=list(r.unknown),
            )
            for r in sched.parallel
        ],
    )


class DecisionOut(_Out):
    id: str = Field(description="stable id, such as D-TARGET")
    text: str
    section: str = Field(description="the section of the plan that gives the detail")


class SliceOut(_Out):
    label: str
    resources: int


class SummaryOut(_Out):
    """The management summary: what is not in the other fields, and the decisions asked."""

    top_risks: list[str] = Field(description="ids of the highest-impact risks, at most five")
    runner_up: str | None = Field(description="the second best, where the plan is on the best")
    runner_up_behind: list[str] = Field(description="criteria the planned scenario does better on")
    calendar_end: dt.date | None = Field(description="the last day of the dated waves")
    spend_per_month: float | None = Field(description="today's, in the plan's currency")
    run_cost_per_month: float | None = Field(description="the target's known part")
    unpriced: int
    unknowns: list[str]
    decisions: list[DecisionOut]
    resources_by_category: list[SliceOut]


def summary_out(plan: Plan) -> SummaryOut:
    s = plan.summary
    return SummaryOut(
        top_risks=[r.id for r in s.top_risks],
        runner_up=s.runner_up.scenario.id if s.runner_up else None,
        runner_up_behind=list(s.runner_up_behind),
        calendar_end=plan.schedule.end if plan.schedule and plan.schedule.waves else None,
        spend_per_month=None if s.today_per_month is None else round(s.today_per_month, 2),
        run_cost_per_month=None if s.run_per_month is None else round(s.run_per_month),
        unpriced=s.unpriced,
        unknowns=list(s.unknowns),
        decisions=[DecisionOut(id=d.id, text=d.text, section=d.section) for d in s.decisions],
        resources_by_category=[SliceOut(label=c.label, resources=c.resources) for c in s.slices],
    )


class ExitTestOut(_Out):
    date: dt.date
    method: str | None
    scope: str | None
    result: Literal["passed", "failed", "partial"] | None
    evidence: str | None
    findings: str | None


class FindingOut(_Out):
    id: str
    topic: Topic
    status: Status
    title: str
    detail: str
    action: str
    impact: Literal["high", "medium", "low"] | None = Field(
        description="as a risk in the register; null: a finding on the document only"
    )


class CriticalFunctionOut(_Out):
    name: str = Field(description="as the metadata names it")
    workloads: list[str] = Field(description="the workloads it matches; empty: none")


class GovernanceOut(_Out):
    approval: Status = Field(description="current, stale, overdue or missing")
    test: Status = Field(description="current, stale, overdue, failed, partial or missing")
    critical_functions: Status = Field(description="current, incomplete or missing")
    contracts: Status = Field(description="current, incomplete or missing")
    next_review: dt.date = Field(
        description="the approval's review date; the inventory's date where none is current"
    )
    tests: list[ExitTestOut] = Field(description="every test recorded, newest first")
    matched: list[CriticalFunctionOut]
    findings: list[FindingOut]


def governance_out(gov: Governance) -> GovernanceOut:
    return GovernanceOut(
        approval=gov.status("approval"),
        test=gov.status("test"),
        critical_functions=gov.status("critical functions"),
        contracts=gov.status("contracts"),
        next_review=gov.next_review,
        tests=[ExitTestOut.model_validate(t.model_dump()) for t in gov.tests],
        matched=[CriticalFunctionOut(name=n, workloads=list(w)) for n, w in gov.matched],
        findings=[
            FindingOut(
                id=f.id,
                topic=f.topic,
                status=f.status,
                title=f.title,
                detail=f.detail,
                action=f.action,
                impact=f.impact,
            )
            for f in gov.findings
        ],
    )


class RequirementOut(_Out):
    id: str
    framework: str
    status: Literal["answered", "not-applicable", "not-answered"]
    sections: list[str] = Field(
        description="keys of the sections that answer it (or would, when something is missing)"
    )
    reason: str = Field(
        description="why it does not apply, what is missing, or what was assumed; may be empty"
    )
    confidence: Literal["V", "S", "U"] = Field(
        description="V: the issuing body's text was read; S: a secondary source; U: not seen"
    )
    source: str


class ArrangementOut(_Out):
    """The exit plan of one contract."""

    contract: str
    exit_clause: str | None
    workloads: list[str]
    resources: int
    calendar_fits: bool
    checks: list[str] = Field(description="what was checked against the calendar, and found")


class RequirementsOut(_Out):
    """The requirement trace behind Appendix B."""

    frameworks: list[str]
    why: str = Field(description="why these frameworks")
    requirements: list[RequirementOut]
    arrangements: list[ArrangementOut] = Field(description="an exit plan per contract")


class PlanDocument(_Out):
    """What plan.json holds."""

    schema_version: Literal[1]
    tool: str
    tool_version: str
    organisation: str | None
    inventory_as_of: dt.date
    meta: dict[str, Any] = Field(description="the plan metadata, as given with --meta")
    resources: int
    mapped: int
    structural: int
    unmapped: int
    gaps: int
    currency: str
    effort_person_days: Range
    cost: Range
    data_bytes: int
    scenario: ScenarioOut | None
    landing_zone: LandingZoneOut | None
    categories: list[ChoiceOut]
    platforms: list[ChoiceOut] = Field(description="built to run self-hosted choices on")
    separations: list[SeparationOut]
    comparison: ComparisonOut | None
    lock_in: LockInOut | None = Field(None, description="lock-in scores, 0 to 100, with reasons")
    forced_exit: ForcedExitOut | None = Field(
        None, description="a sudden exit within the Data Act's transition period"
    )
    calendar: CalendarOut | None = None
    moved: MovedOut | None = Field(
        None, description="replicas rebuilt not copied, licences, egress (E-REPLICA, ...)"
    )
    ranges: RangesOut | None = None
    governance: GovernanceOut | None = Field(
        None, description="approval, tests, critical functions and contracts checked"
    )
    summary: SummaryOut | None = Field(None, description="the management summary and decisions")
    requirements: RequirementsOut | None = Field(
        None, description="the requirements of the selected frameworks and where they are met"
    )
    language: str = Field(
        "en", description="the language of its texts for people (--lang); keys and ids are English"
    )


def scenario_out(outcome: Outcome) -> ScenarioOut:
    zone = outcome.target.landing_zone
    run = outcome.run
    return ScenarioOut(
        id=outcome.scenario.id,
        name=outcome.scenario.name,
        kind=outcome.scenario.kind,
        description=outcome.scenario.description,
        score=round(outcome.score, 1),
        criteria={name: round(part, 3) for name, part in outcome.parts},
        primary=zone.provider.id if zone else None,
        region=zone.region.id if zone and zone.region else None,
        providers=list(outcome.providers),
        resources_placed=outcome.placed,
        managed=outcome.managed,
        self_hosted=outcome.self_hosted,
        unmapped=outcome.unmapped,
        unmet=outcome.unmet,
        effort_person_days=_range(outcome.effort.effort, 0),
        cost=_range(outcome.effort.cost, -3),
        run_cost=RunCostOut(
            currency=run.currency,
            per_month_known=round(run.total),
            infrastructure=round(run.infrastructure),
            people=round(run.people),
            operating_fte=round(run.operating_fte, 2),
            resources_priced=run.priced,
            resources_unpriced=run.unpriced,
            unpriced_categories=list(run.unpriced_categories),
        ),
        concentration=round(outcome.concentration, 3),
        eu_law_only_share=round(outcome.share(outcome.european), 3),
        lock_in=round(outcome.lock_in, 3),
        open_standards_share=round(outcome.share(outcome.open_standards), 3),
        certifications=dict(outcome.certifications),
    )


def _current(current: CurrentSpend) -> CurrentSpendOut:
    return CurrentSpendOut(
        currency=current.currency,
        known=current.known,
        comparable=current.comparable,
        per_month=round(current.per_month, 2) if current.known else None,
        by_provider={k: round(v, 2) for k, v in current.by_provider},
        by_workload={k: round(v, 2) for k, v in current.by_workload},
        months={p: list(m) for p, m in current.months},
        providers_without_full_month=list(current.without_full_month),
        other_currencies=list(current.other_currencies),
        files=[
            SpendFileOut(
                name=f.name, format=f.format, basis=f.basis, rows=f.rows, months=list(f.months)
            )
            for f in current.files
        ],
        gaps=[
            SpendGapOut(
                kind=g.kind,
                provider=g.provider,
                detail=g.detail,
                rows=g.rows,
                currency=g.currency,
                amount=None if g.amount is None else round(float(g.amount), 2),
            )
            for g in current.gaps
        ],
    )


def comparison_out(comparison: Comparison, planned: str) -> ComparisonOut:
    return ComparisonOut(
        current_spend=_current(comparison.current) if comparison.current else None,
        scenarios=[scenario_out(o) for o in comparison.outcomes],
        recommendation=Recommendation(
            scenario=comparison.recommended.scenario.id,
            planned=planned,
            reasons=list(comparison.reasons),
        ),
        providers_without_scenario={p: round(share, 3) for p, share in comparison.left_out},
    )


def plan_schema() -> dict[str, Any]:
    return PlanDocument.model_json_schema()


def _zone(plan: Plan) -> LandingZoneOut | None:
    zone = plan.landing_zone
    if zone is None:
        return None
    p = zone.provider
    owner = p.controlling_owner
    return LandingZoneOut(
        provider=p.id,
        name=p.name,
        legal_entity=p.legal_entity,
        headquarters=p.headquarters,
        controlling_owner=f"{owner.name} ({owner.country})" if owner else None,
        jurisdiction=p.jurisdiction,
        exposure=[e.value for e in p.exposure],
        region=zone.region.id if zone.region else None,
        location=zone.region.location if zone.region else None,
        country=zone.region.country if zone.region else None,
        certifications=sorted({c.name for c in p.certifications}),
        reason=zone.reason,
    )


def plan_document(plan: Plan) -> PlanDocument:
    est = plan.estimate
    outcome = plan.outcome
    return PlanDocument(
        schema_version=SCHEMA_VERSION,
        tool="exitplan",
        tool_version=__version__,
        organisation=plan.meta.organisation,
        inventory_as_of=plan.as_of,
        meta=plan.meta.model_dump(mode="json"),
        resources=plan.total_resources,
        mapped=plan.mapped,
        structural=plan.structural,
        unmapped=plan.unmapped,
        gaps=len(plan.gaps),
        currency=est.profile.currency,
        effort_person_days=_range(est.effort, 0),
        cost=_range(est.cost, -3),
        data_bytes=est.transfer.bytes,
        scenario=scenario_out(outcome) if outcome else None,
        landing_zone=_zone(plan),
        categories=[
            ChoiceOut(
                category=row.category.id,
                category_name=row.category.name,
                alternative=row.alternative.id,
                alternative_name=row.alternative.name,
                provider=row.provider.id if row.provider else None,
                hosting=row.hosting.value,
                reason=row.reason,
                met=row.met,
                resources=row.resources,
                strategy=row.strategy,
                data_bytes=row.data_bytes,
                effort_person_days=_range(row.effort),
            )
            for row in plan.categories
        ],
        platforms=[
            ChoiceOut(
                category=c.category.id,
                category_name=c.category.name,
                alternative=c.alternative.id,
                alternative_name=c.alternative.name,
                provider=c.provider,
                hosting=c.hosting.value,
                reason=c.reason,
                met=c.met,
                resources=0,
            )
            for c in plan.platforms
        ],
        separations=[
            SeparationOut(
                resource=s.resource.id,
                relation=s.kind,
                other=s.other.id,
                provider=s.provider,
                other_provider=s.other_provider,
                binding=s.binding,
            )
            for s in plan.separations
        ],
        comparison=(
            comparison_out(plan.comparison, outcome.scenario.id)
            if plan.comparison and outcome
            else None
        ),
        lock_in=lock_in_out(plan.lock_in) if plan.lock_in else None,
        forced_exit=forced_exit_out(plan.forced_exit) if plan.forced_exit else None,
        calendar=calendar_out(plan),
        moved=moved_out(est),
        ranges=_ranges(plan),
        governance=governance_out(plan.governance) if plan.governance else None,
        summary=summary_out(plan),
        requirements=_requirements(plan),
        language=i18n.language(),
    )


def _requirements(plan: Plan) -> RequirementsOut | None:
    trace = plan.requirements
    if trace is None:
        return None
    return RequirementsOut(
        frameworks=list(trace.frameworks),
        why=trace.why,
        requirements=[
            RequirementOut(
                id=t.requirement.id,
                framework=t.requirement.framework,
                status=t.status,
                sections=list(t.sections),
                reason=t.reason,
                confidence=t.requirement.confidence,
                source=t.source,
            )
            for t in trace.rows
        ],
        arrangements=[
            ArrangementOut(
                contract=str(a.contract),
                exit_clause=a.contract.exit_clause,
                workloads=list(a.workloads),
                resources=a.resources,
                calendar_fits=a.fits,
                checks=[c.text for c in a.checks],
            )
            for a in plan.arrangements
        ],
    )


def plan_json(plan: Plan) -> str:
    # ASCII only: a control or bidi character from an account's names is a \u escape.
    return json_document(plan_document(plan).model_dump(mode="json")) + "\n"
