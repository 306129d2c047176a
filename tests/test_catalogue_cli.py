"""`exitplan catalogue` and the catalogue options of `exitplan plan`, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from exitplan.cli import app
from exitplan.sample import sample_path
from tests.catalogue_builder import software


def test_coverage_counts_every_resource_once(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["catalogue", "coverage", str(sample_path()), "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    total = data["total"]
    assert total["mapped"] + total["structural"] + total["unmapped"] == total["resources"]
    assert sum(p["resources"] for p in data["providers"].values()) == total["resources"]
    assert sum(t["resources"] for t in data["unmapped_types"]) == total["unmapped"]
    assert 0 < total["unmapped_effort_share"] < 1
    # The share follows the effort profile: unknowns costed as known lower it.
    profile = tmp_path / "profile.yaml"
    profile.write_text("unknown_factor: 1\n")
    args = ["catalogue", "coverage", str(sample_path()), "--json", "--effort-profile", str(profile)]
    cheaper = json.loads(runner.invoke(app, args).stdout)["total"]
    assert cheaper["unmapped_effort_share"] < total["unmapped_effort_share"]


def test_show_finds_providers_and_alternatives(runner: CliRunner) -> None:
    provider = runner.invoke(app, ["catalogue", "show", "scaleway", "--json"])
    assert provider.exit_code == 0, provider.stderr
    data = json.loads(provider.stdout)
    assert data["entry"] == "provider" and "object-storage" in data["categories"]
    alternative = runner.invoke(app, ["catalogue", "show", "haven", "--json"])
    assert json.loads(alternative.stdout)["kind"] == "standard"


def test_validate_names_the_bad_file(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump({"categories": [{"id": "kubernetes", "lock_in": "total"}]}))
    result = runner.invoke(app, ["catalogue", "validate", str(bad)])
    assert result.exit_code == 2
    assert str(bad) in result.stderr and "kubernetes" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_lists_sources_off_official_domains(runner: CliRunner, tmp_path: Path) -> None:
    ours = software("our-store", domains=["platform.example.nl"], needs=["compute-vm"])
    good = tmp_path / "good.yaml"
    good.write_text(
        yaml.safe_dump({"categories": [{"id": "object-storage", "alternatives": [ours]}]})
    )
    result = runner.invoke(app, ["catalogue", "validate", str(good), "--json"])
    assert result.exit_code == 0, result.stderr
    foreign = json.loads(result.stdout)["sources_off_official_domains"]
    assert {"entry": "category 'object-storage', alternative 'our-store'",
            "url": "https://example.eu/page"} in foreign  # fmt: skip


def test_plan_refuses_an_unknown_provider_to_exclude(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["plan", str(sample_path()), "--out", str(tmp_path / "out"), "--exclude-provider", "nope"],
    )
    assert result.exit_code == 2
    assert "--exclude-provider nope" in result.stderr
    assert not (tmp_path / "out").exists()


def test_plan_says_which_constraint_excluded_what(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["plan", str(sample_path()), "--out", str(out), "-q", "--exclude-provider", "scaleway"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    text = (out / "exit-plan.md").read_text(encoding="utf-8")
    assert "Excluded by the constraints:" in text and "`exclude_providers`" in text
    csv_text = (out / "resource-mapping.csv").read_text(encoding="utf-8")
    assert ",scaleway-" not in csv_text
