"""What the cost exports say was spent, as a value: amounts per provider, account, service,
workload, month and currency, with the files read and what they leave uncertain. Sums are
Decimals, exact whatever the order of the rows or files; a caller converts at the edge."""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

Provider = Literal["aws", "azure", "gcp", "other"]
# amortized: commitments spread over the usage they cover (FOCUS EffectiveCost, CUR's
# amortized formula); billed: as invoiced (BilledCost, unblended); unstated: the file does
# not tell, as Cost Explorer's download and Azure exports without commitments.
Basis = Literal["amortized", "billed", "unstated"]
GapKind = Literal[
    "partial-month", "no-cost", "no-account", "currency", "credit", "refund", "tax", "tags"
]
By = Literal["provider", "account", "workload", "service"]
ZERO = Decimal(0)


@dataclass(frozen=True, order=True)
class Line:
    """The spend of one month for one provider, account, service, workload and currency.
    An empty account or workload is one the export did not give."""

    provider: Provider
    account: str
    service: str
    workload: str
    month: str  # YYYY-MM
    currency: str
    amount: Decimal


@dataclass(frozen=True, order=True)
class FileRead:
    name: str
    format: str
    basis: Basis
    cost_column: str
    rows: int
    months: tuple[str, ...]


@dataclass(frozen=True, order=True)
class Gap:
    """Something that makes the spend less certain, and how much of it: rows counts the
    rows concerned, amount their cost (None where they have none). `detail` is a month
    for partial months, a currency for currencies apart, else empty."""

    kind: GapKind
    files: tuple[str, ...]
    provider: str
    detail: str
    rows: int
    currency: str
    amount: Decimal | None


@dataclass(frozen=True)
class Average:
    """Spend per month over the months each provider's exports cover fully, in one
    currency: lines in other currencies are left out and named."""

    currency: str
    by: By
    amounts: tuple[tuple[str, Decimal], ...]  # sorted by key
    total: Decimal
    months: tuple[tuple[str, tuple[str, ...]], ...]  # provider -> its full months
    without_full_month: tuple[str, ...]  # providers left out: no month fully covered
    other_currencies: tuple[str, ...]


@dataclass(frozen=True)
class Spend:
    lines: tuple[Line, ...]
    taxes: tuple[Line, ...]  # kept apart: a tax is no run cost a target replaces
    files: tuple[FileRead, ...]
    gaps: tuple[Gap, ...]
    full_months: tuple[tuple[str, tuple[str, ...]], ...]  # provider -> fully covered

    @property
    def currencies(self) -> tuple[str, ...]:
        """Every currency, the main one first: the one with the most spend."""
        weight: dict[str, Decimal] = defaultdict(Decimal)
        for line in self.lines:
            weight[line.currency] += abs(line.amount)
        return tuple(sorted(weight, key=lambda c: (-weight[c], c)))

    def total(self, currency: str | None = None) -> Decimal:
        """All the spend in `currency` (the main one by default), every month."""
        chosen = currency or self._main()
        return sum((x.amount for x in self.lines if x.currency == chosen), ZERO)

    def monthly_average(self, by: By = "provider", currency: str | None = None) -> Average:
        chosen = currency or self._main()
        full = dict(self.full_months)
        counted = {provider: len(months) for provider, months in full.items() if months}
        # Summed per provider first, then divided once: each provider's months are its own.
        sums: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
        key: Callable[[Line], str] = _KEYS[by]
        for line in self.lines:
            if line.currency == chosen and line.month in full.get(line.provider, ()):
                sums[(key(line), line.provider)] += line.amount
        averages: dict[str, Decimal] = defaultdict(Decimal)
        for (name, provider), amount in sorted(sums.items()):
            averages[name] += amount / counted[provider]
        amounts = tuple(sorted(averages.items()))
        providers = sorted({x.provider for x in self.lines})
        return Average(
            currency=chosen,
            by=by,
            amounts=amounts,
            total=sum((amount for _, amount in amounts), ZERO),
            months=tuple((p, full.get(p, ())) for p in providers),
            without_full_month=tuple(p for p in providers if p not in counted),
            other_currencies=tuple(c for c in self.currencies if c != chosen),
        )

    def _main(self) -> str:
        return next(iter(self.currencies), "")


_KEYS: dict[By, Callable[[Line], str]] = {
    "provider": lambda line: line.provider,
    "account": lambda line: f"{line.provider}:{line.account}",
    "workload": lambda line: line.workload,
    "service": lambda line: f"{line.provider}:{line.service}",
}


def days_in(month: str) -> int:
    year, number = int(month[:4]), int(month[5:7])
    return calendar.monthrange(year, number)[1]


def full_mask(month: str) -> int:
    """The days of a month as bits 1..n, the way coverage is recorded."""
    return ((1 << days_in(month)) - 1) << 1


def covered(masks: Iterable[tuple[str, int]]) -> tuple[str, ...]:
    return tuple(sorted(month for month, mask in masks if mask == full_mask(month)))
