"""A CSV inventory, for hand-made lists and CMDB exports. The header names the columns:

    provider,account,region,type,id[,name][,resource_group][,tags][,ATTRIBUTE...]

`provider` is aws, azure or gcp; `tags` is `key=value;key=value`; every other column is an
attribute of that name (`size_bytes`, `instance_type`, `engine`, ...), a whole number when
it reads as one. An empty cell is no value."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from pydantic import ValidationError

from exitplan.errors import InputError
from exitplan.model import Resource, Scalar

from .files import read_bytes

REQUIRED = ("provider", "account", "region", "type", "id")
_FIXED = (*REQUIRED, "name", "resource_group", "tags")
HEADER_HINT = "the first line names the columns: " + ",".join(REQUIRED) + "[,name,tags,...]"


def looks_like_csv(path: Path) -> bool:
    return path.name.lower().removesuffix(".gz").endswith(".csv")


def resources(path: Path) -> list[Resource]:
    raw = read_bytes(path)
    if not raw.strip():
        raise InputError(f"{path}: the file is empty", HEADER_HINT)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: is not UTF-8 text (byte {exc.start})", HEADER_HINT) from None
    rows = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in rows.fieldnames or []]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(f"{path}: the header lacks {', '.join(missing)}", HEADER_HINT)
    found = []
    for row in rows:
        line = rows.line_num
        cells = {k.strip(): (v or "").strip() for k, v in row.items() if k is not None}
        if None in row:
            raise InputError(f"{path}: line {line} has more cells than the header", HEADER_HINT)
        attributes: dict[str, Scalar] = {}
        for column, value in cells.items():
            if column not in _FIXED and value:
                attributes[column] = int(value) if value.isdigit() else value
        try:
            found.append(
                Resource(
                    provider=cells["provider"],
                    account=cells["account"],
                    region=cells["region"] or "global",
                    type=cells["type"],
                    id=cells["id"],
                    name=cells.get("name") or cells["id"],
                    resource_group=cells.get("resource_group") or None,
                    tags=_tags(cells.get("tags", ""), path, line),
                    attributes=attributes,
                )
            )
        except ValidationError as exc:
            problem = exc.errors()[0]
            field = ".".join(str(p) for p in problem["loc"])
            raise InputError(
                f"{path}: line {line}, column {field}: {problem['msg']}", HEADER_HINT
            ) from None
    return found


def _tags(cell: str, path: Path, line: int) -> dict[str, str]:
    tags = {}
    for pair in filter(None, (p.strip() for p in cell.split(";"))):
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise InputError(
                f"{path}: line {line}, column tags: '{pair}' is not key=value",
                "write tags as key=value;key=value",
            )
        tags[key.strip()] = value.strip()
    return tags
