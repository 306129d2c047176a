"""Render a finished Plan into Markdown files, runbooks and a resource CSV. Templates hold
no business logic; they run in Jinja's sandbox because users may supply their own."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from jinja2 import TemplateError as JinjaError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from . import __version__, manual, markdown
from .errors import TemplateError
from .paths import playbooks_dir, templates_dir
from .planning import Plan, criticality
from .playbooks import read_playbook

PLAN_FILE = "exit-plan.md"
CSV_FILE = "resource-mapping.csv"
RUNBOOK_DIR = "runbooks"
# A runbook lists its resources one by one up to this many; beyond that its table by
# workload stays readable, and resource-mapping.csv holds every resource.
RUNBOOK_LIST_LIMIT = 500


def environment(user_templates: Path | None = None) -> Environment:
    # Our own templates are trusted; a user's run in the sandbox. The sandbox checks every
    # attribute access, which costs a second per 100k resources, so it is not the default.
    search = [str(user_templates)] if user_templates else []
    kind = SandboxedEnvironment if user_templates else Environment
    env = kind(
        loader=FileSystemLoader([*search, str(templates_dir())]),
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
    )
    # {{ manual("decisions") }} on a line of its own: a section people write in.
    env.globals["manual"] = manual.marker
    return env


def render(plan: Plan, user_templates: Path | None = None) -> dict[str, str]:
    """All output files, relative path -> text. Nothing is written here."""
    env = environment(user_templates)
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


def _render(env: Environment, name: str, **context: object) -> str:
    try:
        template = env.get_template(name)
        text: str = template.render(version=__version__, **context)
        return text
    except JinjaError as exc:
        where = getattr(exc, "filename", None) or name
        line = getattr(exc, "lineno", None)
        location = f"{where}:{line}" if line else where
        raise TemplateError(
            f"{location}: {exc.message or exc}", "check the template named; --debug shows more"
        ) from exc


_FORMULA_START = frozenset("=+-@\t\r")


def _cell(text: str) -> str:
    # A spreadsheet would run a cell that starts like a formula; cloud text is untrusted.
    return "'" + text if text[:1] in _FORMULA_START else text


def resource_csv(plan: Plan) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "provider", "account", "region", "type", "id", "name", "workload", "criticality",
            "environment", "size_bytes", "category", "alternative", "strategy",
            "effort_optimistic_days", "effort_likely_days", "effort_pessimistic_days", "rules",
        ]
    )  # fmt: skip
    for workload, item in zip(plan.item_workloads, plan.estimate.items, strict=True):
        r = item.mapping.resource
        choice = item.mapping.choice
        effort = item.effort
        writer.writerow(
            (
                r.provider, _cell(r.account), _cell(r.region), _cell(r.type), _cell(r.id),
                _cell(r.name), _cell(workload), criticality(r),
                _cell(r.tags.get("environment", "")), r.size_bytes or "",
                choice.category.id if choice else "unmapped",
                choice.alternative.id if choice else "", item.strategy,
                f"{effort.o:.2f}", f"{effort.m:.2f}", f"{effort.p:.2f}", item.rules,
            )
        )  # fmt: skip
    return out.getvalue()
