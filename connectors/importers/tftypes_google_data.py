"""Databases, caches, file storage, analytics and machine learning in the Google Cloud part
of the Terraform type table (joined in `tftypes_google`; see there for how Google resources
are named and placed, and `tfspec` for what each entry says)."""

from __future__ import annotations

from connectors.attributes import Attr
from connectors.gcp.types import Parsed, gib_mib

from .tfspec import TfType, const, tested

# Cloud SQL's database_version is ENGINE_VERSION (POSTGRES_15, SQLSERVER_2019_STANDARD).
_SQL_ENGINE = "split_first(lower(database_version), '_')"
_VERTEX = "//aiplatform.googleapis.com/projects/$number/locations/{region}"
_NOTEBOOKS = "//notebooks.googleapis.com/projects/{project}/locations/{location}/instances/{name}"


def gcp(native: str, id: str, attributes: dict[str, Attr] | None = None, **kw: str) -> TfType:
    return TfType("gcp", native, attributes or {}, id=id, **kw)


DATA_TYPES: dict[str, TfType] = {
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
    "google_bigtable_app_profile": gcp(
        "bigtableadmin.googleapis.com/AppProfile",
        "//bigtable.googleapis.com/projects/{project}/instances/{instance}/appProfiles/"
        "{app_profile_id}",
        name="app_profile_id",
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
    # Firebase's Realtime Database: not a Cloud Asset type (not checked against an export);
    # named as its API names it (the provider's `name`, under the project number).
    "google_firebase_database_instance": gcp(
        "firebasedatabase.googleapis.com/Instance",
        "//firebasedatabase.googleapis.com/{name}",
        {"kind": Attr("type")},
        name="instance_id",
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
    # Vertex AI Workbench: user-managed notebooks (Notebooks API v1) and instances (v2)
    # are the same collection of the Notebooks API, Compute Engine machines in a zone.
    # That Cloud Asset lists v2 instances under this type too is not checked against an
    # export.
    "google_notebooks_instance": gcp(
        "notebooks.googleapis.com/Instance",
        _NOTEBOOKS,
        {"instance_type": Attr("machine_type")},
    ),
    "google_workbench_instance": gcp(
        "notebooks.googleapis.com/Instance",
        _NOTEBOOKS,
        {"instance_type": Attr("gce_setup[0].machine_type"), "state": Attr("state")},
    ),
    # ---------------------------------------------------------------- health data
    "google_healthcare_dataset": gcp(
        "healthcare.googleapis.com/Dataset",
        "//healthcare.googleapis.com/projects/{project}/locations/{location}/datasets/{name}",
    ),
}
