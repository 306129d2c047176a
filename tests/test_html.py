"""The plan as HTML: the Markdown's content, nothing from an inventory as markup, Mermaid
drawn by the vendored script, no network allowed, and links between the pages."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from exitplan import html
from exitplan.cli import app
from exitplan.manual import END, START
from exitplan.mermaid import fenced
from tests.hostile import PAYLOADS

ROOT = Path(__file__).resolve().parent.parent


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text outside scripts and styles."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def _parse(page: str) -> _Elements:
    parser = _Elements()
    parser.feed(page)
    return parser


def _policy(parsed: _Elements) -> str:
    policy = next(
        a["content"]
        for tag, a in parsed.tags
        if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    )
    assert policy is not None
    return policy


def test_vendored_mermaid_is_the_pinned_version() -> None:
    lock = json.loads((ROOT / "tests" / "mermaid" / "package-lock.json").read_text())
    pinned = lock["packages"]["node_modules/mermaid"]["version"]
    script = html.MERMAID_JS.read_text(encoding="utf-8")
    # What Mermaid's getVersion() answers (another `version:"0.0.0"` is a bundled parser's).
    versions = re.findall(
        r'=\{version:"([^"]+)"\},\w+=\w+\(\(\)=>\w+\.version,"getVersion"\)', script
    )
    assert versions == [pinned]
    assert "MIT License" in (html.VENDOR / "LICENSE").read_text()


def test_raw_html_in_the_markdown_is_shown_as_text() -> None:
    # Raw HTML; `<https://x>`, `<a@b.c>` are autolinks, Markdown's own, which the plan escapes.
    raw = [p for p in PAYLOADS if "<" in p and not re.match(r"<[^ >]+[:@]", p)]
    text = "# Plan\n\n" + "\n\n".join(f"- {payload}" for payload in raw) + "\n"
    parsed = _parse(html.page("exit-plan.md", text, (), "en"))
    tags = {tag for tag, _attrs in parsed.tags}
    assert tags == {"html", "head", "meta", "title", "style", "body", "main", "h1", "ul", "li", "p"}
    shown = "".join(parsed.text)
    assert all(payload in shown for payload in raw if "&" not in payload)


def test_links_that_markdown_makes_never_run_script() -> None:
    text = "[a](javascript:alert(1)) [b](JaVaScRiPt:x) [c](data:text/html;base64,PHNjcmlwdD4=)\n"
    parsed = _parse(html.page("p.md", text, (), "en"))
    assert [a for tag, a in parsed.tags if tag == "a"] == []


def test_the_policy_allows_no_request_and_only_the_page_s_own_scripts() -> None:
    text = "# Plan\n\n" + fenced("flowchart LR\n    a --> b\n")
    page = html.page("exit-plan.md", text, (), "nl")
    parsed = _parse(page)
    policy = _policy(parsed)
    rules = dict(rule.strip().split(" ", 1) for rule in policy.split(";"))
    assert rules["default-src"] == "'none'"
    assert all("http" not in value and "*" not in value for value in rules.values())
    assert rules["script-src"].count("'sha256-") == 2
    assert "'unsafe-inline'" not in rules["script-src"]
    assert ("html", {"lang": "nl"}) in parsed.tags
    assert ("pre", {"class": "mermaid"}) in parsed.tags
    assert "securityLevel: 'strict'" in page


def test_a_page_without_diagrams_carries_no_script() -> None:
    parsed = _parse(html.page("runbooks/dns.md", "# Runbook\n\ntext\n", (), "en"))
    assert not any(tag == "script" for tag, _a in parsed.tags)
    assert "script-src 'none';" in str(_policy(parsed))


def test_diagram_text_cannot_leave_its_block() -> None:
    text = fenced('flowchart LR\n    a["</pre><script>alert(1)</script>"]\n')
    page = html.page("p.md", text, (), "en")
    parsed = _parse(page)
    assert [tag for tag, _a in parsed.tags].count("script") == 2  # Mermaid's and its start
    assert "&lt;/pre&gt;&lt;script&gt;alert(1)" in page


def test_links_between_pages_lead_to_pages() -> None:
    text = (
        "[runbook](runbooks/dns.md) [w](workloads/caf%C3%A9%20bar.md#x) "
        "[csv](resource-mapping.csv) [out](https://example.org/a.md) [gone](runbooks/x.md) "
        "[self](#section)\n"
    )
    linked = {"exit-plan.md", "runbooks/dns.md", "workloads/café bar.md"}
    parsed = _parse(html.page("exit-plan.md", text, linked, "en"))
    hrefs = [a["href"] for tag, a in parsed.tags if tag == "a"]
    assert hrefs == [
        "runbooks/dns.html",
        "workloads/caf%C3%A9%20bar.html#x",
        "resource-mapping.csv",
        "https://example.org/a.md",
        "runbooks/x.md",
        "#section",
    ]
    back = _parse(html.page("workloads/a.md", "[plan](../exit-plan.md)\n", linked, "en"))
    assert [a["href"] for tag, a in back.tags if tag == "a"] == ["../exit-plan.html"]


def test_headings_get_the_ids_that_the_plan_links_to() -> None:
    text = "## Providers of the chosen alternatives\n\n" + "## 9. Transition plan\n\n" * 2
    parsed = _parse(html.page("p.md", text, (), "en"))
    ids = [a["id"] for tag, a in parsed.tags if tag == "h2"]
    assert ids == [
        "providers-of-the-chosen-alternatives",
        "9-transition-plan",
        "9-transition-plan-1",
    ]


def test_manual_markers_go_and_their_text_stays() -> None:
    text = f"# Plan\n\n{START.format('decisions')}\nWe decided **this**.\n{END}\n"
    page = html.page("exit-plan.md", text, (), "en")
    assert "exitplan:" not in page
    assert "<strong>this</strong>" in page


def _demo(runner: CliRunner, out: Path, *extra: str) -> None:
    result = runner.invoke(app, ["demo", "--out", str(out), "--quiet", *extra])
    assert result.exit_code == 0, result.output


def test_demo_html_is_in_the_manifest_and_deterministic(runner: CliRunner, tmp_path: Path) -> None:
    _demo(runner, tmp_path / "a", "--html")
    _demo(runner, tmp_path / "b", "--html")
    first = (tmp_path / "a" / "exit-plan.html").read_bytes()
    assert first == (tmp_path / "b" / "exit-plan.html").read_bytes()
    manifest = json.loads((tmp_path / "a" / "exitplan-manifest.json").read_text())
    listed = {entry["path"] for entry in manifest["files"]}
    assert {"exit-plan.html", "runbooks/dns.html"} <= listed
    page = first.decode("utf-8")
    assert page.count('<pre class="mermaid">') == (
        tmp_path / "a" / "exit-plan.md"
    ).read_text().count("```mermaid")
    assert 'href="runbooks/dns.html"' in page


def test_html_carries_what_people_wrote_in_the_plan(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "plan"
    _demo(runner, out)
    plan = out / "exit-plan.md"
    marker = START.format("decisions")
    text = plan.read_text()
    assert marker in text
    plan.write_text(text.replace(f"{marker}\n", f"{marker}\nThe board chose **plan B**.\n", 1))
    _demo(runner, out, "--html")
    assert "The board chose <strong>plan B</strong>." in (out / "exit-plan.html").read_text()


def test_html_leaves_when_the_option_does(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "plan"
    _demo(runner, out, "--html")
    _demo(runner, out)
    assert not list(out.rglob("*.html"))


def test_a_page_someone_else_wrote_is_kept(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "plan"
    out.mkdir()
    (out / "exit-plan.html").write_text("mine")
    _demo(runner, out, "--html")
    assert (out / "exit-plan.kept-1.html").read_text() == "mine"
    assert (out / "exit-plan.html").read_text().startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("command", ["plan", "demo"])
def test_the_options_are_documented(runner: CliRunner, command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert "--html" in result.output and "--per-workload" in result.output


def test_the_page_s_language_is_the_plan_s(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("exitplan.cli.plan.language", lambda: "nl")
    _demo(runner, tmp_path / "plan", "--html", "--per-workload")
    for page in (tmp_path / "plan").rglob("*.html"):
        assert '<html lang="nl">' in page.read_text(), page
