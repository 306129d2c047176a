"""`exitplan import` on committed fixtures shaped like real tool output (see
tests/fixtures/import/README.md): exact counts, types, regions, accounts, tags and ids, and
no planted secret in any output.

The expectations are what a correct importer gives (docs/review of issue 5), not what the
code happens to give today; the fixtures are files, never generated here."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from exitplan.cli import app

FIXTURES = Path(__file__).parent / "fixtures" / "import"
SECRET = "PLANTED-SECRET"

AWS_ACCOUNT = "111122223333"
SUB = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"
CFG_ACCOUNT = "444455556666"
SUB_PROD = "3e7f1c20-5b8a-4d6e-9f01-2a3b4c5d6e7f"
SUB_DEV = "a1b2c3d4-e5f6-47a8-b9c0-d1e2f3a4b5c6"
SUB_SHARED = "c0ffee00-1234-4abc-8def-0123456789ab"
SANDBOX_NUMBER = "313370000001"  # a project whose Project asset the export lacks


@dataclass
class Imported:
    exit_code: int
    stdout: str
    stderr: str
    text: str  # the inventory file as written
    inventory: dict[str, Any]

    @property
    def resources(self) -> list[dict[str, Any]]:
        return list(self.inventory["resources"])

    def by_id(self) -> dict[str, dict[str, Any]]:
        return {r["id"]: r for r in self.resources}

    def reported(self) -> str:
        """Everything the import told the user: gaps and what it printed."""
        gaps = " ".join(f"{g['code']} {g['message']}" for g in self.inventory["gaps"])
        left_out = " ".join(f"{s['type']} {s['reason']}" for s in self.inventory.get("skipped", []))
        return f"{gaps} {left_out} {self.stdout} {self.stderr}"


def run_import(runner: CliRunner, tmp_path: Path, *names: str) -> Imported:
    out = tmp_path / "inventory.json"
    result = runner.invoke(app, ["import", *(str(FIXTURES / n) for n in names), "--out", str(out)])
    assert result.exit_code in (0, 1), (result.exit_code, result.output, result.exception)
    text = out.read_text()
    return Imported(result.exit_code, result.stdout, result.stderr, text, json.loads(text))


def assert_no_secret(imported: Imported) -> None:
    assert SECRET not in imported.text
    assert SECRET not in imported.stdout
    assert SECRET not in imported.stderr


def place(resource: dict[str, Any]) -> tuple[str, str, str]:
    return (resource["account"], resource["region"], resource["type"])


# ------------------------------------------------------------------ Terraform state v4

ARN = f"arn:aws:ec2:eu-west-1:{AWS_ACCOUNT}"
ARM = f"/subscriptions/{SUB}/resourceGroups"
# Every managed instance of a mapped type: id -> (account, region, native type); a region of
# None is not checked (Terraform does not record where an Azure child resource lives).
STATE: dict[str, tuple[str, str | None, str]] = {
    "arn:aws:s3:::acme-prod-assets": (AWS_ACCOUNT, "eu-west-1", "AWS::S3::Bucket"),
    "arn:aws:s3:::acme-prod-logs-us": (AWS_ACCOUNT, "us-east-1", "AWS::S3::Bucket"),
    f"arn:aws:iam::{AWS_ACCOUNT}:role/acme-app": (AWS_ACCOUNT, "global", "AWS::IAM::Role"),
    f"arn:aws:cloudfront::{AWS_ACCOUNT}:distribution/E2QWRUHAPOMQZL": (
        AWS_ACCOUNT,
        "global",
        "AWS::CloudFront::Distribution",
    ),
    "arn:aws:route53:::hostedzone/Z0482913ACMEEXAMPLE1": (
        AWS_ACCOUNT,
        "global",
        "AWS::Route53::HostedZone",
    ),
    f"arn:aws:lambda:eu-west-1:{AWS_ACCOUNT}:function:acme-export": (
        AWS_ACCOUNT,
        "eu-west-1",
        "AWS::Lambda::Function",
    ),
    f"arn:aws:lambda:eu-west-1:{AWS_ACCOUNT}:function:acme-ingest": (
        AWS_ACCOUNT,
        "eu-west-1",
        "AWS::Lambda::Function",
    ),
    f"{ARN}:vpc/vpc-0a1b2c3d4e5f60718": (AWS_ACCOUNT, "eu-west-1", "AWS::EC2::VPC"),
    f"{ARN}:subnet/subnet-0a9b8c7d6e5f40312": (AWS_ACCOUNT, "eu-west-1", "AWS::EC2::Subnet"),
    f"{ARN}:subnet/subnet-0b1c2d3e4f5a60789": (AWS_ACCOUNT, "eu-west-1", "AWS::EC2::Subnet"),
    f"{ARN}:security-group/sg-0f1e2d3c4b5a69788": (
        AWS_ACCOUNT,
        "eu-west-1",
        "AWS::EC2::SecurityGroup",
    ),
    f"{ARN}:instance/i-0c4d5e6f708192a3b": (AWS_ACCOUNT, "eu-west-1", "AWS::EC2::Instance"),
    f"{ARN}:instance/i-0123456789abcdef0": (AWS_ACCOUNT, "eu-west-1", "AWS::EC2::Instance"),
    f"{ARN}:instance/i-0fedcba9876543210": (AWS_ACCOUNT, "eu-west-1", "AWS::EC2::Instance"),
    f"arn:aws:rds:eu-west-1:{AWS_ACCOUNT}:db:acme-orders": (
        AWS_ACCOUNT,
        "eu-west-1",
        "AWS::RDS::DBInstance",
    ),
    f"{ARM}/rg-acme-prod": (SUB, "westeurope", "Microsoft.Resources/resourceGroups"),
    f"{ARM}/rg-acme-prod/providers/Microsoft.Storage/storageAccounts/acmeproddata": (
        SUB,
        "westeurope",
        "Microsoft.Storage/storageAccounts",
    ),
    f"{ARM}/rg-acme-prod/providers/Microsoft.Compute/virtualMachines/vm-acme-app-0": (
        SUB,
        "westeurope",
        "Microsoft.Compute/virtualMachines",
    ),
    f"{ARM}/rg-acme-prod/providers/Microsoft.Compute/virtualMachines/vm-acme-app-1": (
        SUB,
        "westeurope",
        "Microsoft.Compute/virtualMachines",
    ),
    f"{ARM}/rg-acme-prod/providers/Microsoft.Sql/servers/sql-acme-prod": (
        SUB,
        "westeurope",
        "Microsoft.Sql/servers",
    ),
    # Children that record no location are where their parent is (the server, the network).
    f"{ARM}/rg-acme-prod/providers/Microsoft.Sql/servers/sql-acme-prod/databases/orders": (
        SUB,
        "westeurope",
        "Microsoft.Sql/servers/databases",
    ),
    f"{ARM}/rg-acme-network/providers/Microsoft.Network/virtualNetworks/vnet-acme": (
        SUB,
        "westeurope",
        "Microsoft.Network/virtualNetworks",
    ),
    f"{ARM}/rg-acme-network/providers/Microsoft.Network/virtualNetworks/vnet-acme/subnets/"
    "snet-app": (SUB, "westeurope", "Microsoft.Network/virtualNetworks/subnets"),
    f"{ARM}/rg-acme-network/providers/Microsoft.Network/networkSecurityGroups/nsg-acme-app": (
        SUB,
        "westeurope",
        "Microsoft.Network/networkSecurityGroups",
    ),
    # Google resources named as Cloud Asset names them, so that a scan and an import agree.
    "//compute.googleapis.com/projects/acme-prod/zones/europe-west4-a/instances/acme-web-a": (
        "acme-prod",
        "europe-west4-a",
        "compute.googleapis.com/Instance",
    ),
    "//compute.googleapis.com/projects/acme-prod/zones/europe-west4-b/instances/acme-web-b": (
        "acme-prod",
        "europe-west4-b",
        "compute.googleapis.com/Instance",
    ),
    "//storage.googleapis.com/acme-prod-data": (
        "acme-prod",
        "europe-west4",
        "storage.googleapis.com/Bucket",
    ),
    "//cloudsql.googleapis.com/projects/acme-prod/instances/acme-orders-pg": (
        "acme-prod",
        "europe-west4",
        "sqladmin.googleapis.com/Instance",
    ),
    "//container.googleapis.com/projects/acme-data/locations/europe-west4/clusters/acme-gke": (
        "acme-data",
        "europe-west4",
        "container.googleapis.com/Cluster",
    ),
}
GCP_IN_STATE = {k for k, v in STATE.items() if k.startswith("//")}
NOT_IMPORTED = (
    "aws_s3_bucket_policy",
    "aws_s3_bucket_versioning",
    "aws_iam_role_policy_attachment",
    "azurerm_subnet_network_security_group_association",
    "google_sql_user",
)
DEFAULT_TAGS = {"CostCenter": "cc-4100", "ManagedBy": "terraform", "Owner": "platform-team"}


def test_state_every_mapped_instance_once_with_its_place(runner: CliRunner, tmp_path: Path) -> None:
    imported = run_import(runner, tmp_path, "state-multi.tfstate")
    found = imported.by_id()
    assert len(imported.resources) == 29
    assert set(found) == set(STATE)
    for rid, (account, region, kind) in STATE.items():
        resource = found[rid]
        assert (resource["account"], resource["type"]) == (account, kind), rid
        if region is not None:
            assert resource["region"] == region, rid
        assert resource["source"].endswith("state-multi.tfstate")


def test_state_types_are_the_live_connectors_native_types(
    runner: CliRunner, tmp_path: Path
) -> None:
    imported = run_import(runner, tmp_path, "state-multi.tfstate")
    types = {r["type"] for r in imported.resources}
    assert types == {kind for _, _, kind in STATE.values()}
    assert not [t for t in types if t.startswith(("aws_", "azurerm_", "google_"))]
    accounts = {r["account"] for r in imported.resources}
    assert accounts == {AWS_ACCOUNT, SUB, "acme-prod", "acme-data"}


def test_state_global_aws_services_are_global(runner: CliRunner, tmp_path: Path) -> None:
    imported = run_import(runner, tmp_path, "state-multi.tfstate")
    global_types = {
        r["type"] for r in imported.resources if r["provider"] == "aws" and r["region"] == "global"
    }
    assert global_types == {
        "AWS::IAM::Role",
        "AWS::CloudFront::Distribution",
        "AWS::Route53::HostedZone",
    }
    aws_regions = {r["region"] for r in imported.resources if r["provider"] == "aws"}
    assert aws_regions == {"eu-west-1", "us-east-1", "global"}


def test_state_skips_data_deposed_companions_and_other_providers_but_says_so(
    runner: CliRunner, tmp_path: Path
) -> None:
    imported = run_import(runner, tmp_path, "state-multi.tfstate")
    ids = set(imported.by_id())
    assert f"{ARN}:instance/i-0aa11bb22cc33dd44" not in ids  # deposed
    assert not [i for i in ids if ":sts::" in i]  # data.aws_caller_identity
    subnet = (
        f"{ARM}/rg-acme-network/providers/Microsoft.Network/virtualNetworks/vnet-acme/subnets/"
        "snet-app"
    )
    # The association shares the subnet's id: the subnet is what is kept.
    assert imported.by_id()[subnet]["type"] == "Microsoft.Network/virtualNetworks/subnets"
    assert "terraform" in imported.inventory["scan"]["source"]
    # Nothing is dropped silently: what is not imported is counted where the user sees it.
    told = imported.reported()
    for name in (*NOT_IMPORTED, "random", "tls"):
        assert name in told, name


def test_state_tags_are_tags_all_and_tainted_is_kept(runner: CliRunner, tmp_path: Path) -> None:
    found = run_import(runner, tmp_path, "state-multi.tfstate").by_id()
    assert found["arn:aws:s3:::acme-prod-assets"]["tags"] == {
        **DEFAULT_TAGS,
        "Environment": "prod",
        "Name": "acme-prod-assets",
    }
    web1 = found[f"{ARN}:instance/i-0fedcba9876543210"]
    assert web1["tags"] == {**DEFAULT_TAGS, "Name": "web-1", "Role": "web"}
    assert web1["attributes"]["terraform_tainted"] is True
    assert web1["attributes"]["terraform_address"] == "module.app.aws_instance.web[1]"
    assert found[f"{ARN}:instance/i-0123456789abcdef0"]["tags"] == {
        **DEFAULT_TAGS,
        "Name": "web-0",
        "Role": "web",
    }
    assert found[f"{ARM}/rg-acme-prod"]["resource_group"] == "rg-acme-prod"
    vm = found[f"{ARM}/rg-acme-prod/providers/Microsoft.Compute/virtualMachines/vm-acme-app-0"]
    assert vm["tags"] == {"app": "orders", "env": "prod"}
    gce = found[
        "//compute.googleapis.com/projects/acme-prod/zones/europe-west4-a/instances/acme-web-a"
    ]
    assert gce["tags"] == {"env": "prod", "team": "web"}
    assert gce["attributes"]["instance_type"] == "e2-standard-4"


def test_state_names_and_sizes(runner: CliRunner, tmp_path: Path) -> None:
    found = run_import(runner, tmp_path, "state-multi.tfstate").by_id()
    db = found[f"arn:aws:rds:eu-west-1:{AWS_ACCOUNT}:db:acme-orders"]
    assert db["name"] == "acme-orders"
    assert {k: db["attributes"][k] for k in ("engine", "engine_version", "size_bytes")} == {
        "engine": "postgres",
        "engine_version": "15.8",
        "size_bytes": 100 * 2**30,
    }
    sql = found["//cloudsql.googleapis.com/projects/acme-prod/instances/acme-orders-pg"]
    assert (sql["name"], sql["attributes"]["size_bytes"]) == ("acme-orders-pg", 50 * 2**30)


def test_state_no_secret_in_output(runner: CliRunner, tmp_path: Path) -> None:
    imported = run_import(runner, tmp_path, "state-multi.tfstate")
    assert_no_secret(imported)
    # The security group's name is sensitive: its id stands in for it.
    sg = imported.by_id()[f"{ARN}:security-group/sg-0f1e2d3c4b5a69788"]
    assert SECRET not in sg["name"]


# ------------------------------------------------------------------ terraform show -json

SHOWN = {
    "arn:aws:s3:::acme-prod-assets",
    f"arn:aws:iam::{AWS_ACCOUNT}:role/acme-app",
    f"arn:aws:lambda:eu-west-1:{AWS_ACCOUNT}:function:acme-export",
    f"arn:aws:lambda:eu-west-1:{AWS_ACCOUNT}:function:acme-ingest",
    f"{ARM}/rg-acme-prod/providers/Microsoft.Storage/storageAccounts/acmeproddata",
    "//storage.googleapis.com/acme-prod-data",
    f"{ARN}:instance/i-0c4d5e6f708192a3b",
    f"{ARN}:instance/i-0123456789abcdef0",
    f"{ARN}:instance/i-0fedcba9876543210",
    f"arn:aws:rds:eu-west-1:{AWS_ACCOUNT}:db:acme-orders",
    "//cloudsql.googleapis.com/projects/acme-prod/instances/acme-orders-pg",
}


def test_show_json_gives_what_the_state_gives(runner: CliRunner, tmp_path: Path) -> None:
    shown = run_import(runner, tmp_path / "a", "show.json")
    state = run_import(runner, tmp_path / "b", "state-multi.tfstate").by_id()
    found = shown.by_id()
    assert set(found) == SHOWN
    for rid, resource in found.items():
        keys = ("account", "region", "type", "name", "tags", "attributes")
        assert {k: resource[k] for k in keys} == {k: state[rid][k] for k in keys}, rid
    assert found[f"{ARN}:instance/i-0fedcba9876543210"]["attributes"]["terraform_tainted"]


def test_show_json_no_secret_in_output(runner: CliRunner, tmp_path: Path) -> None:
    assert_no_secret(run_import(runner, tmp_path, "show.json"))


# ------------------------------------------------------------------ AWS Config

CFG = f"arn:aws:ec2:eu-central-1:{CFG_ACCOUNT}"
CONFIG_TYPES = {
    "AWS::EC2::Instance",
    "AWS::EC2::Volume",
    "AWS::EC2::VPC",
    "AWS::EC2::Subnet",
    "AWS::EC2::SecurityGroup",
    "AWS::EC2::NatGateway",
    "AWS::EC2::NetworkInterface",
    "AWS::EC2::EIP",
    "AWS::S3::Bucket",
    "AWS::RDS::DBInstance",
    "AWS::RDS::DBCluster",
    "AWS::Lambda::Function",
    "AWS::DynamoDB::Table",
    "AWS::SQS::Queue",
    "AWS::SNS::Topic",
    "AWS::IAM::Role",
    "AWS::IAM::User",
    "AWS::KMS::Key",
    "AWS::EKS::Cluster",
    "AWS::ECR::Repository",
    "AWS::ElasticLoadBalancingV2::LoadBalancer",
    "AWS::ElastiCache::CacheCluster",
    "AWS::SecretsManager::Secret",
    "AWS::CloudWatch::Alarm",
}
IAM_POLICY = f"arn:aws:iam::{CFG_ACCOUNT}:policy/acme-s3-read"


def test_config_snapshot_every_live_item_by_arn(runner: CliRunner, tmp_path: Path) -> None:
    imported = run_import(runner, tmp_path, "config-snapshot.json.gz")
    found = imported.by_id()
    assert len(found) == len(imported.resources) == 32
    # Config's name for a customer managed policy; the live connector's is ManagedPolicy.
    assert found[IAM_POLICY]["type"] in {"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"}
    assert {r["type"] for r in imported.resources if r["id"] != IAM_POLICY} == CONFIG_TYPES
    assert {r["account"] for r in imported.resources} == {CFG_ACCOUNT}
    assert f"{CFG}:instance/i-0dead0beef0cafe01" not in found  # ResourceDeleted
    assert all(r["id"].startswith("arn:aws:") for r in imported.resources)
    regions = {r["id"]: r["region"] for r in imported.resources}
    assert {i for i, region in regions.items() if region == "global"} == {
        f"arn:aws:iam::{CFG_ACCOUNT}:role/acme-lambda-exec",
        f"arn:aws:iam::{CFG_ACCOUNT}:role/acme-eks-nodes",
        f"arn:aws:iam::{CFG_ACCOUNT}:user/ci-deployer",
        IAM_POLICY,
    }
    assert set(regions.values()) == {"eu-central-1", "global"}
    for rid in (
        f"arn:aws:sqs:eu-central-1:{CFG_ACCOUNT}:acme-jobs",
        f"arn:aws:rds:eu-central-1:{CFG_ACCOUNT}:db:acme-billing",
        f"arn:aws:elasticloadbalancing:eu-central-1:{CFG_ACCOUNT}:loadbalancer/app/acme-alb/"
        "50dc6c495c0c9188",
        f"arn:aws:secretsmanager:eu-central-1:{CFG_ACCOUNT}:secret:acme/db-AbCdEf",
    ):
        assert rid in found, rid


def test_config_snapshot_tags_and_attributes(runner: CliRunner, tmp_path: Path) -> None:
    imported = run_import(runner, tmp_path, "config-snapshot.json.gz")
    found = imported.by_id()
    app_1 = found[f"{CFG}:instance/i-0a12b34c56d78e901"]
    assert app_1["tags"] == {"Name": "acme-app-1", "env": "prod", "team": "payments"}
    assert app_1["attributes"]["instance_type"] == "m6i.xlarge"
    db = found[f"arn:aws:rds:eu-central-1:{CFG_ACCOUNT}:db:acme-billing"]
    assert (db["name"], db["attributes"]["size_bytes"]) == ("acme-billing", 200 * 2**30)
    assert found["arn:aws:s3:::acme-eu-reports"]["region"] == "eu-central-1"
    assert_no_secret(imported)


@pytest.mark.parametrize("name", ["config-history.json", "config-history-forward.json"])
def test_config_history_keeps_the_newest_item(runner: CliRunner, tmp_path: Path, name: str) -> None:
    imported = run_import(runner, tmp_path, name)
    (resource,) = imported.resources
    assert resource["id"] == f"{CFG}:instance/i-0e1f2a3b4c5d6e7f8"
    assert resource["attributes"]["instance_type"] == "m5.4xlarge"
    assert resource["tags"] == {"Name": "acme-reporting", "env": "prod"}


def test_config_history_of_a_deleted_resource_imports_nothing(
    runner: CliRunner, tmp_path: Path
) -> None:
    assert run_import(runner, tmp_path, "config-history-deleted.json").resources == []


# ------------------------------------------------------------------ Azure

AZ_TYPES = {
    "Microsoft.Cache/Redis",
    "Microsoft.Cdn/profiles",
    "Microsoft.Compute/disks",
    "Microsoft.Compute/virtualMachineScaleSets",
    "Microsoft.Compute/virtualMachines",
    "Microsoft.ContainerRegistry/registries",
    "Microsoft.ContainerService/managedClusters",
    "Microsoft.DBforPostgreSQL/flexibleServers",
    "Microsoft.DocumentDB/databaseAccounts",
    "Microsoft.EventHub/namespaces",
    "microsoft.insights/components",
    "Microsoft.KeyVault/vaults",
    "Microsoft.Network/dnszones",
    "Microsoft.Network/loadBalancers",
    "Microsoft.Network/networkInterfaces",
    "Microsoft.Network/networkSecurityGroups",
    "Microsoft.Network/privateDnsZones",
    "Microsoft.Network/publicIPAddresses",
    "Microsoft.Network/routeTables",
    "Microsoft.Network/virtualNetworks",
    "Microsoft.OperationalInsights/workspaces",
    "Microsoft.ServiceBus/namespaces",
    "Microsoft.Sql/servers",
    "Microsoft.Sql/servers/databases",
    "Microsoft.Storage/storageAccounts",
    "Microsoft.Web/serverFarms",
    "Microsoft.Web/sites",
}
AKS_NODES = (
    f"/subscriptions/{SUB_PROD}/resourceGroups/MC_RG-AKS-PROD_AKS-PROD_WESTEUROPE/providers/"
    "Microsoft.Compute/virtualMachineScaleSets/aks-system-12345678-vmss"
)
APPDB = (
    f"/subscriptions/{SUB_PROD}/resourceGroups/rg-data-prod/providers/Microsoft.Sql/servers/"
    "sql-data-prod/databases/appdb"
)


def test_az_resource_list_every_row(runner: CliRunner, tmp_path: Path) -> None:
    imported = run_import(runner, tmp_path, "az-resource-list.json")
    found = imported.by_id()
    assert len(imported.resources) == len(found) == 36
    assert {r["type"] for r in imported.resources} == AZ_TYPES
    assert {r["account"] for r in imported.resources} == {SUB_PROD, SUB_DEV}
    assert {r["region"] for r in imported.resources} == {"westeurope", "northeurope", "global"}
    nodes = found[AKS_NODES]
    assert (nodes["resource_group"], nodes["name"]) == (
        "MC_RG-AKS-PROD_AKS-PROD_WESTEUROPE",
        "aks-system-12345678-vmss",
    )
    assert nodes["tags"]["aks-managed-poolName"] == "system"
    assert (found[APPDB]["name"], found[APPDB]["tags"]) == ("appdb", {"env": "prod"})
    nic = f"/subscriptions/{SUB_PROD}/resourceGroups/rg-web-prod/providers/"
    assert found[nic + "Microsoft.Network/networkInterfaces/vm-web-01-nic"]["tags"] == {}
    assert "az-cli" in imported.inventory["scan"]["source"]


def test_az_graph_query_every_row(runner: CliRunner, tmp_path: Path) -> None:
    graph = run_import(runner, tmp_path / "g", "az-graph-query.json")
    found = graph.by_id()
    assert len(graph.resources) == len(found) == 38
    assert {r["account"] for r in graph.resources} == {SUB_PROD, SUB_DEV, SUB_SHARED}
    assert {r["region"] for r in graph.resources} == {
        "westeurope",
        "northeurope",
        "germanywestcentral",
        "global",
    }
    aks = found[
        f"/subscriptions/{SUB_PROD}/resourceGroups/rg-aks-prod/providers/"
        "Microsoft.ContainerService/managedClusters/aks-prod"
    ]
    assert (aks["type"], aks["attributes"]["node_count"]) == (
        "Microsoft.ContainerService/managedClusters",
        7,
    )
    assert found[AKS_NODES]["resource_group"] == "MC_RG-AKS-PROD_AKS-PROD_WESTEUROPE"
    assert_no_secret(graph)


def test_az_graph_and_resource_list_name_types_alike(runner: CliRunner, tmp_path: Path) -> None:
    """Resource Graph writes types in lower case; the import gives the spelling that
    `az resource list` (and the live connector) gives, so both group alike."""
    graph = run_import(runner, tmp_path / "g", "az-graph-query.json").by_id()
    listed = run_import(runner, tmp_path / "l", "az-resource-list.json").by_id()
    shared = set(graph) & set(listed)
    assert len(shared) == 35
    assert {i: graph[i]["type"] for i in shared} == {i: listed[i]["type"] for i in shared}


def test_az_list_and_graph_merge_to_one_resource_each(runner: CliRunner, tmp_path: Path) -> None:
    merged = run_import(runner, tmp_path, "az-resource-list.json", "az-graph-query.json")
    assert len(merged.resources) == 36 + 3


# ------------------------------------------------------------------ Google Cloud

GCP_REGIONS = {
    "global",
    "eu",
    "europe-west4",
    "europe-west4-a",
    "europe-west4-b",
    "europe-west1",
    "europe-west1-b",
}


def test_gcloud_search_every_result_filed_under_its_project(
    runner: CliRunner, tmp_path: Path
) -> None:
    imported = run_import(runner, tmp_path, "gcloud-search.json")
    found = imported.by_id()
    assert len(imported.resources) == len(found) == 32
    assert set(found) >= GCP_IN_STATE
    assert {r["region"] for r in imported.resources} == GCP_REGIONS
    per_account = {
        a: sum(r["account"] == a for r in imported.resources)
        for a in ("acme-prod", "acme-data", SANDBOX_NUMBER)
    }
    assert per_account == {"acme-prod": 20, "acme-data": 8, SANDBOX_NUMBER: 4}
    # A project number that names no project id in the file is said, not hidden.
    assert SANDBOX_NUMBER in " ".join(
        f"{g['scope']} {g['message']}" for g in imported.inventory["gaps"]
    )
    web = found[
        "//compute.googleapis.com/projects/acme-prod/zones/europe-west4-a/instances/acme-web-a"
    ]
    assert (web["region"], web["tags"]) == ("europe-west4-a", {"env": "prod", "team": "web"})
    sql = found["//cloudsql.googleapis.com/projects/acme-prod/instances/acme-orders-pg"]
    assert sql["type"] == "sqladmin.googleapis.com/Instance"


def test_gcloud_list_files_resources_under_the_project_id(
    runner: CliRunner, tmp_path: Path
) -> None:
    imported = run_import(runner, tmp_path, "gcloud-list.json")
    found = imported.by_id()
    assert len(imported.resources) == 12
    assert {r["account"] for r in imported.resources} == {"acme-prod"}
    assert {
        "//compute.googleapis.com/projects/acme-prod/zones/europe-west4-a/instances/acme-web-a",
        "//storage.googleapis.com/acme-prod-data",
        "//cloudsql.googleapis.com/projects/acme-prod/instances/acme-orders-pg",
        "//cloudresourcemanager.googleapis.com/projects/481516234200",
    } <= set(found)
    assert_no_secret(imported)


def test_state_and_gcloud_search_count_each_google_resource_once(
    runner: CliRunner, tmp_path: Path
) -> None:
    merged = run_import(runner, tmp_path, "state-multi.tfstate", "gcloud-search.json")
    ids = [r["id"] for r in merged.resources]
    assert len(ids) == len(set(ids)) == 29 + 32 - len(GCP_IN_STATE)
    gcp = [r for r in merged.resources if r["provider"] == "gcp"]
    assert len(gcp) == 32
    assert {r["account"] for r in gcp} == {"acme-prod", "acme-data", SANDBOX_NUMBER}
    assert_no_secret(merged)


# ------------------------------------------------------------------ CSV


def test_cmdb_csv_keeps_known_columns_only(runner: CliRunner, tmp_path: Path) -> None:
    imported = run_import(runner, tmp_path, "cmdb.csv")
    found = imported.by_id()
    assert len(imported.resources) == 7
    assert {r["provider"] for r in imported.resources} == {"aws", "azure", "gcp"}
    db = found["arn:aws:rds:eu-west-1:777788889999:db:erp-db"]
    assert db["attributes"] == {
        "instance_type": "db.r6g.xlarge",
        "engine": "postgres",
        "engine_version": "16",
        "size_bytes": 500 * 2**30,
    }
    assert db["tags"] == {"app": "erp", "env": "prod"}
    assert found["arn:aws:s3:::erp-archive"]["region"] == "global"
    vm = found[
        "/subscriptions/3e7f1c20-5b8a-4d6e-9f01-2a3b4c5d6e7f/resourceGroups/rg-hr/providers/"
        "Microsoft.Compute/virtualMachines/vm-hr-01"
    ]
    assert vm["resource_group"] == "rg-hr"
    assert_no_secret(imported)


# ------------------------------------------------------------------ through the plan

ALL = [
    "state-multi.tfstate",
    "show.json",
    "config-snapshot.json.gz",
    "config-history.json",
    "az-resource-list.json",
    "az-graph-query.json",
    "gcloud-search.json",
    "gcloud-list.json",
    "cmdb.csv",
]


@pytest.mark.parametrize("name", ALL)
def test_plan_of_an_imported_inventory_holds_no_secret(
    runner: CliRunner, tmp_path: Path, name: str
) -> None:
    imported = run_import(runner, tmp_path, name)
    assert_no_secret(imported)
    out = tmp_path / "plan"
    result = runner.invoke(app, ["plan", str(tmp_path / "inventory.json"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert SECRET not in result.stdout + result.stderr
    written = [p for p in out.rglob("*") if p.is_file()]
    assert written
    for path in written:
        assert SECRET not in path.read_text(errors="replace"), path
