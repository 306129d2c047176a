"""`exitplan import`: inventories from files that teams already have."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from connectors.importers import formats

from ..i18n import _
from ..inventory import in_order
from ..reading import DEFAULT_MAX_GIB, max_bytes
from .common import JsonOption, MaxFileOption, check_out_file, handled, write_inventory
from .recording import StoreOption, check_store

IMPORT_HELP = _(
    "Turn files teams already have into an Inventory, without cloud credentials.\n\n"
    "Reads Terraform or OpenTofu state (state pull, .tfstate, show -json), AWS Config "
    "snapshots (.json, .json.gz) and configservice output, az resource list and az graph "
    "query output, gcloud asset search-all-resources output, and CSV. Files may be gzipped, "
    "and UTF-8 or, with a byte order mark, UTF-16 (as Windows PowerShell writes). "
    "Sensitive values never reach the inventory; each resource names its file.\n\n"
    "Example: terraform state pull > state.json && exitplan import state.json -o inventory.json"
)


@handled
def import_command(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help=_("Files to import."), show_default=False)],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help=formats.help_text(),
        ),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help=_("Inventory file to write."))] = Path(
        "inventory.json"
    ),
    max_gib: MaxFileOption = DEFAULT_MAX_GIB,
    as_json: JsonOption = False,
    store: StoreOption = None,
) -> None:
    from connectors.importers.run import account_notes, import_files

    if fmt is not None:
        formats.named(fmt)  # before the files are checked, let alone read
    limit = max_bytes(max_gib)
    check_out_file(out, files)
    check_store(store)
    inventory = in_order(import_files(files, fmt, max_bytes=limit))
    write_inventory(
        inventory, out, as_json, account_notes(inventory), store=store, command="import"
    )
