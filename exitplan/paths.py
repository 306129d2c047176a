"""Where the shipped data lives, in a checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

from . import i18n, translation

_PACKAGE = Path(__file__).resolve().parent


def _top_level(name: str) -> Path:
    # In a wheel, templates/ and playbooks/ are carried inside the package (see
    # pyproject.toml); in a checkout or an editable install they sit beside it.
    shipped = _PACKAGE / "_shipped" / name
    if shipped.is_dir():
        return shipped
    return _PACKAGE.parent / name


def templates_dir() -> Path:
    return _top_level("templates")


def playbooks_dir() -> Path:
    """The playbooks of the language the plan is written in: whole documents, so one
    folder of them per language rather than messages in a catalogue. A language without
    a folder of its own yet uses the English playbooks: its messages can ship first."""
    folder = _top_level("playbooks") / i18n.language()
    return folder if folder.is_dir() else _top_level("playbooks") / i18n.DEFAULT_LANGUAGE


def playbook_path(folder: Path, name: str) -> Path:
    """The playbook `name` in `folder` (the plan's language), or the English one where it
    has not been translated, or was translated from an English text that has changed since:
    the plan says which runbooks are still in English."""
    path = folder / f"{name}.md"
    english = folder.parent / i18n.DEFAULT_LANGUAGE / f"{name}.md"
    if path == english or not english.is_file():
        return path
    return path if translation.current(path, english) else english


def catalogue_dir() -> Path:
    return _PACKAGE / "data" / "catalogue"


def effort_profile_path() -> Path:
    return _PACKAGE / "data" / "effort-profile.yaml"
