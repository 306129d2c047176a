"""The AWS type table's identity, integration, monitoring, delivery and application types
beyond those the AWS connector scans (see `tfspec` for what each entry says)."""

from __future__ import annotations

from connectors.attributes import Attr

from .tfspec import TfType
from .tftypes_aws_common import EC2_NAME, GLOBAL, arn, iam

_PATH = {"path": Attr("path")}

_ALARM = arn("cloudwatch", "alarm:{alarm_name}")

_NAMESPACE = arn("servicediscovery", "namespace/{id}")

OPS_TYPES: dict[str, TfType] = {
    # ---------------------------------------------------------------- identity
    "aws_iam_instance_profile": iam("AWS::IAM::InstanceProfile", "instance-profile", _PATH),
    "aws_iam_group": iam("AWS::IAM::Group", "group", _PATH),
    # A role AWS services create; its path names the service.
    "aws_iam_service_linked_role": iam("AWS::IAM::Role", "role", _PATH),
    # Identity providers: the state's id is their ARN.
    "aws_iam_openid_connect_provider": TfType(
        "aws", "AWS::IAM::OIDCProvider", name="url", region=GLOBAL
    ),
    "aws_iam_saml_provider": TfType("aws", "AWS::IAM::SAMLProvider", region=GLOBAL),
    "aws_cognito_identity_pool": TfType(
        "aws",
        "AWS::Cognito::IdentityPool",
        name="identity_pool_name",
        id=arn("cognito-identity", "identitypool/{id}"),
    ),
    # Its ARN holds the organisation's id, which the state does not record apart.
    "aws_organizations_organizational_unit": TfType(
        "aws", "AWS::Organizations::OrganizationalUnit", region=GLOBAL
    ),
    # ---------------------------------------------------------------- integration
    "aws_sfn_activity": TfType(
        "aws", "AWS::StepFunctions::Activity", id=arn("states", "activity:{name}")
    ),
    # Connections' and API destinations' ARNs end in a UUID; a connection's credentials
    # are never read.
    "aws_cloudwatch_event_connection": TfType(
        "aws", "AWS::Events::Connection", {"kind": Attr("authorization_type")}
    ),
    "aws_cloudwatch_event_api_destination": TfType("aws", "AWS::Events::ApiDestination"),
    "aws_cloudwatch_event_archive": TfType(
        "aws",
        "AWS::Events::Archive",
        {"retention_days": Attr("retention_days", "int")},
        id=arn("events", "archive/{name}"),
    ),
    # EventBridge Scheduler is not in AWS Config: CloudFormation's name.
    "aws_scheduler_schedule": TfType(
        "aws",
        "AWS::Scheduler::Schedule",
        {"state": Attr("state"), "group": Attr("group_name")},
        id=arn("scheduler", "schedule/{group_name}/{name}"),
    ),
    "aws_appsync_graphql_api": TfType(
        "aws",
        "AWS::AppSync::GraphQLApi",
        {"kind": Attr("authentication_type")},
        id=arn("appsync", "apis/{id}"),
    ),
    # A REST API's stages and methods and an HTTP API's stages and integrations, as AWS
    # Config records them; their ARNs name no account.
    "aws_api_gateway_stage": TfType(
        "aws",
        "AWS::ApiGateway::Stage",
        {"api_id": Attr("rest_api_id")},
        name="stage_name",
        id=arn("apigateway", "/restapis/{rest_api_id}/stages/{stage_name}", account=False),
    ),
    "aws_api_gateway_method": TfType(
        "aws",
        "AWS::ApiGateway::Method",
        {"api_id": Attr("rest_api_id"), "authorization": Attr("authorization")},
        name="http_method",
        id=arn(
            "apigateway",
            "/restapis/{rest_api_id}/resources/{resource_id}/methods/{http_method}",
            account=False,
        ),
    ),
    "aws_apigatewayv2_stage": TfType(
        "aws",
        "AWS::ApiGatewayV2::Stage",
        {"api_id": Attr("api_id")},
        id=arn("apigateway", "/apis/{api_id}/stages/{name}", account=False),
    ),
    "aws_apigatewayv2_integration": TfType(
        "aws",
        "AWS::ApiGatewayV2::Integration",
        {"api_id": Attr("api_id"), "kind": Attr("integration_type")},
        name="id",
        id=arn("apigateway", "/apis/{api_id}/integrations/{id}", account=False),
    ),
    "aws_api_gateway_usage_plan": TfType(
        "aws",
        "AWS::ApiGateway::UsagePlan",
        id=arn("apigateway", "/usageplans/{id}", account=False),
    ),
    "aws_service_discovery_service": TfType(
        "aws",
        "AWS::ServiceDiscovery::Service",
        {"kind": Attr("type")},
        id=arn("servicediscovery", "service/{id}"),
    ),
    "aws_service_discovery_http_namespace": TfType(
        "aws", "AWS::ServiceDiscovery::HttpNamespace", id=_NAMESPACE
    ),
    "aws_service_discovery_public_dns_namespace": TfType(
        "aws", "AWS::ServiceDiscovery::PublicDnsNamespace", id=_NAMESPACE
    ),
    # AWS Config records the other two kinds only: CloudFormation's name.
    "aws_service_discovery_private_dns_namespace": TfType(
        "aws", "AWS::ServiceDiscovery::PrivateDnsNamespace", id=_NAMESPACE
    ),
    "aws_ses_configuration_set": TfType(
        "aws", "AWS::SES::ConfigurationSet", id=arn("ses", "configuration-set/{name}")
    ),
    "aws_ses_template": TfType("aws", "AWS::SES::Template", id=arn("ses", "template/{name}")),
    # ---------------------------------------------------------------- monitoring and audit
    "aws_cloudwatch_metric_alarm": TfType(
        "aws",
        "AWS::CloudWatch::Alarm",
        {"namespace": Attr("namespace"), "metric": Attr("metric_name")},
        name="alarm_name",
        id=_ALARM,
    ),
    "aws_cloudwatch_composite_alarm": TfType(
        "aws", "AWS::CloudWatch::Alarm", name="alarm_name", id=_ALARM
    ),
    # Dashboards are global and not in AWS Config: CloudFormation's name.
    "aws_cloudwatch_dashboard": TfType(
        "aws",
        "AWS::CloudWatch::Dashboard",
        name="dashboard_name",
        id="{dashboard_arn}",
        region=GLOBAL,
    ),
    "aws_cloudwatch_metric_stream": TfType(
        "aws",
        "AWS::CloudWatch::MetricStream",
        {"state": Attr("state")},
        id=arn("cloudwatch", "metric-stream/{name}"),
    ),
    "aws_cloudwatch_log_destination": TfType(
        "aws", "AWS::Logs::Destination", id=arn("logs", "destination:{name}")
    ),
    "aws_cloudtrail": TfType(
        "aws",
        "AWS::CloudTrail::Trail",
        {"multi_region": Attr("is_multi_region_trail", "bool")},
        id=arn("cloudtrail", "trail/{name}"),
    ),
    "aws_accessanalyzer_analyzer": TfType(
        "aws",
        "AWS::AccessAnalyzer::Analyzer",
        {"kind": Attr("type")},
        name="analyzer_name",
        id=arn("access-analyzer", "analyzer/{analyzer_name}"),
    ),
    "aws_guardduty_detector": TfType(
        "aws",
        "AWS::GuardDuty::Detector",
        {"enabled": Attr("enable", "bool")},
        name="id",
        id=arn("guardduty", "detector/{id}"),
    ),
    # ---------------------------------------------------------------- storage and backup
    "aws_efs_access_point": TfType(
        "aws",
        "AWS::EFS::AccessPoint",
        {"file_system_id": Attr("file_system_id")},
        name=EC2_NAME,
        id=arn("elasticfilesystem", "access-point/{id}"),
    ),
    "aws_s3_access_point": TfType(
        "aws",
        "AWS::S3::AccessPoint",
        {"bucket": Attr("bucket")},
        id=arn("s3", "accesspoint/{name}"),
    ),
    "aws_backup_vault": TfType(
        "aws",
        "AWS::Backup::BackupVault",
        {"recovery_points": Attr("recovery_points", "int")},
        id=arn("backup", "backup-vault:{name}"),
    ),
    "aws_backup_plan": TfType(
        "aws", "AWS::Backup::BackupPlan", id=arn("backup", "backup-plan:{id}")
    ),
    # Metadata only: a parameter's value is never read. Not in AWS Config: CloudFormation's
    # name. Its ARN drops the leading slash of a path-like name: the state's ARN only.
    "aws_ssm_parameter": TfType(
        "aws", "AWS::SSM::Parameter", {"kind": Attr("type"), "tier": Attr("tier")}
    ),
    "aws_ssm_document": TfType(
        "aws",
        "AWS::SSM::Document",
        {"kind": Attr("document_type")},
        id=arn("ssm", "document/{name}"),
    ),
    # ---------------------------------------------------------------- delivery
    # Its build environment (and the variables it holds) is never read.
    "aws_codebuild_project": TfType(
        "aws", "AWS::CodeBuild::Project", id=arn("codebuild", "project/{name}")
    ),
    "aws_codepipeline": TfType(
        "aws",
        "AWS::CodePipeline::Pipeline",
        {"kind": Attr("pipeline_type")},
        id=arn("codepipeline", "{name}"),
    ),
    "aws_codedeploy_app": TfType(
        "aws",
        "AWS::CodeDeploy::Application",
        {"kind": Attr("compute_platform")},
        id=arn("codedeploy", "application:{name}"),
    ),
    "aws_codedeploy_deployment_group": TfType(
        "aws",
        "AWS::CodeDeploy::DeploymentGroup",
        name="deployment_group_name",
        id=arn("codedeploy", "deploymentgroup:{app_name}/{deployment_group_name}"),
    ),
    # CodeCommit is not in AWS Config: CloudFormation's name.
    "aws_codecommit_repository": TfType(
        "aws",
        "AWS::CodeCommit::Repository",
        name="repository_name",
        id=arn("codecommit", "{repository_name}"),
    ),
    "aws_codeartifact_domain": TfType(
        "aws",
        "AWS::CodeArtifact::Domain",
        {"size_bytes": Attr("asset_size_bytes", "int")},
        name="domain",
        id=arn("codeartifact", "domain/{domain}"),
    ),
    "aws_codeartifact_repository": TfType(
        "aws",
        "AWS::CodeArtifact::Repository",
        name="repository",
        id=arn("codeartifact", "repository/{domain}/{repository}"),
    ),
    # A stack's id is its ARN; a stack set's ARN ends in a UUID.
    "aws_cloudformation_stack": TfType("aws", "AWS::CloudFormation::Stack"),
    "aws_cloudformation_stack_set": TfType("aws", "AWS::CloudFormation::StackSet"),
    # ---------------------------------------------------------------- applications
    "aws_amplify_app": TfType(
        "aws", "AWS::Amplify::App", {"kind": Attr("platform")}, id=arn("amplify", "apps/{id}")
    ),
    "aws_amplify_branch": TfType(
        "aws",
        "AWS::Amplify::Branch",
        {"stage": Attr("stage")},
        name="branch_name",
        id=arn("amplify", "apps/{app_id}/branches/{branch_name}"),
    ),
    "aws_transfer_server": TfType(
        "aws",
        "AWS::Transfer::Server",
        {"endpoint_type": Attr("endpoint_type"), "protocol": Attr("protocols[0]")},
        name=EC2_NAME,
        id=arn("transfer", "server/{id}"),
    ),
    # Athena databases are Glue catalogue databases.
    "aws_athena_database": TfType("aws", "AWS::Glue::Database", id=arn("glue", "database/{name}")),
    "aws_athena_data_catalog": TfType(
        "aws",
        "AWS::Athena::DataCatalog",
        {"kind": Attr("type")},
        id=arn("athena", "datacatalog/{name}"),
    ),
    # Glue crawlers are not in AWS Config: CloudFormation's name.
    "aws_glue_crawler": TfType(
        "aws",
        "AWS::Glue::Crawler",
        {"database": Attr("database_name")},
        id=arn("glue", "crawler/{name}"),
    ),
}
