"""What azurerm instances state about other resources, as relations of the resources the
import builds.

A relation belongs to the resource it describes (an interface is attached to its VM), but
Terraform often states it on the other side or in a part: a VM lists its interfaces, an
interface its public IPs, a data disk attachment (a part, not imported) joins a disk to a
VM. Each rule names who holds the relation and whom it is to: the instance's own resource
or the ids at a path of its attributes. A relation whose holder is not imported from the
same state has no record to sit on and is left out. Ids are taken as the state gives them;
a subnet's network is its id's owner, as a scan reads it (`connectors/azure/relations.py`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from connectors.azure.relations import To, Unstated, aimed, ids_at, spelled_as_listed
from exitplan.errors import InputError
from exitplan.i18n import N_, _
from exitplan.model import RelationKind, Resource

from .terraform import Instance

_HINT = N_("check the state file; report it if Terraform wrote it so")


@dataclass(frozen=True)
class Said:
    kind: RelationKind
    target: str | None  # the path of the ids the relation is to; None: the instance's own
    holder: str | None = None  # the path of the ids of its holders; None: the instance's own
    to: To = "itself"  # which resources a target id stands for
    holder_to: To = "itself"


_VM = (
    Said("attached_to", None, "network_interface_ids[]"),
    Said("attached_to", None, "os_managed_disk_id"),
)
_VMSS_IP = "network_interface[].ip_configuration[]"
_VMSS = (
    Said("member_of", f"{_VMSS_IP}.subnet_id", to="both"),
    Said("uses", None, f"{_VMSS_IP}.load_balancer_backend_address_pool_ids[]", holder_to="owner"),
)
_FLEXIBLE = (Said("replica_of", "source_server_id"),)
SAID: dict[str, tuple[Said, ...]] = {
    "azurerm_linux_virtual_machine": _VM,
    "azurerm_windows_virtual_machine": _VM,
    "azurerm_virtual_machine": (
        Said("attached_to", None, "network_interface_ids[]"),
        Said("attached_to", None, "storage_os_disk[].managed_disk_id"),
        Said("attached_to", None, "storage_data_disk[].managed_disk_id"),
    ),
    "azurerm_linux_virtual_machine_scale_set": _VMSS,
    "azurerm_windows_virtual_machine_scale_set": _VMSS,
    "azurerm_network_interface": (
        Said("member_of", "ip_configuration[].subnet_id", to="both"),
        Said("attached_to", None, "ip_configuration[].public_ip_address_id"),
    ),
    "azurerm_subnet": (Said("member_of", None, to="owner"),),
    "azurerm_mssql_database": (Said("member_of", "server_id"),),
    "azurerm_sql_database": (Said("member_of", None, to="owner"),),
    "azurerm_kubernetes_cluster": (
        Said("member_of", "default_node_pool[].vnet_subnet_id", to="both"),
    ),
    "azurerm_kubernetes_cluster_node_pool": (
        Said("member_of", "kubernetes_cluster_id"),
        Said("member_of", "vnet_subnet_id", to="both"),
    ),
    "azurerm_postgresql_flexible_server": _FLEXIBLE,
    "azurerm_mysql_flexible_server": _FLEXIBLE,
    # parts: not imported, each joins two resources that are
    "azurerm_virtual_machine_data_disk_attachment": (
        Said("attached_to", "virtual_machine_id", "managed_disk_id"),
    ),
    "azurerm_subnet_nat_gateway_association": (Said("uses", "subnet_id", "nat_gateway_id"),),
    "azurerm_nat_gateway_public_ip_association": (
        Said("attached_to", "nat_gateway_id", "public_ip_address_id"),
    ),
    "azurerm_network_interface_backend_address_pool_association": (
        Said("uses", "network_interface_id", "backend_address_pool_id", holder_to="owner"),
    ),
    "azurerm_network_interface_application_gateway_backend_address_pool_association": (
        Said("uses", "network_interface_id", "backend_address_pool_id", holder_to="owner"),
    ),
}


def related(
    instances: Iterable[Instance], resources: list[Resource], source: str
) -> list[Resource]:
    """`resources` with the relations the azurerm instances state."""
    own: dict[str, str] = {}
    for resource in resources:
        address = resource.attributes.get("terraform_address")
        if resource.provider == "azure" and isinstance(address, str):
            own[address] = resource.id
    found: dict[str, dict[RelationKind, set[str]]] = {}
    for instance in instances:
        for said in SAID.get(instance.type, ()) if instance.provider == "azurerm" else ():
            try:
                holders = _ends(instance, said.holder, said.holder_to, own)
                targets = _ends(instance, said.target, said.to, own)
            except Unstated as exc:
                raise InputError(f"{source}: {instance.address}: {exc}", _(_HINT)) from None
            for holder in holders if targets else ():
                found.setdefault(holder.lower(), {}).setdefault(said.kind, set()).update(targets)
    if not found:
        return resources
    out = []
    for resource in resources:
        stated = found.get(resource.id.lower()) if resource.provider == "azure" else None
        if stated:
            known = resource.relations or {}
            merged = {k: [*known.get(k, []), *stated.get(k, ())] for k in {*known, *stated}}
            resource = resource.model_copy(update={"relations": merged})
        out.append(resource)
    return spelled_as_listed(out)


def _ends(instance: Instance, path: str | None, to: To, own: dict[str, str]) -> list[str]:
    """The resources one end of a relation stands for: the instance's own (where it was
    imported), or those of the ids at `path`; never one that shows a sensitive value."""
    if path is None:
        mine = own.get(instance.address)
        ids = [mine] if mine else []
    else:
        ids = list(ids_at(instance.attributes, path))
    ends = [end for rid in ids for end in aimed(rid, to)]
    return [end for end in ends if not any(secret in end for secret in instance.hidden)]
