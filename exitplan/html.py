"""The plan as HTML, for readers without Git or a Markdown viewer: one self-contained page
per Markdown file, made from the Markdown as written (manual sections included).

Everything in the Markdown may come from an inventory, so the converter passes no raw
HTML through: it shows as text. Mermaid diagrams are drawn in the browser by Mermaid's
own script, shipped with exitplan and inlined; a Content-Security-Policy lets the page
run only that script and make no request at all. Pure: the same Markdown gives the same
bytes.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import posixpath
import re
from collections.abc import Collection, Mapping, Sequence
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from . import markdown

VENDOR = Path(__file__).resolve().parent / "vendor" / "mermaid"
MERMAID_JS = VENDOR / "mermaid.min.js"
# Drawn once the page has loaded; `strict` makes Mermaid encode any HTML in labels and
# disables click handlers, whatever a diagram says.
_MERMAID_START = (
    "mermaid.initialize({startOnLoad: false, securityLevel: 'strict', theme: 'neutral'});\n"
    "mermaid.run({querySelector: 'pre.mermaid'});\n"
)
# The manual-section markers are comments in Markdown; as text they would only be noise.
_MARKER_LINE = re.compile(r"^<!-- exitplan:(?:manual:[!-~]+|end) -->\n?", re.MULTILINE)
_CLOSES_SCRIPT = re.compile(r"</script|<script|<!--\s*<script", re.IGNORECASE)

_STYLE = """\
:root { color-scheme: light; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #1b1b1b; background: #fff; margin: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
h1, h2, h3, h4 { line-height: 1.25; margin: 2rem 0 0.75rem; }
h1 { font-size: 2rem; margin-top: 0; }
h2 { font-size: 1.5rem; border-bottom: 1px solid #d0d7de; padding-bottom: 0.3rem; }
h3 { font-size: 1.2rem; }
a { color: #0b57a4; }
code { font: 0.9em/1.4 ui-monospace, "SFMono-Regular", Consolas, monospace;
  background: #f3f4f6; padding: 0.1em 0.3em; border-radius: 3px;
  overflow-wrap: anywhere; }
pre { background: #f6f8fa; padding: 0.75rem; overflow-x: auto; }
pre code { background: none; padding: 0; }
pre.mermaid { background: none; text-align: center; }
table { border-collapse: collapse; margin: 1rem 0; display: block; overflow-x: auto;
  max-width: 100%; }
th, td { border: 1px solid #d0d7de; padding: 0.3rem 0.6rem; vertical-align: top; }
th { background: #f3f4f6; }
tbody tr:nth-child(even) { background: #fafbfc; }
blockquote { margin: 1rem 0; padding: 0 1rem; border-left: 4px solid #d0d7de; color: #444; }
@media print {
  @page { margin: 18mm 15mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2 { break-before: page; }
  h1, h2, h3, h4 { break-after: avoid; }
  table { display: table; width: 100%; font-size: 8.5pt; }
  th, td { overflow-wrap: anywhere; }
  thead { display: table-header-group; }
  tr, pre, blockquote, svg, pre.mermaid { break-inside: avoid; }
  pre { white-space: pre-wrap; overflow-wrap: anywhere; }
  a { color: inherit; }
  a[href]:not([href^="#"])::after { content: " (" attr(href) ")"; font-size: 0.85em;
    overflow-wrap: anywhere; }
}
"""


def html_path(markdown_path: str) -> str:
    """The page of a Markdown file: beside it, `.md` replaced by `.html`."""
    return markdown_path.removesuffix(".md") + ".html"


def pages(markdown: Mapping[str, str], language: str) -> dict[str, str]:
    """A page for each Markdown file (relative path -> text). A link from one to another
    leads to the other's page; any other link is left as it is."""
    return {
        html_path(path): page(path, text, markdown.keys(), language)
        for path, text in markdown.items()
    }


def page(path: str, text: str, linked: Collection[str], language: str) -> str:
    """The page of the Markdown file `path`; links to a file in `linked` go to its page."""
    parser = _parser()
    env: dict[str, Any] = {}
    tokens = parser.parse(_MARKER_LINE.sub("", text), env)
    _follow_links(tokens, path, linked)
    _anchor_headings(tokens)
    body = parser.renderer.render(tokens, parser.options, env)
    diagrams = any(t.type == "fence" and _is_mermaid(t) for t in tokens)
    scripts = (_mermaid_js(), _MERMAID_START) if diagrams else ()
    return _document(_title(tokens) or path, body, scripts, language)


@functools.cache
def _parser() -> MarkdownIt:
    # CommonMark with GitHub's tables, as the plan is written for; `html` off: raw HTML in
    # the text is shown, not run.
    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    parser.add_render_rule("fence", _fence)
    return parser


def _is_mermaid(token: Token) -> bool:
    return token.info.strip().split(" ")[0] == "mermaid"


def _fence(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """A Mermaid block as the element Mermaid's script draws in; its text escaped, which
    the script decodes before parsing."""
    token = tokens[idx]
    if _is_mermaid(token):
        return f'<pre class="mermaid">{escape(token.content, quote=False)}</pre>\n'
    return self.fence(tokens, idx, options, env)


def _follow_links(tokens: Sequence[Token], path: str, linked: Collection[str]) -> None:
    folder = posixpath.dirname(path)
    for token in tokens:
        for child in token.children or ():
            href = child.attrGet("href") if child.type == "link_open" else None
            if isinstance(href, str):
                child.attrSet("href", _followed(href, folder, linked))


def _followed(href: str, folder: str, linked: Collection[str]) -> str:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.endswith(".md"):
        return href
    target = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
    if target not in linked:
        return href
    return html_path(parts.path) + (f"#{parts.fragment}" if parts.fragment else "")


def _anchor_headings(tokens: Sequence[Token]) -> None:
    """Each heading gets the id GitHub gives it, so that the plan's links to its own
    sections (`#providers-of-the-chosen-alternatives`) work in the page too."""
    seen: dict[str, int] = {}
    for index, token in enumerate(tokens[:-1]):
        if token.type != "heading_open":
            continue
        slug = str(markdown.slug(_text(tokens[index + 1])))
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        token.attrSet("id", f"{slug}-{count}" if count else slug)


def _text(inline: Token) -> str:
    return "".join(c.content for c in inline.children or () if c.type != "softbreak")


def _title(tokens: Sequence[Token]) -> str:
    for index, token in enumerate(tokens[:-1]):
        if token.type == "heading_open" and token.tag == "h1":
            return _text(tokens[index + 1])
    return ""


@functools.cache
def _mermaid_js() -> str:
    script = MERMAID_JS.read_text(encoding="utf-8")
    if _CLOSES_SCRIPT.search(script):
        # Inlined, such text would end the script element early.
        raise RuntimeError(f"{MERMAID_JS}: holds text that ends an inline script")
    return script


def _digest(script: str) -> str:
    return base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


@functools.cache
def _csp(scripts: tuple[str, ...]) -> str:
    """Nothing may be fetched or sent: no source for scripts but the page's own (by
    hash), styles inline only, images only from data: URLs, no forms, no frames."""
    allowed = " ".join(f"'sha256-{_digest(s)}'" for s in scripts) or "'none'"
    return (
        f"default-src 'none'; script-src {allowed}; style-src 'unsafe-inline'; "
        "img-src data:; font-src data:; base-uri 'none'; form-action 'none'"
    )


def _document(title: str, body: str, scripts: Sequence[str], language: str) -> str:
    inline = "".join(f"<script>{s}</script>\n" for s in scripts)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(language)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{escape(_csp(tuple(scripts)))}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>\n{_STYLE}</style>\n</head>\n<body>\n"
        f"<main>\n{body}</main>\n{inline}</body>\n</html>\n"
    )
