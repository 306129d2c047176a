"""`exitplan catalogue`: look up categories and their alternatives."""

from __future__ import annotations

from typing import Annotated

import typer

from ..catalogue import load_catalogue
from ..errors import InputError
from ..i18n import _
from .common import handled

catalogue_app = typer.Typer(
    help=_(
        "Look up service categories and their alternatives.\n\n"
        "Example: exitplan catalogue show object-storage"
    ),
    no_args_is_help=True,
)


@catalogue_app.command(
    "list",
    help=_(
        "List the service categories, their native types and alternatives.\n\n"
        "Example: exitplan catalogue list"
    ),
)
@handled
def catalogue_list(ctx: typer.Context) -> None:
    catalogue = load_catalogue()
    for category in catalogue.categories.values():
        alts = ", ".join(alt.id for alt in category.alternatives)
        line = _("{id}: {name} ({count} native types)")
        typer.echo(
            line.format(id=category.id, name=category.name, count=len(category.native_types))
        )
        typer.echo(_("    alternatives: {ids}").format(ids=alts))


@catalogue_app.command(
    "show",
    help=_(
        "Show one category with every fact and source, as YAML.\n\n"
        "Example: exitplan catalogue show object-storage"
    ),
)
@handled
def catalogue_show(
    ctx: typer.Context,
    category: Annotated[str, typer.Argument(help=_("A category id, from `catalogue list`."))],
) -> None:
    import yaml

    catalogue = load_catalogue()
    found = catalogue.categories.get(category)
    if found is None:
        raise InputError(
            _("no category '{id}' in the catalogue").format(id=category),
            _("`exitplan catalogue list` shows them"),
        )
    data = found.model_dump(mode="json", exclude_none=True)
    providers = {alt.provider for alt in found.alternatives if alt.provider}
    data["providers"] = [
        catalogue.providers[p].model_dump(mode="json", exclude_none=True) for p in sorted(providers)
    ]
    typer.echo(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100))
