"""A fake connector feeds the pipeline through the same contract the real ones will use."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest

from connectors.interface import scan
from connectors.registry import load
from exitplan.catalogue import Catalogue
from exitplan.errors import InputError
from exitplan.inventory import dump_inventory, load_inventories
from exitplan.model import Gap, Resource, Scope
from exitplan.pipeline import make_plan
from exitplan.planning import PlanMeta
from exitplan.profile import Profile


class FakeConnector:
    name = "fake"
    source = "fake-api"

    def discover(self) -> list[Scope]:
        return [Scope(provider="aws", kind="account", id=i) for i in ("111", "222", "locked")]

    def collect(self, scopes: Sequence[Scope]) -> Iterable[Resource | Gap]:
        for scope in scopes:
            if scope.id == "locked":
                yield Gap(provider="aws", scope=scope.id, service="*", code="AccessDenied",
                          message="cannot assume role")  # fmt: skip
                continue
            yield Resource(
                provider="aws", account=scope.id, region="eu-west-1", type="AWS::S3::Bucket",
                id=f"arn:aws:s3:::bucket-{scope.id}", name=f"bucket-{scope.id}",
                attributes={"size_bytes": 10**9},
                tags={"app": "shop", "DbPassword": "PLANTED-in-a-tag"},
            )  # fmt: skip
            yield Gap(provider="aws", scope=scope.id, region="eu-south-2", service="ec2",
                      code="OptInRequired", message="region not enabled")  # fmt: skip


def test_scan_records_coverage_and_gaps(
    tmp_path: Path, catalogue: Catalogue, profile: Profile
) -> None:
    clock = iter(
        [dt.datetime(2026, 11, 1, 8, tzinfo=dt.timezone.utc),
         dt.datetime(2026, 11, 1, 9, tzinfo=dt.timezone.utc)]
    )  # fmt: skip
    connector = FakeConnector()
    inventory = scan(connector, connector.discover(), now=lambda: next(clock))
    assert [s.id for s in inventory.scan.scopes_covered] == ["111", "222"]
    assert len(inventory.resources) == 2 and len(inventory.gaps) == 3
    assert inventory.scan.source == "fake-api"
    # A tag named like a credential is left out of what a scan writes, and counted.
    assert {tuple(r.tags) for r in inventory.resources} == {("app",)}
    assert [(s.source, s.type, s.count) for s in inventory.skipped] == [
        ("aws 111", "tag DbPassword", 1),
        ("aws 222", "tag DbPassword", 1),
    ]
    assert "PLANTED" not in dump_inventory(inventory)

    path = tmp_path / "inventory.json"
    path.write_text(dump_inventory(inventory))
    plan = make_plan(load_inventories([path]), catalogue, profile, PlanMeta())
    assert plan.total_resources == 2 and len(plan.gaps) == 3
    assert plan.as_of == dt.date(2026, 11, 1)


def test_unknown_connector_is_a_user_error() -> None:
    with pytest.raises(InputError, match="no connector named 'nimbus'"):
        load("nimbus")
