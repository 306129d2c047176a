"""The Azure part of the Terraform type table: `azurerm_*` types as the native types
the Azure connector gives (see `tfspec` for what each entry says)."""

from __future__ import annotations

from connectors.attributes import Attr

from .tfspec import TfType, const

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

_SITES = "Microsoft.Web/sites"

_PLANS = "Microsoft.Web/serverFarms"

# Function apps are Microsoft.Web/sites of kind functionapp (the catalogue tells them from
# web apps by it); the kind Terraform read back is kept, the type's own kind otherwise.
_FUNCTION_LINUX = {
    "kind": Attr("kind || 'functionapp,linux'"),
    "runtime": Attr(_LINUX_STACK),
}

AZURE_TYPES: dict[str, TfType] = {
    # ---------------------------------------------------------------- compute
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
        "azure", _VM, {"instance_type": Attr("size"), "os": const("Linux")}
    ),
    "azurerm_windows_virtual_machine": TfType(
        "azure", _VM, {"instance_type": Attr("size"), "os": const("Windows")}
    ),
    # ---------------------------------------------------------------- block storage
    "azurerm_managed_disk": TfType(
        "azure",
        "Microsoft.Compute/disks",
        {
            "size_bytes": Attr("disk_size_gb", "GiB"),
            "volume_type": Attr("storage_account_type"),
        },
    ),
    # ---------------------------------------------------------------- object storage
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
    # ---------------------------------------------------------------- networking
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
    # ---------------------------------------------------------------- load balancing
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
    # ---------------------------------------------------------------- kubernetes
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
    # ---------------------------------------------------------------- registries
    "azurerm_container_registry": TfType(
        "azure", "Microsoft.ContainerRegistry/registries", {"tier": Attr("sku")}
    ),
    # ---------------------------------------------------------------- functions
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
    # ---------------------------------------------------------------- containers
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
    # ---------------------------------------------------------------- CDN
    "azurerm_cdn_profile": TfType("azure", "Microsoft.Cdn/profiles", {"tier": Attr("sku")}),
    "azurerm_cdn_endpoint": TfType("azure", "Microsoft.Cdn/profiles/endpoints"),
    # Front Door Standard and Premium are CDN profiles with a Front Door SKU.
    "azurerm_cdn_frontdoor_profile": TfType(
        "azure", "Microsoft.Cdn/profiles", {"tier": Attr("sku_name")}
    ),
    # ---------------------------------------------------------------- DNS
    "azurerm_dns_zone": TfType(
        "azure",
        "Microsoft.Network/dnszones",
        {"record_count": Attr("number_of_record_sets", "int")},
    ),
    # ---------------------------------------------------------------- relational databases
    "azurerm_postgresql_flexible_server": TfType(
        "azure",
        "Microsoft.DBforPostgreSQL/flexibleServers",
        {
            "engine": const("postgres"),
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
            "engine": const("postgres"),
            "engine_version": Attr("version"),
            "instance_type": Attr("sku_name"),
            "size_bytes": Attr("storage_mb", "MiB"),
        },
    ),
    "azurerm_mysql_flexible_server": TfType(
        "azure",
        "Microsoft.DBforMySQL/flexibleServers",
        {
            "engine": const("mysql"),
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
            "engine": const("mysql"),
            "engine_version": Attr("version"),
            "instance_type": Attr("sku_name"),
            "size_bytes": Attr("storage_mb", "MiB"),
        },
    ),
    "azurerm_mssql_server": TfType(
        "azure",
        "Microsoft.Sql/servers",
        {"engine": const("sqlserver"), "engine_version": Attr("version")},
    ),
    "azurerm_mssql_database": TfType(
        "azure",
        "Microsoft.Sql/servers/databases",
        {
            "engine": const("sqlserver"),
            "instance_type": Attr("sku_name"),
            # The size the database may grow to, as the live connector keeps it.
            "max_size_bytes": Attr("max_size_gb", "GiB"),
        },
    ),
    # ---------------------------------------------------------------- NoSQL and documents
    "azurerm_cosmosdb_account": TfType(
        "azure",
        "Microsoft.DocumentDB/databaseAccounts",
        {"kind": Attr("kind"), "engine": Attr(_COSMOS_API)},
    ),
    # ---------------------------------------------------------------- caches
    "azurerm_redis_cache": TfType(
        "azure",
        "Microsoft.Cache/Redis",
        {
            "engine": const("redis"),
            "engine_version": Attr("redis_version"),
            "instance_type": Attr("family && join('', [family, to_string(capacity)])"),
            "tier": Attr("sku_name"),
        },
    ),
    # ---------------------------------------------------------------- warehouses
    "azurerm_synapse_workspace": TfType("azure", "Microsoft.Synapse/workspaces"),
    # ---------------------------------------------------------------- messaging and events
    "azurerm_servicebus_namespace": TfType(
        "azure", "Microsoft.ServiceBus/namespaces", {"tier": Attr("sku")}
    ),
    "azurerm_eventgrid_topic": TfType("azure", "Microsoft.EventGrid/topics"),
    "azurerm_eventhub_namespace": TfType(
        "azure",
        "Microsoft.EventHub/namespaces",
        {"tier": Attr("sku"), "throughput_units": Attr("capacity", "int")},
    ),
    # ---------------------------------------------------------------- secrets and keys
    "azurerm_key_vault": TfType("azure", "Microsoft.KeyVault/vaults", {"tier": Attr("sku_name")}),
    # The key's type only (RSA, EC); its public parts are not kept either.
    "azurerm_key_vault_key": TfType(
        "azure", "Microsoft.KeyVault/vaults/keys", {"kind": Attr("key_type")}
    ),
    # ---------------------------------------------------------------- logging
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

# Parts or settings of another resource, counted and not imported (see `tfparts`).
AZURE_PARTS = frozenset(
    {
        # rules, settings and grants of a resource that is listed
        "azurerm_network_security_rule",
        "azurerm_storage_account_network_rules",
        "azurerm_role_assignment",
        "azurerm_key_vault_access_policy",
        "azurerm_key_vault_secret",
        "azurerm_monitor_diagnostic_setting",
        "azurerm_management_lock",
        "azurerm_virtual_machine_extension",
        "azurerm_private_dns_zone_virtual_network_link",
        "azurerm_lb_rule",
        "azurerm_lb_probe",
        "azurerm_lb_backend_address_pool",
        "azurerm_lb_nat_rule",
        "azurerm_mssql_firewall_rule",
        "azurerm_postgresql_flexible_server_firewall_rule",
        "azurerm_postgresql_flexible_server_configuration",
        "azurerm_postgresql_flexible_server_database",
        "azurerm_mysql_flexible_server_firewall_rule",
        "azurerm_mysql_flexible_server_configuration",
        "azurerm_mysql_flexible_database",
    }
)
