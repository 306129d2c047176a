"""Every AWS resource type the connector reads, as data, and the vocabulary it is written in.

A `Spec` describes one native resource type: what to list, what to ask per item, what to
keep. The engine in `engine.py` is the only code that interprets it, and `permissions.py`
derives the IAM policy from the same specs, so what the scanner calls and what the policy
grants cannot drift apart.

Paths are JMESPath expressions, evaluated on one listed item (a `str` item is wrapped as
`{"Value": item}`). Details and batches add their answers to the item under `into`, so later
paths can read them: `"table.TableSizeBytes"`. The engine also sets `_id` (the item's ARN)
and, for children, `parent` (the parent's item).

Ids are ARNs in AWS's own formats, built from listed fields where possible so that an item
stays identifiable when a detail call is denied. Only the attributes named here are kept:
everything else a call returns (Lambda environment, user data, policies, default job
arguments) is dropped before a Resource exists, which is how secrets stay out."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from connectors.attributes import Attr, licence_model
from exitplan.model import RelationKind


@dataclass(frozen=True)
class Detail:
    """One extra read per listed item, such as `describe_table` after `list_tables`.

    `args` maps request parameters to paths on the item; `result` selects from the answer.
    Error codes in `absent` mean "nothing there" (for example `NoSuchTagSet`), not a gap."""

    operation: str
    args: Mapping[str, str]
    into: str
    result: str = "@"
    params: Mapping[str, Any] = field(default_factory=dict)
    absent: tuple[str, ...] = ()
    keep: str | None = None  # checked right after this call: drop the item when false
    unless: str | None = None  # skip the call where this path already has a value
    region: str | None = None  # ask the item's own region (a path), not the unit's


@dataclass(frozen=True)
class Batch:
    """One extra read for many items at once, such as `describe_instance_types`.

    The items' `key` values (deduplicated) go to request parameter `param`, `size` at a time,
    or to a filter named `filter`. Each record of `records` in the answer is matched back by
    its `match` path; with `many`, an item gets a list of all matching records."""

    operation: str
    key: str
    records: str
    match: str
    into: str
    size: int
    param: str | None = None
    filter: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    args: Mapping[str, str] = field(default_factory=dict)  # paths on the batch's first item
    many: bool = False


@dataclass(frozen=True)
class Link:
    """A relation an item's answer states: `path` gives the other resource's id, or a list
    of them, as AWS names it there (`SubnetId`, `Attachments[].InstanceId`). With `to`,
    the target's own id template, a short id is built into the ARN the target's record
    gets; an id that is already an ARN (a cross-region replica's source) is kept whole."""

    kind: RelationKind
    path: str
    to: str | None = None


@dataclass(frozen=True)
class Spec:
    """One native resource type: how to list it and how to turn an item into a Resource.

    `id` is an ARN template: `{path}` placeholders are paths on the item, and `$account`,
    `$region` and `$partition` are the scanning context."""

    name: str  # unique, "service.thing": also what `--services` and gaps refer to by service
    service: str  # the boto3 client name
    operation: str  # the boto3 method that lists
    items: str  # path from one page of the answer to the listed items
    type: str  # native type, CloudFormation style
    id: str
    name_path: str
    params: Mapping[str, Any] = field(default_factory=dict)
    args: Mapping[str, str] = field(default_factory=dict)  # from the parent item, for children
    scope: Literal["regional", "global"] = "regional"
    region_path: str | None = None  # where a global listing says each item's region is
    tags: str | None = None
    attributes: Mapping[str, Attr] = field(default_factory=dict)
    details: tuple[Detail | Batch, ...] = ()
    keep: str | None = None  # a path that must be true for the item to be kept
    children: tuple[Spec, ...] = ()
    iam: tuple[str, ...] = ()  # IAM actions the calls need, where not derivable from names
    augment: str | None = None  # a named enrichment in `augment.py`, for what data cannot say
    relations: tuple[Link, ...] = ()

    @property
    def operations(self) -> tuple[str, ...]:
        return (self.operation, *(d.operation for d in self.details))


_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def placeholders(template: str) -> list[str]:
    return _PLACEHOLDER.findall(template)


NAME_TAG = "(Tags[?Key=='Name'].Value | [0])"


def _named(fallback: str) -> str:
    """The EC2 convention: the Name tag, else the resource's id."""
    return f"{NAME_TAG} || {fallback}"


def _ec2_arn(kind: str, key: str) -> str:
    return f"arn:$partition:ec2:$region:$account:{kind}/{{{key}}}"


def _tags(operation: str, args: dict[str, str], result: str, **params: object) -> Detail:
    return Detail(operation, args, into="tagging", result=result, params=params)


TAGGING = "tagging"
PLATFORM = "PlatformDetails || (Platform == 'windows' && 'Windows') || 'Linux/UNIX'"
BUCKET_REGION = "BucketRegion || (location && (location.LocationConstraint || 'us-east-1'))"

# Ids that other types' relations name by their short ids: one template for the record and
# for the relations to it.
INSTANCE = _ec2_arn("instance", "InstanceId")
VPC = _ec2_arn("vpc", "VpcId")
SUBNET = _ec2_arn("subnet", "SubnetId")
# RDS and ElastiCache give their ARNs, which name the identifier in the service's format;
# a relation to one names the identifier only.
DB_INSTANCE = "arn:$partition:rds:$region:$account:db:{DBInstanceIdentifier}"
DB_CLUSTER = "arn:$partition:rds:$region:$account:cluster:{DBClusterIdentifier}"
REPLICATION_GROUP = (
    "arn:$partition:elasticache:$region:$account:replicationgroup:{ReplicationGroupId}"
)
IN_NETWORK = (Link("member_of", "SubnetId", SUBNET), Link("member_of", "VpcId", VPC))

EC2: tuple[Spec, ...] = (
    Spec(
        name="ec2.instance",
        service="ec2",
        operation="describe_instances",
        items="Reservations[].Instances[]",
        keep="State.Name != 'terminated' && State.Name != 'shutting-down'",
        type="AWS::EC2::Instance",
        id=INSTANCE,
        name_path=_named("InstanceId"),
        tags="Tags",
        relations=IN_NETWORK,
        details=(
            Batch(
                "describe_instance_types",
                key="InstanceType",
                param="InstanceTypes",
                size=100,
                records="InstanceTypes[]",
                match="InstanceType",
                into="itype",
            ),
            Batch(
                "describe_volumes",
                key="InstanceId",
                filter="attachment.instance-id",
                size=100,
                records="Volumes[]",
                match="Attachments[0].InstanceId",
                into="volumes",
                many=True,
            ),
        ),
        attributes={
            "instance_type": Attr("InstanceType"),
            "vcpu": Attr("itype.VCpuInfo.DefaultVCpus"),
            "memory_mib": Attr("itype.MemoryInfo.SizeInMiB"),
            # Platform is set for Windows only; AWS documents its absence as Linux/UNIX.
            "platform": Attr(PLATFORM),
            "architecture": Attr("Architecture"),
            "state": Attr("State.Name"),
            "ebs_gib": Attr("sum(volumes[].Size)", "int"),
        },
    ),
    Spec(
        name="ec2.volume",
        service="ec2",
        operation="describe_volumes",
        items="Volumes[]",
        type="AWS::EC2::Volume",
        id=_ec2_arn("volume", "VolumeId"),
        name_path=_named("VolumeId"),
        tags="Tags",
        relations=(Link("attached_to", "Attachments[].InstanceId", INSTANCE),),
        attributes={
            "size_bytes": Attr("Size", "GiB"),
            "volume_type": Attr("VolumeType"),
            "encrypted": Attr("Encrypted", "bool"),
            "attached": Attr("length(Attachments || `[]`) > `0`"),
            "iops": Attr("Iops"),
        },
    ),
    Spec(
        name="ec2.snapshot",
        service="ec2",
        operation="describe_snapshots",
        params={"OwnerIds": ["self"]},
        items="Snapshots[]",
        type="AWS::EC2::Snapshot",
        # Snapshot ARNs leave the account out, as AMI ARNs do.
        id="arn:$partition:ec2:$region::snapshot/{SnapshotId}",
        name_path=_named("SnapshotId"),
        tags="Tags",
        # The source volume's size, not the snapshot's stored (incremental) bytes.
        attributes={"volume_size_gib": Attr("VolumeSize"), "encrypted": Attr("Encrypted")},
    ),
    Spec(
        name="ec2.vpc",
        service="ec2",
        operation="describe_vpcs",
        items="Vpcs[]",
        type="AWS::EC2::VPC",
        id=VPC,
        name_path=_named("VpcId"),
        tags="Tags",
        attributes={"cidr_block": Attr("CidrBlock"), "is_default": Attr("IsDefault", "bool")},
    ),
    Spec(
        name="ec2.subnet",
        service="ec2",
        operation="describe_subnets",
        items="Subnets[]",
        type="AWS::EC2::Subnet",
        id=SUBNET,
        name_path=_named("SubnetId"),
        tags="Tags",
        relations=(Link("member_of", "VpcId", VPC),),
        attributes={
            "cidr_block": Attr("CidrBlock"),
            "availability_zone": Attr("AvailabilityZone"),
            "vpc_id": Attr("VpcId"),
        },
    ),
    Spec(
        name="ec2.security-group",
        service="ec2",
        operation="describe_security_groups",
        items="SecurityGroups[]",
        type="AWS::EC2::SecurityGroup",
        id=_ec2_arn("security-group", "GroupId"),
        name_path="GroupName",
        tags="Tags",
        relations=(Link("member_of", "VpcId", VPC),),
        attributes={
            "vpc_id": Attr("VpcId"),
            "rule_count": Attr("length([IpPermissions[], IpPermissionsEgress[]][])"),
        },
    ),
    Spec(
        name="ec2.nat-gateway",
        service="ec2",
        operation="describe_nat_gateways",
        items="NatGateways[]",
        keep="State != 'deleted' && State != 'deleting'",
        type="AWS::EC2::NatGateway",
        id=_ec2_arn("natgateway", "NatGatewayId"),
        name_path=_named("NatGatewayId"),
        tags="Tags",
        relations=(Link("uses", "SubnetId", SUBNET),),
        attributes={"vpc_id": Attr("VpcId"), "state": Attr("State")},
    ),
)

NETWORK: tuple[Spec, ...] = (
    Spec(
        name="elbv2.load-balancer",
        service="elbv2",
        operation="describe_load_balancers",
        items="LoadBalancers[]",
        type="AWS::ElasticLoadBalancingV2::LoadBalancer",
        id="{LoadBalancerArn}",
        name_path="LoadBalancerName",
        tags="tagging.Tags",
        details=(
            Batch(
                "describe_tags",
                key="LoadBalancerArn",
                param="ResourceArns",
                size=20,
                records="TagDescriptions[]",
                match="ResourceArn",
                into=TAGGING,
            ),
        ),
        attributes={"kind": Attr("Type"), "scheme": Attr("Scheme"), "vpc_id": Attr("VpcId")},
    ),
    Spec(
        name="elb.load-balancer",
        service="elb",
        operation="describe_load_balancers",
        items="LoadBalancerDescriptions[]",
        type="AWS::ElasticLoadBalancing::LoadBalancer",
        id="arn:$partition:elasticloadbalancing:$region:$account:loadbalancer/{LoadBalancerName}",
        name_path="LoadBalancerName",
        tags="tagging.Tags",
        details=(
            Batch(
                "describe_tags",
                key="LoadBalancerName",
                param="LoadBalancerNames",
                size=20,
                records="TagDescriptions[]",
                match="LoadBalancerName",
                into=TAGGING,
            ),
        ),
        attributes={
            "kind": Attr("'classic'"),
            "scheme": Attr("Scheme"),
            "instance_count": Attr("length(Instances || `[]`)"),
        },
        relations=(Link("uses", "Instances[].InstanceId", INSTANCE),),
    ),
    Spec(
        name="autoscaling.group",
        service="autoscaling",
        operation="describe_auto_scaling_groups",
        items="AutoScalingGroups[]",
        type="AWS::AutoScaling::AutoScalingGroup",
        id="{AutoScalingGroupARN}",
        name_path="AutoScalingGroupName",
        tags="Tags",
        attributes={
            "node_count": Attr("DesiredCapacity"),
            "min_size": Attr("MinSize"),
            "max_size": Attr("MaxSize"),
        },
    ),
    Spec(
        name="cloudfront.distribution",
        service="cloudfront",
        operation="list_distributions",
        items="DistributionList.Items[]",
        scope="global",
        type="AWS::CloudFront::Distribution",
        id="{ARN}",
        name_path="Id",
        tags="tagging",
        details=(_tags("list_tags_for_resource", {"Resource": "ARN"}, "Tags.Items"),),
        attributes={
            "domain_name": Attr("DomainName"),
            "enabled": Attr("Enabled", "bool"),
            "price_class": Attr("PriceClass"),
            "origin_count": Attr("Origins.Quantity"),
        },
    ),
    Spec(
        name="route53.hosted-zone",
        service="route53",
        operation="list_hosted_zones",
        items="HostedZones[]",
        scope="global",
        type="AWS::Route53::HostedZone",
        id="arn:$partition:route53:::hostedzone/{last_segment(Id, '/')}",
        name_path="Name",
        tags=f"{TAGGING}.Tags",
        details=(
            # Ten zones per call: Route 53 allows five requests a second per account.
            Batch(
                "list_tags_for_resources",
                key="last_segment(Id, '/')",
                param="ResourceIds",
                size=10,
                records="ResourceTagSets[]",
                match="ResourceId",
                into=TAGGING,
                params={"ResourceType": "hostedzone"},
            ),
        ),
        attributes={
            "record_count": Attr("ResourceRecordSetCount"),
            "private": Attr("Config.PrivateZone", "bool"),
        },
    ),
    Spec(
        name="acm.certificate",
        service="acm",
        operation="list_certificates",
        # Without key types, ListCertificates returns RSA-2048 certificates only.
        params={
            "Includes": {
                "keyTypes": [
                    "RSA_1024",
                    "RSA_2048",
                    "RSA_3072",
                    "RSA_4096",
                    "EC_prime256v1",
                    "EC_secp384r1",
                    "EC_secp521r1",
                ]
            }
        },
        items="CertificateSummaryList[]",
        type="AWS::CertificateManager::Certificate",
        id="{CertificateArn}",
        name_path="DomainName",
        tags="tagging",
        details=(_tags("list_tags_for_certificate", {"CertificateArn": "CertificateArn"}, "Tags"),),
        attributes={"kind": Attr("Type"), "status": Attr("Status"), "in_use": Attr("InUse")},
    ),
)

STORAGE: tuple[Spec, ...] = (
    Spec(
        name="s3.bucket",
        service="s3",
        operation="list_buckets",
        # Paged requests get each bucket's region in the answer; a bare request may not.
        params={"MaxBuckets": 1000},
        items="Buckets[]",
        scope="global",
        # ListBuckets names each bucket's region since 2024; older endpoints do not, and
        # GetBucketLocation answers no constraint for us-east-1.
        region_path=BUCKET_REGION,
        type="AWS::S3::Bucket",
        id="arn:$partition:s3:::{Name}",
        name_path="Name",
        tags="tagging",
        details=(
            Detail(
                "get_bucket_location",
                {"Bucket": "Name"},
                into="location",
                unless="BucketRegion",
            ),
            # In the bucket's own region: elsewhere S3 answers with a redirect first.
            Detail(
                "get_bucket_tagging",
                {"Bucket": "Name"},
                into=TAGGING,
                result="TagSet",
                absent=("NoSuchTagSet",),
                region=BUCKET_REGION,
            ),
        ),
        augment="s3_metrics",
    ),
    Spec(
        name="efs.file-system",
        service="efs",
        operation="describe_file_systems",
        items="FileSystems[]",
        type="AWS::EFS::FileSystem",
        id="{FileSystemArn}",
        name_path="Name || FileSystemId",
        tags="Tags",
        attributes={
            "size_bytes": Attr("SizeInBytes.Value"),
            "performance_mode": Attr("PerformanceMode"),
            "throughput_mode": Attr("ThroughputMode"),
        },
    ),
    Spec(
        name="ecr.repository",
        service="ecr",
        operation="describe_repositories",
        items="repositories[]",
        type="AWS::ECR::Repository",
        id="{repositoryArn}",
        name_path="repositoryName",
        tags="tagging",
        details=(_tags("list_tags_for_resource", {"resourceArn": "repositoryArn"}, "tags"),),
        attributes={
            "tag_mutability": Attr("imageTagMutability"),
            "scan_on_push": Attr("imageScanningConfiguration.scanOnPush"),
        },
    ),
)

DATABASES: tuple[Spec, ...] = (
    Spec(
        name="rds.db-instance",
        service="rds",
        operation="describe_db_instances",
        items="DBInstances[]",
        type="AWS::RDS::DBInstance",
        id="{DBInstanceArn}",
        name_path="DBInstanceIdentifier",
        tags="TagList",
        attributes={
            "engine": Attr("Engine"),
            "engine_version": Attr("EngineVersion"),
            "instance_type": Attr("DBInstanceClass"),
            # Aurora instances report a placeholder; their data lives in the cluster volume.
            "size_bytes": Attr(
                "(!starts_with(Engine, 'aurora') || `null`) && AllocatedStorage", "GiB"
            ),
            "multi_az": Attr("MultiAZ", "bool"),
            "storage_type": Attr("StorageType"),
            "cluster": Attr("DBClusterIdentifier"),
            "license_model": licence_model("LicenseModel"),
        },
        relations=(
            Link("member_of", "DBClusterIdentifier", DB_CLUSTER),
            # An identifier in the region, an ARN across regions.
            Link("replica_of", "ReadReplicaSourceDBInstanceIdentifier", DB_INSTANCE),
            Link("replica_of", "ReadReplicaSourceDBClusterIdentifier", DB_CLUSTER),
        ),
    ),
    Spec(
        name="rds.db-cluster",
        service="rds",
        operation="describe_db_clusters",
        items="DBClusters[]",
        type="AWS::RDS::DBCluster",
        id="{DBClusterArn}",
        name_path="DBClusterIdentifier",
        tags="TagList",
        # Aurora's AllocatedStorage is a placeholder; CloudWatch has the volume's bytes.
        augment="aurora_volume",
        attributes={
            "engine": Attr("Engine"),
            "engine_version": Attr("EngineVersion"),
            "engine_mode": Attr("EngineMode"),
            "multi_az": Attr("MultiAZ", "bool"),
            "node_count": Attr("length(DBClusterMembers || `[]`)"),
        },
        relations=(Link("replica_of", "ReplicationSourceIdentifier"),),
    ),
    Spec(
        name="dynamodb.table",
        service="dynamodb",
        operation="list_tables",
        items="TableNames[]",
        type="AWS::DynamoDB::Table",
        id="arn:$partition:dynamodb:$region:$account:table/{Value}",
        name_path="Value",
        tags="tagging",
        details=(
            Detail("describe_table", {"TableName": "Value"}, into="table", result="Table"),
            _tags("list_tags_of_resource", {"ResourceArn": "_id"}, "Tags"),
        ),
        attributes={
            "size_bytes": Attr("table.TableSizeBytes"),
            "item_count": Attr("table.ItemCount"),
            "streams": Attr("table.StreamSpecification.StreamEnabled || `false`"),
            "global_table": Attr("length(table.Replicas || `[]`) > `0`"),
            "billing_mode": Attr("table.BillingModeSummary.BillingMode || 'PROVISIONED'"),
        },
    ),
    Spec(
        name="elasticache.cache-cluster",
        service="elasticache",
        operation="describe_cache_clusters",
        items="CacheClusters[]",
        type="AWS::ElastiCache::CacheCluster",
        id="{ARN}",
        name_path="CacheClusterId",
        tags="tagging",
        details=(_tags("list_tags_for_resource", {"ResourceName": "ARN"}, "TagList"),),
        attributes={
            "engine": Attr("Engine"),
            "engine_version": Attr("EngineVersion"),
            "instance_type": Attr("CacheNodeType"),
            "node_count": Attr("NumCacheNodes"),
            "replication_group": Attr("ReplicationGroupId"),
        },
        relations=(Link("member_of", "ReplicationGroupId", REPLICATION_GROUP),),
    ),
    Spec(
        name="elasticache.replication-group",
        service="elasticache",
        operation="describe_replication_groups",
        items="ReplicationGroups[]",
        type="AWS::ElastiCache::ReplicationGroup",
        id="{ARN}",
        name_path="ReplicationGroupId",
        tags="tagging",
        details=(_tags("list_tags_for_resource", {"ResourceName": "ARN"}, "TagList"),),
        attributes={
            "engine": Attr("Engine"),
            "instance_type": Attr("CacheNodeType"),
            "node_count": Attr("length(MemberClusters || `[]`)"),
            "multi_az": Attr("MultiAZ"),
        },
    ),
    Spec(
        name="opensearch.domain",
        service="opensearch",
        operation="list_domain_names",
        items="DomainNames[]",
        type="AWS::OpenSearchService::Domain",
        id="arn:$partition:es:$region:$account:domain/{DomainName}",
        name_path="DomainName",
        tags="tagging",
        details=(
            Batch(
                "describe_domains",
                key="DomainName",
                param="DomainNames",
                size=5,
                records="DomainStatusList[]",
                match="DomainName",
                into="domain",
            ),
            _tags("list_tags", {"ARN": "_id"}, "TagList"),
        ),
        attributes={
            "engine_version": Attr("domain.EngineVersion"),
            "instance_type": Attr("domain.ClusterConfig.InstanceType"),
            "node_count": Attr("domain.ClusterConfig.InstanceCount"),
            "ebs_gib_per_node": Attr("domain.EBSOptions.VolumeSize"),
        },
    ),
    Spec(
        name="redshift.cluster",
        service="redshift",
        operation="describe_clusters",
        items="Clusters[]",
        type="AWS::Redshift::Cluster",
        id="arn:$partition:redshift:$region:$account:cluster:{ClusterIdentifier}",
        name_path="ClusterIdentifier",
        tags="Tags",
        attributes={
            "instance_type": Attr("NodeType"),
            "node_count": Attr("NumberOfNodes"),
            "engine_version": Attr("ClusterVersion"),
        },
    ),
)

COMPUTE: tuple[Spec, ...] = (
    Spec(
        name="lambda.function",
        service="lambda",
        operation="list_functions",
        items="Functions[]",
        type="AWS::Lambda::Function",
        id="{FunctionArn}",
        name_path="FunctionName",
        tags="tagging",
        details=(_tags("list_tags", {"Resource": "FunctionArn"}, "Tags"),),
        attributes={
            "runtime": Attr("Runtime"),
            "memory_mib": Attr("MemorySize"),
            "code_size_bytes": Attr("CodeSize"),
            "layer_count": Attr("length(Layers || `[]`)"),
            "package_type": Attr("PackageType"),
            "architecture": Attr("Architectures[0]"),
        },
        relations=(
            Link("member_of", "VpcConfig.SubnetIds", SUBNET),
            Link("member_of", "VpcConfig.VpcId", VPC),
        ),
    ),
    Spec(
        name="ecs.cluster",
        service="ecs",
        operation="list_clusters",
        items="clusterArns[]",
        type="AWS::ECS::Cluster",
        id="{Value}",
        name_path="cluster.clusterName || last_segment(Value, '/')",
        tags="cluster.tags",
        details=(
            Batch(
                "describe_clusters",
                key="Value",
                param="clusters",
                size=100,
                records="clusters[]",
                match="clusterArn",
                into="cluster",
                params={"include": ["TAGS"]},
            ),
        ),
        attributes={
            "service_count": Attr("cluster.activeServicesCount"),
            "task_count": Attr("cluster.runningTasksCount"),
        },
        children=(
            Spec(
                name="ecs.service",
                service="ecs",
                operation="list_services",
                args={"cluster": "Value"},
                items="serviceArns[]",
                type="AWS::ECS::Service",
                id="{Value}",
                name_path="service.serviceName || last_segment(Value, '/')",
                tags="service.tags",
                details=(
                    Batch(
                        "describe_services",
                        key="Value",
                        param="services",
                        size=10,
                        records="services[]",
                        match="serviceArn",
                        into="service",
                        params={"include": ["TAGS"]},
                        args={"cluster": "parent.Value"},
                    ),
                ),
                attributes={
                    "desired_count": Attr("service.desiredCount"),
                    "launch_type": Attr("service.launchType"),
                    "cluster": Attr("parent.cluster.clusterName"),
                },
                relations=(Link("member_of", "parent.Value"),),
            ),
        ),
    ),
    Spec(
        name="eks.cluster",
        service="eks",
        operation="list_clusters",
        items="clusters[]",
        type="AWS::EKS::Cluster",
        id="arn:$partition:eks:$region:$account:cluster/{Value}",
        name_path="Value",
        tags="cluster.tags",
        details=(
            Detail("describe_cluster", {"name": "Value"}, into="cluster", result="cluster"),
            Detail("list_nodegroups", {"clusterName": "Value"}, into="nodegroups"),
        ),
        attributes={
            "engine_version": Attr("cluster.version"),
            "nodegroup_count": Attr("length(nodegroups.nodegroups || `[]`)"),
        },
        children=(
            Spec(
                name="eks.nodegroup",
                service="eks",
                operation="list_nodegroups",
                args={"clusterName": "Value"},
                items="nodegroups[]",
                type="AWS::EKS::Nodegroup",
                id="{nodegroup.nodegroupArn}",
                name_path="Value",
                tags="nodegroup.tags",
                details=(
                    Detail(
                        "describe_nodegroup",
                        {"clusterName": "parent.Value", "nodegroupName": "Value"},
                        into="nodegroup",
                        result="nodegroup",
                    ),
                ),
                attributes={
                    "node_count": Attr("nodegroup.scalingConfig.desiredSize"),
                    "instance_type": Attr("nodegroup.instanceTypes[0]"),
                    "engine_version": Attr("nodegroup.version"),
                    "cluster": Attr("parent.Value"),
                },
                relations=(Link("member_of", "parent._id"),),
            ),
        ),
    ),
    Spec(
        name="glue.job",
        service="glue",
        operation="get_jobs",
        items="Jobs[]",
        type="AWS::Glue::Job",
        id="arn:$partition:glue:$region:$account:job/{Name}",
        name_path="Name",
        tags="tagging",
        details=(_tags("get_tags", {"ResourceArn": "_id"}, "Tags"),),
        attributes={
            "kind": Attr("Command.Name"),
            "engine_version": Attr("GlueVersion"),
            "instance_type": Attr("WorkerType"),
            "node_count": Attr("NumberOfWorkers"),
        },
    ),
    Spec(
        name="glue.database",
        service="glue",
        operation="get_databases",
        items="DatabaseList[]",
        type="AWS::Glue::Database",
        id="arn:$partition:glue:$region:$account:database/{Name}",
        name_path="Name",
        tags="tagging",
        details=(_tags("get_tags", {"ResourceArn": "_id"}, "Tags"),),
    ),
    Spec(
        name="athena.workgroup",
        service="athena",
        operation="list_work_groups",
        items="WorkGroups[]",
        type="AWS::Athena::WorkGroup",
        id="arn:$partition:athena:$region:$account:workgroup/{Name}",
        name_path="Name",
        tags="tagging",
        details=(_tags("list_tags_for_resource", {"ResourceARN": "_id"}, "Tags"),),
        attributes={
            "state": Attr("State"),
            "engine_version": Attr("EngineVersion.EffectiveEngineVersion"),
        },
    ),
)

INTEGRATION: tuple[Spec, ...] = (
    Spec(
        name="apigateway.rest-api",
        service="apigateway",
        operation="get_rest_apis",
        items="items[]",
        type="AWS::ApiGateway::RestApi",
        id="arn:$partition:apigateway:$region::/restapis/{id}",
        name_path="name",
        tags="tags",
        attributes={"endpoint_type": Attr("endpointConfiguration.types[0]")},
    ),
    Spec(
        name="apigatewayv2.api",
        service="apigatewayv2",
        operation="get_apis",
        items="Items[]",
        type="AWS::ApiGatewayV2::Api",
        id="arn:$partition:apigateway:$region::/apis/{ApiId}",
        name_path="Name",
        tags="Tags",
        attributes={"kind": Attr("ProtocolType")},
    ),
    Spec(
        name="sqs.queue",
        service="sqs",
        operation="list_queues",
        # Without MaxResults, ListQueues returns at most 1,000 queues and no next token.
        params={"MaxResults": 1000},
        items="QueueUrls[]",
        type="AWS::SQS::Queue",
        id="arn:$partition:sqs:$region:$account:{last_segment(Value, '/')}",
        name_path="last_segment(Value, '/')",
        tags="tagging",
        details=(_tags("list_queue_tags", {"QueueUrl": "Value"}, "Tags"),),
        attributes={"fifo": Attr("ends_with(Value, '.fifo')")},
    ),
    Spec(
        name="sns.topic",
        service="sns",
        operation="list_topics",
        items="Topics[]",
        type="AWS::SNS::Topic",
        id="{TopicArn}",
        name_path="last_segment(TopicArn, ':')",
        tags="tagging",
        details=(
            Detail(
                "get_topic_attributes", {"TopicArn": "TopicArn"}, into="topic", result="Attributes"
            ),
            _tags("list_tags_for_resource", {"ResourceArn": "TopicArn"}, "Tags"),
        ),
        attributes={
            "fifo": Attr("ends_with(TopicArn, '.fifo')"),
            "subscription_count": Attr("topic.SubscriptionsConfirmed", "int"),
        },
    ),
    Spec(
        name="events.event-bus",
        service="events",
        operation="list_event_buses",
        items="EventBuses[]",
        type="AWS::Events::EventBus",
        id="{Arn}",
        name_path="Name",
        tags="tagging",
        details=(_tags("list_tags_for_resource", {"ResourceARN": "Arn"}, "Tags"),),
        children=(
            Spec(
                name="events.rule",
                service="events",
                operation="list_rules",
                args={"EventBusName": "Name"},
                items="Rules[]",
                type="AWS::Events::Rule",
                id="{Arn}",
                name_path="Name",
                tags="tagging",
                details=(_tags("list_tags_for_resource", {"ResourceARN": "Arn"}, "Tags"),),
                attributes={
                    "event_bus": Attr("parent.Name"),
                    "state": Attr("State"),
                    "scheduled": Attr("ScheduleExpression != `null`"),
                },
            ),
        ),
    ),
    Spec(
        name="stepfunctions.state-machine",
        service="stepfunctions",
        operation="list_state_machines",
        items="stateMachines[]",
        type="AWS::StepFunctions::StateMachine",
        id="{stateMachineArn}",
        name_path="name",
        tags="tagging",
        details=(_tags("list_tags_for_resource", {"resourceArn": "stateMachineArn"}, "tags"),),
        attributes={"kind": Attr("type")},
    ),
    Spec(
        name="kinesis.stream",
        service="kinesis",
        operation="list_streams",
        items="StreamNames[]",
        type="AWS::Kinesis::Stream",
        id="arn:$partition:kinesis:$region:$account:stream/{Value}",
        name_path="Value",
        tags="tagging",
        details=(
            Detail(
                "describe_stream_summary",
                {"StreamName": "Value"},
                into="stream",
                result="StreamDescriptionSummary",
            ),
            # 50 is the most tags a stream can carry; fewer would leave HasMoreTags set.
            _tags("list_tags_for_stream", {"StreamName": "Value"}, "Tags", Limit=50),
        ),
        attributes={
            "shard_count": Attr("stream.OpenShardCount"),
            "retention_hours": Attr("stream.RetentionPeriodHours"),
            "kind": Attr("stream.StreamModeDetails.StreamMode"),
        },
    ),
    Spec(
        name="kafka.cluster",
        service="kafka",
        operation="list_clusters_v2",
        items="ClusterInfoList[]",
        type="AWS::MSK::Cluster",
        id="{ClusterArn}",
        name_path="ClusterName",
        tags="Tags",
        attributes={
            "kind": Attr("ClusterType"),
            "instance_type": Attr("Provisioned.BrokerNodeGroupInfo.InstanceType"),
            "node_count": Attr("Provisioned.NumberOfBrokerNodes"),
            "engine_version": Attr("Provisioned.CurrentBrokerSoftwareInfo.KafkaVersion"),
        },
    ),
)

SECURITY: tuple[Spec, ...] = (
    Spec(
        name="kms.key",
        service="kms",
        operation="list_keys",
        items="Keys[]",
        type="AWS::KMS::Key",
        id="{KeyArn}",
        name_path="KeyId",
        tags="tagging",
        details=(
            # AWS-managed keys belong to their services and move with them: skip them
            # before asking for tags.
            Detail(
                "describe_key",
                {"KeyId": "KeyId"},
                into="key",
                result="KeyMetadata",
                keep="key.KeyManager == 'CUSTOMER'",
            ),
            _tags("list_resource_tags", {"KeyId": "KeyId"}, "Tags"),
        ),
        attributes={
            "key_spec": Attr("key.KeySpec"),
            "key_usage": Attr("key.KeyUsage"),
            "multi_region": Attr("key.MultiRegion"),
            "state": Attr("key.KeyState"),
        },
    ),
    Spec(
        name="secretsmanager.secret",
        service="secretsmanager",
        operation="list_secrets",
        items="SecretList[]",
        type="AWS::SecretsManager::Secret",
        id="{ARN}",
        name_path="Name",
        tags="Tags",
        attributes={"rotation_enabled": Attr("RotationEnabled || `false`")},
    ),
    Spec(
        name="cognito-idp.user-pool",
        service="cognito-idp",
        operation="list_user_pools",
        params={"MaxResults": 60},
        items="UserPools[]",
        type="AWS::Cognito::UserPool",
        id="arn:$partition:cognito-idp:$region:$account:userpool/{Id}",
        name_path="Name",
        tags="pool.UserPoolTags",
        details=(
            Detail("describe_user_pool", {"UserPoolId": "Id"}, into="pool", result="UserPool"),
        ),
        attributes={
            "user_count": Attr("pool.EstimatedNumberOfUsers"),
            "mfa": Attr("pool.MfaConfiguration"),
        },
    ),
    Spec(
        name="iam.role",
        service="iam",
        operation="list_roles",
        items="Roles[]",
        scope="global",
        type="AWS::IAM::Role",
        id="{Arn}",
        name_path="RoleName",
        tags="tagging",
        details=(_tags("list_role_tags", {"RoleName": "RoleName"}, "Tags"),),
        attributes={"path": Attr("Path")},
    ),
    Spec(
        name="iam.user",
        service="iam",
        operation="list_users",
        items="Users[]",
        scope="global",
        type="AWS::IAM::User",
        id="{Arn}",
        name_path="UserName",
        tags="tagging",
        details=(_tags("list_user_tags", {"UserName": "UserName"}, "Tags"),),
        attributes={"path": Attr("Path")},
    ),
    Spec(
        name="iam.policy",
        service="iam",
        operation="list_policies",
        params={"Scope": "Local"},
        items="Policies[]",
        scope="global",
        type="AWS::IAM::ManagedPolicy",
        id="{Arn}",
        name_path="PolicyName",
        tags="tagging",
        details=(_tags("list_policy_tags", {"PolicyArn": "Arn"}, "Tags"),),
        attributes={"attachment_count": Attr("AttachmentCount")},
    ),
    Spec(
        name="logs.log-group",
        service="logs",
        operation="describe_log_groups",
        items="logGroups[]",
        type="AWS::Logs::LogGroup",
        id="arn:$partition:logs:$region:$account:log-group:{logGroupName}",
        name_path="logGroupName",
        tags="tagging",
        # ListTagsLogGroup is being deprecated in favour of ListTagsForResource.
        details=(_tags("list_tags_for_resource", {"resourceArn": "_id"}, "tags"),),
        attributes={
            "size_bytes": Attr("storedBytes"),
            "retention_days": Attr("retentionInDays"),
        },
    ),
)

SPECS: tuple[Spec, ...] = EC2 + NETWORK + STORAGE + DATABASES + COMPUTE + INTEGRATION + SECURITY
