"""`make bench`: the GCP scan against a loopback fake of Resource Manager and Cloud Asset,
with 50 ms per request, run with 1 worker and with the default, in the same run.

The fake (tests/gcp_fake.py) serves the real client libraries over HTTP on 127.0.0.1 from
a child process, so that its work does not share the scanner's interpreter lock; its
answers wait 50 ms, as a real round trip would. The estate: an organisation with 10
folders, 200 projects of 12 resources each, and one project of 1,500 (three pages).
Resource Manager answers 100 items a page here (the fake's default of 2 is for tests).

The scan's pacer (300 searches a minute by default) never waits here: a scan makes 201
searches and 3 pages of the large project, 204 in all, and each scan has its own pacer.

    python bench/gcp_scan.py            # the table
    python bench/gcp_scan.py --json
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.scanbench import arguments, child_server, report
from tests.gcp_fake import Estate, result, serve_forever

# The target. Measured on the 2-core development machine (docs/performance.md,
# "Scanning Google Cloud"): 9.3x to 9.7x in three runs, once the fake ran in its own process.
TARGET_SPEEDUP = 8.0
KINDS = (
    "compute.googleapis.com/Instance",
    "compute.googleapis.com/Disk",
    "storage.googleapis.com/Bucket",
    "pubsub.googleapis.com/Topic",
)


def estate(latency: float) -> Estate:
    found = Estate(latency=latency, list_page_size=100)
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


def timed(url: str, workers: int) -> tuple[float, float, Any]:
    from google.auth.credentials import AnonymousCredentials

    from connectors.gcp.connector import GcpConnector, GcpOptions
    from connectors.interface import scan

    options = GcpOptions(
        organizations=("9",), endpoint=url, credentials=AnonymousCredentials(), max_workers=workers
    )
    started, cpu = time.perf_counter(), time.process_time()
    connector = GcpConnector(options)
    inventory = scan(connector, connector.discover())
    return time.perf_counter() - started, time.process_time() - cpu, inventory


def main() -> int:
    from connectors.gcp.connector import DEFAULT_WORKERS

    args = arguments(__doc__)
    with child_server(serve_forever, estate(args.latency_ms / 1000)) as url:
        timed(url, DEFAULT_WORKERS)  # warm-up: imports and client set-up, not timed
        one, one_cpu, first = timed(url, 1)
        many, many_cpu, second = timed(url, DEFAULT_WORKERS)
    found = len(second.resources)
    assert found == len(first.resources) and not second.gaps, second.gaps
    figures = {
        "resources": found,
        "projects": 201,
        "latency_ms": args.latency_ms,
        "seconds_1_worker": round(one, 2),
        "seconds_default": round(many, 2),
        "cpu_seconds_1_worker": round(one_cpu, 2),
        "cpu_seconds_default": round(many_cpu, 2),
        "default_workers": DEFAULT_WORKERS,
        "speedup": round(one / many, 1),
        "target_speedup": TARGET_SPEEDUP,
    }
    title = (
        f"GCP scan of {found} resources in 201 projects, {args.latency_ms:.0f} ms per request"
        " (loopback fake in a child process on 127.0.0.1)"
    )
    cpu = f"scanner CPU: {one_cpu:.1f} s with 1 worker, {many_cpu:.1f} s with the default"
    rows = [("1", one), (f"{DEFAULT_WORKERS} (default)", many)]
    return report(args.json, figures, title, found, rows, TARGET_SPEEDUP, cpu)


if __name__ == "__main__":
    sys.exit(main())
