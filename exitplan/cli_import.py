"""`exitplan import`: inventories from files that teams already have."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .cli_scan import _check_writable, _report
from .clibase import EXIT_FINDINGS, JsonOption, handled
from .errors import InputError
from .fsutil import write_file
from .inventory import dump_inventory, in_order


@handled
def import_command(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Files to import.", show_default=False)],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="terraform, aws-config, az, gcloud, gcloud-list or csv; default: from the file.",
        ),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Inventory file to write.")] = Path(
        "inventory.json"
    ),
    as_json: JsonOption = False,
) -> None:
    """Turn files teams already have into an Inventory, without cloud credentials.

    Reads Terraform or OpenTofu state (state pull, .tfstate, show -json), AWS Config
    snapshots (.json, .json.gz) and configservice output, az resource list and az graph
    query output, gcloud asset search-all-resources output, and CSV. Files may be gzipped.
    Sensitive values never reach the inventory; each resource names its file.

    Example: terraform state pull > state.json && exitplan import state.json -o inventory.json
    """
    from connectors.importers import formats
    from connectors.importers.run import import_files

    if fmt is not None and fmt not in formats.NAMES:
        raise InputError(f"--format {fmt}: unknown", f"formats: {', '.join(formats.NAMES)}")
    _check_writable(out)
    inventory = in_order(import_files(files, fmt))
    try:
        write_file(out, dump_inventory(inventory))
    except OSError as exc:
        raise InputError(
            f"{out}: cannot write: {exc.strerror or exc}", "choose another --out"
        ) from exc
    _report(inventory, out, as_json)
    if inventory.skipped and not as_json:
        total = sum(s.count for s in inventory.skipped)
        typer.echo(f"{total} records left out on purpose (listed in the plan):")
        for skipped in inventory.skipped:
            typer.echo(f"  {skipped.source}: {skipped.type} x{skipped.count}: {skipped.reason}")
    if inventory.gaps:
        raise typer.Exit(EXIT_FINDINGS)
