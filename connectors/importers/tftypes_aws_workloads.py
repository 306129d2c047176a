"""The AWS type table's machine learning (SageMaker), database migration (DMS), RDS Proxy,
Redshift Serverless and Lightsail types (see `tfspec` for what each entry says).

AWS Config records some of these and CloudFormation the rest; the names are the same in
both. Where the state records the ARN under another name than `arn` (DMS), the id is that
field; where an ARN ends in a part Terraform does not record apart (a Lightsail UUID, an
RDS Proxy's generated id) or lower-cases the name (SageMaker), there is no template: the
state's ARN only."""

from __future__ import annotations

from connectors.attributes import Attr

from .tfspec import TfType, const
from .tftypes_aws_common import VPC_ID

_ENDPOINT = {"kind": Attr("endpoint_type"), "engine": Attr("lower(engine_name)")}


def _aws(native: str, attributes: dict[str, Attr] | None = None, **kw: str) -> TfType:
    return TfType("aws", native, attributes or {}, **kw)


WORKLOAD_TYPES: dict[str, TfType] = {
    # ---------------------------------------------------------------- SageMaker
    # An endpoint runs what its configuration names: instance type and count are there.
    "aws_sagemaker_endpoint": _aws(
        "AWS::SageMaker::Endpoint", {"endpoint_config": Attr("endpoint_config_name")}
    ),
    "aws_sagemaker_endpoint_configuration": _aws(
        "AWS::SageMaker::EndpointConfig",
        {
            "instance_type": Attr("production_variants[0].instance_type"),
            "node_count": Attr("production_variants[0].initial_instance_count", "int"),
        },
    ),
    # A model's containers (and their environment) are never read.
    "aws_sagemaker_model": _aws("AWS::SageMaker::Model"),
    "aws_sagemaker_notebook_instance": _aws(
        "AWS::SageMaker::NotebookInstance",
        {
            "instance_type": Attr("instance_type"),
            "size_bytes": Attr("volume_size", "GiB"),
            "platform": Attr("platform_identifier"),
        },
    ),
    # Its scripts are never read.
    "aws_sagemaker_notebook_instance_lifecycle_configuration": _aws(
        "AWS::SageMaker::NotebookInstanceLifecycleConfig"
    ),
    "aws_sagemaker_domain": _aws(
        "AWS::SageMaker::Domain", {"auth_mode": Attr("auth_mode")}, name="domain_name"
    ),
    "aws_sagemaker_user_profile": _aws(
        "AWS::SageMaker::UserProfile",
        {"domain_id": Attr("domain_id")},
        name="user_profile_name",
    ),
    "aws_sagemaker_space": _aws(
        "AWS::SageMaker::Space", {"domain_id": Attr("domain_id")}, name="space_name"
    ),
    "aws_sagemaker_app": _aws(
        "AWS::SageMaker::App",
        {"kind": Attr("app_type"), "instance_type": Attr("resource_spec[0].instance_type")},
        name="app_name",
    ),
    "aws_sagemaker_code_repository": _aws(
        "AWS::SageMaker::CodeRepository", name="code_repository_name"
    ),
    "aws_sagemaker_feature_group": _aws("AWS::SageMaker::FeatureGroup", name="feature_group_name"),
    "aws_sagemaker_image": _aws("AWS::SageMaker::Image", name="image_name"),
    "aws_sagemaker_app_image_config": _aws(
        "AWS::SageMaker::AppImageConfig", name="app_image_config_name"
    ),
    "aws_sagemaker_studio_lifecycle_config": _aws(
        "AWS::SageMaker::StudioLifecycleConfig", name="studio_lifecycle_config_name"
    ),
    "aws_sagemaker_workteam": _aws("AWS::SageMaker::Workteam", name="workteam_name"),
    "aws_sagemaker_model_package_group": _aws(
        "AWS::SageMaker::ModelPackageGroup", name="model_package_group_name"
    ),
    # Its definition is never read.
    "aws_sagemaker_pipeline": _aws("AWS::SageMaker::Pipeline", name="pipeline_name"),
    "aws_sagemaker_mlflow_tracking_server": _aws(
        "AWS::SageMaker::MlflowTrackingServer",
        {"size": Attr("tracking_server_size")},
        name="tracking_server_name",
    ),
    # ---------------------------------------------------------------- DMS
    "aws_dms_replication_instance": _aws(
        "AWS::DMS::ReplicationInstance",
        {
            "instance_type": Attr("replication_instance_class"),
            "size_bytes": Attr("allocated_storage", "GiB"),
            "engine_version": Attr("engine_version"),
            "multi_az": Attr("multi_az", "bool"),
        },
        name="replication_instance_id",
        id="{replication_instance_arn}",
    ),
    # Endpoints' passwords and connection settings are never read.
    "aws_dms_endpoint": _aws(
        "AWS::DMS::Endpoint", _ENDPOINT, name="endpoint_id", id="{endpoint_arn}"
    ),
    "aws_dms_s3_endpoint": _aws(
        "AWS::DMS::Endpoint",
        {"kind": Attr("endpoint_type"), "engine": const("s3")},
        name="endpoint_id",
        id="{endpoint_arn}",
    ),
    "aws_dms_replication_task": _aws(
        "AWS::DMS::ReplicationTask",
        {"migration_type": Attr("migration_type")},
        name="replication_task_id",
        id="{replication_task_arn}",
    ),
    # Serverless replication: capacity in DMS capacity units.
    "aws_dms_replication_config": _aws(
        "AWS::DMS::ReplicationConfig",
        {
            "migration_type": Attr("replication_type"),
            "max_capacity_units": Attr("compute_config[0].max_capacity_units", "int"),
        },
        name="replication_config_identifier",
    ),
    "aws_dms_replication_subnet_group": _aws(
        "AWS::DMS::ReplicationSubnetGroup",
        VPC_ID,
        name="replication_subnet_group_id",
        id="{replication_subnet_group_arn}",
    ),
    # A certificate's PEM and wallet are never read.
    "aws_dms_certificate": _aws(
        "AWS::DMS::Certificate", name="certificate_id", id="{certificate_arn}"
    ),
    "aws_dms_event_subscription": _aws("AWS::DMS::EventSubscription"),
    # ---------------------------------------------------------------- RDS Proxy
    "aws_db_proxy": _aws("AWS::RDS::DBProxy", {"engine": Attr("lower(engine_family)")}),
    # ---------------------------------------------------------------- Redshift Serverless
    # A namespace's admin password is never read; a workgroup's capacity is in RPUs.
    "aws_redshiftserverless_namespace": _aws(
        "AWS::RedshiftServerless::Namespace", name="namespace_name"
    ),
    "aws_redshiftserverless_workgroup": _aws(
        "AWS::RedshiftServerless::Workgroup",
        {
            "base_capacity": Attr("base_capacity", "int"),
            "max_capacity": Attr("max_capacity", "int"),
            "namespace": Attr("namespace_name"),
        },
        name="workgroup_name",
    ),
    # ---------------------------------------------------------------- Lightsail
    "aws_lightsail_instance": _aws(
        "AWS::Lightsail::Instance",
        {
            "instance_type": Attr("bundle_id"),
            "vcpu": Attr("cpu_count", "int"),
            "blueprint": Attr("blueprint_id"),
        },
    ),
    "aws_lightsail_disk": _aws("AWS::Lightsail::Disk", {"size_bytes": Attr("size_in_gb", "GiB")}),
    "aws_lightsail_static_ip": _aws("AWS::Lightsail::StaticIp"),
    "aws_lightsail_bucket": _aws("AWS::Lightsail::Bucket", {"bundle": Attr("bundle_id")}),
    "aws_lightsail_certificate": _aws(
        "AWS::Lightsail::Certificate", {"domain_name": Attr("domain_name")}
    ),
    # Its master password is never read.
    "aws_lightsail_database": _aws(
        "AWS::Lightsail::Database",
        {
            "engine": Attr("lower(engine)"),
            "engine_version": Attr("engine_version"),
            "instance_type": Attr("bundle_id"),
        },
        name="relational_database_name",
    ),
    "aws_lightsail_container_service": _aws(
        "AWS::Lightsail::Container",
        {"power": Attr("power"), "node_count": Attr("scale", "int")},
    ),
    "aws_lightsail_lb": _aws("AWS::Lightsail::LoadBalancer"),
}
