"""Render a finished Plan into Markdown files, runbooks and a resource CSV. Templates hold
no business logic. Ours run unsandboxed; a user's run in Jinja's sandbox, within caps
(`usertemplates`)."""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import BaseLoader, Environment, FileSystemLoader, StrictUndefined
from jinja2 import TemplateError as JinjaError
from markupsafe import Markup

from . import __version__, diagrams, i18n, legal, manual, markdown, requirements, usertemplates
from .estimate import ItemEstimate
from .i18n import N_, _
from .mapping import Mapping
from .paths import playbook_path, playbooks_dir, templates_dir
from .planning import Plan, criticality
from .playbooks import read_playbook
from .runbook import LANDING_ZONE_RUNBOOK, configuration_of, view, without_runbook
from .threepoint import total
from .unmapped import suggest
from .untrusted import visible
from .workloadplans import workload_plans

PLAN_FILE = "exit-plan.md"
CSV_FILE = "resource-mapping.csv"
RUNBOOK_DIR = "runbooks"
# A runbook lists its resources one by one up to this many; beyond that its table by
# workload stays readable, and resource-mapping.csv holds every resource.
RUNBOOK_LIST_LIMIT = 500


def environment(user_templates: Path | None = None) -> Environment:
    # Our own templates are trusted; a user's run in the sandbox. The sandbox checks every
    # attribute access, which costs a second per 100k resources, so it is not the default.
    kind: type[Environment] = Environment
    loader: BaseLoader = FileSystemLoader(str(templates_dir()))
    if user_templates:
        kind = usertemplates.CappedSandbox
        loader = usertemplates.ConfinedLoader(user_templates, templates_dir())
    escape = markdown.remembering(markdown.escape)
    env = kind(
        loader=loader,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # Every {{ value }} is escaped for Markdown unless a filter marked it safe.
        finalize=escape,
    )
    env.filters.update(
        md=escape,
        code=markdown.remembering(markdown.code),
        size=markdown.remembering(markdown.size),
        num=markdown.number,
        figure=markdown.figure,
        figures=markdown.figures,
        pct=markdown.percent,
        utc=markdown.utc,
        waves_diagram=diagrams.waves,
        calendar_diagram=diagrams.calendar,
        scenarios_diagram=diagrams.scenarios,
        categories_pie=diagrams.categories_pie,
        mapping_diagram=diagrams.mapping,
        progress_diagram=diagrams.progress,
        money=markdown.money,
        money_range=markdown.money_range,
        money_points=markdown.money_points,
        days_points=markdown.days_points,
        slug=markdown.slug,
        section_link=requirements.section_link,
        framework_name=requirements.framework_name,
    )
    # {{ manual("decisions") }} on a line of its own: a section people write in.
    env.globals["manual"] = manual.marker
    env.globals["legal"] = legal.DATES
    i18n.install(env)
    return env


def render(
    plan: Plan, user_templates: Path | None = None, *, per_workload: bool = False
) -> dict[str, str]:
    """All output files, relative path -> text. Nothing is written here. `per_workload`:
    also a plan for each workload, linked from the estate's."""
    env = environment(user_templates)
    if user_templates is None:
        return _render_all(env, plan, per_workload)
    return usertemplates.render_capped(user_templates, lambda: _render_all(env, plan, per_workload))


def _render_all(env: Environment, plan: Plan, per_workload: bool) -> dict[str, str]:
    files: dict[str, str] = {}
    runbooks = []
    configuration = _configuration_items(plan)
    for row in plan.categories:
        playbook = read_playbook(playbook_path(playbooks_dir(), row.category.playbook))
        name = f"{RUNBOOK_DIR}/{row.category.id}.md"
        runbooks.append(name)
        listed_all = row.resources <= RUNBOOK_LIST_LIMIT
        content = view(
            plan, row, playbook, configuration.get(row.category.id, ()), list_all=listed_all
        )
        files[name] = _render(
            env,
            "runbook.md.j2",
            plan=plan,
            row=row,
            listed_all=listed_all,
            playbook=playbook,
            runbook=content,
            list_limit=RUNBOOK_LIST_LIMIT,
            playbook_body=Markup(content.body),
            csv_file=CSV_FILE,
        )
    orphans = without_runbook(plan)
    landing_zone_runbook = None
    if orphans:
        ids = {row.entry.id for row in orphans}
        members = [
            pair
            for pairs in configuration.values()
            for pair in pairs
            if pair[1].mapping.structure is not None and pair[1].mapping.structure.id in ids
        ]
        landing_zone_runbook = f"{RUNBOOK_DIR}/{LANDING_ZONE_RUNBOOK}.md"
        files[landing_zone_runbook] = _render(
            env,
            "landing-zone.md.j2",
            plan=plan,
            configuration=configuration_of(orphans, members),
            effort=total(item.effort for _workload, item in members),
            resources=sum(row.resources for row in orphans),
            list_limit=RUNBOOK_LIST_LIMIT,
            csv_file=CSV_FILE,
        )
    links: dict[tuple[str, str], str] = {}
    if per_workload:
        by_category = {
            row.category.id: name for row, name in zip(plan.categories, runbooks, strict=True)
        }
        for wp in workload_plans(plan):
            files[wp.path] = _render(
                env,
                "workload-plan.md.j2",
                plan=plan,
                wp=wp,
                runbooks=by_category,
                listed_all=len(wp.items) <= RUNBOOK_LIST_LIMIT,
                list_limit=RUNBOOK_LIST_LIMIT,
                csv_file=CSV_FILE,
            )
            # Percent-encoded: a name may hold spaces, brackets or any other letter.
            links[(wp.workload.name, wp.workload.grouped_by)] = quote(wp.path)
    files[PLAN_FILE] = _render(
        env,
        "exit-plan.md.j2",
        plan=plan,
        runbooks=runbooks,
        landing_zone_runbook=landing_zone_runbook,
        directions=suggest(plan.unmapped_types, plan.loaded.inventory.resources),
        workload_files=links,
        csv_file=CSV_FILE,
    )
    files[CSV_FILE] = resource_csv(plan)
    return files


def _configuration_items(plan: Plan) -> dict[str, list[tuple[str, ItemEstimate]]]:
    """The configuration items (workload, item) by the category they are rebuilt with."""
    found: dict[str, list[tuple[str, ItemEstimate]]] = {}
    for workload, item in zip(plan.item_workloads, plan.estimate.items, strict=True):
        structure = item.mapping.structure
        if structure is not None:
            found.setdefault(structure.moves_with, []).append((workload, item))
    return found


def _render(env: Environment, name: str, **context: Any) -> str:
    try:
        template = env.get_template(name)
        if isinstance(env, usertemplates.CappedSandbox):
            return env.produce(template, {"version": __version__, **context})
        text: str = template.render(version=__version__, **context)
        return text
    except JinjaError as exc:
        raise usertemplates.failure(exc) from exc


# A spreadsheet runs a cell that starts like a formula, even after spaces or a quote. A
# cell starts at the start of a field, but also after a separator inside one for a reader
# that splits on another separator (Dutch Excel splits on ";") or splits lines itself.
_FORMULA = re.compile(r"(^|[,;\t\r\n])([ \"]*)(?=[=+\-@\t\r])")
_RISKY_START = frozenset('=+-@\t\r "')


def _guard(text: str) -> str:
    """Every place where a reading could start a formula prefixed with `'`."""
    if text[:1] in _RISKY_START or "," in text or ";" in text:
        text = _FORMULA.sub(r"\1\2'", text)
    return text


def _cell(text: str) -> str:
    """Untrusted text as a CSV cell: controls shown (`visible`, so no line break is left
    in it), and guarded against formulas."""
    return _guard(visible(text))


# Column names a person reads in a spreadsheet, so in the plan's language; the cells below
# them are values (ids, figures with a decimal point), the same in every language.
_HEADER = (
    N_("provider"), N_("account"), N_("region"), N_("type"), N_("id"), N_("name"),
    N_("workload"), N_("criticality"), N_("environment"), N_("size_bytes"), N_("category"),
    N_("alternative"), N_("strategy"), N_("effort_optimistic_days"), N_("effort_likely_days"),
    N_("effort_pessimistic_days"), N_("rules"), N_("lock_in"), N_("licences"),
)  # fmt: skip


def _header_line() -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(_(name) for name in _HEADER)
    return out.getvalue()


def _licence_cells(plan: Plan) -> dict[int, str]:
    """Each licensed resource's products and cost bases (E-LICENCE), as `id:basis` words,
    keyed by the resource object's identity."""
    cells: dict[int, list[str]] = {}
    for licence in plan.estimate.licences:
        cells.setdefault(id(licence.resource), []).append(f"{licence.id}:{licence.basis}")
    return {key: " ".join(words) for key, words in cells.items()}


def _cell_starts() -> bytes:
    """A table for bytes.translate that keeps what `resource_csv` looks for: a control
    becomes NUL; a cell's start (a comma, or a line end) a comma; a character that starts
    a formula, or may after spaces (see `_guard`), a dash; CR stays; all else is x."""
    table = bytearray(b"x" * 256)
    table[:0x20] = bytes(0x20)
    table[0x7F] = 0
    table[ord("\r")] = ord("\r")
    table[ord("\n")] = table[ord(",")] = ord(",")
    for char in "=+-@ ":
        table[ord(char)] = ord("-")
    return bytes(table)


_CELL_STARTS = _cell_starts()
_CHUNK_ROWS = 4096


def resource_csv(plan: Plan) -> str:
    # Nearly always no untrusted text holds a control, a separator or a quote, or starts
    # like a formula, and a few scans in C show it: then each cell is what `_cell` makes
    # of it and the writer leaves it unquoted, so joining the cells gives the same file as
    # `_write_csv`, without its work on each of 1,700,000 cells at 100k resources. It is
    # joined and checked in chunks of rows, so that no more than the finished text and
    # its parts are held at once.
    chunks = [_header_line()]
    for rows, chunk in _joined_csv(plan):
        if not _plain(chunk, rows):
            return _write_csv(plan, _cell)
        chunks.append(chunk)
    return "".join(chunks)


def _plain(chunk: str, rows: int) -> bool:
    """Whether `chunk`, `rows` lines that `_joined_csv` made, holds only cells that the
    writer and `_cell` leave as they are."""
    if not chunk.isascii() or '"' in chunk or ";" in chunk:
        return False
    if chunk.count(",") != (len(_HEADER) - 1) * rows or chunk.count("\n") != rows:
        return False
    starts = chunk.encode("ascii").translate(_CELL_STARTS)
    return b"\0" not in starts and starts.count(b"\r") == rows and b",-" not in starts


def _joined_csv(plan: Plan) -> Iterator[tuple[int, str]]:
    """The lines of `_write_csv`, each cell as it is, joined by commas, in chunks of
    lines: how many, and their text. The header is `_header_line`'s."""
    lines: list[str] = []
    levels: dict[str, str] = {}  # a criticality tag's value -> its level
    licences = _licence_cells(plan)
    # An item with no data to move shares its figures, rules and choice with the others
    # of its category and environment (see `estimate`): their seven cells are made once,
    # keyed by the identity of objects that all live until the file is done.
    shared: dict[tuple[int, int, int, int, str], str] = {}
    for workload, item, lock_in in zip(
        plan.item_workloads, plan.estimate.items, _lock_in_cells(plan), strict=True
    ):
        r = item.mapping.resource
        tags = r.tags
        tag = tags.get("criticality", "")
        level = levels.get(tag)
        if level is None:
            level = levels[tag] = criticality(r)
        if item.data_bytes:
            tail = _last_cells(item)
        else:
            key = (
                id(item.effort),
                id(item.mapping.choice),
                id(item.mapping.structure),
                id(item.rules),
                item.strategy,
            )
            tail = shared.get(key) or shared.setdefault(key, _last_cells(item))
        lines.append(
            f"{r.provider},{r.account},{r.region},{r.type},{r.id},{r.name},{workload},"
            f"{level},{tags.get('environment', '')},{r.size_bytes or ''},{tail},{lock_in},"
            f"{licences.get(id(r), '')}"
        )
        if len(lines) == _CHUNK_ROWS:
            yield len(lines), "\r\n".join(lines) + "\r\n"
            lines = []
    if lines:
        yield len(lines), "\r\n".join(lines) + "\r\n"


def _lock_in_cells(plan: Plan) -> list[str]:
    """Each item's lock-in score as the CSV writes it; empty where the plan has none."""
    if plan.lock_in is None:
        return [""] * len(plan.estimate.items)
    return [f"{score.score:.1f}" for score in plan.lock_in.resources]


def _category_cell(mapping: Mapping) -> str:
    """The category a row belongs to: its own, or for configuration the one it moves with."""
    if mapping.choice is not None:
        return mapping.choice.category.id
    if mapping.structure is not None:
        return mapping.structure.moves_with
    return "unmapped"


def _last_cells(item: ItemEstimate) -> str:
    choice, effort = item.mapping.choice, item.effort
    return (
        f"{_category_cell(item.mapping)},"
        f"{choice.alternative.id if choice else ''},{item.strategy},"
        f"{effort.o:.2f},{effort.m:.2f},{effort.p:.2f},{item.rules}"
    )


def _write_csv(plan: Plan, cell: Callable[[str], str]) -> str:
    out = io.StringIO()
    # With CR LF as the line end (RFC 4180), the writer quotes every cell holding CR or LF
    # as well as a comma or a quote; `_cell` leaves neither in untrusted text anyway.
    out.write(_header_line())
    writer = csv.writer(out, lineterminator="\r\n")
    # Accounts, regions, types, workloads and environments repeat from row to row.
    repeated = functools.lru_cache(maxsize=4096)(cell)
    licences = _licence_cells(plan)
    for workload, item, lock_in in zip(
        plan.item_workloads, plan.estimate.items, _lock_in_cells(plan), strict=True
    ):
        r = item.mapping.resource
        choice = item.mapping.choice
        effort = item.effort
        writer.writerow(
            (
                r.provider, repeated(r.account), repeated(r.region), repeated(r.type),
                cell(r.id), cell(r.name), repeated(workload), criticality(r),
                repeated(r.tags.get("environment", "")), r.size_bytes or "",
                _category_cell(item.mapping),
                choice.alternative.id if choice else "", item.strategy,
                f"{effort.o:.2f}", f"{effort.m:.2f}", f"{effort.p:.2f}", item.rules, lock_in,
                licences.get(id(r), ""),
            )
        )  # fmt: skip
    return out.getvalue()
