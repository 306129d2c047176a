"""The effort profile: the organisation's own numbers behind every estimate."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

from .catalogue import Compatibility
from .errors import InputError
from .paths import effort_profile_path
from .yamlfile import describe_validation, load_yaml

_HINT = "see the shipped effort-profile.yaml for every key and its meaning"


def _ordered(value: tuple[float, float, float]) -> tuple[float, float, float]:
    if not value[0] <= value[1] <= value[2]:
        raise ValueError("a three-point value is [optimistic, most likely, pessimistic], in order")
    return value


Triple = Annotated[
    tuple[
        Annotated[float, Field(ge=0)], Annotated[float, Field(ge=0)], Annotated[float, Field(ge=0)]
    ],
    AfterValidator(_ordered),
]


def _efficiencies(value: tuple[float, float, float]) -> tuple[float, float, float]:
    if not 1 >= value[0] >= value[1] >= value[2] > 0:
        raise ValueError("link efficiency is [best, typical, worst], each in (0, 1], descending")
    return value


Efficiency = Annotated[tuple[float, float, float], AfterValidator(_efficiencies)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EgressPrices(_Strict):
    free_gb: float = Field(ge=0)
    tiers: list[tuple[float | None, float]] = Field(min_length=1)
    source: str

    @model_validator(mode="after")
    def _tiers_cover_every_volume(self) -> EgressPrices:
        bounds = [upto for upto, _ in self.tiers]
        if bounds[-1] is not None or None in bounds[:-1]:
            raise ValueError("tiers end with one [null, price] for everything above the last bound")
        finite = [b for b in bounds if b is not None]
        if finite != sorted(finite) or len(set(finite)) != len(finite):
            raise ValueError("tier bounds must rise")
        return self


class Profile(_Strict):
    currency: str
    day_rate: float = Field(gt=0)
    team_size: int = Field(gt=0)
    working_days_per_week: int = Field(gt=0, le=7)
    base_effort: dict[str, Triple]
    compatibility_factor: dict[Compatibility, float]
    unknown_factor: float = Field(gt=0)
    environment_tag: str
    non_production_values: list[str]
    non_production_factor: float = Field(gt=0)
    data_effort_per_tib: Triple
    platform_effort: dict[str, Triple]
    programme_share: Triple
    bandwidth_mbps: float = Field(gt=0)
    link_efficiency: Efficiency
    egress: dict[str, EgressPrices]

    def base(self, category_id: str | None) -> tuple[float, float, float]:
        return self.base_effort.get(category_id or "default", self.base_effort["default"])

    def platform(self, category_id: str) -> tuple[float, float, float]:
        return self.platform_effort.get(category_id, self.platform_effort["default"])


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_profile(override: Path | None = None) -> Profile:
    data = load_yaml(effort_profile_path(), InputError, _HINT)
    source = effort_profile_path()
    if override is not None:
        if not override.is_file():
            raise InputError(f"{override}: no such effort profile file", _HINT)
        extra = load_yaml(override, InputError, _HINT)
        if not isinstance(extra, dict):
            raise InputError(f"{override}: an effort profile is a YAML mapping of keys", _HINT)
        data = _merge(data, extra)
        source = override
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        raise InputError(f"{source}: {describe_validation(exc, data)}", _HINT) from None
    for key, table in (
        ("base_effort", profile.base_effort),
        ("platform_effort", profile.platform_effort),
    ):
        if "default" not in table:
            raise InputError(f"{source}: {key} needs a 'default' entry", _HINT)
    missing = set(Compatibility) - set(profile.compatibility_factor)
    if missing:
        names = ", ".join(sorted(level.value for level in missing))
        raise InputError(f"{source}: compatibility_factor lacks {names}", _HINT)
    return profile
