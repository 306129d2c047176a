"""Which parts of an exit plan a document has: each section is recognised as a part by
its heading (plan.json by its keys), and a part is missing when no section is it, empty
when the sections that are it, with their subsections, hold nothing but placeholders."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from ..errors import InputError
from ..i18n import _
from .document import PlanDocument, Section, Table
from .vocabulary import Part, Vocabulary, normalise

POLICY_KEY = "headings"


@dataclass(frozen=True)
class PartFound:
    part: Part
    sections: tuple[Section, ...]
    empty: bool


@dataclass(frozen=True)
class PartsReport:
    found: tuple[PartFound, ...]  # in the order of the vocabulary's parts
    missing: tuple[Part, ...]
    unrecognised: tuple[Section, ...]  # headed sections that are no part

    @property
    def empty(self) -> tuple[Part, ...]:
        return tuple(f.part for f in self.found if f.empty)


def recognise(heading: str, vocabulary: Vocabulary) -> Part | None:
    """The part a heading names: it equals one of the part's headings, or begins with one
    of two words or more; the longest such heading wins, the first part on a tie."""
    wanted = normalise(heading)
    best: tuple[int, Part] | None = None
    for part in vocabulary.parts:
        for known in part.headings:
            named = wanted == known or (" " in known and wanted.startswith(known + " "))
            if named and (best is None or len(known) > best[0]):
                best = (len(known), part)
    return best[1] if best else None


def parts_of(document: PlanDocument, vocabulary: Vocabulary) -> PartsReport:
    by_part: dict[str, list[int]] = {}
    unrecognised = []
    for index, section in enumerate(document.sections):
        if not section.level:
            continue
        part = _part_of(document, section, vocabulary)
        if part is None:
            unrecognised.append(section)
        else:
            by_part.setdefault(part.id, []).append(index)
    found = []
    for part in vocabulary.parts:
        indexes = by_part.get(part.id)
        if indexes:
            empty = all(_empty(document.sections, i, vocabulary) for i in indexes)
            sections = tuple(document.sections[i] for i in indexes)
            found.append(PartFound(part, sections, empty))
    missing = tuple(p for p in vocabulary.parts if p.id not in by_part)
    return PartsReport(tuple(found), missing, tuple(unrecognised))


def _part_of(document: PlanDocument, section: Section, vocabulary: Vocabulary) -> Part | None:
    if document.format == "exitplan-json":
        return next((p for p in vocabulary.parts if section.heading in p.plan_json), None)
    return recognise(section.heading, vocabulary)


def _empty(sections: Sequence[Section], index: int, vocabulary: Vocabulary) -> bool:
    """A section and its subsections (what follows until a heading of its level or
    higher) hold no text or table content but placeholders."""
    level = sections[index].level
    for later, section in enumerate(sections[index:]):
        if later and section.level <= level:
            break
        if _holds(section.text, vocabulary) or any(
            _table_holds(t, vocabulary) for t in section.tables
        ):
            return False
    return True


def _holds(text: str, vocabulary: Vocabulary) -> bool:
    # A number alone is content here ("1.4"), though a heading's number is not.
    return any(
        any(c.isalnum() for c in raw) and normalise(raw) not in vocabulary.placeholders
        for raw in text.splitlines()
    )


def _table_holds(table: Table, vocabulary: Vocabulary) -> bool:
    """A table holds content in a row after its first: a first row alone is headings."""
    return any(_holds(cell, vocabulary) for row in table.rows[1:] for cell in row)


def with_headings(vocabulary: Vocabulary, headings: Mapping[str, Sequence[str]]) -> Vocabulary:
    """The vocabulary with an organisation's own headings added to its parts."""
    parts = tuple(
        replace(p, headings=(*p.headings, *(normalise(h) for h in headings.get(p.id, ()))))
        for p in vocabulary.parts
    )
    return replace(vocabulary, parts=parts)


def policy_headings(
    data: object, source: str, vocabulary: Vocabulary
) -> dict[str, tuple[str, ...]]:
    """The `headings:` of an audit policy: part id -> the organisation's own headings.

    headings:
      exit-triggers: [Stopcriteria, When we leave]
      testing: [Jaarlijkse exitoefening]
    """
    if data is None:
        return {}
    known = ", ".join(p.id for p in vocabulary.parts)
    if not isinstance(data, dict):
        raise InputError(
            _("{source}: {key}: not a mapping of part ids to headings").format(
                source=source, key=POLICY_KEY
            ),
            _("the parts are: {known}").format(known=known),
        )
    result = {}
    for part_id, headings in data.items():
        where = f"{source}: {POLICY_KEY}.{part_id}"
        if vocabulary.part(str(part_id)) is None:
            raise InputError(
                _("{where}: no such part").format(where=where),
                _("the parts are: {known}").format(known=known),
            )
        if not isinstance(headings, list) or not all(
            isinstance(h, str) and normalise(h) for h in headings
        ):
            raise InputError(
                _("{where}: not a list of headings").format(where=where),
                _("write the headings as a list: [Stopcriteria, When we leave]"),
            )
        result[str(part_id)] = tuple(headings)
    return result
