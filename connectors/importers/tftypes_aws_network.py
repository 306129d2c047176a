"""The AWS type table's networking and edge types: VPC structure, gateways and
endpoints, target groups, DNS resolvers, firewalls (see `tfspec` for what each entry says).

EC2 ARNs are the provider's own formats (`ec2:region:account:route-table/rtb-...`); the
`aws_default_*` types adopt the same objects as their non-default twins and are imported
as the same native types."""

from __future__ import annotations

from connectors.attributes import Attr

from .tfspec import TfType
from .tftypes_aws_common import GLOBAL, SUBNET, VPC, VPC_ID, arn, ec2

_ROUTE_TABLE = ec2("AWS::EC2::RouteTable", "route-table", VPC_ID)

_NETWORK_ACL = ec2("AWS::EC2::NetworkAcl", "network-acl", VPC_ID)

_DHCP_OPTIONS = ec2("AWS::EC2::DHCPOptions", "dhcp-options")

_LISTENER = TfType(
    "aws",
    "AWS::ElasticLoadBalancingV2::Listener",
    {"protocol": Attr("protocol"), "port": Attr("port", "int")},
)

# An AMI's ARN names no account; its block devices' sizes are its snapshots'.
_IMAGE = TfType(
    "aws",
    "AWS::EC2::Image",
    {
        "architecture": Attr("architecture"),
        "volume_size_gib": Attr(
            "(ebs_block_device[?volume_size]"
            " && total(ebs_block_device[?volume_size].volume_size)) || null",
            "int",
        ),
    },
    id=arn("ec2", "image/{id}", account=False),
)

_TARGET_GROUP = TfType(
    "aws",
    "AWS::ElasticLoadBalancingV2::TargetGroup",
    {
        "kind": Attr("target_type"),
        "protocol": Attr("protocol"),
        "port": Attr("port", "int"),
        "vpc_id": Attr("vpc_id"),
    },
)

NETWORK_TYPES: dict[str, TfType] = {
    # ---------------------------------------------------------------- VPC structure
    "aws_default_vpc": ec2("AWS::EC2::VPC", "vpc", VPC),
    "aws_default_subnet": ec2("AWS::EC2::Subnet", "subnet", SUBNET),
    "aws_default_security_group": ec2(
        "AWS::EC2::SecurityGroup", "security-group", VPC_ID, name="name"
    ),
    "aws_route_table": _ROUTE_TABLE,
    "aws_default_route_table": _ROUTE_TABLE,
    "aws_network_acl": _NETWORK_ACL,
    "aws_default_network_acl": _NETWORK_ACL,
    "aws_vpc_dhcp_options": _DHCP_OPTIONS,
    "aws_default_vpc_dhcp_options": _DHCP_OPTIONS,
    "aws_network_interface": ec2(
        "AWS::EC2::NetworkInterface",
        "network-interface",
        {"kind": Attr("interface_type"), "subnet_id": Attr("subnet_id")},
    ),
    "aws_flow_log": ec2(
        "AWS::EC2::FlowLog",
        "vpc-flow-log",
        {"traffic_type": Attr("traffic_type"), "destination_type": Attr("log_destination_type")},
    ),
    "aws_ec2_managed_prefix_list": ec2(
        "AWS::EC2::PrefixList",
        "prefix-list",
        {"max_entries": Attr("max_entries", "int")},
        name="name",
    ),
    # ---------------------------------------------------------------- gateways and links
    "aws_internet_gateway": ec2("AWS::EC2::InternetGateway", "internet-gateway", VPC_ID),
    "aws_egress_only_internet_gateway": ec2(
        "AWS::EC2::EgressOnlyInternetGateway", "egress-only-internet-gateway", VPC_ID
    ),
    "aws_eip": ec2("AWS::EC2::EIP", "elastic-ip", {"domain": Attr("domain")}),
    "aws_vpc_endpoint": ec2(
        "AWS::EC2::VPCEndpoint",
        "vpc-endpoint",
        {
            "kind": Attr("vpc_endpoint_type"),
            "service_name": Attr("service_name"),
            "vpc_id": Attr("vpc_id"),
        },
    ),
    "aws_vpc_endpoint_service": ec2(
        "AWS::EC2::VPCEndpointService",
        "vpc-endpoint-service",
        {"kind": Attr("service_type")},
    ),
    "aws_vpc_peering_connection": ec2(
        "AWS::EC2::VPCPeeringConnection",
        "vpc-peering-connection",
        {"vpc_id": Attr("vpc_id"), "peer_vpc_id": Attr("peer_vpc_id")},
    ),
    "aws_customer_gateway": ec2(
        "AWS::EC2::CustomerGateway", "customer-gateway", {"kind": Attr("type")}
    ),
    "aws_vpn_gateway": ec2("AWS::EC2::VPNGateway", "vpn-gateway", VPC_ID),
    # Its tunnels' pre-shared keys are never read.
    "aws_vpn_connection": ec2(
        "AWS::EC2::VPNConnection",
        "vpn-connection",
        {"kind": Attr("type"), "transit_gateway_id": Attr("transit_gateway_id")},
    ),
    "aws_ec2_transit_gateway": ec2("AWS::EC2::TransitGateway", "transit-gateway"),
    "aws_ec2_transit_gateway_route_table": ec2(
        "AWS::EC2::TransitGatewayRouteTable",
        "transit-gateway-route-table",
        {"transit_gateway_id": Attr("transit_gateway_id")},
    ),
    # ---------------------------------------------------------------- instances' kin
    # The provider names a key pair's ARN by its name, as the IAM reference does.
    "aws_key_pair": ec2(
        "AWS::EC2::KeyPair",
        "key-pair",
        {"kind": Attr("key_type")},
        name="key_name",
        key="key_name",
    ),
    # AWS Config records neither images nor placement groups; CloudFormation has placement
    # groups. An AMI has no type in either: EC2's own word for it (its ARN's) is used.
    "aws_ami": _IMAGE,
    "aws_ami_copy": _IMAGE,
    "aws_ami_from_instance": _IMAGE,
    "aws_placement_group": ec2(
        "AWS::EC2::PlacementGroup",
        "placement-group",
        {"strategy": Attr("strategy")},
        name="name",
        key="name",
    ),
    "aws_launch_template": ec2(
        "AWS::EC2::LaunchTemplate",
        "launch-template",
        {"instance_type": Attr("instance_type")},
        name="name",
    ),
    # ---------------------------------------------------------------- load balancing
    # The id is the target group's ARN, whose last part Terraform does not record apart.
    "aws_lb_target_group": _TARGET_GROUP,
    # Listeners' ids are their ARNs, which end in a random id.
    "aws_lb_listener": _LISTENER,
    "aws_alb_listener": _LISTENER,
    "aws_alb_target_group": _TARGET_GROUP,
    "aws_globalaccelerator_accelerator": TfType(
        "aws",
        "AWS::GlobalAccelerator::Accelerator",
        {"enabled": Attr("enabled", "bool"), "ip_address_type": Attr("ip_address_type")},
        region=GLOBAL,
    ),
    # ---------------------------------------------------------------- edge
    "aws_cloudfront_realtime_log_config": TfType(
        "aws",
        "AWS::CloudFront::RealtimeLogConfig",
        {"sampling_rate": Attr("sampling_rate", "int")},
        id=arn("cloudfront", "realtime-log-config/{name}", region=False),
        region=GLOBAL,
    ),
    # ---------------------------------------------------------------- DNS
    # Health checks are global and their ARNs name no account.
    "aws_route53_health_check": TfType(
        "aws",
        "AWS::Route53::HealthCheck",
        {"kind": Attr("type")},
        name="tags_all.Name || tags.Name || fqdn || ip_address || id",
        id=arn("route53", "healthcheck/{id}", region=False, account=False),
        region=GLOBAL,
    ),
    "aws_route53_resolver_endpoint": TfType(
        "aws",
        "AWS::Route53Resolver::ResolverEndpoint",
        {"direction": Attr("direction")},
        id=arn("route53resolver", "resolver-endpoint/{id}"),
    ),
    "aws_route53_resolver_rule": TfType(
        "aws",
        "AWS::Route53Resolver::ResolverRule",
        {"kind": Attr("rule_type"), "domain_name": Attr("domain_name")},
        id=arn("route53resolver", "resolver-rule/{id}"),
    ),
    # ---------------------------------------------------------------- firewalls
    # WAF web ACLs' ARNs hold their scope and a UUID: the state's ARN only.
    "aws_wafv2_web_acl": TfType(
        "aws", "AWS::WAFv2::WebACL", {"scope": Attr("scope"), "capacity": Attr("capacity", "int")}
    ),
    "aws_wafv2_rule_group": TfType(
        "aws",
        "AWS::WAFv2::RuleGroup",
        {"scope": Attr("scope"), "capacity": Attr("capacity", "int")},
    ),
    "aws_wafv2_ip_set": TfType("aws", "AWS::WAFv2::IPSet", {"scope": Attr("scope")}),
    "aws_wafv2_regex_pattern_set": TfType(
        "aws", "AWS::WAFv2::RegexPatternSet", {"scope": Attr("scope")}
    ),
    # WAF Classic: global (CloudFront) and regional web ACLs.
    "aws_waf_web_acl": TfType(
        "aws",
        "AWS::WAF::WebACL",
        id=arn("waf", "webacl/{id}", region=False),
        region=GLOBAL,
    ),
    "aws_wafregional_web_acl": TfType(
        "aws", "AWS::WAFRegional::WebACL", id=arn("waf-regional", "webacl/{id}")
    ),
    # Network Firewall's ids are their ARNs.
    "aws_networkfirewall_firewall": TfType("aws", "AWS::NetworkFirewall::Firewall", VPC_ID),
    "aws_networkfirewall_firewall_policy": TfType("aws", "AWS::NetworkFirewall::FirewallPolicy"),
    "aws_networkfirewall_rule_group": TfType(
        "aws",
        "AWS::NetworkFirewall::RuleGroup",
        {"kind": Attr("type"), "capacity": Attr("capacity", "int")},
    ),
}
