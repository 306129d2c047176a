"""`gcloud asset search-all-resources --format=json`: the JSON form of the very messages
the GCP connector reads, parsed back into them and read with the connector's own code.

The export names projects by number. Where it holds the projects themselves
(`cloudresourcemanager.googleapis.com/Project`: in search output their additional
attributes carry the project id, in `asset list` output their `resource.data.projectId`),
resources are filed under the project id, as a scan and Terraform file them. Otherwise
they are filed under the number, and `read` / `read_listed` name the numbers left
unresolved, so that the import can record that the account differs from a scan's."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from connectors.gcp.records import to_resource
from exitplan.errors import InputError, RecordError
from exitplan.i18n import N_, _
from exitplan.model import Gap, Resource

from .found import File, Found, sourced

PROJECT = "cloudresourcemanager.googleapis.com/Project"
_LIST = "gcloud asset list --content-type=resource --format=json"
_SEARCH = "gcloud asset search-all-resources --format=json"
_CHECK = N_("gcloud gives every asset a name and an assetType; check the file")
_VALUE = N_("gcloud writes each field as the asset's API documents it; check the file")


class Read(NamedTuple):
    """What a file gave: its resources, and the project numbers it could not turn into
    project ids (sorted; their resources are filed under the number)."""

    resources: list[Resource]
    unresolved: list[str]


def listed(path: Path, document: Any) -> list[Resource]:
    return read_listed(path, document).resources


def resources(path: Path, document: Any) -> list[Resource]:
    return read(path, document).resources


def read_listed(path: Path, document: Any) -> Read:
    """`gcloud asset list --content-type=resource --format=json`, or `gcloud asset export`
    to a file (one asset per line): assets, each with its resource's own representation
    under `resource.data`, as a search result gives it in its versioned resource; read the
    same way."""
    results = []
    assets = _records(path, document, N_("asset list output is an array of assets"), _LIST)
    for index, asset in enumerate(assets):
        held = _object(asset.get("resource"))
        data = _object(held.get("data"))
        ancestors = asset.get("ancestors") or []
        if not isinstance(ancestors, list):
            raise InputError(
                _("{path}: record {number}: ancestors is not a list").format(
                    path=path, number=index + 1
                ),
                _(_CHECK),
            )
        ancestors = [a for a in ancestors if isinstance(a, str)]
        labels = _object(data.get("labels"))
        # `gcloud asset export` writes the proto's own field names (asset_type).
        kind = asset.get("assetType") or asset.get("asset_type")
        result = {
            "name": asset.get("name"),
            "assetType": kind,
            "project": next((a for a in ancestors if a.startswith("projects/")), ""),
            "location": held.get("location") or "",
            "displayName": data.get("displayName") or data.get("name") or "",
            "labels": {str(k): str(v) for k, v in labels.items()},
            "versionedResources": [{"version": held.get("version") or "", "resource": data}],
        }
        if kind == PROJECT and isinstance(data.get("projectId"), str):
            result["additionalAttributes"] = {"projectId": data["projectId"]}
        results.append({k: v for k, v in result.items() if v})
    return read(path, results)


def read(path: Path, document: Any) -> Read:
    from google.cloud.asset_v1.types import ResourceSearchResult
    from google.protobuf.json_format import ParseDict, ParseError

    results = []
    rows = _records(path, document, N_("search output is an array of results"), _SEARCH)
    for index, row in enumerate(rows):
        message = ResourceSearchResult()._pb
        try:
            ParseDict(row, message, ignore_unknown_fields=True)
        except ParseError as exc:
            raise InputError(
                _("{path}: record {number} is not a search result: {reason}").format(
                    path=path, number=index + 1, reason=exc
                ),
                _("check the file"),
            ) from None
        results.append(message)
    numbers = {
        r.name.rsplit("/", 1)[-1]: str(r.additional_attributes["projectId"])
        for r in results
        if r.asset_type == PROJECT and "projectId" in r.additional_attributes
    }
    found: dict[str, Resource] = {}
    unresolved: set[str] = set()
    record = _("{path}: record {number}")  # looked up once: an export may hold 100k assets
    for index, result in enumerate(results):
        number = result.project.removeprefix("projects/")
        try:
            resource = to_resource(
                result, record.format(path=path, number=index + 1), numbers, number or "unknown"
            )
        except RecordError as exc:  # worded for a scan: the file is what to check
            raise InputError(exc.message.removeprefix("gcp "), _(_VALUE)) from None
        if number and number not in numbers:
            unresolved.add(number)
        found.setdefault(resource.id, resource)  # one record per name, as a scan keeps
    return Read(list(found.values()), sorted(unresolved))


def imported(file: File) -> Found:
    """`gcloud asset search-all-resources`, as `--format gcloud` imports it."""
    return _found(file, read(file.path, file.document()))


def imported_list(file: File) -> Found:
    """`gcloud asset list` or export, as `--format gcloud-list` imports it."""
    return _found(file, read_listed(file.path, file.document()))


def _found(file: File, read: Read) -> Found:
    # A gap's message is written into the inventory in the language of the run that
    # imported it; its code stays as it is, for tools to match.
    unresolved = _(
        "{source} names project {number} by number only; its resources are "
        "filed under the number. Export the project assets too (--asset-types "
        "{type}) to file them by id"
    )
    gaps = [
        Gap(
            provider="gcp",
            scope=number,
            service="cloudasset",
            code="ProjectIdUnknown",
            message=unresolved.format(source=file.source, number=number, type=PROJECT),
        )
        for number in read.unresolved
    ]
    return Found(sourced(file, read.resources), gaps)


def _records(path: Path, document: Any, shape: str, command: str) -> list[dict[str, Any]]:
    """The file's records, each checked, or an error naming the file or the record."""
    if not isinstance(document, list):
        raise InputError(
            _("{path}: gcloud's {shape}").format(path=path, shape=_(shape)),
            _("give the output of `{command}`").format(command=command),
        )
    record = _("{path}: record {number}")  # looked up once: an export may hold 100k assets
    for index, row in enumerate(document):
        _check(row, record.format(path=path, number=index + 1))
    return document


def _check(row: Any, where: str) -> None:
    """A record with a name and an asset type, or an error naming it by its place in the
    file and by the fields it has (not their values)."""
    if not isinstance(row, dict):
        raise InputError(_("{where} is not an object").format(where=where), _(_CHECK))
    for field, other in (("name", "name"), ("assetType", "asset_type")):
        if not isinstance(row.get(field) or row.get(other), str):
            present = ", ".join(sorted(map(str, row))) or _("none")
            raise InputError(
                _("{where}: no {field} (fields present: {present})").format(
                    where=where, field=field, present=present
                ),
                _(_CHECK),
            )


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
