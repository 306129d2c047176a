"""resource-mapping.csv starts no spreadsheet formula, however it is read: with commas as
the file says, with semicolons (Dutch Excel) or tabs, or split into lines first."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from exitplan.catalogue import Catalogue
from exitplan.cli import app
from exitplan.inventory import load_inventories
from exitplan.pipeline import make_plan
from exitplan.planning import PlanMeta
from exitplan.profile import Profile
from exitplan.render import _cell, _joined_csv, _write_csv, resource_csv
from exitplan.sample import sample_path
from exitplan.untrusted import visible
from tests.conftest import write_json
from tests.hostile import FORMULAS, hostile_inventory

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_TEXT_COLUMNS = ("account", "region", "type", "id", "name", "workload", "environment")


def _readings(text: str) -> Iterator[tuple[str, list[str]]]:
    for delimiter in (",", ";", "\t"):
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            yield f"csv {delimiter!r}", row
        for row in csv.reader(text.splitlines(), delimiter=delimiter):
            yield f"splitlines, csv {delimiter!r}", row
        for line in text.splitlines():
            yield f"splitlines, split {delimiter!r}", line.split(delimiter)


def _plan_csv(runner: CliRunner, tmp_path: Path, sample_data: dict[str, Any]) -> str:
    inventory = write_json(tmp_path / "inv.json", hostile_inventory(sample_data))
    result = runner.invoke(app, ["plan", str(inventory), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    return (tmp_path / "o" / "resource-mapping.csv").read_bytes().decode("utf-8")


def test_no_reading_of_the_csv_starts_a_formula(
    runner: CliRunner, tmp_path: Path, sample_data: dict[str, Any]
) -> None:
    text = _plan_csv(runner, tmp_path, sample_data)
    checked = 0
    for reading, row in _readings(text):
        for cell in row:
            # Spreadsheets skip spaces, and a stray quote, before a formula.
            assert not cell.lstrip(' "').startswith(_FORMULA_START), (reading, cell)
            checked += 1
    assert checked > 10_000


def test_every_text_column_is_guarded_and_still_readable(
    runner: CliRunner, tmp_path: Path, sample_data: dict[str, Any]
) -> None:
    rows = list(csv.DictReader(io.StringIO(_plan_csv(runner, tmp_path, sample_data), newline="")))
    assert len(rows) == len(sample_data["resources"])  # no row was split in two
    seen = {column: {row[column] for row in rows} for column in _TEXT_COLUMNS}
    for payload in FORMULAS:
        # The guard only adds apostrophes; the text, its controls shown, is all there
        # (types and ids have a prefix or suffix of the test's).
        shown = visible(payload).replace("'", "")
        for column in _TEXT_COLUMNS:
            found = [v for v in seen[column] if shown in v.replace("'", "")]
            assert found, (column, payload)
            assert not found[0].startswith(_FORMULA_START), (column, found[0])


def test_the_quick_path_writes_what_the_full_guard_writes(
    catalogue: Catalogue, profile: Profile
) -> None:
    # The sample holds no control, separator or quote in its text: the quick path is taken.
    plan = make_plan(load_inventories([sample_path()]), catalogue, profile, PlanMeta())
    assert resource_csv(plan) == _write_csv(plan, _cell)


# Each alone makes the cells joined as they are differ from what the writer and the guard
# make of them; the quick path must notice it and leave the file to them.
_ONE_RISK = [
    ("name", "a, b"),
    ("name", "-1 day"),
    ("name", " =padded"),
    ("name", "a;=b"),
    ("name", 'say "hi"'),
    ("name", "tab\there"),
    ("name", "a forged\r\nrow" + ",cell" * 16),
    ("name", "\u202egnp.exe"),
    ("id", "@home"),
    ("account", "+31"),
    ("region", "=1"),
    ("environment", "-prod"),
    ("application", " -spaced"),
]


@pytest.mark.parametrize(("field", "value"), _ONE_RISK)
def test_a_cell_the_quick_path_cannot_join_is_left_to_the_full_guard(
    catalogue: Catalogue, profile: Profile, field: str, value: str
) -> None:
    loaded = load_inventories([sample_path()])
    resources = list(loaded.inventory.resources)
    first = resources[0]
    if field in ("environment", "application"):
        changed = first.model_copy(update={"tags": {**first.tags, field: value}})
    else:
        changed = first.model_copy(update={field: value})
    resources[0] = changed
    inventory = loaded.inventory.model_copy(update={"resources": resources})
    plan = make_plan(replace(loaded, inventory=inventory), catalogue, profile, PlanMeta())
    text = resource_csv(plan)
    assert text == _write_csv(plan, _cell)
    assert text != "".join(chunk for _, chunk in _joined_csv(plan))
