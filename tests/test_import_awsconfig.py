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


def history_item(state: str, captured: Any, instance_type: str, **more: Any) -> dict[str, Any]:
    """One item of `aws configservice get-resource-config-history` for one instance."""
    return {
        "version": "1.3",
        "accountId": "111122223333",
        "configurationItemCaptureTime": captured,
        "configurationItemStatus": state,
        "configurationStateId": more.pop("state_id", "1700000000000"),
        "arn": "arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc1234def567890",
        "resourceType": "AWS::EC2::Instance",
        "resourceId": "i-0abc1234def567890",
        "awsRegion": "eu-west-1",
        "configuration": json.dumps({"instanceType": instance_type}),
        **more,
    }


def imported(tmp_path: Path, items: list[dict[str, Any]]) -> list[Any]:
    path = tmp_path / "history.json"
    path.write_text(json.dumps({"configurationItems": items}))
    return import_files([path]).resources


@pytest.mark.parametrize("forward", [False, True], ids=["newest-first", "oldest-first"])
def test_a_history_keeps_the_item_captured_last(tmp_path: Path, forward: bool) -> None:
    items = [
        history_item("OK", "2026-11-03T09:00:00.000Z", "m5.4xlarge"),
        history_item("OK", "2026-10-01T09:00:00.000Z", "m5.large"),
        history_item("ResourceDiscovered", "2026-01-01T09:00:00.000Z", "t3.micro"),
    ]
    (vm,) = imported(tmp_path, items[::-1] if forward else items)
    assert vm.attributes["instance_type"] == "m5.4xlarge"


@pytest.mark.parametrize(
    "gone", ["ResourceDeleted", "ResourceDeletedNotRecorded", "ResourceNotRecorded"]
)
@pytest.mark.parametrize("forward", [False, True], ids=["newest-first", "oldest-first"])
def test_a_resource_whose_last_item_says_it_is_gone_is_skipped(
    tmp_path: Path, gone: str, forward: bool
) -> None:
    items = [
        history_item(gone, "2026-11-03T09:00:00Z", "m5.large"),
        history_item("OK", "2026-11-02T09:00:00Z", "m5.large"),
    ]
    assert imported(tmp_path, items[::-1] if forward else items) == []


def test_capture_times_in_either_spelling_as_epoch_seconds_or_iso(tmp_path: Path) -> None:
    items = [
        history_item("OK", 1_780_000_000.5, "m5.large"),  # the CLI's epoch output
        {
            **history_item("OK", None, "m6i.large"),
            "ConfigurationItemCaptureTime": "2026-06-01T00:00:00+00:00",  # 1_780_272_000
        },
        history_item("OK", "1779000000", "t3.micro"),
    ]
    del items[1]["configurationItemCaptureTime"]
    (vm,) = imported(tmp_path, items)
    assert vm.attributes["instance_type"] == "m6i.large"


def test_items_captured_at_once_are_told_apart_by_their_state_id(tmp_path: Path) -> None:
    when = "2026-11-03T09:00:00Z"
    items = [
        history_item("OK", when, "m5.large", state_id="1700000000001"),
        history_item("OK", when, "m5.xlarge", state_id="1700000000002"),
    ]
    (vm,) = imported(tmp_path, items)
    assert vm.attributes["instance_type"] == "m5.xlarge"


@pytest.mark.parametrize("captured", ["last tuesday", True, {"at": 1}, "nan"])
def test_a_capture_time_that_is_not_a_time_names_the_item(tmp_path: Path, captured: Any) -> None:
    items = [
        history_item("OK", "2026-11-03T09:00:00Z", "m5.large"),
        history_item("OK", captured, "m5.large"),
    ]
    with pytest.raises(InputError) as caught:
        imported(tmp_path, items)
    assert "configurationItems[1]: configurationItemCaptureTime is not a time" in (
        caught.value.message
    )


def test_two_items_of_one_resource_without_times_are_refused(tmp_path: Path) -> None:
    items = [history_item("OK", None, "m5.large"), history_item("OK", None, "t3.micro")]
    for item in items:
        del item["configurationItemCaptureTime"]
    with pytest.raises(InputError) as caught:
        imported(tmp_path, items)
    assert "configurationItems[0] and [1] are the same resource" in caught.value.message
