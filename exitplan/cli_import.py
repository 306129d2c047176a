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
        typer.Option("--format", metavar="FORMAT", help="terraform; default: told from the file."),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Inventory file to write.")] = Path(
        "inventory.json"
    ),
    as_json: JsonOption = False,
) -> None:
    """Turn Terraform or OpenTofu state into an Inventory, without cloud credentials.

    Reads `terraform state pull` output, a local .tfstate (also gzipped) or `terraform show
    -json`. Sensitive values never reach the inventory.

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
    if inventory.gaps:
        raise typer.Exit(EXIT_FINDINGS)
