"""The options that say which catalogue to use and what its choices must respect, shared by
`exitplan plan` and `exitplan catalogue`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

from ..catalogue import AlternativeKind, Catalogue, Constraints, Exposure, load_catalogue
from ..errors import InputError
from ..i18n import _
from ..scenario import Scenario, load_scenarios
from ..spend import Spend, read_spend


def _option(flag: str, help: str) -> Any:
    return typer.Option(flag, help=help, show_default=False)


CatalogueOption = Annotated[
    list[Path] | None,
    _option(
        "--catalogue",
        _(
            "A YAML file laid over the shipped catalogue: adds or overrides categories, "
            "alternatives, providers and constraints. Repeatable; later files win."
        ),
    ),
]
PreferOption = Annotated[
    list[AlternativeKind] | None,
    _option(
        "--prefer", _("Rank alternatives of this kind first. Repeatable, in order of preference.")
    ),
]
JurisdictionOption = Annotated[
    list[Exposure] | None,
    _option(
        "--require-jurisdiction",
        _(
            "Allow managed services only from providers exposed to these legal orders "
            "(their seat and controlling owner). Repeatable, e.g. eu and eea."
        ),
    ),
]
CertificationOption = Annotated[
    list[str] | None,
    _option(
        "--require-certification",
        _("Allow managed services only from providers holding it. Repeatable."),
    ),
]
ExcludeOption = Annotated[
    list[str] | None,
    _option(
        "--exclude-provider",
        _("Never choose this provider (an id from `exitplan catalogue list`)."),
    ),
]
MaxProvidersOption = Annotated[
    int | None,
    typer.Option(
        "--max-providers",
        min=1,
        help=_("Use at most this many providers of managed services across the plan."),
        show_default=False,
    ),
]
RegionOption = Annotated[
    str | None,
    _option(
        "--region", _("A country (NL) or a provider region id the managed services must run in.")
    ),
]


ScenarioOption = Annotated[
    str | None,
    _option(
        "--scenario",
        _(
            "Plan this scenario (an id from `exitplan scenarios`). Default: the best-scoring "
            "one, and the plan says why."
        ),
    ),
]
ScenarioFileOption = Annotated[
    list[Path] | None,
    _option(
        "--scenario-file",
        _(
            "A YAML file of your own scenarios, compared with the built-in ones "
            "(`exitplan schema scenarios`). Repeatable."
        ),
    ),
]


SpendOption = Annotated[
    list[Path] | None,
    _option(
        "--spend",
        _(
            "A cost export (FOCUS, AWS CUR or Cost Explorer, Azure or Google billing export; "
            "CSV, gzip, JSON or Parquet) whose monthly spend is set against the target's run "
            "cost. Repeatable."
        ),
    ),
]


def load_with_overlays(overlays: list[Path] | None) -> Catalogue:
    for path in overlays or ():
        if not path.is_file():
            raise InputError(
                _("{path}: no such catalogue file").format(path=path),
                _("name a YAML file in the catalogue's shape (`exitplan schema catalogue`)"),
            )
    return load_catalogue(overlays=tuple(overlays or ()))


def constraints_from(
    catalogue: Catalogue,
    *,
    prefer: list[AlternativeKind] | None = None,
    jurisdiction: list[Exposure] | None = None,
    certifications: list[str] | None = None,
    exclude: list[str] | None = None,
    max_providers: int | None = None,
    region: str | None = None,
) -> Constraints:
    """The options laid over the catalogue's own constraints (from its overlays)."""
    given: dict[str, Any] = {}
    for name, value in (
        ("prefer", prefer),
        ("require_jurisdiction", jurisdiction),
        ("require_certifications", certifications),
        ("exclude_providers", exclude),
        ("max_providers", max_providers),
        ("region", region),
    ):
        if value:
            given[name] = value
    for provider in exclude or ():
        if provider not in catalogue.providers:
            raise InputError(
                _("--exclude-provider {id}: no such provider in the catalogue").format(id=provider),
                _("`exitplan catalogue list` lists them"),
            )
    return Constraints(**given).over(catalogue.constraints)


@dataclass(frozen=True)
class Choices:
    """What `plan`, `scenarios` and `estimate` build scenarios from, read from their options."""

    catalogue: Catalogue
    constraints: Constraints
    own: tuple[Scenario, ...]  # the organisation's scenarios, from --scenario-file
    spend: Spend | None  # today's spend, from --spend


def choices_from(
    *,
    catalogue_files: list[Path] | None,
    scenario_files: list[Path] | None,
    spend_files: list[Path] | None,
    limit: int,
    **constraints: Any,
) -> Choices:
    """The catalogue with its overlays, the constraint options over its own constraints
    (`constraints`: the keywords of `constraints_from`), the scenario files and the cost
    exports; no file may hold more than `limit` bytes."""
    catalogue = load_with_overlays(catalogue_files)
    return Choices(
        catalogue,
        constraints_from(catalogue, **constraints),
        tuple(load_scenarios(scenario_files or (), catalogue, limit)),
        read_spend(spend_files, max_bytes=limit) if spend_files else None,
    )
