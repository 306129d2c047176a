"""Text from a cloud account or an input file is untrusted. Before it is shown anywhere (the
plan's Markdown, the CSV, the terminal, an error message) `visible` makes characters that
act instead of showing visible and inert: terminal escape sequences, bidi overrides that
reorder what a reviewer reads, and invisible characters that hide text."""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache

# Controls (C0, DEL, C1: ESC and OSC sequences, NUL, CR), format characters (bidi overrides
# and isolates, zero-width characters, tag characters), lone surrogates (which cannot even
# be written as UTF-8) and the Unicode line and paragraph separators.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
# Printable by Unicode's categories, yet drawn as nothing: variation selectors (which can
# carry hidden data), fillers and joiners that make a name look empty or like another.
_INVISIBLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2800\u3164\ufe00-\ufe0f\uffa0"
    "\U000e0100-\U000e01ef]"
)
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def visible(text: str) -> str:
    """`text` with every control, format or invisible character written as its escape,
    Python style: `\\x1b`, `\\u202e`, `\\n`. Everything else is left as it is."""
    # The common case costs two scans in C: printable and plain ASCII.
    if text.isprintable() and (text.isascii() or _INVISIBLE.search(text) is None):
        return text
    return "".join(map(_shown, text))


@lru_cache(maxsize=1024)
def _shown(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    if unicodedata.category(char) not in _HIDDEN_CATEGORIES and not _INVISIBLE.match(char):
        return char
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def shows_nothing(text: str) -> bool:
    """Whether `text` shows nothing at all: only white space, controls, format characters
    (zero-width spaces, joiners, bidi marks) and characters drawn as nothing. Such text
    names nothing a reader could find or tell apart from another."""
    return all(char.isspace() or _shown(char) != char for char in text)


def visible_lines(text: str) -> str:
    """For our own messages that span lines: the line breaks stay, all else is `visible`."""
    return "\n".join(map(visible, text.split("\n")))


def json_text(data: object, *, sort_keys: bool = False) -> str:
    """Indented JSON for a terminal: ASCII only, so every control and format character is
    a `\\u` escape; DEL, which JSON allows raw, is escaped as well."""
    text = json.dumps(data, indent=2, sort_keys=sort_keys, ensure_ascii=True)
    return text.replace("\x7f", "\\u007f")


def json_document(data: object, *, open_levels: int = 3) -> str:
    """`json_text` for a large document: objects and lists are laid out a member per line
    down to `open_levels`, and what lies deeper is written on one line each. A plan of
    100,000 resources diffs line by line as well, and is written by the C encoder rather
    than the much slower indenting one."""
    lines: list[str] = []
    _lay_out(data, 0, open_levels, "", lines)
    return "\n".join(lines).replace("\x7f", "\\u007f")


def _lay_out(value: object, depth: int, open_levels: int, lead: str, lines: list[str]) -> None:
    pad = "  " * depth
    if depth >= open_levels or not isinstance(value, (dict, list)) or not value:
        lines.append(pad + lead + json.dumps(value, ensure_ascii=True, separators=(", ", ": ")))
        return
    opening, closing = ("{", "}") if isinstance(value, dict) else ("[", "]")
    lines.append(pad + lead + opening)
    members = list(value.items()) if isinstance(value, dict) else [(None, v) for v in value]
    for index, (key, member) in enumerate(members):
        name = "" if key is None else json.dumps(key, ensure_ascii=True) + ": "
        _lay_out(member, depth + 1, open_levels, name, lines)
        if index < len(members) - 1:
            lines[-1] += ","
    lines.append(pad + closing)
