"""The output folder through the CLI: exitplan removes only its own files, swaps a plan in
all at once, and keeps what people wrote."""

from __future__ import annotations

import copy
import errno
import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from exitplan import swap
from exitplan.cli import app
from exitplan.manifest import sha256
from exitplan.manual import END, START
from exitplan.sample import sample_path

MANIFEST = "exitplan-manifest.json"


def _invoke(runner: CliRunner, *args: str | Path) -> Result:
    return runner.invoke(app, [str(a) for a in args])


def _plan(runner: CliRunner, inventory: Path, out: Path, *extra: str | Path) -> Result:
    result = _invoke(runner, "plan", inventory, "--out", out, *extra)
    assert result.exit_code == 0, result.output
    return result


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def _inventory(tmp_path: Path, data: dict[str, Any], name: str = "inv.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return path


def _without(data: dict[str, Any], application: str) -> dict[str, Any]:
    smaller = copy.deepcopy(data)
    smaller["resources"] = [
        r for r in smaller["resources"] if r["tags"].get("application") != application
    ]
    return smaller


def _body(text: str, name: str) -> str:
    return text.split(START.format(name) + "\n", 1)[1].split(END, 1)[0]


def _fill(path: Path, name: str, body: bytes) -> None:
    start = (START.format(name) + "\n").encode()
    head, rest = path.read_bytes().split(start, 1)
    path.write_bytes(head + start + body + rest[rest.index(END.encode()) :])


def _output(result: Result) -> dict[str, Any]:
    summary: dict[str, Any] = json.loads(result.stdout)["output"]
    return summary


# Only files exitplan wrote are ever removed or replaced.


def test_plan_leaves_inputs_and_other_files_in_out_alone(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "f"
    (out / "runbooks").mkdir(parents=True)
    inventory = out / "runbooks" / "inventory.json"
    inventory.write_bytes(sample_path().read_bytes())
    (out / "runbooks" / "oncall.txt").write_text("notes\n")
    for _ in range(2):  # without a manifest, then with one
        _plan(runner, inventory, out)
        assert inventory.read_bytes() == sample_path().read_bytes()
        assert (out / "runbooks" / "oncall.txt").read_text() == "notes\n"


def test_out_is_not_the_root_or_the_home_directory(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for out in (Path("/"), home, home / "." / "sub" / ".."):
        result = _invoke(runner, "plan", sample_path(), "--out", out)
        assert result.exit_code == 2 and "refusing to write a plan into" in result.stderr
    assert not list(home.iterdir())
    _plan(runner, sample_path(), home / "plan")


def test_a_file_exitplan_did_not_write_is_kept_beside(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "exit-plan.md").write_text("our own plan, written by hand\n")
    result = _plan(runner, sample_path(), out)
    assert (out / "exit-plan.kept-1.md").read_text() == "our own plan, written by hand\n"
    assert (out / "exit-plan.md").read_text().startswith("# Exit plan")
    assert "kept       exit-plan.md as exit-plan.kept-1.md: not written by exitplan" in (
        result.stdout
    )
    # A manifest that does not list the file makes it just as foreign, and a second kept
    # copy never overwrites the first.
    manifest = json.loads((out / MANIFEST).read_text())
    manifest["files"] = [f for f in manifest["files"] if f["path"] != "exit-plan.md"]
    (out / MANIFEST).write_text(json.dumps(manifest))
    (out / "exit-plan.md").write_text("a second plan of our own\n")
    kept = _output(_plan(runner, sample_path(), out, "--json"))["kept"]
    assert kept == [
        {"file": str(out / "exit-plan.md"), "kept_as": str(out / "exit-plan.kept-2.md"),
         "reason": "not written by exitplan"}
    ]  # fmt: skip
    assert (out / "exit-plan.kept-1.md").read_text() == "our own plan, written by hand\n"
    assert (out / "exit-plan.kept-2.md").read_text() == "a second plan of our own\n"


def test_an_input_where_the_plan_goes_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _plan(runner, sample_path(), out)
    profile = out / "resource-mapping.csv"
    profile.write_text("day_rate: 1000\n")
    result = _invoke(runner, "plan", sample_path(), "--out", out, "--effort-profile", profile)
    assert result.exit_code == 2 and "an input of this run lies where" in result.stderr
    assert profile.read_text() == "day_rate: 1000\n"


def test_only_runbooks_of_the_manifest_that_are_no_longer_produced_are_removed(
    runner: CliRunner, tmp_path: Path, sample_data: dict[str, Any]
) -> None:
    aws = [r for r in sample_data["resources"] if r["provider"] == "aws"]
    smaller = _inventory(tmp_path, dict(sample_data, resources=aws))
    _plan(runner, smaller, tmp_path / "aws")
    produced = {p.name for p in (tmp_path / "aws" / "runbooks").iterdir()}
    out = tmp_path / "out"
    _plan(runner, sample_path(), out)
    before = {p.name for p in (out / "runbooks").iterdir()}
    gone = sorted(before - produced)
    assert len(gone) >= 2, "the test needs runbooks that a smaller estate drops"
    _fill(out / "runbooks" / gone[0], "actuals", b"migrated on 2026-12-01\n")
    (out / "runbooks" / "mine.md").write_text("a runbook of our own\n")
    summary = _output(_plan(runner, smaller, out, "--json"))
    kept_copy = gone[0].replace(".md", ".kept-1.md")
    assert {p.name for p in (out / "runbooks").iterdir()} == produced | {"mine.md", kept_copy}
    assert "migrated on 2026-12-01" in (out / "runbooks" / kept_copy).read_text()
    assert summary["removed"] == [str(out / "runbooks" / name) for name in gone[1:]]
    assert summary["kept"][0]["reason"] == "no longer produced, and changed since exitplan wrote it"


# The new plan appears all at once, or not at all.


def _failing_replace(
    monkeypatch: pytest.MonkeyPatch, out: Path, nth: int, error: BaseException
) -> list[int]:
    """Make the nth rename into `out` (not into the staging folder) fail."""
    calls = [0]
    real = os.replace

    def replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        if Path(dst).parent in (out, out / "runbooks"):
            calls[0] += 1
            if calls[0] == nth:
                raise error
        real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    return calls


@pytest.mark.parametrize("nth", [1, 2, 5, 12])
@pytest.mark.parametrize("interrupt", [False, True])
def test_a_swap_that_fails_half_way_leaves_the_previous_plan(
    runner: CliRunner,
    tmp_path: Path,
    sample_data: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    nth: int,
    interrupt: bool,
) -> None:
    out = tmp_path / "out"
    _plan(runner, sample_path(), out)
    before = _tree(out)
    other = _inventory(tmp_path, _without(sample_data, "burgerportaal"))
    error: BaseException = (
        KeyboardInterrupt() if interrupt else OSError(errno.EXDEV, "Invalid cross-device link")
    )
    calls = _failing_replace(monkeypatch, out, nth, error)
    result = _invoke(runner, "plan", other, "--out", out)
    assert calls[0] >= nth, "the failure happened"
    assert _tree(out) == before
    if interrupt:
        assert result.exit_code == 130 and "nothing half-written" in result.stderr
    else:
        assert result.exit_code == 2
        assert f"error: {out}: cannot write the plan" in result.stderr
        assert "Invalid cross-device link" in result.stderr
        assert ".exitplan-staging" not in result.stderr


def test_a_run_killed_half_way_is_undone_by_the_next_run(
    runner: CliRunner, tmp_path: Path, sample_data: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    _plan(runner, sample_path(), out)
    other = _inventory(tmp_path, _without(sample_data, "burgerportaal"))
    _failing_replace(monkeypatch, out, 6, KeyboardInterrupt())

    def killed(*args: object) -> None:  # a killed run undoes nothing
        raise OSError(errno.EIO, "killed")

    monkeypatch.setattr(swap, "roll_back", killed)
    result = _invoke(runner, "plan", other, "--out", out)
    assert result.exit_code == 2 and "could not be restored completely" in result.stderr
    assert ".exitplan-staging" not in result.stderr
    # Half swapped, and without a manifest, so that nothing trusts it as a plan.
    assert not (out / MANIFEST).exists() and list(out.glob(".exitplan-staging-*"))
    monkeypatch.undo()
    _plan(runner, other, out)
    _plan(runner, other, tmp_path / "clean")
    assert _tree(out) == _tree(tmp_path / "clean")


def test_two_runs_at_once_take_turns(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _plan(runner, sample_path(), out)
    # Another run holds the folder, with the staging folder it claimed in the lock file.
    running = out / ".exitplan-staging-0123456789ab"
    lock = os.open(out / ".exitplan.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(lock, fcntl.LOCK_EX)
    # Its process id after the byte Windows would lock, and its claim, before its folder.
    os.write(lock, b"\x004242 " + running.name.encode())
    (running / "new").mkdir(parents=True)
    proc = subprocess.Popen(
        [sys.executable, "-m", "exitplan", "demo", "--out", str(out)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        while line and "waiting" not in line:
            line = proc.stderr.readline()
        assert "waiting for another exitplan run (process 4242)" in line
        assert running.is_dir(), "a running run's staging folder is left alone"
    finally:
        os.close(lock)  # the run dies: its lock file stays, with its claim
    assert proc.wait() == 0
    assert not running.exists(), "what a dead run left is cleaned up"
    assert "Gemeente Havenstad" in (out / "exit-plan.md").read_text()
    assert not (out / ".exitplan.lock").exists()


@pytest.mark.parametrize("shape", ["link", "text"])
def test_a_lock_file_exitplan_did_not_write_is_left_as_it_is(
    runner: CliRunner, tmp_path: Path, shape: str
) -> None:
    out, victim = tmp_path / "out", tmp_path / "victim"
    out.mkdir()
    victim.write_text("precious\n")
    lock = out / ".exitplan.lock"
    if shape == "link":
        lock.symlink_to(victim)
    else:
        lock.write_text("my own notes\n")
    result = _invoke(runner, "plan", sample_path(), "--out", out)
    assert result.exit_code == 2, result.output
    assert "not a lock file exitplan wrote" in result.stderr
    assert victim.read_text() == "precious\n"
    assert lock.is_symlink() if shape == "link" else lock.read_text() == "my own notes\n"
    assert not (out / "exit-plan.md").exists()


def test_a_staging_folder_no_run_claims_is_left_alone(runner: CliRunner, tmp_path: Path) -> None:
    """A journal that no killed run claimed in the lock file is not exitplan's: it could
    name any file of the folder to be undone."""
    out = tmp_path / "out"
    out.mkdir()
    notes = out / "notes.txt"
    notes.write_text("notes\n")
    planted = out / ".exitplan-staging-0123456789ab"
    planted.mkdir()
    digest = sha256(notes.read_bytes())
    (planted / "journal.json").write_text(
        json.dumps([{"op": "place", "path": "notes.txt", "sha256": digest}])
    )
    result = _invoke(runner, "plan", sample_path(), "--out", out)
    assert result.exit_code == 0, result.output
    assert notes.read_text() == "notes\n" and (planted / "journal.json").exists()
    assert f"left alone: {planted}" in result.stderr


# What people write is kept.


def test_manual_sections_survive_regeneration(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    inventory = out / "inventory.json"
    result = _invoke(runner, "demo", "--out", out)
    assert result.exit_code == 0, result.output
    plan, runbook = out / "exit-plan.md", out / "runbooks" / "object-storage.md"
    notes = {
        (plan, "decisions"): "2026-11-30 board: exit to OVHcloud first.  \r\n\n- signed: CFO\n",
        (plan, "test-evidence"): "Restore test 2026-10-01: 3 h 10 min for 1.2 TiB. <b>ok</b>\n",
        (plan, "risks"): "| R-X | a risk of ours |\n",
        (plan, "unmapped-decisions"): "Retire the mainframe bridge.\n",
        (plan, "workload:application_tag:zaaksysteem"): "Blocked on the supplier. ✓\n",
        (runbook, "notes"): "Use rclone 1.68 or newer.\n",
        (runbook, "actuals"): "Copied 2.1 TiB in 31 h; checksums matched.\n",
    }
    for (path, name), body in notes.items():
        _fill(path, name, body.encode())
    meta = tmp_path / "meta.yaml"
    meta.write_text("organisation: Havenstad\napproved_by: Board\n")
    summary = _output(_plan(runner, inventory, out, "--meta", meta, "--json"))
    assert "| Approved by | Board |" in plan.read_text()
    for (path, name), body in notes.items():
        assert _body(path.read_bytes().decode(), name) == body, name
    assert summary["kept"] == [] and summary["unplaced_sections"] == []
    assert not list(out.rglob("*.kept-*"))
    # The same input and the same folder: nothing changes.
    before = _tree(out)
    assert _output(_plan(runner, inventory, out, "--meta", meta, "--json"))["written"] == []
    assert _tree(out) == before


def test_a_file_edited_outside_its_sections_is_kept_beside(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    _plan(runner, sample_path(), out)
    plan = out / "exit-plan.md"
    _fill(plan, "decisions", b"Go.\n")
    edited = plan.read_text().replace("## 3. Exit triggers", "## 3. Exit triggers (ours)")
    plan.write_text(edited)
    (out / "resource-mapping.csv").write_text("opened and saved in a spreadsheet\n")
    result = _plan(runner, sample_path(), out)
    assert (out / "exit-plan.kept-1.md").read_text() == edited
    assert "(ours)" not in plan.read_text() and _body(plan.read_text(), "decisions") == "Go.\n"
    assert (out / "resource-mapping.kept-1.csv").read_text().startswith("opened and saved")
    assert (
        "kept       exit-plan.md as exit-plan.kept-1.md: edited outside its manual sections"
        in result.stdout
    )
    assert (
        "kept       resource-mapping.csv as resource-mapping.kept-1.csv: changed since "
        "exitplan wrote it" in result.stdout
    )


def test_a_section_without_its_end_marker_is_not_guessed_at(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    _plan(runner, sample_path(), out)
    runbook = out / "runbooks" / "dns.md"
    _fill(runbook, "actuals", b"half of what we did\n")
    broken = runbook.read_text().replace(END + "\n", "", 1)
    broken = broken.replace(START.format("notes") + "\n", START.format("notes") + "\nours\n")
    runbook.write_text(broken)
    summary = _output(_plan(runner, sample_path(), out, "--json"))
    assert (out / "runbooks" / "dns.kept-1.md").read_text() == broken
    assert _body(runbook.read_text(), "notes") == "" == _body(runbook.read_text(), "actuals")
    (kept,) = summary["kept"]
    assert kept["file"] == str(runbook) and "section notes has no end marker" in kept["reason"]


def test_notes_of_a_workload_that_left_are_moved_not_lost(
    runner: CliRunner, tmp_path: Path, sample_data: dict[str, Any]
) -> None:
    out = tmp_path / "out"
    _plan(runner, sample_path(), out)
    plan = out / "exit-plan.md"
    _fill(plan, "workload:application_tag:intranet", b"Replaced by the new portal in Q1.\n")
    smaller = _inventory(tmp_path, _without(sample_data, "intranet"))
    result = _plan(runner, smaller, out)
    text = plan.read_text()
    assert "application_tag:intranet -->" not in text
    assert "Replaced by the new portal in Q1.\n" in _body(text, "unplaced")
    assert (
        "moved      exit-plan.md: the text of section workload:application_tag:intranet"
        in result.stdout
    )
    before = _tree(out)
    _plan(runner, smaller, out)
    assert _tree(out) == before


def test_workload_names_cannot_break_or_share_a_section(
    runner: CliRunner, tmp_path: Path, sample_data: dict[str, Any]
) -> None:
    names = ["a b", "a_b", "a-b", "a--b", "A b", "x --> <!-- exitplan:end -->", "x%20y", "x y"]
    for resource, name in zip(sample_data["resources"], names, strict=False):
        resource["tags"]["application"] = name
    inventory = _inventory(tmp_path, sample_data)
    out = tmp_path / "out"
    _plan(runner, inventory, out)
    plan = out / "exit-plan.md"
    sections = [
        line.split("workload:application_tag:")[1].removesuffix(" -->")
        for line in plan.read_text().splitlines()
        if line.startswith("<!-- exitplan:manual:workload:application_tag:")
    ]
    assert len(set(sections)) == len(sections) >= len(names)
    assert all("--" not in s and ">" not in s for s in sections)
    for number, section in enumerate(sections):
        _fill(plan, f"workload:application_tag:{section}", f"note {number}\n".encode())
    _plan(runner, inventory, out)
    text = plan.read_text()
    for number, section in enumerate(sections):
        assert _body(text, f"workload:application_tag:{section}") == f"note {number}\n"


def test_a_section_with_no_place_and_no_appendix_keeps_the_old_file(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    _plan(runner, sample_path(), out)
    _fill(out / "exit-plan.md", "decisions", b"Start with wave 1.\n")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "exit-plan.md.j2").write_text("# Our own plan\n")
    result = _plan(runner, sample_path(), out, "--templates", templates)
    assert (out / "exit-plan.md").read_text() == "# Our own plan\n"
    assert "Start with wave 1." in (out / "exit-plan.kept-1.md").read_text()
    assert "its sections decisions have no place in the new file" in result.stdout


def test_a_template_that_leaves_a_section_open_is_refused(
    runner: CliRunner, tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "exit-plan.md.j2").write_text("{{ manual('decisions') }}\n" + START.format("x"))
    out = tmp_path / "out"
    result = _invoke(runner, "plan", sample_path(), "--out", out, "--templates", templates)
    assert result.exit_code == 2
    assert "exit-plan.md: line 3: section x has no end marker" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        ("not json", "not a readable exitplan manifest"),
        ('{"format": "other"}', "not an exitplan manifest"),
        (
            '{"format": "exitplan-manifest", "version": 1, "files": [{"path": "../x.md", '
            '"size": 1, "sha256": "' + "0" * 64 + '"}]}',
            "files[0]: not a valid, unique file entry",
        ),
    ],
)
def test_a_manifest_that_is_not_exitplans_is_refused(
    runner: CliRunner, tmp_path: Path, manifest: str, message: str
) -> None:
    out = tmp_path / "out"
    _plan(runner, sample_path(), out)
    (out / MANIFEST).write_text(manifest)
    (tmp_path / "x.md").write_text("outside --out\n")
    before = _tree(tmp_path)
    result = _invoke(runner, "plan", sample_path(), "--out", out)
    assert result.exit_code == 2 and message in result.stderr
    assert _tree(tmp_path) == before
