"""Reading what teams hand over: JSON, plain or gzipped, whole or as one document per
line. Every failure names the file, and where in it, and says what to do."""

from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path
from typing import Any

from exitplan.errors import InputError

_GZIP = b"\x1f\x8b"
_HINT = "give the file exactly as the tool wrote it (terraform state pull, aws configservice, ...)"


def read_bytes(path: Path) -> bytes:
    """The file's content, unzipped if it is gzip."""
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory", "name the file itself") from None
    except FileNotFoundError:
        raise InputError(f"{path}: no such file", "check the path") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}", "check the path") from None
    if raw.startswith(_GZIP):
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(
                f"{path}: looks like gzip but cannot be unpacked ({exc})",
                "the file is damaged or cut short; fetch it again",
            ) from None
    return raw


def read_text(path: Path, hint: str, empty_hint: str | None = None) -> str:
    """A file's text, or a clear error: empty, binary, not UTF-8, or a NUL byte (which no
    text holds) at a line. The bytes are not kept: a large file would be held twice."""
    raw = read_bytes(path)
    if not raw.strip():
        raise InputError(f"{path}: the file is empty", empty_hint or hint)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise InputError(f"{path}: is not UTF-8 text (it is UTF-16)", hint) from None
        if b"\x00" in raw[:8192]:
            raise InputError(f"{path}: is a binary file, not text", hint) from None
        raise InputError(
            f"{path}: is not UTF-8 text (byte {exc.start} cannot be read)", hint
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise InputError(f"{path}: line {line} holds a NUL byte: a binary file, not text", hint)
    return text


def read_json(path: Path) -> Any:
    """One JSON document from a file, or a clear error: empty, binary, not UTF-8, or not
    JSON at a line and column."""
    text = read_text(path, _HINT)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            lines = _json_lines(text)
            if lines is not None:
                return lines
        # Cut short: the parser ran out of input, at the end or inside an open string.
        ended = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
        cut = " (the file seems cut short)" if ended else ""
        raise InputError(
            f"{path}: not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}{cut}",
            _HINT,
        ) from None


def _json_lines(text: str) -> list[Any] | None:
    """One JSON object per line, as `gcloud asset export` writes, read as a list; None if
    the text is not that, so that the first error is the one reported."""
    records = []
    for line in text.splitlines():
        if line.strip():
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                return None
            if not isinstance(record, dict):
                return None
            records.append(record)
    return records
