"""Which wave a workload moves in: each rule once, its check beside the reason the plan
states for it. The rules split every workload into exactly one wave (a test holds them
to it); `wave_of` takes the first that applies, in the table's order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class WaveRule:
    number: int
    name: str
    reason: str  # as the plan states the rule
    # From a workload's criticality (high, medium, low or "not tagged") and its number of
    # unmapped resources: whether the workload belongs in this wave.
    applies: Callable[[str, int], bool]


def _pilot(criticality: str, unmapped: int) -> bool:
    return criticality == "low" and not unmapped


PILOT = WaveRule(
    1,
    "Pilot",
    "criticality low and every resource mapped: learn the path on what can fail",
    _pilot,
)


def _core(criticality: str, unmapped: int) -> bool:
    return criticality in ("medium", "not tagged") or (criticality == "low" and unmapped > 0)


CORE = WaveRule(
    2,
    "Core",
    "criticality medium or not tagged, or low with unmapped resources",
    _core,
)


def _critical(criticality: str, unmapped: int) -> bool:
    return criticality == "high"


CRITICAL = WaveRule(
    3,
    "Critical functions",
    "criticality high: run in parallel and switch over only after tested fall-back",
    _critical,
)

RULES = (PILOT, CORE, CRITICAL)  # in the order the waves run


def wave_of(criticality: str, unmapped: int) -> int:
    for rule in RULES:
        if rule.applies(criticality, unmapped):
            return rule.number
    # Criticality comes from a fixed set of levels, so this is our bug, not the input's.
    raise AssertionError(f"no wave rule for criticality {criticality!r}")
