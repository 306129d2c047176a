"""Relations the GCP scanner reads from the versioned resources Cloud Asset returns: each
record shaped after the service's documented REST representation (Compute's self links,
Cloud SQL's `PROJECT:INSTANCE`), each target named as its own record is."""

from __future__ import annotations

from typing import Any

from exitplan.model import Inventory
from tests.gcp_fake import Estate, serve
from tests.test_gcp_connector import run

LINK = "https://www.googleapis.com/compute/v1/projects"
CAI = "//compute.googleapis.com/projects"
ZONE = "zones/europe-west4-a"
REGION = "regions/europe-west4"


def asset(kind: str, name: str, location: str, resource: dict[str, Any]) -> dict[str, Any]:
    """A search result as Cloud Asset gives it, with the resource's own representation."""
    version = "v1beta4" if kind.startswith("sqladmin") else "v1"
    return {
        "name": name,
        "assetType": kind,
        "project": "projects/103",
        "displayName": name.rsplit("/", 1)[-1],
        "location": location,
        "versionedResources": [{"version": version, "resource": resource}],
    }


def gamma() -> list[dict[str, Any]]:
    """A VM in a subnetwork of its project and one of a Shared VPC host project (not in the
    inventory), its data disk, an external address and the forwarding rule that uses it, a
    Cloud SQL primary and its replica, a GKE cluster and its node pool."""
    vm = f"{LINK}/gamma/{ZONE}/instances/web-1"
    rule = f"{LINK}/gamma/{REGION}/forwardingRules/web"
    return [
        asset(
            "compute.googleapis.com/Instance",
            f"{CAI}/gamma/{ZONE}/instances/web-1",
            "europe-west4-a",
            {
                "name": "web-1",
                "selfLink": vm,
                "machineType": f"{LINK}/gamma/{ZONE}/machineTypes/e2-standard-2",
                "status": "RUNNING",
                "disks": [
                    {"boot": True, "source": f"{LINK}/gamma/{ZONE}/disks/web-1"},
                    {"boot": False, "source": f"{LINK}/gamma/{ZONE}/disks/data-1"},
                ],
                "networkInterfaces": [
                    {
                        "name": "nic0",
                        "network": f"{LINK}/gamma/global/networks/core",
                        "subnetwork": f"{LINK}/gamma/{REGION}/subnetworks/app",
                        "networkIP": "10.0.0.2",
                    },
                    {
                        "name": "nic1",
                        "network": f"{LINK}/host-project/global/networks/shared",
                        "subnetwork": f"{LINK}/host-project/{REGION}/subnetworks/shared-app",
                    },
                ],
            },
        ),
        asset(
            "compute.googleapis.com/Disk",
            f"{CAI}/gamma/{ZONE}/disks/data-1",
            "europe-west4-a",
            {
                "name": "data-1",
                "sizeGb": "200",
                "type": f"{LINK}/gamma/{ZONE}/diskTypes/pd-ssd",
                "users": [vm],
            },
        ),
        asset(
            "compute.googleapis.com/Network",
            f"{CAI}/gamma/global/networks/core",
            "global",
            {"name": "core", "autoCreateSubnetworks": False},
        ),
        asset(
            "compute.googleapis.com/Subnetwork",
            f"{CAI}/gamma/{REGION}/subnetworks/app",
            "europe-west4",
            {
                "name": "app",
                "ipCidrRange": "10.0.0.0/24",
                "network": f"{LINK}/gamma/global/networks/core",
            },
        ),
        asset(
            "compute.googleapis.com/Address",
            f"{CAI}/gamma/{REGION}/addresses/web-ip",
            "europe-west4",
            {"name": "web-ip", "address": "203.0.113.7", "status": "IN_USE", "users": [rule]},
        ),
        asset(
            "compute.googleapis.com/ForwardingRule",
            f"{CAI}/gamma/{REGION}/forwardingRules/web",
            "europe-west4",
            {
                "name": "web",
                "IPAddress": "203.0.113.7",
                "loadBalancingScheme": "EXTERNAL",
                "target": f"{LINK}/gamma/{REGION}/targetPools/web-pool",
            },
        ),
        asset(
            "sqladmin.googleapis.com/Instance",
            "//cloudsql.googleapis.com/projects/gamma/instances/ledger",
            "europe-west4",
            {"name": "ledger", "databaseVersion": "POSTGRES_15", "replicaNames": ["ledger-r"]},
        ),
        asset(
            "sqladmin.googleapis.com/Instance",
            "//cloudsql.googleapis.com/projects/gamma/instances/ledger-r",
            "europe-west4",
            {
                "name": "ledger-r",
                "databaseVersion": "POSTGRES_15",
                "instanceType": "READ_REPLICA_INSTANCE",
                "masterInstanceName": "gamma:ledger",
            },
        ),
        asset(
            "container.googleapis.com/Cluster",
            "//container.googleapis.com/projects/gamma/locations/europe-west4/clusters/apps",
            "europe-west4",
            {"name": "apps", "currentMasterVersion": "1.30.5-gke.1014001"},
        ),
        asset(
            "container.googleapis.com/NodePool",
            "//container.googleapis.com/projects/gamma/locations/europe-west4/clusters/apps/"
            "nodePools/default-pool",
            "europe-west4",
            {"name": "default-pool", "initialNodeCount": 3},
        ),
    ]


def scanned(results: list[dict[str, Any]]) -> Inventory:
    fake = Estate(projects={"gamma": ("103", "organizations/9")}, resources={"gamma": results})
    with serve(fake) as url:
        return run(url, organizations=(), projects=("gamma",))


def test_each_record_names_its_targets_as_their_own_records_are_named() -> None:
    inventory = scanned(gamma())
    assert inventory.gaps == []
    by_name = {r.name: r for r in inventory.resources}
    ids = {name: r.id for name, r in by_name.items()}
    relations = {name: r.relations for name, r in by_name.items()}
    assert relations == {
        "web-1": {
            "member_of": sorted(
                [
                    ids["core"],
                    ids["app"],
                    f"{CAI}/host-project/global/networks/shared",
                    f"{CAI}/host-project/{REGION}/subnetworks/shared-app",
                ]
            )
        },
        "data-1": {"attached_to": [ids["web-1"]]},
        "core": None,
        "app": {"member_of": [ids["core"]]},
        "web-ip": {"attached_to": [ids["web"]]},
        # The target pool is not in the inventory: the relation is kept all the same.
        "web": {"uses": [f"{CAI}/gamma/{REGION}/targetPools/web-pool"]},
        "ledger": None,
        "ledger-r": {"replica_of": [ids["ledger"]]},
        "apps": None,
        "default-pool": {"member_of": [ids["apps"]]},
    }


def test_a_primary_in_another_project_is_named_in_that_project() -> None:
    replica = asset(
        "sqladmin.googleapis.com/Instance",
        "//cloudsql.googleapis.com/projects/gamma/instances/ledger-eu",
        "europe-west4",
        {"name": "ledger-eu", "masterInstanceName": "example.com:finance:ledger"},
    )
    (found,) = scanned([replica]).resources
    assert found.relations == {
        "replica_of": ["//cloudsql.googleapis.com/projects/example.com:finance/instances/ledger"]
    }


def test_a_reference_of_no_known_shape_is_left_out_and_a_malformed_one_is_a_gap() -> None:
    bare = asset(
        "compute.googleapis.com/Disk",
        f"{CAI}/gamma/{ZONE}/disks/bare",
        "europe-west4-a",
        {"name": "bare", "users": ["web-1", "https://example.com/compute/v1/x"]},
    )
    odd = asset(
        "compute.googleapis.com/Disk",
        f"{CAI}/gamma/{ZONE}/disks/odd",
        "europe-west4-a",
        {"name": "odd", "users": [{"selfLink": "planted-secret"}]},
    )
    inventory = scanned([bare, odd])
    assert [(r.name, r.relations) for r in inventory.resources] == [("bare", None)]
    (gap,) = inventory.gaps
    assert gap.code == "MalformedRecord" and "relation attached_to" in gap.message
    assert "planted-secret" not in gap.message and "dict" in gap.message


def test_an_estate_without_relations_writes_none() -> None:
    plain = asset(
        "compute.googleapis.com/Disk",
        f"{CAI}/gamma/{ZONE}/disks/spare",
        "europe-west4-a",
        {"name": "spare", "sizeGb": "10"},
    )
    (found,) = scanned([plain]).resources
    assert found.relations is None
    assert "relations" not in found.model_dump(mode="json", exclude_none=True)


def test_a_function_uses_the_topic_or_bucket_that_triggers_it() -> None:
    functions = "//cloudfunctions.googleapis.com/projects/gamma/locations/europe-west4/functions"
    first = asset(
        "cloudfunctions.googleapis.com/CloudFunction",
        f"{functions}/on-upload",
        "europe-west4",
        {
            "runtime": "python312",
            "eventTrigger": {
                "eventType": "google.storage.object.finalize",
                "resource": "projects/_/buckets/gamma-uploads",
                "service": "storage.googleapis.com",
            },
        },
    )
    second = asset(
        "cloudfunctions.googleapis.com/Function",
        f"{functions}/on-order",
        "europe-west4",
        {
            "environment": "GEN_2",
            "eventTrigger": {
                "trigger": "projects/gamma/locations/europe-west4/triggers/on-order-123",
                "eventType": "google.cloud.pubsub.topic.v1.messagePublished",
                "pubsubTopic": "projects/gamma/topics/orders",
            },
        },
    )
    second["versionedResources"][0]["version"] = "v2"
    found = {r.name: r.relations for r in scanned([first, second]).resources}
    assert found == {
        "on-upload": {"uses": ["//storage.googleapis.com/gamma-uploads"]},
        "on-order": {"uses": ["//pubsub.googleapis.com/projects/gamma/topics/orders"]},
    }
