from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from exitplan.catalogue import Catalogue, load_catalogue
from exitplan.cli import app
from exitplan.profile import Profile, load_profile
from exitplan.sample import sample_path

# moto would otherwise give every account ~1,300 snapshots behind its built-in AMIs; the
# AWS tests assert exact counts. Read when moto creates its EC2 backend, so set it early.
os.environ["MOTO_EC2_LOAD_DEFAULT_AMIS"] = "false"


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture(scope="session")
def profile() -> Profile:
    return load_profile()


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def sample_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(sample_path().read_text())
    return data


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data))
    return path


def plan_error(runner: CliRunner, tmp_path: Path, *args: str) -> str:
    """`exitplan plan ARGS` that must fail as bad input: exit 2, a message and a hint on
    stderr, no traceback, no output left behind. Returns stderr."""
    out = tmp_path / "out"
    result = runner.invoke(app, ["plan", *args, "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert not out.exists(), "a failed run must not leave output behind"
    assert result.stderr.startswith("error: ")
    assert "hint: " in result.stderr
    return result.stderr


@pytest.fixture()
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    # Retries back off in real time (seconds); the retry logic itself still runs.
    monkeypatch.setattr(time, "sleep", lambda _: None)
    from moto import mock_aws

    with mock_aws():
        yield


@pytest.fixture(scope="session")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What `exitplan demo` writes, once for every test that reads it and leaves it be."""
    out = tmp_path_factory.mktemp("demo") / "demo"
    result = CliRunner().invoke(app, ["demo", "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return out
