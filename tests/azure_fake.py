"""A loopback Azure for the Azure connector's tests and benchmark: Resource Manager
(subscriptions, resources, resource groups, each type's own list, compute SKUs, App Service
configuration, Azure Monitor metrics) and the Resource Graph query, served on 127.0.0.1 to
the real SDK clients, with Azure's paging (`nextLink`, `$skipToken`) and error bodies.
Records every request; can refuse, throttle, slow down or send a malformed record."""

from __future__ import annotations

import json
import time
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

from tests import loopback
from tests.loopback import JsonHandler

GRAPH = "/providers/microsoft.resourcegraph/resources"
_GENERIC = ("id", "name", "type", "location", "tags", "kind", "sku", "managedBy", "plan")
_EXPANDED = ("createdTime", "changedTime", "provisioningState")


@dataclass
class Estate:
    subscriptions: dict[str, str] = field(default_factory=dict)  # id -> display name
    resources: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # sub -> full
    groups: dict[str, list[str]] = field(default_factory=dict)  # sub -> empty groups too
    skus: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # location -> SKUs
    configs: dict[str, dict[str, Any]] = field(default_factory=dict)  # site id -> config/web
    used: dict[str, int] = field(default_factory=dict)  # storage account id -> bytes
    # Refusals and throttling match when the key occurs in the lower-case request path.
    denied: dict[str, str] = field(default_factory=dict)  # path part -> error code (403)
    throttle: dict[str, int] = field(default_factory=dict)  # path part -> 429s before answering
    retry_after: str | None = "0"  # the Retry-After header of a 429, if any
    errors: dict[str, tuple[int, str]] = field(default_factory=dict)  # path part -> status, code
    redirects: dict[str, str] = field(default_factory=dict)  # path part -> Location
    garbage: set[str] = field(default_factory=set)  # path parts answered 200 with a web page
    graph_omits: set[str] = field(default_factory=set)  # subscriptions Graph has not indexed
    untyped_groups: set[str] = field(default_factory=set)  # resource groups sent without type
    page_size: int = 100
    graph_truncates: bool = False  # Resource Graph cuts its answer short
    graph_quota: int = 14  # x-ms-user-quota-remaining sent with each Resource Graph answer
    latency: float = 0.0
    requests: list[tuple[str, str]] = field(default_factory=list)  # (method, path and query)


def arm_id(sub: str, group: str, kind: str, name: str) -> str:
    """`Microsoft.Sql/servers/databases` with name `srv/db` -> .../servers/srv/databases/db."""
    namespace, *types = kind.split("/")
    names = name.split("/")
    pairs = "/".join(f"{t}/{n}" for t, n in zip(types, names, strict=True))
    return f"/subscriptions/{sub}/resourceGroups/{group}/providers/{namespace}/{pairs}"


def resource(
    sub: str, group: str, type_: str, name: str, location: str = "westeurope", **extra: Any
) -> dict[str, Any]:
    return {
        "id": arm_id(sub, group, type_, name),
        "name": name,  # a child's is its path below the parent, "server/db", as ARM lists it
        "type": type_,
        "location": location,
        "createdTime": "2025-03-01T10:00:00.0000000Z",
        "changedTime": "2026-10-01T10:00:00.0000000Z",
        "provisioningState": "Succeeded",
        **extra,
    }


def _error(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


_METRICS = "/providers/microsoft.insights/metrics"


class _Handler(JsonHandler):
    estate: Estate
    protocol_version = "HTTP/1.1"  # keep-alive, as Azure's front doors do

    def _refused(self, path: str) -> bool:
        return self._failed(path) or self._throttled(path)

    def _failed(self, path: str) -> bool:
        estate = self.estate
        for part, code in estate.denied.items():
            if part.lower() in path:
                message = (
                    f"The client 'scanner@example.org' with object id '0000' does not have "
                    f"authorization to perform action over scope '{path}' or the scope is invalid."
                )
                self._send(403, _error(code, message))
                return True
        for part, (status, code) in estate.errors.items():
            if part.lower() in path:
                self._send(status, _error(code, f"{code} for {path}"))
                return True
        for part in estate.garbage:
            if part.lower() in path:
                page = b"<html><body>Proxy login</body></html>"
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)
                return True
        for part, location in estate.redirects.items():
            if part.lower() in path:
                self._send(307, {}, {"Location": location})
                return True
        return False

    def _throttled(self, path: str) -> bool:
        estate = self.estate
        with self.lock:
            for part, left in estate.throttle.items():
                if part.lower() in path and left:
                    estate.throttle[part] = left - 1
                    break
            else:
                return False
        after = {"Retry-After": estate.retry_after} if estate.retry_after is not None else {}
        self._send(429, _error("TooManyRequests", "The request is being throttled."), after)
        return True

    def _start(self, method: str) -> tuple[str, dict[str, str]] | None:
        with self.lock:
            self.estate.requests.append((method, self.path))
        if self.estate.latency:
            time.sleep(self.estate.latency)
        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        path = url.path.lower().rstrip("/")
        if "api-version" not in query:
            self._send(400, _error("MissingApiVersionParameter", "api-version is required"))
            return None
        if self._refused(self.path.lower()):
            return None
        return path, query

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        started = self._start("POST")
        if started is None:
            return
        path, _ = started
        if path != GRAPH:
            self._send(405, _error("MethodNotAllowed", f"POST {path} is not served"))
            return
        self._graph(body)

    def do_PUT(self) -> None:
        self._start("PUT")
        self._send(405, _error("MethodNotAllowed", "read-only fake"))

    do_DELETE = do_PATCH = do_PUT

    def do_GET(self) -> None:
        started = self._start("GET")
        if started is None:
            return
        path, query = started
        if path == "/subscriptions":
            self._subscriptions(query)
            return
        parts = path.strip("/").split("/")
        sub = parts[1] if len(parts) > 1 else ""
        if sub not in self.estate.subscriptions:
            self._send(
                404, _error("SubscriptionNotFound", f"The subscription '{sub}' could not be found.")
            )
            return
        self._in_subscription(path, parts, sub, query)

    def _subscriptions(self, query: dict[str, str]) -> None:
        found = [
            {
                "id": f"/subscriptions/{s}",
                "subscriptionId": s,
                "displayName": name,
                "state": "Enabled",
                "tenantId": "11111111-1111-1111-1111-111111111111",
            }
            for s, name in sorted(self.estate.subscriptions.items())
        ]
        self._page(found, query)

    def _in_subscription(
        self, path: str, parts: list[str], sub: str, query: dict[str, str]
    ) -> None:
        estate = self.estate
        everything = estate.resources.get(sub, [])
        if len(parts) == 3 and parts[2] == "resources":
            expand = set(query.get("$expand", "").split(","))
            keep = _GENERIC + tuple(k for k in _EXPANDED if k in expand)
            self._page([{k: r[k] for k in keep if k in r} for r in everything], query)
        elif len(parts) == 3 and parts[2] == "resourcegroups":
            groups = [
                {
                    "id": f"/subscriptions/{sub}/resourceGroups/{g}",
                    "name": g,
                    "type": "Microsoft.Resources/resourceGroups",
                    "location": "westeurope",
                    "properties": {"provisioningState": "Succeeded"},
                }
                for g in _groups(estate, sub)
            ]
            self._page([_typed(estate, group) for group in groups], query)
        elif path.endswith("/providers/microsoft.compute/skus"):
            location = query.get("$filter", "").split("'")[1]
            self._page(estate.skus.get(location, []), query)
        elif path.endswith(_METRICS):
            self._metrics(path.removesuffix(_METRICS))
        elif path.endswith("/config/web"):
            self._web_config(path.removesuffix("/config/web"))
        elif len(parts) == 5 and parts[2] == "providers":
            kind = f"{parts[3]}/{parts[4]}"
            self._page([r for r in everything if r.get("type", "").lower() == kind], query)
        elif "/providers/" in path:
            # A child type below its parent: .../servers/srv/databases
            prefix = path + "/"
            self._page(
                [
                    r
                    for r in everything
                    if r["id"].lower().startswith(prefix)
                    and "/" not in r["id"].lower()[len(prefix) :]
                ],
                query,
            )
        else:
            self._send(404, _error("NotFound", f"no such path {path}"))

    def _metrics(self, owner: str) -> None:
        used = {k.lower(): v for k, v in self.estate.used.items()}.get(owner)
        data = [] if used is None else [{"timeStamp": "2026-11-28T10:00:00Z", "average": used}]
        metric = {
            "name": {"value": "UsedCapacity"},
            "unit": "Bytes",
            "timeseries": [{"data": data}],
        }
        self._send(200, {"value": [metric]})

    def _web_config(self, site: str) -> None:
        config = {k.lower(): v for k, v in self.estate.configs.items()}.get(site)
        if config is None:
            self._send(404, _error("ResourceNotFound", f"{site} not found"))
        else:
            self._send(200, {"id": f"{site}/config/web", "properties": config})

    def _page(self, items: list[dict[str, Any]], query: dict[str, str]) -> None:
        start = int(query.get("$skiptoken", "0"))
        size = self.estate.page_size
        body: dict[str, Any] = {"value": items[start : start + size]}
        if start + size < len(items):
            following = {**query, "$skiptoken": str(start + size)}
            host = self.headers.get("Host")
            body["nextLink"] = f"http://{host}{urlparse(self.path).path}?{urlencode(following)}"
        self._send(200, body)

    def _graph(self, body: dict[str, Any]) -> None:
        estate = self.estate
        rows: list[dict[str, Any]] = []
        for sub in body.get("subscriptions", []):
            # Resource Graph leaves out what the caller may not read, without an error, and
            # what it has not indexed yet.
            denied = any(part.lower() in f"/subscriptions/{sub}/" for part in estate.denied)
            if denied or sub in estate.graph_omits:
                continue
            for r in estate.resources.get(sub, []):
                keep = ("id", "name", "location", "tags", "kind", "sku", "properties", "managedBy")
                row = {k: r.get(k) for k in keep}
                row["provisioningState"] = r.get("provisioningState")
                row.update(
                    type=str(r.get("type", "")).lower() or None,
                    resourceGroup=r["id"].split("/")[4].lower(),
                    subscriptionId=sub,
                )
                rows.append(row)
            for g in _groups(estate, sub):
                row = {
                    "id": f"/subscriptions/{sub}/resourceGroups/{g}",
                    "name": g,
                    "type": "microsoft.resources/subscriptions/resourcegroups",
                    "location": "westeurope",
                    "resourceGroup": g.lower(),
                    "subscriptionId": sub,
                    "tags": {},
                    "kind": "",
                    "sku": None,
                    "properties": None,
                    "provisioningState": "Succeeded",
                }
                rows.append(_typed(estate, row))
        rows.sort(key=lambda row: str(row["id"]))
        options = body.get("options") or {}
        start = int(options.get("$skipToken") or 0)
        size = int(options.get("$top") or 100)
        page = rows[start : start + size]
        answer: dict[str, Any] = {
            "totalRecords": len(rows),
            "count": len(page),
            "resultTruncated": str(estate.graph_truncates).lower(),
            "data": page,
        }
        if start + size < len(rows):
            answer["$skipToken"] = str(start + size)
        quota = {
            "x-ms-user-quota-remaining": str(estate.graph_quota),
            "x-ms-user-quota-resets-after": "00:00:01",
        }
        self._send(200, answer, quota)


def _typed(estate: Estate, group: dict[str, Any]) -> dict[str, Any]:
    """A resource group as sent, without its type if the estate says so."""
    if group["name"] in estate.untyped_groups:
        return {k: v for k, v in group.items() if k != "type"}
    return group


def _groups(estate: Estate, sub: str) -> list[str]:
    found = {r["id"].split("/")[4] for r in estate.resources.get(sub, []) if "id" in r}
    return sorted(found | set(estate.groups.get(sub, [])))


def serve(estate: Estate) -> AbstractContextManager[str]:
    """The fake on 127.0.0.1 while the block runs; yields its base URL."""
    return loopback.serve(_Handler, estate)


def serve_forever(estate: Estate, ready: Any) -> None:
    """The fake in a benchmark's child process."""
    loopback.serve_forever(_Handler, estate, ready)
