"""`exitplan plan` and `exitplan demo`: the pipeline from inventories to a plan folder."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from ..catalogue import AlternativeKind, load_catalogue
from ..errors import InputError
from ..outdir import Outcome, check_out, write_plan
from ..pipeline import load_meta, run_pipeline, summary
from ..planning import Plan, PlanMeta
from ..profile import load_profile
from ..reading import DEFAULT_MAX_GIB, MAX_BYTES, max_bytes
from ..render import RUNBOOK_DIR
from ..sample import ORGANISATION, sample_path
from ..untrusted import json_text, visible
from ..usertemplates import MEMORY_LIMIT_MIB, OUTPUT_LIMIT_MIB, TIME_LIMIT_S
from .common import (
    EXIT_FINDINGS,
    JsonOption,
    MaxFileOption,
    OutOption,
    QuietOption,
    handled,
    progress,
)


def _run_plan(
    inventories: list[Path],
    out: Path,
    *,
    profile_path: Path | None,
    meta: PlanMeta,
    prefer: AlternativeKind | None,
    templates: Path | None,
    quiet: bool,
    extra_files: dict[str, str | bytes] | None = None,
    inputs: tuple[Path | None, ...] = (),
    limit: int = MAX_BYTES,
) -> tuple[Plan, Outcome]:
    started = time.perf_counter()
    check_out(out)
    if templates is not None and not templates.is_dir():
        raise InputError(f"{templates}: no such templates directory", "name a directory")
    catalogue = load_catalogue()
    profile = load_profile(profile_path, limit)
    plan, files = run_pipeline(
        inventories, catalogue, profile, meta, prefer, templates, max_bytes=limit
    )
    progress(quiet, f"planned {plan.total_resources} resources")
    protect = [p for p in (*inventories, profile_path, templates, *inputs) if p is not None]
    outcome = write_plan(
        out,
        {**files, **(extra_files or {})},
        owned_dir=RUNBOOK_DIR,
        protect=protect,
        progress=lambda message: progress(quiet, message),
    )
    progress(quiet, f"wrote {out} in {time.perf_counter() - started:.1f} s")
    return plan, outcome


def _report(plan: Plan, out: Path, as_json: bool, outcome: Outcome) -> None:
    data = summary(plan, out)
    data["output"] = outcome.as_json()
    if as_json:
        typer.echo(json_text(data, sort_keys=True))
        return
    effort = data["effort_person_days"]
    cost = data["cost"]
    lines = [
        f"Exit plan{' for ' + visible(plan.meta.organisation) if plan.meta.organisation else ''}, "
        f"inventory of {data['inventory_as_of']}",
        "",
        f"  {'provider':<8} {'accounts':>8} {'resources':>10} {'mapped':>8} {'unmapped':>9}",
    ]
    for name, p in data["providers"].items():
        lines.append(
            f"  {name:<8} {p['accounts']:>8} {p['resources']:>10} {p['mapped']:>8} "
            f"{p['unmapped']:>9}"
        )
    lines += [
        f"  {'total':<8} {'':>8} {data['resources']:>10} {data['mapped']:>8} {data['unmapped']:>9}",
        "",
        f"  mapped     {data['mapped_share']:.1%} of resources; {data['unmapped']} unmapped "
        f"({data['unmapped_types']} types)",
        f"  effort     {effort['p10']:,.0f} to {effort['p90']:,.0f} person-days "
        f"(P10-P90, expected {effort['expected']:,.0f})",
        f"  cost       {cost['p10']:,} to {cost['p90']:,} {cost['currency']}",
        f"  workloads  {data['workloads']} in {len(plan.waves)} waves",
        f"  gaps       {data['gaps']}"
        + (" (the inventory is incomplete: see section 8 of the plan)" if data["gaps"] else ""),
        "",
        f"  plan       {data['files']['plan']}",
        f"  runbooks   {data['files']['runbook_count']} in {data['files']['runbooks']}/",
        f"  resources  {data['files']['resource_csv']}",
        *(visible(line) for line in outcome.lines()),
    ]
    typer.echo("\n".join(lines))


@handled
def plan(
    ctx: typer.Context,
    inventories: Annotated[
        list[Path],
        typer.Argument(metavar="INVENTORY", help="Inventory JSON files; several are merged."),
    ],
    out: OutOption = Path("exitplan-out"),
    effort_profile: Annotated[
        Path | None,
        typer.Option(help="YAML merged over the default effort profile (rates, bandwidth)."),
    ] = None,
    meta: Annotated[
        Path | None,
        typer.Option(help="YAML with organisation, owner, approval, test and review data."),
    ] = None,
    prefer: Annotated[
        AlternativeKind | None, typer.Option(help="Choose the best alternative of this kind.")
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            help="Directory of your own templates, used before ours. They run sandboxed, "
            f"read only files inside it, and are stopped after {TIME_LIMIT_S} s, at "
            f"{MEMORY_LIMIT_MIB} MiB of memory or at {OUTPUT_LIMIT_MIB} MiB of output.",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option(help="Exit 1 when the inventory has gaps or unmapped resources.")
    ] = False,
    max_gib: MaxFileOption = DEFAULT_MAX_GIB,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Write an exit plan, runbooks and a resource mapping from one or more inventories.

    Example: exitplan plan inventory-aws.json inventory-azure.json --out plans/2026-q4
    """
    limit = max_bytes(max_gib)
    result, outcome = _run_plan(
        inventories,
        out,
        profile_path=effort_profile,
        meta=load_meta(meta, limit),
        prefer=prefer,
        templates=templates,
        quiet=quiet,
        inputs=(meta,),
        limit=limit,
    )
    _report(result, out, as_json, outcome)
    if strict and (result.gaps or result.unmapped):
        raise typer.Exit(EXIT_FINDINGS)


@handled
def demo(
    ctx: typer.Context,
    out: OutOption = Path("exitplan-demo"),
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Plan the exit of the built-in sample estate, a fictional Dutch municipality.

    Writes the plan, the runbooks and the sample inventory itself (inventory.json), so
    that you can rerun: exitplan plan exitplan-demo/inventory.json

    Example: exitplan demo --out exitplan-demo
    """
    result, outcome = _run_plan(
        [sample_path()],
        out,
        profile_path=None,
        meta=PlanMeta(organisation=ORGANISATION),
        prefer=None,
        templates=None,
        quiet=quiet,
        extra_files={"inventory.json": sample_path().read_bytes()},
    )
    _report(result, out, as_json, outcome)
