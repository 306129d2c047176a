"""Reading any file a user names (an inventory, a profile, plan metadata, a file to import)
as a bounded stream: never more than a limit of it is held, so that a huge file, a gzip
that unpacks to gigabytes, or a pipe that never ends stops at the limit with a clear error
instead of filling memory. Devices are refused: `/dev/zero` is no file to read."""

from __future__ import annotations

import gzip
import io
import os
import stat
import zlib
from pathlib import Path
from typing import Any

from .errors import InputError
from .i18n import N_, _

GIB = 2**30
DEFAULT_MAX_GIB = 1.0
MAX_BYTES = int(DEFAULT_MAX_GIB * GIB)
MAX_OPTION = "--max-file-gib"
MAX_ENV = "EXITPLAN_MAX_FILE_GIB"
MAX_HELP = N_(
    "The most one input file may hold, in GiB (after unpacking gzip); a larger file is "
    "refused. Reading a file takes several times its size in memory."
)

_GZIP = b"\x1f\x8b"
_CHUNK = 2**20


def max_bytes(gib: float) -> int:
    """The limit an option gives in GiB, in bytes; a value that is no size is refused."""
    if not 0 < gib < 2**20:  # also refuses nan
        raise InputError(
            _("{max_option} {gib:g}: not a size").format(max_option=MAX_OPTION, gib=gib),
            _("give GiB, e.g. 4 or 0.5"),
        )
    return round(gib * GIB)


def read_bytes(path: Path, limit: int = MAX_BYTES, *, unpack: bool = False) -> bytes | bytearray:
    """The file's content, read as a stream: no more than `limit` bytes of it (and a chunk)
    are ever held. With `unpack`, a gzip file is unpacked as it is read, and the limit
    counts what it unpacks to."""
    file = _open(path)
    with file:
        status = os.fstat(file.fileno())
        if stat.S_ISCHR(status.st_mode) or stat.S_ISBLK(status.st_mode):
            raise InputError(
                _("{path}: is a device, not a file").format(path=path), _("name a file")
            )
        packed = unpack and file.peek(len(_GZIP))[: len(_GZIP)] == _GZIP
        regular = stat.S_ISREG(status.st_mode)
        if not packed and regular and status.st_size > limit:
            raise too_large(path, limit, packed)
        try:
            if not packed:
                content = _bounded(file, limit, status.st_size if regular else 0)
            else:
                content = _unpacked(path, file, limit)
        except MemoryError:
            raise InputError(
                _("{path}: not enough memory to read it").format(path=path),
                _(
                    "free memory, or lower the limit with {max_option} N (N in GiB) to "
                    "refuse such a file at once"
                ).format(max_option=MAX_OPTION),
            ) from None
        except OSError as exc:
            raise InputError(
                _("{path}: cannot read: {reason}").format(path=path, reason=exc.strerror or exc),
                _("check the file"),
            ) from None
    if content is None:
        raise too_large(path, limit, packed)
    return content


def _open(path: Path) -> io.BufferedReader:
    """The file, open for the caller to close; each way opening fails has its own hint."""
    try:
        return open(path, "rb")
    except IsADirectoryError:
        raise InputError(
            _("{path}: is a directory").format(path=path), _("name the file itself")
        ) from None
    except FileNotFoundError:
        raise InputError(_("{path}: no such file").format(path=path), _("check the path")) from None
    except OSError as exc:
        raise InputError(
            _("{path}: cannot read: {reason}").format(path=path, reason=exc.strerror or exc),
            _("check the path"),
        ) from None


def _unpacked(path: Path, file: io.BufferedReader, limit: int) -> bytes | bytearray | None:
    try:
        with gzip.GzipFile(fileobj=file) as unpacking:
            return _bounded(unpacking, limit, 0)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(
            _("{path}: looks like gzip but cannot be unpacked ({exc})").format(path=path, exc=exc),
            _("the file is damaged or cut short; fetch it again"),
        ) from None


def _bounded(source: io.BufferedIOBase, limit: int, size: int) -> bytes | bytearray | None:
    """Everything `source` holds, or None as soon as it holds more than `limit`. A file of
    known `size` is read at once, into one buffer of its size; a pipe, what gzip unpacks
    or a file that grows meanwhile, a chunk at a time."""
    content = source.read(size + 1 if size else _CHUNK)
    if size and len(content) <= size:
        return content  # a read of more than the file holds ends at its end
    held = bytearray(content)
    while len(held) <= limit and (chunk := source.read(_CHUNK)):
        held += chunk
    return None if len(held) > limit else held


def too_large(path: Path, limit: int, packed: bool) -> InputError:
    if packed:
        message = _(
            "{path}: unpacks to more than {gib:.4g} GiB, the most exitplan reads from one file"
        )
    else:
        message = _("{path}: is larger than {gib:.4g} GiB, the most exitplan reads from one file")
    return InputError(
        message.format(path=path, gib=limit / GIB),
        _(
            "if the file is what you meant, raise the limit with {max_option} "
            "N or {max_env}=N (N in GiB); reading it takes several times its "
            "size in memory"
        ).format(max_option=MAX_OPTION, max_env=MAX_ENV),
    )


def open_stream(path: Path, limit: int = MAX_BYTES) -> io.BufferedReader:
    """The file as a stream for the caller to close, for files too large to hold: what it
    yields counts against `limit` (after unpacking gzip, which is told from the content),
    and reading past it raises the error `read_bytes` gives. Errors of unpacking raise as
    they do there; memory stays flat whatever the size."""
    file = _open(path)
    try:
        status = os.fstat(file.fileno())
        if stat.S_ISCHR(status.st_mode) or stat.S_ISBLK(status.st_mode):
            raise InputError(
                _("{path}: is a device, not a file").format(path=path), _("name a file")
            )
        packed = file.peek(len(_GZIP))[: len(_GZIP)] == _GZIP
        if not packed and stat.S_ISREG(status.st_mode) and status.st_size > limit:
            raise too_large(path, limit, packed)
    except BaseException:
        file.close()
        raise
    source: io.BufferedIOBase = gzip.GzipFile(fileobj=file) if packed else file
    return io.BufferedReader(_Limited(path, source, file, limit, packed), _CHUNK)


class _Limited(io.RawIOBase):
    """A stream that refuses to yield more than a limit, and says what went wrong in
    unpacking with the file named."""

    def __init__(
        self,
        path: Path,
        source: io.BufferedIOBase,
        file: io.BufferedReader,
        limit: int,
        packed: bool,
    ) -> None:
        self._path, self._source, self._file = path, source, file
        self._left, self._limit, self._packed = limit, limit, packed

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            count = self._source.readinto(buffer)
        except (OSError, EOFError, zlib.error) as exc:
            if not self._packed:
                raise InputError(
                    _("{path}: cannot read: {reason}").format(
                        path=self._path, reason=getattr(exc, "strerror", None) or exc
                    ),
                    _("check the file"),
                ) from None
            raise InputError(
                _("{path}: looks like gzip but cannot be unpacked ({exc})").format(
                    path=self._path, exc=exc
                ),
                _("the file is damaged or cut short; fetch it again"),
            ) from None
        self._left -= count
        if self._left < 0:
            raise too_large(self._path, self._limit, self._packed)
        return count

    def close(self) -> None:
        try:
            self._source.close()
            self._file.close()
        finally:
            super().close()
