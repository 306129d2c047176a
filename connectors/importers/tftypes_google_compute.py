"""Compute Engine and its networking in the Google Cloud part of the Terraform type table
(joined in `tftypes_google`; see `tfspec` for what each entry says).

Cloud Asset names every Compute resource by its API collection under the project id:
`//compute.googleapis.com/projects/P/zones/Z/instances/N`, `.../regions/R/addresses/N`,
`.../global/networks/N` (https://cloud.google.com/asset-inventory/docs/asset-names). Its
location is the zone, the region or `global`: a global resource is placed `global` even
where Terraform records a region (an instance template's)."""

from __future__ import annotations

from collections.abc import Mapping

from connectors.attributes import Attr

from .tfspec import TfType

_GLOBAL = "'global'"


def compute(
    kind: str, where: str, collection: str, attributes: Mapping[str, Attr] | None = None
) -> TfType:
    """A Compute resource named by `where` (`global`, `regions/{region}`, `zones/{zone}`) and
    its collection."""
    return TfType(
        "gcp",
        f"compute.googleapis.com/{kind}",
        attributes or {},
        id=f"//compute.googleapis.com/projects/{{project}}/{where}/{collection}/{{name}}",
        region=_GLOBAL if where == "global" else None,
    )


def _last(path: str) -> str:
    """Compute names machine and disk types by URL (`.../machineTypes/e2-standard-4`)."""
    return f"last_segment({path}, '/')"


# Some resources record their zone or region as a self link (a regional network endpoint
# group's region): the name is its last segment.
_ZONE = "zones/{last_segment(zone, '/')}"
_REGION = "regions/{last_segment(region, '/')}"
_SCHEME = {"scheme": Attr("load_balancing_scheme")}
_MACHINE = {"instance_type": Attr(_last("machine_type"))}
_GROUP_SIZE = {"node_count": Attr("target_size", "int")}
_SCALING = {
    "min_size": Attr("autoscaling_policy[0].min_replicas", "int"),
    "max_size": Attr("autoscaling_policy[0].max_replicas", "int"),
}
_HEALTH = {"kind": Attr("type")}

COMPUTE_TYPES: dict[str, TfType] = {
    # ---------------------------------------------------------------- virtual machines
    "google_compute_instance": compute(
        "Instance",
        _ZONE,
        "instances",
        {**_MACHINE, "state": Attr("current_status")},
    ),
    # The same VM, its settings taken from a template.
    "google_compute_instance_from_template": compute(
        "Instance",
        _ZONE,
        "instances",
        {**_MACHINE, "state": Attr("current_status")},
    ),
    "google_compute_instance_template": compute(
        "InstanceTemplate", "global", "instanceTemplates", _MACHINE
    ),
    "google_compute_instance_group_manager": compute(
        "InstanceGroupManager", _ZONE, "instanceGroupManagers", _GROUP_SIZE
    ),
    "google_compute_region_instance_group_manager": compute(
        "InstanceGroupManager", _REGION, "instanceGroupManagers", _GROUP_SIZE
    ),
    "google_compute_instance_group": compute(
        "InstanceGroup", _ZONE, "instanceGroups", {"node_count": Attr("size", "int")}
    ),
    "google_compute_autoscaler": compute("Autoscaler", _ZONE, "autoscalers", _SCALING),
    # Cloud Asset lists regional autoscalers under the zonal type, by their regions/ path.
    "google_compute_region_autoscaler": compute("Autoscaler", _REGION, "autoscalers", _SCALING),
    "google_compute_resource_policy": compute("ResourcePolicy", _REGION, "resourcePolicies"),
    "google_compute_reservation": compute(
        "Reservation",
        _ZONE,
        "reservations",
        {
            "instance_type": Attr("specific_reservation[0].instance_properties[0].machine_type"),
            "node_count": Attr("specific_reservation[0].count", "int"),
        },
    ),
    # Sole-tenant nodes: a template of the node type, and a group of such nodes.
    "google_compute_node_template": compute(
        "NodeTemplate", _REGION, "nodeTemplates", {"instance_type": Attr("node_type")}
    ),
    "google_compute_node_group": compute(
        "NodeGroup", _ZONE, "nodeGroups", {"node_count": Attr("size", "int")}
    ),
    # ---------------------------------------------------------------- disks and images
    "google_compute_disk": compute(
        "Disk",
        _ZONE,
        "disks",
        {
            "size_bytes": Attr("size", "GiB"),
            "volume_type": Attr(_last("type")),
            "attached": Attr("count(users) > `0`"),
        },
    ),
    "google_compute_region_disk": compute(
        "RegionDisk",
        _REGION,
        "disks",
        {"size_bytes": Attr("size", "GiB"), "volume_type": Attr(_last("type"))},
    ),
    # What the snapshot stores, not the size of the disk it was taken from.
    "google_compute_snapshot": compute(
        "Snapshot", "global", "snapshots", {"size_bytes": Attr("storage_bytes", "int")}
    ),
    "google_compute_image": compute(
        "Image", "global", "images", {"size_bytes": Attr("archive_size_bytes", "int")}
    ),
    # ---------------------------------------------------------------- networks
    "google_compute_network": compute(
        "Network",
        "global",
        "networks",
        {"auto_subnets": Attr("auto_create_subnetworks", "bool")},
    ),
    "google_compute_subnetwork": compute(
        "Subnetwork",
        _REGION,
        "subnetworks",
        {"cidr_block": Attr("ip_cidr_range"), "network": Attr(_last("network"))},
    ),
    "google_compute_firewall": compute(
        "Firewall",
        "global",
        "firewalls",
        {"direction": Attr("direction"), "network": Attr(_last("network"))},
    ),
    "google_compute_address": compute(
        "Address", _REGION, "addresses", {"kind": Attr("address_type")}
    ),
    "google_compute_global_address": compute(
        "GlobalAddress", "global", "addresses", {"kind": Attr("address_type")}
    ),
    "google_compute_router": compute("Router", _REGION, "routers"),
    "google_compute_route": compute("Route", "global", "routes"),
    "google_compute_vpn_gateway": compute("TargetVpnGateway", _REGION, "targetVpnGateways"),
    "google_compute_ha_vpn_gateway": compute("VpnGateway", _REGION, "vpnGateways"),
    "google_compute_external_vpn_gateway": compute(
        "ExternalVpnGateway", "global", "externalVpnGateways"
    ),
    "google_compute_vpn_tunnel": compute("VpnTunnel", _REGION, "vpnTunnels"),
    "google_compute_interconnect_attachment": compute(
        "InterconnectAttachment", _REGION, "interconnectAttachments"
    ),
    "google_compute_service_attachment": compute(
        "ServiceAttachment", _REGION, "serviceAttachments"
    ),
    "google_compute_packet_mirroring": compute("PacketMirroring", _REGION, "packetMirrorings"),
    # ---------------------------------------------------------------- load balancing
    "google_compute_forwarding_rule": compute(
        "ForwardingRule", _REGION, "forwardingRules", _SCHEME
    ),
    # Cloud Asset lists global rules under their own type.
    "google_compute_global_forwarding_rule": compute(
        "GlobalForwardingRule", "global", "forwardingRules", _SCHEME
    ),
    "google_compute_backend_service": compute(
        "BackendService", "global", "backendServices", _SCHEME
    ),
    "google_compute_region_backend_service": compute(
        "RegionBackendService", _REGION, "backendServices", _SCHEME
    ),
    "google_compute_backend_bucket": compute("BackendBucket", "global", "backendBuckets"),
    "google_compute_health_check": compute("HealthCheck", "global", "healthChecks", _HEALTH),
    "google_compute_region_health_check": compute(
        "RegionHealthCheck", _REGION, "healthChecks", _HEALTH
    ),
    "google_compute_http_health_check": compute("HttpHealthCheck", "global", "httpHealthChecks"),
    "google_compute_https_health_check": compute("HttpsHealthCheck", "global", "httpsHealthChecks"),
    "google_compute_url_map": compute("UrlMap", "global", "urlMaps"),
    "google_compute_target_http_proxy": compute("TargetHttpProxy", "global", "targetHttpProxies"),
    "google_compute_target_https_proxy": compute(
        "TargetHttpsProxy", "global", "targetHttpsProxies"
    ),
    "google_compute_target_ssl_proxy": compute("TargetSslProxy", "global", "targetSslProxies"),
    "google_compute_target_tcp_proxy": compute("TargetTcpProxy", "global", "targetTcpProxies"),
    "google_compute_target_pool": compute("TargetPool", _REGION, "targetPools"),
    "google_compute_target_instance": compute("TargetInstance", _ZONE, "targetInstances"),
    # The regional collections of a regional load balancer, typed as Cloud Asset types the
    # regional backend services and health checks it lists (Region*). Unlike those two,
    # not checked against a Cloud Asset export.
    "google_compute_region_url_map": compute("RegionUrlMap", _REGION, "urlMaps"),
    "google_compute_region_target_http_proxy": compute(
        "RegionTargetHttpProxy", _REGION, "targetHttpProxies"
    ),
    "google_compute_region_target_https_proxy": compute(
        "RegionTargetHttpsProxy", _REGION, "targetHttpsProxies"
    ),
    "google_compute_region_ssl_certificate": compute(
        "RegionSslCertificate", _REGION, "sslCertificates"
    ),
    "google_compute_network_endpoint_group": compute(
        "NetworkEndpointGroup",
        _ZONE,
        "networkEndpointGroups",
        {"kind": Attr("network_endpoint_type")},
    ),
    "google_compute_region_network_endpoint_group": compute(
        "RegionNetworkEndpointGroup",
        _REGION,
        "networkEndpointGroups",
        {"kind": Attr("network_endpoint_type")},
    ),
    "google_compute_global_network_endpoint_group": compute(
        "GlobalNetworkEndpointGroup",
        "global",
        "networkEndpointGroups",
        {"kind": Attr("network_endpoint_type")},
    ),
    # ---------------------------------------------------------------- certificates and policies
    # Self-managed and Google-managed certificates are one collection; the certificate and
    # its private key are never read.
    "google_compute_ssl_certificate": compute("SslCertificate", "global", "sslCertificates"),
    "google_compute_managed_ssl_certificate": compute(
        "SslCertificate", "global", "sslCertificates"
    ),
    "google_compute_ssl_policy": compute("SslPolicy", "global", "sslPolicies"),
    "google_compute_security_policy": compute(
        "SecurityPolicy", "global", "securityPolicies", {"kind": Attr("type")}
    ),
}

# What configures a Compute resource and is no resource of Cloud Asset's own (see `tfparts`).
COMPUTE_PARTS = frozenset(
    {
        # inside a router or a network
        "google_compute_router_nat",
        "google_compute_router_interface",
        "google_compute_router_peer",
        "google_compute_network_peering",
        "google_compute_network_peering_routes_config",
        # single rules inside a policy
        "google_compute_firewall_policy_rule",
        "google_compute_network_firewall_policy_rule",
        "google_compute_region_network_firewall_policy_rule",
        "google_compute_security_policy_rule",
        # endpoints inside a network endpoint group
        "google_compute_network_endpoint",
        "google_compute_network_endpoints",
        "google_compute_global_network_endpoint",
        "google_compute_region_network_endpoint",
        # a disk attached, an instance's per-instance settings, a group's named ports
        "google_compute_attached_disk",
        "google_compute_per_instance_config",
        "google_compute_region_per_instance_config",
        "google_compute_instance_group_named_port",
        "google_compute_instance_group_membership",
        # signing keys of a CDN backend: secrets
        "google_compute_backend_service_signed_url_key",
        "google_compute_backend_bucket_signed_url_key",
        # settings of a project
        "google_compute_shared_vpc_service_project",
    }
)
