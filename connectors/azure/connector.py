"""`exitplan scan azure`: every subscription the identity can read, or those asked for.

Each subscription is one unit of a bounded pool. Through Resource Manager (the default) a
unit lists every resource with `resources.list` and the resource groups, then reads the
properties of the types in `types.py` (and of those read for their relations alone,
`relations.py`) with each type's own list, in parallel on a second pool. With
`--resource-graph`, Resource Graph returns resources and their properties for 100
subscriptions per query, and what it leaves out is read through Resource Manager.
Either way, App Service stacks and storage used capacity (Azure Monitor) are read last, per
resource on the second pool, and virtual machine sizes (vCPU, memory) once per location
(`extras.py`). What cannot be read is a gap, and the scan goes on."""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from azure.core.exceptions import AzureError, ClientAuthenticationError

from connectors.interface import Progress
from connectors.paths import search
from connectors.toolkit import Tally, drain
from exitplan.errors import InputError, RecordError
from exitplan.i18n import _
from exitplan.model import Gap, Resource, Scope

from . import graph
from .calls import PUBLIC_CLOUD, Pipeline, credentials_error, failure, fatal
from .extras import Extras, ExtraTally, Pending, SizeCatalogue
from .records import GAPS, first_of_each, malformed, to_resource
from .relations import LINKED, slim, spelled_as_listed
from .types import RESOURCE_GROUP, TYPES, AzType, canonical

DEFAULT_WORKERS = 16
EXPAND = "createdTime,changedTime,provisioningState"
# Subscriptions per Resource Graph query: a query takes up to 1,000, and Microsoft's
# throttling guidance advises groups of fewer than 300.
GRAPH_BATCH = 100
_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")


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


class _Counted:
    """Progress over both rounds of a Resource Graph scan (the queries, then what they left
    to Resource Manager) as one count, so that it never goes back."""

    def __init__(self, report: Callable[[Progress], None] | None) -> None:
        self.report = report
        self.base = Progress(0, 0, 0, 0)
        self.last = self.base

    def __call__(self, progress: Progress) -> None:
        base = self.base
        self.last = Progress(
            base.done + progress.done,
            base.total + progress.total,
            base.resources + progress.resources,
            base.gaps + progress.gaps,
        )
        if self.report is not None:
            self.report(self.last)

    def then(self) -> _Counted:
        self.base = self.last
        return self


class _TenantCredential:
    """Asks every token of `tenant`: DefaultAzureCredential has no tenant of its own."""

    def __init__(self, inner: Any, tenant: str) -> None:
        self.inner, self.tenant = inner, tenant

    def get_token(self, *scopes: str, **kwargs: Any) -> Any:
        return self.inner.get_token(*scopes, tenant_id=self.tenant, **kwargs)


class AzureConnector:
    name = "azure"
    source = "azure-api"

    def __init__(self, options: AzureOptions | None = None) -> None:
        self.options = options or AzureOptions()
        if self.options.max_workers < 1:
            raise InputError(_("--max-workers must be at least 1"))
        for value in self.options.subscriptions:
            if not _GUID.match(value):
                raise InputError(
                    _("--subscriptions: '{value}' is not a subscription id").format(value=value),
                    _("subscription ids are GUIDs, e.g. 00000000-0000-0000-0000-000000000000"),
                )
        if self.options.tenant is not None and not self.options.tenant.strip():
            raise InputError(_("--tenant is empty"), _("give the tenant id or domain"))
        self._cancelled = threading.Event()
        self._pipeline: Pipeline | None = None
        self._unreadable: list[Gap] = []
        self._tally = ExtraTally()
        self._sizes = SizeCatalogue(self.pipeline)
        self._pacer = graph.Pacer(self._cancelled)
        self._queries_in_flight = 1
        self._later: list[str] = []  # subscriptions Resource Graph did not answer for
        self._later_lock = threading.Lock()

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
                _("cannot list Azure subscriptions ({code}): {message}").format(
                    code=code, message=message
                ),
                _("check the network and that this identity may read subscriptions"),
            ) from exc
        scopes = []
        # The tenant is a scope only when all of it is asked for; it is covered when
        # every subscription in it was read (see collect).
        if self.options.tenant and not self.options.subscriptions:
            scopes.append(Scope(provider="azure", kind="tenant", id=self.options.tenant))
        wanted = sorted({s.lower() for s in self.options.subscriptions}) or sorted(visible)
        if not wanted:
            raise InputError(
                _("this identity can read no Azure subscription"),
                _("grant it Reader on the subscriptions to scan, or log in as another identity"),
            )
        unseen = _("not among the subscriptions this identity can read")
        for sub in wanted:
            found = visible.get(sub)
            name = str(found.display_name) if found and found.display_name else None
            scopes.append(Scope(provider="azure", kind="subscription", id=sub, name=name))
            if found is None:
                self._unreadable.append(GAPS.gap(sub, "*", "SubscriptionNotFound", unseen))
        return scopes

    # -- the scan

    def collect(self, scopes: Sequence[Scope]) -> Iterator[Resource | Gap]:
        if self._pipeline is None:
            self.discover()
        unread, self._unreadable = self._unreadable, []
        yield from unread
        skipped = {g.scope for g in unread}
        subscriptions = [s.id for s in scopes if s.kind == "subscription" and s.id not in skipped]
        units: list[list[str]]
        if self.options.resource_graph:
            batch = GRAPH_BATCH
            units = [subscriptions[i : i + batch] for i in range(0, len(subscriptions), batch)]
        else:
            units = [[s] for s in subscriptions]
        workers = self.options.max_workers
        self._queries_in_flight = max(1, min(workers, len(units)))
        failed = len(unread)
        try:
            with (
                ThreadPoolExecutor(workers, thread_name_prefix="exitplan-azure") as pool,
                ThreadPoolExecutor(workers, thread_name_prefix="exitplan-azure-item") as items,
            ):
                read = self._graph if self.options.resource_graph else self._subscription
                extras = Extras(
                    self.pipeline,
                    items,
                    self._sizes,
                    self._tally,
                    self.options.monitor,
                    self.options.now,
                )
                futures = {pool.submit(read, unit, extras) for unit in units}
                report = _Counted(self.options.progress)
                try:
                    for found in drain(futures, report):
                        if isinstance(found, Gap) and found.service == "*":
                            failed += 1
                        yield found
                    # What Resource Graph left out is read through Resource Manager, one
                    # subscription per unit as without --resource-graph.
                    again = {
                        pool.submit(self._subscription, [s], extras) for s in sorted(self._later)
                    }
                    for found in drain(again, report.then()):
                        if isinstance(found, Gap) and found.service == "*":
                            failed += 1
                        yield found
                except BaseException:
                    # Before the pools' exit waits for their threads: they stop sending
                    # and waiting once this is set.
                    self._cancelled.set()
                    raise
        finally:
            if self._pipeline is not None:
                self._pipeline.close()
                self._pipeline = None
        tenants = [s for s in scopes if s.kind == "tenant"]
        for tenant in tenants if failed else []:
            total = len(subscriptions) + len(skipped)
            message = _("{failed} of {total} subscriptions could not be read; see their gaps")
            message = message.format(failed=failed, total=total)
            yield GAPS.gap(tenant.id, "*", "SubscriptionsUnread", message)

    # -- Resource Manager: one subscription per unit

    def _subscription(self, unit: list[str], extras: Extras) -> list[Resource | Gap]:
        from azure.mgmt.resource.resources import ResourceManagementClient

        (sub,) = unit
        pipeline = self.pipeline()
        client = ResourceManagementClient(pipeline.credential, sub, **pipeline.sdk())
        records: list[dict[str, Any]] = []
        out: list[Resource | Gap] = []
        # Looked up once, before the loops over records.
        listed, grouped = _("resources.list: {problem}"), _("resourceGroups.list: {problem}")
        try:
            for page, found in enumerate(client.resources.list(expand=EXPAND).by_page(), 1):
                for i, item in enumerate(found):
                    record = dict(item)
                    problem = malformed(record, page, i)
                    if problem is None:
                        records.append(record)
                    else:
                        message = listed.format(problem=problem)
                        out.append(GAPS.malformed(sub, "resources", message))
        except AzureError as exc:
            fatal(exc)
            code, message = failure(exc)
            read = _("; {read} resources read before it").format(read=len(records))
            read = read if records else ""
            return [GAPS.failed(sub, "*", "resources.list", (code, message + read))]
        try:
            for page, groups in enumerate(client.resource_groups.list().by_page(), 1):
                for i, group in enumerate(groups):
                    record = dict(group)
                    problem = malformed(record, page, i)
                    if problem is not None:
                        message = grouped.format(problem=problem)
                        out.append(GAPS.malformed(sub, "resourceGroups", message))
                        continue
                    record["type"] = RESOURCE_GROUP
                    records.append(record)
        except AzureError as exc:
            fatal(exc)
            out.append(GAPS.failed(sub, "resourceGroups", "resourceGroups.list", failure(exc)))
        records = first_of_each(records)
        full, gaps = self._properties(sub, records, extras)
        out += gaps
        for record in records:
            record.update(full.get(record["id"].lower(), {}))
        return out + self._finish(sub, records, extras.submit(sub, records))

    def _properties(
        self, sub: str, records: list[dict[str, Any]], extras: Extras
    ) -> tuple[dict[str, dict[str, Any]], list[Gap]]:
        """The full representation of each resource of a type in the table, by lower-case
        id, from the type's own list: per subscription, or per parent for child types."""
        present: dict[str, list[str]] = {}
        for record in records:
            present.setdefault(canonical(record["type"]), []).append(record["id"])
        calls: list[tuple[str, str, AzType]] = []
        for kind, spec in {**TYPES, **LINKED}.items():
            if kind not in present:
                continue
            if spec.parent is None:
                calls.append((kind, f"/subscriptions/{sub}/providers/{kind}", spec))
            else:
                calls += [(kind, f"{p}/{spec.child}", spec) for p in present.get(spec.parent, [])]
        futures = [
            (kind, extras.items.submit(self._list, url, spec.api_version))
            for kind, url, spec in calls
        ]
        full: dict[str, dict[str, Any]] = {}
        failed = Tally()
        for kind, future in futures:
            try:
                for item in future.result():
                    if isinstance(item.get("id"), str):
                        full[item["id"].lower()] = slim(item)
            except AzureError as exc:
                fatal(exc)
                failed.add((kind,), failure(exc))
        gaps = []
        for (kind, code), count, message in failed.counted():
            lacking = len(present[kind])
            calls_note = _(" ({count} calls)").format(count=count) if count > 1 else ""
            message = _("{lacking} resources without their properties{calls}: {message}").format(
                lacking=lacking, calls=calls_note, message=message
            )
            gaps.append(GAPS.gap(sub, kind, code, message))
        return full, gaps

    def _list(self, url: str, api_version: str) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        for page in self.pipeline().pages(url, {"api-version": api_version}):
            found += page
        return found

    # -- Resource Graph: up to GRAPH_BATCH subscriptions per unit

    def _graph(self, unit: list[str], extras: Extras) -> list[Resource | Gap]:
        """One query over a batch of subscriptions. Should it fail (throttled past its
        retries, truncated), the batch is read through Resource Manager instead; so is each
        subscription without a single row, since Resource Graph leaves out, without a word,
        what the caller may not read and what it has not indexed yet. A subscription with a
        malformed row is read through Resource Manager too, whose pages tell where a bad
        record is, and the whole batch when the row does not say whose it is."""
        by_sub = self._graph_rows(unit)
        if by_sub is None:
            self._read_later(unit)
            return []
        self._read_later([sub for sub, records in by_sub.items() if not records])
        pending: dict[str, Pending] = {}
        for sub, records in sorted(by_sub.items()):
            if records:
                by_sub[sub] = first_of_each(records)
                pending[sub] = extras.submit(sub, by_sub[sub])
        out: list[Resource | Gap] = []
        for sub, waiting in pending.items():
            out += self._finish(sub, by_sub[sub], waiting)
        return out

    def _graph_rows(self, unit: list[str]) -> dict[str, list[dict[str, Any]]] | None:
        """The rows of each subscription of the batch, none for one with a malformed row;
        None when the whole batch is to be read through Resource Manager."""
        by_sub: dict[str, list[dict[str, Any]]] = {s: [] for s in unit}
        suspect: set[str] = set()
        try:
            for page, found, truncated in graph.rows(
                self.pipeline(), unit, self._pacer, self._queries_in_flight
            ):
                if truncated:
                    # Paging by skip token needs `id` projected, and ours is; should Azure
                    # still cut a page short, this batch is incomplete.
                    return None
                for i, row in enumerate(found):
                    sub = str(row.get("subscriptionId") or "").lower()
                    if malformed(row, page, i) is not None:
                        if sub not in unit:
                            return None
                        suspect.add(sub)
                    elif sub not in suspect:
                        by_sub.setdefault(sub, []).append(slim(row))
        except AzureError as exc:
            fatal(exc)
            return None
        by_sub.update((sub, []) for sub in suspect)
        return by_sub

    def _read_later(self, subscriptions: list[str]) -> None:
        with self._later_lock:
            self._later += subscriptions

    # -- both

    def _finish(
        self, sub: str, records: list[dict[str, Any]], pending: Pending
    ) -> list[Resource | Gap]:
        out: list[Resource | Gap] = []
        found: list[Resource] = []
        for record in records:
            data = record
            if record["id"] in pending.configs:
                data = {**record, "config": pending.config(record["id"])}
            size = search("properties.hardwareProfile.vmSize", record)
            try:
                found.append(to_resource(sub, data, pending.facts(record, size)))
            except RecordError as exc:
                message = exc.message.removeprefix("azure ")
                out.append(GAPS.malformed(sub, "resources", message))
        return [*spelled_as_listed(found), *out, *self._tally.gaps(sub)]
