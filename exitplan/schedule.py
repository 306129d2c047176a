"""The plan on a calendar: what must come first and why, each wave's dates from its effort
and the team's capacity, the contracts' notice, transition and retrieval periods, the
providers' free-exit windows, and the cost of running old and new side by side. Pure."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .contracts import (
    DATA_ACT_NOTICE_MONTHS,
    DATA_ACT_RETRIEVAL_DAYS,
    DATA_ACT_TRANSITION_DAYS,
    PROGRAMMES,
    Contract,
    Programme,
)
from .i18n import N_, _
from .inventory import identity, key_of
from .model import Resource

if TYPE_CHECKING:
    from .catalogue import PlacementRules
    from .comparison import CurrentSpend
    from .estimate import ItemEstimate
    from .planning import Wave
    from .profile import Profile

# Beyond this the calendar is no plan anyone can act on, and far before dates overflow:
# a wave that would end later ends here, and the plan says the calendar was cut.
LAST_DAY = dt.date(2200, 1, 1)
_WEEKS_PER_MONTH = 52 / 12


@dataclass(frozen=True)
class Dependency:
    first: str  # marked N_, as are the others
    then: str
    reason: str


# What orders the work. The foundations are the categories `foundations` returns; the rest
# follows from how workloads are grouped and the wave rules (exitplan/waves.py).
DEPENDENCIES = (
    Dependency(
        N_("landing zone, networks, identity and access, keys and secrets"),
        N_("every wave"),
        N_(
            "every workload runs in the landing zone and reaches its network, identities, "
            "keys and secrets there (catalogue placement: servers, with_compute)"
        ),
    ),
    Dependency(
        N_("platforms that self-hosted services run on"),
        N_("every wave"),
        N_("a self-hosted service is installed on its platform"),
    ),
    Dependency(
        N_("a workload's data stores"),
        N_("move in the workload's wave"),
        N_(
            "data stores sit with their consumers (catalogue placement: with_consumers); "
            "apart, every query would cross the network during the move"
        ),
    ),
    Dependency(
        N_("each wave"),
        N_("the next wave"),
        N_("the next wave uses what the less critical one taught"),
    ),
)

# Identity is no placement rule of its own, yet every workload needs it first.
_IDENTITY = "identity-access"


def foundations(placement: PlacementRules, platforms: Iterable[str]) -> frozenset[str]:
    """The categories whose target platform is built before any wave: the landing zone's
    servers, what sits with every compute (disks, networks, keys, secrets), identity, and
    the platforms under self-hosted services (`platforms`)."""
    return frozenset({placement.servers, *placement.with_compute, _IDENTITY, *platforms})


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole months (back when negative), clamped to the month's last day."""
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def working(day: dt.date, per_week: int) -> bool:
    """Work runs Monday first for `per_week` days; the rest of the week is the weekend."""
    return day.weekday() < per_week


def next_working(day: dt.date, per_week: int) -> dt.date:
    while not working(day, per_week):
        day += dt.timedelta(days=1)
    return day


def span(start: dt.date, days: int, per_week: int) -> tuple[dt.date, dt.date]:
    """The first and last day of `days` working days from `start` on (at least one), the
    last no later than LAST_DAY."""
    first = next_working(min(start, LAST_DAY), per_week)
    weeks, rest = divmod(max(days, 1) - 1, per_week)
    if weeks > (LAST_DAY - first).days // 7:
        return first, LAST_DAY
    last = first + dt.timedelta(weeks=weeks)
    for _day in range(rest):
        last = next_working(last + dt.timedelta(days=1), per_week)
    return first, min(last, LAST_DAY)


@dataclass(frozen=True)
class DatedWave:
    wave: Wave
    first: dt.date
    last: dt.date
    working_days: int

    @property
    def days(self) -> int:
        """Calendar days, weekends included."""
        return (self.last - self.first).days + 1


@dataclass(frozen=True)
class ContractPeriods:
    contract: Contract
    cut_over: dt.date  # the end of the last wave the contract's provider serves
    notice_by: dt.date
    notice: str  # as the plan writes the period, with where it came from
    transition: tuple[dt.date, dt.date]
    retrieval: tuple[dt.date, dt.date]
    defaults: tuple[str, ...]  # fields the contract left to the Data Act
    notes: tuple[str, ...]


@dataclass(frozen=True)
class ProgrammeWindow:
    programme: Programme
    request_by: dt.date
    first: dt.date
    last: dt.date


@dataclass(frozen=True)
class ParallelRun:
    wave: Wave
    weeks: float
    old_per_month: float | None  # None: no spend given
    new_per_month: float | None  # None: no target run cost
    unknown: tuple[str, ...]  # workloads with no spend of their own: given a share

    @property
    def cost(self) -> float:
        """What is known of both sides, for the overlap."""
        monthly = (self.old_per_month or 0.0) + (self.new_per_month or 0.0)
        return monthly * self.weeks / _WEEKS_PER_MONTH


@dataclass(frozen=True)
class StoreApart:
    """A data store that moves in another wave than a workload that uses it."""

    store: Resource
    store_workload: str
    store_wave: int
    consumer: Resource
    consumer_workload: str
    consumer_wave: int


def stores_apart(
    items: Sequence[ItemEstimate],
    workloads: Sequence[str],
    waves: Mapping[str, int],
    data_stores: Iterable[str],
) -> tuple[StoreApart, ...]:
    """Every `uses` relation from a resource to a data store (a category of `data_stores`,
    the catalogue's placement.with_consumers) whose workloads move in different waves.
    `workloads`: each item's workload, in order; `waves`: each workload's wave."""
    stores = frozenset(data_stores)
    wanted = {
        key_of(item.mapping.resource.provider, other)
        for item in items
        for other in (item.mapping.resource.relations or {}).get("uses", ())
    }
    if not wanted:
        return ()
    index: dict[tuple[str, str], tuple[Resource, str]] = {}
    for item, workload in zip(items, workloads, strict=True):
        choice = item.mapping.choice
        key = identity(item.mapping.resource)
        if key in wanted and choice is not None and choice.category.id in stores:
            index[key] = (item.mapping.resource, workload)
    found = []
    for item, workload in zip(items, workloads, strict=True):
        consumer = item.mapping.resource
        for other in (consumer.relations or {}).get("uses", ()):
            hit = index.get(key_of(consumer.provider, other))
            if hit is not None and waves[hit[1]] != waves[workload]:
                store, owner = hit
                found.append(
                    StoreApart(store, owner, waves[owner], consumer, workload, waves[workload])
                )
    found.sort(key=lambda a: (a.store.id, a.consumer.id))
    return tuple(found)


@dataclass(frozen=True)
class Schedule:
    start: dt.date
    capacity: float  # person-days a working day
    waves: tuple[DatedWave, ...]
    contracts: tuple[ContractPeriods, ...]
    programmes: tuple[ProgrammeWindow, ...]
    parallel: tuple[ParallelRun, ...]
    currency: str
    spend_known: bool  # today's spend per workload is known, in the plan's currency
    apart: tuple[StoreApart, ...] = ()  # data stores not in the wave of a consumer

    @property
    def dependencies(self) -> tuple[tuple[str, str, str], ...]:
        """What must come first, what follows, and why, as the plan states them."""
        return tuple((_(d.first), _(d.then), _(d.reason)) for d in DEPENDENCIES)

    @property
    def cut_short(self) -> bool:
        """Whether the waves would run past LAST_DAY, where the calendar stops."""
        return bool(self.waves) and self.waves[-1].last >= LAST_DAY

    @property
    def end(self) -> dt.date:
        return self.waves[-1].last if self.waves else self.start

    @property
    def parallel_cost(self) -> float:
        return sum(p.cost for p in self.parallel)


def schedule(
    waves: Sequence[Wave],
    start: dt.date,
    profile: Profile,
    contracts: Sequence[Contract],
    current: CurrentSpend | None = None,
    run_per_month: float | None = None,
    placed: Mapping[tuple[str, str, str], int] | None = None,
) -> Schedule:
    """Waves one after another from `start`, each as long as its expected effort takes the
    team; contracts and programmes placed against the last wave their provider serves.
    `run_per_month`: the target's known run cost, shared out over waves by resources;
    `placed`: resources per (workload, provider, account), to share out spend no workload
    is named for and to find the last wave of a contract's accounts."""
    per_week = profile.working_days_per_week
    dated = []
    day = start
    for wave in waves:
        days = max(1, math.ceil(wave.effort.mean / profile.capacity))
        first, last = span(day, days, per_week)
        dated.append(DatedWave(wave, first, last, days))
        day = last + dt.timedelta(days=1)
    placed = placed or {}
    ends = _provider_ends(dated)
    return Schedule(
        start=start,
        capacity=profile.capacity,
        waves=tuple(dated),
        contracts=tuple(_periods(c, _cut_over(c, dated, placed, start), start) for c in contracts),
        programmes=tuple(_window(PROGRAMMES[p], e) for p, e in ends.items() if p in PROGRAMMES),
        parallel=_parallel(waves, profile, current, run_per_month, placed),
        currency=profile.currency,
        spend_known=current is not None and current.comparable,
    )


def _provider_ends(dated: Sequence[DatedWave]) -> dict[str, dt.date]:
    """Per provider of the estate, the last day of the last wave that moves from it."""
    ends: dict[str, dt.date] = {}
    for entry in dated:
        for workload in entry.wave.workloads:
            for provider in workload.providers:
                ends[provider] = entry.last
    return dict(sorted(ends.items()))


def _cut_over(
    contract: Contract,
    dated: Sequence[DatedWave],
    placed: Mapping[tuple[str, str, str], int],
    start: dt.date,
) -> tuple[dt.date, str | None]:
    """The last day of the last wave that moves from the contract's accounts (or, naming
    none, its provider; or, naming neither, the estate), and what was not found."""
    end = dated[-1].last if dated else start
    wanted = set(contract.accounts)
    if wanted:
        names = {w for (w, p, a) in placed if contract.covers(p, a)}
        found = [d.last for d in dated if any(w.name in names for w in d.wave.workloads)]
        if found:
            return found[-1], None
        missing = _("no workload is in the accounts named: placed against the last wave")
    elif contract.provider is None:
        missing = None
    else:
        found = [
            d.last for d in dated if any(contract.provider in w.providers for w in d.wave.workloads)
        ]
        if found:
            return found[-1], None
        missing = _("no workload is on this provider: placed against the last wave")
    return end, missing


def _periods(
    contract: Contract, cut: tuple[dt.date, str | None], start: dt.date
) -> ContractPeriods:
    cut_over, missing = cut
    defaults = []
    transition_days = contract.transition_days
    if transition_days is None:
        transition_days = DATA_ACT_TRANSITION_DAYS
        defaults.append("transition_days")
    retrieval_days = contract.retrieval_days
    if retrieval_days is None:
        retrieval_days = DATA_ACT_RETRIEVAL_DAYS
        defaults.append("retrieval_days")
    # The service continues through the transition: the last wave cuts over on its last day.
    transition = (cut_over - dt.timedelta(days=transition_days - 1), cut_over)
    retrieval = (cut_over + dt.timedelta(days=1), cut_over + dt.timedelta(days=retrieval_days))
    before = transition[0] - dt.timedelta(days=1)  # the notice period's last day
    if contract.notice_days is None:
        defaults.append("notice_days")
        notice_by = add_months(before, -DATA_ACT_NOTICE_MONTHS) + dt.timedelta(days=1)
        notice = _("{months} months (the Data Act's longest, Art. 25(2)(d))").format(
            months=DATA_ACT_NOTICE_MONTHS
        )
    else:
        notice_by = before - dt.timedelta(days=contract.notice_days - 1)
        notice = _("{days} days").format(days=contract.notice_days)
    notes = [missing] if missing else []
    if notice_by < start:
        notes.append(_("notice is due before the plan starts: give it at once or move the waves"))
    if contract.end_date is not None and contract.end_date < retrieval[1]:
        notes.append(
            _("the contract ends on {day}, before the retrieval period does: extend it").format(
                day=contract.end_date.isoformat()
            )
        )
    if defaults:
        notes.append(
            _("the Data Act's bound for what the contract does not say: {fields}").format(
                fields=", ".join(defaults)
            )
        )
    if retrieval_days < DATA_ACT_RETRIEVAL_DAYS:
        notes.append(
            _("a retrieval period under {days} days falls short of Art. 25(2)(g)").format(
                days=DATA_ACT_RETRIEVAL_DAYS
            )
        )
    return ContractPeriods(
        contract, cut_over, notice_by, notice, transition, retrieval, tuple(defaults), tuple(notes)
    )


def _window(programme: Programme, end: dt.date) -> ProgrammeWindow:
    """The free period ending with the provider's last wave, and the latest request."""
    first = end - dt.timedelta(days=programme.days - 1)
    return ProgrammeWindow(programme, first - dt.timedelta(days=programme.lead_days), first, end)


def _parallel(
    waves: Sequence[Wave],
    profile: Profile,
    current: CurrentSpend | None,
    run_per_month: float | None,
    placed: Mapping[tuple[str, str, str], int],
) -> tuple[ParallelRun, ...]:
    resources = sum(w.resources for wave in waves for w in wave.workloads)
    # Spend in another currency than the run cost's is not added to it: no rate is applied.
    today = _Today(current, placed) if current and current.comparable else None
    runs = []
    for wave in waves:
        if not wave.workloads:
            continue
        share = sum(w.resources for w in wave.workloads) / resources
        old = None if today is None else sum(today.of(w.name) for w in wave.workloads)
        # Without spend at all the plan says so once, not per workload.
        shared = (
            () if today is None else tuple(w.name for w in wave.workloads if today.shared(w.name))
        )
        new = run_per_month * share if run_per_month is not None else None
        runs.append(ParallelRun(wave, profile.parallel_run_weeks, old, new, shared))
    return tuple(runs)


class _Today:
    """Today's spend per workload: its own where the cost exports name it; else its part,
    by resources, of the spend no workload is named for, on each provider it uses. That
    spend on a provider is taken as the provider's spend times the unnamed share of all
    spend: the exports do not tell it per provider."""

    def __init__(self, current: CurrentSpend, placed: Mapping[tuple[str, str, str], int]) -> None:
        self.own = {name: amount for name, amount in current.by_workload if name}
        unnamed = dict(current.by_workload).get("", 0.0)
        ratio = unnamed / current.per_month if current.per_month else 0.0
        self.placed: dict[tuple[str, str], int] = {}
        for (name, provider, _account), count in placed.items():
            key = (name, provider)
            self.placed[key] = self.placed.get(key, 0) + count
        self.unnamed = {p: amount * ratio for p, amount in current.by_provider}
        self.counts: dict[str, int] = {}
        for (name, provider), count in self.placed.items():
            if name not in self.own:
                self.counts[provider] = self.counts.get(provider, 0) + count

    def shared(self, name: str) -> bool:
        return name not in self.own

    def of(self, name: str) -> float:
        if name in self.own:
            return self.own[name]
        return sum(
            self.unnamed.get(provider, 0.0) * count / self.counts[provider]
            for (workload, provider), count in self.placed.items()
            if workload == name
        )
