"""Playbooks: Markdown runbook sources with YAML front matter tying them to the catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import TemplateError
from .i18n import N_, _

_HINT = N_("a playbook starts with '---', YAML front matter with 'category' and 'title', and '---'")


@dataclass(frozen=True)
class Playbook:
    category: str
    title: str
    applies_to: tuple[str, ...]
    body: str


def read_playbook(path: Path) -> Playbook:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TemplateError(
            _("{path}: cannot read playbook: {reason}").format(
                path=path, reason=exc.strerror or exc
            ),
            _(_HINT),
        ) from exc
    parts = text.split("---", 2) if text.startswith("---") else []
    if len(parts) != 3:
        raise TemplateError(_("{path}: no front matter").format(path=path), _(_HINT))
    try:
        meta = yaml.safe_load(parts[1])
    except yaml.YAMLError as exc:
        raise TemplateError(
            _("{path}: front matter is not valid YAML: {exc}").format(path=path, exc=exc), _(_HINT)
        ) from exc
    if not isinstance(meta, dict) or not meta.get("category") or not meta.get("title"):
        raise TemplateError(
            _("{path}: front matter needs 'category' and 'title'").format(path=path), _(_HINT)
        )
    return Playbook(
        category=str(meta["category"]),
        title=str(meta["title"]),
        applies_to=tuple(str(a) for a in meta.get("applies_to") or ()),
        body=parts[2].strip() + "\n",
    )
