"""The formats exitplan imports, one registration each (a new format is a module with a
reader and an entry in FORMATS), and which one a handed-over file is in, told from its
content. A file that is not what `--format` said, or not a format exitplan reads, gets an
error that names what it looks like or what is read."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from exitplan.errors import InputError
from exitplan.i18n import N_, _

from .found import File, Found

Detect = Callable[[dict[str, Any]], bool]


@dataclass(frozen=True)
class Format:
    """A format exitplan imports. `document` tells it from a JSON object at the top of a
    file, `record` from a record of a JSON list (the first record that tells decides),
    `named` from the file's name, before it is read as JSON: a format with `named` is not
    JSON. `source` is what the inventory records it was made from."""

    name: str
    description: str  # as users know it; a message of the catalogue, marked with N_()
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
            N_("Terraform or OpenTofu state (state pull, .tfstate, show -json)"),
            "terraform-state",
            _reader(".tfimport"),
            document=_terraform,
        ),
        Format(
            "aws-config",
            N_("an AWS Config snapshot or configservice output"),
            "aws-config",
            _reader(".awsconfig"),
            document=lambda d: "configurationItems" in d or "baseConfigurationItems" in d,
        ),
        Format(
            "az",
            N_("Azure CLI output (az resource list, az graph query)"),
            "az-cli",
            _reader(".azcli"),
            document=lambda d: "data" in d and ("skip_token" in d or "count" in d),
            record=lambda r: str(r.get("id", "")).lower().startswith("/subscriptions/"),
        ),
        Format(
            "gcloud",
            N_("gcloud asset search-all-resources output"),
            "gcloud-asset",
            _reader(".gcloud"),
            record=lambda r: _asset(r) and not _listed(r),
        ),
        Format(
            "gcloud-list",
            N_("gcloud asset list output"),
            "gcloud-asset",
            _reader(".gcloud", "imported_list"),
            record=lambda r: _asset(r) and _listed(r),
        ),
        Format(
            "csv",
            N_("CSV with a header of provider,account,region,type,id,..."),
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
        raise InputError(
            _("--format {asked}: unknown").format(asked=asked),
            _("formats: {names}").format(names=", ".join(FORMATS)),
        )
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
            _("{path}: --format {asked}, but the file looks like {description}").format(
                path=path, asked=asked, description=_(found.description)
            ),
            _("use --format {name}, or leave --format out").format(name=found.name),
        )
    if asked is not None:
        return named(asked)
    if found is None and document == []:
        raise InputError(
            _("{path}: an empty list, as az and gcloud print when there is nothing to list").format(
                path=path
            ),
            _("give --format {names} to import it as an empty inventory").format(
                names=_either(f.name for f in FORMATS.values() if f.record)
            ),
        )
    if found is None:
        described = _("{name}: {description}")
        raise InputError(
            _("{path}: not a format exitplan imports ({shape})").format(
                path=path, shape=_shape(document)
            ),
            _("formats: {names}").format(
                names="; ".join(
                    described.format(name=f.name, description=_(f.description))
                    for f in FORMATS.values()
                )
            ),
        )
    return found


def _either(names: Iterable[str]) -> str:
    """a, b or c"""
    listed = list(names)
    if len(listed) < 2:
        return "".join(listed)
    return _("{listed} or {last}").format(listed=", ".join(listed[:-1]), last=listed[-1])


def help_text() -> str:
    """What `--format` says it takes."""
    return _("{formats}; default: from the file.").format(formats=_either(FORMATS))


def _shape(document: Any) -> str:
    """What the top level holds, in words, never its values."""
    if isinstance(document, dict):
        keys = sorted(document)
        shown = ", ".join(keys[:6]) + (", ..." if len(keys) > 6 else "")
        if not keys:
            return _("an empty JSON object")
        return _("a JSON object with keys {keys}").format(keys=shown)
    if isinstance(document, list):
        # Sorted by the English word, so that the order does not change with the language.
        kinds = [_(k) for k in sorted({_JSON_KINDS.get(type(item), _VALUES) for item in document})]
        both = _("{kinds} and {kind}")
        listed = functools.reduce(lambda a, b: both.format(kinds=a, kind=b), kinds or [""])
        return _("a JSON list of {kinds}").format(kinds=listed)
    kind = _JSON_TYPES.get(type(document), _VALUE)
    return _("a JSON {kind} at the top level").format(kind=_(kind))


_VALUE, _VALUES = N_("value"), N_("values")
_JSON_TYPES = {
    dict: N_("object"),
    list: N_("list"),
    str: N_("string"),
    int: N_("number"),
    float: N_("number"),
    bool: N_("boolean"),
    type(None): N_("null"),
}
_JSON_KINDS = {
    dict: N_("objects"),
    list: N_("lists"),
    str: N_("strings"),
    int: N_("numbers"),
    float: N_("numbers"),
    bool: N_("booleans"),
    type(None): N_("nulls"),
}
