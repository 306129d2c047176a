"""What `--per-workload` and `--html` cost on a large estate, as ratios against making the
plain plan (the whole pipeline, from reading the inventory to rendering) in the same run,
in CPU seconds, best of several runs.

The synthetic estate is `bench/pipeline.py`'s: copies of the sample, each copy's workloads
named anew, so 100,000 resources make about 5,500 workloads. The plans per workload are
made from the finished plan in one pass over its items, not by a pipeline per workload:
the goal is that the pipeline with them takes at most GOAL times the plain one (they
write every resource once more, in its workload's table). The run fails when it takes
more. The HTML pages are timed too, from the Markdown, and reported.

    python bench/per_workload.py                  # 100,000 resources
    python bench/per_workload.py --size 20000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from bench.pipeline import best, synthetic
from exitplan import html
from exitplan.catalogue import load_catalogue
from exitplan.pipeline import run_pipeline
from exitplan.planning import PlanMeta
from exitplan.profile import load_profile

GOAL = 2.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    catalogue, profile = load_catalogue(), load_profile()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "inventory.json"
        synthetic(args.size, path)
        plain_s, (plan, plain) = best(
            args.runs, lambda: run_pipeline([path], catalogue, profile, PlanMeta())
        )
        per_s, (_plan, files) = best(
            args.runs,
            lambda: run_pipeline([path], catalogue, profile, PlanMeta(), per_workload=True),
        )
    markdown = {p: t for p, t in files.items() if p.endswith(".md")}
    html_s, pages = best(1, lambda: html.pages(markdown, "en"))
    ratio = per_s / plain_s
    print(
        f"{len(plan.estimate.items):,} resources, {len(plan.workloads):,} workloads\n"
        f"  plain plan                {plain_s:8.2f} s  ({len(plain):,} files)\n"
        f"  with --per-workload       {per_s:8.2f} s  ({len(files):,} files): "
        f"{ratio:.2f}x the plain (goal <= {GOAL:g}x)\n"
        f"  --html of those, besides  {html_s:8.2f} s  ({len(pages):,} pages): "
        f"{html_s / plain_s:.2f}x the plain"
    )
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
