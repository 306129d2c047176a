"""A Cloud Asset search result as a Resource: read from the protobuf message itself, and of
its Struct fields only what the attribute table of the type needs.

Turning a whole result into a dict (MessageToDict) costs more CPU than the rest of the scan;
most types keep no attribute, and the versioned resource can be large."""

from __future__ import annotations

from typing import Any

from google.protobuf.json_format import MessageToDict
from pydantic import ValidationError

from connectors.attributes import Unreadable, fault, read
from connectors.toolkit import Gaps
from exitplan.errors import RecordError
from exitplan.i18n import N_, _
from exitplan.model import RelationKind, Resource, Scalar

from .relations import related
from .types import ASSET_TYPES, Kind

GAPS = Gaps("gcp")
_REPORT = N_("Cloud Asset answered with a malformed record; rerun with --debug and report it")


def to_resource(result: Any, where: str, numbers: dict[str, str], project: str) -> Resource:
    """`result` is a ResourceSearchResult protobuf; `numbers` maps project numbers to ids."""
    name, kind = result.name, result.asset_type
    if not name or not kind:
        missing = "name" if not name else "assetType"
        # Only the field names: a record's text can hold descriptions and labels.
        present = ", ".join(sorted(f.json_name for f, _ in result.ListFields())) or _("none")
        raise RecordError(
            _("gcp {where}: no {missing} (fields present: {present})").format(
                where=where, missing=missing, present=present
            ),
            _(_REPORT),
        )
    number = result.project.removeprefix("projects/")
    known = ASSET_TYPES.get(kind)
    attributes, relations = _read(result, known, f"{where} ({name})") if known else ({}, None)
    try:
        return Resource(
            provider="gcp",
            account=numbers.get(number, project),
            region=result.location or "global",
            type=kind,
            id=name,
            name=result.display_name or name.rsplit("/", 1)[-1],
            tags=dict(sorted(result.labels.items())),
            attributes=attributes,
            relations=relations,
        )
    except ValidationError as exc:
        raise RecordError(
            _("gcp {where} ({name}): {fault}").format(where=where, name=name, fault=fault(exc)),
            _(_REPORT),
        ) from None


def _read(
    result: Any, known: Kind, where: str
) -> tuple[dict[str, Scalar], dict[RelationKind, list[str]] | None]:
    """The attributes the table keeps of a result, and the relations it states."""
    versions = list(result.versioned_resources)
    chosen = next((v for v in versions if v.version == known.version), None)
    if chosen is None and versions:
        chosen = versions[0]  # an unexpected version: its fields are still the best guess
    data = {
        "resource": MessageToDict(chosen.resource) if chosen is not None else None,
        "extra": MessageToDict(result.additional_attributes),
    }
    try:
        return (
            read(known.attributes, data, result.asset_type),
            related(known.relations, data, result.name),
        )
    except Unreadable as exc:
        # The value's type, never the value: it ends up in the inventory's gaps.
        raise RecordError(
            _("gcp {where}: {exc}").format(where=where, exc=exc), _(_REPORT)
        ) from None
