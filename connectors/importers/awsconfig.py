"""AWS Config: snapshot files as delivered to S3 (`configurationItems`, `awsAccountId`,
`ARN`) and the API's shape (`aws configservice get-resource-config-history` or
`batch-get-resource-config`: `arn`, `accountId`, `configuration` as a JSON string).
Config names types as the AWS connector does (`AWS::EC2::Instance`).

A history holds several items per resource, newest first from the API, oldest first in S3
ConfigHistory files and with `--chronological-order Forward`: the item captured last
describes the resource, and a resource whose last item says it is gone is skipped. Of
`configuration`, only the attributes named below are kept."""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from connectors.attributes import Attr, Unreadable, fault, licence_model, read
from connectors.paths import compiled, search
from exitplan.errors import InputError
from exitplan.i18n import N_, _
from exitplan.model import RelationKind, Resource

from .files import loads
from .found import File, Found, sourced

_GONE = ("ResourceDeleted", "ResourceDeletedNotRecorded", "ResourceNotRecorded")
_CAPTURED = ("configurationItemCaptureTime", "ConfigurationItemCaptureTime")
_CHECK = N_("check the file")
# Config's `configuration` is the service's describe output in camelCase.
ATTRIBUTES: dict[str, Mapping[str, Attr]] = {
    "AWS::EC2::Instance": {
        "instance_type": Attr("instanceType"),
        "state": Attr("state.name"),
        "platform": Attr("platformDetails"),
    },
    "AWS::EC2::Volume": {"size_bytes": Attr("size", "GiB"), "volume_type": Attr("volumeType")},
    "AWS::RDS::DBInstance": {
        "engine": Attr("lower(engine)"),
        "engine_version": Attr("engineVersion"),
        "instance_type": Attr("dBInstanceClass"),
        "size_bytes": Attr("allocatedStorage", "GiB"),
        "multi_az": Attr("multiAZ", "bool"),
        # Config states no relation to a read replica's source, only its identifier.
        "read_replica_source": Attr("readReplicaSourceDBInstanceIdentifier"),
        "license_model": licence_model("licenseModel"),
    },
    "AWS::RDS::DBCluster": {
        "engine": Attr("lower(engine)"),
        "engine_version": Attr("engineVersion"),
    },
    "AWS::Lambda::Function": {
        "runtime": Attr("runtime"),
        "memory_mib": Attr("memorySize", "int"),
    },
    "AWS::DynamoDB::Table": {
        "item_count": Attr("itemCount", "int"),
        "size_bytes": Attr("tableSizeBytes", "int"),
    },
    "AWS::EKS::Cluster": {"engine_version": Attr("version")},
    "AWS::ElastiCache::CacheCluster": {
        "engine": Attr("lower(engine)"),
        "engine_version": Attr("engineVersion"),
        "instance_type": Attr("cacheNodeType"),
        "node_count": Attr("numCacheNodes", "int"),
    },
}


# Config's relationship names (its resource reference's words, compared without regard to
# case) that state one of the inventory's relations, whatever type states them.
RELATIONSHIPS: dict[str, RelationKind] = {
    "is attached to instance": "attached_to",
    "is contained in subnet": "member_of",
    "is contained in vpc": "member_of",
}
# Words that state a relation only for some types, or another kind for them.
TYPE_RELATIONSHIPS: dict[str, dict[str, RelationKind]] = {
    "AWS::EC2::EIP": {"is attached to networkinterface": "attached_to"},
    "AWS::EC2::NatGateway": {"is contained in subnet": "uses"},
    "AWS::ElasticLoadBalancing::LoadBalancer": {"is associated with instance": "uses"},
}
# Where each spelling keeps the relationship's name: S3 snapshots, then the API.
_NAMES = ("name", "relationshipName")


def items(document: Any) -> list[Any] | None:
    if not isinstance(document, dict):
        return None
    found = document.get("configurationItems", document.get("baseConfigurationItems"))
    return found if isinstance(found, list) else None


def imported(file: File) -> Found:
    return Found(sourced(file, resources(file.path, file.document())))


def resources(path: Path, document: Any) -> list[Resource]:
    listed = items(document)
    if listed is None:
        raise InputError(
            _("{path}: an AWS Config file holds `configurationItems`").format(path=path),
            _("give a snapshot as delivered to S3, or aws configservice output"),
        )
    # Per resource, the item captured last, and where it is in the file.
    latest: dict[tuple[str, str], tuple[tuple[float, int], int]] = {}
    undated: dict[tuple[str, str], int] = {}
    for index, item in enumerate(listed):
        where = f"{path}: configurationItems[{index}]"
        if not isinstance(item, dict):
            raise InputError(_("{where} is not an object").format(where=where), _(_CHECK))
        key = _key(item, where)
        order = _order(item, where)
        if order is None:
            undated.setdefault(key, index)
        held = latest.get(key)
        if held is None:
            latest[key] = (order or (float("-inf"), -1), index)
            continue
        if key in undated:
            first = min(undated[key], held[1])
            raise InputError(
                _(
                    "{path}: configurationItems[{first}] and [{index}] are the same "
                    "resource ({type} {id}), and not both say when they were captured"
                ).format(path=path, first=first, index=index, type=key[0], id=key[1]),
                _("give items with configurationItemCaptureTime, as Config writes them"),
            )
        if order is not None and order > held[0]:
            latest[key] = (order, index)
    arns = _stated_arns(listed)
    found: dict[str, Resource] = {}
    for _when, index in sorted(latest.values(), key=lambda held: held[1]):
        item = listed[index]
        if item.get("configurationItemStatus") in _GONE:
            continue
        resource = _resource(item, f"{path}: configurationItems[{index}]", arns)
        found.setdefault(resource.id, resource)
    return list(found.values())


def _key(item: dict[str, Any], where: str) -> tuple[str, str]:
    kind, rid = item.get("resourceType"), item.get("resourceId")
    if not isinstance(kind, str) or not kind:
        raise InputError(_("{where} has no resourceType").format(where=where), _(_CHECK))
    if not isinstance(rid, str) or not rid:
        raise InputError(_("{where} has no resourceId").format(where=where), _(_CHECK))
    return kind, rid


def _order(item: dict[str, Any], where: str) -> tuple[float, int] | None:
    """When the item was captured (seconds since the epoch), then Config's own sequence
    number for items of one resource captured in the same instant."""
    field = next((f for f in _CAPTURED if item.get(f) not in (None, "")), None)
    if field is None:
        return None
    when = _seconds(item[field])
    if when is None:
        raise InputError(
            _("{where}: {field} is not a time (found a {name})").format(
                where=where, field=field, name=type(item[field]).__name__
            ),
            _(
                "Config writes an ISO 8601 time (2026-11-01T10:00:00.000Z) or, "
                "from the CLI, seconds since 1970"
            ),
        )
    state = item.get("configurationStateId")
    sequence = int(state) if isinstance(state, (int, str)) and str(state).isdecimal() else -1
    return when, sequence


def _seconds(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    if not isinstance(value, str):
        return None
    try:
        seconds = float(value)  # the CLI's epoch format, quoted by some tools
    except ValueError:
        pass
    else:
        return seconds if math.isfinite(seconds) else None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.timezone.utc)
    return parsed.timestamp()


def _resource(item: dict[str, Any], where: str, arns: dict[tuple[str, str], str]) -> Resource:
    kind, rid = _key(item, where)
    account = item.get("awsAccountId") or item.get("accountId")
    if not account:
        raise InputError(
            _("{where} ({rid}) names no account").format(where=where, rid=rid), _("check the file")
        )
    region = str(item.get("awsRegion") or "global")
    arn = item.get("ARN") or item.get("arn") or _arn(kind, rid, str(account), region, where)
    configuration = item.get("configuration")
    if isinstance(configuration, str):  # the API gives it as JSON text
        try:
            configuration = loads(configuration, f"{where} ({rid}): configuration")
        except json.JSONDecodeError as exc:
            raise InputError(
                _("{where} ({rid}): configuration is not JSON: {exc}").format(
                    where=where, rid=rid, exc=exc
                ),
                _("check the file"),
            ) from None
    try:
        attributes = read(ATTRIBUTES.get(kind, {}), configuration or {}, kind)
    except Unreadable as exc:
        # The type, never the value: a configuration can hold what must not be shown.
        raise InputError(
            _("{where} ({rid}): configuration: {exc}").format(where=where, rid=rid, exc=exc),
            _(_CHECK),
        ) from None
    try:
        return Resource(
            provider="aws",
            account=str(account),
            region=region,
            type=kind,
            id=str(arn),
            name=str(item.get("resourceName") or rid),
            tags=_tags(item.get("tags"), f"{where} ({rid})"),
            attributes=attributes,
            relations=_relations(item, str(account), region, f"{where} ({rid})", arns),
        )
    except ValidationError as exc:
        raise InputError(f"{where} ({rid}): {fault(exc)}", _(_CHECK)) from None


def _stated_arns(listed: list[Any]) -> dict[tuple[str, str], str]:
    """The ARN each item of the file states, by type and resourceId: what a relationship,
    which names its target by type and resourceId only, resolves to first."""
    arns: dict[tuple[str, str], str] = {}
    for item in listed:
        arn = item.get("ARN") or item.get("arn")
        kind, rid = item.get("resourceType"), item.get("resourceId")
        if isinstance(arn, str) and isinstance(kind, str) and isinstance(rid, str):
            arns.setdefault((kind, rid), arn)
    return arns


def _relations(
    item: dict[str, Any],
    account: str,
    region: str,
    where: str,
    arns: dict[tuple[str, str], str],
) -> dict[RelationKind, list[str]] | None:
    """The relations the item's relationships state, by their targets' ARNs: the one the
    file gives the target, else the one its resourceId builds as the item's own is built.
    A target named by its name only (an IAM role), or of a type exitplan cannot build an
    ARN for, is left out: a wrong id is worse than none."""
    listed = item.get("relationships")
    if listed is None:
        return None
    if not isinstance(listed, list) or not all(isinstance(r, dict) for r in listed):
        raise InputError(
            _("{where}: relationships are not a list of objects").format(where=where),
            _(_CHECK),
        )
    own = TYPE_RELATIONSHIPS.get(str(item.get("resourceType")), {})
    found: dict[RelationKind, list[str]] = {}
    for relationship in listed:
        words = next((relationship[n] for n in _NAMES if relationship.get(n)), None)
        words = words.lower() if isinstance(words, str) else ""
        kind = own.get(words) or RELATIONSHIPS.get(words)
        target = _target(relationship, arns, (account, region, where)) if kind else None
        if kind and target:
            found.setdefault(kind, []).append(target)
    return found or None


def _target(
    relationship: dict[str, Any], arns: dict[tuple[str, str], str], place: tuple[str, str, str]
) -> str | None:
    """A relationship's target's ARN; `place` is the stating item's account, region and
    place in the file."""
    kind, rid = relationship.get("resourceType"), relationship.get("resourceId")
    if not isinstance(kind, str) or not isinstance(rid, str) or not rid:
        return None
    if rid.startswith("arn:"):
        return rid
    stated = arns.get((kind, rid))
    if stated is not None or kind not in _templates():
        return stated
    return _arn(kind, rid, *place)


def _tags(found: Any, where: str) -> dict[str, str]:
    """A snapshot's `{key: value}`, or the `[{key, value}]` / `[{Key, Value}]` that the API
    and some tools write. Anything else is refused, not guessed at."""
    if found is None:
        return {}
    if isinstance(found, dict):
        pairs = list(found.items())
    elif isinstance(found, list) and all(isinstance(t, dict) for t in found):
        pairs = [(t.get("key", t.get("Key")), t.get("value", t.get("Value", ""))) for t in found]
    else:
        shape = type(found).__name__
        if isinstance(found, list):
            shape = "list of " + ", ".join(sorted({type(t).__name__ for t in found}))
        raise InputError(
            _("{where}: tags are a {shape}, not an object or a list of key/value pairs").format(
                where=where, shape=shape
            ),
            _('Config writes tags as {"key": "value"}; check the file'),
        )
    tags = {}
    for key, value in pairs:
        if key is None or isinstance(key, (dict, list)) or isinstance(value, (dict, list)):
            raise InputError(
                _("{where}: a tag is not a key and a text value").format(where=where), _(_CHECK)
            )
        tags[str(key)] = "" if value is None else str(value)
    return dict(sorted(tags.items()))


_CONTEXT = re.compile(r"\$(account|region|partition)")
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
_PARTITIONS = (
    ("cn-", "aws-cn"),
    ("us-gov-", "aws-us-gov"),
    ("us-iso-", "aws-iso"),
    ("us-isob-", "aws-iso-b"),
)


@functools.cache
def _templates() -> dict[str, str]:
    """The AWS connector's id (ARN) template of each type it lists, where that template
    builds the ARN around one listed field rather than copying an ARN the API gave."""
    from connectors.aws.types import SPECS, Spec, placeholders

    def walk(specs: tuple[Spec, ...]) -> list[Spec]:
        return [s for spec in specs for s in (spec, *walk(spec.children))]

    found: dict[str, str] = {}
    for spec in walk(SPECS):
        if len(placeholders(spec.id)) == 1 and not spec.id.startswith("{"):
            found.setdefault(spec.type, spec.id)
    return found


def _arn(kind: str, rid: str, account: str, region: str, where: str) -> str:
    """The ARN the AWS connector gives the resource, built from Config's resourceId: the
    id a scan gives it, so that imported and scanned resources are one."""
    template = _templates().get(kind)
    if template is None:
        raise InputError(
            _(
                "{where} ({kind} {rid}) has no ARN, and exitplan knows no ARN "
                "format for {kind} to build one from its resourceId"
            ).format(where=where, kind=kind, rid=rid),
            _("give the items with their ARN (`ARN` in a snapshot, `arn` from the API)"),
        )
    partition = next((p for prefix, p in _PARTITIONS if region.startswith(prefix)), "aws")
    known = {"account": account, "region": region, "partition": partition}
    text = _CONTEXT.sub(lambda m: known[m.group(1)], template)
    (path,) = _PLACEHOLDER.findall(text)
    # The listed field the template reads (InstanceId, a queue's URL, ...) is Config's
    # resourceId; every field the path names is given it.
    value = search(path, {field: rid for field in _fields(compiled(path).parsed)})
    if not isinstance(value, str) or not value:
        raise InputError(
            _("{where} ({kind} {rid}) has no ARN, and none can be built").format(
                where=where, kind=kind, rid=rid
            ),
            _(_CHECK),
        )
    return text.replace("{" + path + "}", value)


def _fields(node: Any) -> set[str]:
    if isinstance(node, dict):
        own = {node["value"]} if node.get("type") == "field" else set()
        return own.union(*(_fields(child) for child in node.get("children", [])))
    return set()
