"""Which format a handed-over file is in, told from its content. A file that is not what
`--format` said, or not a format exitplan reads, gets an error that names what it looks
like or what is read."""

from __future__ import annotations

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


def detect(path: Path, document: Any) -> str | None:
    if isinstance(document, dict):
        if "resources" in document and ("lineage" in document or "terraform_version" in document):
            return "terraform"
        if "format_version" in document and (
            "values" in document or "terraform_version" in document
        ):
            return "terraform"
        if "version" in document and "resources" in document:
            return "terraform"  # a state without lineage: version 3 and older are refused
        if "configurationItems" in document or "baseConfigurationItems" in document:
            return "aws-config"
        if "data" in document and ("skip_token" in document or "count" in document):
            return "az"
    if isinstance(document, list) and document and isinstance(document[0], dict):
        first = document[0]
        if str(first.get("id", "")).lower().startswith("/subscriptions/"):
            return "az"
        if "assetType" in first or "asset_type" in first:
            # `asset list` gives assets (resource, ancestors); search gives results.
            listed = "resource" in first or "ancestors" in first or "iamPolicy" in first
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
    if kind is None:
        raise InputError(
            f"{path}: not a format exitplan imports",
            "formats: " + "; ".join(f"{k}: {v}" for k, v in NAMES.items()),
        )
    return kind
