"""Azure types that are parts of another resource, counted and not imported (the rule is in
`tfparts`; how it reads for Azure is in `tftypes_azure`).

A part is what Resource Manager does not list as a resource of its own (`az resource list`
lists tracked resources, those with a location of their own): a rule, route, setting,
grant or policy of the resource it configures, an object inside a resource's data plane,
a setting of the subscription. What it lists is imported, structural or not (a virtual
machine's extensions, a registry's webhooks, a network watcher's flow logs), unless it is
one of the kinds the rule names as parts whatever the inventory lists: those are
`LISTED_PARTS`, each with its reason."""

from __future__ import annotations

# Parts whose object Resource Manager lists as a resource: why each is a part all the same.
LISTED_PARTS: dict[str, str] = {
    "azurerm_private_dns_zone_virtual_network_link": "a link: which networks resolve a "
    "private zone (Resource Manager lists it below the zone)",
}

# Parts or settings of another resource, counted and not imported (see `tfparts`).
AZURE_PARTS = frozenset(
    set(LISTED_PARTS)
    | {
        # rules of a security group, a firewall or a load balancer; routes of a table
        "azurerm_network_security_rule",
        "azurerm_route",
        "azurerm_lb_rule",
        "azurerm_lb_probe",
        "azurerm_lb_backend_address_pool",
        "azurerm_lb_backend_address_pool_address",
        "azurerm_lb_nat_rule",
        "azurerm_lb_nat_pool",
        "azurerm_lb_outbound_rule",
        "azurerm_firewall_policy_rule_collection_group",
        "azurerm_firewall_network_rule_collection",
        "azurerm_firewall_application_rule_collection",
        "azurerm_firewall_nat_rule_collection",
        "azurerm_traffic_manager_azure_endpoint",
        "azurerm_traffic_manager_external_endpoint",
        "azurerm_traffic_manager_nested_endpoint",
        # links between networks, which Resource Manager lists only below one of them
        "azurerm_private_dns_resolver_virtual_network_link",
        "azurerm_private_dns_resolver_forwarding_rule",
        "azurerm_virtual_network_peering",
        "azurerm_virtual_hub_connection",
        # what routes traffic through a Front Door or CDN profile
        "azurerm_cdn_frontdoor_origin_group",
        "azurerm_cdn_frontdoor_origin",
        "azurerm_cdn_frontdoor_route",
        "azurerm_cdn_frontdoor_rule_set",
        "azurerm_cdn_frontdoor_rule",
        "azurerm_cdn_frontdoor_custom_domain",
        "azurerm_cdn_frontdoor_security_policy",
        "azurerm_cdn_endpoint_custom_domain",
        "azurerm_frontdoor_custom_https_configuration",
        "azurerm_frontdoor_rules_engine",
        # firewall rules, settings and administrators of database servers
        "azurerm_mssql_firewall_rule",
        "azurerm_mssql_outbound_firewall_rule",
        "azurerm_mssql_virtual_network_rule",
        "azurerm_mssql_failover_group",
        "azurerm_mssql_server_extended_auditing_policy",
        "azurerm_mssql_database_extended_auditing_policy",
        "azurerm_mssql_server_security_alert_policy",
        "azurerm_mssql_server_vulnerability_assessment",
        "azurerm_mssql_server_transparent_data_encryption",
        "azurerm_mssql_managed_instance_active_directory_administrator",
        "azurerm_mssql_managed_instance_failover_group",
        "azurerm_sql_firewall_rule",
        "azurerm_sql_virtual_network_rule",
        "azurerm_sql_active_directory_administrator",
        "azurerm_postgresql_flexible_server_firewall_rule",
        "azurerm_postgresql_flexible_server_configuration",
        "azurerm_postgresql_flexible_server_active_directory_administrator",
        "azurerm_postgresql_firewall_rule",
        "azurerm_postgresql_configuration",
        "azurerm_postgresql_virtual_network_rule",
        "azurerm_postgresql_active_directory_administrator",
        "azurerm_mysql_flexible_server_firewall_rule",
        "azurerm_mysql_flexible_server_configuration",
        "azurerm_mysql_flexible_server_active_directory_administrator",
        "azurerm_mysql_firewall_rule",
        "azurerm_mysql_configuration",
        "azurerm_mysql_virtual_network_rule",
        "azurerm_mysql_active_directory_administrator",
        "azurerm_mariadb_firewall_rule",
        "azurerm_mariadb_configuration",
        "azurerm_mariadb_virtual_network_rule",
        "azurerm_redis_firewall_rule",
        "azurerm_redis_cache_access_policy",
        "azurerm_redis_cache_access_policy_assignment",
        "azurerm_synapse_firewall_rule",
        "azurerm_synapse_role_assignment",
        "azurerm_cosmosdb_sql_role_assignment",
        "azurerm_cosmosdb_sql_role_definition",
        "azurerm_cosmosdb_sql_stored_procedure",
        "azurerm_cosmosdb_sql_trigger",
        "azurerm_cosmosdb_sql_function",
        # objects and settings inside a storage account
        "azurerm_storage_account_network_rules",
        "azurerm_storage_account_customer_managed_key",
        "azurerm_storage_management_policy",
        "azurerm_storage_blob",
        "azurerm_storage_share_file",
        "azurerm_storage_share_directory",
        "azurerm_storage_data_lake_gen2_path",
        "azurerm_storage_container_immutability_policy",
        "azurerm_storage_encryption_scope",
        "azurerm_storage_object_replication",
        # grants, policies and settings of a subscription or of any resource
        "azurerm_role_assignment",
        "azurerm_role_definition",
        "azurerm_pim_eligible_role_assignment",
        "azurerm_pim_active_role_assignment",
        "azurerm_federated_identity_credential",
        "azurerm_policy_definition",
        "azurerm_policy_set_definition",
        "azurerm_policy_assignment",
        "azurerm_subscription_policy_assignment",
        "azurerm_resource_group_policy_assignment",
        "azurerm_management_group_policy_assignment",
        "azurerm_resource_policy_assignment",
        "azurerm_management_lock",
        "azurerm_monitor_diagnostic_setting",
        "azurerm_monitor_aad_diagnostic_setting",
        "azurerm_resource_provider_registration",
        "azurerm_marketplace_agreement",
        "azurerm_consumption_budget_subscription",
        "azurerm_consumption_budget_resource_group",
        "azurerm_security_center_subscription_pricing",
        "azurerm_security_center_contact",
        "azurerm_security_center_setting",
        "azurerm_security_center_workspace",
        "azurerm_security_center_auto_provisioning",
        "azurerm_advanced_threat_protection",
        # the tenant's structure above subscriptions, which Azure inventories are filed by
        # and Resource Manager's resource list does not hold
        "azurerm_management_group",
        # deployments of ARM templates: records of a run, kept in a resource group's (or a
        # subscription's) history, not listed as resources; what a template deploys is not
        # in the Terraform state at all
        "azurerm_resource_group_template_deployment",
        "azurerm_subscription_template_deployment",
        "azurerm_management_group_template_deployment",
        "azurerm_tenant_template_deployment",
        "azurerm_template_deployment",
        # secrets, certificates and access of a key vault; keys of messaging namespaces
        "azurerm_key_vault_access_policy",
        "azurerm_key_vault_secret",
        "azurerm_key_vault_certificate",
        "azurerm_key_vault_certificate_issuer",
        "azurerm_key_vault_certificate_contacts",
        "azurerm_servicebus_namespace_authorization_rule",
        "azurerm_servicebus_queue_authorization_rule",
        "azurerm_servicebus_topic_authorization_rule",
        "azurerm_servicebus_subscription_rule",
        "azurerm_servicebus_namespace_network_rule_set",
        "azurerm_eventhub_authorization_rule",
        "azurerm_eventhub_namespace_authorization_rule",
        "azurerm_iothub_consumer_group",
        "azurerm_iothub_shared_access_policy",
        "azurerm_iothub_route",
        "azurerm_notification_hub_authorization_rule",
        "azurerm_relay_namespace_authorization_rule",
        # extensions and settings of clusters, scale sets, registries and apps
        "azurerm_virtual_machine_scale_set_extension",
        "azurerm_kubernetes_cluster_extension",
        "azurerm_kubernetes_flux_configuration",
        "azurerm_container_registry_scope_map",
        "azurerm_container_registry_token",
        "azurerm_container_registry_cache_rule",
        "azurerm_container_app_environment_storage",
        "azurerm_container_app_environment_dapr_component",
        "azurerm_container_app_custom_domain",
        "azurerm_app_service_custom_hostname_binding",
        "azurerm_app_service_certificate_binding",
        "azurerm_app_service_virtual_network_swift_connection",
        "azurerm_app_service_source_control",
        "azurerm_app_service_connection",
        "azurerm_function_app_connection",
        "azurerm_web_app_active_slot",
        "azurerm_function_app_active_slot",
        "azurerm_static_web_app_custom_domain",
        "azurerm_log_analytics_saved_search",
        "azurerm_log_analytics_linked_service",
        "azurerm_log_analytics_linked_storage_account",
        "azurerm_log_analytics_data_export_rule",
        "azurerm_log_analytics_workspace_table",
        "azurerm_application_insights_api_key",
        "azurerm_application_insights_smart_detection_rule",
        # backup policies, and the protection of a resource by a vault
        "azurerm_backup_policy_vm",
        "azurerm_backup_policy_file_share",
        "azurerm_backup_protected_vm",
        "azurerm_backup_protected_file_share",
        "azurerm_backup_container_storage_account",
        "azurerm_data_protection_backup_policy_disk",
        "azurerm_data_protection_backup_policy_blob_storage",
        "azurerm_data_protection_backup_policy_postgresql_flexible_server",
        "azurerm_data_protection_backup_instance_disk",
        "azurerm_data_protection_backup_instance_blob_storage",
        "azurerm_data_protection_backup_instance_postgresql_flexible_server",
        # the schedules, variables and modules of an automation account
        "azurerm_automation_schedule",
        "azurerm_automation_job_schedule",
        "azurerm_automation_module",
        "azurerm_automation_credential",
        "azurerm_automation_variable_string",
        # azapi: changes to, and actions on, a resource imported in its own right; objects
        # inside a resource's data plane
        "azapi_update_resource",
        "azapi_resource_action",
        "azapi_data_plane_resource",
    }
)

# Whole families of parts, by the provider's naming: what a data factory, an API
# Management service or a Logic App workflow holds (pipelines, linked services, APIs,
# products, triggers and actions), and Sentinel's settings, each of many Terraform types.
_PART_PREFIXES = (
    "azurerm_data_factory_",
    "azurerm_api_management_",
    "azurerm_logic_app_action_",
    "azurerm_logic_app_trigger_",
    # Microsoft Sentinel's rules, connectors and watchlists: settings of a workspace.
    "azurerm_sentinel_",
)

# Records of a public or private DNS zone: azurerm_dns_a_record, azurerm_private_dns_txt_record.
_RECORD_PREFIXES = ("azurerm_dns_", "azurerm_private_dns_")


def is_azure_part(kind: str) -> bool:
    """A part by the provider's naming of a whole family of types (see `AZURE_PARTS`)."""
    return kind.startswith(_PART_PREFIXES) or (
        kind.startswith(_RECORD_PREFIXES) and kind.endswith("_record")
    )
