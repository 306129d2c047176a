"""Each wave rule takes the workloads its reason names and no others. A rule added to the
table without cases here fails `test_wave_rule`."""

from __future__ import annotations

import pytest

from exitplan.planning import CRITICALITY_ORDER
from exitplan.waves import RULES, wave_of

LEVELS = (*CRITICALITY_ORDER, "not tagged")

# wave number -> (criticality, unmapped resources) it takes, and ones it leaves
CASES: dict[int, tuple[list[tuple[str, int]], list[tuple[str, int]]]] = {
    1: ([("low", 0)], [("low", 1), ("medium", 0), ("not tagged", 0), ("high", 0)]),
    2: (
        [("medium", 0), ("medium", 4), ("not tagged", 0), ("not tagged", 2), ("low", 1)],
        [("low", 0), ("high", 0), ("high", 3)],
    ),
    3: ([("high", 0), ("high", 5)], [("medium", 0), ("low", 0), ("not tagged", 1)]),
}


@pytest.mark.parametrize("number", [rule.number for rule in RULES])
def test_wave_rule(number: int) -> None:
    rule = next(r for r in RULES if r.number == number)
    taken, left = CASES[number]
    for criticality, unmapped in taken:
        assert rule.applies(criticality, unmapped), (criticality, unmapped)
        assert wave_of(criticality, unmapped) == number
    for criticality, unmapped in left:
        assert not rule.applies(criticality, unmapped), (criticality, unmapped)
        assert wave_of(criticality, unmapped) != number


@pytest.mark.parametrize("criticality", LEVELS)
@pytest.mark.parametrize("unmapped", [0, 1, 7])
def test_every_workload_has_exactly_one_wave(criticality: str, unmapped: int) -> None:
    assert sum(rule.applies(criticality, unmapped) for rule in RULES) == 1


def test_waves_run_in_order() -> None:
    assert [rule.number for rule in RULES] == list(range(1, len(RULES) + 1))


def test_an_unknown_level_is_our_bug() -> None:
    with pytest.raises(AssertionError, match="no wave rule"):
        wave_of("urgent", 0)
