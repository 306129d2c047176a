"""`--store` on scan, import and plan: keep each run's inventory (and plan summary) as a
snapshot in the store, for `exitplan history` and `exitplan diff`. Light on imports, so
that `exitplan scan --help` stays quick."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from ..i18n import _
from ..model import Inventory
from ..store import open_store, resolve

StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        metavar="PATH",
        help=_(
            "SQLite file that keeps the history of the estate (a snapshot per run); "
            "'default' for the user's data directory. Default: the EXITPLAN_STORE "
            "environment variable, else no history is kept."
        ),
        show_default=False,
    ),
]


def record_run(
    option: str | None,
    command: str,
    inventory: Inventory,
    inventory_json: str,
    plan_json: str | None = None,
) -> int | None:
    """Keep this run's inventory (and plan summary) in the store named by --store or
    EXITPLAN_STORE; None when no store is named."""
    path = resolve(option)
    if path is None:
        return None
    with open_store(path, create=True) as opened:
        return opened.record(
            command,
            inventory_json.encode("utf-8"),
            as_of=inventory.scan.finished_at,
            source=inventory.scan.source,
            resources=len(inventory.resources),
            gaps=len(inventory.gaps),
            plan_json=plan_json.encode("utf-8") if plan_json is not None else None,
        )


def check_store(option: str | None) -> None:
    """Refuse a bad --store before any work: a foreign file, a newer schema."""
    path = resolve(option)
    if path is not None and path.exists():
        with open_store(path, create=False):
            pass


def stored_history(option: str | None) -> list[tuple[dt.date, int]]:
    """The store's snapshots as (inventory date, resources), oldest first; empty when no
    store is named or it does not exist yet. A bad store is refused before any work."""
    path = resolve(option)
    if path is None or not path.exists():
        return []
    with open_store(path, create=False) as opened:
        return [(dt.date.fromisoformat(s.as_of[:10]), s.resources) for s in opened.snapshots()]
