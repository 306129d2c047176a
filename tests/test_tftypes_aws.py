"""The AWS part of the Terraform type table against AWS's own lists: every native type is
one AWS Config records (or a listed exception, spelled as CloudFormation spells it), the
types the AWS connector scans agree with its table, and every ARN the table builds for an
instance whose state holds none is in the service's own format (the IAM Service
Authorization Reference's, as the provider builds them)."""

from __future__ import annotations

import re
from typing import Any

import botocore.session
import pytest

from connectors.aws.types import Spec
from connectors.importers.terraform import Instance
from connectors.importers.tfparts import is_part
from connectors.importers.tfresources import convert_all
from connectors.importers.tftypes import TF_TYPES
from connectors.importers.tftypes_aws_parts import AWS_PARTS, RECORDED_PARTS
from tests.test_tftypes import AWS_SPECS

AWS = {tf_type: spec for tf_type, spec in TF_TYPES.items() if spec.provider == "aws"}

# AWS Config's resource types, as the botocore the project depends on ships them.
CONFIG_TYPES = frozenset(
    botocore.session.get_session().get_service_model("config").shape_for("ResourceType").enum
)

# Native types AWS Config does not record, each imported under CloudFormation's name.
NOT_IN_AWS_CONFIG = {
    # The AWS connector's own types, spelled as it spells them so that a scan and an import
    # give one record; AWS Config spells three of them otherwise and records five not at all.
    "AWS::CertificateManager::Certificate": "the connector's; AWS Config: AWS::ACM::Certificate",
    "AWS::IAM::ManagedPolicy": "the connector's; AWS Config: AWS::IAM::Policy",
    "AWS::OpenSearchService::Domain": "the connector's; AWS Config: AWS::OpenSearch::Domain",
    "AWS::EC2::Snapshot": "the connector's",
    "AWS::EKS::Nodegroup": "the connector's",
    "AWS::ElastiCache::CacheCluster": "the connector's",
    "AWS::ElastiCache::ReplicationGroup": "the connector's",
    "AWS::Logs::LogGroup": "the connector's",
    # Resources of their own, which configure no other resource and so are no part.
    "AWS::ElastiCache::SubnetGroup": "as the RDS and MemoryDB subnet groups AWS Config has",
    "AWS::ElastiCache::ServerlessCache": "a cache, beside the connector's ElastiCache types",
    "AWS::MemoryDB::Cluster": "a data store; AWS Config records its subnet groups only",
    "AWS::EMR::Cluster": "a cluster of instances that AWS Config does not record",
    "AWS::EC2::KeyPair": "an account's key, used by instances",
    "AWS::SSM::Parameter": "configuration data (its value is never read)",
    "AWS::CloudWatch::Dashboard": "a dashboard over many resources' metrics",
    "AWS::Route53::HealthCheck": "a billed check of an endpoint, outside any zone",
    "AWS::ServiceDiscovery::PrivateDnsNamespace": "AWS Config records the other two kinds",
    "AWS::Scheduler::Schedule": "EventBridge Scheduler, not in AWS Config",
    "AWS::Glue::Crawler": "a Glue job of its own kind, beside the jobs AWS Config has",
    "AWS::CodeCommit::Repository": "a source repository, not in AWS Config",
    "AWS::EC2::PlacementGroup": "where instances are placed, not in AWS Config",
    "AWS::EC2::Image": "an AMI: no type in AWS Config or CloudFormation, EC2's own word",
    "AWS::RDS::DBProxy": "a proxy in front of databases, not in AWS Config",
    "AWS::RedshiftServerless::Namespace": "a serverless warehouse's data, not in AWS Config",
    "AWS::RedshiftServerless::Workgroup": "a serverless warehouse's compute, not in AWS Config",
    "AWS::SageMaker::Endpoint": "a model served, not in AWS Config",
    "AWS::SageMaker::Space": "a Studio space, not in AWS Config",
    "AWS::SageMaker::App": "a running Studio application, not in AWS Config",
    "AWS::SageMaker::ModelPackageGroup": "a model registry, not in AWS Config",
    "AWS::SageMaker::Pipeline": "a workflow, not in AWS Config",
    "AWS::DMS::ReplicationConfig": "a serverless replication, not in AWS Config",
    "AWS::Lightsail::Instance": "AWS Config records Lightsail's disks, IPs and buckets only",
    "AWS::Lightsail::Database": "AWS Config records Lightsail's disks, IPs and buckets only",
    "AWS::Lightsail::Container": "AWS Config records Lightsail's disks, IPs and buckets only",
    "AWS::Lightsail::LoadBalancer": "AWS Config records Lightsail's disks, IPs and buckets only",
    # AWS Config records these (its resource schema, awslabs/aws-config-resource-schema,
    # has them), but the botocore the project depends on does not list them yet.
    "AWS::SageMaker::EndpointConfig": "recorded by AWS Config, not in botocore's list",
    "AWS::SageMaker::NotebookInstance": "recorded by AWS Config, not in botocore's list",
    "AWS::DMS::ReplicationInstance": "recorded by AWS Config, not in botocore's list",
    "AWS::DMS::ReplicationTask": "recorded by AWS Config, not in botocore's list",
}


SCANNED: dict[str, Spec] = AWS_SPECS


def test_every_aws_native_type_is_one_aws_config_records_or_a_listed_exception() -> None:
    natives = {spec.native for spec in AWS.values()}
    assert sorted(natives - CONFIG_TYPES - set(NOT_IN_AWS_CONFIG)) == []
    # The exceptions stay exceptions: each is used, and AWS Config does not list it.
    assert sorted(set(NOT_IN_AWS_CONFIG) - natives) == []
    assert sorted(set(NOT_IN_AWS_CONFIG) & CONFIG_TYPES) == []


def test_the_aws_connector_types_not_in_aws_config_are_exceptions() -> None:
    assert sorted(set(SCANNED) - CONFIG_TYPES - set(NOT_IN_AWS_CONFIG)) == []


def _shape(template: str) -> str:
    """An id template with its placeholders blanked: the ARN's format."""
    return re.sub(r"\{[^{}]+\}", "{}", template)


def test_types_the_aws_connector_scans_build_their_arns_as_it_does() -> None:
    compared = 0
    for tf_type, spec in AWS.items():
        scanned = SCANNED.get(spec.native)
        if scanned is None or spec.id is None or _shape(scanned.id) == "{}":
            continue  # not scanned, or the connector takes the ARN the API gives
        assert _shape(spec.id) == _shape(scanned.id), tf_type
        compared += 1
    assert compared >= 20


def test_arn_templates_name_a_region_only_where_the_resource_has_one() -> None:
    for tf_type, spec in AWS.items():
        if spec.id is None:
            continue
        assert spec.id.startswith("arn:$partition:") or re.fullmatch(r"\{\w+\}", spec.id), tf_type
        if spec.region == "'global'":
            assert "$region" not in spec.id, tf_type


def test_parts_are_no_table_types_and_the_classes_the_brief_names_are_placed() -> None:
    assert sorted(t for t in AWS if is_part(t)) == []
    assert is_part("aws_secretsmanager_secret_version") and is_part("aws_efs_mount_target")
    assert is_part("aws_route") and is_part("aws_route53_record")
    for default, twin in [
        ("aws_default_vpc", "aws_vpc"),
        ("aws_default_subnet", "aws_subnet"),
        ("aws_default_security_group", "aws_security_group"),
        ("aws_default_route_table", "aws_route_table"),
        ("aws_default_network_acl", "aws_network_acl"),
    ]:
        assert AWS[default].native == AWS[twin].native, default
    assert AWS["aws_route_table"].native == "AWS::EC2::RouteTable"


# --- the rule: a part AWS Config records is an exception with a reason ---------------

# Parts whose own object AWS Config records: the Terraform type -> that object's resource
# type, from what the provider's docs say each type manages and CloudFormation's name for
# that object. Associations and attachments are parts by the rule's own words; each other
# one must be in RECORDED_PARTS, which says why.
CONFIG_TWINS = {
    # links, parts by their names
    "aws_route_table_association": "AWS::EC2::SubnetRouteTableAssociation",
    "aws_network_acl_association": "AWS::EC2::SubnetNetworkAclAssociation",
    "aws_eip_association": "AWS::EC2::EIPAssociation",
    "aws_internet_gateway_attachment": "AWS::EC2::VPCGatewayAttachment",
    "aws_vpn_gateway_attachment": "AWS::EC2::VPCGatewayAttachment",
    "aws_ec2_transit_gateway_vpc_attachment": "AWS::EC2::TransitGatewayAttachment",
    "aws_ec2_client_vpn_network_association": "AWS::EC2::ClientVpnTargetNetworkAssociation",
    "aws_vpc_security_group_vpc_association": "AWS::EC2::SecurityGroupVpcAssociation",
    "aws_route53_resolver_rule_association": "AWS::Route53Resolver::ResolverRuleAssociation",
    "aws_route53_resolver_query_log_config_association": (
        "AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation"
    ),
    "aws_route53_resolver_firewall_rule_group_association": (
        "AWS::Route53Resolver::FirewallRuleGroupAssociation"
    ),
    "aws_route53profiles_association": "AWS::Route53Profiles::ProfileAssociation",
    "aws_networkmanager_customer_gateway_association": (
        "AWS::NetworkManager::CustomerGatewayAssociation"
    ),
    "aws_networkmanager_link_association": "AWS::NetworkManager::LinkAssociation",
    "aws_vpc_ipam_resource_discovery_association": "AWS::EC2::IPAMResourceDiscoveryAssociation",
    "aws_msk_scram_secret_association": "AWS::MSK::BatchScramSecret",
    "aws_appconfig_extension_association": "AWS::AppConfig::ExtensionAssociation",
    "aws_codegurureviewer_repository_association": ("AWS::CodeGuruReviewer::RepositoryAssociation"),
    # the listed exceptions
    "aws_backup_selection": "AWS::Backup::BackupSelection",
    "aws_vpc_peering_connection_accepter": "AWS::EC2::VPCPeeringConnection",
    "aws_ec2_transit_gateway_vpc_attachment_accepter": "AWS::EC2::TransitGatewayAttachment",
    "aws_vpn_connection_route": "AWS::EC2::VPNConnectionRoute",
    "aws_ecr_pull_through_cache_rule": "AWS::ECR::PullThroughCacheRule",
    "aws_ecr_replication_configuration": "AWS::ECR::ReplicationConfiguration",
    "aws_ecr_registry_policy": "AWS::ECR::RegistryPolicy",
    "aws_secretsmanager_secret_policy": "AWS::SecretsManager::ResourcePolicy",
    "aws_secretsmanager_secret_rotation": "AWS::SecretsManager::RotationSchedule",
    "aws_msk_cluster_policy": "AWS::MSK::ClusterPolicy",
    "aws_route53_hosted_zone_dnssec": "AWS::Route53::DNSSEC",
    "aws_s3_account_public_access_block": "AWS::S3::AccountPublicAccessBlock",
    "aws_securityhub_standards_subscription": "AWS::SecurityHub::Standard",
    "aws_elastic_beanstalk_application_version": "AWS::ElasticBeanstalk::ApplicationVersion",
    "aws_cognito_user_pool_client": "AWS::Cognito::UserPoolClient",
    "aws_cognito_managed_user_pool_client": "AWS::Cognito::UserPoolClient",
    "aws_cognito_user_group": "AWS::Cognito::UserPoolGroup",
    "aws_cloudfront_public_key": "AWS::CloudFront::PublicKey",
}

# Parts whose names look like an AWS Config type's (see `_lookalikes`) but whose objects
# are others.
OTHER_OBJECTS = {
    "aws_api_gateway_integration": "a REST API's integration; AWS Config has HTTP APIs'",
    "aws_appautoscaling_policy": "Application Auto Scaling's, not an Auto Scaling group's",
    "aws_appautoscaling_scheduled_action": "Application Auto Scaling's, not a group's",
    "aws_config_config_rule": "an AWS Config rule, not Amazon Connect's",
    "aws_ebs_default_kms_key": "an account setting naming a key, not the key",
    "aws_iam_role_policy": "an inline policy; AWS::IAM::Policy is a managed policy",
    "aws_iam_user_policy": "an inline policy; AWS::IAM::Policy is a managed policy",
    "aws_iam_group_policy": "an inline policy; AWS::IAM::Policy is a managed policy",
    "aws_iam_account_password_policy": "an account setting, not a managed policy",
    "aws_redshiftserverless_endpoint_access": "Redshift Serverless's; AWS Config has "
    "provisioned clusters'",
    "aws_lightsail_lb_certificate": "a load balancer's TLS certificate; AWS Config has "
    "Lightsail's certificates for distributions and containers",
}


def _lookalikes(tf_type: str) -> set[str]:
    """AWS Config types whose name ends the Terraform type's and whose service's first
    letters are in it: aws_kms_alias -> AWS::KMS::Alias. A net for a part added later
    whose object AWS Config records."""
    flat = tf_type.removeprefix("aws_").replace("_", "")
    return {
        t
        for t in CONFIG_TYPES
        if flat.endswith(t.split("::")[2].lower()) and t.split("::")[1].lower()[:3] in flat
    }


def test_a_part_aws_config_records_is_a_link_or_a_listed_exception() -> None:
    for tf_type, config_type in CONFIG_TWINS.items():
        assert config_type in CONFIG_TYPES, tf_type
        assert is_part(tf_type), tf_type
        linked = tf_type.endswith(("_association", "_attachment"))
        assert linked or tf_type in RECORDED_PARTS, tf_type
    assert sorted(set(RECORDED_PARTS) - set(CONFIG_TWINS)) == []
    assert set(RECORDED_PARTS) <= AWS_PARTS


@pytest.mark.parametrize("tf_type", sorted(AWS_PARTS))
def test_no_part_looks_like_an_aws_config_type_unless_mapped(tf_type: str) -> None:
    found = _lookalikes(tf_type) - {CONFIG_TWINS.get(tf_type)}
    assert tf_type in OTHER_OBJECTS or found == set(), found


def test_the_other_objects_still_look_alike_and_are_parts() -> None:
    for tf_type in OTHER_OBJECTS:
        assert is_part(tf_type) and _lookalikes(tf_type), tf_type


def test_what_aws_config_records_of_former_parts_is_imported_with_its_type() -> None:
    expected = {
        "aws_api_gateway_stage": "AWS::ApiGateway::Stage",
        "aws_api_gateway_method": "AWS::ApiGateway::Method",
        "aws_apigatewayv2_stage": "AWS::ApiGatewayV2::Stage",
        "aws_apigatewayv2_integration": "AWS::ApiGatewayV2::Integration",
        "aws_lb_listener": "AWS::ElasticLoadBalancingV2::Listener",
        "aws_alb_listener": "AWS::ElasticLoadBalancingV2::Listener",
        "aws_kms_alias": "AWS::KMS::Alias",
        "aws_cloudfront_realtime_log_config": "AWS::CloudFront::RealtimeLogConfig",
    }
    assert {t: AWS[t].native for t in expected} == expected
    assert set(expected.values()) <= CONFIG_TYPES


# --- ARNs built where the state holds none ------------------------------------------

A = "111122223333"
R = "eu-west-1"
CONFIG = 'provider["registry.terraform.io/hashicorp/aws"]'


def ec2(kind: str, rid: str, **extra: Any) -> tuple[dict[str, Any], str]:
    return {"id": rid, **extra}, f"arn:aws:ec2:{R}:{A}:{kind}/{rid}"


def regional(service: str, resource: str, **attributes: Any) -> tuple[dict[str, Any], str]:
    return attributes, f"arn:aws:{service}:{R}:{A}:{resource}"


# terraform type -> (attributes of an instance whose `arn` is null, the ARN AWS gives it)
ARNS: dict[str, tuple[dict[str, Any], str]] = {
    # EC2
    "aws_instance": ec2("instance", "i-0abc"),
    "aws_ebs_volume": ec2("volume", "vol-0abc"),
    "aws_vpc": ec2("vpc", "vpc-0abc"),
    "aws_default_vpc": ec2("vpc", "vpc-0def"),
    "aws_subnet": ec2("subnet", "subnet-0abc"),
    "aws_default_subnet": ec2("subnet", "subnet-0def"),
    "aws_security_group": ec2("security-group", "sg-0abc", name="web"),
    "aws_default_security_group": ec2("security-group", "sg-0def", name="default"),
    "aws_nat_gateway": ec2("natgateway", "nat-0abc"),
    "aws_route_table": ec2("route-table", "rtb-0abc"),
    "aws_default_route_table": ec2("route-table", "rtb-0def"),
    "aws_network_acl": ec2("network-acl", "acl-0abc"),
    "aws_default_network_acl": ec2("network-acl", "acl-0def"),
    "aws_vpc_dhcp_options": ec2("dhcp-options", "dopt-0abc"),
    "aws_default_vpc_dhcp_options": ec2("dhcp-options", "dopt-0def"),
    "aws_network_interface": ec2("network-interface", "eni-0abc"),
    "aws_flow_log": ec2("vpc-flow-log", "fl-0abc"),
    "aws_ec2_managed_prefix_list": ec2("prefix-list", "pl-0abc", name="office"),
    "aws_internet_gateway": ec2("internet-gateway", "igw-0abc"),
    "aws_egress_only_internet_gateway": ec2("egress-only-internet-gateway", "eigw-0abc"),
    "aws_eip": ec2("elastic-ip", "eipalloc-0abc"),
    "aws_vpc_endpoint": ec2("vpc-endpoint", "vpce-0abc"),
    "aws_vpc_endpoint_service": ec2("vpc-endpoint-service", "vpce-svc-0abc"),
    "aws_vpc_peering_connection": ec2("vpc-peering-connection", "pcx-0abc"),
    "aws_customer_gateway": ec2("customer-gateway", "cgw-0abc"),
    "aws_vpn_gateway": ec2("vpn-gateway", "vgw-0abc"),
    "aws_vpn_connection": ec2("vpn-connection", "vpn-0abc"),
    "aws_ec2_transit_gateway": ec2("transit-gateway", "tgw-0abc"),
    "aws_ec2_transit_gateway_route_table": ec2("transit-gateway-route-table", "tgw-rtb-0abc"),
    "aws_launch_template": ec2("launch-template", "lt-0abc", name="web"),
    "aws_placement_group": (
        {"id": "hpc", "name": "hpc"},
        f"arn:aws:ec2:{R}:{A}:placement-group/hpc",
    ),
    # AMIs' ARNs name no account.
    "aws_ami": ({"id": "ami-0abc"}, f"arn:aws:ec2:{R}::image/ami-0abc"),
    "aws_ami_copy": ({"id": "ami-0def"}, f"arn:aws:ec2:{R}::image/ami-0def"),
    "aws_ami_from_instance": ({"id": "ami-0123"}, f"arn:aws:ec2:{R}::image/ami-0123"),
    # The key pair's id is its name.
    "aws_key_pair": (
        {"id": "deployer", "key_name": "deployer"},
        f"arn:aws:ec2:{R}:{A}:key-pair/deployer",
    ),
    "aws_ebs_snapshot": ({"id": "snap-0abc"}, f"arn:aws:ec2:{R}::snapshot/snap-0abc"),
    "aws_ebs_snapshot_copy": ({"id": "snap-0def"}, f"arn:aws:ec2:{R}::snapshot/snap-0def"),
    # storage, databases, caches
    "aws_s3_bucket": ({"id": "acme-logs", "bucket": "acme-logs"}, "arn:aws:s3:::acme-logs"),
    "aws_efs_file_system": regional("elasticfilesystem", "file-system/fs-0abc", id="fs-0abc"),
    "aws_efs_access_point": regional("elasticfilesystem", "access-point/fsap-0ab", id="fsap-0ab"),
    "aws_s3_access_point": regional("s3", "accesspoint/ap1", name="ap1", bucket="b"),
    "aws_db_instance": regional("rds", "db:portal", identifier="portal"),
    "aws_rds_cluster_instance": regional("rds", "db:aurora-1", identifier="aurora-1"),
    "aws_docdb_cluster_instance": regional("rds", "db:docs-1", identifier="docs-1"),
    "aws_neptune_cluster_instance": regional("rds", "db:graph-1", identifier="graph-1"),
    "aws_rds_cluster": regional("rds", "cluster:aurora", cluster_identifier="aurora"),
    "aws_docdb_cluster": regional("rds", "cluster:docs", cluster_identifier="docs"),
    "aws_neptune_cluster": regional("rds", "cluster:graph", cluster_identifier="graph"),
    "aws_db_subnet_group": regional("rds", "subgrp:main", name="main"),
    "aws_docdb_subnet_group": regional("rds", "subgrp:docs", name="docs"),
    "aws_neptune_subnet_group": regional("rds", "subgrp:graph", name="graph"),
    "aws_db_option_group": regional("rds", "og:sqlserver", name="sqlserver"),
    "aws_db_event_subscription": regional("rds", "es:alerts", name="alerts"),
    "aws_db_snapshot": (
        {"db_snapshot_arn": f"arn:aws:rds:{R}:{A}:snapshot:nightly"},
        f"arn:aws:rds:{R}:{A}:snapshot:nightly",
    ),
    "aws_db_cluster_snapshot": (
        {"db_cluster_snapshot_arn": f"arn:aws:rds:{R}:{A}:cluster-snapshot:nightly"},
        f"arn:aws:rds:{R}:{A}:cluster-snapshot:nightly",
    ),
    "aws_rds_global_cluster": (
        {"global_cluster_identifier": "orders"},
        f"arn:aws:rds::{A}:global-cluster:orders",
    ),
    "aws_dynamodb_table": regional("dynamodb", "table/orders", name="orders"),
    "aws_elasticache_cluster": regional("elasticache", "cluster:cache", cluster_id="cache"),
    "aws_elasticache_replication_group": regional(
        "elasticache", "replicationgroup:sessions", replication_group_id="sessions"
    ),
    "aws_elasticache_subnet_group": regional("elasticache", "subnetgroup:cache", name="cache"),
    "aws_elasticache_serverless_cache": regional(
        "elasticache", "serverlesscache:fast", name="fast"
    ),
    "aws_memorydb_cluster": regional("memorydb", "cluster/mem", name="mem"),
    "aws_memorydb_subnet_group": regional("memorydb", "subnetgroup/mem", name="mem"),
    "aws_redshift_cluster": regional("redshift", "cluster:dwh", cluster_identifier="dwh"),
    "aws_redshift_subnet_group": regional("redshift", "subnetgroup:dwh", name="dwh"),
    "aws_redshift_parameter_group": regional("redshift", "parametergroup:dwh", name="dwh"),
    "aws_opensearch_domain": regional("es", "domain/search", domain_name="search"),
    "aws_elasticsearch_domain": regional("es", "domain/logs", domain_name="logs"),
    "aws_opensearchserverless_collection": regional("aoss", "collection/c0abc", id="c0abc"),
    "aws_mq_broker": regional("mq", "broker:jobs:b-1234", broker_name="jobs", id="b-1234"),
    "aws_backup_vault": regional("backup", "backup-vault:main", name="main"),
    "aws_backup_plan": regional("backup", "backup-plan:plan-1", id="plan-1"),
    # compute and containers
    "aws_lambda_function": regional("lambda", "function:resize", function_name="resize"),
    "aws_elb": regional("elasticloadbalancing", "loadbalancer/web", name="web"),
    "aws_eks_cluster": regional("eks", "cluster/main", name="main"),
    "aws_ecr_repository": regional("ecr", "repository/api", name="api"),
    "aws_ecrpublic_repository": (
        {"repository_name": "tools"},
        f"arn:aws:ecr-public::{A}:repository/tools",
    ),
    "aws_ecs_cluster": regional("ecs", "cluster/main", name="main"),
    "aws_ecs_service": regional(
        "ecs", "service/main/api", name="api", cluster=f"arn:aws:ecs:{R}:{A}:cluster/main"
    ),
    "aws_ecs_task_definition": regional("ecs", "task-definition/api:7", family="api", revision=7),
    "aws_ecs_capacity_provider": regional("ecs", "capacity-provider/spot", name="spot"),
    "aws_batch_compute_environment": regional(
        "batch", "compute-environment/ce", compute_environment_name="ce"
    ),
    "aws_batch_job_queue": regional("batch", "job-queue/jobs", name="jobs"),
    "aws_emr_cluster": regional("elasticmapreduce", "cluster/j-1ABC", id="j-1ABC"),
    "aws_elastic_beanstalk_application": regional(
        "elasticbeanstalk", "application/shop", name="shop"
    ),
    "aws_elastic_beanstalk_environment": regional(
        "elasticbeanstalk", "environment/shop/shop-prod", name="shop-prod", application="shop"
    ),
    # messaging, streaming, integration
    "aws_sqs_queue": regional("sqs", "jobs", name="jobs"),
    "aws_sns_topic": regional("sns", "alerts", name="alerts"),
    "aws_kinesis_stream": regional("kinesis", "stream/clicks", name="clicks"),
    "aws_kinesis_firehose_delivery_stream": regional(
        "firehose", "deliverystream/clicks", name="clicks"
    ),
    "aws_kinesisanalyticsv2_application": regional(
        "kinesisanalytics", "application/flink", name="flink"
    ),
    "aws_sfn_state_machine": regional("states", "stateMachine:orders", name="orders"),
    "aws_sfn_activity": regional("states", "activity:approve", name="approve"),
    "aws_cloudwatch_event_bus": regional("events", "event-bus/orders", name="orders"),
    "aws_cloudwatch_event_archive": regional("events", "archive/orders", name="orders"),
    "aws_scheduler_schedule": regional(
        "scheduler", "schedule/default/nightly", name="nightly", group_name="default"
    ),
    "aws_appsync_graphql_api": regional("appsync", "apis/abc123", id="abc123"),
    "aws_api_gateway_rest_api": ({"id": "a1b2c3"}, f"arn:aws:apigateway:{R}::/restapis/a1b2c3"),
    "aws_apigatewayv2_api": ({"id": "d4e5f6"}, f"arn:aws:apigateway:{R}::/apis/d4e5f6"),
    "aws_api_gateway_usage_plan": ({"id": "u1"}, f"arn:aws:apigateway:{R}::/usageplans/u1"),
    "aws_api_gateway_stage": (
        {"rest_api_id": "a1b2c3", "stage_name": "prod"},
        f"arn:aws:apigateway:{R}::/restapis/a1b2c3/stages/prod",
    ),
    "aws_api_gateway_method": (
        {"rest_api_id": "a1b2c3", "resource_id": "r0x1", "http_method": "GET"},
        f"arn:aws:apigateway:{R}::/restapis/a1b2c3/resources/r0x1/methods/GET",
    ),
    "aws_apigatewayv2_stage": (
        {"api_id": "d4e5f6", "name": "$default"},
        f"arn:aws:apigateway:{R}::/apis/d4e5f6/stages/$default",
    ),
    "aws_apigatewayv2_integration": (
        {"api_id": "d4e5f6", "id": "i7g8h9"},
        f"arn:aws:apigateway:{R}::/apis/d4e5f6/integrations/i7g8h9",
    ),
    "aws_service_discovery_service": regional("servicediscovery", "service/srv-1", id="srv-1"),
    "aws_service_discovery_http_namespace": regional(
        "servicediscovery", "namespace/ns-1", id="ns-1"
    ),
    "aws_service_discovery_public_dns_namespace": regional(
        "servicediscovery", "namespace/ns-2", id="ns-2"
    ),
    "aws_service_discovery_private_dns_namespace": regional(
        "servicediscovery", "namespace/ns-3", id="ns-3"
    ),
    "aws_ses_configuration_set": regional("ses", "configuration-set/mail", name="mail"),
    "aws_ses_template": regional("ses", "template/welcome", name="welcome"),
    "aws_glue_job": regional("glue", "job/etl", name="etl"),
    "aws_glue_crawler": regional("glue", "crawler/raw", name="raw"),
    "aws_glue_catalog_database": regional("glue", "database/lake", name="lake"),
    "aws_athena_database": regional("glue", "database/adhoc", name="adhoc"),
    "aws_athena_workgroup": regional("athena", "workgroup/analysts", name="analysts"),
    "aws_athena_data_catalog": regional("athena", "datacatalog/hive", name="hive"),
    # security, identity, operations
    "aws_kms_key": regional("kms", "key/1234abcd", key_id="1234abcd"),
    "aws_kms_replica_key": regional("kms", "key/mrk-1234", id="mrk-1234"),
    "aws_kms_external_key": regional("kms", "key/5678efgh", id="5678efgh"),
    "aws_kms_alias": regional("kms", "alias/orders", name="alias/orders"),
    "aws_cognito_user_pool": regional("cognito-idp", "userpool/eu-west-1_Ab1", id="eu-west-1_Ab1"),
    "aws_cognito_identity_pool": regional(
        "cognito-identity", "identitypool/eu-west-1:0f1e", id="eu-west-1:0f1e"
    ),
    "aws_cloudwatch_log_group": regional("logs", "log-group:/app/api", name="/app/api"),
    "aws_cloudwatch_log_destination": regional("logs", "destination:central", name="central"),
    "aws_cloudwatch_metric_alarm": regional("cloudwatch", "alarm:cpu-high", alarm_name="cpu-high"),
    "aws_cloudwatch_composite_alarm": regional(
        "cloudwatch", "alarm:svc-down", alarm_name="svc-down"
    ),
    "aws_cloudwatch_metric_stream": regional("cloudwatch", "metric-stream/all", name="all"),
    "aws_cloudwatch_dashboard": (
        {"dashboard_name": "ops", "dashboard_arn": f"arn:aws:cloudwatch::{A}:dashboard/ops"},
        f"arn:aws:cloudwatch::{A}:dashboard/ops",
    ),
    "aws_cloudtrail": regional("cloudtrail", "trail/audit", name="audit"),
    "aws_guardduty_detector": regional("guardduty", "detector/12abc", id="12abc"),
    "aws_accessanalyzer_analyzer": regional("access-analyzer", "analyzer/org", analyzer_name="org"),
    "aws_ssm_document": regional("ssm", "document/patch", name="patch"),
    "aws_iam_role": ({"name": "deployer", "path": "/"}, f"arn:aws:iam::{A}:role/deployer"),
    "aws_iam_user": ({"name": "ci", "path": "/bots/"}, f"arn:aws:iam::{A}:user/bots/ci"),
    "aws_iam_policy": ({"name": "read", "path": "/"}, f"arn:aws:iam::{A}:policy/read"),
    "aws_iam_group": ({"name": "ops", "path": "/"}, f"arn:aws:iam::{A}:group/ops"),
    "aws_iam_instance_profile": (
        {"name": "web", "path": "/"},
        f"arn:aws:iam::{A}:instance-profile/web",
    ),
    "aws_iam_service_linked_role": (
        {"name": "AWSServiceRoleForECS", "path": "/aws-service-role/ecs.amazonaws.com/"},
        f"arn:aws:iam::{A}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS",
    ),
    "aws_cloudfront_distribution": (
        {"id": "E2QWRUHEXAMPLE"},
        f"arn:aws:cloudfront::{A}:distribution/E2QWRUHEXAMPLE",
    ),
    "aws_route53_zone": (
        {"id": "Z1D633PJN98FT9", "zone_id": "Z1D633PJN98FT9", "name": "acme.example"},
        "arn:aws:route53:::hostedzone/Z1D633PJN98FT9",
    ),
    "aws_cloudfront_realtime_log_config": (
        {"name": "clicks"},
        f"arn:aws:cloudfront::{A}:realtime-log-config/clicks",
    ),
    "aws_route53_health_check": ({"id": "abcd-1234"}, "arn:aws:route53:::healthcheck/abcd-1234"),
    "aws_route53_resolver_endpoint": regional(
        "route53resolver", "resolver-endpoint/rslvr-in-1", id="rslvr-in-1"
    ),
    "aws_route53_resolver_rule": regional(
        "route53resolver", "resolver-rule/rslvr-rr-1", id="rslvr-rr-1"
    ),
    "aws_waf_web_acl": ({"id": "w-1"}, f"arn:aws:waf::{A}:webacl/w-1"),
    "aws_wafregional_web_acl": regional("waf-regional", "webacl/w-2", id="w-2"),
    # delivery and applications
    "aws_codebuild_project": regional("codebuild", "project/build", name="build"),
    "aws_codepipeline": regional("codepipeline", "release", name="release"),
    "aws_codedeploy_app": regional("codedeploy", "application:shop", name="shop"),
    "aws_codedeploy_deployment_group": regional(
        "codedeploy",
        "deploymentgroup:shop/prod",
        app_name="shop",
        deployment_group_name="prod",
    ),
    "aws_codecommit_repository": regional("codecommit", "infra", repository_name="infra"),
    "aws_codeartifact_domain": regional("codeartifact", "domain/acme", domain="acme"),
    "aws_codeartifact_repository": regional(
        "codeartifact", "repository/acme/npm", domain="acme", repository="npm"
    ),
    "aws_amplify_app": regional("amplify", "apps/d1abc", id="d1abc"),
    "aws_amplify_branch": regional(
        "amplify", "apps/d1abc/branches/main", app_id="d1abc", branch_name="main"
    ),
    "aws_transfer_server": regional("transfer", "server/s-0abc", id="s-0abc"),
    # DMS records its ARNs under names of their own; the id is that field.
    "aws_dms_replication_instance": (
        {"replication_instance_arn": f"arn:aws:dms:{R}:{A}:rep:ABCDEF1234"},
        f"arn:aws:dms:{R}:{A}:rep:ABCDEF1234",
    ),
    "aws_dms_endpoint": (
        {"endpoint_arn": f"arn:aws:dms:{R}:{A}:endpoint:SRC1"},
        f"arn:aws:dms:{R}:{A}:endpoint:SRC1",
    ),
    "aws_dms_s3_endpoint": (
        {"endpoint_arn": f"arn:aws:dms:{R}:{A}:endpoint:DST1"},
        f"arn:aws:dms:{R}:{A}:endpoint:DST1",
    ),
    "aws_dms_replication_task": (
        {"replication_task_arn": f"arn:aws:dms:{R}:{A}:task:TASK1"},
        f"arn:aws:dms:{R}:{A}:task:TASK1",
    ),
    "aws_dms_replication_subnet_group": (
        {"replication_subnet_group_arn": f"arn:aws:dms:{R}:{A}:subgrp:dms-main"},
        f"arn:aws:dms:{R}:{A}:subgrp:dms-main",
    ),
    "aws_dms_certificate": (
        {"certificate_arn": f"arn:aws:dms:{R}:{A}:cert:CERT1"},
        f"arn:aws:dms:{R}:{A}:cert:CERT1",
    ),
}


def _tainted(kind: str, attributes: dict[str, Any]) -> Instance:
    """An instance left tainted by a create that failed before the ARN was recorded."""
    return Instance(f"{kind}.x", kind, "aws", attributes, tainted=True, config=CONFIG)


# An instance of the same provider configuration whose ARN names the account and region.
WITNESS = Instance(
    "aws_instance.witness",
    "aws_instance",
    "aws",
    {"id": "i-0witness", "arn": f"arn:aws:ec2:{R}:{A}:instance/i-0witness"},
    config=CONFIG,
)


def test_every_aws_type_with_an_arn_template_has_an_example() -> None:
    assert sorted(t for t, spec in AWS.items() if spec.id) == sorted(ARNS)


@pytest.mark.parametrize("tf_type", sorted(ARNS))
def test_an_instance_without_an_arn_gets_the_one_aws_gives_it(tf_type: str) -> None:
    attributes, expected = ARNS[tf_type]
    found = convert_all([WITNESS, _tainted(tf_type, {"arn": None, **attributes})], "s.tfstate")
    resource = next(
        r for r in found.resources if r.attributes["terraform_address"] != "aws_instance.witness"
    )
    assert resource.id == expected
    assert resource.account == A
    assert resource.region == ("global" if AWS[tf_type].region == "'global'" else R)


@pytest.mark.parametrize("tf_type", sorted(AWS))
def test_a_bare_name_never_becomes_an_aws_id(tf_type: str) -> None:
    """Whatever the type, an instance with a name and no ARN, in a state that names no
    account, is imported under an ARN or not at all (a gap)."""
    bare = {"arn": None, "id": "tamnara-cluster", "name": "tamnara-cluster"}
    found = convert_all([_tainted(tf_type, bare)], "s.tfstate")
    assert [r.id for r in found.resources if not r.id.startswith("arn:")] == []
    assert len(found.resources) + len(found.unnamed) == 1
