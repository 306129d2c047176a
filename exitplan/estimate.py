"""The effort model: a three-point estimate per resource, each with the rules that made it,
plus fixed platform and programme effort, data volumes, transfer time and egress. Pure."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from collections.abc import Mapping as Map
from dataclasses import dataclass, field

from .catalogue import Category, Compatibility, Entry, Hosting, Structural
from .constraints import Choice
from .i18n import _
from .licences import Licence, LicenceGroup, grouped, licence_words, licences_of
from .mapping import Mapping
from .model import Resource
from .profile import ExchangeRate, Profile
from .ranges import Correlation, Part, percentiles, simulate, spread_share
from .replicas import may_be_replica, replica_sources
from .threepoint import ThreePoint, Total, combine
from .untrusted import visible

TIB = 1024**4

STRATEGY = {
    Compatibility.DROP_IN: "rehost",
    Compatibility.COMPATIBLE: "replatform",
    Compatibility.PARTIAL: "replatform",
    Compatibility.DIFFERENT: "refactor",
}
UNDECIDED = "undecided"  # no alternative known: retain, repurchase, retire or rebuild
CONFIGURATION = "configuration"  # structural: rebuilt as configuration of its parent


@dataclass(frozen=True, slots=True)
class ItemEstimate:
    mapping: Mapping
    strategy: str
    effort: ThreePoint
    rules: str  # how the figure was made, naming the profile rules
    data_bytes: int  # what must move: stored bytes of a data-bearing or unmapped resource
    replica_of: str | None = None  # E-REPLICA: the primary it is rebuilt from, not copied


@dataclass(frozen=True, slots=True)
class PlatformEstimate:
    category: Category
    effort: ThreePoint
    hosting: Hosting = Hosting.MANAGED  # self-hosted: built and run by the organisation
    operating_fte: float = 0.0  # people to run it once built (E-OPERATE), self-hosted only
    rule: str = "E-PLATFORM"


@dataclass(frozen=True, slots=True)
class Transfer:
    bytes: int
    days: ThreePoint  # calendar days of transfer at the profile's bandwidth


@dataclass(frozen=True, slots=True)
class Egress:
    provider: str
    bytes: int
    usd: float  # at list price, in the price list's currency (`currency`)
    source: str
    currency: str = "USD"
    amount: float = 0.0  # in the plan's currency
    rate: ExchangeRate | None = None  # E-RATE; None where the currencies are the same


@dataclass(frozen=True)
class Estimate:
    items: tuple[ItemEstimate, ...]
    platforms: tuple[PlatformEstimate, ...]
    resources: Total
    platform: Total
    programme: ThreePoint
    effort: Total  # person-days, everything
    cost: Total  # effort times the day rate
    calendar_weeks: Total  # effort spread over the team
    transfer: Transfer
    egress: tuple[Egress, ...]
    profile: Profile
    replicas: tuple[ItemEstimate, ...] = ()  # E-REPLICA: rebuilt from their primary
    licences: tuple[Licence, ...] = ()  # E-LICENCE: licensed software found, with its basis
    unknown_share: float = 0.0  # of the effort's P90 - P50 spread, carried by unknowns

    @property
    def unknowns_dominate(self) -> bool:
        return self.unknown_share > self.profile.correlation.unknowns_dominate

    @property
    def operating_fte(self) -> float:
        return sum(p.operating_fte for p in self.platforms)

    @property
    def licence_groups(self) -> tuple[LicenceGroup, ...]:
        return grouped(self.licences)

    @property
    def licence_rules(self) -> tuple[LicenceGroup, ...]:
        """One group per product found, for the products' notes."""
        groups = self.licence_groups
        return tuple(g for i, g in enumerate(groups) if i == 0 or groups[i - 1].id != g.id)

    @property
    def exchange_rates(self) -> tuple[tuple[str, ExchangeRate], ...]:
        """The rates egress was converted at (E-RATE), once per currency."""
        return tuple(sorted({e.currency: e.rate for e in self.egress if e.rate}.items()))


def _carries_data(mapping: Mapping) -> bool:
    """Whether a resource's stored bytes must move. Configuration is rebuilt, not copied,
    and snapshots and images of data that moves anyway are made anew at the target; a
    child that holds its parent's data (a table) carries it."""
    if mapping.structure is not None:
        return mapping.structure.data_bearing
    return mapping.choice is None or mapping.choice.category.data_bearing


@dataclass(slots=True)
class _Group:
    """Resources that share one basis (a category, structural entry or unmapped type, in or
    out of production): their effort adds up from the count and the data they hold."""

    basis: ThreePoint
    count: int = 0
    tib: float = 0.0
    tib_squared: float = 0.0


def _group_total(groups: Iterable[_Group], per_tib: ThreePoint) -> Total:
    """The sum of every resource's three-point effort (basis + per_tib x its TiB), as the
    sum of independent items: means add, variances add. From counts and sums, so that a
    scenario's total costs one pass over the groups, not over 100,000 resources. Its
    percentiles come from `_effort`'s simulation."""
    o = m = p = mean = var = 0.0
    span_slope = (per_tib.p - per_tib.o) / 6
    for g in groups:
        b = g.basis
        o += g.count * b.o + g.tib * per_tib.o
        m += g.count * b.m + g.tib * per_tib.m
        p += g.count * b.p + g.tib * per_tib.p
        mean += g.count * b.mean + g.tib * per_tib.mean
        span = (b.p - b.o) / 6
        var += g.count * span**2 + 2 * span * span_slope * g.tib + span_slope**2 * g.tib_squared
    return Total(o, m, p, mean, math.sqrt(max(var, 0.0)))


@dataclass(frozen=True)
class EstateGroups:
    """What every scenario's estimate shares: the resources grouped by what they are, the
    data that must move. Made once, priced per scenario by `scenario_effort`."""

    groups: Map[tuple[str, str, bool], _Group]  # kind, id, non-production -> stats
    data_bytes: int
    bytes_by_provider: Map[str, int]
    replicas: Map[str, str] = field(default_factory=dict)  # replica id -> primary id


class _Data:
    """The bytes that must move, in total, per provider, and per group."""

    def __init__(self) -> None:
        self.total = 0
        self.by_provider: dict[str, int] = defaultdict(int)

    def add(self, resource: Resource, group: _Group) -> None:
        size = resource.size_bytes
        if size:
            self.total += size
            self.by_provider[resource.provider] += size
            tib = size / TIB
            group.tib += tib
            group.tib_squared += tib * tib


def group_estate(
    resources: Sequence[Resource], entries: Sequence[Entry | None], profile: Profile
) -> EstateGroups:
    """Grouped by category, structural entry or unmapped type (`entries`, one per
    resource, as `mapping.classify_all` gives them); the choice does not matter."""
    env_tag = profile.environment_tag
    non_production_values = frozenset(v.lower() for v in profile.non_production_values)
    groups: dict[tuple[str, str, bool], _Group] = {}
    data = _Data()
    # Data that may be a replica's: its bytes wait until its primary is known (E-REPLICA).
    pending: list[tuple[Resource, _Group]] = []
    # At 100,000 resources a few dozen environments and a few hundred (entry or type,
    # environment) pairs recur: each is worked out once.
    non_production_of: dict[str | None, bool] = {None: False}
    found: dict[tuple[object, bool], tuple[_Group, bool]] = {}
    for resource, entry in zip(resources, entries, strict=True):
        environment = resource.tags.get(env_tag)
        non_production = non_production_of.get(environment)
        if non_production is None:
            non_production = str(environment).lower() in non_production_values
            non_production_of[environment] = non_production
        lookup = (resource.type if entry is None else id(entry), non_production)
        hit = found.get(lookup)
        if hit is None:
            hit = found[lookup] = _group_of(groups, resource, entry, non_production)
        group, carries = hit
        group.count += 1
        if not carries:
            continue
        if may_be_replica(resource):
            pending.append((resource, group))
        else:
            data.add(resource, group)
    replicas = replica_sources([r for r, _ in pending], resources) if pending else {}
    for resource, group in pending:
        if resource.id not in replicas:
            data.add(resource, group)
    return EstateGroups(groups, data.total, dict(data.by_provider), replicas)


def _group_of(
    groups: dict[tuple[str, str, bool], _Group],
    resource: Resource,
    entry: Entry | None,
    non_production: bool,
) -> tuple[_Group, bool]:
    """The group a resource of this entry belongs to, and whether its bytes move."""
    if isinstance(entry, Category):
        key = ("category", entry.id, non_production)
    elif entry is not None:
        key = ("structural", entry.id, non_production)
    else:
        key = ("unmapped", resource.type, non_production)
    group = groups.get(key)
    if group is None:
        group = groups[key] = _Group(ThreePoint(0.0, 0.0, 0.0))
    return group, entry is None or entry.data_bearing


def _key(mapping: Mapping, non_production: bool) -> tuple[str, str, bool]:
    if mapping.choice:
        return ("category", mapping.choice.category.id, non_production)
    if mapping.structure:
        return ("structural", mapping.structure.id, non_production)
    return ("unmapped", mapping.resource.type, non_production)


@dataclass(frozen=True)
class Effort:
    """One scenario's one-time effort, in person-days, and its cost."""

    resources: Total
    platform: Total
    programme: ThreePoint
    effort: Total
    cost: Total
    calendar_weeks: Total
    platforms: tuple[PlatformEstimate, ...]
    unknown_share: float = 0.0  # of the effort's P90 - P50 spread, carried by unknowns


def scenario_effort(
    estate: EstateGroups,
    choices: Map[str, Choice],
    platforms: Sequence[Choice],
    catalogue_structural: Map[str, Structural],
    profile: Profile,
) -> Effort:
    """The effort of moving the estate onto the given choices (per category, and the
    platforms self-hosted choices need), from the estate's groups."""
    priced = {
        key: _Group(
            _basis(*key, choices, catalogue_structural, profile)[1],
            group.count,
            group.tib,
            group.tib_squared,
        )
        for key, group in estate.groups.items()
    }
    return _effort(priced, _platforms(choices, platforms, profile), profile)


def _parts(priced: Map[tuple[str, str, bool], _Group], per_tib: ThreePoint) -> list[Part]:
    """The simulation's parts: each group's resources share the factor of their category,
    structural entry or unmapped type; all data shares one (one rate per TiB)."""
    parts = []
    tib = tib_squared = 0.0
    for (kind, ident, _non_production), group in priced.items():
        mean = group.basis.mean
        parts.append(
            Part(
                f"{kind}:{ident}",
                group.basis,
                group.count * mean,
                math.sqrt(group.count) * mean,
                unknown=kind == "unmapped",
            )
        )
        tib += group.tib
        tib_squared += group.tib_squared
    if tib:
        rate = per_tib.mean
        parts.append(Part("data", per_tib, tib * rate, math.sqrt(tib_squared) * rate))
    return parts


def _basis(
    kind: str,
    ident: str,
    non_production: bool,
    choices: Map[str, Choice],
    structural: Map[str, Structural],
    profile: Profile,
) -> tuple[str, ThreePoint, str]:
    env = f" x E-ENV non-production ({profile.non_production_factor:g})" if non_production else ""
    env_factor = profile.non_production_factor if non_production else 1.0
    if kind == "structural":
        effort = ThreePoint(*structural[ident].effort).scaled(env_factor)
        return CONFIGURATION, effort, f"E-STRUCT {ident}{env}"
    if kind == "unmapped":
        base = ThreePoint(*profile.unknown(ident)).scaled(env_factor)
        if ident in profile.unknown_type_effort:
            return UNDECIDED, base, f"E-UNKNOWN {ident}{env}"
        spread = "/".join(f"{v:g}" for v in profile.unknown_spread)
        return (
            UNDECIDED,
            base,
            # No comma: the rules are a CSV cell, and a plain one keeps the fast writer.
            f"E-BASE default x E-UNKNOWN ({profile.unknown_factor:g}) spread {spread}{env}",
        )
    compat = choices[ident].alternative.compatibility
    factor = profile.compatibility_factor[compat]
    base = ThreePoint(*profile.base(ident)).scaled(factor * env_factor)
    key = ident if ident in profile.base_effort else "default"
    return STRATEGY[compat], base, f"E-BASE {key} x E-COMPAT {compat.value} ({factor:g}){env}"


def _platforms(
    choices: Map[str, Choice], platforms: Sequence[Choice], profile: Profile
) -> tuple[PlatformEstimate, ...]:
    """Once per category: standing up the provider's managed service (E-PLATFORM), or
    building a platform to run yourself (E-SELFHOST) and the people to run it
    (E-OPERATE)."""
    found = []
    for choice in sorted((*choices.values(), *platforms), key=lambda c: c.category.id):
        cid = choice.category.id
        if choice.hosting is Hosting.SELF_HOSTED:
            found.append(
                PlatformEstimate(
                    choice.category,
                    ThreePoint(*profile.self_hosted(cid)),
                    Hosting.SELF_HOSTED,
                    profile.operating(cid),
                    "E-SELFHOST",
                )
            )
        else:
            found.append(PlatformEstimate(choice.category, ThreePoint(*profile.platform(cid))))
    return tuple(found)


def _effort(
    priced: Map[tuple[str, str, bool], _Group],
    platforms: tuple[PlatformEstimate, ...],
    profile: Profile,
) -> Effort:
    per_tib = ThreePoint(*profile.data_effort_per_tib)
    parts = _parts(priced, per_tib)
    o = m = p = mean = var = 0.0
    for item in platforms:
        e = item.effort
        o, m, p, mean, var = o + e.o, m + e.m, p + e.p, mean + e.mean, var + e.sd**2
        parts.append(Part(f"category:{item.category.id}", e, e.mean, e.mean, platform=True))
    c = profile.correlation
    draws = simulate(
        parts,
        ThreePoint(*profile.programme_share),
        Correlation(c.programme, c.category, c.draws, c.seed),
    )
    resources = _simulated(_group_total(priced.values(), per_tib), draws.resources)
    platform = _simulated(Total(o, m, p, mean, math.sqrt(var)), draws.platform)
    share = profile.programme_share
    programme = ThreePoint(
        (resources.o + platform.o) * share[0],
        (resources.m + platform.m) * share[1],
        (resources.p + platform.p) * share[2],
    )
    # Programme effort is a share of the rest, so it rises and falls with it: its spread
    # adds to theirs rather than averaging out as an independent item's would.
    base = combine([resources, platform])
    effort = _simulated(
        Total(
            base.o + programme.o,
            base.m + programme.m,
            base.p + programme.p,
            base.mean + programme.mean,
            base.sd + programme.sd,
        ),
        draws.effort,
    )
    week = profile.team_size * profile.working_days_per_week
    return Effort(
        resources,
        platform,
        programme,
        effort,
        effort.scaled(profile.day_rate),
        effort.scaled(1 / week),
        platforms,
        spread_share(draws),
    )


def _simulated(bounds: Total, draws: Sequence[float]) -> Total:
    """The bounds and mean as the sums give them, the spread and percentiles as the
    simulation does, within the bounds (everything well, everything badly)."""
    n = len(draws)
    # fsum: exactly rounded on every Python version (sum() of floats changed in 3.12).
    mean = math.fsum(draws) / n
    sd = math.sqrt(max(math.fsum(d * d for d in draws) / n - mean * mean, 0.0))
    low, high = bounds.o, bounds.p
    p10, p50, p90 = (min(max(v, low), high) for v in percentiles(draws))
    return Total(bounds.o, bounds.m, bounds.p, bounds.mean, sd, (p10, p50, p90))


def estimate(
    mappings: Sequence[Mapping],
    profile: Profile,
    platforms: Sequence[Choice] = (),
    estate: EstateGroups | None = None,
) -> Estimate:
    """Every resource's estimate, and the totals. `platforms`: categories outside the estate
    that self-hosted choices run on; `estate`: the groups, where already made."""
    if estate is None:
        entries = [m.choice.category if m.choice else m.structure for m in mappings]
        estate = group_estate([m.resource for m in mappings], entries, profile)
    choices = {m.choice.category.id: m.choice for m in mappings if m.choice}
    structural = {m.structure.id: m.structure for m in mappings if m.structure}
    bases = {key: _basis(*key, choices, structural, profile) for key in estate.groups}
    env_tag = profile.environment_tag
    non_production_values = frozenset(v.lower() for v in profile.non_production_values)
    per_tib = ThreePoint(*profile.data_effort_per_tib)
    items = []
    replicas = []
    licences: list[Licence] = []
    words = licence_words(profile)
    # As in `group_estate`: each environment, and each (choice, structure or type,
    # environment), is worked out once.
    non_production_of: dict[str | None, bool] = {None: False}
    found: dict[tuple[object, object, bool], tuple[str, ThreePoint, str, bool]] = {}
    for mapping in mappings:
        resource = mapping.resource
        if words and not words.isdisjoint(resource.attributes):
            licences += licences_of(mapping, profile)
        environment = resource.tags.get(env_tag)
        non_production = non_production_of.get(environment)
        if non_production is None:
            non_production = str(environment).lower() in non_production_values
            non_production_of[environment] = non_production
        choice, structure = mapping.choice, mapping.structure
        lookup = (
            id(choice) if choice else id(structure) if structure else resource.type,
            choice is None and structure is not None,
            non_production,
        )
        hit = found.get(lookup)
        if hit is None:
            hit = found[lookup] = (
                *bases[_key(mapping, non_production)],
                _carries_data(mapping),
            )
        strategy, item_effort, rules, carries = hit
        primary = estate.replicas.get(resource.id) if carries and estate.replicas else None
        if primary is not None:
            rules = f"{rules} + E-REPLICA " + _(
                "replica of {id}: rebuilt at the target (not copied)"
            ).format(id=visible(primary))
            replicas.append(ItemEstimate(mapping, strategy, item_effort, rules, 0, primary))
            items.append(replicas[-1])
            continue
        size = resource.size_bytes if carries else 0
        if size:
            tib = size / TIB
            # item_effort + per_tib.scaled(tib), in one step: 36,000 of 100,000 resources
            # hold data in a large estate.
            item_effort = ThreePoint(
                item_effort.o + per_tib.o * tib,
                item_effort.m + per_tib.m * tib,
                item_effort.p + per_tib.p * tib,
            )
            rules = f"{rules} + E-DATA {tib:.2f} TiB"
        items.append(ItemEstimate(mapping, strategy, item_effort, rules, size))
    priced = {
        key: _Group(bases[key][1], g.count, g.tib, g.tib_squared)
        for key, g in estate.groups.items()
    }
    effort = _effort(priced, _platforms(choices, platforms, profile), profile)
    return Estimate(
        items=tuple(items),
        platforms=effort.platforms,
        resources=effort.resources,
        platform=effort.platform,
        programme=effort.programme,
        effort=effort.effort,
        cost=effort.cost,
        calendar_weeks=effort.calendar_weeks,
        transfer=Transfer(estate.data_bytes, _transfer_days(estate.data_bytes, profile)),
        egress=tuple(
            _egress(provider, size, profile)
            for provider, size in sorted(estate.bytes_by_provider.items())
        ),
        profile=profile,
        replicas=tuple(replicas),
        licences=tuple(licences),
        unknown_share=effort.unknown_share,
    )


def _transfer_days(size: int, profile: Profile) -> ThreePoint:
    bits_per_day = profile.bandwidth_mbps * 1_000_000 * 86_400
    # The best link efficiency gives the optimistic (shortest) time.
    o, m, p = (size * 8 / (bits_per_day * eff) for eff in profile.link_efficiency)
    return ThreePoint(o, m, p)


def _egress(provider: str, size: int, profile: Profile) -> Egress:
    prices = profile.egress.get(provider)
    if prices is None:
        none = _("no egress prices in the effort profile")
        return Egress(provider, size, 0.0, none, profile.currency)
    remaining = max(size / 1e9 - prices.free_gb, 0.0)
    done = 0.0
    usd = 0.0
    for upto, price in prices.tiers:
        band = remaining if upto is None else min(remaining, max(upto - done, 0.0))
        usd += band * price
        remaining -= band
        done += band
        if remaining <= 0:
            break
    rate = profile.rate(prices.currency)
    amount = usd * rate.rate if rate else usd
    return Egress(provider, size, usd, prices.source, prices.currency, amount, rate)
