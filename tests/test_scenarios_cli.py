"""`exitplan scenarios`, `plan --scenario` and plan.json, through the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
from typer.testing import CliRunner

from exitplan.cli import app
from exitplan.sample import sample_path

# What must sit with the compute that uses it, by the catalogue's placement rules.
WITH_COMPUTE = {
    "block-storage",
    "virtual-network",
    "load-balancer",
    "key-management",
    "nat-gateway",
}


def _plan(runner: CliRunner, out: Path, *args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["plan", str(sample_path()), "--out", str(out), "-q", *args])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads((out / "plan.json").read_text())
    return data


def test_scenarios_compares_at_least_three_with_a_reasoned_recommendation(
    runner: CliRunner,
) -> None:
    result = runner.invoke(app, ["scenarios", str(sample_path())])
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if line[:4].strip().isdigit()]
    assert len(rows) >= 3
    assert "Recommended:" in result.output
    assert "it scores" in result.output
    assert "--scenario" in result.output  # how to plan it


def test_scenarios_json(runner: CliRunner) -> None:
    result = runner.invoke(app, ["scenarios", str(sample_path()), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    kinds = {s["kind"] for s in data["scenarios"]}
    assert {"provider", "sovereign", "mixed"} <= kinds
    best = data["scenarios"][0]
    assert data["recommendation"]["scenario"] == best["id"]
    assert data["recommendation"]["reasons"]
    for s in data["scenarios"]:
        assert s["managed"] + s["self_hosted"] == s["resources_placed"]
        assert s["run_cost"]["resources_priced"] + s["run_cost"]["resources_unpriced"] > 0
        assert s["effort_person_days"]["p10"] <= s["effort_person_days"]["p90"]


def test_the_default_plan_keeps_compute_and_what_attaches_to_it_together(
    runner: CliRunner, tmp_path: Path
) -> None:
    data = _plan(runner, tmp_path / "out")
    zone = data["landing_zone"]["provider"]
    placed = {c["category"]: c["provider"] for c in data["categories"]}
    assert placed["compute-vm"] == zone
    for category in WITH_COMPUTE & set(placed):
        assert placed[category] == zone, category
    assert [s for s in data["separations"] if s["binding"]] == []
    # The plan is for the recommended scenario, and says so.
    assert data["scenario"]["id"] == data["comparison"]["recommendation"]["scenario"]
    text = (tmp_path / "out" / "exit-plan.md").read_text()
    assert "### Landing zone" in text and "the best-scoring of the" in text


def test_plan_json_validates_against_its_schema(runner: CliRunner, tmp_path: Path) -> None:
    schema = runner.invoke(app, ["schema", "plan"])
    assert schema.exit_code == 0
    data = _plan(runner, tmp_path / "out")
    jsonschema.validate(data, json.loads(schema.output))
    # The plan's own figures and the scenario it was made for agree.
    assert data["effort_person_days"] == data["scenario"]["effort_person_days"]


def test_a_constraint_moves_the_landing_zone_and_the_plan_says_so(
    runner: CliRunner, tmp_path: Path
) -> None:
    first = _plan(runner, tmp_path / "a")["landing_zone"]["provider"]
    moved = _plan(runner, tmp_path / "b", "--exclude-provider", first)
    assert moved["landing_zone"]["provider"] != first
    assert first not in {c["provider"] for c in moved["categories"]}
    text = (tmp_path / "b" / "exit-plan.md").read_text()
    assert f"Constraints applied: exclude\\_providers: {first}" in text


def test_a_required_certification_is_held_by_the_landing_zone(
    runner: CliRunner, tmp_path: Path
) -> None:
    data = _plan(runner, tmp_path / "c", "--require-certification", "BSI C5")
    assert "BSI C5" in data["landing_zone"]["certifications"]
    assert data["scenario"]["certifications"] == {"BSI C5": True}


def test_plan_a_scenario_by_name(runner: CliRunner, tmp_path: Path) -> None:
    listed = json.loads(runner.invoke(app, ["scenarios", str(sample_path()), "--json"]).output)
    second = listed["scenarios"][1]
    data = _plan(runner, tmp_path / "out", "--scenario", second["id"])
    assert data["scenario"]["id"] == second["id"]
    assert data["landing_zone"]["provider"] == second["primary"]
    text = (tmp_path / "out" / "exit-plan.md").read_text()
    assert "chosen for this plan; the recommended one is" in text


def test_an_unknown_scenario_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["plan", str(sample_path()), "--out", str(tmp_path / "o"), "--scenario", "nope"]
    )
    assert result.exit_code == 2
    assert "--scenario nope: no such scenario" in result.output
    assert "all-on-" in result.output  # the ones there are
    assert not (tmp_path / "o").exists()


def test_own_scenarios_are_compared_and_planned(runner: CliRunner, tmp_path: Path) -> None:
    own = tmp_path / "mine.yaml"
    own.write_text(
        "scenarios:\n"
        "  - id: german-only\n"
        "    name: German providers with BSI C5\n"
        "    constraints: {region: DE, require_certifications: [BSI C5], max_providers: 2}\n"
    )
    result = runner.invoke(
        app, ["scenarios", str(sample_path()), "--scenario-file", str(own), "--json"]
    )
    assert result.exit_code == 0, result.output
    mine = [s for s in json.loads(result.output)["scenarios"] if s["id"] == "german-only"]
    assert mine and mine[0]["kind"] == "user"
    data = _plan(runner, tmp_path / "out", "--scenario-file", str(own), "--scenario", "german-only")
    assert data["landing_zone"]["country"] == "DE"


def test_a_bad_scenario_file_is_refused_naming_it(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    for text, expected in (
        ("scenarios:\n  - id: x\n    name: X\n    primary: no-such-cloud\n", "no-such-cloud"),
        ("scenarios:\n  - id: x\n    name: X\n    colour: blue\n", "colour"),
        ("scenarios:\n  - id: x\n    name: X\n    place: {nothing: ionos}\n", "nothing"),
        ("scenarios: [\n", "bad.yaml"),
    ):
        bad.write_text(text)
        result = runner.invoke(app, ["scenarios", str(sample_path()), "--scenario-file", str(bad)])
        assert result.exit_code == 2, (text, result.output)
        assert "bad.yaml" in result.output and expected in result.output
        assert "Traceback" not in result.output
