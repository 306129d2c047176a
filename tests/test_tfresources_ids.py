"""Ids, names and regions of imported Terraform instances, exactly as the live connectors
give them, from attributes shaped as the providers record them (Google's: in
test_tfresources_google)."""

from __future__ import annotations

from typing import Any

import pytest

from connectors.importers.terraform import Instance
from connectors.importers.tfresources import convert_all
from exitplan.errors import InputError

P = "acme-prod"
AWS_CONFIG = 'provider["registry.terraform.io/hashicorp/aws"]'


def instance(kind: str, attributes: dict[str, Any], name: str = "x", **kw: Any) -> Instance:
    provider = kw.pop("provider", kind.split("_", 1)[0])
    config = kw.pop("config", f'provider["registry.terraform.io/hashicorp/{provider}"]')
    return Instance(f"{kind}.{name}", kind, provider, attributes, config=config, **kw)


def aws_estate() -> list[Instance]:
    account = "111122223333"
    return [
        instance(
            "aws_instance",
            {
                "id": "i-0abc",
                "arn": f"arn:aws:ec2:eu-west-1:{account}:instance/i-0abc",
                "tags": {"Name": "web"},
                "tags_all": {"Name": "web", "CostCentre": "42"},
            },
        ),
        instance(
            "aws_iam_role",
            {"id": "deployer", "arn": f"arn:aws:iam::{account}:role/deployer", "name": "deployer"},
        ),
        instance(
            "aws_cloudfront_distribution",
            {"id": "E2QWRUHEXAMPLE", "arn": f"arn:aws:cloudfront::{account}:distribution/E2QWR"},
        ),
        instance(
            "aws_route53_zone",
            {
                "id": "Z1D633PJN98FT9",
                "arn": "arn:aws:route53:::hostedzone/Z1D633PJN98FT9",
                "name": "acme.example",
            },
        ),
        # No arn attribute: the id is built as the AWS connector builds it.
        instance("aws_nat_gateway", {"id": "nat-0a1b2c", "tags": {}}),
        # The service's id is its ARN.
        instance(
            "aws_ecs_service",
            {
                "id": f"arn:aws:ecs:eu-west-1:{account}:service/main/api",
                "name": "api",
                "cluster": f"arn:aws:ecs:eu-west-1:{account}:cluster/main",
            },
        ),
        # Companions of a table type, with the same id as the bucket: counted only.
        instance(
            "aws_s3_bucket",
            {
                "id": "acme-logs",
                "arn": "arn:aws:s3:::acme-logs",
                "bucket": "acme-logs",
                "region": "eu-central-1",
            },
        ),
        instance("aws_s3_bucket_policy", {"id": "acme-logs", "bucket": "acme-logs"}),
        instance("aws_s3_bucket_versioning", {"id": "acme-logs", "bucket": "acme-logs"}),
        instance("random_password", {"id": "none", "length": 20}),
    ]


def test_aws_ids_names_and_regions_as_the_aws_connector_gives_them() -> None:
    converted = convert_all(aws_estate(), "s.tfstate")
    got = {r.type: (r.id, r.name, r.region, r.account) for r in converted.resources}
    account = "111122223333"
    assert got == {
        "AWS::EC2::Instance": (
            f"arn:aws:ec2:eu-west-1:{account}:instance/i-0abc",
            "web",
            "eu-west-1",
            account,
        ),
        "AWS::IAM::Role": (f"arn:aws:iam::{account}:role/deployer", "deployer", "global", account),
        "AWS::CloudFront::Distribution": (
            f"arn:aws:cloudfront::{account}:distribution/E2QWR",
            "E2QWRUHEXAMPLE",
            "global",
            account,
        ),
        "AWS::Route53::HostedZone": (
            "arn:aws:route53:::hostedzone/Z1D633PJN98FT9",
            "acme.example.",
            "global",
            account,
        ),
        "AWS::EC2::NatGateway": (
            f"arn:aws:ec2:eu-west-1:{account}:natgateway/nat-0a1b2c",
            "nat-0a1b2c",
            "eu-west-1",
            account,
        ),
        "AWS::ECS::Service": (
            f"arn:aws:ecs:eu-west-1:{account}:service/main/api",
            "api",
            "eu-west-1",
            account,
        ),
        "AWS::S3::Bucket": ("arn:aws:s3:::acme-logs", "acme-logs", "eu-central-1", account),
    }
    web = next(r for r in converted.resources if r.type == "AWS::EC2::Instance")
    # tags_all: the provider's default tags too, as a scan sees them.
    assert web.tags == {"CostCentre": "42", "Name": "web"}
    assert converted.unmapped == {"aws_s3_bucket_policy": 1, "aws_s3_bucket_versioning": 1}
    assert converted.other_providers == {("random", "random_password"): 1}
    assert converted.repeated == [] and converted.without_account == 0


def test_a_repeated_id_keeps_the_first_and_names_both() -> None:
    arn = "arn:aws:iam::111122223333:role/deployer"
    found = convert_all(
        [
            instance("aws_iam_role", {"arn": arn, "name": "deployer"}, name="a"),
            instance("aws_iam_role", {"arn": arn, "name": "deployer"}, name="b"),
        ],
        "s.tfstate",
    )
    assert [r.attributes["terraform_address"] for r in found.resources] == ["aws_iam_role.a"]
    assert found.repeated == [(arn, ("aws_iam_role.a", "aws_iam_role.b"))]


@pytest.mark.parametrize(
    ("kind", "attributes"),
    [
        ("aws_instance", {"instance_type": "m5.large"}),
        ("azurerm_linux_virtual_machine", {"name": "vm", "location": "westeurope"}),
        ("google_compute_instance", {"project": P, "zone": "europe-west4-a"}),
    ],
)
def test_an_instance_that_cannot_be_named_is_refused(kind: str, attributes: Any) -> None:
    with pytest.raises(InputError) as raised:
        convert_all([instance(kind, attributes, name="nameless")], "envs/prod.tfstate")
    assert "envs/prod.tfstate" in str(raised.value)
    assert f"{kind}.nameless" in str(raised.value)


def test_an_unreadable_value_is_named_by_its_type_not_shown() -> None:
    planted = "PLANTED-not-a-number"
    bad = instance(
        "aws_ebs_volume",
        {"arn": "arn:aws:ec2:eu-west-1:111122223333:volume/vol-1", "size": planted},
    )
    with pytest.raises(InputError) as raised:
        convert_all([bad], "s.tfstate")
    message = str(raised.value)
    assert planted not in message
    assert "size_bytes" in message and "str" in message and "aws_ebs_volume.x" in message
