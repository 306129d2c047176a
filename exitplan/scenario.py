"""A scenario: one way out, as the constraints and the hosting it prefers. The built-in ones
are generated from the catalogue (`exitplan.comparison`); an organisation writes its own in
YAML (`--scenario-file`), in the catalogue's constraints model."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .catalogue import Catalogue, Constraints, Hosting
from .errors import InputError
from .i18n import N_, _
from .reading import MAX_BYTES
from .yamlfile import describe_validation, load_yaml

_HINT = N_(
    "a scenario file is `scenarios:` with a list of entries: id, name, and any of "
    "description, primary, hosting (managed or self-hosted), constraints (prefer, "
    "require_jurisdiction, require_certifications, exclude_providers, max_providers, "
    "region) and place (category id: provider id); see docs/plan.md"
)


class Scenario(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str = Field(min_length=1)
    description: str = ""
    kind: Literal["provider", "sovereign", "mixed", "user"] = "user"
    primary: str | None = Field(None, description="the landing zone's provider; None: chosen")
    hosting: Hosting = Field(
        Hosting.MANAGED,
        description="what to prefer outside the infrastructure: the primary's managed "
        "services, or open source run on its infrastructure",
    )
    constraints: Constraints = Field(default_factory=Constraints)
    place: dict[str, str] = Field(
        default_factory=dict,
        description="category id -> provider id: data stores and free categories put on "
        "another provider's managed service",
    )

    @property
    def max_providers(self) -> int | None:
        return self.constraints.max_providers


class ScenarioFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    scenarios: list[Scenario] = Field(min_length=1)


def load_scenarios(
    paths: Sequence[Path], catalogue: Catalogue, max_bytes: int = MAX_BYTES
) -> list[Scenario]:
    """The organisation's own scenarios, each checked against the catalogue."""
    found: dict[str, tuple[Path, Scenario]] = {}
    for path in paths:
        if not path.is_file():
            raise InputError(_("{path}: no such scenario file").format(path=path), _(_HINT))
        data = load_yaml(path, InputError, _(_HINT), max_bytes)
        try:
            parsed = ScenarioFile.model_validate(data)
        except ValidationError as exc:
            raise InputError(f"{path}: {describe_validation(exc, data)}", _(_HINT)) from None
        for index, scenario in enumerate(parsed.scenarios):
            where = f"{path}: scenarios[{index}] ({scenario.id})"
            _check(where, scenario, catalogue)
            if scenario.id in found:
                raise InputError(
                    _("{where}: the id is also used in {other}").format(
                        where=where, other=found[scenario.id][0]
                    ),
                    _("give each scenario its own id"),
                )
            found[scenario.id] = (path, scenario.model_copy(update={"kind": "user"}))
    return [scenario for _path, scenario in found.values()]


def _check(where: str, scenario: Scenario, catalogue: Catalogue) -> None:
    providers: Mapping[str, object] = catalogue.providers
    named = [scenario.primary] if scenario.primary else []
    named += scenario.constraints.exclude_providers + list(scenario.place.values())
    for provider in named:
        if provider not in providers:
            raise InputError(
                _("{where}: no provider '{id}' in the catalogue").format(where=where, id=provider),
                _("`exitplan catalogue list` lists them"),
            )
    for category in scenario.place:
        if category not in catalogue.categories:
            raise InputError(
                _("{where}: place names '{id}', which is no category").format(
                    where=where, id=category
                ),
                _("`exitplan catalogue list` lists them"),
            )
