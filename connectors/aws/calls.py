"""How the AWS connector calls AWS: clients per account and region, every page of an
answer, and what a failure means.

Retries are botocore's (`config`: adaptive mode slows down when throttled). Cancellation
is ours: each client refuses to send once the scan is cancelled, before every attempt, and
pages are not fetched after it. boto3 Sessions are not thread-safe, clients are: each
account gets one session, and its clients are created under a lock and cached per
(service, region)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

import boto3
from botocore.config import Config
from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    DataNotFoundError,
    OperationNotPageableError,
    ParamValidationError,
    UnknownParameterError,
    UnknownServiceError,
)

from connectors.toolkit import Cancelled

Client = Any  # a botocore client; its methods are generated at run time
ClientHook = Callable[[Client], None]
T = TypeVar("T")


def config(workers: int, max_attempts: int, retry_mode: Literal["adaptive", "standard"]) -> Config:
    """Every client's settings: `max_attempts` per call (the first included; throttling is
    retried too), and a connection for each thread of both pools."""
    return Config(
        retries={"mode": retry_mode, "total_max_attempts": max_attempts},
        max_pool_connections=max(10, 2 * workers),
        connect_timeout=10,
        read_timeout=60,
        user_agent_extra="exitplan",
    )


def _raw_timestamps(session: boto3.Session) -> None:
    """Leave timestamps as the text AWS sent: no attribute keeps one, and parsing them all
    (launch times, creation dates) was a sixth of a scan's CPU time."""
    factory = session._session.get_component("response_parser_factory")
    factory.set_parser_defaults(timestamp_parser=str)


class Clients:
    """The clients of one account, created once per (service, region)."""

    def __init__(
        self,
        session: boto3.Session,
        config: Config,
        hook: ClientHook | None,
        cancelled: threading.Event,
    ) -> None:
        _raw_timestamps(session)
        self._cancelled = cancelled
        self._session = session
        self._config = config
        self._hook = hook
        self._lock = threading.Lock()
        self._cache: dict[tuple[str, str], Client] = {}

    def __call__(self, service: str, region: str) -> Client:
        with self._lock:
            client = self._cache.get((service, region))
            if client is None:
                client = self._session.client(service, region_name=region, config=self._config)
                # Ctrl-C stops calls in flight at their next attempt, not after every retry.
                client.meta.events.register_first("before-send.*.*", self._stop_if_cancelled)
                if self._hook is not None:
                    self._hook(client)
                self._cache[(service, region)] = client
            return client

    def _stop_if_cancelled(self, **_: Any) -> None:
        if self._cancelled.is_set():
            raise Cancelled

    def credentials(self) -> Any:
        return self._session.get_credentials()

    def setting(self, name: str) -> Any:
        return self._session._session.get_config_variable(name)

    @property
    def cancelled(self) -> threading.Event:
        return self._cancelled

    def loader(self) -> Any:
        return self._session._session.get_component("data_loader")


@dataclass
class Context:
    """Where a spec runs: one account, one region (or "global"), and how to reach services."""

    account: str
    region: str
    partition: str
    client: Callable[[str, str], Client]  # (service, region) -> client for this account
    api_region: str  # the region whose endpoints serve this unit ("global" is not one)
    map: Callable[[Callable[[Any], Any], Sequence[Any]], list[Any]] = field(
        default=lambda f, xs: [f(x) for x in xs]
    )
    cancelled: threading.Event = field(default_factory=threading.Event)

    def service(self, name: str) -> Client:
        return self.client(name, self.api_region)


def using(executor: Executor | None, context: Context) -> Context:
    """Run per-item calls of this context on `executor`, keeping the input order."""
    if executor is not None:
        context.map = lambda f, xs: list(executor.map(f, xs))
    return context


def failure(exc: BaseException) -> tuple[str, str] | None:
    """The error code and message of a failure the scan records as a gap, else None.

    AWS's refusals, network trouble and credentials that fail mid-scan (an SSO session
    expiring) are the account's or the network's doing: gaps. A request botocore rejects
    before sending is a mistake in our table: it propagates as a bug."""
    if isinstance(exc, ClientError):
        error = exc.response.get("Error", {})
        return str(error.get("Code") or "ClientError"), str(error.get("Message") or exc)
    if isinstance(exc, BotoCoreError) and not isinstance(exc, _OUR_MISTAKES):
        return type(exc).__name__, str(exc)
    return None


_OUR_MISTAKES = (
    ParamValidationError,
    UnknownServiceError,
    OperationNotPageableError,
    DataNotFoundError,
    UnknownParameterError,
)


def attempt(call: Callable[[], T]) -> tuple[T, None] | tuple[None, tuple[str, str]]:
    """Run a call; a failure the scan records comes back as (code, message), anything
    else (a bug, Ctrl-C) propagates."""
    try:
        return call(), None
    except Exception as exc:
        found = failure(exc)
        if found is None:
            raise
        return None, found


def api_name(client: Client, operation: str) -> str:
    mapping: dict[str, str] = client.meta.method_to_api_mapping
    return mapping[operation]


def pages(
    client: Client, operation: str, params: Mapping[str, Any], context: Context
) -> Iterator[Any]:
    """Every page of an answer: botocore's paginator where it has one, else the token the
    operation's model declares, else the single answer."""
    if client.can_paginate(operation):
        for page in client.get_paginator(operation).paginate(**params):
            if context.cancelled.is_set():
                raise Cancelled
            yield page
        return
    model = client.meta.service_model.operation_model(api_name(client, operation))
    inputs = model.input_shape.members if model.input_shape else {}
    outputs = model.output_shape.members if model.output_shape else {}
    token = next((t for t in ("NextToken", "nextToken") if t in inputs and t in outputs), None)
    request, seen = dict(params), set()
    while True:
        if context.cancelled.is_set():
            raise Cancelled
        page = getattr(client, operation)(**request)
        yield page
        following = page.get(token) if token else None
        if not following or following in seen:
            return
        seen.add(following)
        request[token] = following  # type: ignore[index]
