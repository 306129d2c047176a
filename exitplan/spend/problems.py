"""The error a cell that cannot be read gives: the file, the line or record, the column,
the text (made visible), and how such a cell is written."""

from __future__ import annotations

from pathlib import Path

from exitplan.errors import InputError
from exitplan.i18n import _
from exitplan.untrusted import visible

from .cells import CellError


def cell_error(path: Path, line: int, exc: CellError, record: bool = False) -> InputError:
    text = visible(exc.text[:80])
    if record:
        message = _("{path}: record {line}, {column}: {text!r} is not a {expected}")
    else:
        message = _("{path}: line {line}, column {column}: {text!r} is not a {expected}")
    expected, hint = {
        "number": (
            _("number"),
            _("a cost is a plain number such as 12.5, without currency or separators"),
        ),
        "date": (
            _("date"),
            _("a date is written as 2024-01-31, 2024-01-31T00:00:00Z or 01/31/2024"),
        ),
    }[exc.expected]
    return InputError(
        message.format(
            path=path, line=line, column=visible(exc.column), text=text, expected=expected
        ),
        hint,
    )
