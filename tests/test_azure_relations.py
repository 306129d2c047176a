"""Relations the Azure scanner and the az CLI import read from each resource's own record,
on records shaped after Resource Manager's documented JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from connectors.azure.relations import slim, stated
from connectors.importers.azcli import resources
from exitplan.errors import InputError
from exitplan.model import Inventory, Resource
from tests.azure_fake import Estate, arm_id, resource, serve
from tests.test_azure_connector import run

SUB = "aaaaaaaa-0000-4000-8000-000000000009"
OTHER = "bbbbbbbb-0000-4000-8000-000000000001"  # a subscription outside the scan


def _id(kind: str, name: str, group: str = "rg-app", sub: str = SUB) -> str:
    return arm_id(sub, group, kind, name)


VM = _id("Microsoft.Compute/virtualMachines", "vm-web")
NIC = _id("Microsoft.Network/networkInterfaces", "vm-web-nic")
VNET = _id("Microsoft.Network/virtualNetworks", "vnet-prod", "rg-net")
SUBNET = f"{VNET}/subnets/app"
LB = _id("Microsoft.Network/loadBalancers", "lb-web", "rg-net")
AGW = _id("Microsoft.Network/applicationGateways", "agw-web", "rg-net")
NAT = _id("Microsoft.Network/natGateways", "nat-prod", "rg-net")
NAT_IP = _id("Microsoft.Network/publicIPAddresses", "nat-ip", "rg-net")
SERVER = _id("Microsoft.Sql/servers", "sql-prod", "rg-data")
PRIMARY = _id("Microsoft.DBforPostgreSQL/flexibleServers", "pg-main", "rg-data", OTHER)


def _estate() -> Estate:
    r = resource
    nic_ip = f"{NIC}/ipConfigurations/ipconfig1"
    found = Estate(subscriptions={SUB: "Production"})
    found.resources[SUB] = [
        r(
            SUB,
            "rg-app",
            "Microsoft.Compute/virtualMachines",
            "vm-web",
            properties={
                "hardwareProfile": {"vmSize": "Standard_B2s"},
                "networkProfile": {
                    "networkInterfaces": [{"id": NIC, "properties": {"primary": True}}]
                },
            },
        ),
        # Azure writes a disk's managedBy with the group in capitals, unlike the VM's own id.
        r(
            SUB,
            "rg-app",
            "Microsoft.Compute/disks",
            "vm-web-os",
            managedBy=VM.replace("rg-app", "RG-APP"),
            sku={"name": "Premium_LRS"},
            properties={"diskSizeGB": 64, "diskState": "Attached"},
        ),
        r(SUB, "rg-app", "Microsoft.Compute/disks", "spare", properties={"diskSizeGB": 8}),
        r(
            SUB,
            "rg-app",
            "Microsoft.Network/networkInterfaces",
            "vm-web-nic",
            properties={
                "provisioningState": "Succeeded",
                "macAddress": "00-0D-3A-2B-4C-5D",
                "dnsSettings": {"dnsServers": [], "internalDomainNameSuffix": "x.ax.internal"},
                "ipConfigurations": [
                    {
                        "name": "ipconfig1",
                        "id": nic_ip,
                        "type": "Microsoft.Network/networkInterfaces/ipConfigurations",
                        "properties": {
                            "privateIPAddress": "10.0.1.4",
                            "privateIPAllocationMethod": "Dynamic",
                            "subnet": {"id": SUBNET},
                            "primary": True,
                        },
                    }
                ],
                "virtualMachine": {"id": VM},
            },
        ),
        r(
            SUB,
            "rg-app",
            "Microsoft.Network/publicIPAddresses",
            "vm-web-ip",
            sku={"name": "Standard"},
            properties={
                "ipAddress": "20.0.0.1",
                "publicIPAllocationMethod": "Static",
                "ipConfiguration": {"id": nic_ip},
            },
        ),
        r(
            SUB,
            "rg-net",
            "Microsoft.Network/publicIPAddresses",
            "nat-ip",
            properties={
                "ipAddress": "20.0.0.2",
                "natGateway": {"id": NAT},
            },
        ),
        r(
            SUB,
            "rg-net",
            "Microsoft.Network/natGateways",
            "nat-prod",
            sku={"name": "Standard"},
            properties={"subnets": [{"id": SUBNET}], "publicIpAddresses": [{"id": NAT_IP}]},
        ),
        r(
            SUB,
            "rg-net",
            "Microsoft.Network/virtualNetworks",
            "vnet-prod",
            properties={
                "addressSpace": {"addressPrefixes": ["10.0.0.0/16"]},
                "subnets": [{"id": SUBNET, "name": "app"}],
            },
        ),
        r(
            SUB,
            "rg-net",
            "Microsoft.Network/loadBalancers",
            "lb-web",
            sku={"name": "Standard"},
            properties={
                "backendAddressPools": [
                    {
                        "name": "web",
                        "id": f"{LB}/backendAddressPools/web",
                        "properties": {"backendIPConfigurations": [{"id": nic_ip}]},
                    }
                ]
            },
        ),
        r(
            SUB,
            "rg-net",
            "Microsoft.Network/applicationGateways",
            "agw-web",
            properties={
                "sku": {"name": "Standard_v2", "tier": "Standard_v2", "capacity": 2},
                "backendAddressPools": [
                    {
                        "name": "web",
                        "id": f"{AGW}/backendAddressPools/web",
                        "properties": {
                            "backendAddresses": [{"ipAddress": "10.0.1.4"}],
                            "backendIPConfigurations": [{"id": nic_ip}],
                        },
                    }
                ],
            },
        ),
        r(SUB, "rg-data", "Microsoft.Sql/servers", "sql-prod", properties={"version": "12.0"}),
        r(
            SUB,
            "rg-data",
            "Microsoft.Sql/servers/databases",
            "sql-prod/orders",
            sku={"name": "S0"},
            properties={"maxSizeBytes": 1024},
        ),
        # The primary is in another subscription: the relation is kept all the same.
        r(
            SUB,
            "rg-data",
            "Microsoft.DBforPostgreSQL/flexibleServers",
            "pg-replica",
            properties={
                "version": "16",
                "replicationRole": "AsyncReplica",
                "sourceServerResourceId": PRIMARY,
            },
        ),
        r(
            SUB,
            "rg-data",
            "Microsoft.DBforMySQL/flexibleServers",
            "mysql-main",
            properties={
                "version": "8.0.21",
                "replicationRole": "None",
                "sourceServerResourceId": "",
            },
        ),
    ]
    return found


EXPECTED: dict[str, dict[str, list[str]]] = {
    "vm-web-os": {"attached_to": [VM]},
    "vm-web-nic": {"attached_to": [VM], "member_of": sorted([SUBNET, VNET])},
    "vm-web-ip": {"attached_to": [NIC]},
    "nat-ip": {"attached_to": [NAT]},
    "nat-prod": {"uses": [SUBNET]},
    "lb-web": {"uses": [NIC]},
    "agw-web": {"uses": [NIC]},
    "orders": {"member_of": [SERVER]},
    "pg-replica": {"replica_of": [PRIMARY]},
}


def _relations(found: list[Resource]) -> dict[str, Any]:
    return {r.name: r.relations for r in found if r.type != "Microsoft.Resources/resourceGroups"}


@pytest.mark.parametrize("graph", [False, True], ids=["resource-manager", "resource-graph"])
def test_a_scan_reads_each_resource_s_relations(graph: bool) -> None:
    fake = _estate()
    with serve(fake) as url:
        inventory: Inventory = run(fake, url, resource_graph=graph)
    found = _relations(inventory.resources)
    assert {name: rel for name, rel in found.items() if rel} == EXPECTED
    # None stated: the field is absent from the file, as in inventories written before it.
    assert found["spare"] is None and found["mysql-main"] is None
    written = json.loads(inventory.model_dump_json(exclude_none=True))
    assert all("relations" not in r for r in written["resources"] if r["name"] == "vm-web")
    if not graph:
        assert ("GET", f"/subscriptions/{SUB}/providers/Microsoft.Network/networkInterfaces") in [
            (method, path.split("?")[0]) for method, path in fake.requests
        ]


def test_a_record_read_for_its_relations_keeps_only_what_they_read() -> None:
    nic = next(r for r in _estate().resources[SUB] if r["name"] == "vm-web-nic")
    kept = slim(nic)
    assert kept["properties"] == {
        "ipConfigurations": [{"properties": {"subnet": {"id": SUBNET}}}],
        "virtualMachine": {"id": VM},
    }
    assert stated(nic["type"], kept) == stated(nic["type"], nic)
    disk = next(r for r in _estate().resources[SUB] if r["name"] == "spare")
    assert slim(disk) is disk


def test_a_relation_field_that_holds_no_id_is_an_error_naming_it(tmp_path: Path) -> None:
    nic = next(r for r in _estate().resources[SUB] if r["name"] == "vm-web-nic")
    nic["properties"]["virtualMachine"] = {"id": 42}
    with pytest.raises(InputError, match=r"record 1: .*virtualMachine\.id is a int"):
        resources(tmp_path / "az.json", [nic])


def test_az_graph_query_output_gives_the_same_relations(tmp_path: Path) -> None:
    rows = []
    for record in _estate().resources[SUB]:
        row = {**record, "type": record["type"].lower(), "subscriptionId": SUB}
        rows.append(row)
    found = _relations(resources(tmp_path / "graph.json", {"count": len(rows), "data": rows}))
    assert {name: rel for name, rel in found.items() if rel} == EXPECTED


def test_az_resource_list_output_gives_a_disk_s_vm(tmp_path: Path) -> None:
    # `az resource list` gives no properties: what the generic record states is all there is.
    listed = [
        {k: v for k, v in record.items() if k != "properties"} | {"properties": None}
        for record in _estate().resources[SUB]
    ]
    found = _relations(resources(tmp_path / "list.json", listed))
    assert {name: rel for name, rel in found.items() if rel} == {
        "vm-web-os": {"attached_to": [VM]},
        "orders": {"member_of": [SERVER]},
    }
