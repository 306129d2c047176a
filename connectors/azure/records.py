"""What Azure returns for a resource, checked and turned into a Resource."""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from connectors.attributes import Unreadable, fault, read
from connectors.paths import search
from connectors.toolkit import Gaps, unreadable
from exitplan.errors import RecordError
from exitplan.i18n import N_, _
from exitplan.model import Resource, Scalar

from .relations import Relations, Unstated, stated
from .types import CANONICAL, RESOURCE_GROUP, TYPES, canonical

_GROUP = re.compile(r"/resourceGroups/([^/]+)", re.IGNORECASE)
_REPORT = N_("rerun with --debug and report it")
GAPS = Gaps("azure")


def malformed(record: dict[str, Any], page: int, index: int) -> str | None:
    """What makes a record unusable (no id or no type), naming it by its place in the answer
    and by the fields it has, never their values; None when it has both."""
    missing = [k for k in ("id", "type") if not isinstance(record.get(k), str) or not record[k]]
    if not missing:
        return None
    return unreadable(page, index + 1, missing, map(str, record))


def first_of_each(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One record per resource: ids are case-insensitive, and a resource created while a
    list is paged through can come twice."""
    seen: set[str] = set()
    kept = []
    for record in records:
        key = record["id"].lower()
        if key not in seen:
            seen.add(key)
            kept.append(record)
    return kept


def _spelled_as_in_id(kind: str, rid: str) -> str:
    """Resource Graph gives types in lower case, Resource Manager as registered. For a type
    outside the table, the id keeps the registered spelling (`.../providers/Microsoft.Sql/
    servers/s/databases/d` is Microsoft.Sql/servers/databases), so that a resource has one
    type whichever answered."""
    _before, found, path = rid.rpartition("/providers/")
    if not found:
        return kind
    namespace, *rest = path.split("/")
    spelled = "/".join([namespace, *rest[0::2]])
    return spelled if spelled.lower() == kind.lower() else kind


def _relations(rid: str, kind: str, data: dict[str, Any]) -> Relations | None:
    try:
        return stated(kind, data)
    except Unstated as exc:
        raise RecordError(_("azure {rid}: {exc}").format(rid=rid, exc=exc), _(_REPORT)) from None


def to_resource(sub: str, data: dict[str, Any], extra: dict[str, Scalar]) -> Resource:
    rid = str(data["id"])
    kind = str(data["type"])
    kind = canonical(kind) if kind.lower() in CANONICAL else _spelled_as_in_id(kind, rid)
    attributes: dict[str, Scalar] = {}
    spec = TYPES.get(kind)
    if spec is not None:
        try:
            attributes = read(spec.attributes, data, kind)
        except Unreadable as exc:
            # The value's type, never the value: properties can hold secrets.
            raise RecordError(
                _("azure {rid}: {exc}").format(rid=rid, exc=exc), _(_REPORT)
            ) from None
    elif data.get("kind"):
        attributes["kind"] = str(data["kind"])
    sku = data.get("sku")
    if isinstance(sku, dict) and sku.get("name"):
        attributes.setdefault("sku", str(sku["name"]))
    state = data.get("provisioningState") or search("properties.provisioningState", data)
    if isinstance(state, str) and state:
        attributes["provisioning_state"] = state
    for key, name in (("createdTime", "created_time"), ("changedTime", "changed_time")):
        if isinstance(data.get(key), str):
            attributes[name] = data[key]
    attributes.update(extra)
    group = _GROUP.search(rid)
    # Child resources are named by their path below the parent ("server/db"); the id's
    # last segment is the name in every source.
    name = str(data.get("name") or rid).rsplit("/", 1)[-1]
    tags = data.get("tags") or {}
    if not isinstance(tags, dict):
        raise RecordError(
            _("azure {rid}: tags are a {kind}, not an object of names and values").format(
                rid=rid, kind=type(tags).__name__
            ),
            _('Azure gives tags as {"name": "value"}; check where the record came from'),
        )
    try:
        return Resource(
            provider="azure",
            account=sub,
            region=str(data.get("location") or "global").lower(),
            type=kind,
            id=rid,
            name=name,
            resource_group=group.group(1) if group else (name if kind == RESOURCE_GROUP else None),
            tags={str(k): "" if v is None else str(v) for k, v in sorted(tags.items())},
            attributes=attributes,
            relations=_relations(rid, kind, data),
        )
    except ValidationError as exc:
        raise RecordError(
            _("azure {rid}: {fault}").format(rid=rid, fault=fault(exc)), _(_REPORT)
        ) from None
