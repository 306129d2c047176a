"""Units of a scan (a project, a subscription) read on a pool, yielded as they finish."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait

from exitplan.model import Gap, Resource

from .interface import Progress

Found = list[Resource | Gap]


def drain(
    futures: set[Future[Found]], report: Callable[[Progress], None] | None
) -> Iterator[Resource | Gap]:
    """Yield each unit's findings as it completes, reporting progress after each batch.
    If the consumer stops (Ctrl-C, an error), the units not yet started are cancelled;
    stopping the ones running is the caller's (its clients check a cancel event)."""
    pending = set(futures)
    total = len(pending)
    done_count = resources = gaps = 0
    if report is not None:
        report(Progress(0, total, 0, 0))
    try:
        while pending:
            done, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
            for future in done:
                found = future.result()
                done_count += 1
                resources += sum(isinstance(x, Resource) for x in found)
                gaps += sum(isinstance(x, Gap) for x in found)
                yield from found
            if done and report is not None:
                report(Progress(done_count, total, resources, gaps))
    finally:
        for future in pending:
            future.cancel()
