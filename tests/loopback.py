"""What the loopback fakes of cloud APIs share: a JSON handler and a server on 127.0.0.1
that serves one estate while a block runs (tests), or until its process ends (benchmarks)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class JsonHandler(BaseHTTPRequestHandler):
    """Answers in JSON; `estate` and `lock` are set per server by `serve`."""

    estate: Any
    lock: threading.Lock

    def log_message(self, *_: Any) -> None:
        pass

    def _send(
        self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None
    ) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)


@contextmanager
def serve(handler: type[JsonHandler], estate: Any) -> Iterator[str]:
    """The fake on 127.0.0.1 while the block runs; yields its base URL."""
    bound = type("Handler", (handler,), {"estate": estate, "lock": threading.Lock()})
    server = ThreadingHTTPServer(("127.0.0.1", 0), bound)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def serve_forever(handler: type[JsonHandler], estate: Any, ready: Any) -> None:
    """A benchmark's child process: send the URL through `ready`, serve until ended."""
    with serve(handler, estate) as url:
        ready.send(url)
        while True:
            time.sleep(3600)
