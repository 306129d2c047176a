"""`exitplan ... | head -1`: when the reader has gone, exitplan stops quietly, as other
Unix tools do, instead of reporting an internal error. Run as a real process on a real pipe."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from exitplan.sample import sample_path


def _run_into_closed_pipe(*args: str) -> subprocess.CompletedProcess[bytes]:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before exitplan writes a byte
    try:
        return subprocess.run(
            [sys.executable, "-m", "exitplan", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            check=False,
            timeout=120,
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize(
    "args",
    [
        ["catalogue", "show", "cache"],
        ["catalogue", "list"],
        ["schema", "inventory"],
        ["permissions", "aws"],
        ["--version"],
        ["--help"],
    ],
)
def test_a_closed_stdout_ends_quietly(args: list[str]) -> None:
    result = _run_into_closed_pipe(*args)
    assert result.stderr == b""
    assert result.returncode == 1


def test_a_plan_whose_summary_cannot_be_read_ends_quietly(tmp_path: Path) -> None:
    result = _run_into_closed_pipe(
        "plan", str(sample_path()), "--out", str(tmp_path / "o"), "--quiet", "--json"
    )
    assert result.stderr == b""
    assert result.returncode == 1
    assert (tmp_path / "o" / "exit-plan.md").is_file()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["catalogue", "show", "cache"], ["schema", "inventory"]])
def test_a_full_disk_behind_stdout_is_named_not_an_internal_error(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "exitplan", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            check=False,
            timeout=120,
        )
    assert done.returncode == 2
    assert done.stderr.decode() == (
        "error: cannot write the output: No space left on device\n"
        "hint: check the disk or device the output goes to\n"
    )
