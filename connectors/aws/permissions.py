"""The IAM policy a scan needs, derived from the service table it runs.

Action names come from botocore's own service models (the API names the calls send), so
the policy lists exactly what the engine calls; the few places where IAM names an action
differently from the API are listed here, with the reason."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence

import botocore.session
from botocore import xform_name

from .augment import actions as augment_actions
from .types import SPECS, Batch, Detail, Spec

# IAM prefixes that differ from the service's signing name.
_PREFIX = {"monitoring": "cloudwatch"}
# IAM actions that differ from the API operation's name.
_ACTION = {
    "s3:ListBuckets": "s3:ListAllMyBuckets",
}
# API Gateway authorises by HTTP method on resource paths, not by operation name.
_BY_METHOD = {"apigateway"}

# Calls made before any service is read.
DISCOVERY = ("ec2:DescribeRegions",)
ORGANIZATION = ("organizations:ListAccounts",)
READ_ONLY_PREFIXES = ("List", "Describe", "Get", "Search", "Lookup")
# Not reads, but how a scan obtains the credentials it reads with.
CREDENTIAL_CALLS = ("AssumeRole", "GetCallerIdentity")


@functools.cache
def _model_names(service: str) -> tuple[str, dict[str, str]]:
    model = botocore.session.get_session().get_service_model(service)
    return model.signing_name, {xform_name(op): op for op in model.operation_names}


def action(service: str, operation: str) -> str:
    """The IAM action of a boto3 call, e.g. ("rds", "describe_db_instances") ->
    "rds:DescribeDBInstances"."""
    signing, names = _model_names(service)
    prefix = _PREFIX.get(signing, signing)
    if prefix in _BY_METHOD:
        return f"{prefix}:GET"
    name = f"{prefix}:{names[operation]}"
    return _ACTION.get(name, name)


def api_operation(service: str, operation: str) -> str:
    return _model_names(service)[1][operation]


def walk(specs: Iterable[Spec]) -> Iterable[Spec]:
    for spec in specs:
        yield spec
        yield from walk(spec.children)


def calls(specs: Sequence[Spec]) -> list[tuple[str, str]]:
    """Every (service, operation) the engine may call for these specs."""
    found: set[tuple[str, str]] = set()
    for spec in walk(specs):
        found.add((spec.service, spec.operation))
        for step in spec.details:
            assert isinstance(step, (Batch, Detail))
            found.add((spec.service, step.operation))
    return sorted(found)


def actions(specs: Sequence[Spec] = SPECS) -> list[str]:
    found = {action(service, op) for service, op in calls(specs)}
    found |= set(augment_actions([s.augment for s in walk(specs)]))
    found |= set(DISCOVERY)
    return sorted(found)


def policy(specs: Sequence[Spec] = SPECS, org: bool = False, role_name: str | None = None) -> str:
    statements: list[dict[str, object]] = [
        {
            "Sid": "ExitplanInventoryReadOnly",
            "Effect": "Allow",
            "Action": actions(specs),
            "Resource": "*",
        }
    ]
    if org:
        statements.append(
            {
                "Sid": "ExitplanListOrganizationAccounts",
                "Effect": "Allow",
                "Action": list(ORGANIZATION),
                "Resource": "*",
            }
        )
    if org or role_name:
        statements.append(
            {
                "Sid": "ExitplanAssumeMemberRole",
                "Effect": "Allow",
                "Action": ["sts:AssumeRole"],
                "Resource": f"arn:aws:iam::*:role/{role_name or 'OrganizationAccountAccessRole'}",
            }
        )
    return json.dumps({"Version": "2012-10-17", "Statement": statements}, indent=2) + "\n"
