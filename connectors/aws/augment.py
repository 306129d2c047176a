"""Enrichments a table cannot express, each with the IAM actions it needs.

Some sizes are in no describe answer, only in CloudWatch: S3 reports each bucket's bytes
and objects once a day, per storage class, in the bucket's own region; Aurora reports a
cluster's volume bytes. Both are read with GetMetricData, up to 500 series a call."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from exitplan.i18n import N_, _
from exitplan.model import Gap, Resource

from .calls import Context, attempt, pages
from .records import GAPS

Results = list[Resource | Gap]
Series = tuple[str, str, list[dict[str, str]]]  # (resource name, attribute, dimensions)


@dataclass(frozen=True)
class Augment:
    run: Callable[[Results, Context], Results]
    iam: tuple[str, ...]


_QUERIES_PER_CALL = 500  # GetMetricData's limit
_DAY = 86400


def _by_region(
    results: Results,
    context: Context,
    wanted: Callable[[Resource], bool],
    series: Callable[[Any, set[str], Context], list[tuple[Series, str, str]]],
    what: str,
) -> Results:
    """Add the latest daily figures to each wanted resource, region by region in parallel;
    a region whose metrics cannot be read is a gap that names what is unknown."""
    chosen: dict[str, set[str]] = defaultdict(set)
    for item in results:
        if isinstance(item, Resource) and wanted(item):
            chosen[item.region].add(item.name)

    def one(region: str) -> tuple[str, dict[str, dict[str, int]] | tuple[str, str]]:
        cloudwatch = context.client("cloudwatch", region)
        found, error = attempt(
            lambda: _latest(cloudwatch, series(cloudwatch, chosen[region], context), context)
        )
        if found is None:
            assert error is not None
            return region, error
        return region, found

    totals: dict[tuple[str, str], dict[str, int]] = {}
    gaps: Results = []
    for region, found in context.map(one, sorted(chosen)):
        if isinstance(found, tuple):
            message = _("{message} ({what} of {count} resources in {region} unknown)").format(
                message=found[1], what=_(what), count=len(chosen[region]), region=region
            )
            gaps.append(GAPS.gap(context.account, "cloudwatch", found[0], message, region=region))
            continue
        for name, figures in found.items():
            totals[(region, name)] = figures
    enriched: Results = []
    for item in results:
        if isinstance(item, Resource) and (item.region, item.name) in totals:
            figures = totals[(item.region, item.name)]
            item = item.model_copy(update={"attributes": {**item.attributes, **figures}})
        enriched.append(item)
    return enriched + gaps


def _latest(
    cloudwatch: Any, series: list[tuple[Series, str, str]], context: Context
) -> dict[str, dict[str, int]]:
    """The most recent daily value of each series, summed per resource and attribute."""
    end = dt.datetime.now(dt.timezone.utc).replace(minute=0, second=0, microsecond=0)
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for first in range(0, len(series), _QUERIES_PER_CALL):
        batch = series[first : first + _QUERIES_PER_CALL]
        queries = [
            {
                "Id": f"m{n}",
                "MetricStat": {
                    "Metric": {"Namespace": namespace, "MetricName": metric, "Dimensions": dims},
                    "Period": _DAY,
                    "Stat": "Average",
                },
            }
            for n, ((_name, _attribute, dims), namespace, metric) in enumerate(batch)
        ]
        request: dict[str, Any] = {
            "MetricDataQueries": queries,
            "StartTime": end - dt.timedelta(days=3),
            "EndTime": end + dt.timedelta(hours=1),
            "ScanBy": "TimestampDescending",
        }
        for page in pages(cloudwatch, "get_metric_data", request, context):
            for result in page.get("MetricDataResults", ()):
                values = result.get("Values") or ()
                if values:
                    (name, attribute, _dims), _namespace, _metric = batch[int(result["Id"][1:])]
                    totals[name][attribute] += int(values[0])
    return {name: dict(figures) for name, figures in totals.items()}


_S3 = {"BucketSizeBytes": "size_bytes", "NumberOfObjects": "object_count"}


def _s3_series(cloudwatch: Any, names: set[str], context: Context) -> list[tuple[Series, str, str]]:
    """Every storage class a bucket has bytes in is a series of its own: listed first."""
    found: list[tuple[Series, str, str]] = []
    for metric, attribute in _S3.items():
        params = {"Namespace": "AWS/S3", "MetricName": metric}
        for page in pages(cloudwatch, "list_metrics", params, context):
            for listed in page.get("Metrics", ()):
                dims = listed.get("Dimensions", [])
                bucket = next((d["Value"] for d in dims if d["Name"] == "BucketName"), None)
                if bucket in names:
                    found.append(((bucket, attribute, dims), "AWS/S3", metric))
    return sorted(found, key=lambda s: (s[0][0], s[0][1], str(s[0][2])))


def _aurora_series(
    cloudwatch: Any, names: set[str], context: Context
) -> list[tuple[Series, str, str]]:
    return [
        (
            (name, "size_bytes", [{"Name": "DBClusterIdentifier", "Value": name}]),
            "AWS/RDS",
            "VolumeBytesUsed",
        )
        for name in sorted(names)
    ]


def _s3_metrics(results: Results, context: Context) -> Results:
    return _by_region(results, context, lambda r: True, _s3_series, N_("sizes and object counts"))


def _aurora_volume(results: Results, context: Context) -> Results:
    def aurora(resource: Resource) -> bool:
        return str(resource.attributes.get("engine", "")).startswith("aurora")

    return _by_region(results, context, aurora, _aurora_series, N_("volume sizes"))


AUGMENTS: dict[str, Augment] = {
    "s3_metrics": Augment(_s3_metrics, ("cloudwatch:ListMetrics", "cloudwatch:GetMetricData")),
    "aurora_volume": Augment(_aurora_volume, ("cloudwatch:GetMetricData",)),
}


def augment(name: str | None, results: Results, context: Context) -> Results:
    return results if name is None else AUGMENTS[name].run(results, context)


def actions(names: Sequence[str | None]) -> list[str]:
    return sorted({a for n in names if n is not None for a in AUGMENTS[n].iam})
