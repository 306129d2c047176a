"""Markdown plans, read with a CommonMark parser: headings of any level (ATX and setext)
in any order, paragraphs, lists and code as text, tables as rows of cells, and an
optional YAML front matter between `---` lines at the top."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..errors import InputError
from ..i18n import N_, _
from ..yamlfile import parse_yaml
from .document import Fact, PlanDocument, Table
from .facts import front_matter_facts, unique
from .sections import SectionBuilder
from .vocabulary import Vocabulary

_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_FENCE = re.compile(r"^---[ \t]*$")
_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_FRONT_HINT = N_(
    "front matter is YAML between a line `---` at the top of the file and the next `---`"
)


@functools.cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def parse_markdown(path: Path, text: str, vocabulary: Vocabulary) -> PlanDocument:
    """A Markdown plan; `path` names it in errors and in the document."""
    lines = text.splitlines()
    front, body_start = _front_matter(path, lines)
    # The front matter's lines are blanked, not cut, so that positions are the file's lines.
    body = "\n".join(["" for _ in range(body_start)] + lines[body_start:])
    builder = SectionBuilder(vocabulary)
    _walk(_parser().parse(body), builder)
    facts: list[Fact] = front_matter_facts(front, vocabulary) if front else []
    return PlanDocument(
        path, "markdown", front, builder.sections(), unique([*facts, *builder.facts])
    )


def _front_matter(path: Path, lines: Sequence[str]) -> tuple[Mapping[str, object] | None, int]:
    if not lines or not _FENCE.match(lines[0]):
        return None, 0
    end = next((i for i in range(1, len(lines)) if _END.match(lines[i])), None)
    if end is None:
        raise InputError(
            _("{path}:1: the front matter begun here has no closing `---`").format(path=path),
            _(_FRONT_HINT),
        )
    data = parse_yaml("\n".join(lines[1:end]), path, InputError, _(_FRONT_HINT), first_line=2)
    if data is None:
        return {}, end + 1
    if not isinstance(data, dict):
        raise InputError(
            _("{path}:2: the front matter is a {kind}, not a mapping of keys to values").format(
                path=path, kind=type(data).__name__
            ),
            _(_FRONT_HINT),
        )
    return {str(key): value for key, value in data.items()}, end + 1


def _blank(match: re.Match[str]) -> str:
    """A comment's lines as empty lines, so that the lines after it keep their numbers."""
    return "\n" * match.group().count("\n")


def _walk(tokens: Sequence[Token], builder: SectionBuilder) -> None:
    index = 0
    while index < len(tokens):
        token = tokens[index]
        first = (token.map[0] + 1) if token.map else 1
        if token.type == "heading_open":
            text = " ".join(_plain(tokens[index + 1])).strip()
            builder.heading(text, int(token.tag[1:]), first)
            index += 3
            continue
        if token.type == "table_open":
            index = _table(tokens, index, builder)
            continue
        if token.type == "inline":
            for offset, line in enumerate(_plain(token, builder, first)):
                builder.line(line, first + offset)
        elif token.type in ("fence", "code_block"):
            start = first + (1 if token.type == "fence" else 0)
            for offset, line in enumerate(token.content.splitlines()):
                builder.line(line, start + offset)
        elif token.type == "html_block":
            # A template's "<!-- describe the triggers here -->" is no description.
            for offset, line in enumerate(_HTML_COMMENT.sub(_blank, token.content).splitlines()):
                builder.line(_TAG.sub("", line), first + offset)
        index += 1


def _table(tokens: Sequence[Token], index: int, builder: SectionBuilder) -> int:
    start = tokens[index].map
    rows: list[tuple[str, ...]] = []
    cells: list[str] = []
    index += 1
    while tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "tr_close":
            rows.append(tuple(cells))
            cells = []
        elif token.type == "inline":
            row = (token.map[0] + 1) if token.map else 1
            cells.append(" ".join(_plain(token, builder, row)).strip())
        index += 1
    builder.table(Table((start[0] + 1) if start else 1, tuple(rows)))
    return index + 1


def _plain(inline: Token, builder: SectionBuilder | None = None, first: int = 1) -> list[str]:
    """An inline token's text as lines, without markup; links go to the builder."""
    lines = [""]
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            lines[-1] += child.content
        elif child.type in ("softbreak", "hardbreak"):
            lines.append("")
        elif child.type == "image":
            lines[-1] += child.content
        elif child.type == "link_open" and builder is not None:
            href = str(child.attrs.get("href", ""))
            if href and not href.startswith("#"):
                builder.link(href, first + len(lines) - 1)
    return lines
