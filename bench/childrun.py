"""What the file-reading benchmarks share: a task run in a fresh child process, so that
its time and peak memory are its own, and that peak read from the kernel."""

from __future__ import annotations

import multiprocessing
import resource
from collections.abc import Callable
from pathlib import Path
from typing import Any


def peak_mib() -> float:
    """This process's peak resident memory. Not ru_maxrss: Linux carries that over exec
    from the parent, which built the large file the benchmark reads."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def in_child(measure: Callable[..., None], *args: Any) -> tuple[float, float, int]:
    """Run `measure(*args, out)` in a spawned process; what it sends through `out`:
    (seconds, peak MiB above its start, count)."""
    receive, send = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.get_context("spawn").Process(target=measure, args=(*args, send))
    child.start()
    result: tuple[float, float, int] = receive.recv()
    child.join()
    return result
