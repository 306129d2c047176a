"""File names made from untrusted names (a workload's tag): safe on every system a plan
folder is copied to, and one file per name.

A name becomes a stem that holds no path separator, `..`, control or format character,
nothing Windows reserves (`<>:"|?*`, CON, NUL, COM1 and the like, a trailing dot or
space), in Unicode's NFKC form, of at most `MAX_BYTES` bytes of UTF-8. Names whose stems
fall together, also where case is not told apart (Windows, macOS), each get a suffix made
from a hash of the whole name: the same name gets the same file whatever else the estate
holds, so the folder diffs well in version control.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence

# Well below the 255 bytes most file systems allow, leaving room for a suffix and `.html`.
MAX_BYTES = 120
FALLBACK = "workload"
_HASH_DIGITS = 8
# Separators on any system, and what Windows refuses in a name.
_REPLACED = frozenset('/\\<>:"|?*')
_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [f"{device}{n}" for device in ("COM", "LPT") for n in [*"123456789", "¹", "²", "³"]]
)
_DASHES = re.compile(r"-{2,}")


def stem(name: str) -> str:
    """A file name stem for `name`, without extension; never empty."""
    chars = []
    for char in unicodedata.normalize("NFKC", name):
        category = unicodedata.category(char)
        # C*: controls, format characters (bidi overrides, zero widths), unassigned; Z*:
        # every kind of space and line separator.
        if char in _REPLACED or category[0] in "CZ":
            chars.append("-")
        else:
            chars.append(char)
    text = _DASHES.sub("-", "".join(chars))
    # Leading dots hide a file or make `..`; Windows drops trailing dots and spaces.
    text = text.strip("-. ")
    text = _bounded(text, MAX_BYTES).rstrip("-. ")
    if not text:
        return FALLBACK
    if text.split(".")[0].upper() in _RESERVED:
        text = f"_{text}"
    return text


def _bounded(text: str, limit: int) -> str:
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[:limit].decode("utf-8", "ignore")


def _suffix(key: str, digits: int) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:digits]


def assign(keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """A distinct stem for each key (name, qualifier); the qualifier (what the name was
    taken from) is part of what tells two names apart. Deterministic: keys in any order
    give the same stems."""
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in sorted(set(keys)):
        groups[stem(key[0]).casefold()].append(key)
    stems: dict[tuple[str, str], str] = {}
    taken: set[str] = set()
    for members in groups.values():
        if len(members) == 1:
            stems[members[0]] = stem(members[0][0])
            taken.add(stems[members[0]].casefold())
    for _folded, members in sorted(groups.items()):
        if len(members) == 1:
            continue
        for key in members:
            digits = _HASH_DIGITS
            while True:
                suffix = "-" + _suffix(repr(key), digits)
                base = _bounded(stem(key[0]), MAX_BYTES - len(suffix)).rstrip("-. ")
                candidate = f"{base or FALLBACK}{suffix}"
                if candidate.casefold() not in taken:
                    break
                digits += 1  # a hash shared, or a name that looks like one: longer
            taken.add(candidate.casefold())
            stems[key] = candidate
    return stems
