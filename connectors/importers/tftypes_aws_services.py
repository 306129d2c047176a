"""The AWS type table's compute, container, database, cache and streaming types beyond
those the AWS connector scans (see `tfspec` for what each entry says). RDS, DocumentDB and
Neptune share one API: their clusters, instances and subnet groups are RDS's, as the AWS
connector sees DocumentDB's clusters."""

from __future__ import annotations

from connectors.attributes import Attr

from .tfspec import TfType, const
from .tftypes_aws_common import GLOBAL, arn

_DB_INSTANCE = "AWS::RDS::DBInstance"


def _subnet_group(attributes: dict[str, Attr]) -> TfType:
    return TfType("aws", "AWS::RDS::DBSubnetGroup", attributes, id=arn("rds", "subgrp:{name}"))


def _db_instance(engine: str, version: str = "engine_version") -> TfType:
    """An instance of an Aurora, DocumentDB or Neptune cluster: an RDS DB instance."""
    return TfType(
        "aws",
        _DB_INSTANCE,
        {
            "engine": Attr(f"lower(engine || '{engine}')"),
            "engine_version": Attr(version),
            "instance_type": Attr("instance_class"),
            "cluster": Attr("cluster_identifier"),
        },
        name="identifier",
        id=arn("rds", "db:{identifier}"),
    )


def _snapshot(native: str, prefix: str) -> TfType:
    """An RDS snapshot, whose ARN and identifier the state names after its kind."""
    return TfType(
        "aws",
        native,
        {
            "engine": Attr("lower(engine)"),
            "engine_version": Attr("engine_version"),
            "allocated_gib": Attr("allocated_storage", "int"),
        },
        name=f"{prefix}_identifier",
        id=f"{{{prefix}_arn}}",
    )


def _kms_key() -> TfType:
    """A replica or an imported-material key: a KMS key of its own region."""
    return TfType(
        "aws",
        "AWS::KMS::Key",
        {"key_spec": Attr("key_spec"), "key_usage": Attr("key_usage")},
        name="id",
        id=arn("kms", "key/{id}"),
    )


SERVICE_TYPES: dict[str, TfType] = {
    # ---------------------------------------------------------------- compute
    "aws_launch_configuration": TfType(
        "aws",
        "AWS::AutoScaling::LaunchConfiguration",
        {"instance_type": Attr("instance_type")},
    ),
    "aws_autoscaling_policy": TfType(
        "aws", "AWS::AutoScaling::ScalingPolicy", {"kind": Attr("policy_type")}
    ),
    "aws_autoscaling_schedule": TfType(
        "aws",
        "AWS::AutoScaling::ScheduledAction",
        {"desired_capacity": Attr("desired_capacity", "int")},
        name="scheduled_action_name",
    ),
    "aws_batch_compute_environment": TfType(
        "aws",
        "AWS::Batch::ComputeEnvironment",
        {
            "kind": Attr("type"),
            "compute_type": Attr("compute_resources[0].type"),
            "max_vcpus": Attr("compute_resources[0].max_vcpus", "int"),
        },
        # `compute_environment_name` before provider 6.
        name="name || compute_environment_name",
        id=arn("batch", "compute-environment/{name || compute_environment_name}"),
    ),
    "aws_batch_job_queue": TfType(
        "aws", "AWS::Batch::JobQueue", {"state": Attr("state")}, id=arn("batch", "job-queue/{name}")
    ),
    # EMR clusters are not in AWS Config: CloudFormation's name.
    "aws_emr_cluster": TfType(
        "aws",
        "AWS::EMR::Cluster",
        {
            "engine_version": Attr("release_label"),
            "instance_type": Attr("core_instance_group[0].instance_type"),
            "node_count": Attr("core_instance_group[0].instance_count", "int"),
        },
        id=arn("elasticmapreduce", "cluster/{id}"),
    ),
    "aws_apprunner_service": TfType("aws", "AWS::AppRunner::Service", name="service_name"),
    "aws_apprunner_vpc_connector": TfType(
        "aws", "AWS::AppRunner::VpcConnector", name="vpc_connector_name"
    ),
    # ---------------------------------------------------------------- containers
    "aws_ecs_task_definition": TfType(
        "aws",
        "AWS::ECS::TaskDefinition",
        {
            # CPU units (1024 a vCPU) and MiB, as Terraform records them: text.
            "cpu_units": Attr("cpu", "int"),
            "memory_mib": Attr("memory", "int"),
            "network_mode": Attr("network_mode"),
            "compatibility": Attr("requires_compatibilities[0]"),
        },
        name="family",
        id=arn("ecs", "task-definition/{family}:{revision}"),
    ),
    "aws_ecs_capacity_provider": TfType(
        "aws", "AWS::ECS::CapacityProvider", id=arn("ecs", "capacity-provider/{name}")
    ),
    # Add-ons', Fargate profiles' and identity providers' ARNs end in a UUID.
    "aws_eks_addon": TfType(
        "aws",
        "AWS::EKS::Addon",
        {"engine_version": Attr("addon_version"), "cluster": Attr("cluster_name")},
        name="addon_name",
    ),
    "aws_eks_fargate_profile": TfType(
        "aws",
        "AWS::EKS::FargateProfile",
        {"cluster": Attr("cluster_name")},
        name="fargate_profile_name",
    ),
    "aws_eks_identity_provider_config": TfType(
        "aws",
        "AWS::EKS::IdentityProviderConfig",
        {"cluster": Attr("cluster_name")},
        name="identity_provider_config_name",
    ),
    "aws_ecrpublic_repository": TfType(
        "aws",
        "AWS::ECR::PublicRepository",
        name="repository_name",
        id=arn("ecr-public", "repository/{repository_name}", region=False),
    ),
    # ---------------------------------------------------------------- relational databases
    # What runs: engine_version may name the major version only.
    "aws_rds_cluster_instance": _db_instance("aurora", "engine_version_actual || engine_version"),
    "aws_docdb_cluster_instance": _db_instance("docdb"),
    "aws_neptune_cluster_instance": _db_instance("neptune"),
    "aws_neptune_cluster": TfType(
        "aws",
        "AWS::RDS::DBCluster",
        {
            "engine": Attr("lower(engine || 'neptune')"),
            "engine_version": Attr("engine_version"),
            "node_count": Attr("count(cluster_members)"),
        },
        name="cluster_identifier",
        id=arn("rds", "cluster:{cluster_identifier}"),
    ),
    "aws_db_subnet_group": _subnet_group({"vpc_id": Attr("vpc_id")}),
    "aws_docdb_subnet_group": _subnet_group({}),
    "aws_neptune_subnet_group": _subnet_group({}),
    "aws_db_option_group": TfType(
        "aws",
        "AWS::RDS::OptionGroup",
        {"engine": Attr("lower(engine_name)"), "engine_version": Attr("major_engine_version")},
        id=arn("rds", "og:{name}"),
    ),
    # Snapshots record their ARN under another name; built from it alone.
    "aws_db_snapshot": _snapshot("AWS::RDS::DBSnapshot", "db_snapshot"),
    "aws_db_cluster_snapshot": _snapshot("AWS::RDS::DBClusterSnapshot", "db_cluster_snapshot"),
    # A global cluster spans regions; its ARN names none.
    "aws_rds_global_cluster": TfType(
        "aws",
        "AWS::RDS::GlobalCluster",
        {
            "engine": Attr("lower(engine)"),
            "engine_version": Attr("engine_version_actual || engine_version"),
        },
        name="global_cluster_identifier",
        id=arn("rds", "global-cluster:{global_cluster_identifier}", region=False),
        region=GLOBAL,
    ),
    "aws_db_event_subscription": TfType(
        "aws", "AWS::RDS::EventSubscription", id=arn("rds", "es:{name}")
    ),
    "aws_redshift_subnet_group": TfType(
        "aws", "AWS::Redshift::ClusterSubnetGroup", id=arn("redshift", "subnetgroup:{name}")
    ),
    "aws_redshift_parameter_group": TfType(
        "aws",
        "AWS::Redshift::ClusterParameterGroup",
        {"family": Attr("family")},
        id=arn("redshift", "parametergroup:{name}"),
    ),
    # ---------------------------------------------------------------- NoSQL, caches, brokers
    # A replica is a table in its own region, named as the table it replicates.
    "aws_dynamodb_table_replica": TfType(
        "aws", "AWS::DynamoDB::Table", name="last_segment(global_table_arn, '/')"
    ),
    # ElastiCache and MemoryDB clusters are not in AWS Config: CloudFormation's names, as
    # the AWS connector's ElastiCache types are.
    "aws_elasticache_subnet_group": TfType(
        "aws",
        "AWS::ElastiCache::SubnetGroup",
        {"vpc_id": Attr("vpc_id")},
        id=arn("elasticache", "subnetgroup:{name}"),
    ),
    "aws_elasticache_serverless_cache": TfType(
        "aws",
        "AWS::ElastiCache::ServerlessCache",
        {
            "engine": Attr("lower(engine)"),
            "engine_version": Attr("full_engine_version || major_engine_version"),
        },
        id=arn("elasticache", "serverlesscache:{name}"),
    ),
    "aws_memorydb_cluster": TfType(
        "aws",
        "AWS::MemoryDB::Cluster",
        {
            "engine": Attr("lower(engine || 'redis')"),
            "engine_version": Attr("engine_version"),
            "instance_type": Attr("node_type"),
            "shard_count": Attr("num_shards", "int"),
            "replicas_per_shard": Attr("num_replicas_per_shard", "int"),
        },
        id=arn("memorydb", "cluster/{name}"),
    ),
    "aws_memorydb_subnet_group": TfType(
        "aws",
        "AWS::MemoryDB::SubnetGroup",
        {"vpc_id": Attr("vpc_id")},
        id=arn("memorydb", "subnetgroup/{name}"),
    ),
    # Its users' passwords are never read.
    "aws_mq_broker": TfType(
        "aws",
        "AWS::AmazonMQ::Broker",
        {
            "engine": Attr("lower(engine_type)"),
            "engine_version": Attr("engine_version"),
            "instance_type": Attr("host_instance_type"),
            "deployment_mode": Attr("deployment_mode"),
        },
        name="broker_name",
        id=arn("mq", "broker:{broker_name}:{id}"),
    ),
    "aws_opensearchserverless_collection": TfType(
        "aws",
        "AWS::OpenSearchServerless::Collection",
        {"kind": Attr("type")},
        id=arn("aoss", "collection/{id}"),
    ),
    "aws_kms_replica_key": _kms_key(),
    # An alias's name holds its `alias/` prefix, as its ARN does.
    "aws_kms_alias": TfType(
        "aws",
        "AWS::KMS::Alias",
        {"target_key_id": Attr("target_key_id")},
        id=arn("kms", "{name}"),
    ),
    "aws_kms_external_key": _kms_key(),
    # ---------------------------------------------------------------- streaming
    "aws_kinesis_firehose_delivery_stream": TfType(
        "aws",
        "AWS::KinesisFirehose::DeliveryStream",
        {"kind": Attr("destination")},
        id=arn("firehose", "deliverystream/{name}"),
    ),
    # Consumers' and video streams' ARNs end in a creation time.
    "aws_kinesis_stream_consumer": TfType("aws", "AWS::Kinesis::StreamConsumer"),
    "aws_kinesis_video_stream": TfType(
        "aws",
        "AWS::KinesisVideo::Stream",
        {"retention_hours": Attr("data_retention_in_hours", "int")},
    ),
    # Its runtime is left out with the field's name: an `environment` is never read.
    "aws_kinesisanalyticsv2_application": TfType(
        "aws",
        "AWS::KinesisAnalyticsV2::Application",
        id=arn("kinesisanalytics", "application/{name}"),
    ),
    # The AWS connector lists serverless clusters as MSK clusters of that kind.
    "aws_msk_serverless_cluster": TfType(
        "aws", "AWS::MSK::Cluster", {"kind": const("SERVERLESS")}, name="cluster_name"
    ),
    "aws_msk_configuration": TfType(
        "aws", "AWS::MSK::Configuration", {"revision": Attr("latest_revision", "int")}
    ),
    "aws_mskconnect_connector": TfType(
        "aws", "AWS::KafkaConnect::Connector", {"engine_version": Attr("kafkaconnect_version")}
    ),
}
