"""Enrichments a table cannot express, each with the IAM actions it needs.

S3 bucket sizes are not in any S3 answer: S3 reports them once a day to CloudWatch, in the
bucket's own region, per storage class."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from exitplan.model import Gap, Resource

from .engine import Cancelled, Context, failure, pages

Results = list[Resource | Gap]


@dataclass(frozen=True)
class Augment:
    run: Callable[[Results, Context], Results]
    iam: tuple[str, ...]


_QUERIES_PER_CALL = 500  # GetMetricData's limit
_DAY = 86400


def _s3_metrics(results: Results, context: Context) -> Results:
    buckets: dict[str, list[Resource]] = defaultdict(list)
    for item in results:
        if isinstance(item, Resource):
            buckets[item.region].append(item)
    totals: dict[str, dict[str, int]] = defaultdict(dict)
    gaps: list[Gap] = []
    for region in sorted(buckets):
        names = {bucket.name for bucket in buckets[region]}
        try:
            found = _bucket_metrics(context.client("cloudwatch", region), names, context)
        except Cancelled:
            raise
        except Exception as exc:
            error = failure(exc)
            if error is None:
                raise
            gaps.append(
                Gap(
                    provider="aws",
                    scope=context.account,
                    region=region,
                    service="cloudwatch",
                    code=error[0],
                    message=f"{error[1]} (sizes and object counts of "
                    f"{len(names)} S3 buckets in {region} unknown)",
                )
            )
            continue
        for bucket, figures in found.items():
            totals[bucket].update(figures)
    enriched: Results = []
    for item in results:
        if isinstance(item, Resource) and totals.get(item.name):
            item = item.model_copy(update={"attributes": {**item.attributes, **totals[item.name]}})
        enriched.append(item)
    return enriched + gaps


def _bucket_metrics(
    cloudwatch: Any, names: set[str], context: Context
) -> dict[str, dict[str, int]]:
    """Latest daily BucketSizeBytes (summed over storage types) and NumberOfObjects."""
    series: list[tuple[str, str, list[dict[str, str]]]] = []
    for metric in ("BucketSizeBytes", "NumberOfObjects"):
        params: dict[str, Any] = {"Namespace": "AWS/S3", "MetricName": metric}
        for page in pages(cloudwatch, "list_metrics", params, context):
            for found in page.get("Metrics", ()):
                dims = {d["Name"]: d["Value"] for d in found.get("Dimensions", ())}
                if dims.get("BucketName") in names:
                    series.append((dims["BucketName"], metric, found["Dimensions"]))
    series.sort(key=lambda s: (s[0], s[1], str(s[2])))
    end = dt.datetime.now(dt.timezone.utc).replace(minute=0, second=0, microsecond=0)
    start = end - dt.timedelta(days=3)
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for first in range(0, len(series), _QUERIES_PER_CALL):
        batch = series[first : first + _QUERIES_PER_CALL]
        queries = [
            {
                "Id": f"m{n}",
                "MetricStat": {
                    "Metric": {"Namespace": "AWS/S3", "MetricName": metric, "Dimensions": dims},
                    "Period": _DAY,
                    "Stat": "Average",
                },
            }
            for n, (_, metric, dims) in enumerate(batch)
        ]
        request: dict[str, Any] = {
            "MetricDataQueries": queries,
            "StartTime": start,
            "EndTime": end + dt.timedelta(hours=1),
            "ScanBy": "TimestampDescending",
        }
        for page in pages(cloudwatch, "get_metric_data", request, context):
            for result in page.get("MetricDataResults", ()):
                values = result.get("Values") or ()
                if values:
                    bucket, metric, _ = batch[int(result["Id"][1:])]
                    key = "size_bytes" if metric == "BucketSizeBytes" else "object_count"
                    totals[bucket][key] += int(values[0])
    return {bucket: dict(figures) for bucket, figures in totals.items()}


AUGMENTS: dict[str, Augment] = {
    "s3_metrics": Augment(_s3_metrics, ("cloudwatch:ListMetrics", "cloudwatch:GetMetricData")),
}


def augment(name: str | None, results: Results, context: Context) -> Results:
    return results if name is None else AUGMENTS[name].run(results, context)


def actions(names: Sequence[str | None]) -> list[str]:
    return sorted({a for n in names if n is not None for a in AUGMENTS[n].iam})
