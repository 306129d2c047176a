"""Azure CLI output: `az resource list -o json` (an array of resources) and `az graph
query` (an object whose `data` holds the rows), read with the Azure connector's own
record handling, so that imported and scanned resources are alike."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from connectors.azure.records import first_of_each, to_resource
from connectors.azure.relations import spelled_as_listed
from exitplan.errors import InputError
from exitplan.i18n import N_, _
from exitplan.model import Resource

from .found import File, Found, sourced

_SUBSCRIPTION = re.compile(r"^/subscriptions/([^/]+)", re.IGNORECASE)
_CHECK = N_("az gives every resource an id (/subscriptions/...) and a type; check the file")


def imported(file: File) -> Found:
    return Found(sourced(file, resources(file.path, file.document())))


def resources(path: Path, document: Any) -> list[Resource]:
    rows = document.get("data") if isinstance(document, dict) else document
    if not isinstance(rows, list):
        raise InputError(
            _("{path}: az output is an array of resources, or an object with `data`").format(
                path=path
            ),
            _("give the output of `az resource list -o json` or `az graph query -o json`"),
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
                _("{named} ({id!r}) names no subscription").format(named=named, id=record["id"]),
                _("az output gives ARM ids, /subscriptions/ID/...; check the file"),
            )
        try:
            found.append(to_resource(sub, record, {}))
        except InputError as exc:  # it names the resource; say where it is in the file
            raise InputError(f"{named}: {exc.message.removeprefix('azure ')}", _(_CHECK)) from None
    return spelled_as_listed(found)


def _checked(row: Any, where: str) -> dict[str, Any]:
    """A record with an id and a type, or an error naming it by its place in the file and
    by the fields it has (not their values)."""
    if not isinstance(row, dict):
        raise InputError(_("{where} is not an object").format(where=where), _(_CHECK))
    missing = [k for k in ("id", "type") if not isinstance(row.get(k), str) or not row[k]]
    if missing:
        keys = ", ".join(sorted(map(str, row))) or "none"
        raise InputError(
            _("{where} has no {names} (fields present: {keys})").format(
                where=where, names=" or ".join(missing), keys=keys
            ),
            _(_CHECK),
        )
    return row
