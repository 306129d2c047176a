"""Where an AWS instance of a Terraform state is, and its ARN, as the AWS connector would
name and place it.

The ARN is the state's own (`arn`, or an `id` that is one). Where the state holds none
(an instance left tainted by a failed create, an older provider that did not record it),
it is built from the type table's template with the account, region and partition of the
instance's provider configuration; where even that cannot be done, the instance cannot be
named and the caller makes it a gap: never a bare name where an ARN belongs.

An ARN that names no account (S3 buckets before the resource identity, Route 53 zones)
takes the account every other resource of the same provider configuration names, and the
resource says so (`terraform_account_from`); where they name none, or several, the account
is left empty for the caller to record as unknown. Another configuration is never asked:
an alias may well hold another account's credentials."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from connectors.paths import search

from .terraform import Instance
from .tfspec import TfType, filled

# Services whose ARNs name no region and that the AWS connector reads once per account.
_GLOBAL_SERVICES = {"iam", "cloudfront", "route53", "organizations", "waf", "globalaccelerator"}
_CONTEXT = re.compile(r"\$(account|region|partition)")
# An account id; `aws` (AWS managed policies) and empty fields are not one.
_ACCOUNT = re.compile(r"^\d{12}$")


@dataclass(frozen=True)
class Configuration:
    """What the ARNs of one provider configuration's resources say."""

    accounts: frozenset[str] = frozenset()
    region: str = ""  # the one most of them name
    partition: str = ""


@dataclass(frozen=True)
class Places:
    by_config: dict[str, Configuration] = field(default_factory=dict)

    def of(self, config: str) -> Configuration:
        return self.by_config.get(config, Configuration())


@dataclass(frozen=True)
class Placed:
    account: str  # empty: unknown
    region: str
    arn: str
    # The provider configuration whose other resources gave the account, if they did.
    account_from: str | None = None


def places(instances: Iterable[Instance]) -> Places:
    """Per provider configuration, the accounts, region and partition its ARNs name."""
    counts: dict[str, tuple[set[str], Counter[str], Counter[str]]] = {}
    for instance in instances:
        if instance.provider != "aws":
            continue
        found = _parts(state_arn(instance.attributes))
        if found is None:
            continue
        partition, _, region, account = found
        accounts, regions, partitions = counts.setdefault(
            instance.config, (set(), Counter(), Counter())
        )
        partitions[partition] += 1
        if _ACCOUNT.match(account):
            accounts.add(account)
        if region:
            regions[region] += 1
    return Places(
        {
            config: Configuration(frozenset(accounts), _most(regions), _most(partitions))
            for config, (accounts, regions, partitions) in counts.items()
        }
    )


def placed(instance: Instance, spec: TfType, known: Places) -> Placed | None:
    """The instance's account, region and ARN; None when no ARN can be had."""
    attrs = instance.attributes
    config = known.of(instance.config)
    arn = state_arn(attrs) or _own_arn(spec, attrs)
    _, service, region, account = _parts(arn) or ("", "", "", "")
    identity = instance.identity
    account = account or identity.get("account_id") or ""
    account_from = None
    if not account and len(config.accounts) == 1:
        (account,) = config.accounts
        account_from = instance.config
    if spec.region is not None:
        region = str(search(spec.region, attrs) or "")
    elif not region and service in _GLOBAL_SERVICES:
        region = "global"
    region = region or str(attrs.get("region") or "") or identity.get("region") or config.region
    if arn is None:
        partition = config.partition or _partition(region)
        arn = _built(spec, attrs, {"account": account, "region": region, "partition": partition})
        if arn is None:
            return None
    return Placed(account, region, arn, account_from)


def state_arn(attrs: dict[str, Any]) -> str | None:
    """The resource's ARN as the state records it: `arn`, or an `id` that is one (ECS
    services, target groups)."""
    for key in ("arn", "id"):
        value = attrs.get(key)
        if isinstance(value, str) and _parts(value) is not None:
            return value
    return None


def _own_arn(spec: TfType, attrs: dict[str, Any]) -> str | None:
    """A template that only names fields (`{db_snapshot_arn}`): the ARN under another name."""
    if spec.id is None or _CONTEXT.search(spec.id):
        return None
    return filled(spec.id, attrs)


def _built(spec: TfType, attrs: dict[str, Any], context: dict[str, str]) -> str | None:
    if spec.id is None:
        return None
    # An empty account or region gives None: an ARN without them is no scan's ARN.
    return filled(spec.id, attrs, context)


def _parts(value: Any) -> tuple[str, str, str, str] | None:
    """(partition, service, region, account) of an ARN; region and account may be empty."""
    if not isinstance(value, str) or not value.startswith("arn:"):
        return None
    parts = value.split(":", 5)
    return (parts[1], parts[2], parts[3], parts[4]) if len(parts) == 6 else None


def _partition(region: str) -> str:
    if region.startswith("cn-"):
        return "aws-cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov"
    return "aws"


def _most(counter: Counter[str]) -> str:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if counter else ""
