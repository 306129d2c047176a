"""Merging inventories: the plan does not depend on the order the files are named in."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from exitplan.cli import app
from exitplan.inventory import load_inventories

from .conftest import write_json


def _plan(runner: CliRunner, out: Path, *paths: Path) -> dict[str, str]:
    result = runner.invoke(app, ["plan", *map(str, paths), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return {
        str(path.relative_to(out)): path.read_text()
        for path in sorted(out.rglob("*"))
        if path.is_file()
    }


def _two_scans_finished_together(sample_data: dict[str, Any], tmp_path: Path) -> tuple[Path, Path]:
    first = copy.deepcopy(sample_data)
    second = copy.deepcopy(sample_data)
    second["scan"].update(tool="other-tool", tool_version="9.9", source="terraform-state")
    # Same resources, told differently: which copy wins must not depend on the order.
    for resource in second["resources"]:
        resource["name"] += "-seen-by-second"
        resource["tags"]["owner"] = "second-team"
    second["resources"] = second["resources"][:40]
    return write_json(tmp_path / "first.json", first), write_json(tmp_path / "second.json", second)


def test_plan_a_b_equals_plan_b_a(
    runner: CliRunner, tmp_path: Path, sample_data: dict[str, Any]
) -> None:
    a, b = _two_scans_finished_together(sample_data, tmp_path)
    forward = _plan(runner, tmp_path / "ab", a, b)
    backward = _plan(runner, tmp_path / "ba", b, a)
    assert forward.keys() == backward.keys()
    for name, text in forward.items():
        assert text == backward[name], name


def test_a_tie_goes_to_the_copy_that_sorts_first(
    tmp_path: Path, sample_data: dict[str, Any]
) -> None:
    a, b = _two_scans_finished_together(sample_data, tmp_path)
    for order in ((a, b), (b, a)):
        merged = load_inventories(order)
        scan = merged.inventory.scan
        assert scan.tool == "exitplan, other-tool" and scan.tool_version == "0.1.0, 9.9"
        assert scan.source == "merged: sample, terraform-state"
        assert [s.name for s in merged.sources] == ["first.json", "second.json"]
        assert merged.duplicates == 40
        # Same finish: the copy whose JSON sorts first wins ('"x"' before '"x-seen-...').
        names = [r.name for r in merged.inventory.resources]
        assert not any(name.endswith("-seen-by-second") for name in names)

    later = json.loads(b.read_text())
    later["scan"]["finished_at"] = "2026-11-02T07:52:42Z"
    b.write_text(json.dumps(later))
    for order in ((a, b), (b, a)):
        merged = load_inventories(order)
        winners = [r for r in merged.inventory.resources if r.name.endswith("-seen-by-second")]
        assert len(winners) == 40
        assert [s.name for s in merged.sources] == ["first.json", "second.json"]
