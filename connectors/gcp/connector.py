"""`exitplan scan gcp`: every project under the organisations, folders and projects asked
for, read with Cloud Asset's resource search, one project per unit of a bounded pool.

Projects are found with Resource Manager (folders walked breadth first), so that each
project is read, and can fail, on its own: a project whose search is denied is a gap, and
the others are read. All calls go over HTTP (REST) and are GETs."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from connectors.interface import Progress
from connectors.toolkit import Cancelled, drain
from exitplan.errors import InputError, RecordError
from exitplan.i18n import _
from exitplan.model import Gap, Resource, Scope

from . import calls
from .records import GAPS, to_resource

T = TypeVar("T")
R = TypeVar("R")

DEFAULT_WORKERS = 16
# Cloud Asset allows 400 SearchAllResources calls a minute per consumer project (and 1,500 per
# organisation); 300 leaves room for retries and for others who share the quota project.
DEFAULT_SEARCHES_PER_MINUTE = 300
PAGE_SIZE = 500  # the largest page searchAllResources gives
# Cloud Asset accepts only this scope (its RPC reference and the client's own default list
# no read-only variant); what the scan may do is limited by the IAM roles, which only read.
SCOPE = "https://www.googleapis.com/auth/cloud-platform"
# What is read of each search result. The versioned resource is the service's whole
# configuration (startup scripts, environment variables): it stays in memory, only the
# attributes named in types.py are kept, and it must never be logged or printed.
READ_MASK = (
    "name,assetType,project,displayName,location,labels,additionalAttributes,versionedResources"
)
_PROJECT = re.compile(r"[a-z0-9][a-z0-9.:-]*")


@dataclass
class GcpOptions:
    organizations: tuple[str, ...] = ()
    folders: tuple[str, ...] = ()
    projects: tuple[str, ...] = ()
    max_workers: int = DEFAULT_WORKERS
    searches_per_minute: int = DEFAULT_SEARCHES_PER_MINUTE
    retry_seconds: float = 120.0  # how long a throttled or failing call is retried
    backoff_seconds: float = 1.0  # the first wait before a retry; it doubles up to 30 s
    progress: Callable[[Progress], None] | None = None
    # Tests and benchmarks: where the APIs answer, and with which credentials.
    endpoint: str | None = None
    credentials: Any = None
    asset_types: tuple[str, ...] = ()  # empty: every searchable type


@dataclass(frozen=True)
class _Project:
    id: str
    number: str | None
    state: str = "ACTIVE"


@dataclass(frozen=True)
class _Listing:
    projects: list[_Project]
    folders: list[str]
    failure: Exception | None = None


class GcpConnector:
    name = "gcp"
    source = "gcp-api"

    def __init__(self, options: GcpOptions | None = None) -> None:
        self.options = options or GcpOptions()
        if self.options.max_workers < 1:
            raise InputError(_("--max-workers must be at least 1"))
        if self.options.searches_per_minute < 1:
            raise InputError(_("--searches-per-minute must be at least 1"))
        self._roots = [_root("organization", value) for value in self.options.organizations] + [
            _root("folder", value) for value in self.options.folders
        ]
        self._asked = list(dict.fromkeys(_project(value) for value in self.options.projects))
        self._pool: ThreadPoolExecutor | None = None
        self._cancelled = threading.Event()
        self._pacer = calls.Pacer(self.options.searches_per_minute)
        self._clients: calls.Clients | None = None
        self._projects: list[_Project] = []
        self._numbers: dict[str, str] = {}
        self._gaps: list[Gap] = []

    @property
    def _api(self) -> calls.Clients:
        """The scan's clients, from `discover` on."""
        assert self._clients is not None
        return self._clients

    def _executor(self) -> ThreadPoolExecutor:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(
                self.options.max_workers, thread_name_prefix="exitplan-gcp"
            )
        return self._pool

    def _map(self, work: Callable[[T], R], items: Sequence[T]) -> list[R]:
        """`work` on each item in the pool, results in order; on any error (or Ctrl-C) the
        rest is cancelled before it starts."""
        futures = [self._executor().submit(work, item) for item in items]
        try:
            return [future.result() for future in futures]
        except BaseException:
            self._stop(futures)
            raise

    def _stop(self, futures: Sequence[Future[Any]]) -> None:
        self._cancelled.set()
        for future in futures:
            future.cancel()

    def _close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=not self._cancelled.is_set(), cancel_futures=True)
            self._pool = None
        if self._clients is not None:
            self._clients.close()

    # -- before the scan

    def discover(self) -> list[Scope]:
        """The credentials, and every active project under the scopes asked for."""
        project = None
        credentials = self.options.credentials
        if credentials is None:
            import google.auth
            from google.auth.exceptions import DefaultCredentialsError

            try:
                credentials, project = google.auth.default(scopes=[SCOPE])
            except DefaultCredentialsError as exc:
                raise InputError(
                    _("no Google Cloud credentials found: {exc}").format(exc=exc),
                    _(
                        "run: gcloud auth application-default login, "
                        "or set GOOGLE_APPLICATION_CREDENTIALS"
                    ),
                ) from exc
        self._clients = calls.Clients(
            credentials,
            self.options.endpoint,
            self._cancelled,
            self._pacer,
            self.options.retry_seconds,
            self.options.backoff_seconds,
        )
        self._gaps = []
        asked = self._asked
        if not (asked or self._roots):
            if not project:
                raise InputError(
                    _("no scope to scan"), _("name --project, --folder or --organization")
                )
            asked = [_project(project)]
        try:
            named = self._map(self._named, asked)
            below = self._under(self._roots)
            self._gaps += [gap for _one, gap in named if gap is not None]
        except BaseException:
            self._close()
            raise
        # One project per id: named by number, twice, or also found below a scope asked for.
        found: dict[str, _Project] = {}
        for one in [*(p for p, _gap in named), *below]:
            found.setdefault(one.id, one)
        scopes = [Scope(provider="gcp", kind=_kind(root), id=root) for root in self._roots]
        self._projects = []
        inactive = _("project {id} is {state}: not read")
        for one in sorted(found.values(), key=lambda p: p.id):
            scopes.append(Scope(provider="gcp", kind="project", id=one.id))
            if one.state == "ACTIVE":
                self._projects.append(one)
            else:
                message = inactive.format(id=one.id, state=one.state)
                self._gaps.append(GAPS.gap(one.id, "*", one.state, message))
        self._numbers = {p.number: p.id for p in self._projects if p.number}
        return scopes

    def _named(self, project: str) -> tuple[_Project, Gap | None]:
        """A project asked for by id or number. Its id, number (which search results carry)
        and state come from Resource Manager. If that read fails (no Browser role: 403) it
        is a gap, and the project is still searched as it was named."""
        try:
            found = self._api.call(
                lambda: self._api("projects").get_project(
                    name=f"projects/{project}", retry=None, timeout=60.0
                )
            )
        except Exception as exc:
            calls.fatal(exc)
            if not calls.answered(exc):
                raise
            code, message = calls.failure(exc)
            message = _("cannot read project {project} (its number and state): {message}").format(
                project=project, message=message
            )
            return _Project(project, None), GAPS.gap(project, "resourcemanager", code, message)
        number = str(found.name).removeprefix("projects/")
        return _Project(str(found.project_id), number, found.state.name), None

    def _under(self, roots: list[str]) -> list[_Project]:
        """Active projects below organisations and folders, a level of folders at a time
        with the parents of a level listed in parallel. A parent that cannot be listed is a
        gap on each organisation or folder asked for that holds it: not covered."""
        projects: list[_Project] = []
        parent_of: dict[str, str] = {}
        failed: list[tuple[str, Exception]] = []
        listed: set[str] = set()
        level = list(dict.fromkeys(roots))
        while level:
            listed.update(level)
            following: list[str] = []
            for parent, listing in zip(level, self._map(self._children, level), strict=True):
                projects += listing.projects
                if listing.failure is not None:
                    failed.append((parent, listing.failure))
                for folder in listing.folders:
                    parent_of[folder] = parent
                    if folder not in listed:
                        following.append(folder)
            level = list(dict.fromkeys(following))
        for parent, failure in failed:
            code, message = calls.failure(failure)
            node: str | None = parent
            while node is not None:
                if node in roots:
                    text = _("cannot list {parent}: {message}")
                    if node != parent:
                        text = _("cannot list {parent} (below {node}): {message}")
                    text = text.format(parent=parent, node=node, message=message)
                    self._gaps.append(GAPS.gap(node, "*", code, text))
                node = parent_of.get(node)
        return projects

    def _children(self, parent: str) -> _Listing:
        projects: list[_Project] = []
        folders: list[str] = []
        try:
            for page in self._api.pages(self._api("projects").list_projects, {"parent": parent}):
                for project in page.projects:
                    if project.state.name == "ACTIVE":
                        number = str(project.name).removeprefix("projects/")
                        projects.append(_Project(str(project.project_id), number))
            for page in self._api.pages(self._api("folders").list_folders, {"parent": parent}):
                folders += [str(f.name) for f in page.folders if f.state.name == "ACTIVE"]
        except Exception as exc:
            calls.fatal(exc)
            if not calls.answered(exc):
                raise
            return _Listing(projects, folders, exc)
        return _Listing(projects, folders)

    # -- the scan

    def collect(self, scopes: Sequence[Scope]) -> Iterator[Resource | Gap]:
        if self._clients is None:
            self.discover()
        gaps, self._gaps = self._gaps, []
        yield from gaps
        wanted = {s.id for s in scopes if s.kind == "project"}
        projects = [p for p in self._projects if p.id in wanted]
        futures: set[Future[list[Resource | Gap]]] = set()
        try:
            futures = {self._executor().submit(self._read, p) for p in projects}
            yield from drain(futures, self.options.progress)
        except BaseException:
            self._stop([f for f in futures if not f.done()])
            raise
        finally:
            self._close()

    def _read(self, project: _Project) -> list[Resource | Gap]:
        kept: dict[str, Resource] = {}
        request = {
            "scope": f"projects/{project.id}",
            "asset_types": list(self.options.asset_types),
            "page_size": PAGE_SIZE,
            "read_mask": READ_MASK,
        }
        read = 0
        malformed: list[Gap] = []
        # Looked up once: a project can hold a hundred thousand results.
        place = _("projects/{project}: search result {index} of page {page}")
        try:
            search = self._api("asset").search_all_resources
            for number, page in enumerate(self._api.pages(search, request, paced=True), start=1):
                for index, result in enumerate(page.results):
                    where = place.format(project=project.id, index=index + 1, page=number)
                    try:
                        resource = to_resource(result._pb, where, self._numbers, project.id)
                    except RecordError as exc:
                        found = exc.message.removeprefix("gcp ")
                        message = _("SearchAllResources: {found}").format(found=found)
                        malformed.append(GAPS.malformed(project.id, "cloudasset", message))
                        continue
                    read += 1
                    # 1st gen functions come as CloudFunction and as Function under one
                    # name: one record per name, the first type in order.
                    same = kept.get(resource.id)
                    if same is None or resource.type < same.type:
                        kept[resource.id] = resource
        except Cancelled:
            return [*kept.values(), *malformed]
        except Exception as exc:
            return [*kept.values(), *malformed, self._failed(project, exc, read)]
        return [*kept.values(), *malformed]

    def _failed(self, project: _Project, exc: Exception, read: int) -> Gap:
        calls.fatal(exc)
        own = {f"projects/{name}" for name in (project.id, project.number) if name}
        quota = calls.quota_project_error(exc, own)
        if quota is not None:
            raise quota from exc
        if not calls.answered(exc):
            raise exc
        code, message = calls.failure(exc)
        if code in ("SERVICE_DISABLED", "USER_PROJECT_DENIED"):
            message += _(
                " (enable it: gcloud services enable cloudasset.googleapis.com --project {project})"
            ).format(project=project.id)
        # Nothing read: the whole project is a gap ("*"), and not counted as covered.
        service = "cloudasset" if read else "*"
        before = _("; {read} resources read before it").format(read=read) if read else ""
        return GAPS.failed(project.id, service, "SearchAllResources", (code, message + before))


def _root(kind: str, value: str) -> str:
    """`123`, `organizations/123` -> organizations/123: org and folder ids are both numbers,
    so the scope says which it is."""
    prefix = "organizations/" if kind == "organization" else "folders/"
    number = value.strip().removeprefix(prefix)
    if not number.isdigit():
        raise InputError(
            _("--{kind}: '{value}' is not a number").format(kind=kind, value=value),
            _("{kind} ids are numeric").format(kind=kind),
        )
    return prefix + number


def _kind(root: str) -> Literal["organization", "folder"]:
    return "organization" if root.startswith("organizations/") else "folder"


def _project(value: str) -> str:
    """A project id or number as typed: `My-Project `, `projects/my-project` -> my-project."""
    project = value.strip().removeprefix("projects/").lower()
    if not _PROJECT.fullmatch(project):
        raise InputError(
            _("--project: '{value}' is not a project id or number").format(value=value),
            _("project ids are lower case letters, digits and hyphens, e.g. billing-prod"),
        )
    return project
