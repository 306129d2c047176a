"""The GCP connector with the real Google client libraries against a loopback fake."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from google.auth.credentials import AnonymousCredentials
from typer.testing import CliRunner

from connectors.gcp.connector import GcpConnector, GcpOptions
from connectors.interface import scan
from exitplan.cli import app
from exitplan.model import Inventory
from tests.gcp_fake import Estate, result, serve

GIB = 2**30


def estate() -> Estate:
    """Organisation 9 with project alpha and folder 20; beta in folder 20, gamma in its
    subfolder 21. Alpha holds 1,203 resources: three pages of 500."""
    found = Estate(
        folders={"folders/20": "organizations/9", "folders/21": "folders/20"},
        projects={
            "alpha": ("101", "organizations/9"),
            "beta": ("102", "folders/20"),
            "gamma": ("103", "folders/21"),
        },
    )
    vm = {
        "labels": {"app": "portal", "env": "prod"},
        "versionedResources": [
            {
                "version": "v1",
                "resource": {
                    "machineType": "https://www.googleapis.com/compute/v1/projects/alpha/zones/europe-west4-a/machineTypes/e2-standard-4",
                    "status": "RUNNING",
                    "disks": [{"boot": True}],
                    "metadata": {"items": [{"key": "startup-script", "value": "planted-secret"}]},
                },
            }
        ],
    }
    found.resources["alpha"] = [
        result(
            "alpha", "101", "compute.googleapis.com/Instance", f"vm-{n:04d}", "europe-west4-a", **vm
        )
        for n in range(1200)
    ] + [
        result(
            "alpha",
            "101",
            "compute.googleapis.com/Disk",
            "data",
            "europe-west4-a",
            versionedResources=[
                {
                    "version": "v1",
                    "resource": {
                        "sizeGb": "200",
                        "type": "zones/x/diskTypes/pd-ssd",
                        "users": ["vm-0001"],
                    },
                }
            ],
        ),
        result(
            "alpha",
            "101",
            "storage.googleapis.com/Bucket",
            "alpha-data",
            "EUROPE-WEST4",
            labels={"app": "portal"},
        ),
        result(
            "alpha", "101", "aiplatform.googleapis.com/Endpoint", "not-asked-for", "europe-west4"
        ),
    ]
    found.resources["beta"] = [
        result(
            "beta",
            "102",
            "sqladmin.googleapis.com/Instance",
            "ledger",
            "europe-west4",
            versionedResources=[
                {
                    "version": "v1beta4",
                    "resource": {
                        "databaseVersion": "POSTGRES_15",
                        "settings": {
                            "tier": "db-custom-2-7680",
                            "dataDiskSizeGb": "100",
                            "availabilityType": "REGIONAL",
                        },
                    },
                }
            ],
        )
    ]
    found.resources["gamma"] = [
        result("gamma", "103", "pubsub.googleapis.com/Topic", "events", "global")
    ]
    return found


@pytest.fixture()
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    # api_core's retries back off in real time; the retry logic itself still runs.
    monkeypatch.setattr(time, "sleep", lambda _: None)


def run(url: str, **options: Any) -> Inventory:
    chosen: dict[str, Any] = {"organizations": ("9",), "max_workers": 4, **options}
    connector = GcpConnector(GcpOptions(endpoint=url, credentials=AnonymousCredentials(), **chosen))
    return scan(connector, connector.discover())


def test_every_project_under_an_organisation_is_read_page_by_page(quick: None) -> None:
    fake = estate()
    with serve(fake) as url:
        inventory = run(url)
    assert inventory.gaps == []
    assert [s.id for s in inventory.scan.scopes_covered] == ["9", "alpha", "beta", "gamma"]
    by_project: dict[str, int] = {}
    for resource in inventory.resources:
        by_project[resource.account] = by_project.get(resource.account, 0) + 1
    # Endpoint is not a type the connector asks for; the rest are read across 3 pages.
    assert by_project == {"alpha": 1202, "beta": 1, "gamma": 1}
    searches = [p for m, p in fake.requests if ":searchAllResources" in p and "/alpha:" in p]
    assert len(searches) == 3
    vm = next(r for r in inventory.resources if r.name == "vm-0007")
    assert (
        vm.id
        == "//compute.googleapis.com/projects/alpha/locations/europe-west4-a/instances/vm-0007"
    )
    assert (vm.type, vm.region, vm.tags) == (
        "compute.googleapis.com/Instance",
        "europe-west4-a",
        {"app": "portal", "env": "prod"},
    )
    assert vm.attributes == {"instance_type": "e2-standard-4", "state": "RUNNING", "disk_count": 1}
    # Without a versioned resource (the bucket), there is nothing to read attributes from.
    (bucket,) = [r for r in inventory.resources if r.type == "storage.googleapis.com/Bucket"]
    assert (bucket.region, bucket.tags, bucket.attributes) == (
        "EUROPE-WEST4",
        {"app": "portal"},
        {},
    )
    (disk,) = [r for r in inventory.resources if r.type == "compute.googleapis.com/Disk"]
    assert disk.attributes == {"size_bytes": 200 * GIB, "volume_type": "pd-ssd", "attached": True}
    (database,) = [r for r in inventory.resources if r.account == "beta"]
    assert database.attributes == {
        "engine": "postgres",
        "engine_version": "POSTGRES_15",
        "instance_type": "db-custom-2-7680",
        "size_bytes": 100 * GIB,
        "multi_az": True,
    }
    assert "planted-secret" not in inventory.model_dump_json()


def test_the_connector_only_reads(quick: None) -> None:
    fake = estate()
    with serve(fake) as url:
        run(url, projects=("beta",))
    assert fake.requests
    assert {method for method, _ in fake.requests} == {"GET"}


def test_a_project_with_the_api_disabled_is_a_gap_with_a_hint(quick: None) -> None:
    fake = estate()
    fake.denied["beta"] = "SERVICE_DISABLED"
    with serve(fake) as url:
        inventory = run(url)
    (gap,) = inventory.gaps
    assert (gap.scope, gap.region, gap.service, gap.code) == (
        "beta",
        None,
        "*",
        "SERVICE_DISABLED",
    )
    assert "gcloud services enable cloudasset.googleapis.com --project beta" in gap.message
    assert {r.account for r in inventory.resources} == {"alpha", "gamma"}
    assert "beta" not in {s.id for s in inventory.scan.scopes_covered}


def test_throttling_is_retried(quick: None) -> None:
    fake = estate()
    fake.throttle["gamma"] = 3
    with serve(fake) as url:
        inventory = run(url)
    assert inventory.gaps == []
    assert [r.name for r in inventory.resources if r.account == "gamma"] == ["events"]
    assert len([p for m, p in fake.requests if "/gamma:search" in p]) == 4


def test_a_folder_that_cannot_be_listed_is_a_gap(quick: None) -> None:
    fake = estate()
    fake.hidden.add("folders/20")
    with serve(fake) as url:
        inventory = run(url)
    (gap,) = inventory.gaps
    assert (gap.scope, gap.service, gap.code) == ("20", "resourcemanager", "IAM_PERMISSION_DENIED")
    assert "cannot list folders/20" in gap.message
    # beta (in folder 20) and gamma (in 21, below it) cannot be found; alpha is read.
    assert {r.account for r in inventory.resources} == {"alpha"}


def test_a_named_project_that_cannot_be_searched_is_a_gap(quick: None) -> None:
    fake = estate()
    fake.denied["nobody"] = "IAM_PERMISSION_DENIED"
    with serve(fake) as url:
        inventory = run(url, organizations=(), projects=("nobody", "gamma"))
    (gap,) = inventory.gaps
    assert (gap.scope, gap.service, gap.code) == ("nobody", "*", "IAM_PERMISSION_DENIED")
    assert [r.account for r in inventory.resources] == ["gamma"]


def test_a_malformed_record_is_an_error_naming_it(
    quick: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = estate()
    fake.resources["gamma"].append(
        {"name": "//pubsub.googleapis.com/projects/gamma/topics/broken", "project": "projects/103"}
    )
    _point_cli_at(monkeypatch, fake)
    with serve(fake) as url:
        monkeypatch.setenv("EXITPLAN_TEST_GCP_ENDPOINT", url)
        out = tmp_path / "inventory-gcp.json"
        result_ = CliRunner().invoke(
            app, ["scan", "gcp", "--project", "gamma", "-o", str(out), "-q"]
        )
    assert result_.exit_code == 2, result_.output
    assert "projects/gamma: search result 2 of page 1: no assetType" in result_.output
    assert not out.exists()


def _point_cli_at(monkeypatch: pytest.MonkeyPatch, fake: Estate) -> None:
    import os

    original = GcpConnector.__init__

    def patched(self: GcpConnector, options: GcpOptions | None = None) -> None:
        original(self, options)
        self.options.endpoint = os.environ["EXITPLAN_TEST_GCP_ENDPOINT"]
        self.options.credentials = AnonymousCredentials()

    monkeypatch.setattr(GcpConnector, "__init__", patched)


def test_scan_gcp_writes_the_inventory_and_exits_1_on_gaps(
    quick: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = estate()
    _point_cli_at(monkeypatch, fake)
    out = tmp_path / "inventory-gcp.json"
    with serve(fake) as url:
        monkeypatch.setenv("EXITPLAN_TEST_GCP_ENDPOINT", url)
        ok = CliRunner().invoke(
            app, ["scan", "gcp", "--organization", "9", "-o", str(out), "--json", "-q"]
        )
        assert ok.exit_code == 0, ok.output
        assert json.loads(ok.stdout)["resources"] == 1204
        inventory = Inventory.model_validate_json(out.read_text())
        assert inventory.scan.source == "gcp-api"
        fake.denied["alpha"] = "SERVICE_DISABLED"
        partial = CliRunner().invoke(
            app, ["scan", "gcp", "--organization", "9", "-o", str(out), "-q"]
        )
    assert partial.exit_code == 1
    assert "SERVICE_DISABLED" in partial.stdout
    planned = CliRunner().invoke(app, ["plan", str(out), "-o", str(tmp_path / "plan"), "-q"])
    assert planned.exit_code == 0, planned.output


def test_no_credentials_and_bad_ids_exit_2(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import google.auth
    from google.auth.exceptions import DefaultCredentialsError

    def missing(**_: Any) -> Any:
        raise DefaultCredentialsError("Your default credentials were not found.")

    monkeypatch.setattr(google.auth, "default", missing)
    out = str(tmp_path / "inv.json")
    result_ = CliRunner().invoke(app, ["scan", "gcp", "--project", "p", "-o", out])
    assert result_.exit_code == 2
    assert "gcloud auth application-default login" in result_.output
    bad = CliRunner().invoke(app, ["scan", "gcp", "--organization", "acme", "-o", out])
    assert bad.exit_code == 2 and "not a number" in bad.output


def test_permissions_gcp_lists_each_call_s_permission() -> None:
    printed = CliRunner().invoke(app, ["permissions", "gcp"]).stdout
    assert "roles/cloudasset.viewer" in printed and "roles/browser" in printed
    listed = [line[2:] for line in printed.splitlines() if line.startswith("- ")]
    assert listed == [
        "cloudasset.assets.searchAllResources",
        "resourcemanager.folders.list",
        "resourcemanager.projects.get",
        "resourcemanager.projects.list",
    ]


@pytest.fixture(autouse=True)
def _no_ambient_google_credentials(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("GOOGLE_APPLICATION_CREDENTIALS", raising=False)
    yield
