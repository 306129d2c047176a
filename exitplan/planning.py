"""From an estimate to a plan: workloads, waves, data migration, risks. Pure: the same
inputs give the same plan, so the rendered Markdown diffs meaningfully in Git."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import groupby
from operator import itemgetter
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict, StrictBool

from .arrangements import Arrangement, arrangements, uncovered
from .catalogue import Alternative, Catalogue, Category, Hosting, Provider, Structural
from .catalogue.texts import Localised, StillEnglish, still_english
from .comparison import Comparison, Outcome
from .constraints import Choice, Exclusion
from .contracts import Contract, contract_entry
from .estimate import Estimate, ItemEstimate
from .forcedexit import ForcedExit, WorkloadFacts, forced_exit
from .governance import ExitTest, Governance, review
from .i18n import N_, _
from .inventory import LoadedInventory
from .legal import NO_SWITCHING_CHARGES
from .lockin import LockInScores, score_all
from .model import Gap, Resource
from .moments import Day
from .orgfacts import DocumentReference, ExitTrigger, OrganisationType
from .requirements import Trace, select_frameworks, trace
from .risks import Facts, Risk, assess
from .schedule import Schedule, foundations, schedule, stores_apart
from .separation import Separation
from .summary import Summary, summarise
from .target import LandingZone
from .threepoint import Total, combine, total
from .waves import RULES as WAVE_RULES
from .waves import wave_of
from .why import explain

CRITICALITY_ORDER = ("high", "medium", "low")
# Criticalities and groupings are keys: the CSV holds them, and a workload's manual section
# is named by its grouping. The templates show them translated (`_(w.criticality)`).
_LABELS = (
    N_("high"), N_("medium"), N_("low"), N_("not tagged"),
    N_("application tag"), N_("resource group"), N_("account"),
)  # fmt: skip
_CRITICALITY_ALIASES = {
    "critical": "high",
    "hoog": "high",
    "high": "high",
    "important": "high",
    "medium": "medium",
    "midden": "medium",
    "middel": "medium",
    "moderate": "medium",
    "low": "low",
    "laag": "low",
}


class PlanMeta(BaseModel):
    """What the organisation records about its plan; read from `--meta FILE`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    organisation: str | None = None
    plan_owner: str | None = None
    approved_by: str | None = None
    approved_on: Day | None = None
    last_tested: Day | None = None
    test_method: str | None = None
    review_interval_months: Annotated[int, Strict()] = Field(12, ge=1, le=36)
    critical_functions: list[str] = []
    contracts: list[Annotated[Contract, BeforeValidator(contract_entry)]] = Field(
        [], description="contracts or agreements the plan covers"
    )
    recovery_objectives: dict[
        Annotated[str, Field(min_length=1)], Annotated[int, Strict(), Field(ge=0, le=3650)]
    ] = Field(
        {},
        description="recovery time objective in days, by workload name: the forced exit "
        "says which are met",
    )
    tests: list[ExitTest] = Field(
        [], description="tests of the exit plan: date, method, scope, result, evidence, findings"
    )
    organisation_type: OrganisationType | None = Field(
        None, description="decides the legal frameworks the plan answers by default"
    )
    personal_data: StrictBool | None = Field(
        None, description="the estate holds personal data (AVG/GDPR)"
    )
    public_records: StrictBool | None = Field(
        None, description="the estate holds public records (Archiefwet)"
    )
    contracting_authority: StrictBool | None = Field(
        None, description="public procurement law binds the organisation (default: public bodies)"
    )
    exit_triggers: list[ExitTrigger] = Field(
        [], description="measurable indicators that start the exit"
    )
    business_continuity_plan: DocumentReference | None = None
    dpia: DocumentReference | None = Field(None, description="the DPIA of the move")
    procurement: Annotated[str, Field(min_length=1, max_length=500)] | None = Field(
        None, description="how the target is procured, e.g. a European tender"
    )


@dataclass(frozen=True)
class Workload:
    name: str
    grouped_by: str  # "application tag", "resource group" or "account"
    criticality: str  # high, medium, low or "not tagged"
    owners: tuple[str, ...]
    environments: tuple[str, ...]
    providers: tuple[str, ...]
    resources: int
    unmapped: int
    categories: tuple[str, ...]
    data_bytes: int
    effort: Total
    wave: int


@dataclass(frozen=True)
class Wave:
    number: int
    name: str
    rule: str
    workloads: tuple[Workload, ...]
    new_platforms: tuple[str, ...]  # categories whose target platform this wave stands up
    effort: Total
    weeks: Total


@dataclass(frozen=True)
class WorkloadShare:
    """The part of one workload that falls in one category."""

    workload: str
    accounts: tuple[str, ...]
    locations: tuple[str, ...]
    resources: int
    data_bytes: int


@dataclass(frozen=True)
class StructuralRow:
    """Configuration of one kind, rebuilt with the service it belongs to."""

    entry: Structural
    moves_with: Category | None  # None: the landing zone (accounts, projects, groups)
    native_types: tuple[tuple[str, int], ...]
    resources: int
    effort: Total


@dataclass(frozen=True)
class CategoryRow:
    category: Category
    alternative: Alternative
    provider: Provider | None  # where it runs: the alternative's, or the landing zone's
    hosting: Hosting
    reason: str
    strategy: str
    native_types: tuple[tuple[str, int], ...]
    resources: int
    data_bytes: int
    effort: Total
    others: tuple[Alternative, ...]  # the other candidates, best-first
    excluded: tuple[Exclusion, ...]  # left out by the constraints, and why
    met: bool  # False: nothing met the constraints; the catalogue's first is shown
    workloads: tuple[WorkloadShare, ...]
    items: tuple[tuple[str, ItemEstimate], ...]  # (workload, item), by workload and id
    configuration: tuple[StructuralRow, ...]  # rebuilt with this category's service
    candidates: tuple[Alternative, ...] = ()  # those that met the constraints, best first

    @property
    def self_hosted(self) -> bool:
        return self.hosting is Hosting.SELF_HOSTED


@dataclass(frozen=True)
class UnmappedType:
    provider: str
    type: str
    resources: tuple[Resource, ...]
    effort: Total


@dataclass(frozen=True)
class ProviderSummary:
    provider: str
    accounts: int
    locations: int  # distinct regions, zones and 'global' as the inventory names them
    resources: int
    mapped: int  # to a service category
    structural: int  # configuration that moves with its parent
    unmapped: int
    data_bytes: int


@dataclass(frozen=True)
class Plan:
    meta: PlanMeta
    as_of: dt.date
    next_review: dt.date
    loaded: LoadedInventory
    providers: tuple[ProviderSummary, ...]
    accounts: tuple[tuple[str, str, int, int], ...]  # provider, account, resources, unmapped
    total_resources: int
    mapped: int  # resources of a service category
    structural: int  # configuration that moves with its parent
    unmapped: int
    categories: tuple[CategoryRow, ...]
    structural_rows: tuple[StructuralRow, ...]
    chosen_providers: tuple[Provider, ...]  # behind the chosen alternatives, by name
    unmapped_types: tuple[UnmappedType, ...]
    gaps: tuple[Gap, ...]
    workloads: tuple[Workload, ...]
    waves: tuple[Wave, ...]
    risks: tuple[Risk, ...]
    estimate: Estimate
    strategies: tuple[tuple[str, int], ...]
    catalogue_verified: dt.date
    item_workloads: tuple[str, ...]  # the workload of each of estimate.items, in order
    outcome: Outcome | None = None  # the scenario planned, with its target and figures
    comparison: Comparison | None = None
    separations: tuple[Separation, ...] = ()  # related resources the target splits
    platforms: tuple[Choice, ...] = ()  # built to run self-hosted choices on
    lock_in: LockInScores | None = None
    forced_exit: ForcedExit | None = None
    schedule: Schedule | None = None  # the waves and contracts on a calendar
    governance: Governance | None = None  # the metadata checked against the estate
    arrangements: tuple[Arrangement, ...] = ()  # an exit plan per contract
    requirements: Trace | None = None  # what the plan answers, per selected framework
    localised: Localised | None = None  # another language than English: what is still English
    # The estate's earlier inventories from the history store (--store), oldest first, and
    # this one: (inventory date, resources) each; empty without a store.
    progress: tuple[tuple[dt.date, int], ...] = ()

    @cached_property
    def why(self) -> dict[str, str]:
        """Why each category's alternative was chosen, by category id."""
        zone = self.landing_zone
        primary = zone.provider.id if zone else None
        return {row.category.id: explain(row, primary) for row in self.categories}

    @cached_property
    def summary(self) -> Summary:
        """The management summary and the decisions asked of the reader."""
        return summarise(self)

    @property
    def landing_zone(self) -> LandingZone | None:
        return self.outcome.target.landing_zone if self.outcome else None

    @property
    def off_primary(self) -> tuple[CategoryRow, ...]:
        """Categories on another provider than the landing zone's."""
        zone = self.landing_zone
        return tuple(
            row
            for row in self.categories
            if row.provider is not None and (zone is None or row.provider.id != zone.provider.id)
        )

    @property
    def binding_separations(self) -> tuple[Separation, ...]:
        return tuple(s for s in self.separations if s.binding)

    @property
    def calls_across(self) -> tuple[Separation, ...]:
        return tuple(s for s in self.separations if not s.binding)

    @property
    def constraints_given(self) -> tuple[str, ...]:
        if self.outcome is None:
            return ()
        return tuple(f"{name}: {value}" for name, value in self.outcome.target.constraints.given())

    @property
    def left_out_text(self) -> tuple[str, ...]:
        if self.comparison is None:
            return ()
        return tuple(f"{p} ({share:.0%})" for p, share in self.comparison.left_out)

    @property
    def uncovered(self) -> tuple[str, ...]:
        """Workloads no contract covers; none when no contract is recorded."""
        return uncovered(self.arrangements, [w.name for w in self.workloads])

    @property
    def switching_charges_apply(self) -> bool:
        return self.as_of < NO_SWITCHING_CHARGES.day

    @property
    def still_english(self) -> StillEnglish | None:
        """What of a plan in another language is still in English: catalogue texts not
        translated yet, and runbooks whose playbook is not. None: nothing, or English."""
        shown = [
            *(("categories", r.category.id, r.category.name) for r in self.categories),
            *(("alternatives", r.alternative.id, r.alternative.name) for r in self.categories),
            *(("structural", r.entry.id, r.entry.name) for r in self.structural_rows),
            *(("providers", p.id, p.name) for p in self.chosen_providers),
        ]
        playbooks = [(r.category.playbook, r.category.name) for r in self.categories]
        return still_english(self.localised, shown, playbooks)

    @property
    def mapped_share(self) -> float:
        """The share of resources the catalogue knows: a service or its configuration."""
        known = self.mapped + self.structural
        return known / self.total_resources if self.total_resources else 1.0


def criticality(resource: Resource) -> str:
    value = resource.tags.get("criticality", "").strip().lower()
    return _CRITICALITY_ALIASES.get(value, "not tagged")


def workload_of(resource: Resource) -> tuple[str, str]:
    tags = resource.tags
    for key in ("application", "app", "workload"):
        name = tags.get(key)
        if name:
            return name, "application tag"
    if resource.resource_group:
        return resource.resource_group, "resource group"
    return f"{resource.provider}:{resource.account}", "account"


def build_plan(
    loaded: LoadedInventory,
    est: Estimate,
    catalogue: Catalogue,
    meta: PlanMeta,
    *,
    outcome: Outcome | None = None,
    comparison: Comparison | None = None,
    separations: tuple[Separation, ...] = (),
    start: dt.date | None = None,
    frameworks: Sequence[str] = (),
) -> Plan:
    """`start`: the day the work starts, by default the inventory's. `frameworks`: those
    named with --framework; none: the organisation type's."""
    inventory = loaded.inventory
    items = est.items
    as_of = inventory.scan.finished_at.astimezone(dt.timezone.utc).date()

    keys = [workload_of(item.mapping.resource) for item in items]
    workloads = _workloads(items, keys)
    platforms = outcome.target.platforms if outcome else ()
    first = foundations(catalogue.placement, (p.category.id for p in platforms))
    waves = _waves(workloads, est, first)
    # The property, spelled out: this runs once per resource, 100,000 times in a large estate.
    unmapped_items = [
        item for item in items if item.mapping.choice is None and item.mapping.structure is None
    ]
    structural = _structural_rows(items, catalogue)
    categories = _category_rows(items, keys, catalogue, structural)
    chosen = {row.provider.id: row.provider for row in categories if row.provider}
    for platform in platforms:
        held = catalogue.providers.get(platform.provider or "")
        if held is not None:
            chosen[held.id] = held
    strategies = Counter(item.strategy for item in items)
    accounts = _accounts(items)
    checked = review(meta, as_of, workloads, [(p, a) for p, a, _n, _u in accounts])
    criticalities = {(w.name, w.grouped_by): w.criticality for w in workloads}
    lock_in = score_all(items, keys, criticalities, est.profile)
    facts = [
        WorkloadFacts(
            w.name, w.grouped_by, w.criticality, w.data_bytes, w.effort.mean, w.categories
        )
        for w in workloads
    ]
    placed: Counter[tuple[str, str, str]] = Counter(
        (name, item.mapping.resource.provider, item.mapping.resource.account)
        for (name, _grouping), item in zip(keys, items, strict=True)
    )
    dated = schedule(
        waves,
        start or as_of,
        est.profile,
        meta.contracts,
        comparison.current if comparison else None,
        outcome.run.total if outcome else None,
        placed,
    )
    apart = stores_apart(
        items,
        [name for name, _ in keys],
        {w.name: w.wave for w in workloads},
        catalogue.placement.with_consumers,
    )
    return Plan(
        meta=meta,
        as_of=as_of,
        next_review=checked.next_review,
        loaded=loaded,
        providers=_provider_summaries(items, accounts),
        accounts=accounts,
        total_resources=len(items),
        mapped=sum(row.resources for row in categories),
        structural=sum(row.resources for row in structural),
        unmapped=len(unmapped_items),
        categories=categories,
        structural_rows=structural,
        chosen_providers=tuple(sorted(chosen.values(), key=lambda p: (p.name, p.id))),
        unmapped_types=_unmapped_types(unmapped_items),
        gaps=tuple(inventory.gaps),
        workloads=workloads,
        waves=waves,
        risks=assess(Facts(inventory.gaps, items, unmapped_items, workloads, est)) + checked.risks,
        estimate=est,
        strategies=tuple(sorted(strategies.items())),
        item_workloads=tuple(name for name, _ in keys),
        catalogue_verified=_oldest_fact(catalogue, as_of),
        outcome=outcome,
        comparison=comparison,
        separations=separations,
        platforms=platforms,
        lock_in=lock_in,
        forced_exit=forced_exit(facts, items, keys, est, lock_in, meta.recovery_objectives),
        schedule=replace(dated, apart=apart),
        governance=checked,
        arrangements=arrangements(dated, placed),
        requirements=trace(
            meta, select_frameworks(frameworks, meta.organisation_type), bool(frameworks)
        ),
        localised=catalogue.localised,
    )


def _oldest_fact(catalogue: Catalogue, default: dt.date) -> dt.date:
    dates = [p.last_verified for p in catalogue.providers.values()]
    dates += [a.last_verified for c in catalogue.categories.values() for a in c.alternatives]
    return min(dates, default=default)


def _workloads(
    items: Sequence[ItemEstimate], keys: Sequence[tuple[str, str]]
) -> tuple[Workload, ...]:
    groups: dict[tuple[str, str], list[ItemEstimate]] = defaultdict(list)
    for key, item in zip(keys, items, strict=True):
        groups[key].append(item)
    levels_of: dict[str, str] = {}  # a criticality tag's value -> its level
    workloads = []
    for (name, grouped_by), members in sorted(groups.items()):
        # One pass over the members for every figure: at 100k resources this runs for
        # each of thousands of workloads.
        levels: set[str] = set()
        owners: set[str | None] = set()
        environments: set[str | None] = set()
        providers: set[str] = set()
        categories: set[str] = set()
        unmapped = data_bytes = 0
        for item in members:
            resource = item.mapping.resource
            tags = resource.tags
            tag = tags.get("criticality", "")
            level = levels_of.get(tag)
            if level is None:
                level = levels_of[tag] = criticality(resource)
            levels.add(level)
            owners.add(tags.get("owner"))
            environments.add(tags.get("environment"))
            providers.add(resource.provider)
            choice = item.mapping.choice
            if choice is not None:
                categories.add(choice.category.id)
            elif item.mapping.structure is None:
                unmapped += 1
            data_bytes += item.data_bytes
        crit = next((level for level in CRITICALITY_ORDER if level in levels), "not tagged")
        workloads.append(
            Workload(
                name=name,
                grouped_by=grouped_by,
                criticality=crit,
                owners=_distinct(owners),
                environments=_distinct(environments),
                providers=_distinct(providers),
                resources=len(members),
                unmapped=unmapped,
                categories=_distinct(categories),
                data_bytes=data_bytes,
                effort=total(item.effort for item in members),
                wave=wave_of(crit, unmapped),
            )
        )
    return tuple(workloads)


def _distinct(values: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(sorted({v for v in values if v}))


def _waves(workloads: Sequence[Workload], est: Estimate, first: frozenset[str]) -> tuple[Wave, ...]:
    """The waves of the rules, after a wave 0 that builds the platforms of the foundations
    (`first`) the target needs."""
    platform_effort = {p.category.id: p.effort for p in est.platforms}
    # The platform is built first; the data on it moves with each workload, in its wave.
    built = {p.category.id for p in est.platforms if p.category.id in first}
    # Platforms no workload uses directly (the Kubernetes a self-hosted service runs on)
    # are built with the first wave: what comes after runs on them.
    used = {c for w in workloads for c in w.categories}
    underneath = sorted(set(platform_effort) - used)
    waves: list[Wave] = []
    week = est.profile.capacity * est.profile.working_days_per_week
    if built:
        effort = total(platform_effort[c] for c in sorted(built))
        reason = _("built before any wave: every workload runs on it")
        waves.append(
            Wave(
                0,
                _("Foundations"),
                reason,
                (),
                tuple(sorted(built)),
                effort,
                effort.scaled(1 / week),
            )
        )
    for rule in WAVE_RULES:
        members = tuple(w for w in workloads if w.wave == rule.number)
        if not members:
            continue
        categories = sorted({c for w in members for c in w.categories} - built)
        if not any(w.workloads for w in waves):
            categories = sorted({*categories, *underneath} - built)
        built.update(categories)
        effort = combine(
            [w.effort for w in members] + [total(platform_effort[c] for c in categories)]
        )
        waves.append(
            Wave(
                rule.number,
                _(rule.name),
                _(rule.reason),
                members,
                tuple(categories),
                effort,
                effort.scaled(1 / week),
            )
        )
    return tuple(waves)


def _provider_summaries(
    items: Sequence[ItemEstimate], accounts: Sequence[tuple[str, str, int, int]]
) -> tuple[ProviderSummary, ...]:
    """From the items and their `_accounts`, which hold every count but the locations."""
    regions: dict[str, set[str]] = defaultdict(set)
    data_bytes: dict[str, int] = defaultdict(int)
    structural: Counter[str] = Counter()
    for item in items:
        resource = item.mapping.resource
        regions[resource.provider].add(resource.region)
        data_bytes[resource.provider] += item.data_bytes
        if item.mapping.structure is not None:
            structural[resource.provider] += 1
    summaries = []
    for provider, rows in groupby(accounts, key=itemgetter(0)):  # sorted by provider
        counts = [(resources, unmapped) for _, _, resources, unmapped in rows]
        resources = sum(n for n, _ in counts)
        unmapped = sum(u for _, u in counts)
        summaries.append(
            ProviderSummary(
                provider=provider,
                accounts=len(counts),
                locations=len(regions[provider]),
                resources=resources,
                mapped=resources - unmapped - structural[provider],
                structural=structural[provider],
                unmapped=unmapped,
                data_bytes=data_bytes[provider],
            )
        )
    return tuple(summaries)


def _accounts(items: Sequence[ItemEstimate]) -> tuple[tuple[str, str, int, int], ...]:
    counts: Counter[tuple[str, str]] = Counter()
    unmapped: Counter[tuple[str, str]] = Counter()
    for item in items:
        key = (item.mapping.resource.provider, item.mapping.resource.account)
        counts[key] += 1
        if item.mapping.choice is None and item.mapping.structure is None:
            unmapped[key] += 1
    return tuple((p, a, n, unmapped[(p, a)]) for (p, a), n in sorted(counts.items()))


def _category_rows(
    items: Sequence[ItemEstimate],
    keys: Sequence[tuple[str, str]],
    catalogue: Catalogue,
    structural: Sequence[StructuralRow],
) -> tuple[CategoryRow, ...]:
    groups: dict[str, list[tuple[str, str, ItemEstimate]]] = defaultdict(list)
    for (workload, _grouping), item in zip(keys, items, strict=True):
        if item.mapping.choice is not None:
            groups[item.mapping.choice.category.id].append(
                (workload, item.mapping.resource.id, item)
            )
    rows = []
    for triples in groups.values():
        triples.sort(key=_BY_WORKLOAD_AND_ID)  # stable: equal keys keep the input's order
        choice = triples[0][2].mapping.choice
        assert choice is not None
        alt = choice.alternative
        members, types, shares = _members(triples)
        rows.append(
            CategoryRow(
                category=choice.category,
                alternative=alt,
                provider=catalogue.providers.get(choice.provider or alt.provider or ""),
                hosting=choice.hosting,
                reason=choice.reason,
                strategy=members[0][1].strategy,
                native_types=tuple(sorted(types.items())),
                resources=len(members),
                data_bytes=sum(share.data_bytes for share in shares),
                effort=total(item.effort for _, item in members),
                others=tuple(a for a in choice.candidates if a.id != alt.id),
                excluded=choice.excluded,
                met=choice.met,
                workloads=shares,
                items=members,
                configuration=tuple(
                    s for s in structural if s.entry.moves_with == choice.category.id
                ),
                candidates=choice.candidates,
            )
        )
    return tuple(sorted(rows, key=lambda row: (row.category.name, row.category.id)))


_BY_WORKLOAD_AND_ID = itemgetter(0, 1)


def _structural_rows(
    items: Sequence[ItemEstimate], catalogue: Catalogue
) -> tuple[StructuralRow, ...]:
    groups: dict[str, list[ItemEstimate]] = defaultdict(list)
    for item in items:
        if item.mapping.structure is not None:
            groups[item.mapping.structure.id].append(item)
    rows = []
    for entry_id, members in sorted(groups.items()):
        entry = catalogue.structural[entry_id]
        types = Counter(item.mapping.resource.type for item in members)
        rows.append(
            StructuralRow(
                entry=entry,
                moves_with=catalogue.categories.get(entry.moves_with),
                native_types=tuple(sorted(types.items())),
                resources=len(members),
                effort=total(item.effort for item in members),
            )
        )
    return tuple(sorted(rows, key=lambda row: (row.entry.name, row.entry.id)))


def _members(
    triples: Sequence[tuple[str, str, ItemEstimate]],
) -> tuple[tuple[tuple[str, ItemEstimate], ...], dict[str, int], tuple[WorkloadShare, ...]]:
    """A category's (workload, item) pairs, its resources by native type, and its part
    of each workload, from its (workload, id, item) triples sorted by workload. One pass:
    at 100k resources a category holds thousands of them in thousands of workloads."""
    members = []
    types: dict[str, int] = {}
    shares = []
    workload = triples[0][0]
    accounts: set[str] = set()
    regions: set[str] = set()
    count = data_bytes = 0

    def share() -> WorkloadShare:
        # Accounts and regions are never empty (see Resource): sorted as `_distinct` would.
        return WorkloadShare(
            workload, tuple(sorted(accounts)), tuple(sorted(regions)), count, data_bytes
        )

    for name, _id, item in triples:
        if name != workload:
            shares.append(share())
            workload, accounts, regions, count, data_bytes = name, set(), set(), 0, 0
        members.append((name, item))
        resource = item.mapping.resource
        types[resource.type] = types.get(resource.type, 0) + 1
        accounts.add(resource.account)
        regions.add(resource.region)
        count += 1
        data_bytes += item.data_bytes
    shares.append(share())
    return tuple(members), types, tuple(shares)


def _unmapped_types(items: Sequence[ItemEstimate]) -> tuple[UnmappedType, ...]:
    groups: dict[tuple[str, str], list[ItemEstimate]] = defaultdict(list)
    for item in items:
        groups[(item.mapping.resource.provider, item.mapping.resource.type)].append(item)
    return tuple(
        UnmappedType(
            provider,
            type_,
            tuple(sorted((i.mapping.resource for i in members), key=lambda r: r.id)),
            total(i.effort for i in members),
        )
        for (provider, type_), members in sorted(groups.items())
    )
