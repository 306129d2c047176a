"""Ranges that include shared risk: a seeded simulation of the estimate over shared factors.

Items of one category (or structural entry, or unmapped type) go well or badly together,
and so does the whole programme; adding their variances as if they were independent makes
the range of a large estate far too narrow. Each part of the estimate (the resources of a
category, the data to move, a target platform) is drawn as

    (1 + sqrt(w_programme) (Q(U_programme) - 1))
  x (1 + sqrt(w_category) (Q(U_category) - 1))
  x (A + sqrt(1 - w_programme - w_category) B (Q(U_own) - 1))

where Q is the part's PERT distribution divided by its mean (so Q has mean 1), A the sum of
its items' means and B the root of the sum of their squares (what is left of the spread
when the items are independent). The factors are independent with mean 1, so each part's
mean is exactly A; a single item's spread is at least its PERT spread, a large group's
approaches that of items correlated by w_programme + w_category; every factor is positive,
so more data or more resources never lower a draw. Programme effort is the PERT share of
the rest drawn at the programme's own U: a programme that goes badly costs more to run.

The draws are stratified (Latin hypercube): each factor takes each of its `draws`
quantiles once, in an order shuffled by a SplitMix64 generator seeded from the profile's
seed and the factor's name, so that the figures are the same on every Python version and
machine, and a factor keeps its draws when others are added. Per group, never per
resource: 100,000 resources are a few hundred parts. Pure."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .threepoint import ThreePoint

_MASK = (1 << 64) - 1
_GRID = 1024  # cells of the numerical integration of a beta density


def splitmix64(state: int) -> tuple[int, int]:
    """The next state and output of SplitMix64 (Steele, Lea and Flood 2014)."""
    state = (state + 0x9E3779B97F4A7C15) & _MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return state, z ^ (z >> 31)


def _fnv1a(text: str) -> int:
    h = 0xCBF29CE484222325
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x100000001B3) & _MASK
    return h


@lru_cache(maxsize=4096)
def permutation(seed: int, name: str, size: int) -> tuple[int, ...]:
    """0 .. size-1 in an order drawn from (seed, name): four 16-bit sort keys from each
    64-bit output, ties kept in index order by the stable sort."""
    state = (seed ^ _fnv1a(name)) & _MASK
    keys: list[int] = []
    while len(keys) < size:
        state, out = splitmix64(state)
        keys += (out & 0xFFFF, (out >> 16) & 0xFFFF, (out >> 32) & 0xFFFF, out >> 48)
    del keys[size:]
    return tuple(sorted(range(size), key=keys.__getitem__))


@lru_cache(maxsize=1024)
def beta_quantiles(alpha: float, beta: float, size: int) -> tuple[float, ...]:
    """The beta(alpha, beta) distribution's quantiles at (k + 0.5) / size, k = 0 .. size-1,
    by integrating its density on a fine grid (the trapezoid rule) and inverting the
    cumulative sum linearly. PERT's alpha and beta are between 1 and 5, where the density
    is bounded, so the grid is accurate to well below the figures' rounding."""
    xs = [i / _GRID for i in range(_GRID + 1)]
    density = [x ** (alpha - 1) * (1 - x) ** (beta - 1) for x in xs]
    cumulative = [0.0]
    for i in range(_GRID):
        cumulative.append(cumulative[-1] + (density[i] + density[i + 1]) / 2)
    whole = cumulative[-1]
    out = []
    cell = 0
    for k in range(size):
        target = (k + 0.5) / size * whole
        while cumulative[cell + 1] < target:
            cell += 1
        low, high = cumulative[cell], cumulative[cell + 1]
        within = (target - low) / (high - low) if high > low else 0.0
        out.append((cell + within) / _GRID)
    return tuple(out)


def pert_quantiles(effort: ThreePoint, size: int) -> tuple[float, ...]:
    """PERT(o, m, p)'s quantiles at (k + 0.5) / size: a beta on [o, p] with mean
    (o + 4m + p) / 6, alpha = 1 + 4 (m - o) / (p - o), beta = 1 + 4 (p - m) / (p - o)."""
    o, p = effort.o, effort.p
    m = min(max(effort.m, o), p)  # the profile keeps o <= m <= p; rounding may not
    if p <= o:
        return (m,) * size
    alpha = 1 + 4 * (m - o) / (p - o)
    beta = 1 + 4 * (p - m) / (p - o)
    return tuple(o + (p - o) * b for b in beta_quantiles(round(alpha, 9), round(beta, 9), size))


@dataclass(frozen=True, slots=True)
class Part:
    """Items that share a factor and a shape (their three-point effort up to a scale)."""

    factor: str  # the shared factor: "category:<id>", "structural:<id>", "unmapped:<type>"
    shape: ThreePoint  # the items' three-point effort, any scale
    mean: float  # A: the sum of the items' means
    root_sum_squares: float  # B: the root of the sum of the items' squared means
    platform: bool = False
    unknown: bool = False


@dataclass(frozen=True, slots=True)
class Correlation:
    programme: float  # share of each item's variance shared by the whole estate
    category: float  # share shared by its category, structural entry or unmapped type
    draws: int
    seed: int


@dataclass(frozen=True, slots=True)
class Draws:
    resources: tuple[float, ...]
    platform: tuple[float, ...]
    effort: tuple[float, ...]  # with programme effort
    known: tuple[float, ...]  # effort without the resources that have no alternative


def merge(parts: Sequence[Part]) -> list[Part]:
    """Parts of one factor and one shape as one (items of a category in and out of
    production): their means add, and so do their squares."""
    merged: dict[tuple[str, tuple[float, ...], bool, bool], list[float]] = {}
    for part in parts:
        s = part.shape
        scale = s.mean
        shape = (1.0, 1.0, 1.0) if scale <= 0 else (s.o / scale, s.m / scale, s.p / scale)
        key = (part.factor, tuple(round(v, 12) for v in shape), part.platform, part.unknown)
        sums = merged.setdefault(key, [0.0, 0.0])
        sums[0] += part.mean
        sums[1] += part.root_sum_squares**2
    return [
        Part(factor, ThreePoint(*shape), a, math.sqrt(b2), platform, unknown)
        for (factor, shape, platform, unknown), (a, b2) in sorted(merged.items())
    ]


def simulate(parts: Sequence[Part], share: ThreePoint, correlation: Correlation) -> Draws:
    """Every draw of the resources, the platforms and the whole effort, one per stratum."""
    size, seed = correlation.draws, correlation.seed
    by_kind: tuple[list[tuple[float, ...]], ...] = ([], [], [])  # resources, platform, unknown
    for part in merge(parts):
        if part.mean <= 0:
            continue
        s = part.shape
        drawn = _part_draws(
            part.factor,
            (s.o, s.m, s.p),
            part.mean,
            part.root_sum_squares,
            correlation,
        )
        by_kind[1 if part.platform else 0].append(drawn)
        if part.unknown:
            by_kind[2].append(drawn)
    # Summed a draw at a time, in C (every scenario sums its parts: 15 at 100,000
    # resources), and exactly rounded: sum() of floats changed in Python 3.12.
    resources, platform, unknown = (
        list(map(math.fsum, zip(*vectors, strict=True))) if vectors else [0.0] * size
        for vectors in by_kind
    )
    programme = permutation(seed, "programme", size)
    shares = pert_quantiles(share, size)
    overhead = [1 + shares[i] for i in programme]
    effort = [(r + p) * f for r, p, f in zip(resources, platform, overhead, strict=True)]
    known = [
        (r + p - u) * f for r, p, u, f in zip(resources, platform, unknown, overhead, strict=True)
    ]
    return Draws(tuple(resources), tuple(platform), tuple(effort), tuple(known))


@lru_cache(maxsize=512)
def _part_draws(
    factor: str,
    shape: tuple[float, float, float],
    mean: float,
    root_sum_squares: float,
    correlation: Correlation,
) -> tuple[float, ...]:
    """One part's draws; kept, as scenarios share most of their parts (the unmapped, the
    configuration, the data, the platforms of the categories they agree on)."""
    size, seed = correlation.draws, correlation.seed
    q = _normalised(shape, size)
    sp = math.sqrt(correlation.programme)
    sc = math.sqrt(correlation.category)
    own = math.sqrt(max(1.0 - correlation.programme - correlation.category, 0.0))
    programme = permutation(seed, "programme", size)
    together = permutation(seed, factor, size)
    alone = permutation(seed, f"{factor}#{shape[0]:.9g}/{shape[1]:.9g}/{shape[2]:.9g}", size)
    a, b = mean, own * root_sum_squares
    return tuple(
        (1 + sp * (q[g] - 1)) * (1 + sc * (q[c] - 1)) * (a + b * (q[i] - 1))
        for g, c, i in zip(programme, together, alone, strict=True)
    )


@lru_cache(maxsize=256)
def _normalised(shape: tuple[float, float, float], size: int) -> tuple[float, ...]:
    """PERT quantiles divided by the mean: mean 1."""
    effort = ThreePoint(*shape)
    mean = effort.mean
    return tuple(v / mean for v in pert_quantiles(effort, size))


def percentiles(draws: Sequence[float]) -> tuple[float, float, float]:
    """P10, P50 and P90 of the draws (the draws at those ranks, interpolated)."""
    ordered = sorted(draws)
    return (_at(ordered, 0.1), _at(ordered, 0.5), _at(ordered, 0.9))


def _at(ordered: Sequence[float], q: float) -> float:
    if not ordered:
        return 0.0
    position = q * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def spread_share(draws: Draws) -> float:
    """The share of the P90 - P50 spread of the effort that the unknowns carry: what the
    spread loses without them."""
    _, p50, p90 = percentiles(draws.effort)
    _, k50, k90 = percentiles(draws.known)
    spread = p90 - p50
    if spread <= 0:
        return 0.0
    return min(max(1 - (k90 - k50) / spread, 0.0), 1.0)
