"""The HTML plan in a real browser: Debian's Chromium, headless, opens the demo's page from
disk and must draw every diagram with no request leaving the page. Every request Chromium
makes for the page goes through a proxy that this test runs and that answers none, so a
request the page should not make is seen, not just refused."""

from __future__ import annotations

import re
import shutil
import socketserver
import subprocess
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from exitplan.cli import app

pytestmark = pytest.mark.slow

_INSTALL = (
    "Chromium is needed for this test: `make test` installs it (Debian's chromium "
    "package), or run `apt-get install -y chromium`"
)


# What Debian's Chromium asks for on its own whatever the flags (its updater, sign-in),
# never on a page's behalf: no page of ours names these hosts.
_BROWSER_OWN = re.compile(
    r"^(?:CONNECT|GET|POST) (?:http://)?(?:update\.googleapis|accounts\.google)\.com[:/]"
)


class _Recorder(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[str] = []


class _Handler(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        assert isinstance(self.server, _Recorder)
        line = self.rfile.readline(4096).decode("latin-1").strip()
        self.server.requests.append(line)
        self.wfile.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")


@pytest.fixture()
def recorder() -> Iterator[_Recorder]:
    server = _Recorder()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def _dom(page: Path, recorder: _Recorder, profile: Path) -> str:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail(_INSTALL)
    port = recorder.server_address[1]
    result = subprocess.run(
        [
            chromium, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
            # The browser's own traffic (time, updates, sign-in, hints), which is not the
            # page's, switched off too so that the recorder sees only the page's.
            "--disable-extensions", "--disable-default-apps", "--no-pings",
            "--disable-domain-reliability", "--disable-client-side-phishing-detection",
            "--disable-breakpad", "--disable-field-trial-config",
            "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,"
            "OptimizationHintsFetching,OptimizationGuideModelDownloading,Translate,"
            "MediaRouter,AutofillServerCommunication,CertificateTransparencyComponentUpdater",
            "--virtual-time-budget=30000",
            # Everything, loopback included, through the recorder.
            f"--proxy-server=http://127.0.0.1:{port}", "--proxy-bypass-list=<-loopback>",
            "--dump-dom", page.as_uri(),
        ],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


class _Diagrams(HTMLParser):
    """What each `<pre class="mermaid">` holds once the page has run: the kind of diagram
    Mermaid drew (its svg's aria-roledescription, `error` for a failure) and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.drawn: list[str | None] = []
        self.text: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "pre" and values.get("class") == "mermaid":
            self.drawn.append(None)
            self.text.append("")
            self._depth = 1
        elif self._depth:
            self._depth += 1
            if tag == "svg" and self.drawn[-1] is None:
                self.drawn[-1] = values.get("aria-roledescription")

    def handle_endtag(self, tag: str) -> None:
        if self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.text[-1] += data


def test_every_diagram_is_drawn_with_no_request(
    runner: CliRunner, tmp_path: Path, recorder: _Recorder
) -> None:
    out = tmp_path / "demo"
    result = runner.invoke(app, ["demo", "--out", str(out), "--html", "--quiet"])
    assert result.exit_code == 0, result.output
    blocks = (out / "exit-plan.md").read_text().count("```mermaid")
    assert blocks >= 3
    parser = _Diagrams()
    parser.feed(_dom(out / "exit-plan.html", recorder, tmp_path / "profile"))
    assert len(parser.drawn) == blocks
    assert None not in parser.drawn and "error" not in parser.drawn, parser.drawn
    assert not any("Syntax error" in text for text in parser.text)
    from_page = [line for line in recorder.requests if not _BROWSER_OWN.search(line)]
    assert from_page == [], "\n".join(from_page)


def test_a_request_would_be_seen(tmp_path: Path, recorder: _Recorder) -> None:
    """The check above can fail: a page with no policy that loads an image is caught."""
    page = tmp_path / "leaky.html"
    page.write_text('<!DOCTYPE html><img src="http://exitplan.invalid/pixel.png">')
    _dom(page, recorder, tmp_path / "profile")
    assert any("exitplan.invalid" in line for line in recorder.requests), recorder.requests
