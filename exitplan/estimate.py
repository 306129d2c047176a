"""The effort model: a three-point estimate per resource, each with the rules that made it,
plus fixed platform and programme effort, data volumes, transfer time and egress. Pure."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .catalogue import Category, Compatibility
from .i18n import _
from .mapping import Mapping
from .profile import Profile
from .threepoint import ThreePoint, Total, combine, total

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


@dataclass(frozen=True, slots=True)
class PlatformEstimate:
    category: Category
    effort: ThreePoint


@dataclass(frozen=True, slots=True)
class Transfer:
    bytes: int
    days: ThreePoint  # calendar days of transfer at the profile's bandwidth


@dataclass(frozen=True, slots=True)
class Egress:
    provider: str
    bytes: int
    usd: float
    source: str


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


def _item_basis(
    mapping: Mapping, non_production: bool, profile: Profile
) -> tuple[str, ThreePoint, str]:
    env = f" x E-ENV non-production ({profile.non_production_factor:g})" if non_production else ""
    env_factor = profile.non_production_factor if non_production else 1.0
    if mapping.structure is not None:
        entry = mapping.structure
        base = ThreePoint(*entry.effort).scaled(env_factor)
        return CONFIGURATION, base, f"E-STRUCT {entry.id}{env}"
    if mapping.choice is None:
        base = ThreePoint(*profile.base(None)).scaled(profile.unknown_factor * env_factor)
        return UNDECIDED, base, f"E-BASE default x E-UNKNOWN ({profile.unknown_factor:g}){env}"
    category = mapping.choice.category
    compat = mapping.choice.alternative.compatibility
    factor = profile.compatibility_factor[compat]
    base = ThreePoint(*profile.base(category.id)).scaled(factor * env_factor)
    key = category.id if category.id in profile.base_effort else "default"
    return STRATEGY[compat], base, f"E-BASE {key} x E-COMPAT {compat.value} ({factor:g}){env}"


def _carries_data(mapping: Mapping) -> bool:
    """Whether a resource's stored bytes must move. Configuration is rebuilt, not copied,
    and snapshots and images of data that moves anyway are made anew at the target; a
    child that holds its parent's data (a table) carries it."""
    if mapping.structure is not None:
        return mapping.structure.data_bearing
    return mapping.choice is None or mapping.choice.category.data_bearing


def estimate(mappings: Sequence[Mapping], profile: Profile) -> Estimate:
    basis: dict[tuple[str, str, bool], tuple[str, ThreePoint, str]] = {}
    env_tag = profile.environment_tag
    non_production_values = frozenset(v.lower() for v in profile.non_production_values)
    per_tib = ThreePoint(*profile.data_effort_per_tib)
    items = []
    data_bytes = 0
    bytes_by_provider: dict[str, int] = defaultdict(int)
    for mapping in mappings:
        resource, choice = mapping.resource, mapping.choice
        environment = resource.tags.get(env_tag)
        non_production = environment is not None and environment.lower() in non_production_values
        if choice:
            key = ("category", choice.category.id, non_production)
        elif mapping.structure:
            key = ("structural", mapping.structure.id, non_production)
        else:
            key = ("unmapped", resource.type, non_production)
        found = basis.get(key)
        if found is None:
            found = basis[key] = _item_basis(mapping, non_production, profile)
        strategy, item_effort, rules = found
        size = resource.size_bytes
        if not _carries_data(mapping):
            size = 0
        if size:
            data_bytes += size
            bytes_by_provider[resource.provider] += size
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

    categories = {m.choice.category.id: m.choice.category for m in mappings if m.choice}
    platforms = tuple(
        PlatformEstimate(category, ThreePoint(*profile.platform(category.id)))
        for _, category in sorted(categories.items())
    )
    resources = total(item.effort for item in items)
    platform = total(p.effort for p in platforms)
    share = profile.programme_share
    programme = ThreePoint(
        (resources.o + platform.o) * share[0],
        (resources.m + platform.m) * share[1],
        (resources.p + platform.p) * share[2],
    )
    # Programme effort is a share of the rest, so it rises and falls with it: its spread
    # adds to theirs rather than averaging out as an independent item's would.
    base = combine([resources, platform])
    effort = Total(
        base.o + programme.o,
        base.m + programme.m,
        base.p + programme.p,
        base.mean + programme.mean,
        base.sd + programme.sd,
    )
    week = profile.team_size * profile.working_days_per_week
    return Estimate(
        items=tuple(items),
        platforms=platforms,
        resources=resources,
        platform=platform,
        programme=programme,
        effort=effort,
        cost=effort.scaled(profile.day_rate),
        calendar_weeks=effort.scaled(1 / week),
        transfer=Transfer(data_bytes, _transfer_days(data_bytes, profile)),
        egress=tuple(
            _egress(provider, size, profile) for provider, size in sorted(bytes_by_provider.items())
        ),
        profile=profile,
    )


def _transfer_days(size: int, profile: Profile) -> ThreePoint:
    bits_per_day = profile.bandwidth_mbps * 1_000_000 * 86_400
    # The best link efficiency gives the optimistic (shortest) time.
    o, m, p = (size * 8 / (bits_per_day * eff) for eff in profile.link_efficiency)
    return ThreePoint(o, m, p)


def _egress(provider: str, size: int, profile: Profile) -> Egress:
    prices = profile.egress.get(provider)
    if prices is None:
        return Egress(provider, size, 0.0, _("no egress prices in the effort profile"))
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
    return Egress(provider, size, usd, prices.source)
