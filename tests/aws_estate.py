"""A realistic AWS estate seeded into moto, and the exact inventory a scan of it must find.

`seed_account` creates one of every type in `TYPES` per region (global types once per
account) and returns one `Expected` per resource that the account then holds, including the
ones moto creates on its own (default VPCs, subnets and security groups, instance root
volumes, auto-scaling instances, the default event bus, the primary Athena workgroup, the
role Organizations puts into member accounts). A scan test can therefore compare counts and
ids exactly, not just "at least".

Expected values come from what this module asked for, not from reading moto back, wherever
the value is ours to choose; only what moto decides (ids, ARNs it mints, auto-created
resources) is read back. Otherwise the test would compare moto with itself."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

import boto3

GIB = 2**30

Scalar = str | int | float | bool

TYPES: tuple[str, ...] = (
    "AWS::EC2::Instance",
    "AWS::EC2::Volume",
    "AWS::EC2::Snapshot",
    "AWS::EC2::VPC",
    "AWS::EC2::Subnet",
    "AWS::EC2::SecurityGroup",
    "AWS::EC2::NatGateway",
    "AWS::ElasticLoadBalancingV2::LoadBalancer",
    "AWS::ElasticLoadBalancing::LoadBalancer",
    "AWS::AutoScaling::AutoScalingGroup",
    "AWS::S3::Bucket",
    "AWS::EFS::FileSystem",
    "AWS::RDS::DBInstance",
    "AWS::RDS::DBCluster",
    "AWS::DynamoDB::Table",
    "AWS::ElastiCache::CacheCluster",
    "AWS::ElastiCache::ReplicationGroup",
    "AWS::OpenSearchService::Domain",
    "AWS::Redshift::Cluster",
    "AWS::Lambda::Function",
    "AWS::ApiGateway::RestApi",
    "AWS::ApiGatewayV2::Api",
    "AWS::SQS::Queue",
    "AWS::SNS::Topic",
    "AWS::Events::EventBus",
    "AWS::Events::Rule",
    "AWS::StepFunctions::StateMachine",
    "AWS::Kinesis::Stream",
    "AWS::MSK::Cluster",
    "AWS::ECS::Cluster",
    "AWS::ECS::Service",
    "AWS::EKS::Cluster",
    "AWS::EKS::Nodegroup",
    "AWS::ECR::Repository",
    "AWS::CloudFront::Distribution",
    "AWS::Route53::HostedZone",
    "AWS::CertificateManager::Certificate",
    "AWS::KMS::Key",
    "AWS::SecretsManager::Secret",
    "AWS::IAM::Role",
    "AWS::IAM::User",
    "AWS::IAM::ManagedPolicy",
    "AWS::Cognito::UserPool",
    "AWS::Logs::LogGroup",
    "AWS::Glue::Job",
    "AWS::Glue::Database",
    "AWS::Athena::WorkGroup",
)

GLOBAL_TYPES: frozenset[str] = frozenset(
    {
        "AWS::CloudFront::Distribution",
        "AWS::Route53::HostedZone",
        "AWS::IAM::Role",
        "AWS::IAM::User",
        "AWS::IAM::ManagedPolicy",
    }
)

# Every type in TYPES can be created in moto 5.2; kept so a moto downgrade has a place to say
# what it lost instead of silently shrinking the estate.
NOT_SEEDABLE: dict[str, str] = {}

# The standalone instance and the auto-scaling launch template ask for these, so the expected
# instance attributes follow from what we chose.
INSTANCE_TYPE = "t3.micro"
ASG_INSTANCE_TYPE = "t3.small"
ROOT_GIB = 20
DATA_GIB = 50
SPARE_GIB = 10
OBJECT_BYTES = 64

_LABEL = re.compile(r"[a-z][a-z0-9-]{0,11}")

_LAMBDA_CODE = "def handler(event, context):\n    return {'ok': True}\n"


def planted_secrets(label: str) -> list[str]:
    """Values that the seed hides in places a scan must never copy into an inventory."""
    return [
        f"planted-secret-lambda-{label}",
        f"planted-secret-userdata-{label}",
        f"planted-secret-value-{label}",
        # database master password; the capital and the digit satisfy Redshift's rules
        f"Planted-secret-master-{label}-1",
    ]


@dataclass(frozen=True)
class Expected:
    type: str  # CloudFormation-style native type, "AWS::EC2::Instance"
    id: str  # the ARN in AWS's format, built from the id where the API returns no ARN
    region: str  # "global" for IAM, CloudFront and Route 53; a bucket's own region
    name: str
    tags: dict[str, str]  # as set at creation; read back only for what moto created itself
    attributes: dict[str, Scalar]  # only values the seed decides, or moto's where noted


def seed_account(
    session: boto3.Session, account_id: str, regions: list[str], label: str
) -> list[Expected]:
    """Create one of every type in TYPES in each region (global types once) for `label`.

    `moto.mock_aws` must be active and `session` must carry credentials for `account_id`:
    every client comes from it, so the same code seeds an assumed-role member account.
    Seed each account once: whatever the account already holds is reported as if moto had
    created it, so a second seeding would claim the first one's resources."""
    if not _LABEL.fullmatch(label):
        # the label ends up in bucket, cluster and domain names, which allow only lower-case
        # letters, digits and hyphens; OpenSearch domain names at most 28 characters
        raise ValueError(f"label must match {_LABEL.pattern}, got {label!r}")
    if not regions:
        raise ValueError("at least one region is needed")
    seeder = _Seeder(session, account_id, label)
    role_arn = seeder.seed_global(regions)
    for index, region in enumerate(regions):
        seeder.seed_region(region, index, role_arn)
    seeder.seed_cloudfront(regions[0])
    # Discovery runs last because some services create resources in passing (the default
    # security group of every new VPC, for one); earlier it would miss them.
    for region in regions:
        seeder.discover_region(region)
    seeder.discover_global(regions[0])
    return seeder.out


def _tags(label: str, **extra: str) -> dict[str, str]:
    return {"app": f"{label}-app", "env": "test", **extra}


def _key_value(tags: Mapping[str, str]) -> list[dict[str, str]]:
    return [{"Key": k, "Value": v} for k, v in tags.items()]


def _tag_spec(resource_type: str, tags: Mapping[str, str]) -> list[dict[str, Any]]:
    return [{"ResourceType": resource_type, "Tags": _key_value(tags)}]


def _tag_dict(tags: Iterable[Mapping[str, str]] | None) -> dict[str, str]:
    return {t["Key"]: t["Value"] for t in tags or ()}


def _report_csv(year: int) -> bytes:
    """A 64-byte object: moto's BucketSizeBytes is 64 per object whatever the body (it sums
    the sizes of its internal lists), so at 64 bytes the metric is also the true size."""
    body = f"year,total\n{year},42\n".encode()
    return body.ljust(OBJECT_BYTES - 1, b"#") + b"\n"


def _lambda_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", _LAMBDA_CODE)
    return buffer.getvalue()


@dataclass
class _Network:
    vpc_id: str
    subnet_ids: list[str]
    zones: list[str]
    security_group_id: str


class _Seeder:
    def __init__(self, session: boto3.Session, account_id: str, label: str) -> None:
        self.session = session
        self.account = account_id
        self.label = label
        self.out: list[Expected] = []
        self.buckets: dict[str, str] = {}  # region -> bucket name
        self.created_ids: set[str] = set()
        self.clients: dict[tuple[str, str], Any] = {}

    def client(self, service: str, region: str) -> Any:
        # creating a botocore client costs more than most moto calls, so reuse them
        key = (service, region)
        if key not in self.clients:
            self.clients[key] = self.session.client(service, region_name=region)
        return self.clients[key]

    def add(
        self,
        type_: str,
        id_: str,
        region: str,
        name: str,
        tags: Mapping[str, str] | None = None,
        **attributes: Scalar,
    ) -> None:
        self.created_ids.add(id_)
        self.out.append(Expected(type_, id_, region, name, dict(tags or {}), attributes))

    def arn(self, service: str, region: str, resource: str) -> str:
        return f"arn:aws:{service}:{region}:{self.account}:{resource}"

    # --- global ------------------------------------------------------------------------

    def seed_global(self, regions: list[str]) -> str:
        """IAM and Route 53; returns the service role that regional resources run as."""
        label = self.label
        iam = self.client("iam", regions[0])
        trust = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {
                        "Service": [
                            "lambda.amazonaws.com",
                            "states.amazonaws.com",
                            "glue.amazonaws.com",
                            "eks.amazonaws.com",
                            "ec2.amazonaws.com",
                            "ecs-tasks.amazonaws.com",
                        ]
                    },
                    "Action": "sts:AssumeRole",
                }
            ],
        }
        role_tags = _tags(label, role="workloads")
        role = iam.create_role(
            RoleName=f"{label}-service-role",
            AssumeRolePolicyDocument=json.dumps(trust),
            Tags=_key_value(role_tags),
        )["Role"]
        self.add("AWS::IAM::Role", role["Arn"], "global", role["RoleName"], role_tags)

        user_tags = _tags(label, role="deployer")
        user = iam.create_user(UserName=f"{label}-deployer", Tags=_key_value(user_tags))["User"]
        self.add("AWS::IAM::User", user["Arn"], "global", user["UserName"], user_tags)

        policy_document = {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}],
        }
        policy_tags = _tags(label, role="read-data")
        policy = iam.create_policy(
            PolicyName=f"{label}-read-data",
            PolicyDocument=json.dumps(policy_document),
            Tags=_key_value(policy_tags),
        )["Policy"]
        iam.attach_role_policy(RoleName=role["RoleName"], PolicyArn=policy["Arn"])
        iam.attach_user_policy(UserName=user["UserName"], PolicyArn=policy["Arn"])
        self.add(
            "AWS::IAM::ManagedPolicy",
            policy["Arn"],
            "global",
            policy["PolicyName"],
            policy_tags,
            attachment_count=2,
        )

        self.seed_route53(regions[0])
        return str(role["Arn"])

    def seed_route53(self, region: str) -> None:
        label = self.label
        route53 = self.client("route53", region)
        zone_name = f"{label}.example.com."
        zone = route53.create_hosted_zone(
            Name=zone_name,
            CallerReference=f"{label}-zone",
            HostedZoneConfig={"Comment": f"{label} public zone", "PrivateZone": False},
        )["HostedZone"]
        zone_id = zone["Id"].removeprefix("/hostedzone/")
        zone_tags = _tags(label, role="dns")
        route53.change_tags_for_resource(
            ResourceType="hostedzone", ResourceId=zone_id, AddTags=_key_value(zone_tags)
        )
        route53.change_resource_record_sets(
            HostedZoneId=zone_id,
            ChangeBatch={
                "Changes": [
                    {
                        "Action": "CREATE",
                        "ResourceRecordSet": {
                            "Name": f"www.{zone_name}",
                            "Type": "A",
                            "TTL": 300,
                            "ResourceRecords": [{"Value": "192.0.2.10"}],
                        },
                    },
                    {
                        "Action": "CREATE",
                        "ResourceRecordSet": {
                            "Name": f"api.{zone_name}",
                            "Type": "CNAME",
                            "TTL": 300,
                            "ResourceRecords": [{"Value": f"www.{zone_name}"}],
                        },
                    },
                ]
            },
        )
        # The count includes the SOA and NS records every zone starts with (4 in all, in AWS
        # and in moto); read it from the listing a scan reads rather than assume it.
        listed = next(
            z for z in route53.list_hosted_zones()["HostedZones"] if z["Id"] == zone["Id"]
        )
        self.add(
            "AWS::Route53::HostedZone",
            f"arn:aws:route53:::hostedzone/{zone_id}",
            "global",
            zone["Name"],
            zone_tags,
            record_count=int(listed["ResourceRecordSetCount"]),
            private=False,
        )

    def seed_cloudfront(self, origin_region: str) -> None:
        label = self.label
        cloudfront = self.client("cloudfront", origin_region)
        bucket = self.buckets[origin_region]
        origin_domain = f"{bucket}.s3.{origin_region}.amazonaws.com"
        tags = _tags(label, role="cdn")
        distribution = cloudfront.create_distribution_with_tags(
            DistributionConfigWithTags={
                "DistributionConfig": {
                    "CallerReference": f"{label}-cdn",
                    "Comment": f"{label} static site",
                    "Enabled": True,
                    "Origins": {
                        "Quantity": 1,
                        "Items": [
                            {
                                "Id": "static",
                                "DomainName": origin_domain,
                                "S3OriginConfig": {"OriginAccessIdentity": ""},
                            }
                        ],
                    },
                    "DefaultCacheBehavior": {
                        "TargetOriginId": "static",
                        "ViewerProtocolPolicy": "redirect-to-https",
                        "MinTTL": 0,
                    },
                },
                "Tags": {"Items": _key_value(tags)},
            }
        )["Distribution"]
        self.add(
            "AWS::CloudFront::Distribution",
            distribution["ARN"],
            "global",
            distribution["Id"],
            tags,
        )

    # --- regional ------------------------------------------------------------------------

    def seed_region(self, region: str, index: int, role_arn: str) -> None:
        key_arn = self.seed_kms(region)
        network = self.seed_network(region, index)
        self.seed_compute(region, network, key_arn)
        self.seed_load_balancers(region, network)
        self.seed_storage(region, key_arn)
        self.seed_databases(region, network)
        self.seed_analytics(region, network, role_arn)
        self.seed_integration(region, role_arn)
        self.seed_containers(region, network, role_arn)
        self.seed_security(region, key_arn)

    def seed_kms(self, region: str) -> str:
        kms = self.client("kms", region)
        tags = _tags(self.label, role="encryption")
        key = kms.create_key(
            Description=f"{self.label} data key",
            KeyUsage="ENCRYPT_DECRYPT",
            KeySpec="SYMMETRIC_DEFAULT",
            Tags=[{"TagKey": k, "TagValue": v} for k, v in tags.items()],
        )["KeyMetadata"]
        kms.create_alias(AliasName=f"alias/{self.label}-data", TargetKeyId=key["KeyId"])
        self.add(
            "AWS::KMS::Key",
            key["Arn"],
            region,
            key["KeyId"],
            tags,
            key_spec="SYMMETRIC_DEFAULT",
        )
        return str(key["Arn"])

    def seed_network(self, region: str, index: int) -> _Network:
        label = self.label
        ec2 = self.client("ec2", region)
        zones = sorted(
            z["ZoneName"]
            for z in ec2.describe_availability_zones()["AvailabilityZones"]
            if z.get("ZoneType", "availability-zone") == "availability-zone"
        )[:2]
        cidr = f"10.{10 + index}.0.0/16"
        vpc_tags = _tags(label, Name=f"{label}-vpc", role="network")
        vpc_id = ec2.create_vpc(CidrBlock=cidr, TagSpecifications=_tag_spec("vpc", vpc_tags))[
            "Vpc"
        ]["VpcId"]
        self.add(
            "AWS::EC2::VPC",
            self.arn("ec2", region, f"vpc/{vpc_id}"),
            region,
            vpc_tags["Name"],
            vpc_tags,
            cidr_block=cidr,
            is_default=False,
        )

        subnet_ids = []
        for number, zone in enumerate(zones, start=1):
            subnet_cidr = f"10.{10 + index}.{number}.0/24"
            subnet_tags = _tags(label, Name=f"{label}-subnet-{number}", role="subnet")
            subnet_id = ec2.create_subnet(
                VpcId=vpc_id,
                CidrBlock=subnet_cidr,
                AvailabilityZone=zone,
                TagSpecifications=_tag_spec("subnet", subnet_tags),
            )["Subnet"]["SubnetId"]
            subnet_ids.append(subnet_id)
            self.add(
                "AWS::EC2::Subnet",
                self.arn("ec2", region, f"subnet/{subnet_id}"),
                region,
                subnet_tags["Name"],
                subnet_tags,
                cidr_block=subnet_cidr,
                availability_zone=zone,
                vpc_id=vpc_id,
            )

        sg_tags = _tags(label, role="web")
        sg_name = f"{label}-web"
        sg_id = ec2.create_security_group(
            GroupName=sg_name,
            Description=f"{label} web tier",
            VpcId=vpc_id,
            TagSpecifications=_tag_spec("security-group", sg_tags),
        )["GroupId"]
        ec2.authorize_security_group_ingress(
            GroupId=sg_id,
            IpPermissions=[
                {
                    "IpProtocol": "tcp",
                    "FromPort": 443,
                    "ToPort": 443,
                    "IpRanges": [{"CidrIp": "0.0.0.0/0"}],
                }
            ],
        )
        self.add(
            "AWS::EC2::SecurityGroup",
            self.arn("ec2", region, f"security-group/{sg_id}"),
            region,
            sg_name,
            sg_tags,
            vpc_id=vpc_id,
        )

        allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
        nat_tags = _tags(label, Name=f"{label}-nat", role="egress")
        nat_id = ec2.create_nat_gateway(
            SubnetId=subnet_ids[0],
            AllocationId=allocation,
            TagSpecifications=_tag_spec("natgateway", nat_tags),
        )["NatGateway"]["NatGatewayId"]
        self.add(
            "AWS::EC2::NatGateway",
            self.arn("ec2", region, f"natgateway/{nat_id}"),
            region,
            nat_tags["Name"],
            nat_tags,
            vpc_id=vpc_id,
        )
        return _Network(vpc_id, subnet_ids, zones, sg_id)

    def _image_id(self, region: str) -> str:
        # The public SSM parameter is how real deployments pick Amazon Linux, and moto
        # answers it with an AMI that exists in its catalogue for that region.
        ssm = self.client("ssm", region)
        name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
        return str(ssm.get_parameter(Name=name)["Parameter"]["Value"])

    def seed_compute(self, region: str, network: _Network, key_arn: str) -> None:
        label = self.label
        ec2 = self.client("ec2", region)
        image_id = self._image_id(region)
        sizes = _instance_sizes(ec2, [INSTANCE_TYPE, ASG_INSTANCE_TYPE])

        data_tags = _tags(label, Name=f"{label}-data", role="data-volume")
        data_id = ec2.create_volume(
            AvailabilityZone=network.zones[0],
            Size=DATA_GIB,
            VolumeType="gp3",
            Encrypted=True,
            # without our own key moto would mint an "alias/aws/ebs" key and list it as
            # customer managed, which a scan of real AWS rightly skips
            KmsKeyId=key_arn,
            TagSpecifications=_tag_spec("volume", data_tags),
        )["VolumeId"]
        self.add(
            "AWS::EC2::Volume",
            self.arn("ec2", region, f"volume/{data_id}"),
            region,
            data_tags["Name"],
            data_tags,
            size_bytes=DATA_GIB * GIB,
            volume_type="gp3",
            encrypted=True,
        )
        spare_tags = _tags(label, Name=f"{label}-spare", role="orphan-volume")
        spare_id = ec2.create_volume(
            AvailabilityZone=network.zones[1],
            Size=SPARE_GIB,
            VolumeType="gp2",
            TagSpecifications=_tag_spec("volume", spare_tags),
        )["VolumeId"]
        self.add(
            "AWS::EC2::Volume",
            self.arn("ec2", region, f"volume/{spare_id}"),
            region,
            spare_tags["Name"],
            spare_tags,
            size_bytes=SPARE_GIB * GIB,
            volume_type="gp2",
            encrypted=False,
        )
        snapshot_tags = _tags(label, Name=f"{label}-data-backup", role="backup")
        snapshot_id = ec2.create_snapshot(
            VolumeId=data_id,
            Description=f"{label} nightly backup",
            TagSpecifications=_tag_spec("snapshot", snapshot_tags),
        )["SnapshotId"]
        self.add(
            "AWS::EC2::Snapshot",
            f"arn:aws:ec2:{region}::snapshot/{snapshot_id}",
            region,
            snapshot_tags["Name"],
            snapshot_tags,
            volume_size_gib=DATA_GIB,
        )

        instance_tags = _tags(label, Name=f"{label}-web-1", role="web")
        root_tags = _tags(label, Name=f"{label}-web-1-root", role="root-volume")
        user_data = (
            f"#!/bin/bash\nexport DB_PASSWORD={planted_secrets(label)[1]}\nsystemctl start web\n"
        )
        instance = ec2.run_instances(
            ImageId=image_id,
            InstanceType=INSTANCE_TYPE,
            MinCount=1,
            MaxCount=1,
            SubnetId=network.subnet_ids[0],
            SecurityGroupIds=[network.security_group_id],
            UserData=user_data,
            BlockDeviceMappings=[
                {
                    "DeviceName": "/dev/xvda",
                    "Ebs": {
                        "VolumeSize": ROOT_GIB,
                        "VolumeType": "gp3",
                        "DeleteOnTermination": True,
                    },
                }
            ],
            TagSpecifications=[
                *_tag_spec("instance", instance_tags),
                *_tag_spec("volume", root_tags),
            ],
        )["Instances"][0]
        instance_id = instance["InstanceId"]
        ec2.attach_volume(VolumeId=data_id, InstanceId=instance_id, Device="/dev/sdf")
        vcpu, memory = sizes[INSTANCE_TYPE]
        self.add(
            "AWS::EC2::Instance",
            self.arn("ec2", region, f"instance/{instance_id}"),
            region,
            instance_tags["Name"],
            instance_tags,
            instance_type=INSTANCE_TYPE,
            vcpu=vcpu,
            memory_mib=memory,
            # what AWS reports as PlatformDetails for Amazon Linux; moto's DescribeInstances
            # leaves the field out, so a scan of moto has to supply it
            platform="Linux/UNIX",
            ebs_gib=ROOT_GIB + DATA_GIB,
        )
        described = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]
        root_ids = [
            m["Ebs"]["VolumeId"]
            for m in described["Instances"][0]["BlockDeviceMappings"]
            if m["Ebs"]["VolumeId"] != data_id
        ]
        for root_id in root_ids:
            self.add(
                "AWS::EC2::Volume",
                self.arn("ec2", region, f"volume/{root_id}"),
                region,
                root_tags["Name"],
                root_tags,
                size_bytes=ROOT_GIB * GIB,
                volume_type="gp3",
                encrypted=False,
            )

        # The group's instances (and their root volumes) are moto's to create; discovery
        # picks them up at the end.
        template_id = ec2.create_launch_template(
            LaunchTemplateName=f"{label}-workers",
            LaunchTemplateData={
                "ImageId": image_id,
                "InstanceType": ASG_INSTANCE_TYPE,
                "SecurityGroupIds": [network.security_group_id],
            },
        )["LaunchTemplate"]["LaunchTemplateId"]
        autoscaling = self.client("autoscaling", region)
        asg_name = f"{label}-workers"
        asg_tags = _tags(label, Name=f"{label}-worker", role="worker")
        autoscaling.create_auto_scaling_group(
            AutoScalingGroupName=asg_name,
            LaunchTemplate={"LaunchTemplateId": template_id, "Version": "$Latest"},
            MinSize=1,
            MaxSize=4,
            DesiredCapacity=2,
            VPCZoneIdentifier=",".join(network.subnet_ids),
            Tags=[
                {
                    "ResourceId": asg_name,
                    "ResourceType": "auto-scaling-group",
                    "Key": k,
                    "Value": v,
                    "PropagateAtLaunch": True,
                }
                for k, v in asg_tags.items()
            ],
        )
        group = autoscaling.describe_auto_scaling_groups(AutoScalingGroupNames=[asg_name])[
            "AutoScalingGroups"
        ][0]
        self.add(
            "AWS::AutoScaling::AutoScalingGroup",
            group["AutoScalingGroupARN"],
            region,
            asg_name,
            asg_tags,
            node_count=2,
            min_size=1,
            max_size=4,
        )

    def seed_load_balancers(self, region: str, network: _Network) -> None:
        label = self.label
        elbv2 = self.client("elbv2", region)
        for kind, scheme in (("application", "internet-facing"), ("network", "internal")):
            name = f"{label}-{'alb' if kind == 'application' else 'nlb'}"
            tags = _tags(label, role=f"{kind}-lb")
            extra: dict[str, Any] = {}
            if kind == "application":
                extra["SecurityGroups"] = [network.security_group_id]
            balancer = elbv2.create_load_balancer(
                Name=name,
                Subnets=network.subnet_ids,
                Scheme=scheme,
                Type=kind,
                Tags=_key_value(tags),
                **extra,
            )["LoadBalancers"][0]
            self.add(
                "AWS::ElasticLoadBalancingV2::LoadBalancer",
                balancer["LoadBalancerArn"],
                region,
                name,
                tags,
                kind=kind,
                scheme=scheme,
            )

        elb = self.client("elb", region)
        name = f"{label}-classic"
        tags = _tags(label, role="classic-lb")
        elb.create_load_balancer(
            LoadBalancerName=name,
            Listeners=[
                {
                    "Protocol": "HTTP",
                    "LoadBalancerPort": 80,
                    "InstanceProtocol": "HTTP",
                    "InstancePort": 8080,
                }
            ],
            Subnets=network.subnet_ids,
            # without one moto (like AWS) creates a "default_elb_..." security group
            SecurityGroups=[network.security_group_id],
            Scheme="internet-facing",
            Tags=_key_value(tags),
        )
        self.add(
            "AWS::ElasticLoadBalancing::LoadBalancer",
            self.arn("elasticloadbalancing", region, f"loadbalancer/{name}"),
            region,
            name,
            tags,
            kind="classic",
            scheme="internet-facing",
        )

    def seed_storage(self, region: str, key_arn: str) -> None:
        label = self.label
        s3 = self.client("s3", region)
        bucket = f"{label}-{self.account}-data-{region}"
        self.buckets[region] = bucket
        if region == "us-east-1":
            s3.create_bucket(Bucket=bucket)
        else:
            s3.create_bucket(
                Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region}
            )
        bucket_tags = _tags(label, role="data-lake")
        s3.put_bucket_tagging(Bucket=bucket, Tagging={"TagSet": _key_value(bucket_tags)})
        for year in (2024, 2025):
            s3.put_object(Bucket=bucket, Key=f"reports/{year}.csv", Body=_report_csv(year))
        size_bytes, object_count = _bucket_metrics(self.client("cloudwatch", region), bucket)
        self.add(
            "AWS::S3::Bucket",
            f"arn:aws:s3:::{bucket}",
            region,
            bucket,
            bucket_tags,
            size_bytes=size_bytes,
            object_count=object_count,
        )

        efs = self.client("efs", region)
        efs_tags = _tags(label, Name=f"{label}-shared", role="shared-files")
        file_system = efs.create_file_system(
            CreationToken=f"{label}-shared",
            PerformanceMode="generalPurpose",
            Encrypted=True,
            KmsKeyId=key_arn,
            Tags=_key_value(efs_tags),
        )
        self.add(
            "AWS::EFS::FileSystem",
            file_system["FileSystemArn"],
            region,
            efs_tags["Name"],
            efs_tags,
            performance_mode="generalPurpose",
        )

    def seed_databases(self, region: str, network: _Network) -> None:
        label = self.label
        rds = self.client("rds", region)
        subnet_group = f"{label}-db"
        rds.create_db_subnet_group(
            DBSubnetGroupName=subnet_group,
            DBSubnetGroupDescription=f"{label} databases",
            SubnetIds=network.subnet_ids,
        )
        db_tags = _tags(label, role="orders-db")
        db = rds.create_db_instance(
            DBInstanceIdentifier=f"{label}-orders",
            Engine="postgres",
            EngineVersion="16.3",
            DBInstanceClass="db.t3.micro",
            AllocatedStorage=20,
            MasterUsername="orders",
            MasterUserPassword=planted_secrets(label)[3],
            MultiAZ=False,
            DBSubnetGroupName=subnet_group,
            VpcSecurityGroupIds=[network.security_group_id],
            Tags=_key_value(db_tags),
        )["DBInstance"]
        self.add(
            "AWS::RDS::DBInstance",
            db["DBInstanceArn"],
            region,
            db["DBInstanceIdentifier"],
            db_tags,
            engine="postgres",
            engine_version="16.3",
            instance_type="db.t3.micro",
            size_bytes=20 * GIB,
            multi_az=False,
        )

        cluster_tags = _tags(label, role="catalog-db")
        cluster = rds.create_db_cluster(
            DBClusterIdentifier=f"{label}-catalog",
            Engine="aurora-postgresql",
            EngineVersion="15.4",
            MasterUsername="catalog",
            MasterUserPassword=planted_secrets(label)[3],
            DBSubnetGroupName=subnet_group,
            VpcSecurityGroupIds=[network.security_group_id],
            Tags=_key_value(cluster_tags),
        )["DBCluster"]
        self.add(
            "AWS::RDS::DBCluster",
            cluster["DBClusterArn"],
            region,
            cluster["DBClusterIdentifier"],
            cluster_tags,
            engine="aurora-postgresql",
            engine_version="15.4",
        )
        member_tags = _tags(label, role="catalog-db-writer")
        member = rds.create_db_instance(
            DBInstanceIdentifier=f"{label}-catalog-1",
            DBClusterIdentifier=cluster["DBClusterIdentifier"],
            Engine="aurora-postgresql",
            DBInstanceClass="db.r6g.large",
            Tags=_key_value(member_tags),
        )["DBInstance"]
        # Aurora storage belongs to the cluster: the member's AllocatedStorage is a
        # placeholder, so no size_bytes here; multi_az is likewise a cluster matter.
        self.add(
            "AWS::RDS::DBInstance",
            member["DBInstanceArn"],
            region,
            member["DBInstanceIdentifier"],
            member_tags,
            engine="aurora-postgresql",
            engine_version="15.4",
            instance_type="db.r6g.large",
        )

        dynamodb = self.client("dynamodb", region)
        table_tags = _tags(label, role="sessions")
        table = dynamodb.create_table(
            TableName=f"{label}-sessions",
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
            Tags=_key_value(table_tags),
        )["TableDescription"]
        for number in range(3):
            dynamodb.put_item(
                TableName=table["TableName"],
                Item={"pk": {"S": f"session-{number}"}, "user": {"S": f"user-{number}"}},
            )
        # Real AWS refreshes ItemCount about every six hours; moto counts live, and a scan
        # of moto sees moto's number.
        item_count = dynamodb.describe_table(TableName=table["TableName"])["Table"]["ItemCount"]
        self.add(
            "AWS::DynamoDB::Table",
            table["TableArn"],
            region,
            table["TableName"],
            table_tags,
            item_count=int(item_count),
            streams=True,
            billing_mode="PAY_PER_REQUEST",
        )

        elasticache = self.client("elasticache", region)
        cache_tags = _tags(label, role="cache")
        cache = elasticache.create_cache_cluster(
            CacheClusterId=f"{label}-cache",
            Engine="redis",
            CacheNodeType="cache.t3.micro",
            NumCacheNodes=1,
            Tags=_key_value(cache_tags),
        )["CacheCluster"]
        self.add(
            "AWS::ElastiCache::CacheCluster",
            cache["ARN"],
            region,
            cache["CacheClusterId"],
            cache_tags,
            engine="redis",
            instance_type="cache.t3.micro",
            node_count=1,
        )
        group_tags = _tags(label, role="queue-cache")
        group = elasticache.create_replication_group(
            ReplicationGroupId=f"{label}-queues",
            ReplicationGroupDescription=f"{label} job queues",
            Engine="redis",
            CacheNodeType="cache.t3.small",
            NumCacheClusters=2,
            Tags=_key_value(group_tags),
        )["ReplicationGroup"]
        self.add(
            "AWS::ElastiCache::ReplicationGroup",
            group["ARN"],
            region,
            group["ReplicationGroupId"],
            group_tags,
            instance_type="cache.t3.small",
        )

    def seed_analytics(self, region: str, network: _Network, role_arn: str) -> None:
        label = self.label
        opensearch = self.client("opensearch", region)
        search_tags = _tags(label, role="search")
        domain = opensearch.create_domain(
            DomainName=f"{label}-search",
            EngineVersion="OpenSearch_2.11",
            ClusterConfig={"InstanceType": "r6g.large.search", "InstanceCount": 2},
            EBSOptions={"EBSEnabled": True, "VolumeType": "gp3", "VolumeSize": 100},
            TagList=_key_value(search_tags),
        )["DomainStatus"]
        self.add(
            "AWS::OpenSearchService::Domain",
            domain["ARN"],
            region,
            domain["DomainName"],
            search_tags,
            engine_version="OpenSearch_2.11",
            instance_type="r6g.large.search",
            node_count=2,
        )

        redshift = self.client("redshift", region)
        warehouse_tags = _tags(label, role="warehouse")
        warehouse = f"{label}-warehouse"
        redshift.create_cluster(
            ClusterIdentifier=warehouse,
            NodeType="ra3.xlplus",
            ClusterType="multi-node",
            NumberOfNodes=2,
            MasterUsername="analyst",
            MasterUserPassword=planted_secrets(label)[3],
            Tags=_key_value(warehouse_tags),
        )
        self.add(
            "AWS::Redshift::Cluster",
            self.arn("redshift", region, f"cluster:{warehouse}"),
            region,
            warehouse,
            warehouse_tags,
            instance_type="ra3.xlplus",
            node_count=2,
        )

        kinesis = self.client("kinesis", region)
        stream_tags = _tags(label, role="clickstream")
        stream = f"{label}-clicks"
        kinesis.create_stream(StreamName=stream, ShardCount=2)
        # moto ignores create_stream's Tags, so tag the way older SDKs had to
        kinesis.add_tags_to_stream(StreamName=stream, Tags=stream_tags)
        stream_arn = kinesis.describe_stream_summary(StreamName=stream)["StreamDescriptionSummary"][
            "StreamARN"
        ]
        self.add("AWS::Kinesis::Stream", stream_arn, region, stream, stream_tags, shard_count=2)

        kafka = self.client("kafka", region)
        kafka_tags = _tags(label, role="events")
        kafka_name = f"{label}-events"
        kafka_arn = kafka.create_cluster(
            ClusterName=kafka_name,
            KafkaVersion="3.6.0",
            NumberOfBrokerNodes=2,
            BrokerNodeGroupInfo={
                "InstanceType": "kafka.m5.large",
                "ClientSubnets": network.subnet_ids,
                "SecurityGroups": [network.security_group_id],
            },
            Tags=kafka_tags,
        )["ClusterArn"]
        self.add(
            "AWS::MSK::Cluster",
            kafka_arn,
            region,
            kafka_name,
            kafka_tags,
            instance_type="kafka.m5.large",
            node_count=2,
            engine_version="3.6.0",
        )

        glue = self.client("glue", region)
        database = f"{label.replace('-', '_')}_analytics"
        database_tags = _tags(label, role="catalog")
        glue.create_database(DatabaseInput={"Name": database}, Tags=database_tags)
        self.add(
            "AWS::Glue::Database",
            self.arn("glue", region, f"database/{database}"),
            region,
            database,
            database_tags,
        )
        job = f"{label}-nightly-etl"
        job_tags = _tags(label, role="etl")
        glue.create_job(
            Name=job,
            Role=role_arn,
            Command={
                "Name": "glueetl",
                "ScriptLocation": f"s3://{self.buckets[region]}/scripts/etl.py",
                "PythonVersion": "3",
            },
            GlueVersion="4.0",
            WorkerType="G.1X",
            NumberOfWorkers=2,
            Tags=job_tags,
        )
        self.add(
            "AWS::Glue::Job",
            self.arn("glue", region, f"job/{job}"),
            region,
            job,
            job_tags,
            engine_version="4.0",
        )

        athena = self.client("athena", region)
        workgroup = f"{label}-analysts"
        workgroup_tags = _tags(label, role="adhoc-queries")
        athena.create_work_group(
            Name=workgroup,
            Configuration={
                "ResultConfiguration": {"OutputLocation": f"s3://{self.buckets[region]}/athena/"}
            },
            Tags=_key_value(workgroup_tags),
        )
        self.add(
            "AWS::Athena::WorkGroup",
            self.arn("athena", region, f"workgroup/{workgroup}"),
            region,
            workgroup,
            workgroup_tags,
        )

    def seed_integration(self, region: str, role_arn: str) -> None:
        label = self.label
        awslambda = self.client("lambda", region)
        function_tags = _tags(label, role="api-handler")
        function = awslambda.create_function(
            FunctionName=f"{label}-api",
            Runtime="python3.12",
            Role=role_arn,
            Handler="handler.handler",
            Code={"ZipFile": _lambda_zip()},
            MemorySize=256,
            Timeout=30,
            Environment={
                "Variables": {"DB_PASSWORD": planted_secrets(label)[0], "LOG_LEVEL": "info"}
            },
            Tags=function_tags,
        )
        self.add(
            "AWS::Lambda::Function",
            function["FunctionArn"],
            region,
            function["FunctionName"],
            function_tags,
            runtime="python3.12",
            memory_mib=256,
            layer_count=0,
        )

        apigateway = self.client("apigateway", region)
        rest_tags = _tags(label, role="public-api")
        rest = apigateway.create_rest_api(name=f"{label}-rest", tags=rest_tags)
        self.add(
            "AWS::ApiGateway::RestApi",
            f"arn:aws:apigateway:{region}::/restapis/{rest['id']}",
            region,
            rest["name"],
            rest_tags,
        )
        apigatewayv2 = self.client("apigatewayv2", region)
        http_tags = _tags(label, role="http-api")
        http = apigatewayv2.create_api(Name=f"{label}-http", ProtocolType="HTTP", Tags=http_tags)
        self.add(
            "AWS::ApiGatewayV2::Api",
            f"arn:aws:apigateway:{region}::/apis/{http['ApiId']}",
            region,
            http["Name"],
            http_tags,
            kind="HTTP",
        )

        sqs = self.client("sqs", region)
        for queue, fifo in ((f"{label}-jobs", False), (f"{label}-orders.fifo", True)):
            queue_tags = _tags(label, role="fifo-queue" if fifo else "queue")
            attributes = {"FifoQueue": "true"} if fifo else {}
            url = sqs.create_queue(QueueName=queue, Attributes=attributes, tags=queue_tags)[
                "QueueUrl"
            ]
            queue_arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])[
                "Attributes"
            ]["QueueArn"]
            self.add("AWS::SQS::Queue", queue_arn, region, queue, queue_tags, fifo=fifo)

        sns = self.client("sns", region)
        topic_tags = _tags(label, role="alerts")
        topic = f"{label}-alerts"
        topic_arn = sns.create_topic(Name=topic, Tags=_key_value(topic_tags))["TopicArn"]
        self.add("AWS::SNS::Topic", topic_arn, region, topic, topic_tags)

        events = self.client("events", region)
        bus_tags = _tags(label, role="domain-events")
        bus = f"{label}-bus"
        bus_arn = events.create_event_bus(Name=bus, Tags=_key_value(bus_tags))["EventBusArn"]
        self.add("AWS::Events::EventBus", bus_arn, region, bus, bus_tags)
        rule_tags = _tags(label, role="order-events")
        rule = f"{label}-orders"
        rule_arn = events.put_rule(
            Name=rule,
            EventBusName=bus,
            EventPattern=json.dumps({"source": [f"{label}.orders"]}),
            Tags=_key_value(rule_tags),
        )["RuleArn"]
        self.add("AWS::Events::Rule", rule_arn, region, rule, rule_tags, event_bus=bus)

        sfn = self.client("stepfunctions", region)
        machine_tags = _tags(label, role="order-flow")
        machine = f"{label}-order-flow"
        definition = {"StartAt": "Done", "States": {"Done": {"Type": "Pass", "End": True}}}
        machine_arn = sfn.create_state_machine(
            name=machine,
            definition=json.dumps(definition),
            roleArn=role_arn,
            type="STANDARD",
            tags=[{"key": k, "value": v} for k, v in machine_tags.items()],
        )["stateMachineArn"]
        self.add(
            "AWS::StepFunctions::StateMachine",
            machine_arn,
            region,
            machine,
            machine_tags,
            kind="STANDARD",
        )

        logs = self.client("logs", region)
        group = f"/{label}/app"
        group_tags = _tags(label, role="app-logs")
        logs.create_log_group(logGroupName=group, tags=group_tags)
        logs.put_retention_policy(logGroupName=group, retentionInDays=30)
        self.add(
            "AWS::Logs::LogGroup",
            self.arn("logs", region, f"log-group:{group}"),
            region,
            group,
            group_tags,
            retention_days=30,
        )

    def seed_containers(self, region: str, network: _Network, role_arn: str) -> None:
        label = self.label
        ecs = self.client("ecs", region)
        cluster_tags = _tags(label, role="services")
        cluster = ecs.create_cluster(
            clusterName=f"{label}-services",
            tags=[{"key": k, "value": v} for k, v in cluster_tags.items()],
        )["cluster"]
        self.add(
            "AWS::ECS::Cluster",
            cluster["clusterArn"],
            region,
            cluster["clusterName"],
            cluster_tags,
        )
        task = ecs.register_task_definition(
            family=f"{label}-web",
            requiresCompatibilities=["FARGATE"],
            networkMode="awsvpc",
            cpu="256",
            memory="512",
            executionRoleArn=role_arn,
            containerDefinitions=[
                {"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "essential": True}
            ],
        )["taskDefinition"]
        service_tags = _tags(label, role="web-service")
        service = ecs.create_service(
            cluster=cluster["clusterName"],
            serviceName=f"{label}-web",
            taskDefinition=task["taskDefinitionArn"],
            desiredCount=2,
            launchType="FARGATE",
            networkConfiguration={
                "awsvpcConfiguration": {
                    "subnets": network.subnet_ids,
                    "securityGroups": [network.security_group_id],
                }
            },
            tags=[{"key": k, "value": v} for k, v in service_tags.items()],
        )["service"]
        self.add(
            "AWS::ECS::Service",
            service["serviceArn"],
            region,
            service["serviceName"],
            service_tags,
            desired_count=2,
        )

        eks = self.client("eks", region)
        eks_tags = _tags(label, role="kubernetes")
        eks_cluster = eks.create_cluster(
            name=f"{label}-k8s",
            version="1.29",
            roleArn=role_arn,
            resourcesVpcConfig={
                "subnetIds": network.subnet_ids,
                "securityGroupIds": [network.security_group_id],
            },
            tags=eks_tags,
        )["cluster"]
        nodegroup_tags = _tags(label, role="nodes")
        nodegroup = eks.create_nodegroup(
            clusterName=eks_cluster["name"],
            nodegroupName=f"{label}-general",
            scalingConfig={"minSize": 1, "maxSize": 5, "desiredSize": 3},
            subnets=network.subnet_ids,
            nodeRole=role_arn,
            instanceTypes=["m5.large"],
            tags=nodegroup_tags,
        )["nodegroup"]
        self.add(
            "AWS::EKS::Cluster",
            eks_cluster["arn"],
            region,
            eks_cluster["name"],
            eks_tags,
            engine_version="1.29",
            nodegroup_count=1,
        )
        self.add(
            "AWS::EKS::Nodegroup",
            nodegroup["nodegroupArn"],
            region,
            nodegroup["nodegroupName"],
            nodegroup_tags,
            node_count=3,
            instance_type="m5.large",
            cluster=eks_cluster["name"],
        )

        ecr = self.client("ecr", region)
        repository_tags = _tags(label, role="images")
        repository = ecr.create_repository(
            repositoryName=f"{label}/web", tags=_key_value(repository_tags)
        )["repository"]
        self.add(
            "AWS::ECR::Repository",
            repository["repositoryArn"],
            region,
            repository["repositoryName"],
            repository_tags,
        )

    def seed_security(self, region: str, key_arn: str) -> None:
        label = self.label
        acm = self.client("acm", region)
        domain = f"www.{label}.example.com"
        certificate_tags = _tags(label, role="tls")
        certificate_arn = acm.request_certificate(
            DomainName=domain, ValidationMethod="DNS", Tags=_key_value(certificate_tags)
        )["CertificateArn"]
        self.add(
            "AWS::CertificateManager::Certificate",
            certificate_arn,
            region,
            domain,
            certificate_tags,
        )

        secrets = self.client("secretsmanager", region)
        secret_tags = _tags(label, role="credentials")
        secret = secrets.create_secret(
            Name=f"{label}/orders/db",
            SecretString=json.dumps({"password": planted_secrets(label)[2]}),
            KmsKeyId=key_arn,
            Tags=_key_value(secret_tags),
        )
        self.add(
            "AWS::SecretsManager::Secret",
            secret["ARN"],
            region,
            secret["Name"],
            secret_tags,
        )

        cognito = self.client("cognito-idp", region)
        pool_tags = _tags(label, role="customers")
        pool = cognito.create_user_pool(PoolName=f"{label}-customers", UserPoolTags=pool_tags)[
            "UserPool"
        ]
        self.add(
            "AWS::Cognito::UserPool",
            self.arn("cognito-idp", region, f"userpool/{pool['Id']}"),
            region,
            pool["Name"],
            pool_tags,
        )

    # --- what moto created on its own ------------------------------------------------------

    def discover_region(self, region: str) -> None:
        self._discover_network(region)
        self._discover_machines(region)
        self._discover_services(region)
        self._discover_logs_and_keys(region)

    def _discover_network(self, region: str) -> None:
        ec2 = self.client("ec2", region)
        for vpc in _pages(ec2, "describe_vpcs", "Vpcs"):
            arn = self.arn("ec2", region, f"vpc/{vpc['VpcId']}")
            if arn not in self.created_ids:
                tags = _tag_dict(vpc.get("Tags"))
                self.add(
                    "AWS::EC2::VPC",
                    arn,
                    region,
                    tags.get("Name", vpc["VpcId"]),
                    tags,
                    cidr_block=vpc["CidrBlock"],
                    is_default=bool(vpc["IsDefault"]),
                )
        for subnet in _pages(ec2, "describe_subnets", "Subnets"):
            arn = self.arn("ec2", region, f"subnet/{subnet['SubnetId']}")
            if arn not in self.created_ids:
                tags = _tag_dict(subnet.get("Tags"))
                self.add(
                    "AWS::EC2::Subnet",
                    arn,
                    region,
                    tags.get("Name", subnet["SubnetId"]),
                    tags,
                    cidr_block=subnet["CidrBlock"],
                    availability_zone=subnet["AvailabilityZone"],
                    vpc_id=subnet["VpcId"],
                )
        for group in _pages(ec2, "describe_security_groups", "SecurityGroups"):
            arn = self.arn("ec2", region, f"security-group/{group['GroupId']}")
            if arn not in self.created_ids:
                self.add(
                    "AWS::EC2::SecurityGroup",
                    arn,
                    region,
                    group["GroupName"],
                    _tag_dict(group.get("Tags")),
                    vpc_id=group["VpcId"],
                )

    def _discover_machines(self, region: str) -> None:
        ec2 = self.client("ec2", region)
        instances = [
            instance
            for reservation in _pages(ec2, "describe_instances", "Reservations")
            for instance in reservation["Instances"]
        ]
        sizes = _instance_sizes(ec2, sorted({i["InstanceType"] for i in instances}))
        volumes = {v["VolumeId"]: v for v in _pages(ec2, "describe_volumes", "Volumes")}
        for instance in instances:
            arn = self.arn("ec2", region, f"instance/{instance['InstanceId']}")
            if arn in self.created_ids:
                continue
            tags = _tag_dict(instance.get("Tags"))
            vcpu, memory = sizes[instance["InstanceType"]]
            attached = [
                volumes[m["Ebs"]["VolumeId"]]["Size"]
                for m in instance.get("BlockDeviceMappings", [])
                if "Ebs" in m
            ]
            self.add(
                "AWS::EC2::Instance",
                arn,
                region,
                tags.get("Name", instance["InstanceId"]),
                tags,
                instance_type=instance["InstanceType"],
                vcpu=vcpu,
                memory_mib=memory,
                # the only instances moto starts itself are the auto-scaling group's, from
                # the same Amazon Linux image as ours
                platform="Linux/UNIX",
                ebs_gib=sum(attached),
            )
        for volume in volumes.values():
            arn = self.arn("ec2", region, f"volume/{volume['VolumeId']}")
            if arn not in self.created_ids:
                tags = _tag_dict(volume.get("Tags"))
                self.add(
                    "AWS::EC2::Volume",
                    arn,
                    region,
                    tags.get("Name", volume["VolumeId"]),
                    tags,
                    size_bytes=int(volume["Size"]) * GIB,
                    volume_type=volume["VolumeType"],
                    encrypted=bool(volume["Encrypted"]),
                )
        # moto ignores OwnerIds and would return the snapshots behind its ~1300 public
        # AMIs; the owner-id filter means the same on AWS and works in moto.
        own = [{"Name": "owner-id", "Values": [self.account]}]
        for snapshot in _pages(
            ec2, "describe_snapshots", "Snapshots", OwnerIds=["self"], Filters=own
        ):
            arn = f"arn:aws:ec2:{region}::snapshot/{snapshot['SnapshotId']}"
            if arn not in self.created_ids:
                tags = _tag_dict(snapshot.get("Tags"))
                self.add(
                    "AWS::EC2::Snapshot",
                    arn,
                    region,
                    tags.get("Name", snapshot["SnapshotId"]),
                    tags,
                    volume_size_gib=int(snapshot["VolumeSize"]),
                )

    def _discover_services(self, region: str) -> None:
        events = self.client("events", region)
        for bus in events.list_event_buses()["EventBuses"]:
            if bus["Arn"] not in self.created_ids:
                tags = _tag_dict(events.list_tags_for_resource(ResourceARN=bus["Arn"])["Tags"])
                self.add("AWS::Events::EventBus", bus["Arn"], region, bus["Name"], tags)

        athena = self.client("athena", region)
        for workgroup in athena.list_work_groups()["WorkGroups"]:
            arn = self.arn("athena", region, f"workgroup/{workgroup['Name']}")
            if arn not in self.created_ids:
                tags = _tag_dict(athena.list_tags_for_resource(ResourceARN=arn)["Tags"])
                self.add("AWS::Athena::WorkGroup", arn, region, workgroup["Name"], tags)

        # AWS lists a replication group's member clusters here as well; moto 5.2 does not,
        # so this finds nothing today but keeps the counts exact if moto catches up.
        elasticache = self.client("elasticache", region)
        for cache in _pages(elasticache, "describe_cache_clusters", "CacheClusters"):
            if cache["ARN"] not in self.created_ids:
                tags = _tag_dict(
                    elasticache.list_tags_for_resource(ResourceName=cache["ARN"])["TagList"]
                )
                self.add(
                    "AWS::ElastiCache::CacheCluster",
                    cache["ARN"],
                    region,
                    cache["CacheClusterId"],
                    tags,
                    engine=cache["Engine"],
                    instance_type=cache["CacheNodeType"],
                    node_count=int(cache["NumCacheNodes"]),
                )

    def _discover_logs_and_keys(self, region: str) -> None:
        logs = self.client("logs", region)
        for group in _pages(logs, "describe_log_groups", "logGroups"):
            arn = self.arn("logs", region, f"log-group:{group['logGroupName']}")
            if arn not in self.created_ids:
                attributes: dict[str, Scalar] = {}
                if "retentionInDays" in group:
                    attributes["retention_days"] = int(group["retentionInDays"])
                tags = logs.list_tags_for_resource(resourceArn=arn)["tags"]
                self.add(
                    "AWS::Logs::LogGroup", arn, region, group["logGroupName"], tags, **attributes
                )

        kms = self.client("kms", region)
        for key in _pages(kms, "list_keys", "Keys"):
            if key["KeyArn"] not in self.created_ids:
                # Only resources like encrypted EBS or DynamoDB without a key make moto mint
                # an "alias/aws/..." key, and moto labels it CUSTOMER where AWS says AWS.
                # The seed avoids that on purpose, so one showing up is a seeding bug.
                raise AssertionError(f"unexpected KMS key in {region}: {key['KeyArn']}")

    def discover_global(self, region: str) -> None:
        iam = self.client("iam", region)
        for role in _pages(iam, "list_roles", "Roles"):
            if role["Arn"] not in self.created_ids:
                tags = _tag_dict(iam.list_role_tags(RoleName=role["RoleName"])["Tags"])
                self.add("AWS::IAM::Role", role["Arn"], "global", role["RoleName"], tags)


def _pages(client: Any, operation: str, key: str, **params: Any) -> list[Any]:
    paginator = client.get_paginator(operation)
    return [item for page in paginator.paginate(**params) for item in page.get(key, [])]


def _instance_sizes(ec2: Any, instance_types: list[str]) -> dict[str, tuple[int, int]]:
    """vCPUs and MiB per instance type, as the region's DescribeInstanceTypes reports them."""
    if not instance_types:
        return {}
    answer = ec2.describe_instance_types(InstanceTypes=instance_types)["InstanceTypes"]
    return {
        t["InstanceType"]: (int(t["VCpuInfo"]["DefaultVCpus"]), int(t["MemoryInfo"]["SizeInMiB"]))
        for t in answer
    }


def _bucket_metrics(cloudwatch: Any, bucket: str) -> tuple[int, int]:
    """BucketSizeBytes and NumberOfObjects as CloudWatch reports them for `bucket` today.

    moto computes BucketSizeBytes from its own bookkeeping rather than from the object bodies
    (see the report that came with this module), so the expected value has to be read back;
    NumberOfObjects is the real count."""
    now = datetime.now(timezone.utc)
    queries = [
        {
            "Id": query_id,
            "MetricStat": {
                "Metric": {
                    "Namespace": "AWS/S3",
                    "MetricName": metric,
                    # moto matches dimensions in its own order, StorageType first; AWS
                    # accepts any order
                    "Dimensions": [
                        {"Name": "StorageType", "Value": storage},
                        {"Name": "BucketName", "Value": bucket},
                    ],
                },
                "Period": 86400,
                "Stat": "Average",
            },
        }
        for query_id, metric, storage in (
            ("size", "BucketSizeBytes", "StandardStorage"),
            ("count", "NumberOfObjects", "AllStorageTypes"),
        )
    ]
    results = cloudwatch.get_metric_data(
        MetricDataQueries=queries,
        StartTime=now - timedelta(days=2),
        EndTime=now + timedelta(hours=1),
    )["MetricDataResults"]
    values = {r["Id"]: r["Values"] for r in results}
    if not values.get("size") or not values.get("count"):
        raise AssertionError(f"CloudWatch has no S3 storage metrics for {bucket}: {values}")
    return int(values["size"][0]), int(values["count"][0])


def organization() -> tuple[str, boto3.Session]:
    """The caller's account becomes the management account of an Organization with one
    member; returns the member's id and a session in it."""
    orgs = boto3.client("organizations", "us-east-1")
    orgs.create_organization(FeatureSet="ALL")
    created = orgs.create_account(AccountName="member", Email="member@example.org")
    member = created["CreateAccountStatus"]["AccountId"]
    role = f"arn:aws:iam::{member}:role/OrganizationAccountAccessRole"
    found = boto3.client("sts", "us-east-1").assume_role(RoleArn=role, RoleSessionName="seed")
    keys = found["Credentials"]
    session = boto3.Session(
        aws_access_key_id=keys["AccessKeyId"],
        aws_secret_access_key=keys["SecretAccessKey"],
        aws_session_token=keys["SessionToken"],
    )
    return member, session
