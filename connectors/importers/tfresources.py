"""Terraform instances as Resources: the native type, id, name, account and region a live
scan would give, as the type table (`tftypes`) says to build them.

Only types in the table are imported. Another aws_*, azurerm_* or google_* instance (a policy
attachment, an association, a bucket's versioning) is counted, not imported: many of them
share their id with the resource they belong to and would stand in for it. Instances of
other providers (random, tls, helm) are counted too.

AWS resources are named and placed by `tfaws`: an ARN that names no account (S3 buckets)
takes the one account the other resources of its provider configuration name; where they
name none or several, it is recorded as `unknown` and counted, so the gap is visible rather
than guessed. An AWS instance with no ARN that cannot be built is a gap too."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from connectors.attributes import convert, fault
from connectors.gcp.types import Parsed
from connectors.paths import search
from exitplan.errors import InputError
from exitplan.inventory import identity
from exitplan.model import Provider, Resource, Scalar

from . import tfaws
from .terraform import Instance
from .tfspec import filled, unfilled
from .tftypes import TF_TYPES, TfType

UNKNOWN = "unknown"
CLOUDS: dict[str, Provider] = {
    "aws": "aws",
    "azurerm": "azure",
    "google": "gcp",
    "google-beta": "gcp",
}
_ARM_SUBSCRIPTION = re.compile(r"^/subscriptions/([^/]+)", re.IGNORECASE)
_ARM_GROUP = re.compile(r"/resourceGroups/([^/]+)", re.IGNORECASE)
_GCP_PATH = re.compile(r"/projects/([^/]+)/(?:locations/([^/]+)/)?")
_HINT = "check the state file; report it if Terraform wrote it so"


@dataclass
class Converted:
    resources: list[Resource] = field(default_factory=list)
    # Instances of providers other than aws, azurerm and google, by (provider, type).
    other_providers: Counter[tuple[str, str]] = field(default_factory=Counter)
    # Instances whose id, name or tags would show a sensitive value: (provider, address).
    hidden: list[tuple[Provider, str]] = field(default_factory=list)
    # Cloud providers' instances whose Terraform type has no table entry, by type.
    unmapped: Counter[str] = field(default_factory=Counter)
    # Ids that two instances of the file gave: (id, the addresses); the first was kept.
    repeated: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    without_account: int = 0
    # AWS instances with no ARN in the state and too little to build one: (type, address).
    unnamed: list[tuple[str, str]] = field(default_factory=list)


def convert_all(instances: Iterable[Instance], source: str) -> Converted:
    cloud = list(instances)
    out = Converted()
    known = tfaws.places(cloud)
    addresses: dict[str, list[str]] = {}
    first_ids: dict[str, str] = {}
    for instance in cloud:
        provider = CLOUDS.get(instance.provider)
        if provider is None:
            out.other_providers[(instance.provider, instance.type)] += 1
            continue
        spec = TF_TYPES.get(instance.type)
        if spec is None:
            out.unmapped[instance.type] += 1
            continue
        resource = _resource(instance, spec, known, source)
        if resource is None:
            out.unnamed.append((instance.type, instance.address))
            continue
        if instance.hidden and _shows(resource, instance.hidden):
            out.hidden.append((spec.provider, instance.address))
            continue
        # Azure ids compare without regard to case, as inventories merge them.
        seen = addresses.setdefault(identity(resource)[1], [])
        first_ids.setdefault(identity(resource)[1], resource.id)
        seen.append(instance.address)
        if len(seen) > 1:
            continue
        if resource.account == UNKNOWN:
            out.without_account += 1
        out.resources.append(resource)
    out.repeated = [
        (first_ids[key], tuple(found)) for key, found in addresses.items() if len(found) > 1
    ]
    return out


def _shows(resource: Resource, hidden: frozenset[str]) -> bool:
    """Whether the resource shows a value the state marked sensitive: its id, name, tags or
    an attribute a provider copied it into unmarked (a sensitive bucket name in its ARN)."""
    texts = [resource.id, resource.name, *resource.tags, *resource.tags.values()]
    texts += [
        v for k, v in resource.attributes.items() if isinstance(v, str) and k != "terraform_address"
    ]
    return any(secret in text for text in texts for secret in hidden)


def read_attributes(spec: TfType, attrs: dict[str, Any], where: str) -> dict[str, Scalar]:
    """What the table keeps of an instance's attributes, in our units. An error names the
    attribute and the type of its value, never the value: it may be anything."""
    kept: dict[str, Scalar] = {}
    for name, attr in spec.attributes.items():
        raw = search(attr.path, attrs)
        try:
            if raw is not None and isinstance(attr, Parsed) and attr.parse is not None:
                raw = attr.parse(raw)
            value = convert(raw, attr, spec.native, name)
        except (TypeError, ValueError, ArithmeticError):
            raise InputError(
                f"{where}: attribute {name} ({attr.path}) cannot be read from a value of "
                f"type {type(raw).__name__}",
                _HINT,
            ) from None
        if value is not None:
            kept[name] = value
    return kept


def _resource(
    instance: Instance, spec: TfType, known: tfaws.Places, source: str
) -> Resource | None:
    attrs = instance.attributes
    where = f"{source}: {instance.address}"
    attributes = read_attributes(spec, attrs, where)
    if instance.tainted:
        attributes["terraform_tainted"] = True
    attributes["terraform_address"] = instance.address
    if spec.provider == "aws":
        place = tfaws.placed(instance, spec, known)
        if place is None and not attrs.get("id"):
            raise InputError(f"{where}: no arn and no id: the resource cannot be named", _HINT)
        if place is None:
            return None  # created in part (tainted): a gap, never a bare name as its id
        account, region, rid, group = place.account, place.region, place.arn, None
        if place.account_from is not None:
            attributes["terraform_account_from"] = place.account_from
        tags = attrs.get("tags_all") if isinstance(attrs.get("tags_all"), dict) else None
        tags = tags if tags is not None else attrs.get("tags")
    elif spec.provider == "azure":
        account, region, rid, group = _azure(attrs, where)
        tags = attrs.get("tags")
    else:
        account, region, rid, group = _gcp(attrs, spec, where)
        # As a scan sees them: with the provider's default labels (provider 5 and later).
        tags = attrs.get("effective_labels")
        tags = tags if isinstance(tags, dict) else attrs.get("labels")
    name = search(spec.name, attrs) or attrs.get("name") or rid.rstrip("/").rsplit("/", 1)[-1]
    try:
        return _built(spec, account, region, rid, name, group, tags, attributes, source)
    except ValidationError as exc:
        raise InputError(f"{where}: {fault(exc)}", _HINT) from None


def _built(
    spec: TfType,
    account: str,
    region: str,
    rid: str,
    name: Any,
    group: str | None,
    tags: Any,
    attributes: dict[str, Scalar],
    source: str,
) -> Resource:
    return Resource(
        provider=spec.provider,
        account=account or UNKNOWN,
        region=(region or "global").lower(),
        type=spec.native,
        id=rid,
        name=str(name),
        resource_group=group,
        tags={str(k): str(v) for k, v in sorted(tags.items())} if isinstance(tags, dict) else {},
        attributes=attributes,
        source=source,
    )


def _azure(attrs: dict[str, Any], where: str) -> tuple[str, str, str, str | None]:
    rid = attrs.get("id")
    if not isinstance(rid, str) or not rid:
        raise InputError(f"{where}: no id (the resource's ARM id)", _HINT)
    found = _ARM_SUBSCRIPTION.match(rid)
    group = _ARM_GROUP.search(rid)
    location = str(attrs.get("location") or "").replace(" ", "").lower()
    subscription = found.group(1).lower() if found else ""
    return subscription, location, rid, group.group(1) if group else None


def _gcp(attrs: dict[str, Any], spec: TfType, where: str) -> tuple[str, str, str, str | None]:
    if spec.id is None:
        raise InputError(f"{where}: the table does not say how {spec.native} is named", _HINT)
    rid = _filled(spec.id, attrs, where)
    # A child that records its parent's path, not its project (a KMS key's key_ring), is
    # placed by the path, as Cloud Asset places it.
    in_path = _GCP_PATH.search(rid)
    project = str(attrs.get("project") or (in_path and in_path.group(1)) or "")
    region = str(attrs.get("zone") or attrs.get("region") or attrs.get("location") or "")
    if spec.region is not None:
        region = str(search(spec.region, attrs) or "")
    elif not region and in_path and in_path.group(2):
        region = in_path.group(2)
    return project, region, rid, None


def _filled(template: str, attrs: dict[str, Any], where: str) -> str:
    """A table id template with the instance's values; a missing one is an error, never a
    guess."""
    missing = unfilled(template, attrs)
    if missing:
        message = f"{where}: no {missing[0]}, which its id ({template}) is built from"
        raise InputError(message, _HINT)
    return str(filled(template, attrs))
