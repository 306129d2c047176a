"""End to end through the CLI on the sample estate."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from exitplan.cli import app
from exitplan.sample import sample_inventory, sample_path


def _demo(runner: CliRunner, out: Path, *extra: str) -> str:
    result = runner.invoke(app, ["demo", "--out", str(out), *extra])
    assert result.exit_code == 0, result.output
    return result.stdout


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_demo_writes_plan_runbooks_csv_and_inventory(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "demo"
    stdout = _demo(runner, out)
    plan = (out / "exit-plan.md").read_text()
    for heading in (
        "Document control", "Scope and criticality", "Exit triggers",
        "Objectives and success criteria", "What runs where",
        "Target platform and alternatives chosen",
        "Landing zone", "Scenarios compared", "Alternatives per category",
        "Unmapped resources", "Coverage gaps", "Transition plan", "Data migration",
        "Effort, cost, people and timeline", "Risks and mitigations", "Roles and owners",
        "Contract and Data Act terms", "Testing the plan", "Review and approval",
    ):  # fmt: skip
        assert re.search(rf"^##+ (\d+\. )?{re.escape(heading)}$", plan, re.M), heading
    runbooks = sorted((out / "runbooks").glob("*.md"))
    linked = set(re.findall(r"\(runbooks/([a-z0-9-]+\.md)\)", plan))
    assert linked == {p.name for p in runbooks} and runbooks
    for runbook in runbooks:
        text = runbook.read_text()
        if runbook.name == "landing-zone.md":  # configuration only: no playbook of its own
            assert "## Evidence" in text
            continue
        for section in ("Preparation", "Migration", "Validation", "Cut-over", "Rollback"):
            assert f"## {section}" in text, (runbook.name, section)
    assert (out / "inventory.json").read_bytes() == sample_path().read_bytes()
    assert "Gemeente Havenstad" in stdout and str(out / "exit-plan.md") in stdout


def test_every_resource_is_accounted_for(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "demo"
    data = json.loads(_demo(runner, out, "--json"))
    inventory = sample_inventory()
    assert data["resources"] == len(inventory.resources) >= 150
    assert data["mapped"] + data["structural"] + data["unmapped"] == data["resources"]
    assert data["unmapped"] > 0 and data["gaps"] == len(inventory.gaps) > 0

    rows = list(csv.DictReader((out / "resource-mapping.csv").open()))
    assert sorted(r["id"] for r in rows) == sorted(r.id for r in inventory.resources)
    unmapped_rows = [r for r in rows if r["category"] == "unmapped"]
    assert len(unmapped_rows) == data["unmapped"]

    plan = (out / "exit-plan.md").read_text()
    # Section 6 counts the mapped resources per category; section 7 counts the unmapped by
    # type and Appendix F lists each one.
    section6 = plan.split("### Alternatives per category")[1].split("### ")[0]
    counts = [int(m) for m in re.findall(r"^\| [^|]+ \| (\d+) \|", section6, re.M)]
    assert sum(counts) == data["mapped"]
    section7 = plan.split("## 7.")[1].split("## 8.")[0]
    types = [int(m) for m in re.findall(r"^\| \w+ \| `[^`]+` \| (\d+) \|", section7, re.M)]
    assert sum(types) == data["unmapped"]
    appendix = plan.split("## Appendix F")[1]
    for row in unmapped_rows:
        assert f"`{row['id']}`" in appendix
    totals = [data["resources"], data["mapped"], data["structural"], data["unmapped"]]
    assert " | ".join(f"**{n}**" for n in totals) in plan
    for provider in ("aws", "azure", "gcp"):
        assert data["providers"][provider]["resources"] > 0


def test_two_runs_are_byte_identical(runner: CliRunner, tmp_path: Path) -> None:
    _demo(runner, tmp_path / "one")
    _demo(runner, tmp_path / "two")
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")


def test_plan_reruns_the_demo_inventory(runner: CliRunner, tmp_path: Path) -> None:
    """The demo writes what it planned from, so that `plan` gives the same plan."""
    demo = tmp_path / "demo"
    _demo(runner, demo)
    inventory, meta = str(demo / "inventory.json"), str(demo / "meta.yaml")
    result = runner.invoke(app, ["plan", inventory, "--meta", meta, "--out", str(tmp_path / "p")])
    assert result.exit_code == 0, result.output
    # The same plan, but for the inputs' file names in section 1.
    demo_plan = (demo / "exit-plan.md").read_text()
    assert (
        demo_plan.split("## 2.")[1]
        == (tmp_path / "p" / "exit-plan.md").read_text().split("## 2.")[1]
    )
    # Without the metadata the figures are the same; only what it records differs.
    result = runner.invoke(app, ["plan", inventory, "--out", str(tmp_path / "q")])
    assert result.exit_code == 0, result.output
    bare = json.loads((tmp_path / "q" / "plan.json").read_text())
    full = json.loads((demo / "plan.json").read_text())
    assert bare["effort_person_days"] == full["effort_person_days"]
    assert bare["meta"]["contracts"] == [] and len(full["meta"]["contracts"]) == 3


def test_strict_exits_1_on_gaps(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["plan", str(sample_path()), "--out", str(tmp_path), "--strict"])
    assert result.exit_code == 1
    assert (tmp_path / "exit-plan.md").is_file()


def test_progress_goes_to_stderr_and_quiet_silences_it(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo", "--out", str(tmp_path / "a"), "--json"])
    assert result.stderr and json.loads(result.stdout)
    quiet = runner.invoke(app, ["demo", "--out", str(tmp_path / "b"), "--quiet"])
    assert quiet.stderr == ""


def test_effort_profile_override_changes_cost(runner: CliRunner, tmp_path: Path) -> None:
    base = json.loads(_demo(runner, tmp_path / "a", "--json"))
    override = tmp_path / "profile.yaml"
    override.write_text("day_rate: 1900\n")
    result = runner.invoke(
        app,
        ["plan", str(sample_path()), "--out", str(tmp_path / "b"), "--json",
         "--effort-profile", str(override)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    doubled = json.loads(result.stdout)
    # Each is rounded to three significant digits: doubling may move the third by one.
    assert doubled["cost"]["p90"] == pytest.approx(base["cost"]["p90"] * 2, rel=5e-3)
    assert doubled["cost"]["p50"] == pytest.approx(base["cost"]["p50"] * 2, rel=5e-3)
    assert doubled["effort_person_days"] == base["effort_person_days"]


def test_bad_effort_profile_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    override = tmp_path / "profile.yaml"
    override.write_text("base_effort:\n  compute-vm: [3, 2, 1]\n")
    result = runner.invoke(
        app, ["plan", str(sample_path()), "--out", str(tmp_path / "o"), "--effort-profile",
              str(override)]
    )  # fmt: skip
    assert result.exit_code == 2
    assert "base_effort.compute-vm" in result.stderr and "in order" in result.stderr
    assert not (tmp_path / "o").exists()


def test_meta_file_fills_document_control(runner: CliRunner, tmp_path: Path) -> None:
    meta = tmp_path / "meta.yaml"
    meta.write_text(
        "organisation: Waterschap Test\nplan_owner: CIO office\napproved_by: Board\n"
        "approved_on: 2026-11-20\nlast_tested: 2026-11-15\nreview_interval_months: 6\n"
    )
    result = runner.invoke(
        app, ["plan", str(sample_path()), "--out", str(tmp_path / "o"), "--meta", str(meta)]
    )
    assert result.exit_code == 0, result.output
    plan = (tmp_path / "o" / "exit-plan.md").read_text()
    assert "| Approved by | Board | current |" in plan
    assert "| Next review due | 2027-05-20 (every 6 months) |" in plan
    assert "The last test, on 2026-11-15, covers the inventory of 2026-11-02." in plan


def test_template_error_leaves_nothing_behind(runner: CliRunner, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "exit-plan.md.j2").write_text("# {{ plan.no_such_thing }}\n")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["plan", str(sample_path()), "--out", str(out), "--templates", str(templates)]
    )
    assert result.exit_code == 2
    assert "exit-plan.md.j2" in result.stderr and "no_such_thing" in result.stderr
    assert not out.exists()


def test_user_templates_run_sandboxed(runner: CliRunner, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "exit-plan.md.j2").write_text("{{ plan.__class__.__mro__ }}\n")
    result = runner.invoke(
        app, ["plan", str(sample_path()), "--out", str(tmp_path / "o"), "--templates",
              str(templates)]
    )  # fmt: skip
    assert result.exit_code == 2
    assert "unsafe" in result.stderr


def test_every_command_has_help_with_an_example(runner: CliRunner) -> None:
    commands = [[], ["plan"], ["demo"], ["schema"], ["schema", "inventory"],
                ["schema", "catalogue"], ["catalogue"], ["catalogue", "list"],
                ["catalogue", "show"]]  # fmt: skip
    for command in commands:
        result = runner.invoke(app, [*command, "--help"], env={"NO_COLOR": "1"})
        assert result.exit_code == 0, command
        assert "Example: exitplan" in result.stdout, command
        assert "\x1b[" not in result.stdout


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and re.fullmatch(r"exitplan \d+\.\d+\.\d+\n", result.stdout)


def test_usage_error_exits_2(runner: CliRunner) -> None:
    result = runner.invoke(app, ["plan", "x.json", "--prefer", "cheapest"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_catalogue_commands(runner: CliRunner) -> None:
    listing = runner.invoke(app, ["catalogue", "list"])
    assert listing.exit_code == 0 and "object-storage" in listing.stdout
    shown = runner.invoke(app, ["catalogue", "show", "object-storage"])
    assert shown.exit_code == 0 and "sources:" in shown.stdout
    missing = runner.invoke(app, ["catalogue", "show", "teleportation"])
    assert missing.exit_code == 2 and "provider 'teleportation' in the" in missing.stderr


def test_out_that_is_a_file_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("keep me")
    result = runner.invoke(app, ["plan", str(sample_path()), "--out", str(target)])
    assert result.exit_code == 2 and "not a directory" in result.stderr
    assert target.read_text() == "keep me"


def test_failed_write_changes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "runbooks").write_text("a file where the runbooks folder belongs")
    result = runner.invoke(app, ["plan", str(sample_path()), "--out", str(out)])
    assert result.exit_code == 2 and "cannot write" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["runbooks"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_rerun_replaces_runbooks_and_files_are_readable(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _demo(runner, out)
    (out / "runbooks" / "dns.md").write_text("not as exitplan wrote it")
    (out / "notes.txt").write_text("the user's own file")
    _demo(runner, out)
    assert (out / "runbooks" / "dns.md").read_text().startswith("# Runbook")
    assert (out / "notes.txt").read_text() == "the user's own file"
    assert (out / "exit-plan.md").stat().st_mode & 0o044 == 0o044  # group and others read


def test_missing_templates_directory_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["plan", str(sample_path()), "--out", str(tmp_path / "o"), "--templates",
              str(tmp_path / "nope")]
    )  # fmt: skip
    assert result.exit_code == 2 and "no such templates directory" in result.stderr


def test_output_does_not_depend_on_hash_seed(tmp_path: Path) -> None:
    trees = []
    for seed in ("1", "2"):
        out = tmp_path / f"seed{seed}"
        subprocess.run(
            [sys.executable, "-m", "exitplan", "demo", "--out", str(out), "--quiet"],
            check=True, env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True,
        )  # fmt: skip
        trees.append(_tree(out))
    assert trees[0] == trees[1]


@pytest.mark.parametrize(("language", "name"), [("en", "exit-plan.md"), ("nl", "exit-plan.nl.md")])
def test_plan_matches_the_golden_file(
    runner: CliRunner, tmp_path: Path, language: str, name: str
) -> None:
    """The rendered demo plan in each language, reviewed and kept in Git. After a
    deliberate change, run EXITPLAN_UPDATE_GOLDEN=1 pytest tests/test_cli.py and review
    the diff."""
    _demo(runner, tmp_path, "--lang", language)
    golden = Path(__file__).parent / "golden" / name
    produced = (tmp_path / "exit-plan.md").read_text()
    if os.environ.get("EXITPLAN_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(produced)
    assert produced == golden.read_text()


def test_every_command_is_in_the_readme(runner: CliRunner) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    groups: dict[str, list[str]] = {
        "": [],
        "schema": [],
        "catalogue": [],
        "scan": [],
        "permissions": [],
    }
    for group in groups:
        listing = runner.invoke(app, [*([group] if group else []), "--help"]).stdout
        lines = listing.split("Commands:")[1].splitlines()
        groups[group] = [m.group(1) for m in map(re.compile(r"^  ([a-z]+) ").match, lines) if m]
    assert groups[""] == [
        "plan", "scenarios", "estimate", "calibrate", "demo", "import", "history", "diff", "audit",
        "schema", "catalogue", "scan", "permissions",
    ]  # fmt: skip
    assert groups["scan"] == groups["permissions"] == ["aws", "azure", "gcp"]
    for group, words in groups.items():
        for word in words:
            if word in groups:
                continue
            assert f"exitplan {group + ' ' if group else ''}{word}" in readme, (group, word)


def test_debug_shows_the_traceback(runner: CliRunner, tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.json")
    plain = runner.invoke(app, ["plan", missing])
    debug = runner.invoke(app, ["--debug", "plan", missing])
    assert plain.exit_code == debug.exit_code == 2
    assert "Traceback" not in plain.stderr and "Traceback" in debug.stderr


def test_a_bug_exits_3_with_a_hint(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("something exitplan did wrong")

    monkeypatch.setattr("exitplan.cli.plan.run_pipeline", broken)
    result = runner.invoke(app, ["plan", str(sample_path()), "--out", str(tmp_path / "o")])
    assert result.exit_code == 3
    assert "internal error: RuntimeError: something exitplan did wrong" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "o").exists()
