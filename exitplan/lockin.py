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
from typing import NamedTuple

from .catalogue import Compatibility, LockIn, Structural
from .constraints import Choice
from .estimate import ItemEstimate
from .i18n import N_, Number, _
from .mapping import Mapping
from .model import Resource
from .profile import Profile

GIB = 1024**3
HIGHEST = 10  # resources the plan names as the most locked in
# Workloads the plan's tables list, highest first: a large estate has thousands, and
# plan.json holds every one.
SHOWN = 50

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
_LICENCE_KEYS = frozenset(_LICENCE_ATTRIBUTES)
_LICENCES = (
    ("windows", "Windows Server"),
    ("sqlserver", "SQL Server"),
    ("sql server", "SQL Server"),
    ("mssql", "SQL Server"),
    ("oracle", "Oracle"),
)


class Reason(NamedTuple):
    factor: str  # a key of FACTORS
    points: float  # of the 100
    why: str

    @property
    def label(self) -> str:
        """The factor's name, a msgid: templates show it as `labels[reason.label]`."""
        return LABELS[self.factor]


class Score(NamedTuple):
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
    def shown(self) -> tuple[WorkloadLockIn, ...]:
        """The workloads the plan lists; all are in plan.json."""
        return self.workloads[:SHOWN]

    @property
    def factor_rows(self) -> tuple[tuple[Reason, float], ...]:
        """Each factor with the points it gives the estate."""
        estate = {r.factor: r.points for r in self.estate.reasons}
        return tuple((f, estate.get(f.factor, 0.0)) for f in self.factors)


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


@dataclass(frozen=True, slots=True)
class _Parts:
    """A service's reasons, shared by its resources: before the data and coupling
    reasons (interface), after them (EU alternative, open standard), and the score of a
    resource with no data, relations or licence."""

    head: tuple[Reason, ...]
    tail: tuple[Reason, ...]
    plain: Score


class _Scorer:
    """Scores items one after another; what items share is made once. At 100,000
    resources this runs for each of them."""

    def __init__(self, mappings: Sequence[Mapping], profile: Profile) -> None:
        factors = profile.lock_in_factors
        weights = {key: getattr(factors, key).weight for key, _label in FACTORS}
        total = sum(weights.values())
        self.points = {key: 100 * weight / total for key, weight in weights.items()}
        self.data_scale = 1 / math.log2(1 + profile.lock_in_data_full_gib)
        self.coupling_full = profile.lock_in_coupling_full
        self.choices = {m.choice.category.id: m.choice for m in mappings if m.choice}
        self.parts: dict[int | str, _Parts] = {}
        # Scores by what makes them: most resources share one with many others.
        self.made: dict[tuple[int, int, int, int, str | None], Score] = {}
        self.licences: dict[str, str | None] = {}
        self.data_why = _("{gib:,.1f} GiB to move")
        self.coupling_why = _("relates to {own}, named by {named_by} other resource(s)")
        self.licence_why = _("{name} licence")
        # Relations in one pass: each resource's own (itself left out), and how many
        # other resources name each id.
        self.own: list[int] = []
        self.incoming: dict[str, int] = defaultdict(int)
        for mapping in mappings:
            resource = mapping.resource
            relations = resource.relations
            if not relations:
                self.own.append(0)
                continue
            targets = {t for ids in relations.values() for t in ids}
            targets.discard(resource.id)
            self.own.append(len(targets))
            for target in targets:
                self.incoming[target] += 1

    def _shared(self, mapping: Mapping) -> _Parts:
        key: int | str
        if mapping.choice is not None:
            # One choice per category in a plan: keyed by the object all its resources
            # share (an int, so never equal to a structural id or the unmapped "").
            key = id(mapping.choice)
        elif mapping.structure is not None:
            key = mapping.structure.id
        else:
            key = ""
        found = self.parts.get(key)
        if found is None:
            found = self.parts[key] = self._make_parts(self._service(mapping))
        return found

    def _service(self, mapping: Mapping) -> _Service:
        if mapping.choice is not None:
            return _of_choice(mapping.choice)
        if mapping.structure is None:
            return _unmapped()
        parent = self.choices.get(mapping.structure.moves_with)
        # Configuration is as tied as the service it is rebuilt with.
        return _of_choice(parent) if parent else _landing_zone(mapping.structure)

    def _make_parts(self, service: _Service) -> _Parts:
        points = self.points
        head = (
            Reason(
                "proprietary_interface",
                points["proprietary_interface"] * service.interface,
                service.interface_why,
            ),
        )
        tail = (
            Reason("no_eu_alternative", points["no_eu_alternative"], service.no_eu_why)
            if service.no_eu
            else None,
            Reason("no_open_standard", points["no_open_standard"], service.no_standard_why)
            if service.no_standard
            else None,
        )
        kept_head = tuple(r for r in head if r.points > 0)
        kept_tail = tuple(r for r in tail if r is not None and r.points > 0)
        both = kept_head + kept_tail
        return _Parts(kept_head, kept_tail, Score(sum(r.points for r in both), both))

    def score(self, index: int, item: ItemEstimate) -> Score:
        resource = item.mapping.resource
        parts = self._shared(item.mapping)
        own = self.own[index]
        named_by = self.incoming.get(resource.id, 0)
        licence = licence_of(resource, self.licences)
        key = (id(parts), item.data_bytes, own, named_by, licence)
        found = self.made.get(key)
        if found is None:
            found = self.made[key] = self._score(parts, item.data_bytes, own, named_by, licence)
        return found

    def _score(
        self, parts: _Parts, data_bytes: int, own: int, named_by: int, licence: str | None
    ) -> Score:
        if not (data_bytes or own or named_by or licence):
            return parts.plain
        points = self.points
        middle = []
        if data_bytes:
            gib = data_bytes / GIB
            share = min(1.0, math.log2(1 + gib) * self.data_scale)
            middle.append(
                Reason(
                    "data_volume",
                    points["data_volume"] * share,
                    self.data_why.format(gib=Number(gib)),
                )
            )
        if own or named_by:
            share = min(1.0, (own + named_by) / self.coupling_full)
            why = self.coupling_why.format(own=own, named_by=named_by)
            middle.append(Reason("coupling", points["coupling"] * share, why))
        reasons = [*parts.head, *(r for r in middle if r.points > 0), *parts.tail]
        if licence and points["licence"] > 0:
            reasons.append(
                Reason("licence", points["licence"], self.licence_why.format(name=licence))
            )
        return Score(sum(r.points for r in reasons), tuple(reasons))


def licence_of(resource: Resource, seen: dict[str, str | None] | None = None) -> str | None:
    """The licence a resource's attributes name that travels or must be bought, if any;
    `seen`: attribute values already looked at, and what they name."""
    attributes = resource.attributes
    # Most resources have none of these attributes: one set operation tells.
    if not attributes or _LICENCE_KEYS.isdisjoint(attributes):
        return None
    for name in _LICENCE_ATTRIBUTES:
        value = attributes.get(name)
        if isinstance(value, str):
            found = seen.get(value, "") if seen is not None else ""
            if found == "":
                found = _licence_named(value)
                if seen is not None:
                    seen[value] = found
            if found:
                return found
    return None


def _licence_named(value: str) -> str | None:
    lowered = value.lower()
    return next((licence for term, licence in _LICENCES if term in lowered), None)


class _Sums:
    """A workload's resources, as the distinct scores they share: each with its summed
    expected effort and count. Means are taken from these, weighted by effort, or plain
    where the effort is all 0 (every resource then counts the same)."""

    __slots__ = ("scores",)

    def __init__(self) -> None:
        self.scores: dict[int, tuple[Score, float, int]] = {}

    def add(self, score: Score, weight: float) -> None:
        key = id(score)  # scores are shared objects; `made` keeps them alive
        held = self.scores.get(key)
        self.scores[key] = (
            (score, weight, 1) if held is None else (score, held[1] + weight, held[2] + 1)
        )

    def merge(self, other: _Sums) -> None:
        for score, weight, count in other.scores.values():
            held = self.scores.get(id(score))
            self.scores[id(score)] = (
                (score, weight, count)
                if held is None
                else (score, held[1] + weight, held[2] + count)
            )

    @property
    def count(self) -> int:
        return sum(count for _score, _weight, count in self.scores.values())

    def mean(self, why: Mapping_[str, str]) -> Score:
        """Each factor's mean points, with `why` of its factor."""
        total = sum(weight for _score, weight, _count in self.scores.values())
        by_effort = total > 0
        if not by_effort:
            total = self.count
        sums: dict[str, float] = defaultdict(float)
        for score, weight, count in self.scores.values():
            share = weight if by_effort else count
            for factor, points, _why in score.reasons:
                sums[factor] += points * share
        reasons = tuple(
            Reason(key, sums[key] / total, why[key])
            for key, _label in FACTORS
            if sums.get(key, 0.0) > 0
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
    factors = profile.lock_in_factors
    why = {key: getattr(factors, key).reason for key, _label in FACTORS}
    sums: dict[tuple[str, str], _Sums] = defaultdict(_Sums)
    scores = []
    for index, (item, key) in enumerate(zip(items, keys, strict=True)):
        score = scorer.score(index, item)
        scores.append(score)
        sums[key].add(score, item.effort.mean)
    estate = _Sums()
    workloads = []
    for (name, grouped_by), part in sums.items():
        estate.merge(part)
        score = part.mean(why)
        workloads.append(
            WorkloadLockIn(
                name,
                grouped_by,
                criticalities.get((name, grouped_by), "not tagged"),
                part.count,
                score.score,
                score.reasons,
            )
        )
    workloads.sort(key=lambda w: (-round(w.score, 6), w.workload, w.grouped_by))
    points = scorer.points
    return LockInScores(
        tuple(scores),
        tuple(workloads),
        estate.mean(why),
        tuple(Reason(key, points[key], why[key]) for key, _label in FACTORS),
        tuple((items[i].mapping.resource.id, scores[i]) for i in _highest(items, scores)),
    )


def _highest(items: Sequence[ItemEstimate], scores: Sequence[Score]) -> list[int]:
    """The indices of the HIGHEST highest scores, ties by resource id. Only the scores
    at or above the HIGHEST-th are sorted: thousands, not 100,000."""
    totals = [score.score for score in scores]
    if not totals:
        return []
    threshold = heapq.nlargest(HIGHEST, totals)[-1]
    candidates = [i for i, total in enumerate(totals) if total >= threshold]
    candidates.sort(key=lambda i: (-totals[i], items[i].mapping.resource.id))
    return candidates[:HIGHEST]
