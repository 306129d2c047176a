"""Charges summed as they are read, so that memory grows with the number of distinct
(provider, account, service, workload, month, currency) keys, never with the rows."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from .layouts import Charge
from .model import ZERO, Basis, FileRead, Gap, GapKind, Line, Spend, covered, full_mask

Key = tuple[str, str, str, str, str, str]


class _Counted:
    __slots__ = ("amount", "files", "rows")

    def __init__(self) -> None:
        self.files: set[str] = set()
        self.rows = 0
        self.amount: Decimal = ZERO


class Tally:
    def __init__(self) -> None:
        self.sums: dict[Key, Decimal] = {}
        self.taxes: dict[Key, Decimal] = {}
        self.days: dict[tuple[str, str], int] = {}
        self.files: list[FileRead] = []
        self.counted: dict[tuple[GapKind, str, str, str], _Counted] = defaultdict(_Counted)
        self.currencies: dict[tuple[str, str], _Counted] = defaultdict(_Counted)
        self.months: dict[tuple[str, str], set[str]] = defaultdict(set)

    def begin(self, name: str) -> FileTally:
        return FileTally(self, name)

    def spend(self) -> Spend:
        masks: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for (provider, month), mask in self.days.items():
            masks[provider].append((month, mask))
        full = tuple((p, covered(masks[p])) for p in sorted(masks))
        gaps = [self._gap(key, counted) for key, counted in self.counted.items()]
        gaps += self._partial_months()
        gaps += self._currencies()
        return Spend(
            lines=_lines(self.sums),
            taxes=_lines(self.taxes),
            files=tuple(sorted(self.files)),
            gaps=tuple(sorted(gaps, key=_gap_order)),
            full_months=full,
        )

    @staticmethod
    def _gap(key: tuple[GapKind, str, str, str], counted: _Counted) -> Gap:
        kind, provider, detail, currency = key
        amount = counted.amount if kind != "no-cost" else None
        files = tuple(sorted(counted.files))
        return Gap(kind, files, provider, detail, counted.rows, currency, amount)

    def _partial_months(self) -> list[Gap]:
        return [
            Gap("partial-month", tuple(sorted(self.months[key])), key[0], key[1], 0, "", None)
            for key, mask in self.days.items()
            if mask != full_mask(key[1])
        ]

    def _currencies(self) -> list[Gap]:
        """The rows in a currency other than the main one (that of the most spend, as
        Spend.currencies tells it), with their sum: no average adds them up."""
        weight: dict[str, Decimal] = defaultdict(Decimal)
        for (provider, *_, currency), amount in self.sums.items():
            weight[currency] += abs(amount)
            self.currencies[(provider, currency)].amount += amount
        if len(weight) < 2:
            return []
        main = min(weight, key=lambda c: (-weight[c], c))
        return [
            Gap("currency", tuple(sorted(c.files)), p, currency, c.rows, currency, c.amount)
            for (p, currency), c in self.currencies.items()
            if currency != main
        ]


def _gap_order(gap: Gap) -> tuple[str, str, str, str, tuple[str, ...]]:
    return (gap.kind, gap.provider, gap.detail, gap.currency, gap.files)


def _lines(sums: dict[Key, Decimal]) -> tuple[Line, ...]:
    return tuple(
        Line(p, account, service, workload, month, currency, amount)  # type: ignore[arg-type]
        for (p, account, service, workload, month, currency), amount in sorted(sums.items())
    )


class FileTally:
    """One file's charges, added to the whole as they come; its gaps name it."""

    def __init__(self, tally: Tally, name: str) -> None:
        self.tally, self.name, self.rows = tally, name, 0
        self.days: dict[tuple[str, str], int] = {}
        self.currencies: dict[tuple[str, str], int] = {}  # rows per provider and currency

    def add(self, charge: Charge) -> None:
        tally = self.tally
        self.rows += 1
        provider, account, service, workload, month, mask, currency, amount, credit, kind = charge
        key = (provider, account, service, workload or "", month, currency)
        target = tally.taxes if kind == "tax" else tally.sums
        target[key] = target.get(key, ZERO) + amount
        where = (provider, month)
        days = self.days
        days[where] = days.get(where, 0) | mask
        spent = (provider, currency)
        self.currencies[spent] = self.currencies.get(spent, 0) + 1
        if kind != "usage":
            self.note(kind, provider, amount if kind != "credit" else credit, currency)  # type: ignore[arg-type]
        elif credit:
            self.note("credit", provider, credit, currency)
        if not account:
            self.note("no-account", provider, amount, currency)
        if workload is None:
            self.note("tags", provider, amount, currency)

    def note(self, kind: GapKind, provider: str, amount: Decimal, currency: str) -> None:
        counted = self.tally.counted[(kind, provider, "", currency)]
        counted.files.add(self.name)
        counted.rows += 1
        counted.amount += amount

    def without_cost(self) -> None:
        self.rows += 1
        self.note("no-cost", "", ZERO, "")

    def whole_months(self, provider: str, months: set[str]) -> None:
        """Months an export gives as totals: whole, as far as anyone can tell."""
        for month in months:
            self.days[(provider, month)] = full_mask(month)

    def end(self, format: str, basis: Basis, cost_column: str) -> None:
        tally = self.tally
        for where, mask in self.days.items():
            tally.days[where] = tally.days.get(where, 0) | mask
            tally.months[where].add(self.name)
        for spent, rows in self.currencies.items():
            counted = tally.currencies[spent]
            counted.rows += rows
            counted.files.add(self.name)
        months = tuple(sorted({month for _, month in self.days}))
        tally.files.append(FileRead(self.name, format, basis, cost_column, self.rows, months))
