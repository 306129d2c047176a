"""`exitplan import` of Azure states: the commonly used azurerm types and azapi's generic
resource each placed as a scan would place it, and the misreads of real states fixed:
storage containers named by their data plane URL, azapi taken for another provider,
children placed in `global`, databases of a server counted as parts.

The estate is `fixtures/import/state-azure.tfstate` (written by make_fixtures.py, shaped
after public states); the faults are small states built here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from connectors.importers.tfparts import is_part
from connectors.importers.tftypes import TF_TYPES
from connectors.importers.tftypes_azure import AZURE_PARTS
from exitplan.cli import app

STATE = Path(__file__).parent / "fixtures" / "import" / "state-azure.tfstate"
SUB = "0b5d3c2a-7e41-4f6a-9c8d-1e2f3a4b5c6d"
RG = f"/subscriptions/{SUB}/resourceGroups"
NET = f"{RG}/rg-shop-net/providers/Microsoft.Network"
APP = f"{RG}/rg-shop-app/providers"
DATA = f"{RG}/rg-shop-data/providers"
VNET = f"{NET}/virtualNetworks/vnet-shop-hub"
ACCOUNT = f"{DATA}/Microsoft.Storage/storageAccounts/stshopdata"
WATCHER = (
    f"{RG}/NetworkWatcherRG/providers/Microsoft.Network/networkWatchers/NetworkWatcher_westeurope"
)
AZURERM = 'provider["registry.terraform.io/hashicorp/azurerm"]'
AZAPI = 'provider["registry.terraform.io/azure/azapi"]'
SECRET = "PLANTED-SECRET"

# id -> (native type, region): every managed instance of the estate that is no part.
PLACED: dict[str, tuple[str, str]] = {
    f"{RG}/rg-shop-net": ("Microsoft.Resources/resourceGroups", "westeurope"),
    f"{RG}/rg-shop-app": ("Microsoft.Resources/resourceGroups", "westeurope"),
    f"{RG}/rg-shop-data": ("Microsoft.Resources/resourceGroups", "westeurope"),
    VNET: ("Microsoft.Network/virtualNetworks", "westeurope"),
    f"{NET}/virtualNetworks/vnet-shop-spoke": ("Microsoft.Network/virtualNetworks", "northeurope"),
    # Subnets record no location: their network's.
    f"{VNET}/subnets/app": ("Microsoft.Network/virtualNetworks/subnets", "westeurope"),
    f"{VNET}/subnets/data": ("Microsoft.Network/virtualNetworks/subnets", "westeurope"),
    f"{VNET}/subnets/AzureBastionSubnet": (
        "Microsoft.Network/virtualNetworks/subnets",
        "westeurope",
    ),
    f"{VNET}/subnets/jobs": ("Microsoft.Network/virtualNetworks/subnets", "westeurope"),
    f"{NET}/networkSecurityGroups/nsg-shop-app": (
        "Microsoft.Network/networkSecurityGroups",
        "westeurope",
    ),
    f"{NET}/publicIPAddresses/pip-shop-bastion": (
        "Microsoft.Network/publicIPAddresses",
        "westeurope",
    ),
    f"{NET}/publicIPAddresses/pip-shop-nat": ("Microsoft.Network/publicIPAddresses", "westeurope"),
    f"{NET}/natGateways/ng-shop": ("Microsoft.Network/natGateways", "westeurope"),
    f"{NET}/bastionHosts/bas-shop": ("Microsoft.Network/bastionHosts", "westeurope"),
    f"{NET}/routeTables/rt-shop-spoke": ("Microsoft.Network/routeTables", "northeurope"),
    f"{NET}/privateDnsZones/privatelink.blob.core.windows.net": (
        "Microsoft.Network/privateDnsZones",
        "global",
    ),
    f"{NET}/dnsZones/shop.example": ("Microsoft.Network/dnszones", "global"),
    f"{NET}/privateEndpoints/pe-shop-blob": ("Microsoft.Network/privateEndpoints", "westeurope"),
    f"{NET}/networkInterfaces/nic-shop-jump-0": (
        "Microsoft.Network/networkInterfaces",
        "westeurope",
    ),
    f"{NET}/networkInterfaces/nic-shop-jump-1": (
        "Microsoft.Network/networkInterfaces",
        "westeurope",
    ),
    f"{APP}/Microsoft.Compute/virtualMachines/vm-shop-jump-0": (
        "Microsoft.Compute/virtualMachines",
        "westeurope",
    ),
    f"{APP}/Microsoft.Compute/virtualMachines/vm-shop-jump-1": (
        "Microsoft.Compute/virtualMachines",
        "westeurope",
    ),
    f"{APP}/Microsoft.Compute/disks/disk-shop-data": ("Microsoft.Compute/disks", "westeurope"),
    f"{APP}/Microsoft.Compute/virtualMachineScaleSets/vmss-shop-workers": (
        "Microsoft.Compute/virtualMachineScaleSets",
        "westeurope",
    ),
    f"{APP}/Microsoft.Compute/sshPublicKeys/sshkey-shop": (
        "Microsoft.Compute/sshPublicKeys",
        "westeurope",
    ),
    f"{APP}/Microsoft.ContainerService/managedClusters/aks-shop": (
        "Microsoft.ContainerService/managedClusters",
        "westeurope",
    ),
    # A node pool records no location: its cluster's.
    f"{APP}/Microsoft.ContainerService/managedClusters/aks-shop/agentPools/user": (
        "Microsoft.ContainerService/managedClusters/agentPools",
        "westeurope",
    ),
    f"{APP}/Microsoft.ContainerRegistry/registries/acrshop": (
        "Microsoft.ContainerRegistry/registries",
        "westeurope",
    ),
    f"{APP}/Microsoft.ManagedIdentity/userAssignedIdentities/id-shop-app": (
        "Microsoft.ManagedIdentity/userAssignedIdentities",
        "westeurope",
    ),
    f"{APP}/Microsoft.Web/serverFarms/asp-shop": ("Microsoft.Web/serverFarms", "westeurope"),
    f"{APP}/Microsoft.Web/sites/app-shop": ("Microsoft.Web/sites", "westeurope"),
    f"{APP}/Microsoft.Web/sites/app-shop/slots/staging": (
        "Microsoft.Web/sites/slots",
        "westeurope",
    ),
    f"{APP}/Microsoft.Web/sites/func-shop-jobs": ("Microsoft.Web/sites", "westeurope"),
    f"{APP}/Microsoft.App/managedEnvironments/cae-shop": (
        "Microsoft.App/managedEnvironments",
        "westeurope",
    ),
    f"{APP}/Microsoft.App/containerApps/ca-shop-api": ("Microsoft.App/containerApps", "westeurope"),
    ACCOUNT: ("Microsoft.Storage/storageAccounts", "westeurope"),
    # Containers and queues: the ARM id a scan gives, whatever id Terraform records; the
    # account's location.
    f"{ACCOUNT}/blobServices/default/containers/uploads": (
        "Microsoft.Storage/storageAccounts/blobServices/containers",
        "westeurope",
    ),
    f"{ACCOUNT}/blobServices/default/containers/exports": (
        "Microsoft.Storage/storageAccounts/blobServices/containers",
        "westeurope",
    ),
    f"{ACCOUNT}/queueServices/default/queues/jobs": (
        "Microsoft.Storage/storageAccounts/queueServices/queues",
        "westeurope",
    ),
    f"{ACCOUNT}/fileServices/default/shares/files": (
        "Microsoft.Storage/storageAccounts/fileServices/shares",
        "westeurope",
    ),
    f"{DATA}/Microsoft.DBforPostgreSQL/flexibleServers/psql-shop": (
        "Microsoft.DBforPostgreSQL/flexibleServers",
        "westeurope",
    ),
    f"{DATA}/Microsoft.DBforPostgreSQL/flexibleServers/psql-shop/databases/orders": (
        "Microsoft.DBforPostgreSQL/flexibleServers/databases",
        "westeurope",
    ),
    f"{DATA}/Microsoft.Sql/servers/sql-shop": ("Microsoft.Sql/servers", "westeurope"),
    f"{DATA}/Microsoft.Sql/servers/sql-shop/databases/reports": (
        "Microsoft.Sql/servers/databases",
        "westeurope",
    ),
    f"{DATA}/Microsoft.DocumentDB/databaseAccounts/cosmos-shop": (
        "Microsoft.DocumentDB/databaseAccounts",
        "westeurope",
    ),
    f"{DATA}/Microsoft.DocumentDB/databaseAccounts/cosmos-shop/sqlDatabases/catalog": (
        "Microsoft.DocumentDB/databaseAccounts/sqlDatabases",
        "westeurope",
    ),
    (
        f"{DATA}/Microsoft.DocumentDB/databaseAccounts/cosmos-shop/sqlDatabases/catalog"
        "/containers/items"
    ): ("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers", "westeurope"),
    f"{DATA}/Microsoft.Cache/Redis/redis-shop": ("Microsoft.Cache/Redis", "westeurope"),
    f"{DATA}/Microsoft.KeyVault/vaults/kv-shop": ("Microsoft.KeyVault/vaults", "westeurope"),
    # A key: its ARM id, not the URL of its current version.
    f"{DATA}/Microsoft.KeyVault/vaults/kv-shop/keys/cmk": (
        "Microsoft.KeyVault/vaults/keys",
        "westeurope",
    ),
    f"{APP}/Microsoft.ServiceBus/namespaces/sb-shop": (
        "Microsoft.ServiceBus/namespaces",
        "westeurope",
    ),
    f"{APP}/Microsoft.ServiceBus/namespaces/sb-shop/queues/orders": (
        "Microsoft.ServiceBus/namespaces/queues",
        "westeurope",
    ),
    f"{APP}/Microsoft.ServiceBus/namespaces/sb-shop/topics/events": (
        "Microsoft.ServiceBus/namespaces/topics",
        "westeurope",
    ),
    f"{APP}/Microsoft.ServiceBus/namespaces/sb-shop/topics/events/subscriptions/audit": (
        "Microsoft.ServiceBus/namespaces/topics/subscriptions",
        "westeurope",
    ),
    f"{APP}/Microsoft.EventHub/namespaces/evh-shop": (
        "Microsoft.EventHub/namespaces",
        "westeurope",
    ),
    f"{APP}/Microsoft.EventHub/namespaces/evh-shop/eventhubs/clicks": (
        "Microsoft.EventHub/namespaces/eventhubs",
        "westeurope",
    ),
    f"{APP}/Microsoft.EventHub/namespaces/evh-shop/eventhubs/clicks/consumergroups/analytics": (
        "Microsoft.EventHub/namespaces/eventhubs/consumergroups",
        "westeurope",
    ),
    f"{APP}/Microsoft.OperationalInsights/workspaces/log-shop": (
        "Microsoft.OperationalInsights/workspaces",
        "westeurope",
    ),
    f"{APP}/Microsoft.Insights/components/appi-shop": (
        "Microsoft.Insights/components",
        "westeurope",
    ),
    f"{APP}/Microsoft.Insights/actionGroups/ag-shop-oncall": (
        "Microsoft.Insights/actionGroups",
        "global",
    ),
    f"{APP}/Microsoft.Insights/metricAlerts/alert-shop-cpu": (
        "Microsoft.Insights/metricAlerts",
        "global",
    ),
    # What Resource Manager lists below a machine, a registry and a network watcher; an
    # extension records no location: its machine's.
    f"{APP}/Microsoft.Compute/virtualMachines/vm-shop-jump-0/extensions/AzureMonitorLinuxAgent": (
        "Microsoft.Compute/virtualMachines/extensions",
        "westeurope",
    ),
    f"{APP}/Microsoft.DevTestLab/schedules/shutdown-computevm-vm-shop-jump-0": (
        "Microsoft.DevTestLab/schedules",
        "westeurope",
    ),
    f"{APP}/Microsoft.ContainerRegistry/registries/acrshop/webhooks/deploy": (
        "Microsoft.ContainerRegistry/registries/webhooks",
        "westeurope",
    ),
    f"{WATCHER}": ("Microsoft.Network/networkWatchers", "westeurope"),
    f"{WATCHER}/flowLogs/fl-shop-app": (
        "Microsoft.Network/networkWatchers/flowLogs",
        "westeurope",
    ),
    # The subscription, filed under itself; a container known only by its URL, under the
    # account of its name.
    f"/subscriptions/{SUB}": ("Microsoft.Resources/subscriptions", "global"),
    f"{ACCOUNT}/blobServices/default/containers/legacy": (
        "Microsoft.Storage/storageAccounts/blobServices/containers",
        "westeurope",
    ),
    # azapi: the type it names, spelled as Resource Manager spells it, located as written.
    f"{APP}/Microsoft.Search/searchServices/srch-shop": (
        "Microsoft.Search/searchServices",
        "northeurope",
    ),
}

PARTS = {
    "azurerm_network_security_rule",
    "azurerm_subnet_network_security_group_association",
    "azurerm_nat_gateway_public_ip_association",
    "azurerm_route",
    "azurerm_virtual_network_peering",
    "azurerm_private_dns_zone_virtual_network_link",
    "azurerm_private_dns_a_record",
    "azurerm_dns_cname_record",
    "azurerm_virtual_machine_data_disk_attachment",
    "azurerm_role_assignment",
    "azurerm_management_group",
    "azurerm_resource_group_template_deployment",
    "azurerm_storage_blob",
    "azurerm_storage_management_policy",
    "azurerm_postgresql_flexible_server_firewall_rule",
    "azurerm_postgresql_flexible_server_configuration",
    "azurerm_mssql_firewall_rule",
    "azurerm_key_vault_access_policy",
    "azurerm_key_vault_secret",
    "azurerm_servicebus_namespace_authorization_rule",
    "azurerm_monitor_diagnostic_setting",
    "azapi_resource_action",
    "azapi_update_resource",
}


def arm(group: str, kind: str, *names: str) -> str:
    """An ARM id in the test subscription: arm("rg", "Microsoft.Web/sites", "app")."""
    return f"{RG}/{group}/providers/{kind}/" + "/".join(names)


def run(tmp_path: Path, state: Path | dict[str, Any]) -> tuple[int, str, dict[str, Any], str]:
    if isinstance(state, dict):
        path = tmp_path / "terraform.tfstate"
        path.write_text(json.dumps(state))
        state = path
    out = tmp_path / "inventory.json"
    result = CliRunner().invoke(app, ["import", str(state), "--out", str(out)])
    assert result.exit_code in (0, 1), result.output
    text = out.read_text()
    return result.exit_code, result.output, json.loads(text), text


def v4(*blocks: tuple[str, str, dict[str, Any]]) -> dict[str, Any]:
    """A state of one instance per (type, provider, attributes)."""
    resources = [
        {
            "mode": "managed",
            "type": kind,
            "name": f"r{n}",
            "provider": provider,
            "instances": [{"schema_version": 0, "attributes": attributes}],
        }
        for n, (kind, provider, attributes) in enumerate(blocks)
    ]
    return {"version": 4, "terraform_version": "1.9.8", "lineage": "l", "resources": resources}


# --- the estate ----------------------------------------------------------------------


def test_an_azure_estate_imports_every_common_type_in_its_place(tmp_path: Path) -> None:
    code, output, inventory, text = run(tmp_path, STATE)
    assert code == 0, output
    assert inventory["gaps"] == []
    found = {r["id"]: (r["type"], r["region"]) for r in inventory["resources"]}
    assert found == PLACED
    assert {r["account"] for r in inventory["resources"]} == {SUB}
    groups = {r["id"]: r.get("resource_group") for r in inventory["resources"]}
    assert groups[f"{ACCOUNT}/blobServices/default/containers/uploads"] == "rg-shop-data"
    assert groups[f"{ACCOUNT}/blobServices/default/containers/legacy"] == "rg-shop-data"
    skipped = {s["type"] for s in inventory["skipped"]}
    assert skipped == PARTS | {"random_password"}
    assert SECRET not in text + output


def test_the_estates_facts_are_read_in_the_connectors_units(tmp_path: Path) -> None:
    _, _, inventory, _ = run(tmp_path, STATE)
    attributes = {r["id"]: r["attributes"] for r in inventory["resources"]}
    vmss = attributes[f"{APP}/Microsoft.Compute/virtualMachineScaleSets/vmss-shop-workers"]
    assert (vmss["instance_type"], vmss["node_count"], vmss["os"]) == (
        "Standard_D2s_v5",
        3,
        "Linux",
    )
    queue = attributes[f"{APP}/Microsoft.ServiceBus/namespaces/sb-shop/queues/orders"]
    assert queue["max_size_bytes"] == 1024 * 2**20
    share = attributes[f"{ACCOUNT}/fileServices/default/shares/files"]
    assert share["max_size_bytes"] == 100 * 2**30
    database = attributes[
        f"{DATA}/Microsoft.DBforPostgreSQL/flexibleServers/psql-shop/databases/orders"
    ]
    assert database["engine"] == "postgres"
    # azapi's body is never read, whatever it holds.
    search = attributes[f"{APP}/Microsoft.Search/searchServices/srch-shop"]
    assert set(search) == {"terraform_address"}


# --- storage containers: the ARM id, not the data plane URL ---------------------------

STORAGE = (
    f"/subscriptions/{SUB}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/st1"
)
BLOB = "https://st1.blob.core.windows.net"
ST1 = (
    "azurerm_storage_account",
    AZURERM,
    {"id": STORAGE, "name": "st1", "location": "swedencentral"},
)


@pytest.mark.parametrize(
    "container",
    [
        # azurerm 3.x, and 4.x given the account's name
        {
            "id": f"{BLOB}/logs",
            "name": "logs",
            "storage_account_name": "st1",
            "resource_manager_id": f"{STORAGE}/blobServices/default/containers/logs",
        },
        # azurerm 4.x given the account's id
        {
            "id": f"{STORAGE}/blobServices/default/containers/logs",
            "name": "logs",
            "storage_account_id": STORAGE,
            "resource_manager_id": f"{STORAGE}/blobServices/default/containers/logs",
        },
        # azurerm 5.x: the ARM id, and the URL apart
        {
            "id": f"{STORAGE}/blobServices/default/containers/logs",
            "name": "logs",
            "storage_account_id": STORAGE,
            "url": f"{BLOB}/logs",
        },
    ],
    ids=["3.x", "4.x", "5.x"],
)
def test_a_blob_container_is_named_and_placed_as_a_scan_names_it(
    tmp_path: Path, container: dict[str, Any]
) -> None:
    code, output, inventory, _ = run(
        tmp_path, v4(ST1, ("azurerm_storage_container", AZURERM, container))
    )
    assert code == 0, output
    found = {r["type"]: r for r in inventory["resources"]}
    logs = found["Microsoft.Storage/storageAccounts/blobServices/containers"]
    assert logs["id"] == f"{STORAGE}/blobServices/default/containers/logs"
    assert (logs["account"], logs["region"], logs["resource_group"]) == (
        SUB,
        "swedencentral",
        "rg-data",
    )


def test_a_container_whose_account_is_elsewhere_is_in_an_unknown_region(tmp_path: Path) -> None:
    container = {
        "id": f"{BLOB}/logs",
        "name": "logs",
        "storage_account_name": "st1",
        "resource_manager_id": f"{STORAGE}/blobServices/default/containers/logs",
    }
    code, output, inventory, _ = run(
        tmp_path, v4(("azurerm_storage_container", AZURERM, container))
    )
    assert code == 1, output
    (logs,) = inventory["resources"]
    assert (logs["account"], logs["region"]) == (SUB, "unknown")
    (gap,) = inventory["gaps"]
    assert gap["code"] == "RegionUnknown"
    assert gap["message"].endswith("'unknown': azurerm_storage_container 1")


QUEUES, SHARES, TABLES = (
    f"https://st1.{kind}.core.windows.net" for kind in ("queue", "file", "table")
)


@pytest.mark.parametrize(
    ("kind", "url", "arm"),
    [
        ("azurerm_storage_container", f"{BLOB}/logs", "blobServices/default/containers/logs"),
        ("azurerm_storage_queue", f"{QUEUES}/logs", "queueServices/default/queues/logs"),
        ("azurerm_storage_share", f"{SHARES}/logs", "fileServices/default/shares/logs"),
        ("azurerm_storage_table", f"{TABLES}/Tables('logs')", "tableServices/default/tables/logs"),
    ],
)
def test_a_child_known_only_by_its_url_is_placed_under_its_account_in_the_state(
    tmp_path: Path, kind: str, url: str, arm: str
) -> None:
    # Providers before 2.30 recorded neither resource_manager_id nor the account's id.
    child = {"id": url, "name": "logs", "storage_account_name": "st1"}
    code, output, inventory, _ = run(tmp_path, v4(ST1, (kind, AZURERM, child)))
    assert code == 0, output
    assert inventory["gaps"] == []
    logs = next(r for r in inventory["resources"] if r["name"] == "logs")
    assert logs["id"] == f"{STORAGE}/{arm}"
    assert (logs["account"], logs["region"], logs["resource_group"]) == (
        SUB,
        "swedencentral",
        "rg-data",
    )


def test_a_container_known_only_by_its_url_whose_account_is_elsewhere_is_unknown(
    tmp_path: Path,
) -> None:
    container = {"id": f"{BLOB}/logs", "name": "logs", "storage_account_name": "st1"}
    other = ("azurerm_storage_account", AZURERM, {**ST1[2], "id": STORAGE + "x", "name": "st1x"})
    code, output, inventory, _ = run(
        tmp_path, v4(other, ("azurerm_storage_container", AZURERM, container))
    )
    assert code == 1, output
    logs = next(r for r in inventory["resources"] if r["name"] == "logs")
    assert (logs["id"], logs["account"], logs["region"]) == (f"{BLOB}/logs", "unknown", "unknown")
    gaps = {g["code"]: g["message"] for g in inventory["gaps"]}
    assert set(gaps) == {"AccountUnknown", "RegionUnknown"}
    # The words say what was looked for, and so stay true whatever the state holds.
    assert "by its account's name" in gaps["RegionUnknown"]
    assert gaps["RegionUnknown"].endswith("'unknown': azurerm_storage_container 1")


# --- azapi -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "output"),
    [
        ('{"properties":{"publicKey":"ssh-rsa AAAA"}}', '{"privateKey":"PLANTED-SECRET-1"}'),
        ({"properties": {"token": "PLANTED-SECRET-2"}}, {"keys": ["PLANTED-SECRET-3"]}),
    ],
    ids=["azapi-1.x", "azapi-2.x"],
)
def test_an_azapi_resource_is_the_arm_resource_its_type_names(
    tmp_path: Path, body: Any, output: Any
) -> None:
    rid = f"/subscriptions/{SUB}/resourceGroups/rg-ops/providers/Microsoft.Compute/sshPublicKeys/k1"
    resource = {
        "id": rid,
        "name": "k1",
        "type": "Microsoft.Compute/sshPublicKeys@2023-03-01",
        "parent_id": f"/subscriptions/{SUB}/resourceGroups/rg-ops",
        "location": "West Europe",
        "body": body,
        "output": output,
        "tags": {"team": "ops"},
    }
    action = {
        "id": f"{rid}/generateKeyPair",
        "resource_id": rid,
        "action": "generateKeyPair",
        "output": '{"privateKey":"PLANTED-SECRET-4"}',
    }
    state = v4(("azapi_resource", AZAPI, resource), ("azapi_resource_action", AZAPI, action))
    code, printed, inventory, text = run(tmp_path, state)
    assert code == 0, printed
    (key,) = inventory["resources"]
    assert (key["provider"], key["type"], key["id"], key["name"]) == (
        "azure",
        "Microsoft.Compute/sshPublicKeys",
        rid,
        "k1",
    )
    assert (key["account"], key["region"], key["resource_group"]) == (SUB, "westeurope", "rg-ops")
    assert key["tags"] == {"team": "ops"}
    assert [(s["type"], s["reason"]) for s in inventory["skipped"]] == [
        ("azapi_resource_action", "a part or setting of another resource, which is imported")
    ]
    assert SECRET not in text + printed


def test_an_azapi_body_gives_the_facts_the_azure_connector_reads_of_its_type(
    tmp_path: Path,
) -> None:
    cluster = arm("rg-k8s", "Microsoft.ContainerService/managedClusters", "aks2")
    account = arm("rg-data", "Microsoft.Storage/storageAccounts", "st2")
    body = {
        "properties": {
            "kubernetesVersion": "1.31",
            "agentPoolProfiles": [{"name": "system", "count": 3}, {"name": "apps", "count": 5}],
            "servicePrincipalProfile": {"clientId": "x", "secret": "PLANTED-SECRET-sp"},
        }
    }
    state = v4(
        (
            "azapi_resource",
            AZAPI,
            {
                "id": cluster,
                "name": "aks2",
                "location": "westeurope",
                "body": body,
                "type": "Microsoft.ContainerService/managedClusters@2024-09-01",
            },
        ),
        # azapi 1.x: the body as JSON text
        (
            "azapi_resource",
            AZAPI,
            {
                "id": account,
                "name": "st2",
                "location": "westeurope",
                "type": "Microsoft.Storage/storageAccounts@2023-05-01",
                "body": json.dumps(
                    {
                        "kind": "StorageV2",
                        "sku": {"name": "Standard_ZRS"},
                        "properties": {"accessTier": "Cool"},
                    }
                ),
            },
        ),
    )
    code, output, inventory, text = run(tmp_path, state)
    assert code == 0, output
    facts = {r["name"]: r["attributes"] for r in inventory["resources"]}
    assert facts["aks2"] == {
        "engine_version": "1.31",
        "node_count": 8,
        "node_pools": 2,
        "terraform_address": "azapi_resource.r0",
    }
    assert facts["st2"] == {
        "kind": "StorageV2",
        "replication": "Standard_ZRS",
        "access_tier": "Cool",
        "terraform_address": "azapi_resource.r1",
    }
    assert SECRET not in text + output


def test_an_azapi_body_that_is_not_json_is_refused(tmp_path: Path) -> None:
    resource = {
        "id": arm("rg", "Microsoft.KeyVault/vaults", "kv"),
        "name": "kv",
        "type": "Microsoft.KeyVault/vaults@2023-07-01",
        "body": "{PLANTED-SECRET",
    }
    path = tmp_path / "terraform.tfstate"
    path.write_text(json.dumps(v4(("azapi_resource", AZAPI, resource))))
    result = CliRunner().invoke(app, ["import", str(path), "--out", str(tmp_path / "o.json")])
    assert result.exit_code == 2, result.output
    assert "azapi_resource.r0: `body` is text that is not JSON" in result.output
    assert SECRET not in result.output and not (tmp_path / "o.json").exists()


def test_an_azapi_type_that_is_no_arm_type_is_refused(tmp_path: Path) -> None:
    resource = {"id": f"/subscriptions/{SUB}/resourceGroups/rg", "name": "x", "type": "nonsense"}
    path = tmp_path / "terraform.tfstate"
    path.write_text(json.dumps(v4(("azapi_resource", AZAPI, resource))))
    result = CliRunner().invoke(app, ["import", str(path), "--out", str(tmp_path / "o.json")])
    assert result.exit_code == 2, result.output
    assert "azapi_resource.r0" in result.output and "not an Azure resource type" in result.output
    assert not (tmp_path / "o.json").exists()


# --- children placed where their parent is ---------------------------------------------


def test_children_without_a_location_take_their_parents(tmp_path: Path) -> None:
    cluster = arm("rg-k8s", "Microsoft.ContainerService/managedClusters", "aks1")
    vm = arm("rg-db", "Microsoft.Compute/virtualMachines", "sqlvm1")
    sql_vm = arm("rg-db", "Microsoft.SqlVirtualMachine/sqlVirtualMachines", "sqlvm1")
    state = v4(
        (
            "azurerm_kubernetes_cluster",
            AZURERM,
            {"id": cluster, "name": "aks1", "location": "UK South"},
        ),
        (
            "azurerm_kubernetes_cluster_node_pool",
            AZURERM,
            {"id": f"{cluster}/agentPools/gpu", "name": "gpu", "kubernetes_cluster_id": cluster},
        ),
        (
            "azurerm_windows_virtual_machine",
            AZURERM,
            {"id": vm, "name": "sqlvm1", "location": "francecentral"},
        ),
        # A SQL virtual machine's id does not lie below its machine's: its parent is named.
        (
            "azurerm_mssql_virtual_machine",
            AZURERM,
            {"id": sql_vm, "virtual_machine_id": vm, "sql_license_type": "AHUB"},
        ),
        # A resource group is no parent: a top-level resource's location is its own.
        (
            "azurerm_resource_group",
            AZURERM,
            {"id": f"{RG}/rg-k8s", "name": "rg-k8s", "location": "northeurope"},
        ),
    )
    code, output, inventory, _ = run(tmp_path, state)
    assert code == 0, output
    regions = {r["name"]: r["region"] for r in inventory["resources"]}
    assert regions == {
        "aks1": "uksouth",
        "gpu": "uksouth",
        "sqlvm1": "francecentral",
        "rg-k8s": "northeurope",
    }
    sql = next(r for r in inventory["resources"] if r["type"].startswith("Microsoft.SqlVirtual"))
    assert sql["attributes"]["license"] == "AHUB"


def test_a_child_whose_parent_is_not_in_the_state_is_said_to_be_unplaced(tmp_path: Path) -> None:
    vnet = arm("rg-net", "Microsoft.Network/virtualNetworks", "v1")
    state = v4(
        ("azurerm_subnet", AZURERM, {"id": f"{vnet}/subnets/a", "name": "a"}),
        ("azurerm_subnet", AZURERM, {"id": f"{vnet}/subnets/b", "name": "b"}),
        (
            "azurerm_resource_group",
            AZURERM,
            {"id": f"{RG}/rg-net", "name": "rg-net", "location": "westeurope"},
        ),
    )
    code, output, inventory, _ = run(tmp_path, state)
    assert code == 1, output
    assert {r["name"]: r["region"] for r in inventory["resources"]} == {
        "a": "unknown",
        "b": "unknown",
        "rg-net": "westeurope",
    }
    (gap,) = inventory["gaps"]
    assert (gap["provider"], gap["code"]) == ("azure", "RegionUnknown")
    assert "azurerm_subnet 2" in gap["message"]


# --- what a type is, by the one rule ----------------------------------------------------


def test_databases_of_a_server_are_imported_and_every_firewall_rule_is_a_part() -> None:
    azure = [t for t in [*TF_TYPES, *AZURE_PARTS] if t.startswith("azurerm_")]
    databases = [t for t in azure if t.endswith("_database") and "backup" not in t]
    assert "azurerm_postgresql_database" in databases
    assert "azurerm_mysql_flexible_database" in databases
    assert [t for t in databases if is_part(t)] == []
    rules = [t for t in azure if t.endswith(("_firewall_rule", "_network_rule", "_rule_set"))]
    assert "azurerm_postgresql_firewall_rule" in rules
    assert [t for t in rules if not is_part(t)] == []
    for family in (
        "azurerm_dns_txt_record",
        "azurerm_private_dns_srv_record",
        "azurerm_data_factory_pipeline",
        "azurerm_api_management_api",
        "azurerm_sentinel_alert_rule_scheduled",
    ):
        assert is_part(family), family


def test_a_state_of_databases_and_their_rules_imports_without_a_gap(tmp_path: Path) -> None:
    server = arm("rg-db", "Microsoft.DBforPostgreSQL/servers", "pg1")
    flexible = arm("rg-db", "Microsoft.DBforMySQL/flexibleServers", "my1")
    state = v4(
        (
            "azurerm_postgresql_server",
            AZURERM,
            {"id": server, "name": "pg1", "location": "westeurope", "version": "11"},
        ),
        ("azurerm_postgresql_database", AZURERM, {"id": f"{server}/databases/app", "name": "app"}),
        (
            "azurerm_postgresql_firewall_rule",
            AZURERM,
            {"id": f"{server}/firewallRules/office", "name": "office"},
        ),
        (
            "azurerm_mysql_flexible_server",
            AZURERM,
            {"id": flexible, "name": "my1", "location": "westeurope"},
        ),
        (
            "azurerm_mysql_flexible_database",
            AZURERM,
            {"id": f"{flexible}/databases/shop", "name": "shop"},
        ),
        (
            "azurerm_mysql_flexible_server_firewall_rule",
            AZURERM,
            {"id": f"{flexible}/firewallRules/office", "name": "office"},
        ),
    )
    code, output, inventory, _ = run(tmp_path, state)
    assert code == 0, output
    found = {
        r["type"]: (r["region"], r["attributes"].get("engine")) for r in inventory["resources"]
    }
    assert found["Microsoft.DBforPostgreSQL/servers/databases"] == ("westeurope", "postgres")
    assert found["Microsoft.DBforMySQL/flexibleServers/databases"] == ("westeurope", "mysql")
    assert {s["type"] for s in inventory["skipped"]} == {
        "azurerm_postgresql_firewall_rule",
        "azurerm_mysql_flexible_server_firewall_rule",
    }
