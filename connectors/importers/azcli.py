"""Azure CLI output: `az resource list -o json` (an array of resources) and `az graph
query` (an object whose `data` holds the rows), read with the Azure connector's own
record handling, so that imported and scanned resources are alike."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from connectors.azure.records import first_of_each, to_resource
from exitplan.errors import InputError
from exitplan.model import Resource

from .found import File, Found, sourced

_SUBSCRIPTION = re.compile(r"^/subscriptions/([^/]+)", re.IGNORECASE)
_CHECK = "az gives every resource an id (/subscriptions/...) and a type; check the file"


def imported(file: File) -> Found:
    return Found(sourced(file, resources(file.path, file.document())))


def resources(path: Path, document: Any) -> list[Resource]:
    rows = document.get("data") if isinstance(document, dict) else document
    if not isinstance(rows, list):
        raise InputError(
            f"{path}: az output is an array of resources, or an object with `data`",
            "give the output of `az resource list -o json` or `az graph query -o json`",
        )
    records = []
    where: dict[int, int] = {}  # record -> its number in the file
    for index, row in enumerate(rows):
        records.append(_checked(row, f"{path}: record {index + 1}"))
        where[id(row)] = index + 1
    found = []
    for record in first_of_each(records):
        named = f"{path}: record {where[id(record)]}"
        match = _SUBSCRIPTION.match(record["id"])
        sub = str(record.get("subscriptionId") or (match.group(1) if match else "")).lower()
        if not sub:
            raise InputError(
                f"{named} ({record['id']!r}) names no subscription",
                "az output gives ARM ids, /subscriptions/ID/...; check the file",
            )
        try:
            found.append(to_resource(sub, record, {}))
        except InputError as exc:  # it names the resource; say where it is in the file
            raise InputError(f"{named}: {exc.message.removeprefix('azure ')}", _CHECK) from None
    return found


def _checked(row: Any, where: str) -> dict[str, Any]:
    """A record with an id and a type, or an error naming it by its place in the file and
    by the fields it has (not their values)."""
    if not isinstance(row, dict):
        raise InputError(f"{where} is not an object", _CHECK)
    missing = [k for k in ("id", "type") if not isinstance(row.get(k), str) or not row[k]]
    if missing:
        keys = ", ".join(sorted(map(str, row))) or "none"
        raise InputError(f"{where} has no {' or '.join(missing)} (fields present: {keys})", _CHECK)
    return row
