"""The one pause of the cyclic garbage collector that imports and plans run in: no cycle
made in a run is kept for good, and the collector is never left off."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from exitplan.gcpause import batch_gc


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the collector frees it


def _cycle() -> weakref.ref[_Node]:
    return weakref.ref(_Node())


@pytest.fixture(autouse=True)
def unfrozen() -> Iterator[None]:
    yield
    gc.unfreeze()  # what batch_gc froze goes back to the collector for the other tests


def test_a_cycle_made_in_one_run_is_frozen_then_collected_by_the_next() -> None:
    assert gc.isenabled()
    with batch_gc():
        assert not gc.isenabled()
        made = _cycle()
    assert gc.isenabled()
    assert made() is not None  # frozen, not collected, at the end of the run
    gc.collect()
    assert made() is not None  # nor by a collection outside a pause
    with batch_gc():
        assert made() is None


def test_a_pause_inside_another_leaves_the_end_to_the_outer_one() -> None:
    with batch_gc():
        with batch_gc():
            made = _cycle()
        assert not gc.isenabled()
        assert gc.get_freeze_count() == 0
    assert gc.isenabled()
    with batch_gc():
        assert made() is None


def test_the_collector_runs_again_after_an_error_in_the_block() -> None:
    with pytest.raises(ValueError), batch_gc():
        raise ValueError("boom")
    assert gc.isenabled()


def test_a_collector_the_caller_disabled_stays_disabled() -> None:
    gc.disable()
    try:
        with batch_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_pause_that_makes_no_cycles_freezes_nothing() -> None:
    with batch_gc(freeze=False):
        assert not gc.isenabled()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
