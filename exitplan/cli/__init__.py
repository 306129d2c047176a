"""The command line, one module per command group: `plan` (plan, demo), `scenarios`, `imports`,
`scan` (scan, permissions), `schema`, `catalogue`. What they share (exit codes, error
handling, progress, writing an inventory) is in `common`; with --strict, gaps or unmapped
resources exit 1."""

from __future__ import annotations

from typing import Annotated

import typer

from .. import __version__
from ..i18n import _
from . import audit, calibrate, catalogue, estimate, history, imports, plan, scan, scenarios, schema
from .common import LangOption

app = typer.Typer(
    help=_(
        "Plan and audit an exit from AWS, Azure or Google Cloud.\n\n"
        "Example: exitplan demo --out exitplan-demo"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

app.add_typer(schema.schema_app, name="schema")
app.add_typer(catalogue.catalogue_app, name="catalogue")
app.add_typer(scan.scan_app, name="scan")
app.add_typer(scan.permissions_app, name="permissions")
# In the order of the work, which --help shows.
app.command(help=plan.PLAN_HELP)(plan.plan)
app.command(help=scenarios.SCENARIOS_HELP)(scenarios.scenarios)
app.command(help=estimate.ESTIMATE_HELP)(estimate.estimate)
app.command(help=calibrate.CALIBRATE_HELP)(calibrate.calibrate)
app.command(help=plan.DEMO_HELP)(plan.demo)
app.command("import", help=imports.IMPORT_HELP)(imports.import_command)
app.command(help=history.HISTORY_HELP)(history.history)
app.command("diff", help=history.DIFF_HELP)(history.diff_command)
app.command(help=audit.AUDIT_HELP)(audit.audit)


def _version(value: bool) -> None:
    if value:
        typer.echo(_("exitplan {version}").format(version=__version__))
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    debug: Annotated[
        bool,
        typer.Option("--debug", help=_("Show tracebacks for errors."), envvar="EXITPLAN_DEBUG"),
    ] = False,
    lang: LangOption = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=_("Print the version.")),
    ] = False,
) -> None:
    # Sub-groups (schema, catalogue) have contexts of their own; the flag lives at the root.
    ctx.meta["exitplan.debug"] = debug


def main() -> None:
    # typer prints help and usage errors through rich, which honours NO_COLOR; exitplan's
    # own output carries no colour at all.
    app(prog_name="exitplan")
