"""Relations the AWS connector reads from the answers it already asks for, under moto: each
target is the id the target's own record gets, and a target outside the scan is kept."""

from __future__ import annotations

from typing import Any

import boto3

from connectors.aws import AwsConnector, AwsOptions
from connectors.interface import scan
from exitplan.model import Inventory, Resource

REGION = "eu-west-1"


def _run(services: tuple[str, ...]) -> Inventory:
    options = AwsOptions(regions=(REGION,), services=services, max_workers=2)
    connector = AwsConnector(options)
    return scan(connector, connector.discover())


def _by_type(inventory: Inventory) -> dict[str, list[Resource]]:
    found: dict[str, list[Resource]] = {}
    for resource in inventory.resources:
        found.setdefault(resource.type, []).append(resource)
    return found


def _network() -> dict[str, Any]:
    ec2 = boto3.client("ec2", REGION)
    vpc = ec2.create_vpc(CidrBlock="10.8.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.8.1.0/24")["Subnet"]["SubnetId"]
    instance = ec2.run_instances(
        ImageId="ami-12c6146b", MinCount=1, MaxCount=1, InstanceType="t3.micro", SubnetId=subnet
    )["Instances"][0]["InstanceId"]
    volume = ec2.create_volume(Size=50, AvailabilityZone=f"{REGION}a")["VolumeId"]
    ec2.attach_volume(VolumeId=volume, InstanceId=instance, Device="/dev/sdf")
    allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
    nat = ec2.create_nat_gateway(SubnetId=subnet, AllocationId=allocation)["NatGateway"]
    group = ec2.create_security_group(GroupName="web", Description="web", VpcId=vpc)["GroupId"]
    return {
        "vpc": vpc,
        "subnet": subnet,
        "instance": instance,
        "volume": volume,
        "nat": nat["NatGatewayId"],
        "group": group,
    }


def test_ec2_relations_name_the_targets_by_their_own_ids(aws: None) -> None:
    ids = _network()
    found = _by_type(_run(("ec2",)))
    arns = {r.id: r for kind in found.values() for r in kind}
    account = found["AWS::EC2::Instance"][0].account

    def arn(kind: str, short: str) -> str:
        return f"arn:aws:ec2:{REGION}:{account}:{kind}/{short}"

    instance = arns[arn("instance", ids["instance"])]
    assert instance.relations == {
        "member_of": sorted([arn("subnet", ids["subnet"]), arn("vpc", ids["vpc"])])
    }
    assert arns[arn("volume", ids["volume"])].relations == {
        "attached_to": [arn("instance", ids["instance"])]
    }
    assert arns[arn("subnet", ids["subnet"])].relations == {"member_of": [arn("vpc", ids["vpc"])]}
    assert arns[arn("security-group", ids["group"])].relations == {
        "member_of": [arn("vpc", ids["vpc"])]
    }
    assert arns[arn("natgateway", ids["nat"])].relations == {"uses": [arn("subnet", ids["subnet"])]}
    # Every target above is a resource of the same scan.
    for resource in (instance, arns[arn("volume", ids["volume"])]):
        for targets in (resource.relations or {}).values():
            assert all(target in arns for target in targets)
    # A VPC states no relation: it is written as before, without the field.
    vpc = arns[arn("vpc", ids["vpc"])]
    assert vpc.relations is None
    assert "relations" not in vpc.model_dump(mode="json", exclude_none=True)


def test_a_replica_names_its_primary_and_an_instance_its_cluster(aws: None) -> None:
    rds = boto3.client("rds", REGION)
    secret = {"MasterUsername": "admin", "MasterUserPassword": "planted-secret-password"}
    primary = rds.create_db_instance(
        DBInstanceIdentifier="orders",
        Engine="postgres",
        DBInstanceClass="db.t3.micro",
        AllocatedStorage=20,
        **secret,
    )["DBInstance"]["DBInstanceArn"]
    rds.create_db_instance_read_replica(
        DBInstanceIdentifier="orders-replica", SourceDBInstanceIdentifier="orders"
    )
    # Across regions AWS names the source by its ARN, which is kept whole.
    far = boto3.client("rds", "eu-central-1").create_db_instance(
        DBInstanceIdentifier="far", Engine="postgres", DBInstanceClass="db.t3.micro", **secret
    )["DBInstance"]["DBInstanceArn"]
    rds.create_db_instance_read_replica(
        DBInstanceIdentifier="far-replica", SourceDBInstanceIdentifier=far
    )
    cluster = rds.create_db_cluster(
        DBClusterIdentifier="ledger", Engine="aurora-postgresql", **secret
    )["DBCluster"]["DBClusterArn"]
    rds.create_db_instance(
        DBInstanceIdentifier="ledger-1",
        DBClusterIdentifier="ledger",
        Engine="aurora-postgresql",
        DBInstanceClass="db.r6g.large",
    )
    found = {r.name: r for r in _run(("rds",)).resources}
    assert found["orders-replica"].relations == {"replica_of": [primary]}
    assert found["far-replica"].relations == {"replica_of": [far]}
    assert found["ledger-1"].relations == {"member_of": [cluster]}
    assert found["orders"].relations is None
    assert found["ledger"].relations is None


def test_a_node_group_names_its_cluster_and_a_classic_balancer_its_instances(
    aws: None,
) -> None:
    eks = boto3.client("eks", REGION)
    role = "arn:aws:iam::123456789012:role/eks"
    eks.create_cluster(name="apps", roleArn=role, resourcesVpcConfig={})
    eks.create_nodegroup(
        clusterName="apps", nodegroupName="workers", nodeRole=role, subnets=["subnet-1"]
    )
    elb = boto3.client("elb", REGION)
    elb.create_load_balancer(
        LoadBalancerName="front",
        Listeners=[{"Protocol": "http", "LoadBalancerPort": 80, "InstancePort": 80}],
        AvailabilityZones=[f"{REGION}a"],
    )
    # An instance this scan does not read (EC2 is not asked for): the relation is kept, as
    # the instance may be in another inventory.
    instance = boto3.client("ec2", REGION).run_instances(
        ImageId="ami-12c6146b", MinCount=1, MaxCount=1
    )["Instances"][0]["InstanceId"]
    elb.register_instances_with_load_balancer(
        LoadBalancerName="front", Instances=[{"InstanceId": instance}]
    )
    found = _by_type(_run(("eks", "elb")))
    (cluster,) = found["AWS::EKS::Cluster"]
    (group,) = found["AWS::EKS::Nodegroup"]
    assert group.relations == {"member_of": [cluster.id]}
    (balancer,) = found["AWS::ElasticLoadBalancing::LoadBalancer"]
    account = balancer.account
    assert balancer.relations == {"uses": [f"arn:aws:ec2:{REGION}:{account}:instance/{instance}"]}
    assert "AWS::EC2::Instance" not in found
