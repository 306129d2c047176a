"""Ids, names and regions of imported Terraform instances, exactly as the live connectors
give them, from attributes shaped as the providers record them (Google's: in
test_tfresources_google)."""

from __future__ import annotations

from typing import Any

import pytest

from connectors.importers.terraform import Instance
from connectors.importers.tfresources import convert_all
from connectors.importers.tftypes import TF_TYPES
from exitplan.errors import InputError

P = "acme-prod"
AWS_CONFIG = 'provider["registry.terraform.io/hashicorp/aws"]'


def instance(kind: str, attributes: dict[str, Any], name: str = "x", **kw: Any) -> Instance:
    provider = kw.pop("provider", kind.split("_", 1)[0])
    config = kw.pop("config", f'provider["registry.terraform.io/hashicorp/{provider}"]')
    return Instance(f"{kind}.{name}", kind, provider, attributes, config=config, **kw)


def aws_estate() -> list[Instance]:
    account = "111122223333"
    return [
        instance(
            "aws_instance",
            {
                "id": "i-0abc",
                "arn": f"arn:aws:ec2:eu-west-1:{account}:instance/i-0abc",
                "tags": {"Name": "web"},
                "tags_all": {"Name": "web", "CostCentre": "42"},
            },
        ),
        instance(
            "aws_iam_role",
            {"id": "deployer", "arn": f"arn:aws:iam::{account}:role/deployer", "name": "deployer"},
        ),
        instance(
            "aws_cloudfront_distribution",
            {"id": "E2QWRUHEXAMPLE", "arn": f"arn:aws:cloudfront::{account}:distribution/E2QWR"},
        ),
        instance(
            "aws_route53_zone",
            {
                "id": "Z1D633PJN98FT9",
                "arn": "arn:aws:route53:::hostedzone/Z1D633PJN98FT9",
                "name": "acme.example",
            },
        ),
        # No arn attribute: the id is built as the AWS connector builds it.
        instance("aws_nat_gateway", {"id": "nat-0a1b2c", "tags": {}}),
        # The service's id is its ARN.
        instance(
            "aws_ecs_service",
            {
                "id": f"arn:aws:ecs:eu-west-1:{account}:service/main/api",
                "name": "api",
                "cluster": f"arn:aws:ecs:eu-west-1:{account}:cluster/main",
            },
        ),
        # Companions of a table type, with the same id as the bucket: counted only.
        instance(
            "aws_s3_bucket",
            {
                "id": "acme-logs",
                "arn": "arn:aws:s3:::acme-logs",
                "bucket": "acme-logs",
                "region": "eu-central-1",
            },
        ),
        instance("aws_s3_bucket_policy", {"id": "acme-logs", "bucket": "acme-logs"}),
        instance("aws_s3_bucket_versioning", {"id": "acme-logs", "bucket": "acme-logs"}),
        instance("random_password", {"id": "none", "length": 20}),
    ]


def test_aws_ids_names_and_regions_as_the_aws_connector_gives_them() -> None:
    converted = convert_all(aws_estate(), "s.tfstate")
    got = {r.type: (r.id, r.name, r.region, r.account) for r in converted.resources}
    account = "111122223333"
    assert got == {
        "AWS::EC2::Instance": (
            f"arn:aws:ec2:eu-west-1:{account}:instance/i-0abc",
            "web",
            "eu-west-1",
            account,
        ),
        "AWS::IAM::Role": (f"arn:aws:iam::{account}:role/deployer", "deployer", "global", account),
        "AWS::CloudFront::Distribution": (
            f"arn:aws:cloudfront::{account}:distribution/E2QWR",
            "E2QWRUHEXAMPLE",
            "global",
            account,
        ),
        "AWS::Route53::HostedZone": (
            "arn:aws:route53:::hostedzone/Z1D633PJN98FT9",
            "acme.example.",
            "global",
            account,
        ),
        "AWS::EC2::NatGateway": (
            f"arn:aws:ec2:eu-west-1:{account}:natgateway/nat-0a1b2c",
            "nat-0a1b2c",
            "eu-west-1",
            account,
        ),
        "AWS::ECS::Service": (
            f"arn:aws:ecs:eu-west-1:{account}:service/main/api",
            "api",
            "eu-west-1",
            account,
        ),
        "AWS::S3::Bucket": ("arn:aws:s3:::acme-logs", "acme-logs", "eu-central-1", account),
    }
    web = next(r for r in converted.resources if r.type == "AWS::EC2::Instance")
    # tags_all: the provider's default tags too, as a scan sees them.
    assert web.tags == {"CostCentre": "42", "Name": "web"}
    assert converted.unmapped == {"aws_s3_bucket_policy": 1, "aws_s3_bucket_versioning": 1}
    assert converted.other_providers == {("random", "random_password"): 1}
    assert converted.repeated == [] and converted.without_account == 0


def test_a_repeated_id_keeps_the_first_and_names_both() -> None:
    arn = "arn:aws:iam::111122223333:role/deployer"
    found = convert_all(
        [
            instance("aws_iam_role", {"arn": arn, "name": "deployer"}, name="a"),
            instance("aws_iam_role", {"arn": arn, "name": "deployer"}, name="b"),
        ],
        "s.tfstate",
    )
    assert [r.attributes["terraform_address"] for r in found.resources] == ["aws_iam_role.a"]
    assert found.repeated == [(arn, ("aws_iam_role.a", "aws_iam_role.b"))]


@pytest.mark.parametrize(
    ("kind", "attributes"),
    [
        ("aws_instance", {"instance_type": "m5.large"}),
        ("azurerm_linux_virtual_machine", {"name": "vm", "location": "westeurope"}),
        ("google_compute_instance", {"project": P, "zone": "europe-west4-a"}),
    ],
)
def test_an_instance_that_cannot_be_named_is_refused(kind: str, attributes: Any) -> None:
    with pytest.raises(InputError) as raised:
        convert_all([instance(kind, attributes, name="nameless")], "envs/prod.tfstate")
    assert "envs/prod.tfstate" in str(raised.value)
    assert f"{kind}.nameless" in str(raised.value)


def test_an_unreadable_value_is_named_by_its_type_not_shown() -> None:
    planted = "PLANTED-not-a-number"
    bad = instance(
        "aws_ebs_volume",
        {"arn": "arn:aws:ec2:eu-west-1:111122223333:volume/vol-1", "size": planted},
    )
    with pytest.raises(InputError) as raised:
        convert_all([bad], "s.tfstate")
    message = str(raised.value)
    assert planted not in message
    assert "size_bytes" in message and "str" in message and "aws_ebs_volume.x" in message


# --- Azure: ARM ids, and the location of the instance or of its parent ------------------

S = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"
ARM = f"/subscriptions/{S}/resourceGroups/rg1/providers"
ACCOUNT = f"{ARM}/Microsoft.Storage/storageAccounts/st1"
ST1 = ("azurerm_storage_account", {"id": ACCOUNT, "name": "st1", "location": "westeurope"})
SITE = f"{ARM}/Microsoft.Web/sites/web1"
TOPIC = f"{ARM}/Microsoft.EventGrid/topics/orders"
COSMOS = f"{ARM}/Microsoft.DocumentDB/databaseAccounts/docs"
MI = f"{ARM}/Microsoft.Sql/managedInstances/mi1"
AI = f"{ARM}/Microsoft.CognitiveServices/accounts/oai1"
FD = f"{ARM}/Microsoft.Cdn/profiles/fd1"
VM = f"{ARM}/Microsoft.Compute/virtualMachines/vm1"
CAE = f"{ARM}/Microsoft.App/managedEnvironments/cae1"

# terraform type -> (attributes as the azurerm provider records them, the parent instance
# the state holds beside it or None, ARM id, name, region)
AZURE: dict[str, tuple[dict[str, Any], tuple[str, dict[str, Any]] | None, str, str, str]] = {
    "azurerm_public_ip": (
        {"id": f"{ARM}/Microsoft.Network/publicIPAddresses/pip1", "name": "pip1",
         "location": "West Europe", "sku": "Standard"},
        None, f"{ARM}/Microsoft.Network/publicIPAddresses/pip1", "pip1", "westeurope",
    ),
    # 3.x: the URL is the id; the ARM id is beside it.
    "azurerm_storage_queue": (
        {"id": "https://st1.queue.core.windows.net/jobs", "name": "jobs",
         "storage_account_name": "st1",
         "resource_manager_id": f"{ACCOUNT}/queueServices/default/queues/jobs"},
        ST1, f"{ACCOUNT}/queueServices/default/queues/jobs", "jobs", "westeurope",
    ),
    "azurerm_storage_table": (
        {"id": "https://st1.table.core.windows.net/Tables('audit')", "name": "audit",
         "storage_account_name": "st1",
         "resource_manager_id": f"{ACCOUNT}/tableServices/default/tables/audit"},
        ST1, f"{ACCOUNT}/tableServices/default/tables/audit", "audit", "westeurope",
    ),
    "azurerm_storage_share": (
        {"id": "https://st1.file.core.windows.net/files", "name": "files",
         "storage_account_name": "st1", "quota": 50,
         "resource_manager_id": f"{ACCOUNT}/fileServices/default/shares/files"},
        ST1, f"{ACCOUNT}/fileServices/default/shares/files", "files", "westeurope",
    ),
    # A Data Lake file system records only its URL and its account's id.
    "azurerm_storage_data_lake_gen2_filesystem": (
        {"id": "https://st1.dfs.core.windows.net/lake", "name": "lake",
         "storage_account_id": ACCOUNT},
        ST1, f"{ACCOUNT}/blobServices/default/containers/lake", "lake", "westeurope",
    ),
    # An older provider's key: no resource_versionless_id, the vault's id and its name.
    "azurerm_key_vault_key": (
        {"id": "https://kv1.vault.azure.net/keys/cmk/0a1b2c", "name": "cmk", "key_type": "EC",
         "key_vault_id": f"{ARM}/Microsoft.KeyVault/vaults/kv1"},
        ("azurerm_key_vault", {"id": f"{ARM}/Microsoft.KeyVault/vaults/kv1", "name": "kv1",
                               "location": "norwayeast"}),
        f"{ARM}/Microsoft.KeyVault/vaults/kv1/keys/cmk", "cmk", "norwayeast",
    ),
    "azurerm_traffic_manager_profile": (
        {"id": f"{ARM}/Microsoft.Network/trafficManagerProfiles/tm1", "name": "tm1"},
        None, f"{ARM}/Microsoft.Network/trafficManagerProfiles/tm1", "tm1", "global",
    ),
    # A Front Door endpoint: its profile's place, which is global.
    "azurerm_cdn_frontdoor_endpoint": (
        {"id": f"{FD}/afdEndpoints/web", "name": "web", "cdn_frontdoor_profile_id": FD},
        ("azurerm_cdn_frontdoor_profile", {"id": FD, "name": "fd1",
                                           "sku_name": "Standard_AzureFrontDoor"}),
        f"{FD}/afdEndpoints/web", "web", "global",
    ),
    # An extension resource of a topic: the topic's location.
    "azurerm_eventgrid_event_subscription": (
        {"id": f"{TOPIC}/providers/Microsoft.EventGrid/eventSubscriptions/to-queue",
         "name": "to-queue", "scope": TOPIC},
        ("azurerm_eventgrid_topic", {"id": TOPIC, "name": "orders", "location": "westus3"}),
        f"{TOPIC}/providers/Microsoft.EventGrid/eventSubscriptions/to-queue", "to-queue",
        "westus3",
    ),
    # A managed certificate is placed where the site whose host name it secures is.
    "azurerm_app_service_managed_certificate": (
        {"id": f"{ARM}/Microsoft.Web/certificates/www", "canonical_name": "www.example.org",
         "custom_hostname_binding_id": f"{SITE}/hostNameBindings/www.example.org"},
        ("azurerm_linux_web_app", {"id": SITE, "name": "web1", "location": "eastus2"}),
        f"{ARM}/Microsoft.Web/certificates/www", "www", "eastus2",
    ),
    "azurerm_cognitive_deployment": (
        {"id": f"{AI}/deployments/gpt", "name": "gpt", "cognitive_account_id": AI,
         "model": [{"format": "OpenAI", "name": "gpt-4o", "version": "2024-08-06"}],
         "sku": [{"name": "Standard", "capacity": 10}]},
        ("azurerm_cognitive_account", {"id": AI, "name": "oai1", "location": "swedencentral",
                                       "kind": "OpenAI", "sku_name": "S0"}),
        f"{AI}/deployments/gpt", "gpt", "swedencentral",
    ),
    "azurerm_mssql_managed_database": (
        {"id": f"{MI}/databases/ledger", "name": "ledger", "managed_instance_id": MI},
        ("azurerm_mssql_managed_instance", {"id": MI, "name": "mi1", "location": "westeurope",
                                            "sku_name": "GP_Gen5", "vcores": 8}),
        f"{MI}/databases/ledger", "ledger", "westeurope",
    ),
    # A grandchild: the nearest resource above it that has a place.
    "azurerm_cosmosdb_mongo_collection": (
        {"id": f"{COSMOS}/mongodbDatabases/shop/collections/orders", "name": "orders",
         "database_name": "shop", "throughput": 400},
        ("azurerm_cosmosdb_account", {"id": COSMOS, "name": "docs",
                                      "location": "germanywestcentral", "kind": "MongoDB"}),
        f"{COSMOS}/mongodbDatabases/shop/collections/orders", "orders", "germanywestcentral",
    ),
    "azurerm_batch_pool": (
        {"id": f"{ARM}/Microsoft.Batch/batchAccounts/batch1/pools/render", "name": "render",
         "account_name": "batch1", "vm_size": "STANDARD_D2S_V3"},
        ("azurerm_batch_account", {"id": f"{ARM}/Microsoft.Batch/batchAccounts/batch1",
                                   "name": "batch1", "location": "centralindia"}),
        f"{ARM}/Microsoft.Batch/batchAccounts/batch1/pools/render", "render", "centralindia",
    ),
    "azurerm_communication_service": (
        {"id": f"{ARM}/Microsoft.Communication/communicationServices/acs1", "name": "acs1",
         "data_location": "Europe"},
        None, f"{ARM}/Microsoft.Communication/communicationServices/acs1", "acs1", "global",
    ),
    # 3.x had no location for activity log alerts: global, as Resource Manager places them.
    "azurerm_monitor_activity_log_alert": (
        {"id": f"{ARM}/Microsoft.Insights/activityLogAlerts/deletes", "name": "deletes"},
        None, f"{ARM}/Microsoft.Insights/activityLogAlerts/deletes", "deletes", "global",
    ),
    # What Resource Manager lists below a machine, a registry, a network watcher, an app
    # environment: an extension and a certificate record no location, their parent's.
    "azurerm_virtual_machine_extension": (
        {"id": f"{VM}/extensions/AADLoginForLinux", "name": "AADLoginForLinux",
         "virtual_machine_id": VM, "publisher": "Microsoft.Azure.ActiveDirectory",
         "type": "AADSSHLoginForLinux", "type_handler_version": "1.0"},
        ("azurerm_linux_virtual_machine", {"id": VM, "name": "vm1", "location": "uksouth"}),
        f"{VM}/extensions/AADLoginForLinux", "AADLoginForLinux", "uksouth",
    ),
    "azurerm_virtual_machine_run_command": (
        {"id": f"{VM}/runCommands/patch", "name": "patch", "location": "uksouth",
         "virtual_machine_id": VM},
        None, f"{VM}/runCommands/patch", "patch", "uksouth",
    ),
    "azurerm_dev_test_global_vm_shutdown_schedule": (
        {"id": f"{ARM}/Microsoft.DevTestLab/schedules/shutdown-computevm-vm1",
         "location": "uksouth", "virtual_machine_id": VM, "enabled": True},
        None, f"{ARM}/Microsoft.DevTestLab/schedules/shutdown-computevm-vm1",
        "shutdown-computevm-vm1", "uksouth",
    ),
    "azurerm_container_registry_webhook": (
        {"id": f"{ARM}/Microsoft.ContainerRegistry/registries/acr1/webhooks/hook",
         "name": "hook", "location": "westeurope", "status": "enabled"},
        None, f"{ARM}/Microsoft.ContainerRegistry/registries/acr1/webhooks/hook", "hook",
        "westeurope",
    ),
    "azurerm_network_watcher_flow_log": (
        {"id": f"{ARM}/Microsoft.Network/networkWatchers/nw1/flowLogs/fl1", "name": "fl1",
         "location": "westeurope", "enabled": True},
        None, f"{ARM}/Microsoft.Network/networkWatchers/nw1/flowLogs/fl1", "fl1", "westeurope",
    ),
    "azurerm_container_app_environment_certificate": (
        {"id": f"{CAE}/certificates/www", "name": "www", "container_app_environment_id": CAE},
        ("azurerm_container_app_environment", {"id": CAE, "name": "cae1",
                                               "location": "francecentral"}),
        f"{CAE}/certificates/www", "www", "francecentral",
    ),
    # azapi's type in any case, spelled as the table spells it.
    "azapi_resource": (
        {"id": f"{ARM}/Microsoft.Network/natGateways/ng1", "name": "ng1",
         "type": "microsoft.network/natgateways@2024-05-01", "location": "westeurope",
         "parent_id": f"/subscriptions/{S}/resourceGroups/rg1", "body": {"sku": {"name": "x"}}},
        None, f"{ARM}/Microsoft.Network/natGateways/ng1", "ng1", "westeurope",
    ),
}  # fmt: skip


@pytest.mark.parametrize("tf_type", sorted(AZURE))
def test_azure_ids_and_places_are_the_scans(tf_type: str) -> None:
    attributes, parent, rid, name, region = AZURE[tf_type]
    found = [instance(tf_type, attributes)]
    if parent is not None:
        found.append(instance(parent[0], parent[1], name="parent"))
    converted = convert_all(found, "s.tfstate")
    (resource,) = [
        r for r in converted.resources if str(r.attributes["terraform_address"]).endswith(".x")
    ]
    assert (resource.id, resource.name, resource.region) == (rid, name, region)
    assert (resource.provider, resource.account, resource.resource_group) == ("azure", S, "rg1")
    expected = TF_TYPES[tf_type].native
    assert resource.type == (expected if "{" not in expected else "Microsoft.Network/natGateways")
    assert converted.without_region == {}


def test_a_subscription_is_filed_under_itself_and_global() -> None:
    alias = {
        "id": "/providers/Microsoft.Subscription/aliases/shop",
        "alias": "shop",
        "subscription_id": S,
        "subscription_name": "Shop",
    }
    (resource,) = convert_all([instance("azurerm_subscription", alias)], "s.tfstate").resources
    assert (resource.id, resource.account, resource.region) == (f"/subscriptions/{S}", S, "global")
    assert (resource.type, resource.name) == ("Microsoft.Resources/subscriptions", "Shop")
    # Not yet created (no subscription id): its alias's id, in no known subscription.
    pending = {**alias, "subscription_id": None}
    (resource,) = convert_all([instance("azurerm_subscription", pending)], "s.tfstate").resources
    assert (resource.id, resource.account) == (alias["id"], "unknown")
