"""The pipeline pauses the cyclic garbage collector; no cycle it makes is kept for good."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from exitplan.pipeline import batch_gc


class _Node:
    def __init__(self) -> None:
        self.me = self


@pytest.fixture()
def unfrozen() -> Iterator[None]:
    yield
    gc.unfreeze()  # what batch_gc froze goes back to the collector for the other tests


@pytest.mark.usefixtures("unfrozen")
def test_a_cycle_made_in_one_run_is_collected_by_the_next() -> None:
    with batch_gc():
        assert not gc.isenabled()
        made = weakref.ref(_Node())
    assert gc.isenabled()
    assert made() is not None  # frozen, not collected, at the end of the run
    with batch_gc():
        assert made() is None


@pytest.mark.usefixtures("unfrozen")
def test_the_collector_stays_off_when_it_was_off() -> None:
    gc.disable()
    try:
        with batch_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
