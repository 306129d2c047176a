"""`exitplan catalogue`: look up categories and their alternatives."""

from __future__ import annotations

from typing import Annotated

import typer

from ..catalogue import load_catalogue
from ..errors import InputError
from .common import handled

catalogue_app = typer.Typer(
    help="Look up service categories and their alternatives.\n\n"
    "Example: exitplan catalogue show object-storage",
    no_args_is_help=True,
)


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
