"""Faults for the AWS tests, injected where botocore would send a request: the real retry,
error and gap paths then run, without a network."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

from botocore.awsrequest import AWSResponse

Client = Any


class Raw:
    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self._body


def query_error(code: str, status: int = 400) -> AWSResponse:
    """An error as the query protocol (STS, RDS, IAM, ELB) returns it."""
    body = (
        "<ErrorResponse><Error><Type>Sender</Type>"
        f"<Code>{code}</Code><Message>injected {code}</Message>"
        "</Error><RequestId>fault</RequestId></ErrorResponse>"
    )
    return AWSResponse("https://fault.invalid", status, {}, Raw(body.encode()))


def ec2_error(code: str, status: int = 400) -> AWSResponse:
    body = (
        f"<Response><Errors><Error><Code>{code}</Code><Message>injected {code}</Message>"
        "</Error></Errors><RequestID>fault</RequestID></Response>"
    )
    return AWSResponse("https://fault.invalid", status, {}, Raw(body.encode()))


def json_error(code: str, status: int = 400) -> AWSResponse:
    """An error as the JSON and REST-JSON protocols (DynamoDB, SQS, Lambda) return it."""
    body = f'{{"__type": "{code}", "message": "injected {code}"}}'
    headers = {"x-amzn-query-error": f"{code};Sender", "x-amzn-ErrorType": code}
    return AWSResponse("https://fault.invalid", status, headers, Raw(body.encode()))


class Recorder:
    """Registers on every client the scan creates; records every operation it calls and
    can answer chosen calls with a fault instead of sending them."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str]] = []  # (service, region, operation)
        self.faults: list[Callable[[str, str, str], AWSResponse | None]] = []
        self._lock = threading.Lock()

    def __call__(self, client: Client) -> None:
        service = client.meta.service_model.service_name
        region = client.meta.region_name

        def before_call(model: Any, **_: Any) -> None:
            with self._lock:
                self.calls.append((service, region, model.name))

        def before_send(event_name: str, **_: Any) -> AWSResponse | None:
            operation = event_name.rsplit(".", 1)[-1]
            for fault in self.faults:
                found = fault(service, region, operation)
                if found is not None:
                    return found
            return None

        client.meta.events.register("before-call.*.*", before_call)
        # First: moto answers in a before-send handler of its own.
        client.meta.events.register_first("before-send.*.*", before_send)

    def operations(self) -> set[tuple[str, str]]:
        return {(service, operation) for service, _, operation in self.calls}
