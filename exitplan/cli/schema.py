"""`exitplan schema`: the JSON Schemas of the input formats."""

from __future__ import annotations

import json

import typer

from ..audit.report import audit_schema
from ..catalogue import catalogue_schema
from ..i18n import _
from ..model import Inventory
from ..planjson import plan_schema
from ..scenario import ScenarioFile
from .common import handled

schema_app = typer.Typer(
    help=_(
        "Print the JSON Schema of a file format exitplan reads or writes.\n\n"
        "Example: exitplan schema inventory"
    ),
    no_args_is_help=True,
)


@schema_app.command(
    "inventory",
    help=_(
        "Print the JSON Schema of the Inventory format (schema_version 1).\n\n"
        "Example: exitplan schema inventory > inventory.schema.json"
    ),
)
@handled
def schema_inventory(ctx: typer.Context) -> None:
    typer.echo(json.dumps(Inventory.model_json_schema(), indent=2, sort_keys=True))


@schema_app.command(
    "catalogue",
    help=_(
        "Print the JSON Schema of a catalogue file.\n\n"
        "Example: exitplan schema catalogue > catalogue.schema.json"
    ),
)
@handled
def schema_catalogue(ctx: typer.Context) -> None:
    typer.echo(json.dumps(catalogue_schema(), indent=2, sort_keys=True))


@schema_app.command(
    "plan",
    help=_(
        "Print the JSON Schema of plan.json, the plan as data that `exitplan plan` writes "
        "beside the Markdown.\n\n"
        "Example: exitplan schema plan > plan.schema.json"
    ),
)
@handled
def schema_plan(ctx: typer.Context) -> None:
    typer.echo(json.dumps(plan_schema(), indent=2, sort_keys=True))


@schema_app.command(
    "scenarios",
    help=_(
        "Print the JSON Schema of a scenario file (--scenario-file).\n\n"
        "Example: exitplan schema scenarios > scenarios.schema.json"
    ),
)
@handled
def schema_scenarios(ctx: typer.Context) -> None:
    typer.echo(json.dumps(ScenarioFile.model_json_schema(), indent=2, sort_keys=True))


@schema_app.command(
    "audit",
    help=_(
        "Print the JSON Schema of what `exitplan audit --json` prints.\n\n"
        "Example: exitplan schema audit > audit.schema.json"
    ),
)
@handled
def schema_audit(ctx: typer.Context) -> None:
    typer.echo(json.dumps(audit_schema(), indent=2, sort_keys=True))
