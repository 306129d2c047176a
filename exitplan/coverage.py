"""How much of an estate the catalogue knows: per cloud, the resources that map to a
service category, those that are configuration of another resource, and those unmapped,
with the share of likely effort the unmapped ones carry (they are estimated as unknowns,
so a small count can dominate the total). Pure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .estimate import ItemEstimate


@dataclass(frozen=True, slots=True)
class CoverageRow:
    provider: str  # a cloud, or "" for the total
    resources: int
    mapped: int
    structural: int
    unmapped: int
    likely_days: float  # most likely person-days of the resources (no platform, programme)
    unmapped_days: float

    @property
    def known_share(self) -> float:
        known = self.mapped + self.structural
        return known / self.resources if self.resources else 1.0

    @property
    def unmapped_effort_share(self) -> float:
        return self.unmapped_days / self.likely_days if self.likely_days else 0.0


@dataclass(frozen=True, slots=True)
class Coverage:
    rows: tuple[CoverageRow, ...]  # per cloud, by name
    total: CoverageRow
    unmapped_types: tuple[tuple[str, str, int], ...]  # provider, type, resources; most first
    structural_types: tuple[tuple[str, str, int], ...]


def coverage(items: Sequence[ItemEstimate]) -> Coverage:
    counts: dict[str, Counter[str]] = {}
    days: dict[str, dict[str, float]] = {}
    unmapped: Counter[tuple[str, str]] = Counter()
    structural: Counter[tuple[str, str]] = Counter()
    for item in items:
        mapping, resource = item.mapping, item.mapping.resource
        kind = "mapped" if mapping.choice else "structural" if mapping.structure else "unmapped"
        counts.setdefault(resource.provider, Counter())[kind] += 1
        likely = days.setdefault(resource.provider, {"all": 0.0, "unmapped": 0.0})
        likely["all"] += item.effort.m
        if kind == "unmapped":
            likely["unmapped"] += item.effort.m
            unmapped[(resource.provider, resource.type)] += 1
        elif kind == "structural":
            structural[(resource.provider, resource.type)] += 1
    rows = tuple(_row(p, counts[p], days[p]) for p in sorted(counts))
    everything = {k: sum(d[k] for d in days.values()) for k in ("all", "unmapped")}
    total = _row("", sum(counts.values(), Counter()), everything)
    return Coverage(rows, total, _ranked(unmapped), _ranked(structural))


def _row(provider: str, counts: Counter[str], days: dict[str, float]) -> CoverageRow:
    return CoverageRow(
        provider=provider,
        resources=sum(counts.values()),
        mapped=counts["mapped"],
        structural=counts["structural"],
        unmapped=counts["unmapped"],
        likely_days=days["all"],
        unmapped_days=days["unmapped"],
    )


def _ranked(counter: Counter[tuple[str, str]]) -> tuple[tuple[str, str, int], ...]:
    return tuple(
        (provider, type_, n)
        for (provider, type_), n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    )
