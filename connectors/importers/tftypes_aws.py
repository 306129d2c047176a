"""The AWS part of the Terraform type table: `aws_*` types as the native types
the AWS connector gives (see `tfspec` for what each entry says)."""

from __future__ import annotations

from connectors.attributes import Attr

from .tfspec import TfType, const, either

# RDS: Aurora instances report a placeholder storage, as the AWS connector notes.
_RDS_SIZE = "(!starts_with(engine || '', 'aurora') || `null`) && allocated_storage"

# The EC2 convention the AWS connector follows: the Name tag (provider default tags
# included, as a scan sees them), else the resource's id.
_EC2_NAME = "tags_all.Name || tags.Name || id"

# AWS types the AWS connector reads once per account (scope="global" in its table).
_GLOBAL = "'global'"

_ELBV2 = "AWS::ElasticLoadBalancingV2::LoadBalancer"

_OPENSEARCH = {
    "engine_version": Attr("engine_version"),
    "instance_type": Attr("cluster_config[0].instance_type"),
    "node_count": Attr("cluster_config[0].instance_count", "int"),
    "ebs_gib_per_node": Attr("ebs_options[0].volume_size", "int"),
}

_ELBV2_ATTRS = {
    "kind": Attr("load_balancer_type"),
    "scheme": Attr(either("internal", "internal", "internet-facing")),
    "vpc_id": Attr("vpc_id"),
}

AWS_TYPES: dict[str, TfType] = {
    # ---------------------------------------------------------------- compute
    "aws_instance": TfType(
        "aws",
        "AWS::EC2::Instance",
        {"instance_type": Attr("instance_type"), "state": Attr("instance_state")},
        name=_EC2_NAME,
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
    # ---------------------------------------------------------------- object storage
    "aws_s3_bucket": TfType(
        "aws",
        "AWS::S3::Bucket",
        name="bucket",
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
    # ---------------------------------------------------------------- registries
    "aws_ecr_repository": TfType(
        "aws",
        "AWS::ECR::Repository",
        {
            "tag_mutability": Attr("image_tag_mutability"),
            "scan_on_push": Attr("image_scanning_configuration[0].scan_on_push", "bool"),
        },
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
    # ---------------------------------------------------------------- app platforms
    "aws_elastic_beanstalk_environment": TfType(
        "aws",
        "AWS::ElasticBeanstalk::Environment",
        {"runtime": Attr("solution_stack_name"), "tier": Attr("tier")},
    ),
    "aws_elastic_beanstalk_application": TfType("aws", "AWS::ElasticBeanstalk::Application"),
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
            "multi_az": Attr(either("multi_az_enabled", "enabled", "disabled")),
        },
        name="replication_group_id",
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
    # ---------------------------------------------------------------- messaging and events
    "aws_sqs_queue": TfType("aws", "AWS::SQS::Queue", {"fifo": Attr("fifo_queue", "bool")}),
    "aws_sns_topic": TfType("aws", "AWS::SNS::Topic", {"fifo": Attr("fifo_topic", "bool")}),
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
            "kind": const("PROVISIONED"),
            "instance_type": Attr("broker_node_group_info[0].instance_type"),
            "node_count": Attr("number_of_broker_nodes", "int"),
            "engine_version": Attr("kafka_version"),
        },
        name="cluster_name",
    ),
    # ---------------------------------------------------------------- workflows
    "aws_sfn_state_machine": TfType(
        "aws", "AWS::StepFunctions::StateMachine", {"kind": Attr("type")}
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
    ),
    # ---------------------------------------------------------------- logging
    "aws_cloudwatch_log_group": TfType(
        "aws", "AWS::Logs::LogGroup", {"retention_days": Attr("retention_in_days", "int")}
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
}

# Parts or settings of another resource, counted and not imported (see `tfparts`).
AWS_PARTS = frozenset(
    {
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
        # policies and rules held by their role, user, group, queue, topic or key
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
        # network rules and routes, held by their group, table or ACL
        "aws_security_group_rule",
        "aws_vpc_security_group_ingress_rule",
        "aws_vpc_security_group_egress_rule",
        "aws_route",
        "aws_network_acl_rule",
        "aws_lb_listener",
        "aws_lb_listener_rule",
        "aws_alb_listener",
        "aws_alb_listener_rule",
        # API Gateway's inside of an API
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
    }
)
