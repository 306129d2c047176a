"""Terraform instances as Resources: the native type from the table, and the account,
region and id a live scan would give, read from ARNs, ARM ids and Google's fields.

An AWS resource whose ARN names no account (S3 buckets) takes the account and region that
other resources of the same provider configuration show; where none does, it is recorded
as `unknown` and counted, so the gap is visible rather than guessed."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from connectors.attributes import convert
from connectors.paths import search
from exitplan.errors import InputError
from exitplan.model import Resource, Scalar

from .terraform import Instance
from .tftypes import TF_TYPES

UNKNOWN = "unknown"
CLOUDS = {"aws": "aws", "azurerm": "azure", "google": "gcp", "google-beta": "gcp"}
_ARM_SUBSCRIPTION = re.compile(r"^/subscriptions/([^/]+)", re.IGNORECASE)
_ARM_GROUP = re.compile(r"/resourceGroups/([^/]+)", re.IGNORECASE)
_SELF_LINK = re.compile(r"^https://(?:www\.)?([a-z0-9-]+)\.googleapis\.com/[^/]+/v[^/]+/(.*)$")


@dataclass
class Converted:
    resources: list[Resource] = field(default_factory=list)
    other_providers: Counter[str] = field(default_factory=Counter)  # random, tls, helm, ...
    without_account: int = 0


def convert_all(instances: Iterable[Instance], source: str) -> Converted:
    cloud = [i for i in instances]
    out = Converted()
    known = _aws_places(cloud)
    for instance in cloud:
        provider = CLOUDS.get(instance.provider)
        if provider is None:
            out.other_providers[instance.provider] += 1
            continue
        resource = _resource(instance, provider, known, source)
        if resource.account == UNKNOWN:
            out.without_account += 1
        out.resources.append(resource)
    return out


def _arn(value: Any) -> tuple[str, str] | None:
    """(account, region) of an ARN; either may be empty (S3, IAM)."""
    if not isinstance(value, str) or not value.startswith("arn:"):
        return None
    parts = value.split(":", 5)
    return (parts[4], parts[3]) if len(parts) == 6 else None


def _aws_places(instances: list[Instance]) -> dict[str, tuple[str, str]]:
    """Per provider configuration, the account and region its ARNs show most often."""
    accounts: dict[str, Counter[str]] = {}
    regions: dict[str, Counter[str]] = {}
    for instance in instances:
        found = _arn(instance.attributes.get("arn"))
        if instance.provider != "aws" or found is None:
            continue
        account, region = found
        if account:
            accounts.setdefault(instance.config, Counter())[account] += 1
        if region:
            regions.setdefault(instance.config, Counter())[region] += 1
    configs = set(accounts) | set(regions)
    return {
        c: (
            _most(accounts.get(c)),
            _most(regions.get(c)),
        )
        for c in configs
    }


def _most(counter: Counter[str] | None) -> str:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if counter else ""


def _resource(
    instance: Instance, provider: str, known: dict[str, tuple[str, str]], source: str
) -> Resource:
    attrs = instance.attributes
    spec = TF_TYPES.get(instance.type)
    native = spec.native if spec else instance.type
    attributes: dict[str, Scalar] = {}
    if spec is not None:
        for name, attr in spec.attributes.items():
            try:
                value = convert(search(attr.path, attrs), attr, instance.type, name)
            except (TypeError, ValueError) as exc:
                raise InputError(
                    f"{source}: {instance.address}: attribute {name} has an unexpected value "
                    f"({exc})",
                    "check the state file; report it if Terraform wrote it so",
                ) from exc
            if value is not None:
                attributes[name] = value
    if instance.tainted:
        attributes["terraform_tainted"] = True
    attributes["terraform_address"] = instance.address
    account, region, rid, group = _place(instance, provider, native, known)
    name = attrs.get("name") or attrs.get("bucket") or rid.rstrip("/").rsplit("/", 1)[-1]
    tags = attrs.get("tags") if provider != "gcp" else attrs.get("labels")
    return Resource(
        provider=provider,
        account=account or UNKNOWN,
        region=(region or "global").lower(),
        type=native,
        id=rid,
        name=str(name),
        resource_group=group,
        tags={str(k): str(v) for k, v in sorted((tags or {}).items())}
        if isinstance(tags, dict)
        else {},
        attributes=attributes,
    )


def _place(
    instance: Instance, provider: str, native: str, known: dict[str, tuple[str, str]]
) -> tuple[str, str, str, str | None]:
    """Account, region, id and resource group, as the live connector would give them."""
    attrs = instance.attributes
    raw_id = str(attrs.get("id") or instance.address)
    if provider == "aws":
        arn = attrs.get("arn")
        account, region = _arn(arn) or ("", "")
        default_account, default_region = known.get(instance.config, ("", ""))
        region = region or str(attrs.get("region") or "") or default_region
        return account or default_account, region, str(arn or raw_id), None
    if provider == "azure":
        arm = next(
            (
                v
                for v in (attrs.get("id"), *attrs.values())
                if isinstance(v, str) and _ARM_SUBSCRIPTION.match(v)
            ),
            "",
        )
        found = _ARM_SUBSCRIPTION.match(arm)
        group = _ARM_GROUP.search(arm)
        location = str(attrs.get("location") or "").replace(" ", "").lower()
        subscription = found.group(1).lower() if found else ""
        return subscription, location, raw_id, group.group(1) if group else None
    project = str(attrs.get("project") or "")
    region = str(attrs.get("region") or attrs.get("zone") or attrs.get("location") or "")
    link = _SELF_LINK.match(str(attrs.get("self_link") or ""))
    service = native.split("/", 1)[0]
    # Cloud Asset names resources `//SERVICE/PATH`: Compute's self links hold the path,
    # other services' ids are the path.
    rid = f"//{link.group(1)}.googleapis.com/{link.group(2)}" if link else f"//{service}/{raw_id}"
    return project, region, rid, None
