"""`--spend` on `plan` and `scenarios`: today's spend beside the target's run cost."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from exitplan.cli import app
from exitplan.sample import sample_path
from exitplan.spend import read_spend

FIXTURES = Path(__file__).parent / "fixtures" / "spend"
GCP = FIXTURES / "gcp-billing.csv"  # EUR, one month covered fully
CUR = FIXTURES / "aws-cur-legacy-sample.csv"  # USD


def test_plan_sets_todays_spend_beside_the_run_cost(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["plan", str(sample_path()), "--out", str(out), "-q", "--spend", str(GCP)]
    )
    assert result.exit_code == 0, result.output
    expected = read_spend([GCP]).monthly_average("provider", "EUR").total
    data = json.loads((out / "plan.json").read_text())
    current = data["comparison"]["current_spend"]
    assert current["comparable"] and current["currency"] == "EUR"
    assert Decimal(str(current["per_month"])) == round(expected, 2)
    assert current["files"] == [
        {"name": "gcp-billing.csv", "format": "gcp", "basis": "billed", "rows": 2,
         "months": ["2025-03"]}
    ]  # fmt: skip
    reasons = data["comparison"]["recommendation"]["reasons"]
    assert any(r.startswith("today the estate costs") for r in reasons)
    text = (out / "exit-plan.md").read_text()
    assert "#### Today's spend" in text and "Today the estate costs" in text
    # The plan names the export by its name only, not where it was read from.
    assert str(FIXTURES) not in text and str(FIXTURES) not in json.dumps(data)


def test_spend_in_another_currency_is_shown_not_converted(runner: CliRunner) -> None:
    result = runner.invoke(app, ["scenarios", str(sample_path()), "--spend", str(CUR), "--json"])
    assert result.exit_code == 0, result.output
    current = json.loads(result.output)["current_spend"]
    assert current["currency"] == "USD" and not current["comparable"]
    text = runner.invoke(app, ["scenarios", str(sample_path()), "--spend", str(CUR)]).output
    assert "USD a month" in text and "converts no currencies" in text


def test_a_foreign_file_is_refused_naming_it(runner: CliRunner, tmp_path: Path) -> None:
    foreign = tmp_path / "people.csv"
    foreign.write_text("name,age\nada,36\n")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["plan", str(sample_path()), "--out", str(out), "--spend", str(foreign)]
    )
    assert result.exit_code == 2, result.output
    assert "people.csv" in result.output and "Traceback" not in result.output
    assert not out.exists()
    result = runner.invoke(app, ["scenarios", str(sample_path()), "--spend", str(foreign)])
    assert result.exit_code == 2 and "people.csv" in result.output
