"""The Azure connector with the real Azure SDK clients against a loopback fake of Resource
Manager and Resource Graph (tests/azure_fake.py)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from azure.core.credentials import AccessToken
from azure.core.exceptions import ClientAuthenticationError
from azure.core.rest import HttpRequest
from typer.testing import CliRunner

from connectors.azure import connector as azure_connector
from connectors.azure import graph
from connectors.azure.calls import Transport
from connectors.azure.connector import AzureConnector, AzureOptions
from connectors.interface import scan
from exitplan.cli import app
from exitplan.errors import InputError
from exitplan.model import Inventory, Resource, Scalar
from tests.azure_fake import Estate, arm_id, resource, serve

GIB = 2**30
PROD = "aaaaaaaa-0000-4000-8000-000000000001"
DEV = "aaaaaaaa-0000-4000-8000-000000000002"
LOCKED = "aaaaaaaa-0000-4000-8000-000000000003"
SECRET = "planted-secret-value"


class Token:
    """What azure-core asks of a credential."""

    def __init__(self) -> None:
        self.tenants: list[str | None] = []

    def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        self.tenants.append(kwargs.get("tenant_id"))
        return AccessToken("token", int(time.time()) + 3600)


class Refused:
    """As DefaultAzureCredential fails: a line per way of signing in, and links."""

    def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        raise ClientAuthenticationError(
            "DefaultAzureCredential failed to retrieve a token.\nAttempted credentials:\n"
            "\tEnvironmentCredential: Environment variables are not fully configured.\n"
            "Visit https://aka.ms/troubleshoot to troubleshoot this issue.\n"
            "\tAzureCliCredential: AADSTS700082: The refresh token has expired\n"
            "To mitigate this issue, please refer to the troubleshooting guidelines."
        )


def estate() -> Estate:
    """PROD: 260 VMs in pages of 100, and one of each table type, shaped after each API's
    documented JSON; DEV: a few resources; LOCKED: refuses every read."""
    found = Estate(
        subscriptions={PROD: "Production", DEV: "Development", LOCKED: "Locked"},
        groups={DEV: ["rg-empty"]},
        denied={f"/subscriptions/{LOCKED}/": "AuthorizationFailed"},
    )
    vms = [
        resource(
            PROD,
            "rg-app",
            "Microsoft.Compute/virtualMachines",
            f"vm-{n:03d}",
            tags={"env": "prod", "app": "portal"},
            properties={
                "hardwareProfile": {"vmSize": "Standard_D4s_v5" if n % 2 else "Standard_B2s"},
                "storageProfile": {"osDisk": {"osType": "Linux"}, "dataDisks": [{"lun": 0}]},
                "osProfile": {"computerName": f"vm-{n:03d}", "customData": SECRET},
            },
        )
        for n in range(260)
    ]
    r = resource
    found.resources[PROD] = [
        *vms,
        r(
            PROD,
            "rg-app",
            "Microsoft.Compute/disks",
            "data-0",
            sku={"name": "Premium_LRS"},
            properties={"diskSizeGB": 512, "diskState": "Attached"},
        ),
        r(
            PROD,
            "rg-data",
            "Microsoft.Storage/storageAccounts",
            "stprod",
            kind="StorageV2",
            sku={"name": "Standard_GRS", "tier": "Standard"},
            properties={"accessTier": "Hot"},
        ),
        r(
            PROD,
            "rg-data",
            "Microsoft.Sql/servers",
            "sql-prod",
            properties={"version": "12.0", "administratorLoginPassword": SECRET},
        ),
        r(
            PROD,
            "rg-data",
            "Microsoft.Sql/servers/databases",
            "sql-prod/orders",
            sku={"name": "GP_Gen5_2", "tier": "GeneralPurpose"},
            properties={"maxSizeBytes": 34359738368},
        ),
        r(
            PROD,
            "rg-data",
            "Microsoft.DBforPostgreSQL/flexibleServers",
            "pg-prod",
            sku={"name": "Standard_D2ds_v5", "tier": "GeneralPurpose"},
            properties={
                "version": "16",
                "storage": {"storageSizeGB": 128},
                "highAvailability": {"mode": "ZoneRedundant"},
            },
        ),
        r(
            PROD,
            "rg-data",
            "Microsoft.DBforMySQL/flexibleServers",
            "mysql-prod",
            sku={"name": "Standard_B1ms"},
            properties={
                "version": "8.0.21",
                "storage": {"storageSizeGB": 32},
                "highAvailability": {"mode": "Disabled"},
            },
        ),
        r(
            PROD,
            "rg-data",
            "Microsoft.DocumentDB/databaseAccounts",
            "cosmos-cass",
            kind="GlobalDocumentDB",
            properties={"capabilities": [{"name": "EnableCassandra"}]},
        ),
        r(
            PROD,
            "rg-data",
            "Microsoft.DocumentDB/databaseAccounts",
            "cosmos-mongo",
            kind="MongoDB",
            properties={"capabilities": []},
        ),
        r(
            PROD,
            "rg-k8s",
            "Microsoft.ContainerService/managedClusters",
            "aks-prod",
            properties={
                "kubernetesVersion": "1.30.4",
                "agentPoolProfiles": [{"name": "system", "count": 3}, {"name": "user", "count": 5}],
            },
        ),
        r(
            PROD,
            "rg-app",
            "Microsoft.Web/serverFarms",
            "plan-prod",
            kind="linux",
            sku={"name": "P1v3", "capacity": 2},
        ),
        r(
            PROD,
            "rg-app",
            "Microsoft.Web/sites",
            "web-prod",
            kind="app,linux",
            properties={"state": "Running", "siteConfig": {"appSettings": None}},
        ),
        r(
            PROD,
            "rg-app",
            "Microsoft.Web/sites",
            "func-prod",
            kind="functionapp",
            properties={"state": "Running"},
        ),
        r(PROD, "rg-msg", "Microsoft.ServiceBus/namespaces", "sb-prod", sku={"name": "Premium"}),
        r(
            PROD,
            "rg-msg",
            "Microsoft.EventHub/namespaces",
            "eh-prod",
            sku={"name": "Standard", "capacity": 4},
        ),
        r(
            PROD,
            "rg-sec",
            "Microsoft.KeyVault/vaults",
            "kv-prod",
            properties={
                "sku": {"family": "A", "name": "premium"},
                "accessPolicies": [{"objectId": SECRET}],
            },
        ),
        r(
            PROD,
            "rg-net",
            "Microsoft.Cdn/profiles",
            "afd-prod",
            sku={"name": "Standard_AzureFrontDoor"},
            location="global",
        ),
        r(
            PROD,
            "rg-net",
            "Microsoft.Network/dnszones",
            "example.org",
            location="global",
            properties={"numberOfRecordSets": 42, "zoneType": "Public"},
        ),
        r(
            PROD,
            "rg-app",
            "Microsoft.ContainerRegistry/registries",
            "acrprod",
            sku={"name": "Premium"},
        ),
        r(PROD, "rg-net", "Microsoft.Network/loadBalancers", "lb-prod", sku={"name": "Standard"}),
        r(
            PROD,
            "rg-net",
            "Microsoft.Network/applicationGateways",
            "agw-prod",
            properties={
                "sku": {"name": "WAF_v2", "tier": "WAF_v2", "capacity": 2},
                "autoscaleConfiguration": {"minCapacity": 2, "maxCapacity": 10},
            },
        ),
        r(
            PROD,
            "rg-net",
            "Microsoft.Network/virtualNetworks",
            "vnet-prod",
            properties={
                "addressSpace": {"addressPrefixes": ["10.0.0.0/16", "10.1.0.0/16"]},
                "subnets": [{"name": "a"}, {"name": "b"}, {"name": "c"}],
            },
        ),
        r(
            PROD,
            "rg-data",
            "Microsoft.Cache/Redis",
            "redis-prod",
            properties={
                "redisVersion": "6.0",
                "sku": {"name": "Premium", "family": "P", "capacity": 1},
            },
        ),
        r(PROD, "rg-app", "Microsoft.Logic/workflows", "logic-prod", tags={"team": "ops"}),
    ]
    found.resources[DEV] = [
        r(
            DEV,
            "rg-dev",
            "Microsoft.Compute/virtualMachines",
            "vm-dev",
            location="northeurope",
            properties={
                "hardwareProfile": {"vmSize": "Standard_B2s"},
                "storageProfile": {"osDisk": {"osType": "Windows"}, "dataDisks": []},
            },
        ),
        r(
            DEV,
            "rg-dev",
            "Microsoft.Storage/storageAccounts",
            "stdev",
            kind="BlobStorage",
            sku={"name": "Standard_LRS"},
            properties={"accessTier": "Cool"},
        ),
    ]
    found.skus = {
        location: [
            _sku("Standard_B2s", 2, 4),
            _sku("Standard_D4s_v5", 4, 16),
            {"resourceType": "disks", "name": "Premium_LRS", "capabilities": []},
        ]
        for location in ("westeurope", "northeurope")
    }
    web = arm_id(PROD, "rg-app", "Microsoft.Web/sites", "web-prod")
    func = arm_id(PROD, "rg-app", "Microsoft.Web/sites", "func-prod")
    found.configs = {
        web: {
            "linuxFxVersion": "PYTHON|3.12",
            "netFrameworkVersion": "v4.0",
            "publishingUsername": "$web-prod",
            "appSettings": [{"name": "DB", "value": SECRET}],
        },
        func: {"linuxFxVersion": "", "phpVersion": "5.6", "netFrameworkVersion": "v4.0"},
    }
    found.used = {
        arm_id(PROD, "rg-data", "Microsoft.Storage/storageAccounts", "stprod"): 5 * GIB,
        arm_id(DEV, "rg-dev", "Microsoft.Storage/storageAccounts", "stdev"): 7 * GIB,
    }
    return found


def _sku(name: str, vcpu: int, memory_gb: float) -> dict[str, Any]:
    return {
        "resourceType": "virtualMachines",
        "name": name,
        "locations": ["westeurope"],
        "capabilities": [
            {"name": "vCPUs", "value": str(vcpu)},
            {"name": "MemoryGB", "value": str(memory_gb)},
        ],
    }


@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """The retry policy waits (Retry-After, backoff) through the transport; the tests do
    not wait."""
    monkeypatch.setattr(Transport, "sleep", lambda self, seconds: None)


def run(fake: Estate, url: str, **options: Any) -> Inventory:
    options.setdefault("credential", Token())
    connector = AzureConnector(AzureOptions(endpoint=url, **options))
    return scan(connector, connector.discover())


def by_name(inventory: Inventory) -> dict[str, Resource]:
    return {r.name: r for r in inventory.resources}


EXPECTED: dict[str, dict[str, Scalar]] = {
    "vm-001": {
        "instance_type": "Standard_D4s_v5",
        "vcpu": 4,
        "memory_mib": 16384,
        "os": "Linux",
        "data_disk_count": 1,
    },
    "vm-dev": {"instance_type": "Standard_B2s", "vcpu": 2, "memory_mib": 4096, "os": "Windows"},
    "data-0": {"size_bytes": 512 * GIB, "volume_type": "Premium_LRS", "state": "Attached"},
    "stprod": {
        "kind": "StorageV2",
        "replication": "Standard_GRS",
        "access_tier": "Hot",
        "size_bytes": 5 * GIB,
    },
    "stdev": {"kind": "BlobStorage", "replication": "Standard_LRS", "size_bytes": 7 * GIB},
    "sql-prod": {"engine": "sqlserver", "engine_version": "12.0"},
    "orders": {
        "engine": "sqlserver",
        "instance_type": "GP_Gen5_2",
        "tier": "GeneralPurpose",
        "max_size_bytes": 34359738368,
    },
    "pg-prod": {
        "engine": "postgres",
        "engine_version": "16",
        "size_bytes": 128 * GIB,
        "instance_type": "Standard_D2ds_v5",
        "high_availability": "ZoneRedundant",
    },
    "mysql-prod": {"engine": "mysql", "engine_version": "8.0.21", "size_bytes": 32 * GIB},
    "cosmos-cass": {"engine": "cassandra", "kind": "GlobalDocumentDB"},
    "cosmos-mongo": {"engine": "mongodb", "kind": "MongoDB"},
    "aks-prod": {"engine_version": "1.30.4", "node_count": 8, "node_pools": 2},
    "plan-prod": {"instance_type": "P1v3", "node_count": 2, "kind": "linux"},
    "web-prod": {"kind": "app,linux", "runtime": "PYTHON|3.12", "state": "Running"},
    "func-prod": {"kind": "functionapp"},
    "sb-prod": {"tier": "Premium"},
    "eh-prod": {"tier": "Standard", "throughput_units": 4},
    "kv-prod": {"tier": "premium"},
    "afd-prod": {"tier": "Standard_AzureFrontDoor"},
    "example.org": {"record_count": 42, "zone_type": "Public"},
    "acrprod": {"tier": "Premium"},
    "lb-prod": {"tier": "Standard"},
    "agw-prod": {"tier": "WAF_v2", "node_count": 2, "autoscale_min": 2, "autoscale_max": 10},
    "vnet-prod": {"cidr_block": "10.0.0.0/16,10.1.0.0/16", "subnet_count": 3},
    "redis-prod": {
        "engine": "redis",
        "engine_version": "6.0",
        "instance_type": "P1",
        "tier": "Premium",
    },
}


@pytest.mark.parametrize("graph", [False, True], ids=["resource-manager", "resource-graph"])
def test_every_subscription_is_read_with_its_facts(quick: None, graph: bool) -> None:
    fake = estate()
    with serve(fake) as url:
        inventory = run(fake, url, resource_graph=graph)
    found = by_name(inventory)
    groups = sorted(r.name for r in inventory.resources if r.type.endswith("resourceGroups"))
    assert groups == sorted(
        ["rg-app", "rg-data", "rg-k8s", "rg-msg", "rg-sec", "rg-net", "rg-dev", "rg-empty"]
    )
    assert len(inventory.resources) == 260 + 23 + 2 + 8
    for name, attributes in EXPECTED.items():
        assert attributes.items() <= found[name].attributes.items(), name
    # A Windows app's language defaults say nothing of what it runs.
    assert "runtime" not in found["func-prod"].attributes
    vm = found["vm-001"]
    assert (vm.account, vm.region, vm.resource_group) == (PROD, "westeurope", "rg-app")
    assert vm.type == "Microsoft.Compute/virtualMachines"
    assert vm.tags == {"app": "portal", "env": "prod"}
    assert found["vm-dev"].account == DEV
    assert found["logic-prod"].tags == {"team": "ops"}
    # Three subscriptions asked; the locked one is a gap, not covered, the others intact.
    assert [(g.scope, g.service, g.code) for g in inventory.gaps] == [
        (LOCKED, "*", "AuthorizationFailed")
    ]
    assert {s.id for s in inventory.scan.scopes_covered} == {PROD, DEV}
    assert {s.name for s in inventory.scan.scopes_requested} == {
        "Production",
        "Development",
        "Locked",
    }
    text = inventory.model_dump_json()
    assert SECRET not in text


def test_resource_manager_reads_created_time_and_pages(quick: None) -> None:
    fake = estate()
    with serve(fake) as url:
        inventory = run(fake, url)
    vm = by_name(inventory)["vm-000"]
    assert vm.attributes["created_time"] == "2025-03-01T10:00:00.0000000Z"
    assert vm.attributes["provisioning_state"] == "Succeeded"
    lists = [p for m, p in fake.requests if f"/subscriptions/{PROD}/resources?" in p]
    assert len(lists) == 3  # 283 resources in pages of 100, through nextLink
    assert "$expand=createdTime%2CchangedTime%2CprovisioningState" in lists[0]


def test_resource_graph_pages_with_skip_tokens_and_waits_for_its_quota(
    quick: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    waits: list[float] = []

    def wait(pacer: graph.Pacer) -> None:
        waits.append(max(0, round(pacer._not_before - pacer._clock())))

    monkeypatch.setattr(graph.Pacer, "wait", wait)
    monkeypatch.setattr(graph, "PAGE", 100)
    fake = estate()
    fake.graph_quota = 0
    with serve(fake) as url:
        inventory = run(fake, url, resource_graph=True)
    queries = [p for m, p in fake.requests if m == "POST"]
    assert len(queries) == 3  # 293 rows in pages of 100
    assert waits == [0, 1, 1]  # the quota was spent after each page, for a second
    assert len(inventory.resources) == 293
    # One query for every subscription; per-type lists are not needed.
    assert not [p for m, p in fake.requests if "/providers/Microsoft.Compute/virtualMachines?" in p]


def test_resource_graph_in_batches_throttled_and_with_a_subscription_it_has_not_indexed(
    quick: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(azure_connector, "GRAPH_BATCH", 2)
    fake = estate()
    fake.graph_omits = {DEV}
    # Resource Graph's 429 carries its quota headers, not Retry-After.
    fake.throttle = {"/providers/microsoft.resourcegraph/resources": 3}
    fake.retry_after = None
    seen: list[Any] = []
    with serve(fake) as url:
        inventory = run(fake, url, resource_graph=True, progress=seen.append)
    assert fake.throttle == {"/providers/microsoft.resourcegraph/resources": 0}
    # Two batches, then DEV and LOCKED through Resource Manager: one count, never back.
    assert [p.done for p in seen] == sorted(p.done for p in seen)
    assert (seen[-1].done, seen[-1].total) == (4, 4)
    posts = [p for m, p in fake.requests if m == "POST"]
    assert len(posts) == 3 + 2  # two batches, the first throttled three times
    # DEV was missing from Resource Graph's answer, so Resource Manager read it.
    assert {r.name for r in inventory.resources if r.account == DEV} == {
        "vm-dev",
        "stdev",
        "rg-dev",
        "rg-empty",
    }
    assert [(g.scope, g.code) for g in inventory.gaps] == [(LOCKED, "AuthorizationFailed")]


def test_a_truncated_or_failed_resource_graph_answer_is_read_through_resource_manager(
    quick: None,
) -> None:
    fake = estate()
    fake.graph_truncates = True
    with serve(fake) as url:
        truncated = run(fake, url, resource_graph=True)
        fake.graph_truncates = False
        fake.errors = {"/providers/microsoft.resourcegraph/resources": (400, "BadRequest")}
        failed = run(fake, url, resource_graph=True)
    for inventory in (truncated, failed):
        assert [(g.scope, g.code) for g in inventory.gaps] == [(LOCKED, "AuthorizationFailed")]
        assert len(inventory.resources) == 293
        assert {s.id for s in inventory.scan.scopes_covered} == {PROD, DEV}


def test_throttling_is_retried_on_any_page(quick: None) -> None:
    fake = estate()
    fake.throttle = {f"/subscriptions/{PROD}/resources?": 2, "skiptoken=200": 2}
    with serve(fake) as url:
        inventory = run(fake, url)
    assert not [g for g in inventory.gaps if g.scope != LOCKED]
    assert len(inventory.resources) == 293
    assert fake.throttle == {f"/subscriptions/{PROD}/resources?": 0, "skiptoken=200": 0}


def test_throttling_that_does_not_end_is_a_gap(quick: None) -> None:
    fake = estate()
    # Ten retries by default, each 429 counted: five in a row are weathered.
    fake.throttle = {f"/subscriptions/{PROD}/resources?": 5, f"/subscriptions/{DEV}/resources?": 4}
    with serve(fake) as url:
        inventory = run(fake, url)
        assert [g.scope for g in inventory.gaps] == [LOCKED]
        fake.throttle = {f"/subscriptions/{DEV}/resources?": 4}
        inventory = run(fake, url, retry_total=3)
    gaps = {(g.scope, g.service, g.code) for g in inventory.gaps}
    assert (DEV, "*", "TooManyRequests") in gaps
    assert len([r for r in inventory.resources if r.account == PROD]) == 260 + 23 + 6


def test_a_type_list_that_is_refused_keeps_the_resources_without_guessed_facts(
    quick: None,
) -> None:
    fake = estate()
    fake.denied["/providers/microsoft.compute/virtualmachines?"] = "AuthorizationFailed"
    fake.denied["/providers/microsoft.insights/metrics"] = "AuthorizationFailed"
    with serve(fake) as url:
        inventory = run(fake, url)
    vm = by_name(inventory)["vm-001"]
    assert vm.attributes.keys() == {"provisioning_state", "created_time", "changed_time"}
    gaps = {(g.scope, g.service, g.code): g.message for g in inventory.gaps}
    assert gaps[(PROD, "Microsoft.Compute/virtualMachines", "AuthorizationFailed")].startswith(
        "260 resources without their properties"
    )
    assert gaps[(PROD, "Azure Monitor UsedCapacity", "AuthorizationFailed")].startswith(
        "1 resources lack"
    )
    assert "size_bytes" not in by_name(inventory)["stprod"].attributes
    assert by_name(inventory)["stprod"].attributes["replication"] == "Standard_GRS"
    assert {s.id for s in inventory.scan.scopes_covered} == {PROD, DEV}


@pytest.mark.parametrize("graph", [False, True], ids=["resource-manager", "resource-graph"])
def test_a_malformed_record_is_a_gap_naming_it_and_the_rest_is_read(
    quick: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, graph: bool
) -> None:
    """A resource without a type, a resource group without one, and tags that are no object:
    each is a gap naming its subscription and place (never a value), and costs nothing
    else; through Resource Graph, the subscription is read again through Resource Manager,
    which names the page and record."""
    fake = estate()
    broken = dict(fake.resources[DEV][1])
    del broken["type"]
    broken["tags"] = {"note": SECRET}
    fake.resources[DEV].append(broken)
    fake.untyped_groups = {"rg-empty"}
    fake.resources[PROD][0]["tags"] = [SECRET]
    out = tmp_path / "inventory.json"
    args = ["scan", "azure", "--subscriptions", f"{PROD},{DEV}", "-o", str(out), "-q"]
    with serve(fake) as url:
        _point_cli_at(monkeypatch, url, Token())
        result = CliRunner().invoke(app, args + (["--resource-graph"] if graph else []))
    assert result.exit_code == 1, result.output
    assert SECRET not in result.output and SECRET not in out.read_text()
    inventory = Inventory.model_validate_json(out.read_text())
    gaps = sorted((g.scope, g.service, g.code, g.message) for g in inventory.gaps)
    vm = arm_id(PROD, "rg-app", "Microsoft.Compute/virtualMachines", "vm-000")
    group = "record 2 of page 1 has no type (fields present: id, location, name, properties)"
    fields = "changedTime, createdTime, id, kind, location, name, provisioningState, sku, tags"
    resource = f"record 3 of page 1 has no type (fields present: {fields})"
    bad = "MalformedRecord"
    tags = "tags are a list, not an object of names and values"
    assert gaps == [
        (PROD, "resources", bad, f"{vm}: {tags}; left out"),
        (DEV, "resourceGroups", bad, f"resourceGroups.list: {group}; left out"),
        (DEV, "resources", bad, f"resources.list: {resource}; left out"),
    ]  # fmt: skip
    names = {r.name for r in inventory.resources}
    assert {"vm-001", "vm-259", "vm-dev", "stdev", "rg-dev", "rg-app"} <= names
    assert not {"vm-000", "rg-empty"} & names
    assert {s.id for s in inventory.scan.scopes_covered} == {PROD, DEV}


def test_the_connector_only_reads(quick: None) -> None:
    """Azure answers a list in a subscription without the provider registered with 409; the
    SDK's default pipeline would then register it (a POST). Ours records a gap."""
    from azure.mgmt.resource.resources import ResourceManagementClient
    from azure.mgmt.resource.subscriptions import SubscriptionClient
    from azure.mgmt.resourcegraph import ResourceGraphClient

    fake = estate()
    fake.errors = {"/providers/microsoft.web/sites?": (409, "MissingSubscriptionRegistration")}
    with serve(fake) as url:
        inventory = run(fake, url)
        run(fake, url, resource_graph=True)
        connector = AzureConnector(AzureOptions(endpoint=url, credential=Token()))
        pipeline = connector.pipeline()
        clients = [
            pipeline.client,
            SubscriptionClient(pipeline.credential, **pipeline.sdk())._client,
            ResourceManagementClient(pipeline.credential, PROD, **pipeline.sdk())._client,
            ResourceGraphClient(pipeline.credential, **pipeline.sdk())._client,
        ]
        for client in clients:
            for method in ("PUT", "PATCH", "DELETE", "POST"):
                with pytest.raises(RuntimeError, match=f"only reads; refused {method}"):
                    client.send_request(HttpRequest(method, f"{url}/subscriptions/{PROD}"))
        # Only the query itself may be posted, not a path that ends like it.
        elsewhere = f"{url}/subscriptions/{PROD}/providers/Microsoft.ResourceGraph/resources"
        with pytest.raises(RuntimeError, match="only reads; refused POST"):
            pipeline.client.send_request(HttpRequest("POST", elsewhere))
    assert (PROD, "Microsoft.Web/sites", "MissingSubscriptionRegistration") in {
        (g.scope, g.service, g.code) for g in inventory.gaps
    }
    assert {m for m, _ in fake.requests} == {"GET", "POST"}
    posts = {p.split("?")[0] for m, p in fake.requests if m == "POST"}
    assert posts == {"/providers/Microsoft.ResourceGraph/resources"}


def test_redirects_are_not_followed(quick: None) -> None:
    """Resource Manager does not redirect reads; a redirect would take the token to a host
    nobody checked. It is a gap, and the other host hears nothing."""
    elsewhere = Estate(subscriptions={PROD: "x"})
    fake = estate()
    with serve(elsewhere) as other, serve(fake) as url:
        fake.redirects = {"/providers/microsoft.keyvault/vaults?": f"{other}/steal"}
        inventory = run(fake, url)
    assert elsewhere.requests == []
    assert (PROD, "Microsoft.KeyVault/vaults") in {(g.scope, g.service) for g in inventory.gaps}


def test_a_vm_size_list_refused_in_one_subscription_is_its_gap_alone(quick: None) -> None:
    """PROD is read first and may not list sizes; DEV, read next, asks again for the same
    location with its own rights, and gets the figures for its VM there."""
    fake = estate()
    fake.resources[DEV].append(
        resource(
            DEV,
            "rg-dev",
            "Microsoft.Compute/virtualMachines",
            "vm-dev-2",
            properties={"hardwareProfile": {"vmSize": "Standard_B2s"}},
        )
    )
    fake.denied[f"/subscriptions/{PROD}/providers/microsoft.compute/skus"] = "AuthorizationFailed"
    with serve(fake) as url:
        inventory = run(fake, url, max_workers=1)
    found = by_name(inventory)
    assert "vcpu" not in found["vm-001"].attributes
    assert found["vm-dev-2"].attributes["vcpu"] == 2
    assert found["vm-dev"].attributes["vcpu"] == 2
    skus = [(g.scope, g.message) for g in inventory.gaps if g.service == "Microsoft.Compute/skus"]
    assert len(skus) == 1 and skus[0][0] == PROD and skus[0][1].startswith("260 resources lack")


@pytest.mark.parametrize("graph", [False, True], ids=["resource-manager", "resource-graph"])
def test_a_resource_listed_twice_is_kept_once(quick: None, graph: bool) -> None:
    fake = estate()
    twice = dict(fake.resources[DEV][0])
    twice["id"] = twice["id"].upper().replace("/SUBSCRIPTIONS/", "/subscriptions/")
    fake.resources[DEV].append(twice)
    with serve(fake) as url:
        inventory = run(fake, url, resource_graph=graph)
    assert [r.name for r in inventory.resources].count("vm-dev") == 1


def test_one_token_serves_the_scan(quick: None) -> None:
    fake = estate()
    token = Token()
    with serve(fake) as url:
        run(fake, url, credential=token)
        run(fake, url, credential=token, resource_graph=True)
    assert len(token.tenants) == 2  # one per scan, not one per subscription or client


def test_resource_graph_is_asked_for_properties_of_table_types_only() -> None:
    from connectors.azure.relations import LINKED
    from connectors.azure.types import TYPES

    assert "iff(type in~ (" in graph.QUERY and "properties, dynamic(null))" in graph.QUERY
    listed = graph.QUERY.split("iff(type in~ (", 1)[1].split(")", 1)[0]
    wanted = {kind.lower() for kind in [*TYPES, *LINKED]}
    assert {t.strip(" '") for t in listed.split(",")} == wanted


def test_an_answer_that_is_not_json_is_a_gap(quick: None) -> None:
    fake = estate()
    fake.garbage = {"/providers/microsoft.keyvault/vaults?"}
    with serve(fake) as url:
        inventory = run(fake, url)
    found = {(g.scope, g.service, g.code): g.message for g in inventory.gaps}
    assert "not JSON" in found[(PROD, "Microsoft.KeyVault/vaults", "NotJSON")]


def test_subscriptions_asked_for_and_the_tenant(quick: None) -> None:
    fake = estate()
    unknown = "bbbbbbbb-0000-4000-8000-000000000009"
    tenant = "contoso.onmicrosoft.com"
    token = Token()
    with serve(fake) as url:
        some = run(fake, url, subscriptions=(DEV, unknown), tenant=tenant, credential=token)
        every = run(fake, url, tenant=tenant, credential=token)
    assert {r.account for r in some.resources} == {DEV}
    assert [(g.scope, g.code) for g in some.gaps] == [(unknown, "SubscriptionNotFound")]
    # Named subscriptions are not the tenant: it is neither asked for nor covered.
    assert {s.id for s in some.scan.scopes_covered} == {DEV}
    assert set(token.tenants) == {tenant}
    # All of it, but one subscription refused: the tenant is not covered either.
    assert (tenant, "SubscriptionsUnread") in {(g.scope, g.code) for g in every.gaps}
    assert {s.id for s in every.scan.scopes_covered} == {PROD, DEV}
    assert tenant in {s.id for s in every.scan.scopes_requested}


def test_a_token_refused_for_one_subscription_is_its_gap(quick: None) -> None:
    fake = estate()
    fake.errors = {f"/subscriptions/{DEV}/resources?": (401, "InvalidAuthenticationTokenTenant")}
    with serve(fake) as url:
        inventory = run(fake, url)
    assert (DEV, "*", "InvalidAuthenticationTokenTenant") in {
        (g.scope, g.service, g.code) for g in inventory.gaps
    }
    assert {s.id for s in inventory.scan.scopes_covered} == {PROD}


def test_cancelling_ends_a_retry_after_wait_at_once() -> None:
    fake = estate()
    fake.throttle = {f"/subscriptions/{DEV}/resources?": 1}
    fake.retry_after = "30"

    def interrupt(progress: Any) -> None:
        if progress.done >= 1:
            raise KeyboardInterrupt

    with serve(fake) as url:
        connector = AzureConnector(
            AzureOptions(endpoint=url, credential=Token(), progress=interrupt)
        )
        scopes = connector.discover()
        started = time.monotonic()
        with pytest.raises(KeyboardInterrupt):
            scan(connector, scopes)
        waited = time.monotonic() - started
    assert waited < 10  # not the 30 s Azure asked for


def test_refused_credentials_are_a_user_error(quick: None) -> None:
    fake = estate()
    with serve(fake) as url:
        connector = AzureConnector(AzureOptions(endpoint=url, credential=Refused()))
        with pytest.raises(InputError) as caught:
            connector.discover()
    assert caught.value.message.splitlines() == [
        "Azure credentials could not be obtained: DefaultAzureCredential failed to retrieve a "
        "token.",
        "  EnvironmentCredential: Environment variables are not fully configured.",
        "  AzureCliCredential: AADSTS700082: The refresh token has expired",
    ]
    assert "az login" in (caught.value.hint or "")


def test_cancelling_stops_requests(quick: None) -> None:
    fake = estate()
    fake.subscriptions.update({f"cccccccc-0000-4000-8000-{n:012d}": "x" for n in range(30)})
    fake.latency = 0.05
    stops = {"n": 0}

    def interrupt(progress: Any) -> None:
        stops["n"] += 1
        if progress.done >= 1:
            raise KeyboardInterrupt

    with serve(fake) as url:
        connector = AzureConnector(
            AzureOptions(endpoint=url, credential=Token(), max_workers=2, progress=interrupt)
        )
        scopes = connector.discover()
        with pytest.raises(KeyboardInterrupt):
            scan(connector, scopes)
        sent = len(fake.requests)
        time.sleep(0.3)
    assert len(fake.requests) == sent  # nothing after the interrupt
    assert sent < 40  # 33 subscriptions would take over 80 requests


def _point_cli_at(monkeypatch: pytest.MonkeyPatch, url: str, credential: Any) -> None:
    original = AzureConnector.__init__

    def patched(self: AzureConnector, options: AzureOptions | None = None) -> None:
        original(self, options)
        self.options.endpoint = url
        self.options.credential = credential

    monkeypatch.setattr(AzureConnector, "__init__", patched)


def test_scan_azure_writes_the_inventory_and_exits_1_on_gaps(
    quick: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = estate()
    out = tmp_path / "inventory-azure.json"
    with serve(fake) as url:
        _point_cli_at(monkeypatch, url, Token())
        ok = CliRunner().invoke(
            app, ["scan", "azure", "--subscriptions", f"{PROD},{DEV}", "-o", str(out), "-q"]
        )
        assert ok.exit_code == 0, ok.output
        first = json.loads(out.read_text())
        again = CliRunner().invoke(
            app, ["scan", "azure", "--subscriptions", f"{DEV},{PROD}", "-o", str(out), "-q"]
        )
        assert again.exit_code == 0
        # Two scans of the same estate write the same resources in the same order.
        assert json.loads(out.read_text())["resources"] == first["resources"]
        partial = CliRunner().invoke(app, ["scan", "azure", "-o", str(out), "-q"])
        assert partial.exit_code == 1, partial.output
        assert LOCKED in partial.output
    written = json.loads(out.read_text())
    assert written["scan"]["source"] == "azure-api"
    planned = CliRunner().invoke(app, ["plan", str(out), "-o", str(tmp_path / "plan"), "-q"])
    assert planned.exit_code == 0, planned.output


def test_bad_options_and_credentials_exit_2(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    out = str(tmp_path / "inventory.json")
    bad = CliRunner().invoke(app, ["scan", "azure", "--subscriptions", "prod", "-o", out])
    assert bad.exit_code == 2 and "is not a subscription id" in bad.output
    fake = estate()
    with serve(fake) as url:
        _point_cli_at(monkeypatch, url, Refused())
        refused = CliRunner().invoke(app, ["scan", "azure", "-o", out])
    assert refused.exit_code == 2, refused.output
    assert "hint: run: az login" in refused.output
    assert "Traceback" not in refused.output


def test_permissions_azure_lists_each_call_s_action() -> None:
    printed = CliRunner().invoke(
        app, ["permissions", "azure", "--subscriptions", PROD, "--resource-graph"]
    )
    role = json.loads(printed.stdout)
    assert role["AssignableScopes"] == [f"/subscriptions/{PROD}"]
    for action in (
        "Microsoft.Resources/subscriptions/resources/read",
        "Microsoft.Compute/skus/read",
        "Microsoft.Web/sites/config/read",
        "Microsoft.Sql/servers/databases/read",
        "Microsoft.Network/networkInterfaces/read",
        "Microsoft.Insights/metrics/read",
        "Microsoft.ResourceGraph/resources/read",
    ):
        assert action in role["Actions"]
    assert all(a.endswith("/read") for a in role["Actions"])
    none = CliRunner().invoke(app, ["permissions", "azure"])
    assert none.exit_code == 2 and "Reader" in none.output


@pytest.fixture(autouse=True)
def _no_ambient_azure_credentials(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in ("AZURE_CLIENT_ID", "AZURE_TENANT_ID", "AZURE_CLIENT_SECRET"):
        monkeypatch.delenv(name, raising=False)
    yield


def test_the_catalogue_maps_azure_types_in_any_case() -> None:
    from exitplan.catalogue import load_catalogue

    catalogue = load_catalogue()
    graph = catalogue.category_for("azure", "microsoft.web/sites", {"kind": "functionapp"}.get)
    manager = catalogue.category_for("azure", "Microsoft.Web/sites", {"kind": "app"}.get)
    assert (graph and graph.id, manager and manager.id) == ("serverless-functions", "app-hosting")
    assert catalogue.category_for("aws", "aws::s3::bucket", dict[str, object]().get) is None
