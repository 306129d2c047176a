"""One pause of the cyclic garbage collector, for the runs that build large values.

Reading a large state or inventory, and mapping, estimating and planning it, build
millions of small dicts, lists and models, none in a reference cycle: reference counting
frees them. The collector's repeated passes over them took more than half of a
100k-instance import and about a quarter of a 100k-resource plan."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def batch_gc() -> Iterator[None]:
    """Pause the collector for the block. The outermost pause ends with one collection:
    it catches any cycle made meanwhile, and it is the walk the collector would make at its
    next pass anyway, over everything allocated while paused, done now rather than at a
    random later point. A pause inside another leaves that to the outer one."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
            gc.collect()
