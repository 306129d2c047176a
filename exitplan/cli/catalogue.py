"""`exitplan catalogue`: look up, validate and measure the catalogue."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ..catalogue import Catalogue
from ..catalogue.sources import foreign_sources
from ..coverage import Coverage, CoverageRow, coverage
from ..errors import InputError
from ..estimate import estimate
from ..i18n import _
from ..inventory import load_inventories
from ..mapping import map_resources
from ..profile import load_profile
from ..reading import DEFAULT_MAX_GIB, max_bytes
from ..untrusted import json_text, visible, visible_lines
from .choices import CatalogueOption, load_with_overlays
from .common import JsonOption, MaxFileOption, handled

catalogue_app = typer.Typer(
    help=_(
        "Look up, validate and measure the catalogue of service categories and alternatives.\n\n"
        "Example: exitplan catalogue show object-storage"
    ),
    no_args_is_help=True,
)


def _dump(entry: Any) -> dict[str, Any]:
    data: dict[str, Any] = _without_empty_uncertain(
        entry.model_dump(mode="json", exclude_none=True)
    )
    return data


def _without_empty_uncertain(value: Any) -> Any:
    """`uncertain: {}` on every entry says nothing; the ones that say something stay."""
    if isinstance(value, dict):
        return {
            k: _without_empty_uncertain(v)
            for k, v in value.items()
            if not (k == "uncertain" and not v)
        }
    if isinstance(value, list):
        return [_without_empty_uncertain(v) for v in value]
    return value


@catalogue_app.command(
    "list",
    help=_(
        "List the service categories, the structural entries and the providers.\n\n"
        "Example: exitplan catalogue list --json"
    ),
)
@handled
def catalogue_list(
    ctx: typer.Context, catalogue_files: CatalogueOption = None, as_json: JsonOption = False
) -> None:
    catalogue = load_with_overlays(catalogue_files)
    if as_json:
        typer.echo(json_text(_listing(catalogue), sort_keys=True))
        return
    typer.echo(_("Service categories ({count}):").format(count=len(catalogue.categories)))
    for category in catalogue.categories.values():
        line = _("  {id}: {name} ({count} native types)")
        typer.echo(
            visible(
                line.format(id=category.id, name=category.name, count=len(category.native_types))
            )
        )
        alts = ", ".join(alt.id for alt in category.alternatives)
        typer.echo(visible(_("      alternatives: {ids}").format(ids=alts)))
    typer.echo(
        _("Configuration that moves with its parent ({count}):").format(
            count=len(catalogue.structural)
        )
    )
    for entry in catalogue.structural.values():
        line = _("  {id}: {name} (moves with {parent}; {count} native types)")
        typer.echo(
            visible(
                line.format(
                    id=entry.id,
                    name=entry.name,
                    parent=entry.moves_with,
                    count=len(entry.native_types),
                )
            )
        )
    typer.echo(_("Providers ({count}):").format(count=len(catalogue.providers)))
    for provider in catalogue.providers.values():
        offered = len(catalogue.offered_by(provider.id))
        line = _("  {id}: {name} ({country}; {count} categories)")
        typer.echo(
            visible(
                line.format(
                    id=provider.id, name=provider.name, country=provider.headquarters, count=offered
                )
            )
        )


def _listing(catalogue: Catalogue) -> dict[str, Any]:
    return {
        "categories": [
            {
                "id": c.id,
                "name": c.name,
                "native_types": len(c.native_types),
                "alternatives": [alt.id for alt in c.alternatives],
            }
            for c in catalogue.categories.values()
        ],
        "structural": [
            {
                "id": s.id,
                "name": s.name,
                "moves_with": s.moves_with,
                "native_types": len(s.native_types),
            }
            for s in catalogue.structural.values()
        ],
        "providers": [
            {
                "id": p.id,
                "name": p.name,
                "headquarters": p.headquarters,
                "exposure": [e.value for e in p.exposure],
                "categories": [c.id for c in catalogue.offered_by(p.id)],
            }
            for p in catalogue.providers.values()
        ],
    }


@catalogue_app.command(
    "show",
    help=_(
        "Show one category, structural entry, alternative or provider with every fact and "
        "source (YAML, or JSON with --json).\n\n"
        "Example: exitplan catalogue show object-storage"
    ),
)
@handled
def catalogue_show(
    ctx: typer.Context,
    entry_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help=_("A category, structural entry, alternative or provider id."),
        ),
    ],
    catalogue_files: CatalogueOption = None,
    as_json: JsonOption = False,
) -> None:
    catalogue = load_with_overlays(catalogue_files)
    data = _entry(catalogue, entry_id)
    if as_json:
        typer.echo(json_text(data, sort_keys=False))
        return
    import yaml

    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    typer.echo(visible_lines(text.rstrip("\n")))


def _entry(catalogue: Catalogue, entry_id: str) -> dict[str, Any]:
    category = catalogue.categories.get(entry_id)
    if category is not None:
        data = {"entry": "category", **_dump(category)}
        providers = sorted({alt.provider for alt in category.alternatives if alt.provider})
        data["providers"] = [_dump(catalogue.providers[p]) for p in providers]
        return data
    structural = catalogue.structural.get(entry_id)
    if structural is not None:
        return {"entry": "structural", **_dump(structural)}
    provider = catalogue.providers.get(entry_id)
    if provider is not None:
        data = {"entry": "provider", **_dump(provider)}
        data["categories"] = [c.id for c in catalogue.offered_by(provider.id)]
        return data
    for category in catalogue.categories.values():
        for alt in category.alternatives:
            if alt.id == entry_id:
                return {"entry": "alternative", "category": category.id, **_dump(alt)}
    raise InputError(
        _("no category, structural entry, alternative or provider '{id}' in the catalogue").format(
            id=entry_id
        ),
        _("`exitplan catalogue list` shows them"),
    )


@catalogue_app.command(
    "validate",
    help=_(
        "Check catalogue files, laid over the shipped catalogue as `--catalogue` would: the "
        "schema, the references between entries, and whether each source is on an official "
        "domain (reported, not refused: your own pages may be on yours). Exit 2 on an error.\n\n"
        "Example: exitplan catalogue validate my-platform.yaml"
    ),
)
@handled
def catalogue_validate(
    ctx: typer.Context,
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE", help=_("Catalogue YAML files, in order."))
    ],
    as_json: JsonOption = False,
) -> None:
    catalogue = load_with_overlays(files)
    foreign = foreign_sources(catalogue)
    data = {
        "valid": True,
        "categories": len(catalogue.categories),
        "structural": len(catalogue.structural),
        "providers": len(catalogue.providers),
        "sources_off_official_domains": [{"entry": f.where, "url": f.url} for f in foreign],
    }
    if as_json:
        typer.echo(json_text(data, sort_keys=True))
        return
    line = _(
        "valid: {categories} categories, {structural} structural entries, {providers} providers"
    )
    typer.echo(line.format(**data))
    for found in foreign:
        typer.echo(
            visible(
                _("  source not on an official domain: {entry}: {url}").format(
                    entry=found.where, url=found.url
                )
            )
        )


@catalogue_app.command(
    "coverage",
    help=_(
        "How much of one or more inventories the catalogue knows: per cloud the resources "
        "mapped to a service, the configuration that moves with its parent, and the "
        "unmapped ones with their share of the likely effort.\n\n"
        "Example: exitplan catalogue coverage inventory.json --json"
    ),
)
@handled
def catalogue_coverage(
    ctx: typer.Context,
    inventories: Annotated[
        list[Path], typer.Argument(metavar="INVENTORY", help=_("Inventory JSON files."))
    ],
    catalogue_files: CatalogueOption = None,
    effort_profile: Annotated[
        Path | None,
        typer.Option(
            help=_("YAML merged over the default effort profile, as `plan` takes it."),
            show_default=False,
        ),
    ] = None,
    max_gib: MaxFileOption = DEFAULT_MAX_GIB,
    as_json: JsonOption = False,
) -> None:
    limit = max_bytes(max_gib)
    catalogue = load_with_overlays(catalogue_files)
    profile = load_profile(effort_profile, limit)
    loaded = load_inventories(inventories, limit)
    mappings = map_resources(loaded.inventory.resources, catalogue)
    found = coverage(estimate(mappings, profile).items)
    if as_json:
        typer.echo(json_text(_coverage_json(found), sort_keys=True))
        return
    header = _("provider  resources  mapped  structural  unmapped  known  unmapped effort")
    typer.echo(header)
    for row in (*found.rows, found.total):
        name = row.provider or _("total")
        typer.echo(
            visible(
                f"{name:<9} {row.resources:>9} {row.mapped:>7} {row.structural:>11} "
                f"{row.unmapped:>9} {row.known_share:>6.1%} {row.unmapped_effort_share:>16.1%}"
            )
        )
    if found.unmapped_types:
        typer.echo(_("unmapped types:"))
        for provider, type_, count in found.unmapped_types:
            typer.echo(visible(f"  {count:>6}  {provider}  {type_}"))


def _coverage_json(found: Coverage) -> dict[str, Any]:
    def row(r: CoverageRow) -> dict[str, Any]:
        return {
            "resources": r.resources,
            "mapped": r.mapped,
            "structural": r.structural,
            "unmapped": r.unmapped,
            "known_share": round(r.known_share, 4),
            "likely_person_days": round(r.likely_days, 2),
            "unmapped_person_days": round(r.unmapped_days, 2),
            "unmapped_effort_share": round(r.unmapped_effort_share, 4),
        }

    return {
        "providers": {r.provider: row(r) for r in found.rows},
        "total": row(found.total),
        "unmapped_types": [
            {"provider": p, "type": t, "resources": n} for p, t, n in found.unmapped_types
        ],
        "structural_types": [
            {"provider": p, "type": t, "resources": n} for p, t, n in found.structural_types
        ],
    }
