"""Facts read per resource or per location after the resources themselves: App Service
web configuration, VM sizes (vCPU, memory) and storage used capacity (Azure Monitor). Each
is a call on the shared item pool; failures are tallied into one gap per subscription,
call and error code, since Azure's messages name the resource and a thousand gaps would
say one thing."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from azure.core.exceptions import AzureError

from connectors import toolkit
from exitplan.i18n import _
from exitplan.model import Gap, Scalar

from .calls import Pipeline, failure, fatal
from .records import GAPS
from .types import TYPES, canonical

SKU_API = "2021-07-01"
METRICS_API = "2023-10-01"
Sizes = dict[str, tuple[int, int]]  # VM size, lower case -> (vCPUs, memory MiB)


class ExtraTally(toolkit.Tally):
    """The extra calls that failed, per subscription, call and error code."""

    def failed(self, subscription: str, what: str, exc: AzureError) -> None:
        fatal(exc)
        self.add((subscription, what), failure(exc))

    def gaps(self, subscription: str) -> list[Gap]:
        lack = _("{count} resources lack what {what} gives: {message}")
        return [
            GAPS.gap(sub, what, code, lack.format(count=count, what=what, message=message))
            for (sub, what, code), count, message in self.counted(subscription)
        ]


class SizeCatalogue:
    """vCPUs and memory per VM size and location, read once per scan when it succeeds: a
    size name has the same figures in every subscription. A failed read is not kept, so
    the next subscription that needs the location asks with its own rights."""

    def __init__(self, pipeline: Callable[[], Pipeline]) -> None:
        self._pipeline = pipeline
        self._lock = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._known: dict[str, Sizes] = {}

    def sizes(self, sub: str, location: str) -> Sizes:
        with self._lock:
            lock = self._locks.setdefault(location, threading.Lock())
        with lock:
            if location not in self._known:
                self._known[location] = self._read(sub, location)
            return self._known[location]

    def _read(self, sub: str, location: str) -> Sizes:
        facts: Sizes = {}
        url = f"/subscriptions/{sub}/providers/Microsoft.Compute/skus"
        params = {"api-version": SKU_API, "$filter": f"location eq '{location}'"}
        for page in self._pipeline().pages(url, params):
            for sku in page:
                if sku.get("resourceType") != "virtualMachines" or not sku.get("name"):
                    continue
                caps = {c.get("name"): c.get("value") for c in sku.get("capabilities") or []}
                try:
                    vcpu = int(caps["vCPUs"])
                    memory = round(float(caps["MemoryGB"]) * 1024)
                except (KeyError, TypeError, ValueError):
                    continue  # a size without these figures: its VMs keep their size name
                facts[str(sku["name"]).lower()] = (vcpu, memory)
        return facts


class Extras:
    """Submit every extra call of a subscription's records, then collect them."""

    def __init__(
        self,
        pipeline: Callable[[], Pipeline],
        items: ThreadPoolExecutor,
        sizes: SizeCatalogue,
        tally: ExtraTally,
        monitor: bool,
        now: Callable[[], dt.datetime],
    ) -> None:
        self._pipeline, self.items, self._sizes, self._tally = pipeline, items, sizes, tally
        self._monitor, self._now = monitor, now

    def submit(self, sub: str, records: list[dict[str, Any]]) -> Pending:
        pending = Pending(sub, self._tally, self._sizes)
        items = self.items
        for record in records:
            spec = TYPES.get(canonical(record["type"]))
            if spec is None:
                continue
            rid = record["id"]
            if spec.config:
                params = {"api-version": spec.api_version}
                pending.configs[rid] = items.submit(
                    self._pipeline().get, f"{rid}/{spec.config}", params
                )
            if "used_capacity" in spec.enrich and self._monitor:
                pending.capacity[rid] = items.submit(self._used_capacity, rid)
        return pending

    def _used_capacity(self, rid: str) -> int | None:
        """The latest hourly UsedCapacity of a storage account in the last day, in bytes."""
        end = self._now().astimezone(dt.timezone.utc).replace(microsecond=0)
        start = end - dt.timedelta(days=1)
        params = {
            "api-version": METRICS_API,
            "metricnames": "UsedCapacity",
            "aggregation": "Average",
            "interval": "PT1H",
            "timespan": f"{start:%Y-%m-%dT%H:%M:%SZ}/{end:%Y-%m-%dT%H:%M:%SZ}",
        }
        body = self._pipeline().get(f"{rid}/providers/Microsoft.Insights/metrics", params)
        latest: int | None = None
        for metric in body.get("value") or []:
            for series in metric.get("timeseries") or []:
                for point in series.get("data") or []:
                    if point.get("average") is not None:
                        latest = int(point["average"])
        return latest


class Pending:
    """A subscription's extra calls in flight, by resource id. VM sizes are read on the
    subscription's own thread when first needed: a read another subscription is making for
    the same location is waited for there, not on a thread of the item pool."""

    def __init__(self, sub: str, tally: ExtraTally, catalogue: SizeCatalogue) -> None:
        self.sub, self._tally, self._catalogue = sub, tally, catalogue
        self.configs: dict[str, Future[Any]] = {}
        self.capacity: dict[str, Future[int | None]] = {}
        self._sizes: dict[str, Sizes | AzureError] = {}

    def config(self, rid: str) -> Any:
        return self._value(self.configs.get(rid), "config/web")

    def facts(self, record: dict[str, Any], size: object) -> dict[str, Scalar]:
        extra: dict[str, Scalar] = {}
        used = self._value(self.capacity.get(record["id"]), "Azure Monitor UsedCapacity")
        if used is not None:
            extra["size_bytes"] = used
        spec = TYPES.get(canonical(record["type"]))
        if spec is None or "vm_sizes" not in spec.enrich:
            return extra
        location = str(record.get("location") or "").lower()
        if location not in self._sizes:
            try:
                self._sizes[location] = self._catalogue.sizes(self.sub, location)
            except AzureError as exc:
                self._sizes[location] = exc
        sizes = self._sizes[location]
        if isinstance(sizes, AzureError):
            self._tally.failed(self.sub, "Microsoft.Compute/skus", sizes)
        elif isinstance(size, str) and size.lower() in sizes:
            extra["vcpu"], extra["memory_mib"] = sizes[size.lower()]
        return extra

    def _value(self, future: Future[Any] | None, what: str) -> Any:
        if future is None:
            return None
        try:
            return future.result()
        except AzureError as exc:
            self._tally.failed(self.sub, what, exc)
            return None
