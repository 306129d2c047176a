"""`exitplan import` of AWS states: a typical estate (tests/fixtures/import/state-aws.tfstate)
imports every instance as a scan would see it, with no unknown-type gap; an instance
whose state holds no ARN is imported under the ARN AWS gives it, or is a gap, never under
a bare name; an ARN that names no account takes the one account its provider
configuration names, and the summary says so."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from exitplan.cli import app

FIXTURE = Path(__file__).parent / "fixtures" / "import" / "state-aws.tfstate"
A = "111122223333"
SECRET = "PLANTED-SECRET-aws-state"
AWS = 'provider["registry.terraform.io/hashicorp/aws"]'


def ec2(kind: str, rid: str) -> str:
    return f"arn:aws:ec2:eu-west-1:{A}:{kind}/{rid}"


def arn(service: str, rest: str, region: str = "eu-west-1") -> str:
    return f"arn:aws:{service}:{region}:{A}:{rest}"


ASG = "autoScalingGroup:9a8b7c6d-1111-2222-3333-444455556666:autoScalingGroupName/acme-web"
POLICY = (
    "scalingPolicy:0f1e2d3c-aaaa-bbbb-cccc-ddddeeeeffff:autoScalingGroupName/acme-web:"
    "policyName/acme-web-cpu"
)
NODES = "nodegroup/acme-prod/default/a0c1e2f3-1111-2222-3333-444455556666"
ADDON = "addon/acme-prod/vpc-cni/9ec1e2f3-1111-2222-3333-444455556666"
OIDC = "oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC"
CERT = "certificate/0c1d2e3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f"
ACL = "global/webacl/acme/9f8e7d6c-5b4a-3c2d-1e0f-a9b8c7d6e5f4"
KEY = "1234abcd-12ab-34cd-56ef-1234567890ab"
APIGW = "arn:aws:apigateway:eu-west-1::"

# address -> (native type, id, name, region): what a scan of the same account would list.
EXPECTED: dict[str, tuple[str, str, str, str]] = {
    # the community VPC module, with count and for_each keys
    "module.vpc.aws_vpc.this[0]": (
        "AWS::EC2::VPC", ec2("vpc", "vpc-0a1b2c3d4e5f60718"), "acme-prod", "eu-west-1"),
    "module.vpc.aws_subnet.private[0]": (
        "AWS::EC2::Subnet", ec2("subnet", "subnet-0private0"), "acme-prod-private-0", "eu-west-1"),
    "module.vpc.aws_subnet.private[1]": (
        "AWS::EC2::Subnet", ec2("subnet", "subnet-0private1"), "acme-prod-private-1", "eu-west-1"),
    'module.vpc.aws_subnet.public["a"]': (
        "AWS::EC2::Subnet", ec2("subnet", "subnet-0public0"), "acme-prod-public-a", "eu-west-1"),
    "module.vpc.aws_internet_gateway.this[0]": (
        "AWS::EC2::InternetGateway", ec2("internet-gateway", "igw-0abc"), "acme-prod",
        "eu-west-1"),
    "module.vpc.aws_eip.nat[0]": (
        "AWS::EC2::EIP", ec2("elastic-ip", "eipalloc-0abc"), "acme-prod-nat", "eu-west-1"),
    "module.vpc.aws_nat_gateway.this[0]": (
        "AWS::EC2::NatGateway", ec2("natgateway", "nat-0abc"), "acme-prod", "eu-west-1"),
    "module.vpc.aws_route_table.private[0]": (
        "AWS::EC2::RouteTable", ec2("route-table", "rtb-0private"), "acme-prod-private",
        "eu-west-1"),
    # recorded by a provider without the arn attribute: built as the provider builds it
    "module.vpc.aws_route_table.public[0]": (
        "AWS::EC2::RouteTable", ec2("route-table", "rtb-0public"), "acme-prod-public",
        "eu-west-1"),
    "module.vpc.aws_default_route_table.default[0]": (
        "AWS::EC2::RouteTable", ec2("route-table", "rtb-0default"), "acme-prod-default",
        "eu-west-1"),
    "module.vpc.aws_default_security_group.this[0]": (
        "AWS::EC2::SecurityGroup", ec2("security-group", "sg-0default"), "default", "eu-west-1"),
    "module.vpc.aws_default_network_acl.this[0]": (
        "AWS::EC2::NetworkAcl", ec2("network-acl", "acl-0default"), "acme-prod-default",
        "eu-west-1"),
    "module.vpc.aws_vpc_endpoint.s3[0]": (
        "AWS::EC2::VPCEndpoint", ec2("vpc-endpoint", "vpce-0abc"), "vpce-0abc", "eu-west-1"),
    "module.vpc.aws_flow_log.this[0]": (
        "AWS::EC2::FlowLog", ec2("vpc-flow-log", "fl-0abc"), "fl-0abc", "eu-west-1"),
    "aws_security_group.web": (
        "AWS::EC2::SecurityGroup", ec2("security-group", "sg-0web"), "acme-web", "eu-west-1"),
    # compute, load balancing, containers
    "aws_lb.web": (
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        arn("elasticloadbalancing", "loadbalancer/app/acme-web/50dc6c495c0c9188"), "acme-web",
        "eu-west-1"),
    "aws_lb_listener.https": (
        "AWS::ElasticLoadBalancingV2::Listener",
        arn("elasticloadbalancing", "listener/app/acme-web/50dc6c495c0c9188/f2f7"), "f2f7",
        "eu-west-1"),
    "aws_lb_target_group.web": (
        "AWS::ElasticLoadBalancingV2::TargetGroup",
        arn("elasticloadbalancing", "targetgroup/acme-web/73e2d6bc24d8a067"), "acme-web",
        "eu-west-1"),
    "aws_launch_template.web": (
        "AWS::EC2::LaunchTemplate", ec2("launch-template", "lt-0abc"), "acme-web", "eu-west-1"),
    "aws_autoscaling_group.web": (
        "AWS::AutoScaling::AutoScalingGroup", arn("autoscaling", ASG), "acme-web", "eu-west-1"),
    "aws_autoscaling_policy.cpu": (
        "AWS::AutoScaling::ScalingPolicy", arn("autoscaling", POLICY), "acme-web-cpu",
        "eu-west-1"),
    "aws_key_pair.deployer": (
        "AWS::EC2::KeyPair", ec2("key-pair", "deployer"), "deployer", "eu-west-1"),
    "aws_instance.bastion": (
        "AWS::EC2::Instance", ec2("instance", "i-0bastion"), "acme-bastion", "eu-west-1"),
    "aws_ecs_cluster.acme": ("AWS::ECS::Cluster", arn("ecs", "cluster/acme"), "acme", "eu-west-1"),
    "aws_ecs_task_definition.api": (
        "AWS::ECS::TaskDefinition", arn("ecs", "task-definition/acme-api:12"), "acme-api",
        "eu-west-1"),
    "aws_ecs_service.api": (
        "AWS::ECS::Service", arn("ecs", "service/acme/api"), "api", "eu-west-1"),
    "aws_ecr_repository.api": (
        "AWS::ECR::Repository", arn("ecr", "repository/acme/api"), "acme/api", "eu-west-1"),
    "module.eks.aws_eks_cluster.this[0]": (
        "AWS::EKS::Cluster", arn("eks", "cluster/acme-prod"), "acme-prod", "eu-west-1"),
    'module.eks.aws_eks_node_group.this["default"]': (
        "AWS::EKS::Nodegroup", arn("eks", NODES), "default", "eu-west-1"),
    'module.eks.aws_eks_addon.this["vpc-cni"]': (
        "AWS::EKS::Addon", arn("eks", ADDON), "vpc-cni", "eu-west-1"),
    # identity: global
    "module.eks.aws_iam_openid_connect_provider.oidc[0]": (
        "AWS::IAM::OIDCProvider", f"arn:aws:iam::{A}:{OIDC}",
        "oidc.eks.eu-west-1.amazonaws.com/id/ABC", "global"),
    "module.eks.aws_iam_role.cluster[0]": (
        "AWS::IAM::Role", f"arn:aws:iam::{A}:role/acme-prod-cluster", "acme-prod-cluster",
        "global"),
    "aws_iam_instance_profile.web": (
        "AWS::IAM::InstanceProfile", f"arn:aws:iam::{A}:instance-profile/acme-web", "acme-web",
        "global"),
    "aws_iam_policy.read": (
        "AWS::IAM::ManagedPolicy", f"arn:aws:iam::{A}:policy/acme-read", "acme-read", "global"),
    # data
    "module.db.aws_db_subnet_group.this[0]": (
        "AWS::RDS::DBSubnetGroup", arn("rds", "subgrp:acme-db"), "acme-db", "eu-west-1"),
    "module.db.aws_db_instance.this[0]": (
        "AWS::RDS::DBInstance", arn("rds", "db:acme-orders"), "acme-orders", "eu-west-1"),
    "aws_rds_cluster.aurora": (
        "AWS::RDS::DBCluster", arn("rds", "cluster:acme-reporting"), "acme-reporting",
        "eu-west-1"),
    "aws_rds_cluster_instance.aurora[0]": (
        "AWS::RDS::DBInstance", arn("rds", "db:acme-reporting-1"), "acme-reporting-1",
        "eu-west-1"),
    "aws_elasticache_subnet_group.cache": (
        "AWS::ElastiCache::SubnetGroup", arn("elasticache", "subnetgroup:acme-cache"),
        "acme-cache", "eu-west-1"),
    "aws_elasticache_replication_group.sessions": (
        "AWS::ElastiCache::ReplicationGroup", arn("elasticache", "replicationgroup:acme-sessions"),
        "acme-sessions", "eu-west-1"),
    "aws_dynamodb_table.orders": (
        "AWS::DynamoDB::Table", arn("dynamodb", "table/acme-orders"), "acme-orders", "eu-west-1"),
    "aws_s3_bucket.assets": (
        "AWS::S3::Bucket", "arn:aws:s3:::acme-prod-assets", "acme-prod-assets", "eu-west-1"),
    "aws_efs_file_system.shared": (
        "AWS::EFS::FileSystem", arn("elasticfilesystem", "file-system/fs-0abc"), "acme-shared",
        "eu-west-1"),
    "aws_secretsmanager_secret.db": (
        "AWS::SecretsManager::Secret", arn("secretsmanager", "secret:acme/db-AbCdEf"), "acme/db",
        "eu-west-1"),
    "aws_kms_key.data": ("AWS::KMS::Key", arn("kms", f"key/{KEY}"), KEY, "eu-west-1"),
    "aws_kms_alias.data": (
        "AWS::KMS::Alias", arn("kms", "alias/acme-data"), "alias/acme-data", "eu-west-1"),
    "aws_ssm_parameter.db_host": (
        "AWS::SSM::Parameter", arn("ssm", "parameter/acme/db/host"), "/acme/db/host",
        "eu-west-1"),
    # serverless and integration
    "aws_lambda_function.resize": (
        "AWS::Lambda::Function", arn("lambda", "function:acme-resize"), "acme-resize",
        "eu-west-1"),
    "aws_cloudwatch_log_group.resize": (
        "AWS::Logs::LogGroup", arn("logs", "log-group:/aws/lambda/acme-resize"),
        "/aws/lambda/acme-resize", "eu-west-1"),
    "aws_cloudwatch_metric_alarm.cpu": (
        "AWS::CloudWatch::Alarm", arn("cloudwatch", "alarm:acme-web-cpu-high"),
        "acme-web-cpu-high", "eu-west-1"),
    "aws_sqs_queue.jobs": ("AWS::SQS::Queue", arn("sqs", "acme-jobs"), "acme-jobs", "eu-west-1"),
    "aws_sns_topic.alerts": (
        "AWS::SNS::Topic", arn("sns", "acme-alerts"), "acme-alerts", "eu-west-1"),
    "aws_cloudwatch_event_rule.nightly": (
        "AWS::Events::Rule", arn("events", "rule/acme-nightly"), "acme-nightly", "eu-west-1"),
    "aws_apigatewayv2_api.http": (
        "AWS::ApiGatewayV2::Api", "arn:aws:apigateway:eu-west-1::/apis/a1b2c3d4e5", "acme-http",
        "eu-west-1"),
    "aws_apigatewayv2_stage.default": (
        "AWS::ApiGatewayV2::Stage", f"{APIGW}/apis/a1b2c3d4e5/stages/$default", "$default",
        "eu-west-1"),
    "aws_cognito_user_pool.users": (
        "AWS::Cognito::UserPool", arn("cognito-idp", "userpool/eu-west-1_AbCdEfGhI"),
        "acme-users", "eu-west-1"),
    # edge: global, and the us-east-1 alias CloudFront needs
    "aws_route53_zone.main": (
        "AWS::Route53::HostedZone", "arn:aws:route53:::hostedzone/Z0ACMEZONE", "acme.example.",
        "global"),
    "aws_cloudfront_distribution.cdn": (
        "AWS::CloudFront::Distribution", f"arn:aws:cloudfront::{A}:distribution/E2QWRUHEXAMPLE",
        "E2QWRUHEXAMPLE", "global"),
    "aws_acm_certificate.cdn": (
        "AWS::CertificateManager::Certificate", arn("acm", CERT, "us-east-1"), "acme.example",
        "us-east-1"),
    "aws_wafv2_web_acl.cdn": ("AWS::WAFv2::WebACL", arn("wafv2", ACL, "us-east-1"), "acme",
        "us-east-1"),
    # a REST API's inside, as AWS Config records it; the method's ARN built, as its state
    # holds none
    "aws_api_gateway_rest_api.legacy": (
        "AWS::ApiGateway::RestApi", f"{APIGW}/restapis/r3st4p1", "acme-legacy", "eu-west-1"),
    "aws_api_gateway_method.get_orders": (
        "AWS::ApiGateway::Method", f"{APIGW}/restapis/r3st4p1/resources/res0rd/methods/GET",
        "GET", "eu-west-1"),
    "aws_api_gateway_stage.prod": (
        "AWS::ApiGateway::Stage", f"{APIGW}/restapis/r3st4p1/stages/prod", "prod", "eu-west-1"),
    # machine learning, migration, proxies, serverless warehouses, Lightsail, images
    "aws_placement_group.hpc": (
        "AWS::EC2::PlacementGroup", ec2("placement-group", "acme-hpc"), "acme-hpc",
        "eu-west-1"),
    "aws_ami_copy.golden": (
        "AWS::EC2::Image", "arn:aws:ec2:eu-west-1::image/ami-0golden", "acme-golden",
        "eu-west-1"),
    "aws_db_proxy.orders": (
        "AWS::RDS::DBProxy", arn("rds", "db-proxy:prx-0a1b2c3d4e5f6a7b8"), "acme-orders-proxy",
        "eu-west-1"),
    "aws_sagemaker_model.churn": (
        "AWS::SageMaker::Model", arn("sagemaker", "model/acme-churn"), "acme-churn",
        "eu-west-1"),
    "aws_sagemaker_endpoint_configuration.churn": (
        "AWS::SageMaker::EndpointConfig", arn("sagemaker", "endpoint-config/acme-churn"),
        "acme-churn", "eu-west-1"),
    "aws_sagemaker_endpoint.churn": (
        "AWS::SageMaker::Endpoint", arn("sagemaker", "endpoint/acme-churn"), "acme-churn",
        "eu-west-1"),
    "aws_sagemaker_notebook_instance.lab": (
        "AWS::SageMaker::NotebookInstance", arn("sagemaker", "notebook-instance/acme-lab"),
        "acme-lab", "eu-west-1"),
    "aws_dms_replication_instance.move": (
        "AWS::DMS::ReplicationInstance", arn("dms", "rep:ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
        "acme-move", "eu-west-1"),
    "aws_dms_endpoint.source": (
        "AWS::DMS::Endpoint", arn("dms", "endpoint:SOURCEENDPOINT1"), "acme-source",
        "eu-west-1"),
    "aws_redshiftserverless_namespace.dwh": (
        "AWS::RedshiftServerless::Namespace",
        arn("redshift-serverless", "namespace/9f8e7d6c-0000-1111-2222-333344445555"),
        "acme-dwh", "eu-west-1"),
    "aws_redshiftserverless_workgroup.dwh": (
        "AWS::RedshiftServerless::Workgroup",
        arn("redshift-serverless", "workgroup/0a1b2c3d-0000-1111-2222-333344445555"),
        "acme-dwh", "eu-west-1"),
    "aws_lightsail_instance.blog": (
        "AWS::Lightsail::Instance",
        arn("lightsail", "Instance/7a6b5c4d-0000-1111-2222-333344445555"), "acme-blog",
        "eu-west-1"),
    "aws_lightsail_static_ip.blog": (
        "AWS::Lightsail::StaticIp",
        arn("lightsail", "StaticIp/1f2e3d4c-0000-1111-2222-333344445555"), "acme-blog-ip",
        "eu-west-1"),
}  # fmt: skip

PARTS = {
    "aws_acm_certificate_validation": 1,
    "aws_api_gateway_resource": 1,
    "aws_cloudfront_origin_access_control": 1,
    "aws_cloudwatch_event_target": 1,
    "aws_cognito_user_pool_client": 1,
    "aws_db_parameter_group": 1,
    "aws_ecr_lifecycle_policy": 1,
    "aws_efs_mount_target": 2,
    "aws_eip_association": 1,
    "aws_iam_role_policy_attachment": 1,
    "aws_lightsail_static_ip_attachment": 1,
    "aws_lambda_permission": 1,
    "aws_db_proxy_default_target_group": 1,
    "aws_lb_target_group_attachment": 1,
    "aws_route": 1,
    "aws_route53_record": 1,
    "aws_route_table_association": 1,
    "aws_s3_bucket_public_access_block": 1,
    "aws_s3_bucket_versioning": 1,
    "aws_s3_object": 1,
    "aws_secretsmanager_secret_version": 1,
    "aws_security_group_rule": 1,
    "aws_sns_topic_subscription": 1,
    "aws_vpc_security_group_ingress_rule": 1,
}


def run(tmp_path: Path, path: Path, *options: str) -> tuple[int, str, dict[str, Any]]:
    out = tmp_path / "inventory.json"
    result = CliRunner().invoke(app, ["import", str(path), "--out", str(out), *options])
    assert result.exit_code in (0, 1), (result.output, result.exception)
    return result.exit_code, result.output, json.loads(out.read_text())


def test_a_typical_aws_state_imports_every_instance_as_a_scan_would(tmp_path: Path) -> None:
    code, output, inventory = run(tmp_path, FIXTURE)
    assert code == 0, output
    assert inventory["gaps"] == []
    got = {
        r["attributes"]["terraform_address"]: (r["type"], r["id"], r["name"], r["region"])
        for r in inventory["resources"]
    }
    assert got == EXPECTED
    assert {r["account"] for r in inventory["resources"]} == {A}
    skipped = {s["type"]: s["count"] for s in inventory["skipped"]}
    assert skipped == {**PARTS, "random_password": 1}
    assert SECRET not in json.dumps(inventory) + output


def test_what_the_typical_state_keeps_drives_an_estimate(tmp_path: Path) -> None:
    _, _, inventory = run(tmp_path, FIXTURE)
    kept = {r["attributes"]["terraform_address"]: r["attributes"] for r in inventory["resources"]}
    assert kept["aws_rds_cluster_instance.aurora[0]"]["instance_type"] == "db.r6g.large"
    assert kept["aws_rds_cluster_instance.aurora[0]"]["engine"] == "aurora-postgresql"
    assert kept["aws_ecs_task_definition.api"]["memory_mib"] == 1024
    assert kept["aws_launch_template.web"]["instance_type"] == "m6i.large"
    assert kept["aws_lb_target_group.web"]["port"] == 8080
    # container definitions, user data and a parameter's value are never read
    assert set(kept["aws_ssm_parameter.db_host"]) == {"kind", "tier", "terraform_address"}
    # what sizes a served model is in its endpoint's configuration
    served = kept["aws_sagemaker_endpoint_configuration.churn"]
    assert (served["instance_type"], served["node_count"]) == ("ml.m5.large", 2)
    replication = kept["aws_dms_replication_instance.move"]
    assert (replication["instance_type"], replication["size_bytes"]) == (
        "dms.t3.medium",
        50 * 2**30,
    )
    assert kept["aws_redshiftserverless_workgroup.dwh"]["base_capacity"] == 32
    assert kept["aws_lightsail_instance.blog"]["instance_type"] == "small_3_0"
    assert kept["aws_lb_listener.https"]["port"] == 443


def state(*resources: dict[str, Any]) -> dict[str, Any]:
    return {"version": 4, "terraform_version": "1.10.5", "serial": 3, "lineage": "l",
            "outputs": {}, "resources": list(resources)}  # fmt: skip


def block(kind: str, name: str, attributes: dict[str, Any], **extra: Any) -> dict[str, Any]:
    provider = extra.pop("provider", AWS)
    body = {"schema_version": 0, "attributes": attributes, **extra}
    return {"mode": "managed", "type": kind, "name": name, "provider": provider,
            "instances": [body]}  # fmt: skip


def write(tmp_path: Path, content: dict[str, Any]) -> Path:
    path = tmp_path / "terraform.tfstate"
    path.write_text(json.dumps(content))
    return path


# An EKS cluster whose create failed: Terraform keeps it tainted, with its name and no ARN.
TAINTED = block(
    "aws_eks_cluster",
    "main",
    {"id": "tamnara-cluster", "name": "tamnara-cluster", "arn": None, "version": "1.31"},
    status="tainted",
)
ROLE = block(
    "aws_iam_role",
    "cluster",
    {"id": "tamnara", "name": "tamnara", "path": "/", "arn": f"arn:aws:iam::{A}:role/tamnara"},
)
SUBNET = block(
    "aws_subnet",
    "a",
    {"id": "subnet-0a", "arn": f"arn:aws:ec2:ap-northeast-2:{A}:subnet/subnet-0a"},
)


def test_a_tainted_instance_without_an_arn_gets_the_arn_a_scan_gives(tmp_path: Path) -> None:
    code, output, inventory = run(tmp_path, write(tmp_path, state(ROLE, SUBNET, TAINTED)))
    assert code == 0, output
    (cluster,) = [r for r in inventory["resources"] if r["type"] == "AWS::EKS::Cluster"]
    assert cluster["id"] == f"arn:aws:eks:ap-northeast-2:{A}:cluster/tamnara-cluster"
    assert (cluster["account"], cluster["region"]) == (A, "ap-northeast-2")
    assert cluster["attributes"]["terraform_tainted"] is True


def test_a_tainted_instance_that_cannot_be_named_is_a_gap_not_a_bare_name(tmp_path: Path) -> None:
    code, output, inventory = run(tmp_path, write(tmp_path, state(TAINTED)))
    assert code == 1, output
    assert inventory["resources"] == []
    (gap,) = inventory["gaps"]
    assert gap["code"] == "ArnUnknown"
    assert gap["message"].endswith("not imported: aws_eks_cluster.main")
    assert "tamnara-cluster" not in json.dumps(inventory)


BUCKET = block(
    "aws_s3_bucket",
    "logs",
    {"id": "acme-logs", "bucket": "acme-logs", "arn": "arn:aws:s3:::acme-logs",
     "region": "eu-central-1"},
)  # fmt: skip


@pytest.mark.parametrize("as_json", [False, True])
def test_a_bucket_takes_the_one_account_its_configuration_names_and_says_so(
    tmp_path: Path, as_json: bool
) -> None:
    # An IAM role's ARN names the account and no region: enough to file the bucket.
    options = ["--json"] if as_json else []
    code, output, inventory = run(tmp_path, write(tmp_path, state(ROLE, BUCKET)), *options)
    assert code == 0, output
    bucket = next(r for r in inventory["resources"] if r["type"] == "AWS::S3::Bucket")
    assert (bucket["account"], bucket["region"]) == (A, "eu-central-1")
    assert bucket["attributes"]["terraform_account_from"] == AWS
    note = (
        f"1 resources whose state names no account filed under {A}, the one account every "
        f"other resource of {AWS} names: aws_s3_bucket.logs"
    )
    if as_json:
        assert json.loads(output)["notes"] == [note]
    else:
        assert note in output


def test_a_bucket_whose_configuration_names_two_accounts_is_unknown(tmp_path: Path) -> None:
    other = block(
        "aws_iam_role",
        "audit",
        {"id": "audit", "name": "audit", "arn": "arn:aws:iam::444455556666:role/audit"},
    )
    code, output, inventory = run(tmp_path, write(tmp_path, state(ROLE, other, BUCKET)))
    assert code == 1, output
    bucket = next(r for r in inventory["resources"] if r["type"] == "AWS::S3::Bucket")
    assert bucket["account"] == "unknown"
    assert "terraform_account_from" not in bucket["attributes"]
    assert [g["code"] for g in inventory["gaps"]] == ["AccountUnknown"]
    assert "names no account filed under" not in output


def test_a_bucket_of_an_alias_that_names_no_account_is_unknown(tmp_path: Path) -> None:
    # The alias may hold another account's credentials: the default one's is not borrowed.
    aliased = {**BUCKET, "provider": f"{AWS}.replica"}
    code, output, inventory = run(tmp_path, write(tmp_path, state(ROLE, aliased)))
    assert code == 1, output
    bucket = next(r for r in inventory["resources"] if r["type"] == "AWS::S3::Bucket")
    assert bucket["account"] == "unknown"
