"""A loopback Google Cloud for the GCP connector's tests and benchmark: Resource Manager
(projects, folders) and Cloud Asset's resource search over REST, served on 127.0.0.1 to
the real client libraries. Records every request; can refuse, throttle, slow down or send
a malformed record."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse


@dataclass
class Estate:
    """Folders and projects under organisations, and each project's search results."""

    folders: dict[str, str] = field(default_factory=dict)  # "folders/N" -> parent
    projects: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (number, parent)
    resources: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # id -> results
    denied: dict[str, str] = field(default_factory=dict)  # project id -> ErrorInfo reason
    throttle: dict[str, int] = field(default_factory=dict)  # project id -> 429s before answering
    hidden: set[str] = field(default_factory=set)  # parents ("folders/N") whose lists are refused
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


def _error(status: int, state: str, message: str, reason: str | None = None) -> dict[str, Any]:
    details = []
    if reason:
        details = [
            {
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": reason,
                "domain": "googleapis.com",
                "metadata": {"service": "cloudasset.googleapis.com"},
            }
        ]
    return {"error": {"code": status, "message": message, "status": state, "details": details}}


class _Handler(BaseHTTPRequestHandler):
    estate: Estate
    lock: threading.Lock

    def log_message(self, *_: Any) -> None:
        pass

    def _send(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

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
        if path.endswith(":searchAllResources"):
            self._search(
                path.removeprefix("/v1/projects/").removesuffix(":searchAllResources"),
                query,
                every.get("assetTypes", []),
            )
        elif path.startswith("/v3/projects/"):
            project = path.removeprefix("/v3/projects/")
            if project not in estate.projects:
                self._send(403, _error(403, "PERMISSION_DENIED", f"no access to {project}"))
                return
            number, parent = estate.projects[project]
            self._send(200, _project(project, number, parent))
        elif path in ("/v3/projects", "/v3/folders") and query.get("parent") in estate.hidden:
            message = f"Permission denied on {query['parent']}"
            self._send(403, _error(403, "PERMISSION_DENIED", message, "IAM_PERMISSION_DENIED"))
        elif path == "/v3/projects":
            parent = query.get("parent", "")
            found = [
                _project(p, n, par)
                for p, (n, par) in sorted(estate.projects.items())
                if par == parent
            ]
            self._send(200, {"projects": found})
        elif path == "/v3/folders":
            parent = query.get("parent", "")
            found = [
                {"name": f, "parent": par, "state": "ACTIVE", "displayName": f}
                for f, par in sorted(estate.folders.items())
                if par == parent
            ]
            self._send(200, {"folders": found})
        else:
            self._send(404, _error(404, "NOT_FOUND", f"no such path {path}"))

    def _search(self, project: str, query: dict[str, str], types: list[str]) -> None:
        estate = self.estate
        if project in estate.denied:
            reason = estate.denied[project]
            message = (
                f"Cloud Asset API has not been used in project {project} before or it is disabled."
                if reason == "SERVICE_DISABLED"
                else f"The caller does not have permission on projects/{project}"
            )
            self._send(403, _error(403, "PERMISSION_DENIED", message, reason))
            return
        with self.lock:
            left = estate.throttle.get(project, 0)
            if left:
                estate.throttle[project] = left - 1
        if left:
            self._send(429, _error(429, "RESOURCE_EXHAUSTED", "Quota exceeded; retry"))
            return
        kinds = set(types)
        everything = [
            r
            for r in estate.resources.get(project, [])
            if not kinds or r.get("assetType", "malformed") in kinds | {"malformed"}
        ]
        size = int(query.get("pageSize", "100"))
        start = int(query.get("pageToken", "0") or 0)
        page = everything[start : start + size]
        body: dict[str, Any] = {"results": page}
        if start + size < len(everything):
            body["nextPageToken"] = str(start + size)
        self._send(200, body)


def _project(project: str, number: str, parent: str) -> dict[str, Any]:
    return {
        "name": f"projects/{number}",
        "projectId": project,
        "parent": parent,
        "state": "ACTIVE",
        "displayName": project,
    }


@contextmanager
def serve(estate: Estate) -> Iterator[str]:
    """The fake on 127.0.0.1 while the block runs; yields its base URL."""
    handler = type("Handler", (_Handler,), {"estate": estate, "lock": threading.Lock()})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
