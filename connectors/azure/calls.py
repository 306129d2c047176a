"""The Azure pipeline every call of a scan goes through, and what its errors mean.

The SDK clients (subscriptions, resources, Resource Graph) and the plain GETs for type
lists, SKUs and metrics share one azure-core pipeline: bearer tokens, retries that honour
Retry-After on 429 and 5xx, and two policies of our own. `ReadOnly` refuses any request
that is not a GET, except the Resource Graph query, which is a POST that reads; it replaces
the SDK's default of registering a resource provider on first use, which would be a write.
`Stop` refuses to send once the scan is cancelled (Ctrl-C), before every attempt, and the
transport's waits between attempts end when it is."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import requests
from azure.core.credentials import AccessToken
from azure.core.exceptions import (
    AzureError,
    ClientAuthenticationError,
    DecodeError,
    HttpResponseError,
)
from azure.core.pipeline import PipelineRequest
from azure.core.pipeline.policies import (
    ContentDecodePolicy,
    HeadersPolicy,
    ProxyPolicy,
    RedirectPolicy,
    RequestIdPolicy,
    RetryPolicy,
    SansIOHTTPPolicy,
    SensitiveHeaderCleanupPolicy,
    UserAgentPolicy,
)
from azure.core.pipeline.transport import RequestsTransport
from azure.core.rest import HttpRequest
from azure.mgmt.core import ARMPipelineClient
from azure.mgmt.core.exceptions import ARMErrorFormat
from azure.mgmt.core.policies import ARMChallengeAuthenticationPolicy, ARMHttpLoggingPolicy
from urllib3.util.retry import Retry

from connectors.toolkit import Cancelled
from exitplan import __version__
from exitplan.errors import InputError
from exitplan.i18n import N_, _

PUBLIC_CLOUD = "https://management.azure.com"
MAX_WAIT = 60  # seconds: the longest wait between two attempts
GRAPH_QUERY = "/providers/Microsoft.ResourceGraph/resources"
CREDENTIALS_HINT = N_(
    "run: az login (with --tenant ID for another tenant), or set AZURE_TENANT_ID, "
    "AZURE_CLIENT_ID and AZURE_CLIENT_SECRET for a service principal"
)


class ReadOnly(SansIOHTTPPolicy[Any, Any]):
    def on_request(self, request: PipelineRequest[Any]) -> None:
        http = request.http_request
        path = urlsplit(http.url).path.rstrip("/").lower()
        if http.method == "GET" or (http.method == "POST" and path == GRAPH_QUERY.lower()):
            return
        raise RuntimeError(f"exitplan only reads; refused {http.method} {path}")


class Stop(SansIOHTTPPolicy[Any, Any]):
    def __init__(self, cancelled: threading.Event) -> None:
        self.cancelled = cancelled

    def on_request(self, request: PipelineRequest[Any]) -> None:
        if self.cancelled.is_set():
            raise Cancelled()


class Loopback(SansIOHTTPPolicy[Any, Any]):
    """Tests and benchmarks serve Azure's API on 127.0.0.1 over plain HTTP; bearer tokens
    go over plain HTTP to that address only, never to another host."""

    def on_request(self, request: PipelineRequest[Any]) -> None:
        host = urlsplit(request.http_request.url).hostname
        request.context["enforce_https"] = host not in ("127.0.0.1", "localhost")


class Transport(RequestsTransport):  # type: ignore[misc]
    """Waits (Retry-After, backoff) end at once when the scan is cancelled."""

    def __init__(self, cancelled: threading.Event, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.cancelled = cancelled

    def sleep(self, duration: float) -> None:
        # Retry-After is Azure's to say, but an hour's wait is a stalled scan: at most a
        # minute, as for backoff.
        if self.cancelled.wait(min(duration, MAX_WAIT)):
            raise Cancelled()


class Retries(RetryPolicy[Any, Any]):
    """azure-core retries a 429 without Retry-After only for the methods it knows to be
    idempotent; the Resource Graph client's pipeline adds POST: its query only reads."""

    def __init__(self, methods: frozenset[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.methods = methods

    def configure_retries(self, options: dict[str, Any]) -> dict[str, Any]:
        settings = super().configure_retries(options)
        settings["methods"] = frozenset(settings["methods"]) | self.methods
        return settings


class Tokens:
    """One token per request for the whole scan, shared by every client and thread:
    `az login`'s credential starts an `az` process for each token it is asked for."""

    def __init__(self, credential: Any) -> None:
        self.credential = credential
        self._lock = threading.Lock()
        self._locks: dict[tuple[Any, ...], threading.Lock] = {}
        self._tokens: dict[tuple[Any, ...], AccessToken] = {}

    def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        key = (scopes, tuple(sorted(kwargs.items())))
        with self._lock:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            token = self._tokens.get(key)
            if token is None or token.expires_on - 300 < time.time():
                token = self.credential.get_token(*scopes, **kwargs)
                self._tokens[key] = token
            return token


class Pipeline:
    """The credential, endpoint and policies that every client of one scan shares.

    The SDK's default policies are replaced, deliberately: provider registration (a write)
    is left out, redirects are refused (Resource Manager does not redirect reads, and a
    redirect would take the token and the method to a host and path nobody checked), and
    network-trace logging and tracing hooks are not wanted. Headers, user agent, proxies,
    retries, bearer tokens and logging (which redacts headers and logs no bodies) stay."""

    def __init__(
        self,
        credential: Any,
        endpoint: str,
        workers: int,
        retry_total: int,
        cancelled: threading.Event,
    ) -> None:
        self.credential = Tokens(credential)
        self.endpoint = endpoint.rstrip("/")
        self.retry_total = retry_total
        self.cancelled = cancelled
        session = requests.Session()
        # One connection per thread of both pools, so that no thread waits for a socket;
        # retries are azure-core's alone, as in the SDK's own session.
        adapter = requests.adapters.HTTPAdapter(
            pool_maxsize=2 * workers + 2,
            max_retries=Retry(total=False, redirect=False, raise_on_status=False),
        )
        session.mount("https://", adapter)
        session.mount("http://", adapter)
        self.session = session
        self.client: ARMPipelineClient[Any, Any] = ARMPipelineClient(
            base_url=self.endpoint, policies=self.policies(), transport=self.transport()
        )

    def policies(self, graph: bool = False) -> list[Any]:
        scope = f"{PUBLIC_CLOUD}/.default"
        return [
            RequestIdPolicy(),
            HeadersPolicy(),
            UserAgentPolicy(user_agent=f"exitplan/{__version__}"),
            ProxyPolicy(),
            ContentDecodePolicy(),
            RedirectPolicy(permit_redirects=False),
            # Every 429 and 5xx counts against `retry_status`, whose default (3) would end
            # the retries long before `retry_total`.
            Retries(
                frozenset({"POST"}) if graph else frozenset(),
                retry_total=self.retry_total,
                retry_status=self.retry_total,
                retry_backoff_max=MAX_WAIT,
            ),
            ReadOnly(),
            Stop(self.cancelled),
            Loopback(),
            ARMChallengeAuthenticationPolicy(self.credential, scope),
            SensitiveHeaderCleanupPolicy(),
            ARMHttpLoggingPolicy(),
        ]

    def sdk(self, graph: bool = False) -> dict[str, Any]:
        """Keyword arguments for an SDK client: this endpoint, these policies, this session."""
        return {
            "base_url": self.endpoint,
            "policies": self.policies(graph),
            "transport": self.transport(),
        }

    def transport(self) -> RequestsTransport:
        return Transport(
            self.cancelled,
            session=self.session,
            session_owner=False,
            connection_timeout=10,
            read_timeout=60,
        )

    def get(self, url: str, params: dict[str, str] | None = None) -> Any:
        """GET a URL (relative to the endpoint, or a nextLink) and return its JSON."""
        request = HttpRequest("GET", url if "://" in url else self.endpoint + url, params=params)
        response = self.client.send_request(request)
        if response.status_code == 401:
            raise ClientAuthenticationError(response=response, error_format=ARMErrorFormat)
        if response.status_code != 200:
            raise HttpResponseError(response=response, error_format=ARMErrorFormat)
        try:
            return response.json()
        except ValueError as exc:  # a proxy's page instead of Azure's JSON
            raise DecodeError(
                message=_("not JSON: {start}").format(start=repr(response.text()[:80])),
                response=response,
            ) from exc

    def pages(self, url: str, params: dict[str, str]) -> Iterator[list[dict[str, Any]]]:
        """The `value` of each page of an ARM list, following `nextLink`."""
        body = self.get(url, params)
        while True:
            yield list(body.get("value") or [])
            following = body.get("nextLink")
            if not following:
                return
            body = self.get(following)

    def close(self) -> None:
        self.session.close()


def failure(exc: BaseException) -> tuple[str, str]:
    """Azure's error code and message, without the request that carried them."""
    if isinstance(exc, DecodeError):
        return "NotJSON", " ".join(str(exc.message).split())
    if isinstance(exc, HttpResponseError):
        error = exc.error
        code = getattr(error, "code", None) or (
            f"HTTP{exc.status_code}" if exc.status_code else type(exc).__name__
        )
        message = getattr(error, "message", None) or exc.reason or str(exc)
        return str(code), " ".join(str(message).split())
    return type(exc).__name__, " ".join(str(exc).split())


def credentials_error(exc: ClientAuthenticationError) -> InputError:
    """DefaultAzureCredential says why each way of signing in failed, a line each, with
    links to guides; the reasons are kept, one per line, and the links left out."""
    if exc.response is not None:
        _code, message = failure(exc)
        return InputError(
            _("Azure refused the credentials: {message}").format(message=message),
            _(CREDENTIALS_HINT),
        )
    lines = [" ".join(line.split()) for line in str(exc.message or exc).splitlines()]
    kept = [
        line
        for line in lines
        if line and not line.startswith(("Visit ", "To mitigate", "Attempted credentials"))
    ]
    reasons = "\n  ".join(kept[1:])
    first = kept[0] if kept else type(exc).__name__
    return InputError(
        _("Azure credentials could not be obtained: {first}").format(first=first)
        + (f"\n  {reasons}" if reasons else ""),
        _(CREDENTIALS_HINT),
    )


def fatal(exc: AzureError) -> None:
    """Credentials that cannot be had stop the scan (exit 2); a 401 from Resource Manager
    about one subscription (a token of another tenant) is that subscription's gap. A
    credential fails without a response (DefaultAzureCredential) or with its token
    endpoint's (the others)."""
    if not isinstance(exc, ClientAuthenticationError):
        return
    url = str(getattr(getattr(exc.response, "request", None), "url", "") or "")
    if not url or "/oauth2/" in url or url.split("?", 1)[0].endswith("/token"):
        raise credentials_error(exc) from exc
