"""Why a resource costs what it does: every rule and input behind its figures, from a
finished plan. Pure; the CLI prints what `explain` returns."""

from __future__ import annotations

import bisect
import difflib
from dataclasses import dataclass

from .catalogue import Catalogue, NativeType
from .errors import InputError
from .estimate import TIB, ItemEstimate, PlatformEstimate
from .i18n import Number, _
from .inventory import identity, key_of
from .model import Resource
from .planning import Plan
from .threepoint import ThreePoint

CLOSEST = 5  # ids offered when the one asked for is not in the inventory


@dataclass(frozen=True)
class Factor:
    """One profile or catalogue number the figure is made of."""

    rule: str  # E-BASE, E-COMPAT, E-ENV, E-DATA, E-STRUCT, E-UNKNOWN
    key: str  # where it is set: the profile key, or the catalogue entry
    value: tuple[float, ...]  # a three-point, or one multiplier
    note: str = ""  # what it applies to (the tag's value, the bytes)


@dataclass(frozen=True)
class Explanation:
    resource: Resource
    workload: str
    kind: str  # category, structural or unmapped
    entry_id: str  # the category or structural entry, or the native type when unmapped
    entry_name: str
    why: str  # how the entry was found: the native type, or an attribute rule
    scenario_id: str | None
    scenario_name: str | None
    recommended: bool
    provider: str | None
    hosting: str | None
    alternative: str | None
    reason: str | None
    compatibility: str | None
    strategy: str
    factors: tuple[Factor, ...]
    effort: ThreePoint  # the resource's own three-point, as the plan adds it up
    rules: str  # the estimate's own summary of the rules
    platform: PlatformEstimate | None  # the category's one-off platform effort it shares
    platform_resources: int  # resources that share that platform effort
    moves_with: str | None  # structural: the category (or landing zone) it is rebuilt with
    programme_share: tuple[float, float, float]

    @property
    def programme(self) -> ThreePoint:
        """The share of programme effort this resource brings with it (E-PROGRAMME)."""
        o, m, p = self.programme_share
        return ThreePoint(self.effort.o * o, self.effort.m * m, self.effort.p * p)


def find(plan: Plan, resource_id: str) -> int:
    """The index of the resource among the estimate's items; Azure ids in any case."""
    items = plan.estimate.items
    wanted = {key_of(provider, resource_id) for provider in ("aws", "azure", "gcp")}
    for index, item in enumerate(items):
        if identity(item.mapping.resource) in wanted:
            return index
    close = closest(resource_id, [i.mapping.resource.id for i in items])
    hint = (
        _("closest ids: {ids}").format(ids=", ".join(close))
        if close
        else _("no id in the inventory is close; `exitplan plan` writes them all to the CSV")
    )
    raise InputError(
        _("--explain {id}: no such resource in the inventory").format(id=resource_id), hint
    )


def _forward(text: str) -> str:
    return text


def _backward(text: str) -> str:
    return text[::-1]


def closest(wanted: str, ids: list[str], window: int = 100) -> list[str]:
    """The ids most like `wanted`. Only its neighbours in sorted order, from the front and
    from the back, are compared: a typo leaves one end of an id intact, and comparing all
    of 100,000 ids takes seconds."""
    candidates: set[str] = set()
    for key in (_forward, _backward):
        ordered = sorted(set(ids), key=key)
        keys = [key(i) for i in ordered]
        at = bisect.bisect_left(keys, key(wanted))
        candidates.update(ordered[max(at - window, 0) : at + window])
    return difflib.get_close_matches(wanted, sorted(candidates), n=CLOSEST, cutoff=0.5)


def explain(plan: Plan, catalogue: Catalogue, resource_id: str) -> Explanation:
    index = find(plan, resource_id)
    item = plan.estimate.items[index]
    mapping = item.mapping
    resource = mapping.resource
    profile = plan.estimate.profile
    factors: list[Factor] = []
    choice = mapping.choice
    platform: PlatformEstimate | None = None
    platform_category: str | None = None
    if choice is not None:
        kind, entry_id, entry_name = "category", choice.category.id, choice.category.name
        natives = choice.category.native_types
        key = entry_id if entry_id in profile.base_effort else "default"
        compat = choice.alternative.compatibility
        factors += [
            Factor("E-BASE", f"base_effort.{key}", profile.base(entry_id)),
            Factor(
                "E-COMPAT",
                f"compatibility_factor.{compat.value}",
                (profile.compatibility_factor[compat],),
            ),
        ]
        platform_category = entry_id
    elif mapping.structure is not None:
        entry = mapping.structure
        kind, entry_id, entry_name = "structural", entry.id, entry.name
        natives = entry.native_types
        factors.append(
            Factor(
                "E-STRUCT", f"catalogue structural.{entry.id}.effort", entry.effort, entry.reason
            )
        )
        platform_category = entry.moves_with if entry.moves_with in catalogue.categories else None
    else:
        kind, entry_id, entry_name = "unmapped", resource.type, resource.type
        natives = []
        own = profile.unknown_type_effort.get(resource.type)
        if own is not None:
            factors.append(Factor("E-UNKNOWN", f"unknown_type_effort.{resource.type}", own))
        else:
            factors += [
                Factor("E-BASE", "base_effort.default", profile.base(None)),
                Factor("E-UNKNOWN", "unknown_factor", (profile.unknown_factor,)),
                # The likely value times unknown_factor, spread wide and to the right.
                Factor("E-UNKNOWN", "unknown_spread", profile.unknown_spread),
            ]
    environment = resource.tags.get(profile.environment_tag)
    if environment is not None and environment.lower() in {
        v.lower() for v in profile.non_production_values
    }:
        factors.append(
            Factor(
                "E-ENV",
                "non_production_factor",
                (profile.non_production_factor,),
                _("tag {tag} = {value}").format(tag=profile.environment_tag, value=environment),
            )
        )
    if item.data_bytes:
        factors.append(
            Factor(
                "E-DATA",
                "data_effort_per_tib",
                profile.data_effort_per_tib,
                _("{bytes:,} bytes = {tib:.4f} TiB").format(
                    bytes=Number(item.data_bytes), tib=Number(item.data_bytes / TIB)
                ),
            )
        )
    if platform_category is not None:
        platform = next(
            (p for p in plan.estimate.platforms if p.category.id == platform_category), None
        )
    outcome = plan.outcome
    recommended = (
        outcome is not None
        and plan.comparison is not None
        and plan.comparison.recommended.scenario.id == outcome.scenario.id
    )
    return Explanation(
        resource=resource,
        workload=plan.item_workloads[index],
        kind=kind,
        entry_id=entry_id,
        entry_name=entry_name,
        why=_why(resource, kind, natives),
        scenario_id=outcome.scenario.id if outcome else None,
        scenario_name=outcome.scenario.name if outcome else None,
        recommended=recommended,
        provider=choice.provider if choice else None,
        hosting=choice.hosting.value if choice else None,
        alternative=choice.alternative.name if choice else None,
        reason=choice.reason if choice else None,
        compatibility=(
            f"{choice.alternative.compatibility.value}: {choice.alternative.compatibility_note}"
            if choice
            else None
        ),
        strategy=item.strategy,
        factors=tuple(factors),
        effort=item.effort,
        rules=item.rules,
        platform=platform,
        platform_resources=_sharing(plan.estimate.items, platform_category),
        programme_share=profile.programme_share,
        moves_with=mapping.structure.moves_with if mapping.structure else None,
    )


def _why(resource: Resource, kind: str, natives: list[NativeType]) -> str:
    if kind == "unmapped":
        return _("the catalogue has no entry for the native type {type} ({provider})").format(
            type=resource.type, provider=resource.provider
        )
    for native in natives:
        if native.provider != resource.provider or native.type != resource.type:
            continue
        if native.attribute is None:
            continue
        value = str(resource.attributes.get(native.attribute) or "").lower()
        if value in (native.values or ()):
            return _("attribute rule: {type} with {attribute} = {value}").format(
                type=resource.type, attribute=native.attribute, value=value
            )
    return _("native type {type} ({provider})").format(
        type=resource.type, provider=resource.provider
    )


def _sharing(items: tuple[ItemEstimate, ...], category: str | None) -> int:
    if category is None:
        return 0
    count = 0
    for item in items:
        m = item.mapping
        if (m.choice is not None and m.choice.category.id == category) or (
            m.structure is not None and m.structure.moves_with == category
        ):
            count += 1
    return count
