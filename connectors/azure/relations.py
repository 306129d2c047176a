"""What an Azure resource's own record states about other resources: a disk's VM, an
interface's VM and subnets, a public IP's interface or gateway, a replica's primary, a load
balancer's or application gateway's backends, a NAT gateway's subnets, a database's server.

The ids are taken as the record gives them; where it names a sub-resource (an interface's
IP configuration, a network's subnet), the relation is to the resource it belongs to, whose
id is the sub-resource's up to the first type and name after its provider namespace. A
subnet is not a resource of the inventory (neither Resource Manager nor Resource Graph
lists it), so a resource in one is a member of the subnet and of its network. What the
record leaves empty is no relation; text that is no ARM id cannot name a resource of the
inventory and is left out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from exitplan.i18n import _
from exitplan.model import RelationKind, Resource

from .types import AzType

Relations = dict[RelationKind, list[str]]
# The id itself, the resource it is a sub-resource of, or both (a subnet and its network).
To = Literal["itself", "owner", "both"]
_NETWORK = "2024-05-01"


@dataclass(frozen=True)
class Stated:
    kind: RelationKind
    path: str  # dotted keys; `[]` steps into each element of a list
    to: To = "itself"


_SUBNETS = "properties.ipConfigurations[].properties.subnet.id"
_POOLS = "properties.backendAddressPools[].properties"
STATED: dict[str, tuple[Stated, ...]] = {
    "Microsoft.Compute/disks": (Stated("attached_to", "managedBy"),),
    "Microsoft.Network/networkInterfaces": (
        Stated("attached_to", "properties.virtualMachine.id"),
        Stated("member_of", _SUBNETS, "both"),
    ),
    "Microsoft.Network/publicIPAddresses": (
        Stated("attached_to", "properties.ipConfiguration.id", "owner"),
        Stated("attached_to", "properties.natGateway.id"),
    ),
    "Microsoft.Network/natGateways": (Stated("uses", "properties.subnets[].id"),),
    "Microsoft.Network/loadBalancers": (
        Stated("uses", f"{_POOLS}.backendIPConfigurations[].id", "owner"),
        Stated(
            "uses",
            f"{_POOLS}.loadBalancerBackendAddresses[].properties.networkInterfaceIPConfiguration.id",
            "owner",
        ),
    ),
    "Microsoft.Network/applicationGateways": (
        Stated("uses", f"{_POOLS}.backendIPConfigurations[].id", "owner"),
    ),
    "Microsoft.Sql/servers/databases": (Stated("member_of", "id", "owner"),),
    "Microsoft.ContainerService/managedClusters/agentPools": (Stated("member_of", "id", "owner"),),
    "Microsoft.ContainerService/managedClusters": (
        Stated("member_of", "properties.agentPoolProfiles[].vnetSubnetID", "both"),
    ),
    "Microsoft.DBforPostgreSQL/flexibleServers": (
        Stated("replica_of", "properties.sourceServerResourceId"),
    ),
    "Microsoft.DBforMySQL/flexibleServers": (
        Stated("replica_of", "properties.sourceServerResourceId"),
    ),
}
# Types whose properties are read for their relations alone: each type's list through
# Resource Manager, its rows' properties through Resource Graph, trimmed on arrival to what
# the table reads (see `slim`).
LINKED: dict[str, AzType] = {
    "Microsoft.Network/networkInterfaces": AzType(_NETWORK, {}),
    "Microsoft.Network/publicIPAddresses": AzType(_NETWORK, {}),
    "Microsoft.Network/natGateways": AzType(_NETWORK, {}),
}
_BY_LOWER = {kind.lower(): paths for kind, paths in STATED.items()}
_LINKED_LOWER = {kind.lower() for kind in LINKED}


class Unstated(ValueError):
    """A relation's field holds something other than an id: its path and the value's type,
    never the value."""


def owner(rid: str) -> str | None:
    """The resource a sub-resource belongs to (`.../networkInterfaces/nic/ipConfigurations/
    ip` -> `.../networkInterfaces/nic`); None when the id names no sub-resource."""
    head, found, tail = rid.rpartition("/providers/")
    parts = tail.split("/")
    if not found or len(parts) < 5:
        return None
    return f"{head}/providers/{'/'.join(parts[:3])}"


def aimed(rid: str, to: To) -> list[str]:
    """The resources an id stands for, as `to` says."""
    parent = owner(rid)
    if to == "itself":
        return [rid]
    if to == "owner":
        return [parent] if parent else []
    return [rid, parent] if parent else [rid]


def stated(kind: str, record: dict[str, Any]) -> Relations | None:
    """The relations the record states, or None when it states none."""
    found: Relations = {}
    for spec in _BY_LOWER.get(kind.lower(), ()):
        for rid in ids_at(record, spec.path):
            found.setdefault(spec.kind, []).extend(aimed(rid, spec.to))
    return {kind: ids for kind, ids in found.items() if ids} or None


def ids_at(record: dict[str, Any], path: str) -> Iterator[str]:
    """The ARM ids at `path` (dotted keys, `[]` for each element of a list)."""
    for value in _walk(record, path.split(".")):
        if value is None:
            continue
        if not isinstance(value, str):
            raise Unstated(
                _("{path} is a {kind}, not a resource id").format(
                    path=path, kind=type(value).__name__
                )
            )
        if value.lower().startswith("/subscriptions/"):
            yield value


def _walk(value: Any, steps: list[str]) -> Iterator[Any]:
    if not steps:
        yield value
        return
    step, rest = steps[0], steps[1:]
    if step.endswith("[]"):
        key = step[:-2]
        items = value.get(key) if isinstance(value, dict) else None
        for item in items if isinstance(items, list) else ():
            yield from _walk(item, rest)
    elif isinstance(value, dict):
        yield from _walk(value.get(step), rest)


def slim(record: dict[str, Any]) -> dict[str, Any]:
    """A record of a type read for its relations alone, with only the properties the table
    reads: an interface's full properties are kilobytes, and a tenant's worth would be held
    until its subscriptions are read. Other records are returned as they are."""
    kind = str(record.get("type") or "").lower()
    if kind not in _LINKED_LOWER:
        return record
    kept: Any = None
    for spec in _BY_LOWER[kind]:
        steps = spec.path.split(".")
        if steps[0] == "properties":
            kept = _merged(kept, _kept(record.get("properties"), steps[1:]))
    return {**record, "properties": kept}


def _kept(value: Any, steps: list[str]) -> Any:
    if not steps:
        return value
    step, rest = steps[0], steps[1:]
    if not isinstance(value, dict):
        return None
    if step.endswith("[]"):
        items = value.get(step[:-2])
        if not isinstance(items, list):
            return None
        return {step[:-2]: [_kept(item, rest) for item in items]}
    return {step: _kept(value.get(step), rest)} if step in value else None


def _merged(one: Any, other: Any) -> Any:
    if isinstance(one, dict) and isinstance(other, dict):
        return {k: _merged(one.get(k), other.get(k)) for k in {*one, *other}}
    if isinstance(one, list) and isinstance(other, list):
        return [_merged(a, b) for a, b in zip(one, other, strict=True)]
    return other if one is None else one


def spelled_as_listed(resources: Iterable[Resource]) -> list[Resource]:
    """Each Azure relation's target spelled as the target's own record spells its id, where
    the target is among `resources`: Azure ids are case-insensitive, and a property can
    spell a resource group otherwise than the resource's id does. Other targets are kept as
    stated, each kind's in order."""
    found = list(resources)
    ids = {r.id.lower(): r.id for r in found if r.provider == "azure"}
    out = []
    for resource in found:
        if resource.relations and resource.provider == "azure":
            # A copy is not validated again: it is put in order here.
            spelled = {
                kind: sorted({ids.get(target.lower(), target) for target in targets})
                for kind, targets in sorted(resource.relations.items())
                if targets
            }
            resource = resource.model_copy(update={"relations": spelled or None})
        out.append(resource)
    return out
