"""Azure Resource Graph: resources, resource groups and their properties for many
subscriptions per query, paged by skip token, paced by the per-user quota that every
answer reports."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from connectors.toolkit import Cancelled

from .calls import Pipeline
from .relations import LINKED
from .types import TYPES

PAGE = 1000  # the largest page Resource Graph gives
_TABLE_TYPES = ", ".join(f"'{kind.lower()}'" for kind in [*TYPES, *LINKED])
# Properties are asked for only where the tables read them: a VM's alone is kilobytes, and
# a tenant's worth would be held in memory until its query ends (the types read for their
# relations alone are trimmed as each page arrives). The provisioning state is kept for
# every type, as Resource Manager's list gives it; managedBy is a disk's VM.
QUERY = (
    "Resources"
    " | union (ResourceContainers"
    " | where type =~ 'microsoft.resources/subscriptions/resourcegroups')"
    " | extend provisioningState = tostring(properties.provisioningState)"
    f" | extend properties = iff(type in~ ({_TABLE_TYPES}), properties, dynamic(null))"
    " | project id, name, type, location, resourceGroup, subscriptionId, tags, kind, sku,"
    " properties, provisioningState, managedBy"
    " | order by id asc"
)


class Pacer:
    """Shared by every thread that queries: when an answer says the quota is nearly spent,
    no query is sent until the window resets (Microsoft's guidance: wait, and stagger)."""

    def __init__(
        self, cancelled: threading.Event, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._cancelled = cancelled
        self._clock = clock
        self._lock = threading.Lock()
        self._not_before = 0.0

    def wait(self) -> None:
        with self._lock:
            delay = self._not_before - self._clock()
        if delay > 0 and self._cancelled.wait(delay + random.uniform(0, 0.25)):
            raise Cancelled()

    def heard(self, headers: Any, in_flight: int) -> None:
        try:
            remaining = int(headers.get("x-ms-user-quota-remaining"))
            hours, minutes, seconds = (
                float(p) for p in headers["x-ms-user-quota-resets-after"].split(":")
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            return  # no quota headers, or unreadable ones: the retry policy handles 429s
        if remaining > in_flight:
            return
        resets = min(hours * 3600 + minutes * 60 + seconds, 60.0)
        with self._lock:
            self._not_before = max(self._not_before, self._clock() + resets)


def rows(
    pipeline: Pipeline, subscriptions: list[str], pacer: Pacer, in_flight: int
) -> Iterator[tuple[int, list[dict[str, Any]], bool]]:
    """(page number, rows, truncated) for each page of the query over `subscriptions`."""
    from azure.mgmt.resourcegraph import ResourceGraphClient
    from azure.mgmt.resourcegraph.models import QueryRequest, QueryRequestOptions, ResultTruncated

    client = ResourceGraphClient(pipeline.credential, **pipeline.sdk(graph=True))
    token: str | None = None
    page = 0
    while True:
        page += 1
        pacer.wait()
        request = QueryRequest(
            subscriptions=subscriptions,
            query=QUERY,
            options=QueryRequestOptions(top=PAGE, skip_token=token, result_format="objectArray"),
        )
        # `cls` hands back the response headers too: they carry the quota.
        answer: Any = client.resources(
            request, cls=lambda raw, body, _: (body, raw.http_response.headers)
        )
        response, headers = answer
        pacer.heard(headers, in_flight)
        yield page, list(response.data or []), response.result_truncated == ResultTruncated.TRUE
        token = response.skip_token
        if not token:
            return
