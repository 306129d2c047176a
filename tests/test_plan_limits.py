"""Every file `exitplan plan` reads (inventories, --meta, --effort-profile) is read as a
bounded stream, as `exitplan import` reads its files: past the limit, a device, a pipe
that never ends, YAML nested without end or a number too long to convert are exit 2 with
the file named, never an internal error or all the machine's memory."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from exitplan.cli import app
from exitplan.sample import sample_path

from .conftest import plan_error

SAMPLE = str(sample_path())
LIMIT = "0.0001"  # about 105 KiB; the sample inventory is about 100 KiB
PAST = b"#" + b" " * 200_000  # no YAML or JSON can hide in it: only its size counts


def _as(option: str, path: Path) -> list[str]:
    """The arguments that give `path` to `plan` in the place `option` names."""
    return [str(path)] if option == "INVENTORY" else [SAMPLE, option, str(path)]


@pytest.mark.parametrize("option", ["INVENTORY", "--meta", "--effort-profile"])
def test_a_file_past_the_limit_is_refused_and_the_limit_can_be_raised(
    runner: CliRunner, tmp_path: Path, option: str
) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(PAST)
    message = plan_error(runner, tmp_path, *_as(option, path), "--max-file-gib", LIMIT)
    assert f"{path}: is larger than {LIMIT} GiB, the most exitplan reads" in message
    assert "--max-file-gib N or EXITPLAN_MAX_FILE_GIB=N" in message
    env = {"EXITPLAN_MAX_FILE_GIB": LIMIT}
    result = runner.invoke(app, ["plan", *_as(option, path), "--out", str(tmp_path / "o")], env=env)
    assert result.exit_code == 2 and "is larger than" in result.stderr
    raised = runner.invoke(
        app, ["plan", *_as(option, path), "--out", str(tmp_path / "o"), "--max-file-gib", "1"]
    )
    assert "is larger than" not in raised.output  # read, and judged by its content


# /dev/null rather than /dev/zero: were devices read again, this test would fail, not
# fill the memory of the machine that runs it.
DEVICE = Path("/dev/null")


@pytest.mark.parametrize("option", ["INVENTORY", "--meta", "--effort-profile"])
def test_a_device_is_refused(runner: CliRunner, tmp_path: Path, option: str) -> None:
    if not DEVICE.exists():
        pytest.skip("no /dev/null here")
    message = plan_error(runner, tmp_path, *_as(option, DEVICE))
    assert f"{DEVICE}: is a device, not a file" in message


def test_import_refuses_a_device(runner: CliRunner, tmp_path: Path) -> None:
    if not DEVICE.exists():
        pytest.skip("no /dev/null here")
    result = runner.invoke(app, ["import", str(DEVICE), "--out", str(tmp_path / "i.json")])
    assert result.exit_code == 2
    assert f"{DEVICE}: is a device, not a file" in result.stderr


def _fifo(tmp_path: Path, content: bytes) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    path = tmp_path / "pipe.json"
    os.mkfifo(path)

    def write() -> None:
        try:
            with open(path, "wb") as pipe:
                pipe.write(content)
        except BrokenPipeError:  # the reader stopped at the limit
            pass

    threading.Thread(target=write, daemon=True).start()
    return path


def test_a_pipe_past_the_limit_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    path = _fifo(tmp_path, PAST * 4)
    message = plan_error(runner, tmp_path, str(path), "--max-file-gib", LIMIT)
    assert f"{path}: is larger than {LIMIT} GiB" in message


def test_an_inventory_from_a_pipe_is_read(runner: CliRunner, tmp_path: Path) -> None:
    path = _fifo(tmp_path, sample_path().read_bytes())
    result = runner.invoke(app, ["plan", str(path), "--out", str(tmp_path / "o"), "--quiet"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("option", ["--meta", "--effort-profile"])
@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("day_rate: " + "[" * 5000 + "]" * 5000 + "\n", ["deeper than 100 levels"]),
        ("day_rate: " + "{a: " * 3000 + "1" + "}" * 3000 + "\n", ["deeper than 100 levels"]),
        ("day_rate:\n" + "".join("  " * n + "- \n" for n in range(1, 400)), ["deeper than"]),
        ("day_rate: " + "9" * 5000 + "\n", ["p.yaml:1", "a whole number too long"]),
    ],
)
def test_yaml_nested_without_end_or_a_number_too_long_is_refused_with_its_line(
    runner: CliRunner, tmp_path: Path, option: str, text: str, words: list[str]
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(text)
    message = plan_error(runner, tmp_path, SAMPLE, option, str(path))
    assert f"{path}:" in message
    for word in words:
        assert word in message


def test_yaml_nested_a_few_levels_is_read(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "meta.yaml"
    path.write_text("critical_functions: " + "[" * 3 + "]" * 3 + "\n")
    message = plan_error(runner, tmp_path, SAMPLE, "--meta", str(path))
    assert "deeper than" not in message and "critical_functions" in message
