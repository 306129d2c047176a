"""The dates, names and links of a plan, found in its lines, table rows and front matter.
A name is taken only after a label that says whose it is ("Approved by:", "Eigenaar");
a date is taken wherever one is written, with the role its label gives it, if any."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence

from .dates import find_dates
from .document import Fact, Source, Table
from .vocabulary import Label, Vocabulary, normalise

_URL = re.compile(r"\b(?:https?://|mailto:)[^\s<>()\[\]\"']+", re.IGNORECASE)
# Between a label and its value: a colon, a dash, or only a space.
_AFTER_LABEL = re.compile("\\s*[:\uff1a=\\-\u2013\u2014]?\\s*")
# Where a name ends: a comma or a bracket, the words that lead to a date, or a full stop
# before the next label ("Owner: J. Jansen. Approver: ...").
_NAME_END = re.compile(
    r"\s*(?:[,;(\[|]|\s(?:on|op|per|d\.d\.|dated|since)\s|\.\s+(?=[\w ]+:))", re.IGNORECASE
)
_EMPHASIS = "*_`"


def line_facts(
    text: str, position: int, section: str | None, vocabulary: Vocabulary, source: Source = "text"
) -> list[Fact]:
    """The facts on one line of running text."""
    stripped = text.strip().lstrip(_EMPHASIS)
    found = _labelled(stripped, vocabulary)
    label, rest = found if found else (None, stripped)
    facts = _facts(rest, label, position, section, source, vocabulary)
    return [*facts, *link_facts(text, position, section, source)]


def table_facts(table: Table, section: str | None, vocabulary: Vocabulary) -> list[Fact]:
    """Facts of a table. A row that begins with a label is a form ("Owner | J. Jansen |
    since 2024"): its first filled cell after the label is the name, its dates have the
    label's role. Other cells take their column heading as label ("Name | Role | Date")."""
    if not table.rows:
        return []
    header = [_label_of(cell, vocabulary) for cell in table.rows[0]]
    facts: list[Fact] = []
    for index, row in enumerate(table.rows):
        label = _label_of(row[0], vocabulary) if len(row) > 1 else None
        if label is not None:
            facts += _row_facts(row[1:], label, table.position, section, vocabulary)
            continue
        for column, cell in enumerate(row):
            heading = header[column] if index and column < len(header) else None
            facts += _facts(cell.strip(), heading, table.position, section, "table", vocabulary)
            facts += link_facts(cell, table.position, section, "table")
    return facts


def _row_facts(
    cells: Sequence[str], label: Label, position: int, section: str | None, vocabulary: Vocabulary
) -> list[Fact]:
    facts: list[Fact] = []
    named = False
    for cell in cells:
        for fact in _facts(cell.strip(), label, position, section, "table", vocabulary):
            if fact.kind == "date" or not named:
                facts.append(fact)
            named = named or fact.kind == "name"
        facts += link_facts(cell, position, section, "table")
    return facts


def front_matter_facts(
    data: Mapping[str, object], vocabulary: Vocabulary, source: Source = "front matter"
) -> list[Fact]:
    """Facts of front matter keys (or plan.json's metadata) that are labels; a key that
    is none is kept in the front matter, not guessed at."""
    facts: list[Fact] = []
    for key, value in data.items():
        label = _label_of(str(key), vocabulary)
        if label is None:
            continue
        facts += _value_facts(value, label, source, vocabulary)
    return facts


def link_facts(text: str, position: int | None, section: str | None, source: Source) -> list[Fact]:
    return [
        Fact("link", m.group().rstrip(".,;:"), m.group(), source, position, section)
        for m in _URL.finditer(text)
    ]


def _value_facts(value: object, label: Label, source: Source, vocabulary: Vocabulary) -> list[Fact]:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        iso = value.isoformat()
        return [Fact("date", iso, iso, source, None, None, label.date_role, label.text, value)]
    if isinstance(value, dict):
        # A record under a label ("tests: [{date: ..., method: ...}]"): its own keys
        # label what they hold where they are labels, the record's label the rest.
        return [
            fact
            for key, item in value.items()
            for fact in _value_facts(
                item, _label_of(str(key), vocabulary) or label, source, vocabulary
            )
        ]
    if isinstance(value, list):
        return [fact for item in value for fact in _value_facts(item, label, source, vocabulary)]
    if not isinstance(value, (str, int, float)):
        return []
    text = str(value).strip()
    facts = [f for f in _facts(text, label, None, None, source, vocabulary) if f.kind == "date"]
    # A key's value is the name whole ("Head of IT, M. Visser"), up to a date if it has one.
    name = text[: text.find(facts[0].text)] if facts else text
    name = name.strip(" ,;:")
    if label.name_role and normalise(name) and normalise(name) not in vocabulary.placeholders:
        facts.append(Fact("name", name, name, source, None, None, label.name_role, label.text))
    return facts


def _facts(
    text: str,
    label: Label | None,
    position: int | None,
    section: str | None,
    source: Source,
    vocabulary: Vocabulary,
) -> Iterator[Fact]:
    dates = find_dates(text)
    for number, found in enumerate(dates):
        # The label names the first date after it; "approved 2024, due for review in
        # 2025" approved nothing in 2025.
        own = label if label and not number else None
        role, written = (own.date_role, own.text) if own else (None, None)
        yield Fact(
            "date", found.value, found.text, source, position, section, role, written, found.date
        )
    if label is None or label.name_role is None:
        return
    name = _name(text[: dates[0].start] if dates else text)
    if name and normalise(name) and normalise(name) not in vocabulary.placeholders:
        yield Fact("name", name, name, source, position, section, label.name_role, label.text)


def _name(text: str) -> str:
    name = _NAME_END.split(text, maxsplit=1)[0]
    return name.strip().strip(_EMPHASIS + " .:-\u2013\u2014").strip()


def _labelled(text: str, vocabulary: Vocabulary) -> tuple[Label, str] | None:
    """The label a line begins with and what follows it."""
    match = vocabulary.label_start.match(text)
    if match is None:
        return None
    label = vocabulary.label_index[normalise(match.group())]
    rest = text[match.end() :].lstrip(_EMPHASIS)
    return label, _AFTER_LABEL.sub("", rest, count=1)


def _label_of(text: str, vocabulary: Vocabulary) -> Label | None:
    """The label a cell or key is, compared as headings are ("approved_by", "Approved by:")."""
    return vocabulary.label_index.get(normalise(text))


def unique(facts: Iterable[Fact]) -> tuple[Fact, ...]:
    """Facts once each: a link written as its own text is found twice otherwise."""
    return tuple(dict.fromkeys(facts))
