"""Calibration from actuals: what the organisation's own migrations took, set against the
model, and the E-BASE values that would have predicted it. Pure: texts in, figures out.

An actual is one wave or resource of one category: how many resources, how many
person-days, from when to when, and how compatible the target was (the E-COMPAT level the
work met). The model's expectation for it is resources x E-COMPAT x the mean of E-BASE;
the proposal scales the category's E-BASE three-point so that its mean matches the actuals
(the profile's spread is kept: a handful of data points says little about spread).
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .catalogue import Compatibility
from .errors import InputError
from .i18n import N_, _
from .manual import Malformed, parse, section_name
from .profile import Profile
from .threepoint import ThreePoint

MIN_POINTS = 3  # fewer data points than this propose nothing
ACTUALS_SECTION = section_name("actuals")
CSV_COLUMNS = ("runbook", "resources", "actual_days", "start", "end")
OPTIONAL_COLUMNS = ("compatibility", "scope")
OVERLAY_HEADER = "# exitplan calibrate: E-BASE values proposed from recorded actuals."
MAX_DAYS = 1_000_000.0  # person-days in one row: beyond it, a typo rather than a programme

_CSV_HINT = N_(
    "columns: runbook (a category id or runbooks/<id>.md), resources (a whole number), "
    "actual_days (person-days), start and end (YYYY-MM-DD), and optionally compatibility "
    "(drop-in, compatible, partial, different) and scope; see docs/estimation.md"
)
_RUNBOOK_HINT = N_(
    "the Actuals section of a runbook holds one table: scope | resources | person-days | "
    "start | end, dates as YYYY-MM-DD; see docs/estimation.md"
)


@dataclass(frozen=True)
class Actual:
    source: str  # file and line, for the report and for errors
    category: str
    scope: str
    resources: int
    days: float
    start: dt.date
    end: dt.date
    compatibility: Compatibility


def _fail(where: str, column: str, problem: str, hint: str) -> InputError:
    return InputError(
        _("{where}, column {column}: {problem}").format(
            where=where, column=column, problem=problem
        ),
        hint,
    )


def _count(value: str, where: str, column: str, hint: str) -> int:
    try:
        number = int(value.strip())
    except ValueError:
        problem = _("{value!r} is not a whole number").format(value=value)
        raise _fail(where, column, problem, hint) from None
    if number < 1:
        raise _fail(where, column, _("must be at least 1, not {n}").format(n=number), hint)
    return number


def _days(value: str, where: str, column: str, hint: str) -> float:
    try:
        number = float(value.strip())
    except ValueError:
        problem = _("{value!r} is not a number").format(value=value)
        raise _fail(where, column, problem, hint) from None
    if not math.isfinite(number) or not 0 < number <= MAX_DAYS:
        raise _fail(
            where,
            column,
            _("must be above 0 and at most {most:,.0f}, not {value!r}").format(
                most=MAX_DAYS, value=value
            ),
            hint,
        )
    return number


def _date(value: str, where: str, column: str, hint: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        problem = _("{value!r} is not a date as YYYY-MM-DD").format(value=value)
        raise _fail(where, column, problem, hint) from None


def _compatibility(value: str, where: str, column: str, hint: str) -> Compatibility:
    text = value.strip().lower() or Compatibility.DROP_IN.value
    try:
        return Compatibility(text)
    except ValueError:
        levels = ", ".join(c.value for c in Compatibility)
        problem = _("{value!r} is not one of {levels}").format(value=value, levels=levels)
        raise _fail(where, column, problem, hint) from None


def _category(value: str, where: str, column: str, known: Iterable[str], hint: str) -> str:
    text = value.strip()
    ident = text.rsplit("/", 1)[-1].removesuffix(".md")
    names = sorted(known)
    if ident in names:
        return ident
    close = difflib.get_close_matches(ident, names, n=3)
    closest = _(" (closest: {ids})").format(ids=", ".join(close)) if close else ""
    raise _fail(
        where,
        column,
        _("{value!r} is no category of the catalogue{closest}").format(
            value=value, closest=closest
        ),
        hint,
    )


def _row(where: str, cells: dict[str, str], category: str, hint: str) -> Actual:
    start = _date(cells["start"], where, "start", hint)
    end = _date(cells["end"], where, "end", hint)
    if end < start:
        raise _fail(
            where, "end", _("{end} is before the start, {start}").format(end=end, start=start), hint
        )
    return Actual(
        source=where,
        category=category,
        scope=cells.get("scope", "").strip(),
        resources=_count(cells["resources"], where, "resources", hint),
        days=_days(cells["actual_days"], where, "actual_days", hint),
        start=start,
        end=end,
        compatibility=_compatibility(cells.get("compatibility", ""), where, "compatibility", hint),
    )


def read_csv(text: str, path: str, known: Iterable[str]) -> list[Actual]:
    """The rows of an actuals CSV; the first bad value stops it, named by line and column."""
    hint = _(_CSV_HINT)
    known = frozenset(known)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            raise InputError(
                _("{path}: empty; the first line names the columns").format(path=path), hint
            )
        names = [h.strip().lower() for h in header]
        for index, name in enumerate(names, 1):
            if name not in CSV_COLUMNS + OPTIONAL_COLUMNS:
                raise _fail(
                    f"{path}:1", str(index), _("unknown column {name!r}").format(name=name), hint
                )
        missing = [c for c in CSV_COLUMNS if c not in names]
        if missing:
            raise InputError(
                _("{path}:1: the header lacks {columns}").format(
                    path=path, columns=", ".join(missing)
                ),
                hint,
            )
        if len(set(names)) != len(names):
            raise InputError(_("{path}:1: a column is named twice").format(path=path), hint)
        found = []
        for values in reader:
            where = f"{path}:{reader.line_num}"
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(names):
                raise InputError(
                    _("{where}: {found} values for {expected} columns").format(
                        where=where, found=len(values), expected=len(names)
                    ),
                    hint,
                )
            cells = dict(zip(names, values, strict=True))
            category = _category(cells["runbook"], where, "runbook", known, hint)
            found.append(_row(where, cells, category, hint))
    except csv.Error as exc:
        raise InputError(
            _("{path}:{line}: not CSV: {reason}").format(
                path=path, line=reader.line_num, reason=exc
            ),
            hint,
        ) from None
    return found


_CELL = re.compile(r"(?<!\\)\|")
_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_COMPAT_ROW = re.compile(
    r"^\|[^|\n]+\|\s*(" + "|".join(re.escape(c.value) for c in Compatibility) + r"):", re.M
)
_RUNBOOK_COLUMNS = ("scope", "resources", "actual_days", "start", "end")


def read_runbook(text: str, path: str, category: str) -> list[Actual]:
    """The rows of the table in a runbook's Actuals section. The compatibility is the one the
    runbook was written for; an empty section gives no rows."""
    hint = _(_RUNBOOK_HINT)
    parsed = parse(text)
    if isinstance(parsed, Malformed):
        raise InputError(f"{path}: {parsed}", hint)
    section = next((s for s in parsed.sections if s.name == ACTUALS_SECTION), None)
    if section is None:
        raise InputError(
            _("{path}: no Actuals section (<!-- exitplan:manual:actuals -->)").format(path=path),
            _("name runbooks that exitplan plan wrote"),
        )
    first_line = text.count("\n", 0, section.start) + 1
    lines = parsed.body(section).split("\n")
    rows: list[tuple[int, str]] = []
    for offset, line in enumerate(lines):
        stripped = line.strip()
        if not stripped.startswith("|"):
            continue
        following = lines[offset + 1].strip() if offset + 1 < len(lines) else ""
        if _SEPARATOR.match(stripped) or _SEPARATOR.match(following):
            continue  # the separator, and the header above it
        rows.append((first_line + offset, stripped))
    if not rows:
        return []
    match = _COMPAT_ROW.search(text, 0, section.start)
    if match is None:
        raise InputError(
            _("{path}: no compatibility row (| ... | drop-in: ... |) above the actuals").format(
                path=path
            ),
            _("name runbooks that exitplan plan wrote"),
        )
    compatibility = match.group(1)
    found = []
    for number, line in rows:
        where = f"{path}:{number}"
        cells = [c.strip() for c in _CELL.split(line.strip().strip("|"))]
        if len(cells) != len(_RUNBOOK_COLUMNS):
            raise InputError(
                _("{where}: {found} cells; the table has {expected}: {columns}").format(
                    where=where,
                    found=len(cells),
                    expected=len(_RUNBOOK_COLUMNS),
                    columns=" | ".join(_RUNBOOK_COLUMNS),
                ),
                hint,
            )
        named = dict(zip(_RUNBOOK_COLUMNS, cells, strict=True))
        named["compatibility"] = compatibility
        found.append(_row(where, named, category, hint))
    return found


@dataclass(frozen=True)
class CategoryCalibration:
    category: str
    points: int
    resources: int
    actual_days: float
    model_days: float  # the model's mean for the same resources, before calibration
    current: ThreePoint  # E-BASE now (the category's own, or the default)
    current_key: str  # base_effort.<id> or base_effort.default
    proposed: ThreePoint | None  # None: fewer points than the minimum
    first_start: dt.date
    last_end: dt.date

    @property
    def ratio(self) -> float:
        return self.actual_days / self.model_days if self.model_days else math.inf


@dataclass(frozen=True)
class Calibration:
    categories: tuple[CategoryCalibration, ...]
    minimum: int

    @property
    def proposed(self) -> tuple[CategoryCalibration, ...]:
        return tuple(c for c in self.categories if c.proposed is not None)


def calibrate(
    actuals: Sequence[Actual], profile: Profile, minimum: int = MIN_POINTS
) -> Calibration:
    by_category: dict[str, list[Actual]] = defaultdict(list)
    for actual in actuals:
        by_category[actual.category].append(actual)
    rows = []
    for category in sorted(by_category):
        points = by_category[category]
        current = ThreePoint(*profile.base(category))
        key = category if category in profile.base_effort else "default"
        # Normalised to drop-in resources: what E-BASE itself is measured in.
        units = sum(a.resources * profile.compatibility_factor[a.compatibility] for a in points)
        actual_days = sum(a.days for a in points)
        model_days = units * current.mean
        proposed = None
        if len(points) >= minimum and current.mean > 0:
            proposed = current.scaled(actual_days / model_days)
            proposed = ThreePoint(*(round(v, 3) for v in (proposed.o, proposed.m, proposed.p)))
        rows.append(
            CategoryCalibration(
                category=category,
                points=len(points),
                resources=sum(a.resources for a in points),
                actual_days=actual_days,
                model_days=model_days,
                current=current,
                current_key=f"base_effort.{key}",
                proposed=proposed,
                first_start=min(a.start for a in points),
                last_end=max(a.end for a in points),
            )
        )
    return Calibration(tuple(rows), minimum)


def overlay_yaml(calibration: Calibration) -> str:
    """A profile overlay with the proposed E-BASE values, each with what supports it."""
    lines = [
        OVERLAY_HEADER,
        _("# Merge it over the effort profile: exitplan plan --effort-profile THIS_FILE."),
        _("# Per category: data points, resources, actual and modelled person-days."),
        "base_effort:" if calibration.proposed else "base_effort: {}",
    ]
    for c in calibration.proposed:
        assert c.proposed is not None
        p = c.proposed
        note = _("{points} points, {resources} resources, actual {actual:.1f}, model {model:.1f}")
        lines.append(
            f"  {c.category}: [{p.o:g}, {p.m:g}, {p.p:g}]  # [E-BASE] "
            + note.format(
                points=c.points, resources=c.resources, actual=c.actual_days, model=c.model_days
            )
        )
    return "\n".join(lines) + "\n"
