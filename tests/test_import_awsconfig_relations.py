"""Relations from AWS Config's `relationships`, in the snapshot's spelling (`name`) and the
API's (`relationshipName`): each target is the ARN the importer gives that resource."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from connectors.importers.run import import_files
from exitplan.errors import InputError
from exitplan.model import Resource

ACCOUNT = "111122223333"
REGION = "eu-west-1"
INSTANCE = "i-0a1b2c3d4e5f60718"
VOLUME = "vol-0f9e8d7c6b5a43210"
SUBNET = "subnet-0123456789abcdef0"
VPC = "vpc-0fedcba9876543210"
ENI = "eni-0aa11bb22cc33dd44"


def _arn(kind: str, short: str) -> str:
    return f"arn:aws:ec2:{REGION}:{ACCOUNT}:{kind}/{short}"


def _item(
    kind: str, rid: str, relationships: list[dict[str, Any]], arn: str | None = None
) -> dict[str, Any]:
    """A configuration item as Config delivers it to S3, with what relationships it lists."""
    item: dict[str, Any] = {
        "relatedEvents": [],
        "relationships": relationships,
        "configuration": {},
        "supplementaryConfiguration": {},
        "tags": {},
        "configurationItemVersion": "1.3",
        "configurationItemCaptureTime": "2026-11-20T04:12:31.518Z",
        "configurationStateId": 1763611951518,
        "awsAccountId": ACCOUNT,
        "configurationItemStatus": "OK",
        "resourceType": kind,
        "resourceId": rid,
        "awsRegion": REGION,
        "availabilityZone": "Not Applicable",
    }
    if arn is not None:
        item["ARN"] = arn
    return item


def _related(kind: str, rid: str | None, name: str, *, key: str = "name") -> dict[str, Any]:
    found: dict[str, Any] = {"resourceType": kind, "resourceName": None, key: name}
    if rid is not None:
        found["resourceId"] = rid
    return found


def _imported(tmp_path: Path, items: list[dict[str, Any]]) -> dict[str, Resource]:
    path = tmp_path / "snapshot.json"
    path.write_text(json.dumps({"fileVersion": "1.0", "configurationItems": items}))
    return {r.id: r for r in import_files([path]).resources}


def test_relationships_become_relations_to_the_targets_arns(tmp_path: Path) -> None:
    items = [
        _item(
            "AWS::EC2::Instance",
            INSTANCE,
            [
                _related("AWS::EC2::Subnet", SUBNET, "Is contained in Subnet"),
                _related("AWS::EC2::VPC", VPC, "Is contained in Vpc"),
                # The other way round: the volume says it, and the instance is no volume's.
                _related("AWS::EC2::Volume", VOLUME, "Is attached to Volume"),
                _related(
                    "AWS::EC2::SecurityGroup",
                    "sg-0123456789abcdef0",
                    "Is associated with SecurityGroup",
                ),
            ],
            _arn("instance", INSTANCE),
        ),
        _item(
            "AWS::EC2::Volume",
            VOLUME,
            [_related("AWS::EC2::Instance", INSTANCE, "Is attached to Instance")],
            _arn("volume", VOLUME),
        ),
        _item(
            "AWS::EC2::NatGateway",
            "nat-0123456789abcdef0",
            [
                _related("AWS::EC2::Subnet", SUBNET, "Is contained in Subnet"),
                _related("AWS::EC2::VPC", VPC, "Is contained in Vpc"),
            ],
            _arn("natgateway", "nat-0123456789abcdef0"),
        ),
        _item(
            "AWS::EC2::EIP",
            "eipalloc-0123456789abcdef0",
            [_related("AWS::EC2::NetworkInterface", ENI, "Is attached to NetworkInterface")],
            _arn("elastic-ip", "eipalloc-0123456789abcdef0"),
        ),
        # Config's ARN of an interface is the file's to give: no ARN format is known for it.
        _item("AWS::EC2::NetworkInterface", ENI, [], _arn("network-interface", ENI)),
        # A role named by its name only: no id to build.
        _item(
            "AWS::Lambda::Function",
            "shop-fn",
            [_related("AWS::IAM::Role", None, "Is associated with Role")],
            f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:shop-fn",
        ),
    ]
    found = _imported(tmp_path, items)
    # Neither the subnet nor the VPC is in the file: their ARNs are built, and kept.
    assert found[_arn("instance", INSTANCE)].relations == {
        "member_of": [_arn("subnet", SUBNET), _arn("vpc", VPC)]
    }
    assert found[_arn("volume", VOLUME)].relations == {"attached_to": [_arn("instance", INSTANCE)]}
    assert found[_arn("natgateway", "nat-0123456789abcdef0")].relations == {
        "member_of": [_arn("vpc", VPC)],
        "uses": [_arn("subnet", SUBNET)],
    }
    assert found[_arn("elastic-ip", "eipalloc-0123456789abcdef0")].relations == {
        "attached_to": [_arn("network-interface", ENI)]
    }
    assert found[f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:shop-fn"].relations is None
    assert found[_arn("network-interface", ENI)].relations is None


def test_the_api_spelling_and_a_target_the_file_names_by_another_arn(tmp_path: Path) -> None:
    """The API's `relationshipName`; the target's ARN as the file states it wins over one
    built, as the target's own record is built from it."""
    subnet_arn = f"arn:aws:ec2:{REGION}:444455556666:subnet/{SUBNET}"  # shared by another
    items = [
        _item(
            "AWS::EC2::Instance",
            INSTANCE,
            [
                _related(
                    "AWS::EC2::Subnet", SUBNET, "is contained in Subnet", key="relationshipName"
                )
            ],
            _arn("instance", INSTANCE),
        ),
        _item("AWS::EC2::Subnet", SUBNET, [], subnet_arn),
    ]
    found = _imported(tmp_path, items)
    assert found[_arn("instance", INSTANCE)].relations == {"member_of": [subnet_arn]}


def test_relationships_of_another_shape_name_the_item(tmp_path: Path) -> None:
    item = _item("AWS::EC2::Volume", VOLUME, [], _arn("volume", VOLUME))
    item["relationships"] = ["Is attached to Instance"]
    path = tmp_path / "snapshot.json"
    path.write_text(json.dumps({"configurationItems": [item]}))
    with pytest.raises(InputError) as caught:
        import_files([path])
    assert caught.value.message == (
        f"{path}: configurationItems[0] ({VOLUME}): relationships are not a list of objects"
    )
