"""Reading what teams hand over: JSON, plain or gzipped, whole or as one document per
line, in UTF-8 or in the encoding a byte order mark names. Every failure names the file,
and where in it, and says what to do.

Two limits keep a broken or hostile file from costing unbounded memory or a crash. A file's
content (unpacked, for gzip) is read as a stream up to `max_bytes`, so a small gzip that
unpacks to gigabytes stops at the limit instead of filling memory. JSON is nested at most
MAX_DEPTH levels, checked before it is parsed: neither the parser nor any code that walks
the document afterwards (removing sensitive values, reading attributes) recurses deeper."""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import stat
import zlib
from pathlib import Path
from typing import Any

from exitplan.encoding import SAVE_AS, marked, utf16_unmarked
from exitplan.errors import InputError

GIB = 2**30
DEFAULT_MAX_GIB = 1.0
MAX_BYTES = int(DEFAULT_MAX_GIB * GIB)
MAX_DEPTH = 256
MAX_OPTION = "--max-file-gib"
MAX_ENV = "EXITPLAN_MAX_FILE_GIB"

_GZIP = b"\x1f\x8b"
_HINT = "give the file exactly as the tool wrote it (terraform state pull, aws configservice, ...)"
_CHUNK = 2**20


def read_bytes(path: Path, max_bytes: int = MAX_BYTES) -> bytearray:
    """The file's content, unpacked if it is gzip, read as a stream: never more than
    `max_bytes` of it is held."""
    try:
        file = open(path, "rb")  # noqa: SIM115 - closed below; the errors differ by step
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory", "name the file itself") from None
    except FileNotFoundError:
        raise InputError(f"{path}: no such file", "check the path") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}", "check the path") from None
    with file:
        packed = file.peek(len(_GZIP))[: len(_GZIP)] == _GZIP
        status = os.fstat(file.fileno())
        if not packed and stat.S_ISREG(status.st_mode) and status.st_size > max_bytes:
            raise _too_large(path, max_bytes, packed)
        if not packed:
            content = _bounded(file, max_bytes)
        else:
            try:
                with gzip.GzipFile(fileobj=file) as unpacking:
                    content = _bounded(unpacking, max_bytes)
            except (OSError, EOFError, zlib.error) as exc:
                raise InputError(
                    f"{path}: looks like gzip but cannot be unpacked ({exc})",
                    "the file is damaged or cut short; fetch it again",
                ) from None
    if content is None:
        raise _too_large(path, max_bytes, packed)
    return content


def _bounded(source: io.BufferedIOBase, max_bytes: int) -> bytearray | None:
    """Everything `source` holds, or None as soon as it holds more than `max_bytes`."""
    content = bytearray()
    while chunk := source.read(_CHUNK):
        content += chunk
        if len(content) > max_bytes:
            return None
    return content


def _too_large(path: Path, max_bytes: int, packed: bool) -> InputError:
    limit = f"{max_bytes / GIB:g} GiB"
    what = "unpacks to more than" if packed else "is larger than"
    return InputError(
        f"{path}: {what} {limit}, the most exitplan reads from one file",
        f"if the file is what you meant to import, raise the limit with {MAX_OPTION} N or "
        f"{MAX_ENV}=N (N in GiB); reading it takes several times its size in memory",
    )


def read_text(
    path: Path, hint: str, empty_hint: str | None = None, max_bytes: int = MAX_BYTES
) -> str:
    """A file's text, or a clear error: empty, binary, not UTF-8, or a NUL byte (which no
    text holds) at a line. The bytes are not kept: a large file would be held twice."""
    return _decoded(path, read_bytes(path, max_bytes), hint, empty_hint)[0]


def _decoded(
    path: Path, raw: bytearray, hint: str, empty_hint: str | None = None
) -> tuple[str, bool]:
    """The text, and whether it was UTF-8 (so that `raw` holds the same brackets and quotes
    in the same order)."""
    if not raw or raw.isspace():
        raise InputError(f"{path}: the file is empty", empty_hint or hint)
    mark = marked(raw)
    encoding, name = mark or ("utf-8", "UTF-8")
    if mark is None:
        unmarked = utf16_unmarked(raw)
        if unmarked:
            raise InputError(
                f"{path}: is UTF-16 ({unmarked}) without a byte order mark; exitplan reads "
                "UTF-16 only with one",
                SAVE_AS,
            )
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        if mark is None and b"\x00" in raw[:8192]:
            raise InputError(f"{path}: is a binary file, not text", hint) from None
        raise InputError(
            f"{path}: is not {name} text (byte {exc.start} cannot be read)",
            hint if mark is None else SAVE_AS,
        ) from None
    if not text or text.isspace():  # a mark and nothing else
        raise InputError(f"{path}: the file is empty", empty_hint or hint)
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise InputError(f"{path}: line {line} holds a NUL byte: a binary file, not text", hint)
    return text, encoding.startswith("utf-8")


def read_json(path: Path, max_bytes: int = MAX_BYTES) -> Any:
    """One JSON document from a file, or a clear error: empty, binary, not UTF-8, not JSON
    at a line and column, or nested too deep."""
    raw = read_bytes(path, max_bytes)
    text, same = _decoded(path, raw, _HINT)
    # Brackets and quotes are single bytes in UTF-8: its bytes can be checked as they are.
    deep = _too_deep(raw if same else text.encode("utf-8", "surrogatepass"))
    del raw
    try:
        document = _parsed(path, text)
    except RecursionError:  # the parser's own limit, when it is lower than ours
        deep = True
    if deep:
        raise _nested(str(path))
    return document


def _parsed(path: Path, text: str) -> Any:
    """Parsed even when found too deep: if the text is not JSON at all, that is the error
    to report, with its place."""
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


def loads(text: str, where: str) -> Any:
    """JSON held in a text field of a file (AWS Config's `configuration`), bounded as a
    file is; JSONDecodeError as json.loads raises it."""
    deep = _too_deep(text.encode("utf-8", "surrogatepass"))
    try:
        document = json.loads(text)
    except RecursionError:
        deep = True
    if deep:
        raise _nested(where)
    return document


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


_ESCAPE = re.compile(rb"\\.", re.DOTALL)
_NOT_STRUCTURE = bytes(c for c in range(256) if c not in b'"[]{}')
_STRING = re.compile(rb'"[^"]*"')
_SPAN = 128  # brackets counted at a time


def _too_deep(data: bytes | bytearray) -> bool:
    """Whether JSON text nests deeper than MAX_DEPTH, told in time linear in its size and
    without parsing it: escapes out, then all but quotes and brackets, then whatever sits
    between quotes; what is left are the brackets that nest. Exact for valid JSON."""
    if b"\\" in data:
        data = _ESCAPE.sub(b"", data)
    data = data.translate(None, _NOT_STRUCTURE)
    # Quotes now alternate, opening and closing strings; an empty string, or a closing quote
    # beside the next opening one, holds no bracket, and most strings are empty by now.
    data = _STRING.sub(b"", data.replace(b'""', b""))
    depth = 0
    for start in range(0, len(data), _SPAN):
        span = data[start : start + _SPAN]
        opened = span.count(b"[") + span.count(b"{")
        if depth + opened <= MAX_DEPTH:  # cannot go deeper than the limit within the span
            depth += 2 * opened - len(span)
            continue
        for byte in span:
            depth += 1 if byte in b"[{" else -1
            if depth > MAX_DEPTH:
                return True
    return False


def _nested(where: str) -> InputError:
    return InputError(
        f"{where}: JSON nested deeper than {MAX_DEPTH} levels, the most exitplan reads",
        "no tool writes state or inventory files nested this deep; check that this is the "
        "file you meant",
    )
