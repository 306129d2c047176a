"""Names, tags, ids and messages from a cloud account become no link, image or HTML in the
plan, as GitHub renders it (cmark-gfm) or an editor previews it (markdown-it with linkify),
in any place the templates show them: table cells, headings, list items, code spans."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from exitplan.catalogue import Catalogue
from exitplan.cli import app
from tests.conftest import write_json
from tests.hostile import LINKS, assert_tables_keep_their_columns, hostile_inventory

ORGANISATION = "Org ops@evil.com www.evil.com https://evil.com <img src=x> [x](https://evil.com) #"

_markdown_it = MarkdownIt("gfm-like", {"html": True, "linkify": True})


def _github(text: str) -> str:
    # Raw HTML allowed, so that any HTML let through shows; GitHub's own sanitiser comes
    # after the renderer and is not what keeps a plan clean.
    options = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_FOOTNOTES
    html: str = cmarkgfm.github_flavored_markdown_to_html(text, options=options)
    return html


RENDERERS: dict[str, Callable[[str], str]] = {
    "cmark-gfm": _github,
    "markdown-it+linkify": _markdown_it.render,
}


_MARKER = re.compile(r" exitplan:(manual:[!-~]+|end) ")


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.hrefs: set[str] = set()
        self.attributes: set[str] = set()
        self.other: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            self.attributes.add(f"{tag}.{name}")
            if name == "href":
                self.hrefs.add(value or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        # The markers of manual sections are the templates' own comments.
        if not _MARKER.fullmatch(data):
            self.other.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.other.append(decl)

    def handle_pi(self, data: str) -> None:
        self.other.append(data)


def _parse(html: str) -> _Html:
    parser = _Html()
    parser.feed(html)
    parser.close()
    return parser


def _plan(runner: CliRunner, out: Path, inventory: Path, meta: Path | None = None) -> list[Path]:
    args = ["plan", str(inventory), "--out", str(out), "--quiet"]
    result = runner.invoke(app, [*args, *(["--meta", str(meta)] if meta else [])])
    assert result.exit_code == 0, result.output
    return sorted(out.rglob("*.md"))


def _our_links(catalogue: Catalogue) -> set[str]:
    """Every link the templates write: the catalogue's sources, runbooks, anchors."""
    urls: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str) and value.startswith("https://"):
            urls.add(value)

    for record in [*catalogue.categories.values(), *catalogue.providers.values()]:
        walk(record.model_dump(mode="json"))
    runbooks = {f"runbooks/{category}.md" for category in catalogue.categories}
    return urls | runbooks | {"../exit-plan.md", "resource-mapping.csv", "../resource-mapping.csv"}


def _text(parsed: _Html) -> str:
    return " ".join("".join(parsed.text).replace("\u2060", "").split())


@pytest.mark.parametrize("renderer", list(RENDERERS))
def test_untrusted_text_renders_as_text(
    renderer: str,
    runner: CliRunner,
    tmp_path: Path,
    sample_data: dict[str, Any],
    catalogue: Catalogue,
) -> None:
    render = RENDERERS[renderer]
    clean = _plan(runner, tmp_path / "clean", write_json(tmp_path / "c.json", sample_data))
    clean_html = [_parse(render(p.read_text())) for p in clean]
    allowed_tags = set().union(*(parsed.tags for parsed in clean_html))
    meta = tmp_path / "meta.yaml"
    meta.write_text(json.dumps({"organisation": ORGANISATION}))
    hostile = write_json(tmp_path / "h.json", hostile_inventory(sample_data))
    files = _plan(runner, tmp_path / "hostile", hostile, meta)
    # Our links, and those an editor finds in our own text (a playbook names bunny.net).
    ours = _our_links(catalogue).union(*(parsed.hrefs for parsed in clean_html))
    for path in files:
        source = path.read_text()
        assert_tables_keep_their_columns(path.name, source)
        parsed = _parse(render(source))
        assert parsed.tags <= allowed_tags, (path.name, parsed.tags - allowed_tags)
        links = {h for h in parsed.hrefs if not h.startswith("#")}
        assert links <= ours, (path.name, links - ours)
        # pre.lang and code.class name the language of our diagrams' code blocks.
        assert parsed.attributes <= {
            *("a.href", "th.align", "td.align", "th.style", "td.style"),
            *("pre.lang", "code.class"),
        }
        assert not parsed.other, (path.name, parsed.other)
    plan = _text(_parse(render((tmp_path / "hostile" / "exit-plan.md").read_text())))
    # Still readable: every name shows as it was written (less the line breaks).
    for payload in (*LINKS, f"Exit plan: {ORGANISATION}"):
        assert " ".join(payload.split()) in plan, payload
