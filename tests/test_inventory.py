"""The Inventory contract: validation errors that name the problem, merging, the schema."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from exitplan.cli import app
from exitplan.errors import InputError
from exitplan.inventory import dump_inventory, load_inventories, read_inventory
from exitplan.model import Inventory
from exitplan.sample import sample_path

from .conftest import plan_error, write_json


def _plan_error(runner: CliRunner, path: Path, tmp_path: Path) -> str:
    return plan_error(runner, tmp_path, str(path))


def test_not_json(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "inv.json"
    bad.write_text('{"schema_version": 1,\n  "scan": {oops}\n}')
    message = _plan_error(runner, bad, tmp_path)
    assert str(bad) in message and "not valid JSON" in message and "line 2" in message


def test_empty_file(runner: CliRunner, tmp_path: Path) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text("")
    assert "the file is empty" in _plan_error(runner, empty, tmp_path)


def test_directory(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    assert "is a directory" in _plan_error(runner, folder, tmp_path)


def test_missing_path(runner: CliRunner, tmp_path: Path) -> None:
    assert "no such file" in _plan_error(runner, tmp_path / "nope.json", tmp_path)


def test_wrong_schema_version(
    runner: CliRunner, tmp_path: Path, sample_data: dict[str, Any]
) -> None:
    sample_data["schema_version"] = 2
    message = _plan_error(runner, write_json(tmp_path / "v2.json", sample_data), tmp_path)
    assert "schema_version 2 is not supported" in message


def test_missing_required_field_names_record_and_field(
    runner: CliRunner, tmp_path: Path, sample_data: dict[str, Any]
) -> None:
    record = sample_data["resources"][17]
    del record["type"]
    message = _plan_error(runner, write_json(tmp_path / "inv.json", sample_data), tmp_path)
    assert "resources[17].type" in message
    assert record["id"] in message
    assert "field required" in message


def test_wrong_field_type_names_the_attribute(
    runner: CliRunner, tmp_path: Path, sample_data: dict[str, Any]
) -> None:
    sample_data["resources"][3]["attributes"]["size_bytes"] = "lots"
    message = _plan_error(runner, write_json(tmp_path / "inv.json", sample_data), tmp_path)
    assert "resources[3]" in message and "attributes.size_bytes must be a whole number" in message


def test_top_level_array_is_explained(runner: CliRunner, tmp_path: Path) -> None:
    message = _plan_error(runner, write_json(tmp_path / "az.json", [{"id": "x"}]), tmp_path)
    assert "the file holds a list (a JSON array)" in message


def test_sample_round_trips_byte_identical() -> None:
    inventory = read_inventory(sample_path())
    assert dump_inventory(inventory) == sample_path().read_text()


def test_printed_schema_validates_the_sample(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema", "inventory"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.validate(json.loads(sample_path().read_text()), schema)
    broken = json.loads(sample_path().read_text())
    del broken["resources"][0]["id"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_merge_keeps_newest_copy_and_all_gaps(tmp_path: Path, sample_data: dict[str, Any]) -> None:
    older = copy.deepcopy(sample_data)
    newer = copy.deepcopy(sample_data)
    newer["scan"]["finished_at"] = "2026-11-20T10:00:00Z"
    newer["scan"]["source"] = "aws-api"
    newer["resources"] = [r for r in newer["resources"] if r["provider"] == "aws"]
    newer["resources"][0]["name"] = "renamed-since"
    newer["gaps"] = [
        {"provider": "aws", "scope": "111111111111", "service": "iam", "code": "Denied",
         "message": "no"}
    ]  # fmt: skip
    left_out = {"source": "s.tfstate", "type": "random_id", "count": 2, "reason": "other"}
    newer["skipped"] = [left_out]
    older["skipped"] = [left_out, {**left_out, "type": "aws_s3_bucket_policy"}]
    loaded = load_inventories(
        [write_json(tmp_path / "a.json", older), write_json(tmp_path / "b.json", newer)]
    )
    skipped = loaded.inventory.skipped
    assert [s.type for s in skipped] == ["aws_s3_bucket_policy", "random_id"]
    resources = loaded.inventory.resources
    assert len(resources) == len(sample_data["resources"])
    assert loaded.duplicates == len(newer["resources"])
    renamed = next(r for r in resources if r.id == newer["resources"][0]["id"])
    assert renamed.name == "renamed-since"
    assert len(loaded.inventory.gaps) == len(sample_data["gaps"]) + 1
    assert loaded.inventory.scan.source == "merged: aws-api, sample"
    assert [s.name for s in loaded.sources] == ["a.json", "b.json"]
    assert resources == sorted(
        resources, key=lambda r: (r.provider, r.account, r.region, r.type, r.id)
    )


def test_unknown_field_is_rejected(tmp_path: Path, sample_data: dict[str, Any]) -> None:
    sample_data["resources"][0]["colour"] = "blue"
    with pytest.raises(InputError, match=r"resources\[0\]\.colour"):
        read_inventory(write_json(tmp_path / "inv.json", sample_data))


def test_extra_attributes_must_be_scalars(tmp_path: Path, sample_data: dict[str, Any]) -> None:
    sample_data["resources"][0]["attributes"]["nested"] = {"a": 1}
    with pytest.raises(InputError, match="nested"):
        read_inventory(write_json(tmp_path / "inv.json", sample_data))
    assert Inventory.model_validate(json.loads(sample_path().read_text()))


def test_times_need_a_zone_and_are_shown_in_utc(
    runner: CliRunner, tmp_path: Path, sample_data: dict[str, Any]
) -> None:
    naive = copy.deepcopy(sample_data)
    naive["scan"]["finished_at"] = "2026-11-02T07:52:41"
    message = _plan_error(runner, write_json(tmp_path / "naive.json", naive), tmp_path)
    assert "scan.finished_at" in message and "timezone" in message

    sample_data["scan"]["started_at"] = "2026-11-01T23:00:00-05:00"
    sample_data["scan"]["finished_at"] = "2026-11-01T23:30:00-05:00"
    out = tmp_path / "plan"
    result = runner.invoke(
        app, ["plan", str(write_json(tmp_path / "est.json", sample_data)), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    plan = (out / "exit-plan.md").read_text()
    assert "2026-11-02 04:30 UTC" in plan and "| Inventory as of | 2026-11-02 |" in plan


def test_a_repeated_id_in_one_file_is_refused(
    runner: CliRunner, tmp_path: Path, sample_data: dict[str, Any]
) -> None:
    sample_data["resources"].append(copy.deepcopy(sample_data["resources"][5]))
    message = _plan_error(runner, write_json(tmp_path / "dup.json", sample_data), tmp_path)
    last = len(sample_data["resources"]) - 1
    assert f"resources[{last}] repeats the id" in message and "resources[5]" in message


def test_azure_ids_repeat_in_any_case_but_aws_ids_are_exact(
    runner: CliRunner, tmp_path: Path, sample_data: dict[str, Any]
) -> None:
    azure = next(r for r in sample_data["resources"] if r["provider"] == "azure")
    aws = next(r for r in sample_data["resources"] if r["provider"] == "aws")
    shouting = copy.deepcopy(azure)
    shouting["id"] = azure["id"].upper()
    sample_data["resources"].append(shouting)
    message = _plan_error(runner, write_json(tmp_path / "dup.json", sample_data), tmp_path)
    assert "repeats the id" in message
    sample_data["resources"].pop()
    other = copy.deepcopy(aws)
    other["id"] = aws["id"].upper()
    sample_data["resources"].append(other)
    out = tmp_path / "plan"
    ok = runner.invoke(
        app, ["plan", str(write_json(tmp_path / "ok.json", sample_data)), "--out", str(out)]
    )
    assert ok.exit_code == 0, ok.output
