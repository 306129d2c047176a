"""What the scan benchmarks share: a fake cloud in a child process (so that it does not
share the scanner's interpreter lock), and the table of 1 worker against the default."""

from __future__ import annotations

import argparse
import json
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any


def arguments(doc: str) -> argparse.Namespace:
    """--latency-ms (the round trip each request is given) and --json, for every scan bench."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--latency-ms", type=float, default=50.0)
    parser.add_argument("--json", action="store_true")
    return parser.parse_args()


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


def report(
    as_json: bool,
    figures: dict[str, Any],
    title: str,
    found: int,
    rows: Sequence[tuple[str, float]],
    target: float,
    note: str = "",
) -> int:
    """Print the figures (JSON, or the table and a note); 0 when the default pool (the
    second row) is at least `target` times faster than one worker (the first)."""
    speedup = rows[0][1] / rows[1][1]
    if as_json:
        print(json.dumps(figures, indent=2))
    else:
        print(table(title, found, rows, speedup, target) + (f"\n{note}" if note else ""))
    return 0 if speedup >= target else 1
