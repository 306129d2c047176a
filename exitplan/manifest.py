"""The manifest: which files of an output folder exitplan wrote, with their hashes.

It is written last, so its presence says the set is complete: a reader (and the next run)
trusts a plan only when the manifest is there and the files match it. Only files listed
in it are ever replaced without being kept, or removed. Deterministic: the same files give
the same manifest, byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from . import __version__
from .errors import InputError
from .i18n import N_, _

MANIFEST = "exitplan-manifest.json"
FORMAT = "exitplan-manifest"
VERSION = 1
_HEX = re.compile(r"[0-9a-f]{64}")
_HINT = N_(
    "exitplan writes this file itself; restore it from version control, or delete it: "
    "exitplan then keeps every file it finds in --out beside the new ones"
)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Entry:
    path: str  # relative, with forward slashes
    size: int
    sha256: str
    # For Markdown with manual sections: the hash of the text with their bodies left out,
    # so that writing in a section does not make the file count as edited.
    sha256_outside_manual: str | None = None

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"path": self.path, "size": self.size, "sha256": self.sha256}
        if self.sha256_outside_manual is not None:
            data["sha256_outside_manual"] = self.sha256_outside_manual
        return data


def dump(entries: Iterable[Entry]) -> bytes:
    data = {
        "format": FORMAT,
        "version": VERSION,
        "generator": f"exitplan {__version__}",
        "files": [e.as_json() for e in sorted(entries, key=lambda e: e.path)],
    }
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def safe_relative(path: object) -> str | None:
    """The path if it names a place inside the folder (no `..`, not absolute), else None."""
    if not isinstance(path, str) or not path or "\\" in path or "\0" in path:
        return None
    pure = PurePosixPath(path)
    if pure.is_absolute() or any(part in ("", ".", "..") for part in path.split("/")):
        return None
    return str(pure)


def load(text: bytes, where: str) -> Mapping[str, Entry]:
    """The entries of a manifest, by path; a manifest that is not exitplan's is refused."""
    try:
        data = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(
            _("{where}: not a readable exitplan manifest: {exc}").format(where=where, exc=exc),
            _(_HINT),
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(
            _("{where}: not an exitplan manifest (no format {value!r})").format(
                where=where, value=FORMAT
            ),
            _(_HINT),
        )
    if data.get("version") != VERSION:
        raise InputError(
            _("{where}: manifest version {get!r}; this exitplan reads {version}").format(
                where=where, get=data.get("version"), version=VERSION
            ),
            _("use the exitplan version that wrote the folder, or another --out"),
        )
    files = data.get("files")
    if not isinstance(files, list):
        raise InputError(_("{where}: files: a list is required").format(where=where), _(_HINT))
    entries: dict[str, Entry] = {}
    for number, item in enumerate(files):
        entry = _entry(item)
        if entry is None or entry.path in entries:
            raise InputError(
                _("{where}: files[{number}]: not a valid, unique file entry").format(
                    where=where, number=number
                ),
                _(_HINT),
            )
        entries[entry.path] = entry
    return entries


def _entry(item: object) -> Entry | None:
    if not isinstance(item, dict):
        return None
    path = safe_relative(item.get("path"))
    size, digest = item.get("size"), item.get("sha256")
    outside = item.get("sha256_outside_manual")
    if (
        path is None
        or path == MANIFEST
        or not isinstance(size, int)
        or isinstance(size, bool)
        or size < 0
        or not isinstance(digest, str)
        or not _HEX.fullmatch(digest)
        or not (outside is None or (isinstance(outside, str) and _HEX.fullmatch(outside)))
    ):
        return None
    return Entry(path, size, digest, outside)
