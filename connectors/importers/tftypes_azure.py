"""The Azure part of the Terraform type table: `azurerm_*` types, and azapi's generic
resource, as the native types the Azure connector gives (see `tfspec` for what each entry
says).

Native types are Resource Manager's (`Microsoft.Network/publicIPAddresses`), spelled as
`connectors/azure/types.py` spells those it reads; ids are ARM ids. How the one rule of
`tfparts` reads for Azure:
- a resource Resource Manager lists (`az resource list`: every resource with a location
  of its own), and a child resource that is a thing of its own, structural or not, is
  imported: subnets, node pools, the databases of a server, blob containers, queues and
  topics, Cosmos DB databases and containers, app slots, a machine's extensions and run
  commands, a registry's webhooks, a network watcher's flow logs, subscriptions;
- a child resource or a Terraform type that configures, links or grants is a part
  (`tftypes_azure_parts`): rules of any firewall or security group, server configurations
  and administrators, auditing and alert policies, records of a DNS zone, routes, links
  between networks (peerings, a private DNS zone's network links), role assignments and
  definitions, policies and their assignments, diagnostic settings, what an API
  Management service, a data factory or a Logic App holds, template deployments and
  management groups.
A child that records no location of its own takes its parent's (see `tfresources`)."""

from __future__ import annotations

from connectors.attributes import Attr
from connectors.azure.types import CANONICAL

from .tfspec import TfType, const
from .tftypes_azure_parts import AZURE_PARTS, is_azure_part

__all__ = ["AZURE_PARTS", "AZURE_TYPES", "arm_type", "is_azure_part"]

# Cosmos DB's API, as connectors/azure/types.py reads it, from Terraform's fields.
_COSMOS_CAPABILITIES = "capabilities[].name || `[]`"

_COSMOS_API = (
    f"(contains({_COSMOS_CAPABILITIES}, 'EnableCassandra') && 'cassandra')"
    f" || (contains({_COSMOS_CAPABILITIES}, 'EnableTable') && 'table')"
    f" || (contains({_COSMOS_CAPABILITIES}, 'EnableGremlin') && 'gremlin')"
    " || (kind == 'MongoDB' && 'mongodb') || (kind && 'nosql')"
)

# App Service: the stack Terraform reads back into site_config (Linux or Windows).
_LINUX_STACK = "site_config[0].linux_fx_version"

_WINDOWS_STACK = "site_config[0].windows_fx_version"

_VM = "Microsoft.Compute/virtualMachines"

_VMSS = "Microsoft.Compute/virtualMachineScaleSets"

_SITES = "Microsoft.Web/sites"

_SLOTS = "Microsoft.Web/sites/slots"

_PLANS = "Microsoft.Web/serverFarms"

_COSMOS = "Microsoft.DocumentDB/databaseAccounts"

_SQL_DATABASES = "Microsoft.Sql/servers/databases"

_CERTIFICATES = "Microsoft.Web/certificates"

_SCHEDULED_QUERIES = "Microsoft.Insights/scheduledQueryRules"

_WEB_TESTS = "Microsoft.Insights/webTests"

_DASHBOARDS = "Microsoft.Portal/dashboards"

_CONTAINERS = "Microsoft.Storage/storageAccounts/blobServices/containers"

# Resources Resource Manager places in location `global`, whose Terraform schema has no
# location (or, in older provider versions, none yet).
_GLOBAL = "'global'"

_GLOBAL_UNLESS_SET = "location || 'global'"

# Data plane objects whose Terraform id is a URL (azurerm 3.x, and 4.x given a storage
# account's name): the ARM id is `resource_manager_id`, or is built as the scan names it
# from the account's id (4.x given `storage_account_id`, where the id itself is the ARM
# id). Without either the URL stays the id, and the account is `unknown`.
_STORAGE_CHILD = (
    "{{resource_manager_id"
    " || (starts_with(id || '', '/subscriptions/') && id)"
    " || (storage_account_id && name"
    " && join('', [storage_account_id, '/{service}/default/{kind}/', name]))"
    " || id}}"
)

# A Key Vault key's `id` is the data plane URL of its current version; the ARM id is
# its versionless resource id, or the vault's id and the key's name (older providers).
_VAULT_KEY = (
    "{resource_versionless_id"
    " || (key_vault_id && name && join('', [key_vault_id, '/keys/', name])) || id}"
)

# Function apps are Microsoft.Web/sites of kind functionapp (the catalogue tells them from
# web apps by it); the kind Terraform read back is kept, the type's own kind otherwise.
_FUNCTION_LINUX = {
    "kind": Attr("kind || 'functionapp,linux'"),
    "runtime": Attr(_LINUX_STACK),
}

_FUNCTION_WINDOWS = {"kind": Attr("kind || 'functionapp'"), "runtime": Attr(_WINDOWS_STACK)}

_VMSS_ATTRS = {"instance_type": Attr("sku"), "node_count": Attr("instances", "int")}

_SQLSERVER = {"engine": const("sqlserver")}

_POSTGRES = {"engine": const("postgres")}

_MYSQL = {"engine": const("mysql")}

_MARIADB = {"engine": const("mariadb")}

_THROUGHPUT = {"throughput": Attr("throughput", "int")}

_NO_ATTRIBUTES: dict[str, Attr] = {}


def _arm(native: str, attributes: dict[str, Attr] | None = None, **place: str) -> TfType:
    return TfType("azure", native, attributes or _NO_ATTRIBUTES, **place)


# HDInsight: what the workers run on; passwords and keys of every role are never read.
_HDINSIGHT_WORKERS = "roles[0].worker_node[0]"


def _hdinsight(kind: str) -> TfType:
    return _arm(
        "Microsoft.HDInsight/clusters",
        {
            "kind": const(kind),
            "tier": Attr("tier"),
            "engine_version": Attr("cluster_version"),
            "instance_type": Attr(f"{_HDINSIGHT_WORKERS}.vm_size"),
            "node_count": Attr(f"{_HDINSIGHT_WORKERS}.target_instance_count", "int"),
        },
    )


AZURE_TYPES: dict[str, TfType] = {
    # ---------------------------------------------------------------- compute
    "azurerm_virtual_machine": _arm(
        _VM,
        {
            "instance_type": Attr("vm_size"),
            "os": Attr("storage_os_disk[0].os_type"),
            "data_disk_count": Attr("count(storage_data_disk)"),
        },
    ),
    "azurerm_linux_virtual_machine": _arm(
        _VM, {"instance_type": Attr("size"), "os": const("Linux")}
    ),
    "azurerm_windows_virtual_machine": _arm(
        _VM, {"instance_type": Attr("size"), "os": const("Windows")}
    ),
    "azurerm_linux_virtual_machine_scale_set": _arm(_VMSS, {**_VMSS_ATTRS, "os": const("Linux")}),
    "azurerm_windows_virtual_machine_scale_set": _arm(
        _VMSS, {**_VMSS_ATTRS, "os": const("Windows")}
    ),
    "azurerm_orchestrated_virtual_machine_scale_set": _arm(
        _VMSS, {"instance_type": Attr("sku_name"), "node_count": Attr("instances", "int")}
    ),
    # Retired by the provider (4.0), still in old states.
    "azurerm_virtual_machine_scale_set": _arm(
        _VMSS,
        {"instance_type": Attr("sku[0].name"), "node_count": Attr("sku[0].capacity", "int")},
    ),
    # Software installed on a machine, and scripts run on it (neither their settings nor
    # their scripts are read): Resource Manager lists both below the machine.
    "azurerm_virtual_machine_extension": _arm(
        "Microsoft.Compute/virtualMachines/extensions",
        {
            "kind": Attr("type"),
            "publisher": Attr("publisher"),
            "version": Attr("type_handler_version"),
        },
    ),
    "azurerm_virtual_machine_run_command": _arm("Microsoft.Compute/virtualMachines/runCommands"),
    # A machine's daily shutdown, a resource of DevTest Labs' in the machine's group.
    "azurerm_dev_test_global_vm_shutdown_schedule": _arm(
        "Microsoft.DevTestLab/schedules", {"enabled": Attr("enabled", "bool")}
    ),
    "azurerm_availability_set": _arm("Microsoft.Compute/availabilitySets"),
    "azurerm_proximity_placement_group": _arm("Microsoft.Compute/proximityPlacementGroups"),
    "azurerm_dedicated_host_group": _arm("Microsoft.Compute/hostGroups"),
    "azurerm_dedicated_host": _arm(
        "Microsoft.Compute/hostGroups/hosts", {"instance_type": Attr("sku_name")}
    ),
    "azurerm_ssh_public_key": _arm("Microsoft.Compute/sshPublicKeys"),
    "azurerm_image": _arm("Microsoft.Compute/images"),
    "azurerm_shared_image_gallery": _arm("Microsoft.Compute/galleries"),
    "azurerm_shared_image": _arm("Microsoft.Compute/galleries/images", {"os": Attr("os_type")}),
    "azurerm_shared_image_version": _arm("Microsoft.Compute/galleries/images/versions"),
    # ---------------------------------------------------------------- block storage
    "azurerm_managed_disk": _arm(
        "Microsoft.Compute/disks",
        {
            "size_bytes": Attr("disk_size_gb", "GiB"),
            "volume_type": Attr("storage_account_type"),
        },
    ),
    "azurerm_snapshot": _arm(
        "Microsoft.Compute/snapshots", {"size_bytes": Attr("disk_size_gb", "GiB")}
    ),
    "azurerm_disk_encryption_set": _arm("Microsoft.Compute/diskEncryptionSets"),
    # ---------------------------------------------------------------- object and file storage
    "azurerm_storage_account": _arm(
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
    "azurerm_storage_container": _arm(
        _CONTAINERS, id=_STORAGE_CHILD.format(service="blobServices", kind="containers")
    ),
    # A Data Lake Gen2 file system is a blob container of a hierarchical account.
    "azurerm_storage_data_lake_gen2_filesystem": _arm(
        _CONTAINERS, id=_STORAGE_CHILD.format(service="blobServices", kind="containers")
    ),
    "azurerm_storage_share": _arm(
        "Microsoft.Storage/storageAccounts/fileServices/shares",
        # The share's quota: what it may hold, not what it holds.
        {"max_size_bytes": Attr("quota", "GiB"), "access_tier": Attr("access_tier")},
        id=_STORAGE_CHILD.format(service="fileServices", kind="shares"),
    ),
    "azurerm_storage_queue": _arm(
        "Microsoft.Storage/storageAccounts/queueServices/queues",
        id=_STORAGE_CHILD.format(service="queueServices", kind="queues"),
    ),
    "azurerm_storage_table": _arm(
        "Microsoft.Storage/storageAccounts/tableServices/tables",
        id=_STORAGE_CHILD.format(service="tableServices", kind="tables"),
    ),
    "azurerm_netapp_account": _arm("Microsoft.NetApp/netAppAccounts"),
    "azurerm_netapp_pool": _arm(
        "Microsoft.NetApp/netAppAccounts/capacityPools", {"tier": Attr("service_level")}
    ),
    "azurerm_netapp_volume": _arm(
        "Microsoft.NetApp/netAppAccounts/capacityPools/volumes",
        {"tier": Attr("service_level"), "max_size_bytes": Attr("storage_quota_in_gb", "GiB")},
    ),
    # ---------------------------------------------------------------- networking
    "azurerm_virtual_network": _arm(
        "Microsoft.Network/virtualNetworks",
        {"cidr_block": Attr("join(',', address_space || `[]`)")},
    ),
    "azurerm_subnet": _arm(
        "Microsoft.Network/virtualNetworks/subnets",
        {"cidr_block": Attr("join(',', address_prefixes || `[]`)")},
    ),
    "azurerm_network_security_group": _arm("Microsoft.Network/networkSecurityGroups"),
    "azurerm_application_security_group": _arm("Microsoft.Network/applicationSecurityGroups"),
    "azurerm_network_interface": _arm("Microsoft.Network/networkInterfaces"),
    "azurerm_public_ip": _arm("Microsoft.Network/publicIPAddresses", {"tier": Attr("sku")}),
    "azurerm_public_ip_prefix": _arm("Microsoft.Network/publicIPPrefixes"),
    "azurerm_nat_gateway": _arm("Microsoft.Network/natGateways", {"tier": Attr("sku_name")}),
    "azurerm_route_table": _arm("Microsoft.Network/routeTables"),
    "azurerm_private_endpoint": _arm("Microsoft.Network/privateEndpoints"),
    "azurerm_private_link_service": _arm("Microsoft.Network/privateLinkServices"),
    "azurerm_ip_group": _arm("Microsoft.Network/ipGroups"),
    "azurerm_network_ddos_protection_plan": _arm("Microsoft.Network/ddosProtectionPlans"),
    "azurerm_network_watcher": _arm("Microsoft.Network/networkWatchers"),
    "azurerm_network_watcher_flow_log": _arm(
        "Microsoft.Network/networkWatchers/flowLogs",
        {
            "enabled": Attr("enabled", "bool"),
            "retention_days": Attr("retention_policy[0].days", "int"),
        },
    ),
    "azurerm_bastion_host": _arm(
        "Microsoft.Network/bastionHosts",
        {"tier": Attr("sku"), "node_count": Attr("scale_units", "int")},
    ),
    "azurerm_firewall": _arm(
        "Microsoft.Network/azureFirewalls",
        {"tier": Attr("sku_tier"), "kind": Attr("sku_name")},
    ),
    "azurerm_firewall_policy": _arm("Microsoft.Network/firewallPolicies", {"tier": Attr("sku")}),
    "azurerm_web_application_firewall_policy": _arm(
        "Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies"
    ),
    "azurerm_private_dns_resolver": _arm("Microsoft.Network/dnsResolvers"),
    "azurerm_private_dns_resolver_inbound_endpoint": _arm(
        "Microsoft.Network/dnsResolvers/inboundEndpoints"
    ),
    "azurerm_private_dns_resolver_outbound_endpoint": _arm(
        "Microsoft.Network/dnsResolvers/outboundEndpoints"
    ),
    "azurerm_private_dns_resolver_dns_forwarding_ruleset": _arm(
        "Microsoft.Network/dnsForwardingRulesets"
    ),
    "azurerm_network_manager": _arm("Microsoft.Network/networkManagers"),
    # ---------------------------------------------------------------- hybrid connectivity
    "azurerm_virtual_network_gateway": _arm(
        "Microsoft.Network/virtualNetworkGateways",
        {"tier": Attr("sku"), "kind": Attr("type")},
    ),
    "azurerm_virtual_network_gateway_connection": _arm(
        "Microsoft.Network/connections", {"kind": Attr("type")}
    ),
    "azurerm_local_network_gateway": _arm("Microsoft.Network/localNetworkGateways"),
    "azurerm_express_route_circuit": _arm(
        "Microsoft.Network/expressRouteCircuits",
        {"tier": Attr("sku[0].tier"), "bandwidth_mbps": Attr("bandwidth_in_mbps", "int")},
    ),
    "azurerm_virtual_wan": _arm("Microsoft.Network/virtualWans", {"kind": Attr("type")}),
    "azurerm_virtual_hub": _arm("Microsoft.Network/virtualHubs", {"tier": Attr("sku")}),
    "azurerm_vpn_gateway": _arm("Microsoft.Network/vpnGateways"),
    "azurerm_point_to_site_vpn_gateway": _arm("Microsoft.Network/p2sVpnGateways"),
    "azurerm_express_route_gateway": _arm("Microsoft.Network/expressRouteGateways"),
    "azurerm_vpn_site": _arm("Microsoft.Network/vpnSites"),
    # ---------------------------------------------------------------- load balancing
    "azurerm_lb": _arm("Microsoft.Network/loadBalancers", {"tier": Attr("sku")}),
    "azurerm_application_gateway": _arm(
        "Microsoft.Network/applicationGateways",
        {
            "tier": Attr("sku[0].tier"),
            "node_count": Attr("sku[0].capacity", "int"),
            "autoscale_min": Attr("autoscale_configuration[0].min_capacity", "int"),
            "autoscale_max": Attr("autoscale_configuration[0].max_capacity", "int"),
        },
    ),
    "azurerm_traffic_manager_profile": _arm(
        "Microsoft.Network/trafficManagerProfiles", region=_GLOBAL
    ),
    # ---------------------------------------------------------------- kubernetes
    "azurerm_kubernetes_cluster": _arm(
        "Microsoft.ContainerService/managedClusters",
        {
            "engine_version": Attr("current_kubernetes_version || kubernetes_version"),
            # The default pool only: Terraform keeps the other pools as their own resources.
            "node_count": Attr("default_node_pool[0].node_count", "int"),
        },
    ),
    "azurerm_kubernetes_cluster_node_pool": _arm(
        "Microsoft.ContainerService/managedClusters/agentPools",
        {"node_count": Attr("node_count", "int"), "instance_type": Attr("vm_size")},
    ),
    # ---------------------------------------------------------------- registries
    "azurerm_container_registry": _arm(
        "Microsoft.ContainerRegistry/registries", {"tier": Attr("sku")}
    ),
    # Its service URI and headers may hold credentials: only its status is read.
    "azurerm_container_registry_webhook": _arm(
        "Microsoft.ContainerRegistry/registries/webhooks", {"status": Attr("status")}
    ),
    # ---------------------------------------------------------------- functions
    "azurerm_function_app": _arm(
        _SITES,
        {
            "kind": Attr("kind || (os_type == 'linux' && 'functionapp,linux') || 'functionapp'"),
            "runtime": Attr(_LINUX_STACK),
        },
    ),
    "azurerm_linux_function_app": _arm(_SITES, _FUNCTION_LINUX),
    "azurerm_windows_function_app": _arm(_SITES, _FUNCTION_WINDOWS),
    "azurerm_function_app_slot": _arm(
        _SLOTS,
        {
            "kind": Attr("kind || (os_type == 'linux' && 'functionapp,linux') || 'functionapp'"),
            "runtime": Attr(_LINUX_STACK),
        },
    ),
    "azurerm_linux_function_app_slot": _arm(_SLOTS, _FUNCTION_LINUX),
    "azurerm_windows_function_app_slot": _arm(_SLOTS, _FUNCTION_WINDOWS),
    # ---------------------------------------------------------------- containers
    "azurerm_container_app": _arm("Microsoft.App/containerApps"),
    "azurerm_container_app_environment": _arm("Microsoft.App/managedEnvironments"),
    # Metadata only: the certificate and its password are never read.
    "azurerm_container_app_environment_certificate": _arm(
        "Microsoft.App/managedEnvironments/certificates"
    ),
    "azurerm_container_app_job": _arm("Microsoft.App/jobs"),
    # The container definitions hold environment variables: only the OS and SKU are read.
    "azurerm_container_group": _arm(
        "Microsoft.ContainerInstance/containerGroups",
        {"os": Attr("os_type"), "tier": Attr("sku")},
    ),
    # ---------------------------------------------------------------- app platforms
    "azurerm_app_service": _arm(_SITES, {"runtime": Attr(f"{_LINUX_STACK} || {_WINDOWS_STACK}")}),
    "azurerm_linux_web_app": _arm(_SITES, {"kind": Attr("kind"), "runtime": Attr(_LINUX_STACK)}),
    "azurerm_windows_web_app": _arm(
        _SITES, {"kind": Attr("kind"), "runtime": Attr(_WINDOWS_STACK)}
    ),
    "azurerm_app_service_slot": _arm(
        _SLOTS, {"runtime": Attr(f"{_LINUX_STACK} || {_WINDOWS_STACK}")}
    ),
    "azurerm_linux_web_app_slot": _arm(
        _SLOTS, {"kind": Attr("kind"), "runtime": Attr(_LINUX_STACK)}
    ),
    "azurerm_windows_web_app_slot": _arm(
        _SLOTS, {"kind": Attr("kind"), "runtime": Attr(_WINDOWS_STACK)}
    ),
    # Logic Apps Standard run on the Functions runtime: sites of that kind.
    "azurerm_logic_app_standard": _arm(_SITES, {"kind": Attr("kind || 'functionapp,workflowapp'")}),
    "azurerm_app_service_plan": _arm(
        _PLANS,
        {
            "instance_type": Attr("sku[0].size"),
            "node_count": Attr("sku[0].capacity", "int"),
            "kind": Attr("lower(kind)"),
        },
    ),
    "azurerm_service_plan": _arm(
        _PLANS,
        {
            "instance_type": Attr("sku_name"),
            "node_count": Attr("worker_count", "int"),
            "kind": Attr("kind"),
        },
    ),
    "azurerm_app_service_environment_v3": _arm("Microsoft.Web/hostingEnvironments"),
    "azurerm_static_web_app": _arm("Microsoft.Web/staticSites", {"tier": Attr("sku_tier")}),
    "azurerm_static_site": _arm("Microsoft.Web/staticSites", {"tier": Attr("sku_tier")}),
    # A certificate's content (pfx_blob, password) is never read: it is placed and named.
    "azurerm_app_service_certificate": _arm(_CERTIFICATES),
    "azurerm_app_service_managed_certificate": _arm(
        _CERTIFICATES, parent="custom_hostname_binding_id"
    ),
    "azurerm_logic_app_workflow": _arm("Microsoft.Logic/workflows"),
    # Azure Spring Apps (retired by Azure in 2028), in states of its users.
    "azurerm_spring_cloud_service": _arm(
        "Microsoft.AppPlatform/Spring", {"instance_type": Attr("sku_name")}
    ),
    "azurerm_spring_cloud_app": _arm("Microsoft.AppPlatform/Spring/apps"),
    # Older providers had no location for Maps accounts, which Resource Manager keeps global.
    "azurerm_maps_account": _arm(
        "Microsoft.Maps/accounts", {"tier": Attr("sku_name")}, region=_GLOBAL_UNLESS_SET
    ),
    "azurerm_api_management": _arm(
        "Microsoft.ApiManagement/service", {"instance_type": Attr("sku_name")}
    ),
    "azurerm_app_configuration": _arm(
        "Microsoft.AppConfiguration/configurationStores", {"tier": Attr("sku")}
    ),
    "azurerm_signalr_service": _arm(
        "Microsoft.SignalRService/SignalR",
        {"instance_type": Attr("sku[0].name"), "units": Attr("sku[0].capacity", "int")},
    ),
    "azurerm_web_pubsub": _arm(
        "Microsoft.SignalRService/WebPubSub",
        {"instance_type": Attr("sku"), "units": Attr("capacity", "int")},
    ),
    # ---------------------------------------------------------------- CDN
    "azurerm_cdn_profile": _arm("Microsoft.Cdn/profiles", {"tier": Attr("sku")}),
    "azurerm_cdn_endpoint": _arm("Microsoft.Cdn/profiles/endpoints"),
    # Front Door Standard and Premium are CDN profiles with a Front Door SKU.
    "azurerm_cdn_frontdoor_profile": _arm(
        "Microsoft.Cdn/profiles", {"tier": Attr("sku_name")}, region=_GLOBAL
    ),
    "azurerm_cdn_frontdoor_endpoint": _arm("Microsoft.Cdn/profiles/afdEndpoints"),
    "azurerm_cdn_frontdoor_firewall_policy": _arm(
        "Microsoft.Network/frontDoorWebApplicationFirewallPolicies",
        {"tier": Attr("sku_name")},
        region=_GLOBAL,
    ),
    # Front Door (classic); Standard and Premium are azurerm_cdn_frontdoor_profile.
    "azurerm_frontdoor": _arm("Microsoft.Network/frontDoors", region=_GLOBAL),
    "azurerm_frontdoor_firewall_policy": _arm(
        "Microsoft.Network/frontDoorWebApplicationFirewallPolicies", region=_GLOBAL
    ),
    # ---------------------------------------------------------------- DNS
    "azurerm_dns_zone": _arm(
        "Microsoft.Network/dnszones",
        {"record_count": Attr("number_of_record_sets", "int")},
        region=_GLOBAL,
    ),
    "azurerm_private_dns_zone": _arm(
        "Microsoft.Network/privateDnsZones",
        {"record_count": Attr("number_of_record_sets", "int")},
        region=_GLOBAL,
    ),
    # ---------------------------------------------------------------- relational databases
    "azurerm_postgresql_flexible_server": _arm(
        "Microsoft.DBforPostgreSQL/flexibleServers",
        {
            "engine": const("postgres"),
            "engine_version": Attr("version"),
            "instance_type": Attr("sku_name"),
            "size_bytes": Attr("storage_mb", "MiB"),
            "high_availability": Attr("high_availability[0].mode"),
        },
    ),
    "azurerm_postgresql_flexible_server_database": _arm(
        "Microsoft.DBforPostgreSQL/flexibleServers/databases", _POSTGRES
    ),
    # Single Server, retired by Azure: still in old states.
    "azurerm_postgresql_server": _arm(
        "Microsoft.DBforPostgreSQL/servers",
        {
            "engine": const("postgres"),
            "engine_version": Attr("version"),
            "instance_type": Attr("sku_name"),
            "size_bytes": Attr("storage_mb", "MiB"),
        },
    ),
    "azurerm_postgresql_database": _arm("Microsoft.DBforPostgreSQL/servers/databases", _POSTGRES),
    # Cosmos DB for PostgreSQL (Citus).
    "azurerm_cosmosdb_postgresql_cluster": _arm(
        "Microsoft.DBforPostgreSQL/serverGroupsv2",
        {
            "engine": const("postgres"),
            "engine_version": Attr("sql_version"),
            "node_count": Attr("node_count", "int"),
        },
    ),
    "azurerm_mysql_flexible_server": _arm(
        "Microsoft.DBforMySQL/flexibleServers",
        {
            "engine": const("mysql"),
            "engine_version": Attr("version"),
            "instance_type": Attr("sku_name"),
            "size_bytes": Attr("storage[0].size_gb", "GiB"),
            "high_availability": Attr("high_availability[0].mode"),
        },
    ),
    "azurerm_mysql_flexible_database": _arm(
        "Microsoft.DBforMySQL/flexibleServers/databases", _MYSQL
    ),
    "azurerm_mysql_server": _arm(
        "Microsoft.DBforMySQL/servers",
        {
            "engine": const("mysql"),
            "engine_version": Attr("version"),
            "instance_type": Attr("sku_name"),
            "size_bytes": Attr("storage_mb", "MiB"),
        },
    ),
    "azurerm_mysql_database": _arm("Microsoft.DBforMySQL/servers/databases", _MYSQL),
    "azurerm_mariadb_server": _arm(
        "Microsoft.DBforMariaDB/servers",
        {
            **_MARIADB,
            "engine_version": Attr("version"),
            "instance_type": Attr("sku_name"),
            "size_bytes": Attr("storage_mb", "MiB"),
        },
    ),
    "azurerm_mariadb_database": _arm("Microsoft.DBforMariaDB/servers/databases", _MARIADB),
    "azurerm_mssql_server": _arm(
        "Microsoft.Sql/servers",
        {"engine": const("sqlserver"), "engine_version": Attr("version")},
    ),
    "azurerm_mssql_database": _arm(
        _SQL_DATABASES,
        {
            "engine": const("sqlserver"),
            "instance_type": Attr("sku_name"),
            # The size the database may grow to, as the live connector keeps it.
            "max_size_bytes": Attr("max_size_gb", "GiB"),
        },
    ),
    "azurerm_mssql_elasticpool": _arm(
        "Microsoft.Sql/servers/elasticPools",
        {
            **_SQLSERVER,
            "instance_type": Attr("sku[0].name"),
            "tier": Attr("sku[0].tier"),
            "max_size_bytes": Attr("max_size_gb", "GiB"),
        },
    ),
    "azurerm_mssql_managed_instance": _arm(
        "Microsoft.Sql/managedInstances",
        {
            **_SQLSERVER,
            "instance_type": Attr("sku_name"),
            "vcpu": Attr("vcores", "int"),
            "size_bytes": Attr("storage_size_in_gb", "GiB"),
        },
    ),
    "azurerm_mssql_managed_database": _arm("Microsoft.Sql/managedInstances/databases", _SQLSERVER),
    # SQL Server on a virtual machine: the VM's licence and its location.
    "azurerm_mssql_virtual_machine": _arm(
        "Microsoft.SqlVirtualMachine/sqlVirtualMachines",
        {**_SQLSERVER, "license": Attr("sql_license_type")},
        parent="virtual_machine_id",
    ),
    # The provider's first SQL resources (retired in 4.0), in old states.
    "azurerm_sql_server": _arm(
        "Microsoft.Sql/servers", {**_SQLSERVER, "engine_version": Attr("version")}
    ),
    "azurerm_sql_database": _arm(
        _SQL_DATABASES,
        {
            **_SQLSERVER,
            "instance_type": Attr("requested_service_objective_name"),
            "tier": Attr("edition"),
            "max_size_bytes": Attr("max_size_bytes", "int"),
        },
    ),
    "azurerm_sql_elasticpool": _arm(
        "Microsoft.Sql/servers/elasticPools", {**_SQLSERVER, "tier": Attr("edition")}
    ),
    # ---------------------------------------------------------------- NoSQL and documents
    "azurerm_cosmosdb_account": _arm(_COSMOS, {"kind": Attr("kind"), "engine": Attr(_COSMOS_API)}),
    "azurerm_cosmosdb_sql_database": _arm(f"{_COSMOS}/sqlDatabases", _THROUGHPUT),
    "azurerm_cosmosdb_sql_container": _arm(f"{_COSMOS}/sqlDatabases/containers", _THROUGHPUT),
    "azurerm_cosmosdb_mongo_database": _arm(f"{_COSMOS}/mongodbDatabases", _THROUGHPUT),
    "azurerm_cosmosdb_mongo_collection": _arm(
        f"{_COSMOS}/mongodbDatabases/collections", _THROUGHPUT
    ),
    "azurerm_cosmosdb_table": _arm(f"{_COSMOS}/tables", _THROUGHPUT),
    "azurerm_cosmosdb_cassandra_keyspace": _arm(f"{_COSMOS}/cassandraKeyspaces", _THROUGHPUT),
    "azurerm_cosmosdb_cassandra_table": _arm(f"{_COSMOS}/cassandraKeyspaces/tables", _THROUGHPUT),
    "azurerm_cosmosdb_gremlin_database": _arm(f"{_COSMOS}/gremlinDatabases", _THROUGHPUT),
    "azurerm_cosmosdb_gremlin_graph": _arm(f"{_COSMOS}/gremlinDatabases/graphs", _THROUGHPUT),
    # ---------------------------------------------------------------- caches
    "azurerm_redis_cache": _arm(
        "Microsoft.Cache/Redis",
        {
            "engine": const("redis"),
            "engine_version": Attr("redis_version"),
            "instance_type": Attr("family && join('', [family, to_string(capacity)])"),
            "tier": Attr("sku_name"),
        },
    ),
    "azurerm_redis_enterprise_cluster": _arm(
        "Microsoft.Cache/redisEnterprise",
        {"engine": const("redis"), "instance_type": Attr("sku_name")},
    ),
    "azurerm_redis_enterprise_database": _arm(
        "Microsoft.Cache/redisEnterprise/databases", {"engine": const("redis")}
    ),
    # Azure Managed Redis: Redis Enterprise clusters under another name (azurerm 4.x).
    "azurerm_managed_redis": _arm(
        "Microsoft.Cache/redisEnterprise",
        {"engine": const("redis"), "instance_type": Attr("sku_name")},
    ),
    # ---------------------------------------------------------------- warehouses and analytics
    "azurerm_synapse_workspace": _arm("Microsoft.Synapse/workspaces"),
    "azurerm_synapse_sql_pool": _arm(
        "Microsoft.Synapse/workspaces/sqlPools", {"instance_type": Attr("sku_name")}
    ),
    "azurerm_synapse_spark_pool": _arm(
        "Microsoft.Synapse/workspaces/bigDataPools",
        {"instance_type": Attr("node_size"), "node_count": Attr("node_count", "int")},
    ),
    "azurerm_data_factory": _arm("Microsoft.DataFactory/factories"),
    "azurerm_databricks_workspace": _arm("Microsoft.Databricks/workspaces", {"tier": Attr("sku")}),
    "azurerm_kusto_cluster": _arm(
        "Microsoft.Kusto/clusters",
        {"instance_type": Attr("sku[0].name"), "node_count": Attr("sku[0].capacity", "int")},
    ),
    "azurerm_kusto_database": _arm("Microsoft.Kusto/clusters/databases"),
    "azurerm_stream_analytics_job": _arm(
        "Microsoft.StreamAnalytics/streamingjobs",
        {"streaming_units": Attr("streaming_units", "int")},
    ),
    "azurerm_hdinsight_hadoop_cluster": _hdinsight("hadoop"),
    "azurerm_hdinsight_spark_cluster": _hdinsight("spark"),
    "azurerm_hdinsight_kafka_cluster": _hdinsight("kafka"),
    "azurerm_hdinsight_hbase_cluster": _hdinsight("hbase"),
    "azurerm_hdinsight_interactive_query_cluster": _hdinsight("interactivehive"),
    "azurerm_purview_account": _arm("Microsoft.Purview/accounts"),
    "azurerm_search_service": _arm(
        "Microsoft.Search/searchServices",
        {
            "tier": Attr("sku"),
            "replica_count": Attr("replica_count", "int"),
            "partition_count": Attr("partition_count", "int"),
        },
    ),
    "azurerm_batch_account": _arm("Microsoft.Batch/batchAccounts"),
    "azurerm_batch_pool": _arm(
        "Microsoft.Batch/batchAccounts/pools",
        {
            "instance_type": Attr("vm_size"),
            "node_count": Attr("fixed_scale[0].target_dedicated_nodes", "int"),
        },
    ),
    # ---------------------------------------------------------------- AI and machine learning
    "azurerm_cognitive_account": _arm(
        "Microsoft.CognitiveServices/accounts", {"kind": Attr("kind"), "tier": Attr("sku_name")}
    ),
    # The model a deployment serves; 3.x kept its capacity in `scale`, 4.x in `sku`.
    "azurerm_cognitive_deployment": _arm(
        "Microsoft.CognitiveServices/accounts/deployments",
        {
            "model": Attr("model[0].name"),
            "engine_version": Attr("model[0].version"),
            "tier": Attr("sku[0].name || scale[0].type"),
            "capacity": Attr("sku[0].capacity || scale[0].capacity", "int"),
        },
    ),
    "azurerm_machine_learning_workspace": _arm("Microsoft.MachineLearningServices/workspaces"),
    "azurerm_machine_learning_compute_cluster": _arm(
        "Microsoft.MachineLearningServices/workspaces/computes",
        {"instance_type": Attr("vm_size")},
    ),
    "azurerm_machine_learning_compute_instance": _arm(
        "Microsoft.MachineLearningServices/workspaces/computes",
        {"instance_type": Attr("virtual_machine_size")},
    ),
    # ---------------------------------------------------------------- messaging and events
    "azurerm_servicebus_namespace": _arm("Microsoft.ServiceBus/namespaces", {"tier": Attr("sku")}),
    "azurerm_servicebus_queue": _arm(
        "Microsoft.ServiceBus/namespaces/queues",
        {"max_size_bytes": Attr("max_size_in_megabytes", "MiB")},
    ),
    "azurerm_servicebus_topic": _arm(
        "Microsoft.ServiceBus/namespaces/topics",
        {"max_size_bytes": Attr("max_size_in_megabytes", "MiB")},
    ),
    "azurerm_servicebus_subscription": _arm("Microsoft.ServiceBus/namespaces/topics/subscriptions"),
    "azurerm_eventhub_namespace": _arm(
        "Microsoft.EventHub/namespaces",
        {"tier": Attr("sku"), "throughput_units": Attr("capacity", "int")},
    ),
    "azurerm_eventhub": _arm(
        "Microsoft.EventHub/namespaces/eventhubs",
        {
            "partition_count": Attr("partition_count", "int"),
            "retention_days": Attr("message_retention", "int"),
        },
    ),
    "azurerm_eventhub_consumer_group": _arm(
        "Microsoft.EventHub/namespaces/eventhubs/consumergroups"
    ),
    "azurerm_eventgrid_topic": _arm("Microsoft.EventGrid/topics"),
    "azurerm_eventgrid_domain": _arm("Microsoft.EventGrid/domains"),
    "azurerm_eventgrid_system_topic": _arm(
        "Microsoft.EventGrid/systemTopics", {"kind": Attr("topic_type")}
    ),
    # Extension resources of the topic (or resource) they read from: placed where it is.
    "azurerm_eventgrid_event_subscription": _arm("Microsoft.EventGrid/eventSubscriptions"),
    "azurerm_eventgrid_system_topic_event_subscription": _arm(
        "Microsoft.EventGrid/systemTopics/eventSubscriptions"
    ),
    "azurerm_relay_namespace": _arm("Microsoft.Relay/namespaces", {"tier": Attr("sku_name")}),
    "azurerm_notification_hub_namespace": _arm(
        "Microsoft.NotificationHubs/namespaces", {"tier": Attr("sku_name")}
    ),
    "azurerm_notification_hub": _arm("Microsoft.NotificationHubs/namespaces/notificationHubs"),
    # Communication Services are global; `data_location` is where their data rests.
    "azurerm_communication_service": _arm(
        "Microsoft.Communication/CommunicationServices", region=_GLOBAL
    ),
    "azurerm_email_communication_service": _arm(
        "Microsoft.Communication/EmailServices", region=_GLOBAL
    ),
    "azurerm_iothub": _arm(
        "Microsoft.Devices/IotHubs",
        {"instance_type": Attr("sku[0].name"), "units": Attr("sku[0].capacity", "int")},
    ),
    # ---------------------------------------------------------------- secrets and keys
    "azurerm_key_vault": _arm("Microsoft.KeyVault/vaults", {"tier": Attr("sku_name")}),
    # The key's type only (RSA, EC); its public parts are not kept either.
    "azurerm_key_vault_key": _arm(
        "Microsoft.KeyVault/vaults/keys", {"kind": Attr("key_type")}, id=_VAULT_KEY
    ),
    "azurerm_key_vault_managed_hardware_security_module": _arm(
        "Microsoft.KeyVault/managedHSMs", {"tier": Attr("sku_name")}
    ),
    "azurerm_user_assigned_identity": _arm("Microsoft.ManagedIdentity/userAssignedIdentities"),
    # ---------------------------------------------------------------- logging and monitoring
    "azurerm_log_analytics_workspace": _arm(
        "Microsoft.OperationalInsights/workspaces",
        {"tier": Attr("sku"), "retention_days": Attr("retention_in_days", "int")},
    ),
    "azurerm_log_analytics_solution": _arm(
        "Microsoft.OperationsManagement/solutions", {"kind": Attr("solution_name")}
    ),
    "azurerm_application_insights": _arm(
        "Microsoft.Insights/components",
        {"kind": Attr("application_type"), "retention_days": Attr("retention_in_days", "int")},
    ),
    "azurerm_application_insights_workbook": _arm("Microsoft.Insights/workbooks"),
    "azurerm_application_insights_web_test": _arm(_WEB_TESTS),
    "azurerm_application_insights_standard_web_test": _arm(_WEB_TESTS),
    "azurerm_monitor_action_group": _arm(
        "Microsoft.Insights/actionGroups", region=_GLOBAL_UNLESS_SET
    ),
    "azurerm_monitor_metric_alert": _arm("Microsoft.Insights/metricAlerts", region=_GLOBAL),
    "azurerm_monitor_activity_log_alert": _arm(
        "Microsoft.Insights/activityLogAlerts", region=_GLOBAL_UNLESS_SET
    ),
    "azurerm_monitor_scheduled_query_rules_alert": _arm(_SCHEDULED_QUERIES),
    "azurerm_monitor_scheduled_query_rules_alert_v2": _arm(_SCHEDULED_QUERIES),
    "azurerm_monitor_scheduled_query_rules_log": _arm(_SCHEDULED_QUERIES),
    "azurerm_monitor_smart_detector_alert_rule": _arm(
        "Microsoft.AlertsManagement/smartDetectorAlertRules", region=_GLOBAL
    ),
    "azurerm_monitor_autoscale_setting": _arm("Microsoft.Insights/autoscaleSettings"),
    "azurerm_monitor_data_collection_rule": _arm("Microsoft.Insights/dataCollectionRules"),
    "azurerm_monitor_data_collection_endpoint": _arm("Microsoft.Insights/dataCollectionEndpoints"),
    "azurerm_monitor_workspace": _arm("Microsoft.Monitor/accounts"),
    "azurerm_monitor_alert_prometheus_rule_group": _arm(
        "Microsoft.AlertsManagement/prometheusRuleGroups"
    ),
    "azurerm_monitor_private_link_scope": _arm(
        "Microsoft.Insights/privateLinkScopes", region=_GLOBAL
    ),
    "azurerm_dashboard_grafana": _arm("Microsoft.Dashboard/grafana", {"tier": Attr("sku")}),
    "azurerm_portal_dashboard": _arm(_DASHBOARDS),
    "azurerm_dashboard": _arm(_DASHBOARDS),
    # ---------------------------------------------------------------- backup and operations
    "azurerm_recovery_services_vault": _arm(
        "Microsoft.RecoveryServices/vaults", {"tier": Attr("sku")}
    ),
    "azurerm_data_protection_backup_vault": _arm(
        "Microsoft.DataProtection/backupVaults", {"replication": Attr("redundancy")}
    ),
    "azurerm_automation_account": _arm(
        "Microsoft.Automation/automationAccounts", {"tier": Attr("sku_name")}
    ),
    "azurerm_automation_runbook": _arm(
        "Microsoft.Automation/automationAccounts/runbooks", {"kind": Attr("runbook_type")}
    ),
    "azurerm_maintenance_configuration": _arm(
        "Microsoft.Maintenance/maintenanceConfigurations", {"kind": Attr("scope")}
    ),
    # ---------------------------------------------------------------- virtual desktops
    "azurerm_virtual_desktop_host_pool": _arm(
        "Microsoft.DesktopVirtualization/hostPools", {"kind": Attr("type")}
    ),
    "azurerm_virtual_desktop_application_group": _arm(
        "Microsoft.DesktopVirtualization/applicationGroups", {"kind": Attr("type")}
    ),
    "azurerm_virtual_desktop_workspace": _arm("Microsoft.DesktopVirtualization/workspaces"),
    # ---------------------------------------------------------------- Azure, as scanned
    # The scan lists resource groups too (connectors/azure/types.py RESOURCE_GROUP).
    "azurerm_resource_group": _arm("Microsoft.Resources/resourceGroups"),
    # A subscription (made through an alias), filed under itself, as Resource Graph lists
    # it beside resource groups; one the state names no id of stays under its alias's id.
    "azurerm_subscription": _arm(
        "Microsoft.Resources/subscriptions",
        name="subscription_name",
        id="{(subscription_id && join('', ['/subscriptions/', subscription_id])) || id}",
        region=_GLOBAL,
    ),
    # Any Resource Manager resource, named by its `type` less the API version
    # (`Microsoft.Compute/sshPublicKeys@2023-03-01`). Its `body` and `output` may hold
    # anything, secrets included: only the facts the Azure connector reads of the type
    # are read from the body, by the connector's paths; the output is never read.
    "azapi_resource": _arm("{split_first(type, '@')}"),
}

# Resource Manager types compare without regard to case, and azapi's `type` is spelled as
# its author wrote it: an imported type is spelled as the scan, or this table, spells it.
_SPELLINGS = {
    **{s.native.lower(): s.native for s in AZURE_TYPES.values() if "{" not in s.native},
    **CANONICAL,
}


def arm_type(kind: str) -> str:
    return _SPELLINGS.get(kind.lower(), kind)
