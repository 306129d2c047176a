"""Google Cloud's billing export to BigQuery, as its rows come out in JSON: one object a
line (newline-delimited, what BigQuery extracts) or one array of them. The fields are the
export's: service.description, project.id, cost, currency, usage_start_time,
usage_end_time, labels[{key, value}], credits[{amount}], cost_type. The cost is before
credits; the spend counts both and shows the credits apart."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from exitplan.errors import InputError
from exitplan.i18n import _

from .cells import CellError, amount, labels_workload, period
from .layouts import Charge
from .model import ZERO
from .problems import cell_error
from .tally import FileTally

_KIND = {"tax": "tax", "adjustment": "refund"}


def read(path: Path, binary: io.BufferedReader, into: FileTally) -> None:
    for number, record in _records(path, binary):
        if number == 1 and not (isinstance(record, dict) and "cost" in record):
            raise InputError(
                _("{path}: record 1 has no cost: not a Google Cloud billing export").format(
                    path=path
                ),
                _(
                    "export the billing table's rows (service, project, cost, currency, "
                    "usage_start_time, ...) as JSON"
                ),
            )
        try:
            found = _charge(path, number, record)
        except CellError as exc:
            raise cell_error(path, number, exc, record=True) from None
        if found is None:
            into.without_cost()
        else:
            into.add(found)
    into.end("gcp", "billed", "cost")


def _records(path: Path, binary: io.BufferedReader) -> Iterator[tuple[int, Any]]:
    if binary.peek(64).lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"[":
        everything = _parse(path, binary.read(), 1)
        if not isinstance(everything, list):
            raise _not_records(path)
        yield from enumerate(everything, 1)
        return
    number = 0
    for raw in binary:
        if raw.strip():
            number += 1
            yield number, _parse(path, raw, number)


def _parse(path: Path, raw: bytes, number: int) -> Any:
    try:
        return json.loads(raw.decode("utf-8-sig"), parse_float=Decimal)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(
            _("{path}: record {number} is not valid JSON ({reason})").format(
                path=path, number=number, reason=exc
            ),
            _("export the rows again as JSON: one object a line, or one array of objects"),
        ) from None


def _not_records(path: Path) -> InputError:
    return InputError(
        _("{path}: JSON that is not a list of billing rows").format(path=path),
        _("export the rows again as JSON: one object a line, or one array of objects"),
    )


def _charge(path: Path, number: int, record: Any) -> Charge | None:
    if not isinstance(record, dict):
        raise InputError(
            _("{path}: record {number} is not an object").format(path=path, number=number),
            _("export the rows again as JSON: one object a line, or one array of objects"),
        )
    cost = _number(record.get("cost"), "cost")
    if cost is None:
        return None
    start, end = _text(record.get("usage_start_time")), _text(record.get("usage_end_time"))
    month, mask = period(start, end, "usage_start_time")
    credit = sum(
        (_number(c.get("amount"), "credits.amount") or ZERO for c in _dicts(record, "credits")),
        ZERO,
    )
    workload = labels_workload(record.get("labels") or [])
    kind = _KIND.get(_text(record.get("cost_type")), "usage")
    return Charge(
        "gcp", _field(record, "project", "id"), _field(record, "service", "description"),
        workload, month, mask, _text(record.get("currency")), cost + credit, credit, kind,
    )  # fmt: skip


def _number(value: Any, column: str) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, str)):
        raise CellError(column, repr(value), "number")
    return amount(str(value), column)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _field(record: dict[str, Any], name: str, key: str) -> str:
    inner = record.get(name)
    return _text(inner.get(key)) if isinstance(inner, dict) else ""


def _dicts(record: dict[str, Any], name: str) -> list[dict[str, Any]]:
    items = record.get(name)
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []
