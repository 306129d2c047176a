"""Render a finished Plan into Markdown files, runbooks and a resource CSV. Templates hold
no business logic. Ours run unsandboxed; a user's run in Jinja's sandbox, within caps
(`usertemplates`)."""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, Environment, FileSystemLoader, StrictUndefined
from jinja2 import TemplateError as JinjaError
from markupsafe import Markup

from . import __version__, diagrams, legal, manual, markdown, usertemplates
from .paths import playbooks_dir, templates_dir
from .planning import Plan, criticality
from .playbooks import read_playbook
from .untrusted import visible

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
    env = kind(
        loader=loader,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # Every {{ value }} is escaped for Markdown unless a filter marked it safe.
        finalize=markdown.escape,
    )
    env.filters.update(
        md=markdown.escape,
        code=markdown.code,
        size=markdown.size,
        num=markdown.number,
        pct=markdown.percent,
        utc=markdown.utc,
        waves_diagram=diagrams.waves,
    )
    # {{ manual("decisions") }} on a line of its own: a section people write in.
    env.globals["manual"] = manual.marker
    env.globals["legal"] = legal.DATES
    return env


def render(plan: Plan, user_templates: Path | None = None) -> dict[str, str]:
    """All output files, relative path -> text. Nothing is written here."""
    env = environment(user_templates)
    if user_templates is None:
        return _render_all(env, plan)
    return usertemplates.render_capped(user_templates, lambda: _render_all(env, plan))


def _render_all(env: Environment, plan: Plan) -> dict[str, str]:
    files: dict[str, str] = {}
    runbooks = []
    for row in plan.categories:
        playbook = read_playbook(playbooks_dir() / f"{row.category.playbook}.md")
        name = f"{RUNBOOK_DIR}/{row.category.id}.md"
        runbooks.append(name)
        files[name] = _render(
            env,
            "runbook.md.j2",
            plan=plan,
            row=row,
            listed_all=row.resources <= RUNBOOK_LIST_LIMIT,
            playbook=playbook,
            playbook_body=Markup(playbook.body),
            csv_file=CSV_FILE,
        )
    files[PLAN_FILE] = _render(env, "exit-plan.md.j2", plan=plan, runbooks=runbooks)
    files[CSV_FILE] = resource_csv(plan)
    return files


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


def _guard_start(text: str) -> str:
    """`_guard` for text without a separator, a quote or a control in it."""
    return _FORMULA.sub(r"\1\2'", text) if text[:1] in _RISKY_START else text


def _cell(text: str) -> str:
    """Untrusted text as a CSV cell: controls shown (`visible`, so no line break is left
    in it), and guarded against formulas."""
    return _guard(visible(text))


_PRINTABLE_ASCII = bytes(range(0x20, 0x7F))


def resource_csv(plan: Plan) -> str:
    # Nearly always no untrusted text holds a control, a separator or a quote, and a few
    # scans of the whole file in C show it: then guarding the start of each cell gives
    # the same file as `_cell`, without its work on each of 700,000 cells at 100k
    # resources. A comma or quote in a cell shows as a quote, since the writer quotes it.
    text = _write_csv(plan, _guard_start)
    if text.isascii() and '"' not in text and ";" not in text:
        controls = text.encode("ascii").translate(None, _PRINTABLE_ASCII)
        if controls == b"\r\n" * (len(plan.estimate.items) + 1):  # our own line ends
            return text
    return _write_csv(plan, _cell)


def _write_csv(plan: Plan, cell: Callable[[str], str]) -> str:
    out = io.StringIO()
    # With CR LF as the line end (RFC 4180), the writer quotes every cell holding CR or LF
    # as well as a comma or a quote; `_cell` leaves neither in untrusted text anyway.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [
            "provider", "account", "region", "type", "id", "name", "workload", "criticality",
            "environment", "size_bytes", "category", "alternative", "strategy",
            "effort_optimistic_days", "effort_likely_days", "effort_pessimistic_days", "rules",
        ]
    )  # fmt: skip
    # Accounts, regions, types, workloads and environments repeat from row to row.
    repeated = cell if cell is _guard_start else functools.lru_cache(maxsize=4096)(cell)
    for workload, item in zip(plan.item_workloads, plan.estimate.items, strict=True):
        r = item.mapping.resource
        choice = item.mapping.choice
        effort = item.effort
        writer.writerow(
            (
                r.provider, repeated(r.account), repeated(r.region), repeated(r.type),
                cell(r.id), cell(r.name), repeated(workload), criticality(r),
                repeated(r.tags.get("environment", "")), r.size_bytes or "",
                choice.category.id if choice else "unmapped",
                choice.alternative.id if choice else "", item.strategy,
                f"{effort.o:.2f}", f"{effort.m:.2f}", f"{effort.p:.2f}", item.rules,
            )
        )  # fmt: skip
    return out.getvalue()
