"""AWS Cost Explorer's "Download CSV": a column per service (its name and the currency:
`Amazon Simple Storage Service($)`), a last column `Total costs($)`, a row `Service total`
and then a row per day or month, dated by its first day. It names no account and does not
say which cost (unblended, amortized, ...) the user chose to show."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path

from exitplan.errors import InputError
from exitplan.i18n import _

from .cells import CellError, amount, period
from .layouts import Charge, currency_in
from .model import ZERO
from .problems import cell_error
from .tally import FileTally

FORMAT = "aws-cost-explorer"
_TOTAL = "Total costs"
_FIRST = "Service"


def matches(header: Sequence[str]) -> bool:
    return (
        len(header) >= 2
        and header[0].strip() == _FIRST
        and all(currency_in(name) for name in header[1:])
    )


def read(
    path: Path,
    header: Sequence[str],
    rows: Iterator[list[str]],
    line: Callable[[], int],
    into: FileTally,
) -> None:
    columns = [
        (i, name.rsplit("(", 1)[0].strip(), currency_in(name) or "")
        for i, name in enumerate(header)
        if i and not name.startswith(_TOTAL)
    ]
    found: list[tuple[str, int, str, str, Decimal]] = []
    days: set[int] = set()
    for row in rows:
        if not row or row == [""] or row[0].strip() == "Service total":
            continue
        try:
            month, mask = period(row[0], "", _FIRST)
            for i, service, currency in columns:
                value = amount(row[i], header[i]) if i < len(row) else None
                if value is not None:
                    found.append((month, mask, service, currency, value))
        except CellError as exc:
            raise cell_error(path, line(), exc) from None
        days.add(mask)
    if not found and not days:
        raise InputError(
            _("{path}: a Cost Explorer download without a dated row").format(path=path),
            _("download the report again with a date range that holds costs"),
        )
    monthly = days == {1 << 1}  # every row dated the first: one row per month
    for month, mask, service, currency, value in found:
        into.add(Charge("aws", "", service, "", month, mask, currency, value, ZERO, "usage"))
    if monthly:
        into.whole_months("aws", {month for month, *_ in found})
    into.end(FORMAT, "unstated", _TOTAL)
