"""exitplan's own plan.json, read for what it holds without requiring what it may hold
later: every top-level key is a section named by the key, the metadata given with
`--meta` is the front matter, the members of an object value are its subsections, and
keys added by later versions are read as sections too."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jiter

from ..errors import InputError
from ..i18n import N_, _
from .document import Fact, PlanDocument, Section
from .facts import front_matter_facts, unique
from .vocabulary import Vocabulary

# What names the file rather than the plan.
_BOOKKEEPING = frozenset({"schema_version", "tool", "tool_version"})
_HINT = N_("give the plan.json that `exitplan plan` wrote, or its folder")


def parse_plan_json(path: Path, raw: bytes, vocabulary: Vocabulary) -> PlanDocument:
    data = _parse(path, raw)
    if not isinstance(data, dict) or not isinstance(data.get("schema_version"), int):
        raise InputError(
            _("{path}: not an exitplan plan.json: it has no schema_version").format(path=path),
            _(_HINT),
        )
    meta = data.get("meta")
    if meta is not None and not isinstance(meta, dict):
        raise InputError(
            _("{path}: meta: not an object of plan metadata").format(path=path), _(_HINT)
        )
    lines = _key_lines(raw)
    sections: list[Section] = []
    for order, (key, value) in enumerate(data.items(), 1):
        if key in _BOOKKEEPING:
            continue
        position = lines.get(key, order)
        if not isinstance(value, dict) or not value:
            sections.append(Section(key, 1, position, _text(value)))
            continue
        # An object's members are its subsections ("governance.tests"), so that a part
        # can be one member of it.
        sections.append(Section(key, 1, position, ""))
        sections += [Section(f"{key}.{name}", 2, position, _text(v)) for name, v in value.items()]
    facts: list[Fact] = front_matter_facts(meta or {}, vocabulary)
    as_of = data.get("inventory_as_of")
    if isinstance(as_of, str):
        # The day of the estate the plan was made from: a plan older than its estate is stale.
        facts += front_matter_facts({"inventory_as_of": as_of}, vocabulary, "data")
    return PlanDocument(path, "exitplan-json", meta, tuple(sections), unique(facts))


def _parse(path: Path, raw: bytes) -> Any:
    try:
        return jiter.from_json(raw, catch_duplicate_keys=True)
    except ValueError as exc:
        raise InputError(
            _("{path}: not valid JSON: {problem}").format(path=path, problem=exc), _(_HINT)
        ) from None


def _key_lines(raw: bytes) -> dict[str, int]:
    """The line of each top-level key, as exitplan lays plan.json out (two spaces in)."""
    lines: dict[str, int] = {}
    for number, line in enumerate(raw.decode("utf-8", "replace").splitlines(), 1):
        match = re.match(r'^  "([^"\\]+)":', line)
        if match:
            lines.setdefault(match.group(1), number)
    return lines


def _text(value: object) -> str:
    """A key's value as text; nothing for an empty one, so that it reads as empty."""
    if value in (None, "", [], {}):
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
