"""`exitplan plan` and `exitplan demo`: the pipeline from inventories to a plan folder."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

from .. import html
from ..catalogue import Catalogue, Constraints
from ..errors import InputError
from ..governance import Topic
from ..i18n import N_, Number, _, language
from ..inventory import dump_inventory
from ..outdir import Outcome, check_out, summary_line, write_plan
from ..pipeline import load_meta, run_pipeline, summary
from ..planjson import PLAN_JSON
from ..planning import Plan, PlanMeta
from ..profile import load_profile
from ..reading import DEFAULT_MAX_GIB, MAX_BYTES, max_bytes
from ..render import PLAN_FILE, RUNBOOK_DIR
from ..requirements import FRAMEWORKS, check_frameworks
from ..sample import sample_meta_path, sample_path
from ..scenario import Scenario
from ..spend import Spend
from ..untrusted import json_text, visible
from ..usertemplates import MEMORY_LIMIT_MIB, OUTPUT_LIMIT_MIB, TIME_LIMIT_S
from ..workloadplans import WORKLOAD_DIR
from .choices import (
    CatalogueOption,
    CertificationOption,
    ExcludeOption,
    JurisdictionOption,
    MaxProvidersOption,
    PreferOption,
    RegionOption,
    ScenarioFileOption,
    ScenarioOption,
    SpendOption,
    choices_from,
    load_with_overlays,
)
from .common import (
    EXIT_FINDINGS,
    JsonOption,
    LangOption,
    MaxFileOption,
    OutOption,
    QuietOption,
    aligned,
    handled,
    progress,
)
from .recording import StoreOption, record_run, stored_history


@dataclass(frozen=True)
class Pages:
    """Which files besides the estate's plan a run writes."""

    html: bool = False  # a self-contained HTML page beside each Markdown file
    per_workload: bool = False  # a plan for each workload's owner


HtmlOption = Annotated[
    bool,
    typer.Option(
        "--html",
        help=_(
            "Also write each Markdown file as one self-contained HTML page (exit-plan.html, "
            "runbooks, workload plans) that draws its diagrams and makes no network "
            "request; print it to PDF from the browser. Default: off."
        ),
    ),
]
PerWorkloadOption = Annotated[
    bool,
    typer.Option(
        "--per-workload",
        help=_(
            "Also write a plan for each workload's owner (workloads/NAME.md), linked from "
            "the estate plan's workload table. Default: off."
        ),
    ),
]


def _run_plan(
    inventories: list[Path],
    out: Path,
    *,
    profile_path: Path | None,
    meta: PlanMeta,
    catalogue: Catalogue,
    constraints: Constraints | None,
    templates: Path | None,
    quiet: bool,
    extra_files: dict[str, str | bytes] | None = None,
    inputs: tuple[Path | None, ...] = (),
    limit: int = MAX_BYTES,
    scenario: str | None = None,
    own: tuple[Scenario, ...] = (),
    spend: Spend | None = None,
    start: dt.date | None = None,
    frameworks: tuple[str, ...] = (),
    pages: Pages = Pages(),
    store: str | None = None,
) -> tuple[Plan, Outcome]:
    started = time.perf_counter()
    check_out(out)
    check_frameworks(frameworks)
    history = stored_history(store)
    if templates is not None and not templates.is_dir():
        raise InputError(
            _("{path}: no such templates directory").format(path=templates),
            _("name a directory"),
        )
    profile = load_profile(profile_path, limit)
    plan, files = run_pipeline(
        inventories,
        catalogue,
        profile,
        meta,
        constraints,
        templates,
        max_bytes=limit,
        scenario=scenario,
        own=own,
        spend=spend,
        start=start,
        frameworks=frameworks,
        per_workload=pages.per_workload,
        history=history,
    )
    progress(quiet, _("planned {count} resources").format(count=plan.total_resources))
    protect = [p for p in (*inventories, profile_path, templates, *inputs) if p is not None]
    outcome = write_plan(
        out,
        {**files, **(extra_files or {})},
        # Files of an earlier run's options (--html, --per-workload) go when they are off.
        owned=(RUNBOOK_DIR, WORKLOAD_DIR, html.html_path(PLAN_FILE)),
        derive=(lambda markdown: html.pages(markdown, language())) if pages.html else None,
        protect=protect,
        progress=lambda message: progress(quiet, message),
    )
    inventory = plan.loaded.inventory
    record_run(store, "plan", inventory, dump_inventory(inventory), files[PLAN_JSON])
    seconds = time.perf_counter() - started
    progress(quiet, _("wrote {path} in {seconds:.1f} s").format(path=out, seconds=Number(seconds)))
    return plan, outcome


def _report(plan: Plan, out: Path, as_json: bool, outcome: Outcome) -> None:
    data = summary(plan, out)
    data["output"] = outcome.as_json()
    if as_json:
        typer.echo(json_text(data, sort_keys=True))
        return
    effort = data["effort_person_days"]
    cost = data["cost"]
    files = data["files"]
    if plan.meta.organisation:
        title = _("Exit plan for {organisation}, inventory of {day}")
    else:
        title = _("Exit plan, inventory of {day}")
    gaps = _("{count} (the inventory is incomplete: see section 8 of the plan)")
    lines = [
        title.format(
            organisation=visible(plan.meta.organisation or ""), day=data["inventory_as_of"]
        ),
        "",
        *_provider_table(data),
        "",
        summary_line(
            _("mapped"),
            _(
                "{share:.1%} of resources (services and their configuration); "
                "{count} unmapped ({types} types)"
            ).format(
                share=Number(data["mapped_share"]),
                count=data["unmapped"],
                types=data["unmapped_types"],
            ),
        ),
        summary_line(
            _("effort"),
            _(
                "{p10:,} / {p50:,} / {p90:,} person-days (P10 / P50 / P90, expected {mean:,})"
            ).format(
                p10=Number(effort["p10"]),
                p50=Number(effort["p50"]),
                p90=Number(effort["p90"]),
                mean=Number(effort["expected"]),
            ),
        ),
        summary_line(
            _("cost"),
            _("{p10:,} / {p50:,} / {p90:,} {currency} (P10 / P50 / P90)").format(
                p10=Number(cost["p10"]),
                p50=Number(cost["p50"]),
                p90=Number(cost["p90"]),
                currency=cost["currency"],
            ),
        ),
        *(
            [summary_line(_("note"), _("unknowns dominate the range: decide their alternatives"))]
            if data["unknowns_dominate"]
            else []
        ),
        *_target_lines(data),
        summary_line(
            _("workloads"),
            _("{count} in {waves} waves").format(count=data["workloads"], waves=len(plan.waves)),
        ),
        summary_line(
            _("gaps"), gaps.format(count=data["gaps"]) if data["gaps"] else str(data["gaps"])
        ),
        *_governance_lines(plan),
        "",
        summary_line(_("plan"), files["plan"]),
        summary_line(
            _("runbooks"),
            _("{count} in {folder}/").format(
                count=files["runbook_count"], folder=files["runbooks"]
            ),
        ),
        summary_line(_("resources"), files["resource_csv"]),
        *(visible(line) for line in outcome.lines()),
    ]
    typer.echo("\n".join(lines))


def _provider_table(data: dict[str, Any]) -> list[str]:
    headings = [_("provider"), _("accounts"), _("resources"), _("mapped")]
    headings += [_("configuration"), _("unmapped")]
    keys = ("accounts", "resources", "mapped", "structural", "unmapped")
    rows = [[name, *(p[k] for k in keys)] for name, p in data["providers"].items()]
    rows.append([_("total"), "", *(data[k] for k in keys[1:])])
    return aligned(headings, (8, 8, 10, 8, 13, 9), "<>>>>>", rows)


# The label of each topic's line, short enough for the summary's column.
_TOPIC_LINES: tuple[tuple[Topic, str], ...] = (
    ("approval", N_("approval")),
    ("test", N_("tested")),
    ("critical functions", N_("critical")),
    ("contracts", N_("contracts")),
)


def _governance_lines(plan: Plan) -> list[str]:
    """A line per topic the governance checks cover: its status, and the findings' titles
    or, where it is current, what makes it so."""
    gov = plan.governance
    if gov is None:
        return []
    lines = []
    for topic, label in _TOPIC_LINES:
        found = gov.of(topic)
        if found:
            text = _("{status}: {findings} (section 15 of the plan)").format(
                status=_(found[0].status), findings="; ".join(f.title for f in found)
            )
        elif topic == "approval":
            text = _("current; next review due {day}").format(day=gov.next_review.isoformat())
        elif topic == "test" and gov.last_test is not None:
            text = _("current; last tested {day}").format(day=gov.last_test.date.isoformat())
        else:
            text = _("current")
        lines.append(summary_line(_(label), text))
    return lines


def _target_lines(data: dict[str, Any]) -> list[str]:
    chosen = data["scenario"]
    if chosen is None:
        return []
    if chosen["recommended"]:
        why = _("the best of {count} scenarios compared").format(count=chosen["compared"])
    else:
        why = _("chosen with --scenario; see section 6 for the recommended one")
    zone = chosen["landing_zone"] or "-"
    return [
        summary_line(
            _("target"),
            _("{name} ({why}): landing zone {zone}, region {region}").format(
                name=visible(chosen["name"]), why=why, zone=zone, region=chosen["region"] or "-"
            ),
        )
    ]


FrameworkOption = Annotated[
    list[str] | None,
    typer.Option(
        "--framework",
        metavar="NAME",
        help=_(
            "Legal framework whose requirements the plan answers: {names}. Repeatable; "
            "data-act is always on. Default: from organisation_type in the metadata (a Dutch "
            "public body nl-public, a financial entity dora)."
        ).format(names=", ".join(FRAMEWORKS)),
        show_default=False,
    ),
]


PLAN_HELP = _(
    "Write an exit plan, runbooks and a resource mapping from one or more inventories.\n\n"
    "Example: exitplan plan inventory-aws.json inventory-azure.json --out plans/2026-q4"
)


@handled
def plan(
    ctx: typer.Context,
    inventories: Annotated[
        list[Path],
        typer.Argument(metavar="INVENTORY", help=_("Inventory JSON files; several are merged.")),
    ],
    out: OutOption = Path("exitplan-out"),
    effort_profile: Annotated[
        Path | None,
        typer.Option(help=_("YAML merged over the default effort profile (rates, bandwidth).")),
    ] = None,
    meta: Annotated[
        Path | None,
        typer.Option(help=_("YAML with organisation, owner, approval, test and review data.")),
    ] = None,
    scenario: ScenarioOption = None,
    scenario_files: ScenarioFileOption = None,
    spend_files: SpendOption = None,
    catalogue_files: CatalogueOption = None,
    prefer: PreferOption = None,
    require_jurisdiction: JurisdictionOption = None,
    require_certification: CertificationOption = None,
    exclude_provider: ExcludeOption = None,
    max_providers: MaxProvidersOption = None,
    region: RegionOption = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            help=_(
                "Directory of your own templates, used before ours. They run sandboxed, read "
                "only files inside it, and are stopped after {seconds} s, at {memory} MiB of "
                "memory or at {output} MiB of output."
            ).format(seconds=TIME_LIMIT_S, memory=MEMORY_LIMIT_MIB, output=OUTPUT_LIMIT_MIB),
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option(help=_("Exit 1 when the inventory has gaps or unmapped resources."))
    ] = False,
    start: Annotated[
        dt.datetime | None,
        typer.Option(
            formats=["%Y-%m-%d"],
            metavar="YYYY-MM-DD",
            help=_(
                "Day the exit work starts; the waves are dated from it. "
                "Default: the inventory's date."
            ),
            show_default=False,
        ),
    ] = None,
    framework: FrameworkOption = None,
    max_gib: MaxFileOption = DEFAULT_MAX_GIB,
    lang: LangOption = None,
    as_html: HtmlOption = False,
    per_workload: PerWorkloadOption = False,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
    store: StoreOption = None,
) -> None:
    limit = max_bytes(max_gib)
    chosen_by = choices_from(
        catalogue_files=catalogue_files,
        scenario_files=scenario_files,
        spend_files=spend_files,
        limit=limit,
        prefer=prefer,
        jurisdiction=require_jurisdiction,
        certifications=require_certification,
        exclude=exclude_provider,
        max_providers=max_providers,
        region=region,
    )
    result, outcome = _run_plan(
        inventories,
        out,
        profile_path=effort_profile,
        meta=load_meta(meta, limit),
        catalogue=chosen_by.catalogue,
        constraints=chosen_by.constraints,
        templates=templates,
        quiet=quiet,
        inputs=(meta, *(catalogue_files or ()), *(scenario_files or ()), *(spend_files or ())),
        limit=limit,
        scenario=scenario,
        own=chosen_by.own,
        spend=chosen_by.spend,
        start=start.date() if start else None,
        frameworks=tuple(framework or ()),
        pages=Pages(as_html, per_workload),
        store=store,
    )
    _report(result, out, as_json, outcome)
    if strict and (result.gaps or result.unmapped):
        raise typer.Exit(EXIT_FINDINGS)


DEMO_HELP = _(
    "Plan the exit of the built-in sample estate, a fictional Dutch municipality.\n\n"
    "Writes the plan, the runbooks, the sample inventory (inventory.json) and its plan "
    "metadata (meta.yaml: owner, contracts, recovery objectives, organisation type, exit "
    "triggers), so that you can rerun: "
    "exitplan plan exitplan-demo/inventory.json --meta exitplan-demo/meta.yaml\n\n"
    "Example: exitplan demo --out exitplan-demo"
)


@handled
def demo(
    ctx: typer.Context,
    out: OutOption = Path("exitplan-demo"),
    framework: FrameworkOption = None,
    lang: LangOption = None,
    as_html: HtmlOption = False,
    per_workload: PerWorkloadOption = False,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    result, outcome = _run_plan(
        [sample_path()],
        out,
        profile_path=None,
        meta=load_meta(sample_meta_path()),
        catalogue=load_with_overlays(None),
        constraints=None,
        templates=None,
        quiet=quiet,
        extra_files={
            "inventory.json": sample_path().read_bytes(),
            "meta.yaml": sample_meta_path().read_bytes(),
        },
        frameworks=tuple(framework or ()),
        pages=Pages(as_html, per_workload),
    )
    _report(result, out, as_json, outcome)
