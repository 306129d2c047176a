"""How the GCP connector calls Google: one attempt at a time with our own backoff, so that a
cancelled scan sends nothing more and a quota is kept; and what a failure means.

The client libraries could retry by themselves, but their backoff sleeps cannot be cut short
and they would send the next attempt after Ctrl-C. Here every attempt (and every page) first
checks the cancellation, then the pacer, and a backoff is a wait on the cancellation."""

from __future__ import annotations

import random
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import TypeVar

import requests
from google.api_core import exceptions as api
from google.auth import exceptions as auth

from exitplan.errors import InputError

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
LOGIN = "run: gcloud auth application-default login (or check GOOGLE_APPLICATION_CREDENTIALS)"
# REST errors start with "GET https://...?query: ": the request, not the reason.
_REQUEST_PREFIX = re.compile(r"^[A-Z]+ \S+: ")


class Cancelled(Exception):
    """The scan was interrupted: the call was not sent."""


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
                    f"gave up after {seconds:g} s of retries", exc
                ) from exc
            if cancelled.wait(pause):
                raise Cancelled from exc
            delay = min(delay * 2, MAX_BACKOFF)


def cause(exc: BaseException) -> BaseException:
    """What went wrong: for retries that ran out, the last failure."""
    if isinstance(exc, api.RetryError) and isinstance(exc.cause, BaseException):
        return exc.cause
    return exc


def failure(exc: BaseException) -> tuple[str, str]:
    """The code and message of a failure for a gap, without the request line."""
    last = cause(exc)
    retried = " (retries ran out)" if last is not exc else ""
    if isinstance(last, api.GoogleAPICallError):
        code = last.reason or type(last).__name__
        return str(code), _REQUEST_PREFIX.sub("", str(last.message or last)) + retried
    return type(last).__name__, str(last) + retried


def check_fatal(exc: BaseException) -> None:
    """Raise what no other call would escape either: bad credentials are the user's to fix
    (InputError), and a request Google calls malformed is our bug (raised as it is)."""
    last = cause(exc)
    if isinstance(last, (auth.RefreshError, auth.TransportError, api.Unauthorized)):
        _, message = failure(last)
        raise InputError(
            f"Google credentials were refused or could not be refreshed: {message}", LOGIN
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
    _, message = failure(last)
    return InputError(
        f"Cloud Asset cannot be used through the quota project {consumer} ({last.reason}): "
        f"{message}",
        "choose a quota project where the API is enabled and you hold "
        "serviceusage.services.use: gcloud auth application-default set-quota-project PROJECT "
        "and gcloud services enable cloudasset.googleapis.com --project PROJECT",
    )
