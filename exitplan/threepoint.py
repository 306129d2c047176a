"""Three-point (PERT) estimates: optimistic, most likely, pessimistic."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

# z for the 10th and 90th percentiles of a normal distribution.
_Z90 = 1.2816


@dataclass(frozen=True, slots=True)
class ThreePoint:
    o: float
    m: float
    p: float

    @property
    def mean(self) -> float:
        return (self.o + 4 * self.m + self.p) / 6

    @property
    def sd(self) -> float:
        return (self.p - self.o) / 6

    def scaled(self, factor: float) -> ThreePoint:
        return ThreePoint(self.o * factor, self.m * factor, self.p * factor)

    def __add__(self, other: ThreePoint) -> ThreePoint:
        return ThreePoint(self.o + other.o, self.m + other.m, self.p + other.p)


@dataclass(frozen=True, slots=True)
class Total:
    """A sum of three-point estimates: the sums of their bounds, the mean and standard
    deviation, and where a simulation gave them (`exitplan.ranges`), its P10, P50 and
    P90. Without them the items count as independent: means add, variances add, and the
    percentiles are the normal distribution's."""

    o: float
    m: float
    p: float
    mean: float
    sd: float
    percentiles: tuple[float, float, float] | None = None

    @property
    def p10(self) -> float:
        if self.percentiles is not None:
            return self.percentiles[0]
        return max(self.o, self.mean - _Z90 * self.sd)

    @property
    def p50(self) -> float:
        if self.percentiles is not None:
            return self.percentiles[1]
        return min(max(self.o, self.mean), self.p)

    @property
    def p90(self) -> float:
        if self.percentiles is not None:
            return self.percentiles[2]
        return min(self.p, self.mean + _Z90 * self.sd)

    def scaled(self, factor: float) -> Total:
        q = self.percentiles
        return Total(
            self.o * factor,
            self.m * factor,
            self.p * factor,
            self.mean * factor,
            self.sd * factor,
            None if q is None else (q[0] * factor, q[1] * factor, q[2] * factor),
        )


def total(items: Iterable[ThreePoint]) -> Total:
    o = m = p = mean = var = 0.0
    for item in items:
        # `mean` and `sd` written out: the same sums, without two calls per item.
        io, im, ip = item.o, item.m, item.p
        o += io
        m += im
        p += ip
        mean += (io + 4 * im + ip) / 6
        var += ((ip - io) / 6) ** 2
    return Total(o, m, p, mean, math.sqrt(var))


def combine(totals: Iterable[Total]) -> Total:
    parts = list(totals)
    return Total(
        sum(t.o for t in parts),
        sum(t.m for t in parts),
        sum(t.p for t in parts),
        sum(t.mean for t in parts),
        math.sqrt(sum(t.sd**2 for t in parts)),
    )
