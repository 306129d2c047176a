"""How much of real estates the catalogue maps: imports every Terraform state in the folders
given (`*.tfstate`; backups left out), maps and estimates each with the installed catalogue
and the default effort profile, and prints per state and per cloud the resources, how many
map to a service category, how many are structural (configuration that moves with another
resource), how many map to nothing, and the unmapped ones' share of the resources' likely
person-days (platform and programme effort left out: `exitplan.coverage`).

Not part of `make test` or `make bench`: the states are public files outside the repository.
A state the importer refuses (empty, not JSON, state version 3) is listed with the reason
and left out of the totals.

    python bench/catalogue_coverage.py /tmp/tfaws-states /tmp/tfazure-states
    python bench/catalogue_coverage.py --json DIR ...
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from connectors.importers.run import import_files
from exitplan.catalogue import load_catalogue
from exitplan.coverage import Coverage, CoverageRow, coverage
from exitplan.errors import ExitplanError, InputError
from exitplan.estimate import ItemEstimate, estimate
from exitplan.mapping import map_resources
from exitplan.profile import load_profile

TOP = 15  # unmapped types listed per cloud


@dataclass
class Result:
    states: list[tuple[Path, Coverage]] = field(default_factory=list)
    refused: list[tuple[Path, str]] = field(default_factory=list)
    items: list[ItemEstimate] = field(default_factory=list)

    @property
    def total(self) -> Coverage:
        return coverage(self.items)


def states(folders: Iterable[Path]) -> list[Path]:
    return sorted(path for folder in folders for path in folder.glob("*.tfstate"))


def run(folders: Sequence[Path]) -> Result:
    catalogue, profile = load_catalogue(), load_profile()
    result = Result()
    for path in states(folders):
        try:
            inventory = import_files([path], "terraform")
        except InputError as exc:
            result.refused.append((path, exc.message.removeprefix(f"{path}: ")))
            continue
        items = estimate(map_resources(inventory.resources, catalogue), profile).items
        result.states.append((path, coverage(items)))
        result.items += items
    return result


def _figures(row: CoverageRow) -> dict[str, Any]:
    return {**asdict(row), "unmapped_effort_share": round(row.unmapped_effort_share, 4)}


def as_json(result: Result) -> str:
    total = result.total
    return json.dumps(
        {
            "states": [
                {"state": str(path), **_figures(row)}
                for path, found in result.states
                for row in found.rows
            ],
            "refused": [{"state": str(path), "reason": why} for path, why in result.refused],
            "clouds": {row.provider: _figures(row) for row in total.rows},
            "total": _figures(total.total),
            "unmapped_types": [
                {"provider": p, "type": t, "resources": n} for p, t, n in total.unmapped_types
            ],
        },
        indent=2,
    )


def _line(name: str, row: CoverageRow) -> str:
    return (
        f"{name:<64.64} {row.resources:>6} {row.mapped:>6} {row.structural:>6} "
        f"{row.unmapped:>6} {row.unmapped_effort_share:>8.1%}"
    )


def show(result: Result) -> None:
    print(
        f"{'state [cloud]':<64} {'res':>6} {'mapped':>6} {'struct':>6} {'unmap':>6} {'unmap-d':>8}"
    )
    for path, found in result.states:
        for row in found.rows:
            print(_line(f"{path.name} [{row.provider}]", row))
    total = result.total
    print()
    for row in total.rows:
        held = sum(1 for _path, found in result.states if row.provider in _clouds(found))
        print(_line(f"total {row.provider} ({held} states)", row))
    print(_line(f"total ({len(result.states)} states)", total.total))
    for row in total.rows:
        worst = [(t, n) for p, t, n in total.unmapped_types if p == row.provider][:TOP]
        if worst:
            print(f"\n{row.provider}: most frequent unmapped types")
            for native, count in worst:
                print(f"  {count:>5}  {native}")
    if result.refused:
        print(f"\nrefused by the importer: {len(result.refused)}")
        for path, why in result.refused:
            print(f"  {path.name}: {why[:100]}")


def _clouds(found: Coverage) -> set[str]:
    return {row.provider for row in found.rows}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path, help="folders of Terraform states")
    parser.add_argument("--json", action="store_true", help="print JSON (default: a table)")
    args = parser.parse_args(argv)
    missing = [str(folder) for folder in args.folders if not folder.is_dir()]
    if missing:
        parser.error(f"not a folder: {', '.join(missing)}")
    try:
        result = run(args.folders)
    except ExitplanError as exc:
        print(
            f"error: {exc.message}" + (f"\nhint: {exc.hint}" if exc.hint else ""), file=sys.stderr
        )
        return 2
    if args.json:
        print(as_json(result))
    else:
        show(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
