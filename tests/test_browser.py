"""The HTML plan in a real browser: Debian's Chromium, headless, opens the demo's page from
disk and must draw every diagram with no request leaving the page. The DevTools protocol
reports every request the page makes (and none of the browser's own, such as its updater),
so a request the page should not make is seen, whether or not the policy blocks it."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from exitplan import html
from exitplan.cli import app
from exitplan.mermaid import fenced
from tests.devtools import open_page

pytestmark = pytest.mark.slow

_LOADED = "document.readyState === 'complete' && location.protocol === 'file:'"
# The page loaded, and every block holds a drawing (a diagram, or Mermaid's error picture);
# a block left without one makes the wait fail.
_DRAWN = (
    f"{_LOADED} && document.querySelector('pre.mermaid') !== null"
    " && [...document.querySelectorAll('pre.mermaid')]"
    ".every(e => e.querySelector('svg') !== null)"
)


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


def test_every_diagram_is_drawn_with_no_request(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "demo"
    result = runner.invoke(app, ["demo", "--out", str(out), "--html", "--quiet"])
    assert result.exit_code == 0, result.output
    blocks = (out / "exit-plan.md").read_text().count("```mermaid")
    assert blocks >= 3
    page = (out / "exit-plan.html").as_uri()
    opened = open_page(page, tmp_path / "profile", _DRAWN)
    parser = _Diagrams()
    parser.feed(opened.dom)
    assert len(parser.drawn) == blocks
    assert None not in parser.drawn and "error" not in parser.drawn, parser.drawn
    assert not any("Syntax error" in text for text in parser.text)
    assert opened.requests == [page]


def test_a_request_would_be_seen(tmp_path: Path) -> None:
    """The check above can fail: a page with no policy that loads an image is caught."""
    page = tmp_path / "leaky.html"
    page.write_text('<!DOCTYPE html><img src="http://exitplan.invalid/pixel.png">')
    opened = open_page(page.as_uri(), tmp_path / "profile", _LOADED)
    assert opened.requests == [page.as_uri(), "http://exitplan.invalid/pixel.png"]


def test_a_broken_diagram_would_be_seen(tmp_path: Path) -> None:
    """A diagram Mermaid cannot parse shows as an error: the first test would fail."""
    page = tmp_path / "broken.html"
    page.write_text(html.page("broken.md", fenced("flowchart LR\n    a -->\n"), (), "en"))
    opened = open_page(page.as_uri(), tmp_path / "profile", _DRAWN)
    parser = _Diagrams()
    parser.feed(opened.dom)
    assert parser.drawn == ["error"]
