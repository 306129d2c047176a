"""`exitplan estimate`: the plan's figures without writing the plan, and `--explain` to
trace one resource's figures to every rule and input behind them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..estimatereport import estimate_data, estimate_text, explanation_data, explanation_text
from ..explain import explain
from ..gcpause import batch_gc
from ..i18n import _
from ..inventory import load_inventories
from ..pipeline import chosen, compare_scenarios, plan_scenario
from ..planning import PlanMeta
from ..profile import load_profile
from ..reading import DEFAULT_MAX_GIB, max_bytes
from ..untrusted import json_text
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
)
from .common import LangOption, MaxFileOption, handled

ESTIMATE_HELP = _(
    "Print the estimate the plan would carry, without writing a plan: totals, per category "
    "and per workload, for the same scenario `exitplan plan` would use. With --explain, "
    "every rule and input behind one resource's figures.\n\n"
    "Example: exitplan estimate inventory.json --explain i-0abc123"
)


@handled
def estimate(
    ctx: typer.Context,
    inventories: Annotated[
        list[Path],
        typer.Argument(metavar="INVENTORY", help=_("Inventory JSON files; several are merged.")),
    ],
    explain_id: Annotated[
        str | None,
        typer.Option(
            "--explain",
            metavar="RESOURCE_ID",
            help=_(
                "Trace this resource's figures: its category, the scenario's choice, each "
                "profile value used, its three-point effort, its platform and programme "
                "share. Azure ids in any case. Default: the whole estimate."
            ),
            show_default=False,
        ),
    ] = None,
    effort_profile: Annotated[
        Path | None,
        typer.Option(help=_("YAML merged over the default effort profile (rates, bandwidth).")),
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
    max_gib: MaxFileOption = DEFAULT_MAX_GIB,
    lang: LangOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help=_("Print the estimate or explanation as JSON."))
    ] = False,
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
    catalogue, constraints = chosen_by.catalogue, chosen_by.constraints
    own, spend = chosen_by.own, chosen_by.spend
    profile = load_profile(effort_profile, limit)
    with batch_gc():
        loaded = load_inventories(inventories, limit)
        compared = compare_scenarios(loaded, catalogue, profile, constraints, own, spend)
        outcome = chosen(compared.comparison, scenario)
        plan = plan_scenario(loaded, compared, outcome, catalogue, profile, PlanMeta())
    if explain_id is not None:
        data = explanation_data(explain(plan, catalogue, explain_id))
        lines = explanation_text(data)
    else:
        data = estimate_data(plan)
        lines = estimate_text(data)
    typer.echo(json_text(data) if as_json else "\n".join(lines))
