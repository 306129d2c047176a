"""`exitplan calibrate`: actuals from CSV and runbooks set against the model, and the
E-BASE values they support."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from exitplan.calibrate import calibrate, read_csv, read_runbook
from exitplan.catalogue import load_catalogue
from exitplan.cli import app
from exitplan.errors import InputError
from exitplan.profile import load_profile
from exitplan.sample import sample_path
from exitplan.threepoint import ThreePoint

ROOT = Path(__file__).parent.parent
SAMPLE_CSV = ROOT / "docs" / "examples" / "actuals.csv"
HEADER = "runbook,resources,actual_days,start,end,compatibility\n"
CATEGORIES = frozenset(load_catalogue().categories)


def _synthetic(true: dict[str, tuple[float, float, float]]) -> str:
    """Rows whose days are exactly what the `true` E-BASE means predict, on mixed
    compatibility levels (whose shipped factors are 1, 2, 3 and 5)."""
    factors = {"drop-in": 1.0, "compatible": 2.0, "partial": 3.0, "different": 5.0}
    rows = [HEADER]
    for category, base in sorted(true.items()):
        mean = ThreePoint(*base).mean
        for index, (count, level) in enumerate(
            [(4, "drop-in"), (7, "compatible"), (2, "partial"), (5, "different")]
        ):
            days = count * factors[level] * mean
            rows.append(
                f"{category},{count},{days!r},2027-0{index + 1}-01,2027-0{index + 1}-20,{level}\n"
            )
    return "".join(rows)


def test_calibration_recovers_a_known_profile() -> None:
    shipped = load_profile()
    # The "true" profile: the shipped shapes at other levels, as an organisation's history
    # would show them.
    true = {
        "compute-vm": ThreePoint(*shipped.base("compute-vm")).scaled(1.7),
        "relational-postgresql": ThreePoint(*shipped.base("relational-postgresql")).scaled(0.6),
        "kubernetes": ThreePoint(*shipped.base("kubernetes")).scaled(2.5),
    }
    text = _synthetic({k: (v.o, v.m, v.p) for k, v in true.items()})
    result = calibrate(read_csv(text, "synthetic.csv", CATEGORIES), shipped)
    assert [c.category for c in result.proposed] == sorted(true)
    for row in result.proposed:
        assert row.points == 4
        assert row.proposed is not None
        want = true[row.category]
        assert (row.proposed.o, row.proposed.m, row.proposed.p) == pytest.approx(
            (want.o, want.m, want.p), abs=0.001
        )


def test_a_category_with_too_few_points_gets_no_proposal(runner: CliRunner) -> None:
    result = runner.invoke(app, ["calibrate", str(SAMPLE_CSV)])
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if x.strip().startswith("object-storage"))
    assert "none: 1 of 3 points" in line
    data = json.loads(runner.invoke(app, ["calibrate", str(SAMPLE_CSV), "--json"]).output)
    by_id = {c["category"]: c for c in data["categories"]}
    assert by_id["object-storage"]["proposed"] is None
    assert by_id["object-storage"]["points"] == 1
    # compute-vm: 6 + 8 drop-in and 3 compatible (x2) = 20 drop-in resources at the mean of
    # [0.5, 1, 2.5] = 1.1667: 23.33 modelled; 9.5 + 14 + 11 = 34.5 actual.
    vm = by_id["compute-vm"]
    assert vm["model_person_days"] == pytest.approx(23.33, abs=0.01)
    assert vm["actual_person_days"] == 34.5
    assert vm["proposed"] == pytest.approx([0.739, 1.479, 3.696], abs=0.001)
    lower = json.loads(
        runner.invoke(app, ["calibrate", str(SAMPLE_CSV), "--json", "--min-points", "1"]).output
    )
    assert all(c["proposed"] is not None for c in lower["categories"])


def test_the_shipped_sample_gives_an_overlay_that_plans_with(
    runner: CliRunner, tmp_path: Path
) -> None:
    overlay = tmp_path / "calibrated.yaml"
    result = runner.invoke(app, ["calibrate", str(SAMPLE_CSV), "--out", str(overlay)])
    assert result.exit_code == 0, result.output
    assert f"wrote {overlay}" in result.output
    profile = load_profile(overlay)
    assert profile.base("compute-vm") == pytest.approx((0.739, 1.479, 3.696))
    assert profile.base("object-storage") == load_profile().base("object-storage")
    explained = runner.invoke(
        app,
        [
            "estimate",
            str(sample_path()),
            "--effort-profile",
            str(overlay),
            "--json",
            "--explain",
            "arn:aws:rds:eu-west-1:604738215539:db:portaal-db-test",
        ],
    )
    data: dict[str, Any] = json.loads(explained.output)
    base = next(f for f in data["factors"] if f["rule"] == "E-BASE")
    assert base["value"] == pytest.approx([1.385, 2.769, 5.538])
    # Its own file is replaced; anyone else's is not.
    again = runner.invoke(app, ["calibrate", str(SAMPLE_CSV), "--out", str(overlay)])
    assert again.exit_code == 0, again.output
    foreign = tmp_path / "mine.yaml"
    foreign.write_text("day_rate: 1000\n")
    refused = runner.invoke(app, ["calibrate", str(SAMPLE_CSV), "--out", str(foreign)])
    assert refused.exit_code == 2
    assert "exists and is not a file exitplan wrote" in refused.output
    assert foreign.read_text() == "day_rate: 1000\n"


@pytest.mark.parametrize(
    ("row", "where"),
    [
        ("compute-vm,two,3,2027-01-01,2027-01-02,drop-in", "bad.csv:3, column resources"),
        ("compute-vm,2,0,2027-01-01,2027-01-02,drop-in", "bad.csv:3, column actual_days"),
        ("compute-vm,2,nan,2027-01-01,2027-01-02,drop-in", "bad.csv:3, column actual_days"),
        ("compute-vm,2,3,01/02/2027,2027-01-02,drop-in", "bad.csv:3, column start"),
        ("compute-vm,2,3,2027-01-03,2027-01-02,drop-in", "bad.csv:3, column end"),
        ("compute-vm,2,3,2027-01-01,2027-01-02,easy", "bad.csv:3, column compatibility"),
        ("compute-vn,2,3,2027-01-01,2027-01-02,drop-in", "bad.csv:3, column runbook"),
        ("compute-vm,2,3,2027-01-01", "bad.csv:3: 4 values for 6 columns"),
    ],
)
def test_a_bad_csv_exits_2_naming_file_line_and_column(
    runner: CliRunner, tmp_path: Path, row: str, where: str
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "compute-vm,1,1,2027-01-01,2027-01-01,drop-in\n" + row + "\n")
    result = runner.invoke(app, ["calibrate", str(bad)])
    assert result.exit_code == 2, result.output
    assert where in result.output
    assert "Traceback" not in result.output


def test_a_csv_header_must_name_the_required_columns() -> None:
    with pytest.raises(InputError, match=r"x.csv:1: the header lacks actual_days"):
        read_csv("runbook,resources,start,end\n", "x.csv", CATEGORIES)
    with pytest.raises(InputError, match=r"x.csv:1, column 6: unknown column 'notes'"):
        read_csv("runbook,resources,actual_days,start,end,notes\n", "x.csv", CATEGORIES)


def test_the_closest_category_is_offered() -> None:
    with pytest.raises(InputError, match=r"closest: compute-vm"):
        read_csv(HEADER + "compute-vn,1,1,2027-01-01,2027-01-01,\n", "x.csv", CATEGORIES)


RUNBOOK = """# Runbook

| item | value |
|---|---|
| Compatibility | compatible: mostly the same |

<!-- exitplan:manual:notes -->
<!-- exitplan:end -->

## Actuals

<!-- exitplan:manual:actuals -->
We moved the web tier first.

| scope | resources | person-days | start | end |
|---|---:|---:|---|---|
| wave 1 | 4 | 10 | 2027-03-01 | 2027-03-12 |
| i-0abc \\| i-0def | 2 | 3.5 | 2027-04-01 | 2027-04-03 |

Problems: none worth naming.
<!-- exitplan:end -->
"""


def test_runbook_actuals_are_read_with_the_runbooks_compatibility() -> None:
    rows = read_runbook(RUNBOOK, "runbooks/compute-vm.md", "compute-vm")
    assert [(r.scope, r.resources, r.days, r.compatibility.value) for r in rows] == [
        ("wave 1", 4, 10.0, "compatible"),
        ("i-0abc \\| i-0def", 2, 3.5, "compatible"),
    ]
    assert rows[0].source == "runbooks/compute-vm.md:17"


def test_a_bad_runbook_row_names_its_line_and_column() -> None:
    bad = RUNBOOK.replace("| 2027-04-03 |", "| 3 April |")
    with pytest.raises(InputError, match=r"runbooks/compute-vm.md:18, column end"):
        read_runbook(bad, "runbooks/compute-vm.md", "compute-vm")


def test_actuals_in_a_plans_runbooks_survive_regeneration_and_calibrate(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "plan"
    args = ["plan", str(sample_path()), "--out", str(out), "-q"]
    assert runner.invoke(app, args).exit_code == 0
    runbook = out / "runbooks" / "compute-vm.md"
    table = "| scope | resources | person-days | start | end |\n|---|---|---|---|---|\n" + "".join(
        f"| wave {n} | 5 | {n * 4} | 2027-0{n}-01 | 2027-0{n}-09 |\n" for n in (1, 2, 3)
    )
    marker = "<!-- exitplan:manual:actuals -->\n"
    runbook.write_text(runbook.read_text().replace(marker, marker + table))
    assert runner.invoke(app, args).exit_code == 0
    assert table in runbook.read_text()
    result = runner.invoke(app, ["calibrate", str(out), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["data_points"] == 3
    [vm] = data["categories"]
    assert vm["category"] == "compute-vm"
    assert vm["actual_person_days"] == 24.0
    assert vm["proposed"] is not None


def test_runbooks_without_actuals_are_refused_as_no_actuals(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "plan"
    assert runner.invoke(app, ["plan", str(sample_path()), "--out", str(out), "-q"]).exit_code == 0
    result = runner.invoke(app, ["calibrate", str(out / "runbooks")])
    assert result.exit_code == 2
    assert "no actuals in" in result.output
