"""The command line: plan, demo, schema and catalogue; `scan` and `permissions` live in
`cli_scan`. Exit codes and error handling are in `clibase`; with --strict, gaps or unmapped
resources exit 1."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated

import typer

from . import __version__
from .catalogue import AlternativeKind, catalogue_schema, load_catalogue
from .cli_import import MaxFileOption, import_command
from .cli_scan import permissions_app, scan_app
from .clibase import EXIT_FINDINGS, JsonOption, OutOption, QuietOption, handled, progress
from .errors import InputError
from .model import Inventory
from .outdir import Outcome, check_out, write_plan
from .pipeline import load_meta, run_pipeline, summary
from .planning import Plan, PlanMeta
from .profile import load_profile
from .reading import DEFAULT_MAX_GIB, MAX_BYTES, max_bytes
from .render import RUNBOOK_DIR
from .sample import ORGANISATION, sample_path
from .untrusted import json_text, visible
from .usertemplates import MEMORY_LIMIT_MIB, OUTPUT_LIMIT_MIB, TIME_LIMIT_S

app = typer.Typer(
    help="Plan and audit an exit from AWS, Azure or Google Cloud.\n\n"
    "Example: exitplan demo --out exitplan-demo",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
schema_app = typer.Typer(
    help="Print the JSON Schema of an input format.\n\nExample: exitplan schema inventory",
    no_args_is_help=True,
)
catalogue_app = typer.Typer(
    help="Look up service categories and their alternatives.\n\n"
    "Example: exitplan catalogue show object-storage",
    no_args_is_help=True,
)
app.add_typer(schema_app, name="schema")
app.add_typer(catalogue_app, name="catalogue")
app.add_typer(scan_app, name="scan")
app.add_typer(permissions_app, name="permissions")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"exitplan {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks for errors.", envvar="EXITPLAN_DEBUG")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    # Sub-groups (schema, catalogue) have contexts of their own; the flag lives at the root.
    ctx.meta["exitplan.debug"] = debug


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


@app.command()
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


@app.command()
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


# After plan and demo, so that --help lists the commands in the order of the work.
app.command("import")(import_command)


@schema_app.command("inventory")
@handled
def schema_inventory(ctx: typer.Context) -> None:
    """Print the JSON Schema of the Inventory format (schema_version 1).

    Example: exitplan schema inventory > inventory.schema.json
    """
    typer.echo(json.dumps(Inventory.model_json_schema(), indent=2, sort_keys=True))


@schema_app.command("catalogue")
@handled
def schema_catalogue(ctx: typer.Context) -> None:
    """Print the JSON Schema of a catalogue file.

    Example: exitplan schema catalogue > catalogue.schema.json
    """
    typer.echo(json.dumps(catalogue_schema(), indent=2, sort_keys=True))


@catalogue_app.command("list")
@handled
def catalogue_list(ctx: typer.Context) -> None:
    """List the service categories, their native types and alternatives.

    Example: exitplan catalogue list
    """
    catalogue = load_catalogue()
    for category in catalogue.categories.values():
        alts = ", ".join(alt.id for alt in category.alternatives)
        typer.echo(f"{category.id}: {category.name} ({len(category.native_types)} native types)")
        typer.echo(f"    alternatives: {alts}")


@catalogue_app.command("show")
@handled
def catalogue_show(
    ctx: typer.Context,
    category: Annotated[str, typer.Argument(help="A category id, from `catalogue list`.")],
) -> None:
    """Show one category with every fact and source, as YAML.

    Example: exitplan catalogue show object-storage
    """
    import yaml

    catalogue = load_catalogue()
    found = catalogue.categories.get(category)
    if found is None:
        raise InputError(
            f"no category '{category}' in the catalogue", "`exitplan catalogue list` shows them"
        )
    data = found.model_dump(mode="json", exclude_none=True)
    providers = {alt.provider for alt in found.alternatives if alt.provider}
    data["providers"] = [
        catalogue.providers[p].model_dump(mode="json", exclude_none=True) for p in sorted(providers)
    ]
    typer.echo(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100))


def main() -> None:
    # typer prints help and usage errors through rich, which honours NO_COLOR; exitplan's
    # own output carries no colour at all.
    app(prog_name="exitplan")
