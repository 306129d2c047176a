"""Mutations of the files exitplan reads, for the tests that no bad input is a crash: each
is one change to a valid document (a value of another type, a key or an element removed,
a container nested deep), drawn from a seeded `random.Random`, so that a failure names a
case that reruns the same way."""

from __future__ import annotations

import copy
import csv
import io
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

Path = tuple[int | str, ...]


@dataclass(frozen=True)
class Raw:
    """JSON text written as it is: what Python cannot hold as a value (an integer of more
    digits than it converts), or the parser would not write (a number with no end)."""

    text: str


# Values of every JSON type and some that readers get wrong: a huge or non-finite number,
# text that shows nothing, a lone surrogate (valid JSON, not encodable as UTF-8).
REPLACEMENTS: tuple[Any, ...] = (
    0,
    -1,
    1.5,
    2**70,
    -(2**64),
    1e308,
    float("nan"),
    float("inf"),
    Raw("1" * 5000),
    Raw("1e999999"),
    "",
    " ",
    "x",
    "\u200b",
    "\u202e\u2066",
    "\ud800",
    "x" * 100_000,
    "1e400",
    "-5",
    "arn:aws::::",  # ids and paths that parsers of ids split
    "/subscriptions//resourceGroups/",
    "projects//locations/",
    "//",
    [],
    ["x"],
    [1, None],
    [[]],
    {},
    {"x": "y"},
    {"x": {"y": []}},
    None,
    True,
    False,
)
DEEP = (60, 255, 300)  # below the nesting limit, at it, beyond it


@dataclass(frozen=True)
class Mutation:
    """One change to a document, described so that the case can be found again."""

    path: Path
    change: str  # "replace", "remove", "nest" or "inner" (inside JSON held as text)
    value: Any = None
    inner: Mutation | None = None

    def __str__(self) -> str:
        where = "".join(f"[{p!r}]" for p in self.path) or "top level"
        if self.change == "inner" and self.inner is not None:
            return f"{where} (JSON text) {self.inner}"
        if self.change == "replace":
            shown = repr(self.value)
            return f"{where} -> {shown if len(shown) <= 40 else shown[:37] + '...'}"
        if self.change == "nest":
            return f"{where} nested {self.value} deep"
        return f"{where} removed"


def walk(node: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Every value of a document with its path, the document itself first."""
    stack = [(path, node)]
    while stack:
        here, value = stack.pop()
        yield here, value
        if isinstance(value, dict):
            stack.extend(((*here, k), v) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend(((*here, i), v) for i, v in reversed(list(enumerate(value))))


def _shape(path: Path) -> Path:
    """A path with list positions left out: the field it names, in any record."""
    return tuple("*" if isinstance(p, int) else p for p in path)


def _json_text(value: Any) -> Any:
    """The document a text value holds as JSON (AWS Config's `configuration`, azapi's
    `body`), or None."""
    if isinstance(value, str) and value[:1] in ("{", "["):
        try:
            return json.loads(value)
        except ValueError:
            return None
    return None


def draw(document: Any, rng: random.Random, count: int) -> list[Mutation]:
    """`count` mutations, each at a field drawn from the distinct fields of the document
    (so that a rarely seen field, `instances`, is as likely as a tag), then at one of its
    places, then one of the changes."""
    fields: dict[Path, list[tuple[Path, Any]]] = {}
    for path, value in walk(document):
        fields.setdefault(_shape(path), []).append((path, value))
    shapes = sorted(fields, key=repr)
    found = []
    for _ in range(count):
        path, value = rng.choice(fields[rng.choice(shapes)])
        found.append(_one(path, value, rng))
    return found


def _one(path: Path, value: Any, rng: random.Random) -> Mutation:
    inner = _json_text(value)
    if inner is not None and rng.random() < 0.5:
        return Mutation(path, "inner", inner=draw(inner, rng, 1)[0])
    roll = rng.random()
    if path and roll < 0.2:
        return Mutation(path, "remove")
    if roll < 0.3:
        return Mutation(path, "nest", rng.choice(DEEP))
    others = [v for v in REPLACEMENTS if type(v) is not type(value) or v != value]
    return Mutation(path, "replace", rng.choice(others))


def applied(document: Any, mutation: Mutation) -> Any:
    """A changed copy of the document."""
    if not mutation.path:
        return _changed(document, mutation)
    copied = copy.deepcopy(document)
    parent = copied
    for key in mutation.path[:-1]:
        parent = parent[key]
    last = mutation.path[-1]
    if mutation.change == "remove":
        del parent[last]
    else:
        parent[last] = _changed(parent[last], mutation)
    return copied


def _changed(value: Any, mutation: Mutation) -> Any:
    if mutation.change == "replace":
        return mutation.value
    if mutation.change == "nest":
        for _ in range(mutation.value):
            value = [value]
        return value
    assert mutation.inner is not None
    return dumps(applied(_json_text(value), mutation.inner))


def dumps(document: Any) -> str:
    """JSON text of a document that may hold Raw values."""
    raws: list[str] = []

    def placed(value: Any) -> Any:
        if isinstance(value, Raw):
            raws.append(value.text)
            return f"\x00raw{len(raws) - 1}\x00"
        if isinstance(value, dict):
            return {k: placed(v) for k, v in value.items()}
        if isinstance(value, list):
            return [placed(v) for v in value]
        return value

    text = json.dumps(placed(document))
    for number, raw in enumerate(raws):
        text = text.replace(json.dumps(f"\x00raw{number}\x00"), raw)
    return text


# CSV cells as a spreadsheet may hold them.
CELLS = (
    "",
    " ",
    "\u200b",
    "\u2060\u200d",
    "x",
    "-1",
    "1.5",
    "1e999",
    "nan",
    "1" * 5000,
    "99999999999999999999999",
    "a=b;c",
    "=;==",
    '"',
    "a\nb",
    "\x00",
    "\ud800",
    "x" * 100_000,
)


def draw_csv(rows: list[list[str]], rng: random.Random, count: int) -> list[list[list[str]]]:
    """`count` changed copies of a table: a cell (the header too) replaced, a column
    removed, a row cut short or made longer."""
    found = []
    for _ in range(count):
        table = [list(row) for row in rows]
        row = rng.randrange(len(table))
        column = rng.randrange(len(table[row]))
        roll = rng.random()
        if roll < 0.15:
            for cells in table:
                del cells[column : column + 1]
        elif roll < 0.25:
            del table[row][column:]
        elif roll < 0.3:
            table[row] += ["extra", ""]
        else:
            table[row][column] = rng.choice(CELLS)
        found.append(table)
    return found


def csv_text(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()
