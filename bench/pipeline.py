"""`make bench`: the whole pipeline on synthetic estates of 1k, 10k and 100k resources.

Each size runs in a fresh process so that its peak memory (max RSS) is its own. Times are
the best of several runs; the baseline is a plain `json.load` of the same inventory file,
measured in the same process, so the ratio holds on any machine.

    python bench/pipeline.py                          # all sizes, a table
    python bench/pipeline.py --inventory F --runs 3   # one file, JSON (used by the table run)
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from exitplan.catalogue import load_catalogue
from exitplan.estimate import estimate
from exitplan.gcpause import batch_gc
from exitplan.inventory import dump_inventory, load_inventories
from exitplan.mapping import map_resources
from exitplan.outdir import write_plan
from exitplan.planning import PlanMeta, build_plan
from exitplan.profile import load_profile
from exitplan.render import RUNBOOK_DIR, render
from exitplan.sample import replicate, sample_inventory

SIZES = (1_000, 10_000, 100_000)
TARGET_RATIO = 10.0
TARGET_RSS_MIB = 1024
T = TypeVar("T")


def synthetic(size: int, path: Path) -> None:
    base = sample_inventory()
    copies = -(-size // len(base.resources))
    inventory = replicate(base, copies)
    inventory = inventory.model_copy(update={"resources": inventory.resources[:size]})
    path.write_text(dump_inventory(inventory))


def best(runs: int, fn: Callable[[], T]) -> tuple[float, T]:
    times = []
    result: T | None = None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    assert result is not None
    return min(times), result


def measure(path: Path, runs: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "plan"
        catalogue = load_catalogue()
        profile = load_profile()

        def json_load() -> object:
            with path.open("rb") as handle:
                return json.load(handle)

        baseline, _ = best(runs, json_load)
        stages: dict[str, float] = {}
        whole = float("inf")
        count = 0
        for _ in range(runs):
            # As `exitplan plan` runs it: the pipeline inside batch_gc, the final collection
            # included in the time.
            t0 = time.perf_counter()
            with batch_gc():
                loaded = load_inventories([path])
                t1 = time.perf_counter()
                mappings = map_resources(loaded.inventory.resources, catalogue)
                t2 = time.perf_counter()
                est = estimate(mappings, profile)
                t3 = time.perf_counter()
                plan = build_plan(loaded, est, catalogue, PlanMeta())
                t4 = time.perf_counter()
                files = render(plan)
                t5 = time.perf_counter()
            write_plan(out, files, owned_dir=RUNBOOK_DIR)
            t6 = time.perf_counter()
            if t6 - t0 < whole:
                whole = t6 - t0
                stages = {
                    "load": t1 - t0, "map": t2 - t1, "estimate": t3 - t2, "plan": t4 - t3,
                    "render": t5 - t4, "write": t6 - t5,
                }  # fmt: skip
            count = len(plan.estimate.items)
            del loaded, mappings, est, plan, files
        return {
            "resources": count,
            "file_mib": path.stat().st_size / 2**20,
            "json_load_s": baseline,
            "stages_s": stages,
            "pipeline_s": whole,
            "ratio": whole / baseline,
            "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }


def table() -> int:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            # The estate is made here, so that the measuring process's peak memory is the
            # pipeline's own.
            path = Path(tmp) / f"inventory-{size}.json"
            synthetic(size, path)
            runs = 3 if size < 100_000 else 2
            proc = subprocess.run(
                [sys.executable, __file__, "--inventory", str(path), "--runs", str(runs)],
                check=True, capture_output=True, text=True,
            )  # fmt: skip
            rows.append(json.loads(proc.stdout))
            print(f"measured {size:,} resources", file=sys.stderr)
    stages = list(rows[0]["stages_s"])
    header = (
        "| resources | file MiB | json.load s | "
        + " | ".join(f"{s} s" for s in stages)
        + " | pipeline s | ratio to json.load | peak RSS MiB |"
    )
    print(header)
    print("|" + "---:|" * (len(stages) + 6))
    for r in rows:
        print(
            f"| {r['resources']:,} | {r['file_mib']:.1f} | {r['json_load_s']:.3f} | "
            + " | ".join(f"{r['stages_s'][s]:.3f}" for s in stages)
            + f" | {r['pipeline_s']:.3f} | {r['ratio']:.1f}x | {r['peak_rss_mib']:.0f} |"
        )
    largest = rows[-1]
    ok = largest["ratio"] <= TARGET_RATIO and largest["peak_rss_mib"] < TARGET_RSS_MIB
    verdict = "meets" if ok else "MISSES"
    print(
        f"\nAt {largest['resources']:,} resources the pipeline takes {largest['ratio']:.1f}x "
        f"json.load (target <= {TARGET_RATIO:g}x) with a peak RSS of "
        f"{largest['peak_rss_mib']:.0f} MiB (target < {TARGET_RSS_MIB} MiB): {verdict} the targets."
    )
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inventory", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if args.inventory:
        print(json.dumps(measure(args.inventory, args.runs)))
        return 0
    return table()


if __name__ == "__main__":
    sys.exit(main())
