"""The one pause of the cyclic garbage collector that imports and plans run in."""

from __future__ import annotations

import gc
import weakref

import pytest

from exitplan.gcpause import batch_gc


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the collector frees it


def _cycle() -> weakref.ref[_Node]:
    return weakref.ref(_Node())


def test_the_collector_is_paused_in_the_block_and_collects_once_after() -> None:
    assert gc.isenabled()
    with batch_gc():
        assert not gc.isenabled()
        made = _cycle()
        assert made() is not None
    assert gc.isenabled()
    assert made() is None


def test_a_pause_inside_another_leaves_the_collection_to_the_outer_one() -> None:
    with batch_gc():
        with batch_gc():
            made = _cycle()
        assert not gc.isenabled()
        assert made() is not None
    assert gc.isenabled()
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
