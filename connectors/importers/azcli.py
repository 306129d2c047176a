"""Azure CLI output: `az resource list -o json` (an array of resources) and `az graph
query` (an object whose `data` holds the rows), read with the Azure connector's own
record handling, so that imported and scanned resources are alike."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from connectors.azure.records import checked, first_of_each, to_resource
from exitplan.errors import InputError
from exitplan.model import Resource

_SUBSCRIPTION = re.compile(r"^/subscriptions/([^/]+)", re.IGNORECASE)


def resources(path: Path, document: Any) -> list[Resource]:
    rows = document.get("data") if isinstance(document, dict) else document
    if not isinstance(rows, list):
        raise InputError(
            f"{path}: az output is an array of resources, or an object with `data`",
            "give the output of `az resource list -o json` or `az graph query -o json`",
        )
    records = []
    for index, row in enumerate(rows):
        if not isinstance(row, dict):
            raise InputError(f"{path}: record {index + 1} is not an object", "check the file")
        records.append(checked(row, str(path), 1, index))
    found = []
    for record in first_of_each(records):
        match = _SUBSCRIPTION.match(record["id"])
        sub = str(record.get("subscriptionId") or (match.group(1) if match else "")).lower()
        if not sub:
            raise InputError(
                f"{path}: {record['id']!r} names no subscription",
                "az output gives ARM ids, /subscriptions/ID/...; check the file",
            )
        found.append(to_resource(sub, record, {}))
    return found
