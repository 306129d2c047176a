"""Which Terraform types are parts of another resource, and the one rule that decides it
for every provider.

The rule: a Terraform type whose object the cloud's own inventory lists as a resource
(an AWS Config resource type, an Azure Resource Manager resource or child resource, a
Cloud Asset type) is imported with that native type, as a scan would see it, whether it is
structure or not: route tables, elastic IPs, subnets, network interfaces, IAM roles and
instance profiles, target groups, DB subnet groups, service accounts, the databases of a
server. What the cloud's inventory does not list as a resource of its own is a part of the
resource it configures: attachments and associations, a single rule inside a group or a
firewall (security group rules, NSG rules, database firewall rules), records inside a DNS
zone, versions of a secret, a bucket's settings, grants on a resource. Parts are counted
and left out of an import: several carry the id of the resource they belong to and would
duplicate, or replace, it; a link between two resources still gives the relation it
states to the resource that holds it (a Google attached disk, its disk's `attached_to`:
see `tfrelations_google`). A part whose object the inventory lists all the same (it is one
of those kinds) is named, with its reason, in its provider's module: `RECORDED_PARTS` (AWS
Config), `LISTED_PARTS` (Resource Manager, Cloud Asset). Only a type that is neither in
the type table nor a part is a gap: exitplan does not know what it is. What structure
costs in a plan is the catalogue's business, not the importer's."""

from __future__ import annotations

from .tftypes import TF_TYPES
from .tftypes_aws import AWS_PARTS
from .tftypes_azure import AZURE_PARTS, is_azure_part
from .tftypes_google import GOOGLE_PARTS

# Suffixes that name a link, whatever the provider, and Google's grants on a resource
# (aws_iam_policy, a managed policy, is a resource of its own).
SUFFIXES = ("_association", "_attachment")
GOOGLE_GRANTS = ("_iam_member", "_iam_binding", "_iam_policy", "_iam_audit_config")

PARTS = AWS_PARTS | AZURE_PARTS | GOOGLE_PARTS


def is_part(kind: str) -> bool:
    # A type of the table is a resource whatever its name ends with (Compute's interconnect
    # and service attachments).
    return kind not in TF_TYPES and (
        kind in PARTS
        or kind.endswith(SUFFIXES)
        or (kind.startswith("google_") and kind.endswith(GOOGLE_GRANTS))
        or is_azure_part(kind)
    )
