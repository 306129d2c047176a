"""Relations of imported `google_*` instances, named as the GCP connector names their
targets. The attributes are shaped after public states of provider 5 and 6: Compute
references as self links on www.googleapis.com, a node pool's `cluster` and a replica's
`master_instance_name` as bare names, a `google_compute_attached_disk` as configured (the
provider keeps its `disk` and `instance` as given: a self link, an id or a name)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from connectors.importers.terraform import Instance
from connectors.importers.tfresources import convert_all
from exitplan.cli import app
from exitplan.errors import InputError
from tests.test_tfresources_google import COMPUTE as LINK
from tests.test_tfresources_google import P
from tests.test_tfresources_google import _compute as compute
from tests.test_tfresources_ids import instance

ZONE = "europe-west4-a"
REGION = "europe-west4"
CAI = f"//compute.googleapis.com/projects/{P}"
GKE = f"//container.googleapis.com/projects/{P}/locations/{REGION}"


def nic(subnetwork: str, network: str) -> dict[str, Any]:
    return {
        "access_config": [],
        "alias_ip_range": [],
        "name": "nic0",
        "network": network,
        "network_ip": "10.0.0.2",
        "stack_type": "IPV4_ONLY",
        "subnetwork": subnetwork,
        "subnetwork_project": P,
    }


def estate() -> list[Instance]:
    """A VM with a boot disk it created and a data disk it lists, two more disks attached
    by google_compute_attached_disk (one by ids, one by bare names), its network, a
    forwarding rule and its address, a Cloud SQL primary and replica, a GKE node pool."""
    vm = f"{LINK}/zones/{ZONE}/instances/web-1"
    rule = f"{LINK}/regions/{REGION}/forwardingRules/web"
    return [
        instance("google_compute_network", compute("global", "networks", "core")),
        instance(
            "google_compute_subnetwork",
            compute(
                f"regions/{REGION}",
                "subnetworks",
                "app",
                network=f"{LINK}/global/networks/core",
                ip_cidr_range="10.0.0.0/24",
            ),
        ),
        instance(
            "google_compute_instance",
            compute(
                f"zones/{ZONE}",
                "instances",
                "web-1",
                machine_type="e2-standard-2",
                boot_disk=[{"source": f"{LINK}/zones/{ZONE}/disks/web-1", "auto_delete": True}],
                attached_disk=[{"source": f"{LINK}/zones/{ZONE}/disks/data-1", "mode": ""}],
                network_interface=[
                    nic(f"{LINK}/regions/{REGION}/subnetworks/app", f"{LINK}/global/networks/core")
                ],
            ),
            "web",
        ),
        instance(
            "google_compute_disk",
            compute(f"zones/{ZONE}", "disks", "data-1", size=200, users=[vm]),
            "data",
        ),
        instance("google_compute_disk", compute(f"zones/{ZONE}", "disks", "logs", users=[]), "l"),
        instance(
            "google_compute_disk", compute(f"zones/{ZONE}", "disks", "scratch", users=[]), "s"
        ),
        instance(
            "google_compute_attached_disk",
            {
                "id": f"projects/{P}/zones/{ZONE}/instances/web-1/logs",
                "disk": f"projects/{P}/zones/{ZONE}/disks/logs",
                "instance": f"projects/{P}/zones/{ZONE}/instances/web-1",
                "project": P,
                "zone": ZONE,
                "mode": "READ_WRITE",
            },
            "logs",
        ),
        instance(
            "google_compute_attached_disk",
            {
                "id": f"projects/{P}/zones/{ZONE}/instances/web-1/scratch",
                "disk": "scratch",
                "instance": "web-1",
                "project": P,
                "zone": ZONE,
            },
            "scratch",
        ),
        instance(
            "google_compute_address",
            compute(f"regions/{REGION}", "addresses", "web-ip", address_type="EXTERNAL")
            | {"users": [rule]},
        ),
        instance(
            "google_compute_forwarding_rule",
            compute(
                f"regions/{REGION}",
                "forwardingRules",
                "web",
                target=f"{LINK}/regions/{REGION}/targetPools/web-pool",
                backend_service="",
                load_balancing_scheme="EXTERNAL",
            ),
        ),
        instance(
            "google_sql_database_instance",
            {"id": "ledger", "name": "ledger", "project": P, "master_instance_name": ""},
            "primary",
        ),
        instance(
            "google_sql_database_instance",
            {"id": "ledger-r", "name": "ledger-r", "project": P, "master_instance_name": "ledger"},
            "replica",
        ),
        instance(
            "google_container_node_pool",
            {
                "id": f"projects/{P}/locations/{REGION}/clusters/apps/nodePools/default-pool",
                "name": "default-pool",
                "cluster": "apps",
                "location": REGION,
                "project": P,
                "node_count": 2,
            },
        ),
    ]


def test_each_relation_is_named_as_the_scan_names_its_target() -> None:
    found = {r.id: r.relations for r in convert_all(estate(), "state.json").resources}
    web = f"{CAI}/zones/{ZONE}/instances/web-1"
    assert found == {
        f"{CAI}/global/networks/core": None,
        f"{CAI}/regions/{REGION}/subnetworks/app": {"member_of": [f"{CAI}/global/networks/core"]},
        web: {
            "member_of": [f"{CAI}/global/networks/core", f"{CAI}/regions/{REGION}/subnetworks/app"]
        },
        # Stated by the disk (users) and by the VM (attached_disk): once.
        f"{CAI}/zones/{ZONE}/disks/data-1": {"attached_to": [web]},
        # Stated by google_compute_attached_disk, by ids and by bare names.
        f"{CAI}/zones/{ZONE}/disks/logs": {"attached_to": [web]},
        f"{CAI}/zones/{ZONE}/disks/scratch": {"attached_to": [web]},
        f"{CAI}/regions/{REGION}/addresses/web-ip": {
            "attached_to": [f"{CAI}/regions/{REGION}/forwardingRules/web"]
        },
        # The target pool is in no state: the relation is kept all the same.
        f"{CAI}/regions/{REGION}/forwardingRules/web": {
            "uses": [f"{CAI}/regions/{REGION}/targetPools/web-pool"]
        },
        f"//cloudsql.googleapis.com/projects/{P}/instances/ledger": None,
        f"//cloudsql.googleapis.com/projects/{P}/instances/ledger-r": {
            "replica_of": [f"//cloudsql.googleapis.com/projects/{P}/instances/ledger"]
        },
        f"{GKE}/clusters/apps/nodePools/default-pool": {"member_of": [f"{GKE}/clusters/apps"]},
    }


def test_bare_names_are_named_where_the_instance_places_them_or_left_out() -> None:
    vm = compute(
        f"zones/{ZONE}",
        "instances",
        "web-2",
        # A subnetwork's region is not the VM's to give: left out, never guessed.
        network_interface=[nic("app", "core")],
        attached_disk=[{"source": "data-2"}],
    )
    disk = compute(f"zones/{ZONE}", "disks", "data-2", users=["web-2"])
    replica = {
        "id": "eu",
        "name": "eu",
        "project": P,
        "master_instance_name": "example.com:finance:ledger",
    }
    found = {
        r.name: r.relations
        for r in convert_all(
            [
                instance("google_compute_instance", vm, "vm"),
                instance("google_compute_disk", disk, "disk"),
                instance("google_sql_database_instance", replica, "db"),
            ],
            "state.json",
        ).resources
    }
    assert found == {
        "web-2": {"member_of": [f"{CAI}/global/networks/core"]},
        "data-2": {"attached_to": [f"{CAI}/zones/{ZONE}/instances/web-2"]},
        "eu": {
            "replica_of": [
                "//cloudsql.googleapis.com/projects/example.com:finance/instances/ledger"
            ]
        },
    }


def test_a_target_that_would_show_a_sensitive_value_is_left_out() -> None:
    disk = compute(
        f"zones/{ZONE}", "disks", "d", users=[f"{LINK}/zones/{ZONE}/instances/PLANTED-SECRET"]
    )
    attached = {"disk": "d", "instance": "PLANTED-SECRET", "project": P, "zone": ZONE}
    (found,) = convert_all(
        [
            instance("google_compute_disk", disk, "d", hidden=frozenset({"PLANTED-SECRET"})),
            instance(
                "google_compute_attached_disk",
                attached,
                "a",
                hidden=frozenset({"PLANTED-SECRET"}),
            ),
        ],
        "state.json",
    ).resources
    assert found.relations is None


def test_a_reference_of_the_wrong_type_names_the_instance_not_the_value() -> None:
    disk = compute(f"zones/{ZONE}", "disks", "d", users=[{"self_link": "PLANTED-SECRET"}])
    with pytest.raises(InputError) as caught:
        convert_all([instance("google_compute_disk", disk, "d")], "state.json")
    message = caught.value.message
    assert message.startswith("state.json: google_compute_disk.d: relation attached_to (users)")
    assert "PLANTED-SECRET" not in message


def test_a_state_imports_with_its_relations(tmp_path: Path) -> None:
    resources: list[dict[str, Any]] = []
    for one in estate():
        kind, name = one.address.split(".", 1)
        resources.append(
            {
                "mode": "managed",
                "type": kind,
                "name": name,
                "provider": one.config,
                "instances": [{"schema_version": 0, "attributes": one.attributes}],
            }
        )
    state = tmp_path / "state.json"
    state.write_text(
        json.dumps({"version": 4, "terraform_version": "1.9.8", "resources": resources})
    )
    out = tmp_path / "inventory.json"
    result = CliRunner().invoke(app, ["import", str(state), "--out", str(out)])
    assert result.exit_code == 0, result.output
    written = json.loads(out.read_text())["resources"]
    relations = {r["name"]: r.get("relations") for r in written}
    assert relations["logs"] == {"attached_to": [f"{CAI}/zones/{ZONE}/instances/web-1"]}
    assert relations["core"] is None  # absent from the file, as before relations


def test_a_function_uses_the_topic_or_bucket_that_triggers_it() -> None:
    first = {
        "id": f"projects/{P}/locations/{REGION}/functions/on-upload",
        "name": "on-upload",
        "project": P,
        "region": REGION,
        "runtime": "python312",
        "event_trigger": [
            {
                "event_type": "google.storage.object.finalize",
                "resource": "projects/_/buckets/acme-uploads",
                "failure_policy": [],
            }
        ],
    }
    second = {
        "id": f"projects/{P}/locations/{REGION}/functions/on-order",
        "name": "on-order",
        "project": P,
        "location": REGION,
        "event_trigger": [
            {
                "event_type": "google.cloud.pubsub.topic.v1.messagePublished",
                "pubsub_topic": f"projects/{P}/topics/orders",
                "trigger": f"projects/{P}/locations/{REGION}/triggers/on-order-123",
                "trigger_region": REGION,
            }
        ],
    }
    found = {
        r.name: r.relations
        for r in convert_all(
            [
                instance("google_cloudfunctions_function", first),
                instance("google_cloudfunctions2_function", second),
            ],
            "state.json",
        ).resources
    }
    assert found == {
        "on-upload": {"uses": ["//storage.googleapis.com/acme-uploads"]},
        "on-order": {"uses": [f"//pubsub.googleapis.com/projects/{P}/topics/orders"]},
    }
