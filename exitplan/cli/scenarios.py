"""`exitplan scenarios`: the ways out compared side by side, with a recommendation."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..comparison import Comparison, Outcome
from ..gcpause import batch_gc
from ..i18n import Number, _
from ..inventory import load_inventories
from ..markdown import money, money_points
from ..pipeline import compare_scenarios
from ..planjson import comparison_out
from ..profile import load_profile
from ..reading import DEFAULT_MAX_GIB, max_bytes
from ..untrusted import json_text, visible
from .choices import (
    CatalogueOption,
    CertificationOption,
    ExcludeOption,
    JurisdictionOption,
    MaxProvidersOption,
    PreferOption,
    RegionOption,
    ScenarioFileOption,
    SpendOption,
    choices_from,
)
from .common import JsonOption, LangOption, MaxFileOption, aligned, handled

SCENARIOS_HELP = _(
    "Compare the ways out of the estate: one scenario per provider that can take most of "
    "it, a sovereign open-source one, a mixed one, and your own; with one-time effort and "
    "cost, run cost per month, providers, lock-in and control, and a recommendation.\n\n"
    "Example: exitplan scenarios inventory.json --require-certification 'BSI C5'"
)


@handled
def scenarios(
    ctx: typer.Context,
    inventories: Annotated[
        list[Path],
        typer.Argument(metavar="INVENTORY", help=_("Inventory JSON files; several are merged.")),
    ],
    effort_profile: Annotated[
        Path | None,
        typer.Option(help=_("YAML merged over the default effort profile (rates, weights).")),
    ] = None,
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
    as_json: JsonOption = False,
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
        comparison = compare_scenarios(
            loaded, catalogue, profile, constraints, own, spend
        ).comparison
    if as_json:
        data = comparison_out(comparison, comparison.recommended.scenario.id)
        typer.echo(json_text(data.model_dump(mode="json")))
        return
    typer.echo("\n".join(_table(comparison, [str(p) for p in inventories])))


def _run(outcome: Outcome) -> str:
    run = outcome.run
    if not run.priced:
        known = _("{people} people").format(people=money(run.people, run.currency))
    else:
        known = money(run.total, run.currency)
    if run.unpriced:
        return _("{known} + {count} unpriced").format(known=known, count=run.unpriced)
    return known


def _table(comparison: Comparison, inventories: list[str]) -> list[str]:
    headings = [
        "", _("scenario"), _("score"), _("providers"), _("managed"), _("self-run"), _("none"),
        _("one-time cost (P10 / P50 / P90)"), _("run cost per month"), _("lock-in"), _("EU law"),
    ]  # fmt: skip
    rows = [
        [
            number,
            visible(o.scenario.name)[:38],
            f"{o.score:.0f}",
            len(o.providers),
            f"{o.share(o.managed):.0%}",
            f"{o.share(o.self_hosted):.0%}",
            f"{o.share(o.unmapped + o.unmet):.0%}",
            money_points(o.effort.cost, o.run.currency),
            _run(o),
            f"{Number(o.lock_in):.2f}",
            f"{o.share(o.european):.0%}",
        ]
        for number, o in enumerate(comparison.outcomes, 1)
    ]
    head, *body = aligned(headings, (2, 38, 5, 9, 7, 8, 5, 36, 32, 7, 6), "><>>>>>><>>", rows)
    lines = [_("Scenarios compared, best first"), ""]
    current = comparison.current
    if current is not None and current.known:
        lines += [
            _("Today's spend: {amount} a month (cost exports, full months only)").format(
                amount=money(current.per_month, current.currency)
            ),
            "",
        ]
    elif current is not None:
        lines += [_("Today's spend: not known (the cost exports cover no month fully)"), ""]
    lines += [head, *body]
    best = comparison.recommended
    lines += [
        "",
        _("Recommended: {name} ({id})").format(
            name=visible(best.scenario.name), id=best.scenario.id
        ),
    ]
    lines += [f"  - {visible(reason)}" for reason in comparison.reasons]
    zone = best.target.landing_zone
    if zone is not None:
        region = zone.region.id if zone.region else "-"
        lines.append(
            _("  landing zone: {provider}, region {region}; providers: {providers}").format(
                provider=zone.provider.name, region=region, providers=", ".join(best.providers)
            )
        )
    if comparison.left_out:
        shown = ", ".join(f"{p} ({share:.0%})" for p, share in comparison.left_out)
        lines += [
            "",
            _("No scenario of their own (too little of the estate): {providers}").format(
                providers=shown
            ),
        ]
    lines += [
        "",
        _("Plan one: exitplan plan {inventories} --scenario {id}").format(
            inventories=" ".join(inventories), id=best.scenario.id
        ),
    ]
    return lines
