"""What the modules of the AWS type table share: ARN templates in the services' own
formats, and the EC2 conventions the AWS connector follows."""

from __future__ import annotations

from collections.abc import Mapping

from connectors.attributes import Attr

from .tfspec import TfType

# The EC2 convention the AWS connector follows: the Name tag (provider default tags
# included, as a scan sees them), else the resource's id.
EC2_NAME = "tags_all.Name || tags.Name || id"

# AWS types the AWS connector reads, or would read, once per account.
GLOBAL = "'global'"

VPC_ID = {"vpc_id": Attr("vpc_id")}

VPC = {"cidr_block": Attr("cidr_block")}

SUBNET = {
    "cidr_block": Attr("cidr_block"),
    "availability_zone": Attr("availability_zone"),
    "vpc_id": Attr("vpc_id"),
}


def arn(service: str, resource: str, *, region: bool = True, account: bool = True) -> str:
    """An ARN template in the service's format (the IAM Service Authorization Reference's,
    which the provider builds its ARNs from): `{path}` placeholders are the instance's
    fields, `$region` and `$account` its provider configuration's, where the format has
    them."""
    where = "$region" if region else ""
    who = "$account" if account else ""
    return f"arn:$partition:{service}:{where}:{who}:{resource}"


def ec2(
    native: str,
    kind: str,
    attributes: Mapping[str, Attr] | None = None,
    *,
    name: str = EC2_NAME,
    key: str = "id",
) -> TfType:
    """An EC2 resource: named by its Name tag, its ARN `ec2:region:account:kind/id`."""
    return TfType("aws", native, attributes or {}, name=name, id=arn("ec2", f"{kind}/{{{key}}}"))


def iam(native: str, kind: str, attributes: Mapping[str, Attr] | None = None) -> TfType:
    """An IAM resource: global, as the connector lists IAM once per account; its ARN holds
    its path (`/` by default)."""
    return TfType(
        "aws",
        native,
        attributes or {},
        id=arn("iam", f"{kind}{{path}}{{name}}", region=False),
        region=GLOBAL,
    )
