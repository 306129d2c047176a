"""Debian's Chromium, headless, driven over the DevTools protocol on a pipe (no port, no
WebSocket library): open a page, let it run, and see every request the page makes."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

INSTALL = (
    "Chromium is needed for this test: `make test` installs it (Debian's chromium "
    "package), or run `apt-get install -y chromium`"
)
# The flags the browser tests run with: no sandbox (root in CI), and none of Chromium's own
# traffic that can be switched off.
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--disable-extensions", "--disable-default-apps", "--no-pings",
)  # fmt: skip


@dataclass
class Opened:
    """What a page did: the URL of every request it made, and its DOM when it was done."""

    requests: list[str] = field(default_factory=list)
    dom: str = ""


class _Pipe:
    def __init__(self, commands: int, answers: int) -> None:
        self._commands = commands
        self._answers = answers
        self._buffer = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._read()
            if answer.get("id") == self._next:
                assert "error" not in answer, (method, answer["error"])
                result: dict[str, Any] = answer["result"]
                return result
            self.events.append(answer)

    def _read(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = os.read(self._answers, 1 << 16)
            assert chunk, "Chromium closed the DevTools pipe"
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        data: dict[str, Any] = json.loads(message)
        return data


def chromium() -> str:
    path = shutil.which("chromium")
    if path is None:
        pytest.fail(INSTALL)
    return path


def open_page(url: str, profile: Path, done: str, seconds: float = 60.0) -> Opened:
    """Open `url`, wait until the JavaScript expression `done` is true (or fail after
    `seconds`), and return the requests the page made and its DOM."""
    to_browser, commands = os.pipe()
    answers, from_browser = os.pipe()

    def on_fds_3_and_4() -> None:  # where --remote-debugging-pipe looks for them
        # Moved above 10 first: either end may be 3 or 4 already.
        read, write = (fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_browser, from_browser))
        os.dup2(read, 3)
        os.dup2(write, 4)

    process = subprocess.Popen(
        [chromium(), *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        # Not close_fds: it would close 3 and 4; every other descriptor of ours is closed
        # on exec anyway (Python opens them non-inheritable).
        preexec_fn=on_fds_3_and_4, close_fds=False,
    )  # fmt: skip
    os.close(to_browser)
    os.close(from_browser)
    pipe = _Pipe(commands, answers)
    try:
        target = pipe.call("Target.createTarget", url="about:blank")["targetId"]
        session = pipe.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        pipe.call("Network.enable", session)
        pipe.call("Page.enable", session)
        pipe.call("Page.navigate", session, url=url)
        deadline = time.monotonic() + seconds
        while not _value(pipe, session, f"Boolean({done})"):
            assert time.monotonic() < deadline, f"the page was not done: {done}"
            time.sleep(0.2)
        dom = _value(pipe, session, "document.documentElement.outerHTML")
        requests = [
            event["params"]["request"]["url"]
            for event in pipe.events
            if event.get("method") == "Network.requestWillBeSent"
            and event.get("sessionId") == session
        ]
        pipe.call("Browser.close")
        process.wait(timeout=30)
        return Opened(requests, str(dom))
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(commands)
        os.close(answers)


def _value(pipe: _Pipe, session: str, expression: str) -> Any:
    result = pipe.call("Runtime.evaluate", session, expression=expression, returnByValue=True)
    return result["result"].get("value")
