"""A loopback Google Cloud for the GCP connector's tests and benchmark: Resource Manager
(projects, folders) and Cloud Asset's resource search over REST, served on 127.0.0.1 to
the real client libraries. Records every request; can refuse, throttle, fail, slow down or send
a malformed record.

Faithful where the connector depends on it: errors carry a google.rpc.ErrorInfo (reason and
metadata, with the consumer project where Google names one), pages follow nextPageToken
(Resource Manager's too), lists leave out DELETE_REQUESTED items unless showDeleted is set,
no assetTypes means every type, and readMask is checked and applied."""

from __future__ import annotations

import time
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

from tests import loopback
from tests.loopback import JsonHandler


@dataclass
class Estate:
    """Folders and projects under organisations, and each project's search results."""

    folders: dict[str, str] = field(default_factory=dict)  # "folders/N" -> parent
    projects: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (number, parent)
    resources: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # id -> results
    denied: dict[str, str] = field(default_factory=dict)  # project id -> ErrorInfo reason
    throttle: dict[str, int] = field(default_factory=dict)  # project id -> 429s before answering
    # "project" or "project@pageToken" -> HTTP statuses to answer first, one per request
    faults: dict[str, list[int]] = field(default_factory=dict)
    hidden: set[str] = field(default_factory=set)  # parents ("folders/N") whose lists are refused
    deleted: set[str] = field(default_factory=set)  # project ids, "folders/N": DELETE_REQUESTED
    # The project Cloud Asset bills (the quota project); `consumer_refuses` is the ErrorInfo
    # reason every search then gets, as when the API is disabled there.
    consumer: str = "projects/764086051850"
    consumer_refuses: str | None = None
    unauthenticated: bool = False  # every request: 401
    list_page_size: int = 2  # Resource Manager's page when the caller names none
    latency: float = 0.0
    requests: list[tuple[str, str]] = field(default_factory=list)  # (method, path)


def result(
    project: str, number: str, kind: str, name: str, location: str, **extra: Any
) -> dict[str, Any]:
    service, _, short = kind.partition("/")
    return {
        "name": f"//{service}/projects/{project}/locations/{location}/{short.lower()}s/{name}",
        "assetType": kind,
        "project": f"projects/{number}",
        "displayName": name,
        "location": location,
        **extra,
    }


# The fields of a ResourceSearchResult a readMask may name; the last two are not returned
# without one.
_FIELDS = {
    "name", "assetType", "project", "folders", "organization", "displayName", "description",
    "location", "labels", "networkTags", "kmsKeys", "createTime", "updateTime", "state",
    "additionalAttributes", "parentFullResourceName", "parentAssetType", "tagKeys",
    "tagValues", "tagValueIds", "effectiveTags", "versionedResources", "attachedResources",
}  # fmt: skip
_ON_REQUEST = {"versionedResources", "attachedResources"}
_STATUS = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    502: "UNAVAILABLE",
    503: "UNAVAILABLE",
    504: "DEADLINE_EXCEEDED",
}


def _error(
    status: int,
    state: str,
    message: str,
    reason: str | None = None,
    metadata: dict[str, str] | None = None,
) -> dict[str, Any]:
    details = []
    if reason:
        details = [
            {
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": reason,
                "domain": "googleapis.com",
                "metadata": {"service": "cloudasset.googleapis.com", **(metadata or {})},
            }
        ]
    return {"error": {"code": status, "message": message, "status": state, "details": details}}


def _disabled(consumer: str) -> str:
    number = consumer.removeprefix("projects/")
    return f"Cloud Asset API has not been used in project {number} before or it is disabled."


def _page(items: list[Any], query: dict[str, str], default: int) -> tuple[list[Any], str | None]:
    size = int(query.get("pageSize", "0") or 0) or default
    start = int(query.get("pageToken", "0") or 0)
    following = str(start + size) if start + size < len(items) else None
    return items[start : start + size], following


class _Handler(JsonHandler):
    estate: Estate

    def do_POST(self) -> None:
        with self.lock:
            self.estate.requests.append(("POST", self.path))
        self._send(405, _error(405, "METHOD_NOT_ALLOWED", "read-only fake"))

    def do_GET(self) -> None:
        estate = self.estate
        with self.lock:
            estate.requests.append(("GET", self.path))
        if estate.latency:
            time.sleep(estate.latency)
        url = urlparse(self.path)
        every = parse_qs(url.query)
        query = {k: v[0] for k, v in every.items()}
        path = unquote(url.path)
        if estate.unauthenticated:
            message = "Request had invalid authentication credentials."
            self._send(401, _error(401, "UNAUTHENTICATED", message, "ACCESS_TOKEN_EXPIRED"))
        elif path.endswith(":searchAllResources"):
            self._search(
                path.removeprefix("/v1/projects/").removesuffix(":searchAllResources"),
                query,
                every.get("assetTypes", []),
            )
        elif path.startswith("/v3/projects/"):
            project = path.removeprefix("/v3/projects/")
            by_number = {n: p for p, (n, _) in estate.projects.items()}
            project = by_number.get(project, project)
            if project not in estate.projects:
                self._send(403, _error(403, "PERMISSION_DENIED", f"no access to {project}"))
                return
            number, parent = estate.projects[project]
            self._send(200, self._project(project, number, parent))
        elif path in ("/v3/projects", "/v3/folders") and query.get("parent") in estate.hidden:
            message = f"Permission denied on {query['parent']}"
            self._send(403, _error(403, "PERMISSION_DENIED", message, "IAM_PERMISSION_DENIED"))
        elif path in ("/v3/projects", "/v3/folders"):
            parent = query.get("parent", "")
            shown = query.get("showDeleted") == "true"
            if path == "/v3/projects":
                items = [
                    self._project(p, n, par)
                    for p, (n, par) in sorted(estate.projects.items())
                    if par == parent
                ]
            else:
                items = [
                    {"name": f, "parent": par, "state": self._state(f), "displayName": f}
                    for f, par in sorted(estate.folders.items())
                    if par == parent
                ]
            items = [i for i in items if shown or i["state"] == "ACTIVE"]
            page, following = _page(items, query, estate.list_page_size)
            body: dict[str, Any] = {path.removeprefix("/v3/"): page}
            if following:
                body["nextPageToken"] = following
            self._send(200, body)
        else:
            self._send(404, _error(404, "NOT_FOUND", f"no such path {path}"))

    def _state(self, name: str) -> str:
        return "DELETE_REQUESTED" if name in self.estate.deleted else "ACTIVE"

    def _project(self, project: str, number: str, parent: str) -> dict[str, Any]:
        return {
            "name": f"projects/{number}",
            "projectId": project,
            "parent": parent,
            "state": self._state(project),
            "displayName": project,
        }

    def _fault(self, project: str, token: str) -> int | None:
        estate = self.estate
        with self.lock:
            if estate.throttle.get(project, 0):
                estate.throttle[project] -= 1
                return 429
            for key in (f"{project}@{token}", project):
                if estate.faults.get(key):
                    return estate.faults[key].pop(0)
        return None

    def _search(self, project: str, query: dict[str, str], types: list[str]) -> None:
        estate = self.estate
        mask = [f for f in query.get("readMask", "").split(",") if f]
        unknown = [f for f in mask if f not in _FIELDS and f != "*"]
        if unknown:
            message = f"Invalid field path in read_mask: {unknown[0]}"
            self._send(400, _error(400, "INVALID_ARGUMENT", message))
            return
        if estate.consumer_refuses:
            message = _disabled(estate.consumer)
            metadata = {"consumer": estate.consumer}
            reason = estate.consumer_refuses
            self._send(403, _error(403, "PERMISSION_DENIED", message, reason, metadata))
            return
        if project in estate.denied:
            reason = estate.denied[project]
            number = estate.projects.get(project, ("0", ""))[0]
            if reason == "SERVICE_DISABLED":  # the project searched is the consumer itself
                message = _disabled(f"projects/{number}")
                metadata = {"consumer": f"projects/{number}"}
            else:
                message = f"The caller does not have permission on projects/{project}"
                metadata = {"permission": "cloudasset.assets.searchAllResources"}
            self._send(403, _error(403, "PERMISSION_DENIED", message, reason, metadata))
            return
        status = self._fault(project, query.get("pageToken", ""))
        if status is not None:
            state = _STATUS.get(status, "UNKNOWN")
            self._send(status, _error(status, state, f"fault injected: {status}"))
            return
        kinds = set(types)
        fields = (
            set(mask) if mask and "*" not in mask else _FIELDS - (set() if mask else _ON_REQUEST)
        )
        everything = [
            {k: v for k, v in r.items() if k in fields or k not in _FIELDS}
            for r in estate.resources.get(project, [])
            if not kinds or r.get("assetType", "malformed") in kinds | {"malformed"}
        ]
        page, following = _page(everything, query, 100)
        body: dict[str, Any] = {"results": page}
        if following:
            body["nextPageToken"] = following
        self._send(200, body)


def serve(estate: Estate) -> AbstractContextManager[str]:
    """The fake on 127.0.0.1 while the block runs; yields its base URL."""
    return loopback.serve(_Handler, estate)


def serve_forever(estate: Estate, ready: Any) -> None:
    """The fake in a benchmark's child process."""
    loopback.serve_forever(_Handler, estate, ready)
