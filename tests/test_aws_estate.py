"""Every supported AWS type, seeded in 2 regions of 2 Organization accounts, is found
exactly: the same ids, regions, names, tags and key attributes, no more and no fewer."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import boto3
import pytest
from botocore import xform_name
from typer.testing import CliRunner

from connectors.aws import AwsConnector, AwsOptions
from connectors.aws.permissions import (
    CREDENTIAL_CALLS,
    READ_ONLY_PREFIXES,
    action,
    api_operation,
    calls,
    policy,
    walk,
)
from connectors.aws.types import SPECS
from connectors.interface import scan
from exitplan.catalogue import Entry, load_catalogue
from exitplan.cli import app
from exitplan.inventory import dump_inventory
from exitplan.model import Resource
from tests.aws_estate import (
    NOT_SEEDABLE,
    TYPES,
    Expected,
    organization,
    planted_secrets,
    seed_account,
)
from tests.aws_faults import Recorder

REGIONS = ["eu-west-1", "eu-central-1"]


def test_the_estate_covers_every_type_of_the_table() -> None:
    assert NOT_SEEDABLE == {}
    assert set(TYPES) == {spec.type for spec in walk(SPECS)}
    assert len(TYPES) >= 40


def _assert_found_as_seeded(
    found: dict[str, Resource], expected: dict[str, tuple[str, Expected]]
) -> None:
    for resource_id, (account, want) in expected.items():
        got = found[resource_id]
        assert (got.type, got.account, got.region, got.name) == (
            want.type,
            account,
            want.region,
            want.name,
        ), resource_id
        assert got.tags == want.tags, resource_id
        for name, value in want.attributes.items():
            assert got.attributes.get(name) == value, (resource_id, name, got.attributes)


def _assert_every_call_is_a_granted_read(recorder: Recorder) -> None:
    """Every call of the table ran at least once, each is a read, and the policy grants it."""
    called = recorder.operations()
    table = {(service, api_operation(service, op)) for service, op in calls(SPECS)}
    assert table - called == set()
    granted = set(json.loads(policy(org=True))["Statement"][0]["Action"])
    for service, operation in sorted(called):
        assert operation.startswith(READ_ONLY_PREFIXES) or operation in CREDENTIAL_CALLS, operation
        if operation in CREDENTIAL_CALLS or service == "organizations":
            continue
        assert action(service, xform_name(operation)) in granted, (service, operation)


@pytest.mark.slow
def test_every_type_is_found_exactly_in_two_regions_of_two_accounts(
    aws: None, tmp_path: Path
) -> None:
    member, member_session = organization()
    root = str(boto3.client("sts").get_caller_identity()["Account"])
    expected: dict[str, tuple[str, Expected]] = {}
    for account, session, label in (
        (root, boto3.Session(), "mgmt"),
        (member, member_session, "member"),
    ):
        for item in seed_account(session, account, REGIONS, label):
            assert item.id not in expected, item.id
            expected[item.id] = (account, item)

    recorder = Recorder()
    connector = AwsConnector(AwsOptions(org=True, regions=tuple(REGIONS), client_hook=recorder))
    inventory = scan(connector, connector.discover())

    assert inventory.gaps == []
    found: dict[str, Resource] = {r.id: r for r in inventory.resources}
    assert len(found) == len(inventory.resources), "an id was listed twice"
    assert Counter(r.type for r in found.values()) == Counter(e.type for _, e in expected.values())
    assert sorted(found) == sorted(expected)
    _assert_found_as_seeded(found, expected)
    for spec_type in TYPES:
        for account in (root, member):
            regions = {
                r.region for r in found.values() if (r.type, r.account) == (spec_type, account)
            }
            assert regions, (spec_type, account)
    _assert_every_call_is_a_granted_read(recorder)

    text = inventory.model_dump_json()
    for label in ("mgmt", "member"):
        for secret in planted_secrets(label):
            assert secret not in text

    # The scanned inventory plans like any other; types without a category or structural
    # entry are counted.
    saved = tmp_path / "inventory-aws.json"
    saved.write_text(dump_inventory(inventory))
    planned = CliRunner().invoke(app, ["plan", str(saved), "-o", str(tmp_path / "plan"), "--json"])
    assert planned.exit_code == 0, planned.output
    summary = json.loads(planned.stdout)
    catalogue = load_catalogue()
    entries: list[Entry] = [*catalogue.categories.values(), *catalogue.structural.values()]
    mapped = {n.type for entry in entries for n in entry.native_types}
    unmapped = [r for r in inventory.resources if r.type not in mapped]
    assert (summary["resources"], summary["unmapped"]) == (len(found), len(unmapped))
    assert summary["unmapped_types"] == len({r.type for r in unmapped})
    assert summary["data_bytes"] > 0
