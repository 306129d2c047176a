"""Reading one cell of a cost export: an amount, a date, the tags. A cell that cannot be
read raises CellError with the column and the text; the reader adds the file and line."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from exitplan.model import Resource

from .model import days_in

# Exports written through SQL (the FOCUS sample data among them) spell an empty cell so.
EMPTY = frozenset({"", "NULL", "null"})


class CellError(ValueError):
    def __init__(self, column: str, text: str, expected: str) -> None:
        super().__init__(column)
        self.column, self.text, self.expected = column, text, expected


def amount(text: str, column: str) -> Decimal | None:
    """The amount a cell holds, None if it is empty."""
    if text in EMPTY:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise CellError(column, text, "number") from None
    if not value.is_finite():
        raise CellError(column, text, "number")
    return value


_ISO = re.compile(
    r"\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
    r"\s*(Z|UTC|[+-]\d{2}:?\d{2})?\s*"
)
_US = re.compile(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*")  # Azure's exports: month/day/year


@functools.lru_cache(maxsize=8192)
def instant(text: str) -> dt.datetime | None:
    """The moment a cell names, in UTC; None if it names none."""
    found = _ISO.fullmatch(text)
    if found:
        year, month, day, hour, minute, second, zone = found.groups()
        try:
            moment = dt.datetime(
                int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0)
            )
        except ValueError:
            return None
        return moment - _offset(zone)
    found = _US.fullmatch(text) or None
    if found:
        month, day, year = found.groups()
        try:
            return dt.datetime(int(year), int(month), int(day))
        except ValueError:
            return None
    return None


def _offset(zone: str | None) -> dt.timedelta:
    if not zone or zone in ("Z", "UTC"):
        return dt.timedelta(0)
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    return sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))


@functools.lru_cache(maxsize=8192)
def period(start: str, end: str, column: str) -> tuple[str, int]:
    """The month a charge falls in (by its start) and the days of that month it covers,
    as bits; the end, where given, is exclusive, as FOCUS, CUR and Google define it."""
    began = instant(start)
    if began is None:
        raise CellError(column, start, "date")
    month = f"{began.year:04d}-{began.month:02d}"
    first = last = began.day
    ended = instant(end) if end not in EMPTY else None
    if ended is not None and ended > began:
        closing = ended - dt.timedelta(microseconds=1)
        if (closing.year, closing.month) != (began.year, began.month):
            last = days_in(month)
        else:
            last = closing.day
    return month, ((1 << (last + 1)) - 1) ^ ((1 << first) - 1)


def workload(tags: Mapping[str, str]) -> str:
    """The workload the plan would give a resource with these tags, or "" when no tag
    names one: planning's own rule, so that spend and plan group alike."""
    if not tags:
        return ""
    # Imported here: the plan may take spend in, and planning would then import this.
    from exitplan.planning import workload_of

    resource = Resource.model_construct(
        provider="aws",
        account="-",
        region="-",
        type="-",
        id="-",
        name="-",
        resource_group=None,
        tags=dict(tags),
    )
    name, source = workload_of(resource)
    return name if source == "application tag" else ""


def _user_key(key: str) -> str:
    # AWS prefixes the tags users set: resourceTags/user:app in CUR, user_app in CUR 2.0.
    for prefix in ("user:", "user_"):
        if key.startswith(prefix):
            return key[len(prefix) :]
    return key


@functools.lru_cache(maxsize=65536)
def tags_workload(text: str) -> str | None:
    """The workload of a tags cell: a JSON object (FOCUS, CUR 2.0, Azure MCA), the same
    without its braces (Azure EA), or Google's list of {key, value} labels. None when the
    cell is none of these: the caller counts it, the charge still counts."""
    if text in EMPTY:
        return ""
    body = text.strip()
    if not body.startswith(("{", "[")):
        body = "{" + body + "}"
    try:
        parsed: Any = json.loads(body)
    except ValueError:
        return None
    return labels_workload(parsed)


def labels_workload(parsed: Any) -> str | None:
    """The workload of tags as JSON gives them: an object, or a list of {key, value}."""
    if isinstance(parsed, dict):
        return workload({_user_key(str(k)): str(v) for k, v in parsed.items() if v is not None})
    if not isinstance(parsed, list):
        return None
    pairs: dict[str, str] = {}
    for item in parsed:
        if not isinstance(item, dict) or "key" not in item:
            return None
        pairs[str(item["key"])] = str(item.get("value") or "")
    return workload(pairs)


def columns_workload(names: tuple[str, ...], values: tuple[str, ...]) -> str:
    """The workload of CUR's tag columns (resourceTags/user:KEY), names without prefix."""
    return workload({k: v for k, v in zip(names, values, strict=True) if v not in EMPTY})
