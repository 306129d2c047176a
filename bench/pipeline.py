"""`make bench`: the whole pipeline on synthetic estates of 1k to 1M resources.

Each size runs in a fresh process so that its peak memory (max RSS) is its own. Times are
the best of several runs, in CPU seconds of the process: on a shared machine the time spent
waiting for a core is other work's, and it swung the ratio at 100k from 5x to 8x within
the hour. The baseline is a plain `json.load` of the same inventory file, measured first in
the same process, so the ratio holds on any machine. The run fails when a size misses its
goal (GOALS).

    python bench/pipeline.py                          # all sizes, a table
    python bench/pipeline.py --sizes 1000,100000      # some sizes
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from exitplan.catalogue import load_catalogue
from exitplan.gcpause import batch_gc
from exitplan.inventory import dump_inventory, load_inventories
from exitplan.outdir import write_plan
from exitplan.pipeline import compare_scenarios, plan_scenario
from exitplan.planjson import PLAN_JSON, plan_json
from exitplan.planning import PlanMeta
from exitplan.profile import load_profile
from exitplan.render import RUNBOOK_DIR, render
from exitplan.sample import replicate, sample_inventory

SIZES = (1_000, 10_000, 100_000, 1_000_000)
T = TypeVar("T")


@dataclass(frozen=True)
class Goal:
    ratio: float | None  # the most times a json.load the pipeline may take; None: any
    rss_mib: float  # peak RSS below this


GOALS = {100_000: Goal(5.0, 1024), 1_000_000: Goal(None, 4096)}


def synthetic(size: int, path: Path) -> None:
    """`size` resources of copies of the sample estate, as `replicate` makes them and
    `dump_inventory` writes them, written a resource at a time: a million of them as
    models would take gigabytes before the measuring starts."""
    base = sample_inventory()
    head = json.loads(dump_inventory(base.model_copy(update={"resources": [], "gaps": []})))
    resources = [r.model_dump(mode="json", exclude_none=True) for r in base.resources]
    copies = -(-size // len(resources))
    gaps = replicate(base.model_copy(update={"resources": []}), copies).gaps
    with path.open("w", encoding="utf-8") as out:
        # Everything before the resources, and the gaps after them, as dump_inventory has it.
        opening, _ = json.dumps(head, indent=2, ensure_ascii=False).split('\n  "resources"')
        out.write(opening + '\n  "resources": [')
        written = 0
        for copy in range(copies):
            for data in resources:
                if written == size:
                    break
                out.write(",\n    " if written else "\n    ")
                out.write(_indented(_copied(data, copy), "    "))
                written += 1
        gap_list = [g.model_dump(mode="json", exclude_none=True) for g in gaps]
        tail = json.dumps({"gaps": gap_list}, indent=2, ensure_ascii=False)
        out.write("\n  ],\n" + tail[2:])
        out.write("\n")


def _copied(resource: dict[str, Any], copy: int) -> dict[str, Any]:
    if not copy:
        return resource
    suffix = f"-copy{copy}"
    tags = resource["tags"]
    copied = resource | {
        "account": resource["account"] + suffix,
        "id": resource["id"] + suffix,
        "name": resource["name"] + suffix,
        "tags": {k: v + suffix if k == "application" else v for k, v in tags.items()},
    }
    if "relations" in resource:
        copied["relations"] = {
            kind: [i + suffix for i in ids] for kind, ids in resource["relations"].items()
        }
    return copied


def _indented(data: dict[str, Any], prefix: str) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False).replace("\n", "\n" + prefix)


def best(runs: int, fn: Callable[[], T]) -> tuple[float, T]:
    times = []
    result: T | None = None
    for _ in range(runs):
        start = time.process_time()
        result = fn()
        times.append(time.process_time() - start)
    assert result is not None
    return min(times), result


def measure(path: Path, runs: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "plan"
        catalogue = load_catalogue()
        profile = load_profile()

        def json_load() -> bool:
            with path.open("rb") as handle:
                return bool(json.load(handle))  # not kept: it would count in the peak

        baseline, _ = best(runs, json_load)
        stages: dict[str, float] = {}
        whole = float("inf")
        count = 0
        for _ in range(runs):
            # As `exitplan plan` runs it: the pipeline inside batch_gc, leaving it included
            # in the time.
            t0 = time.process_time()
            with batch_gc():
                loaded = load_inventories([path])
                t1 = time.process_time()
                # Mapping, and every scenario built and estimated from the estate's groups.
                compared = compare_scenarios(loaded, catalogue, profile)
                t2 = time.process_time()
                chosen = compared.comparison.recommended
                plan = plan_scenario(loaded, compared, chosen, catalogue, profile, PlanMeta())
                t3 = time.process_time()
                files = {**render(plan), PLAN_JSON: plan_json(plan)}
                t4 = time.process_time()
            write_plan(out, files, owned=(RUNBOOK_DIR,))
            t5 = time.process_time()
            if t5 - t0 < whole:
                whole = t5 - t0
                stages = {
                    "load": t1 - t0, "map and compare": t2 - t1, "estimate and plan": t3 - t2,
                    "render": t4 - t3, "write": t5 - t4,
                }  # fmt: skip
            count = len(plan.estimate.items)
            del loaded, compared, plan, files
        return {
            "resources": count,
            "file_mib": path.stat().st_size / 2**20,
            "json_load_s": baseline,
            "stages_s": stages,
            "pipeline_s": whole,
            "ratio": whole / baseline,
            # The most of json.load's and the pipeline's; the pipeline's is the larger.
            "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }


def table(sizes: tuple[int, ...]) -> int:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            # The estate is made here, so that the measuring process's peak memory is the
            # pipeline's own.
            path = Path(tmp) / f"inventory-{size}.json"
            synthetic(size, path)
            runs = 3 if size < 100_000 else 2 if size < 1_000_000 else 1
            proc = subprocess.run(
                [sys.executable, __file__, "--inventory", str(path), "--runs", str(runs)],
                check=True, capture_output=True, text=True,
            )  # fmt: skip
            path.unlink()
            rows.append(json.loads(proc.stdout))
            print(f"measured {size:,} resources", file=sys.stderr)
    stages = list(rows[0]["stages_s"])
    header = (
        "| resources | file MiB | json.load s | "
        + " | ".join(f"{s} s" for s in stages)
        + " | pipeline s | ratio to json.load | peak RSS MiB |"
    )
    print("Times in CPU seconds of the measuring process, the best of its runs.\n")
    print(header)
    print("|" + "---:|" * (len(stages) + 6))
    for r in rows:
        print(
            f"| {r['resources']:,} | {r['file_mib']:.1f} | {r['json_load_s']:.3f} | "
            + " | ".join(f"{r['stages_s'][s]:.3f}" for s in stages)
            + f" | {r['pipeline_s']:.3f} | {r['ratio']:.1f}x | {r['peak_rss_mib']:.0f} |"
        )
    print()
    verdicts = [_verdict(r, GOALS[r["resources"]]) for r in rows if r["resources"] in GOALS]
    return 0 if all(verdicts) else 1


def _verdict(row: dict[str, Any], goal: Goal) -> bool:
    ratio: float = row["ratio"]
    peak: float = row["peak_rss_mib"]
    ok = (goal.ratio is None or ratio <= goal.ratio) and peak < goal.rss_mib
    ratio_goal = "" if goal.ratio is None else f" (goal <= {goal.ratio:g}x)"
    print(
        f"At {row['resources']:,} resources the pipeline takes {ratio:.1f}x "
        f"json.load{ratio_goal} with a peak RSS of {peak:.0f} MiB "
        f"(goal < {goal.rss_mib:g} MiB): {'meets' if ok else 'MISSES'} the goals."
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inventory", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--sizes",
        type=lambda text: tuple(int(size) for size in text.split(",")),
        default=SIZES,
        help=f"comma-separated estate sizes to measure (default: {','.join(map(str, SIZES))})",
    )
    args = parser.parse_args()
    if args.inventory:
        print(json.dumps(measure(args.inventory, args.runs)))
        return 0
    return table(args.sizes)


if __name__ == "__main__":
    sys.exit(main())
