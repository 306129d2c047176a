"""AWS types that are parts of another resource, counted and not imported (the rule is in
`tfparts`; names ending in `_association` or `_attachment` are parts without being listed).

A part is what AWS Config does not record as a resource of its own: a setting, rule,
policy, version, record or grant of the resource it configures, or a setting of the
account. Where AWS Config records the object all the same, the type is imported, unless it
is one of the kinds the rule names as parts whatever the inventory lists (a link, a single
rule or route, a version, a setting, a grant): those few are `RECORDED_PARTS`, each with
its reason, and a test holds every part AWS Config records to that list."""

from __future__ import annotations

_S3 = {
    # S3 bucket settings (provider v4 and later split them out of aws_s3_bucket)
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
    # objects are the bucket's data, counted in its size
    "aws_s3_object",
    "aws_s3_bucket_object",
    "aws_s3_object_copy",
}

_POLICIES = {
    # policies, rules and keys held by their role, user, group, queue, topic or key
    "aws_iam_role_policy",
    "aws_iam_user_policy",
    "aws_iam_group_policy",
    "aws_iam_group_membership",
    "aws_iam_user_group_membership",
    "aws_iam_access_key",
    "aws_iam_user_login_profile",
    "aws_iam_user_ssh_key",
    "aws_sqs_queue_policy",
    "aws_sqs_queue_redrive_policy",
    "aws_sqs_queue_redrive_allow_policy",
    "aws_sns_topic_policy",
    "aws_sns_topic_subscription",
    "aws_sns_topic_data_protection_policy",
    "aws_kms_grant",
    "aws_kms_key_policy",
    "aws_kms_ciphertext",
    "aws_ecr_lifecycle_policy",
    "aws_ecr_repository_policy",
    "aws_ecr_registry_scanning_configuration",
    "aws_secretsmanager_secret_version",
    "aws_cloudwatch_event_target",
    "aws_cloudwatch_event_permission",
    "aws_cloudwatch_event_bus_policy",
    "aws_dynamodb_resource_policy",
    "aws_kinesis_resource_policy",
    "aws_glue_resource_policy",
    "aws_opensearchserverless_access_policy",
    "aws_opensearchserverless_security_policy",
    "aws_opensearchserverless_lifecycle_policy",
    "aws_opensearch_domain_policy",
    "aws_elasticsearch_domain_policy",
    "aws_efs_file_system_policy",
    "aws_backup_vault_policy",
}

_FUNCTIONS = {
    # what configures a function: its versions' aliases, triggers, URL, concurrency, layers
    "aws_lambda_permission",
    "aws_lambda_alias",
    "aws_lambda_event_source_mapping",
    "aws_lambda_function_url",
    "aws_lambda_function_event_invoke_config",
    "aws_lambda_provisioned_concurrency_config",
    "aws_lambda_layer_version",
    "aws_lambda_layer_version_permission",
    "aws_lambda_invocation",
    "aws_sfn_alias",
}

_NETWORK = {
    # rules and routes, held by their group, table, list or ACL
    "aws_security_group_rule",
    "aws_vpc_security_group_ingress_rule",
    "aws_vpc_security_group_egress_rule",
    "aws_route",
    "aws_network_acl_rule",
    "aws_ec2_managed_prefix_list_entry",
    "aws_ec2_transit_gateway_route",
    "aws_ec2_transit_gateway_route_table_propagation",
    "aws_vpn_gateway_route_propagation",
    # the options of a peering connection, which is imported
    "aws_vpc_peering_connection_options",
    "aws_vpc_endpoint_policy",
    "aws_vpc_endpoint_service_allowed_principal",
    "aws_ec2_tag",
    # a file system's network endpoints
    "aws_efs_mount_target",
    # listeners' rules and certificates, and classic load balancer policies
    "aws_lb_listener_rule",
    "aws_lb_listener_certificate",
    "aws_alb_listener_rule",
    "aws_alb_listener_certificate",
    "aws_lb_cookie_stickiness_policy",
    "aws_app_cookie_stickiness_policy",
    "aws_load_balancer_policy",
    "aws_load_balancer_listener_policy",
    "aws_load_balancer_backend_server_policy",
    "aws_proxy_protocol_policy",
    "aws_lb_ssl_negotiation_policy",
}

_DNS_AND_EDGE = {
    # records inside a zone, and the zone's settings
    "aws_route53_record",
    "aws_route53_query_log",
    "aws_route53_key_signing_key",
    "aws_route53_vpc_association_authorization",
    "aws_route53_resolver_dnssec_config",
    "aws_acm_certificate_validation",
    # what a CloudFront distribution is configured with
    "aws_cloudfront_origin_access_identity",
    "aws_cloudfront_origin_access_control",
    "aws_cloudfront_cache_policy",
    "aws_cloudfront_origin_request_policy",
    "aws_cloudfront_response_headers_policy",
    "aws_cloudfront_function",
    "aws_cloudfront_key_group",
    "aws_cloudfront_monitoring_subscription",
    "aws_wafv2_web_acl_logging_configuration",
}

_APIS = {
    # API Gateway's inside of an API, and its domain names, keys and account settings
    "aws_api_gateway_resource",
    "aws_api_gateway_method_response",
    "aws_api_gateway_method_settings",
    "aws_api_gateway_integration",
    "aws_api_gateway_integration_response",
    "aws_api_gateway_deployment",
    "aws_api_gateway_authorizer",
    "aws_api_gateway_model",
    "aws_api_gateway_request_validator",
    "aws_api_gateway_gateway_response",
    "aws_api_gateway_rest_api_policy",
    "aws_api_gateway_documentation_part",
    "aws_api_gateway_domain_name",
    "aws_api_gateway_base_path_mapping",
    "aws_api_gateway_vpc_link",
    "aws_api_gateway_api_key",
    "aws_api_gateway_usage_plan_key",
    "aws_api_gateway_client_certificate",
    "aws_api_gateway_account",
    "aws_apigatewayv2_route",
    "aws_apigatewayv2_route_response",
    "aws_apigatewayv2_integration_response",
    "aws_apigatewayv2_deployment",
    "aws_apigatewayv2_authorizer",
    "aws_apigatewayv2_model",
    "aws_apigatewayv2_domain_name",
    "aws_apigatewayv2_api_mapping",
    "aws_apigatewayv2_vpc_link",
    "aws_appsync_datasource",
    "aws_appsync_resolver",
    "aws_appsync_function",
    "aws_appsync_api_key",
    "aws_appsync_domain_name",
}

_DATA = {
    # settings of databases and caches: parameter groups, endpoints, users
    "aws_db_parameter_group",
    "aws_rds_cluster_parameter_group",
    "aws_rds_cluster_endpoint",
    "aws_db_proxy_default_target_group",
    "aws_db_proxy_target",
    "aws_db_instance_automated_backups_replication",
    "aws_docdb_cluster_parameter_group",
    "aws_neptune_parameter_group",
    "aws_neptune_cluster_parameter_group",
    "aws_elasticache_parameter_group",
    "aws_elasticache_user",
    "aws_elasticache_user_group",
    "aws_memorydb_parameter_group",
    "aws_memorydb_user",
    "aws_memorydb_acl",
    # a table's items and settings
    "aws_dynamodb_table_item",
    "aws_dynamodb_contributor_insights",
    "aws_dynamodb_kinesis_streaming_destination",
    "aws_dynamodb_tag",
    # what a Glue catalogue or Athena holds, and Lake Formation's grants on it
    "aws_glue_catalog_table",
    "aws_glue_partition",
    "aws_glue_trigger",
    "aws_glue_connection",
    "aws_glue_security_configuration",
    "aws_athena_named_query",
    "aws_lakeformation_permissions",
    "aws_lakeformation_resource",
    "aws_lakeformation_data_lake_settings",
    "aws_lakeformation_lf_tag",
    "aws_mq_configuration",
    # a file system's and a backup vault's settings
    "aws_efs_backup_policy",
    "aws_efs_replication_configuration",
    "aws_backup_vault_notifications",
    "aws_backup_vault_lock_configuration",
}

_APPS = {
    # scaling of a group, service or table
    "aws_autoscaling_lifecycle_hook",
    "aws_autoscaling_notification",
    "aws_autoscaling_group_tag",
    "aws_appautoscaling_target",
    "aws_appautoscaling_policy",
    "aws_appautoscaling_scheduled_action",
    "aws_ecs_cluster_capacity_providers",
    "aws_ecs_tag",
    "aws_eks_access_entry",
    # a user pool's domain, users and identity providers
    "aws_cognito_user_pool_domain",
    "aws_cognito_user_pool_ui_customization",
    "aws_cognito_user",
    "aws_cognito_user_in_group",
    "aws_cognito_identity_provider",
    "aws_cognito_resource_server",
    "aws_cognito_risk_configuration",
    # an application's templates, a project's webhooks and credentials
    "aws_elastic_beanstalk_configuration_template",
    "aws_apprunner_auto_scaling_configuration_version",
    "aws_amplify_webhook",
    "aws_amplify_backend_environment",
    "aws_codebuild_webhook",
    "aws_codebuild_source_credential",
    "aws_codestarconnections_connection",
    "aws_codestarnotifications_notification_rule",
    "aws_transfer_user",
    "aws_transfer_ssh_key",
    "aws_ssm_association",
    # a log group's streams, filters and policies
    "aws_cloudwatch_log_stream",
    "aws_cloudwatch_log_metric_filter",
    "aws_cloudwatch_log_subscription_filter",
    "aws_cloudwatch_log_resource_policy",
    "aws_cloudwatch_log_destination_policy",
    "aws_cloudwatch_log_data_protection_policy",
    "aws_cloudwatch_query_definition",
    "aws_cloudwatch_log_account_policy",
    # verified senders of the account's e-mail, and their settings
    "aws_ses_domain_identity",
    "aws_ses_domain_identity_verification",
    "aws_ses_domain_dkim",
    "aws_ses_domain_mail_from",
    "aws_ses_email_identity",
    "aws_ses_identity_notification_topic",
    "aws_ses_event_destination",
    "aws_sesv2_email_identity",
}

_ACCOUNT = {
    # settings of the account (or the organisation), not of a resource
    "aws_iam_account_password_policy",
    "aws_iam_account_alias",
    "aws_ebs_encryption_by_default",
    "aws_ebs_default_kms_key",
    "aws_ec2_serial_console_access",
    "aws_ecs_account_setting_default",
    "aws_account_alternate_contact",
    "aws_backup_region_settings",
    "aws_budgets_budget",
    "aws_config_configuration_recorder",
    "aws_config_configuration_recorder_status",
    "aws_config_delivery_channel",
    "aws_config_config_rule",
    "aws_guardduty_detector_feature",
    "aws_guardduty_member",
    "aws_guardduty_organization_admin_account",
    "aws_guardduty_organization_configuration",
    "aws_securityhub_account",
    "aws_securityhub_organization_admin_account",
    "aws_securityhub_organization_configuration",
    "aws_inspector2_enabler",
    "aws_organizations_policy",
    # the organisation's structure: its accounts are what an inventory is scoped by, not
    # resources in one
    "aws_organizations_organization",
    "aws_organizations_account",
    "aws_organizations_delegated_administrator",
    # grants: IAM Identity Center's permission sets and assignments, shares of resources
    # with other accounts
    "aws_ssoadmin_permission_set",
    "aws_ssoadmin_permission_set_inline_policy",
    "aws_ssoadmin_account_assignment",
    "aws_identitystore_user",
    "aws_identitystore_group",
    "aws_identitystore_group_membership",
    "aws_ram_resource_share",
    "aws_ram_resource_share_accepter",
}

# Parts whose object AWS Config records as a resource type: why each is a part all the same.
RECORDED_PARTS: dict[str, str] = {
    "aws_backup_selection": "a link: which resources a backup plan covers",
    "aws_vpc_peering_connection_accepter": "the peering connection, seen from the accepting "
    "side: imported, it would count aws_vpc_peering_connection's object twice",
    "aws_ec2_transit_gateway_vpc_attachment_accepter": "an attachment, its accepting side",
    "aws_vpn_connection_route": "a single static route of a VPN connection",
    "aws_ecr_pull_through_cache_rule": "a single rule of the account's registry",
    "aws_ecr_replication_configuration": "a setting of the account's registry",
    "aws_ecr_registry_policy": "a grant on the account's registry",
    "aws_secretsmanager_secret_policy": "a grant on a secret",
    "aws_secretsmanager_secret_rotation": "a setting of a secret: when it is rotated",
    "aws_msk_cluster_policy": "a grant on a Kafka cluster",
    "aws_route53_hosted_zone_dnssec": "a setting of a hosted zone: DNSSEC signing",
    "aws_s3_account_public_access_block": "a setting of the account",
    "aws_securityhub_standards_subscription": "a setting of the account's Security Hub",
    "aws_elastic_beanstalk_application_version": "a version of an application's code",
    "aws_cognito_user_pool_client": "a grant: an application's client id (and secret) for a "
    "user pool",
    "aws_cognito_managed_user_pool_client": "a grant: an application's client id (and secret) "
    "for a user pool",
    "aws_cognito_user_group": "a group of a user pool's users: data held by the pool, as its "
    "users are",
    "aws_cloudfront_public_key": "a credential: the key that signed URLs of a key group are "
    "checked with",
}

_NEWER = {
    # what configures an RDS proxy, a Redshift Serverless workgroup or a Lightsail
    # instance, and a SageMaker image's versions
    "aws_db_proxy_endpoint",
    "aws_redshiftserverless_endpoint_access",
    "aws_redshiftserverless_usage_limit",
    "aws_redshiftserverless_resource_policy",
    "aws_lightsail_instance_public_ports",
    "aws_lightsail_key_pair",
    "aws_lightsail_domain_entry",
    "aws_lightsail_lb_certificate",
    "aws_sagemaker_image_version",
    "aws_sagemaker_model_package_group_policy",
    # who else may launch an AMI
    "aws_ami_launch_permission",
}

AWS_PARTS = frozenset(
    _S3
    | _POLICIES
    | _FUNCTIONS
    | _NETWORK
    | _DNS_AND_EDGE
    | _APIS
    | _DATA
    | _APPS
    | _ACCOUNT
    | _NEWER
    | set(RECORDED_PARTS)
)
