"""Which format a handed-over file is in, told from its content. A file that is not what
`--format` said, or not a format exitplan reads, gets an error that names what it looks
like or what is read."""

from __future__ import annotations

from collections.abc import KeysView
from pathlib import Path
from typing import Any

from exitplan.errors import InputError

# Every format exitplan reads, named as users know it.
NAMES = {
    "terraform": "Terraform or OpenTofu state (state pull, .tfstate, show -json)",
    "aws-config": "an AWS Config snapshot or configservice output",
    "az": "Azure CLI output (az resource list, az graph query)",
    "gcloud": "gcloud asset search-all-resources output",
    "gcloud-list": "gcloud asset list output",
    "csv": "CSV with a header of provider,account,region,type,id,...",
}


# `terraform show -json` of a state or a plan, and what its top level may hold.
_SHOWN = {"values", "terraform_version", "planned_values", "resource_changes", "prior_state"}
_STATE = {"resources", "modules", "lineage", "encryption_version", "encrypted_data"}


def detect(path: Path, document: Any) -> str | None:
    if isinstance(document, dict):
        return _detect_object(document.keys())
    if isinstance(document, list):
        return _detect_list(document)
    return None


def _detect_object(keys: KeysView[Any]) -> str | None:
    if _STATE & keys and ("version" in keys or "encryption_version" in keys):
        return "terraform"  # v3 and older, and encrypted states, are refused by name
    if "format_version" in keys and (_SHOWN & keys or len(keys) == 1):
        return "terraform"  # an empty state shows as {"format_version": "1.0"}
    if "configurationItems" in keys or "baseConfigurationItems" in keys:
        return "aws-config"
    if "data" in keys and ("skip_token" in keys or "count" in keys):
        return "az"
    return None


def _detect_list(document: list[Any]) -> str | None:
    # Any record tells: the first may be the one that lacks its id or type.
    for record in document:
        if not isinstance(record, dict):
            continue
        if str(record.get("id", "")).lower().startswith("/subscriptions/"):
            return "az"
        if "assetType" in record or "asset_type" in record:
            # `asset list` gives assets (resource, ancestors); search gives results.
            listed = "resource" in record or "ancestors" in record or "iamPolicy" in record
            return "gcloud-list" if listed else "gcloud"
    return None


def chosen(path: Path, document: Any, asked: str | None) -> str:
    """The format to read `path` as: the one asked for, if the content agrees."""
    found = detect(path, document)
    if asked is not None and found is not None and found != asked:
        raise InputError(
            f"{path}: --format {asked}, but the file looks like {NAMES[found]}",
            f"use --format {found}, or leave --format out",
        )
    kind = asked or found
    if kind is None and document == []:
        raise InputError(
            f"{path}: an empty list, as az and gcloud print when there is nothing to list",
            "give --format az, gcloud or gcloud-list to import it as an empty inventory",
        )
    if kind is None:
        raise InputError(
            f"{path}: not a format exitplan imports ({_shape(document)})",
            "formats: " + "; ".join(f"{k}: {v}" for k, v in NAMES.items()),
        )
    return kind


def _shape(document: Any) -> str:
    """What the top level holds, in words, never its values."""
    if isinstance(document, dict):
        keys = sorted(document)
        shown = ", ".join(keys[:6]) + (", ..." if len(keys) > 6 else "")
        return f"a JSON object with keys {shown}" if keys else "an empty JSON object"
    if isinstance(document, list):
        kinds = sorted({_JSON_TYPES.get(type(item), "value") for item in document})
        return f"a JSON list of {' and '.join(kinds)}s"
    return f"a JSON {_JSON_TYPES.get(type(document), 'value')} at the top level"


_JSON_TYPES = {
    dict: "object",
    list: "list",
    str: "string",
    int: "number",
    float: "number",
    bool: "boolean",
    type(None): "null",
}
