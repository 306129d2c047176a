"""`gcloud asset search-all-resources --format=json`: the JSON form of the very messages
the GCP connector reads, parsed back into them and read with the connector's own code.

The export names projects by number. Where it holds the projects themselves
(`cloudresourcemanager.googleapis.com/Project`, whose additional attributes carry the
project id), resources are filed under the project id, as a scan files them; otherwise
under the number."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from connectors.gcp.records import to_resource
from exitplan.errors import InputError
from exitplan.model import Resource

PROJECT = "cloudresourcemanager.googleapis.com/Project"


def listed(path: Path, document: Any) -> list[Resource]:
    """`gcloud asset list --content-type=resource --format=json`: assets, each with its
    resource's own representation under `resource.data`, as a search result gives it in
    its versioned resource; read the same way."""
    if not isinstance(document, list):
        raise InputError(
            f"{path}: gcloud's asset list output is an array of assets",
            "give the output of `gcloud asset list --content-type=resource --format=json`",
        )
    results = []
    for index, asset in enumerate(document):
        if not isinstance(asset, dict):
            raise InputError(f"{path}: record {index + 1} is not an object", "check the file")
        held = _object(asset.get("resource"))
        data = _object(held.get("data"))
        ancestors = [a for a in asset.get("ancestors") or [] if isinstance(a, str)]
        labels = _object(data.get("labels"))
        result = {
            "name": asset.get("name"),
            "assetType": asset.get("assetType"),
            "project": next((a for a in ancestors if a.startswith("projects/")), ""),
            "location": held.get("location") or "",
            "displayName": data.get("displayName") or data.get("name") or "",
            "labels": {str(k): str(v) for k, v in labels.items()},
            "versionedResources": [{"version": held.get("version") or "", "resource": data}],
        }
        results.append({k: v for k, v in result.items() if v})
    return resources(path, results)


def resources(path: Path, document: Any) -> list[Resource]:
    from google.cloud.asset_v1.types import ResourceSearchResult
    from google.protobuf.json_format import ParseDict, ParseError

    if not isinstance(document, list):
        raise InputError(
            f"{path}: gcloud's search output is an array of results",
            "give the output of `gcloud asset search-all-resources --format=json`",
        )
    results = []
    for index, row in enumerate(document):
        if not isinstance(row, dict):
            raise InputError(f"{path}: record {index + 1} is not an object", "check the file")
        message = ResourceSearchResult()._pb
        try:
            ParseDict(row, message, ignore_unknown_fields=True)
        except ParseError as exc:
            raise InputError(
                f"{path}: record {index + 1} is not a search result: {exc}", "check the file"
            ) from None
        results.append(message)
    numbers = {
        r.name.rsplit("/", 1)[-1]: str(r.additional_attributes["projectId"])
        for r in results
        if r.asset_type == PROJECT and "projectId" in r.additional_attributes
    }
    found: dict[str, Resource] = {}
    for index, result in enumerate(results):
        number = result.project.removeprefix("projects/")
        resource = to_resource(result, f"{path}: record {index + 1}", numbers, number or "unknown")
        found.setdefault(resource.id, resource)  # one record per name, as a scan keeps
    return list(found.values())


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
