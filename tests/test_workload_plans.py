"""`--per-workload`: a plan for each workload's owner, on the estate's target, in a file
whose name no workload's tag can turn against the folder."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from typer.testing import CliRunner

from exitplan.cli import app
from tests.conftest import write_json
from tests.hostile import DIAGRAM, hostile_inventory

GOLDEN = Path(__file__).parent / "golden" / "workloads" / "burgerportaal.md"
_ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "p", "a",
    "table", "thead", "tbody", "tr", "th", "td", "code", "ul", "li", "strong", "em",
}  # fmt: skip


def _run(runner: CliRunner, *args: str) -> None:
    result = runner.invoke(app, [*args, "--quiet"])
    assert result.exit_code == 0, result.output


def _workload_links(plan: str) -> list[str]:
    """The targets of the links in the estate plan's workload table."""
    return re.findall(r"^\| \[.*?\]\((workloads/[^)]+)\) \|", plan, re.MULTILINE)


def test_each_workload_gets_a_plan_linked_both_ways(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "plan"
    _run(runner, "demo", "--out", str(out), "--per-workload")
    plan = (out / "exit-plan.md").read_text()
    links = _workload_links(plan)
    files = sorted(str(p.relative_to(out)) for p in (out / "workloads").iterdir())
    assert sorted(links) == files and len(files) == 12
    manifest = json.loads((out / "exitplan-manifest.json").read_text())
    assert set(files) <= {entry["path"] for entry in manifest["files"]}
    zone = re.search(r"Primary provider: \*\*(.+?)\*\*", plan)
    assert zone is not None
    for name in files:
        text = (out / name).read_text()
        assert "([exit plan](../exit-plan.md))" in text
        assert f"| Landing zone | {zone.group(1)}" in text
        for runbook in re.findall(r"\]\(\.\./(runbooks/[^)]+)\)", text):
            assert (out / runbook).is_file(), (name, runbook)
    produced = (out / "workloads" / "burgerportaal.md").read_text()
    if os.environ.get("EXITPLAN_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(produced)
    assert produced == GOLDEN.read_text()


def test_without_the_option_the_plan_is_as_before(runner: CliRunner, tmp_path: Path) -> None:
    _run(runner, "demo", "--out", str(tmp_path / "a"))
    _run(runner, "demo", "--out", str(tmp_path / "b"), "--per-workload")
    assert _workload_links((tmp_path / "a" / "exit-plan.md").read_text()) == []
    _run(runner, "demo", "--out", str(tmp_path / "b"))
    assert not (tmp_path / "b" / "workloads").exists() or not list(
        (tmp_path / "b" / "workloads").iterdir()
    )
    assert (tmp_path / "a" / "exit-plan.md").read_bytes() == (
        tmp_path / "b" / "exit-plan.md"
    ).read_bytes()


def _hostile(sample: dict[str, Any]) -> dict[str, Any]:
    data = hostile_inventory(sample)
    resources = data["resources"]
    offset = 2 * len(resources) // 3
    names = [*DIAGRAM, "état", "e\u0301tat", "ÉTAT", "CON", "a/b", "a\\b", "." * 3]
    for i, name in enumerate(names):
        resources[offset + i]["tags"] = {**resources[offset + i]["tags"], "application": name}
    return data


def test_hostile_names_give_safe_distinct_files(
    runner: CliRunner, tmp_path: Path, sample_data: dict[str, Any]
) -> None:
    inventory = write_json(tmp_path / "inv.json", _hostile(sample_data))
    out = tmp_path / "plan"
    _run(runner, "plan", str(inventory), "--out", str(out), "--per-workload", "--html")
    plan = (out / "exit-plan.md").read_text()
    links = _workload_links(plan)
    table = plan.split("| workload | grouped by |", 1)[1].split("\n\n", 1)[0]
    rows = table.count("\n| ")
    assert len(links) == len(set(links)) == rows > len(DIAGRAM)
    on_disk = {p.relative_to(out).as_posix() for p in (out / "workloads").iterdir()}
    # Every file is directly in workloads/, and each link leads to one of them.
    assert {unquote(link) for link in links} == {p for p in on_disk if p.endswith(".md")}
    assert len({p.casefold() for p in on_disk}) == len(on_disk)
    for name in on_disk:
        page = (out / name).read_text()
        if name.endswith(".html"):
            tags = set(re.findall(r"<([a-z0-9]+)[\s>]", page))
            assert tags <= _ALLOWED_TAGS, (name, tags - _ALLOWED_TAGS)
