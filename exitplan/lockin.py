"""The lock-in score, 0 to 100, of each resource, workload and the estate: how hard the
estate would be to leave, from the factors and weights of the effort profile
([L-SCORE]), each score with its reasons. Pure."""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Mapping as Mapping_
from collections.abc import Sequence
from dataclasses import dataclass

from .catalogue import Compatibility, LockIn, Structural
from .constraints import Choice
from .estimate import ItemEstimate
from .i18n import N_, _
from .mapping import Mapping
from .model import Resource
from .profile import Profile

GIB = 1024**3
HIGHEST = 10  # resources the plan names as the most locked in

# Factor keys as the effort profile names them, with the label a plan shows.
FACTORS = (
    ("proprietary_interface", N_("proprietary interface")),
    ("data_volume", N_("data volume")),
    ("coupling", N_("coupling to other services")),
    ("no_eu_alternative", N_("no EU alternative")),
    ("no_open_standard", N_("no open standard")),
    ("licence", N_("licence")),
)
LABELS = dict(FACTORS)

_CATEGORY = {LockIn.LOW: 0.0, LockIn.MEDIUM: 0.5, LockIn.HIGH: 1.0}
_DIFFERENCE = {
    Compatibility.DROP_IN: 0.0,
    Compatibility.COMPATIBLE: 1 / 3,
    Compatibility.PARTIAL: 2 / 3,
    Compatibility.DIFFERENT: 1.0,
}
# Configuration of the landing zone (roles, policies, accounts) is written in the
# provider's own format and rebuilt by hand, but has no category to weigh it by.
_LANDING_ZONE_INTERFACE = 0.5
# Attribute values that name a licence which travels or must be bought: RDS engines
# (sqlserver-ee, oracle-se2), EC2's platform ("Windows with SQL Server Standard"), Azure's
# os and sql_license_type.
_LICENCE_ATTRIBUTES = ("engine", "platform", "os", "license")
_LICENCES = (
    ("windows", "Windows Server"),
    ("sqlserver", "SQL Server"),
    ("sql server", "SQL Server"),
    ("mssql", "SQL Server"),
    ("oracle", "Oracle"),
)


@dataclass(frozen=True, slots=True)
class Reason:
    factor: str  # a key of FACTORS
    points: float  # of the 100
    why: str

    @property
    def label(self) -> str:
        """The factor's name, a msgid: templates show it as `labels[reason.label]`."""
        return LABELS[self.factor]


@dataclass(frozen=True, slots=True)
class Score:
    score: float  # 0 to 100: the sum of the reasons' points
    reasons: tuple[Reason, ...]  # the factors that apply, in FACTORS order


@dataclass(frozen=True)
class WorkloadLockIn:
    workload: str
    grouped_by: str
    criticality: str
    resources: int
    score: float
    reasons: tuple[Reason, ...]  # per factor, its points weighted as the score is


@dataclass(frozen=True)
class LockInScores:
    resources: tuple[Score, ...]  # one per estimate item, in its order
    workloads: tuple[WorkloadLockIn, ...]  # highest score first
    estate: Score
    factors: tuple[Reason, ...]  # every factor: its full points (weight over all) and reason
    highest: tuple[tuple[str, Score], ...]  # resource ids of the highest scores, highest first

    @property
    def factor_rows(self) -> tuple[tuple[Reason, float], ...]:
        """Each factor with the points it gives the estate."""
        estate = {r.factor: r.points for r in self.estate.reasons}
        return tuple((f, estate.get(f.factor, 0.0)) for f in self.factors)


def incoming_relations(resources: Sequence[Resource]) -> dict[str, int]:
    """How many other resources name each id in their relations."""
    named: dict[str, int] = defaultdict(int)
    for resource in resources:
        if resource.relations:
            targets = {t for ids in resource.relations.values() for t in ids}
            targets.discard(resource.id)
            for target in targets:
                named[target] += 1
    return named


@dataclass(frozen=True, slots=True)
class _Service:
    """What a resource's service gives every resource of it: the fractions of the
    interface, EU-alternative and open-standard factors, and why."""

    interface: float
    interface_why: str
    no_eu: bool
    no_eu_why: str
    no_standard: bool
    no_standard_why: str


def _of_choice(choice: Choice) -> _Service:
    category, alt = choice.category, choice.alternative
    return _Service(
        (_CATEGORY[category.lock_in] + _DIFFERENCE[alt.compatibility]) / 2,
        _("{category} lock-in {level}; {alternative} is {compatibility}").format(
            category=category.name,
            level=category.lock_in.value,
            alternative=alt.name,
            compatibility=alt.compatibility.value,
        ),
        not choice.met,
        _("no alternative for {category} meets the plan's constraints").format(
            category=category.name
        ),
        not alt.open_standards,
        _("{alternative} speaks no open standard").format(alternative=alt.name),
    )


def _unmapped() -> _Service:
    return _Service(
        1.0,
        _("no alternative known: the provider's own interface stays"),
        True,
        _("the catalogue has no alternative for this type"),
        True,
        _("no alternative, so no open standard to move to"),
    )


def _landing_zone(structure: Structural) -> _Service:
    return _Service(
        _LANDING_ZONE_INTERFACE,
        _("{name}: configuration in the provider's own format, rebuilt by hand").format(
            name=structure.name
        ),
        False,
        "",
        False,
        "",
    )


class _Scorer:
    def __init__(self, mappings: Sequence[Mapping], profile: Profile) -> None:
        factors = profile.lock_in_factors
        weights = {key: getattr(factors, key).weight for key, _label in FACTORS}
        total = sum(weights.values())
        self.points = {key: 100 * weight / total for key, weight in weights.items()}
        self.full_gib = profile.lock_in_data_full_gib
        self.coupling_full = profile.lock_in_coupling_full
        self.incoming = incoming_relations([m.resource for m in mappings])
        self.choices = {m.choice.category.id: m.choice for m in mappings if m.choice}
        self.services: dict[tuple[str, str], _Service] = {}

    def service(self, mapping: Mapping) -> _Service:
        if mapping.choice is not None:
            # One choice per category in a plan; keyed by the object all its resources share.
            key = ("category", str(id(mapping.choice)))
        elif mapping.structure is not None:
            key = ("structural", mapping.structure.id)
        else:
            key = ("unmapped", "")
        found = self.services.get(key)
        if found is None:
            found = self.services[key] = self._service(mapping)
        return found

    def _service(self, mapping: Mapping) -> _Service:
        if mapping.choice is not None:
            return _of_choice(mapping.choice)
        if mapping.structure is None:
            return _unmapped()
        parent = self.choices.get(mapping.structure.moves_with)
        # Configuration is as tied as the service it is rebuilt with.
        return _of_choice(parent) if parent else _landing_zone(mapping.structure)

    def score(self, item: ItemEstimate) -> Score:
        resource = item.mapping.resource
        service = self.service(item.mapping)
        points = self.points
        reasons = []
        if service.interface:
            reasons.append(
                Reason(
                    "proprietary_interface",
                    points["proprietary_interface"] * service.interface,
                    service.interface_why,
                )
            )
        if item.data_bytes:
            gib = item.data_bytes / GIB
            share = min(1.0, math.log2(1 + gib) / math.log2(1 + self.full_gib))
            reasons.append(
                Reason(
                    "data_volume",
                    points["data_volume"] * share,
                    _("{gib:,.1f} GiB to move").format(gib=gib),
                )
            )
        own = {t for ids in (resource.relations or {}).values() for t in ids} - {resource.id}
        named_by = self.incoming.get(resource.id, 0)
        if own or named_by:
            share = min(1.0, (len(own) + named_by) / self.coupling_full)
            reasons.append(
                Reason(
                    "coupling",
                    points["coupling"] * share,
                    _("relates to {own}, named by {named_by} other resource(s)").format(
                        own=len(own), named_by=named_by
                    ),
                )
            )
        if service.no_eu:
            reasons.append(
                Reason("no_eu_alternative", points["no_eu_alternative"], service.no_eu_why)
            )
        if service.no_standard:
            reasons.append(
                Reason("no_open_standard", points["no_open_standard"], service.no_standard_why)
            )
        licence = licence_of(resource)
        if licence:
            reasons.append(
                Reason("licence", points["licence"], _("{name} licence").format(name=licence))
            )
        kept = tuple(r for r in reasons if r.points > 0)
        return Score(sum(r.points for r in kept), kept)


def licence_of(resource: Resource) -> str | None:
    """The licence a resource's attributes name that travels or must be bought, if any."""
    for name in _LICENCE_ATTRIBUTES:
        value = resource.attributes.get(name)
        if isinstance(value, str):
            lowered = value.lower()
            for term, licence in _LICENCES:
                if term in lowered:
                    return licence
    return None


def _weighted(scores: Sequence[Score], weights: Sequence[float], why: Mapping_[str, str]) -> Score:
    """The weighted mean of scores, factor by factor, each with `why` of its factor;
    equal weights where all are 0."""
    total = sum(weights)
    if total <= 0:
        weights, total = [1.0] * len(scores), float(len(scores))
    by_factor: dict[str, float] = defaultdict(float)
    for score, weight in zip(scores, weights, strict=True):
        for reason in score.reasons:
            by_factor[reason.factor] += reason.points * weight
    reasons = tuple(
        Reason(key, by_factor[key] / total, why[key])
        for key, _label in FACTORS
        if by_factor.get(key, 0.0) > 0
    )
    return Score(sum(r.points for r in reasons), reasons)


def score_all(
    items: Sequence[ItemEstimate],
    keys: Sequence[tuple[str, str]],
    criticalities: Mapping_[tuple[str, str], str],
    profile: Profile,
) -> LockInScores:
    """Every item's score, each workload's (`keys`: the workload and its grouping of each
    item; `criticalities`: their criticality) and the estate's, weighted by each item's
    expected effort: a resource that takes more work to move weighs more."""
    scorer = _Scorer([item.mapping for item in items], profile)
    scores = tuple(scorer.score(item) for item in items)
    weights = [item.effort.mean for item in items]
    factors = profile.lock_in_factors
    why = {key: getattr(factors, key).reason for key, _label in FACTORS}
    members: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, key in enumerate(keys):
        members[key].append(index)
    workloads = []
    for (name, grouped_by), indices in members.items():
        score = _weighted([scores[i] for i in indices], [weights[i] for i in indices], why)
        workloads.append(
            WorkloadLockIn(
                name,
                grouped_by,
                criticalities.get((name, grouped_by), "not tagged"),
                len(indices),
                score.score,
                score.reasons,
            )
        )
    workloads.sort(key=lambda w: (-round(w.score, 6), w.workload, w.grouped_by))
    points = scorer.points
    ranked = heapq.nsmallest(
        HIGHEST,
        range(len(items)),
        key=lambda i: (-round(scores[i].score, 6), items[i].mapping.resource.id),
    )
    return LockInScores(
        scores,
        tuple(workloads),
        _weighted(scores, weights, why),
        tuple(Reason(key, points[key], why[key]) for key, _label in FACTORS),
        tuple((items[i].mapping.resource.id, scores[i]) for i in ranked),
    )
