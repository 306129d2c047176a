"""AWS Config: snapshot files as delivered to S3 (`configurationItems`, `awsAccountId`,
`ARN`) and the API's shape (`aws configservice get-resource-config-history` or
`batch-get-resource-config`: `arn`, `accountId`, `configuration` as a JSON string).
Config names types as the AWS connector does (`AWS::EC2::Instance`). Deleted items are
skipped; of `configuration`, only the attributes named below are kept."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from connectors.attributes import Attr, convert
from connectors.paths import search
from exitplan.errors import InputError
from exitplan.model import Resource, Scalar

_DELETED = ("ResourceDeleted", "ResourceDeletedNotRecorded")
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


def items(document: Any) -> list[Any] | None:
    if not isinstance(document, dict):
        return None
    found = document.get("configurationItems", document.get("baseConfigurationItems"))
    return found if isinstance(found, list) else None


def resources(path: Path, document: Any) -> list[Resource]:
    listed = items(document)
    if listed is None:
        raise InputError(
            f"{path}: an AWS Config file holds `configurationItems`",
            "give a snapshot as delivered to S3, or aws configservice output",
        )
    found: dict[str, Resource] = {}
    for index, item in enumerate(listed):
        where = f"{path}: configurationItems[{index}]"
        if not isinstance(item, dict):
            raise InputError(f"{where} is not an object", "check the file")
        if item.get("configurationItemStatus") in _DELETED:
            continue
        resource = _resource(item, where)
        found.setdefault(resource.id, resource)
    return list(found.values())


def _resource(item: dict[str, Any], where: str) -> Resource:
    kind, rid = item.get("resourceType"), item.get("resourceId")
    if not isinstance(kind, str) or not kind or not isinstance(rid, str) or not rid:
        missing = "resourceType" if not isinstance(kind, str) or not kind else "resourceId"
        raise InputError(f"{where} has no {missing}", "check the file")
    account = item.get("awsAccountId") or item.get("accountId")
    if not account:
        raise InputError(f"{where} ({rid}) names no account", "check the file")
    arn = item.get("ARN") or item.get("arn")
    configuration = item.get("configuration")
    if isinstance(configuration, str):  # the API gives it as JSON text
        try:
            configuration = json.loads(configuration)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"{where} ({rid}): configuration is not JSON: {exc}", "check the file"
            ) from None
    attributes: dict[str, Scalar] = {}
    for name, attr in ATTRIBUTES.get(kind, {}).items():
        try:
            value = convert(search(attr.path, configuration or {}), attr, kind, name)
        except (TypeError, ValueError) as exc:
            raise InputError(
                f"{where} ({rid}): {name} cannot be read: {exc}", "check the file"
            ) from None
        if value is not None:
            attributes[name] = value
    tags = item.get("tags") or {}
    if isinstance(tags, list):  # some tools write [{key, value}]
        tags = {t.get("key") or t.get("Key"): t.get("value") or t.get("Value") for t in tags}
    return Resource(
        provider="aws",
        account=str(account),
        region=str(item.get("awsRegion") or "global"),
        type=kind,
        id=str(arn or rid),
        name=str(item.get("resourceName") or rid),
        tags={str(k): str(v) for k, v in sorted(tags.items()) if k is not None},
        attributes=attributes,
    )
