"""`exitplan scan gcp`: every project under the organisations, folders and projects asked
for, read with Cloud Asset's resource search, one project per unit of a bounded pool.

Projects are found with Resource Manager (folders walked breadth first), so that each
project is read, and can fail, on its own: a project whose Cloud Asset API is disabled or
denied is a gap, and the others are read. All calls go over HTTP (REST) and are GETs."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any

from google.api_core import exceptions as api
from google.api_core.client_options import ClientOptions
from google.api_core.retry import Retry, if_exception_type
from google.protobuf.json_format import MessageToDict
from requests import RequestException

from connectors.attributes import convert
from connectors.interface import Progress
from connectors.paths import search
from exitplan.errors import InputError
from exitplan.model import Gap, Resource, Scalar, Scope

from .types import ASSET_TYPES

DEFAULT_WORKERS = 16
PAGE_SIZE = 500  # the largest page searchAllResources gives
READ_SCOPE = "https://www.googleapis.com/auth/cloud-platform.read-only"
# What is read of each search result: the versioned resource holds the service's own fields.
READ_MASK = (
    "name,assetType,project,displayName,location,labels,additionalAttributes,versionedResources"
)
# Each call and the permission it needs: `exitplan permissions gcp` prints these.
PERMISSIONS = {
    "AssetService.SearchAllResources": "cloudasset.assets.searchAllResources",
    "Projects.GetProject": "resourcemanager.projects.get",
    "Projects.ListProjects": "resourcemanager.projects.list",
    "Folders.ListFolders": "resourcemanager.folders.list",
}
_RETRIED = (api.TooManyRequests, api.ServiceUnavailable, api.InternalServerError)


@dataclass
class GcpOptions:
    organizations: tuple[str, ...] = ()
    folders: tuple[str, ...] = ()
    projects: tuple[str, ...] = ()
    max_workers: int = DEFAULT_WORKERS
    retry_seconds: float = 120.0  # how long a throttled or failing call is retried
    progress: Callable[[Progress], None] | None = None
    # Tests and benchmarks: where the APIs answer, and with which credentials.
    endpoint: str | None = None
    credentials: Any = None
    asset_types: tuple[str, ...] = field(default=tuple(ASSET_TYPES))


@dataclass(frozen=True)
class _Project:
    id: str
    number: str | None


class GcpConnector:
    name = "gcp"
    source = "gcp-api"

    def __init__(self, options: GcpOptions | None = None) -> None:
        self.options = options or GcpOptions()
        if self.options.max_workers < 1:
            raise InputError("--max-workers must be at least 1")
        for kind, ids in (
            ("organization", self.options.organizations),
            ("folder", self.options.folders),
        ):
            for value in ids:
                if not value.isdigit():
                    raise InputError(
                        f"--{kind}: '{value}' is not a number", f"{kind} ids are numeric"
                    )
        self._local = threading.local()
        self._credentials: Any = None
        self._projects: list[_Project] = []
        self._numbers: dict[str, str] = {}
        self._gaps: list[Gap] = []
        self._retry = Retry(
            predicate=if_exception_type(*_RETRIED),
            initial=1.0,
            maximum=30.0,
            multiplier=2.0,
            timeout=self.options.retry_seconds,
        )

    # -- clients: one set per thread, all over REST

    def _client(self, kind: str) -> Any:
        from google.cloud import asset_v1, resourcemanager_v3

        cached = getattr(self._local, kind, None)
        if cached is None:
            factory = {
                "asset": asset_v1.AssetServiceClient,
                "projects": resourcemanager_v3.ProjectsClient,
                "folders": resourcemanager_v3.FoldersClient,
            }[kind]
            options = (
                ClientOptions(api_endpoint=self.options.endpoint) if self.options.endpoint else None
            )
            cached = factory(
                credentials=self._credentials, transport="rest", client_options=options
            )
            setattr(self._local, kind, cached)
        return cached

    # -- before the scan

    def discover(self) -> list[Scope]:
        """The credentials, and every active project under the scopes asked for."""
        project = None
        if self.options.credentials is not None:
            self._credentials = self.options.credentials
        else:
            import google.auth
            from google.auth.exceptions import DefaultCredentialsError

            try:
                self._credentials, project = google.auth.default(scopes=[READ_SCOPE])
            except DefaultCredentialsError as exc:
                raise InputError(
                    f"no Google Cloud credentials found: {exc}",
                    "run: gcloud auth application-default login, "
                    "or set GOOGLE_APPLICATION_CREDENTIALS",
                ) from exc
        asked = list(self.options.projects)
        if not (asked or self.options.folders or self.options.organizations):
            if not project:
                raise InputError("no scope to scan", "name --project, --folder or --organization")
            asked = [project]
        scopes = [
            Scope(provider="gcp", kind="organization", id=o) for o in self.options.organizations
        ]
        scopes += [Scope(provider="gcp", kind="folder", id=f) for f in self.options.folders]
        with ThreadPoolExecutor(
            self.options.max_workers, thread_name_prefix="exitplan-gcp"
        ) as pool:
            found = dict(zip(asked, pool.map(self._named, asked), strict=True))
        parents = [f"organizations/{o}" for o in self.options.organizations]
        parents += [f"folders/{f}" for f in self.options.folders]
        for below in self._under(parents):
            found.setdefault(below.id, below)
        self._projects = [found[p] for p in sorted(found)]
        self._numbers = {p.number: p.id for p in self._projects if p.number}
        scopes += [Scope(provider="gcp", kind="project", id=p.id) for p in self._projects]
        return scopes

    def _named(self, project: str) -> _Project:
        """A project asked for by id. Its number (which search results carry) comes from
        Resource Manager; without the Browser role the search can still run."""
        try:
            found = self._client("projects").get_project(
                name=f"projects/{project}", retry=self._retry
            )
        except (api.GoogleAPICallError, RequestException):
            return _Project(project, None)
        return _Project(str(found.project_id), str(found.name).removeprefix("projects/"))

    def _under(self, parents: list[str]) -> list[_Project]:
        """Active projects below organisations and folders, a level of folders at a time
        with the parents of a level listed in parallel; a parent that cannot be listed is
        a gap."""
        projects: list[_Project] = []
        level = list(parents)
        with ThreadPoolExecutor(
            self.options.max_workers, thread_name_prefix="exitplan-gcp"
        ) as pool:
            while level:
                following: list[str] = []
                for found, folders, gap in pool.map(self._children, level):
                    projects += found
                    following += folders
                    if gap is not None:
                        self._gaps.append(gap)
                level = following
        return projects

    def _children(self, parent: str) -> tuple[list[_Project], list[str], Gap | None]:
        projects: list[_Project] = []
        folders: list[str] = []
        try:
            for project in self._client("projects").list_projects(parent=parent, retry=self._retry):
                if project.state.name == "ACTIVE":
                    number = str(project.name).removeprefix("projects/")
                    projects.append(_Project(str(project.project_id), number))
            for folder in self._client("folders").list_folders(parent=parent, retry=self._retry):
                if folder.state.name == "ACTIVE":
                    folders.append(str(folder.name))
        except (api.GoogleAPICallError, RequestException) as exc:
            code, message = _failure(exc)
            scope = parent.split("/", 1)[1]
            gap = _gap(scope, "resourcemanager", code, f"cannot list {parent}: {message}")
            return projects, folders, gap
        return projects, folders, None

    # -- the scan

    def collect(self, scopes: Sequence[Scope]) -> Iterator[Resource | Gap]:
        if self._credentials is None:
            self.discover()
        yield from self._gaps
        wanted = {s.id for s in scopes if s.kind == "project"}
        projects = [p for p in self._projects if p.id in wanted]
        cancelled = threading.Event()
        with ThreadPoolExecutor(
            self.options.max_workers, thread_name_prefix="exitplan-gcp"
        ) as pool:
            try:
                pending: set[Future[list[Resource | Gap]]] = {
                    pool.submit(self._read, p, cancelled) for p in projects
                }
                done_count = resources = gaps = 0
                self._report(Progress(0, len(projects), 0, 0))
                while pending:
                    done, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
                    for future in done:
                        found = future.result()
                        done_count += 1
                        resources += sum(isinstance(x, Resource) for x in found)
                        gaps += sum(isinstance(x, Gap) for x in found)
                        yield from found
                    if done:
                        self._report(Progress(done_count, len(projects), resources, gaps))
            except BaseException:
                cancelled.set()
                pool.shutdown(wait=False, cancel_futures=True)
                raise

    def _report(self, progress: Progress) -> None:
        if self.options.progress is not None:
            self.options.progress(progress)

    def _read(self, project: _Project, cancelled: threading.Event) -> list[Resource | Gap]:
        out: list[Resource | Gap] = []
        try:
            pager = self._client("asset").search_all_resources(
                request={
                    "scope": f"projects/{project.id}",
                    "asset_types": list(self.options.asset_types),
                    "page_size": PAGE_SIZE,
                    "read_mask": READ_MASK,
                },
                retry=self._retry,
            )
            for page_number, page in enumerate(pager.pages, start=1):
                if cancelled.is_set():
                    return out
                for index, result in enumerate(page.results):
                    record = MessageToDict(result._pb)
                    out.append(self._resource(project, record, page_number, index))
        except (api.GoogleAPICallError, RequestException) as exc:
            code, message = _failure(exc)
            if (
                "SERVICE_DISABLED" in message
                or "has not been used" in message
                or "is disabled" in message
            ):
                enable = "gcloud services enable cloudasset.googleapis.com --project"
                message += f" (enable it: {enable} {project.id})"
            # Nothing read: the whole project is a gap ("*"), and not counted as covered.
            service = "cloudasset" if out else "*"
            read = f"; {len(out)} resources read before it" if out else ""
            out.append(_gap(project.id, service, code, f"SearchAllResources: {message}{read}"))
        return out

    def _resource(
        self, project: _Project, record: dict[str, Any], page: int, index: int
    ) -> Resource:
        where = f"projects/{project.id}: search result {index + 1} of page {page}"
        name, kind = record.get("name"), record.get("assetType")
        if not name or not kind:
            missing = "name" if not name else "assetType"
            raise InputError(
                f"gcp {where}: no {missing} in {str(record)[:200]}",
                "Cloud Asset answered with a malformed record; rerun with --debug and report it",
            )
        number = str(record.get("project", "")).removeprefix("projects/")
        versions = record.get("versionedResources") or [{}]
        data = {
            "resource": versions[0].get("resource", {}),
            "extra": record.get("additionalAttributes", {}),
        }
        attributes: dict[str, Scalar] = {}
        for attribute, attr in ASSET_TYPES.get(kind, {}).items():
            value = convert(search(attr.path, data), attr, kind, attribute)
            if value is not None:
                attributes[attribute] = value
        labels = record.get("labels") or {}
        return Resource(
            provider="gcp",
            account=self._numbers.get(number, project.id),
            region=str(record.get("location") or "global"),
            type=kind,
            id=str(name),
            name=str(record.get("displayName") or str(name).rsplit("/", 1)[-1]),
            tags={str(k): str(v) for k, v in sorted(labels.items())},
            attributes=attributes,
        )


def _failure(exc: BaseException) -> tuple[str, str]:
    if isinstance(exc, api.GoogleAPICallError):
        code = exc.reason or type(exc).__name__
        return str(code), str(exc.message or exc)
    return type(exc).__name__, str(exc)


def _gap(scope: str, service: str, code: str, message: str) -> Gap:
    return Gap(
        provider="gcp", scope=scope, region=None, service=service, code=code, message=message
    )
