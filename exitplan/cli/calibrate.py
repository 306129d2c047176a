"""`exitplan calibrate`: recorded actuals (a CSV, or the runbooks' Actuals sections) set
against the model, and the E-BASE values they support."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ..calibrate import (
    MIN_POINTS,
    OVERLAY_HEADER,
    Actual,
    Calibration,
    overlay_yaml,
    read_csv,
    read_runbook,
)
from ..calibrate import (
    calibrate as calibrate_actuals,
)
from ..catalogue import Catalogue
from ..encoding import EncodingProblem, decode
from ..errors import InputError
from ..i18n import Number, _
from ..profile import load_profile
from ..reading import DEFAULT_MAX_GIB, max_bytes, read_bytes
from ..render import RUNBOOK_DIR
from ..runbook import LANDING_ZONE_RUNBOOK
from ..untrusted import json_text
from .choices import CatalogueOption, load_with_overlays
from .common import MaxFileOption, aligned, check_out_file, handled, write_out

CALIBRATE_HELP = _(
    "Set recorded actuals against the model and propose E-BASE values per category, with "
    "the data points behind each. Reads actuals CSV files (docs/estimation.md) or runbooks "
    "with a filled-in Actuals section: .md files, a runbooks folder or a plan folder.\n\n"
    "Example: exitplan calibrate actuals.csv --out calibrated-profile.yaml"
)


def _ours(path: Path) -> bool:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.readline().rstrip("\n") == OVERLAY_HEADER
    except OSError:
        return False


def _text(path: Path, limit: int) -> str:
    try:
        return decode(bytes(read_bytes(path, limit)))
    except EncodingProblem as exc:
        raise InputError(f"{path}: {exc}", _("save it as UTF-8")) from None


def _runbooks(folder: Path) -> list[Path]:
    inner = folder / RUNBOOK_DIR
    # The landing zone's runbook has no category, and no actuals: its effort is configuration.
    found = sorted(
        path
        for path in (inner if inner.is_dir() else folder).glob("*.md")
        if path.stem != LANDING_ZONE_RUNBOOK
    )
    if not found:
        raise InputError(
            _("{path}: no runbooks (*.md) in it").format(path=folder),
            _("name a plan folder, its runbooks folder, runbook files or an actuals CSV"),
        )
    return found


def _read(paths: list[Path], catalogue: Catalogue, limit: int) -> list[Actual]:
    actuals: list[Actual] = []
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += _runbooks(path)
        elif not path.exists():
            raise InputError(
                _("{path}: no such file").format(path=path),
                _("name an actuals CSV, runbooks or a plan folder"),
            )
        else:
            files.append(path)
    for path in files:
        text = _text(path, limit)
        if path.suffix.lower() == ".md":
            category = path.stem
            if category not in catalogue.categories:
                raise InputError(
                    _("{path}: not a runbook of a catalogue category ({id})").format(
                        path=path, id=category
                    ),
                    _("runbooks are named after their category, as exitplan plan writes them"),
                )
            actuals += read_runbook(text, str(path), category)
        else:
            actuals += read_csv(text, str(path), catalogue.categories)
    return actuals


@handled
def calibrate(
    ctx: typer.Context,
    actuals: Annotated[
        list[Path],
        typer.Argument(
            metavar="ACTUALS",
            help=_("Actuals CSV files, runbook .md files, runbooks folders or plan folders."),
        ),
    ],
    effort_profile: Annotated[
        Path | None,
        typer.Option(
            help=_("The profile the actuals are compared with. Default: the shipped one.")
        ),
    ] = None,
    catalogue_files: CatalogueOption = None,
    min_points: Annotated[
        int,
        typer.Option(
            "--min-points",
            min=1,
            help=_("Propose a value only for categories with at least this many data points."),
        ),
    ] = MIN_POINTS,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help=_(
                "Write the proposed values as an effort profile overlay (YAML). Replaces only "
                "a file calibrate wrote. Default: print only."
            ),
            show_default=False,
        ),
    ] = None,
    max_gib: MaxFileOption = DEFAULT_MAX_GIB,
    as_json: Annotated[
        bool, typer.Option("--json", help=_("Print the comparison as JSON."))
    ] = False,
) -> None:
    limit = max_bytes(max_gib)
    if out is not None:
        check_out_file(out, [*actuals, *([effort_profile] if effort_profile else [])], ours=_ours)
    catalogue = load_with_overlays(catalogue_files)
    profile = load_profile(effort_profile, limit)
    found = _read(actuals, catalogue, limit)
    if not found:
        raise InputError(
            _("no actuals in {paths}").format(paths=", ".join(str(p) for p in actuals)),
            _("record actuals in the runbooks' Actuals sections or in a CSV"),
        )
    result = calibrate_actuals(found, profile, min_points)
    if out is not None:
        write_out(out, overlay_yaml(result))
    data = _data(result, len(found), out)
    typer.echo(json_text(data) if as_json else "\n".join(_lines(data)))


def _data(result: Calibration, points: int, out: Path | None) -> dict[str, Any]:
    return {
        "data_points": points,
        "minimum_points": result.minimum,
        "categories": [
            {
                "category": c.category,
                "points": c.points,
                "resources": c.resources,
                "actual_person_days": round(c.actual_days, 2),
                "model_person_days": round(c.model_days, 2),
                "ratio": round(c.ratio, 3),
                "first_start": c.first_start.isoformat(),
                "last_end": c.last_end.isoformat(),
                "current": {"key": c.current_key, "value": [c.current.o, c.current.m, c.current.p]},
                "proposed": (
                    [c.proposed.o, c.proposed.m, c.proposed.p] if c.proposed is not None else None
                ),
            }
            for c in result.categories
        ],
        "overlay": str(out) if out is not None else None,
    }


def _lines(data: dict[str, Any]) -> list[str]:
    lines = [
        _("{points} data points; a value is proposed from {minimum} or more per category").format(
            points=data["data_points"], minimum=data["minimum_points"]
        ),
        "",
    ]
    headings = [_("category"), _("points"), _("resources"), _("actual"), _("model")]
    headings += [_("ratio"), _("E-BASE now -> proposed")]
    rows = []
    for c in data["categories"]:
        now = "[" + ", ".join(f"{v:g}" for v in c["current"]["value"]) + "]"
        if c["proposed"] is None:
            proposal = _("none: {points} of {minimum} points").format(
                points=c["points"], minimum=data["minimum_points"]
            )
        else:
            proposal = "[" + ", ".join(f"{v:g}" for v in c["proposed"]) + "]"
        actual, model = Number(c["actual_person_days"]), Number(c["model_person_days"])
        ratio = Number(c["ratio"])
        figures = [f"{actual:.1f}", f"{model:.1f}", f"{ratio:.2f}"]
        rows.append([c["category"], c["points"], c["resources"], *figures, f"{now} -> {proposal}"])
    lines += aligned(headings, (26, 6, 9, 9, 9, 6, 0), "<>>>>><", rows)
    if data["overlay"] is not None:
        lines += ["", _("wrote {path}").format(path=data["overlay"])]
    return lines
