"""What the connector keeps of each Google Cloud asset type, as data.

Cloud Asset's search returns, per resource, its versioned resource: the service's own API
representation (Compute's Instance, Cloud SQL's DatabaseInstance), whose field names are
documented and stable. Paths below read it as `resource`; `extra` is the search result's
`additionalAttributes`, which Google says not to rely on, so it is only a fallback. Only
the attributes named here are kept: a resource's other fields never reach an inventory.

Every searchable type is read; this table only says which attributes to keep, and which
relations to other resources its record states (`relations`: a disk's instances, an instance's
subnetworks, a replica's primary). A type that is not here is still inventoried (and shown
as unmapped when the catalogue lacks it).
Without a versioned resource, `resource` is null: paths are written so that they then give
no value rather than a made-up one (no `disk_count: 0`, no `multi_az: false`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from connectors.attributes import Attr
from exitplan.i18n import _

from .relations import Ref, compute, enclosing, event_source, sql_instance


@dataclass(frozen=True)
class Parsed(Attr):
    """An attribute whose raw value needs parsing before the unit applies."""

    parse: Callable[[Any], Any] | None = None


@dataclass(frozen=True)
class Kind:
    """An asset type: the API version its versioned resource should have (Cloud Asset may
    send several during a version migration), the attributes to keep, and the relations
    its resource states (see `relations`)."""

    version: str
    attributes: Mapping[str, Attr] = field(default_factory=dict)
    relations: tuple[Ref, ...] = ()


_LAST = "last_segment({path}, '/')"


def _last(path: str) -> str:
    """Compute names types by URL (`.../machineTypes/e2-standard-4`): keep the name."""
    return _LAST.format(path=path)


def _when(path: str, test: str) -> str:
    """A test of a field that gives null, not false, when the field is absent."""
    return f"{path} && {path} {test}"


# Kubernetes quantities, as Cloud Functions 2nd gen gives memory: "256M", "1Gi", "536870912".
_QUANTITY = re.compile(r"([0-9]+(?:\.[0-9]+)?)(k|M|G|T|Ki|Mi|Gi|Ti)?")
_FACTOR = {
    None: 1,
    "k": 10**3,
    "M": 10**6,
    "G": 10**9,
    "T": 10**12,
    "Ki": 2**10,
    "Mi": 2**20,
    "Gi": 2**30,
    "Ti": 2**40,
}


def quantity_mib(value: Any) -> int:
    """A memory quantity in whole MiB (decimal units are rounded: "256M" is 244 MiB)."""
    found = _QUANTITY.fullmatch(str(value).strip())
    if found is None:
        raise ValueError(_("not a memory quantity: {value!r}").format(value=str(value)[:40]))
    number, unit = found.groups()
    return round(float(number) * _FACTOR[unit] / 2**20)


def gib_mib(value: Any) -> int:
    """Memorystore sizes are whole or fractional GiB."""
    return round(float(value) * 1024)


# Cloud SQL's databaseVersion is ENGINE_VERSION: POSTGRES_15, MYSQL_8_0, SQLSERVER_2019_STANDARD.
_SQL_ENGINE = "resource.databaseVersion"

# What a VM's network interfaces are in: its subnetworks and networks.
_INTERFACES = (
    Ref("member_of", "resource.networkInterfaces[].subnetwork", compute),
    Ref("member_of", "resource.networkInterfaces[].network", compute),
)
# The instances a disk is attached to; what uses an address (a VM, a forwarding rule).
_USERS = (Ref("attached_to", "resource.users", compute),)
_IN_NETWORK = (Ref("member_of", "resource.network", compute),)

_NODE_POOLS = "resource.nodePools[?initialNodeCount] && sum(resource.nodePools[].initialNodeCount)"

ASSET_TYPES: dict[str, Kind] = {
    "compute.googleapis.com/Instance": Kind(
        "v1",
        {
            "instance_type": Attr(_last("resource.machineType || extra.machineType")),
            "state": Attr("resource.status"),
            "disk_count": Attr("resource && length(resource.disks || `[]`)"),
        },
        _INTERFACES,
    ),
    "compute.googleapis.com/Disk": Kind(
        "v1",
        {
            "size_bytes": Attr("resource.sizeGb", "GiB"),
            "volume_type": Attr(_last("resource.type")),
            "attached": Attr("resource && length(resource.users || `[]`) > `0`"),
        },
        _USERS,
    ),
    "compute.googleapis.com/RegionDisk": Kind("v1", relations=_USERS),
    "compute.googleapis.com/Network": Kind(
        "v1", {"auto_subnets": Attr("resource.autoCreateSubnetworks", "bool")}
    ),
    "compute.googleapis.com/Subnetwork": Kind(
        "v1",
        {
            "cidr_block": Attr("resource.ipCidrRange"),
            "network": Attr(_last("resource.network")),
        },
        _IN_NETWORK,
    ),
    "compute.googleapis.com/Firewall": Kind(
        "v1",
        {
            "direction": Attr("resource.direction"),
            "network": Attr(_last("resource.network")),
        },
        _IN_NETWORK,
    ),
    "compute.googleapis.com/Address": Kind("v1", relations=_USERS),
    "compute.googleapis.com/GlobalAddress": Kind("v1", relations=_USERS),
    # A load balancer's frontend: what it sends to (a target proxy or pool, an internal
    # load balancer's backend service).
    "compute.googleapis.com/ForwardingRule": Kind(
        "v1",
        {"scheme": Attr("resource.loadBalancingScheme")},
        (
            Ref("uses", "resource.target", compute),
            Ref("uses", "resource.backendService", compute),
        ),
    ),
    "compute.googleapis.com/GlobalForwardingRule": Kind(
        "v1", relations=(Ref("uses", "resource.target", compute),)
    ),
    "storage.googleapis.com/Bucket": Kind(
        "v1",
        {
            "storage_class": Attr("resource.storageClass"),
            "versioning": Attr("resource.versioning.enabled", "bool"),
        },
    ),
    "sqladmin.googleapis.com/Instance": Kind(
        "v1beta4",
        {
            "engine": Attr(f"split_first(lower({_SQL_ENGINE}), '_')"),
            "engine_version": Attr(_SQL_ENGINE),
            "instance_type": Attr("resource.settings.tier"),
            "size_bytes": Attr("resource.settings.dataDiskSizeGb", "GiB"),
            "multi_az": Attr(_when("resource.settings.availabilityType", "== 'REGIONAL'")),
        },
        (Ref("replica_of", "resource.masterInstanceName", sql_instance),),
    ),
    "container.googleapis.com/Cluster": Kind(
        "v1",
        {
            "engine_version": Attr("resource.currentMasterVersion"),
            # currentNodeCount is deprecated; the node pools' sizes at creation (per zone)
            # are the fallback.
            "node_count": Attr(f"resource.currentNodeCount || ({_NODE_POOLS}) || null", "int"),
            "autopilot": Attr("resource.autopilot.enabled", "bool"),
        },
    ),
    # Named under its cluster: //container.googleapis.com/.../clusters/C/nodePools/N.
    "container.googleapis.com/NodePool": Kind(
        "v1", relations=(Ref("member_of", None, enclosing("nodePools")),)
    ),
    # 1st gen functions (Cloud Functions v1 API). Cloud Asset lists them under Function too,
    # with the same name; the connector keeps one record per name (this one: see connector).
    "cloudfunctions.googleapis.com/CloudFunction": Kind(
        "v1",
        {
            "runtime": Attr("resource.runtime"),
            "memory_mib": Attr("resource.availableMemoryMb", "int"),
        },
        (Ref("uses", "resource.eventTrigger.resource", event_source),),
    ),
    # 2nd gen functions (Cloud Functions v2 API): runtime in the build, memory in the service.
    "cloudfunctions.googleapis.com/Function": Kind(
        "v2",
        {
            "runtime": Attr("resource.buildConfig.runtime"),
            "memory_mib": Parsed(
                "resource.serviceConfig.availableMemory", "int", parse=quantity_mib
            ),
        },
        (Ref("uses", "resource.eventTrigger.pubsubTopic", event_source),),
    ),
    "pubsub.googleapis.com/Subscription": Kind("v1", {"topic": Attr(_last("resource.topic"))}),
    "redis.googleapis.com/Instance": Kind(
        "v1",
        {
            "engine": Attr("'redis'"),
            "engine_version": Attr("resource.redisVersion"),
            "memory_mib": Parsed("resource.memorySizeGb", "int", parse=gib_mib),
            "tier": Attr("resource.tier"),
        },
    ),
    "firestore.googleapis.com/Database": Kind("v1", {"kind": Attr("resource.type")}),
    "bigtableadmin.googleapis.com/Instance": Kind("v2", {"kind": Attr("resource.type")}),
    "dns.googleapis.com/ManagedZone": Kind(
        "v1", {"private": Attr(_when("resource.visibility", "== 'private'"))}
    ),
    "artifactregistry.googleapis.com/Repository": Kind("v1", {"kind": Attr("resource.format")}),
    "cloudkms.googleapis.com/CryptoKey": Kind("v1", {"kind": Attr("resource.purpose")}),
    "logging.googleapis.com/LogBucket": Kind(
        "v2", {"retention_days": Attr("resource.retentionDays", "int")}
    ),
}
