"""Ids, names and regions of imported `google_*` instances, exactly as Cloud Asset gives
them (https://cloud.google.com/asset-inventory/docs/asset-names), from attributes shaped as
the provider records them: its `id` and `self_link` as the registry docs' "Import" and
attribute sections show them (https://registry.terraform.io/providers/hashicorp/google/
latest/docs). Both are planted so that a converter that reads the self link's host
(www.googleapis.com, sqladmin) fails. Each case is converted with the state's
google_project, which gives the project number some services name resources by."""

from __future__ import annotations

from typing import Any

import pytest

from connectors.importers.terraform import Instance
from connectors.importers.tfresources import convert_all
from connectors.importers.tftypes import TF_TYPES
from exitplan.errors import InputError
from tests.test_tfresources_ids import instance

P = "acme-prod"
N = "481516234200"  # its project number
COMPUTE = f"https://www.googleapis.com/compute/v1/projects/{P}"
PROJECT = {"id": f"projects/{P}", "project_id": P, "number": N, "name": P}


def _compute(where: str, collection: str, name: str, **more: Any) -> dict[str, Any]:
    """A Compute resource's attributes as the provider records them: the zone or region it
    is in, an id without host, and a self link on www.googleapis.com."""
    kind, _, place = where.partition("/")
    placed = {"zone": place} if kind == "zones" else {"region": place} if place else {}
    return {
        "id": f"projects/{P}/{where}/{collection}/{name}",
        "self_link": f"{COMPUTE}/{where}/{collection}/{name}",
        "name": name,
        "project": P,
        **placed,
        **more,
    }


# terraform type -> (attributes as the google provider records them, Cloud Asset name,
# name, region)
GOOGLE: dict[str, tuple[dict[str, Any], str, str, str]] = {
    "google_compute_instance": (
        {
            "id": f"projects/{P}/zones/europe-west4-a/instances/vm1",
            "self_link": f"{COMPUTE}/zones/europe-west4-a/instances/vm1",
            "name": "vm1",
            "project": P,
            "zone": "europe-west4-a",
            "machine_type": "e2-standard-4",
        },
        f"//compute.googleapis.com/projects/{P}/zones/europe-west4-a/instances/vm1",
        "vm1",
        "europe-west4-a",
    ),
    "google_compute_disk": (
        {
            "id": f"projects/{P}/zones/europe-west4-a/disks/data1",
            "self_link": f"{COMPUTE}/zones/europe-west4-a/disks/data1",
            "name": "data1",
            "project": P,
            "zone": "europe-west4-a",
            "size": 100,
        },
        f"//compute.googleapis.com/projects/{P}/zones/europe-west4-a/disks/data1",
        "data1",
        "europe-west4-a",
    ),
    "google_compute_network": (
        {
            "id": f"projects/{P}/global/networks/vpc",
            "self_link": f"{COMPUTE}/global/networks/vpc",
            "name": "vpc",
            "project": P,
        },
        f"//compute.googleapis.com/projects/{P}/global/networks/vpc",
        "vpc",
        "global",
    ),
    "google_compute_subnetwork": (
        {
            "id": f"projects/{P}/regions/europe-west4/subnetworks/app",
            "self_link": f"{COMPUTE}/regions/europe-west4/subnetworks/app",
            "name": "app",
            "project": P,
            "region": "europe-west4",
            "network": f"{COMPUTE}/global/networks/vpc",
        },
        f"//compute.googleapis.com/projects/{P}/regions/europe-west4/subnetworks/app",
        "app",
        "europe-west4",
    ),
    "google_compute_firewall": (
        {
            "id": f"projects/{P}/global/firewalls/allow-ssh",
            "self_link": f"{COMPUTE}/global/firewalls/allow-ssh",
            "name": "allow-ssh",
            "project": P,
        },
        f"//compute.googleapis.com/projects/{P}/global/firewalls/allow-ssh",
        "allow-ssh",
        "global",
    ),
    "google_compute_forwarding_rule": (
        {
            "id": f"projects/{P}/regions/europe-west4/forwardingRules/lb",
            "self_link": f"{COMPUTE}/regions/europe-west4/forwardingRules/lb",
            "name": "lb",
            "project": P,
            "region": "europe-west4",
        },
        f"//compute.googleapis.com/projects/{P}/regions/europe-west4/forwardingRules/lb",
        "lb",
        "europe-west4",
    ),
    "google_compute_global_forwarding_rule": (
        {
            "id": f"projects/{P}/global/forwardingRules/web",
            "self_link": f"{COMPUTE}/global/forwardingRules/web",
            "name": "web",
            "project": P,
        },
        f"//compute.googleapis.com/projects/{P}/global/forwardingRules/web",
        "web",
        "global",
    ),
    "google_compute_backend_bucket": (
        {
            "id": f"projects/{P}/global/backendBuckets/static",
            "self_link": f"{COMPUTE}/global/backendBuckets/static",
            "name": "static",
            "project": P,
            "bucket_name": "acme-static",
        },
        f"//compute.googleapis.com/projects/{P}/global/backendBuckets/static",
        "static",
        "global",
    ),
    "google_storage_bucket": (
        {
            "id": "acme-assets",
            "self_link": "https://www.googleapis.com/storage/v1/b/acme-assets",
            "url": "gs://acme-assets",
            "name": "acme-assets",
            "project": P,
            "location": "EU",
        },
        "//storage.googleapis.com/acme-assets",
        "acme-assets",
        "eu",
    ),
    "google_sql_database_instance": (
        {
            "id": "sql1",
            "self_link": f"https://sqladmin.googleapis.com/sql/v1beta4/projects/{P}/instances/sql1",
            "name": "sql1",
            "project": P,
            "region": "europe-west4",
            "database_version": "POSTGRES_15",
        },
        f"//cloudsql.googleapis.com/projects/{P}/instances/sql1",
        "sql1",
        "europe-west4",
    ),
    "google_container_cluster": (
        {
            "id": f"projects/{P}/locations/europe-west4/clusters/gke1",
            "self_link": (
                f"https://container.googleapis.com/v1/projects/{P}/locations/europe-west4"
                "/clusters/gke1"
            ),
            "name": "gke1",
            "project": P,
            "location": "europe-west4",
        },
        f"//container.googleapis.com/projects/{P}/locations/europe-west4/clusters/gke1",
        "gke1",
        "europe-west4",
    ),
    "google_container_node_pool": (
        {
            "id": f"projects/{P}/locations/europe-west4/clusters/gke1/nodePools/pool1",
            "name": "pool1",
            "cluster": "gke1",
            "project": P,
            "location": "europe-west4",
        },
        f"//container.googleapis.com/projects/{P}/locations/europe-west4/clusters/gke1"
        "/nodePools/pool1",
        "pool1",
        "europe-west4",
    ),
    "google_cloudfunctions_function": (
        {
            "id": f"projects/{P}/locations/europe-west1/functions/resize",
            "name": "resize",
            "project": P,
            "region": "europe-west1",
            "runtime": "nodejs20",
        },
        f"//cloudfunctions.googleapis.com/projects/{P}/locations/europe-west1/functions/resize",
        "resize",
        "europe-west1",
    ),
    "google_cloudfunctions2_function": (
        {
            "id": f"projects/{P}/locations/europe-west1/functions/thumb",
            "name": "thumb",
            "project": P,
            "location": "europe-west1",
        },
        f"//cloudfunctions.googleapis.com/projects/{P}/locations/europe-west1/functions/thumb",
        "thumb",
        "europe-west1",
    ),
    "google_cloud_run_service": (
        {
            "id": f"locations/europe-west1/namespaces/{P}/services/api",
            "name": "api",
            "project": P,
            "location": "europe-west1",
        },
        f"//run.googleapis.com/projects/{P}/locations/europe-west1/services/api",
        "api",
        "europe-west1",
    ),
    "google_cloud_run_v2_service": (
        {
            "id": f"projects/{P}/locations/europe-west1/services/api2",
            "name": "api2",
            "project": P,
            "location": "europe-west1",
        },
        f"//run.googleapis.com/projects/{P}/locations/europe-west1/services/api2",
        "api2",
        "europe-west1",
    ),
    "google_app_engine_application": (
        {"id": P, "app_id": P, "name": f"apps/{P}", "project": P, "location_id": "europe-west"},
        f"//appengine.googleapis.com/apps/{P}",
        P,
        "europe-west",
    ),
    "google_artifact_registry_repository": (
        {
            "id": f"projects/{P}/locations/europe/repositories/images",
            "name": "images",
            "repository_id": "images",
            "project": P,
            "location": "europe",
            "format": "DOCKER",
        },
        f"//artifactregistry.googleapis.com/projects/{P}/locations/europe/repositories/images",
        "images",
        "europe",
    ),
    "google_bigquery_dataset": (
        {
            "id": f"projects/{P}/datasets/sales",
            "self_link": f"https://bigquery.googleapis.com/bigquery/v2/projects/{P}/datasets/sales",
            "dataset_id": "sales",
            "project": P,
            "location": "EU",
        },
        f"//bigquery.googleapis.com/projects/{P}/datasets/sales",
        "sales",
        "eu",
    ),
    "google_bigtable_instance": (
        {"id": f"projects/{P}/instances/bt1", "name": "bt1", "project": P},
        f"//bigtable.googleapis.com/projects/{P}/instances/bt1",
        "bt1",
        "global",
    ),
    "google_dns_managed_zone": (
        {
            "id": f"projects/{P}/managedZones/acme-zone",
            "name": "acme-zone",
            "dns_name": "acme.example.",
            "managed_zone_id": 4567890123456789012,
            "project": P,
        },
        f"//dns.googleapis.com/projects/{P}/managedZones/4567890123456789012",
        "acme-zone",
        "global",
    ),
    "google_firestore_database": (
        {
            "id": f"projects/{P}/databases/(default)",
            "name": "(default)",
            "project": P,
            "location_id": "eur3",
            "type": "FIRESTORE_NATIVE",
        },
        f"//firestore.googleapis.com/projects/{P}/databases/(default)",
        "(default)",
        "eur3",
    ),
    "google_kms_key_ring": (
        {
            "id": f"projects/{P}/locations/europe/keyRings/ring",
            "name": "ring",
            "project": P,
            "location": "europe",
        },
        f"//cloudkms.googleapis.com/projects/{P}/locations/europe/keyRings/ring",
        "ring",
        "europe",
    ),
    "google_kms_crypto_key": (
        {
            "id": f"projects/{P}/locations/europe/keyRings/ring/cryptoKeys/disk",
            "name": "disk",
            "key_ring": f"projects/{P}/locations/europe/keyRings/ring",
            "purpose": "ENCRYPT_DECRYPT",
        },
        f"//cloudkms.googleapis.com/projects/{P}/locations/europe/keyRings/ring/cryptoKeys/disk",
        "disk",
        "europe",
    ),
    "google_logging_project_bucket_config": (
        {
            "id": f"projects/{P}/locations/global/buckets/_Default",
            "name": f"projects/{P}/locations/global/buckets/_Default",
            "bucket_id": "_Default",
            "project": P,
            "location": "global",
            "retention_days": 30,
        },
        f"//logging.googleapis.com/projects/{N}/locations/global/buckets/_Default",
        "_Default",
        "global",
    ),
    "google_pubsub_topic": (
        {"id": f"projects/{P}/topics/orders", "name": "orders", "project": P},
        f"//pubsub.googleapis.com/projects/{P}/topics/orders",
        "orders",
        "global",
    ),
    "google_pubsub_subscription": (
        {
            "id": f"projects/{P}/subscriptions/billing",
            "name": "billing",
            "project": P,
            "topic": f"projects/{P}/topics/orders",
        },
        f"//pubsub.googleapis.com/projects/{P}/subscriptions/billing",
        "billing",
        "global",
    ),
    "google_redis_instance": (
        {
            "id": f"projects/{P}/locations/europe-west4/instances/cache",
            "name": "cache",
            "project": P,
            "region": "europe-west4",
            "memory_size_gb": 1,
        },
        f"//redis.googleapis.com/projects/{P}/locations/europe-west4/instances/cache",
        "cache",
        "europe-west4",
    ),
    # The provider's `name` is the API's, with the project number, as Cloud Asset names it.
    "google_secret_manager_secret": (
        {
            "id": f"projects/{P}/secrets/api-key",
            "name": "projects/123456789012/secrets/api-key",
            "secret_id": "api-key",
            "project": P,
        },
        "//secretmanager.googleapis.com/projects/123456789012/secrets/api-key",
        "api-key",
        "global",
    ),
    "google_workflows_workflow": (
        {
            "id": f"projects/{P}/locations/europe-west4/workflows/nightly",
            "name": "nightly",
            "project": P,
            "region": "europe-west4",
        },
        f"//workflows.googleapis.com/projects/{P}/locations/europe-west4/workflows/nightly",
        "nightly",
        "europe-west4",
    ),
    # ---------------------------------------------------------------- Compute, more
    "google_compute_instance_from_template": (
        _compute("zones/europe-west4-b", "instances", "vm2"),
        f"//compute.googleapis.com/projects/{P}/zones/europe-west4-b/instances/vm2",
        "vm2",
        "europe-west4-b",
    ),
    # A global template that names a region is still global.
    "google_compute_instance_template": (
        _compute("global", "instanceTemplates", "web-tpl", region="europe-west4"),
        f"//compute.googleapis.com/projects/{P}/global/instanceTemplates/web-tpl",
        "web-tpl",
        "global",
    ),
    "google_compute_instance_group_manager": (
        _compute("zones/europe-west4-a", "instanceGroupManagers", "web-igm"),
        f"//compute.googleapis.com/projects/{P}/zones/europe-west4-a/instanceGroupManagers/web-igm",
        "web-igm",
        "europe-west4-a",
    ),
    "google_compute_region_instance_group_manager": (
        _compute("regions/europe-west4", "instanceGroupManagers", "web-rigm"),
        f"//compute.googleapis.com/projects/{P}/regions/europe-west4/instanceGroupManagers/"
        "web-rigm",
        "web-rigm",
        "europe-west4",
    ),
    "google_compute_instance_group": (
        _compute("zones/europe-west4-a", "instanceGroups", "legacy"),
        f"//compute.googleapis.com/projects/{P}/zones/europe-west4-a/instanceGroups/legacy",
        "legacy",
        "europe-west4-a",
    ),
    "google_compute_autoscaler": (
        _compute("zones/europe-west4-a", "autoscalers", "web-as"),
        f"//compute.googleapis.com/projects/{P}/zones/europe-west4-a/autoscalers/web-as",
        "web-as",
        "europe-west4-a",
    ),
    "google_compute_region_autoscaler": (
        _compute("regions/europe-west4", "autoscalers", "web-ras"),
        f"//compute.googleapis.com/projects/{P}/regions/europe-west4/autoscalers/web-ras",
        "web-ras",
        "europe-west4",
    ),
    "google_compute_resource_policy": (
        _compute("regions/europe-west4", "resourcePolicies", "nightly"),
        f"//compute.googleapis.com/projects/{P}/regions/europe-west4/resourcePolicies/nightly",
        "nightly",
        "europe-west4",
    ),
    "google_compute_region_disk": (
        _compute("regions/europe-west4", "disks", "shared", size=200),
        f"//compute.googleapis.com/projects/{P}/regions/europe-west4/disks/shared",
        "shared",
        "europe-west4",
    ),
    "google_compute_snapshot": (
        _compute("global", "snapshots", "data1-snap", zone="europe-west4-a"),
        f"//compute.googleapis.com/projects/{P}/global/snapshots/data1-snap",
        "data1-snap",
        "global",
    ),
    "google_compute_image": (
        _compute("global", "images", "golden"),
        f"//compute.googleapis.com/projects/{P}/global/images/golden",
        "golden",
        "global",
    ),
    "google_compute_address": (
        _compute("regions/europe-west4", "addresses", "nat-ip"),
        f"//compute.googleapis.com/projects/{P}/regions/europe-west4/addresses/nat-ip",
        "nat-ip",
        "europe-west4",
    ),
    "google_compute_global_address": (
        _compute("global", "addresses", "lb-ip"),
        f"//compute.googleapis.com/projects/{P}/global/addresses/lb-ip",
        "lb-ip",
        "global",
    ),
    "google_compute_router": (
        _compute("regions/europe-west4", "routers", "rtr"),
        f"//compute.googleapis.com/projects/{P}/regions/europe-west4/routers/rtr",
        "rtr",
        "europe-west4",
    ),
    "google_compute_route": (
        _compute("global", "routes", "to-onprem"),
        f"//compute.googleapis.com/projects/{P}/global/routes/to-onprem",
        "to-onprem",
        "global",
    ),
    "google_compute_vpn_gateway": (
        _compute("regions/europe-west4", "targetVpnGateways", "classic-gw"),
        f"//compute.googleapis.com/projects/{P}/regions/europe-west4/targetVpnGateways/classic-gw",
        "classic-gw",
        "europe-west4",
    ),
    "google_compute_ha_vpn_gateway": (
        _compute("regions/europe-west4", "vpnGateways", "ha-gw"),
        f"//compute.googleapis.com/projects/{P}/regions/europe-west4/vpnGateways/ha-gw",
        "ha-gw",
        "europe-west4",
    ),
    "google_compute_external_vpn_gateway": (
        _compute("global", "externalVpnGateways", "onprem"),
        f"//compute.googleapis.com/projects/{P}/global/externalVpnGateways/onprem",
        "onprem",
        "global",
    ),
    "google_compute_vpn_tunnel": (
        _compute("regions/europe-west4", "vpnTunnels", "tunnel0"),
        f"//compute.googleapis.com/projects/{P}/regions/europe-west4/vpnTunnels/tunnel0",
        "tunnel0",
        "europe-west4",
    ),
    "google_compute_interconnect_attachment": (
        _compute("regions/europe-west4", "interconnectAttachments", "ic-a"),
        f"//compute.googleapis.com/projects/{P}/regions/europe-west4/interconnectAttachments/ic-a",
        "ic-a",
        "europe-west4",
    ),
    "google_compute_service_attachment": (
        _compute("regions/europe-west4", "serviceAttachments", "psc"),
        f"//compute.googleapis.com/projects/{P}/regions/europe-west4/serviceAttachments/psc",
        "psc",
        "europe-west4",
    ),
    "google_compute_backend_service": (
        _compute("global", "backendServices", "web-be"),
        f"//compute.googleapis.com/projects/{P}/global/backendServices/web-be",
        "web-be",
        "global",
    ),
    "google_compute_region_backend_service": (
        _compute("regions/europe-west4", "backendServices", "ilb-be"),
        f"//compute.googleapis.com/projects/{P}/regions/europe-west4/backendServices/ilb-be",
        "ilb-be",
        "europe-west4",
    ),
    "google_compute_health_check": (
        _compute("global", "healthChecks", "hc"),
        f"//compute.googleapis.com/projects/{P}/global/healthChecks/hc",
        "hc",
        "global",
    ),
    "google_compute_region_health_check": (
        _compute("regions/europe-west4", "healthChecks", "rhc"),
        f"//compute.googleapis.com/projects/{P}/regions/europe-west4/healthChecks/rhc",
        "rhc",
        "europe-west4",
    ),
    "google_compute_http_health_check": (
        _compute("global", "httpHealthChecks", "legacy-hc"),
        f"//compute.googleapis.com/projects/{P}/global/httpHealthChecks/legacy-hc",
        "legacy-hc",
        "global",
    ),
    "google_compute_https_health_check": (
        _compute("global", "httpsHealthChecks", "legacy-hcs"),
        f"//compute.googleapis.com/projects/{P}/global/httpsHealthChecks/legacy-hcs",
        "legacy-hcs",
        "global",
    ),
    "google_compute_url_map": (
        _compute("global", "urlMaps", "web-map"),
        f"//compute.googleapis.com/projects/{P}/global/urlMaps/web-map",
        "web-map",
        "global",
    ),
    "google_compute_target_http_proxy": (
        _compute("global", "targetHttpProxies", "web-http"),
        f"//compute.googleapis.com/projects/{P}/global/targetHttpProxies/web-http",
        "web-http",
        "global",
    ),
    "google_compute_target_https_proxy": (
        _compute("global", "targetHttpsProxies", "web-https"),
        f"//compute.googleapis.com/projects/{P}/global/targetHttpsProxies/web-https",
        "web-https",
        "global",
    ),
    "google_compute_target_ssl_proxy": (
        _compute("global", "targetSslProxies", "tls"),
        f"//compute.googleapis.com/projects/{P}/global/targetSslProxies/tls",
        "tls",
        "global",
    ),
    "google_compute_target_tcp_proxy": (
        _compute("global", "targetTcpProxies", "tcp"),
        f"//compute.googleapis.com/projects/{P}/global/targetTcpProxies/tcp",
        "tcp",
        "global",
    ),
    "google_compute_target_pool": (
        _compute("regions/europe-west4", "targetPools", "pool"),
        f"//compute.googleapis.com/projects/{P}/regions/europe-west4/targetPools/pool",
        "pool",
        "europe-west4",
    ),
    "google_compute_target_instance": (
        _compute("zones/europe-west4-a", "targetInstances", "ti"),
        f"//compute.googleapis.com/projects/{P}/zones/europe-west4-a/targetInstances/ti",
        "ti",
        "europe-west4-a",
    ),
    "google_compute_region_url_map": (
        _compute("regions/europe-west4", "urlMaps", "ilb-map"),
        f"//compute.googleapis.com/projects/{P}/regions/europe-west4/urlMaps/ilb-map",
        "ilb-map",
        "europe-west4",
    ),
    "google_compute_region_target_http_proxy": (
        _compute("regions/europe-west4", "targetHttpProxies", "ilb-http"),
        f"//compute.googleapis.com/projects/{P}/regions/europe-west4/targetHttpProxies/ilb-http",
        "ilb-http",
        "europe-west4",
    ),
    "google_compute_region_target_https_proxy": (
        _compute("regions/europe-west4", "targetHttpsProxies", "ilb-https"),
        f"//compute.googleapis.com/projects/{P}/regions/europe-west4/targetHttpsProxies/ilb-https",
        "ilb-https",
        "europe-west4",
    ),
    "google_compute_region_ssl_certificate": (
        _compute("regions/europe-west4", "sslCertificates", "ilb-cert"),
        f"//compute.googleapis.com/projects/{P}/regions/europe-west4/sslCertificates/ilb-cert",
        "ilb-cert",
        "europe-west4",
    ),
    "google_compute_network_endpoint_group": (
        _compute("zones/europe-west4-a", "networkEndpointGroups", "neg"),
        f"//compute.googleapis.com/projects/{P}/zones/europe-west4-a/networkEndpointGroups/neg",
        "neg",
        "europe-west4-a",
    ),
    # The provider records this one's region as a self link.
    "google_compute_region_network_endpoint_group": (
        _compute(
            "regions/europe-west4",
            "networkEndpointGroups",
            "serverless-neg",
            region=f"{COMPUTE}/regions/europe-west4",
        ),
        f"//compute.googleapis.com/projects/{P}/regions/europe-west4/networkEndpointGroups/"
        "serverless-neg",
        "serverless-neg",
        "europe-west4",
    ),
    "google_compute_global_network_endpoint_group": (
        _compute("global", "networkEndpointGroups", "internet-neg"),
        f"//compute.googleapis.com/projects/{P}/global/networkEndpointGroups/internet-neg",
        "internet-neg",
        "global",
    ),
    "google_compute_ssl_certificate": (
        _compute("global", "sslCertificates", "web-cert"),
        f"//compute.googleapis.com/projects/{P}/global/sslCertificates/web-cert",
        "web-cert",
        "global",
    ),
    "google_compute_managed_ssl_certificate": (
        _compute("global", "sslCertificates", "managed-cert"),
        f"//compute.googleapis.com/projects/{P}/global/sslCertificates/managed-cert",
        "managed-cert",
        "global",
    ),
    "google_compute_ssl_policy": (
        _compute("global", "sslPolicies", "modern"),
        f"//compute.googleapis.com/projects/{P}/global/sslPolicies/modern",
        "modern",
        "global",
    ),
    "google_compute_security_policy": (
        _compute("global", "securityPolicies", "armor"),
        f"//compute.googleapis.com/projects/{P}/global/securityPolicies/armor",
        "armor",
        "global",
    ),
    "google_compute_reservation": (
        _compute("zones/europe-west4-a", "reservations", "batch"),
        f"//compute.googleapis.com/projects/{P}/zones/europe-west4-a/reservations/batch",
        "batch",
        "europe-west4-a",
    ),
    "google_compute_node_template": (
        _compute("regions/europe-west4", "nodeTemplates", "sole", node_type="n2-node-80-640"),
        f"//compute.googleapis.com/projects/{P}/regions/europe-west4/nodeTemplates/sole",
        "sole",
        "europe-west4",
    ),
    "google_compute_node_group": (
        _compute("zones/europe-west4-a", "nodeGroups", "sole-group", size=2),
        f"//compute.googleapis.com/projects/{P}/zones/europe-west4-a/nodeGroups/sole-group",
        "sole-group",
        "europe-west4-a",
    ),
    "google_compute_packet_mirroring": (
        _compute("regions/europe-west4", "packetMirrorings", "mirror"),
        f"//compute.googleapis.com/projects/{P}/regions/europe-west4/packetMirrorings/mirror",
        "mirror",
        "europe-west4",
    ),
    # ---------------------------------------------------------------- APIs and certificates
    "google_api_gateway_api": (
        {
            "id": f"projects/{P}/locations/global/apis/orders",
            "api_id": "orders",
            "name": f"projects/{P}/locations/global/apis/orders",
            "project": P,
        },
        f"//apigateway.googleapis.com/projects/{N}/locations/global/apis/orders",
        "orders",
        "global",
    ),
    "google_api_gateway_gateway": (
        {
            "id": f"projects/{P}/locations/europe-west1/gateways/orders-gw",
            "gateway_id": "orders-gw",
            "region": "europe-west1",
            "project": P,
        },
        f"//apigateway.googleapis.com/projects/{N}/locations/europe-west1/gateways/orders-gw",
        "orders-gw",
        "europe-west1",
    ),
    "google_endpoints_service": (
        {
            "id": f"orders.endpoints.{P}.cloud.goog",
            "service_name": f"orders.endpoints.{P}.cloud.goog",
            "project": P,
        },
        f"//servicemanagement.googleapis.com/services/orders.endpoints.{P}.cloud.goog",
        f"orders.endpoints.{P}.cloud.goog",
        "global",
    ),
    "google_privateca_ca_pool": (
        {
            "id": f"projects/{P}/locations/europe-west4/caPools/internal",
            "name": "internal",
            "location": "europe-west4",
            "tier": "DEVOPS",
            "project": P,
        },
        f"//privateca.googleapis.com/projects/{P}/locations/europe-west4/caPools/internal",
        "internal",
        "europe-west4",
    ),
    "google_privateca_certificate_authority": (
        {
            "id": f"projects/{P}/locations/europe-west4/caPools/internal/certificateAuthorities/"
            "root",
            "certificate_authority_id": "root",
            "pool": "internal",
            "location": "europe-west4",
            "project": P,
        },
        f"//privateca.googleapis.com/projects/{P}/locations/europe-west4/caPools/internal"
        "/certificateAuthorities/root",
        "root",
        "europe-west4",
    ),
    "google_healthcare_dataset": (
        {
            "id": f"projects/{P}/locations/europe-west4/datasets/clinical",
            "name": "clinical",
            "location": "europe-west4",
            "project": P,
        },
        f"//healthcare.googleapis.com/projects/{P}/locations/europe-west4/datasets/clinical",
        "clinical",
        "europe-west4",
    ),
    "google_bigtable_app_profile": (
        {
            "id": f"projects/{P}/instances/bt1/appProfiles/batch",
            "app_profile_id": "batch",
            "instance": "bt1",
            "project": P,
        },
        f"//bigtable.googleapis.com/projects/{P}/instances/bt1/appProfiles/batch",
        "batch",
        "global",
    ),
    # ---------------------------------------------------------------- projects and IAM
    "google_project": (
        {"id": f"projects/{P}", "project_id": P, "number": N, "name": "ACME production"},
        f"//cloudresourcemanager.googleapis.com/projects/{N}",
        "ACME production",
        "global",
    ),
    "google_project_service": (
        {"id": f"{P}/compute.googleapis.com", "service": "compute.googleapis.com", "project": P},
        f"//serviceusage.googleapis.com/projects/{N}/services/compute.googleapis.com",
        "compute.googleapis.com",
        "global",
    ),
    # Named by its unique id, as Cloud Asset names it, not by the email in its `name`.
    "google_service_account": (
        {
            "id": f"projects/{P}/serviceAccounts/app@{P}.iam.gserviceaccount.com",
            "name": f"projects/{P}/serviceAccounts/app@{P}.iam.gserviceaccount.com",
            "email": f"app@{P}.iam.gserviceaccount.com",
            "account_id": "app",
            "display_name": "",
            "unique_id": "104729384756102938475",
            "project": P,
        },
        f"//iam.googleapis.com/projects/{P}/serviceAccounts/104729384756102938475",
        f"app@{P}.iam.gserviceaccount.com",
        "global",
    ),
    "google_project_iam_custom_role": (
        {"id": f"projects/{P}/roles/deployer", "role_id": "deployer", "project": P},
        f"//iam.googleapis.com/projects/{P}/roles/deployer",
        "deployer",
        "global",
    ),
    "google_iam_workload_identity_pool": (
        {
            "id": f"projects/{P}/locations/global/workloadIdentityPools/github",
            "name": f"projects/{N}/locations/global/workloadIdentityPools/github",
            "workload_identity_pool_id": "github",
            "project": P,
        },
        f"//iam.googleapis.com/projects/{N}/locations/global/workloadIdentityPools/github",
        "github",
        "global",
    ),
    "google_iam_workload_identity_pool_provider": (
        {
            "id": f"projects/{P}/locations/global/workloadIdentityPools/github/providers/gh",
            "name": f"projects/{N}/locations/global/workloadIdentityPools/github/providers/gh",
            "workload_identity_pool_id": "github",
            "workload_identity_pool_provider_id": "gh",
            "project": P,
        },
        f"//iam.googleapis.com/projects/{N}/locations/global/workloadIdentityPools/github"
        "/providers/gh",
        "gh",
        "global",
    ),
    # ---------------------------------------------------------------- storage and registries
    # Without a location, Container Registry keeps its bucket in the US.
    "google_container_registry": (
        {
            "id": f"artifacts.{P}.appspot.com",
            "bucket_self_link": (
                f"https://www.googleapis.com/storage/v1/b/artifacts.{P}.appspot.com"
            ),
            "project": P,
        },
        f"//storage.googleapis.com/artifacts.{P}.appspot.com",
        f"artifacts.{P}.appspot.com",
        "us",
    ),
    "google_cloudbuild_trigger": (
        {
            "id": f"projects/{P}/locations/europe-west4/triggers/3f6c2b1a",
            "trigger_id": "3f6c2b1a",
            "name": "deploy-main",
            "location": "europe-west4",
            "project": P,
        },
        f"//cloudbuild.googleapis.com/projects/{N}/locations/europe-west4/triggers/3f6c2b1a",
        "deploy-main",
        "europe-west4",
    ),
    "google_sourcerepo_repository": (
        {"id": f"projects/{P}/repos/infra", "name": "infra", "project": P, "size": 0},
        f"//sourcerepo.googleapis.com/projects/{P}/repos/infra",
        "infra",
        "global",
    ),
    # ---------------------------------------------------------------- serverless
    "google_cloud_run_v2_job": (
        {
            "id": f"projects/{P}/locations/europe-west1/jobs/etl",
            "name": "etl",
            "location": "europe-west1",
            "project": P,
        },
        f"//run.googleapis.com/projects/{P}/locations/europe-west1/jobs/etl",
        "etl",
        "europe-west1",
    ),
    "google_cloud_run_domain_mapping": (
        {
            "id": f"locations/europe-west1/namespaces/{P}/domainmappings/api.acme.example",
            "name": "api.acme.example",
            "location": "europe-west1",
            "project": P,
        },
        f"//run.googleapis.com/projects/{P}/locations/europe-west1/domainmappings/api.acme.example",
        "api.acme.example",
        "europe-west1",
    ),
    "google_app_engine_standard_app_version": (
        {
            "id": f"apps/{P}/services/default/versions/v2",
            "name": f"apps/{P}/services/default/versions/v2",
            "service": "default",
            "version_id": "v2",
            "project": P,
        },
        f"//appengine.googleapis.com/apps/{P}/services/default/versions/v2",
        "v2",
        "global",
    ),
    "google_app_engine_flexible_app_version": (
        {
            "id": f"apps/{P}/services/worker/versions/v1",
            "service": "worker",
            "version_id": "v1",
            "project": P,
        },
        f"//appengine.googleapis.com/apps/{P}/services/worker/versions/v1",
        "v1",
        "global",
    ),
    "google_cloud_tasks_queue": (
        {
            "id": f"projects/{P}/locations/europe-west1/queues/mail",
            "name": "mail",
            "location": "europe-west1",
            "project": P,
        },
        f"//cloudtasks.googleapis.com/projects/{P}/locations/europe-west1/queues/mail",
        "mail",
        "europe-west1",
    ),
    "google_cloud_scheduler_job": (
        {
            "id": f"projects/{P}/locations/europe-west1/jobs/nightly",
            "name": "nightly",
            "region": "europe-west1",
            "project": P,
        },
        f"//cloudscheduler.googleapis.com/projects/{P}/locations/europe-west1/jobs/nightly",
        "nightly",
        "europe-west1",
    ),
    "google_eventarc_trigger": (
        {
            "id": f"projects/{P}/locations/europe-west1/triggers/on-upload",
            "name": "on-upload",
            "location": "europe-west1",
            "project": P,
        },
        f"//eventarc.googleapis.com/projects/{N}/locations/europe-west1/triggers/on-upload",
        "on-upload",
        "europe-west1",
    ),
    # ---------------------------------------------------------------- databases and caches
    "google_alloydb_cluster": (
        {
            "id": f"projects/{P}/locations/europe-west4/clusters/adb",
            "cluster_id": "adb",
            "name": f"projects/{P}/locations/europe-west4/clusters/adb",
            "location": "europe-west4",
            "project": P,
        },
        f"//alloydb.googleapis.com/projects/{P}/locations/europe-west4/clusters/adb",
        "adb",
        "europe-west4",
    ),
    # The instance records its cluster's name, not its project or location.
    "google_alloydb_instance": (
        {
            "id": f"projects/{P}/locations/europe-west4/clusters/adb/instances/primary",
            "cluster": f"projects/{P}/locations/europe-west4/clusters/adb",
            "instance_id": "primary",
            "instance_type": "PRIMARY",
        },
        f"//alloydb.googleapis.com/projects/{P}/locations/europe-west4/clusters/adb"
        "/instances/primary",
        "primary",
        "europe-west4",
    ),
    "google_spanner_instance": (
        {
            "id": f"{P}/ledger",
            "name": "ledger",
            "config": "regional-europe-west4",
            "num_nodes": 1,
            "project": P,
        },
        f"//spanner.googleapis.com/projects/{P}/instances/ledger",
        "ledger",
        "global",
    ),
    "google_spanner_database": (
        {"id": "ledger/accounts", "name": "accounts", "instance": "ledger", "project": P},
        f"//spanner.googleapis.com/projects/{P}/instances/ledger/databases/accounts",
        "accounts",
        "global",
    ),
    "google_bigtable_table": (
        {
            "id": f"projects/{P}/instances/bt1/tables/events",
            "name": "events",
            "instance_name": "bt1",
            "project": P,
        },
        f"//bigtable.googleapis.com/projects/{P}/instances/bt1/tables/events",
        "events",
        "global",
    ),
    "google_redis_cluster": (
        {
            "id": f"projects/{P}/locations/europe-west4/clusters/sessions",
            "name": "sessions",
            "region": "europe-west4",
            "project": P,
        },
        f"//redis.googleapis.com/projects/{P}/locations/europe-west4/clusters/sessions",
        "sessions",
        "europe-west4",
    ),
    "google_memcache_instance": (
        {
            "id": f"projects/{P}/locations/europe-west4/instances/mc",
            "name": "mc",
            "region": "europe-west4",
            "project": P,
        },
        f"//memcache.googleapis.com/projects/{N}/locations/europe-west4/instances/mc",
        "mc",
        "europe-west4",
    ),
    "google_filestore_instance": (
        {
            "id": f"projects/{P}/locations/europe-west4-a/instances/nfs",
            "name": "nfs",
            "location": "europe-west4-a",
            "project": P,
        },
        f"//file.googleapis.com/projects/{N}/locations/europe-west4-a/instances/nfs",
        "nfs",
        "europe-west4-a",
    ),
    # ---------------------------------------------------------------- analytics
    "google_bigquery_table": (
        {
            "id": f"projects/{P}/datasets/sales/tables/orders",
            "dataset_id": "sales",
            "table_id": "orders",
            "location": "EU",
            "project": P,
        },
        f"//bigquery.googleapis.com/projects/{P}/datasets/sales/tables/orders",
        "orders",
        "eu",
    ),
    "google_bigquery_data_transfer_config": (
        {
            "id": f"projects/{N}/locations/eu/transferConfigs/6a1b2c3d",
            "name": f"projects/{N}/locations/eu/transferConfigs/6a1b2c3d",
            "display_name": "daily-import",
            "location": "EU",
            "project": P,
        },
        f"//bigquerydatatransfer.googleapis.com/projects/{N}/locations/eu/transferConfigs/6a1b2c3d",
        "daily-import",
        "eu",
    ),
    # A job's zone is where its workers run; Cloud Asset places the job in its region.
    "google_dataflow_job": (
        {
            "id": "2026-01-05_03_00_00-1234567890",
            "job_id": "2026-01-05_03_00_00-1234567890",
            "name": "ingest",
            "region": "europe-west4",
            "zone": "europe-west4-b",
            "project": P,
        },
        f"//dataflow.googleapis.com/projects/{P}/locations/europe-west4/jobs/"
        "2026-01-05_03_00_00-1234567890",
        "ingest",
        "europe-west4",
    ),
    "google_dataflow_flex_template_job": (
        {
            "id": "2026-01-05_04_00_00-99",
            "job_id": "2026-01-05_04_00_00-99",
            "name": "stream",
            "region": "europe-west4",
            "project": P,
        },
        f"//dataflow.googleapis.com/projects/{P}/locations/europe-west4/jobs/"
        "2026-01-05_04_00_00-99",
        "stream",
        "europe-west4",
    ),
    "google_dataproc_cluster": (
        {
            "id": f"projects/{P}/regions/europe-west4/clusters/spark",
            "name": "spark",
            "region": "europe-west4",
            "project": P,
        },
        f"//dataproc.googleapis.com/projects/{P}/regions/europe-west4/clusters/spark",
        "spark",
        "europe-west4",
    ),
    "google_dataproc_metastore_service": (
        {
            "id": f"projects/{P}/locations/europe-west4/services/hms",
            "service_id": "hms",
            "name": f"projects/{P}/locations/europe-west4/services/hms",
            "location": "europe-west4",
            "project": P,
        },
        f"//metastore.googleapis.com/projects/{P}/locations/europe-west4/services/hms",
        "hms",
        "europe-west4",
    ),
    "google_composer_environment": (
        {
            "id": f"projects/{P}/locations/europe-west4/environments/airflow",
            "name": "airflow",
            "region": "europe-west4",
            "project": P,
        },
        f"//composer.googleapis.com/projects/{N}/locations/europe-west4/environments/airflow",
        "airflow",
        "europe-west4",
    ),
    "google_data_fusion_instance": (
        {
            "id": f"projects/{P}/locations/europe-west4/instances/cdf",
            "name": "cdf",
            "region": "europe-west4",
            "project": P,
        },
        f"//datafusion.googleapis.com/projects/{P}/locations/europe-west4/instances/cdf",
        "cdf",
        "europe-west4",
    ),
    # ---------------------------------------------------------------- machine learning
    "google_vertex_ai_endpoint": (
        {
            "id": f"projects/{P}/locations/europe-west4/endpoints/7788",
            "name": "7788",
            "display_name": "churn",
            "location": "europe-west4",
            "project": P,
        },
        f"//aiplatform.googleapis.com/projects/{N}/locations/europe-west4/endpoints/7788",
        "churn",
        "europe-west4",
    ),
    "google_vertex_ai_dataset": (
        {
            "id": f"projects/{N}/locations/europe-west4/datasets/5566",
            "name": f"projects/{N}/locations/europe-west4/datasets/5566",
            "display_name": "images",
            "region": "europe-west4",
            "project": P,
        },
        f"//aiplatform.googleapis.com/projects/{N}/locations/europe-west4/datasets/5566",
        "images",
        "europe-west4",
    ),
    "google_vertex_ai_featurestore": (
        {
            "id": f"projects/{P}/locations/europe-west4/featurestores/fs",
            "name": "fs",
            "region": "europe-west4",
            "project": P,
        },
        f"//aiplatform.googleapis.com/projects/{N}/locations/europe-west4/featurestores/fs",
        "fs",
        "europe-west4",
    ),
    "google_tpu_v2_vm": (
        {
            "id": f"projects/{P}/locations/us-central2-b/nodes/tpu1",
            "name": "tpu1",
            "zone": "us-central2-b",
            "accelerator_type": "v4-8",
            "project": P,
        },
        f"//tpu.googleapis.com/projects/{N}/locations/us-central2-b/nodes/tpu1",
        "tpu1",
        "us-central2-b",
    ),
    # ---------------------------------------------------------------- networking services
    "google_gke_hub_membership": (
        {
            "id": f"projects/{P}/locations/global/memberships/gke1",
            "membership_id": "gke1",
            "name": f"projects/{P}/locations/global/memberships/gke1",
            "location": "global",
            "project": P,
        },
        f"//gkehub.googleapis.com/projects/{P}/locations/global/memberships/gke1",
        "gke1",
        "global",
    ),
    "google_vpc_access_connector": (
        {
            "id": f"projects/{P}/locations/europe-west4/connectors/run-egress",
            "name": "run-egress",
            "region": "europe-west4",
            "project": P,
        },
        f"//vpcaccess.googleapis.com/projects/{N}/locations/europe-west4/connectors/run-egress",
        "run-egress",
        "europe-west4",
    ),
    "google_certificate_manager_certificate": (
        {
            "id": f"projects/{P}/locations/global/certificates/www",
            "name": "www",
            "location": "global",
            "project": P,
        },
        f"//certificatemanager.googleapis.com/projects/{P}/locations/global/certificates/www",
        "www",
        "global",
    ),
    # ---------------------------------------------------------------- logging and monitoring
    "google_logging_project_sink": (
        {"id": f"projects/{P}/sinks/audit", "name": "audit", "project": P},
        f"//logging.googleapis.com/projects/{N}/sinks/audit",
        "audit",
        "global",
    ),
    "google_logging_metric": (
        {"id": "errors", "name": "errors", "project": P},
        f"//logging.googleapis.com/projects/{N}/metrics/errors",
        "errors",
        "global",
    ),
    "google_monitoring_alert_policy": (
        {
            "id": f"projects/{P}/alertPolicies/2542845757118269006",
            "name": f"projects/{P}/alertPolicies/2542845757118269006",
            "display_name": "High error rate",
            "project": P,
        },
        f"//monitoring.googleapis.com/projects/{N}/alertPolicies/2542845757118269006",
        "High error rate",
        "global",
    ),
    "google_monitoring_notification_channel": (
        {
            "id": f"projects/{P}/notificationChannels/10920637066270193276",
            "name": f"projects/{P}/notificationChannels/10920637066270193276",
            "display_name": "On call",
            "type": "email",
            "project": P,
        },
        f"//monitoring.googleapis.com/projects/{N}/notificationChannels/10920637066270193276",
        "On call",
        "global",
    ),
    "google_monitoring_uptime_check_config": (
        {
            "id": f"projects/{P}/uptimeCheckConfigs/home-abc123",
            "name": f"projects/{P}/uptimeCheckConfigs/home-abc123",
            "uptime_check_id": "home-abc123",
            "display_name": "home",
            "project": P,
        },
        f"//monitoring.googleapis.com/projects/{N}/uptimeCheckConfigs/home-abc123",
        "home",
        "global",
    ),
    "google_monitoring_dashboard": (
        {"id": f"projects/{P}/dashboards/0c9d8e7f", "project": P},
        f"//monitoring.googleapis.com/projects/{N}/dashboards/0c9d8e7f",
        "0c9d8e7f",
        "global",
    ),
    # in no project: filed under its parent (see test_google_ids_are_cloud_asset_names)
    "google_folder": (
        {
            "id": "folders/301234567890",
            "name": "folders/301234567890",
            "folder_id": "301234567890",
            "display_name": "Engineering",
            "parent": "organizations/123456789012",
        },
        "//cloudresourcemanager.googleapis.com/folders/301234567890",
        "Engineering",
        "global",
    ),
    "google_notebooks_instance": (
        {
            "id": f"projects/{P}/locations/europe-west4-a/instances/lab",
            "name": "lab",
            "location": "europe-west4-a",
            "machine_type": "n1-standard-4",
            "project": P,
        },
        f"//notebooks.googleapis.com/projects/{P}/locations/europe-west4-a/instances/lab",
        "lab",
        "europe-west4-a",
    ),
    "google_workbench_instance": (
        {
            "id": f"projects/{P}/locations/europe-west4-b/instances/wb",
            "name": "wb",
            "location": "europe-west4-b",
            "gce_setup": [{"machine_type": "e2-standard-4"}],
            "project": P,
        },
        f"//notebooks.googleapis.com/projects/{P}/locations/europe-west4-b/instances/wb",
        "wb",
        "europe-west4-b",
    ),
    "google_firebase_web_app": (
        {
            "id": f"projects/{P}/webApps/1:{N}:web:a1b2c3",
            "name": f"projects/{P}/webApps/1:{N}:web:a1b2c3",
            "app_id": f"1:{N}:web:a1b2c3",
            "display_name": "Shop web",
            "project": P,
        },
        f"//firebase.googleapis.com/projects/{N}/webApps/1:{N}:web:a1b2c3",
        "Shop web",
        "global",
    ),
    "google_firebase_android_app": (
        {
            "id": f"projects/{P}/androidApps/1:{N}:android:d4e5f6",
            "app_id": f"1:{N}:android:d4e5f6",
            "display_name": "Shop Android",
            "package_name": "com.acme.shop",
            "project": P,
        },
        f"//firebase.googleapis.com/projects/{N}/androidApps/1:{N}:android:d4e5f6",
        "Shop Android",
        "global",
    ),
    "google_firebase_apple_app": (
        {
            "id": f"projects/{P}/iosApps/1:{N}:ios:a7b8c9",
            "app_id": f"1:{N}:ios:a7b8c9",
            "display_name": "",
            "bundle_id": "com.acme.shop",
            "project": P,
        },
        f"//firebase.googleapis.com/projects/{N}/iosApps/1:{N}:ios:a7b8c9",
        f"1:{N}:ios:a7b8c9",
        "global",
    ),
    "google_firebase_hosting_site": (
        {
            "id": f"projects/{P}/sites/acme-shop",
            "name": f"projects/{P}/sites/acme-shop",
            "site_id": "acme-shop",
            "project": P,
        },
        f"//firebasehosting.googleapis.com/projects/{P}/sites/acme-shop",
        "acme-shop",
        "global",
    ),
    "google_firebase_database_instance": (
        {
            "id": f"projects/{P}/locations/europe-west1/instances/acme-shop-rtdb",
            "name": f"projects/{N}/locations/europe-west1/instances/acme-shop-rtdb",
            "instance_id": "acme-shop-rtdb",
            "region": "europe-west1",
            "type": "USER_DATABASE",
            "project": P,
        },
        f"//firebasedatabase.googleapis.com/projects/{N}/locations/europe-west1/instances/"
        "acme-shop-rtdb",
        "acme-shop-rtdb",
        "europe-west1",
    ),
}


def test_every_google_type_is_tested() -> None:
    assert sorted(t for t, s in TF_TYPES.items() if s.provider == "gcp") == sorted(GOOGLE)


def _converted(tf_type: str, attributes: dict[str, Any]) -> Any:
    project = [] if tf_type == "google_project" else [instance("google_project", PROJECT)]
    tested = instance(tf_type, attributes, name="tested", provider="google")
    found = convert_all([*project, tested], "s.tfstate").resources
    return next(r for r in found if r.attributes["terraform_address"] == tested.address)


@pytest.mark.parametrize("tf_type", sorted(GOOGLE))
def test_google_ids_are_cloud_asset_names(tf_type: str) -> None:
    attributes, asset_name, name, region = GOOGLE[tf_type]
    resource = _converted(tf_type, attributes)
    assert (resource.id, resource.name, resource.region) == (asset_name, name, region)
    # A resource in no project (a folder) is filed where its type says: its parent.
    filed = TF_TYPES[tf_type].account
    assert (resource.provider, resource.account) == ("gcp", attributes[filed] if filed else P)
    assert resource.type == TF_TYPES[tf_type].native


def _metric(**more: Any) -> Instance:
    return instance(
        "google_logging_metric",
        {"id": "errors", "name": "errors", "project": P, **more},
        name="m",
        provider="google",
    )


def test_without_the_project_number_in_the_state_its_id_stands_in() -> None:
    (resource,) = convert_all([_metric()], "s.tfstate").resources
    assert resource.id == f"//logging.googleapis.com/projects/{P}/metrics/errors"
    assert resource.account == P


def test_a_name_that_carries_the_project_number_gives_it() -> None:
    secret = instance(
        "google_secret_manager_secret",
        {"name": f"projects/{N}/secrets/db", "secret_id": "db", "project": P},
        provider="google",
    )
    other = instance(
        "google_secret_manager_secret",
        {"name": "projects/999/secrets/x", "secret_id": "x", "project": "elsewhere"},
        name="other",
        provider="google",
    )
    found = convert_all([_metric(), other, secret], "s.tfstate").resources
    metric = next(r for r in found if r.type == "logging.googleapis.com/LogMetric")
    assert metric.id == f"//logging.googleapis.com/projects/{N}/metrics/errors"


def test_a_value_from_the_state_is_never_read_as_a_placeholder() -> None:
    project = instance("google_project", PROJECT)
    topic = instance(
        "google_pubsub_topic",
        {"name": "t-$number-{project}", "project": P},
        name="t",
        provider="google",
    )
    found = convert_all([project, topic], "s.tfstate").resources
    assert found[1].id == f"//pubsub.googleapis.com/projects/{P}/topics/t-$number-{{project}}"


def test_a_type_named_by_project_number_without_a_project_is_refused() -> None:
    orphan = instance(
        "google_logging_metric", {"id": "errors", "name": "errors"}, name="m", provider="google"
    )
    with pytest.raises(InputError) as raised:
        convert_all([orphan], "envs/prod.tfstate")
    assert "google_logging_metric.m" in str(raised.value)
    assert "no number" in str(raised.value)
