"""The tabular cost exports, told from their header: where each one keeps the cost, the
account, the service, the date, the currency and the tags, and how a row becomes a
charge. One generic row reader (`reader.py`) drives them all."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from operator import itemgetter
from typing import NamedTuple

from .cells import EMPTY, amount, columns_workload, period, tags_workload
from .model import ZERO, Basis, Provider


class Charge(NamedTuple):
    provider: Provider
    account: str
    service: str
    workload: str | None  # None: the tags could not be read
    month: str
    mask: int  # the days of the month the charge covers, as bits
    currency: str
    amount: Decimal  # what the run rate counts: cost and credits
    credit: Decimal  # the part of amount that is credits, shown apart
    kind: str  # usage, tax, credit or refund


Row = Sequence[str]
Cost = Callable[[Row], Decimal | None]


@dataclass(frozen=True)
class Layout:
    format: str
    cost_column: str
    basis: Callable[[], Basis]  # known once every row is read, for Azure
    width: int
    charge: Callable[[Row], Charge | None]


FORMATS = ("focus", "aws-cur", "azure", "gcp")


def _snake(name: str) -> str:
    """CUR's legacy and 2.0 spellings made one: lineItem/UnblendedCost and
    line_item_unblended_cost; other headers lowercased with _ between words."""
    parts = (re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", p) for p in name.strip().split("/"))
    return re.sub(r"[^a-z0-9]+", "_", "_".join(parts).lower()).strip("_")


class Columns:
    def __init__(self, header: Sequence[str], normal: Callable[[str], str]) -> None:
        self.raw = tuple(header)
        self.index: dict[str, int] = {}
        for i, name in enumerate(header):
            self.index.setdefault(normal(name), i)

    def first(self, *names: str) -> int | None:
        return next((self.index[n] for n in names if n in self.index), None)

    def present(self, *names: str) -> tuple[int, ...]:
        return tuple(self.index[n] for n in names if n in self.index)

    def has(self, *names: str) -> bool:
        return all(n in self.index for n in names)


def _focus_provider(text: str) -> Provider:
    lowered = text.lower()
    if "amazon" in lowered or lowered.startswith("aws"):
        return "aws"
    if "microsoft" in lowered or "azure" in lowered:
        return "azure"
    if "google" in lowered or lowered == "gcp":
        return "gcp"
    return "other"


def _number(i: int, name: str) -> Cost:
    return lambda row: amount(row[i], name)


def _service(row: Row, indices: tuple[int, ...]) -> str:
    for i in indices:
        text = row[i]
        if text and text not in EMPTY:
            return text
    return ""


def _cell(row: Row, i: int | None) -> str:
    if i is None:
        return ""
    text = row[i]
    return "" if text in EMPTY else text


def focus(header: Sequence[str]) -> Layout | None:
    cols = Columns(header, str.strip)
    if not cols.has("BilledCost", "ChargePeriodStart", "BillingCurrency"):
        return None
    name = "EffectiveCost" if cols.has("EffectiveCost") else "BilledCost"
    cost = _number(cols.index[name], name)
    basis: Basis = "amortized" if name == "EffectiveCost" else "billed"
    who = cols.first("ServiceProviderName", "ServiceProvider", "ProviderName")
    account = cols.first("SubAccountId", "BillingAccountId")
    service = cols.present("ServiceName")
    start, end = cols.index["ChargePeriodStart"], cols.first("ChargePeriodEnd")
    currency, tags = cols.index["BillingCurrency"], cols.first("Tags")
    category, klass = cols.first("ChargeCategory"), cols.first("ChargeClass")
    providers: dict[str, Provider] = {}

    def charge(row: Row) -> Charge | None:
        value = cost(row)
        if value is None:
            return None
        month, mask = period(row[start], _cell(row, end), "ChargePeriodStart")
        named = _cell(row, who)
        provider = providers.get(named) or providers.setdefault(named, _focus_provider(named))
        kind = _KIND.get(_cell(row, category).lower(), "usage")
        if _cell(row, klass) == "Correction" and kind == "usage":
            kind = "refund"
        return Charge(
            provider, _cell(row, account), _service(row, service), _tags(row, tags), month,
            mask, row[currency], value, value if kind == "credit" else ZERO, kind,
        )  # fmt: skip

    return Layout("focus", name, lambda: basis, len(header), charge)


_KIND = {"tax": "tax", "credit": "credit", "refund": "refund"}
_CUR_KIND = {"Tax": "tax", "Credit": "credit", "Refund": "refund"}


def _tags(row: Row, i: int | None) -> str | None:
    return "" if i is None else tags_workload(row[i])


# CUR's amortized cost, as AWS's own queries compute it: commitments spread over the
# usage they cover, their unused part kept, their purchase and negation rows left out.
_AMORTIZING = (
    "line_item_line_item_type",
    "reservation_effective_cost",
    "reservation_unused_amortized_upfront_fee_for_billing_period",
    "reservation_unused_recurring_fee",
    "savings_plan_savings_plan_effective_cost",
    "savings_plan_total_commitment_to_date",
    "savings_plan_used_commitment",
)


def _cur_cost(cols: Columns) -> tuple[Cost, str, Basis]:
    unblended = cols.index["line_item_unblended_cost"]
    name = cols.raw[unblended]
    plain = _number(unblended, name)
    if not cols.has(*_AMORTIZING):
        return plain, name, "billed"
    kind_i, ri, ri_fee, ri_rec, sp, sp_total, sp_used = (cols.index[n] for n in _AMORTIZING)
    arn = cols.first("reservation_reservation_a_r_n", "reservation_reservation_arn")

    def of(row: Row, i: int) -> Decimal:
        return amount(row[i], cols.raw[i]) or ZERO

    def cost(row: Row) -> Decimal | None:
        kind = row[kind_i]
        if kind == "SavingsPlanCoveredUsage":
            return of(row, sp)
        if kind == "DiscountedUsage":
            return of(row, ri)
        if kind in ("SavingsPlanNegation", "SavingsPlanUpfrontFee"):
            return ZERO
        if kind == "SavingsPlanRecurringFee":
            return of(row, sp_total) - of(row, sp_used)
        if kind == "RIFee":
            return of(row, ri_fee) + of(row, ri_rec)
        if kind == "Fee" and arn is not None and _cell(row, arn):
            return ZERO
        return plain(row)

    return cost, "amortized cost from " + name, "amortized"


def cur(header: Sequence[str]) -> Layout | None:
    cols = Columns(header, _snake)
    if not cols.has("line_item_unblended_cost", "line_item_usage_account_id"):
        return None
    cost, name, basis = _cur_cost(cols)
    account = cols.index["line_item_usage_account_id"]
    service = cols.present("product_product_name", "line_item_product_code", "product_servicecode")
    start = cols.first("line_item_usage_start_date", "bill_billing_period_start_date")
    if start is None:
        return None
    start_name, end = cols.raw[start], cols.first("line_item_usage_end_date")
    currency = cols.first("line_item_currency_code")
    kind_i = cols.first("line_item_line_item_type")
    tags = _cur_tags(header, cols)

    def charge(row: Row) -> Charge | None:
        value = cost(row)
        if value is None:
            return None
        month, mask = period(row[start], "" if end is None else row[end], start_name)
        kind = "usage" if kind_i is None else _CUR_KIND.get(row[kind_i], "usage")
        return Charge(
            "aws", _cell(row, account), _service(row, service), tags(row), month, mask,
            _cell(row, currency) or "USD", value, value if kind == "credit" else ZERO, kind,
        )  # fmt: skip

    return Layout("aws-cur", name, lambda: basis, len(header), charge)


def _cur_tags(header: Sequence[str], cols: Columns) -> Callable[[Row], str | None]:
    mapped = cols.first("resource_tags")
    if mapped is not None:
        return lambda row: tags_workload(row[mapped])
    prefix = "resourceTags/"
    found = [(i, n[len(prefix) :]) for i, n in enumerate(header) if n.startswith(prefix)]
    indices = tuple(i for i, _ in found)
    names = tuple(n.removeprefix("user:") for _, n in found)
    if not indices:
        return lambda row: ""
    cache: dict[tuple[str, ...], str] = {}
    # A tuple of the tag cells in one call, even of one column.
    cells = itemgetter(*indices, *indices) if len(indices) == 1 else itemgetter(*indices)
    names = names * 2 if len(indices) == 1 else names

    def workload(row: Row) -> str:
        values: tuple[str, ...] = cells(row)
        known = cache.get(values)
        if known is None:
            known = cache[values] = columns_workload(names, values)
        return known

    return workload


def azure(header: Sequence[str]) -> Layout | None:
    cols = Columns(header, lambda n: _snake(n).replace("_", ""))
    cost_i = cols.first("costinbillingcurrency", "cost", "pretaxcost")
    account = cols.first("subscriptionid", "subscriptionguid")
    start = cols.first("date", "usagedatetime")
    if cost_i is None or account is None or start is None:
        return None
    name, start_name = cols.raw[cost_i], cols.raw[start]
    cost = _number(cost_i, name)
    service = cols.present("metercategory", "servicename", "consumedservice")
    currency = cols.first("billingcurrency", "billingcurrencycode", "currency")
    tags, type_i = cols.first("tags"), cols.first("chargetype")
    types: set[str] = set()

    def charge(row: Row) -> Charge | None:
        value = cost(row)
        if value is None:
            return None
        month, mask = period(row[start], "", start_name)
        charge_type = _cell(row, type_i)
        types.add(charge_type)
        kind = _KIND.get(charge_type.lower(), "usage")
        return Charge(
            "azure", _cell(row, account), _service(row, service), _tags(row, tags), month,
            mask, _cell(row, currency), value, value if kind == "credit" else ZERO, kind,
        )  # fmt: skip

    def basis() -> Basis:
        # Amortized exports turn unused commitments into rows of their own; actual ones
        # bill the purchase. Without commitments, the two are the same.
        if types & {"UnusedReservation", "UnusedSavingsPlan"}:
            return "amortized"
        return "billed" if "Purchase" in types else "unstated"

    return Layout("azure", name, basis, len(header), charge)


def gcp(header: Sequence[str]) -> Layout | None:
    cols = Columns(header, _snake)
    cost_i = cols.first("cost")
    start = cols.first("usage_start_time", "usage_start_date")
    service = cols.first("service_description", "service")
    if cost_i is None or start is None or service is None:
        return None
    name, start_name = cols.raw[cost_i], cols.raw[start]
    cost, end = _number(cost_i, name), cols.first("usage_end_time", "usage_end_date")
    account = cols.first("project_id", "project_name")
    currency, fixed = cols.first("currency"), currency_in(cols.raw[cost_i]) or ""
    credits = cols.first("credits", "credits_amount")
    credits_name = cols.raw[credits] if credits is not None else ""
    labels, type_i = cols.first("labels"), cols.first("cost_type")

    def charge(row: Row) -> Charge | None:
        value = cost(row)
        if value is None:
            return None
        month, mask = period(row[start], _cell(row, end), start_name)
        credit = (amount(row[credits], credits_name) or ZERO) if credits is not None else ZERO
        kind = _GCP_KIND.get(_cell(row, type_i), "usage")
        return Charge(
            "gcp", _cell(row, account), row[service], _tags(row, labels), month, mask,
            _cell(row, currency) or fixed, value + credit, credit, kind,
        )  # fmt: skip

    return Layout("gcp", name, lambda: "billed", len(header), charge)


_GCP_KIND = {"tax": "tax", "adjustment": "refund"}
_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_IN_PARENTHESES = re.compile(r".*\(\s*([^()]+?)\s*\)\s*")


def currency_in(name: str) -> str | None:
    """The currency a header names in parentheses: Cost ($), Total costs(€), Cost (CHF)."""
    found = _IN_PARENTHESES.fullmatch(name)
    if not found:
        return None
    symbol = found.group(1)
    if symbol in _SYMBOLS:
        return _SYMBOLS[symbol]
    return symbol.upper() if re.fullmatch(r"[A-Za-z]{3}", symbol) else None


DETECT: tuple[tuple[str, Callable[[Sequence[str]], Layout | None]], ...] = (
    ("focus", focus),
    ("aws-cur", cur),
    ("azure", azure),
    ("gcp", gcp),
)
