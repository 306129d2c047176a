"""The Google Cloud part of the Terraform type table: `google_*` types as the native types
the Google Cloud connector gives (see `tfspec` for what each entry says)."""

from __future__ import annotations

from connectors.attributes import Attr
from connectors.gcp.types import Parsed, gib_mib, quantity_mib

from .tfspec import TfType, const, tested

# A GKE cluster's node pools as Terraform last read them (per zone, as the connector's
# fallback); a cluster whose pools are separate resources has none here: no value, not 0.
_GKE_NODES = "(node_pool[?node_count] && total(node_pool[].node_count)) || null"

# Cloud SQL's database_version is ENGINE_VERSION (POSTGRES_15, SQLSERVER_2019_STANDARD).
_SQL_ENGINE = "split_first(lower(database_version), '_')"

# Cloud Asset names: https://cloud.google.com/asset-inventory/docs/asset-names
_GKE = "//container.googleapis.com/projects/{project}/locations/{location}"

_RUN_NAME = "//run.googleapis.com/projects/{project}/locations/{location}/services/{name}"

_FORWARDING_RULE = "compute.googleapis.com/ForwardingRule"

_RUN = "run.googleapis.com/Service"

GOOGLE_TYPES: dict[str, TfType] = {
    # ---------------------------------------------------------------- compute
    "google_compute_instance": TfType(
        "gcp",
        "compute.googleapis.com/Instance",
        {
            "instance_type": Attr("last_segment(machine_type, '/')"),
            "state": Attr("current_status"),
        },
        id="//compute.googleapis.com/projects/{project}/zones/{zone}/instances/{name}",
    ),
    # ---------------------------------------------------------------- block storage
    "google_compute_disk": TfType(
        "gcp",
        "compute.googleapis.com/Disk",
        {
            "size_bytes": Attr("size", "GiB"),
            "volume_type": Attr("last_segment(type, '/')"),
            "attached": Attr("count(users) > `0`"),
        },
        id="//compute.googleapis.com/projects/{project}/zones/{zone}/disks/{name}",
    ),
    # ---------------------------------------------------------------- object storage
    "google_storage_bucket": TfType(
        "gcp",
        "storage.googleapis.com/Bucket",
        {
            "storage_class": Attr("storage_class"),
            "versioning": Attr("versioning[0].enabled", "bool"),
        },
        id="//storage.googleapis.com/{name}",
    ),
    # ---------------------------------------------------------------- networking
    "google_compute_network": TfType(
        "gcp",
        "compute.googleapis.com/Network",
        {"auto_subnets": Attr("auto_create_subnetworks", "bool")},
        id="//compute.googleapis.com/projects/{project}/global/networks/{name}",
    ),
    "google_compute_subnetwork": TfType(
        "gcp",
        "compute.googleapis.com/Subnetwork",
        {
            "cidr_block": Attr("ip_cidr_range"),
            "network": Attr("last_segment(network, '/')"),
        },
        id="//compute.googleapis.com/projects/{project}/regions/{region}/subnetworks/{name}",
    ),
    "google_compute_firewall": TfType(
        "gcp",
        "compute.googleapis.com/Firewall",
        {"direction": Attr("direction"), "network": Attr("last_segment(network, '/')")},
        id="//compute.googleapis.com/projects/{project}/global/firewalls/{name}",
    ),
    # ---------------------------------------------------------------- load balancing
    "google_compute_forwarding_rule": TfType(
        "gcp",
        _FORWARDING_RULE,
        {"scheme": Attr("load_balancing_scheme")},
        id="//compute.googleapis.com/projects/{project}/regions/{region}/forwardingRules/{name}",
    ),
    # Cloud Asset lists global rules under their own type.
    "google_compute_global_forwarding_rule": TfType(
        "gcp",
        "compute.googleapis.com/GlobalForwardingRule",
        {"scheme": Attr("load_balancing_scheme")},
        id="//compute.googleapis.com/projects/{project}/global/forwardingRules/{name}",
    ),
    # ---------------------------------------------------------------- kubernetes
    "google_container_cluster": TfType(
        "gcp",
        "container.googleapis.com/Cluster",
        {
            "engine_version": Attr("master_version"),
            "node_count": Attr(_GKE_NODES, "int"),
            "autopilot": Attr("enable_autopilot", "bool"),
        },
        id=_GKE + "/clusters/{name}",
    ),
    "google_container_node_pool": TfType(
        "gcp",
        "container.googleapis.com/NodePool",
        {
            "node_count": Attr("node_count", "int"),
            "instance_type": Attr("node_config[0].machine_type"),
        },
        id=_GKE + "/clusters/{cluster}/nodePools/{name}",
    ),
    # ---------------------------------------------------------------- registries
    "google_artifact_registry_repository": TfType(
        "gcp",
        "artifactregistry.googleapis.com/Repository",
        {"kind": Attr("format")},
        id="//artifactregistry.googleapis.com/projects/{project}/locations/{location}/repositories/{repository_id}",
        name="repository_id",
    ),
    # ---------------------------------------------------------------- functions
    "google_cloudfunctions_function": TfType(
        "gcp",
        "cloudfunctions.googleapis.com/CloudFunction",
        {"runtime": Attr("runtime"), "memory_mib": Attr("available_memory_mb", "int")},
        id="//cloudfunctions.googleapis.com/projects/{project}/locations/{region}/functions/{name}",
    ),
    # Memory is a Kubernetes quantity ("256M", "1Gi"), parsed as the GCP connector does.
    "google_cloudfunctions2_function": TfType(
        "gcp",
        "cloudfunctions.googleapis.com/Function",
        {
            "runtime": Attr("build_config[0].runtime"),
            "memory_mib": Parsed("service_config[0].available_memory", "int", parse=quantity_mib),
        },
        id="//cloudfunctions.googleapis.com/projects/{project}/locations/{location}/functions/{name}",
    ),
    # ---------------------------------------------------------------- containers
    "google_cloud_run_service": TfType(
        "gcp",
        _RUN,
        id=_RUN_NAME,
    ),
    "google_cloud_run_v2_service": TfType(
        "gcp",
        _RUN,
        id=_RUN_NAME,
    ),
    # ---------------------------------------------------------------- app platforms
    "google_app_engine_application": TfType(
        "gcp",
        "appengine.googleapis.com/Application",
        id="//appengine.googleapis.com/apps/{app_id}",
        name="app_id",
    ),
    # ---------------------------------------------------------------- CDN
    "google_compute_backend_bucket": TfType(
        "gcp",
        "compute.googleapis.com/BackendBucket",
        id="//compute.googleapis.com/projects/{project}/global/backendBuckets/{name}",
    ),
    # ---------------------------------------------------------------- DNS
    "google_dns_managed_zone": TfType(
        "gcp",
        "dns.googleapis.com/ManagedZone",
        {"private": Attr(tested("visibility", "== 'private'"))},
        id="//dns.googleapis.com/projects/{project}/managedZones/{managed_zone_id || name}",
    ),
    "google_dns_record_set": TfType(
        "gcp",
        "dns.googleapis.com/ResourceRecordSet",
        {"kind": Attr("type")},
        id="//dns.googleapis.com/projects/{project}/managedZones/{managed_zone}/rrsets/{name}/{type}",
    ),
    # ---------------------------------------------------------------- relational databases
    "google_sql_database_instance": TfType(
        "gcp",
        "sqladmin.googleapis.com/Instance",
        {
            "engine": Attr(_SQL_ENGINE),
            "engine_version": Attr("database_version"),
            "instance_type": Attr("settings[0].tier"),
            "size_bytes": Attr("settings[0].disk_size", "GiB"),
            "multi_az": Attr(tested("settings[0].availability_type", "== 'REGIONAL'")),
        },
        id="//cloudsql.googleapis.com/projects/{project}/instances/{name}",
    ),
    # ---------------------------------------------------------------- NoSQL and documents
    "google_bigtable_instance": TfType(
        "gcp",
        "bigtableadmin.googleapis.com/Instance",
        {"kind": Attr("instance_type")},
        id="//bigtableadmin.googleapis.com/projects/{project}/instances/{name}",
    ),
    "google_firestore_database": TfType(
        "gcp",
        "firestore.googleapis.com/Database",
        {"kind": Attr("type")},
        id="//firestore.googleapis.com/projects/{project}/databases/{name}",
    ),
    # ---------------------------------------------------------------- caches
    # memory_size_gb in GiB, kept in MiB as the GCP connector keeps memorySizeGb.
    "google_redis_instance": TfType(
        "gcp",
        "redis.googleapis.com/Instance",
        {
            "engine": const("redis"),
            "engine_version": Attr("redis_version"),
            "memory_mib": Parsed("memory_size_gb", "int", parse=gib_mib),
            "tier": Attr("tier"),
        },
        id="//redis.googleapis.com/projects/{project}/locations/{region}/instances/{name}",
    ),
    # ---------------------------------------------------------------- warehouses
    "google_bigquery_dataset": TfType(
        "gcp",
        "bigquery.googleapis.com/Dataset",
        id="//bigquery.googleapis.com/projects/{project}/datasets/{dataset_id}",
        name="dataset_id",
    ),
    # ---------------------------------------------------------------- messaging and events
    "google_pubsub_topic": TfType(
        "gcp",
        "pubsub.googleapis.com/Topic",
        id="//pubsub.googleapis.com/projects/{project}/topics/{name}",
    ),
    "google_pubsub_subscription": TfType(
        "gcp",
        "pubsub.googleapis.com/Subscription",
        {"topic": Attr("last_segment(topic, '/')")},
        id="//pubsub.googleapis.com/projects/{project}/subscriptions/{name}",
    ),
    # ---------------------------------------------------------------- workflows
    "google_workflows_workflow": TfType(
        "gcp",
        "workflows.googleapis.com/Workflow",
        id="//workflows.googleapis.com/projects/{project}/locations/{region}/workflows/{name}",
    ),
    # ---------------------------------------------------------------- secrets and keys
    "google_secret_manager_secret": TfType(
        "gcp",
        "secretmanager.googleapis.com/Secret",
        id="//secretmanager.googleapis.com/{name}",
        name="secret_id",
    ),
    "google_kms_crypto_key": TfType(
        "gcp",
        "cloudkms.googleapis.com/CryptoKey",
        {"kind": Attr("purpose")},
        id="//cloudkms.googleapis.com/{key_ring}/cryptoKeys/{name}",
    ),
    "google_kms_key_ring": TfType(
        "gcp",
        "cloudkms.googleapis.com/KeyRing",
        id="//cloudkms.googleapis.com/projects/{project}/locations/{location}/keyRings/{name}",
    ),
    # ---------------------------------------------------------------- logging
    "google_logging_project_bucket_config": TfType(
        "gcp",
        "logging.googleapis.com/LogBucket",
        {"retention_days": Attr("retention_days", "int")},
        id="//logging.googleapis.com/{name}",
        name="bucket_id",
    ),
}

# Parts or settings of another resource, counted and not imported (see `tfparts`).
GOOGLE_PARTS = frozenset(
    {
        # users, databases and versions inside a resource; enabled APIs
        "google_sql_user",
        "google_sql_database",
        "google_secret_manager_secret_version",
        "google_project_service",
        "google_compute_router_nat",
    }
)
