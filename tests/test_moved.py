"""What is moved, counted once: replicas rebuilt rather than copied (E-REPLICA), licences
named with their cost basis, egress in the plan's currency. Through `exitplan plan` on
small inventories, with the figures worked out by hand."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from exitplan.cli import app

GIB = 1024**3
ACCOUNT = "111122223333"


def _rds(name: str, gib: int, **extra: Any) -> dict[str, Any]:
    attributes = {"engine": "postgres", "instance_type": "db.m6g.large", "size_bytes": gib * GIB}
    attributes.update(extra.pop("attributes", {}))
    return {
        "provider": "aws",
        "account": ACCOUNT,
        "region": "eu-west-1",
        "type": "AWS::RDS::DBInstance",
        "id": f"arn:aws:rds:eu-west-1:{ACCOUNT}:db:{name}",
        "name": name,
        "tags": {"application": "orders", "environment": "production"},
        "attributes": attributes,
        **extra,
    }


def _inventory(tmp_path: Path, resources: list[dict[str, Any]]) -> Path:
    data = {
        "schema_version": 1,
        "scan": {
            "tool": "exitplan",
            "tool_version": "0.1.0",
            "source": "test",
            "started_at": "2026-11-02T07:30:00Z",
            "finished_at": "2026-11-02T07:31:00Z",
        },
        "resources": resources,
        "gaps": [],
    }
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "inventory.json"
    path.write_text(json.dumps(data))
    return path


def _plan(runner: CliRunner, tmp_path: Path, resources: list[dict[str, Any]], *extra: str) -> Path:
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["plan", str(_inventory(tmp_path, resources)), "--out", str(out), *extra]
    )
    assert result.exit_code == 0, result.output
    return out


def _rows(out: Path) -> dict[str, dict[str, str]]:
    text = (out / "resource-mapping.csv").read_text()
    return {row["name"]: row for row in csv.DictReader(io.StringIO(text))}


def _document(out: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((out / "plan.json").read_text())
    return loaded


PRIMARY_ARN = f"arn:aws:rds:eu-west-1:{ACCOUNT}:db:orders"


def test_a_replica_keeps_its_effort_but_its_bytes_do_not_move(
    runner: CliRunner, tmp_path: Path
) -> None:
    primary = _rds("orders", 500)
    replica = _rds("orders-ro", 500, relations={"replica_of": [PRIMARY_ARN]})
    alone = _plan(runner, tmp_path / "a", [primary])
    both = _plan(runner, tmp_path / "b", [primary, replica])
    # 500 GiB moves once: the replica adds nothing to the data, transfer or egress.
    assert _document(alone)["data_bytes"] == _document(both)["data_bytes"] == 500 * GIB
    rows = _rows(both)
    # Its effort is the category's base effort alone: 500 GiB of E-DATA (0.49 TiB x
    # 0.5 person-days) is on the primary's row only.
    primary_days = float(rows["orders"]["effort_likely_days"])
    replica_days = float(rows["orders-ro"]["effort_likely_days"])
    assert replica_days > 0
    assert round(primary_days - replica_days, 2) == round(500 / 1024 * 0.5, 2)
    assert (
        f"replica of {PRIMARY_ARN}: rebuilt at the target (not copied)"
        in rows["orders-ro"]["rules"]
    )
    assert "E-REPLICA" in rows["orders-ro"]["rules"]
    assert "E-REPLICA" not in rows["orders"]["rules"]
    plan = (both / "exit-plan.md").read_text()
    assert "1 replica(s) or standby copies are rebuilt" in plan
    assert f"`{PRIMARY_ARN}`" in plan
    # Effort rises by the replica's own, so the total is not that of the primary alone.
    assert _document(both)["effort_person_days"] != _document(alone)["effort_person_days"]


def test_a_replica_whose_primary_is_elsewhere_is_the_copy_that_moves(
    runner: CliRunner, tmp_path: Path
) -> None:
    far = f"arn:aws:rds:eu-central-1:{ACCOUNT}:db:orders"
    out = _plan(runner, tmp_path, [_rds("orders-ro", 200, relations={"replica_of": [far]})])
    assert _document(out)["data_bytes"] == 200 * GIB
    assert "E-REPLICA" not in _rows(out)["orders-ro"]["rules"]


def test_a_replica_named_by_an_attribute_is_found_by_its_primary_name(
    runner: CliRunner, tmp_path: Path
) -> None:
    # AWS Config records the source's identifier, not an ARN, and states no relation.
    replica = _rds("orders-ro", 300, attributes={"read_replica_source": "orders"})
    out = _plan(runner, tmp_path, [_rds("orders", 100), replica])
    assert _document(out)["data_bytes"] == 100 * GIB
    assert "replica of" in _rows(out)["orders-ro"]["rules"]


def test_replicas_that_name_each_other_keep_their_bytes(runner: CliRunner, tmp_path: Path) -> None:
    a = _rds("a", 10, relations={"replica_of": [f"arn:aws:rds:eu-west-1:{ACCOUNT}:db:b"]})
    b = _rds("b", 20, relations={"replica_of": [f"arn:aws:rds:eu-west-1:{ACCOUNT}:db:a"]})
    assert _document(_plan(runner, tmp_path, [a, b]))["data_bytes"] == 30 * GIB


def test_a_replica_of_a_replica_is_rebuilt_from_the_first_primary(
    runner: CliRunner, tmp_path: Path
) -> None:
    middle = f"arn:aws:rds:eu-west-1:{ACCOUNT}:db:orders-ro"
    resources = [
        _rds("orders", 100),
        _rds("orders-ro", 100, relations={"replica_of": [PRIMARY_ARN]}),
        _rds("orders-ro2", 100, relations={"replica_of": [middle]}),
    ]
    out = _plan(runner, tmp_path, resources)
    assert _document(out)["data_bytes"] == 100 * GIB
    assert f"replica of {PRIMARY_ARN}" in _rows(out)["orders-ro2"]["rules"]


def _bucket(name: str, gb: int) -> dict[str, Any]:
    return {
        "provider": "aws",
        "account": ACCOUNT,
        "region": "eu-west-1",
        "type": "AWS::S3::Bucket",
        "id": f"arn:aws:s3:::{name}",
        "name": name,
        "tags": {"application": "archive"},
        "attributes": {"size_bytes": gb * 10**9},
    }


def _profile(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "profile.yaml"
    path.write_text(text)
    return path


RATE = """
exchange_rates:
  USD: {rate: 0.5, to: EUR, date: 2026-01-02, source: "a rate of our treasury"}
"""


def test_egress_is_converted_at_the_profile_rate_and_the_rate_is_shown(
    runner: CliRunner, tmp_path: Path
) -> None:
    profile = _profile(tmp_path, RATE)
    out = _plan(runner, tmp_path, [_bucket("logs", 1100)], "--effort-profile", str(profile))
    plan = (out / "exit-plan.md").read_text()
    # 1,100 GB less AWS's 100 GB free, at 0.09 USD: 90 USD; at 0.5 EUR per USD, 45 EUR.
    assert "| aws | 1.0 TiB | 90 USD | 45 | " in plan
    assert "USD converted at 0.5000 EUR per USD, the rate of 2026-01-02" in plan
    assert "a rate of our treasury" in plan
    assert "marked uncertain" not in plan


def test_the_shipped_rate_says_it_is_uncertain(runner: CliRunner, tmp_path: Path) -> None:
    plan = (_plan(runner, tmp_path, [_bucket("logs", 1100)]) / "exit-plan.md").read_text()
    assert "| aws | 1.0 TiB | 90 USD | 86 | " in plan  # 90 x 0.9605
    assert "This rate is marked uncertain" in plan


def test_egress_in_the_plan_currency_needs_no_rate(runner: CliRunner, tmp_path: Path) -> None:
    profile = _profile(tmp_path, "egress:\n  aws:\n    currency: EUR\n")
    out = _plan(runner, tmp_path, [_bucket("logs", 1100)], "--effort-profile", str(profile))
    plan = (out / "exit-plan.md").read_text()
    assert "| aws | 1.0 TiB | 90 EUR | 90 | " in plan
    assert "converted at" not in plan


def test_an_egress_currency_without_a_rate_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    # A GBP plan with the shipped USD rate, which is to EUR: no rate to GBP.
    profile = _profile(tmp_path, "currency: GBP\n")
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        [
            "plan",
            str(_inventory(tmp_path, [_bucket("logs", 1100)])),
            "--out",
            str(out),
            "--effort-profile",
            str(profile),
        ],
    )
    assert result.exit_code == 2, result.output
    assert "egress.aws is priced in USD" in result.output
    assert "exchange_rates.USD" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def _resource(provider: str, type_: str, rid: str, **attributes: Any) -> dict[str, Any]:
    return {
        "provider": provider,
        "account": "acct",
        "region": "westeurope" if provider == "azure" else "eu-west-1",
        "type": type_,
        "id": rid,
        "name": rid.rsplit("/", 1)[-1].rsplit(":", 1)[-1],
        "tags": {"application": "ledger"},
        "attributes": attributes,
    }


AZ = "/subscriptions/s/resourceGroups/rg/providers"
LICENSED = [
    # AWS EC2: PlatformDetails, licence included or bring-your-own.
    _resource(
        "aws", "AWS::EC2::Instance", "arn:aws:ec2:eu-west-1:1:instance/i-1", platform="Windows"
    ),
    _resource(
        "aws",
        "AWS::EC2::Instance",
        "arn:aws:ec2:eu-west-1:1:instance/i-2",
        platform="Windows with SQL Server Standard",
    ),
    _resource(
        "aws", "AWS::EC2::Instance", "arn:aws:ec2:eu-west-1:1:instance/i-3", platform="Windows BYOL"
    ),
    _resource(
        "aws", "AWS::EC2::Instance", "arn:aws:ec2:eu-west-1:1:instance/i-4", platform="Linux/UNIX"
    ),
    # AWS RDS: the engine; Oracle EE exists only as bring-your-own.
    _resource(
        "aws", "AWS::RDS::DBInstance", "arn:aws:rds:eu-west-1:1:db:sql", engine="sqlserver-se"
    ),
    _resource("aws", "AWS::RDS::DBInstance", "arn:aws:rds:eu-west-1:1:db:ora", engine="oracle-ee"),
    _resource(
        "aws",
        "AWS::RDS::DBInstance",
        "arn:aws:rds:eu-west-1:1:db:ora2",
        engine="oracle-se2",
        license_model="license-included",
    ),
    # Azure: a VM's osType; SQL databases (the logical server is configuration).
    _resource("azure", "Microsoft.Compute/virtualMachines", f"{AZ}/vm-1", os="Windows"),
    _resource(
        "azure",
        "Microsoft.Sql/servers/databases",
        f"{AZ}/Microsoft.Sql/servers/s/databases/db",
        engine="sqlserver",
    ),
    # GCP: Cloud SQL's databaseVersion, read as engine.
    _resource(
        "gcp",
        "sqladmin.googleapis.com/Instance",
        "//cloudsql.googleapis.com/projects/p/instances/mssql",
        engine="sqlserver",
        engine_version="SQLSERVER_2019_STANDARD",
    ),
]


def test_licences_are_found_for_each_provider_with_their_cost_basis(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = _plan(runner, tmp_path, LICENSED)
    found = {
        (x["resource"].rsplit("/", 1)[-1].rsplit(":", 1)[-1], x["product"]): x["basis"]
        for x in _document(out)["moved"]["licences"]
    }
    assert found == {
        ("i-1", "windows-server"): "included",
        ("i-2", "windows-server"): "included",
        ("i-2", "sqlserver"): "included",
        ("i-3", "windows-server"): "own",
        ("sql", "sqlserver"): "included",
        ("ora", "oracle"): "own",
        ("ora2", "oracle"): "included",
        ("vm-1", "windows-server"): "unrecorded",
        ("db", "sqlserver"): "unrecorded",
        ("mssql", "sqlserver"): "included",
    }
    rows = _rows(out)
    assert rows["i-2"]["licences"] == "sqlserver:included windows-server:included"
    assert rows["i-4"]["licences"] == ""
    plan = (out / "exit-plan.md").read_text()
    section = plan.split("### Licences", 1)[1].split("## 11.", 1)[0]
    assert "10 licence(s) found on resources" in section
    assert (
        "| Oracle Database | bring-your-own: the licence travels under its terms | 1 |" in section
    )
    assert (
        "| Microsoft SQL Server | in the source's price: the licence stays behind | 3 |" in section
    )
    assert "Authorized Cloud Environments" in section  # Oracle's note, with its source
    assert "Flexible Virtualization Benefit" in section


def test_a_plan_without_licensed_software_says_so(runner: CliRunner, tmp_path: Path) -> None:
    out = _plan(runner, tmp_path, [_bucket("logs", 1)])
    assert _document(out)["moved"]["licences"] == []
    assert (
        "No resource shows Windows Server, SQL Server, Oracle" in (out / "exit-plan.md").read_text()
    )


def test_a_licence_rule_without_a_default_basis_is_refused(
    runner: CliRunner, tmp_path: Path
) -> None:
    rule = "{product: IBM Db2, match: {engine: [db2]}, basis: {aws: own}, at_target: t, source: s}"
    profile = _profile(tmp_path, f"licences:\n  db2: {rule}\n")
    result = runner.invoke(
        app,
        [
            "plan",
            str(_inventory(tmp_path, [_bucket("l", 1)])),
            "--out",
            str(tmp_path / "o"),
            "--effort-profile",
            str(profile),
        ],
    )
    assert result.exit_code == 2, result.output
    assert "licences.db2" in result.output
    assert "basis needs a 'default' entry" in result.output


def test_an_azure_replica_finds_its_primary_whatever_the_case_of_its_id(
    runner: CliRunner, tmp_path: Path
) -> None:
    # Azure ids are case-insensitive; Resource Manager spells them as it likes.
    server = f"{AZ}/Microsoft.DBforPostgreSQL/flexibleServers"
    primary = _resource("azure", "Microsoft.DBforPostgreSQL/flexibleServers", f"{server}/pg")
    primary["attributes"] = {"engine": "postgres", "size_bytes": 64 * GIB}
    replica = _resource("azure", "Microsoft.DBforPostgreSQL/flexibleServers", f"{server}/pg-r")
    replica["attributes"] = {"engine": "postgres", "size_bytes": 64 * GIB}
    replica["relations"] = {"replica_of": [f"{server}/pg".upper()]}
    out = _plan(runner, tmp_path, [primary, replica])
    assert _document(out)["data_bytes"] == 64 * GIB
    assert _document(out)["moved"]["replicas"] == [
        {"resource": f"{server}/pg-r", "replica_of": f"{server}/pg", "size_bytes": 64 * GIB}
    ]


def test_estimate_shows_egress_in_the_plan_currency_with_the_rate_date(
    runner: CliRunner, tmp_path: Path
) -> None:
    profile = _profile(tmp_path, RATE)
    inventory = _inventory(tmp_path, [_bucket("logs", 1100)])
    args = ["estimate", str(inventory), "--effort-profile", str(profile)]
    text = runner.invoke(app, args)
    assert text.exit_code == 0, text.output
    assert ", 45 EUR at the rate of 2026-01-02" in text.output
    data = json.loads(runner.invoke(app, [*args, "--json"]).output)
    (egress,) = data["totals"]["egress"]
    assert (egress["usd"], egress["currency"], egress["amount"]) == (90.0, "USD", 45.0)
    assert egress["rate_date"] == "2026-01-02"
