"""The AWS part of the Terraform type table: `aws_*` types as the native types the AWS
connector gives (see `tfspec` for what each entry says), joined from this module (the types
the AWS connector scans, and their Terraform twins) and four more (networking and edge;
data, compute and streaming; identity, integration, operations and delivery; machine
learning, migration and Lightsail).

The rule of `tfparts` decides what is a type: what AWS Config records as a resource type is
imported with that type; a few types AWS Config does not record but CloudFormation has are
imported under CloudFormation's name (the AWS connector's own types among them; the tests
list them); the rest is a part (`tftypes_aws_parts`). Every entry's `id` is the ARN in its
service's format, used where the state holds no ARN (see `tfaws`); entries without one are
types whose ARN holds a part that Terraform does not record (a random suffix, a UUID)."""

from __future__ import annotations

from connectors.attributes import Attr, licence_model

from .tfspec import TfType, const, either
from .tftypes_aws_common import EC2_NAME, GLOBAL, SUBNET, VPC, VPC_ID, arn, ec2, iam
from .tftypes_aws_network import NETWORK_TYPES
from .tftypes_aws_ops import OPS_TYPES
from .tftypes_aws_parts import AWS_PARTS
from .tftypes_aws_services import SERVICE_TYPES
from .tftypes_aws_workloads import WORKLOAD_TYPES

__all__ = ["AWS_PARTS", "AWS_TYPES"]

# RDS: Aurora instances report a placeholder storage, as the AWS connector notes.
_RDS_SIZE = "(!starts_with(engine || '', 'aurora') || `null`) && allocated_storage"

_ELBV2 = "AWS::ElasticLoadBalancingV2::LoadBalancer"

_OPENSEARCH = {
    "engine_version": Attr("engine_version"),
    "instance_type": Attr("cluster_config[0].instance_type"),
    "node_count": Attr("cluster_config[0].instance_count", "int"),
    "ebs_gib_per_node": Attr("ebs_options[0].volume_size", "int"),
}

_DOMAIN = arn("es", "domain/{domain_name}")

# Snapshot ARNs name no account.
_SNAPSHOT = TfType(
    "aws",
    "AWS::EC2::Snapshot",
    {"volume_size_gib": Attr("volume_size", "int"), "encrypted": Attr("encrypted", "bool")},
    name=EC2_NAME,
    id=arn("ec2", "snapshot/{id}", account=False),
)


_ELBV2_ATTRS = {
    "kind": Attr("load_balancer_type"),
    "scheme": Attr(either("internal", "internal", "internet-facing")),
    "vpc_id": Attr("vpc_id"),
}

_SCANNED: dict[str, TfType] = {
    # ---------------------------------------------------------------- compute
    "aws_instance": ec2(
        "AWS::EC2::Instance",
        "instance",
        {"instance_type": Attr("instance_type"), "state": Attr("instance_state")},
    ),
    # ---------------------------------------------------------------- block storage
    "aws_ebs_volume": ec2(
        "AWS::EC2::Volume",
        "volume",
        {
            "size_bytes": Attr("size", "GiB"),
            "volume_type": Attr("type"),
            "encrypted": Attr("encrypted", "bool"),
            "iops": Attr("iops", "int"),
        },
    ),
    # ---------------------------------------------------------------- object storage
    "aws_s3_bucket": TfType(
        "aws",
        "AWS::S3::Bucket",
        name="bucket",
        id=arn("s3", "{bucket}", region=False, account=False),
    ),
    # ---------------------------------------------------------------- networking
    "aws_vpc": ec2("AWS::EC2::VPC", "vpc", VPC),
    "aws_subnet": ec2("AWS::EC2::Subnet", "subnet", SUBNET),
    # The connector names a group by its GroupName.
    "aws_security_group": ec2("AWS::EC2::SecurityGroup", "security-group", VPC_ID, name="name"),
    "aws_nat_gateway": ec2("AWS::EC2::NatGateway", "natgateway"),
    # ---------------------------------------------------------------- load balancing
    "aws_lb": TfType("aws", _ELBV2, _ELBV2_ATTRS),
    "aws_alb": TfType("aws", _ELBV2, _ELBV2_ATTRS),
    "aws_elb": TfType(
        "aws",
        "AWS::ElasticLoadBalancing::LoadBalancer",
        {
            "kind": const("classic"),
            "scheme": Attr(either("internal", "internal", "internet-facing")),
            "instance_count": Attr("count(instances)"),
        },
        id=arn("elasticloadbalancing", "loadbalancer/{name}"),
    ),
    # ---------------------------------------------------------------- kubernetes
    "aws_eks_cluster": TfType(
        "aws",
        "AWS::EKS::Cluster",
        {"engine_version": Attr("version")},
        id=arn("eks", "cluster/{name}"),
    ),
    "aws_eks_node_group": TfType(
        "aws",
        "AWS::EKS::Nodegroup",
        {
            "node_count": Attr("scaling_config[0].desired_size", "int"),
            "instance_type": Attr("instance_types[0]"),
        },
        name="node_group_name",
    ),
    # ---------------------------------------------------------------- registries
    "aws_ecr_repository": TfType(
        "aws",
        "AWS::ECR::Repository",
        {
            "tag_mutability": Attr("image_tag_mutability"),
            "scan_on_push": Attr("image_scanning_configuration[0].scan_on_push", "bool"),
        },
        id=arn("ecr", "repository/{name}"),
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
        id=arn("lambda", "function:{function_name}"),
    ),
    # ---------------------------------------------------------------- app platforms
    "aws_elastic_beanstalk_environment": TfType(
        "aws",
        "AWS::ElasticBeanstalk::Environment",
        {"runtime": Attr("solution_stack_name"), "tier": Attr("tier")},
        id=arn("elasticbeanstalk", "environment/{application}/{name}"),
    ),
    "aws_elastic_beanstalk_application": TfType(
        "aws",
        "AWS::ElasticBeanstalk::Application",
        id=arn("elasticbeanstalk", "application/{name}"),
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
        id=arn("cloudfront", "distribution/{id}", region=False),
        region=GLOBAL,
    ),
    # ---------------------------------------------------------------- DNS
    "aws_route53_zone": TfType(
        "aws",
        "AWS::Route53::HostedZone",
        {"private": Attr("count(vpc) > `0`")},
        name="name && join('', [name, '.'])",
        id=arn("route53", "hostedzone/{zone_id}", region=False, account=False),
        region=GLOBAL,
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
            "license_model": licence_model("license_model"),
        },
        name="identifier",
        id=arn("rds", "db:{identifier}"),
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
        id=arn("rds", "cluster:{cluster_identifier}"),
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
        id=arn("dynamodb", "table/{name}"),
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
        id=arn("rds", "cluster:{cluster_identifier}"),
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
        id=arn("elasticache", "cluster:{cluster_id}"),
    ),
    "aws_elasticache_replication_group": TfType(
        "aws",
        "AWS::ElastiCache::ReplicationGroup",
        {
            "engine": Attr("lower(engine)"),
            "instance_type": Attr("node_type"),
            "node_count": Attr("count(member_clusters)"),
            # ElastiCache's own words, as the live connector keeps them.
            "multi_az": Attr(either("multi_az_enabled", "enabled", "disabled")),
        },
        name="replication_group_id",
        id=arn("elasticache", "replicationgroup:{replication_group_id}"),
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
        id=arn("redshift", "cluster:{cluster_identifier}"),
    ),
    # ---------------------------------------------------------------- messaging and events
    "aws_sqs_queue": TfType(
        "aws", "AWS::SQS::Queue", {"fifo": Attr("fifo_queue", "bool")}, id=arn("sqs", "{name}")
    ),
    "aws_sns_topic": TfType(
        "aws", "AWS::SNS::Topic", {"fifo": Attr("fifo_topic", "bool")}, id=arn("sns", "{name}")
    ),
    "aws_kinesis_stream": TfType(
        "aws",
        "AWS::Kinesis::Stream",
        {
            "shard_count": Attr("shard_count", "int"),
            "retention_hours": Attr("retention_period", "int"),
            "kind": Attr("stream_mode_details[0].stream_mode"),
        },
        id=arn("kinesis", "stream/{name}"),
    ),
    # Provisioned clusters only (serverless ones are another Terraform type).
    "aws_msk_cluster": TfType(
        "aws",
        "AWS::MSK::Cluster",
        {
            "kind": const("PROVISIONED"),
            "instance_type": Attr("broker_node_group_info[0].instance_type"),
            "node_count": Attr("number_of_broker_nodes", "int"),
            "engine_version": Attr("kafka_version"),
        },
        name="cluster_name",
    ),
    # ---------------------------------------------------------------- workflows
    "aws_sfn_state_machine": TfType(
        "aws",
        "AWS::StepFunctions::StateMachine",
        {"kind": Attr("type")},
        id=arn("states", "stateMachine:{name}"),
    ),
    # ---------------------------------------------------------------- secrets and keys
    # Metadata only: a secret's value is another Terraform type, and is never read.
    "aws_secretsmanager_secret": TfType("aws", "AWS::SecretsManager::Secret"),
    "aws_kms_key": TfType(
        "aws",
        "AWS::KMS::Key",
        {
            "key_spec": Attr("customer_master_key_spec"),
            "key_usage": Attr("key_usage"),
            "multi_region": Attr("multi_region", "bool"),
        },
        name="key_id",
        id=arn("kms", "key/{key_id}"),
    ),
    # ---------------------------------------------------------------- logging
    "aws_cloudwatch_log_group": TfType(
        "aws",
        "AWS::Logs::LogGroup",
        {"retention_days": Attr("retention_in_days", "int")},
        id=arn("logs", "log-group:{name}"),
    ),
    # ---------------------------------------------------------------- identity (AWS)
    # Global: the AWS connector lists IAM once per account.
    "aws_iam_role": iam("AWS::IAM::Role", "role", {"path": Attr("path")}),
    "aws_iam_user": iam("AWS::IAM::User", "user", {"path": Attr("path")}),
    # Customer managed policies only, as the connector lists them (Scope=Local).
    "aws_iam_policy": iam(
        "AWS::IAM::ManagedPolicy",
        "policy",
        {"attachment_count": Attr("attachment_count", "int")},
    ),
    "aws_cognito_user_pool": TfType(
        "aws",
        "AWS::Cognito::UserPool",
        {
            "user_count": Attr("estimated_number_of_users", "int"),
            "mfa": Attr("mfa_configuration"),
        },
        id=arn("cognito-idp", "userpool/{id}"),
    ),
    "aws_acm_certificate": TfType(
        "aws",
        "AWS::CertificateManager::Certificate",
        {"kind": Attr("type"), "status": Attr("status")},
        name="domain_name",
    ),
    # ---------------------------------------------------------------- containers (AWS)
    "aws_ecs_cluster": TfType("aws", "AWS::ECS::Cluster", id=arn("ecs", "cluster/{name}")),
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
        id=arn("ecs", "service/{last_segment(cluster, '/')}/{name}"),
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
        name=EC2_NAME,
        id=arn("elasticfilesystem", "file-system/{id}"),
    ),
    "aws_ebs_snapshot": _SNAPSHOT,
    "aws_ebs_snapshot_copy": _SNAPSHOT,
    # ---------------------------------------------------------------- APIs and events (AWS)
    "aws_api_gateway_rest_api": TfType(
        "aws",
        "AWS::ApiGateway::RestApi",
        {"endpoint_type": Attr("endpoint_configuration[0].types[0]")},
        id=arn("apigateway", "/restapis/{id}", account=False),
    ),
    "aws_apigatewayv2_api": TfType(
        "aws",
        "AWS::ApiGatewayV2::Api",
        {"kind": Attr("protocol_type")},
        id=arn("apigateway", "/apis/{id}", account=False),
    ),
    "aws_cloudwatch_event_bus": TfType(
        "aws", "AWS::Events::EventBus", id=arn("events", "event-bus/{name}")
    ),
    # A rule's ARN holds its bus's name, which the state may record as an ARN: the state's
    # ARN only.
    "aws_cloudwatch_event_rule": TfType(
        "aws",
        "AWS::Events::Rule",
        {
            "event_bus": Attr("event_bus_name"),
            # `state` since AWS provider 5.x; `is_enabled` before it.
            "state": Attr(f"state || ({either('is_enabled', 'ENABLED', 'DISABLED')})"),
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
        id=arn("glue", "job/{name}"),
    ),
    "aws_glue_catalog_database": TfType(
        "aws", "AWS::Glue::Database", id=arn("glue", "database/{name}")
    ),
    "aws_athena_workgroup": TfType(
        "aws",
        "AWS::Athena::WorkGroup",
        {
            "state": Attr("state"),
            "engine_version": Attr("configuration[0].engine_version[0].effective_engine_version"),
        },
        id=arn("athena", "workgroup/{name}"),
    ),
    # The OpenSearch API reports Elasticsearch domains too, with their engine named in
    # the version ("Elasticsearch_7.10"), as the connector keeps it.
    "aws_opensearch_domain": TfType(
        "aws", "AWS::OpenSearchService::Domain", _OPENSEARCH, name="domain_name", id=_DOMAIN
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
        id=_DOMAIN,
    ),
}


AWS_TYPES: dict[str, TfType] = {
    **_SCANNED,
    **NETWORK_TYPES,
    **SERVICE_TYPES,
    **OPS_TYPES,
    **WORKLOAD_TYPES,
}
