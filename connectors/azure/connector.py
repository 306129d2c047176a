"""`exitplan scan azure`: every subscription the identity can read, or those asked for.

Each subscription is one unit of a bounded pool. Through Resource Manager (the default) a
unit lists every resource with `resources.list` and the resource groups, then reads the
properties of the types in `types.py` with each type's own list, in parallel on a second
pool. With `--resource-graph`, Resource Graph returns resources and their properties for
up to 1,000 subscriptions per query. Either way, virtual machine sizes (vCPU, memory),
App Service stacks and storage used capacity (Azure Monitor) are read last, per resource
or per location, on the second pool. What cannot be read is a gap, and the scan goes on."""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from azure.core.exceptions import AzureError, ClientAuthenticationError

from connectors.attributes import convert
from connectors.interface import Progress
from connectors.paths import search
from connectors.units import drain
from exitplan.errors import InputError
from exitplan.model import Gap, Resource, Scalar, Scope

from .arm import PUBLIC_CLOUD, Pipeline, credentials_error, failure
from .types import RESOURCE_GROUP, TYPES, AzType, canonical

DEFAULT_WORKERS = 16
EXPAND = "createdTime,changedTime,provisioningState"
# Subscriptions per Resource Graph query: a query takes up to 1,000, and Microsoft's
# throttling guidance advises groups of fewer than 300.
GRAPH_BATCH = 100
GRAPH_PAGE = 1000  # the largest page Resource Graph gives
GRAPH_QUERY = (
    "Resources"
    " | union (ResourceContainers"
    " | where type =~ 'microsoft.resources/subscriptions/resourcegroups')"
    " | project id, name, type, location, resourceGroup, subscriptionId, tags, kind, sku,"
    " properties"
    " | order by id asc"
)
SKU_API = "2021-07-01"
METRICS_API = "2023-10-01"
_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
_GROUP = re.compile(r"/resourceGroups/([^/]+)", re.IGNORECASE)

# Each call and the Azure RBAC action it needs: `exitplan permissions azure` prints these.
ACTIONS = {
    "Subscriptions.List": "Microsoft.Resources/subscriptions/read",
    "Resources.List": "Microsoft.Resources/subscriptions/resources/read",
    "ResourceGroups.List": "Microsoft.Resources/subscriptions/resourceGroups/read",
    "ResourceSkus.List": "Microsoft.Compute/skus/read",
    "Metrics.List": "Microsoft.Insights/metrics/read",
}
GRAPH_ACTION = "Microsoft.ResourceGraph/resources/read"


@dataclass
class AzureOptions:
    tenant: str | None = None
    subscriptions: tuple[str, ...] = ()
    resource_graph: bool = False
    monitor: bool = True  # storage used capacity from Azure Monitor
    max_workers: int = DEFAULT_WORKERS
    retry_total: int = 10  # retries per call, on 408, 429 and 5xx, after Retry-After
    progress: Callable[[Progress], None] | None = None
    # Tests and benchmarks: where Resource Manager answers, with which credential, when.
    endpoint: str = PUBLIC_CLOUD
    credential: Any = None
    now: Callable[[], dt.datetime] = field(default=lambda: dt.datetime.now(dt.timezone.utc))


class _TenantCredential:
    """Asks every token of `tenant`: DefaultAzureCredential has no tenant of its own."""

    def __init__(self, inner: Any, tenant: str) -> None:
        self.inner, self.tenant = inner, tenant

    def get_token(self, *scopes: str, **kwargs: Any) -> Any:
        return self.inner.get_token(*scopes, tenant_id=self.tenant, **kwargs)


class _Tally:
    """Per-resource calls that failed, one gap per subscription, call and error code:
    Azure's messages name the resource, and a thousand gaps would say one thing."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: dict[tuple[str, str, str], tuple[int, str]] = {}

    def add(self, subscription: str, what: str, exc: BaseException) -> None:
        code, message = failure(exc)
        with self._lock:
            count, first = self._seen.get((subscription, what, code), (0, message))
            self._seen[(subscription, what, code)] = (count + 1, first)

    def gaps(self, subscription: str) -> list[Gap]:
        with self._lock:
            found = [(k, v) for k, v in self._seen.items() if k[0] == subscription]
        return [
            _gap(sub, what, code, f"{count} resources lack what {what} gives: {message}")
            for (sub, what, code), (count, message) in sorted(found)
        ]


class AzureConnector:
    name = "azure"
    source = "azure-api"

    def __init__(self, options: AzureOptions | None = None) -> None:
        self.options = options or AzureOptions()
        if self.options.max_workers < 1:
            raise InputError("--max-workers must be at least 1")
        for value in self.options.subscriptions:
            if not _GUID.match(value):
                raise InputError(
                    f"--subscriptions: '{value}' is not a subscription id",
                    "subscription ids are GUIDs, e.g. 00000000-0000-0000-0000-000000000000",
                )
        if self.options.tenant is not None and not self.options.tenant.strip():
            raise InputError("--tenant is empty", "give the tenant id or domain")
        self._cancelled = threading.Event()
        self._pipeline: Pipeline | None = None
        self._unreadable: list[Gap] = []
        self._sizes: dict[str, dict[str, tuple[int, int]]] = {}  # location -> size -> facts
        self._sizes_lock = threading.Lock()
        self._size_reads: dict[str, Future[dict[str, tuple[int, int]]]] = {}
        self._tally = _Tally()

    # -- before the scan

    def _credential(self) -> Any:
        if self.options.credential is not None:
            credential = self.options.credential
        else:
            from azure.identity import DefaultAzureCredential

            tenant = self.options.tenant
            credential = DefaultAzureCredential(
                additionally_allowed_tenants=[tenant] if tenant else []
            )
        if self.options.tenant:
            credential = _TenantCredential(credential, self.options.tenant)
        return credential

    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = Pipeline(
                self._credential(),
                self.options.endpoint,
                self.options.max_workers,
                self.options.retry_total,
                self._cancelled,
            )
        return self._pipeline

    def discover(self) -> list[Scope]:
        """Every subscription the identity can see (Deleted ones aside), or those asked for;
        one asked for that is not visible is a gap."""
        from azure.mgmt.resource.subscriptions import SubscriptionClient

        pipeline = self.pipeline()
        client = SubscriptionClient(pipeline.credential, **pipeline.sdk())
        try:
            visible = {
                str(s.subscription_id).lower(): s
                for s in client.subscriptions.list()
                if str(s.state or "") != "Deleted"
            }
        except ClientAuthenticationError as exc:
            raise credentials_error(exc) from exc
        except AzureError as exc:
            code, message = failure(exc)
            raise InputError(
                f"cannot list Azure subscriptions ({code}): {message}",
                "check the network and that this identity may read subscriptions",
            ) from exc
        scopes = []
        if self.options.tenant:
            scopes.append(Scope(provider="azure", kind="tenant", id=self.options.tenant))
        wanted = sorted({s.lower() for s in self.options.subscriptions}) or sorted(visible)
        if not wanted:
            raise InputError(
                "this identity can read no Azure subscription",
                "grant it Reader on the subscriptions to scan, or log in as another identity",
            )
        for sub in wanted:
            found = visible.get(sub)
            scopes.append(
                Scope(
                    provider="azure",
                    kind="subscription",
                    id=sub,
                    name=str(found.display_name) if found and found.display_name else None,
                )
            )
            if found is None:
                self._unreadable.append(
                    _gap(
                        sub,
                        "*",
                        "SubscriptionNotFound",
                        "not among the subscriptions this identity can read",
                    )
                )
        return scopes

    # -- the scan

    def collect(self, scopes: Sequence[Scope]) -> Iterator[Resource | Gap]:
        if self._pipeline is None:
            self.discover()
        yield from self._unreadable
        skipped = {g.scope for g in self._unreadable}
        subscriptions = [s.id for s in scopes if s.kind == "subscription" and s.id not in skipped]
        workers = self.options.max_workers
        units: list[list[str]]
        if self.options.resource_graph:
            units = [
                subscriptions[i : i + GRAPH_BATCH]
                for i in range(0, len(subscriptions), GRAPH_BATCH)
            ]
        else:
            units = [[s] for s in subscriptions]
        try:
            with (
                ThreadPoolExecutor(workers, thread_name_prefix="exitplan-azure") as pool,
                ThreadPoolExecutor(workers, thread_name_prefix="exitplan-azure-item") as items,
            ):
                yield from self._run(pool, items, units)
        except BaseException:
            self._cancelled.set()
            raise
        finally:
            if self._pipeline is not None:
                self._pipeline.close()

    def _run(
        self, pool: ThreadPoolExecutor, items: ThreadPoolExecutor, units: list[list[str]]
    ) -> Iterator[Resource | Gap]:
        read = self._graph if self.options.resource_graph else self._subscription
        try:
            yield from drain(
                {pool.submit(read, unit, items) for unit in units}, self.options.progress
            )
        except BaseException:
            self._cancelled.set()
            pool.shutdown(wait=False, cancel_futures=True)
            items.shutdown(wait=False, cancel_futures=True)
            raise

    # -- Resource Manager: one subscription per unit

    def _subscription(self, unit: list[str], items: ThreadPoolExecutor) -> list[Resource | Gap]:
        from azure.mgmt.resource.resources import ResourceManagementClient

        (sub,) = unit
        pipeline = self.pipeline()
        client = ResourceManagementClient(pipeline.credential, sub, **pipeline.sdk())
        records: list[dict[str, Any]] = []
        out: list[Resource | Gap] = []
        try:
            for page, found in enumerate(client.resources.list(expand=EXPAND).by_page(), 1):
                records += [self._checked(dict(r), sub, page, i) for i, r in enumerate(found)]
        except ClientAuthenticationError as exc:
            raise credentials_error(exc) from exc
        except AzureError as exc:
            code, message = failure(exc)
            read = f"; {len(records)} resources read before it" if records else ""
            return [_gap(sub, "*", code, f"resources.list: {message}{read}")]
        try:
            for page, groups in enumerate(client.resource_groups.list().by_page(), 1):
                for i, group in enumerate(groups):
                    record = self._checked(dict(group), sub, page, i)
                    record["type"] = RESOURCE_GROUP
                    records.append(record)
        except ClientAuthenticationError as exc:
            raise credentials_error(exc) from exc
        except AzureError as exc:
            code, message = failure(exc)
            out.append(_gap(sub, "resourceGroups", code, f"resourceGroups.list: {message}"))
        full, gaps = self._properties(sub, records, items)
        out += gaps
        for record in records:
            record.update(full.get(record["id"].lower(), {}))
        out += self._finish(sub, records, items)
        return out

    def _properties(
        self, sub: str, records: list[dict[str, Any]], items: ThreadPoolExecutor
    ) -> tuple[dict[str, dict[str, Any]], list[Gap]]:
        """The full representation of each resource of a type in the table, by lower-case
        id, from the type's own list: per subscription, or per parent for child types."""
        present: dict[str, list[str]] = {}
        for record in records:
            present.setdefault(canonical(record["type"]), []).append(record["id"])
        calls: list[tuple[str, str, AzType]] = []
        for kind, spec in TYPES.items():
            if kind not in present:
                continue
            if spec.parent is None:
                calls.append((kind, f"/subscriptions/{sub}/providers/{kind}", spec))
            else:
                calls += [(kind, f"{p}/{spec.child}", spec) for p in present.get(spec.parent, [])]
        futures = [
            (kind, items.submit(self._list, url, spec.api_version)) for kind, url, spec in calls
        ]
        full: dict[str, dict[str, Any]] = {}
        gaps: list[Gap] = []
        failed: dict[tuple[str, str], tuple[int, str]] = {}
        for kind, future in futures:
            try:
                for item in future.result():
                    if isinstance(item.get("id"), str):
                        full[item["id"].lower()] = item
            except ClientAuthenticationError as exc:
                raise credentials_error(exc) from exc
            except AzureError as exc:
                code, message = failure(exc)
                count, first = failed.get((kind, code), (0, message))
                failed[(kind, code)] = (count + 1, first)
        for (kind, code), (count, message) in sorted(failed.items()):
            lacking = len(present[kind])
            calls_note = f" ({count} calls)" if count > 1 else ""
            gaps.append(
                _gap(
                    sub,
                    kind,
                    code,
                    f"{lacking} resources without their properties{calls_note}: {message}",
                )
            )
        return full, gaps

    def _list(self, url: str, api_version: str) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        for page in self.pipeline().pages(url, {"api-version": api_version}):
            found += page
        return found

    # -- Resource Graph: up to 1,000 subscriptions per unit

    def _graph(self, unit: list[str], items: ThreadPoolExecutor) -> list[Resource | Gap]:
        from azure.mgmt.resourcegraph import ResourceGraphClient
        from azure.mgmt.resourcegraph.models import QueryRequest, QueryRequestOptions

        pipeline = self.pipeline()
        client = ResourceGraphClient(pipeline.credential, **pipeline.sdk())
        by_sub: dict[str, list[dict[str, Any]]] = {s: [] for s in unit}
        token: str | None = None
        page = 0
        try:
            while True:
                page += 1
                request = QueryRequest(
                    subscriptions=unit,
                    query=GRAPH_QUERY,
                    options=QueryRequestOptions(
                        top=GRAPH_PAGE, skip_token=token, result_format="objectArray"
                    ),
                )
                # `cls` hands back the response headers too: they carry the quota.
                answer: Any = client.resources(
                    request, cls=lambda raw, body, _: (body, raw.http_response.headers)
                )
                response, headers = answer
                for i, row in enumerate(response.data or []):
                    sub = str(row.get("subscriptionId") or "").lower()
                    record = self._checked(row, sub or unit[0], page, i)
                    by_sub.setdefault(sub, []).append(record)
                if str(response.result_truncated).lower() == "true":
                    # Paging by skip token needs `id` projected; ours is. Should Azure still
                    # cut a page short, the subscriptions of this query are incomplete.
                    return [
                        _gap(s, "*", "ResultTruncated", "Resource Graph truncated the result")
                        for s in unit
                    ]
                token = response.skip_token
                if not token:
                    break
                _pace(headers)
        except ClientAuthenticationError as exc:
            raise credentials_error(exc) from exc
        except AzureError as exc:
            code, message = failure(exc)
            return [_gap(s, "*", code, f"Resource Graph query: {message}") for s in unit]
        out: list[Resource | Gap] = []
        for sub, records in sorted(by_sub.items()):
            # Resource Graph leaves out what the caller may not read without saying so: a
            # subscription with no rows at all, not even a resource group, is asked directly.
            unread = None if records else self._unreadable_subscription(sub)
            out += [unread] if unread else self._finish(sub, records, items)
        return out

    def _unreadable_subscription(self, sub: str) -> Gap | None:
        from azure.mgmt.resource.resources import ResourceManagementClient

        pipeline = self.pipeline()
        client = ResourceManagementClient(pipeline.credential, sub, **pipeline.sdk())
        try:
            next(iter(client.resource_groups.list(top=1)), None)
        except ClientAuthenticationError as exc:
            raise credentials_error(exc) from exc
        except AzureError as exc:
            code, message = failure(exc)
            return _gap(sub, "*", code, f"Resource Graph returned nothing, and: {message}")
        return None

    # -- both: what is read per resource or location, then the Resources

    def _finish(
        self, sub: str, records: list[dict[str, Any]], items: ThreadPoolExecutor
    ) -> list[Resource | Gap]:
        configs: dict[str, Future[Any]] = {}
        capacity: dict[str, Future[int | None]] = {}
        locations: set[str] = set()
        for record in records:
            spec = TYPES.get(canonical(record["type"]))
            if spec is None:
                continue
            if spec.config:
                url = f"{record['id']}/{spec.config}"
                configs[record["id"]] = items.submit(
                    self.pipeline().get, url, {"api-version": spec.api_version}
                )
            if "used_capacity" in spec.enrich and self.options.monitor:
                capacity[record["id"]] = items.submit(self._used_capacity, record["id"])
            if "vm_sizes" in spec.enrich and record.get("location"):
                locations.add(str(record["location"]).lower())
        sizes = {loc: self._vm_sizes(sub, loc, items) for loc in sorted(locations)}
        out: list[Resource | Gap] = []
        for record in records:
            data = dict(record)
            rid = record["id"]
            if rid in configs:
                data["config"] = self._value(configs[rid], sub, "config/web")
            resource = _resource(sub, data)
            extra: dict[str, Scalar] = {}
            if rid in capacity:
                used = self._value(capacity[rid], sub, "Azure Monitor UsedCapacity")
                if used is not None:
                    extra["size_bytes"] = used
            size = resource.attributes.get("instance_type")
            location = str(record.get("location") or "").lower()
            if resource.type == "Microsoft.Compute/virtualMachines" and location in sizes:
                facts = self._value(sizes[location], sub, "Microsoft.Compute/skus")
                if facts is not None and isinstance(size, str) and size.lower() in facts:
                    extra["vcpu"], extra["memory_mib"] = facts[size.lower()]
            if extra:
                resource = resource.model_copy(
                    update={"attributes": {**resource.attributes, **extra}}
                )
            out.append(resource)
        out += self._tally.gaps(sub)
        return out

    def _value(self, future: Future[Any], sub: str, what: str) -> Any:
        try:
            return future.result()
        except ClientAuthenticationError as exc:
            raise credentials_error(exc) from exc
        except AzureError as exc:
            self._tally.add(sub, what, exc)
            return None

    def _vm_sizes(
        self, sub: str, location: str, items: ThreadPoolExecutor
    ) -> Future[dict[str, tuple[int, int]]]:
        """vCPUs and memory of each VM size in a location, read once per scan: the same
        size name has the same figures in every subscription."""
        with self._sizes_lock:
            found = self._size_reads.get(location)
            if found is None:
                found = items.submit(self._read_sizes, sub, location)
                self._size_reads[location] = found
            return found

    def _read_sizes(self, sub: str, location: str) -> dict[str, tuple[int, int]]:
        facts: dict[str, tuple[int, int]] = {}
        url = f"/subscriptions/{sub}/providers/Microsoft.Compute/skus"
        params = {"api-version": SKU_API, "$filter": f"location eq '{location}'"}
        for page in self.pipeline().pages(url, params):
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

    def _used_capacity(self, rid: str) -> int | None:
        """The latest hourly UsedCapacity of a storage account in the last day, in bytes."""
        end = self.options.now().astimezone(dt.timezone.utc).replace(microsecond=0)
        start = end - dt.timedelta(days=1)
        params = {
            "api-version": METRICS_API,
            "metricnames": "UsedCapacity",
            "aggregation": "Average",
            "interval": "PT1H",
            "timespan": f"{start:%Y-%m-%dT%H:%M:%SZ}/{end:%Y-%m-%dT%H:%M:%SZ}",
        }
        body = self.pipeline().get(f"{rid}/providers/Microsoft.Insights/metrics", params)
        latest: int | None = None
        for metric in body.get("value") or []:
            for series in metric.get("timeseries") or []:
                for point in series.get("data") or []:
                    if point.get("average") is not None:
                        latest = int(point["average"])
        return latest

    def _checked(self, record: dict[str, Any], sub: str, page: int, index: int) -> dict[str, Any]:
        missing = [k for k in ("id", "type") if not isinstance(record.get(k), str) or not record[k]]
        if missing:
            keys = ", ".join(sorted(record)) or "none"
            raise InputError(
                f"azure subscription {sub}: record {index + 1} of page {page} has no "
                f"{' or '.join(missing)} (fields present: {keys})",
                "Azure answered with a malformed record; rerun with --debug and report it",
            )
        return record


def _resource(sub: str, data: dict[str, Any]) -> Resource:
    kind = canonical(str(data["type"]))
    rid = str(data["id"])
    attributes: dict[str, Scalar] = {}
    spec = TYPES.get(kind)
    if spec is not None:
        for name, attr in spec.attributes.items():
            try:
                value = convert(search(attr.path, data), attr, kind, name)
            except (TypeError, ValueError) as exc:
                raise InputError(
                    f"azure {rid}: attribute {name} has an unexpected value ({exc})",
                    "rerun with --debug and report it",
                ) from exc
            if value is not None:
                attributes[name] = value
    elif data.get("kind"):
        attributes["kind"] = str(data["kind"])
    if data.get("sku") and isinstance(data["sku"], dict) and data["sku"].get("name"):
        attributes.setdefault("sku", str(data["sku"]["name"]))
    state = data.get("provisioningState") or search("properties.provisioningState", data)
    if isinstance(state, str) and state:
        attributes["provisioning_state"] = state
    for key, name in (("createdTime", "created_time"), ("changedTime", "changed_time")):
        if isinstance(data.get(key), str):
            attributes[name] = data[key]
    group = _GROUP.search(rid)
    tags = data.get("tags") or {}
    return Resource(
        provider="azure",
        account=sub,
        region=str(data.get("location") or "global").lower(),
        type=kind,
        id=rid,
        name=str(data.get("name") or rid.rsplit("/", 1)[-1]),
        resource_group=group.group(1)
        if group
        else (str(data.get("name")) if kind == RESOURCE_GROUP else None),
        tags={str(k): str(v) for k, v in sorted(tags.items())},
        attributes=attributes,
    )


def _pace(headers: Any) -> None:
    """Resource Graph's quota is per user and window: when it is spent, wait for the next."""
    remaining = headers.get("x-ms-user-quota-remaining")
    resets = headers.get("x-ms-user-quota-resets-after")
    if remaining is None or resets is None or int(remaining) > 0:
        return
    hours, minutes, seconds = (float(p) for p in str(resets).split(":"))
    time.sleep(min(hours * 3600 + minutes * 60 + seconds, 60.0))


def _gap(scope: str, service: str, code: str, message: str) -> Gap:
    return Gap(
        provider="azure", scope=scope, region=None, service=service, code=code, message=message
    )
