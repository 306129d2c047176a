"""The Google Cloud asset types the connector reads, and what it keeps of each, as data.

Cloud Asset's search returns, per resource, its versioned resource: the service's own API
representation (Compute's Instance, Cloud SQL's DatabaseInstance), whose field names are
documented and stable. Paths below read it as `resource`; `extra` is the search result's
`additionalAttributes`, which Google says not to rely on, so it is only a fallback. Only
the attributes named here are kept: a resource's other fields never reach an inventory."""

from __future__ import annotations

from collections.abc import Mapping

from connectors.attributes import Attr

Attributes = Mapping[str, Attr]

_LAST = "last_segment({path}, '/')"


def _last(path: str) -> str:
    """Compute names types by URL (`.../machineTypes/e2-standard-4`): keep the name."""
    return _LAST.format(path=path)


# Cloud SQL's databaseVersion is ENGINE_VERSION: POSTGRES_15, MYSQL_8_0, SQLSERVER_2019_STANDARD.
_SQL_ENGINE = "resource.databaseVersion"

ASSET_TYPES: dict[str, Attributes] = {
    "compute.googleapis.com/Instance": {
        "instance_type": Attr(_last("resource.machineType || extra.machineType")),
        "state": Attr("resource.status"),
        "disk_count": Attr("length(resource.disks || `[]`)"),
    },
    "compute.googleapis.com/Disk": {
        "size_bytes": Attr("resource.sizeGb", "GiB"),
        "volume_type": Attr(_last("resource.type")),
        "attached": Attr("length(resource.users || `[]`) > `0`"),
    },
    "compute.googleapis.com/Network": {
        "auto_subnets": Attr("resource.autoCreateSubnetworks"),
    },
    "compute.googleapis.com/Subnetwork": {
        "cidr_block": Attr("resource.ipCidrRange"),
        "network": Attr(_last("resource.network")),
    },
    "compute.googleapis.com/Firewall": {
        "direction": Attr("resource.direction"),
        "network": Attr(_last("resource.network")),
    },
    "compute.googleapis.com/ForwardingRule": {
        "scheme": Attr("resource.loadBalancingScheme"),
    },
    "compute.googleapis.com/BackendBucket": {},
    "storage.googleapis.com/Bucket": {
        "storage_class": Attr("resource.storageClass"),
        "versioning": Attr("resource.versioning.enabled", "bool"),
    },
    "sqladmin.googleapis.com/Instance": {
        "engine": Attr(f"split_first(lower({_SQL_ENGINE}), '_')"),
        "engine_version": Attr(_SQL_ENGINE),
        "instance_type": Attr("resource.settings.tier"),
        "size_bytes": Attr("resource.settings.dataDiskSizeGb", "GiB"),
        "multi_az": Attr("resource.settings.availabilityType == 'REGIONAL'"),
    },
    "container.googleapis.com/Cluster": {
        "engine_version": Attr("resource.currentMasterVersion"),
        "node_count": Attr("resource.currentNodeCount", "int"),
        "autopilot": Attr("resource.autopilot.enabled", "bool"),
    },
    "run.googleapis.com/Service": {},
    "cloudfunctions.googleapis.com/CloudFunction": {
        # 1st gen names the runtime at the top, 2nd gen in its build configuration.
        "runtime": Attr("resource.runtime || resource.buildConfig.runtime"),
        "memory_mib": Attr("resource.availableMemoryMb", "int"),
    },
    "pubsub.googleapis.com/Topic": {},
    "pubsub.googleapis.com/Subscription": {
        "topic": Attr(_last("resource.topic")),
    },
    "bigquery.googleapis.com/Dataset": {},
    "redis.googleapis.com/Instance": {
        "engine": Attr("'redis'"),
        "engine_version": Attr("resource.redisVersion"),
        "memory_gib": Attr("resource.memorySizeGb"),
        "tier": Attr("resource.tier"),
    },
    "firestore.googleapis.com/Database": {"kind": Attr("resource.type")},
    "bigtableadmin.googleapis.com/Instance": {"kind": Attr("resource.type")},
    "dns.googleapis.com/ManagedZone": {
        "private": Attr("resource.visibility == 'private'"),
    },
    "artifactregistry.googleapis.com/Repository": {"kind": Attr("resource.format")},
    "secretmanager.googleapis.com/Secret": {},
    "cloudkms.googleapis.com/KeyRing": {},
    "cloudkms.googleapis.com/CryptoKey": {"kind": Attr("resource.purpose")},
    "logging.googleapis.com/LogBucket": {"retention_days": Attr("resource.retentionDays")},
    "appengine.googleapis.com/Application": {},
    "workflows.googleapis.com/Workflow": {},
}
