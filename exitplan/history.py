"""What changed between two inventories of one estate, and how far the exit has come: pure
functions over inventories, for `exitplan diff` and the burn-down of `exitplan history`.

Resources are the same resource when their provider and id are; a resource whose other
fields differ has changed, and the fields are named. Progress is counted per provider and
workload (as the plan forms workloads): what the baseline had, what is left, what is gone
and what is new. An inventory only says what still runs: whether a resource that is gone
was moved or retired, only the runbooks' recorded actuals can tell, and the diff says so
rather than guessing."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .inventory import identity
from .model import Inventory, Resource
from .planning import workload_of

# Compared to tell a changed resource; `provider` and `id` make its identity.
_FIELDS = tuple(name for name in Resource.model_fields if name not in ("provider", "id"))


@dataclass(frozen=True)
class Changed:
    before: Resource
    after: Resource
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Progress:
    """One provider's part of one workload, from the baseline to now."""

    provider: str
    workload: str
    grouped_by: str
    baseline: int
    now: int
    gone: int
    new: int

    @property
    def share_gone(self) -> float:
        return self.gone / self.baseline if self.baseline else 0.0


@dataclass(frozen=True)
class InventoryDiff:
    added: tuple[Resource, ...]
    removed: tuple[Resource, ...]
    changed: tuple[Changed, ...]
    unchanged: int
    progress: tuple[Progress, ...]
    # Scan gaps of either side: what could not be read is not known to be gone.
    gaps_before: int
    gaps_after: int

    @property
    def baseline(self) -> int:
        return sum(p.baseline for p in self.progress)

    @property
    def remaining(self) -> int:
        return sum(p.now for p in self.progress)


def diff(before: Inventory, after: Inventory) -> InventoryDiff:
    old = {identity(r): r for r in before.resources}
    new = {identity(r): r for r in after.resources}
    added = tuple(new[k] for k in sorted(new.keys() - old.keys()))
    removed = tuple(old[k] for k in sorted(old.keys() - new.keys()))
    changed = []
    unchanged = 0
    for key in sorted(old.keys() & new.keys()):
        fields = _changed_fields(old[key], new[key])
        if fields:
            changed.append(Changed(old[key], new[key], fields))
        else:
            unchanged += 1
    return InventoryDiff(
        added,
        removed,
        tuple(changed),
        unchanged,
        _progress(before.resources, after.resources, removed, added),
        len(before.gaps),
        len(after.gaps),
    )


def _changed_fields(a: Resource, b: Resource) -> tuple[str, ...]:
    if a == b:
        return ()
    return tuple(name for name in _FIELDS if getattr(a, name) != getattr(b, name))


def _progress(
    before: Sequence[Resource],
    after: Sequence[Resource],
    removed: Sequence[Resource],
    added: Sequence[Resource],
) -> tuple[Progress, ...]:
    counts: dict[str, Counter[tuple[str, str, str]]] = defaultdict(Counter)
    for name, resources in (
        ("baseline", before), ("now", after), ("gone", removed), ("new", added)
    ):  # fmt: skip
        for resource in resources:
            workload, grouped_by = workload_of(resource)
            counts[name][(resource.provider, workload, grouped_by)] += 1
    keys = sorted(set(counts["baseline"]) | set(counts["now"]))
    return tuple(
        Progress(
            provider,
            workload,
            grouped_by,
            counts["baseline"][(provider, workload, grouped_by)],
            counts["now"][(provider, workload, grouped_by)],
            counts["gone"][(provider, workload, grouped_by)],
            counts["new"][(provider, workload, grouped_by)],
        )
        for provider, workload, grouped_by in keys
    )


def by_provider(progress: Sequence[Progress]) -> tuple[Progress, ...]:
    """The progress summed per provider (workload "" stands for all of them)."""
    sums: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for p in progress:
        _add(sums[(p.provider, "", "")], p)
    return tuple(Progress(*key, *sums[key]) for key in sorted(sums))


def by_workload(progress: Sequence[Progress]) -> tuple[Progress, ...]:
    """The progress summed per workload over its providers (provider "" for all)."""
    sums: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for p in progress:
        _add(sums[("", p.workload, p.grouped_by)], p)
    return tuple(Progress(*key, *sums[key]) for key in sorted(sums))


def _add(row: list[int], p: Progress) -> None:
    for i, value in enumerate((p.baseline, p.now, p.gone, p.new)):
        row[i] += value
