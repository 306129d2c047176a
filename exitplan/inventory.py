"""Reading, validating, merging and writing Inventory files."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jiter
from pydantic import ValidationError

from .encoding import SAVE_AS, EncodingProblem, decode, utf8
from .errors import InputError
from .i18n import N_, _
from .model import SCHEMA_VERSION, Gap, Inventory, Resource, ScanInfo, Scope, Skipped
from .reading import MAX_BYTES, read_bytes

_HINT = N_(
    "`exitplan schema inventory` prints the expected format; `exitplan demo` writes an example"
)


@dataclass(frozen=True)
class InventorySource:
    """One file that went into a merged inventory, as the plan reports it."""

    name: str
    scan: ScanInfo
    resources: int
    gaps: int


@dataclass(frozen=True)
class LoadedInventory:
    inventory: Inventory
    sources: tuple[InventorySource, ...]
    duplicates: int  # resources seen in more than one file; one copy is kept (see _wins)


def read_inventory(
    path: Path, now: dt.datetime | None = None, max_bytes: int = MAX_BYTES
) -> Inventory:
    """One inventory file, validated; scan times are judged against `now` (the clock). A
    file of more than `max_bytes` is refused."""
    if not path.exists():
        raise InputError(
            _("{path}: no such file").format(path=path), _("check the path of the inventory")
        )
    if path.is_dir():
        raise InputError(
            _("{path}: is a directory, not an inventory file").format(path=path),
            _("name a .json file"),
        )
    content = read_bytes(path, max_bytes)
    try:
        # jiter reads bytes only; a file is read as bytes at once, a pipe in chunks.
        raw = utf8(content if isinstance(content, bytes) else bytes(content))
    except EncodingProblem as exc:
        raise InputError(f"{path}: {exc}", _(SAVE_AS)) from None
    del content
    if not raw or raw.isspace():  # no copy of the file, as strip() would make
        raise InputError(_("{path}: the file is empty").format(path=path), _(_HINT))
    data = _parse(path, raw)
    del raw  # tens of MiB for a large estate, not needed while the records are validated
    if not isinstance(data, dict):
        raise InputError(f"{path}: {_top_level(data)}", _(_HINT))
    context = {"now": now or dt.datetime.now(dt.timezone.utc)}
    try:
        return Inventory.model_validate(data, context=context)
    except ValidationError as exc:
        raise InputError(f"{path}: {_explain(exc, data)}", _(_HINT)) from None


def _parse(path: Path, raw: bytes) -> Any:
    # jiter finds a key repeated in an object, which pydantic's own parser and the json
    # module let pass (the last value wins); it parses faster than json.loads as well.
    try:
        return jiter.from_json(raw, catch_duplicate_keys=True)
    except ValueError as exc:
        problem = str(exc)
    if problem.startswith("Detected duplicate key"):
        raise InputError(
            f"{path}: {_repeated_key(raw, problem)}",
            _("keep one of the two: JSON readers disagree on which of them counts"),
        )
    try:
        decode(raw)
    except EncodingProblem as exc:
        raise InputError(f"{path}: {exc}", _(SAVE_AS)) from None
    raise InputError(
        _("{path}: not valid JSON: {problem}").format(path=path, problem=problem), _(_HINT)
    )


_TWICE = object()  # marks, in a parsed object, the key that appeared twice


def _mark_repeats(pairs: list[tuple[str, Any]]) -> dict[Any, Any]:
    obj: dict[Any, Any] = {}
    for key, value in pairs:
        if key in obj and _TWICE not in obj:
            obj[_TWICE] = key
        obj[key] = value
    return obj


def _repeated_key(raw: bytes, problem: str) -> str:
    """Where the repeated key is, as a path (resources[3].tags), found by parsing again;
    only a file with the fault pays for this."""
    at = problem.rsplit(" at ", 1)[-1]
    twice = _("{problem}: a key appears twice in one object")
    try:
        data = json.loads(raw, object_pairs_hook=_mark_repeats)
    except (ValueError, RecursionError):
        return twice.format(problem=problem[len("Detected ") :])
    found = _find_repeat(data, ())
    if found is None:  # pragma: no cover - both parsers saw the same text
        return twice.format(problem=problem[len("Detected ") :])
    loc, key = found
    message = _("{where}: the key {key!r} appears twice in one object ({at})")
    return message.format(where=_where(loc, data), key=key, at=at)


def _find_repeat(node: Any, loc: tuple[int | str, ...]) -> tuple[tuple[int | str, ...], str] | None:
    if isinstance(node, dict):
        if _TWICE in node:
            return loc, node[_TWICE]
        children: Any = ((k, v) for k, v in node.items() if k is not _TWICE)
    elif isinstance(node, list):
        children = enumerate(node)
    else:
        return None
    for part, child in children:
        found = _find_repeat(child, (*loc, part))
        if found is not None:
            return found
    return None


def _top_level(data: Any) -> str:
    if data is None or isinstance(data, bool):
        held = json.dumps(data)
    elif isinstance(data, list):
        held = _("a list (a JSON array)")
    elif isinstance(data, str):
        held = _("a string")
    else:
        held = _("a number")
    message = _(
        "the file holds {held}, not an object with 'schema_version', 'scan' and 'resources'"
    )
    return message.format(held=held)


def _explain(exc: ValidationError, data: dict[str, Any]) -> str:
    version = data.get("schema_version")
    if "schema_version" in data and (type(version) is not int or version != SCHEMA_VERSION):
        shown = json.dumps(version)
        shown = shown if len(shown) <= 40 else shown[:37] + "..."
        message = _(
            "schema_version {shown} is not supported; this exitplan reads schema_version {version}"
        )
        return message.format(shown=shown, version=SCHEMA_VERSION)
    first = exc.errors(include_url=False)[0]
    message = first["msg"][:1].lower() + first["msg"][1:]
    count = exc.error_count()
    where = _where(first["loc"], data)
    if count == 1:
        return _("{where}: {message}").format(where=where, message=message)
    more = _("{where}: {message}; {count} more problem(s) after this one")
    return more.format(where=where, message=message, count=count - 1)


def _where(loc: Sequence[int | str], data: dict[str, Any]) -> str:
    """A location as a path, with the record's id where the path is inside one."""
    record = ""
    if len(loc) >= 2 and loc[0] in ("resources", "gaps") and isinstance(loc[1], int):
        item = data.get(str(loc[0]), [])
        if isinstance(item, list) and loc[1] < len(item) and isinstance(item[loc[1]], dict):
            ident = item[loc[1]].get("id") or item[loc[1]].get("service")
            if ident:
                record = _(" (record {index}, {id!r})").format(index=loc[1], id=ident)
    return f"{_location(loc)}{record}"


def _location(loc: Sequence[int | str]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or _("top level")


def load_inventories(paths: Sequence[Path], max_bytes: int = MAX_BYTES) -> LoadedInventory:
    """Load one or more inventories and merge them into one; no file may hold more than
    `max_bytes`."""
    if not paths:
        raise InputError(_("no inventory given"), _("name at least one inventory file"))
    now = dt.datetime.now(dt.timezone.utc)
    loaded = [(path, read_inventory(path, now, max_bytes)) for path in paths]
    for path, inv in loaded:
        _refuse_duplicates(path, inv)
    # Listed by time, not in the order given: `plan A B` and `plan B A` are one plan.
    sources = tuple(
        sorted(
            (
                InventorySource(path.name, inv.scan, len(inv.resources), len(inv.gaps))
                for path, inv in loaded
            ),
            key=_source_order,
        )
    )
    if len(loaded) == 1:
        only = loaded[0][1]
        return LoadedInventory(in_order(only), sources, 0)

    by_key: dict[tuple[str, str], tuple[dt.datetime, Resource]] = {}
    duplicates = 0
    for _path, inv in loaded:
        finished = inv.scan.finished_at
        for resource in inv.resources:
            key = identity(resource)
            held = by_key.get(key)
            if held is None:
                by_key[key] = (finished, resource)
                continue
            duplicates += 1
            if _wins(finished, resource, *held):
                by_key[key] = (finished, resource)
    scans = [inv.scan for _, inv in loaded]
    merged = Inventory(
        schema_version=SCHEMA_VERSION,
        scan=ScanInfo(
            tool=", ".join(sorted({scan.tool for scan in scans})),
            tool_version=", ".join(sorted({scan.tool_version for scan in scans})),
            source="merged: " + ", ".join(sorted({scan.source for scan in scans})),
            # In UTC: of two equal instants in other zones, neither is "the first".
            started_at=min(scan.started_at for scan in scans).astimezone(dt.timezone.utc),
            finished_at=max(scan.finished_at for scan in scans).astimezone(dt.timezone.utc),
            scopes_requested=_union(s for scan in scans for s in scan.scopes_requested),
            scopes_covered=_union(s for scan in scans for s in scan.scopes_covered),
        ),
        resources=sorted((resource for _, resource in by_key.values()), key=_order),
        gaps=sorted({gap for _, inv in loaded for gap in inv.gaps}, key=_gap_order),
        skipped=sorted({s for _, inv in loaded for s in inv.skipped}, key=_skipped_order),
    )
    return LoadedInventory(merged, sources, duplicates)


def _wins(
    finished: dt.datetime, resource: Resource, held_finished: dt.datetime, held: Resource
) -> bool:
    """Whether this copy of a resource replaces the one held: the newest scan's copy wins;
    between scans that finished at the same moment, the copy whose JSON sorts first, so
    that the order in which the files are named never matters."""
    if finished != held_finished:
        return finished > held_finished
    return _canonical(resource) < _canonical(held)


def _canonical(resource: Resource) -> str:
    return json.dumps(resource.model_dump(mode="json"), sort_keys=True)


def _source_order(source: InventorySource) -> tuple[Any, ...]:
    scan = source.scan
    return (scan.finished_at, source.name, scan.started_at, scan.tool, scan.tool_version,
            scan.source, source.resources, source.gaps)  # fmt: skip


def _refuse_duplicates(path: Path, inventory: Inventory) -> None:
    # Within one scan an id names one resource; a repeat is a connector's or editor's error.
    seen: dict[tuple[str, str], int] = {}
    for index, resource in enumerate(inventory.resources):
        first = seen.setdefault(identity(resource), index)
        if first != index:
            raise InputError(
                _("{path}: resources[{index}] repeats the id {id!r} of resources[{first}]").format(
                    path=path, index=index, id=resource.id, first=first
                ),
                _("an inventory lists each resource once; remove or merge the repeated record"),
            )


def identity(resource: Resource) -> tuple[str, str]:
    """Azure's resource ids are case-insensitive, and Resource Manager and Resource Graph
    do not always spell them alike; other providers' ids are exact."""
    return key_of(resource.provider, resource.id)


def key_of(provider: str, rid: str) -> tuple[str, str]:
    """`identity` of the resource with this id, for ids met in another resource's relations."""
    return (provider, rid.lower() if provider == "azure" else rid)


def _order(resource: Resource) -> tuple[str, str, str, str, str]:
    return (resource.provider, resource.account, resource.region, resource.type, resource.id)


def _gap_order(gap: Gap) -> tuple[str, ...]:
    # Every field takes part, so that no two distinct gaps tie and order never varies.
    return (gap.provider, gap.scope, gap.region or "", gap.service, gap.code, gap.message)


def _skipped_order(skipped: Skipped) -> tuple[str, str, str, int]:
    return (skipped.source, skipped.type, skipped.reason, skipped.count)


def _union(scopes: Any) -> list[Scope]:
    return sorted(set(scopes), key=lambda s: (s.provider, s.kind, s.id, s.name or ""))


def in_order(inventory: Inventory) -> Inventory:
    """Resources and gaps sorted, so that two scans of the same estate diff cleanly."""
    return inventory.model_copy(
        update={
            "resources": sorted(inventory.resources, key=_order),
            "gaps": sorted(set(inventory.gaps), key=_gap_order),
            "skipped": sorted(set(inventory.skipped), key=_skipped_order),
        }
    )


def dump_inventory(inventory: Inventory) -> str:
    # `skipped` is written only when something was left out: inventories without it stay as
    # they were before the field existed.
    unused = None if inventory.skipped else {"skipped"}
    return inventory.model_dump_json(indent=2, exclude_none=True, exclude=unused) + "\n"
