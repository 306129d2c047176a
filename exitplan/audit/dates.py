"""Dates as plans write them, in English and Dutch: 2024-03-12, 12-03-2024, 12.03.2024,
12/03/2024 (day first, as Europe writes it), 12 March 2024, March 12, 2024, 12 maart 2024,
and a month alone (March 2024, maart 2024). Text that looks like a date but names none
(31-02-2024) is no date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    **dict.fromkeys(["january", "januari", "jan"], 1),
    **dict.fromkeys(["february", "februari", "feb"], 2),
    **dict.fromkeys(["march", "maart", "mar", "mrt"], 3),
    **dict.fromkeys(["april", "apr"], 4),
    **dict.fromkeys(["may", "mei"], 5),
    **dict.fromkeys(["june", "juni", "jun"], 6),
    **dict.fromkeys(["july", "juli", "jul"], 7),
    **dict.fromkeys(["august", "augustus", "aug"], 8),
    **dict.fromkeys(["september", "sept", "sep"], 9),
    **dict.fromkeys(["october", "oktober", "oct", "okt"], 10),
    **dict.fromkeys(["november", "nov"], 11),
    **dict.fromkeys(["december", "dec"], 12),
}
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ORDINAL = r"(?:st|nd|rd|th|e|ste|de)?"
_PATTERN = re.compile(
    rf"(?<![\w.-])(?:"
    rf"(?P<iso_y>\d{{4}})-(?P<iso_m>\d{{1,2}})-(?P<iso_d>\d{{1,2}})"
    rf"|(?P<num_d>\d{{1,2}})(?P<sep>[-./])(?P<num_m>\d{{1,2}})(?P=sep)(?P<num_y>\d{{4}})"
    rf"|(?P<dm_d>\d{{1,2}}){_ORDINAL}\s+(?P<dm_m>{_MONTH})\s+(?P<dm_y>\d{{4}})"
    rf"|(?P<md_m>{_MONTH})\s+(?P<md_d>\d{{1,2}}){_ORDINAL},?\s+(?P<md_y>\d{{4}})"
    rf"|(?P<m_m>{_MONTH})\s+(?P<m_y>\d{{4}})"
    rf")(?![\w-])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    text: str
    value: str  # ISO: 2024-03-12, or 2024-03 for a month
    date: dt.date  # the month's first day for a month


def find_dates(text: str) -> list[FoundDate]:
    found = []
    for match in _PATTERN.finditer(text):
        parsed = _parse(match)
        if parsed is not None:
            value, day = parsed
            found.append(FoundDate(match.start(), match.end(), match.group(), value, day))
    return found


def _parse(match: re.Match[str]) -> tuple[str, dt.date] | None:
    groups = match.groupdict()
    for prefix in ("iso", "num", "dm", "md"):
        if groups[f"{prefix}_y"]:
            month = _month(groups[f"{prefix}_m"])
            return _day(int(groups[f"{prefix}_y"]), month, int(groups[f"{prefix}_d"]))
    year, month = int(groups["m_y"]), _month(groups["m_m"])
    if not 1900 <= year <= 2999:
        return None
    return f"{year:04d}-{month:02d}", dt.date(year, month, 1)


def _month(text: str) -> int:
    return int(text) if text.isdigit() else _MONTHS[text.rstrip(".").casefold()]


def _day(year: int, month: int, day: int) -> tuple[str, dt.date] | None:
    try:
        when = dt.date(year, month, day)
    except ValueError:
        return None
    return when.isoformat(), when
