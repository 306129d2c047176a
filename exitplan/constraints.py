"""Choosing an alternative per category under the user's constraints. Pure.

Constraints first filter (a provider excluded, exposed to a legal order not allowed,
without a required certification, not in the region, beyond the number of providers
allowed), then rank (preferred kinds first, then the catalogue's own order, with projects
that are archived or frozen last). Every alternative left out is recorded with the
constraint that left it out, so that the plan can say why."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .catalogue import (
    Alternative,
    AlternativeKind,
    Catalogue,
    Category,
    Constraints,
    Hosting,
    Maintenance,
    Provider,
)
from .i18n import _

_STALE = (Maintenance.ARCHIVED, Maintenance.FROZEN)


@dataclass(frozen=True, slots=True)
class Exclusion:
    alternative: Alternative
    constraint: str  # the constraint's name, as in the overlay and the options
    detail: str


@dataclass(frozen=True, slots=True)
class Choice:
    """The alternative chosen for a category, and why; shared by its resources."""

    category: Category
    alternative: Alternative
    reason: str
    candidates: tuple[Alternative, ...] = ()  # those that met the constraints, best first
    excluded: tuple[Exclusion, ...] = ()
    met: bool = True  # False: nothing met the constraints, the best-ranked was taken
    # The provider whose services or infrastructure it runs on: the alternative's own, or
    # for software run yourself the landing zone's; None: not placed on a provider.
    provider: str | None = None

    @property
    def hosting(self) -> Hosting:
        return self.alternative.hosting_is


def choose_all(
    categories: Iterable[Category], catalogue: Catalogue, constraints: Constraints
) -> dict[str, Choice]:
    """One choice per category, taken together because `max_providers` is a limit on the
    whole plan, not on one category."""
    ranked: dict[str, tuple[list[Alternative], list[Exclusion]]] = {}
    for category in sorted(categories, key=lambda c: c.id):
        ranked[category.id] = ranked_alternatives(category, catalogue.providers, constraints)
    if constraints.max_providers is not None:
        _limit_providers(ranked, constraints.max_providers)
    by_id = {c.id: c for c in categories}
    return {cid: _choice(by_id[cid], *found, constraints) for cid, found in ranked.items()}


def ranked_alternatives(
    category: Category, providers: Mapping[str, Provider], constraints: Constraints
) -> tuple[list[Alternative], list[Exclusion]]:
    """The alternatives that meet the constraints, best first, and those left out, why."""
    kept: list[Alternative] = []
    excluded: list[Exclusion] = []
    for alt in category.alternatives:
        if alt.kind is AlternativeKind.STANDARD:
            continue  # a standard is met by offers, it is not one
        provider = providers.get(alt.provider) if alt.provider else None
        reason = _exclusion(alt, provider, constraints)
        if reason is None:
            kept.append(alt)
        else:
            excluded.append(Exclusion(alt, *reason))
    order = {kind: index for index, kind in enumerate(constraints.prefer)}
    kept.sort(key=lambda a: (a.maintenance in _STALE, order.get(a.kind, len(order))))
    return kept, excluded


def _exclusion(
    alt: Alternative, provider: Provider | None, constraints: Constraints
) -> tuple[str, str] | None:
    if alt.provider and alt.provider in constraints.exclude_providers:
        return "exclude_providers", _("provider {p} is excluded").format(p=alt.provider)
    if provider is None:
        # Software without a provider runs where the landing zone puts it: the constraints
        # on jurisdiction, certification and region apply to that platform, not to the
        # project. Software run on a named provider's servers meets them there.
        return None
    allowed = set(constraints.require_jurisdiction)
    if allowed and not set(provider.exposure) <= allowed:
        exposed = sorted(e.value for e in set(provider.exposure) - allowed) or ["unknown"]
        return "require_jurisdiction", _("{p} is exposed to {orders}").format(
            p=provider.name, orders=", ".join(exposed)
        )
    held = {_normal(c.name) for c in provider.certifications}
    missing = [c for c in constraints.require_certifications if _normal(c) not in held]
    if missing:
        return "require_certifications", _("{p} has no {certs} in the catalogue").format(
            p=provider.name, certs=", ".join(missing)
        )
    if constraints.region and not _in_region(alt, provider, constraints.region):
        return "region", _("{name} does not run in {region} as far as the catalogue knows").format(
            name=alt.name, region=constraints.region
        )
    return None


def _normal(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


def _in_region(alt: Alternative, provider: Provider, wanted: str) -> bool:
    regions = [r for r in provider.regions if not alt.regions or r.id in alt.regions]
    return any(r.id == wanted or r.country == wanted.upper() for r in regions)


def _limit_providers(
    ranked: dict[str, tuple[list[Alternative], list[Exclusion]]], limit: int
) -> None:
    """Keep the `limit` providers that together serve the most categories (greedy: the one
    serving most of what is still unserved first, ties by where its offers rank, then id),
    and drop the alternatives of every other provider."""
    offers: dict[str, dict[str, int]] = {}  # provider -> category -> rank among the kept
    for category_id, (kept, _excluded) in ranked.items():
        for position, alt in enumerate(kept):
            if alt.provider:
                offers.setdefault(alt.provider, {}).setdefault(category_id, position)
    chosen: list[str] = []
    unserved = set(ranked)
    while len(chosen) < limit:
        scores = [
            (-len(unserved & set(served)), sum(served.values()), provider)
            for provider, served in offers.items()
            if provider not in chosen and unserved & set(served)
        ]
        if not scores:
            break
        best = min(scores)[2]
        chosen.append(best)
        unserved -= set(offers[best])
    names = ", ".join(sorted(chosen)) or "-"
    for kept, excluded in ranked.values():
        for alt in list(kept):
            if alt.provider and alt.provider not in chosen:
                kept.remove(alt)
                detail = _("the plan keeps {n} providers ({names})").format(n=limit, names=names)
                excluded.append(Exclusion(alt, "max_providers", detail))


def _choice(
    category: Category,
    kept: list[Alternative],
    excluded: list[Exclusion],
    constraints: Constraints,
) -> Choice:
    if not kept:
        fallback = next(a for a in category.alternatives if a.kind is not AlternativeKind.STANDARD)
        reason = _(
            "no alternative meets the constraints; the catalogue's first is shown so that the "
            "plan stays whole: relax a constraint or decide by hand"
        )
        return Choice(
            category, fallback, reason, (), tuple(excluded), met=False, provider=fallback.provider
        )
    chosen = kept[0]
    return Choice(
        category,
        chosen,
        _reason(chosen, excluded, constraints),
        tuple(kept),
        tuple(excluded),
        provider=chosen.provider,
    )


def _reason(chosen: Alternative, excluded: list[Exclusion], constraints: Constraints) -> str:
    if constraints.prefer and chosen.kind in constraints.prefer:
        reason = _("the best-ranked {kind} alternative, the kind preferred").format(
            kind=chosen.kind.value
        )
    elif constraints.prefer:
        reason = _(
            "the best-ranked alternative; the catalogue lists no {kinds} one that fits"
        ).format(kinds=" / ".join(k.value for k in constraints.prefer))
    else:
        reason = _("the best-ranked alternative in the catalogue")
    if excluded:
        reason += _("; {count} excluded by the constraints").format(count=len(excluded))
    return reason
