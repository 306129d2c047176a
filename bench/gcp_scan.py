"""`make bench`: the GCP scan against a loopback fake of Resource Manager and Cloud Asset,
with 50 ms per request, run with 1 worker and with the default, in the same run.

The fake (tests/gcp_fake.py) serves the real client libraries over HTTP on 127.0.0.1; its
answers wait 50 ms, as a real round trip would. The estate: an organisation with 10
folders, 200 projects of 12 resources each, and one project of 1,500 (three pages).

    python bench/gcp_scan.py            # the table
    python bench/gcp_scan.py --json
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from google.auth.credentials import AnonymousCredentials

from connectors.gcp.connector import DEFAULT_WORKERS, GcpConnector, GcpOptions
from connectors.interface import scan
from tests.gcp_fake import Estate, result, serve

TARGET_SPEEDUP = 8.0
KINDS = (
    "compute.googleapis.com/Instance",
    "compute.googleapis.com/Disk",
    "storage.googleapis.com/Bucket",
    "pubsub.googleapis.com/Topic",
)


def estate(latency: float) -> Estate:
    found = Estate(latency=latency)
    for folder in range(10):
        found.folders[f"folders/{1000 + folder}"] = "organizations/9"
    for n in range(200):
        project, number = f"project-{n:03d}", str(10_000 + n)
        found.projects[project] = (number, f"folders/{1000 + n % 10}")
        found.resources[project] = [
            result(
                project, number, KINDS[i % 4], f"r{i}", "europe-west4", labels={"app": f"a{n % 7}"}
            )
            for i in range(12)
        ]
    found.projects["big"] = ("99999", "organizations/9")
    found.resources["big"] = [
        result("big", "99999", KINDS[i % 4], f"r{i}", "europe-west4") for i in range(1500)
    ]
    return found


def timed(url: str, workers: int) -> tuple[float, Any]:
    options = GcpOptions(
        organizations=("9",), endpoint=url, credentials=AnonymousCredentials(), max_workers=workers
    )
    started = time.perf_counter()
    connector = GcpConnector(options)
    inventory = scan(connector, connector.discover())
    return time.perf_counter() - started, inventory


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency-ms", type=float, default=50.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with serve(estate(args.latency_ms / 1000)) as url:
        timed(url, DEFAULT_WORKERS)  # warm-up: imports and client set-up, not timed
        one, first = timed(url, 1)
        many, second = timed(url, DEFAULT_WORKERS)
    found = len(second.resources)
    assert found == len(first.resources) and not second.gaps, second.gaps
    figures = {
        "resources": found,
        "projects": 201,
        "latency_ms": args.latency_ms,
        "seconds_1_worker": round(one, 2),
        "seconds_default": round(many, 2),
        "default_workers": DEFAULT_WORKERS,
        "speedup": round(one / many, 1),
        "target_speedup": TARGET_SPEEDUP,
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(
            f"GCP scan of {found} resources in 201 projects, {args.latency_ms:.0f} ms per request "
            f"(loopback fake on 127.0.0.1)\n| workers | wall time | resources/s |\n|---|---|---|\n"
            f"| 1 | {one:.1f} s | {found / one:.0f} |\n"
            f"| {DEFAULT_WORKERS} (default) | {many:.1f} s | {found / many:.0f} |\n"
            f"speed-up: {one / many:.1f}x (target >= {TARGET_SPEEDUP:.0f}x)"
        )
    return 0 if one / many >= TARGET_SPEEDUP else 1


if __name__ == "__main__":
    sys.exit(main())
