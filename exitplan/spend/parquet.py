"""Parquet cost exports (CUR 2.0 and FOCUS are often delivered so), read through pyarrow,
an optional extra (`exitplan[parquet]`) that keeps the default install light. Batches are
turned into rows of text and read by the same row reader as CSV, so that a Parquet export
gives what the same export in CSV gives."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from exitplan.errors import InputError
from exitplan.i18n import _
from exitplan.reading import too_large

_MAGIC = b"PAR1"
_BATCH = 65536


def is_parquet(path: Path) -> bool:
    try:
        with open(path, "rb") as file:
            return file.read(len(_MAGIC)) == _MAGIC
    except OSError:
        return False  # the reader that follows names what is wrong with the file


def table(path: Path, limit: int) -> tuple[list[str], Iterator[list[str]], Callable[[], int]]:
    """The file's column names, its rows as text, and the number of the row last given."""
    try:
        import pyarrow.parquet as pq  # the extra: imported only when a file needs it
    except ImportError:
        raise InputError(
            _("{path}: a Parquet file, which needs pyarrow").format(path=path),
            _("install the extra: pip install 'exitplan[parquet]'; or give the export as CSV"),
        ) from None
    if os.stat(path).st_size > limit:
        raise too_large(path, limit, False)
    try:
        file = pq.ParquetFile(path)
        header = list(file.schema_arrow.names)
    except Exception as exc:  # pyarrow raises its own kinds for a damaged file
        raise InputError(
            _("{path}: not a readable Parquet file ({reason})").format(path=path, reason=exc),
            _("the file is damaged or cut short; fetch it again"),
        ) from None
    count = [0]

    def records() -> Iterator[list[str]]:
        for batch in file.iter_batches(batch_size=_BATCH):
            columns = [[_text(v) for v in column.to_pylist()] for column in batch.columns]
            for row in zip(*columns, strict=True):
                count[0] += 1
                yield list(row)

    return header, records(), lambda: count[0]


def _text(value: Any) -> str:
    """A Parquet value as the CSV export writes it."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dt.datetime):
        moment: dt.datetime = value
        if moment.tzinfo is not None:
            moment = moment.astimezone(dt.timezone.utc).replace(tzinfo=None)
        return moment.isoformat()
    if isinstance(value, (Decimal, int, dt.date)):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list) and all(isinstance(i, tuple) and len(i) == 2 for i in value):
        return json.dumps(dict(value))  # a map column: CUR 2.0's resource_tags, product
    return json.dumps(value, default=str)
