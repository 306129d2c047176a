"""Reading cost exports into spend: each file opened as a bounded stream (gzip told from
its content), its kind told from its first bytes and header, its rows summed as they are
read. Any file that cannot be read fails the whole read, with the file, line and column
named: a spend figure missing one file would look complete and be wrong."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from exitplan.encoding import SAVE_AS
from exitplan.errors import InputError
from exitplan.i18n import _
from exitplan.reading import MAX_BYTES, open_stream
from exitplan.untrusted import visible

from . import costexplorer, gcpjson, parquet
from .cells import CellError
from .layouts import DETECT, FORMATS, Layout
from .model import Spend
from .problems import cell_error
from .tally import FileTally, Tally

ALL_FORMATS = (*FORMATS, costexplorer.FORMAT)


def read_spend(
    paths: Iterable[Path], format: str | None = None, max_bytes: int = MAX_BYTES
) -> Spend:
    """The spend the files give together. `format` names the export instead of telling
    it from the header: one of ALL_FORMATS."""
    if format is not None and format not in ALL_FORMATS:
        raise InputError(
            _("spend format {format}: not a format exitplan reads").format(format=format),
            _("name one of: {formats}").format(formats=", ".join(ALL_FORMATS)),
        )
    # A file named twice (two globs that overlap, ./a and a) would count its spend twice.
    unique = {path.resolve(): path for path in sorted(paths, key=str, reverse=True)}
    tally = Tally()
    for path in sorted(unique.values(), key=str):
        read_file(path, tally.begin(str(path)), format, max_bytes)
    return tally.spend()


def read_file(path: Path, into: FileTally, format: str | None, max_bytes: int) -> None:
    if parquet.is_parquet(path):
        header, records, line = parquet.table(path, max_bytes)
        _rows(path, _layout(path, header, format, "Parquet"), records, into, line)
        return
    with open_stream(path, max_bytes) as binary:
        head = binary.peek(64)[:64].lstrip(codecs.BOM_UTF8).lstrip()
        if head[:1] in (b"[", b"{"):
            if format not in (None, "gcp"):
                raise _not_format(path, format, 1, "JSON")
            gcpjson.read(path, binary, into)
            return
        _csv(path, _text(path, binary), into, format)


def _text(path: Path, binary: io.BufferedReader) -> Iterator[str]:
    """The lines of the file as text, each decoded on its own so that a byte that is not
    UTF-8 is named by its line."""
    for number, raw in enumerate(binary, 1):
        try:
            yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                _("{path}: line {line}: not UTF-8 text ({reason})").format(
                    path=path, line=number, reason=exc.reason
                ),
                _(SAVE_AS),
            ) from None


def _csv(path: Path, text: Iterator[str], into: FileTally, format: str | None) -> None:
    reader = csv.reader(text, strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise InputError(
                _("{path}: is empty").format(path=path),
                _("give the cost export itself, with its header line"),
            )
        if format in (None, costexplorer.FORMAT) and costexplorer.matches(header):
            costexplorer.read(path, header, reader, lambda: reader.line_num, into)
            return
        layout = _layout(path, header, format)
        _rows(path, layout, reader, into, lambda: reader.line_num)
    except csv.Error as exc:
        raise InputError(
            _("{path}: line {line} is not valid CSV ({reason})").format(
                path=path, line=reader.line_num, reason=exc
            ),
            _("export the file again; a quote left open swallows the lines after it"),
        ) from None


def _layout(path: Path, header: Sequence[str], format: str | None, kind: str = "CSV") -> Layout:
    for name, detect in DETECT:
        if format in (None, name):
            layout = detect(header)
            if layout is not None:
                return layout
    if format is not None:
        raise _not_format(path, format, 1, kind)
    shown = ", ".join(visible(name) for name in header[:6])
    raise InputError(
        _("{path}: line 1: the header ({shown}, ...) is not that of a cost export").format(
            path=path, shown=shown
        ),
        _(
            "give a FOCUS export, an AWS Cost and Usage Report (legacy or 2.0), a Cost "
            "Explorer CSV download, an Azure cost export or a Google Cloud billing export, "
            "with its header line as the provider wrote it"
        ),
    )


def _not_format(path: Path, format: str, line: int, kind: str) -> InputError:
    return InputError(
        _("{path}: line {line}: this {kind} is not a {format} export").format(
            path=path, line=line, kind=kind, format=format
        ),
        _("name the format the file has, or leave the format out to tell it from the header"),
    )


def _rows(
    path: Path,
    layout: Layout,
    rows: Iterator[list[str]],
    into: FileTally,
    line: Callable[[], int],
) -> None:
    """Every row of a table into the tally; `line` gives the number of the row just read
    (the CSV line, or the Parquet record)."""
    width, charge, add = layout.width, layout.charge, into.add
    for row in rows:
        if len(row) != width:
            if not row or row == [""]:
                continue  # a blank line
            raise InputError(
                _("{path}: line {line} has {count} cells, the header {width}").format(
                    path=path, line=line(), count=len(row), width=width
                ),
                _("export the file again: every line of an export has the header's columns"),
            )
        try:
            found = charge(row)
        except CellError as exc:
            raise cell_error(path, line(), exc) from None
        if found is None:
            into.without_cost()
        else:
            add(found)
    into.end(layout.format, layout.basis(), layout.cost_column)
