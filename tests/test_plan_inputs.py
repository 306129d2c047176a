"""Hostile plan metadata (--meta) and effort profiles (--effort-profile): refused as bad
input with the key named, never an internal error, never an absurd figure."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from exitplan.cli import app
from exitplan.errors import InputError
from exitplan.profile import load_profile
from exitplan.sample import sample_path

from .conftest import plan_error


def _meta_error(runner: CliRunner, tmp_path: Path, text: str) -> str:
    meta = tmp_path / "meta.yaml"
    meta.write_text(text)
    return plan_error(runner, tmp_path, str(sample_path()), "--meta", str(meta))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("approved_on: 9999-06-01\n", ["approved_on", "in the future"]),
        ("last_tested: 0001-01-01\n", ["last_tested", "before 2006-01-01"]),
        ("approved_on: 1718000000\n", ["approved_on", "a number"]),
        ("approved_on: '1718000000'\n", ["approved_on", "a number"]),
        ("approved_on: true\n", ["approved_on"]),
        ("approved_on: 2026-02-30\n", ["meta.yaml:1", "2026-02-30", "not a date"]),
        ("last_tested: 2026-13-01\n", ["meta.yaml:1", "not a date"]),
        ("review_interval_months: true\n", ["review_interval_months"]),
        ("review_interval_months: '12'\n", ["review_interval_months"]),
    ],
)
def test_bad_meta_dates_and_numbers_are_refused(
    runner: CliRunner, tmp_path: Path, text: str, words: list[str]
) -> None:
    message = _meta_error(runner, tmp_path, text)
    for word in words:
        assert word in message


def test_a_meta_date_after_tomorrow_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    later = dt.datetime.now(dt.timezone.utc).date() + dt.timedelta(days=3)
    message = _meta_error(runner, tmp_path, f"last_tested: {later}\n")
    assert "last_tested" in message and "in the future" in message


def test_a_key_twice_in_meta_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    message = _meta_error(runner, tmp_path, "organisation: A\nplan_owner: B\norganisation: C\n")
    assert "meta.yaml:3" in message and "'organisation' appears twice" in message
    assert "line 1" in message


def test_meta_in_utf16_is_read(runner: CliRunner, tmp_path: Path) -> None:
    meta = tmp_path / "meta.yaml"
    meta.write_bytes("organisation: Gemeente \u00c9\u00e9n\n".encode("utf-16"))
    out = tmp_path / "o"
    result = runner.invoke(
        app, ["plan", str(sample_path()), "--out", str(out), "--meta", str(meta)]
    )
    assert result.exit_code == 0, result.output
    assert "Gemeente \u00c9\u00e9n" in (out / "exit-plan.md").read_text()


def test_an_infinite_day_rate_is_refused_on_the_command_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text("day_rate: .inf\n")
    message = plan_error(runner, tmp_path, str(sample_path()), "--effort-profile", str(profile))
    assert "day_rate" in message and "finite" in message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("day_rate: .nan\n", "day_rate"),
        ("day_rate: 1.0e+300\n", "day_rate"),
        ("team_size: 1000000\n", "team_size"),
        ("team_size: true\n", "team_size"),
        ("team:\n  engineers: {people: 2, availability: 1.5}\n", "team.engineers.availability"),
        ("team:\n  engineers: {people: 2, share: 0.5}\n", "team.engineers"),
        ("team:\n  engineers: {people: -1, availability: 1}\n", "team.engineers.people"),
        ("parallel_run_weeks: 100\n", "parallel_run_weeks"),
        ("day_rate: '950'\n", "day_rate"),
        ("bandwidth_mbps: 1.0e-300\n", "bandwidth_mbps"),
        ("bandwidth_mbps: .inf\n", "bandwidth_mbps"),
        ("unknown_factor: 1.0e+9\n", "unknown_factor"),
        ("non_production_factor: .inf\n", "non_production_factor"),
        ("compatibility_factor:\n  drop-in: .nan\n", "compatibility_factor.drop-in"),
        ("base_effort:\n  default: [1, 2, 1.0e+9]\n", "base_effort.default"),
        ("base_effort:\n  default: [1, .nan, 3]\n", "base_effort.default"),
        ("platform_effort:\n  default: [1, 2, .inf]\n", "platform_effort.default"),
        ("data_effort_per_tib: [1, 2, 1.0e+9]\n", "data_effort_per_tib"),
        ("programme_share: [0.1, 0.2, 30]\n", "programme_share"),
        ("programme_share: [0.3, 0.2, 0.1]\n", "in order"),
        ("link_efficiency: [0.8, 0.5, 1.0e-300]\n", "link_efficiency"),
        ("egress:\n  aws:\n    free_gb: .inf\n", "egress.aws.free_gb"),
        ("egress:\n  aws:\n    tiers: [[1.0e+300, 0.1], [null, 0.05]]\n", "egress.aws.tiers"),
        ("egress:\n  aws:\n    tiers: [[100, .nan], [null, 0.05]]\n", "egress.aws.tiers"),
        ("egress:\n  aws:\n    tiers: [[100, 0.1], [null, 1.0e+9]]\n", "egress.aws.tiers"),
    ],
)
def test_profile_numbers_out_of_bounds_are_refused(tmp_path: Path, text: str, words: str) -> None:
    override = tmp_path / "p.yaml"
    override.write_text(text)
    with pytest.raises(InputError, match=words.replace(".", r"\.")):
        load_profile(override)


def test_a_key_twice_in_a_profile_is_refused(tmp_path: Path) -> None:
    override = tmp_path / "p.yaml"
    override.write_text("day_rate: 900\nteam_size: 4\nday_rate: 1200\n")
    with pytest.raises(InputError, match=r"p\.yaml:3: the key 'day_rate' appears twice"):
        load_profile(override)


def test_yaml_merge_keys_are_no_repeats(tmp_path: Path) -> None:
    override = tmp_path / "p.yaml"
    override.write_text(
        "egress:\n  aws: &prices\n    free_gb: 10\n  gcp:\n    <<: *prices\n    free_gb: 20\n"
    )
    profile = load_profile(override)
    assert profile.egress["gcp"].free_gb == 20 and profile.egress["aws"].free_gb == 10
