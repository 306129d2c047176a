"""Credentials, accounts and regions: who we are, which accounts to read, and where."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import boto3
import botocore.session
from botocore.config import Config
from botocore.credentials import AssumeRoleCredentialFetcher, RefreshableCredentials
from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError, ProfileNotFound

from exitplan.errors import InputError
from exitplan.i18n import _

from .calls import Client, ClientHook, Clients, failure

# Where each partition's global services (IAM, Route 53, CloudFront, S3 listing) answer.
GLOBAL_REGION = {"aws": "us-east-1", "aws-cn": "cn-north-1", "aws-us-gov": "us-gov-west-1"}
ENABLED = ("opt-in-not-required", "opted-in")
_CARRIED_SETTINGS = ("ca_bundle", "use_fips_endpoint", "use_dualstack_endpoint")


@dataclass(frozen=True)
class Identity:
    account: str
    arn: str
    partition: str


def base_session(profile: str | None) -> boto3.Session:
    try:
        return boto3.Session(profile_name=profile)
    except ProfileNotFound as exc:
        raise InputError(
            _("AWS profile '{profile}' not found").format(profile=profile),
            _("list profiles with: aws configure list-profiles"),
        ) from exc


def whoami(clients: Clients, region: str) -> Identity:
    """The caller's account; GetCallerIdentity needs no permission, so failing here means
    the credentials themselves are missing or invalid."""
    try:
        found = clients("sts", region).get_caller_identity()
    except NoCredentialsError as exc:
        raise InputError(
            _("no AWS credentials found"),
            _("pass --profile, set AWS_PROFILE or AWS_ACCESS_KEY_ID, or run: aws sso login"),
        ) from exc
    except ClientError as exc:
        code, message = failure(exc) or ("", str(exc))
        raise InputError(
            _("AWS rejected the credentials: {code}: {message}").format(code=code, message=message),
            _("refresh them (aws sso login, or new access keys) and rerun"),
        ) from exc
    except BotoCoreError as exc:
        # An expired SSO token, a failing credential_process, no network: none is a bug.
        code, message = failure(exc) or (type(exc).__name__, str(exc))
        raise InputError(
            _("cannot reach AWS with these credentials: {code}: {message}").format(
                code=code, message=message
            ),
            _("check the network and the profile; for SSO run: aws sso login"),
        ) from exc
    arn = str(found["Arn"])
    return Identity(account=str(found["Account"]), arn=arn, partition=arn.split(":")[1])


def organization_accounts(clients: Clients, region: str) -> list[tuple[str, str]]:
    """Active member accounts (id, name) of the caller's Organization."""
    found: list[tuple[str, str]] = []
    try:
        paginator = clients("organizations", region).get_paginator("list_accounts")
        for page in paginator.paginate():
            for account in page["Accounts"]:
                # `State` replaces the deprecated `Status`; accept either.
                if account.get("State", account.get("Status")) == "ACTIVE":
                    found.append((str(account["Id"]), str(account.get("Name", ""))))
    except (ClientError, BotoCoreError) as exc:
        code, message = failure(exc) or (type(exc).__name__, str(exc))
        raise InputError(
            _("cannot list the Organization's accounts: {code}: {message}").format(
                code=code, message=message
            ),
            _(
                "run from the management account or a delegated administrator "
                "(organizations:ListAccounts), or name accounts with --accounts"
            ),
        ) from exc
    return sorted(found)


def assume(
    clients: Clients, region: str, role_arn: str, config: Config, hook: ClientHook | None
) -> Clients:
    """Clients for another account through sts:AssumeRole. The role is assumed now, so that
    a refusal is known before the scan; the credentials refresh themselves when they expire."""

    def sts_client(service: str, **_: Any) -> Client:
        return clients(service, region)

    fetcher = AssumeRoleCredentialFetcher(
        client_creator=sts_client,
        source_credentials=clients.credentials(),
        role_arn=role_arn,
        extra_args={"RoleSessionName": "exitplan-scan"},
    )
    first = fetcher.fetch_credentials()
    credentials = RefreshableCredentials.create_from_metadata(
        metadata=first, refresh_using=fetcher.fetch_credentials, method="assume-role"
    )
    core = botocore.session.Session()
    core._credentials = credentials  # botocore's way to give a session fixed credentials
    # Keep the profile's transport settings (a corporate CA bundle, FIPS endpoints).
    for name in _CARRIED_SETTINGS:
        value = clients.setting(name)
        if value is not None:
            core.set_config_variable(name, value)
    # Share the parsed service models: loading them again costs ~0.1 s per service and account.
    loader = clients.loader()
    core.register_component("data_loader", loader)
    session = boto3.Session(botocore_session=core)
    # boto3 appends its own data folder to the loader of every Session it wraps.
    loader.search_paths[:] = list(dict.fromkeys(loader.search_paths))
    return Clients(session, config, hook, clients.cancelled)


def regions(clients: Clients, *asked: str) -> dict[str, bool]:
    """Every region of the partition and whether this account has it enabled, asked in
    the first of `asked` that answers: the profile's region may be an opt-in region that
    another account has not enabled."""
    for region in asked[:-1]:
        try:
            answer = clients("ec2", region).describe_regions(AllRegions=True)
            break
        except (ClientError, BotoCoreError) as exc:
            if failure(exc) is None:
                raise
    else:
        answer = clients("ec2", asked[-1]).describe_regions(AllRegions=True)
    return {
        str(r["RegionName"]): r.get("OptInStatus", "opt-in-not-required") in ENABLED
        for r in answer["Regions"]
    }
