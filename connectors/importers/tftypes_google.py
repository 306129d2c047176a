"""The Google Cloud part of the Terraform type table: `google_*` types (of the google and
google-beta providers) as the Cloud Asset types the Google Cloud connector gives (see
`tfspec` for what each entry says). Compute Engine and its networking are in
`tftypes_google_compute`.

Ids are Cloud Asset names (https://cloud.google.com/asset-inventory/docs/asset-names),
built from the fields Terraform records. Some services name their resources under the
project's number, not its id (Secret Manager, Logging, Monitoring, ...): their templates
say `$number` (see `tfspec`). A resource is placed where Cloud Asset places it: its zone,
region or location (`location_id` for Firestore and App Engine), else `global`."""

from __future__ import annotations

from connectors.attributes import Attr
from connectors.gcp.types import Parsed, gib_mib, quantity_mib

from .tfspec import TfType, const, tested
from .tftypes_google_compute import COMPUTE_PARTS, COMPUTE_TYPES

# A GKE cluster's node pools as Terraform last read them (per zone, as the connector's
# fallback); a cluster whose pools are separate resources has none here: no value, not 0.
_GKE_NODES = "(node_pool[?node_count] && total(node_pool[].node_count)) || null"

# Cloud SQL's database_version is ENGINE_VERSION (POSTGRES_15, SQLSERVER_2019_STANDARD).
_SQL_ENGINE = "split_first(lower(database_version), '_')"

_GKE = "//container.googleapis.com/projects/{project}/locations/{location}"
_RUN = "//run.googleapis.com/projects/{project}/locations/{location}"
_FUNCTIONS = "//cloudfunctions.googleapis.com/projects/{project}/locations"
_MONITORING = "//monitoring.googleapis.com/projects/$number"
_LOGGING = "//logging.googleapis.com/projects/$number"
_VERTEX = "//aiplatform.googleapis.com/projects/$number/locations/{region}"
_GLOBAL = "'global'"
_LAST_OF_NAME = "last_segment(name, '/')"


def gcp(native: str, id: str, attributes: dict[str, Attr] | None = None, **kw: str) -> TfType:
    return TfType("gcp", native, attributes or {}, id=id, **kw)


_SERVICES: dict[str, TfType] = {
    # ---------------------------------------------------------------- projects and IAM
    # Cloud Asset names a project by its number; the scan files it under its id.
    "google_project": gcp(
        "cloudresourcemanager.googleapis.com/Project",
        "//cloudresourcemanager.googleapis.com/projects/{number}",
        region=_GLOBAL,
    ),
    # An enabled API: Cloud Asset lists each as a resource of the project.
    "google_project_service": gcp(
        "serviceusage.googleapis.com/Service",
        "//serviceusage.googleapis.com/projects/$number/services/{service}",
        name="service",
    ),
    # Named by its unique id, not its email (which can be reused after a deletion).
    "google_service_account": gcp(
        "iam.googleapis.com/ServiceAccount",
        "//iam.googleapis.com/projects/{project}/serviceAccounts/{unique_id}",
        name="display_name || email",
    ),
    "google_project_iam_custom_role": gcp(
        "iam.googleapis.com/Role",
        "//iam.googleapis.com/projects/{project}/roles/{role_id}",
        name="role_id",
    ),
    # The provider's `name` is the API's, with the project number.
    "google_iam_workload_identity_pool": gcp(
        "iam.googleapis.com/WorkloadIdentityPool",
        "//iam.googleapis.com/{name}",
        name="workload_identity_pool_id",
    ),
    "google_iam_workload_identity_pool_provider": gcp(
        "iam.googleapis.com/WorkloadIdentityPoolProvider",
        "//iam.googleapis.com/{name}",
        name="workload_identity_pool_provider_id",
    ),
    # ---------------------------------------------------------------- object storage
    "google_storage_bucket": gcp(
        "storage.googleapis.com/Bucket",
        "//storage.googleapis.com/{name}",
        {
            "storage_class": Attr("storage_class"),
            "versioning": Attr("versioning[0].enabled", "bool"),
        },
    ),
    # The bucket that holds a Container Registry's images (artifacts.PROJECT.appspot.com);
    # without a location, Container Registry keeps it in the US multi-region.
    "google_container_registry": gcp(
        "storage.googleapis.com/Bucket",
        "//storage.googleapis.com/{last_segment(bucket_self_link, '/')}",
        name="last_segment(bucket_self_link, '/')",
        region="lower(location) || 'us'",
    ),
    # ---------------------------------------------------------------- kubernetes
    "google_container_cluster": gcp(
        "container.googleapis.com/Cluster",
        _GKE + "/clusters/{name}",
        {
            "engine_version": Attr("master_version"),
            "node_count": Attr(_GKE_NODES, "int"),
            "autopilot": Attr("enable_autopilot", "bool"),
        },
    ),
    "google_container_node_pool": gcp(
        "container.googleapis.com/NodePool",
        _GKE + "/clusters/{cluster}/nodePools/{name}",
        {
            "node_count": Attr("node_count", "int"),
            "instance_type": Attr("node_config[0].machine_type"),
        },
    ),
    "google_gke_hub_membership": gcp(
        "gkehub.googleapis.com/Membership",
        "//gkehub.googleapis.com/projects/{project}/locations/{location}/memberships/"
        "{membership_id}",
        name="membership_id",
    ),
    # ---------------------------------------------------------------- registries
    "google_artifact_registry_repository": gcp(
        "artifactregistry.googleapis.com/Repository",
        "//artifactregistry.googleapis.com/projects/{project}/locations/{location}/"
        "repositories/{repository_id}",
        {"kind": Attr("format")},
        name="repository_id",
    ),
    # Cloud Build names triggers under the project number (not checked against an export).
    "google_cloudbuild_trigger": gcp(
        "cloudbuild.googleapis.com/BuildTrigger",
        "//cloudbuild.googleapis.com/projects/$number/locations/{location || 'global'}/"
        "triggers/{trigger_id}",
    ),
    "google_sourcerepo_repository": gcp(
        "sourcerepo.googleapis.com/Repo",
        "//sourcerepo.googleapis.com/projects/{project}/repos/{name}",
        {"size_bytes": Attr("size", "int")},
    ),
    # ---------------------------------------------------------------- functions
    "google_cloudfunctions_function": gcp(
        "cloudfunctions.googleapis.com/CloudFunction",
        _FUNCTIONS + "/{region}/functions/{name}",
        {"runtime": Attr("runtime"), "memory_mib": Attr("available_memory_mb", "int")},
    ),
    # Memory is a Kubernetes quantity ("256M", "1Gi"), parsed as the GCP connector does.
    "google_cloudfunctions2_function": gcp(
        "cloudfunctions.googleapis.com/Function",
        _FUNCTIONS + "/{location}/functions/{name}",
        {
            "runtime": Attr("build_config[0].runtime"),
            "memory_mib": Parsed("service_config[0].available_memory", "int", parse=quantity_mib),
        },
    ),
    # ---------------------------------------------------------------- containers
    "google_cloud_run_service": gcp("run.googleapis.com/Service", _RUN + "/services/{name}"),
    "google_cloud_run_v2_service": gcp("run.googleapis.com/Service", _RUN + "/services/{name}"),
    "google_cloud_run_v2_job": gcp("run.googleapis.com/Job", _RUN + "/jobs/{name}"),
    "google_cloud_run_domain_mapping": gcp(
        "run.googleapis.com/DomainMapping", _RUN + "/domainmappings/{name}"
    ),
    # ---------------------------------------------------------------- app platforms
    "google_app_engine_application": gcp(
        "appengine.googleapis.com/Application",
        "//appengine.googleapis.com/apps/{app_id}",
        name="app_id",
    ),
    "google_app_engine_standard_app_version": gcp(
        "appengine.googleapis.com/Version",
        "//appengine.googleapis.com/apps/{project}/services/{service}/versions/{version_id}",
        {"runtime": Attr("runtime"), "instance_type": Attr("instance_class")},
        name="version_id",
    ),
    "google_app_engine_flexible_app_version": gcp(
        "appengine.googleapis.com/Version",
        "//appengine.googleapis.com/apps/{project}/services/{service}/versions/{version_id}",
        {"runtime": Attr("runtime")},
        name="version_id",
    ),
    # ---------------------------------------------------------------- DNS
    "google_dns_managed_zone": gcp(
        "dns.googleapis.com/ManagedZone",
        "//dns.googleapis.com/projects/{project}/managedZones/{managed_zone_id || name}",
        {"private": Attr(tested("visibility", "== 'private'"))},
    ),
    # ---------------------------------------------------------------- relational databases
    "google_sql_database_instance": gcp(
        "sqladmin.googleapis.com/Instance",
        "//cloudsql.googleapis.com/projects/{project}/instances/{name}",
        {
            "engine": Attr(_SQL_ENGINE),
            "engine_version": Attr("database_version"),
            "instance_type": Attr("settings[0].tier"),
            "size_bytes": Attr("settings[0].disk_size", "GiB"),
            "multi_az": Attr(tested("settings[0].availability_type", "== 'REGIONAL'")),
        },
    ),
    # AlloyDB is PostgreSQL compatible; its version is POSTGRES_15 and the like.
    "google_alloydb_cluster": gcp(
        "alloydb.googleapis.com/Cluster",
        "//alloydb.googleapis.com/projects/{project}/locations/{location}/clusters/{cluster_id}",
        {"engine": const("postgres"), "engine_version": Attr("database_version")},
        name="cluster_id",
    ),
    # The provider's `cluster` is the cluster's name: projects/P/locations/L/clusters/C.
    "google_alloydb_instance": gcp(
        "alloydb.googleapis.com/Instance",
        "//alloydb.googleapis.com/{cluster}/instances/{instance_id}",
        {"kind": Attr("instance_type"), "vcpu": Attr("machine_config[0].cpu_count", "int")},
        name="instance_id",
    ),
    "google_spanner_instance": gcp(
        "spanner.googleapis.com/Instance",
        "//spanner.googleapis.com/projects/{project}/instances/{name}",
        {
            "node_count": Attr("num_nodes", "int"),
            "processing_units": Attr("processing_units", "int"),
        },
    ),
    "google_spanner_database": gcp(
        "spanner.googleapis.com/Database",
        "//spanner.googleapis.com/projects/{project}/instances/{instance}/databases/{name}",
        {"kind": Attr("database_dialect")},
    ),
    # ---------------------------------------------------------------- NoSQL and documents
    # Cloud Asset names Bigtable resources under bigtable.googleapis.com, its data API's host.
    "google_bigtable_instance": gcp(
        "bigtableadmin.googleapis.com/Instance",
        "//bigtable.googleapis.com/projects/{project}/instances/{name}",
        {"kind": Attr("instance_type")},
    ),
    "google_bigtable_table": gcp(
        "bigtableadmin.googleapis.com/Table",
        "//bigtable.googleapis.com/projects/{project}/instances/{instance_name}/tables/{name}",
    ),
    "google_firestore_database": gcp(
        "firestore.googleapis.com/Database",
        "//firestore.googleapis.com/projects/{project}/databases/{name}",
        {"kind": Attr("type")},
    ),
    # ---------------------------------------------------------------- caches
    # memory_size_gb in GiB, kept in MiB as the GCP connector keeps memorySizeGb.
    "google_redis_instance": gcp(
        "redis.googleapis.com/Instance",
        "//redis.googleapis.com/projects/{project}/locations/{region}/instances/{name}",
        {
            "engine": const("redis"),
            "engine_version": Attr("redis_version"),
            "memory_mib": Parsed("memory_size_gb", "int", parse=gib_mib),
            "tier": Attr("tier"),
        },
    ),
    "google_redis_cluster": gcp(
        "redis.googleapis.com/Cluster",
        "//redis.googleapis.com/projects/{project}/locations/{region}/clusters/{name}",
        {
            "engine": const("redis"),
            "instance_type": Attr("node_type"),
            "shard_count": Attr("shard_count", "int"),
            "replica_count": Attr("replica_count", "int"),
        },
    ),
    "google_memcache_instance": gcp(
        "memcache.googleapis.com/Instance",
        "//memcache.googleapis.com/projects/$number/locations/{region}/instances/{name}",
        {
            "engine": const("memcached"),
            "engine_version": Attr("memcache_version"),
            "node_count": Attr("node_count", "int"),
            "memory_mib": Attr("node_config[0].memory_size_mb", "int"),
        },
    ),
    # ---------------------------------------------------------------- file storage
    "google_filestore_instance": gcp(
        "file.googleapis.com/Instance",
        "//file.googleapis.com/projects/$number/locations/{location || zone}/instances/{name}",
        {"size_bytes": Attr("file_shares[0].capacity_gb", "GiB"), "tier": Attr("tier")},
    ),
    # ---------------------------------------------------------------- warehouses and analytics
    "google_bigquery_dataset": gcp(
        "bigquery.googleapis.com/Dataset",
        "//bigquery.googleapis.com/projects/{project}/datasets/{dataset_id}",
        name="dataset_id",
    ),
    "google_bigquery_table": gcp(
        "bigquery.googleapis.com/Table",
        "//bigquery.googleapis.com/projects/{project}/datasets/{dataset_id}/tables/{table_id}",
        {"size_bytes": Attr("num_bytes", "int"), "item_count": Attr("num_rows", "int")},
        name="table_id",
    ),
    # The provider's `name` is the API's, under the project number.
    "google_bigquery_data_transfer_config": gcp(
        "bigquerydatatransfer.googleapis.com/TransferConfig",
        "//bigquerydatatransfer.googleapis.com/{name}",
        {"kind": Attr("data_source_id")},
        name="display_name",
    ),
    "google_dataflow_job": gcp(
        "dataflow.googleapis.com/Job",
        "//dataflow.googleapis.com/projects/{project}/locations/{region}/jobs/{job_id}",
        {"kind": Attr("type"), "instance_type": Attr("machine_type"), "state": Attr("state")},
        region="region",  # its zone, if any, is where its workers run
    ),
    "google_dataflow_flex_template_job": gcp(
        "dataflow.googleapis.com/Job",
        "//dataflow.googleapis.com/projects/{project}/locations/{region}/jobs/{job_id}",
        {"instance_type": Attr("machine_type"), "state": Attr("state")},
    ),
    "google_dataproc_cluster": gcp(
        "dataproc.googleapis.com/Cluster",
        "//dataproc.googleapis.com/projects/{project}/regions/{region}/clusters/{name}",
        {
            "node_count": Attr("cluster_config[0].worker_config[0].num_instances", "int"),
            "instance_type": Attr("cluster_config[0].worker_config[0].machine_type"),
            "engine_version": Attr("cluster_config[0].software_config[0].image_version"),
        },
    ),
    "google_dataproc_metastore_service": gcp(
        "metastore.googleapis.com/Service",
        "//metastore.googleapis.com/projects/{project}/locations/{location}/services/{service_id}",
        {"tier": Attr("tier"), "engine_version": Attr("hive_metastore_config[0].version")},
        name="service_id",
    ),
    "google_composer_environment": gcp(
        "composer.googleapis.com/Environment",
        "//composer.googleapis.com/projects/$number/locations/{region}/environments/{name}",
        {"engine_version": Attr("config[0].software_config[0].image_version")},
    ),
    "google_data_fusion_instance": gcp(
        "datafusion.googleapis.com/Instance",
        "//datafusion.googleapis.com/projects/{project}/locations/{region}/instances/{name}",
        {"kind": Attr("type"), "engine_version": Attr("version")},
    ),
    # ---------------------------------------------------------------- messaging and events
    "google_pubsub_topic": gcp(
        "pubsub.googleapis.com/Topic", "//pubsub.googleapis.com/projects/{project}/topics/{name}"
    ),
    "google_pubsub_subscription": gcp(
        "pubsub.googleapis.com/Subscription",
        "//pubsub.googleapis.com/projects/{project}/subscriptions/{name}",
        {"topic": Attr("last_segment(topic, '/')")},
    ),
    "google_eventarc_trigger": gcp(
        "eventarc.googleapis.com/Trigger",
        "//eventarc.googleapis.com/projects/$number/locations/{location}/triggers/{name}",
    ),
    "google_cloud_tasks_queue": gcp(
        "cloudtasks.googleapis.com/Queue",
        "//cloudtasks.googleapis.com/projects/{project}/locations/{location}/queues/{name}",
    ),
    # Not checked against a Cloud Asset export: the name follows the Scheduler API's.
    "google_cloud_scheduler_job": gcp(
        "cloudscheduler.googleapis.com/Job",
        "//cloudscheduler.googleapis.com/projects/{project}/locations/{region}/jobs/{name}",
    ),
    # ---------------------------------------------------------------- workflows
    "google_workflows_workflow": gcp(
        "workflows.googleapis.com/Workflow",
        "//workflows.googleapis.com/projects/{project}/locations/{region}/workflows/{name}",
    ),
    # ---------------------------------------------------------------- machine learning
    "google_vertex_ai_endpoint": gcp(
        "aiplatform.googleapis.com/Endpoint",
        "//aiplatform.googleapis.com/projects/$number/locations/{location}/endpoints/{name}",
        name="display_name || name",
    ),
    # The provider's `name` is the API's: projects/NUMBER/locations/R/datasets/ID.
    "google_vertex_ai_dataset": gcp(
        "aiplatform.googleapis.com/Dataset",
        "//aiplatform.googleapis.com/{name}",
        name="display_name",
    ),
    "google_vertex_ai_featurestore": gcp(
        "aiplatform.googleapis.com/Featurestore", _VERTEX + "/featurestores/{name}"
    ),
    # Cloud TPU VMs, named under the project number and their zone.
    "google_tpu_v2_vm": gcp(
        "tpu.googleapis.com/Node",
        "//tpu.googleapis.com/projects/$number/locations/{zone}/nodes/{name}",
        {
            "instance_type": Attr("accelerator_type || accelerator_config[0].type"),
            "engine_version": Attr("runtime_version"),
            "state": Attr("state"),
        },
    ),
    # ---------------------------------------------------------------- networking services
    "google_vpc_access_connector": gcp(
        "vpcaccess.googleapis.com/Connector",
        "//vpcaccess.googleapis.com/projects/$number/locations/{region}/connectors/{name}",
        {
            "instance_type": Attr("machine_type"),
            "min_size": Attr("min_instances", "int"),
            "max_size": Attr("max_instances", "int"),
        },
    ),
    "google_certificate_manager_certificate": gcp(
        "certificatemanager.googleapis.com/Certificate",
        "//certificatemanager.googleapis.com/projects/{project}/locations/"
        "{location || 'global'}/certificates/{name}",
    ),
    # ---------------------------------------------------------------- secrets and keys
    # The provider's `name` is the API's, with the project number, as Cloud Asset names it.
    "google_secret_manager_secret": gcp(
        "secretmanager.googleapis.com/Secret",
        "//secretmanager.googleapis.com/{name}",
        name="secret_id",
    ),
    "google_kms_crypto_key": gcp(
        "cloudkms.googleapis.com/CryptoKey",
        "//cloudkms.googleapis.com/{key_ring}/cryptoKeys/{name}",
        {"kind": Attr("purpose")},
    ),
    "google_kms_key_ring": gcp(
        "cloudkms.googleapis.com/KeyRing",
        "//cloudkms.googleapis.com/projects/{project}/locations/{location}/keyRings/{name}",
    ),
    # ---------------------------------------------------------------- logging and monitoring
    "google_logging_project_bucket_config": gcp(
        "logging.googleapis.com/LogBucket",
        _LOGGING + "/locations/{location}/buckets/{bucket_id}",
        {"retention_days": Attr("retention_days", "int")},
        name="bucket_id",
    ),
    "google_logging_project_sink": gcp(
        "logging.googleapis.com/LogSink", _LOGGING + "/sinks/{name}"
    ),
    "google_logging_metric": gcp("logging.googleapis.com/LogMetric", _LOGGING + "/metrics/{name}"),
    # The provider's `name` is projects/PROJECT_ID/alertPolicies/ID; Cloud Asset's, the
    # project number's.
    "google_monitoring_alert_policy": gcp(
        "monitoring.googleapis.com/AlertPolicy",
        _MONITORING + "/alertPolicies/{" + _LAST_OF_NAME + "}",
        name="display_name",
    ),
    "google_monitoring_notification_channel": gcp(
        "monitoring.googleapis.com/NotificationChannel",
        _MONITORING + "/notificationChannels/{" + _LAST_OF_NAME + "}",
        {"kind": Attr("type")},
        name="display_name",
    ),
    "google_monitoring_uptime_check_config": gcp(
        "monitoring.googleapis.com/UptimeCheckConfig",
        _MONITORING + "/uptimeCheckConfigs/{uptime_check_id}",
        name="display_name",
    ),
    "google_monitoring_dashboard": gcp(
        "monitoring.googleapis.com/Dashboard",
        _MONITORING + "/dashboards/{last_segment(id, '/')}",
    ),
}

GOOGLE_TYPES: dict[str, TfType] = {**COMPUTE_TYPES, **_SERVICES}

# Parts or settings of another resource, counted and not imported (see `tfparts`); grants
# (`_iam_member`, `_iam_binding`, `_iam_policy`) are parts by their suffix.
GOOGLE_PARTS = COMPUTE_PARTS | frozenset(
    {
        # users, databases and certificates inside a Cloud SQL instance (Cloud Asset lists
        # instances only)
        "google_sql_user",
        "google_sql_database",
        "google_sql_ssl_cert",
        # versions of a secret or a key, a key of a service account: credentials
        "google_secret_manager_secret_version",
        "google_kms_crypto_key_version",
        "google_kms_secret_ciphertext",
        "google_service_account_key",
        # records inside a DNS zone
        "google_dns_record_set",
        # objects in a bucket, and a bucket's or an object's settings
        "google_storage_bucket_object",
        "google_storage_bucket_acl",
        "google_storage_bucket_access_control",
        "google_storage_default_object_acl",
        "google_storage_default_object_access_control",
        "google_storage_object_acl",
        "google_storage_object_access_control",
        "google_storage_notification",
        "google_storage_hmac_key",
        # grants inside a dataset's access list
        "google_bigquery_dataset_access",
        # indexes, fields, documents and backup schedules inside a Firestore database
        "google_firestore_index",
        "google_firestore_field",
        "google_firestore_document",
        "google_firestore_backup_schedule",
        # settings of a project, a folder or an organisation
        "google_project_default_service_accounts",
        "google_project_iam_member_remove",
        "google_project_organization_policy",
        "google_folder_organization_policy",
        "google_organization_policy",
        "google_org_policy_policy",
        "google_resource_manager_lien",
        "google_essential_contacts_contact",
        "google_logging_project_exclusion",
        "google_firebase_project",
        # an App Engine application's firewall rules, routing and traffic split
        "google_app_engine_firewall_rule",
        "google_app_engine_application_url_dispatch_rules",
        "google_app_engine_service_split_traffic",
        "google_app_engine_service_network_settings",
        # a tag bound to a resource
        "google_tags_tag_binding",
        "google_tags_location_tag_binding",
        # a user's SSH key in OS Login
        "google_os_login_ssh_public_key",
    }
)
