"""Terraform resource types that are parts or settings of another resource, as data.

A bucket policy, a rule of a security group or an IAM binding is managed as its own
Terraform resource, but a scan sees it inside the resource it belongs to; several carry
that resource's id. They are counted and left out of an import, never imported as
resources of their own (they would duplicate, or replace, the resource they belong to).
A type neither here nor in the type table is a gap: exitplan does not know what it is."""

from __future__ import annotations

from .tftypes_aws import AWS_PARTS
from .tftypes_azure import AZURE_PARTS
from .tftypes_google import GOOGLE_PARTS

# Suffixes that name a link, whatever the provider, and Google's grants on a resource
# (aws_iam_policy, a managed policy, is a resource of its own).
SUFFIXES = ("_association", "_attachment")
GOOGLE_GRANTS = ("_iam_member", "_iam_binding", "_iam_policy", "_iam_audit_config")

PARTS = AWS_PARTS | AZURE_PARTS | GOOGLE_PARTS


def is_part(kind: str) -> bool:
    return (
        kind in PARTS
        or kind.endswith(SUFFIXES)
        or (kind.startswith("google_") and kind.endswith(GOOGLE_GRANTS))
    )
