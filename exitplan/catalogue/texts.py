"""The catalogue's texts in other languages: names, descriptions and notes, which gettext
does not reach because they are data, not code.

`exitplan/data/catalogue/LANG/NAME.yaml` holds the texts of `NAME.yaml` in language LANG,
per section, entry id and field, each with a short hash of the English it was made from:

    categories:
      object-storage:
        name:
          source: 3f9a21c0
          text: Objectopslag

A text whose English has changed since (its hash differs) is stale: the English stays, and
the plan says so, rather than show a translation of what the catalogue no longer says. Only
the shipped files are translated; the user's overlays stay as written. Facts, ids, sources
and dates are never part of a translation.

`python -m exitplan.catalogue LANG` lists what is missing or stale, as YAML to fill
in."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import CatalogueError
from ..i18n import DEFAULT_LANGUAGE, _
from ..translation import fingerprint
from ..yamlfile import describe_validation, load_yaml
from .model import Alternative, CatalogueFile, Category, Provider, Structural
from .overlay import HINT

# The fields a translation may replace, per section; `uncertain.FIELD` as well where the
# entry can say a fact was not verified.
FIELDS: dict[str, tuple[str, ...]] = {
    "categories": ("name", "description", "lock_in_reason"),
    "alternatives": ("compatibility_note", "notes"),
    "structural": ("name", "reason"),
    "providers": ("notes", "parent"),
}
_HEDGED: dict[str, type[BaseModel]] = {"alternatives": Alternative, "providers": Provider}
_UNCERTAIN = "uncertain."
# A provider's certificate by its name: `certifications.BSI C5.scope`.
_CERTIFICATE, _SCOPE = "certifications.", ".scope"

Key = tuple[str, str, str]  # section, entry id, field
Entry = Category | Alternative | Structural | Provider


class _Text(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str = Field(pattern=r"^[0-9a-f]{8}$", description="fingerprint of the English")
    text: str = Field(min_length=1)


class _TextsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    categories: dict[str, dict[str, _Text]] = {}
    alternatives: dict[str, dict[str, _Text]] = {}
    structural: dict[str, dict[str, _Text]] = {}
    providers: dict[str, dict[str, _Text]] = {}


@dataclass(frozen=True)
class Localised:
    """What of the shipped catalogue is in the language, and what is still in English."""

    language: str
    untranslated: frozenset[Key]  # shipped texts shown in English: never translated, or stale
    stale: tuple[tuple[Path, Key], ...]  # translations of an English text that has changed
    # playbook names with no current translation: their runbooks use the English playbook
    playbooks_missing: frozenset[str] = frozenset()


@dataclass(frozen=True)
class StillEnglish:
    """What a plan in another language still shows in English."""

    texts: int  # catalogue texts of the entries the plan uses
    entries: tuple[str, ...]  # the names of those entries, in the plan's order
    runbooks: tuple[str, ...]  # categories whose runbook steps have no translated playbook


def still_english(
    localised: Localised | None,
    shown: Iterable[tuple[str, str, str]],
    playbooks: Iterable[tuple[str, str]],
) -> StillEnglish | None:
    """`shown`: the entries a plan uses (section, id, name); `playbooks`: its runbooks'
    (playbook, category name). None where everything is in the plan's language."""
    if localised is None:
        return None
    by_entry: dict[tuple[str, str], int] = {}
    for section, entry_id, _field in localised.untranslated:
        by_entry[section, entry_id] = by_entry.get((section, entry_id), 0) + 1
    names: dict[str, None] = {}
    count = 0
    for section, entry_id, name in dict.fromkeys(shown):
        found = by_entry.get((section, entry_id), 0)
        if found:
            count += found
            names[name] = None
    runbooks = tuple(name for book, name in playbooks if book in localised.playbooks_missing)
    if not count and not runbooks:
        return None
    return StillEnglish(count, tuple(names), runbooks)


def localise(
    parsed: Sequence[tuple[Path, CatalogueFile]],
    language: str,
    directory: Path,
    read: Callable[[Path], Any] | None = None,
) -> tuple[list[tuple[Path, CatalogueFile]], Localised | None]:
    """The shipped catalogue files with their texts in `language` where translated
    (`directory/language/`), and what is left in English. English: unchanged, None.
    `read`: how to read a YAML file (default: the strict reader that names the line)."""
    if language == DEFAULT_LANGUAGE:
        return list(parsed), None
    folder = directory / language
    known = {path.name for path, _content in parsed}
    for path in sorted(folder.glob("*.yaml")):
        if path.name not in known:
            raise CatalogueError(
                _("{path}: translates no catalogue file (there is no {name} beside it)").format(
                    path=path, name=path.name
                ),
                _(HINT),
            )
    result: list[tuple[Path, CatalogueFile]] = []
    untranslated: set[Key] = set()
    stale: list[tuple[Path, Key]] = []
    for path, content in parsed:
        texts_path = folder / path.name
        texts = _read(texts_path, read) if texts_path.is_file() else _TextsFile()
        translated, applied, outdated = _translate(texts_path, content, texts)
        result.append((path, translated))
        untranslated |= {key for key, _english in texts_of(content) if key not in applied}
        stale += [(texts_path, key) for key in outdated]
    return result, Localised(language, frozenset(untranslated), tuple(stale))


def _read(path: Path, read: Callable[[Path], Any] | None = None) -> _TextsFile:
    data = read(path) if read else load_yaml(path, CatalogueError, HINT)
    try:
        return _TextsFile.model_validate(data or {})
    except ValidationError as exc:
        raise CatalogueError(f"{path}: {describe_validation(exc, data)}", _(HINT)) from None


def entries(content: CatalogueFile) -> Iterable[tuple[str, Entry]]:
    """Every entry of a catalogue file with its section, alternatives on their own."""
    for category in content.categories:
        yield "categories", category
        for alternative in category.alternatives:
            yield "alternatives", alternative
    for entry in content.structural:
        yield "structural", entry
    for provider in content.providers:
        yield "providers", provider


def texts_of(content: CatalogueFile) -> Iterable[tuple[Key, str]]:
    """Every translatable text of a catalogue file that says something, in file order."""
    for section, entry in entries(content):
        for field in FIELDS[section]:
            value = getattr(entry, field)
            if value:
                yield (section, entry.id, field), value
        for name, why in sorted(getattr(entry, "uncertain", {}).items()):
            yield (section, entry.id, _UNCERTAIN + name), why
        for certificate in getattr(entry, "certifications", ()):
            if certificate.scope:
                yield (
                    (section, entry.id, _CERTIFICATE + certificate.name + _SCOPE),
                    certificate.scope,
                )


def _certificate(field: str) -> str | None:
    """The certificate a field names, if it is a certificate's scope."""
    if field.startswith(_CERTIFICATE) and field.endswith(_SCOPE):
        return field[len(_CERTIFICATE) : -len(_SCOPE)]
    return None


def _english(entry: Entry, field: str) -> str | None:
    if field.startswith(_UNCERTAIN):
        why: str | None = getattr(entry, "uncertain", {}).get(field.removeprefix(_UNCERTAIN))
        return why
    name = _certificate(field)
    if name is not None:
        scopes = {c.name: c.scope for c in getattr(entry, "certifications", ())}
        return scopes.get(name)
    value: str | None = getattr(entry, field)
    return value


def _check_field(path: Path, section: str, entry_id: str, field: str) -> None:
    hedged = _HEDGED.get(section)
    if (
        field in FIELDS[section]
        or (
            hedged is not None
            and field.startswith(_UNCERTAIN)
            and field.removeprefix(_UNCERTAIN) in hedged.model_fields
        )
        or (section == "providers" and _certificate(field))
    ):
        return
    allowed = [*FIELDS[section], *([_UNCERTAIN + "FIELD"] if hedged else [])]
    if section == "providers":
        allowed.append(_CERTIFICATE + "NAME" + _SCOPE)
    raise CatalogueError(
        _("{path}: {section}.{id}: '{field}' is not a text that can be translated").format(
            path=path, section=section, id=entry_id, field=field
        ),
        _("a translation may give: {fields}").format(fields=", ".join(allowed)),
    )


def _translate(
    path: Path, content: CatalogueFile, texts: _TextsFile
) -> tuple[CatalogueFile, set[Key], list[Key]]:
    """The file with its translated texts; the keys applied, and the stale ones."""
    found = {(section, entry.id): entry for section, entry in entries(content)}
    updates: dict[tuple[str, str], dict[str, str]] = {}
    applied: set[Key] = set()
    outdated: list[Key] = []
    for section in FIELDS:
        for entry_id, fields in getattr(texts, section).items():
            entry = found.get((section, entry_id))
            if entry is None:
                raise CatalogueError(
                    _("{path}: {section}.{id}: no such entry in the catalogue file {name}").format(
                        path=path, section=section, id=entry_id, name=path.name
                    ),
                    _("remove the translation, or correct its id"),
                )
            for field, text in fields.items():
                _check_field(path, section, entry_id, field)
                english = _english(entry, field)
                key = (section, entry_id, field)
                if english is None or fingerprint(english) != text.source:
                    outdated.append(key)
                    continue
                updates.setdefault((section, entry_id), {})[field] = text.text
                applied.add(key)
    return _rebuilt(content, updates), applied, outdated


def _with(entry: Any, fields: dict[str, str] | None) -> Any:
    if not fields:
        return entry
    doubts = {f.removeprefix(_UNCERTAIN): t for f, t in fields.items() if f.startswith(_UNCERTAIN)}
    scopes = {name: t for f, t in fields.items() if (name := _certificate(f)) is not None}
    plain: dict[str, Any] = {
        f: t for f, t in fields.items() if not f.startswith(_UNCERTAIN) and _certificate(f) is None
    }
    if doubts:
        plain["uncertain"] = {**entry.uncertain, **doubts}
    if scopes:
        plain["certifications"] = [
            c.model_copy(update={"scope": scopes[c.name]}) if c.name in scopes else c
            for c in entry.certifications
        ]
    return entry.model_copy(update=plain)


def _rebuilt(
    content: CatalogueFile, updates: dict[tuple[str, str], dict[str, str]]
) -> CatalogueFile:
    if not updates:
        return content
    categories = [
        _with(c, updates.get(("categories", c.id))).model_copy(
            update={
                "alternatives": [
                    _with(a, updates.get(("alternatives", a.id))) for a in c.alternatives
                ]
            }
        )
        for c in content.categories
    ]
    return content.model_copy(
        update={
            "categories": categories,
            "structural": [_with(s, updates.get(("structural", s.id))) for s in content.structural],
            "providers": [_with(p, updates.get(("providers", p.id))) for p in content.providers],
        }
    )


def todo(directory: Path, language: str) -> str:
    """YAML listing every text not translated into `language`, or stale, per file: the
    English as a comment, its fingerprint filled in, the text left for the translator."""
    lines: list[str] = []
    for path in sorted(directory.glob("*.yaml")):
        content = CatalogueFile.model_validate(load_yaml(path, CatalogueError, HINT))
        texts_path = directory / language / path.name
        texts = _read(texts_path) if texts_path.is_file() else _TextsFile()
        _translated, applied, _outdated = _translate(texts_path, content, texts)
        todo = [(key, english) for key, english in texts_of(content) if key not in applied]
        if not todo:
            continue
        lines.append(f"# {texts_path}")
        for section in FIELDS:
            entry_now = None
            for (in_section, entry_id, field), english in todo:
                if in_section != section:
                    continue
                if entry_now is None:
                    lines.append(f"{section}:")
                if entry_id != entry_now:
                    lines.append(f"  {entry_id}:")
                    entry_now = entry_id
                lines.append(f"    # {' '.join(english.split())}")
                lines += [
                    f"    {field}:",
                    f"      source: '{fingerprint(english)}'",
                    "      text: ",
                ]
    return "\n".join(lines) + "\n"
