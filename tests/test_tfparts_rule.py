"""The rule of `tfparts` for Azure and Google Cloud (AWS's is held to AWS Config's own list
in tests/test_tftypes_aws.py): what the cloud's inventory lists as a resource is imported
with its native type, unless it is one of the kinds the rule names as parts, and then the
exception is listed with its reason."""

from __future__ import annotations

from connectors.importers.tfparts import is_part
from connectors.importers.tftypes import TF_TYPES
from connectors.importers.tftypes_azure_parts import LISTED_PARTS as AZURE_LISTED_PARTS
from connectors.importers.tftypes_google import LISTED_PARTS as GOOGLE_LISTED_PARTS

# Terraform types whose object Resource Manager lists as a resource of its own (`az
# resource list`: a tracked resource, given a location and tags by the ARM template
# reference) though it lies below another resource: the Terraform type -> its type.
AZURE_LISTED = {
    "azurerm_virtual_machine_extension": "Microsoft.Compute/virtualMachines/extensions",
    "azurerm_virtual_machine_run_command": "Microsoft.Compute/virtualMachines/runCommands",
    "azurerm_dev_test_global_vm_shutdown_schedule": "Microsoft.DevTestLab/schedules",
    "azurerm_container_registry_webhook": "Microsoft.ContainerRegistry/registries/webhooks",
    "azurerm_network_watcher_flow_log": "Microsoft.Network/networkWatchers/flowLogs",
    "azurerm_container_app_environment_certificate": (
        "Microsoft.App/managedEnvironments/certificates"
    ),
    "azurerm_private_dns_zone_virtual_network_link": (
        "Microsoft.Network/privateDnsZones/virtualNetworkLinks"
    ),
}

# Parts whose object Cloud Asset lists as an asset type (its asset types page): the
# Terraform type -> that asset type.
GOOGLE_LISTED = {
    "google_secret_manager_secret_version": "secretmanager.googleapis.com/SecretVersion",
    "google_kms_crypto_key_version": "cloudkms.googleapis.com/CryptoKeyVersion",
    "google_service_account_key": "iam.googleapis.com/ServiceAccountKey",
    "google_dns_record_set": "dns.googleapis.com/ResourceRecordSet",
    "google_api_gateway_api_config": "apigateway.googleapis.com/ApiConfig",
    "google_tags_tag_binding": "cloudresourcemanager.googleapis.com/TagBinding",
    "google_tags_location_tag_binding": "cloudresourcemanager.googleapis.com/TagBinding",
    "google_service_networking_connection": "servicenetworking.googleapis.com/Connection",
    "google_firebaserules_release": "firebaserules.googleapis.com/Release",
    "google_firebaserules_ruleset": "firebaserules.googleapis.com/Ruleset",
    "google_firebase_project": "firebase.googleapis.com/FirebaseProject",
    "google_resource_manager_lien": "cloudresourcemanager.googleapis.com/Lien",
    "google_essential_contacts_contact": "essentialcontacts.googleapis.com/Contact",
    "google_project_organization_policy": "orgpolicy.googleapis.com/Policy",
    "google_folder_organization_policy": "orgpolicy.googleapis.com/Policy",
    "google_organization_policy": "orgpolicy.googleapis.com/Policy",
    "google_org_policy_policy": "orgpolicy.googleapis.com/Policy",
    "google_binary_authorization_policy": "binaryauthorization.googleapis.com/Policy",
    "google_identity_platform_config": "identitytoolkit.googleapis.com/Config",
    "google_logging_log_view": "logging.googleapis.com/LogView",
    "google_compute_project_metadata": "compute.googleapis.com/Project",
    "google_compute_project_metadata_item": "compute.googleapis.com/Project",
    "google_compute_project_default_network_tier": "compute.googleapis.com/Project",
    "google_compute_shared_vpc_host_project": "compute.googleapis.com/Project",
}


def test_what_resource_manager_lists_is_imported_unless_a_listed_exception() -> None:
    for tf_type, native in AZURE_LISTED.items():
        if tf_type in AZURE_LISTED_PARTS:
            assert is_part(tf_type), tf_type
        else:
            assert TF_TYPES[tf_type].native == native, tf_type
    assert sorted(set(AZURE_LISTED_PARTS) - set(AZURE_LISTED)) == []


def test_deployments_and_management_groups_are_not_resources_of_the_inventory() -> None:
    for tf_type in [
        "azurerm_resource_group_template_deployment",
        "azurerm_subscription_template_deployment",
        "azurerm_management_group",
    ]:
        assert is_part(tf_type), tf_type
    assert TF_TYPES["azurerm_subscription"].native == "Microsoft.Resources/subscriptions"


def test_what_cloud_asset_lists_is_imported_unless_a_listed_exception() -> None:
    for tf_type in GOOGLE_LISTED:
        assert is_part(tf_type) and tf_type in GOOGLE_LISTED_PARTS, tf_type
    assert sorted(set(GOOGLE_LISTED_PARTS) - set(GOOGLE_LISTED)) == []
    natives = {spec.native for spec in TF_TYPES.values() if spec.provider == "gcp"}
    assert "cloudresourcemanager.googleapis.com/Folder" in natives
    assert "notebooks.googleapis.com/Instance" in natives
