"""Relations that an AWS Terraform state states, through `exitplan import`: attributes that
name another resource (`subnet_id`, `cluster_identifier`) and the parts that join two
(`aws_volume_attachment`), each target named by the id its own record gets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from exitplan.cli import app
from tests.test_import_aws_state import AWS, FIXTURE, A, arn, ec2, state, write


def _imported(tmp_path: Path, path: Path) -> dict[str, dict[str, Any]]:
    out = tmp_path / "inventory.json"
    result = CliRunner().invoke(app, ["import", str(path), "--out", str(out)])
    assert result.exit_code == 0, (result.output, result.exception)
    inventory = json.loads(out.read_text())
    return {r["attributes"]["terraform_address"]: r for r in inventory["resources"]}


def _instances(kind: str, name: str, *attributes: dict[str, Any]) -> dict[str, Any]:
    return {
        "mode": "managed",
        "type": kind,
        "name": name,
        "provider": AWS,
        "instances": [
            {"index_key": n, "schema_version": 0, "attributes": a} for n, a in enumerate(attributes)
        ]
        if len(attributes) > 1
        else [{"schema_version": 0, "attributes": attributes[0]}],
    }


def test_the_typical_state_relates_what_its_attributes_name(tmp_path: Path) -> None:
    found = _imported(tmp_path, FIXTURE)
    vpc = ec2("vpc", "vpc-0a1b2c3d4e5f60718")
    relations = {address: r.get("relations") for address, r in found.items()}
    assert relations["module.vpc.aws_subnet.private[0]"] == {"member_of": [vpc]}
    assert relations["aws_security_group.web"] == {"member_of": [vpc]}
    assert relations["module.vpc.aws_nat_gateway.this[0]"] == {
        "uses": [ec2("subnet", "subnet-0public0")]
    }
    assert relations['module.eks.aws_eks_node_group.this["default"]'] == {
        "member_of": [found["module.eks.aws_eks_cluster.this[0]"]["id"]]
    }
    assert relations["aws_rds_cluster_instance.aurora[0]"] == {
        "member_of": [arn("rds", "cluster:acme-reporting")]
    }
    assert relations["aws_ecs_service.api"] == {"member_of": [arn("ecs", "cluster/acme")]}
    # The target group uses the instance its attachment (a part) registers, and the
    # elastic IP is attached to the instance its association names.
    group = found["aws_lb_target_group.web"]
    bastion = ec2("instance", "i-0bastion")
    assert group["relations"] == {"uses": [bastion]}
    assert relations["module.vpc.aws_eip.nat[0]"] == {"attached_to": [bastion]}
    assert found["aws_instance.bastion"]["id"] == bastion
    # A VPC names nothing: written as before, without the field.
    assert "relations" not in found["module.vpc.aws_vpc.this[0]"]


def test_attachments_replicas_and_what_names_a_target_by_its_arn(tmp_path: Path) -> None:
    instance = {
        "id": "i-0123456789abcdef0",
        "arn": ec2("instance", "i-0123456789abcdef0"),
        "subnet_id": "subnet-0a",
        "instance_type": "m6i.large",
    }
    # The subnet is another account's (shared with this one): the state's ARN names it.
    shared = "arn:aws:ec2:eu-west-1:444455556666:subnet/subnet-0a"
    content = state(
        _instances("aws_instance", "app", instance),
        _instances("aws_subnet", "shared", {"id": "subnet-0a", "arn": shared}),
        _instances(
            "aws_ebs_volume",
            "data",
            {"id": "vol-0a", "arn": ec2("volume", "vol-0a"), "size": 100},
            {"id": "vol-0b", "arn": ec2("volume", "vol-0b"), "size": 10},
        ),
        _instances(
            "aws_volume_attachment",
            "data",
            {
                "id": "vai-1",
                "device_name": "/dev/sdf",
                "instance_id": instance["id"],
                "volume_id": "vol-0a",
            },
            # The volume it names is not in this state: there is nothing to hold it.
            {
                "id": "vai-2",
                "device_name": "/dev/sdg",
                "instance_id": instance["id"],
                "volume_id": "vol-0gone",
            },
        ),
        _instances(
            "aws_db_instance",
            "replicas",
            {
                "identifier": "orders",
                "arn": arn("rds", "db:orders"),
                "engine": "postgres",
                "replicate_source_db": "",
            },
            {
                "identifier": "orders-ro",
                "arn": arn("rds", "db:orders-ro"),
                "engine": "postgres",
                "replicate_source_db": "orders",
            },
            {
                "identifier": "orders-dr",
                "arn": arn("rds", "db:orders-dr", "eu-central-1"),
                "engine": "postgres",
                "replicate_source_db": arn("rds", "db:orders"),
            },
        ),
        _instances(
            "aws_lb_target_group",
            "ips",
            {
                "arn": arn("elasticloadbalancing", "targetgroup/ips/0a"),
                "target_type": "ip",
                "load_balancer_arns": [],
            },
        ),
        _instances(
            "aws_lb_target_group_attachment",
            "ip",
            {
                "target_group_arn": arn("elasticloadbalancing", "targetgroup/ips/0a"),
                "target_id": "10.0.1.15",
                "port": 80,
            },
        ),
    )
    found = _imported(tmp_path, write(tmp_path, content))
    assert found["aws_instance.app"]["relations"] == {"member_of": [shared]}
    assert found["aws_ebs_volume.data[0]"]["relations"] == {"attached_to": [instance["arn"]]}
    assert "relations" not in found["aws_ebs_volume.data[1]"]
    assert "relations" not in found["aws_db_instance.replicas[0]"]
    assert found["aws_db_instance.replicas[1]"]["relations"] == {
        "replica_of": [arn("rds", "db:orders")]
    }
    assert found["aws_db_instance.replicas[2]"]["relations"] == {
        "replica_of": [arn("rds", "db:orders")]
    }
    # An IP address is no resource: the group of type ip states no relation.
    assert "relations" not in found["aws_lb_target_group.ips"]


def test_a_target_outside_the_state_is_built_in_the_holders_account_and_region(
    tmp_path: Path,
) -> None:
    content = state(
        _instances(
            "aws_rds_cluster_instance",
            "aurora",
            {
                "identifier": "ledger-1",
                "arn": arn("rds", "db:ledger-1", "eu-central-1"),
                "cluster_identifier": "ledger",
                "engine": "aurora-postgresql",
            },
        ),
        _instances(
            "aws_eks_node_group",
            "workers",
            {
                "arn": arn("eks", "nodegroup/apps/workers/0a"),
                "cluster_name": "apps",
                "node_group_name": "workers",
            },
        ),
    )
    found = _imported(tmp_path, write(tmp_path, content))
    assert found["aws_rds_cluster_instance.aurora"]["relations"] == {
        "member_of": [f"arn:aws:rds:eu-central-1:{A}:cluster:ledger"]
    }
    assert found["aws_eks_node_group.workers"]["relations"] == {
        "member_of": [arn("eks", "cluster/apps")]
    }


def test_a_balancer_uses_the_groups_its_listeners_and_groups_name(tmp_path: Path) -> None:
    balancer = arn("elasticloadbalancing", "loadbalancer/app/shop/50dc6c495c0c9188")
    web = arn("elasticloadbalancing", "targetgroup/web/73e2d6bc24d8a067")
    api = arn("elasticloadbalancing", "targetgroup/api/83e2d6bc24d8a068")
    canary = arn("elasticloadbalancing", "targetgroup/canary/93e2d6bc24d8a069")
    forward = {"target_group": [{"arn": api, "weight": 90}, {"arn": canary, "weight": 10}]}
    content = state(
        _instances("aws_lb", "shop", {"id": balancer, "arn": balancer, "name": "shop"}),
        _instances(
            "aws_lb_target_group",
            "web",
            {
                "id": web,
                "arn": web,
                "name": "web",
                "target_type": "instance",
                "load_balancer_arns": [balancer],
            },
        ),
        _instances(
            "aws_lb_listener",
            "weighted",
            {
                "arn": f"{balancer}/f2f7",
                "load_balancer_arn": balancer,
                "port": 443,
                "default_action": [
                    {"type": "forward", "target_group_arn": "", "forward": [forward]}
                ],
            },
        ),
    )
    found = _imported(tmp_path, write(tmp_path, content))
    assert found["aws_lb.shop"]["relations"] == {"uses": sorted([web, api, canary])}


def test_a_relation_never_shows_a_value_the_state_marks_sensitive(tmp_path: Path) -> None:
    secret = "0planted"
    attributes = {
        "id": "i-0123456789abcdef0",
        "arn": ec2("instance", "i-0123456789abcdef0"),
        "subnet_id": f"subnet-{secret}",
        "secret_note": secret,
    }
    content = state(_instances("aws_instance", "app", attributes))
    content["resources"][0]["instances"][0]["sensitive_attributes"] = [
        [{"type": "get_attr", "value": "secret_note"}]
    ]
    found = _imported(tmp_path, write(tmp_path, content))
    assert "relations" not in found["aws_instance.app"]
    assert secret not in json.dumps(found)


def test_an_identifier_two_regions_share_names_the_one_in_the_holders_region(
    tmp_path: Path,
) -> None:
    def db(identifier: str, region: str, source: str = "") -> dict[str, Any]:
        return {"identifier": identifier, "arn": arn("rds", f"db:{identifier}", region),
                "engine": "postgres", "replicate_source_db": source}  # fmt: skip

    content = state(
        _instances("aws_db_instance", "ireland", db("orders", "eu-west-1")),
        _instances("aws_db_instance", "frankfurt", db("orders", "eu-central-1")),
        _instances("aws_db_instance", "replica", db("orders-ro", "eu-central-1", "orders")),
    )
    found = _imported(tmp_path, write(tmp_path, content))
    assert found["aws_db_instance.replica"]["relations"] == {
        "replica_of": [arn("rds", "db:orders", "eu-central-1")]
    }
