"""The GCP connector with the real Google client libraries against a loopback fake."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from google.api_core import exceptions as api
from google.auth.credentials import AnonymousCredentials, Credentials
from google.auth.exceptions import RefreshError
from typer.testing import CliRunner

from connectors.gcp import connector as gcp
from connectors.gcp.connector import GcpConnector, GcpOptions
from connectors.interface import scan
from exitplan.cli import app
from exitplan.errors import InputError
from exitplan.model import Inventory
from tests.gcp_fake import Estate, result, serve

GIB = 2**30


def estate() -> Estate:
    """Organisation 9 with project alpha and folder 20; beta and delta in folder 20, gamma
    in its subfolder 21. Alpha holds 1,203 resources: three pages of 500. A project and a
    folder being deleted (omega, folders/22) are not listed. Resource Manager answers one
    item a page, so that every list of two pages."""
    found = Estate(
        folders={
            "folders/20": "organizations/9",
            "folders/21": "folders/20",
            "folders/22": "organizations/9",
        },
        projects={
            "alpha": ("101", "organizations/9"),
            "beta": ("102", "folders/20"),
            "gamma": ("103", "folders/21"),
            "delta": ("104", "folders/20"),
            "omega": ("105", "organizations/9"),
        },
        deleted={"omega", "folders/22"},
        list_page_size=1,
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


def run(url: str, **options: Any) -> Inventory:
    chosen: dict[str, Any] = {"organizations": ("9",), "max_workers": 4, **options}
    connector = GcpConnector(
        GcpOptions(
            endpoint=url, credentials=AnonymousCredentials(), backoff_seconds=0.001, **chosen
        )
    )
    return scan(connector, connector.discover())


def covered(inventory: Inventory) -> list[str]:
    return [s.id for s in inventory.scan.scopes_covered]


def searches(fake: Estate, project: str) -> list[dict[str, list[str]]]:
    """The query of each search of a project, in order."""
    return [
        parse_qs(urlparse(path).query)
        for _, path in fake.requests
        if f"/projects/{project}:searchAllResources" in path
    ]


def test_every_project_under_an_organisation_is_read_page_by_page() -> None:
    fake = estate()
    with serve(fake) as url:
        inventory = run(url)
    assert inventory.gaps == []
    assert covered(inventory) == ["organizations/9", "alpha", "beta", "delta", "gamma"]
    by_project: dict[str, int] = {}
    for resource in inventory.resources:
        by_project[resource.account] = by_project.get(resource.account, 0) + 1
    # Every type is read, also one outside the attribute table (the Vertex AI endpoint).
    assert by_project == {"alpha": 1203, "beta": 1, "gamma": 1}
    assert len(searches(fake, "alpha")) == 3
    # omega and folders/22 are being deleted: not listed, not searched.
    assert not searches(fake, "omega")
    assert not [p for _, p in fake.requests if "folders%2F22" in p or "folders/22" in p]
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
    (endpoint,) = [r for r in inventory.resources if r.type == "aiplatform.googleapis.com/Endpoint"]
    assert endpoint.attributes == {}
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


def test_the_query_sent_asks_for_every_type_500_a_page_and_the_versioned_resource() -> None:
    fake = estate()
    with serve(fake) as url:
        run(url, organizations=(), projects=("alpha",))
    first, second, third = searches(fake, "alpha")
    assert first == {
        "pageSize": ["500"],
        "readMask": [gcp.READ_MASK],
        "$alt": ["json;enum-encoding=int"],
    }
    assert (second["pageToken"], third["pageToken"]) == (["500"], ["1000"])
    assert "assetTypes" not in second


def test_resource_manager_lists_are_read_page_by_page() -> None:
    fake = estate()
    with serve(fake) as url:
        run(url)
    lists = [parse_qs(urlparse(p).query) for _, p in fake.requests if p.startswith("/v3/projects?")]
    folder_20 = [q.get("pageToken", [""])[0] for q in lists if q["parent"] == ["folders/20"]]
    assert folder_20 == ["", "1"]  # beta, then delta
    assert all("showDeleted" not in q for q in lists)


def test_the_connector_only_reads() -> None:
    fake = estate()
    with serve(fake) as url:
        run(url)
    paths = [p for _, p in fake.requests]
    assert any(p.startswith("/v3/projects?") for p in paths)
    assert any(p.startswith("/v3/folders?") for p in paths)
    assert any(":searchAllResources" in p for p in paths)
    assert {method for method, _ in fake.requests} == {"GET"}


def test_the_api_refused_in_the_quota_project_is_one_error_naming_it() -> None:
    fake = estate()
    fake.consumer_refuses = "SERVICE_DISABLED"
    with serve(fake) as url, pytest.raises(InputError) as raised:
        run(url)
    assert "projects/764086051850" in raised.value.message
    assert "SERVICE_DISABLED" in raised.value.message
    assert raised.value.hint is not None
    assert "gcloud auth application-default set-quota-project PROJECT" in raised.value.hint
    assert "gcloud services enable cloudasset.googleapis.com --project PROJECT" in raised.value.hint


def test_the_api_disabled_in_the_project_searched_itself_is_a_gap_with_a_hint() -> None:
    fake = estate()
    fake.denied["beta"] = "SERVICE_DISABLED"  # beta (102) is the consumer: its own quota project
    with serve(fake) as url:
        inventory = run(url)
    (gap,) = inventory.gaps
    assert (gap.scope, gap.region, gap.service, gap.code) == ("beta", None, "*", "SERVICE_DISABLED")
    assert "gcloud services enable cloudasset.googleapis.com --project beta" in gap.message
    assert {r.account for r in inventory.resources} == {"alpha", "gamma"}
    assert "beta" not in covered(inventory)


def test_a_project_whose_search_is_denied_is_a_gap_without_the_request_line() -> None:
    fake = estate()
    fake.denied["gamma"] = "IAM_PERMISSION_DENIED"
    with serve(fake) as url:
        inventory = run(url)
    (gap,) = inventory.gaps
    assert (gap.scope, gap.service, gap.code) == ("gamma", "*", "IAM_PERMISSION_DENIED")
    assert gap.message == (
        "SearchAllResources: The caller does not have permission on projects/gamma"
    )
    assert covered(inventory) == ["organizations/9", "alpha", "beta", "delta"]


def test_throttling_is_retried_on_the_first_and_on_a_later_page() -> None:
    fake = estate()
    fake.throttle["gamma"] = 3
    fake.faults["alpha@500"] = [429, 429]  # page 2 of alpha
    with serve(fake) as url:
        inventory = run(url)
    assert inventory.gaps == []
    assert [r.name for r in inventory.resources if r.account == "gamma"] == ["events"]
    assert len(searches(fake, "gamma")) == 4
    tokens = [q.get("pageToken", [""])[0] for q in searches(fake, "alpha")]
    assert tokens == ["", "500", "500", "500", "1000"]
    assert sum(r.account == "alpha" for r in inventory.resources) == 1203


def test_server_errors_and_gateway_timeouts_are_retried() -> None:
    fake = estate()
    fake.faults["gamma"] = [500, 502, 503, 504]
    with serve(fake) as url:
        inventory = run(url)
    assert inventory.gaps == []
    assert len(searches(fake, "gamma")) == 5


def test_when_retries_run_out_the_project_is_a_gap_and_the_rest_is_read() -> None:
    fake = estate()
    fake.throttle["gamma"] = 10**6
    with serve(fake) as url:
        inventory = run(url, retry_seconds=0.3)
    (gap,) = inventory.gaps
    assert (gap.scope, gap.service, gap.code) == ("gamma", "*", "TooManyRequests")
    assert gap.message == "SearchAllResources: fault injected: 429 (retries ran out)"
    assert {r.account for r in inventory.resources} == {"alpha", "beta"}
    assert "gamma" not in covered(inventory)


def test_a_connection_error_is_retried() -> None:
    import requests

    from connectors.gcp.calls import call

    answers: list[Any] = [requests.ConnectionError("reset"), requests.Timeout("slow"), "ok"]

    def send() -> str:
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return str(answer)

    assert call(send, cancelled=threading.Event(), seconds=5, backoff=0.001) == "ok"


def test_the_pacer_keeps_to_its_calls_a_minute() -> None:
    from connectors.gcp.calls import Pacer
    from connectors.toolkit import Cancelled

    now = [0.0]
    pacer = Pacer(2, window=60.0, clock=lambda: now[0])

    class Clock(threading.Event):
        def wait(self, timeout: float | None = None) -> bool:
            assert timeout == pytest.approx(50.0)
            now[0] += 50.0
            return False

    pacer.wait(Clock())
    now[0] = 10.0
    pacer.wait(Clock())
    pacer.wait(Clock())  # the third in a minute waits until the first is a minute old
    assert now[0] == 60.0
    stopped = threading.Event()
    stopped.set()
    full = Pacer(1, window=60.0, clock=lambda: 0.0)
    full.wait(stopped)
    with pytest.raises(Cancelled):
        full.wait(stopped)


def test_a_request_google_calls_malformed_is_our_bug_not_a_gap_per_project(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(gcp, "READ_MASK", "name,assetTyp")
    fake = estate()
    with serve(fake) as url, pytest.raises(api.BadRequest, match="assetTyp"):
        run(url)


class _Expired(Credentials):
    """Credentials whose refresh fails, as expired user credentials do."""

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # google-auth's is unannotated

    def refresh(self, request: Any) -> None:
        raise RefreshError("Reauthentication is needed. Please run `gcloud auth login`.")


class _Token(Credentials):
    """Credentials that refresh fine, and that the fake then refuses (HTTP 401)."""

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]

    def refresh(self, request: Any) -> None:
        self.token = "revoked"


def test_credentials_that_cannot_be_refreshed_or_are_refused_are_the_user_s_to_fix() -> None:
    fake = estate()
    with serve(fake) as url:
        with pytest.raises(InputError) as expired:
            connector = GcpConnector(GcpOptions(organizations=("9",), endpoint=url))
            connector.options.credentials = _Expired()
            connector.discover()
        fake.unauthenticated = True
        with pytest.raises(InputError) as refused:
            connector = GcpConnector(GcpOptions(organizations=("9",), endpoint=url))
            connector.options.credentials = _Token()
            connector.discover()
    assert "Reauthentication is needed" in expired.value.message
    assert "invalid authentication credentials" in refused.value.message
    for raised in (expired, refused):
        assert raised.value.hint is not None
        assert "gcloud auth application-default login" in raised.value.hint


@pytest.mark.parametrize(
    ("hidden", "message", "read"),
    [
        # The organisation itself: nothing is found.
        ("organizations/9", "cannot list organizations/9: Permission denied on", []),
        # A folder: beta and delta (in 20) and gamma (in 21, below it) are not found.
        ("folders/20", "cannot list folders/20 (below organizations/9): Permission", ["alpha"]),
    ],
)
def test_an_organisation_with_a_part_that_cannot_be_listed_is_not_covered(
    hidden: str, message: str, read: list[str]
) -> None:
    fake = estate()
    fake.hidden.add(hidden)
    with serve(fake) as url:
        inventory = run(url)
    (gap,) = inventory.gaps
    assert (gap.scope, gap.service, gap.code) == ("organizations/9", "*", "IAM_PERMISSION_DENIED")
    assert gap.message.startswith(message)
    assert sorted({r.account for r in inventory.resources}) == read
    assert covered(inventory) == read


def test_a_sub_folder_gap_counts_against_each_scope_asked_for_that_holds_it() -> None:
    fake = estate()
    fake.hidden.add("folders/21")
    fake.hidden.add("folders/9")  # a folder with the organisation's number
    with serve(fake) as url:
        inventory = run(url, folders=("20", "folders/9"))
    assert sorted((g.scope, g.service) for g in inventory.gaps) == [
        ("folders/20", "*"),
        ("folders/9", "*"),
        ("organizations/9", "*"),
    ]
    assert covered(inventory) == ["alpha", "beta", "delta"]
    assert [s.id for s in inventory.scan.scopes_requested][:3] == [
        "organizations/9",
        "folders/20",
        "folders/9",
    ]


def test_a_project_named_twice_or_by_number_is_read_once() -> None:
    fake = estate()
    with serve(fake) as url:
        inventory = run(url, projects=("103", " projects/gamma", "GAMMA"))
    assert inventory.gaps == []
    assert [s.id for s in inventory.scan.scopes_requested].count("gamma") == 1
    assert [r.name for r in inventory.resources if r.account == "gamma"] == ["events"]
    assert len(searches(fake, "gamma")) == 1


def test_a_project_id_that_cannot_be_one_is_refused() -> None:
    with pytest.raises(InputError, match="not a project id"):
        GcpConnector(GcpOptions(projects=("my project",)))


def test_a_named_project_that_cannot_be_read_or_searched_is_a_gap() -> None:
    fake = estate()
    fake.denied["nobody"] = "IAM_PERMISSION_DENIED"
    with serve(fake) as url:
        inventory = run(url, organizations=(), projects=("nobody", "gamma", "omega"))
    assert sorted((g.scope, g.service, g.code) for g in inventory.gaps) == [
        ("nobody", "*", "IAM_PERMISSION_DENIED"),
        ("nobody", "resourcemanager", "Forbidden"),
        ("omega", "*", "DELETE_REQUESTED"),
    ]
    assert [r.account for r in inventory.resources] == ["gamma"]
    assert covered(inventory) == ["gamma"]
    assert not searches(fake, "omega")


def _versioned(kind: str, version: str, resource: dict[str, Any]) -> dict[str, Any]:
    return result(
        "gamma",
        "103",
        kind,
        kind.rsplit("/", 1)[-1].lower(),
        "europe-west4",
        versionedResources=[{"version": version, "resource": resource}],
    )


# One resource per type of the attribute table, shaped after each API's documented JSON
# (https://cloud.google.com/<product>/docs/reference/rest), and what the inventory keeps.
ATTRIBUTE_CASES: dict[str, tuple[str, dict[str, Any], dict[str, Any]]] = {
    "compute.googleapis.com/Instance": (
        "v1",
        {
            "machineType": "zones/europe-west4-a/machineTypes/n2-standard-8",
            "status": "TERMINATED",
            "disks": [{"boot": True}, {"boot": False}],
        },
        {"instance_type": "n2-standard-8", "state": "TERMINATED", "disk_count": 2},
    ),
    "compute.googleapis.com/Disk": (
        "v1",
        {"sizeGb": "10", "type": "zones/europe-west4-a/diskTypes/pd-balanced"},
        {"size_bytes": 10 * GIB, "volume_type": "pd-balanced", "attached": False},
    ),
    # Types read for the relations they state only (tests/test_gcp_relations.py).
    "compute.googleapis.com/RegionDisk": ("v1", {"sizeGb": "100"}, {}),
    "compute.googleapis.com/Address": ("v1", {"addressType": "EXTERNAL"}, {}),
    "compute.googleapis.com/GlobalAddress": ("v1", {"addressType": "EXTERNAL"}, {}),
    "compute.googleapis.com/GlobalForwardingRule": ("v1", {"IPProtocol": "TCP"}, {}),
    "container.googleapis.com/NodePool": ("v1", {"initialNodeCount": 3}, {}),
    "compute.googleapis.com/Network": (
        "v1",
        {"autoCreateSubnetworks": False},
        {"auto_subnets": False},
    ),
    "compute.googleapis.com/Subnetwork": (
        "v1",
        {"ipCidrRange": "10.0.0.0/20", "network": "projects/gamma/global/networks/core"},
        {"cidr_block": "10.0.0.0/20", "network": "core"},
    ),
    "compute.googleapis.com/Firewall": (
        "v1",
        {"direction": "INGRESS", "network": "projects/gamma/global/networks/core"},
        {"direction": "INGRESS", "network": "core"},
    ),
    "compute.googleapis.com/ForwardingRule": (
        "v1",
        {"loadBalancingScheme": "EXTERNAL_MANAGED"},
        {"scheme": "EXTERNAL_MANAGED"},
    ),
    "storage.googleapis.com/Bucket": (
        "v1",
        {"storageClass": "NEARLINE", "versioning": {"enabled": True}},
        {"storage_class": "NEARLINE", "versioning": True},
    ),
    "sqladmin.googleapis.com/Instance": (
        "v1beta4",
        {
            "databaseVersion": "MYSQL_8_0",
            "settings": {
                "tier": "db-n1-standard-2",
                "dataDiskSizeGb": "50",
                "availabilityType": "ZONAL",
            },
        },
        {
            "engine": "mysql",
            "engine_version": "MYSQL_8_0",
            "instance_type": "db-n1-standard-2",
            "size_bytes": 50 * GIB,
            "multi_az": False,
        },
    ),
    "container.googleapis.com/Cluster": (
        "v1",
        {
            "currentMasterVersion": "1.30.5-gke.1014001",
            "nodePools": [{"initialNodeCount": 3}, {"initialNodeCount": 2}],
            "autopilot": {"enabled": False},
        },
        {"engine_version": "1.30.5-gke.1014001", "node_count": 5, "autopilot": False},
    ),
    "cloudfunctions.googleapis.com/CloudFunction": (
        "v1",
        {"runtime": "python312", "availableMemoryMb": 512},
        {"runtime": "python312", "memory_mib": 512},
    ),
    "cloudfunctions.googleapis.com/Function": (
        "v2",
        {
            "environment": "GEN_2",
            "buildConfig": {"runtime": "nodejs20"},
            "serviceConfig": {"availableMemory": "1Gi"},
        },
        {"runtime": "nodejs20", "memory_mib": 1024},
    ),
    "pubsub.googleapis.com/Subscription": (
        "v1",
        {"topic": "projects/gamma/topics/events"},
        {"topic": "events"},
    ),
    "redis.googleapis.com/Instance": (
        "v1",
        {"redisVersion": "REDIS_7_2", "memorySizeGb": 5, "tier": "STANDARD_HA"},
        {
            "engine": "redis",
            "engine_version": "REDIS_7_2",
            "memory_mib": 5120,
            "tier": "STANDARD_HA",
        },
    ),
    "firestore.googleapis.com/Database": (
        "v1",
        {"type": "FIRESTORE_NATIVE"},
        {"kind": "FIRESTORE_NATIVE"},
    ),
    "bigtableadmin.googleapis.com/Instance": (
        "v2",
        {"type": "PRODUCTION"},
        {"kind": "PRODUCTION"},
    ),
    "dns.googleapis.com/ManagedZone": ("v1", {"visibility": "private"}, {"private": True}),
    "artifactregistry.googleapis.com/Repository": (
        "v1",
        {"format": "DOCKER"},
        {"kind": "DOCKER"},
    ),
    "cloudkms.googleapis.com/CryptoKey": (
        "v1",
        {"purpose": "ENCRYPT_DECRYPT"},
        {"kind": "ENCRYPT_DECRYPT"},
    ),
    "logging.googleapis.com/LogBucket": ("v2", {"retentionDays": 30}, {"retention_days": 30}),
}


def test_each_type_of_the_table_keeps_its_attributes() -> None:
    from connectors.gcp.types import ASSET_TYPES

    assert set(ATTRIBUTE_CASES) == set(ASSET_TYPES)
    fake = estate()
    fake.resources["gamma"] = [
        _versioned(kind, version, resource)
        for kind, (version, resource, _) in ATTRIBUTE_CASES.items()
    ]
    with serve(fake) as url:
        inventory = run(url, organizations=(), projects=("gamma",))
    assert inventory.gaps == []
    kept = {r.type: r.attributes for r in inventory.resources}
    assert kept == {kind: expected for kind, (_, _, expected) in ATTRIBUTE_CASES.items()}
    for attributes in kept.values():  # whole numbers stay whole (Struct sends floats)
        assert all(type(v) is not float for v in attributes.values())


def test_without_a_versioned_resource_nothing_is_made_up() -> None:
    fake = estate()
    fake.resources["gamma"] = [
        result("gamma", "103", "compute.googleapis.com/Disk", "d", "europe-west4-a"),
        result("gamma", "103", "sqladmin.googleapis.com/Instance", "db", "europe-west4"),
        result("gamma", "103", "dns.googleapis.com/ManagedZone", "zone", "global"),
        result(
            "gamma",
            "103",
            "compute.googleapis.com/Instance",
            "vm",
            "europe-west4-a",
            additionalAttributes={"machineType": "e2-small"},
        ),
    ]
    with serve(fake) as url:
        inventory = run(url, organizations=(), projects=("gamma",))
    kept = {r.type: r.attributes for r in inventory.resources}
    assert kept == {
        "compute.googleapis.com/Disk": {},
        "sqladmin.googleapis.com/Instance": {},
        "dns.googleapis.com/ManagedZone": {},
        "compute.googleapis.com/Instance": {"instance_type": "e2-small"},
    }


def test_the_versioned_resource_of_the_expected_version_is_read() -> None:
    fake = estate()
    sql = {"databaseVersion": "POSTGRES_16", "settings": {"tier": "db-f1-micro"}}
    other = {"databaseVersion": "MYSQL_5_7", "settings": {"tier": "legacy"}}
    chosen = result(
        "gamma",
        "103",
        "sqladmin.googleapis.com/Instance",
        "chosen",
        "europe-west4",
        versionedResources=[
            {"version": "v1", "resource": other},
            {"version": "v1beta4", "resource": sql},
        ],
    )
    fallback = result(
        "gamma",
        "103",
        "sqladmin.googleapis.com/Instance",
        "fallback",
        "europe-west4",
        versionedResources=[{"version": "v2", "resource": sql}],
    )
    fake.resources["gamma"] = [chosen, fallback]
    with serve(fake) as url:
        inventory = run(url, organizations=(), projects=("gamma",))
    tiers = {r.name: r.attributes["instance_type"] for r in inventory.resources}
    assert tiers == {"chosen": "db-f1-micro", "fallback": "db-f1-micro"}


def test_a_1st_gen_function_listed_under_both_types_is_one_resource() -> None:
    fake = estate()
    name = "//cloudfunctions.googleapis.com/projects/gamma/locations/europe-west4/functions/f"
    v1 = {"runtime": "go122", "availableMemoryMb": 256}
    v2 = {"environment": "GEN_1", "buildConfig": {"runtime": "go122"}}
    fake.resources["gamma"] = [
        {**_versioned("cloudfunctions.googleapis.com/Function", "v2", v2), "name": name},
        {**_versioned("cloudfunctions.googleapis.com/CloudFunction", "v1", v1), "name": name},
    ]
    with serve(fake) as url:
        inventory = run(url, organizations=(), projects=("gamma",))
    (function,) = inventory.resources
    assert function.type == "cloudfunctions.googleapis.com/CloudFunction"
    assert function.attributes == {"runtime": "go122", "memory_mib": 256}


def test_the_default_project_and_scope_come_from_application_default_credentials(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import google.auth

    asked: list[Any] = []

    def default(**kwargs: Any) -> Any:
        asked.append(kwargs)
        return AnonymousCredentials(), "gamma"

    monkeypatch.setattr(google.auth, "default", default)
    fake = estate()
    with serve(fake) as url:
        connector = GcpConnector(GcpOptions(endpoint=url))
        inventory = scan(connector, connector.discover())
    assert asked == [{"scopes": ["https://www.googleapis.com/auth/cloud-platform"]}]
    assert covered(inventory) == ["gamma"]


def _ctrl_c() -> None:
    """A real SIGINT, as the terminal sends: it also interrupts a wait on a lock."""
    os.kill(os.getpid(), signal.SIGINT)


def test_ctrl_c_stops_the_scan_before_the_next_page_and_the_next_project() -> None:
    fake = estate()
    fake.latency = 0.2

    def interrupt(progress: Any) -> None:
        raise KeyboardInterrupt

    with serve(fake) as url:
        connector = GcpConnector(
            GcpOptions(
                organizations=("9",),
                endpoint=url,
                credentials=AnonymousCredentials(),
                max_workers=1,
                progress=interrupt,
            )
        )
        scopes = connector.discover()
        with pytest.raises(KeyboardInterrupt):
            scan(connector, scopes)
        time.sleep(0.5)  # what was on the wire has answered
    assert len(searches(fake, "alpha")) <= 1
    assert not (searches(fake, "beta") or searches(fake, "delta") or searches(fake, "gamma"))


def test_ctrl_c_during_a_backoff_sends_no_further_attempt() -> None:
    fake = estate()
    fake.throttle["gamma"] = 10**6
    connector = GcpConnector(
        GcpOptions(projects=("gamma",), credentials=AnonymousCredentials(), backoff_seconds=20)
    )
    with serve(fake) as url:
        connector.options.endpoint = url
        scopes = connector.discover()
        timer = threading.Timer(0.5, _ctrl_c)
        timer.start()
        started = time.monotonic()
        with pytest.raises(KeyboardInterrupt):
            scan(connector, scopes)
        assert time.monotonic() - started < 5
        time.sleep(0.3)
    assert len(searches(fake, "gamma")) == 1


def test_ctrl_c_during_discovery_cancels_the_lookups_not_yet_started() -> None:
    fake = estate()
    fake.latency = 0.4
    connector = GcpConnector(
        GcpOptions(
            projects=("alpha", "beta", "gamma", "delta"),
            credentials=AnonymousCredentials(),
            max_workers=1,
        )
    )
    with serve(fake) as url:
        connector.options.endpoint = url
        timer = threading.Timer(0.2, _ctrl_c)
        timer.start()
        with pytest.raises(KeyboardInterrupt):
            connector.discover()
        time.sleep(0.6)
    assert [p for _, p in fake.requests] == ["/v3/projects/alpha?%24alt=json%3Benum-encoding%3Dint"]


def test_memory_quantities_are_read_as_kubernetes_writes_them() -> None:
    from connectors.gcp.types import quantity_mib

    assert [quantity_mib(q) for q in ("128Mi", "256M", "1Gi", "2G", "0.5Gi", "1048576")] == [
        128,
        244,
        1024,
        1907,
        512,
        1,
    ]
    with pytest.raises(ValueError):
        quantity_mib("1 GB")


def test_a_malformed_record_is_a_gap_naming_it_and_the_rest_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Results without an asset type or a name, with a value that cannot be read or that
    the model refuses: each is a gap naming its project, page and record (and its name, or
    its fields), never a value; every other result and project is read."""
    fake = estate()
    fake.resources["gamma"] += [
        {
            "name": "//pubsub.googleapis.com/projects/gamma/topics/broken",
            "project": "projects/103",
            "labels": {"owner": "planted-label"},
        },
        {"assetType": "pubsub.googleapis.com/Topic", "displayName": "planted-name"},
        _versioned(
            "cloudfunctions.googleapis.com/Function",
            "v2",
            {"serviceConfig": {"availableMemory": "planted-memory"}},
        ),
        _versioned("compute.googleapis.com/Disk", "v1", {"sizeGb": "-5"}),
    ]
    _point_cli_at(monkeypatch)
    out = tmp_path / "inventory-gcp.json"
    with serve(fake) as url:
        monkeypatch.setenv("EXITPLAN_TEST_GCP_ENDPOINT", url)
        result_ = CliRunner().invoke(
            app, ["scan", "gcp", "--project", "gamma,beta", "-o", str(out), "-q"]
        )
    assert result_.exit_code == 1, result_.output
    assert "planted" not in result_.output and "planted" not in out.read_text()
    inventory = Inventory.model_validate_json(out.read_text())
    function = "//cloudfunctions.googleapis.com/projects/gamma/locations/europe-west4/"
    function += "functions/function"
    disk = "//compute.googleapis.com/projects/gamma/locations/europe-west4/disks/disk"
    memory = "resource.serviceConfig.availableMemory) cannot be read from a value of type str"
    page = "SearchAllResources: projects/gamma: search result {} of page 1"
    assert sorted(g.message for g in inventory.gaps) == [
        page.format(2) + ": no assetType (fields present: labels, name, project); left out",
        page.format(3) + ": no name (fields present: assetType, displayName); left out",
        page.format(4) + f" ({function}): attribute memory_mib ({memory}; left out",
        page.format(5) + f" ({disk}): attributes.size_bytes must be a whole number from 0 to "
        "1,152,921,504,606,846,976; left out",
    ]
    assert {(g.scope, g.service, g.code) for g in inventory.gaps} == {
        ("gamma", "cloudasset", "MalformedRecord")
    }
    assert sorted(r.name for r in inventory.resources) == ["events", "ledger"]
    assert covered(inventory) == ["beta", "gamma"]


def _point_cli_at(monkeypatch: pytest.MonkeyPatch, credentials: Any = None) -> None:
    import os

    original = GcpConnector.__init__

    def patched(self: GcpConnector, options: GcpOptions | None = None) -> None:
        original(self, options)
        self.options.endpoint = os.environ["EXITPLAN_TEST_GCP_ENDPOINT"]
        self.options.credentials = credentials or AnonymousCredentials()
        self.options.backoff_seconds = 0.001

    monkeypatch.setattr(GcpConnector, "__init__", patched)


def test_scan_gcp_writes_the_inventory_and_exits_1_on_gaps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = estate()
    _point_cli_at(monkeypatch)
    out = tmp_path / "inventory-gcp.json"
    with serve(fake) as url:
        monkeypatch.setenv("EXITPLAN_TEST_GCP_ENDPOINT", url)
        ok = CliRunner().invoke(
            app, ["scan", "gcp", "--organization", "9", "-o", str(out), "--json", "-q"]
        )
        assert ok.exit_code == 0, ok.output
        assert json.loads(ok.stdout)["resources"] == 1205
        inventory = Inventory.model_validate_json(out.read_text())
        assert inventory.scan.source == "gcp-api"
        fake.denied["alpha"] = "IAM_PERMISSION_DENIED"
        partial = CliRunner().invoke(
            app, ["scan", "gcp", "--organization", "9", "-o", str(out), "-q"]
        )
    assert partial.exit_code == 1
    assert "IAM_PERMISSION_DENIED" in partial.stdout
    planned = CliRunner().invoke(app, ["plan", str(out), "-o", str(tmp_path / "plan"), "-q"])
    assert planned.exit_code == 0, planned.output


def test_scan_gcp_exits_2_with_a_hint_for_the_quota_project_and_expired_credentials(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = estate()
    fake.consumer_refuses = "SERVICE_DISABLED"
    out = tmp_path / "inventory-gcp.json"
    _point_cli_at(monkeypatch)
    with serve(fake) as url:
        monkeypatch.setenv("EXITPLAN_TEST_GCP_ENDPOINT", url)
        quota = CliRunner().invoke(app, ["scan", "gcp", "--organization", "9", "-o", str(out)])
        _point_cli_at(monkeypatch, _Expired())
        expired = CliRunner().invoke(app, ["scan", "gcp", "--project", "gamma", "-o", str(out)])
    assert quota.exit_code == 2, quota.output
    assert "set-quota-project" in quota.output
    assert expired.exit_code == 2, expired.output
    assert "gcloud auth application-default login" in expired.output
    for run_ in (quota, expired):
        assert "Traceback" not in run_.output and "internal error" not in run_.output
    assert not out.exists()


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
    paced = CliRunner().invoke(app, ["scan", "gcp", "--searches-per-minute", "0", "-o", out])
    assert paced.exit_code == 2 and "--searches-per-minute must be at least 1" in paced.output


def test_permissions_gcp_lists_each_call_s_permission() -> None:
    printed = CliRunner().invoke(app, ["permissions", "gcp"]).stdout
    assert "roles/cloudasset.viewer" in printed and "roles/browser" in printed
    assert "roles/serviceusage.serviceUsageConsumer" in printed
    listed = [line[2:] for line in printed.splitlines() if line.startswith("- ")]
    assert listed == [
        "cloudasset.assets.searchAllResources",
        "resourcemanager.folders.list",
        "resourcemanager.projects.get",
        "resourcemanager.projects.list",
        "serviceusage.services.use",
    ]


@pytest.fixture(autouse=True)
def _no_ambient_google_credentials(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("GOOGLE_APPLICATION_CREDENTIALS", raising=False)
    yield
