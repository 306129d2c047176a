"""AWS Config snapshots (as delivered to S3, gzipped or not) and configservice output."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from connectors.importers.run import import_files
from exitplan.errors import InputError

TYPES = [
    "AWS::EC2::Instance",
    "AWS::EC2::Volume",
    "AWS::EC2::VPC",
    "AWS::EC2::Subnet",
    "AWS::EC2::SecurityGroup",
    "AWS::EC2::NatGateway",
    "AWS::S3::Bucket",
    "AWS::RDS::DBInstance",
    "AWS::RDS::DBCluster",
    "AWS::Lambda::Function",
    "AWS::DynamoDB::Table",
    "AWS::SQS::Queue",
    "AWS::SNS::Topic",
    "AWS::EKS::Cluster",
    "AWS::ECS::Cluster",
    "AWS::ElastiCache::CacheCluster",
    "AWS::KMS::Key",
    "AWS::SecretsManager::Secret",
    "AWS::ElasticLoadBalancingV2::LoadBalancer",
    "AWS::CloudFront::Distribution",
    "AWS::Route53::HostedZone",
    "AWS::IAM::Role",
]
CONFIGURATION = {
    "AWS::EC2::Instance": {"instanceType": "m5.large", "state": {"name": "running"}},
    "AWS::EC2::Volume": {"size": 100, "volumeType": "gp3"},
    "AWS::RDS::DBInstance": {
        "engine": "Postgres",
        "engineVersion": "16.3",
        "dBInstanceClass": "db.m6g.large",
        "allocatedStorage": 200,
        "multiAZ": True,
        "masterUsername": "admin",
    },
    "AWS::Lambda::Function": {
        "runtime": "python3.12",
        "memorySize": 512,
        "environment": {"variables": {"DB_PASSWORD": "planted"}},
    },
}


def snapshot() -> dict[str, Any]:
    """44 current items of 22 types in 2 regions, and 2 deleted ones, as Config delivers."""
    items = []
    for n in range(44):
        kind = TYPES[n % len(TYPES)]
        region = "eu-west-1" if n % 2 else "eu-central-1"
        service = kind.split("::")[1].lower()
        items.append(
            {
                "configurationItemVersion": "1.3",
                "configurationItemCaptureTime": "2026-11-01T10:00:00.000Z",
                "configurationStateId": 1700000000000 + n,
                "awsAccountId": "111122223333",
                "configurationItemStatus": "OK" if n % 5 else "ResourceDiscovered",
                "resourceType": kind,
                "resourceId": f"res-{n}",
                "resourceName": f"name-{n}",
                "ARN": f"arn:aws:{service}:{region}:111122223333:thing/res-{n}",
                "awsRegion": region,
                "availabilityZone": "Multiple Availability Zones",
                "tags": {"app": f"app{n % 3}"},
                "relatedEvents": [],
                "relationships": [],
                "configuration": CONFIGURATION.get(kind, {}),
                "supplementaryConfiguration": {},
            }
        )
    items += [
        {
            **items[0],
            "resourceId": "gone",
            "ARN": "arn:aws:ec2:eu-west-1:1:instance/gone",
            "configurationItemStatus": status,
        }
        for status in ("ResourceDeleted", "ResourceDeletedNotRecorded")
    ]
    return {"fileVersion": "1.0", "configSnapshotId": "abc", "configurationItems": items}


def test_a_gzipped_snapshot_imports_like_a_scan(tmp_path: Path) -> None:
    path = tmp_path / "111122223333_Config_eu-west-1_ConfigSnapshot.json.gz"
    path.write_bytes(gzip.compress(json.dumps(snapshot()).encode()))
    inventory = import_files([path])
    assert len(inventory.resources) == 44
    assert Counter(r.type for r in inventory.resources) == {kind: 2 for kind in TYPES}
    assert Counter(r.region for r in inventory.resources) == {"eu-west-1": 22, "eu-central-1": 22}
    db = next(r for r in inventory.resources if r.type == "AWS::RDS::DBInstance")
    assert db.attributes == {
        "engine": "postgres",
        "engine_version": "16.3",
        "instance_type": "db.m6g.large",
        "size_bytes": 200 * 2**30,
        "multi_az": True,
    }
    assert db.tags == {"app": f"app{7 % 3}"}
    assert "planted" not in inventory.model_dump_json()
    assert inventory.scan.source == "aws-config"


def test_the_api_shape_with_its_other_spellings(tmp_path: Path) -> None:
    items = []
    for item in snapshot()["configurationItems"][:10]:
        api = {k: v for k, v in item.items() if k not in ("awsAccountId", "ARN")}
        api.update(
            accountId=item["awsAccountId"],
            arn=item["ARN"],
            configuration=json.dumps(item["configuration"]),
            version="1.3",
        )
        items.append(api)
    path = tmp_path / "history.json"
    path.write_text(json.dumps({"configurationItems": items}))
    inventory = import_files([path])
    assert len(inventory.resources) == 10
    vm = next(r for r in inventory.resources if r.type == "AWS::EC2::Instance")
    assert (vm.account, vm.attributes["instance_type"]) == ("111122223333", "m5.large")


def test_an_item_without_a_type_names_the_file_and_the_item(tmp_path: Path) -> None:
    document = snapshot()
    del document["configurationItems"][3]["resourceType"]
    path = tmp_path / "snapshot.json"
    path.write_text(json.dumps(document))
    with pytest.raises(InputError) as caught:
        import_files([path])
    assert f"{path}: configurationItems[3] has no resourceType" in caught.value.message
