"""Manual sections: the parts of a generated Markdown file that people write in.

A section is the lines between `<!-- exitplan:manual:NAME -->` and `<!-- exitplan:end -->`,
each marker alone on its line. When a plan is rendered again, `merge` carries every
section's text over from the previous file, byte for byte. Everything here is a pure
function on texts; reading and writing the files is the caller's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from markupsafe import Markup

from .i18n import _

START = "<!-- exitplan:manual:{} -->"
END = "<!-- exitplan:end -->"
# Where the text of a section that has no place in the new file goes (a workload that
# left the estate), so that it stays visible instead of being dropped.
UNPLACED = "unplaced"

# Only a line that starts with the marker prefix counts. Generated lines that carry cloud
# text never start that way: escaping turns `<` into `\<`, and a code span starts with a
# backtick, so a resource called "<!-- exitplan:end -->" cannot end a section. (No `^` in
# the pattern: with it, the search tries every position instead of jumping to the prefix.)
_MARKER = re.compile(r"<!-- exitplan:[^\n]*")
# Names are printable ASCII (what `section_name` makes), so that one shown in a message
# cannot carry terminal control characters.
_START = re.compile(r"<!-- exitplan:manual:([!-~]+) -->")
_KEPT = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")


def _encode(part: str) -> str:
    # Percent-encoding is reversible, so two different names never give the same section
    # name. Besides `%` it escapes everything that could end the comment or the marker
    # (`>`, `!`, whitespace, a second `-` in a row) and `_`, which stands for a space.
    out: list[str] = []
    for char in part:
        if char == " ":
            out.append("_")
        elif char in _KEPT and not (char == "-" and out and out[-1] == "-"):
            out.append(char)
        else:
            out.extend(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))
    return "".join(out)


def section_name(*parts: str) -> str:
    """A stable section name from its parts, such as ("workload", grouped_by, name)."""
    return ":".join(_encode(part) for part in parts)


def marker(*parts: str) -> Markup:
    """An empty manual section for a template: `{{ manual("decisions") }}` on its own line."""
    return Markup(START.format(section_name(*parts)) + "\n" + END)


class Section(NamedTuple):  # a tuple: a plan of 100k resources has thousands of sections
    name: str
    start: int  # offset of the body: the first character after the start marker's line
    end: int  # offset of the end marker's line


@dataclass(frozen=True)
class Parsed:
    text: str
    sections: tuple[Section, ...]

    def body(self, section: Section) -> str:
        return self.text[section.start : section.end]

    def names(self) -> frozenset[str]:
        return frozenset(s.name for s in self.sections)

    def outside(self) -> str:
        """The text with every section's body left out: what exitplan alone decides."""
        pieces, pos = [], 0
        for s in self.sections:
            pieces.append(self.text[pos : s.start])
            pos = s.end
        pieces.append(self.text[pos:])
        return "".join(pieces)


@dataclass(frozen=True)
class Malformed:
    """Markers that do not pair up: the file is not guessed at."""

    line: int
    problem: str

    def __str__(self) -> str:
        return _("line {line}: {problem}").format(line=self.line, problem=self.problem)


def parse(text: str) -> Parsed | Malformed:
    sections: list[Section] = []
    seen: set[str] = set()
    open_name: str | None = None
    open_at = body_start = 0
    for match in _MARKER.finditer(text):
        at = match.start()
        if at and text[at - 1] != "\n":
            continue
        line = match.group().removesuffix("\r")
        if line == END:
            if open_name is None:
                return Malformed(_line(text, at), _("an end marker without a start marker"))
            sections.append(Section(open_name, body_start, at))
            seen.add(open_name)
            open_name = None
            continue
        start = _START.fullmatch(line)
        if start is None:
            return Malformed(
                _line(text, at), _("not an exitplan marker: {line!a}").format(line=line[:80])
            )
        if open_name is not None:
            return Malformed(
                _line(text, open_at),
                _("section {section} has no end marker ({marker})").format(
                    section=open_name, marker=END
                ),
            )
        open_name, open_at = start.group(1), at
        if open_name in seen:
            return Malformed(
                _line(text, at), _("section {section} appears twice").format(section=open_name)
            )
        body_start = min(match.end() + 1, len(text))
    if open_name is not None:
        return Malformed(
            _line(text, open_at),
            _("section {section} has no end marker ({marker})").format(
                section=open_name, marker=END
            ),
        )
    return Parsed(text, tuple(sections))


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


@dataclass(frozen=True)
class Merged:
    text: str
    # Sections of the old text that the new one does not have, and that hold something:
    # moved into the UNPLACED section, or, when the new text has none, left without a home
    # (the caller keeps the old file).
    unplaced: tuple[str, ...]
    homeless: tuple[str, ...]


def merge(new: Parsed, old: Parsed) -> Merged:
    """The new text with each section's body taken from the old text where it has one."""
    old_bodies = {s.name: old.body(s) for s in old.sections}
    names = new.names()
    orphans = tuple(
        s.name for s in old.sections if s.name not in names and old_bodies[s.name].strip()
    )
    placed = orphans if UNPLACED in names else ()
    pieces, pos = [], 0
    for s in new.sections:
        pieces.append(new.text[pos : s.start])
        body = old_bodies.get(s.name, new.body(s))
        if s.name == UNPLACED:
            body += "".join(_moved(name, old_bodies[name]) for name in placed)
        pieces.append(body)
        pos = s.end
    pieces.append(new.text[pos:])
    return Merged("".join(pieces), placed, () if placed else orphans)


def _moved(name: str, body: str) -> str:
    ending = "" if body.endswith("\n") else "\n"
    heading = _("From the section `{name}`, which the plan no longer has:").format(name=name)
    return f"{heading}\n\n{body}{ending}\n"
