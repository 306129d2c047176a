"""How the GCP connector calls Google: its clients, one attempt at a time with our own
backoff, so that a cancelled scan sends nothing more and a quota is kept; and what a
failure means.

The client libraries could retry by themselves, but their backoff sleeps cannot be cut short
and they would send the next attempt after Ctrl-C. Here every attempt (and every page) first
checks the cancellation, then the pacer, and a backoff is a wait on the cancellation."""

from __future__ import annotations

import random
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import requests
from google.api_core import exceptions as api
from google.api_core.client_options import ClientOptions
from google.auth import exceptions as auth

from connectors.toolkit import Cancelled
from exitplan.errors import InputError
from exitplan.i18n import N_, _

T = TypeVar("T")

# Worth another attempt: throttling, and what a proxy or a dropped connection gives.
RETRIED = (
    api.TooManyRequests,
    api.InternalServerError,
    api.BadGateway,
    api.ServiceUnavailable,
    api.GatewayTimeout,  # DeadlineExceeded too
    requests.ConnectionError,
    requests.Timeout,
)
MAX_BACKOFF = 30.0
LOGIN = N_("run: gcloud auth application-default login (or check GOOGLE_APPLICATION_CREDENTIALS)")
# REST errors start with "GET https://...?query: ": the request, not the reason.
_REQUEST_PREFIX = re.compile(r"^[A-Z]+ \S+: ")


class Pacer:
    """At most `per_minute` calls in any minute, shared by every thread of a scan: Cloud Asset
    counts searches per consumer project and minute, and a scan that overruns gets 429s."""

    def __init__(
        self, per_minute: int, window: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.per_minute = per_minute
        self._window = window
        self._clock = clock
        self._sent: deque[float] = deque()
        self._lock = threading.Lock()

    def wait(self, cancelled: threading.Event) -> None:
        while True:
            with self._lock:
                now = self._clock()
                while self._sent and now - self._sent[0] >= self._window:
                    self._sent.popleft()
                if len(self._sent) < self.per_minute:
                    self._sent.append(now)
                    return
                delay = self._window - (now - self._sent[0])
            if cancelled.wait(delay):
                raise Cancelled


def call(
    send: Callable[[], T],
    *,
    cancelled: threading.Event,
    seconds: float,
    backoff: float,
    pacer: Pacer | None = None,
) -> T:
    """`send()`, retried with exponential backoff and jitter for up to `seconds`; when that
    runs out, api_core's RetryError with the last failure as its cause."""
    deadline = time.monotonic() + seconds
    delay = backoff
    while True:
        if cancelled.is_set():
            raise Cancelled
        if pacer is not None:
            pacer.wait(cancelled)
        try:
            return send()
        except RETRIED as exc:
            pause = delay * random.uniform(0.5, 1.0)
            if time.monotonic() + pause > deadline:
                raise api.RetryError(  # type: ignore[no-untyped-call]
                    _("gave up after {seconds:g} s of retries").format(seconds=seconds), exc
                ) from exc
            if cancelled.wait(pause):
                raise Cancelled from exc
            delay = min(delay * 2, MAX_BACKOFF)


class Clients:
    """The clients of one scan: one set per thread, all over REST, every call retried by
    `call` (the clients' own retry is off)."""

    def __init__(
        self,
        credentials: Any,
        endpoint: str | None,
        cancelled: threading.Event,
        pacer: Pacer,
        seconds: float,
        backoff: float,
    ) -> None:
        self._credentials, self._endpoint = credentials, endpoint
        self._cancelled, self._pacer = cancelled, pacer
        self._seconds, self._backoff = seconds, backoff
        self._local = threading.local()
        self._clients: list[Any] = []
        self._lock = threading.Lock()

    def __call__(self, kind: str) -> Any:
        from google.cloud import asset_v1, resourcemanager_v3

        cached = getattr(self._local, kind, None)
        if cached is None:
            factory = {
                "asset": asset_v1.AssetServiceClient,
                "projects": resourcemanager_v3.ProjectsClient,
                "folders": resourcemanager_v3.FoldersClient,
            }[kind]
            options = ClientOptions(api_endpoint=self._endpoint) if self._endpoint else None
            cached = factory(
                credentials=self._credentials, transport="rest", client_options=options
            )
            setattr(self._local, kind, cached)
            with self._lock:
                self._clients.append(cached)
        return cached

    def call(self, send: Callable[[], T], paced: bool = False) -> T:
        return call(
            send,
            cancelled=self._cancelled,
            seconds=self._seconds,
            backoff=self._backoff,
            pacer=self._pacer if paced else None,
        )

    def pages(
        self, list_call: Callable[..., Any], request: dict[str, Any], paced: bool = False
    ) -> Iterator[Any]:
        """Every page of a list call, each fetched (and retried) on its own; nothing is
        fetched once the scan is cancelled. The client's own retry is off (retry=None)."""
        token = ""
        while True:
            asked = {**request, "page_token": token}

            def send(asked: dict[str, Any] = asked) -> Any:
                return list_call(request=asked, retry=None, timeout=60.0)

            page = next(iter(self.call(send, paced).pages))  # already fetched: no request
            yield page
            token = page.next_page_token
            if not token:
                return

    def close(self) -> None:
        with self._lock:
            clients, self._clients = self._clients, []
        for client in clients:
            client.transport.close()


def cause(exc: BaseException) -> BaseException:
    """What went wrong: for retries that ran out, the last failure."""
    if isinstance(exc, api.RetryError) and isinstance(exc.cause, BaseException):
        return exc.cause
    return exc


def answered(exc: BaseException) -> bool:
    """A failure of the call (an API error, the network, retries that ran out), not ours."""
    return isinstance(cause(exc), (api.GoogleAPICallError, requests.RequestException))


def failure(exc: BaseException) -> tuple[str, str]:
    """The code and message of a failure for a gap, without the request line."""
    last = cause(exc)
    retried = _(" (retries ran out)") if last is not exc else ""
    if isinstance(last, api.GoogleAPICallError):
        code = last.reason or type(last).__name__
        return str(code), _REQUEST_PREFIX.sub("", str(last.message or last)) + retried
    return type(last).__name__, str(last) + retried


def fatal(exc: BaseException) -> None:
    """Raise what no other call would escape either: bad credentials are the user's to fix
    (InputError), and a request Google calls malformed is our bug (raised as it is)."""
    last = cause(exc)
    if isinstance(last, (auth.RefreshError, auth.TransportError, api.Unauthorized)):
        _code, message = failure(last)
        raise InputError(
            _("Google credentials were refused or could not be refreshed: {message}").format(
                message=message
            ),
            _(LOGIN),
        ) from exc
    if isinstance(last, api.BadRequest) and _status(last) != "FAILED_PRECONDITION":
        raise exc


def _status(exc: api.GoogleAPICallError) -> str | None:
    """The RPC status: over REST the exception's class follows the HTTP code only (every 400
    is a BadRequest), and the body's `status` tells INVALID_ARGUMENT from FAILED_PRECONDITION."""
    if isinstance(exc, api.FailedPrecondition):
        return "FAILED_PRECONDITION"
    try:
        return str(exc.response.json()["error"]["status"])
    except (AttributeError, KeyError, TypeError, ValueError):
        return None


def quota_project_error(exc: BaseException, own: set[str]) -> InputError | None:
    """Cloud Asset is enabled and billed in the consumer (quota) project of the credentials,
    not in the project searched. When that project refuses, every search would: one error."""
    last = cause(exc)
    if not isinstance(last, api.GoogleAPICallError):
        return None
    if last.reason not in ("SERVICE_DISABLED", "USER_PROJECT_DENIED"):
        return None
    consumer = (last.metadata or {}).get("consumer")
    if not consumer or consumer in own:
        return None
    _code, message = failure(last)
    return InputError(
        _(
            "Cloud Asset cannot be used through the quota project {consumer} ({reason}): {message}"
        ).format(consumer=consumer, reason=last.reason, message=message),
        _(
            "choose a quota project where the API is enabled and you hold "
            "serviceusage.services.use: gcloud auth application-default set-quota-project "
            "PROJECT and gcloud services enable cloudasset.googleapis.com --project PROJECT"
        ),
    )
