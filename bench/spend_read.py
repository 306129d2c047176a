"""`make bench`: reading a 1,000,000-row AWS Cost and Usage Report (legacy CSV columns,
hourly rows of one month, 40 accounts, 30 services, tag columns, Savings Plan and
reserved instance rows) into spend, against `csv.reader` over the same file, time and
peak memory, each in a fresh child process. Memory must stay flat: the reader sums as it
reads, so its peak does not grow with the file.

    python bench/spend_read.py          # the table
    python bench/spend_read.py --json
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.childrun import in_child, peak_mib

TARGET_TIME = 4.0  # x csv.reader over the same file
TARGET_PEAK_MIB = 64  # above the start, whatever the size of the file
ROWS = 1_000_000
HEADER = [
    "identity/LineItemId", "bill/PayerAccountId", "bill/BillingPeriodStartDate",
    "lineItem/UsageAccountId", "lineItem/LineItemType", "lineItem/UsageStartDate",
    "lineItem/UsageEndDate", "lineItem/ProductCode", "lineItem/UsageType",
    "lineItem/Operation", "lineItem/AvailabilityZone", "lineItem/ResourceId",
    "lineItem/UsageAmount", "lineItem/CurrencyCode", "lineItem/UnblendedRate",
    "lineItem/UnblendedCost", "lineItem/LineItemDescription", "product/ProductName",
    "product/region", "pricing/unit", "reservation/EffectiveCost",
    "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod", "reservation/UnusedRecurringFee",
    "reservation/ReservationARN", "savingsPlan/SavingsPlanEffectiveCost",
    "savingsPlan/TotalCommitmentToDate", "savingsPlan/UsedCommitment",
    "resourceTags/user:application", "resourceTags/user:environment", "resourceTags/user:owner",
]  # fmt: skip
SERVICES = [(f"Amazon{n}", f"Amazon Service {n}") for n in range(30)]
TYPES = ["Usage"] * 16 + ["SavingsPlanCoveredUsage", "DiscountedUsage", "Tax", "Credit"]


def write(path: Path) -> None:
    with open(path, "w", newline="") as file:
        out = csv.writer(file)
        out.writerow(HEADER)
        for n in range(ROWS):
            hour = n % 720
            day, clock = 1 + hour // 24, hour % 24
            start = f"2025-06-{day:02d}T{clock:02d}:00:00Z"
            end = f"2025-06-{day:02d}T{clock:02d}:59:59Z"
            code, name = SERVICES[n % 30]
            kind = TYPES[n % 20]
            account = f"{100000000000 + n % 40}"
            cost = f"{(n % 997) / 1000:.10f}"
            out.writerow([
                f"li-{n}", "999999999999", "2025-06-01T00:00:00Z", account, kind, start, end,
                code, "EU-BoxUsage:m5.large", "RunInstances", "eu-west-1a",
                f"arn:aws:ec2:eu-west-1:{account}:instance/i-{n % 5000:08x}", "1.0", "USD",
                "0.096", cost, "m5.large On Demand", name, "eu-west-1", "Hrs",
                cost if kind == "DiscountedUsage" else "0", "0", "0", "",
                cost if kind == "SavingsPlanCoveredUsage" else "0", "0", "0",
                f"app{n % 50}" if n % 3 else "", "prod", "team",
            ])  # fmt: skip


def _measure(task: str, path: str, out: Any) -> None:
    if task == "spend":
        from exitplan.spend import read_spend  # imported before the clock starts
    base = peak_mib()
    started = time.perf_counter()
    if task == "csv":
        with open(path, newline="") as file:
            count = sum(1 for _ in csv.reader(file)) - 1
    else:
        spend = read_spend([Path(path)], max_bytes=2**34)
        count = spend.files[0].rows
    out.send((time.perf_counter() - started, peak_mib() - base, count))


def run(task: str, path: str) -> tuple[float, float, int]:
    return in_child(_measure, task, path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cur.csv"
        write(path)
        size = path.stat().st_size / 2**20
        run("csv", str(path))  # warm the page cache
        plain, plain_mib, _ = run("csv", str(path))
        spent, spend_mib, count = run("spend", str(path))
    ratio = spent / plain
    figures = {
        "rows": count,
        "file_mib": round(size, 1),
        "csv_reader_seconds": round(plain, 2),
        "read_spend_seconds": round(spent, 2),
        "time_ratio": round(ratio, 2),
        "csv_reader_peak_mib": round(plain_mib),
        "read_spend_peak_mib": round(spend_mib),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(
            f"Spend from a CUR of {count:,} rows ({size:.0f} MiB)\n"
            "| | seconds | peak MiB above start |\n|---|---|---|\n"
            f"| csv.reader | {plain:.2f} | {plain_mib:.0f} |\n"
            f"| read_spend | {spent:.2f} | {spend_mib:.0f} |\n"
            f"time: {ratio:.1f}x csv.reader (target <= {TARGET_TIME:.0f}x); "
            f"peak memory: {spend_mib:.0f} MiB (target < {TARGET_PEAK_MIB} MiB)"
        )
    return 0 if ratio <= TARGET_TIME and spend_mib < TARGET_PEAK_MIB else 1


if __name__ == "__main__":
    sys.exit(main())
