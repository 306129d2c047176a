"""Terraform instances as Resources: the native type, id, name, account and region a live
scan would give, as the type table (`tftypes`) says to build them.

Only types in the table are imported. Another aws_*, azurerm_*, azapi_* or google_* instance
(a policy attachment, an association, a bucket's versioning) is counted, not imported: many
of them share their id with the resource they belong to and would stand in for it.
Instances of other providers (random, tls, helm) are counted too.

AWS resources are named and placed by `tfaws`: an ARN that names no account (S3 buckets)
takes the one account the other resources of its provider configuration name; where they
name none or several, it is recorded as `unknown` and counted, so the gap is visible rather
than guessed. An AWS instance with no ARN that cannot be built is a gap too. An Azure child
resource that records no location of its own (a subnet, a node pool, a blob container)
takes its parent's, from the same state; where the parent is not there, it is `unknown`
and counted. A storage child known only by its data plane URL (providers before 2.30) is
placed under the storage account of its `storage_account_name` in the same state."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import ValidationError

from connectors.attributes import Unreadable, fault, read
from connectors.azure.types import TYPES as AZURE_FACTS
from connectors.paths import Unfit, search
from exitplan.errors import InputError
from exitplan.i18n import N_, _
from exitplan.inventory import identity
from exitplan.model import Provider, RelationKind, Resource, Scalar

from . import tfaws, tfrelations_azure, tfrelations_google
from .terraform import Instance
from .tfrelations_aws import Relating
from .tfspec import filled, unfilled
from .tftypes import TF_TYPES, TfType
from .tftypes_azure import arm_type

UNKNOWN = "unknown"
CLOUDS: dict[str, Provider] = {
    "aws": "aws",
    "azurerm": "azure",
    "azapi": "azure",
    "google": "gcp",
    "google-beta": "gcp",
}
_ARM_SUBSCRIPTION = re.compile(r"^/subscriptions/([^/]+)", re.IGNORECASE)
_ARM_GROUP = re.compile(r"/resourceGroups/([^/]+)", re.IGNORECASE)
_ARM_TYPE = re.compile(r"[A-Za-z][A-Za-z0-9.]*/[A-Za-z][A-Za-z0-9]*(/[A-Za-z][A-Za-z0-9]*)*")
_GCP_PATH = re.compile(r"/projects/([^/]+)/(?:locations/([^/]+)/)?")
_HINT = N_("check the state file; report it if Terraform wrote it so")


@dataclass
class Converted:
    resources: list[Resource] = field(default_factory=list)
    # Instances of providers other than aws, azurerm, azapi and google, by (provider, type).
    other_providers: Counter[tuple[str, str]] = field(default_factory=Counter)
    # Instances whose id, name or tags would show a sensitive value: (provider, address).
    hidden: list[tuple[Provider, str]] = field(default_factory=list)
    # Cloud providers' instances whose Terraform type has no table entry, by type.
    unmapped: Counter[str] = field(default_factory=Counter)
    # Ids that two instances of the file gave: (id, the addresses); the first was kept.
    repeated: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    without_account: int = 0
    # Azure instances placed in region `unknown`: no location, no parent in the file; by type.
    without_region: Counter[str] = field(default_factory=Counter)
    # AWS instances with no ARN in the state and too little to build one: (type, address).
    unnamed: list[tuple[str, str]] = field(default_factory=list)


def convert_all(instances: Iterable[Instance], source: str) -> Converted:
    cloud = list(instances)
    out = Converted()
    known = tfaws.places(cloud)
    numbers = _gcp_numbers(cloud)
    accounts = _storage_accounts(cloud)
    addresses: dict[str, list[str]] = {}
    first_ids: dict[str, str] = {}
    unplaced: list[tuple[int, str, str | None]] = []
    relating = Relating()
    # Relations an instance states for others (a VM's disks), by the holder's id.
    held: dict[str, dict[RelationKind, list[str]]] = {}
    for instance in cloud:
        provider = CLOUDS.get(instance.provider)
        if provider is None:
            out.other_providers[(instance.provider, instance.type)] += 1
            continue
        spec = TF_TYPES.get(instance.type)
        if spec is None:
            out.unmapped[instance.type] += 1
            relating.saw(instance, None, None)  # a part may join two resources
            tfrelations_google.hold(instance, None, source, held)  # a part's (an attached disk)
            continue
        try:
            instance = _under_its_account(instance, spec, accounts)
            resource = _resource(instance, spec, known, numbers, source)
        except Unfit as exc:
            raise _unfit(source, instance, exc) from None
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
        if resource.provider == "azure" and resource.region == UNKNOWN:
            unplaced.append((len(out.resources), instance.type, _parent(spec, instance, source)))
        relating.saw(instance, resource.type, len(out.resources))
        out.resources.append(resource)
        tfrelations_google.hold(instance, resource.id, source, held)
    tfrelations_google.given(out.resources, held)
    out.without_region = _azure_children_placed(out.resources, unplaced)
    relating.related(out.resources)
    out.resources = tfrelations_azure.related(cloud, out.resources, source)
    out.repeated = [
        (first_ids[key], tuple(found)) for key, found in addresses.items() if len(found) > 1
    ]
    return out


def _parent(spec: TfType, instance: Instance, source: str) -> str | None:
    """The id of the resource an Azure instance sits under, where its type names one."""
    try:
        return search(spec.parent, instance.attributes) if spec.parent else None
    except Unfit as exc:
        raise _unfit(source, instance, exc) from None


def _unfit(source: str, instance: Instance, exc: Unfit) -> InputError:
    """A path of the type table (its name, id, region) that met a value of another type
    than the provider writes: named with the instance, never with the value."""
    return InputError(f"{source}: {instance.address}: {exc}", _(_HINT))


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
    try:
        return read(spec.attributes, attrs, spec.native)
    except Unreadable as exc:
        raise InputError(f"{where}: {exc}", _(_HINT)) from None


def _resource(
    instance: Instance,
    spec: TfType,
    known: tfaws.Places,
    numbers: dict[str, str],
    source: str,
) -> Resource | None:
    attrs = instance.attributes
    where = f"{source}: {instance.address}"
    native = _native(spec, attrs, where)
    if native == spec.native:
        attributes = read_attributes(spec, attrs, where)
    else:
        attributes = _generic_facts(native, attrs, where)
    if instance.tainted:
        attributes["terraform_tainted"] = True
    attributes["terraform_address"] = instance.address
    relations: dict[RelationKind, list[str]] | None = None
    if spec.provider == "aws":
        place = tfaws.placed(instance, spec, known)
        if place is None and not attrs.get("id"):
            raise InputError(
                _("{where}: no arn and no id: the resource cannot be named").format(where=where),
                _(_HINT),
            )
        if place is None:
            return None  # created in part (tainted): a gap, never a bare name as its id
        account, region, rid, group = place.account, place.region, place.arn, None
        if place.account_from is not None:
            attributes["terraform_account_from"] = place.account_from
        tags = attrs.get("tags_all") if isinstance(attrs.get("tags_all"), dict) else None
        tags = tags if tags is not None else attrs.get("tags")
    elif spec.provider == "azure":
        account, region, rid, group = _azure(attrs, spec, where)
        region = region or UNKNOWN  # until its parent is found: `_azure_children_placed`
        tags = attrs.get("tags")
    else:
        account, region, rid, group = _gcp(attrs, spec, where, numbers)
        relations = tfrelations_google.relations(instance, rid, where)
        # As a scan sees them: with the provider's default labels (provider 5 and later).
        tags = attrs.get("effective_labels")
        tags = tags if isinstance(tags, dict) else attrs.get("labels")
    name = search(spec.name, attrs) or attrs.get("name") or rid.rstrip("/").rsplit("/", 1)[-1]
    try:
        return _built(
            spec, native, account, region, rid, name, group, tags, attributes, source, relations
        )
    except ValidationError as exc:
        raise InputError(f"{where}: {fault(exc)}", _(_HINT)) from None


def _built(
    spec: TfType,
    native: str,
    account: str,
    region: str,
    rid: str,
    name: Any,
    group: str | None,
    tags: Any,
    attributes: dict[str, Scalar],
    source: str,
    relations: dict[RelationKind, list[str]] | None = None,
) -> Resource:
    return Resource(
        provider=spec.provider,
        account=account or UNKNOWN,
        region=(region or "global").lower(),
        type=native,
        id=rid,
        name=str(name),
        resource_group=group,
        tags={str(k): str(v) for k, v in sorted(tags.items())} if isinstance(tags, dict) else {},
        attributes=attributes,
        source=source,
        relations=relations,
    )


def _azure(attrs: dict[str, Any], spec: TfType, where: str) -> tuple[str, str, str, str | None]:
    rid = _filled(spec.id, attrs, where) if spec.id is not None else attrs.get("id")
    if not isinstance(rid, str) or not rid:
        raise InputError(_("{where}: no id (the resource's ARM id)").format(where=where), _(_HINT))
    found = _ARM_SUBSCRIPTION.match(rid)
    group = _ARM_GROUP.search(rid)
    place = search(spec.region, attrs) if spec.region is not None else attrs.get("location")
    location = str(place or "").replace(" ", "").lower()
    subscription = found.group(1).lower() if found else ""
    return subscription, location, rid, group.group(1) if group else None


def _native(spec: TfType, attrs: dict[str, Any], where: str) -> str:
    """The table's native type; for a Terraform type that stands for any Resource Manager
    type (azapi_resource), the one the instance names, spelled as the scan spells it."""
    if "{" not in spec.native:
        return spec.native
    found = search(spec.native.strip("{}"), attrs)
    if not isinstance(found, str) or not _ARM_TYPE.fullmatch(found):
        raise InputError(
            _("{where}: its type, {found!r}, is not an Azure resource type").format(
                where=where, found=found
            ),
            _(_HINT),
        )
    return arm_type(found)


def _generic_facts(native: str, attrs: dict[str, Any], where: str) -> dict[str, Scalar]:
    """The facts the Azure connector reads of a type (connectors/azure/types.py), read from
    the request body of an azapi_resource of that type by the connector's own paths: the
    body holds the resource's representation (properties, sku, kind), and anything else,
    secrets included, which no other path reads. azapi 1.x wrote it as JSON text."""
    facts = AZURE_FACTS.get(native)
    body = attrs.get("body")
    if facts is None or not body:
        return {}
    if isinstance(body, str):
        try:
            body = json.loads(body)
        except ValueError:
            raise InputError(
                _("{where}: `body` is text that is not JSON").format(where=where), _(_HINT)
            ) from None
    if not isinstance(body, dict):
        return {}
    return read_attributes(TfType("azure", native, facts.attributes), body, where)


def _storage_accounts(instances: list[Instance]) -> dict[str, str]:
    """Storage account name -> ARM id, for each account the state holds under one id."""
    found: dict[str, dict[str, str]] = {}
    for instance in instances:
        name, rid = instance.attributes.get("name"), instance.attributes.get("id")
        if instance.type != "azurerm_storage_account" or not isinstance(name, str):
            continue
        if isinstance(rid, str) and _ARM_SUBSCRIPTION.match(rid):
            found.setdefault(name.lower(), {})[rid.lower()] = rid
    return {name: next(iter(ids.values())) for name, ids in found.items() if len(ids) == 1}


def _under_its_account(instance: Instance, spec: TfType, accounts: dict[str, str]) -> Instance:
    """A blob container, queue, share or table of a provider before 2.30, whose state gives
    neither its ARM id nor its account's, only its data plane URL and its account's name:
    given the id of the account of that name in the same state, its ARM id is built as the
    scan names it (see `_STORAGE_CHILD` in `tftypes_azure`)."""
    attrs = instance.attributes
    if spec.id is None or "storage_account_id" not in spec.id:
        return instance
    if attrs.get("resource_manager_id") or attrs.get("storage_account_id"):
        return instance
    name = attrs.get("storage_account_name")
    account = accounts.get(name.lower()) if isinstance(name, str) else None
    if account is None or _ARM_SUBSCRIPTION.match(str(attrs.get("id") or "")):
        return instance
    return replace(instance, attributes={**attrs, "storage_account_id": account})


def _azure_children_placed(
    resources: list[Resource], unplaced: list[tuple[int, str, str | None]]
) -> Counter[str]:
    """Place each Azure resource that records no location where its parent is: the nearest
    resource of the same state that its ARM id (or the parent id its type names) lies
    below, a subnet's virtual network, a blob container's account. A resource group or a
    subscription is no parent: a resource's location is its own, not its group's. What
    finds no parent stays in `unknown`; the count of those is returned, by type."""
    if not unplaced:
        return Counter()
    regions = {
        r.id.lower(): r.region for r in resources if r.provider == "azure" and r.region != UNKNOWN
    }
    left: Counter[str] = Counter()
    for position, kind, parent in unplaced:
        resource = resources[position]
        region = _above(parent, regions) if isinstance(parent, str) else None
        region = region or _above(resource.id, regions)
        if region is None:
            left[kind] += 1
        else:
            resources[position] = resource.model_copy(update={"region": region})
    return left


def _above(rid: str, regions: dict[str, str]) -> str | None:
    """The region of the nearest resource in `regions` at or above `rid` (ARM ids compare
    without regard to case), below the level of resource groups."""
    path = rid.lower().rstrip("/")
    while "/providers/" in path:
        if path in regions:
            return regions[path]
        path = path.rsplit("/", 1)[0]
    return None


def _gcp(
    attrs: dict[str, Any], spec: TfType, where: str, numbers: dict[str, str]
) -> tuple[str, str, str, str | None]:
    if spec.id is None:
        raise InputError(
            _("{where}: the table does not say how {native} is named").format(
                where=where, native=spec.native
            ),
            _(_HINT),
        )
    named = str(attrs.get("project") or attrs.get("project_id") or _filed(spec, attrs))
    rid = _filled(spec.id, attrs, where, {"number": numbers.get(named) or named})
    # A child that records its parent's path, not its project (a KMS key's key_ring), is
    # placed by the path, as Cloud Asset places it.
    in_path = _GCP_PATH.search(rid)
    project = named or str((in_path and in_path.group(1)) or "")
    found = (attrs.get(key) for key in _GCP_LOCATIONS)
    # A self link's last segment is the name (a network endpoint group's region).
    region = str(next((value for value in found if value), "")).rsplit("/", 1)[-1]
    if spec.region is not None:
        region = str(search(spec.region, attrs) or "")
    elif not region and in_path and in_path.group(2):
        region = in_path.group(2)
    return project, region, rid, None


def _filed(spec: TfType, attrs: dict[str, Any]) -> str:
    """What a Google resource in no project is filed under, where its type says (a folder's
    parent); nothing otherwise."""
    return str(search(spec.account, attrs) or "") if spec.account else ""


# Where Terraform records a Google resource's place, most precise first: Firestore and App
# Engine keep theirs in location_id (Memorystore keeps its zone there, after its region).
_GCP_LOCATIONS = ("zone", "region", "location", "location_id")
_NUMBERED = re.compile(r"^projects/([0-9]+)/")


def _gcp_numbers(instances: list[Instance]) -> dict[str, str]:
    """Project id -> number, where the state records both: a google_project, or a resource
    whose API name carries the number of the project it names by id (a secret)."""
    numbers: dict[str, str] = {}
    for instance in instances:
        if CLOUDS.get(instance.provider) != "gcp":
            continue
        attrs = instance.attributes
        if instance.type == "google_project":
            project, number = attrs.get("project_id"), attrs.get("number")
        else:
            found = _NUMBERED.match(str(attrs.get("name") or ""))
            project, number = attrs.get("project"), found and found.group(1)
        if isinstance(project, str) and project and isinstance(number, str) and number:
            numbers.setdefault(project, number)
    return numbers


def _filled(
    template: str, attrs: dict[str, Any], where: str, context: dict[str, str] | None = None
) -> str:
    """A table id template with the instance's values; a missing one is an error, never a
    guess."""
    found = filled(template, attrs, context)
    if found is None:
        missing = unfilled(template, attrs, context)[0]
        raise InputError(
            _("{where}: no {missing}, which its id ({template}) is built from").format(
                where=where, missing=missing, template=template
            ),
            _(_HINT),
        )
    return found
