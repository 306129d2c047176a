"""Playbooks: Markdown runbook sources with YAML front matter tying them to the catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import TemplateError

_HINT = "a playbook starts with '---', YAML front matter with 'category' and 'title', and '---'"


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
        raise TemplateError(f"{path}: cannot read playbook: {exc.strerror or exc}", _HINT) from exc
    parts = text.split("---", 2) if text.startswith("---") else []
    if len(parts) != 3:
        raise TemplateError(f"{path}: no front matter", _HINT)
    try:
        meta = yaml.safe_load(parts[1])
    except yaml.YAMLError as exc:
        raise TemplateError(f"{path}: front matter is not valid YAML: {exc}", _HINT) from exc
    if not isinstance(meta, dict) or not meta.get("category") or not meta.get("title"):
        raise TemplateError(f"{path}: front matter needs 'category' and 'title'", _HINT)
    return Playbook(
        category=str(meta["category"]),
        title=str(meta["title"]),
        applies_to=tuple(str(a) for a in meta.get("applies_to") or ()),
        body=parts[2].strip() + "\n",
    )
