"""The Azure resource types whose facts drive estimates, and where those facts are read.

Every resource comes from the generic list (Resource Manager's `resources.list`, or Resource
Graph), which gives id, name, type, location, tags, sku and kind for every type Azure has:
nothing is left out because it is missing here. Only the types below get attributes, read
by JMESPath from the resource's full representation: its `properties`, `sku` and `kind`.
Resource Graph returns that representation itself; through Resource Manager it comes from
the type's own list call, one per subscription (or per parent, for child types), and
`config` from one GET per resource where a type keeps a fact in a sub-resource.

Only attributes named here are kept: app settings, connection strings, keys and other
properties never reach an inventory."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from connectors.attributes import Attr

RESOURCE_GROUP = "Microsoft.Resources/resourceGroups"


@dataclass(frozen=True)
class AzType:
    """How to read one type's properties through Resource Manager, and what to keep."""

    api_version: str
    attributes: Mapping[str, Attr]
    # A child type (SQL databases) is listed below each parent of this type, at `child`.
    parent: str | None = None
    child: str | None = None
    # A sub-resource read with one GET per resource (`{id}/{config}`), seen as `config`.
    config: str | None = None
    # Facts read elsewhere (`vm_sizes`: vCPU and memory; `used_capacity`: Azure Monitor).
    enrich: tuple[str, ...] = field(default=())


def _engine(name: str) -> Attr:
    return Attr(f"'{name}'")


# Cosmos DB: the API an account serves is its kind (MongoDB) or a capability it was made with.
_COSMOS_CAPABILITIES = "properties.capabilities[].name || `[]`"
_COSMOS_API = (
    f"(contains({_COSMOS_CAPABILITIES}, 'EnableCassandra') && 'cassandra')"
    f" || (contains({_COSMOS_CAPABILITIES}, 'EnableTable') && 'table')"
    f" || (contains({_COSMOS_CAPABILITIES}, 'EnableGremlin') && 'gremlin')"
    " || (kind == 'MongoDB' && 'mongodb') || (kind && 'nosql')"
)
# App Service keeps the stack in the site's web configuration, not in the site (listing
# sites leaves siteConfig empty): Linux and container apps as linuxFxVersion ("PYTHON|3.12"),
# some Windows apps as windowsFxVersion. Other Windows apps carry defaults for every
# language (phpVersion 5.6, netFrameworkVersion v4.0) whatever they run, and their real
# stack is only in app settings, which are secrets: for them the runtime stays unknown.
_SITE_RUNTIME = (
    "config.properties.linuxFxVersion || config.properties.windowsFxVersion"
    " || (config.properties.javaVersion && join('|', ['JAVA', config.properties.javaVersion]))"
)

TYPES: dict[str, AzType] = {
    "Microsoft.Compute/virtualMachines": AzType(
        "2024-07-01",
        {
            "instance_type": Attr("properties.hardwareProfile.vmSize"),
            "os": Attr("properties.storageProfile.osDisk.osType"),
            "data_disk_count": Attr("count(properties.storageProfile.dataDisks)"),
        },
        enrich=("vm_sizes",),
    ),
    "Microsoft.Compute/disks": AzType(
        "2024-03-02",
        {
            "size_bytes": Attr("properties.diskSizeGB", "GiB"),
            "volume_type": Attr("sku.name"),
            "state": Attr("properties.diskState"),
        },
    ),
    "Microsoft.Storage/storageAccounts": AzType(
        "2023-05-01",
        {
            "kind": Attr("kind"),
            "replication": Attr("sku.name"),
            "access_tier": Attr("properties.accessTier"),
        },
        enrich=("used_capacity",),
    ),
    "Microsoft.Sql/servers": AzType(
        "2023-08-01",
        {"engine": _engine("sqlserver"), "engine_version": Attr("properties.version")},
    ),
    "Microsoft.Sql/servers/databases": AzType(
        "2023-08-01",
        {
            "engine": _engine("sqlserver"),
            "instance_type": Attr("sku.name"),
            "tier": Attr("sku.tier"),
            # The size the database may grow to; what it uses is a metric, not a property.
            "max_size_bytes": Attr("properties.maxSizeBytes", "int"),
        },
        parent="Microsoft.Sql/servers",
        child="databases",
    ),
    "Microsoft.DBforPostgreSQL/flexibleServers": AzType(
        "2024-08-01",
        {
            "engine": _engine("postgres"),
            "engine_version": Attr("properties.version"),
            "instance_type": Attr("sku.name"),
            "size_bytes": Attr("properties.storage.storageSizeGB", "GiB"),
            "high_availability": Attr("properties.highAvailability.mode"),
        },
    ),
    "Microsoft.DBforMySQL/flexibleServers": AzType(
        "2023-12-30",
        {
            "engine": _engine("mysql"),
            "engine_version": Attr("properties.version"),
            "instance_type": Attr("sku.name"),
            "size_bytes": Attr("properties.storage.storageSizeGB", "GiB"),
            "high_availability": Attr("properties.highAvailability.mode"),
        },
    ),
    "Microsoft.DocumentDB/databaseAccounts": AzType(
        "2024-11-15", {"kind": Attr("kind"), "engine": Attr(_COSMOS_API)}
    ),
    "Microsoft.ContainerService/managedClusters": AzType(
        "2024-09-01",
        {
            # What runs; kubernetesVersion is what was asked for, perhaps without the patch.
            "engine_version": Attr(
                "properties.currentKubernetesVersion || properties.kubernetesVersion"
            ),
            "node_count": Attr(
                "properties.agentPoolProfiles && total(properties.agentPoolProfiles[].count)", "int"
            ),
            "node_pools": Attr("count(properties.agentPoolProfiles)"),
        },
    ),
    "Microsoft.Web/serverFarms": AzType(
        "2024-04-01",
        {
            "instance_type": Attr("sku.name"),
            "node_count": Attr("sku.capacity", "int"),
            "kind": Attr("kind"),
        },
    ),
    "Microsoft.Web/sites": AzType(
        "2024-04-01",
        {"kind": Attr("kind"), "runtime": Attr(_SITE_RUNTIME), "state": Attr("properties.state")},
        config="config/web",
    ),
    "Microsoft.ServiceBus/namespaces": AzType("2024-01-01", {"tier": Attr("sku.name")}),
    "Microsoft.EventHub/namespaces": AzType(
        "2024-01-01", {"tier": Attr("sku.name"), "throughput_units": Attr("sku.capacity", "int")}
    ),
    # Metadata only: the vault's tier. Keys, secrets and certificates are never listed.
    "Microsoft.KeyVault/vaults": AzType("2023-07-01", {"tier": Attr("properties.sku.name")}),
    "Microsoft.Cdn/profiles": AzType("2024-02-01", {"tier": Attr("sku.name")}),
    "Microsoft.Network/frontDoors": AzType(
        "2021-06-01", {"state": Attr("properties.enabledState")}
    ),
    "Microsoft.Network/dnszones": AzType(
        "2018-05-01",
        {
            "record_count": Attr("properties.numberOfRecordSets", "int"),
            "zone_type": Attr("properties.zoneType"),
        },
    ),
    "Microsoft.Network/privateDnsZones": AzType(
        "2020-06-01", {"record_count": Attr("properties.numberOfRecordSets", "int")}
    ),
    "Microsoft.ContainerRegistry/registries": AzType("2023-07-01", {"tier": Attr("sku.name")}),
    "Microsoft.Network/loadBalancers": AzType("2024-05-01", {"tier": Attr("sku.name")}),
    "Microsoft.Network/applicationGateways": AzType(
        "2024-05-01",
        {
            "tier": Attr("properties.sku.tier"),
            "node_count": Attr("properties.sku.capacity", "int"),
            # Autoscaling gateways have no fixed capacity, but bounds.
            "autoscale_min": Attr("properties.autoscaleConfiguration.minCapacity", "int"),
            "autoscale_max": Attr("properties.autoscaleConfiguration.maxCapacity", "int"),
        },
    ),
    "Microsoft.Network/virtualNetworks": AzType(
        "2024-05-01",
        {
            "cidr_block": Attr("join(',', properties.addressSpace.addressPrefixes || `[]`)"),
            "subnet_count": Attr("count(properties.subnets)"),
        },
    ),
    "Microsoft.Cache/Redis": AzType(
        "2024-03-01",
        {
            "engine": _engine("redis"),
            "engine_version": Attr("properties.redisVersion"),
            # C1, P2: the family and the capacity within it.
            "instance_type": Attr(
                "properties.sku"
                " && join('', [properties.sku.family, to_string(properties.sku.capacity)])"
            ),
            "tier": Attr("properties.sku.name"),
        },
    ),
}

# Azure's types are case-insensitive, and Resource Graph gives them in lower case.
CANONICAL = {name.lower(): name for name in [*TYPES, RESOURCE_GROUP]}
# Resource Graph names resource groups by where they live, below subscriptions.
CANONICAL["microsoft.resources/subscriptions/resourcegroups"] = RESOURCE_GROUP


def canonical(kind: str) -> str:
    return CANONICAL.get(kind.lower(), kind)
