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


ACCOUNT = "111122223333"
# Per type: Config's resourceId, resourceName and ARN for item n in region r, in the
# formats AWS documents ("Amazon Resource Names" per service): ids, not invented paths.
IDENTITIES: dict[str, tuple[str, str, str]] = {
    "AWS::EC2::Instance": ("i-0{n:016x}", "", "arn:aws:ec2:{r}:{a}:instance/{id}"),
    "AWS::EC2::Volume": ("vol-0{n:016x}", "", "arn:aws:ec2:{r}:{a}:volume/{id}"),
    "AWS::EC2::VPC": ("vpc-0{n:016x}", "", "arn:aws:ec2:{r}:{a}:vpc/{id}"),
    "AWS::EC2::Subnet": ("subnet-0{n:016x}", "", "arn:aws:ec2:{r}:{a}:subnet/{id}"),
    "AWS::EC2::SecurityGroup": ("sg-0{n:016x}", "web", "arn:aws:ec2:{r}:{a}:security-group/{id}"),
    "AWS::EC2::NatGateway": ("nat-0{n:016x}", "", "arn:aws:ec2:{r}:{a}:natgateway/{id}"),
    "AWS::S3::Bucket": ("shop-data-{n}", "shop-data-{n}", "arn:aws:s3:::{id}"),
    "AWS::RDS::DBInstance": (
        "db-ABCDEFGHIJKLMNOPQRSTUV{n:04d}",
        "shop-db-{n}",
        "arn:aws:rds:{r}:{a}:db:{name}",
    ),
    "AWS::RDS::DBCluster": (
        "cluster-ABCDEFGHIJKLMNOPQRS{n:04d}",
        "shop-aurora-{n}",
        "arn:aws:rds:{r}:{a}:cluster:{name}",
    ),
    "AWS::Lambda::Function": ("shop-fn-{n}", "shop-fn-{n}", "arn:aws:lambda:{r}:{a}:function:{id}"),
    "AWS::DynamoDB::Table": (
        "shop-orders-{n}",
        "shop-orders-{n}",
        "arn:aws:dynamodb:{r}:{a}:table/{id}",
    ),
    "AWS::SQS::Queue": (
        "https://sqs.{r}.amazonaws.com/{a}/shop-jobs-{n}",
        "shop-jobs-{n}",
        "arn:aws:sqs:{r}:{a}:{name}",
    ),
    "AWS::SNS::Topic": ("arn:aws:sns:{r}:{a}:shop-events-{n}", "shop-events-{n}", "{id}"),
    "AWS::EKS::Cluster": ("shop-eks-{n}", "shop-eks-{n}", "arn:aws:eks:{r}:{a}:cluster/{id}"),
    "AWS::ECS::Cluster": ("shop-ecs-{n}", "shop-ecs-{n}", "arn:aws:ecs:{r}:{a}:cluster/{id}"),
    "AWS::ElastiCache::CacheCluster": (
        "shop-cache-{n}",
        "shop-cache-{n}",
        "arn:aws:elasticache:{r}:{a}:cluster:{id}",
    ),
    "AWS::KMS::Key": ("1234abcd-12ab-34cd-56ef-1234567{n:05d}", "", "arn:aws:kms:{r}:{a}:key/{id}"),
    "AWS::SecretsManager::Secret": (
        "arn:aws:secretsmanager:{r}:{a}:secret:shop/db-{n}-a1B2c3",
        "shop/db-{n}",
        "{id}",
    ),
    "AWS::ElasticLoadBalancingV2::LoadBalancer": (
        "arn:aws:elasticloadbalancing:{r}:{a}:loadbalancer/app/shop-alb-{n}/50dc6c495c0c{n:04d}",
        "shop-alb-{n}",
        "{id}",
    ),
    "AWS::CloudFront::Distribution": (
        "EDFDVBD632B{n:03d}",
        "",
        "arn:aws:cloudfront::{a}:distribution/{id}",
    ),
    "AWS::Route53::HostedZone": (
        "Z0{n:04d}1234ABCDEFGH",
        "shop.example.",
        "arn:aws:route53:::hostedzone/{id}",
    ),
    "AWS::IAM::Role": ("AROAEXAMPLEID{n:08d}", "shop-role-{n}", "arn:aws:iam::{a}:role/{name}"),
}
TYPES = list(IDENTITIES)


def identity(kind: str, n: int, region: str) -> tuple[str, str, str]:
    """resourceId, resourceName and ARN, as Config records them."""
    id_form, name_form, arn_form = IDENTITIES[kind]
    rid = id_form.format(n=n, r=region, a=ACCOUNT)
    name = name_form.format(n=n) or rid
    return rid, name, arn_form.format(id=rid, name=name, r=region, a=ACCOUNT)


def snapshot() -> dict[str, Any]:
    """44 current items of 22 types in 2 regions, and 2 deleted ones, as Config delivers."""
    items = []
    for n in range(44):
        kind = TYPES[n % len(TYPES)]
        region = "eu-west-1" if n % 2 else "eu-central-1"
        rid, name, arn = identity(kind, n, region)
        items.append(
            {
                "configurationItemVersion": "1.3",
                "configurationItemCaptureTime": "2026-11-01T10:00:00.000Z",
                "configurationStateId": 1700000000000 + n,
                "awsAccountId": ACCOUNT,
                "configurationItemStatus": "OK" if n % 5 else "ResourceDiscovered",
                "resourceType": kind,
                "resourceId": rid,
                "resourceName": name,
                "ARN": arn,
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
            "resourceId": f"i-0{900 + n:016x}",
            "ARN": f"arn:aws:ec2:eu-central-1:{ACCOUNT}:instance/i-0{900 + n:016x}",
            "configurationItemStatus": status,
        }
        for n, status in enumerate(("ResourceDeleted", "ResourceDeletedNotRecorded"))
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
    by_type = {r.type: r for r in inventory.resources}  # the last of each type
    assert (db.id, db.name) == (f"arn:aws:rds:eu-west-1:{ACCOUNT}:db:shop-db-7", "shop-db-7")
    assert by_type["AWS::SQS::Queue"].id == f"arn:aws:sqs:eu-west-1:{ACCOUNT}:shop-jobs-33"
    assert by_type["AWS::EC2::SecurityGroup"].id == (
        f"arn:aws:ec2:eu-central-1:{ACCOUNT}:security-group/sg-0{26:016x}"
    )


def test_items_without_an_arn_get_the_arn_a_scan_gives(tmp_path: Path) -> None:
    """Config's resourceId is the field the AWS connector builds the ARN from."""
    items = []
    for kind, region in [
        ("AWS::EC2::SecurityGroup", "eu-west-1"),
        ("AWS::SQS::Queue", "eu-west-1"),
        ("AWS::S3::Bucket", "eu-west-1"),
        ("AWS::Route53::HostedZone", "global"),
        ("AWS::DynamoDB::Table", "cn-north-1"),
    ]:
        rid, name, _ = identity(kind, 3, region)
        items.append(
            {
                "resourceType": kind,
                "resourceId": rid,
                "resourceName": name,
                "awsAccountId": ACCOUNT,
                "awsRegion": region,
                "configurationItemStatus": "OK",
            }
        )
    path = tmp_path / "noarn.json"
    path.write_text(json.dumps({"configurationItems": items}))
    assert [r.id for r in import_files([path]).resources] == [
        f"arn:aws:ec2:eu-west-1:{ACCOUNT}:security-group/sg-0{3:016x}",
        f"arn:aws:sqs:eu-west-1:{ACCOUNT}:shop-jobs-3",
        "arn:aws:s3:::shop-data-3",
        "arn:aws:route53:::hostedzone/Z000031234ABCDEFGH",
        f"arn:aws-cn:dynamodb:cn-north-1:{ACCOUNT}:table/shop-orders-3",
    ]


def test_an_item_without_an_arn_of_a_type_with_no_arn_format_is_refused(
    tmp_path: Path,
) -> None:
    document = snapshot()
    item = document["configurationItems"][9]
    assert item["resourceType"] == "AWS::Lambda::Function"
    del item["ARN"]
    path = tmp_path / "snapshot.json"
    path.write_text(json.dumps(document))
    with pytest.raises(InputError) as caught:
        import_files([path])
    assert caught.value.message.startswith(
        f"{path}: configurationItems[9] (AWS::Lambda::Function shop-fn-9) has no ARN"
    )


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


@pytest.mark.parametrize(
    ("tags", "shape"),
    [(["app=shop", "env=prod"], "a list of str"), ("app=shop", "a str"), (7, "a int")],
)
def test_tags_of_another_shape_are_an_input_error_naming_the_item(
    tmp_path: Path, tags: Any, shape: str
) -> None:
    items = [history_item("OK", "2026-11-03T09:00:00Z", "m5.large", tags=tags)]
    with pytest.raises(InputError) as caught:
        imported(tmp_path, items)
    assert caught.value.message == (
        f"{tmp_path / 'history.json'}: configurationItems[0] (i-0abc1234def567890): "
        f"tags are {shape}, not an object or a list of key/value pairs"
    )


def test_tags_as_key_value_pairs_in_either_spelling_keep_empty_values(tmp_path: Path) -> None:
    pairs = [{"Key": "env", "Value": "prod"}, {"key": "app", "value": ""}, {"Key": "x"}]
    (vm,) = imported(tmp_path, [history_item("OK", "2026-11-03T09:00:00Z", "m5", tags=pairs)])
    assert vm.tags == {"app": "", "env": "prod", "x": ""}


@pytest.mark.parametrize(
    ("configuration", "message"),
    [
        (
            {"allocatedStorage": "PLANTEDSECRET"},
            "configuration: attribute size_bytes (allocatedStorage) cannot be read from a value "
            "of type str",
        ),
        (
            {"engine": 99887766},
            "configuration: attribute engine (lower(engine): lower() takes string or null, "
            "not number)",
        ),
        (
            {"allocatedStorage": -5},
            "(i-0abc1234def567890): attributes.size_bytes must be a whole number",
        ),
    ],
)
def test_a_value_that_cannot_be_read_is_named_by_attribute_never_shown(
    tmp_path: Path, configuration: dict[str, Any], message: str
) -> None:
    item = history_item("OK", "2026-11-03T09:00:00Z", "x")
    item.update(resourceType="AWS::RDS::DBInstance", configuration=json.dumps(configuration))
    with pytest.raises(InputError) as caught:
        imported(tmp_path, [item])
    assert message in caught.value.message
    assert "PLANTEDSECRET" not in caught.value.message
    assert "99887766" not in caught.value.message


def test_a_read_replica_names_its_source_and_who_holds_the_licence(tmp_path: Path) -> None:
    # Config states no relation for a replica: its source is what E-REPLICA needs, and
    # the licence model what E-LICENCE does.
    item = history_item("OK", "2026-11-03T09:00:00Z", "x")
    configuration = {
        "engine": "oracle-se2",
        "readReplicaSourceDBInstanceIdentifier": "orders",
        "licenseModel": "bring-your-own-license",
    }
    item.update(resourceType="AWS::RDS::DBInstance", configuration=json.dumps(configuration))
    (replica,) = imported(tmp_path, [item])
    assert replica.attributes["read_replica_source"] == "orders"
    assert replica.attributes["license_model"] == "bring-your-own-license"
