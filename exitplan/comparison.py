"""Scenarios side by side: the built-in ones generated from the catalogue, the
organisation's own, each built into a target and estimated; ranked by a stated score, and a
recommendation with its reasons. Pure.

Built in: one scenario per provider that can take at least `provider_scenario_share` of
the mapped resources on its managed services or its infrastructure; a sovereign
open-source scenario (open-source software run on infrastructure of a provider exposed to
EU law only); and a mixed scenario of at most `mixed_max_providers` providers, chosen to
put the most resources on managed services."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from collections.abc import Mapping as Map
from dataclasses import dataclass, replace
from pathlib import Path

from .catalogue import (
    Alternative,
    AlternativeKind,
    Catalogue,
    Category,
    Compatibility,
    Constraints,
    Entry,
    Exposure,
    Hosting,
)
from .estimate import Effort, EstateGroups, scenario_effort
from .i18n import N_, _
from .markdown import money
from .mermaid import Quadrant, fenced
from .profile import Profile
from .runcost import RunCost, Usage, run_cost
from .scenario import Scenario
from .spend import FileRead, Spend
from .spend import Gap as SpendGap
from .target import Target, build_target, landing_zone_candidates

# Exposure to these legal orders only counts as under European control.
EUROPEAN = frozenset({Exposure.EU, Exposure.EEA})
# Below this share of priced resources a run cost is not compared: it would favour the
# scenario whose prices the catalogue knows least.
PRICED_ENOUGH = 0.5
LOCK_IN_WEIGHT = {"low": 0.0, "medium": 0.5, "high": 1.0}


@dataclass(frozen=True)
class Estate:
    """What every scenario is built from: the estate's categories and how many resources
    each has (configuration counted with the category it moves with), and the groups and
    usage its estimate and run cost read."""

    counts: Map[str, int]  # category id -> its resources
    configuration: Map[str, int]  # category id or "landing-zone" -> configuration items
    unmapped: int
    groups: EstateGroups
    usage: Map[str, Usage]

    @property
    def placed(self) -> int:
        return sum(self.counts.values()) + sum(self.configuration.values())


def estate_of(
    entries: Sequence[Entry | None], groups: EstateGroups, used: Map[str, Usage]
) -> Estate:
    counts: Counter[str] = Counter()
    configuration: Counter[str] = Counter()
    unmapped = 0
    for entry in entries:
        if isinstance(entry, Category):
            counts[entry.id] += 1
        elif entry is not None:
            configuration[entry.moves_with] += 1
        else:
            unmapped += 1
    return Estate(dict(sorted(counts.items())), dict(configuration), unmapped, groups, used)


@dataclass(frozen=True)
class Outcome:
    """One scenario built and estimated, with the figures it is compared on."""

    scenario: Scenario
    target: Target
    effort: Effort
    run: RunCost
    placed: int  # resources with a place on the target (services and their configuration)
    managed: int
    self_hosted: int
    unmet: int  # placed only by giving up a constraint or a placement rule
    unmapped: int
    concentration: float  # the share of placed resources on the largest provider
    european: int  # placed on providers exposed to EU or EEA law only
    lock_in: float  # 0 (all low) to 1 (all high), over placed resources
    open_standards: int  # placed on services that speak an open standard
    certifications: tuple[tuple[str, bool], ...]  # required, and whether every provider holds it
    score: float = 0.0  # 0 to 100, against the other scenarios compared
    parts: tuple[tuple[str, float], ...] = ()  # criterion -> 0..1

    @property
    def providers(self) -> tuple[str, ...]:
        return self.target.providers

    def share(self, count: int) -> float:
        total = self.placed + self.unmapped
        return count / total if total else 0.0

    @property
    def certification_text(self) -> str:
        held = _("held by every provider")
        missing = _("not held by every provider")
        return "; ".join(f"{n} ({held if ok else missing})" for n, ok in self.certifications)

    @property
    def run_comparable(self) -> bool:
        return self.run.priced_share >= PRICED_ENOUGH


@dataclass(frozen=True)
class CurrentSpend:
    """What the estate costs today, from cost exports: the average month over the months
    each provider's exports cover fully, in the plan's currency, and what is uncertain."""

    currency: str
    per_month: float
    by_provider: tuple[tuple[str, float], ...]
    by_workload: tuple[tuple[str, float], ...]  # "" for spend no tag names
    months: tuple[tuple[str, tuple[str, ...]], ...]  # provider -> full months averaged
    without_full_month: tuple[str, ...]  # providers whose exports cover no month fully
    other_currencies: tuple[str, ...]  # spend left out: not in the plan's currency
    files: tuple[FileRead, ...]
    gaps: tuple[SpendGap, ...]
    plan_currency: str = ""  # the run costs'; no exchange rate is applied between them

    @property
    def known(self) -> bool:
        """Whether a month was covered fully, so that an average month can be told."""
        return any(months for _provider, months in self.months)

    @property
    def comparable(self) -> bool:
        return self.known and self.currency == self.plan_currency

    @property
    def months_text(self) -> str:
        """The months averaged, per provider: `aws 2026-09, 2026-10; gcp 2026-10`."""
        counted = {provider for provider, _amount in self.by_provider}
        return "; ".join(f"{p} {', '.join(m)}" for p, m in self.months if m and p in counted)


def current_spend(spend: Spend, currency: str) -> CurrentSpend:
    """In the plan's currency where the exports hold any; else in theirs, not converted."""
    plan_currency = currency
    if spend.currencies and currency not in spend.currencies:
        currency = spend.currencies[0]
    by_provider = spend.monthly_average("provider", currency)
    by_workload = spend.monthly_average("workload", currency)
    return CurrentSpend(
        currency=currency,
        per_month=float(by_provider.total),
        by_provider=tuple((k, float(v)) for k, v in by_provider.amounts),
        by_workload=tuple((k, float(v)) for k, v in by_workload.amounts),
        months=by_provider.months,
        without_full_month=by_provider.without_full_month,
        other_currencies=tuple(c for c in spend.currencies if c != currency),
        # Named by the file's name only: where it was read from is the reader's machine's.
        files=tuple(replace(f, name=Path(f.name).name) for f in spend.files),
        gaps=tuple(replace(g, files=tuple(Path(n).name for n in g.files)) for g in spend.gaps),
        plan_currency=plan_currency,
    )


@dataclass(frozen=True)
class Comparison:
    outcomes: tuple[Outcome, ...]  # best first
    recommended: Outcome
    reasons: tuple[str, ...]
    left_out: tuple[tuple[str, float], ...]  # providers below the share for a scenario
    current: CurrentSpend | None = None  # today's spend, where cost exports were given


def lock_in_after(alt: Alternative) -> str:
    """How tied the estate stays to what it moves to: software you run yourself, or a
    managed service that speaks an open standard it can leave by, is low; a managed
    service that speaks a standard only in part is medium; one that speaks none is high."""
    if alt.hosting_is is Hosting.SELF_HOSTED and alt.kind is AlternativeKind.OPEN_SOURCE:
        return "low"
    if not alt.open_standards:
        return "high"
    if alt.compatibility in (Compatibility.DROP_IN, Compatibility.COMPATIBLE):
        return "low"
    return "medium"


def built_in(
    estate: Estate, catalogue: Catalogue, base: Constraints, profile: Profile
) -> tuple[list[Scenario], list[tuple[str, float]]]:
    """The built-in scenarios for this estate, and the providers left out (with the share
    of the estate they could take)."""
    scenarios: list[Scenario] = []
    left_out: list[tuple[str, float]] = []
    mapped = sum(estate.counts.values())
    for provider in landing_zone_candidates(catalogue, base):
        scenario = Scenario(
            id=f"all-on-{provider.id}",
            name=_("All on {provider}").format(provider=provider.name),
            description=_(
                "{provider} as the only provider: its managed services, and open source run "
                "on its infrastructure where it has none"
            ).format(provider=provider.name),
            kind="provider",
            primary=provider.id,
            constraints=Constraints(max_providers=1),
        )
        target = build_target(estate.counts, catalogue, scenario, base)
        on = sum(n for c, n in estate.counts.items() if target.choices[c].provider == provider.id)
        share = on / mapped if mapped else 0.0
        if share >= profile.provider_scenario_share:
            scenarios.append(scenario)
        else:
            left_out.append((provider.id, share))
    scenarios.append(
        Scenario(
            id="sovereign-open-source",
            name=_("Sovereign open source"),
            description=_(
                "open-source software you run yourself, on the infrastructure of a provider "
                "under EU law only, with the people to run it"
            ),
            kind="sovereign",
            hosting=Hosting.SELF_HOSTED,
            constraints=Constraints(require_jurisdiction=[Exposure.EU], max_providers=1),
        )
    )
    limit = base.max_providers or profile.mixed_max_providers
    scenarios.append(
        Scenario(
            id="mixed",
            name=_("Mixed, at most {count} providers").format(count=limit),
            description=_(
                "a landing zone on one provider, and managed services of at most {more} more "
                "where they put more of the estate on managed services"
            ).format(more=limit - 1),
            kind="mixed",
            constraints=Constraints(max_providers=limit),
        )
    )
    return scenarios, left_out


class _Tally:
    """Placed resources counted by hosting, provider, control, lock-in and standards."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.by_provider: Counter[str] = Counter()
        self.managed = self.self_hosted = self.unmet = self.european = self.open_standards = 0
        self.lock_in = 0.0

    def add(self, n: int, provider: str | None, alt: Alternative | None, met: bool) -> None:
        if not met:
            self.unmet += n
        if alt is None or alt.hosting_is is Hosting.MANAGED:
            self.managed += n
        else:
            self.self_hosted += n
        held = self.catalogue.providers.get(provider or "")
        if provider:
            self.by_provider[provider] += n
        if held is not None and set(held.exposure) <= EUROPEAN:
            self.european += n
        if alt is not None:
            self.open_standards += n if alt.open_standards else 0
            self.lock_in += n * LOCK_IN_WEIGHT[lock_in_after(alt)]


def evaluate(
    scenario: Scenario,
    estate: Estate,
    catalogue: Catalogue,
    base: Constraints,
    profile: Profile,
) -> Outcome:
    target = build_target(estate.counts, catalogue, scenario, base)
    effort = scenario_effort(
        estate.groups, target.choices, target.platforms, catalogue.structural, profile
    )
    run = run_cost(estate.usage, target.choices, effort.platforms, catalogue, profile)
    primary = target.landing_zone.provider.id if target.landing_zone else None
    tally = _Tally(catalogue)
    for category_id, n in estate.counts.items():
        choice = target.choices[category_id]
        configuration = estate.configuration.get(category_id, 0)
        tally.add(n + configuration, choice.provider, choice.alternative, choice.met)
    for moves_with, n in estate.configuration.items():
        if moves_with not in estate.counts:
            # Configuration of a service the estate does not have (an IAM role with no
            # directory) or of the landing zone itself: rebuilt on the primary.
            tally.add(n, primary, None, True)
    placed = estate.placed
    required = tuple(
        (name, all(_holds(catalogue, p, name) for p in target.providers))
        for name in target.constraints.require_certifications
    )
    by_provider = tally.by_provider
    return Outcome(
        scenario=scenario,
        target=target,
        effort=effort,
        run=run,
        placed=placed,
        managed=tally.managed,
        self_hosted=tally.self_hosted,
        unmet=tally.unmet,
        unmapped=estate.unmapped,
        concentration=max(by_provider.values()) / placed if by_provider and placed else 0.0,
        european=tally.european,
        lock_in=tally.lock_in / placed if placed else 0.0,
        open_standards=tally.open_standards,
        certifications=required,
    )


def _holds(catalogue: Catalogue, provider_id: str, certification: str) -> bool:
    provider = catalogue.providers.get(provider_id)
    wanted = "".join(ch for ch in certification.lower() if ch.isalnum())
    return provider is not None and any(
        "".join(ch for ch in c.name.lower() if ch.isalnum()) == wanted
        for c in provider.certifications
    )


# criterion -> (the figure, whether lower is better)
_CRITERIA: dict[str, tuple[Callable[[Outcome], float | None], bool]] = {
    "one_time_cost": (lambda o: o.effort.cost.mean, True),
    "run_cost": (lambda o: o.run.total if o.run_comparable else None, True),
    "managed_share": (lambda o: o.share(o.managed), False),
    "providers": (lambda o: float(len(o.providers)), True),
    "lock_in": (lambda o: o.lock_in, True),
    "open_standards": (lambda o: o.share(o.open_standards), False),
    "control": (lambda o: o.share(o.european), False),
}


def score(outcomes: Sequence[Outcome], profile: Profile) -> list[Outcome]:
    """Each criterion scored from 0 (the worst of the scenarios compared) to 1 (the best),
    weighted by the profile, summed to a score out of 100; best first, ties by id. A run
    cost that cannot be compared scores 0 on that criterion; a scenario whose target
    breaks a constraint or a placement rule comes after every one that does not."""
    weights = profile.scenario_weights
    total_weight = sum(getattr(weights, name) for name in _CRITERIA)
    scored = []
    for outcome in outcomes:
        parts = []
        for name, (figure, lower) in _CRITERIA.items():
            values = [v for v in (figure(o) for o in outcomes) if v is not None]
            mine = figure(outcome)
            if mine is None or not values:
                part = 0.0
            elif max(values) == min(values):
                part = 1.0
            else:
                span = max(values) - min(values)
                part = (max(values) - mine) / span if lower else (mine - min(values)) / span
            parts.append((name, part))
        value = 100 * sum(getattr(weights, n) * p for n, p in parts) / total_weight
        scored.append(replace(outcome, score=value, parts=tuple(parts)))
    return sorted(scored, key=lambda o: (o.unmet > 0, -round(o.score, 6), o.scenario.id))


CRITERION_NAMES = {
    "one_time_cost": N_("one-time cost"),
    "run_cost": N_("run cost"),
    "managed_share": N_("share on managed services"),
    "providers": N_("number of providers"),
    "lock_in": N_("lock-in after the move"),
    "open_standards": N_("share on open standards"),
    "control": N_("share under EU law only"),
}


def compare(
    estate: Estate,
    catalogue: Catalogue,
    base: Constraints,
    profile: Profile,
    own: Sequence[Scenario] = (),
    current: CurrentSpend | None = None,
) -> Comparison:
    scenarios, left_out = built_in(estate, catalogue, base, profile)
    taken = {s.id for s in scenarios}
    scenarios += [s for s in own if s.id not in taken]
    outcomes = score([evaluate(s, estate, catalogue, base, profile) for s in scenarios], profile)
    best = outcomes[0]
    reasons = _reasons(best, outcomes) + _against_today(best, current)
    return Comparison(tuple(outcomes), best, reasons, tuple(left_out), current)


def _against_today(best: Outcome, current: CurrentSpend | None) -> tuple[str, ...]:
    if current is None:
        return ()
    if not current.known:
        return (_("the cost exports cover no month fully, so today's spend is not known"),)
    today = money(current.per_month, current.currency)
    if not current.comparable:
        return (
            _(
                "today the estate costs {today} a month, in another currency than the run "
                "costs ({currency}); exitplan converts no currencies"
            ).format(today=today, currency=current.plan_currency),
        )
    run = best.run
    target = money(run.total, run.currency)
    if run.unpriced:
        return (
            _(
                "today the estate costs {today} a month; the target's known run cost is "
                "{target} a month, with {count} resources not priced"
            ).format(today=today, target=target, count=run.unpriced),
        )
    return (
        _("today the estate costs {today} a month; the target would cost {target}").format(
            today=today, target=target
        ),
    )


def _reasons(best: Outcome, outcomes: Sequence[Outcome]) -> tuple[str, ...]:
    reasons = []
    if len(outcomes) == 1:
        return (_("the only scenario compared"),)
    second = outcomes[1]
    reasons.append(
        _("it scores {score:.0f} of 100, ahead of {other} ({other_score:.0f})").format(
            score=best.score, other=second.scenario.name, other_score=second.score
        )
    )
    mine = dict(best.parts)
    theirs = dict(second.parts)
    better = [_(CRITERION_NAMES[n]) for n in _CRITERIA if mine[n] > theirs[n] and mine[n] == 1.0]
    if better:
        reasons.append(_("best of all scenarios on {what}").format(what=", ".join(better)))
    worse = [_(CRITERION_NAMES[n]) for n in _CRITERIA if theirs[n] > mine[n]]
    if worse:
        reasons.append(
            _("{other} does better on {what}").format(
                other=second.scenario.name, what=", ".join(worse)
            )
        )
    if best.unmet:
        reasons.append(
            _(
                "no scenario meets every constraint and placement rule: {count} resources are "
                "placed by giving one up"
            ).format(count=best.unmet)
        )
    if not best.run_comparable:
        reasons.append(
            _(
                "its run cost is not known well enough to compare: the catalogue prices "
                "{share:.0%} of its resources"
            ).format(share=best.run.priced_share)
        )
    return tuple(reasons)


def quadrant(comparison: Comparison) -> tuple[str, tuple[tuple[str, Outcome], ...]]:
    """One-time cost against lock-in after the move, one point per scenario, as a fenced
    Mermaid block and its legend (point name -> scenario)."""
    outcomes = comparison.outcomes
    costs = [o.effort.cost.mean for o in outcomes]
    low, high = min(costs), max(costs)
    chart = Quadrant(
        _("Scenarios: one-time cost and lock-in after the move"),
        (_("lower one-time cost"), _("higher one-time cost")),
        (_("less lock-in"), _("more lock-in")),
        (_("costly and tied"), _("cheap but tied"), _("cheap and free to leave"),
         _("costly but free to leave")),
    )  # fmt: skip
    legend = []
    for outcome in outcomes:
        x = (outcome.effort.cost.mean - low) / (high - low) if high > low else 0.5
        legend.append((chart.point(x, outcome.lock_in), outcome))
    return fenced(chart.source()), tuple(legend)
