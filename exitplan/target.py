"""The target platform: a landing zone on one primary provider, and per category the service
on it. Pure: a function of the categories in the estate, the catalogue and a scenario.

Per category, in this order: the primary provider's managed service; an open-source (or
licence-carried) option run on the primary's own compute or Kubernetes, whose platform then
becomes part of the plan; and only where neither serves, another provider, with the reason.
A scenario that prefers self-hosting swaps the first two outside the infrastructure, and a
scenario with room for more providers puts free categories on a second provider's managed
service before self-hosting them. The catalogue's placement rules are not preferences:
compute and what attaches to it never leave the primary, and data stores stay with their
consumers unless the scenario places them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .catalogue import (
    Alternative,
    AlternativeKind,
    Catalogue,
    Category,
    Constraints,
    Hosting,
    Provider,
)
from .catalogue.model import Region
from .constraints import Choice, Exclusion, choose_all, ranked_alternatives
from .i18n import _
from .scenario import Scenario


@dataclass(frozen=True, slots=True)
class LandingZone:
    provider: Provider
    region: Region | None
    reason: str


@dataclass(frozen=True)
class Target:
    scenario: Scenario
    landing_zone: LandingZone | None  # None: no provider meets the scenario's constraints
    choices: Mapping[str, Choice]  # per category of the estate
    platforms: tuple[Choice, ...]  # not in the estate, needed by a self-hosted choice
    constraints: Constraints
    notes: tuple[str, ...] = ()  # what changed the landing zone, what could not be kept
    secondaries: tuple[str, ...] = field(default=())  # other providers the scenario chose

    @property
    def providers(self) -> tuple[str, ...]:
        """Every provider the target runs on, the primary first."""
        used = {c.provider for c in (*self.choices.values(), *self.platforms) if c.provider}
        primary = self.landing_zone.provider.id if self.landing_zone else None
        return tuple(sorted(used, key=lambda p: (p != primary, p)))


def landing_zone_candidates(
    catalogue: Catalogue, constraints: Constraints, shared: bool = False
) -> list[Provider]:
    """Providers whose managed compute meets the constraints: each could be a landing zone.
    Public shared services serve only the bodies they were set up for, which the catalogue
    does not record: they are candidates only when a scenario names them (`shared`)."""
    anchor = catalogue.categories.get(catalogue.placement.servers)
    if anchor is None:
        return []
    kept, _excluded = ranked_alternatives(anchor, catalogue.providers, constraints)
    found = []
    for alt in kept:
        if alt.hosting_is is not Hosting.MANAGED or not alt.provider or alt.provider in found:
            continue
        if alt.kind is AlternativeKind.PUBLIC_SHARED and not shared:
            continue
        found.append(alt.provider)
    return [catalogue.providers[p] for p in sorted(found)]


def build_target(
    counts: Mapping[str, int],
    catalogue: Catalogue,
    scenario: Scenario,
    base: Constraints | None = None,
) -> Target:
    """The target for the estate's categories (`counts`: category id -> resources), under
    the scenario's constraints laid over `base` (the user's options over the catalogue's)."""
    constraints = scenario.constraints.over(base if base is not None else catalogue.constraints)
    if catalogue.placement.servers not in catalogue.categories:
        # A catalogue of the organisation's own without servers: no landing zone to build
        # on, so each category takes its best-ranked alternative, as before targets.
        chosen = choose_all([catalogue.categories[c] for c in counts], catalogue, constraints)
        note = _("the catalogue has no category '{id}' of servers to build a landing zone on")
        return Target(
            scenario, None, chosen, (), constraints, (note.format(id=catalogue.placement.servers),)
        )
    candidates = landing_zone_candidates(catalogue, constraints, scenario.primary is not None)
    notes: list[str] = []
    if scenario.primary is not None:
        fixed = [p for p in candidates if p.id == scenario.primary]
        if not fixed:
            notes.append(
                _(
                    "{p} cannot be the landing zone: it has no managed compute that meets the "
                    "constraints"
                ).format(p=scenario.primary)
            )
        candidates = fixed
    if not candidates:
        notes.append(_("no provider's managed compute meets the constraints"))
        return _without_landing_zone(counts, catalogue, scenario, constraints, notes)
    builds = [_Build(catalogue, scenario, constraints, p, counts).run() for p in candidates]
    best = min(builds, key=lambda b: b.rank_key())
    return best.target(notes)


def _without_landing_zone(
    counts: Mapping[str, int],
    catalogue: Catalogue,
    scenario: Scenario,
    constraints: Constraints,
    notes: list[str],
) -> Target:
    """Every category on the catalogue's first choice, marked as not meeting the scenario,
    so that the plan stays whole and says why."""
    choices = {}
    for category_id in sorted(counts):
        category = catalogue.categories[category_id]
        kept, excluded = ranked_alternatives(category, catalogue.providers, constraints)
        alt = kept[0] if kept else _first(category)
        choices[category_id] = Choice(
            category,
            alt,
            _("no landing zone meets the constraints; the catalogue's first is shown"),
            tuple(kept),
            tuple(excluded),
            met=False,
            provider=alt.provider,
        )
    return Target(scenario, None, choices, (), constraints, tuple(notes))


def _first(category: Category) -> Alternative:
    return next(a for a in category.alternatives if a.kind is not AlternativeKind.STANDARD)


class _Build:
    """The target on one primary provider."""

    def __init__(
        self,
        catalogue: Catalogue,
        scenario: Scenario,
        constraints: Constraints,
        primary: Provider,
        counts: Mapping[str, int],
    ) -> None:
        self.catalogue = catalogue
        self.scenario = scenario
        self.constraints = constraints
        self.primary = primary
        self.counts = counts
        self.rules = catalogue.placement
        self.ranked: dict[str, tuple[list[Alternative], list[Exclusion]]] = {}
        self.on_primary: dict[str, Choice | None] = {}
        self.secondaries: tuple[str, ...] = ()
        self.choices: dict[str, Choice] = {}
        self.platforms: dict[str, Choice] = {}

    def _ranked(self, category_id: str) -> tuple[list[Alternative], list[Exclusion]]:
        found = self.ranked.get(category_id)
        if found is None:
            category = self.catalogue.categories[category_id]
            found = ranked_alternatives(category, self.catalogue.providers, self.constraints)
            self.ranked[category_id] = found
        return found

    def run(self) -> _Build:
        limit = self.scenario.max_providers
        if limit is not None and limit > 1:
            self.secondaries = self._pick_secondaries(limit - 1)
        for category_id in sorted(self.counts):
            self.choices[category_id] = self._place(category_id)
        self._add_platforms()
        return self

    # -- one category -------------------------------------------------------------------

    def _self_first(self, category_id: str) -> bool:
        """Whether open source run on the primary comes before its managed service: where
        the scenario prefers it, or the user ranks open source first."""
        wanted = self.scenario.hosting is Hosting.SELF_HOSTED or (
            self.constraints.prefer[:1] == [AlternativeKind.OPEN_SOURCE]
        )
        return wanted and category_id not in self.rules.infrastructure

    def _managed_on(self, category_id: str, provider: str) -> Alternative | None:
        kept, _excluded = self._ranked(category_id)
        return next(
            (a for a in kept if a.hosting_is is Hosting.MANAGED and a.provider == provider), None
        )

    def _primary_choice(self, category_id: str, stack: tuple[str, ...] = ()) -> Choice | None:
        """The category on the primary provider, managed or self-hosted on it; None where
        neither serves. `stack`: the categories whose needs are being resolved (a cycle in
        `needs` must not recurse for ever)."""
        if category_id in self.on_primary:
            return self.on_primary[category_id]
        if category_id in stack:
            return None
        category = self.catalogue.categories[category_id]
        kept, excluded = self._ranked(category_id)
        pid = self.primary.id
        managed = self._managed_on(category_id, pid)
        hosted = next(
            (
                a
                for a in kept
                if a.hosting_is is Hosting.SELF_HOSTED
                and a.provider in (None, pid)
                and all(self._primary_choice(n, (*stack, category_id)) is not None for n in a.needs)
            ),
            None,
        )
        order = [hosted, managed] if self._self_first(category_id) else [managed, hosted]
        alt = next((a for a in order if a is not None), None)
        if alt is None:
            choice = None
        else:
            choice = Choice(
                category,
                alt,
                self._reason_on_primary(alt, managed, category),
                tuple(kept),
                tuple(excluded),
                provider=pid,
            )
        self.on_primary[category_id] = choice
        return choice

    def _reason_on_primary(
        self, alt: Alternative, managed: Alternative | None, category: Category
    ) -> str:
        name = self.primary.name
        if alt.hosting_is is Hosting.MANAGED:
            return _("{provider}'s managed service, in the landing zone").format(provider=name)
        if managed is not None:
            return _(
                "run on {provider}'s infrastructure: the scenario prefers open source you run "
                "yourself to {managed}"
            ).format(provider=name, managed=managed.name)
        return _(
            "{provider} offers no managed {category}; {alt} is run on its infrastructure"
        ).format(provider=name, category=category.name, alt=alt.name)

    def _place(self, category_id: str) -> Choice:
        category = self.catalogue.categories[category_id]
        kept, excluded = self._ranked(category_id)
        rule = self.rules.rule(category_id)
        pinned = self.scenario.place.get(category_id)
        if pinned is not None and rule not in ("landing_zone", "with_compute"):
            alt = self._managed_on(category_id, pinned)
            if alt is not None:
                reason = _("placed on {provider} by the scenario").format(
                    provider=self._name(pinned)
                )
                return Choice(category, alt, reason, tuple(kept), tuple(excluded), provider=pinned)
        if rule == "free" and self.secondaries:
            primary_managed = self._managed_on(category_id, self.primary.id)
            if primary_managed is None:
                for other in self.secondaries:
                    alt = self._managed_on(category_id, other)
                    if alt is not None:
                        reason = _(
                            "{primary} offers no managed {category}; the scenario's second "
                            "provider {other} does"
                        ).format(
                            primary=self.primary.name,
                            category=category.name,
                            other=self._name(other),
                        )
                        return Choice(
                            category, alt, reason, tuple(kept), tuple(excluded), provider=other
                        )
        on_primary = self._primary_choice(category_id)
        if on_primary is not None:
            return on_primary
        return self._elsewhere(category, kept, excluded, rule)

    def _elsewhere(
        self,
        category: Category,
        kept: list[Alternative],
        excluded: list[Exclusion],
        rule: str,
    ) -> Choice:
        managed = [a for a in kept if a.hosting_is is Hosting.MANAGED and a.provider]
        if not managed:
            alt = kept[0] if kept else _first(category)
            reason = _(
                "nothing that meets the constraints runs on {primary} or elsewhere; the "
                "catalogue's first is shown: relax a constraint or decide by hand"
            ).format(primary=self.primary.name)
            return Choice(
                category, alt, reason, tuple(kept), tuple(excluded), met=False,
                provider=alt.provider,
            )  # fmt: skip
        alt = managed[0]
        if rule in ("landing_zone", "with_compute"):
            reason = _(
                "{primary} can run no {category}, which must sit with the compute: on {other} "
                "it is cut off from what it attaches to"
            ).format(
                primary=self.primary.name, category=category.name, other=self._name(alt.provider)
            )
            return Choice(
                category, alt, reason, tuple(kept), tuple(excluded), met=False,
                provider=alt.provider,
            )  # fmt: skip
        reason = _(
            "a second provider: {primary} has no managed {category} and no open-source option "
            "that meets the constraints runs on it"
        ).format(primary=self.primary.name, category=category.name)
        return Choice(category, alt, reason, tuple(kept), tuple(excluded), provider=alt.provider)

    def _name(self, provider_id: str | None) -> str:
        provider = self.catalogue.providers.get(provider_id or "")
        return provider.name if provider else (provider_id or "-")

    # -- platforms and other providers ----------------------------------------------------

    def _add_platforms(self) -> None:
        """The categories self-hosted choices run on, where the estate has none of its own:
        they are built too (a Kubernetes cluster for a self-hosted search engine)."""
        todo = [c for c in self.choices.values() if c.hosting is Hosting.SELF_HOSTED]
        while todo:
            choice = todo.pop()
            for need in choice.alternative.needs:
                if need in self.choices or need in self.platforms:
                    continue
                placed = self._primary_choice(need)
                if placed is None:
                    continue
                category = placed.category
                reason = _("needed to run {alt}; {how}").format(
                    alt=choice.alternative.name, how=placed.reason
                )
                platform = Choice(
                    category, placed.alternative, reason, placed.candidates, placed.excluded,
                    provider=placed.provider,
                )  # fmt: skip
                self.platforms[need] = platform
                if platform.hosting is Hosting.SELF_HOSTED:
                    todo.append(platform)

    def _pick_secondaries(self, room: int) -> tuple[str, ...]:
        """The providers that put the most of the estate's free categories (that the
        primary does not manage) on managed services: greedy, ties by provider id."""
        wanted = {
            c: n
            for c, n in self.counts.items()
            if self.rules.rule(c) == "free" and self._managed_on(c, self.primary.id) is None
        }
        chosen: list[str] = []
        while len(chosen) < room and wanted:
            gains: dict[str, int] = {}
            for category_id, resources in wanted.items():
                kept, _excluded = self._ranked(category_id)
                for provider in {a.provider for a in kept if a.hosting_is is Hosting.MANAGED}:
                    if provider and provider != self.primary.id and provider not in chosen:
                        gains[provider] = gains.get(provider, 0) + resources
            if not gains:
                break
            best = min(gains, key=lambda p: (-gains[p], p))
            chosen.append(best)
            wanted = {c: n for c, n in wanted.items() if self._managed_on(c, best) is None}
        return tuple(chosen)

    # -- comparing primaries ------------------------------------------------------------

    def _resources(self, predicate: Iterable[str]) -> int:
        return sum(self.counts.get(c, 0) for c in predicate)

    def rank_key(self) -> tuple[int, int, int, int, str]:
        """Which primary serves the scenario best: none of its compute cut off, the most
        resources on it, the most on its managed infrastructure and on the hosting the
        scenario prefers (for the mixed scenario: on managed services first), the
        catalogue's own ranking of what was chosen, then the id, so that the choice never
        varies."""
        placed = self.choices.values()
        cut_off = sum(1 for c in placed if not c.met)
        on_primary = self._resources(c.category.id for c in placed if c.provider == self.primary.id)
        preferred = self._resources(
            c.category.id for c in placed if c.hosting is self.scenario.hosting
        )
        # Open source needs infrastructure to run on: the more of it managed, the better.
        infrastructure = self._resources(
            c.category.id
            for c in placed
            if c.hosting is Hosting.MANAGED and c.category.id in self.rules.infrastructure
        )
        ranks = sum(
            c.candidates.index(c.alternative) for c in placed if c.alternative in c.candidates
        )
        if self.scenario.kind == "mixed":
            # The mixed scenario is there to put the most on managed services.
            return (cut_off, -preferred, -on_primary, ranks, self.primary.id)
        return (cut_off, -on_primary, -infrastructure - preferred, ranks, self.primary.id)

    def target(self, notes: list[str]) -> Target:
        region = _region(self.primary, self.constraints.region)
        reason = self._zone_reason()
        return Target(
            self.scenario,
            LandingZone(self.primary, region, reason),
            dict(self.choices),
            tuple(self.platforms[k] for k in sorted(self.platforms)),
            self.constraints,
            tuple(notes),
            self.secondaries,
        )

    def _zone_reason(self) -> str:
        if self.scenario.primary is not None:
            return _("the scenario is built on {provider}").format(provider=self.primary.name)
        total = sum(self.counts.values()) or 1
        on = self._resources(
            c.category.id for c in self.choices.values() if c.provider == self.primary.id
        )
        return _(
            "of the providers whose managed compute meets the constraints, {provider} takes "
            "the most of the estate ({share:.0%} of the mapped resources) on its own services "
            "or infrastructure"
        ).format(provider=self.primary.name, share=on / total)


def _region(provider: Provider, wanted: str | None) -> Region | None:
    """The region asked for (an id or a country), else the provider's first in the
    catalogue."""
    if wanted:
        for region in provider.regions:
            if region.id == wanted or region.country == wanted.upper():
                return region
    return provider.regions[0] if provider.regions else None
