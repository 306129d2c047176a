"""Relations an azurerm state states, through `exitplan import`: on the resource itself (an
interface's subnet, a database's server), on the other side (a VM's interfaces) or in a
part that is not imported (a data disk attachment, a NAT gateway's subnet association).
Attributes as azurerm 4.x writes them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from exitplan.cli import app
from tests.test_import_azure import RG, SUB, run, v4

AZ = 'provider["registry.terraform.io/hashicorp/azurerm"]'
NET = f"{RG}/rg-net/providers/Microsoft.Network"
VNET = f"{NET}/virtualNetworks/vnet-hub"
SUBNET = f"{VNET}/subnets/app"
NIC = f"{RG}/rg-app/providers/Microsoft.Network/networkInterfaces/nic-web"
PIP = f"{RG}/rg-app/providers/Microsoft.Network/publicIPAddresses/pip-web"
VM = f"{RG}/rg-app/providers/Microsoft.Compute/virtualMachines/vm-web"
OS_DISK = f"{RG}/rg-app/providers/Microsoft.Compute/disks/vm-web-os"
DATA_DISK = f"{RG}/rg-app/providers/Microsoft.Compute/disks/vm-web-data"
SERVER = f"{RG}/rg-data/providers/Microsoft.Sql/servers/sql-shop"
DATABASE = f"{SERVER}/databases/orders"
AKS = f"{RG}/rg-k8s/providers/Microsoft.ContainerService/managedClusters/aks-shop"
POOL = f"{AKS}/agentPools/user"
PRIMARY = f"{RG}/rg-data/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg-primary"
REPLICA = f"{RG}/rg-data/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg-replica"
NAT = f"{NET}/natGateways/nat-hub"
NAT_IP = f"{NET}/publicIPAddresses/pip-nat"
LB = f"{NET}/loadBalancers/lb-web"
AGW = f"{NET}/applicationGateways/agw-web"


def _at(rid: str, **more: Any) -> dict[str, Any]:
    return {"id": rid, "name": rid.rsplit("/", 1)[1], "location": "westeurope", **more}


def _estate() -> dict[str, Any]:
    blocks: list[tuple[str, str, dict[str, Any]]] = [
        ("azurerm_virtual_network", AZ, _at(VNET, address_space=["10.0.0.0/16"])),
        (
            "azurerm_subnet",
            AZ,
            {
                "id": SUBNET,
                "name": "app",
                "resource_group_name": "rg-net",
                "virtual_network_name": "vnet-hub",
                "address_prefixes": ["10.0.1.0/24"],
            },
        ),
        ("azurerm_public_ip", AZ, _at(PIP, sku="Standard", allocation_method="Static")),
        (
            "azurerm_network_interface",
            AZ,
            _at(
                NIC,
                ip_configuration=[
                    {
                        "name": "internal",
                        "primary": True,
                        "private_ip_address_allocation": "Dynamic",
                        "subnet_id": SUBNET,
                        "public_ip_address_id": PIP,
                    }
                ],
            ),
        ),
        (
            "azurerm_linux_virtual_machine",
            AZ,
            _at(
                VM,
                size="Standard_B2s",
                network_interface_ids=[NIC],
                # The provider writes the OS disk's id as Azure gives it, group in capitals.
                os_managed_disk_id=OS_DISK.replace("rg-app", "RG-APP"),
            ),
        ),
        ("azurerm_managed_disk", AZ, _at(OS_DISK, disk_size_gb=30)),
        ("azurerm_managed_disk", AZ, _at(DATA_DISK, disk_size_gb=128)),
        (
            "azurerm_virtual_machine_data_disk_attachment",
            AZ,
            {
                "id": f"{VM}/dataDisks/vm-web-data",
                "managed_disk_id": DATA_DISK,
                "virtual_machine_id": VM,
                "lun": 10,
                "caching": "ReadWrite",
            },
        ),
        ("azurerm_mssql_server", AZ, _at(SERVER, version="12.0")),
        (
            "azurerm_mssql_database",
            AZ,
            # As written by hand in another module: the group in capitals.
            {"id": DATABASE, "name": "orders", "server_id": SERVER.replace("rg-data", "RG-DATA")},
        ),
        (
            "azurerm_kubernetes_cluster",
            AZ,
            _at(AKS, default_node_pool=[{"name": "system", "vnet_subnet_id": SUBNET}]),
        ),
        (
            "azurerm_kubernetes_cluster_node_pool",
            AZ,
            {"id": POOL, "name": "user", "kubernetes_cluster_id": AKS, "vnet_subnet_id": ""},
        ),
        (
            "azurerm_postgresql_flexible_server",
            AZ,
            _at(REPLICA, create_mode="Replica", source_server_id=PRIMARY, version="16"),
        ),
        ("azurerm_nat_gateway", AZ, _at(NAT, sku_name="Standard")),
        ("azurerm_public_ip", AZ, _at(NAT_IP, sku="Standard")),
        (
            "azurerm_subnet_nat_gateway_association",
            AZ,
            {"id": SUBNET, "subnet_id": SUBNET, "nat_gateway_id": NAT},
        ),
        (
            "azurerm_nat_gateway_public_ip_association",
            AZ,
            {"id": f"{NAT}|{NAT_IP}", "nat_gateway_id": NAT, "public_ip_address_id": NAT_IP},
        ),
        ("azurerm_lb", AZ, _at(LB, sku="Standard")),
        (
            "azurerm_network_interface_backend_address_pool_association",
            AZ,
            {
                "id": f"{NIC}/ipConfigurations/internal|{LB}/backendAddressPools/web",
                "network_interface_id": NIC,
                "ip_configuration_name": "internal",
                "backend_address_pool_id": f"{LB}/backendAddressPools/web",
            },
        ),
        ("azurerm_application_gateway", AZ, _at(AGW)),
        (
            "azurerm_network_interface_application_gateway_backend_address_pool_association",
            AZ,
            {
                "id": f"{NIC}/ipConfigurations/internal|{AGW}/backendAddressPools/web",
                "network_interface_id": NIC,
                "ip_configuration_name": "internal",
                "backend_address_pool_id": f"{AGW}/backendAddressPools/web",
            },
        ),
    ]
    return v4(*blocks)


EXPECTED = {
    SUBNET: {"member_of": [VNET]},
    NIC: {"attached_to": [VM], "member_of": sorted([SUBNET, VNET])},
    PIP: {"attached_to": [NIC]},
    OS_DISK: {"attached_to": [VM]},
    DATA_DISK: {"attached_to": [VM]},
    DATABASE: {"member_of": [SERVER]},
    AKS: {"member_of": sorted([SUBNET, VNET])},
    POOL: {"member_of": [AKS]},
    REPLICA: {"replica_of": [PRIMARY]},
    NAT: {"uses": [SUBNET]},
    NAT_IP: {"attached_to": [NAT]},
    LB: {"uses": [NIC]},
    AGW: {"uses": [NIC]},
}


def test_a_state_gives_each_resource_the_relations_it_states(tmp_path: Path) -> None:
    code, output, inventory, text = run(tmp_path, _estate())
    assert code == 0, output
    found = {r["id"]: r.get("relations") for r in inventory["resources"]}
    assert {rid: rel for rid, rel in found.items() if rel} == EXPECTED
    # A VM, a server and a network state nothing of their own: no field, as before.
    assert found[VM] is None and found[SERVER] is None and '"relations"' in text
    assert {r["account"] for r in inventory["resources"]} == {SUB}


def test_a_relation_whose_holder_is_elsewhere_is_left_out_and_one_to_elsewhere_kept(
    tmp_path: Path,
) -> None:
    blocks = [b for b in _estate()["resources"] if b["type"] != "azurerm_managed_disk"]
    state = {**_estate(), "resources": blocks}
    code, output, inventory, _text = run(tmp_path, state)
    assert code == 0, output
    found = {r["id"]: r.get("relations") for r in inventory["resources"]}
    assert OS_DISK not in found and DATA_DISK not in found
    assert found[REPLICA] == {"replica_of": [PRIMARY]}  # the primary is in no state here


def test_a_state_without_relations_writes_none(tmp_path: Path) -> None:
    # A server that is no replica: the provider writes its source as "".
    server = _at(PRIMARY, create_mode="Default", source_server_id="", version="16")
    state = v4(
        ("azurerm_public_ip", AZ, _at(PIP, sku="Standard")),
        ("azurerm_postgresql_flexible_server", AZ, server),
        ("azurerm_kubernetes_cluster_node_pool", AZ, {"id": POOL, "kubernetes_cluster_id": ""}),
    )
    _code, _output, _inventory, text = run(tmp_path, state)
    assert '"relations"' not in text


def test_a_relation_attribute_that_holds_no_id_is_refused_naming_it(tmp_path: Path) -> None:
    state = v4(("azurerm_mssql_database", AZ, {"id": DATABASE, "name": "o", "server_id": 7}))
    path = tmp_path / "terraform.tfstate"
    path.write_text(json.dumps(state))
    result = CliRunner().invoke(app, ["import", str(path), "--out", str(tmp_path / "i.json")])
    assert result.exit_code == 2, result.output
    assert "azurerm_mssql_database.r0: server_id is a int" in result.output
    assert not (tmp_path / "i.json").exists()


def test_a_relation_never_shows_a_value_the_state_marked_sensitive(tmp_path: Path) -> None:
    state = _estate()
    nic = next(b for b in state["resources"] if b["type"] == "azurerm_network_interface")
    secret = "PLANTED-SECRET-subnet"
    hidden_subnet = f"{VNET}/subnets/{secret}"
    instance = nic["instances"][0]
    instance["attributes"]["ip_configuration"][0]["subnet_id"] = hidden_subnet
    instance["attributes"]["tags"] = {"token": secret}
    instance["sensitive_attributes"] = [
        [
            {"type": "get_attr", "value": "tags"},
            {"type": "index", "value": {"value": "token", "type": "string"}},
        ]
    ]
    _code, output, inventory, text = run(tmp_path, state)
    assert secret not in text + output
    found = {r["id"]: r.get("relations") for r in inventory["resources"]}
    # The network's id shows nothing of it.
    assert found[NIC] == {"attached_to": [VM], "member_of": [VNET]}
