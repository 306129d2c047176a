"""Reading what teams hand over: JSON, plain or gzipped, whole or as one document per
line, in UTF-8 or in the encoding a byte order mark names. Every failure names the file,
and where in it, and says what to do.

Two limits keep a broken or hostile file from costing unbounded memory or a crash. A file's
content (unpacked, for gzip) is read as a stream up to `max_bytes` (`exitplan.reading`), so
a small gzip that unpacks to gigabytes stops at the limit instead of filling memory. JSON
is nested at most MAX_DEPTH levels, checked before it is parsed: neither the parser nor any
code that walks the document afterwards (removing sensitive values, reading attributes)
recurses deeper."""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path
from typing import Any

from exitplan.encoding import SAVE_AS, marked, utf16_unmarked
from exitplan.errors import InputError
from exitplan.i18n import N_, _
from exitplan.reading import MAX_BYTES, read_bytes

MAX_DEPTH = 256

_HINT = N_(
    "give the file exactly as the tool wrote it (terraform state pull, aws configservice, ...)"
)


def read_text(
    path: Path, hint: str, empty_hint: str | None = None, max_bytes: int = MAX_BYTES
) -> str:
    """A file's text, or a clear error: empty, binary, not UTF-8, or a NUL byte (which no
    text holds) at a line. The bytes are not kept: a large file would be held twice."""
    return _decoded(path, read_bytes(path, max_bytes, unpack=True), hint, empty_hint)[0]


def _decoded(
    path: Path, raw: bytes | bytearray, hint: str, empty_hint: str | None = None
) -> tuple[str, bool]:
    """The text, and whether it was UTF-8 (so that `raw` holds the same brackets and quotes
    in the same order)."""
    if not raw or raw.isspace():
        raise InputError(_("{path}: the file is empty").format(path=path), empty_hint or hint)
    mark = marked(raw)
    encoding, name = mark or ("utf-8", "UTF-8")
    if mark is None:
        unmarked = utf16_unmarked(raw)
        if unmarked:
            raise InputError(
                _(
                    "{path}: is UTF-16 ({unmarked}) without a byte order mark; "
                    "exitplan reads UTF-16 only with one"
                ).format(path=path, unmarked=unmarked),
                _(SAVE_AS),
            )
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        if mark is None and b"\x00" in raw[:8192]:
            raise InputError(
                _("{path}: is a binary file, not text").format(path=path), hint
            ) from None
        raise InputError(
            _("{path}: is not {name} text (byte {start} cannot be read)").format(
                path=path, name=name, start=exc.start
            ),
            hint if mark is None else _(SAVE_AS),
        ) from None
    if not text or text.isspace():  # a mark and nothing else
        raise InputError(_("{path}: the file is empty").format(path=path), empty_hint or hint)
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise InputError(
            _("{path}: line {line} holds a NUL byte: a binary file, not text").format(
                path=path, line=line
            ),
            hint,
        )
    return text, encoding.startswith("utf-8")


def read_json(path: Path, max_bytes: int = MAX_BYTES) -> Any:
    """One JSON document from a file, or a clear error: empty, binary, not UTF-8, not JSON
    at a line and column, or nested too deep."""
    raw = read_bytes(path, max_bytes, unpack=True)
    text, same = _decoded(path, raw, _(_HINT))
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
        try:
            return _json(text)
        except json.JSONDecodeError as exc:
            if exc.msg == "Extra data":
                lines = _json_lines(text)
                if lines is not None:
                    return lines
            # Cut short: the parser ran out of input, at the end or inside an open string.
            ended = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
            if ended:
                message = _(
                    "{path}: not valid JSON at line {line}, column {column}: {problem} "
                    "(the file seems cut short)"
                )
            else:
                message = _("{path}: not valid JSON at line {line}, column {column}: {problem}")
            raise InputError(
                message.format(path=path, line=exc.lineno, column=exc.colno, problem=exc.msg),
                _(_HINT),
            ) from None
    except _Unusable as exc:
        line = exc.line(text)
        if line:
            message = _("{path}: line {line} holds {problem}").format(
                path=path, line=line, problem=exc
            )
        else:
            message = _("{path}: holds {problem}").format(path=path, problem=exc)
        raise InputError(message, _(_UNUSABLE)) from None


def loads(text: str, where: str) -> Any:
    """JSON held in a text field of a file (AWS Config's `configuration`), bounded and
    checked as a file is; JSONDecodeError as json.loads raises it."""
    deep = _too_deep(text.encode("utf-8", "surrogatepass"))
    try:
        document = _json(text)
    except RecursionError:
        deep = True
    except _Unusable as exc:
        raise InputError(
            _("{path}: holds {problem}").format(path=where, problem=exc), _(_UNUSABLE)
        ) from None
    if deep:
        raise _nested(where)
    return document


class _Unusable(ValueError):
    """JSON text that the json module parses into what no reader can use: a number beyond
    a float's range, NaN or Infinity (which are not JSON), a whole number of more digits
    than Python converts, a lone surrogate (which no UTF-8 text holds)."""

    def __init__(self, what: str, token: str | None = None, at: int | None = None) -> None:
        super().__init__(what)
        self.token = token  # a pattern that finds it, outside strings
        self.at = at

    def line(self, text: str) -> int | None:
        at = self.at
        if at is None and self.token is not None:
            found = next(
                (m for m in re.finditer(_IN_STRING + self.token, text) if m.group(1) is None),
                None,
            )
            at = found.start() if found else None
        return None if at is None else text.count("\n", 0, at) + 1


_IN_STRING = r'("(?:[^"\\]|\\.)*")|'
_UNUSABLE = N_("no tool writes such a value in its files; check that this is the file you meant")
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")
# A surrogate escape with its pair, one without (`\ud800` alone), or any other escape.
_ESCAPES = re.compile(
    r"\\(?:u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}"
    r"|(u[dD][89a-fA-F][0-9a-fA-F]{2})|.)",
    re.DOTALL,
)


def _constant(name: str) -> Any:
    problem = _("{name}, which is not a JSON value").format(name=name)
    raise _Unusable(problem, re.escape(name) + r"\b")


def _float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise _Unusable(
            _("a number beyond the range of a float (about 1.8e308)"),
            r"(?<![\w.+-])" + re.escape(text) + r"(?![\w.])",
        )
    return value


def _json(text: str) -> Any:
    """json.loads, refusing what parses but cannot be used (see _Unusable)."""
    try:
        document = json.loads(text, parse_float=_float, parse_constant=_constant)
    except (json.JSONDecodeError, _Unusable):
        raise
    except ValueError:  # Python's limit on the digits of a whole number
        digits = sys.get_int_max_str_digits()
        raise _Unusable(
            _("a whole number of more than {digits} digits").format(digits=digits),
            f"-?[0-9]{{{digits + 1},}}",
        ) from None
    # Files hold surrogates only as escapes: the text was decoded strictly. A search for
    # any surrogate escape first, which is rare: a regular expression finds it several
    # times faster than `in` finds a plain string of three characters.
    if _SURROGATE.search(text):
        lone = next((m for m in _ESCAPES.finditer(text) if m.group(1)), None)
        if lone is not None:
            raise _Unusable(
                _(
                    "an escaped lone surrogate (\\ud800 to \\udfff without its pair), "
                    "which is no text"
                ),
                at=lone.start(),
            )
    return document


def _json_lines(text: str) -> list[Any] | None:
    """One JSON object per line, as `gcloud asset export` writes, read as a list; None if
    the text is not that, so that the first error is the one reported."""
    records = []
    for line in text.splitlines():
        if line.strip():
            try:
                record = _json(line)
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
        _("{where}: JSON nested deeper than {max_depth} levels, the most exitplan reads").format(
            where=where, max_depth=MAX_DEPTH
        ),
        _(
            "no tool writes state or inventory files nested this deep; check "
            "that this is the file you meant"
        ),
    )
