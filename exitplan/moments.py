"""The dates and times exitplan accepts from a file: none before 2006, when the first
public cloud services opened (Amazon S3 in March, EC2 in August), and none after the
reader's clock plus a day, which covers clock skew and a time zone written wrongly.
Within these bounds no later arithmetic (a review due 36 months on) can overflow."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BeforeValidator, ValidationInfo
from pydantic_core import PydanticCustomError

from .i18n import _

EARLIEST = dt.datetime(2006, 1, 1, tzinfo=dt.timezone.utc)
CLOCK_SKEW = dt.timedelta(days=1)
_NUMBER = re.compile(r"\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*")


def now(info: ValidationInfo) -> dt.datetime:
    """The reader's clock: the validation context's "now" where the caller gave one, so
    that every file of one run is judged at one instant and tests can fix it."""
    context = info.context
    given = context.get("now") if isinstance(context, dict) else None
    return given if isinstance(given, dt.datetime) else dt.datetime.now(dt.timezone.utc)


def no_number(value: Any) -> Any:
    """Before pydantic, which would read 1790000000 (or "1790000000") as seconds since
    1970: a date or time in a file is written out."""
    if (isinstance(value, (int, float)) and not isinstance(value, bool)) or (
        isinstance(value, str) and _NUMBER.fullmatch(value)
    ):
        raise PydanticCustomError(
            "date_is_number",
            _(
                "{value} is a number (seconds since 1970?), not a date or time: "
                "write it as 2026-11-02 or 2026-11-02T07:30:00Z"
            ),
            {"value": repr(value)},
        )
    return value


def moment_in_bounds(value: dt.datetime, info: ValidationInfo) -> dt.datetime:
    return _bounded(value, EARLIEST, now(info) + CLOCK_SKEW)


def day_in_bounds(value: dt.date, info: ValidationInfo) -> dt.date:
    return _bounded(value, EARLIEST.date(), (now(info) + CLOCK_SKEW).date())


When = TypeVar("When", dt.date, dt.datetime)


def _bounded(value: When, earliest: When, latest: When) -> When:
    if value < earliest:
        raise PydanticCustomError(
            "date_too_early",
            _("{value} is before 2006-01-01, before any public cloud"),
            {"value": value.isoformat()},
        )
    if value > latest:
        raise PydanticCustomError(
            "date_in_future",
            _("{value} is in the future (later than a day after this computer's clock)"),
            {"value": value.isoformat()},
        )
    return value


# A date of the plan's own: written out, from 2006 to a day after the reader's clock (an
# approval or a test in the future has not happened).
Day = Annotated[dt.date, BeforeValidator(no_number), AfterValidator(day_in_bounds)]
