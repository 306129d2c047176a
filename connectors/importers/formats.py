"""The formats exitplan imports, one registration each (a new format is a module with a
reader and an entry in FORMATS), and which one a handed-over file is in, told from its
content. A file that is not what `--format` said, or not a format exitplan reads, gets an
error that names what it looks like or what is read."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from exitplan.errors import InputError

from .found import File, Found

Detect = Callable[[dict[str, Any]], bool]


@dataclass(frozen=True)
class Format:
    """A format exitplan imports. `document` tells it from a JSON object at the top of a
    file, `record` from a record of a JSON list (the first record that tells decides),
    `named` from the file's name, before it is read as JSON: a format with `named` is not
    JSON. `source` is what the inventory records it was made from."""

    name: str
    description: str  # as users know it
    source: str
    read: Callable[[File], Found]
    document: Detect | None = None
    record: Detect | None = None
    named: Callable[[str], bool] | None = None


def _reader(module: str, function: str = "imported") -> Callable[[File], Found]:
    """Each reader is imported when its format is met: the Azure and Google SDKs behind
    two of them take longer to load than a small state takes to read."""

    def read(file: File) -> Found:
        imported: Callable[[File], Found] = getattr(import_module(module, __package__), function)
        return imported(file)

    return read


# `terraform show -json` of a state or a plan, and what its top level may hold.
_SHOWN = {"values", "terraform_version", "planned_values", "resource_changes", "prior_state"}
_STATE = {"resources", "modules", "lineage", "encryption_version", "encrypted_data"}


def _terraform(document: dict[str, Any]) -> bool:
    keys = document.keys()
    if _STATE & keys and ("version" in keys or "encryption_version" in keys):
        return True  # v3 and older, and encrypted states, are refused by name
    return "format_version" in keys and (bool(_SHOWN & keys) or len(keys) == 1)


def _asset(record: dict[str, Any]) -> bool:
    return "assetType" in record or "asset_type" in record


def _listed(record: dict[str, Any]) -> bool:
    """`asset list` gives assets (resource, ancestors); search gives results."""
    return "resource" in record or "ancestors" in record or "iamPolicy" in record


# Every format exitplan reads, in the order --help names them.
FORMATS = {
    f.name: f
    for f in (
        Format(
            "terraform",
            "Terraform or OpenTofu state (state pull, .tfstate, show -json)",
            "terraform-state",
            _reader(".tfimport"),
            document=_terraform,
        ),
        Format(
            "aws-config",
            "an AWS Config snapshot or configservice output",
            "aws-config",
            _reader(".awsconfig"),
            document=lambda d: "configurationItems" in d or "baseConfigurationItems" in d,
        ),
        Format(
            "az",
            "Azure CLI output (az resource list, az graph query)",
            "az-cli",
            _reader(".azcli"),
            document=lambda d: "data" in d and ("skip_token" in d or "count" in d),
            record=lambda r: str(r.get("id", "")).lower().startswith("/subscriptions/"),
        ),
        Format(
            "gcloud",
            "gcloud asset search-all-resources output",
            "gcloud-asset",
            _reader(".gcloud"),
            record=lambda r: _asset(r) and not _listed(r),
        ),
        Format(
            "gcloud-list",
            "gcloud asset list output",
            "gcloud-asset",
            _reader(".gcloud", "imported_list"),
            record=lambda r: _asset(r) and _listed(r),
        ),
        Format(
            "csv",
            "CSV with a header of provider,account,region,type,id,...",
            "csv",
            _reader(".csvfile"),
            named=lambda name: name.lower().removesuffix(".gz").endswith(".csv"),
        ),
    )
}


def detect(document: Any) -> Format | None:
    if isinstance(document, dict):
        return next((f for f in FORMATS.values() if f.document and f.document(document)), None)
    if isinstance(document, list):
        # Any record tells: the first may be the one that lacks its id or type.
        for record in document:
            if isinstance(record, dict):
                for f in FORMATS.values():
                    if f.record and f.record(record):
                        return f
    return None


def named(asked: str) -> Format:
    """The format `--format` names."""
    if asked not in FORMATS:
        raise InputError(f"--format {asked}: unknown", f"formats: {', '.join(FORMATS)}")
    return FORMATS[asked]


def chosen(file: File, asked: str | None) -> Format:
    """The format to read `file` as: the one asked for, if the content agrees."""
    if asked is not None:
        named(asked)
    for f in FORMATS.values():
        if f.named is not None and (asked == f.name or (asked is None and f.named(file.path.name))):
            return f
    document = file.document()
    found = detect(document)
    path = file.path
    if asked is not None and found is not None and found.name != asked:
        raise InputError(
            f"{path}: --format {asked}, but the file looks like {found.description}",
            f"use --format {found.name}, or leave --format out",
        )
    if asked is not None:
        return named(asked)
    if found is None and document == []:
        raise InputError(
            f"{path}: an empty list, as az and gcloud print when there is nothing to list",
            f"give --format {_either(f.name for f in FORMATS.values() if f.record)} to import "
            "it as an empty inventory",
        )
    if found is None:
        raise InputError(
            f"{path}: not a format exitplan imports ({_shape(document)})",
            "formats: " + "; ".join(f"{f.name}: {f.description}" for f in FORMATS.values()),
        )
    return found


def _either(names: Iterable[str]) -> str:
    """a, b or c"""
    listed = list(names)
    return ", ".join(listed[:-1]) + " or " + listed[-1] if len(listed) > 1 else "".join(listed)


def help_text() -> str:
    """What `--format` says it takes."""
    return f"{_either(FORMATS)}; default: from the file."


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
