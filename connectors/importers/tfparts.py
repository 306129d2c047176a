"""Terraform resource types that are parts or settings of another resource, as data.

A bucket policy, a rule of a security group or an IAM binding is managed as its own
Terraform resource, but a scan sees it inside the resource it belongs to; several carry
that resource's id. They are counted and left out of an import, never imported as
resources of their own (they would duplicate, or replace, the resource they belong to).
A type neither here nor in the type table is a gap: exitplan does not know what it is."""

from __future__ import annotations

# Suffixes that name a link, whatever the provider, and Google's grants on a resource
# (aws_iam_policy, a managed policy, is a resource of its own).
SUFFIXES = ("_association", "_attachment")
GOOGLE_GRANTS = ("_iam_member", "_iam_binding", "_iam_policy", "_iam_audit_config")

PARTS = frozenset(
    {
        # AWS: S3 bucket settings (provider v4 and later split them out of aws_s3_bucket)
        "aws_s3_bucket_accelerate_configuration",
        "aws_s3_bucket_acl",
        "aws_s3_bucket_analytics_configuration",
        "aws_s3_bucket_cors_configuration",
        "aws_s3_bucket_intelligent_tiering_configuration",
        "aws_s3_bucket_inventory",
        "aws_s3_bucket_lifecycle_configuration",
        "aws_s3_bucket_logging",
        "aws_s3_bucket_metric",
        "aws_s3_bucket_notification",
        "aws_s3_bucket_object_lock_configuration",
        "aws_s3_bucket_ownership_controls",
        "aws_s3_bucket_policy",
        "aws_s3_bucket_public_access_block",
        "aws_s3_bucket_replication_configuration",
        "aws_s3_bucket_request_payment_configuration",
        "aws_s3_bucket_server_side_encryption_configuration",
        "aws_s3_bucket_versioning",
        "aws_s3_bucket_website_configuration",
        # AWS: policies and rules held by their role, user, group, queue, topic or key
        "aws_iam_role_policy",
        "aws_iam_user_policy",
        "aws_iam_group_policy",
        "aws_iam_group_membership",
        "aws_iam_user_group_membership",
        "aws_sqs_queue_policy",
        "aws_sns_topic_policy",
        "aws_sns_topic_subscription",
        "aws_lambda_permission",
        "aws_kms_alias",
        "aws_ecr_lifecycle_policy",
        "aws_ecr_repository_policy",
        "aws_cloudwatch_event_target",
        # AWS: network rules and routes, held by their group, table or ACL
        "aws_security_group_rule",
        "aws_vpc_security_group_ingress_rule",
        "aws_vpc_security_group_egress_rule",
        "aws_route",
        "aws_network_acl_rule",
        "aws_lb_listener",
        "aws_lb_listener_rule",
        "aws_alb_listener",
        "aws_alb_listener_rule",
        # AWS: API Gateway's inside of an API
        "aws_api_gateway_resource",
        "aws_api_gateway_method",
        "aws_api_gateway_method_response",
        "aws_api_gateway_integration",
        "aws_api_gateway_integration_response",
        "aws_api_gateway_deployment",
        "aws_api_gateway_stage",
        "aws_apigatewayv2_route",
        "aws_apigatewayv2_integration",
        "aws_apigatewayv2_stage",
        "aws_apigatewayv2_deployment",
        # Azure: rules, settings and grants of a resource that is listed
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
        # Google: users, databases and versions inside a resource; enabled APIs
        "google_sql_user",
        "google_sql_database",
        "google_secret_manager_secret_version",
        "google_project_service",
        "google_compute_router_nat",
    }
)


def is_part(kind: str) -> bool:
    return (
        kind in PARTS
        or kind.endswith(SUFFIXES)
        or (kind.startswith("google_") and kind.endswith(GOOGLE_GRANTS))
    )
