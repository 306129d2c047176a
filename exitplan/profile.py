"""The effort profile: the organisation's own numbers behind every estimate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    ValidationError,
    model_validator,
)

from .catalogue import Compatibility
from .errors import InputError
from .i18n import N_, _
from .moments import day_in_bounds, no_number
from .paths import effort_profile_path
from .reading import MAX_BYTES
from .yamlfile import describe_validation, load_yaml

_HINT = N_("see the shipped effort-profile.yaml for every key and its meaning")


def _ordered(value: tuple[float, float, float]) -> tuple[float, float, float]:
    if not value[0] <= value[1] <= value[2]:
        raise ValueError(
            _("a three-point value is [optimistic, most likely, pessimistic], in order")
        )
    return value


# Every number has bounds, far from any real organisation's figure and far from where the
# arithmetic would overflow or give a figure nobody could act on. Numbers are read
# strictly: `true` is not 1, and '950' is text, not a number.
_ItemDays = Annotated[float, Strict(), Field(ge=0, le=1_000, allow_inf_nan=False)]
_PlatformDays = Annotated[float, Strict(), Field(ge=0, le=10_000, allow_inf_nan=False)]
_Share = Annotated[float, Strict(), Field(ge=0, le=2, allow_inf_nan=False)]
_Factor = Annotated[float, Strict(), Field(gt=0, le=100, allow_inf_nan=False)]
_Efficiency = Annotated[float, Strict(), Field(ge=0.01, le=1, allow_inf_nan=False)]
_GB = Annotated[float, Strict(), Field(ge=0, le=1e9, allow_inf_nan=False)]
_UsdPerGB = Annotated[float, Strict(), Field(ge=0, le=10, allow_inf_nan=False)]
_Count = Annotated[int, Strict()]
_Fte = Annotated[float, Strict(), Field(ge=0, le=100, allow_inf_nan=False)]
_Weight = Annotated[float, Strict(), Field(ge=0, le=100, allow_inf_nan=False)]

Triple = Annotated[tuple[_ItemDays, _ItemDays, _ItemDays], AfterValidator(_ordered)]
PlatformTriple = Annotated[
    tuple[_PlatformDays, _PlatformDays, _PlatformDays], AfterValidator(_ordered)
]
ShareTriple = Annotated[tuple[_Share, _Share, _Share], AfterValidator(_ordered)]


def _efficiencies(value: tuple[float, float, float]) -> tuple[float, float, float]:
    if not value[0] >= value[1] >= value[2]:
        raise ValueError(_("link efficiency is [best, typical, worst], descending"))
    return value


Efficiency = Annotated[tuple[_Efficiency, _Efficiency, _Efficiency], AfterValidator(_efficiencies)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


_Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]


class EgressPrices(_Strict):
    free_gb: _GB
    tiers: list[tuple[_GB | None, _UsdPerGB]] = Field(min_length=1)
    source: str
    currency: _Currency = "USD"  # the prices' currency, converted with `exchange_rates`

    @model_validator(mode="after")
    def _tiers_cover_every_volume(self) -> EgressPrices:
        bounds = [upto for upto, _ in self.tiers]
        if bounds[-1] is not None or None in bounds[:-1]:
            raise ValueError(
                _("tiers end with one [null, price] for everything above the last bound")
            )
        finite = [b for b in bounds if b is not None]
        if finite != sorted(finite) or len(set(finite)) != len(finite):
            raise ValueError(_("tier bounds must rise"))
        return self


class ExchangeRate(_Strict):
    """[E-RATE] what one unit of a currency is worth in the plan's currency (`to`), on a
    stated day, from a stated source."""

    rate: Annotated[float, Strict()] = Field(gt=0, le=1_000_000, allow_inf_nan=False)
    to: _Currency
    date: Annotated[dt.date, BeforeValidator(no_number), AfterValidator(day_in_bounds)]
    source: str = Field(min_length=1)
    uncertain: Annotated[bool, Strict()] = False


Basis = Literal["included", "own", "unrecorded"]
_Words = dict[Annotated[str, Field(min_length=1)], list[Annotated[str, Field(min_length=1)]]]


class LicenceRule(_Strict):
    """[E-LICENCE] a licensed product: how the inventory shows it, its cost basis at the
    source, and what the target needs."""

    product: str = Field(min_length=1)
    match: _Words = Field(min_length=1)
    own_when: _Words = {}
    basis: dict[str, Basis]
    at_target: str = Field(min_length=1)
    source: str = Field(min_length=1)
    uncertain: Annotated[bool, Strict()] = False

    @model_validator(mode="after")
    def _has_default(self) -> LicenceRule:
        if "default" not in self.basis:
            raise ValueError(_("basis needs a 'default' entry"))
        return self


class ScenarioWeights(_Strict):
    """How much each criterion counts when scenarios are ranked ([E-SCORE]); each is scored
    from 0 (the worst of the scenarios compared) to 1 (the best), then weighted."""

    one_time_cost: _Weight
    run_cost: _Weight
    managed_share: _Weight
    providers: _Weight
    lock_in: _Weight
    open_standards: _Weight
    control: _Weight

    @model_validator(mode="after")
    def _some_weight(self) -> ScenarioWeights:
        _some_above_zero(getattr(self, name) for name in type(self).model_fields)
        return self


def _some_above_zero(weights: Iterable[float]) -> None:
    if not any(weights):
        raise ValueError(_("at least one weight must be above 0"))


class LockInFactor(_Strict):
    weight: _Weight
    reason: str = Field(min_length=1)


class LockInFactors(_Strict):
    """The factors of a resource's lock-in score ([L-SCORE]), in the order reasons list them."""

    proprietary_interface: LockInFactor
    data_volume: LockInFactor
    coupling: LockInFactor
    no_eu_alternative: LockInFactor
    no_open_standard: LockInFactor
    licence: LockInFactor

    @model_validator(mode="after")
    def _some_weight(self) -> LockInFactors:
        _some_above_zero(getattr(self, name).weight for name in type(self).model_fields)
        return self


class Role(_Strict):
    """People of one role on the exit team, and the share of their time it gets."""

    people: _Count = Field(ge=0, le=10_000)
    availability: Annotated[float, Strict()] = Field(ge=0, le=1, allow_inf_nan=False)


class CorrelationWeights(_Strict):
    """[E-CORRELATION] how much of each item's spread it shares, and how the shared risk
    is simulated (see `exitplan.ranges`)."""

    programme: Annotated[float, Strict()] = Field(ge=0, le=1, allow_inf_nan=False)
    category: Annotated[float, Strict()] = Field(ge=0, le=1, allow_inf_nan=False)
    draws: _Count = Field(ge=100, le=100_000)
    seed: _Count = Field(ge=0, le=2**64 - 1)
    unknowns_dominate: Annotated[float, Strict()] = Field(gt=0, le=1, allow_inf_nan=False)

    @model_validator(mode="after")
    def _shares_fit(self) -> CorrelationWeights:
        if self.programme + self.category > 1:
            raise ValueError(_("programme and category together share at most all (1)"))
        return self


class Profile(_Strict):
    currency: str
    day_rate: Annotated[float, Strict()] = Field(gt=0, le=100_000_000, allow_inf_nan=False)
    team_size: _Count = Field(ge=1, le=10_000)
    working_days_per_week: _Count = Field(ge=1, le=7)
    base_effort: dict[str, Triple]
    compatibility_factor: dict[Compatibility, _Factor]
    unknown_factor: _Factor
    environment_tag: str
    non_production_values: list[str]
    non_production_factor: _Factor
    data_effort_per_tib: Triple
    platform_effort: dict[str, PlatformTriple]
    self_hosted_platform_effort: dict[str, PlatformTriple]
    operating_fte: dict[str, _Fte]
    fte_days_per_month: Annotated[float, Strict()] = Field(gt=0, le=31, allow_inf_nan=False)
    scenario_weights: ScenarioWeights
    provider_scenario_share: Annotated[float, Strict()] = Field(gt=0, le=1, allow_inf_nan=False)
    mixed_max_providers: _Count = Field(ge=2, le=10)
    programme_share: ShareTriple
    bandwidth_mbps: Annotated[float, Strict()] = Field(ge=1, le=1_000_000, allow_inf_nan=False)
    link_efficiency: Efficiency
    egress: dict[str, EgressPrices]
    lock_in_factors: LockInFactors
    lock_in_data_full_gib: Annotated[float, Strict()] = Field(gt=0, le=1e9, allow_inf_nan=False)
    lock_in_coupling_full: _Count = Field(ge=1, le=10_000)
    team: dict[str, Role] = Field(min_length=1)
    parallel_run_weeks: Annotated[float, Strict()] = Field(ge=0, le=52, allow_inf_nan=False)
    exchange_rates: dict[_Currency, ExchangeRate] = {}
    licences: dict[Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")], LicenceRule] = {}

    @property
    def capacity(self) -> float:
        """Person-days the team gives the exit on a working day (E-TEAM)."""
        return sum(role.people * role.availability for role in self.team.values())

    def rate(self, currency: str) -> ExchangeRate | None:
        """How `currency` converts to the plan's currency; None where they are the same
        (`load_profile` has made sure every other egress currency has a rate)."""
        if currency == self.currency:
            return None
        return self.exchange_rates[currency]

    correlation: CorrelationWeights
    unknown_spread: Annotated[tuple[_Factor, _Factor, _Factor], AfterValidator(_ordered)]
    unknown_type_effort: dict[str, Triple] = {}

    def unknown(self, native_type: str) -> tuple[float, float, float]:
        """[E-UNKNOWN] a resource type with no alternative: its own figure where the
        profile gives one, else the default base's likely value times the unknown factor,
        spread by `unknown_spread`."""
        own = self.unknown_type_effort.get(native_type)
        if own is not None:
            return own
        likely = self.base(None)[1] * self.unknown_factor
        o, m, p = self.unknown_spread
        return (likely * o, likely * m, likely * p)

    def base(self, category_id: str | None) -> tuple[float, float, float]:
        return self.base_effort.get(category_id or "default", self.base_effort["default"])

    def platform(self, category_id: str) -> tuple[float, float, float]:
        return self.platform_effort.get(category_id, self.platform_effort["default"])

    def self_hosted(self, category_id: str) -> tuple[float, float, float]:
        table = self.self_hosted_platform_effort
        return table.get(category_id, table["default"])

    def operating(self, category_id: str) -> float:
        return self.operating_fte.get(category_id, self.operating_fte["default"])

    @property
    def fte_month_cost(self) -> float:
        """What one person running a platform costs a month, at the day rate."""
        return self.day_rate * self.fte_days_per_month


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _without_rates_given(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """`base` less the exchange rates `override` gives: a rate is replaced whole, never
    merged key by key, so that a new rate does not keep the old one's date, source or
    doubt."""
    given = override.get("exchange_rates")
    rates = base.get("exchange_rates")
    if not isinstance(given, dict) or not isinstance(rates, dict):
        return base
    return {**base, "exchange_rates": {k: v for k, v in rates.items() if k not in given}}


def load_profile(override: Path | None = None, max_bytes: int = MAX_BYTES) -> Profile:
    """The default profile with `override` merged over it; `override` may hold at most
    `max_bytes`."""
    data = load_yaml(effort_profile_path(), InputError, _(_HINT))
    source = effort_profile_path()
    if override is not None:
        if not override.exists():
            raise InputError(
                _("{path}: no such effort profile file").format(path=override), _(_HINT)
            )
        extra = load_yaml(override, InputError, _(_HINT), max_bytes)
        if not isinstance(extra, dict):
            raise InputError(
                _("{path}: an effort profile is a YAML mapping of keys").format(path=override),
                _(_HINT),
            )
        data = _merge(_without_rates_given(data, extra), extra)
        source = override
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        raise InputError(f"{source}: {describe_validation(exc, data)}", _(_HINT)) from None
    for key, table in (
        ("base_effort", profile.base_effort),
        ("platform_effort", profile.platform_effort),
        ("self_hosted_platform_effort", profile.self_hosted_platform_effort),
        ("operating_fte", profile.operating_fte),
    ):
        if "default" not in table:
            raise InputError(
                _("{source}: {key} needs a 'default' entry").format(source=source, key=key),
                _(_HINT),
            )
    missing = set(Compatibility) - set(profile.compatibility_factor)
    if missing:
        names = ", ".join(sorted(level.value for level in missing))
        raise InputError(
            _("{source}: compatibility_factor lacks {names}").format(source=source, names=names),
            _(_HINT),
        )
    _rates_for_egress(profile, source)
    if profile.capacity <= 0:
        raise InputError(
            _(
                "{source}: team gives the exit no time: every role has 0 people or availability"
            ).format(source=source),
            _(_HINT),
        )
    return profile


def _rates_for_egress(profile: Profile, source: Path) -> None:
    """Every egress price list in another currency than the plan's has a rate to it: a
    figure is never shown in the wrong currency, nor converted at a rate to another."""
    for provider, prices in sorted(profile.egress.items()):
        currency = prices.currency
        if currency == profile.currency:
            continue
        rate = profile.exchange_rates.get(currency)
        if rate is None or rate.to != profile.currency:
            raise InputError(
                _(
                    "{source}: egress.{provider} is priced in {currency}, and "
                    "exchange_rates.{currency} gives no rate to the plan currency {plan}"
                ).format(
                    source=source, provider=provider, currency=currency, plan=profile.currency
                ),
                _(
                    "add exchange_rates.{currency} with rate (in {plan} per {currency}), "
                    "to: {plan}, date and source"
                ).format(currency=currency, plan=profile.currency),
            )
