"""What marks a translation as made from a given English text: a short hash of the English,
kept beside the translation, so that a translation of an English text that has changed since
is noticed (stale) and the English is shown instead."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

# In a translated playbook's front matter: `translated_from: '3f9a21c0'`.
_FROM = re.compile(r"^translated_from: *'?([0-9a-f]{8})'?[ \t]*$", re.MULTILINE)


def fingerprint(text: str) -> str:
    """A short hash of an English text: enough to notice that it changed."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def translated_from(text: str) -> str | None:
    """The fingerprint a translated playbook names in its front matter, if any."""
    head = text.split("\n---", 1)[0] if text.startswith("---") else ""
    found = _FROM.search(head)
    return found[1] if found else None


def current(translation: Path, english: Path) -> bool:
    """Whether `translation` exists and was made from `english` as it now reads."""
    if not translation.is_file():
        return False
    made_from = translated_from(translation.read_text(encoding="utf-8"))
    return made_from == fingerprint(english.read_text(encoding="utf-8"))


def playbooks_to_translate(english: Path, translated: Path) -> list[str]:
    """A line per English playbook in `english` with no current translation in `translated`:
    the file to write and the fingerprint its front matter must name."""
    lines = []
    for source in sorted(english.glob("*.md")):
        target = translated / source.name
        if current(target, source):
            continue
        state = "stale" if target.is_file() else "missing"
        made_from = fingerprint(source.read_text(encoding="utf-8"))
        lines.append(f"# {target} ({state}): translated_from: '{made_from}'")
    return lines
