"""The documentation keeps up with the command line and with itself.

Every command of `exitplan` has a heading of its own in docs/commands.md, and every long
option name is written in that command's section; every relative link in README.md and
docs/ leads to a file, and a `#anchor` to a heading of that file as GitHub names it."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
import typer.main
from markdown_it import MarkdownIt
from markdown_it.token import Token
from typer.core import TyperGroup

from exitplan.cli import app

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"
REFERENCE = DOCS / "commands.md"
PAGES = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]

_markdown = MarkdownIt("commonmark").enable("table")


def commands(
    command: Any, path: tuple[str, ...] = ("exitplan",), parent: Any = None
) -> Iterator[tuple[str, list[str]]]:
    """Each visible command's full name and its options' long names, depth first.

    A group is asked for its commands as click asks (`list_commands`, `get_command`), so
    that commands built only when asked for, as the installed connectors are, count too."""
    if command is None or getattr(command, "hidden", False):
        return
    names = [
        name
        for param in command.params
        if param.param_type_name == "option" and not getattr(param, "hidden", False)
        for name in (*param.opts, *param.secondary_opts)
        if name.startswith("--")
    ]
    yield " ".join(path), names
    if hasattr(command, "list_commands"):
        context = typer.Context(command, info_name=path[-1], parent=parent)
        for word in sorted(command.list_commands(context)):
            yield from commands(command.get_command(context, word), (*path, word), context)


def _headings(text: str) -> list[tuple[int, str, int]]:
    """(level, plain text, first line) of each heading; code blocks hold none."""
    tokens = _markdown.parse(text)
    found = []
    for opening, inline in itertools.pairwise(tokens):
        if opening.type == "heading_open" and opening.map is not None:
            found.append((int(opening.tag[1]), _plain(inline), opening.map[0]))
    return found


def _plain(inline: Token) -> str:
    return "".join(
        child.content for child in inline.children or [] if child.type in ("text", "code_inline")
    )


def sections(text: str) -> dict[str, str]:
    """Heading text -> what lies under it, up to the next heading of its level or above."""
    lines = text.splitlines()
    headings = _headings(text)
    found: dict[str, str] = {}
    for index, (level, title, start) in enumerate(headings):
        end = next((line for lvl, _, line in headings[index + 1 :] if lvl <= level), len(lines))
        found[title] = "\n".join(lines[start:end])
    return found


def undocumented(command: object, reference: str) -> list[str]:
    """Commands without a heading in the reference, and options their section omits."""
    described = sections(reference)
    missing = []
    for name, options in commands(command):
        if name not in described:
            missing.append(f"{name}: no heading `{name}`")
            continue
        for option in options:
            if not re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", described[name]):
                missing.append(f"{name}: {option}")
    return missing


def slugs(text: str) -> set[str]:
    """The anchors GitHub gives a page's headings: lower case, punctuation other than
    hyphens and underscores dropped, each space a hyphen; repeats numbered -1, -2, ..."""
    seen: Counter[str] = Counter()
    found = set()
    for _, title, _ in _headings(text):
        slug = re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-")
        found.add(f"{slug}-{seen[slug]}" if seen[slug] else slug)
        seen[slug] += 1
    return found


def _targets(tokens: list[Token]) -> Iterator[str]:
    for token in tokens:
        for child in token.children or []:
            target = child.attrGet("href") if child.type == "link_open" else child.attrGet("src")
            if isinstance(target, str):
                yield target


def broken_links(page: Path, root: Path = ROOT) -> list[str]:
    text = page.read_text(encoding="utf-8")
    broken = []
    for target in _targets(_markdown.parse(text)):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):
            continue  # https:, mailto: and the like
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        if not file.is_relative_to(root.resolve()) or not file.exists():
            broken.append(f"{page.name}: {target}: no such file")
        elif anchor and (file.suffix != ".md" or anchor not in slugs(file.read_text("utf-8"))):
            broken.append(f"{page.name}: {target}: no such heading")
    return broken


def test_every_command_and_option_is_in_the_reference() -> None:
    tree = typer.main.get_command(app)
    found = dict(commands(tree))
    # The walk sees the commands built from the installed connectors.
    assert {"--regions", "--org"} <= set(found["exitplan scan aws"])
    assert "--management-group" in found["exitplan permissions azure"]
    assert undocumented(tree, REFERENCE.read_text(encoding="utf-8")) == []


class _Lazy(TyperGroup):
    """A group whose one command is made when asked for, as the connectors' are."""

    def list_commands(self, ctx: Any) -> list[str]:
        return ["late"]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        late = typer.Typer(add_completion=False)

        @late.command()
        def run(speed: Annotated[int, typer.Option("--speed")] = 1) -> None: ...

        return typer.main.get_command(late) if cmd_name == "late" else None


def test_an_undocumented_option_or_command_is_found() -> None:
    fake = typer.Typer(add_completion=False)

    @fake.command()
    def paint(
        colour: Annotated[str, typer.Option("--colour", "-c")] = "red",
        gloss: Annotated[bool, typer.Option("--gloss/--matt")] = False,
    ) -> None: ...

    @fake.command()
    def dry() -> None: ...

    fake.add_typer(typer.Typer(cls=_Lazy), name="shelf")
    tree = typer.main.get_command(fake)
    assert dict(commands(tree)) == {
        "exitplan": [],
        "exitplan dry": [],
        "exitplan paint": ["--colour", "--gloss", "--matt"],
        "exitplan shelf": [],
        "exitplan shelf late": ["--speed"],
    }
    reference = (
        "# `exitplan`\n\n## `exitplan paint`\n\n`--colour`, `--gloss`; `--colours`\n"
        "## `exitplan shelf`\n### `exitplan shelf late`\n--speeds\n"
    )
    assert undocumented(tree, reference) == [
        "exitplan dry: no heading `exitplan dry`",
        "exitplan paint: --matt",
        "exitplan shelf late: --speed",
    ]
    # An option named only in another command's section does not count.
    reference = (
        "# `exitplan`\n\n## `exitplan paint`\n\n## `exitplan dry`\n\n--colour --gloss --matt\n"
        "## `exitplan shelf`\n--speed\n### `exitplan shelf late`\n"
    )
    assert undocumented(tree, reference) == [
        "exitplan paint: --colour",
        "exitplan paint: --gloss",
        "exitplan paint: --matt",
        "exitplan shelf late: --speed",
    ]


def test_every_relative_link_resolves() -> None:
    assert [problem for page in PAGES for problem in broken_links(page)] == []


def test_a_broken_link_or_anchor_is_found(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (tmp_path / "x.md").touch()
    (root / "other.md").write_text("# A `code` title, with punctuation!\n\n## Again\n## Again\n")
    page = root / "page.md"
    page.write_text(
        "# Here\n\n"
        "[fine](other.md#a-code-title-with-punctuation) [fine](other.md#again-1) [fine](#here)\n"
        "[gone](missing.md) [no anchor](other.md#again-2) [out](../x.md) [web](https://x.org/y)\n"
        "`[in code](missing.md)`\n"
    )
    assert broken_links(page, root) == [
        "page.md: missing.md: no such file",
        "page.md: other.md#again-2: no such heading",
        "page.md: ../x.md: no such file",
    ]


def test_every_docs_page_is_in_the_index() -> None:
    index = (DOCS / "README.md").read_text(encoding="utf-8")
    linked = {target.partition("#")[0] for target in _targets(_markdown.parse(index))}
    assert {page.name for page in DOCS.glob("*.md")} - linked == {"README.md"}
