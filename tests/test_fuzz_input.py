"""No input file makes exitplan crash: every import fixture, the sample inventory, the
effort profile and plan metadata, changed in many ways (see `mutations`), give exit 0, 1
or 2 through the command line, never 3 or a traceback, and a refused file leaves no
output.

The cases are drawn from a seeded random.Random, so they are the same on every run.
A larger sweep: EXITPLAN_FUZZ_CASES=2000 (cases per file) and EXITPLAN_FUZZ_SEED=N."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner, Result

from exitplan.cli import app
from exitplan.paths import effort_profile_path
from exitplan.sample import sample_path
from tests.mutations import Mutation, applied, csv_text, draw, draw_csv, dumps

FIXTURES = Path(__file__).parent / "fixtures" / "import"
IMPORTED = sorted(p.name for p in FIXTURES.iterdir() if p.suffix not in (".py", ".md"))
CASES = int(os.environ.get("EXITPLAN_FUZZ_CASES", "40"))
SEED = os.environ.get("EXITPLAN_FUZZ_SEED", "0")


def _fault(result: Result, out: Path) -> str | None:
    """What is wrong with how a command ended, or None."""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        return f"raised {type(result.exception).__name__}: {result.exception}"
    if result.exit_code not in (0, 1, 2):
        return f"exit {result.exit_code}: {result.output.strip()[-300:]}"
    if "Traceback" in result.output or "internal error" in result.output:
        return f"a traceback: {result.output.strip()[-300:]}"
    if result.exit_code == 2:
        if not result.output.startswith("error: ") or "\nhint: " not in result.output:
            return f"exit 2 without an error and a hint: {result.output[:300]}"
        if out.exists() and (out.is_file() or (out / "exitplan-manifest.json").exists()):
            return "exit 2, and output was written"
    return None


def _write(path: Path, text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")  # a lone surrogate is written as it is
    path.write_bytes(gzip.compress(data, mtime=0) if path.suffix == ".gz" else data)


def _json_cases(name: str) -> list[tuple[str, str]]:
    raw = (FIXTURES / name).read_bytes()
    document = json.loads(gzip.decompress(raw) if name.endswith(".gz") else raw)
    rng = random.Random(f"{SEED}:{name}")
    return [(str(m), dumps(applied(document, m))) for m in draw(document, rng, CASES)]


def _csv_cases(name: str) -> list[tuple[str, str]]:
    text = (FIXTURES / name).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    rng = random.Random(f"{SEED}:{name}")
    tables = draw_csv(rows, rng, CASES)
    return [
        (f"table {n}: {csv_text(t)[:200]!r}", "\ufeff" + csv_text(t)) for n, t in enumerate(tables)
    ]


@pytest.mark.parametrize("name", IMPORTED)
def test_a_changed_import_file_is_never_a_crash(tmp_path: Path, name: str) -> None:
    cases = _csv_cases(name) if name.endswith(".csv") else _json_cases(name)
    runner = CliRunner()
    found = []
    for number, (change, text) in enumerate(cases):
        source = tmp_path / f"{number}-{name}"
        _write(source, text)
        out = tmp_path / f"{number}-inventory.json"
        result = runner.invoke(app, ["import", str(source), "--out", str(out)])
        fault = _fault(result, out)
        if fault is not None:
            found.append(f"{name} {change}: {fault}")
    assert not found, "\n".join(found)


def _plan_cases(document: Any, count: int) -> list[Mutation]:
    return draw(document, random.Random(f"{SEED}:sample-inventory"), count)


@pytest.mark.slow
def test_a_changed_inventory_is_never_a_crash(tmp_path: Path) -> None:
    document = json.loads(sample_path().read_text())
    runner = CliRunner()
    found = []
    # Fewer than for imports: a plan that is written takes a few tenths of a second.
    for number, mutation in enumerate(_plan_cases(document, max(CASES // 2, 1))):
        source = tmp_path / f"{number}-inventory.json"
        _write(source, dumps(applied(document, mutation)))
        out = tmp_path / f"{number}-plan"
        result = runner.invoke(app, ["plan", str(source), "--out", str(out), "--quiet"])
        fault = _fault(result, out)
        if fault is not None:
            found.append(f"{mutation}: {fault}")
    assert not found, "\n".join(found)


META = {
    "organisation": "Gemeente Voorbeeld",
    "plan_owner": "CIO office",
    "approved_by": "Board",
    "approved_on": "2026-10-01",
    "last_tested": "2026-09-15",
    "test_method": "tabletop",
    "review_interval_months": 12,
    "critical_functions": ["payroll", "permits"],
    "contracts": ["cloud agreement 2024"],
}


@pytest.mark.parametrize("option", ["--effort-profile", "--meta"])
def test_a_changed_profile_or_meta_is_never_a_crash(tmp_path: Path, option: str) -> None:
    sample = json.loads(sample_path().read_text())
    small = tmp_path / "inventory.json"  # a few resources: a plan that is written is quick
    small.write_text(json.dumps({**sample, "resources": sample["resources"][:5], "gaps": []}))
    document = (
        yaml.safe_load(effort_profile_path().read_text()) if option == "--effort-profile" else META
    )
    document = json.loads(json.dumps(document, default=str))  # dates as text, as written
    runner = CliRunner()
    found = []
    for number, mutation in enumerate(
        draw(document, random.Random(f"{SEED}:{option}"), max(CASES // 4, 1))
    ):
        source = tmp_path / f"{number}.yaml"
        _write(source, dumps(applied(document, mutation)))  # JSON text is YAML too
        out = tmp_path / f"{number}-plan"
        args = ["plan", str(small), option, str(source), "--out", str(out), "--quiet"]
        fault = _fault(runner.invoke(app, args), out)
        if fault is not None:
            found.append(f"{option} {mutation}: {fault}")
    assert not found, "\n".join(found)
