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
