"""One pause of the cyclic garbage collector, for the runs that build large values.

Reading a large state or inventory, and mapping, estimating and planning it, build
millions of small dicts, lists and models, none in a reference cycle: reference counting
frees them. The collector's repeated passes over them took more than half of a
100k-instance import and about a quarter of a 100k-resource plan; one pass at the end,
over all of them while still alive, another tenth of a plan. So at the end they are frozen
instead: left out of later collections, still freed by reference counting. A cycle made
meanwhile (Jinja makes some) is collected when the next pause starts, when that run's
values are mostly gone."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def batch_gc(*, freeze: bool = True) -> Iterator[None]:
    """Pause the collector for the block. A pause inside another, or in a caller that
    turned the collector off itself, changes nothing: the outer one ends it.

    `freeze=False` for a block that makes no cycles (an import: parsed JSON and models):
    the collector resumes as it was, and the next pause has nothing to collect first, a
    collection that costs a walk over the whole process (seconds in a long-lived process
    that imports many files, as the tests do)."""
    if not gc.isenabled():
        yield
        return
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        gc.enable()
