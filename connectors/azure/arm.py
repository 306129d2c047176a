"""The Azure pipeline every call of a scan goes through, and what its errors mean.

The SDK clients (subscriptions, resources, Resource Graph) and the plain GETs for type
lists, SKUs and metrics share one azure-core pipeline: bearer tokens, retries that honour
Retry-After on 429 and 5xx, and two policies of our own. `ReadOnly` refuses any request
that is not a GET, except the Resource Graph query, which is a POST that reads; it replaces
the SDK's default of registering a resource provider on first use, which would be a write.
`Stop` refuses to send once the scan is cancelled (Ctrl-C), before every attempt."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import requests
from azure.core.exceptions import ClientAuthenticationError, HttpResponseError
from azure.core.pipeline import PipelineRequest
from azure.core.pipeline.policies import (
    ContentDecodePolicy,
    HeadersPolicy,
    ProxyPolicy,
    RedirectPolicy,
    RequestIdPolicy,
    RetryPolicy,
    SansIOHTTPPolicy,
    UserAgentPolicy,
)
from azure.core.pipeline.transport import RequestsTransport
from azure.core.rest import HttpRequest
from azure.mgmt.core import ARMPipelineClient
from azure.mgmt.core.exceptions import ARMErrorFormat
from azure.mgmt.core.policies import ARMChallengeAuthenticationPolicy, ARMHttpLoggingPolicy
from urllib3.util.retry import Retry

from exitplan import __version__
from exitplan.errors import InputError

PUBLIC_CLOUD = "https://management.azure.com"
GRAPH_QUERY = "/providers/Microsoft.ResourceGraph/resources"
CREDENTIALS_HINT = (
    "run: az login (with --tenant ID for another tenant), or set AZURE_TENANT_ID, "
    "AZURE_CLIENT_ID and AZURE_CLIENT_SECRET for a service principal"
)


class Cancelled(Exception):
    """The scan was interrupted; no request is sent after this."""


class ReadOnly(SansIOHTTPPolicy[Any, Any]):
    def on_request(self, request: PipelineRequest[Any]) -> None:
        http = request.http_request
        path = http.url.split("?", 1)[0]
        if http.method == "GET" or (http.method == "POST" and path.endswith(GRAPH_QUERY)):
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
        host = request.http_request.url.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
        if host in ("127.0.0.1", "localhost"):
            request.context["enforce_https"] = False


class Pipeline:
    """The credential, endpoint and policies that every client of one scan shares."""

    def __init__(
        self,
        credential: Any,
        endpoint: str,
        workers: int,
        retry_total: int,
        cancelled: threading.Event,
    ) -> None:
        self.credential = credential
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

    def policies(self) -> list[Any]:
        scope = f"{PUBLIC_CLOUD}/.default"
        return [
            RequestIdPolicy(),
            HeadersPolicy(),
            UserAgentPolicy(sdk_moniker=f"exitplan/{__version__}"),
            ProxyPolicy(),
            ContentDecodePolicy(),
            ReadOnly(),
            RedirectPolicy(),
            RetryPolicy(retry_total=self.retry_total, retry_backoff_max=60),
            Stop(self.cancelled),
            Loopback(),
            ARMChallengeAuthenticationPolicy(self.credential, scope),
            ARMHttpLoggingPolicy(),
        ]

    def sdk(self) -> dict[str, Any]:
        """Keyword arguments for an SDK client: this endpoint, these policies, this session."""
        return {
            "base_url": self.endpoint,
            "policies": self.policies(),
            "transport": self.transport(),
        }

    def transport(self) -> RequestsTransport:
        return RequestsTransport(session=self.session, session_owner=False)

    def get(self, url: str, params: dict[str, str] | None = None) -> Any:
        """GET a URL (relative to the endpoint, or a nextLink) and return its JSON."""
        request = HttpRequest("GET", url if "://" in url else self.endpoint + url, params=params)
        response = self.client.send_request(request)
        if response.status_code == 401:
            raise ClientAuthenticationError(response=response, error_format=ARMErrorFormat)
        if response.status_code != 200:
            raise HttpResponseError(response=response, error_format=ARMErrorFormat)
        return response.json()

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
    if isinstance(exc, HttpResponseError):
        error = exc.error
        code = getattr(error, "code", None) or (
            f"HTTP{exc.status_code}" if exc.status_code else type(exc).__name__
        )
        message = getattr(error, "message", None) or exc.reason or str(exc)
        return str(code), " ".join(str(message).split())
    return type(exc).__name__, " ".join(str(exc).split())


def credentials_error(exc: ClientAuthenticationError) -> InputError:
    _, message = failure(exc)
    return InputError(
        f"Azure credentials were refused or could not be obtained: {message}", CREDENTIALS_HINT
    )
