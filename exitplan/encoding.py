"""The encodings of text files that users hand over. UTF-8 is the rule; a byte order
mark is honoured, so that a file saved by Windows tools reads too: UTF-8 with a BOM
(Notepad), UTF-16 with a BOM (PowerShell 5's `>` and `Out-File`), UTF-32 with a BOM."""

from __future__ import annotations

import codecs

from .i18n import N_, _

# UTF-32 first: its little-endian mark begins with UTF-16's.
_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
SAVE_AS = N_(
    "save it as UTF-8, or as UTF-16 with its byte order mark (in PowerShell: "
    "`... | Out-File -Encoding utf8 FILE`)"
)


class EncodingProblem(ValueError):
    """The bytes are not text in an encoding exitplan reads; the message says which."""


def marked(raw: bytes | bytearray) -> tuple[str, str] | None:
    """The codec and the name of the encoding a byte order mark names, if there is one."""
    return next(((codec, name) for mark, codec, name in _MARKS if raw.startswith(mark)), None)


def utf16_unmarked(raw: bytes | bytearray) -> str | None:
    """The byte order of UTF-16 without a mark: text in the Latin range has a zero byte in
    every other place, which no UTF-8 text has."""
    head = raw[:512]
    if len(head) < 4:
        return None
    orders = (("little-endian", head[1::2], head[::2]), ("big-endian", head[::2], head[1::2]))
    for order, zeros, others in orders:
        if 0 not in others and zeros.count(0) * 4 >= len(zeros) * 3:
            return order
    return None


def utf8(raw: bytes) -> bytes:
    """The file's bytes as UTF-8 without a byte order mark. Bytes without a mark are
    returned as they are, unchecked: a parser that reads UTF-8 checks them anyway, and
    `decode` names the first bad byte when it does not."""
    for mark, codec, name in _MARKS:
        if raw.startswith(mark):
            if codec == "utf-8-sig":
                return raw[len(mark) :]
            try:
                return raw.decode(codec).encode("utf-8")
            except UnicodeError as exc:
                # Lone surrogates fail on encoding, odd lengths on decoding.
                where = getattr(exc, "start", 0)
                raise EncodingProblem(
                    _(
                        "not valid {name} (it starts with a {name} byte order mark), near "
                        "byte {where}"
                    ).format(name=name, where=where)
                ) from None
    unmarked = utf16_unmarked(raw)
    if unmarked:
        raise EncodingProblem(
            _("UTF-16 ({unmarked}) without a byte order mark, which exitplan cannot read").format(
                unmarked=unmarked
            )
        )
    return raw


def decode(raw: bytes) -> str:
    """The file's text, from UTF-8 or from a byte order mark's encoding; the first byte
    that is not UTF-8 is named by line."""
    data = utf8(raw)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise EncodingProblem(
            _(
                "not UTF-8: byte 0x{byte:02x} at line {line} cannot be read (an "
                "encoding such as Latin-1 or Windows-1252?)"
            ).format(byte=data[exc.start], line=line)
        ) from None
