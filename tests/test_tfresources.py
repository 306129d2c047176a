"""Terraform instances as the Resources a live scan would give."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from connectors.importers.files import read_json
from connectors.importers.terraform import instances
from connectors.importers.tfresources import UNKNOWN, convert_all
from tests.test_terraform_state import AWS, SECRET, state

DB_ARN = "arn:aws:rds:eu-west-1:111122223333:db:portal-db"


def named() -> dict[str, Any]:
    """The shared state, with what the AWS provider records of every DB instance: its ARN
    and identifier (the shared fixture leaves them out)."""
    found = state()
    for resource in found["resources"]:
        if resource["type"] == "aws_db_instance":
            for instance in resource["instances"]:
                instance["attributes"].update(arn=DB_ARN, identifier="portal-db", id="db-ABC")
    return found


def extended() -> dict[str, Any]:
    found = named()
    found["resources"] += [
        {
            "mode": "managed",
            "type": "aws_s3_bucket",
            "name": "logs",
            "provider": AWS,
            "instances": [{"attributes": {"arn": "arn:aws:s3:::acme-logs", "bucket": "acme-logs"}}],
        },
        {
            "mode": "managed",
            "type": "aws_s3_bucket",
            "name": "elsewhere",
            "provider": 'provider["registry.terraform.io/hashicorp/aws"].other',
            "instances": [{"attributes": {"arn": "arn:aws:s3:::acme-other", "bucket": "b"}}],
        },
        {
            "mode": "managed",
            "type": "random_password",
            "name": "db",
            "provider": 'provider["registry.terraform.io/hashicorp/random"]',
            "instances": [{"attributes": {"result": SECRET}}],
        },
    ]
    return found


def test_account_region_and_ids_as_a_live_scan_gives_them(tmp_path: Path) -> None:
    path = tmp_path / "terraform.tfstate"
    path.write_text(json.dumps(extended()))
    converted = convert_all(instances(path, read_json(path)), str(path))
    by_address = {r.attributes["terraform_address"]: r for r in converted.resources}
    web = by_address["aws_instance.web[1]"]
    assert (web.provider, web.account, web.region, web.type) == (
        "aws",
        "111122223333",
        "eu-west-1",
        "AWS::EC2::Instance",
    )
    assert web.id == "arn:aws:ec2:eu-west-1:111122223333:instance/i-1"
    assert web.attributes["instance_type"] == "m5.large"
    # The bucket's ARN names no account: its provider configuration's other ARNs do.
    logs = by_address["aws_s3_bucket.logs"]
    assert (logs.account, logs.region, logs.name) == ("111122223333", "eu-west-1", "acme-logs")
    # A provider alias with no ARN that names an account: unknown, and counted.
    other = by_address["aws_s3_bucket.elsewhere"]
    assert other.account == UNKNOWN and converted.without_account == 1
    site = by_address['module.app.azurerm_linux_web_app.site["blue"]']
    assert (site.provider, site.account, site.resource_group) == ("azure", "s", "rg")
    vpc = by_address["module.net.google_compute_network.vpc"]
    assert (vpc.provider, vpc.account) == ("gcp", "p1")
    db = by_address["module.data.module.db.aws_db_instance.main"]
    assert db.attributes["terraform_tainted"]
    # The name the AWS connector gives: DBInstanceIdentifier, not the ARN's tail.
    assert (db.id, db.name) == (DB_ARN, "portal-db")
    assert converted.other_providers == {("random", "random_password"): 1}
    assert SECRET not in json.dumps([r.model_dump() for r in converted.resources])


def test_exitplan_import_writes_an_inventory_that_plans(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from exitplan.cli import app

    good = named()
    path = tmp_path / "terraform.tfstate"
    path.write_text(json.dumps(good))
    out = tmp_path / "inventory.json"
    runner = CliRunner()
    result = runner.invoke(app, ["import", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = json.loads(out.read_text())
    assert written["scan"]["source"] == "terraform-state"
    assert len(written["resources"]) == 7
    assert SECRET not in out.read_text()
    planned = runner.invoke(app, ["plan", str(out), "-o", str(tmp_path / "plan"), "-q"])
    assert planned.exit_code == 0, planned.output
    # What is not read yet, or not what --format says, is named, and nothing is written.
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"some": "object"}))
    other = runner.invoke(app, ["import", str(config), "-o", str(tmp_path / "x.json")])
    assert other.exit_code == 2 and "not a format exitplan imports" in other.output
    wrong = runner.invoke(app, ["import", "--format", "az", str(path), "-o", str(tmp_path / "y")])
    assert wrong.exit_code == 2 and "looks like Terraform" in wrong.output
    assert not (tmp_path / "x.json").exists() and not (tmp_path / "y").exists()
