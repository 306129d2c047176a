"""`exitplan history` and `exitplan diff`: the snapshots a store holds, and what changed
between two of them (or two inventory files) on the way out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

from ..catalogue import Catalogue, load_catalogue
from ..errors import InputError
from ..gcpause import batch_gc
from ..history import InventoryDiff, Progress, by_provider, by_workload, diff
from ..history_report import render_diff
from ..i18n import _
from ..inventory import LoadedInventory, load_inventories
from ..model import Inventory
from ..pipeline import compare_scenarios, plan_scenario
from ..planning import PlanMeta
from ..profile import Profile, load_profile
from ..reading import DEFAULT_MAX_GIB, max_bytes
from ..store import Snapshot, Store, open_store, resolve
from ..untrusted import json_text, visible
from .common import JsonOption, MaxFileOption, aligned, handled, write_out
from .recording import StoreOption

HISTORY_HELP = _(
    "List the snapshots a store holds: each inventory that scan, import or plan read with "
    "--store, oldest first, with its id for exitplan diff.\n\n"
    "Example: exitplan history --store exitplan-history.sqlite"
)
DIFF_HELP = _(
    "Show what changed between two inventories of the estate: resources added, removed and "
    "changed, and the exit's progress per provider and workload (resources gone since the "
    "baseline, effort left, lock-in left). A and B are snapshot ids from exitplan history, "
    "or inventory files.\n\n"
    "Example: exitplan diff 1 3 --store exitplan-history.sqlite"
)


@handled
def history(ctx: typer.Context, store: StoreOption = None, as_json: JsonOption = False) -> None:
    with _named_store(store) as opened:
        snapshots = opened.snapshots()
    if as_json:
        typer.echo(json_text({"snapshots": [_snapshot_data(s) for s in snapshots]}))
        return
    if not snapshots:
        typer.echo(_("no snapshots yet"))
        return
    rows = [
        (str(s.id), s.as_of[:10], s.recorded_at[:16].replace("T", " "), _(s.command),
         f"{s.resources:,}", str(s.gaps), _("yes") if s.has_plan else "")
        for s in snapshots
    ]  # fmt: skip
    head = (_("id"), _("inventory of"), _("recorded (UTC)"), _("by"), _("resources"),
            _("gaps"), _("plan"))  # fmt: skip
    typer.echo(_table(head, rows))


@dataclass(frozen=True)
class _Side:
    name: str
    inventory: Inventory


@handled
def diff_command(
    ctx: typer.Context,
    before: Annotated[
        str, typer.Argument(metavar="A", help=_("The baseline: snapshot id or inventory file."))
    ],
    after: Annotated[
        str, typer.Argument(metavar="B", help=_("Now: snapshot id or inventory file."))
    ],
    store: StoreOption = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help=_("Also write the diff as Markdown, with the burn-down."),
            show_default=False,
        ),
    ] = None,
    max_gib: MaxFileOption = DEFAULT_MAX_GIB,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print the diff as JSON."))] = False,
) -> None:
    limit = max_bytes(max_gib)
    path = resolve(store)
    # Opened for a snapshot id, and for the burn-down of --out where a store exists.
    wanted = any(map(_snapshot_id, (before, after))) or (out is not None and path and path.exists())
    with ExitStack() as stack:
        opened = stack.enter_context(open_store(path, create=False)) if path and wanted else None
        a = _side(before, opened, limit)
        b = _side(after, opened, limit)
        snapshots = opened.snapshots() if opened else []
    result = diff(a.inventory, b.inventory)
    catalogue, profile = load_catalogue(), load_profile()
    left = (
        _remaining(a.inventory, catalogue, profile),
        _remaining(b.inventory, catalogue, profile),
    )
    data = _diff_data(a, b, result, left)
    if out is not None:
        write_out(out, render_diff(data, snapshots))
    if as_json:
        typer.echo(json_text(data))
        return
    typer.echo(_diff_text(data))


def _snapshot_id(name: str) -> bool:
    """A number that names no file is a snapshot id."""
    return name.isdigit() and not Path(name).exists()


def _side(name: str, store: Store | None, limit: int) -> _Side:
    if _snapshot_id(name):
        if store is None:
            raise InputError(
                _("{name}: a snapshot id needs a store").format(name=name),
                _("give --store PATH or set EXITPLAN_STORE, or name an inventory file"),
            )
        snapshot = store.snapshot(int(name))
        # A snapshot's scan finished before it was recorded, so before now.
        now = dt.datetime.now(dt.timezone.utc)
        inventory = Inventory.model_validate_json(
            store.inventory_bytes(snapshot.id), context={"now": now}
        )
        return _Side(
            _("snapshot {id} ({date})").format(id=name, date=snapshot.as_of[:10]), inventory
        )
    loaded = load_inventories([Path(name)], limit)
    return _Side(Path(name).name, loaded.inventory)


@dataclass(frozen=True)
class _Left:
    effort: float
    lock_in: float
    by_workload: dict[str, tuple[float, float]]  # workload -> effort mean, lock-in score


def _remaining(inventory: Inventory, catalogue: Catalogue, profile: Profile) -> _Left:
    """The expected effort and lock-in of what still runs, planned as `exitplan plan` would
    with the shipped catalogue and profile."""
    if not inventory.resources:
        return _Left(0.0, 0.0, {})
    with batch_gc():
        loaded = LoadedInventory(inventory, (), 0)
        compared = compare_scenarios(loaded, catalogue, profile)
        plan = plan_scenario(
            loaded, compared, compared.comparison.recommended, catalogue, profile, PlanMeta()
        )
    lock = plan.lock_in
    scores = {w.workload: w.score for w in lock.workloads} if lock else {}
    return _Left(
        plan.estimate.effort.mean,
        lock.estate.score if lock else 0.0,
        {w.name: (w.effort.mean, scores.get(w.name, 0.0)) for w in plan.workloads},
    )


def _diff_data(
    a: _Side, b: _Side, result: InventoryDiff, left: tuple[_Left, _Left]
) -> dict[str, Any]:
    return {
        "baseline": a.name,
        "now": b.name,
        "added": [_resource(r) for r in result.added],
        "removed": [_resource(r) for r in result.removed],
        "changed": [{**_resource(c.after), "fields": list(c.fields)} for c in result.changed],
        "unchanged": result.unchanged,
        "gaps": {"baseline": result.gaps_before, "now": result.gaps_after},
        "progress": {
            "providers": [_progress(p) for p in by_provider(result.progress)],
            "workloads": [_progress(p, left) for p in by_workload(result.progress)],
        },
        "effort_left_person_days": {
            "baseline": round(left[0].effort),
            "now": round(left[1].effort),
        },
        "lock_in": {"baseline": round(left[0].lock_in, 1), "now": round(left[1].lock_in, 1)},
        # An inventory shows what still runs, not where the rest went.
        "moved_or_retired": "not told apart",
    }


def _resource(resource: Any) -> dict[str, Any]:
    return {
        "provider": resource.provider,
        "id": resource.id,
        "type": resource.type,
        "name": resource.name,
    }


def _progress(p: Progress, left: tuple[_Left, _Left] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = (
        {"workload": p.workload, "grouped_by": p.grouped_by}
        if p.workload
        else {"provider": p.provider}
    )
    data |= {"baseline": p.baseline, "now": p.now, "gone": p.gone, "new": p.new}
    if left is not None:
        effort = left[1].by_workload.get(p.workload)
        data["effort_left_person_days"] = round(effort[0]) if effort else 0
        data["lock_in_now"] = round(effort[1], 1) if effort else None
    return data


def _diff_text(data: dict[str, Any]) -> str:
    lines = [
        _("From {a} to {b}").format(a=visible(data["baseline"]), b=visible(data["now"])),
        "",
        _("  added {added}, removed {removed}, changed {changed}, unchanged {unchanged}").format(
            added=len(data["added"]), removed=len(data["removed"]),
            changed=len(data["changed"]), unchanged=data["unchanged"],
        ),
        _(
            "  effort left {before:,} -> {now:,} person-days (expected); lock-in {lb} -> {ln}"
        ).format(
            before=data["effort_left_person_days"]["baseline"],
            now=data["effort_left_person_days"]["now"],
            lb=data["lock_in"]["baseline"], ln=data["lock_in"]["now"],
        ),
        "",
    ]  # fmt: skip
    rows = [
        (visible(p["provider"]), str(p["baseline"]), str(p["now"]), str(p["gone"]), str(p["new"]))
        for p in data["progress"]["providers"]
    ]
    lines.append(_table((_("provider"), _("baseline"), _("now"), _("gone"), _("new")), rows))
    return "\n".join(lines)


def _table(head: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    """The first column left, the others right, each as wide as its widest cell."""
    least = [max((len(row[i]) for row in rows), default=0) for i in range(len(head))]
    return "\n".join(aligned(head, least, "<" + ">" * (len(head) - 1), rows))


def _snapshot_data(s: Snapshot) -> dict[str, Any]:
    return {
        "id": s.id, "inventory_as_of": s.as_of, "recorded_at": s.recorded_at,
        "command": s.command, "source": s.source, "resources": s.resources, "gaps": s.gaps,
        "plan": s.has_plan,
    }  # fmt: skip


def _named_store(option: str | None) -> Store:
    """The store named by --store or EXITPLAN_STORE, which must exist."""
    path = resolve(option)
    if path is None:
        raise InputError(_("no store named"), _("give --store PATH, or set EXITPLAN_STORE"))
    return open_store(path, create=False)
