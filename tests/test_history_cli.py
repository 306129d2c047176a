"""`--store` on plan and import, `exitplan history` and `exitplan diff`, through the
command line: three snapshots of an exit under way, and a burn-down Mermaid can read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from exitplan.cli import app
from exitplan.sample import sample_path
from tests.mermaid_check import assert_parsed, blocks, parse


def _later(data: dict[str, Any], day: str, keep: Any) -> dict[str, Any]:
    later: dict[str, Any] = json.loads(json.dumps(data))
    later["resources"] = [r for r in data["resources"] if keep(r)]
    later["scan"]["started_at"] = f"{day}T07:00:00Z"
    later["scan"]["finished_at"] = f"{day}T08:00:00Z"
    return later


@pytest.fixture(scope="module")
def estate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    """The sample estate, then a part of AWS gone and one resource renamed, then AWS gone."""
    folder = tmp_path_factory.mktemp("estate")
    base = json.loads(sample_path().read_text())
    second = _later(base, "2026-11-20", lambda r: not r["name"].startswith("havenstad-portaal"))
    renamed = second["resources"][-1]
    renamed["name"] = renamed["name"] + "-renamed"
    third = _later(second, "2026-12-01", lambda r: r["provider"] != "aws")
    paths = [sample_path()]
    for name, data in (("second.json", second), ("third.json", third)):
        (folder / name).write_text(json.dumps(data, indent=2))
        paths.append(folder / name)
    store = folder / "history.sqlite"
    runner = CliRunner()
    for n, path in enumerate(paths):
        result = runner.invoke(
            app, ["plan", str(path), "-o", str(folder / f"plan{n}"), "-q", "--store", str(store)]
        )
        assert result.exit_code == 0, result.output
    return store, paths


def test_history_lists_each_run_oldest_first(estate: tuple[Path, list[Path]]) -> None:
    store, _paths = estate
    result = CliRunner().invoke(app, ["history", "--store", str(store), "--json"])
    assert result.exit_code == 0, result.output
    snapshots = json.loads(result.output)["snapshots"]
    assert [s["inventory_as_of"][:10] for s in snapshots] == [
        "2026-11-02",
        "2026-11-20",
        "2026-12-01",
    ]
    assert all(s["plan"] and s["command"] == "plan" for s in snapshots)
    assert snapshots[0]["resources"] > snapshots[1]["resources"] > snapshots[2]["resources"]
    text = CliRunner().invoke(app, ["history", "--store", str(store)]).output
    assert "2026-12-01" in text


def test_diff_of_snapshots_shows_progress_and_a_burn_down(
    estate: tuple[Path, list[Path]], tmp_path: Path
) -> None:
    store, _paths = estate
    out = tmp_path / "progress.md"
    result = CliRunner().invoke(
        app, ["diff", "1", "3", "--store", str(store), "--json", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    providers = {p["provider"]: p for p in data["progress"]["providers"]}
    assert providers["aws"]["now"] == 0 and providers["aws"]["gone"] > 0
    assert providers["azure"]["gone"] == 0
    assert data["effort_left_person_days"]["now"] < data["effort_left_person_days"]["baseline"]
    assert not data["added"]
    report = out.read_text()
    diagrams = blocks("progress", report)
    assert len(diagrams) == 1
    parsed = parse(diagrams)
    for found in parsed.values():
        assert_parsed(found)
    assert "2026-11-20" in diagrams[0][1]


def test_diff_names_the_fields_that_changed(estate: tuple[Path, list[Path]]) -> None:
    _store, paths = estate
    result = CliRunner().invoke(app, ["diff", str(paths[0]), str(paths[1]), "--json"])
    assert result.exit_code == 0, result.output
    changed = json.loads(result.output)["changed"]
    assert [c["fields"] for c in changed] == [["name"]]


def test_a_snapshot_id_without_a_store_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EXITPLAN_STORE", raising=False)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["diff", "1", "2"])
    assert result.exit_code == 2
    assert "needs a store" in result.output


def test_a_foreign_store_stops_the_plan_before_any_output(tmp_path: Path) -> None:
    store = tmp_path / "notes.sqlite"
    store.write_text("not a database\n")
    result = CliRunner().invoke(
        app, ["plan", str(sample_path()), "-o", str(tmp_path / "out"), "--store", str(store)]
    )
    assert result.exit_code == 2
    assert "not an exitplan store" in result.output
    assert store.read_text() == "not a database\n"
    assert not (tmp_path / "out").exists()


def test_the_environment_names_the_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "env.sqlite"
    monkeypatch.setenv("EXITPLAN_STORE", str(store))
    result = CliRunner().invoke(app, ["plan", str(sample_path()), "-o", str(tmp_path / "o"), "-q"])
    assert result.exit_code == 0, result.output
    listed = CliRunner().invoke(app, ["history", "--json"])
    assert len(json.loads(listed.output)["snapshots"]) == 1


def test_a_plan_with_history_draws_its_burn_down(estate: tuple[Path, list[Path]]) -> None:
    store, _paths = estate
    first = (store.parent / "plan0" / "exit-plan.md").read_text()
    last = (store.parent / "plan2" / "exit-plan.md").read_text()
    assert "Progress so far" not in first  # one inventory is no progress yet
    assert "Progress so far" in last
    section = last.split("### Progress so far", 1)[1].split("\n### ", 1)[0]
    diagrams = blocks("progress", section)
    assert len(diagrams) == 1 and "2026-11-20" in diagrams[0][1]
    for found in parse(diagrams).values():
        assert_parsed(found)
