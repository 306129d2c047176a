"""What the scan benchmarks share: a fake cloud in a child process (so that it does not
share the scanner's interpreter lock), and the table of 1 worker against the default."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any


@contextmanager
def child_server(target: Callable[..., None], *args: Any) -> Iterator[Any]:
    """Run `target(*args, ready)` in a child process; yield what it sends through `ready`
    (its address), and end the process after the block."""
    receive, send = multiprocessing.Pipe(duplex=False)
    server = multiprocessing.Process(target=target, args=(*args, send), daemon=True)
    server.start()
    try:
        yield receive.recv()
    finally:
        server.terminate()


def table(
    title: str, found: int, rows: Sequence[tuple[str, float]], speedup: float, target: float
) -> str:
    """A Markdown table of wall times; rows are (workers, seconds), the first the baseline."""
    lines = [title, "| workers | wall time | resources/s |", "|---|---|---|"]
    lines += [f"| {label} | {seconds:.1f} s | {found / seconds:.0f} |" for label, seconds in rows]
    lines.append(f"speed-up: {speedup:.1f}x (target >= {target:.0f}x)")
    return "\n".join(lines)
