"""The one model every reader produces: a plan document as sections under headings, with
the dates, names and links found in it. Plain values, so that the checks that judge a
plan need not know whether it was Markdown, Word or exitplan's own plan.json."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Format = Literal["markdown", "docx", "exitplan-json"]
FactKind = Literal["date", "name", "link"]
# Where a fact was found: running text, a table cell, the front matter (plan.json's
# metadata counts as such), the properties a Word file carries, or plan.json's own data.
Source = Literal["text", "table", "front matter", "properties", "data"]


@dataclass(frozen=True)
class Table:
    """A table as rows of cells, its first row first; position as a section's."""

    position: int
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Section:
    """A heading and what is under it until the next heading of any level. Level 0 is
    the text before the first heading, if there is any. Position is the heading's line
    in Markdown, its paragraph in Word (paragraphs and tables counted from 1, in order),
    and its key's line in plan.json."""

    heading: str
    level: int
    position: int
    text: str
    tables: tuple[Table, ...] = ()


@dataclass(frozen=True)
class Fact:
    """A date, a name or a link as found. `role` says what a label next to it made it
    (an approval date, the owner's name); None where nothing did. `value` is the date in
    ISO form (`2024-03` for a month), the name, or the address; `text` is what the
    document says. `position` counts as a section's does; None for front matter and
    document properties."""

    kind: FactKind
    value: str
    text: str
    source: Source
    position: int | None
    section: str | None
    role: str | None = None
    label: str | None = None
    date: dt.date | None = None


@dataclass(frozen=True)
class PlanDocument:
    path: Path
    format: Format
    front_matter: Mapping[str, object] | None
    sections: tuple[Section, ...]
    facts: tuple[Fact, ...]

    def facts_of(self, kind: FactKind, role: str | None = None) -> tuple[Fact, ...]:
        return tuple(f for f in self.facts if f.kind == kind and (role is None or f.role == role))
