"""A CSV inventory, for hand-made lists and CMDB exports. The header names the columns:

    provider,account,region,type,id[,name][,resource_group][,tags][,RELATION...][,ATTRIBUTE...]

`provider` is aws, azure or gcp; `tags` is `key=value;key=value`. Columns are separated by
commas, semicolons (Excel in many European locales) or tabs, told from the header.

The relation columns `attached_to` (a disk's instance), `member_of` (an instance's subnet
and network, a node pool's cluster), `replica_of` (a replica's primary) and `uses` (a load
balancer's targets) each hold the ids of other resources, separated by `;` (quoted where
`;` separates the columns too), written as those resources' own `id` cells; a blank cell
states none.

Of the other columns, only the attributes the connectors produce are kept (`size_bytes`,
`instance_type`, `engine`, `engine_version`, ...): a CMDB export's other columns can hold
credentials. A known numeric attribute is read as a number, a known yes/no one as true or
false; every other value stays text, as a scan gives it ("16" for an engine version).
Tags whose key names a secret (password, token, key, ...) are dropped too. `read` returns
what was left out, by name, never by value. An empty cell is no value.

Quoting is read strictly: a quote left open, which would swallow the rest of the file into
one cell, is refused with the line where it opened. A cell may be as long as the file."""

from __future__ import annotations

import contextlib
import csv
import functools
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple, get_args

from pydantic import ValidationError

from connectors.secretnames import secret_like
from exitplan.errors import InputError
from exitplan.i18n import N_, _
from exitplan.inventory import identity
from exitplan.model import (
    ATTRIBUTES,
    WHOLE_NUMBERS,
    RelationKind,
    Resource,
    Scalar,
    Skipped,
)
from exitplan.reading import MAX_BYTES

from .files import read_text
from .found import File, Found, sourced

REQUIRED = ("provider", "account", "region", "type", "id")
_RELATIONS: tuple[RelationKind, ...] = get_args(RelationKind)
_FIXED = (*REQUIRED, "name", "resource_group", "tags", *_RELATIONS)
HEADER_HINT = N_("the first line names the columns: {required}[,name,tags,...]")
_DELIMITERS = (",", ";", "\t")
# Attributes set by connector code rather than by a table (records, augment, extras).
_CODED = ("sku", "provisioning_state", "created_time", "changed_time", "object_count")
_NUMERIC_NAME = re.compile(r"_(count|bytes|mib|gib|gib_per_node|days|hours|units)$")
_NUMERIC = {"vcpu", "iops", "min_size", "max_size"}


class Read(NamedTuple):
    """A CSV file's resources, and what was left out of them: the header's columns that
    are not an attribute exitplan knows (in header order), and the tag keys dropped as
    secrets (sorted). Names only: the values are never kept."""

    resources: list[Resource]
    skipped_columns: list[str]
    skipped_tags: list[str]


def imported(file: File) -> Found:
    """The resources, and the columns and tags left out of them, each counted."""
    found = read(file.path, file.max_bytes)
    source, rows = file.source, len(found.resources)
    # The inventory records why, in the language of the run that imported it.
    column, unknown = (
        _("column {name}"),
        _(
            "not an attribute exitplan knows; only known attributes are kept, as "
            "other columns may hold credentials"
        ),
    )
    tag, credential = _("tag {key}"), _("its name suggests a credential")
    skipped = [
        Skipped(source=source, type=column.format(name=name), count=rows or 1, reason=unknown)
        for name in found.skipped_columns
    ] + [
        Skipped(source=source, type=tag.format(key=key), count=1, reason=credential)
        for key in found.skipped_tags
    ]
    return Found(sourced(file, found.resources), skipped=skipped)


def resources(path: Path) -> list[Resource]:
    return read(path).resources


def header_hint() -> str:
    """What the header must name, in the language of the run."""
    return _(HEADER_HINT).format(required=",".join(REQUIRED))


def read(path: Path, max_bytes: int = MAX_BYTES) -> Read:
    text = read_text(path, _(_SAVE_AS), empty_hint=header_hint(), max_bytes=max_bytes)
    delimiter, header = _header(path, text)
    rows = csv.reader(_lines(text), delimiter=delimiter, strict=True)
    numeric, yes_no = _kinds()
    known = known_attributes()
    kept = {c: i for i, c in enumerate(header) if c in _FIXED or c in known}
    skipped = [c for c in header if c and c not in kept]
    dropped: set[str] = set()
    found: list[Resource] = []
    lines: dict[tuple[str, str], int] = {}
    done = 0  # the last line of the last record read
    at_line = _("{path}: line {line}")  # looked up once: a file may hold 100k lines
    try:
        with _cells_up_to(len(text)):
            next(rows, None)  # the header, read above
            done = rows.line_num
            for row in rows:
                line = rows.line_num
                if not row:  # a blank line
                    done = line
                    continue
                if len(row) > len(header):
                    raise InputError(
                        _("{path}: line {line} has more cells than the header").format(
                            path=path, line=line
                        ),
                        header_hint(),
                    )
                cells = {c: row[i].strip() if i < len(row) else "" for c, i in kept.items()}
                where = at_line.format(path=path, line=line)
                resource, secret = _row(where, cells, numeric, yes_no)
                dropped.update(secret)
                first = lines.setdefault(identity(resource), line)
                if first != line:
                    raise InputError(
                        _("{path}: line {line} has the id of line {first} ({id})").format(
                            path=path, line=line, first=first, id=resource.id
                        ),
                        _("each resource comes once in a file; remove or merge one of the lines"),
                    )
                found.append(resource)
                done = line
    except csv.Error as exc:
        raise _malformed(path, text, done, rows.line_num, exc) from None
    return Read(found, skipped, sorted(dropped))


def _row(
    where: str, cells: dict[str, str], numeric: frozenset[str], yes_no: frozenset[str]
) -> tuple[Resource, set[str]]:
    """One line's resource (at `where`, the file and line), and the keys of the tags
    dropped from it as secrets."""
    attributes: dict[str, Scalar] = {}
    for column, value in cells.items():
        if column in _FIXED or not value:
            continue
        attributes[column] = _value(value, column, numeric, yes_no, where)
    tags = _tags(cells.get("tags", ""), where)
    dropped = {key for key in tags if secret_like(key)}
    tags = {k: v for k, v in tags.items() if k not in dropped}
    return _resource(cells, attributes, tags, where), dropped


_EOL = re.compile(r"\r\n?|\n")


def _lines(text: str) -> Iterator[str]:
    """The lines of `text` with their ends, split at \\n, \\r\\n and \\r as a file opened
    with newline="" is; io.StringIO would hold the text four times over."""
    start = 0
    for end in _EOL.finditer(text):
        yield text[start : end.end()]
        start = end.end()
    if start < len(text):
        yield text[start:]


@contextlib.contextmanager
def _cells_up_to(length: int) -> Iterator[None]:
    """The csv module refuses cells over 131,072 characters; a cell can be no longer than
    its file, which is bounded already. The limit is the module's, so it is put back."""
    before = csv.field_size_limit()
    csv.field_size_limit(max(before, length + 1))
    try:
        yield
    finally:
        csv.field_size_limit(before)


# A run of an odd number of quotes: one opens or closes a quoted cell; a pair inside a
# quoted cell is a quote character.
_ODD_QUOTES = re.compile(r'(?<!")(?:"")*"(?!")')


def _malformed(path: Path, text: str, done: int, line: int, exc: csv.Error) -> InputError:
    if "end of data" not in str(exc):
        return InputError(
            _("{path}: line {line} is not valid CSV ({reason})").format(
                path=path, line=line, reason=exc
            ),
            _(_QUOTING),
        )
    # The quote that opened the cell still open at the end is the last odd run of quotes
    # after the last record read: inside a quoted cell every quote comes in a pair.
    opened = done + 1
    for number, content in enumerate(_lines(text), 1):
        if number > done and _ODD_QUOTES.search(content):
            opened = number
    return InputError(
        _(
            "{path}: line {line}: a quote opens a cell that is never closed, so the rest of "
            "the file would be one cell"
        ).format(path=path, line=opened),
        _(_QUOTING),
    )


_QUOTING = N_(
    'a cell that holds the delimiter or a line break is quoted ("a;b"), and a quote inside '
    'it is doubled ("say ""hi"""); close or remove the stray quote'
)
_SAVE_AS = N_("save it as CSV UTF-8 (in Excel: Save As, file type 'CSV UTF-8 (Comma delimited)')")


def _header(path: Path, text: str) -> tuple[str, list[str]]:
    """The delimiter that gives a header with every required column (commas first), and
    that header."""
    first = next(_lines(text), "")
    tried = []
    for delimiter in _DELIMITERS:
        header = [h.strip() for h in next(csv.reader([first], delimiter=delimiter), [])]
        missing = [c for c in REQUIRED if c not in header]
        if not missing:
            break
        tried.append((len(missing), missing))
    else:
        missing = min(tried)[1]
        raise InputError(
            _("{path}: the header lacks {columns}").format(path=path, columns=", ".join(missing)),
            header_hint(),
        )
    counts = Counter(header)
    twice = sorted(h for h, n in counts.items() if h and n > 1)
    if twice:
        raise InputError(
            _("{path}: the header names {columns} more than once").format(
                path=path, columns=", ".join(twice)
            ),
            _("give each column once"),
        )
    return delimiter, header


_NUMBERS = N_("write numbers as 1234 or 12.5")


def _value(
    value: str, column: str, numeric: frozenset[str], yes_no: frozenset[str], where: str
) -> Scalar:
    if column in numeric:
        if value.isascii() and value.isdigit():
            try:
                return int(value)
            except ValueError:  # Python converts at most 4,300 digits
                raise InputError(
                    _("{where}, column {column}: a whole number too long to read").format(
                        where=where, column=column
                    ),
                    _(_NUMBERS),
                ) from None
        try:
            number = float(value) if value.isascii() else None
        except ValueError:
            number = None
        if number is None or number != number or number in (float("inf"), float("-inf")):
            raise InputError(
                _("{where}, column {column}: is not a number").format(where=where, column=column),
                _(_NUMBERS),
            )
        return number
    if column in yes_no and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return value


def _resource(
    cells: dict[str, str], attributes: dict[str, Scalar], tags: dict[str, str], where: str
) -> Resource:
    try:
        return Resource(
            provider=cells["provider"],
            account=cells["account"],
            region=cells["region"] or "global",
            type=cells["type"],
            id=cells["id"],
            name=cells.get("name") or cells["id"],
            resource_group=cells.get("resource_group") or None,
            tags=tags,
            attributes=attributes,
            relations=_relations(cells),
        )
    except ValidationError as exc:
        problem = exc.errors()[0]
        loc = [str(p) for p in problem["loc"]]
        # A check of the whole record names its attribute in the message.
        named = re.search(r"attributes\.(\w+)", problem["msg"])
        column = loc[1] if loc[:1] == ["attributes"] and len(loc) > 1 else (loc or [""])[0]
        if not loc and named:
            column = named.group(1)
        raise InputError(
            _("{where}, column {column}: {message}").format(
                where=where, column=column, message=problem["msg"]
            ),
            header_hint(),
        ) from None


def _relations(cells: dict[str, str]) -> dict[RelationKind, list[str]] | None:
    """The relation columns' ids, `;`-separated; None where every one is blank."""
    found = {
        kind: [i.strip() for i in cells[kind].split(";") if i.strip()]
        for kind in _RELATIONS
        if cells.get(kind)
    }
    return {kind: ids for kind, ids in found.items() if ids} or None


def _tags(cell: str, where: str) -> dict[str, str]:
    tags = {}
    for pair in filter(None, (p.strip() for p in cell.split(";"))):
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            # Only the key side: the pair may hold a value that must not be shown.
            raise InputError(
                _("{where}, column tags: a tag is not key=value").format(where=where),
                _("write tags as key=value;key=value"),
            )
        tags[key.strip()] = value.strip()
    return tags


def known_attributes() -> frozenset[str]:
    """Every attribute name a connector or importer writes, from their own tables."""
    return frozenset((set(_units()) | set(ATTRIBUTES) | set(_CODED)) - set(_FIXED))


@functools.cache
def _kinds() -> tuple[frozenset[str], frozenset[str]]:
    """The known attributes that are numbers, and those that are yes/no: by the units the
    tables convert them with, the model's whole-number attributes, and by name."""
    units = _units()
    numeric = {n for n, u in units.items() if u & {"int", "GiB", "MiB"}} | set(WHOLE_NUMBERS)
    numeric |= {n for n in known_attributes() if _NUMERIC_NAME.search(n)} | _NUMERIC
    yes_no = {n for n, u in units.items() if "bool" in u} - numeric
    return frozenset(numeric & known_attributes()), frozenset(yes_no)


@functools.cache
def _units() -> dict[str, frozenset[str | None]]:
    """Each attribute name of the connectors' and importers' tables, and its units."""
    from connectors.aws.types import SPECS
    from connectors.azure.types import TYPES
    from connectors.gcp.types import ASSET_TYPES

    from .awsconfig import ATTRIBUTES as CONFIG
    from .tftypes import TF_TYPES

    specs, tables = list(SPECS), []
    while specs:
        spec = specs.pop()
        specs.extend(spec.children)
        tables.append(spec.attributes)
    tables += [t.attributes for t in TYPES.values()]
    tables += [k.attributes for k in ASSET_TYPES.values()]
    tables += [t.attributes for t in TF_TYPES.values()]
    tables += list(CONFIG.values())
    units: dict[str, set[str | None]] = {}
    for table in tables:
        for name, attr in table.items():
            units.setdefault(name, set()).add(attr.unit)
    return {name: frozenset(found) for name, found in units.items()}
