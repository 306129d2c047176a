"""`exitplan estimate` and `--explain`, through the command line, on the sample estate.

The explained figures are worked out by hand from the shipped effort profile and catalogue:
1 TiB is 1024**4 bytes; a three-point's mean is (o + 4m + p) / 6."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from exitplan.cli import app
from exitplan.explain import closest
from exitplan.sample import sample_path

SAMPLE = str(sample_path())
PG_TEST = "arn:aws:rds:eu-west-1:604738215539:db:portaal-db-test"
ROLE = "arn:aws:iam::318265497702:role/eks-node"
TWIN = "arn:aws:iottwinmaker:eu-west-1:318265497702:workspace/havenstad-haven"
ZAKEN = (
    "/subscriptions/7f3c9a1e-52d4-4b8e-9c61-2e8a0d4f6b13/resourceGroups/rg-zaaksysteem-prd"
    "/providers/Microsoft.Sql/servers/sql-zaak-prd/databases/zaken"
)


def _json(runner: CliRunner, *args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["estimate", SAMPLE, "--json", *args])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


def _factors(data: dict[str, Any]) -> dict[str, tuple[str, list[float], str]]:
    return {f["rule"]: (f["key"], f["value"], f["note"]) for f in data["factors"]}


def test_estimate_is_the_plans_estimate_for_the_same_scenario(
    runner: CliRunner, tmp_path: Path
) -> None:
    for args in ((), ("--scenario", "sovereign-open-source")):
        plan = runner.invoke(
            app, ["plan", SAMPLE, "--out", str(tmp_path / "p"), "-q", "--json", *args]
        )
        assert plan.exit_code == 0, plan.output
        summary = json.loads(plan.output)
        data = _json(runner, *args)
        assert data["scenario"]["id"] == summary["scenario"]["id"]
        effort = data["totals"]["effort_person_days"]
        # The summary gives whole person-days.
        assert round(effort["p10"]) == summary["effort_person_days"]["p10"]
        assert round(effort["p90"]) == summary["effort_person_days"]["p90"]
        assert data["totals"]["data_bytes"] == summary["data_bytes"]


def test_estimate_parts_add_up_to_the_resource_total(runner: CliRunner) -> None:
    data = _json(runner)
    parts = data["categories"] + data["configuration"] + data["unmapped_types"]
    assert sum(p["resources"] for p in parts) == data["totals"]["resources"] == 201
    mean = sum(p["effort_person_days"]["mean"] for p in parts)
    assert mean == pytest.approx(data["totals"]["resource_person_days"]["mean"], abs=0.1)
    workloads = sum(w["effort_person_days"]["mean"] for w in data["workloads"])
    assert workloads == pytest.approx(data["totals"]["resource_person_days"]["mean"], abs=0.1)


def test_estimate_text_names_totals_categories_and_workloads(runner: CliRunner) -> None:
    result = runner.invoke(app, ["estimate", SAMPLE])
    assert result.exit_code == 0, result.output
    for heading in ("Totals, P10 / P50 / P90", "Per category", "Per workload", "egress from aws"):
        assert heading in result.output
    assert "burgerportaal" in result.output


def test_explain_a_mapped_resource(runner: CliRunner) -> None:
    data = _json(runner, "--explain", PG_TEST)
    assert data["classification"]["kind"] == "category"
    assert data["classification"]["entry"] == "relational-postgresql"
    assert data["classification"]["why"] == (
        "attribute rule: AWS::RDS::DBInstance with engine = postgres"
    )
    assert data["choice"]["hosting"] == "managed"
    assert data["choice"]["compatibility"].startswith("drop-in: ")
    factors = _factors(data)
    assert factors["E-BASE"][:2] == ("base_effort.relational-postgresql", [1.0, 2.0, 4.0])
    assert factors["E-COMPAT"][:2] == ("compatibility_factor.drop-in", [1.0])
    assert factors["E-ENV"] == ("non_production_factor", [0.5], "tag environment = test")
    assert factors["E-DATA"][1] == [0.25, 0.5, 1.0]
    assert factors["E-DATA"][2].startswith("53,687,091,200 bytes = 0.0488 TiB")
    # 50 GiB = 0.048828125 TiB. o = 1 x 0.5 + 0.25 x 0.0488 = 0.512; m = 2 x 0.5 + 0.5 x
    # 0.0488 = 1.024; p = 4 x 0.5 + 1 x 0.0488 = 2.049; mean = (0.512 + 4.098 + 2.049) / 6.
    assert data["effort_person_days"] == {"o": 0.51, "m": 1.02, "p": 2.05, "mean": 1.11}
    assert data["platform"]["rule"] == "E-PLATFORM"
    assert data["platform"]["effort_person_days"]["m"] == 10.0
    assert data["platform"]["shared_by_resources"] == 5
    # E-PROGRAMME [0.1, 0.2, 0.3] of 0.512 / 1.024 / 2.049.
    assert data["programme"]["effort_person_days"] == {
        "o": 0.05,
        "m": 0.2,
        "p": 0.61,
        "mean": 0.25,
    }


def test_explain_a_structural_resource(runner: CliRunner) -> None:
    data = _json(runner, "--explain", ROLE)
    assert data["classification"] == {
        "kind": "structural",
        "entry": "iam-roles-and-policies",
        "why": "native type AWS::IAM::Role (aws)",
        "moves_with": "identity-access",
    }
    assert data["choice"] is None
    assert data["strategy"] == "configuration"
    assert [f["rule"] for f in data["factors"]] == ["E-STRUCT"]
    assert data["factors"][0]["value"] == [0.1, 0.25, 0.5]
    # (0.1 + 4 x 0.25 + 0.5) / 6 = 0.2667
    assert data["effort_person_days"] == {"o": 0.1, "m": 0.25, "p": 0.5, "mean": 0.27}
    assert data["platform"] is None


def test_explain_an_unmapped_resource(runner: CliRunner) -> None:
    data = _json(runner, "--explain", TWIN)
    assert data["classification"]["kind"] == "unmapped"
    assert data["strategy"] == "undecided"
    factors = _factors(data)
    assert factors["E-BASE"][:2] == ("base_effort.default", [0.5, 1.0, 2.0])
    unknown = [(f["key"], f["value"]) for f in data["factors"] if f["rule"] == "E-UNKNOWN"]
    assert unknown == [("unknown_factor", [13.0]), ("unknown_spread", [0.5, 1.0, 6.0])]
    # Likely 1 x 13 = 13, spread [0.5, 1, 6]: [6.5, 13, 78]; mean (6.5 + 52 + 78) / 6 = 22.75
    assert data["effort_person_days"] == {"o": 6.5, "m": 13.0, "p": 78.0, "mean": 22.75}
    result = runner.invoke(app, ["estimate", SAMPLE, "--explain", TWIN])
    assert "[E-UNKNOWN] unknown_factor = 13" in result.output


def test_explain_reads_azure_ids_in_any_case(runner: CliRunner) -> None:
    data = _json(runner, "--explain", ZAKEN.upper())
    assert data["resource"]["id"] == ZAKEN
    assert data["classification"]["entry"] == "relational-sqlserver"


def test_explain_an_unknown_id_exits_2_with_the_closest(runner: CliRunner) -> None:
    result = runner.invoke(app, ["estimate", SAMPLE, "--explain", PG_TEST[:-1] + "x"])
    assert result.exit_code == 2
    assert "no such resource in the inventory" in result.output
    assert f"closest ids: {PG_TEST}" in result.output
    assert "Traceback" not in result.output


def test_explain_an_aws_id_is_exact(runner: CliRunner) -> None:
    result = runner.invoke(app, ["estimate", SAMPLE, "--explain", PG_TEST.upper()])
    assert result.exit_code == 2


def test_the_json_shape_is_stable(runner: CliRunner) -> None:
    data = _json(runner)
    assert list(data) == [
        "format",
        "inventory_as_of",
        "scenario",
        "currency",
        "totals",
        "categories",
        "configuration",
        "unmapped_types",
        "platforms",
        "workloads",
    ]
    assert data["format"] == 1
    explained = _json(runner, "--explain", ROLE)
    assert list(explained) == [
        "format",
        "resource",
        "classification",
        "scenario",
        "choice",
        "strategy",
        "factors",
        "rules",
        "effort_person_days",
        "platform",
        "programme",
    ]


def test_the_closest_ids_are_found_among_many() -> None:
    ids = [f"arn:aws:ec2:eu-west-1:1234:instance/i-{n:017x}" for n in range(0, 20_000_000, 997)]
    wanted = ids[7_000]
    for typo in (wanted[:-1] + "z", "x" + wanted[1:], wanted[:30] + "Q" + wanted[31:]):
        assert closest(typo, ids)[0] == wanted, typo
