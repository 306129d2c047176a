"""A user's templates (--templates) read nothing outside their folder, end within caps on
time, memory and output, and any error in them is a user error (exit 2) naming the
template and line, never an internal one."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from exitplan import usertemplates
from exitplan.cli import app
from exitplan.sample import sample_inventory, sample_path


def _plan(runner: CliRunner, tmp_path: Path, *templates: tuple[str, str | bytes]) -> Result:
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    for name, content in templates:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["plan", str(sample_path()), "--out", str(out), "--templates", str(folder)]
    )
    if result.exit_code != 0:
        assert not out.exists()
    return result


def test_a_link_out_of_the_folder_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("password=hunter2\n")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "root").symlink_to("/")
    (tmp_path / "templates" / "notes.j2").symlink_to(secret)
    for include in ("root/etc/passwd", "notes.j2"):
        result = _plan(runner, tmp_path, ("exit-plan.md.j2", f"{{% include '{include}' %}}\n"))
        assert result.exit_code == 2, result.output
        assert f"templates/{include}" in result.stderr
        assert "outside the templates folder" in result.stderr
        assert "hunter2" not in result.output and "root:" not in result.output


def test_a_link_inside_the_folder_is_followed(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "templates" / "parts").mkdir(parents=True)
    (tmp_path / "templates" / "parts" / "title.j2").write_text("# {{ plan.total_resources }}\n")
    (tmp_path / "templates" / "title.j2").symlink_to(tmp_path / "templates" / "parts" / "title.j2")
    result = _plan(runner, tmp_path, ("exit-plan.md.j2", "{% include 'title.j2' %}"))
    assert result.exit_code == 0, result.output
    total = len(sample_inventory().resources)
    assert (tmp_path / "out" / "exit-plan.md").read_text() == f"# {total}\n"


@pytest.mark.parametrize(
    ("source", "line", "says"),
    [
        ("ok\n{{ 1/0 }}\n", 2, "ZeroDivisionError: division by zero"),
        ("ok\n\n{% include 'exit-plan.md.j2' %}\n", 3, "include or call each other"),
        ("{{ no_such_name }}\n", 1, "'no_such_name' is undefined"),
        ("{{ plan.total_resources + 'x' }}\n", 1, "TypeError"),
        ("{% for x in plan %}\n", 1, "nexpected end of template"),
        ("ok\n{{ ('a' * 10**10) | length }}\n", 2, "past the output cap"),
        ("{{ 10 ** (10 ** 10) }}\n", 1, "past the output cap"),
        ("ok\n{{ 'a'.ljust(10**10) | length }}\n", 2, "out of memory"),
        ("{{ plan.__class__ }}\n", 1, "unsafe"),
    ],
)
def test_an_error_in_a_template_names_it_and_exits_2(
    runner: CliRunner, tmp_path: Path, source: str, line: int, says: str
) -> None:
    result = _plan(runner, tmp_path, ("exit-plan.md.j2", source))
    assert result.exit_code == 2, result.output
    assert f"templates/exit-plan.md.j2:{line}: " in result.stderr
    assert says in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


def test_a_template_that_is_not_utf8_names_the_line(runner: CliRunner, tmp_path: Path) -> None:
    result = _plan(runner, tmp_path, ("runbook.md.j2", b"# ok\n\n\xff\xfe\n"))
    assert result.exit_code == 2, result.output
    assert "templates/runbook.md.j2:3: not UTF-8" in result.stderr


def test_debug_shows_the_traceback_of_the_template(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "exit-plan.md.j2").write_text("{{ 1/0 }}\n")
    args = ["plan", str(sample_path()), "--out", str(tmp_path / "o")]
    result = runner.invoke(app, ["--debug", *args, "--templates", str(tmp_path / "templates")])
    assert result.exit_code == 2
    assert "ZeroDivisionError" in result.stderr and "Traceback" in result.stderr


def test_a_loop_ends_at_the_time_cap(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(usertemplates, "TIME_LIMIT_S", 2)
    loop = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    result = _plan(runner, tmp_path, ("exit-plan.md.j2", loop))
    assert result.exit_code == 2, result.output
    assert "did not finish within the time cap of 2 s" in result.stderr


def test_output_ends_at_the_size_cap(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(usertemplates, "OUTPUT_LIMIT_MIB", 1)
    loop = (
        "{% for i in range(100000) %}{% for j in range(1000) %}xxxxxxxxxx{% endfor %}{% endfor %}"
    )
    result = _plan(runner, tmp_path, ("exit-plan.md.j2", loop))
    assert result.exit_code == 2, result.output
    assert "produced more than the output cap of 1 MiB" in result.stderr


def test_copies_of_our_templates_give_the_same_plan(runner: CliRunner, tmp_path: Path) -> None:
    ours = Path(__file__).parent.parent / "templates"
    copied = [(p.name, p.read_text()) for p in ours.glob("*.j2")]
    assert _plan(runner, tmp_path, *copied).exit_code == 0
    result = runner.invoke(app, ["plan", str(sample_path()), "--out", str(tmp_path / "plain")])
    assert result.exit_code == 0
    for path in (tmp_path / "plain").rglob("*.md"):
        assert (
            path.read_bytes()
            == (tmp_path / "out" / path.relative_to(tmp_path / "plain")).read_bytes()
        )


def test_without_fork_errors_are_still_user_errors(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    monkeypatch.setattr(usertemplates, "OUTPUT_LIMIT_MIB", 1)
    for source, says in (("\n{{ 1/0 }}", ":2: ZeroDivisionError"), ("{{ 'x' * 2**21 }}", "cap")):
        result = _plan(runner, tmp_path, ("exit-plan.md.j2", source))
        assert result.exit_code == 2, result.output
        assert says in result.stderr


def test_the_caps_are_documented(runner: CliRunner) -> None:
    docs = (Path(__file__).parent.parent / "docs" / "plan.md").read_text()
    help_text = " ".join(runner.invoke(app, ["plan", "--help"]).stdout.split())
    for cap in (
        f"{usertemplates.TIME_LIMIT_S} s",
        f"{usertemplates.MEMORY_LIMIT_MIB} MiB",
        f"{usertemplates.OUTPUT_LIMIT_MIB} MiB",
    ):
        assert cap in help_text and cap in " ".join(docs.split()), cap


@pytest.mark.skipif(not hasattr(os, "fork"), reason="templates render in-process without fork")
def test_ctrl_c_while_rendering_ends_the_child(tmp_path: Path) -> None:
    def work() -> dict[str, str]:
        time.sleep(60)
        return {}

    # Ctrl-C, as the parent's main thread gets it while it waits for the child.
    timer = threading.Timer(1.0, signal.pthread_kill, (threading.get_ident(), signal.SIGINT))
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        usertemplates.render_capped(tmp_path, work)
    timer.join()
    assert not multiprocessing.active_children()
