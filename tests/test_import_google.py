"""`exitplan import` of a Google Cloud state holding the commonly used `google_*` types
(tests/fixtures/import/state-google.tfstate, written by state_google.py): every
managed instance is imported with the place a scan gives it, or counted as a part, and
none is an unknown type. Several of these were misread or unknown before: a Firestore
database placed `global` though it records `location_id`, TPU VMs, service accounts, the
project itself."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from exitplan.cli import app
from tests.test_import_fixtures import SECRET, assert_no_secret, run_import

STATE = "state-google.tfstate"
P, ML = "acme-prod", "acme-ml"
N, ML_N = "481516234200", "735294118006"  # the projects' numbers
EW4 = "europe-west4"
CE = f"//compute.googleapis.com/projects/{P}"

# id -> (account, region, Cloud Asset type) of every instance the state holds that is no
# part: the place and name a scan gives it.
PLACED: dict[str, tuple[str, str, str]] = {
    f"{CE}/global/networks/acme-vpc": (P, "global", "compute.googleapis.com/Network"),
    f"{CE}/regions/{EW4}/subnetworks/acme-subnet-ew4": (
        P,
        EW4,
        "compute.googleapis.com/Subnetwork",
    ),
    f"{CE}/global/firewalls/allow-iap-ssh": (P, "global", "compute.googleapis.com/Firewall"),
    f"{CE}/regions/{EW4}/routers/acme-router": (P, EW4, "compute.googleapis.com/Router"),
    f"{CE}/regions/{EW4}/addresses/acme-nat-ip": (P, EW4, "compute.googleapis.com/Address"),
    f"{CE}/global/addresses/acme-psa": (P, "global", "compute.googleapis.com/GlobalAddress"),
    f"{CE}/global/routes/to-onprem": (P, "global", "compute.googleapis.com/Route"),
    f"//vpcaccess.googleapis.com/projects/{N}/locations/{EW4}/connectors/run-egress": (
        P,
        EW4,
        "vpcaccess.googleapis.com/Connector",
    ),
    # A global template that names a region stays global.
    f"{CE}/global/instanceTemplates/web-20260105": (
        P,
        "global",
        "compute.googleapis.com/InstanceTemplate",
    ),
    f"{CE}/regions/{EW4}/instanceGroupManagers/web": (
        P,
        EW4,
        "compute.googleapis.com/InstanceGroupManager",
    ),
    f"{CE}/regions/{EW4}/autoscalers/web": (P, EW4, "compute.googleapis.com/Autoscaler"),
    f"{CE}/global/healthChecks/web-hc": (P, "global", "compute.googleapis.com/HealthCheck"),
    f"{CE}/global/backendServices/web-be": (
        P,
        "global",
        "compute.googleapis.com/BackendService",
    ),
    f"{CE}/global/backendBuckets/static": (P, "global", "compute.googleapis.com/BackendBucket"),
    f"{CE}/global/urlMaps/web": (P, "global", "compute.googleapis.com/UrlMap"),
    f"{CE}/global/sslCertificates/web-cert": (
        P,
        "global",
        "compute.googleapis.com/SslCertificate",
    ),
    f"{CE}/global/targetHttpsProxies/web-https": (
        P,
        "global",
        "compute.googleapis.com/TargetHttpsProxy",
    ),
    f"{CE}/global/forwardingRules/web-https": (
        P,
        "global",
        "compute.googleapis.com/GlobalForwardingRule",
    ),
    f"{CE}/global/securityPolicies/edge": (P, "global", "compute.googleapis.com/SecurityPolicy"),
    # Its region recorded as a self link.
    f"{CE}/regions/{EW4}/networkEndpointGroups/api-neg": (
        P,
        EW4,
        "compute.googleapis.com/RegionNetworkEndpointGroup",
    ),
    # By its unique id, as Cloud Asset names service accounts.
    f"//iam.googleapis.com/projects/{P}/serviceAccounts/104729384756102938475": (
        P,
        "global",
        "iam.googleapis.com/ServiceAccount",
    ),
    f"//iam.googleapis.com/projects/{P}/roles/deployer": (P, "global", "iam.googleapis.com/Role"),
    f"//iam.googleapis.com/projects/{N}/locations/global/workloadIdentityPools/github": (
        P,
        "global",
        "iam.googleapis.com/WorkloadIdentityPool",
    ),
    f"//cloudsql.googleapis.com/projects/{P}/instances/acme-orders-pg": (
        P,
        EW4,
        "sqladmin.googleapis.com/Instance",
    ),
    "//storage.googleapis.com/acme-prod-static": (P, "eu", "storage.googleapis.com/Bucket"),
    f"//bigquery.googleapis.com/projects/{P}/datasets/analytics": (
        P,
        "eu",
        "bigquery.googleapis.com/Dataset",
    ),
    f"//bigquery.googleapis.com/projects/{P}/datasets/analytics/tables/events": (
        P,
        "eu",
        "bigquery.googleapis.com/Table",
    ),
    f"//pubsub.googleapis.com/projects/{P}/topics/orders-events": (
        P,
        "global",
        "pubsub.googleapis.com/Topic",
    ),
    f"//pubsub.googleapis.com/projects/{P}/subscriptions/orders-events-worker": (
        P,
        "global",
        "pubsub.googleapis.com/Subscription",
    ),
    # Placed in its region; its location_id is the zone of its primary node.
    f"//redis.googleapis.com/projects/{P}/locations/{EW4}/instances/sessions": (
        P,
        EW4,
        "redis.googleapis.com/Instance",
    ),
    # Placed where its location_id says, not `global`.
    f"//firestore.googleapis.com/projects/{P}/databases/(default)": (
        P,
        "eur3",
        "firestore.googleapis.com/Database",
    ),
    f"//run.googleapis.com/projects/{P}/locations/{EW4}/services/api": (
        P,
        EW4,
        "run.googleapis.com/Service",
    ),
    f"//cloudfunctions.googleapis.com/projects/{P}/locations/{EW4}/functions/resize": (
        P,
        EW4,
        "cloudfunctions.googleapis.com/Function",
    ),
    f"//cloudscheduler.googleapis.com/projects/{P}/locations/{EW4}/jobs/nightly-export": (
        P,
        EW4,
        "cloudscheduler.googleapis.com/Job",
    ),
    f"//cloudtasks.googleapis.com/projects/{P}/locations/{EW4}/queues/mail": (
        P,
        EW4,
        "cloudtasks.googleapis.com/Queue",
    ),
    f"//container.googleapis.com/projects/{P}/locations/{EW4}/clusters/acme-gke": (
        P,
        EW4,
        "container.googleapis.com/Cluster",
    ),
    f"//container.googleapis.com/projects/{P}/locations/{EW4}/clusters/acme-gke/nodePools/"
    "general": (P, EW4, "container.googleapis.com/NodePool"),
    f"//secretmanager.googleapis.com/projects/{N}/secrets/db-url": (
        P,
        "global",
        "secretmanager.googleapis.com/Secret",
    ),
    f"//cloudkms.googleapis.com/projects/{P}/locations/{EW4}/keyRings/app": (
        P,
        EW4,
        "cloudkms.googleapis.com/KeyRing",
    ),
    f"//cloudkms.googleapis.com/projects/{P}/locations/{EW4}/keyRings/app/cryptoKeys/data": (
        P,
        EW4,
        "cloudkms.googleapis.com/CryptoKey",
    ),
    f"//artifactregistry.googleapis.com/projects/{P}/locations/{EW4}/repositories/containers": (
        P,
        EW4,
        "artifactregistry.googleapis.com/Repository",
    ),
    f"//dns.googleapis.com/projects/{P}/managedZones/4567890123456789012": (
        P,
        "global",
        "dns.googleapis.com/ManagedZone",
    ),
    f"//logging.googleapis.com/projects/{N}/sinks/audit-to-bq": (
        P,
        "global",
        "logging.googleapis.com/LogSink",
    ),
    f"//logging.googleapis.com/projects/{N}/metrics/api-errors": (
        P,
        "global",
        "logging.googleapis.com/LogMetric",
    ),
    f"//monitoring.googleapis.com/projects/{N}/notificationChannels/10920637066270193276": (
        P,
        "global",
        "monitoring.googleapis.com/NotificationChannel",
    ),
    f"//monitoring.googleapis.com/projects/{N}/alertPolicies/2542845757118269006": (
        P,
        "global",
        "monitoring.googleapis.com/AlertPolicy",
    ),
    # The project the state creates, named by its number and filed under its id.
    f"//cloudresourcemanager.googleapis.com/projects/{ML_N}": (
        ML,
        "global",
        "cloudresourcemanager.googleapis.com/Project",
    ),
    f"//serviceusage.googleapis.com/projects/{ML_N}/services/tpu.googleapis.com": (
        ML,
        "global",
        "serviceusage.googleapis.com/Service",
    ),
    f"//serviceusage.googleapis.com/projects/{ML_N}/services/aiplatform.googleapis.com": (
        ML,
        "global",
        "serviceusage.googleapis.com/Service",
    ),
    f"//tpu.googleapis.com/projects/{ML_N}/locations/us-central2-b/nodes/trainer-0": (
        ML,
        "us-central2-b",
        "tpu.googleapis.com/Node",
    ),
    f"//aiplatform.googleapis.com/projects/{ML_N}/locations/{EW4}/endpoints/7788": (
        ML,
        EW4,
        "aiplatform.googleapis.com/Endpoint",
    ),
    f"//composer.googleapis.com/projects/{ML_N}/locations/{EW4}/environments/airflow": (
        ML,
        EW4,
        "composer.googleapis.com/Environment",
    ),
    # Placed in its region, not in the zone its workers run in.
    f"//dataflow.googleapis.com/projects/{ML}/locations/{EW4}/jobs/"
    "2026-01-05_03_00_00-1234567890": (ML, EW4, "dataflow.googleapis.com/Job"),
    f"//dataproc.googleapis.com/projects/{ML}/regions/{EW4}/clusters/spark": (
        ML,
        EW4,
        "dataproc.googleapis.com/Cluster",
    ),
    f"//file.googleapis.com/projects/{ML_N}/locations/{EW4}-a/instances/shared": (
        ML,
        f"{EW4}-a",
        "file.googleapis.com/Instance",
    ),
    # A folder is in no project: filed under the organisation that holds it.
    "//cloudresourcemanager.googleapis.com/folders/301234567890": (
        "organizations/123456789012",
        "global",
        "cloudresourcemanager.googleapis.com/Folder",
    ),
    f"//notebooks.googleapis.com/projects/{P}/locations/{EW4}-a/instances/lab": (
        P,
        f"{EW4}-a",
        "notebooks.googleapis.com/Instance",
    ),
    f"//notebooks.googleapis.com/projects/{P}/locations/{EW4}-a/instances/analysts": (
        P,
        f"{EW4}-a",
        "notebooks.googleapis.com/Instance",
    ),
    f"//firebase.googleapis.com/projects/{N}/webApps/1:{N}:web:9f8e7d6c5b4a": (
        P,
        "global",
        "firebase.googleapis.com/FirebaseAppInfo",
    ),
    f"//firebasehosting.googleapis.com/projects/{P}/sites/acme-shop": (
        P,
        "global",
        "firebasehosting.googleapis.com/Site",
    ),
    f"//firebasedatabase.googleapis.com/projects/{N}/locations/europe-west1/instances/"
    "acme-shop-rtdb": (P, "europe-west1", "firebasedatabase.googleapis.com/Instance"),
}

# Parts of the resources above, counted and not imported.
PARTS = {
    "google_compute_router_nat",
    "google_service_networking_connection",
    "google_service_account_key",
    "google_project_iam_member",
    "google_sql_database",
    "google_sql_user",
    "google_storage_bucket_object",
    "google_firestore_index",
    "google_secret_manager_secret_version",
    "google_dns_record_set",
    "google_firebase_project",
    "google_firebaserules_ruleset",
    "google_firebaserules_release",
}


def test_every_common_google_type_is_placed_and_none_is_unknown(
    runner: CliRunner, tmp_path: Path
) -> None:
    imported = run_import(runner, tmp_path, STATE)
    assert imported.exit_code == 0, imported.reported()
    assert imported.inventory["gaps"] == []
    found = imported.by_id()
    assert {rid: (r["account"], r["region"], r["type"]) for rid, r in found.items()} == PLACED
    skipped = {s["type"]: s for s in imported.inventory["skipped"]}
    assert {t for t, s in skipped.items() if t.startswith("google_")} == PARTS
    assert all("part or setting" in skipped[t]["reason"] for t in PARTS)
    assert_no_secret(imported)


def test_names_and_facts_are_the_scans(runner: CliRunner, tmp_path: Path) -> None:
    found = run_import(runner, tmp_path, STATE).by_id()
    account = found[f"//iam.googleapis.com/projects/{P}/serviceAccounts/104729384756102938475"]
    assert account["name"] == f"app@{P}.iam.gserviceaccount.com"
    project = found[f"//cloudresourcemanager.googleapis.com/projects/{ML_N}"]
    assert (project["name"], project["tags"]["team"]) == ("ACME machine learning", "ml")
    tpu = found[f"//tpu.googleapis.com/projects/{ML_N}/locations/us-central2-b/nodes/trainer-0"]
    assert tpu["attributes"]["instance_type"] == "v4-8"
    group = found[f"{CE}/regions/{EW4}/instanceGroupManagers/web"]
    assert group["attributes"]["node_count"] == 3
    table = found[f"//bigquery.googleapis.com/projects/{P}/datasets/analytics/tables/events"]
    assert (table["attributes"]["size_bytes"], table["attributes"]["item_count"]) == (
        73400320,
        120000,
    )
    alert = found[f"//monitoring.googleapis.com/projects/{N}/alertPolicies/2542845757118269006"]
    assert alert["name"] == "API error rate"


def test_a_state_and_a_cloud_asset_search_count_each_resource_once(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Resources in both files (network, Pub/Sub, Cloud Run, the secret named by project
    number, the service account named by unique id, KMS, Artifact Registry) are one."""
    state = run_import(runner, tmp_path / "a", STATE).by_id()
    searched = run_import(runner, tmp_path / "b", "gcloud-search.json").by_id()
    both = set(state) & set(searched)
    assert len(both) == 13
    for rid in both:
        assert state[rid]["type"] == searched[rid]["type"], rid
        assert state[rid]["account"] == searched[rid]["account"], rid
        assert state[rid]["name"] == searched[rid]["name"], rid
    merged = run_import(runner, tmp_path / "c", STATE, "gcloud-search.json")
    ids = [r["id"] for r in merged.resources]
    assert len(ids) == len(set(ids)) == len(state) + len(searched) - len(both)


def test_the_imported_estate_plans(runner: CliRunner, tmp_path: Path) -> None:
    run_import(runner, tmp_path, STATE)
    out = tmp_path / "plan"
    result = runner.invoke(app, ["plan", str(tmp_path / "inventory.json"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert SECRET not in result.output
    assert all(SECRET not in p.read_text() for p in out.rglob("*") if p.is_file())


def test_a_terraform_0_12_state_names_its_providers_by_local_name(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Terraform 0.12 wrote `provider.google` (`provider.google.west` for an alias,
    `module.m.provider.google` for a module's own): still Google, not another provider."""

    def block(kind: str, provider: str, attributes: dict[str, object]) -> dict[str, object]:
        return {
            "mode": "managed",
            "type": kind,
            "name": "x",
            "provider": provider,
            "instances": [{"schema_version": 0, "attributes": {"project": P, **attributes}}],
        }

    state = {
        "version": 4,
        "terraform_version": "0.12.29",
        "serial": 52,
        "lineage": "b07beaf1-a681-e41b-023f-7ec481b5219a",
        "outputs": {},
        "resources": [
            block("google_pubsub_topic", "provider.google", {"name": "t"}),
            block("google_storage_bucket", "provider.google.eu", {"name": "b", "location": "EU"}),
            block("google_tpu_v2_vm", "provider.google-beta", {"name": "n", "zone": "us-east1-d"}),
            block("google_pubsub_subscription", "module.m.provider.google", {"name": "s"}),
        ],
    }
    path = tmp_path / "old.tfstate"
    path.write_text(json.dumps(state))
    out = tmp_path / "inventory.json"
    result = runner.invoke(app, ["import", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    written = json.loads(out.read_text())
    assert sorted(r["type"] for r in written["resources"]) == [
        "pubsub.googleapis.com/Subscription",
        "pubsub.googleapis.com/Topic",
        "storage.googleapis.com/Bucket",
        "tpu.googleapis.com/Node",
    ]
    assert written.get("skipped", []) == [] and written["gaps"] == []
