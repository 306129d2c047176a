"""Terraform resource types as the native types the live connectors produce, and what is
kept of each, as data: one table, which the catalogue's Terraform entries must agree with.

Paths are JMESPath over the instance's attributes (sensitive values already removed);
units as in `connectors.attributes` (GiB and MiB to bytes). Only what is named here is
kept: passwords, keys and connection strings never reach an inventory.

Each entry also says how the live connector would name and place the resource, so that an
imported resource and a scanned one are the same record:
- `id`, a template whose `{path}` placeholders are paths on the attributes, and `$account`,
  `$region` and `$partition` the provider configuration's (AWS). For Google types it is
  the Cloud Asset name the GCP connector gives, built from the fields Terraform records
  (never from a self link's host: Compute's is www.googleapis.com, Cloud SQL's sqladmin).
  Without it, AWS takes the `arn` and Azure the ARM `id`.
- `name`, the path to what the live connector calls the resource (RDS's identifier, EC2's
  Name tag).
- `region`, a path that overrides the provider's region: `'global'` for the types the AWS
  connector reads once per account (IAM, CloudFront, Route 53)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from connectors.attributes import Attr
from connectors.gcp.types import Parsed, gib_mib, quantity_mib


@dataclass(frozen=True)
class TfType:
    provider: Literal["aws", "azure", "gcp"]
    native: str  # e.g. AWS::EC2::Instance, Microsoft.Compute/virtualMachines
    attributes: Mapping[str, Attr] = field(default_factory=dict)
    name: str = "name"
    id: str | None = None
    region: str | None = None


def _const(value: str) -> Attr:
    """A fact the Terraform type itself settles (an azurerm_mssql_server is SQL Server)."""
    return Attr(f"'{value}'")


def _tested(path: str, test: str) -> str:
    """A test of a field that gives null, not false, when the field is absent."""
    return f"{path} && {path} {test}"


def _either(path: str, yes: str, no: str) -> str:
    """A boolean as the live API spells it ('internal' / 'internet-facing'); null stays null."""
    return f"({path} == `true` && '{yes}') || ({path} == `false` && '{no}') || null"


# RDS: Aurora instances report a placeholder storage, as the AWS connector notes.
_RDS_SIZE = "(!starts_with(engine || '', 'aurora') || `null`) && allocated_storage"
# Cosmos DB's API, as connectors/azure/types.py reads it, from Terraform's fields.
_COSMOS_CAPABILITIES = "capabilities[].name || `[]`"
_COSMOS_API = (
    f"(contains({_COSMOS_CAPABILITIES}, 'EnableCassandra') && 'cassandra')"
    f" || (contains({_COSMOS_CAPABILITIES}, 'EnableTable') && 'table')"
    f" || (contains({_COSMOS_CAPABILITIES}, 'EnableGremlin') && 'gremlin')"
    " || (kind == 'MongoDB' && 'mongodb') || (kind && 'nosql')"
)
# A GKE cluster's node pools as Terraform last read them (per zone, as the connector's
# fallback); a cluster whose pools are separate resources has none here: no value, not 0.
_GKE_NODES = "(node_pool[?node_count] && total(node_pool[].node_count)) || null"
# App Service: the stack Terraform reads back into site_config (Linux or Windows).
_LINUX_STACK = "site_config[0].linux_fx_version"
_WINDOWS_STACK = "site_config[0].windows_fx_version"
# Cloud SQL's database_version is ENGINE_VERSION (POSTGRES_15, SQLSERVER_2019_STANDARD).
_SQL_ENGINE = "split_first(lower(database_version), '_')"

# The EC2 convention the AWS connector follows: the Name tag (provider default tags
# included, as a scan sees them), else the resource's id.
_EC2_NAME = "tags_all.Name || tags.Name || id"
# AWS types the AWS connector reads once per account (scope="global" in its table).
_GLOBAL = "'global'"
# Cloud Asset names: https://cloud.google.com/asset-inventory/docs/asset-names
_GKE = "//container.googleapis.com/projects/{project}/locations/{location}"
_RUN_NAME = "//run.googleapis.com/projects/{project}/locations/{location}/services/{name}"

_VM = "Microsoft.Compute/virtualMachines"
_SITES = "Microsoft.Web/sites"
_PLANS = "Microsoft.Web/serverFarms"
_ELBV2 = "AWS::ElasticLoadBalancingV2::LoadBalancer"
_FORWARDING_RULE = "compute.googleapis.com/ForwardingRule"
_RUN = "run.googleapis.com/Service"

_OPENSEARCH = {
    "engine_version": Attr("engine_version"),
    "instance_type": Attr("cluster_config[0].instance_type"),
    "node_count": Attr("cluster_config[0].instance_count", "int"),
    "ebs_gib_per_node": Attr("ebs_options[0].volume_size", "int"),
}

_ELBV2_ATTRS = {
    "kind": Attr("load_balancer_type"),
    "scheme": Attr(_either("internal", "internal", "internet-facing")),
    "vpc_id": Attr("vpc_id"),
}
# Function apps are Microsoft.Web/sites of kind functionapp (the catalogue tells them from
# web apps by it); the kind Terraform read back is kept, the type's own kind otherwise.
_FUNCTION_LINUX = {
    "kind": Attr("kind || 'functionapp,linux'"),
    "runtime": Attr(_LINUX_STACK),
}

TF_TYPES: dict[str, TfType] = {
    # ---------------------------------------------------------------- compute
    "aws_instance": TfType(
        "aws",
        "AWS::EC2::Instance",
        {"instance_type": Attr("instance_type"), "state": Attr("instance_state")},
        name=_EC2_NAME,
    ),
    "azurerm_virtual_machine": TfType(
        "azure",
        _VM,
        {
            "instance_type": Attr("vm_size"),
            "os": Attr("storage_os_disk[0].os_type"),
            "data_disk_count": Attr("count(storage_data_disk)"),
        },
    ),
    "azurerm_linux_virtual_machine": TfType(
        "azure", _VM, {"instance_type": Attr("size"), "os": _const("Linux")}
    ),
    "azurerm_windows_virtual_machine": TfType(
        "azure", _VM, {"instance_type": Attr("size"), "os": _const("Windows")}
    ),
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
    "aws_ebs_volume": TfType(
        "aws",
        "AWS::EC2::Volume",
        {
            "size_bytes": Attr("size", "GiB"),
            "volume_type": Attr("type"),
            "encrypted": Attr("encrypted", "bool"),
            "iops": Attr("iops", "int"),
        },
        name=_EC2_NAME,
    ),
    "azurerm_managed_disk": TfType(
        "azure",
        "Microsoft.Compute/disks",
        {
            "size_bytes": Attr("disk_size_gb", "GiB"),
            "volume_type": Attr("storage_account_type"),
        },
    ),
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
    "aws_s3_bucket": TfType(
        "aws",
        "AWS::S3::Bucket",
        name="bucket",
    ),
    "azurerm_storage_account": TfType(
        "azure",
        "Microsoft.Storage/storageAccounts",
        {
            "kind": Attr("account_kind"),
            # The SKU name the live connector reads: Standard_LRS.
            "replication": Attr(
                "account_tier && account_replication_type"
                " && join('_', [account_tier, account_replication_type])"
            ),
            "access_tier": Attr("access_tier"),
        },
    ),
    "azurerm_storage_container": TfType(
        "azure", "Microsoft.Storage/storageAccounts/blobServices/containers"
    ),
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
    "aws_vpc": TfType(
        "aws",
        "AWS::EC2::VPC",
        {"cidr_block": Attr("cidr_block")},
        name=_EC2_NAME,
    ),
    "aws_subnet": TfType(
        "aws",
        "AWS::EC2::Subnet",
        {
            "cidr_block": Attr("cidr_block"),
            "availability_zone": Attr("availability_zone"),
            "vpc_id": Attr("vpc_id"),
        },
        name=_EC2_NAME,
    ),
    "aws_security_group": TfType("aws", "AWS::EC2::SecurityGroup", {"vpc_id": Attr("vpc_id")}),
    "aws_nat_gateway": TfType(
        "aws",
        "AWS::EC2::NatGateway",
        name=_EC2_NAME,
        id="arn:$partition:ec2:$region:$account:natgateway/{id}",
    ),
    "azurerm_virtual_network": TfType(
        "azure",
        "Microsoft.Network/virtualNetworks",
        {"cidr_block": Attr("join(',', address_space || `[]`)")},
    ),
    "azurerm_subnet": TfType(
        "azure",
        "Microsoft.Network/virtualNetworks/subnets",
        {"cidr_block": Attr("join(',', address_prefixes || `[]`)")},
    ),
    "azurerm_network_security_group": TfType("azure", "Microsoft.Network/networkSecurityGroups"),
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
    "aws_lb": TfType("aws", _ELBV2, _ELBV2_ATTRS),
    "aws_alb": TfType("aws", _ELBV2, _ELBV2_ATTRS),
    "aws_elb": TfType(
        "aws",
        "AWS::ElasticLoadBalancing::LoadBalancer",
        {
            "kind": _const("classic"),
            "scheme": Attr(_either("internal", "internal", "internet-facing")),
            "instance_count": Attr("count(instances)"),
        },
    ),
    "azurerm_lb": TfType("azure", "Microsoft.Network/loadBalancers", {"tier": Attr("sku")}),
    "azurerm_application_gateway": TfType(
        "azure",
        "Microsoft.Network/applicationGateways",
        {
            "tier": Attr("sku[0].tier"),
            "node_count": Attr("sku[0].capacity", "int"),
            "autoscale_min": Attr("autoscale_configuration[0].min_capacity", "int"),
            "autoscale_max": Attr("autoscale_configuration[0].max_capacity", "int"),
        },
    ),
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
    "aws_eks_cluster": TfType("aws", "AWS::EKS::Cluster", {"engine_version": Attr("version")}),
    "aws_eks_node_group": TfType(
        "aws",
        "AWS::EKS::Nodegroup",
        {
            "node_count": Attr("scaling_config[0].desired_size", "int"),
            "instance_type": Attr("instance_types[0]"),
        },
        name="node_group_name",
    ),
    "azurerm_kubernetes_cluster": TfType(
        "azure",
        "Microsoft.ContainerService/managedClusters",
        {
            "engine_version": Attr("current_kubernetes_version || kubernetes_version"),
            # The default pool only: Terraform keeps the other pools as their own resources.
            "node_count": Attr("default_node_pool[0].node_count", "int"),
        },
    ),
    "azurerm_kubernetes_cluster_node_pool": TfType(
        "azure",
        "Microsoft.ContainerService/managedClusters/agentPools",
        {"node_count": Attr("node_count", "int"), "instance_type": Attr("vm_size")},
    ),
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
    "aws_ecr_repository": TfType(
        "aws",
        "AWS::ECR::Repository",
        {
            "tag_mutability": Attr("image_tag_mutability"),
            "scan_on_push": Attr("image_scanning_configuration[0].scan_on_push", "bool"),
        },
    ),
    "azurerm_container_registry": TfType(
        "azure", "Microsoft.ContainerRegistry/registries", {"tier": Attr("sku")}
    ),
    "google_artifact_registry_repository": TfType(
        "gcp",
        "artifactregistry.googleapis.com/Repository",
        {"kind": Attr("format")},
        id="//artifactregistry.googleapis.com/projects/{project}/locations/{location}/repositories/{repository_id}",
        name="repository_id",
    ),
    # ---------------------------------------------------------------- functions
    "aws_lambda_function": TfType(
        "aws",
        "AWS::Lambda::Function",
        {
            "runtime": Attr("runtime"),
            "memory_mib": Attr("memory_size", "int"),
            "package_type": Attr("package_type"),
            "architecture": Attr("architectures[0]"),
            "layer_count": Attr("count(layers)"),
        },
        name="function_name",
    ),
    "azurerm_function_app": TfType(
        "azure",
        _SITES,
        {
            "kind": Attr("kind || (os_type == 'linux' && 'functionapp,linux') || 'functionapp'"),
            "runtime": Attr(_LINUX_STACK),
        },
    ),
    "azurerm_linux_function_app": TfType("azure", _SITES, _FUNCTION_LINUX),
    "azurerm_windows_function_app": TfType(
        "azure",
        _SITES,
        {"kind": Attr("kind || 'functionapp'"), "runtime": Attr(_WINDOWS_STACK)},
    ),
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
    "azurerm_container_app": TfType("azure", "Microsoft.App/containerApps"),
    # ---------------------------------------------------------------- app platforms
    "azurerm_app_service": TfType(
        "azure", _SITES, {"runtime": Attr(f"{_LINUX_STACK} || {_WINDOWS_STACK}")}
    ),
    "azurerm_linux_web_app": TfType(
        "azure", _SITES, {"kind": Attr("kind"), "runtime": Attr(_LINUX_STACK)}
    ),
    "azurerm_windows_web_app": TfType(
        "azure", _SITES, {"kind": Attr("kind"), "runtime": Attr(_WINDOWS_STACK)}
    ),
    "azurerm_app_service_plan": TfType(
        "azure",
        _PLANS,
        {
            "instance_type": Attr("sku[0].size"),
            "node_count": Attr("sku[0].capacity", "int"),
            "kind": Attr("lower(kind)"),
        },
    ),
    "azurerm_service_plan": TfType(
        "azure",
        _PLANS,
        {
            "instance_type": Attr("sku_name"),
            "node_count": Attr("worker_count", "int"),
            "kind": Attr("kind"),
        },
    ),
    "aws_elastic_beanstalk_environment": TfType(
        "aws",
        "AWS::ElasticBeanstalk::Environment",
        {"runtime": Attr("solution_stack_name"), "tier": Attr("tier")},
    ),
    "aws_elastic_beanstalk_application": TfType("aws", "AWS::ElasticBeanstalk::Application"),
    "google_app_engine_application": TfType(
        "gcp",
        "appengine.googleapis.com/Application",
        id="//appengine.googleapis.com/apps/{app_id}",
        name="app_id",
    ),
    # ---------------------------------------------------------------- CDN
    "aws_cloudfront_distribution": TfType(
        "aws",
        "AWS::CloudFront::Distribution",
        {
            "domain_name": Attr("domain_name"),
            "enabled": Attr("enabled", "bool"),
            "price_class": Attr("price_class"),
            "origin_count": Attr("count(origin)"),
        },
        name="id",
        region=_GLOBAL,
    ),
    "azurerm_cdn_profile": TfType("azure", "Microsoft.Cdn/profiles", {"tier": Attr("sku")}),
    "azurerm_cdn_endpoint": TfType("azure", "Microsoft.Cdn/profiles/endpoints"),
    # Front Door Standard and Premium are CDN profiles with a Front Door SKU.
    "azurerm_cdn_frontdoor_profile": TfType(
        "azure", "Microsoft.Cdn/profiles", {"tier": Attr("sku_name")}
    ),
    "google_compute_backend_bucket": TfType(
        "gcp",
        "compute.googleapis.com/BackendBucket",
        id="//compute.googleapis.com/projects/{project}/global/backendBuckets/{name}",
    ),
    # ---------------------------------------------------------------- DNS
    "aws_route53_zone": TfType(
        "aws",
        "AWS::Route53::HostedZone",
        {"private": Attr("count(vpc) > `0`")},
        name="name && join('', [name, '.'])",
        region=_GLOBAL,
    ),
    "aws_route53_record": TfType(
        "aws",
        "AWS::Route53::RecordSet",
        {"kind": Attr("type")},
        region=_GLOBAL,
    ),
    "azurerm_dns_zone": TfType(
        "azure",
        "Microsoft.Network/dnszones",
        {"record_count": Attr("number_of_record_sets", "int")},
    ),
    "google_dns_managed_zone": TfType(
        "gcp",
        "dns.googleapis.com/ManagedZone",
        {"private": Attr(_tested("visibility", "== 'private'"))},
        id="//dns.googleapis.com/projects/{project}/managedZones/{managed_zone_id || name}",
    ),
    "google_dns_record_set": TfType(
        "gcp",
        "dns.googleapis.com/ResourceRecordSet",
        {"kind": Attr("type")},
        id="//dns.googleapis.com/projects/{project}/managedZones/{managed_zone}/rrsets/{name}/{type}",
    ),
    # ---------------------------------------------------------------- relational databases
    "aws_db_instance": TfType(
        "aws",
        "AWS::RDS::DBInstance",
        {
            "engine": Attr("lower(engine)"),
            # What runs; engine_version may name the major version only.
            "engine_version": Attr("engine_version_actual || engine_version"),
            "instance_type": Attr("instance_class"),
            "size_bytes": Attr(_RDS_SIZE, "GiB"),
            "multi_az": Attr("multi_az", "bool"),
            "storage_type": Attr("storage_type"),
        },
        name="identifier",
    ),
    "aws_rds_cluster": TfType(
        "aws",
        "AWS::RDS::DBCluster",
        {
            "engine": Attr("lower(engine)"),
            "engine_version": Attr("engine_version_actual || engine_version"),
            "engine_mode": Attr("engine_mode"),
            "node_count": Attr("count(cluster_members)"),
        },
        name="cluster_identifier",
    ),
    "azurerm_postgresql_flexible_server": TfType(
        "azure",
        "Microsoft.DBforPostgreSQL/flexibleServers",
        {
            "engine": _const("postgres"),
            "engine_version": Attr("version"),
            "instance_type": Attr("sku_name"),
            "size_bytes": Attr("storage_mb", "MiB"),
            "high_availability": Attr("high_availability[0].mode"),
        },
    ),
    # Single Server, retired by Azure: still in old states.
    "azurerm_postgresql_server": TfType(
        "azure",
        "Microsoft.DBforPostgreSQL/servers",
        {
            "engine": _const("postgres"),
            "engine_version": Attr("version"),
            "instance_type": Attr("sku_name"),
            "size_bytes": Attr("storage_mb", "MiB"),
        },
    ),
    "azurerm_mysql_flexible_server": TfType(
        "azure",
        "Microsoft.DBforMySQL/flexibleServers",
        {
            "engine": _const("mysql"),
            "engine_version": Attr("version"),
            "instance_type": Attr("sku_name"),
            "size_bytes": Attr("storage[0].size_gb", "GiB"),
            "high_availability": Attr("high_availability[0].mode"),
        },
    ),
    "azurerm_mysql_server": TfType(
        "azure",
        "Microsoft.DBforMySQL/servers",
        {
            "engine": _const("mysql"),
            "engine_version": Attr("version"),
            "instance_type": Attr("sku_name"),
            "size_bytes": Attr("storage_mb", "MiB"),
        },
    ),
    "azurerm_mssql_server": TfType(
        "azure",
        "Microsoft.Sql/servers",
        {"engine": _const("sqlserver"), "engine_version": Attr("version")},
    ),
    "azurerm_mssql_database": TfType(
        "azure",
        "Microsoft.Sql/servers/databases",
        {
            "engine": _const("sqlserver"),
            "instance_type": Attr("sku_name"),
            # The size the database may grow to, as the live connector keeps it.
            "max_size_bytes": Attr("max_size_gb", "GiB"),
        },
    ),
    "google_sql_database_instance": TfType(
        "gcp",
        "sqladmin.googleapis.com/Instance",
        {
            "engine": Attr(_SQL_ENGINE),
            "engine_version": Attr("database_version"),
            "instance_type": Attr("settings[0].tier"),
            "size_bytes": Attr("settings[0].disk_size", "GiB"),
            "multi_az": Attr(_tested("settings[0].availability_type", "== 'REGIONAL'")),
        },
        id="//cloudsql.googleapis.com/projects/{project}/instances/{name}",
    ),
    # ---------------------------------------------------------------- NoSQL and documents
    "aws_dynamodb_table": TfType(
        "aws",
        "AWS::DynamoDB::Table",
        {
            "streams": Attr("stream_enabled", "bool"),
            "global_table": Attr("count(replica) > `0`"),
            "billing_mode": Attr("billing_mode"),
        },
    ),
    "google_bigtable_instance": TfType(
        "gcp",
        "bigtableadmin.googleapis.com/Instance",
        {"kind": Attr("instance_type")},
        id="//bigtableadmin.googleapis.com/projects/{project}/instances/{name}",
    ),
    "azurerm_cosmosdb_account": TfType(
        "azure",
        "Microsoft.DocumentDB/databaseAccounts",
        {"kind": Attr("kind"), "engine": Attr(_COSMOS_API)},
    ),
    # DocumentDB is run through the RDS API: the AWS connector sees its clusters as RDS
    # clusters of engine docdb, and so does the catalogue.
    "aws_docdb_cluster": TfType(
        "aws",
        "AWS::RDS::DBCluster",
        {
            "engine": Attr("lower(engine || 'docdb')"),
            "engine_version": Attr("engine_version"),
            "node_count": Attr("count(cluster_members)"),
        },
        name="cluster_identifier",
    ),
    "google_firestore_database": TfType(
        "gcp",
        "firestore.googleapis.com/Database",
        {"kind": Attr("type")},
        id="//firestore.googleapis.com/projects/{project}/databases/{name}",
    ),
    # ---------------------------------------------------------------- caches
    "aws_elasticache_cluster": TfType(
        "aws",
        "AWS::ElastiCache::CacheCluster",
        {
            "engine": Attr("lower(engine)"),
            "engine_version": Attr("engine_version_actual || engine_version"),
            "instance_type": Attr("node_type"),
            "node_count": Attr("num_cache_nodes", "int"),
            "replication_group": Attr("replication_group_id"),
        },
        name="cluster_id",
    ),
    "aws_elasticache_replication_group": TfType(
        "aws",
        "AWS::ElastiCache::ReplicationGroup",
        {
            "engine": Attr("lower(engine)"),
            "instance_type": Attr("node_type"),
            "node_count": Attr("count(member_clusters)"),
            # ElastiCache's own words, as the live connector keeps them.
            "multi_az": Attr(_either("multi_az_enabled", "enabled", "disabled")),
        },
        name="replication_group_id",
    ),
    "azurerm_redis_cache": TfType(
        "azure",
        "Microsoft.Cache/Redis",
        {
            "engine": _const("redis"),
            "engine_version": Attr("redis_version"),
            "instance_type": Attr("family && join('', [family, to_string(capacity)])"),
            "tier": Attr("sku_name"),
        },
    ),
    # memory_size_gb in GiB, kept in MiB as the GCP connector keeps memorySizeGb.
    "google_redis_instance": TfType(
        "gcp",
        "redis.googleapis.com/Instance",
        {
            "engine": _const("redis"),
            "engine_version": Attr("redis_version"),
            "memory_mib": Parsed("memory_size_gb", "int", parse=gib_mib),
            "tier": Attr("tier"),
        },
        id="//redis.googleapis.com/projects/{project}/locations/{region}/instances/{name}",
    ),
    # ---------------------------------------------------------------- warehouses
    "aws_redshift_cluster": TfType(
        "aws",
        "AWS::Redshift::Cluster",
        {
            "instance_type": Attr("node_type"),
            "node_count": Attr("number_of_nodes", "int"),
            "engine_version": Attr("cluster_version"),
        },
        name="cluster_identifier",
    ),
    "google_bigquery_dataset": TfType(
        "gcp",
        "bigquery.googleapis.com/Dataset",
        id="//bigquery.googleapis.com/projects/{project}/datasets/{dataset_id}",
        name="dataset_id",
    ),
    "azurerm_synapse_workspace": TfType("azure", "Microsoft.Synapse/workspaces"),
    # ---------------------------------------------------------------- messaging and events
    "aws_sqs_queue": TfType("aws", "AWS::SQS::Queue", {"fifo": Attr("fifo_queue", "bool")}),
    "azurerm_servicebus_namespace": TfType(
        "azure", "Microsoft.ServiceBus/namespaces", {"tier": Attr("sku")}
    ),
    "aws_sns_topic": TfType("aws", "AWS::SNS::Topic", {"fifo": Attr("fifo_topic", "bool")}),
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
    "azurerm_eventgrid_topic": TfType("azure", "Microsoft.EventGrid/topics"),
    "aws_kinesis_stream": TfType(
        "aws",
        "AWS::Kinesis::Stream",
        {
            "shard_count": Attr("shard_count", "int"),
            "retention_hours": Attr("retention_period", "int"),
            "kind": Attr("stream_mode_details[0].stream_mode"),
        },
    ),
    # Provisioned clusters only (serverless ones are another Terraform type).
    "aws_msk_cluster": TfType(
        "aws",
        "AWS::MSK::Cluster",
        {
            "kind": _const("PROVISIONED"),
            "instance_type": Attr("broker_node_group_info[0].instance_type"),
            "node_count": Attr("number_of_broker_nodes", "int"),
            "engine_version": Attr("kafka_version"),
        },
        name="cluster_name",
    ),
    "azurerm_eventhub_namespace": TfType(
        "azure",
        "Microsoft.EventHub/namespaces",
        {"tier": Attr("sku"), "throughput_units": Attr("capacity", "int")},
    ),
    # ---------------------------------------------------------------- workflows
    "aws_sfn_state_machine": TfType(
        "aws", "AWS::StepFunctions::StateMachine", {"kind": Attr("type")}
    ),
    "google_workflows_workflow": TfType(
        "gcp",
        "workflows.googleapis.com/Workflow",
        id="//workflows.googleapis.com/projects/{project}/locations/{region}/workflows/{name}",
    ),
    # ---------------------------------------------------------------- secrets and keys
    # Metadata only: a secret's value is another Terraform type, and is never read.
    "aws_secretsmanager_secret": TfType("aws", "AWS::SecretsManager::Secret"),
    "azurerm_key_vault": TfType("azure", "Microsoft.KeyVault/vaults", {"tier": Attr("sku_name")}),
    "google_secret_manager_secret": TfType(
        "gcp",
        "secretmanager.googleapis.com/Secret",
        id="//secretmanager.googleapis.com/{name}",
        name="secret_id",
    ),
    "aws_kms_key": TfType(
        "aws",
        "AWS::KMS::Key",
        {
            "key_spec": Attr("customer_master_key_spec"),
            "key_usage": Attr("key_usage"),
            "multi_region": Attr("multi_region", "bool"),
        },
        name="key_id",
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
    # The key's type only (RSA, EC); its public parts are not kept either.
    "azurerm_key_vault_key": TfType(
        "azure", "Microsoft.KeyVault/vaults/keys", {"kind": Attr("key_type")}
    ),
    # ---------------------------------------------------------------- logging
    "aws_cloudwatch_log_group": TfType(
        "aws", "AWS::Logs::LogGroup", {"retention_days": Attr("retention_in_days", "int")}
    ),
    "azurerm_log_analytics_workspace": TfType(
        "azure",
        "Microsoft.OperationalInsights/workspaces",
        {"tier": Attr("sku"), "retention_days": Attr("retention_in_days", "int")},
    ),
    "azurerm_application_insights": TfType(
        "azure",
        "Microsoft.Insights/components",
        {"kind": Attr("application_type"), "retention_days": Attr("retention_in_days", "int")},
    ),
    "google_logging_project_bucket_config": TfType(
        "gcp",
        "logging.googleapis.com/LogBucket",
        {"retention_days": Attr("retention_days", "int")},
        id="//logging.googleapis.com/{name}",
        name="bucket_id",
    ),
    # ---------------------------------------------------------------- identity (AWS)
    # Global: the AWS connector lists IAM once per account.
    "aws_iam_role": TfType("aws", "AWS::IAM::Role", {"path": Attr("path")}, region=_GLOBAL),
    "aws_iam_user": TfType("aws", "AWS::IAM::User", {"path": Attr("path")}, region=_GLOBAL),
    # Customer managed policies only, as the connector lists them (Scope=Local).
    "aws_iam_policy": TfType(
        "aws",
        "AWS::IAM::ManagedPolicy",
        {"attachment_count": Attr("attachment_count", "int")},
        region=_GLOBAL,
    ),
    "aws_cognito_user_pool": TfType(
        "aws",
        "AWS::Cognito::UserPool",
        {
            "user_count": Attr("estimated_number_of_users", "int"),
            "mfa": Attr("mfa_configuration"),
        },
    ),
    "aws_acm_certificate": TfType(
        "aws",
        "AWS::CertificateManager::Certificate",
        {"kind": Attr("type"), "status": Attr("status")},
        name="domain_name",
    ),
    # ---------------------------------------------------------------- containers (AWS)
    "aws_ecs_cluster": TfType("aws", "AWS::ECS::Cluster"),
    # The service's id is its ARN; `cluster` is the cluster's ARN, the connector keeps
    # the cluster's name.
    "aws_ecs_service": TfType(
        "aws",
        "AWS::ECS::Service",
        {
            "desired_count": Attr("desired_count", "int"),
            "launch_type": Attr("launch_type"),
            "cluster": Attr("last_segment(cluster, '/')"),
        },
    ),
    "aws_autoscaling_group": TfType(
        "aws",
        "AWS::AutoScaling::AutoScalingGroup",
        {
            "node_count": Attr("desired_capacity", "int"),
            "min_size": Attr("min_size", "int"),
            "max_size": Attr("max_size", "int"),
        },
    ),
    # ---------------------------------------------------------------- file and snapshot (AWS)
    "aws_efs_file_system": TfType(
        "aws",
        "AWS::EFS::FileSystem",
        {
            "size_bytes": Attr("size_in_bytes[0].value", "int"),
            "performance_mode": Attr("performance_mode"),
            "throughput_mode": Attr("throughput_mode"),
        },
        # EFS's Name is its Name tag, else the file system id.
        name=_EC2_NAME,
    ),
    "aws_ebs_snapshot": TfType(
        "aws",
        "AWS::EC2::Snapshot",
        {"volume_size_gib": Attr("volume_size", "int"), "encrypted": Attr("encrypted", "bool")},
        name=_EC2_NAME,
    ),
    # ---------------------------------------------------------------- APIs and events (AWS)
    "aws_api_gateway_rest_api": TfType(
        "aws",
        "AWS::ApiGateway::RestApi",
        {"endpoint_type": Attr("endpoint_configuration[0].types[0]")},
    ),
    "aws_apigatewayv2_api": TfType(
        "aws", "AWS::ApiGatewayV2::Api", {"kind": Attr("protocol_type")}
    ),
    "aws_cloudwatch_event_bus": TfType("aws", "AWS::Events::EventBus"),
    "aws_cloudwatch_event_rule": TfType(
        "aws",
        "AWS::Events::Rule",
        {
            "event_bus": Attr("event_bus_name"),
            # `state` since AWS provider 5.x; `is_enabled` before it.
            "state": Attr(f"state || ({_either('is_enabled', 'ENABLED', 'DISABLED')})"),
            # Terraform records no schedule as "": null only when the field is absent.
            "scheduled": Attr("(schedule_expression != null || null) && schedule_expression != ''"),
        },
    ),
    # ---------------------------------------------------------------- analytics (AWS)
    "aws_glue_job": TfType(
        "aws",
        "AWS::Glue::Job",
        {
            "kind": Attr("command[0].name"),
            "engine_version": Attr("glue_version"),
            "instance_type": Attr("worker_type"),
            "node_count": Attr("number_of_workers", "int"),
        },
    ),
    "aws_glue_catalog_database": TfType("aws", "AWS::Glue::Database"),
    "aws_athena_workgroup": TfType(
        "aws",
        "AWS::Athena::WorkGroup",
        {
            "state": Attr("state"),
            "engine_version": Attr("configuration[0].engine_version[0].effective_engine_version"),
        },
    ),
    # The OpenSearch API reports Elasticsearch domains too, with their engine named in
    # the version ("Elasticsearch_7.10"), as the connector keeps it.
    "aws_opensearch_domain": TfType(
        "aws", "AWS::OpenSearchService::Domain", _OPENSEARCH, name="domain_name"
    ),
    "aws_elasticsearch_domain": TfType(
        "aws",
        "AWS::OpenSearchService::Domain",
        {
            **_OPENSEARCH,
            "engine_version": Attr(
                "elasticsearch_version && join('', ['Elasticsearch_', elasticsearch_version])"
            ),
        },
        name="domain_name",
    ),
    # ---------------------------------------------------------------- Azure, as scanned
    # The scan lists resource groups too (connectors/azure/types.py RESOURCE_GROUP).
    "azurerm_resource_group": TfType("azure", "Microsoft.Resources/resourceGroups"),
    # Front Door (classic); Standard and Premium are azurerm_cdn_frontdoor_profile.
    "azurerm_frontdoor": TfType("azure", "Microsoft.Network/frontDoors"),
    "azurerm_private_dns_zone": TfType(
        "azure",
        "Microsoft.Network/privateDnsZones",
        {"record_count": Attr("number_of_record_sets", "int")},
    ),
}
