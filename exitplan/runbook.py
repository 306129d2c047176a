"""One runbook's content, from its playbook and the plan: the steps that apply to the
chosen target, its migration tools and the source clouds in scope; commands filled in with
the real names of the resources, shell-quoted; who owns it, how long it takes, and what
moves with it. Pure: the template only lays this out."""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .estimate import ItemEstimate
from .i18n import N_, _
from .model import Resource
from .planning import CategoryRow, Plan, StructuralRow
from .playbooks import FENCE as _FENCE
from .playbooks import MARKER, PLACEHOLDER, Condition, Playbook, conditions
from .schedule import DatedWave
from .untrusted import visible

# Placeholders bound to the inventory: each names what the command wants, and all of them
# are one of a resource's fields. The name says what it is for the reader (`--bucket
# {bucket}`); the value is the field.
_NAME = N_("the name of each resource in scope")
_NAMES = [
    "name",
    "bucket",
    "database",
    "cluster",
    "zone",
    "instance",
    "server",
    "vm",
    "registry",
    "repository",
    "queue",
    "topic",
    "vault",
    "function",
    "cache",
    "app",
    "workspace",
    "volume",
    "network",
    "balancer",
    "gateway",
    "distribution",
]
INVENTORY: dict[str, tuple[str, str]] = {
    **{word: ("name", _NAME) for word in _NAMES},
    "id": ("id", N_("the id of each resource in scope (ARN, ARM id, full resource name)")),
    "region": ("region", N_("the region of each resource in scope")),
    "account": ("account", N_("the AWS account of each resource in scope")),
    "subscription": ("account", N_("the Azure subscription of each resource in scope")),
    "project": ("account", N_("the Google Cloud project of each resource in scope")),
    "resource_group": ("resource_group", N_("the Azure resource group of each resource")),
}
_HEADING = re.compile(r"^(#{1,6}) ")
_STARTS = re.compile(r"^ *(?:#{1,6} |[-*+] |\d{1,9}[.)] )")
_ORDERED = re.compile(r"^( *)(\d{1,9})([.)] )")
_BULLET = re.compile(r"^( *)[-*+] ")


@dataclass(frozen=True)
class Scope:
    """What a runbook is for: the markers that hold for it."""

    targets: frozenset[str]  # the alternative, its provider and where it runs, its hosting
    sources: frozenset[str]  # the clouds its resources come from
    tools: frozenset[str]  # the alternative's migration tools

    def holds(self, condition: Condition) -> bool:
        have = {"target": self.targets, "source": self.sources, "tool": self.tools}
        return bool(condition.values & have[condition.key])


def scope_of(row: CategoryRow) -> Scope:
    alt = row.alternative
    targets = {alt.id, row.hosting.value}
    if alt.provider:
        targets.add(alt.provider)
    if row.provider is not None:
        targets.add(row.provider.id)
    return Scope(
        frozenset(targets),
        frozenset(item.mapping.resource.provider for _w, item in row.items),
        frozenset(alt.migration_tools),
    )


@dataclass(frozen=True)
class _Block:
    """A marked step being read: where it ends, and the sources it is limited to."""

    indent: int
    heading: int  # its heading level, 0 for a list item or paragraph
    list_item: bool
    sources: frozenset[str] | None
    kept: bool

    def ends_at(self, line: str) -> bool:
        if self.heading:
            found = _HEADING.match(line)
            return found is not None and len(found[1]) <= self.heading
        indent = len(line) - len(line.lstrip(" "))
        if self.list_item:
            return bool(line.strip()) and indent <= self.indent
        # A paragraph runs to a blank line, a line that starts a list item or heading, or
        # one indented less: where Markdown ends it too.
        return not line.strip() or indent < self.indent or bool(_STARTS.match(line))


def select(body: str, scope: Scope) -> list[tuple[str, frozenset[str] | None]]:
    """The lines of `body` whose markers hold for `scope`, markers taken out, each with
    the source clouds its step is limited to (None: all). A dropped step goes with its
    continuation, sub-items, or the section under its heading."""
    kept: list[tuple[str, frozenset[str] | None]] = []
    open_blocks: list[_Block] = []
    fenced = False
    for line in body.split("\n"):
        if not fenced:
            while open_blocks and open_blocks[-1].ends_at(line):
                open_blocks.pop()
        dropped = any(not b.kept for b in open_blocks)
        sources = next((b.sources for b in reversed(open_blocks) if b.sources), None)
        match = None if fenced else MARKER.match(line)
        if match is not None and not dropped:
            found = conditions(match["conditions"])
            lead = match["lead"]
            heading = _HEADING.match(lead)
            limit = [c.values for c in found if c.key == "source"]
            for values in limit:
                sources = values & sources if sources is not None else values
            block = _Block(
                indent=len(lead) - len(lead.lstrip(" ")),
                heading=len(heading[1]) if heading else 0,
                list_item=bool(lead.strip()) and not heading,
                sources=sources if limit else None,
                kept=all(scope.holds(c) for c in found),
            )
            open_blocks.append(block)
            dropped = not block.kept
            line = lead + line[match.end() :]
        if _FENCE.match(line):
            fenced = not fenced
        if not dropped or not line.strip():
            kept.append((line, sources))
    return _tidy(kept)


def _tidy(
    lines: list[tuple[str, frozenset[str] | None]],
) -> list[tuple[str, frozenset[str] | None]]:
    """Blank lines that dropped steps left doubled made single, and ordered lists numbered
    again from 1, so that the Markdown source reads as it renders."""
    out: list[tuple[str, frozenset[str] | None]] = []
    counters: dict[int, int] = {}
    fenced = False
    for line, sources in lines:
        if not line.strip() and out and not out[-1][0].strip() and not fenced:
            continue
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and line.strip():
            indent = len(line) - len(line.lstrip(" "))
            ordered = _ORDERED.match(line)
            if _HEADING.match(line):
                counters.clear()
            elif ordered:
                counters = {i: n for i, n in counters.items() if i <= indent}
                counters[indent] = counters.get(indent, 0) + 1
                line = f"{ordered[1]}{counters[indent]}{ordered[3]}{line[ordered.end() :]}"
            else:
                bullet = _BULLET.match(line)
                cut = indent if bullet else indent - 1
                counters = {i: n for i, n in counters.items() if i <= cut}
        out.append((line, sources))
    return out


def shell_word(value: str) -> str:
    """`value` as one shell word. Controls and invisible characters are written as the
    escapes of bash's $'...' quoting, so no value can break a line or hide in one."""
    if visible(value) == value:
        return shlex.quote(value)
    return "$'" + visible(value.replace("\\", "\\\\").replace("'", "\\'")) + "'"


def fill(
    lines: Sequence[tuple[str, frozenset[str] | None]],
    resources: Sequence[Resource] | None,
) -> tuple[str, tuple[str, ...]]:
    """The runbook body: each line of a fenced code block that holds inventory placeholders
    written once per resource in scope (of the clouds its step is limited to) with the
    real values, shell-quoted, repeats left out. `resources` None: too many to write out,
    the placeholders stay. Also the inventory placeholders left in the text, in order."""
    out: list[str] = []
    left: dict[str, None] = {}
    fenced = False
    for line, sources in lines:
        if _FENCE.match(line):
            fenced = not fenced
            out.append(line)
            continue
        names = [n for n in PLACEHOLDER.findall(line) if n in INVENTORY]
        if not names or not fenced or resources is None:
            left.update(dict.fromkeys(names))
            out.append(line)
            continue
        written: dict[str, None] = {}
        for resource in resources:
            if sources is not None and resource.provider not in sources:
                continue
            text = _substitute(line, resource)
            left.update(dict.fromkeys(n for n in PLACEHOLDER.findall(text) if n in INVENTORY))
            written[text] = None
        out.extend(written or [line])
    return "\n".join(out), tuple(left)


def _substitute(line: str, resource: Resource) -> str:
    def value(match: re.Match[str]) -> str:
        name = match[1]
        if name not in INVENTORY:
            return match[0]
        found: str | None = getattr(resource, INVENTORY[name][0])
        return match[0] if found is None else shell_word(found)

    return PLACEHOLDER.sub(value, line)


@dataclass(frozen=True)
class RunbookView:
    body: str  # Markdown, the playbook's text for this runbook
    fill_in: tuple[tuple[str, str], ...]  # placeholder, what to fill in
    owners: tuple[str, ...]
    waves: tuple[DatedWave, ...]
    configuration: tuple[tuple[StructuralRow, tuple[tuple[str, Resource], ...]], ...]


def view(
    plan: Plan,
    row: CategoryRow,
    playbook: Playbook,
    configuration: Sequence[tuple[str, ItemEstimate]],
    *,
    list_all: bool,
) -> RunbookView:
    """`configuration`: the (workload, item) pairs rebuilt with this category's service."""
    resources = [item.mapping.resource for _w, item in row.items] if list_all else None
    body, left = fill(select(playbook.body, scope_of(row)), resources)
    fill_in: dict[str, str] = {}
    for name in left:
        fill_in.setdefault(
            name,
            _(
                "{what}: too many resources to write out here; resource-mapping.csv lists them"
            ).format(what=_(INVENTORY[name][1])),
        )
    described = dict(playbook.fill_in)
    for name in PLACEHOLDER.findall(body):
        if name in described:
            fill_in.setdefault(name, described[name])
    names = {w.workload for w in row.workloads}
    workloads = [w for w in plan.workloads if w.name in names]
    numbers = {w.wave for w in workloads}
    dated = plan.schedule.waves if plan.schedule else ()
    return RunbookView(
        body=body,
        fill_in=tuple(fill_in.items()),
        owners=tuple(sorted({o for w in workloads for o in w.owners})),
        waves=tuple(d for d in dated if d.wave.number in numbers),
        configuration=configuration_of(row.configuration, configuration),
    )


def configuration_of(
    rows: Iterable[StructuralRow], items: Sequence[tuple[str, ItemEstimate]]
) -> tuple[tuple[StructuralRow, tuple[tuple[str, Resource], ...]], ...]:
    by_entry: dict[str, list[tuple[str, Resource]]] = {}
    for workload, item in items:
        if item.mapping.structure is not None:
            by_entry.setdefault(item.mapping.structure.id, []).append(
                (workload, item.mapping.resource)
            )
    return tuple(
        (row, tuple(sorted(by_entry.get(row.entry.id, []), key=lambda p: (p[0], p[1].id))))
        for row in rows
    )


LANDING_ZONE_RUNBOOK = "landing-zone"


def without_runbook(plan: Plan) -> tuple[StructuralRow, ...]:
    """Configuration no service runbook covers: the landing zone's own (accounts, projects,
    resource groups), and that of a category none of whose own resources is in scope."""
    covered = {row.category.id for row in plan.categories}
    return tuple(
        row
        for row in plan.structural_rows
        if row.moves_with is None or row.moves_with.id not in covered
    )
