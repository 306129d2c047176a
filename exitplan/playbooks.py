"""Playbooks: Markdown runbook sources with YAML front matter tying them to the catalogue.

A playbook is written once for every target of its category. Markers in square brackets at
the start of a step say which targets, sources or migration tools a step (a list item with
its continuation and sub-items, a paragraph, or a heading's section) applies to; commands
carry named placeholders that a runbook fills from the inventory. The format is described
for authors and translators in docs/playbooks.md; `exitplan.runbook` applies it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .errors import TemplateError
from .i18n import N_, _

if TYPE_CHECKING:
    from .catalogue import Alternative

_HINT = N_("a playbook starts with '---', YAML front matter with 'category' and 'title', and '---'")
_MARKER_HINT = N_(
    "a marker is '[target: id, id]', '[source: aws]' or '[tool: name]', several joined by "
    "'; ', at the start of a step (docs/plan.md, Writing playbooks)"
)

# What a marker can test. A target is an alternative id, a provider id, or how the target
# is hosted; a source is a cloud the runbook's resources come from; a tool is one of the
# migration tools the catalogue names for the chosen alternative, spelled as it does.
MARKER_KEYS = ("target", "source", "tool")
SOURCES = ("aws", "azure", "gcp")
HOSTING = ("managed", "self-hosted")

# A marker opens a step: after the indent, an optional list bullet or number, or a
# heading's hashes, then "[key: values; key: values]".
MARKER = re.compile(
    r"^(?P<lead> *(?:#{1,6} |[-*+] |\d{1,9}[.)] )?)"
    r"\[(?P<conditions>(?:" + "|".join(MARKER_KEYS) + r"): [^\]\n]*)\] ?"
)
# A placeholder in a command: {bucket}, {resource_group}. JMESPath's {Name:name} and the
# shell's ${VAR} or {a,b} do not look like one.
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
FENCE = re.compile(r"^ *(```|~~~)")
_STRAY = re.compile(r"\[(?:" + "|".join(MARKER_KEYS) + r"): ")


@dataclass(frozen=True)
class Condition:
    key: str  # one of MARKER_KEYS
    values: frozenset[str]


@dataclass(frozen=True)
class Playbook:
    category: str
    title: str
    applies_to: tuple[str, ...]
    body: str
    fill_in: tuple[tuple[str, str], ...] = ()  # placeholders the plan cannot know, described
    go_no_go: tuple[str, ...] = ()  # criteria before cut-over particular to the category
    evidence: tuple[str, ...] = ()  # what to record, particular to the category


def conditions(text: str) -> tuple[Condition, ...]:
    """The conditions of a marker's inside, `target: a, b; source: aws`; ValueError names
    what is wrong."""
    found = []
    for part in text.split(";"):
        key, sep, values = part.strip().partition(":")
        names = frozenset(v.strip() for v in values.split(",") if v.strip())
        if not sep or key.strip() not in MARKER_KEYS or not names:
            raise ValueError(part.strip())
        found.append(Condition(key.strip(), names))
    return tuple(found)


def markers(body: str, first_line: int = 1) -> list[tuple[int, tuple[Condition, ...]]]:
    """Each marker of a playbook's body with its line number (the body's first line is
    `first_line`); TemplateError for one that does not parse."""
    found = []
    for number, line in enumerate(body.split("\n"), first_line):
        match = MARKER.match(line)
        if match is None:
            continue
        try:
            found.append((number, conditions(match["conditions"])))
        except ValueError as exc:
            raise TemplateError(
                _("line {line}: malformed marker condition '{part}'").format(line=number, part=exc),
                _(_MARKER_HINT),
            ) from None
    return found


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
    fill_in = meta.get("fill_in") or {}
    go_no_go = meta.get("go_no_go") or []
    evidence = meta.get("evidence") or []
    if (
        not isinstance(fill_in, dict)
        or not all(isinstance(k, str) and PLACEHOLDER.fullmatch("{" + k + "}") for k in fill_in)
        or not isinstance(go_no_go, list)
        or not isinstance(evidence, list)
    ):
        raise TemplateError(
            _(
                "{path}: 'fill_in' maps placeholder names (lower case, digits, _) to what to "
                "fill in; 'go_no_go' and 'evidence' are lists of sentences"
            ).format(path=path),
            _(_HINT),
        )
    body = parts[2].strip() + "\n"
    first_line = text.count("\n", 0, len(text) - len(parts[2].lstrip())) + 1
    try:
        markers(body, first_line)
    except TemplateError as exc:
        raise TemplateError(f"{path}: {exc.message}", exc.hint) from None
    return Playbook(
        category=str(meta["category"]),
        title=str(meta["title"]),
        applies_to=tuple(str(a) for a in meta.get("applies_to") or ()),
        body=body,
        fill_in=tuple((str(k), str(v)) for k, v in fill_in.items()),
        go_no_go=tuple(str(c) for c in go_no_go),
        evidence=tuple(str(e) for e in evidence),
    )


def problems(
    playbook: Playbook,
    alternatives: Iterable[Alternative],
    providers: Iterable[str],
    inventory: Iterable[str],
) -> list[str]:
    """What is wrong with a playbook's markers and placeholders, given the alternatives of
    the categories that use it, the catalogue's provider ids and the placeholders the
    inventory fills: an id or tool no runbook could match, a placeholder nobody fills, or
    one the inventory fills outside a fenced code block (where it would stay unfilled)."""
    alternatives = list(alternatives)
    known = {
        "target": {a.id for a in alternatives} | set(providers) | set(HOSTING),
        "source": set(SOURCES),
        "tool": {t for a in alternatives for t in a.migration_tools},
    }
    filled = set(inventory)
    declared = {name for name, _what in playbook.fill_in}
    found = []
    for number, found_conditions in markers(playbook.body):
        for condition in found_conditions:
            for value in sorted(condition.values - known[condition.key]):
                found.append(f"line {number}: unknown {condition.key} '{value}'")
    fenced = False
    for number, line in enumerate(playbook.body.split("\n"), 1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        start = MARKER.match(line)
        inside = line[start.end() :] if start else line
        if not fenced and _STRAY.search(inside):
            found.append(f"line {number}: a marker counts only at the start of a step")
        for name in PLACEHOLDER.findall(line):
            if name not in filled and name not in declared:
                found.append(
                    f"line {number}: placeholder {{{name}}} is neither filled nor in fill_in"
                )
            elif name in filled and not fenced:
                found.append(f"line {number}: {{{name}}} is filled only in a fenced code block")
    return found
