"""The Terraform type table: every catalogue Terraform type is in it, lands in the same
category as its native type, keeps only safe attributes in our units, and converts
realistic Terraform attributes (shaped after the providers' registry docs) as expected."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from connectors.attributes import GIB, MIB, Attr
from connectors.importers.tfparts import is_part
from connectors.importers.tfresources import read_attributes
from connectors.importers.tftypes import TF_TYPES
from connectors.paths import compiled
from exitplan.catalogue import Structural, load_catalogue
from exitplan.model import ATTRIBUTES, Scalar

CATALOGUE = load_catalogue()

# Native types with no catalogue entry of their own: the table names what the resource is,
# and the catalogue does not (yet) hold that type. Listed so that a change is seen.
NOT_IN_CATALOGUE: dict[str, str] = {}

# Fields that hold secrets or credentials in some provider's resource: never read.
FORBIDDEN = (
    "password",
    "secret",
    "private_key",
    "access_key",
    "primary_key",
    "secondary_key",
    "shared_key",
    "account_key",
    "instrumentation_key",
    "connection_string",
    "user_data",
    "custom_data",
    "app_settings",
    "site_credential",
    "environment",
    "certificate",
    "token",
    "credential",
    "kube_config",
    "kube_admin_config",
    "master_auth",
    "client_key",
    "sas_",
    "auth_settings",
    "admin",
)

_UNITS = {None, "GiB", "MiB", "int", "bool", "str"}
# Known attributes whose values are whole numbers (see exitplan.model): the unit must
# make them so. Bytes come from GiB or MiB, or are already bytes (int).
_WHOLE = {"object_count", "item_count", "vcpu", "memory_mib", "node_count"}


def _terraform_rules() -> list[tuple[str, str, str | None, str | None]]:
    """(terraform type, category, attribute, value): the category each Terraform type must
    land in through the table. The catalogue itself matches native types only; these are
    the Terraform entries it held before the table became the one place for them."""
    data = yaml.safe_load(
        (Path(__file__).parent / "fixtures/terraform-categories.yaml").read_text()
    )
    return [
        (r[0], r[1], r[2], r[3]) if len(r) == 4 else (r[0], r[1], None, None) for r in data["rules"]
    ]


def _converted(tf_type: str, attributes: dict[str, Any]) -> dict[str, Scalar]:
    """What the importer keeps of a Terraform instance with these attributes."""
    return read_attributes(TF_TYPES[tf_type], attributes, tf_type)


RULES = _terraform_rules()
# The catalogue's rules for types the table imports; a rule may also name a part (a DNS
# record), which is counted with the resource it belongs to.
IMPORTED = [rule for rule in RULES if rule[0] in TF_TYPES]


def test_every_catalogue_terraform_type_is_imported_or_a_part() -> None:
    missing = sorted({tf_type for tf_type, *_ in RULES if tf_type not in TF_TYPES})
    assert [t for t in missing if not is_part(t)] == []


@pytest.mark.parametrize("rule", [rule for rule in RULES if rule[0] not in TF_TYPES])
def test_a_catalogue_type_that_is_a_part_keeps_its_category_covered(
    rule: tuple[str, str, str | None, str | None],
) -> None:
    """The resource a part belongs to is imported, and lands in the category the catalogue
    gave the part (a record set's zone is DNS)."""
    tf_type, category = rule[0], rule[1]
    prefix = tf_type.split("_", 1)[0] + "_"
    assert category in {c for t, c, *_ in IMPORTED if t.startswith(prefix)}


@pytest.mark.parametrize(
    ("tf_type", "category", "attribute", "value"),
    IMPORTED,
    ids=[f"{t}-{v}" if v else t for t, _, _, v in IMPORTED],
)
def test_native_type_lands_in_the_same_category(
    tf_type: str, category: str, attribute: str | None, value: str | None
) -> None:
    spec = TF_TYPES[tf_type]
    if tf_type in NOT_IN_CATALOGUE:
        assert spec.native == NOT_IN_CATALOGUE[tf_type]
        absent = CATALOGUE.classify(spec.provider, spec.native, lambda _: None)
        assert absent is None, f"{spec.native} is in the catalogue now: drop it from the list"
        return
    # The Terraform attribute the catalogue tests (engine, database_version) goes through
    # the table, as an imported instance's would.
    native_attributes = _converted(tf_type, {attribute: value} if attribute else {})
    found = CATALOGUE.classify(spec.provider, spec.native, native_attributes.get)
    assert found is not None, f"{tf_type}: {spec.native} is not in the catalogue"
    # Configuration lands with the category it moves with (a subnet with its network).
    landed = found.moves_with if isinstance(found, Structural) else found.id
    assert landed == category, f"{tf_type} ({value}): {spec.native} is in {found.id}"


def test_the_not_in_catalogue_list_names_table_entries() -> None:
    assert set(NOT_IN_CATALOGUE) <= set(TF_TYPES)


@pytest.mark.parametrize("tf_type", sorted(TF_TYPES))
def test_paths_compile_and_units_fit(tf_type: str) -> None:
    for name, attr in TF_TYPES[tf_type].attributes.items():
        assert isinstance(attr, Attr)
        compiled(attr.path)
        assert attr.unit in _UNITS, f"{tf_type}.{name}: unit {attr.unit}"
        if name == "size_bytes":
            assert attr.unit in {"GiB", "MiB", "int"}, f"{tf_type}.{name} must be bytes"
        elif name in _WHOLE or name.endswith("_count"):
            # A count from count() is already whole; anything else must be cast.
            assert attr.unit == "int" or attr.path.startswith("count("), (
                f"{tf_type}.{name} must be a whole number"
            )
        if name == "memory_mib":
            assert attr.unit == "int", f"{tf_type}.memory_mib is MiB, not bytes"


@pytest.mark.parametrize("tf_type", sorted(TF_TYPES))
def test_no_secret_bearing_field_is_read(tf_type: str) -> None:
    for name, attr in TF_TYPES[tf_type].attributes.items():
        lowered = attr.path.lower()
        found = [word for word in FORBIDDEN if word in lowered]
        assert found == [], f"{tf_type}.{name} reads {found}: {attr.path}"


def test_providers_match_type_prefixes() -> None:
    """A type's prefix is its Terraform provider (azurerm and azapi are both Azure's)."""
    from connectors.importers.tfresources import CLOUDS

    for tf_type, spec in TF_TYPES.items():
        assert CLOUDS[tf_type.split("_", 1)[0]] == spec.provider, tf_type


def test_known_attribute_names_only_where_meant() -> None:
    """Estimates read the known names: they must come from the fields they describe."""
    known = set(ATTRIBUTES)
    used = {name for spec in TF_TYPES.values() for name in spec.attributes} & known
    assert {"size_bytes", "instance_type", "engine", "engine_version", "node_count"} <= used


# --- evaluated examples, shaped after the registry docs' attribute references ---------

EXAMPLES: list[tuple[str, dict[str, Any], dict[str, Scalar]]] = [
    (
        "aws_db_instance",
        {
            "engine": "postgres",
            "engine_version": "16",
            "engine_version_actual": "16.3",
            "instance_class": "db.m6g.large",
            "allocated_storage": 100,
            "multi_az": True,
            "storage_type": "gp3",
        },
        {
            "engine": "postgres",
            "engine_version": "16.3",
            "instance_type": "db.m6g.large",
            "size_bytes": 100 * GIB,
            "multi_az": True,
            "storage_type": "gp3",
        },
    ),
    (
        # Who holds the licence is kept (E-LICENCE); an open-source licence's name is not.
        "aws_db_instance",
        {"engine": "sqlserver-se", "license_model": "license-included"},
        {"engine": "sqlserver-se", "license_model": "license-included"},
    ),
    (
        "aws_db_instance",
        {"engine": "postgres", "license_model": "postgresql-license"},
        {"engine": "postgres"},
    ),
    (
        # Aurora instances carry a placeholder size: not kept, as in the live connector.
        "aws_db_instance",
        {"engine": "aurora-mysql", "instance_class": "db.r6g.large", "allocated_storage": 1},
        {"engine": "aurora-mysql", "instance_type": "db.r6g.large"},
    ),
    (
        "aws_ebs_volume",
        {"size": 500, "type": "gp3", "encrypted": True, "iops": 3000},
        {"size_bytes": 500 * GIB, "volume_type": "gp3", "encrypted": True, "iops": 3000},
    ),
    (
        "aws_lambda_function",
        {
            "runtime": "python3.12",
            "memory_size": 512,
            "package_type": "Zip",
            "architectures": ["arm64"],
            "layers": ["arn:aws:lambda:eu-west-1:123456789012:layer:deps:3"],
            "environment": [{"variables": {"DB_PASSWORD": "hunter2"}}],
        },
        {
            "runtime": "python3.12",
            "memory_mib": 512,
            "package_type": "Zip",
            "architecture": "arm64",
            "layer_count": 1,
        },
    ),
    (
        "aws_lb",
        {"load_balancer_type": "application", "internal": False, "vpc_id": "vpc-0abc"},
        {"kind": "application", "scheme": "internet-facing", "vpc_id": "vpc-0abc"},
    ),
    (
        "aws_elasticache_replication_group",
        {
            "engine": "redis",
            "node_type": "cache.r7g.large",
            "member_clusters": ["rg-001", "rg-002"],
            "multi_az_enabled": True,
        },
        {
            "engine": "redis",
            "instance_type": "cache.r7g.large",
            "node_count": 2,
            "multi_az": "enabled",
        },
    ),
    (
        "azurerm_managed_disk",
        {"disk_size_gb": 128, "storage_account_type": "Premium_LRS"},
        {"size_bytes": 128 * GIB, "volume_type": "Premium_LRS"},
    ),
    (
        "azurerm_postgresql_flexible_server",
        {
            "version": "16",
            "sku_name": "GP_Standard_D2s_v3",
            "storage_mb": 32768,
            "high_availability": [{"mode": "ZoneRedundant"}],
            "administrator_password": None,
        },
        {
            "engine": "postgres",
            "engine_version": "16",
            "instance_type": "GP_Standard_D2s_v3",
            "size_bytes": 32768 * MIB,
            "high_availability": "ZoneRedundant",
        },
    ),
    (
        "azurerm_kubernetes_cluster",
        {
            "kubernetes_version": "1.30",
            "current_kubernetes_version": "1.30.4",
            "default_node_pool": [{"name": "system", "node_count": 3, "vm_size": "D4s_v5"}],
        },
        {"engine_version": "1.30.4", "node_count": 3},
    ),
    (
        "azurerm_linux_function_app",
        {"kind": "functionapp,linux", "site_config": [{"linux_fx_version": "PYTHON|3.11"}]},
        {"kind": "functionapp,linux", "runtime": "PYTHON|3.11"},
    ),
    (
        "azurerm_storage_account",
        {
            "account_kind": "StorageV2",
            "account_tier": "Standard",
            "account_replication_type": "GRS",
            "access_tier": "Hot",
            "primary_access_key": "c2VjcmV0",
        },
        {"kind": "StorageV2", "replication": "Standard_GRS", "access_tier": "Hot"},
    ),
    (
        "azurerm_cosmosdb_account",
        {"kind": "GlobalDocumentDB", "capabilities": [{"name": "EnableCassandra"}]},
        {"kind": "GlobalDocumentDB", "engine": "cassandra"},
    ),
    (
        "google_compute_disk",
        {"size": 50, "type": "pd-balanced", "users": []},
        {"size_bytes": 50 * GIB, "volume_type": "pd-balanced", "attached": False},
    ),
    (
        "google_sql_database_instance",
        {
            "database_version": "POSTGRES_15",
            "settings": [{"tier": "db-custom-2-7680", "disk_size": 20}],
        },
        {
            "engine": "postgres",
            "engine_version": "POSTGRES_15",
            "instance_type": "db-custom-2-7680",
            "size_bytes": 20 * GIB,
        },
    ),
    (
        "google_sql_database_instance",
        {
            "database_version": "SQLSERVER_2019_STANDARD",
            "settings": [{"tier": "db-custom-4-15360", "availability_type": "REGIONAL"}],
        },
        {
            "engine": "sqlserver",
            "engine_version": "SQLSERVER_2019_STANDARD",
            "instance_type": "db-custom-4-15360",
            "multi_az": True,
        },
    ),
    (
        "google_container_cluster",
        {
            "master_version": "1.30.5-gke.1014001",
            "enable_autopilot": False,
            "node_pool": [{"node_count": 2}, {"node_count": 1}],
        },
        {"engine_version": "1.30.5-gke.1014001", "node_count": 3, "autopilot": False},
    ),
    (
        # Pools kept as their own resources: the cluster's count is unknown, not 0.
        "google_container_cluster",
        {"master_version": "1.30.5-gke.1014001", "node_pool": []},
        {"engine_version": "1.30.5-gke.1014001"},
    ),
    (
        "google_compute_instance",
        {"machine_type": "e2-standard-4", "current_status": "RUNNING"},
        {"instance_type": "e2-standard-4", "state": "RUNNING"},
    ),
    (
        "google_redis_instance",
        {"redis_version": "REDIS_7_2", "tier": "STANDARD_HA", "memory_size_gb": 5},
        {
            "engine": "redis",
            "engine_version": "REDIS_7_2",
            "tier": "STANDARD_HA",
            "memory_mib": 5 * 1024,
        },
    ),
    (
        # Memory as a Kubernetes quantity, parsed as the GCP connector parses it.
        "google_cloudfunctions2_function",
        {
            "build_config": [{"runtime": "python312"}],
            "service_config": [{"available_memory": "1Gi", "environment_variables": {"K": "v"}}],
        },
        {"runtime": "python312", "memory_mib": 1024},
    ),
    (
        "google_cloudfunctions2_function",
        {"service_config": [{"available_memory": "256M"}]},
        {"memory_mib": 244},
    ),
    (
        "google_compute_instance_group_manager",
        {"target_size": 3, "base_instance_name": "web"},
        {"node_count": 3},
    ),
    (
        "google_compute_instance_template",
        {"machine_type": "n2-standard-8", "metadata_startup_script": "echo hunter2"},
        {"instance_type": "n2-standard-8"},
    ),
    (
        "google_compute_autoscaler",
        {"autoscaling_policy": [{"min_replicas": 2, "max_replicas": 10}]},
        {"min_size": 2, "max_size": 10},
    ),
    (
        # What the snapshot stores, in bytes as the provider records it.
        "google_compute_snapshot",
        {"disk_size_gb": 100, "storage_bytes": 5368709120},
        {"size_bytes": 5 * GIB},
    ),
    (
        "google_compute_region_disk",
        {"size": 200, "type": "projects/p/regions/europe-west4/diskTypes/pd-ssd"},
        {"size_bytes": 200 * GIB, "volume_type": "pd-ssd"},
    ),
    (
        "google_compute_backend_service",
        {"load_balancing_scheme": "EXTERNAL_MANAGED", "protocol": "HTTPS"},
        {"scheme": "EXTERNAL_MANAGED"},
    ),
    (
        "google_tpu_v2_vm",
        {"accelerator_type": "v4-8", "runtime_version": "tpu-ubuntu2204-base", "state": "READY"},
        {"instance_type": "v4-8", "engine_version": "tpu-ubuntu2204-base", "state": "READY"},
    ),
    (
        # An accelerator given by its type and topology, not by accelerator_type.
        "google_tpu_v2_vm",
        {"accelerator_config": [{"type": "V5P", "topology": "2x2x1"}]},
        {"instance_type": "V5P"},
    ),
    (
        "google_dataproc_cluster",
        {
            "cluster_config": [
                {
                    "worker_config": [{"num_instances": 4, "machine_type": "n2-highmem-8"}],
                    "software_config": [{"image_version": "2.2-debian12"}],
                }
            ]
        },
        {"node_count": 4, "instance_type": "n2-highmem-8", "engine_version": "2.2-debian12"},
    ),
    (
        "google_memcache_instance",
        {"node_count": 2, "node_config": [{"cpu_count": 1, "memory_size_mb": 1024}]},
        {"engine": "memcached", "node_count": 2, "memory_mib": 1024},
    ),
    (
        "google_filestore_instance",
        {"tier": "BASIC_HDD", "file_shares": [{"name": "share", "capacity_gb": 1024}]},
        {"tier": "BASIC_HDD", "size_bytes": 1024 * GIB},
    ),
    (
        "google_bigquery_table",
        {"num_bytes": "1048576", "num_rows": "1200", "schema": "[]"},
        {"size_bytes": 1048576, "item_count": 1200},
    ),
    (
        "google_spanner_instance",
        {"num_nodes": 0, "processing_units": 300, "config": "regional-europe-west4"},
        {"node_count": 0, "processing_units": 300},
    ),
    (
        "google_alloydb_instance",
        {"instance_type": "PRIMARY", "machine_config": [{"cpu_count": 4}]},
        {"kind": "PRIMARY", "vcpu": 4},
    ),
    (
        "google_composer_environment",
        {"config": [{"software_config": [{"image_version": "composer-3-airflow-2"}]}]},
        {"engine_version": "composer-3-airflow-2"},
    ),
    (
        "google_redis_cluster",
        {"node_type": "REDIS_HIGHMEM_MEDIUM", "shard_count": 3, "replica_count": 1},
        {
            "engine": "redis",
            "instance_type": "REDIS_HIGHMEM_MEDIUM",
            "shard_count": 3,
            "replica_count": 1,
        },
    ),
    (
        "aws_elasticsearch_domain",
        {
            "elasticsearch_version": "7.10",
            "cluster_config": [{"instance_type": "r6g.large.elasticsearch", "instance_count": 3}],
            "ebs_options": [{"volume_size": 100}],
        },
        {
            "engine_version": "Elasticsearch_7.10",
            "instance_type": "r6g.large.elasticsearch",
            "node_count": 3,
            "ebs_gib_per_node": 100,
        },
    ),
    (
        "aws_cloudwatch_event_rule",
        {"event_bus_name": "default", "is_enabled": True, "schedule_expression": ""},
        {"event_bus": "default", "state": "ENABLED", "scheduled": False},
    ),
    (
        "aws_ecs_service",
        {
            "cluster": "arn:aws:ecs:eu-west-1:111122223333:cluster/main",
            "desired_count": 2,
            "launch_type": "FARGATE",
        },
        {"cluster": "main", "desired_count": 2, "launch_type": "FARGATE"},
    ),
    (
        "aws_efs_file_system",
        {"size_in_bytes": [{"value": 6144}], "performance_mode": "generalPurpose"},
        {"size_bytes": 6144, "performance_mode": "generalPurpose"},
    ),
]


# --- Azure conversions, shaped after the azurerm registry docs of 3.x and 4.x ------------

AZURE_EXAMPLES: list[tuple[str, dict[str, Any], dict[str, Scalar]]] = [
    (
        # 3.x: the deployment's capacity in `scale`
        "azurerm_cognitive_deployment",
        {"model": [{"name": "gpt-35-turbo", "version": "0301"}],
         "scale": [{"type": "Standard", "capacity": 20}]},
        {"model": "gpt-35-turbo", "engine_version": "0301", "tier": "Standard", "capacity": 20},
    ),
    (
        # 4.x: in `sku`
        "azurerm_cognitive_deployment",
        {"model": [{"name": "gpt-4o", "version": "2024-08-06"}],
         "sku": [{"name": "GlobalStandard", "capacity": 50}]},
        {"model": "gpt-4o", "engine_version": "2024-08-06", "tier": "GlobalStandard",
         "capacity": 50},
    ),
    (
        "azurerm_virtual_machine_scale_set",
        {"sku": [{"name": "Standard_F2", "tier": "Standard", "capacity": 4}],
         "os_profile": [{"admin_password": "x", "custom_data": "y"}]},
        {"instance_type": "Standard_F2", "node_count": 4},
    ),
    (
        "azurerm_mssql_managed_instance",
        {"sku_name": "GP_Gen5", "vcores": 8, "storage_size_in_gb": 256,
         "administrator_login_password": "x"},
        {"engine": "sqlserver", "instance_type": "GP_Gen5", "vcpu": 8, "size_bytes": 256 * GIB},
    ),
    (
        "azurerm_netapp_volume",
        {"service_level": "Premium", "storage_quota_in_gb": 4096},
        {"tier": "Premium", "max_size_bytes": 4096 * GIB},
    ),
    (
        "azurerm_eventhub",
        {"partition_count": 8, "message_retention": 7},
        {"partition_count": 8, "retention_days": 7},
    ),
    (
        "azurerm_hdinsight_spark_cluster",
        {"tier": "Standard", "cluster_version": "5.1",
         "roles": [{"head_node": [{"vm_size": "Standard_E4_V3", "password": "x"}],
                    "worker_node": [{"vm_size": "Standard_E8_V3", "target_instance_count": 4,
                                     "ssh_keys": ["ssh-rsa AAAA"]}]}]},
        {"kind": "spark", "tier": "Standard", "engine_version": "5.1",
         "instance_type": "Standard_E8_V3", "node_count": 4},
    ),
    (
        "azurerm_batch_pool",
        {"vm_size": "STANDARD_D2S_V3", "fixed_scale": [{"target_dedicated_nodes": 6}]},
        {"instance_type": "STANDARD_D2S_V3", "node_count": 6},
    ),
    (
        "azurerm_mariadb_server",
        {"version": "10.3", "sku_name": "GP_Gen5_2", "storage_mb": 51200},
        {"engine": "mariadb", "engine_version": "10.3", "instance_type": "GP_Gen5_2",
         "size_bytes": 51200 * MIB},
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("tf_type", "attributes", "expected"),
    EXAMPLES + AZURE_EXAMPLES,
    ids=[f"{t}-{i}" for i, (t, _, _) in enumerate(EXAMPLES + AZURE_EXAMPLES)],
)
def test_converted_examples(
    tf_type: str, attributes: dict[str, Any], expected: dict[str, Scalar]
) -> None:
    assert _converted(tf_type, attributes) == expected


def test_an_instance_without_the_fields_gives_no_values() -> None:
    """States from older providers lack fields: no value, never an error or a made-up 0."""
    constants = {"engine", "os", "kind"}
    for tf_type in TF_TYPES:
        kept = _converted(tf_type, {})
        assert set(kept) <= constants, f"{tf_type}: {kept}"


# --- the table against the live AWS connector's own table ------------------------------


def _aws_specs() -> dict[str, Any]:
    from connectors.aws.types import SPECS

    found: dict[str, Any] = {}
    todo = list(SPECS)
    while todo:
        spec = todo.pop()
        found[spec.type] = spec
        todo += spec.children
    return found


AWS_SPECS = _aws_specs()
# Which native types the AWS entries may name (AWS Config's, or listed exceptions) and
# how their ARNs agree with the connector's: tests/test_tftypes_aws.py.


def test_every_type_the_aws_connector_scans_has_a_terraform_type() -> None:
    mapped = {spec.native for spec in TF_TYPES.values() if spec.provider == "aws"}
    assert sorted(set(AWS_SPECS) - mapped) == []


def test_types_the_aws_connector_reads_once_per_account_are_global() -> None:
    """The connector's scope="global" specs (S3 aside: its listing names each bucket's
    region) give region `global`; so must the table."""
    for tf_type, spec in TF_TYPES.items():
        scanned = AWS_SPECS.get(spec.native)
        if spec.provider != "aws" or scanned is None:
            continue
        is_global = scanned.scope == "global" and scanned.region_path is None
        assert (spec.region == "'global'") == is_global, tf_type


def test_azure_types_the_scan_reads_facts_of_are_spelled_as_the_connector_spells_them() -> None:
    from connectors.azure.types import TYPES

    natives = {spec.native for spec in TF_TYPES.values() if spec.provider == "azure"}
    assert {"Microsoft.Network/frontDoors", "Microsoft.Network/privateDnsZones"} <= natives
    for native in natives:
        assert native in TYPES or native.lower() not in {t.lower() for t in TYPES}, native


def test_every_google_type_says_how_its_asset_name_is_built() -> None:
    for tf_type, spec in TF_TYPES.items():
        if spec.provider == "gcp":
            assert spec.id and spec.id.startswith("//"), tf_type
