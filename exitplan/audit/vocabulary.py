"""The words an exit plan is read with (exitplan/data/plan-parts.yaml): its parts and
their headings in English and Dutch, the labels that make a name or a date an owner or
an approval, and the text that only holds a place. Data, so that a heading an
organisation uses is a line in a file, not a change of code."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import CatalogueError
from ..i18n import N_, _
from ..yamlfile import describe_validation, load_yaml

VOCABULARY_PATH = Path(__file__).resolve().parent.parent / "data" / "plan-parts.yaml"
_HINT = N_("the file ships with exitplan: reinstall it, or fix the entry named")

# Numbering before a heading's words: "3.", "3.1", "3)", "IV.", "b)", "Chapter 3:".
_NUMBERING = re.compile(
    r"^\s*(?:(?:chapter|hoofdstuk|section|paragraaf|§)\s*)?"
    r"(?:\d+(?:\.\d+)*[.):]?|[ivxlcdm]+[.):]|[a-z][.):])(?=\s|$)\s*",
    re.IGNORECASE,
)
_NOT_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Text as headings are compared: without accents, case, numbering or punctuation."""
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    ).casefold()
    return _NOT_WORD.sub(" ", _NUMBERING.sub("", plain, count=1)).strip()


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Words(_Entry):
    en: list[str] = Field(min_length=1)
    nl: list[str] = Field(min_length=1)


class _PartEntry(_Entry):
    id: str = Field(pattern=r"^[a-z][a-z-]*$")
    name: str
    headings: _Words
    plan_json: list[str]
    answers: list[str] = []


class _LabelEntry(_Entry):
    name: str | None = None
    date: str | None = None
    en: list[str] = Field(min_length=1)
    nl: list[str] = Field(min_length=1)


class _File(_Entry):
    parts: list[_PartEntry] = Field(min_length=1)
    labels: list[_LabelEntry] = Field(min_length=1)
    placeholders: list[str]


@dataclass(frozen=True)
class Part:
    """A part of an exit plan; `headings` normalised, the shipped ones first."""

    id: str
    name: str
    headings: tuple[str, ...]
    plan_json: tuple[str, ...]
    answers: tuple[str, ...] = ()  # the sections of exitplan's plan that are this part


@dataclass(frozen=True)
class Label:
    """A label as written, and the roles it gives a name after it and a date near it."""

    text: str
    name_role: str | None
    date_role: str | None


@dataclass(frozen=True)
class Vocabulary:
    parts: tuple[Part, ...]
    labels: tuple[Label, ...]  # longest first, so "Approved by" wins over "Approved"
    placeholders: frozenset[str]

    @functools.cached_property
    def label_start(self) -> re.Pattern[str]:
        """Matches a label at the start of a line, longest first, as a whole word."""
        choices = "|".join(re.escape(label.text) for label in self.labels)
        return re.compile(rf"(?:{choices})(?!\w)", re.IGNORECASE)

    @functools.cached_property
    def label_index(self) -> dict[str, Label]:
        return {normalise(label.text): label for label in reversed(self.labels)}

    def part(self, part_id: str) -> Part | None:
        return next((p for p in self.parts if p.id == part_id), None)


def vocabulary_from(data: object, path: Path) -> Vocabulary:
    try:
        parsed = _File.model_validate(data)
    except ValidationError as exc:
        raise CatalogueError(f"{path}: {describe_validation(exc, data)}", _(_HINT)) from None
    ids = [p.id for p in parsed.parts]
    if len(set(ids)) != len(ids):
        twice = sorted({i for i in ids if ids.count(i) > 1})
        raise CatalogueError(
            _("{path}: parts: the id {id} appears twice").format(path=path, id=twice[0]),
            _(_HINT),
        )
    parts = tuple(
        Part(
            id=p.id,
            name=p.name,
            headings=_unique(normalise(h) for h in [*p.headings.en, *p.headings.nl]),
            plan_json=tuple(p.plan_json),
            answers=tuple(p.answers),
        )
        for p in parsed.parts
    )
    labels = {
        text: Label(text, entry.name, entry.date)
        for entry in parsed.labels
        for text in [*entry.en, *entry.nl]
    }
    ordered = sorted(labels.values(), key=lambda label: (-len(label.text), label.text))
    return Vocabulary(parts, tuple(ordered), frozenset(normalise(p) for p in parsed.placeholders))


@functools.cache
def shipped() -> Vocabulary:
    return vocabulary_from(load_yaml(VOCABULARY_PATH, CatalogueError, _(_HINT)), VOCABULARY_PATH)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
