"""`exitplan schema`: the JSON Schemas of the input formats."""

from __future__ import annotations

import json

import typer

from ..catalogue import catalogue_schema
from ..model import Inventory
from .common import handled

schema_app = typer.Typer(
    help="Print the JSON Schema of an input format.\n\nExample: exitplan schema inventory",
    no_args_is_help=True,
)


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
