"""What the connectors keep of a resource: named attributes, read by a path, in our units."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import ValidationError

from connectors.paths import Unfit, search
from exitplan.model import Scalar

GIB = 2**30
MIB = 2**20

Unit = Literal["GiB", "MiB", "bool", "int", "str"]


@dataclass(frozen=True)
class Attr:
    """An attribute to keep. `unit` converts: GiB and MiB to bytes; bool, int and str cast."""

    path: str
    unit: Unit | None = None


def licence_model(field: str) -> Attr:
    """RDS's LicenseModel where it names who holds the licence (what E-LICENCE reads);
    an open-source engine's licence name says nothing the plan uses, and is left out."""
    kept = f"({field} == 'license-included' || {field} == 'bring-your-own-license')"
    return Attr(f"({kept} && {field}) || `null`")


def _number(value: Any) -> Any:
    """JSON APIs send 64-bit integers as strings ("sizeGb": "100"). A boolean is no number,
    though Python would take `true` for 1."""
    if isinstance(value, bool):
        raise TypeError("a boolean where a number belongs")
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            return float(value)
    if not isinstance(value, int | float):
        # Checked before any arithmetic: a list times 2**30 is a list of a billion items.
        raise TypeError(f"a {type(value).__name__} where a number belongs")
    return value


def convert(value: Any, attr: Attr, owner: str, name: str) -> Scalar | None:
    if value is None or value == "":
        return None
    if attr.unit == "GiB":
        return int(_number(value) * GIB)
    if attr.unit == "MiB":
        return int(_number(value) * MIB)
    if attr.unit == "bool":
        return bool(value)
    if attr.unit == "int":
        return int(_number(value))
    if attr.unit == "str":
        return str(value)
    if isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"{owner}: attribute {name} ({attr.path}) is not a scalar: {type(value)}")


class Unreadable(ValueError):
    """An attribute that cannot be read from the value a record holds for it: a list where
    a size belongs, a number too large to convert. The message names the attribute, its
    path and the type found, never the value."""


def read(attributes: Mapping[str, Attr], data: Any, owner: str) -> dict[str, Scalar]:
    """The attributes a table names, of one record (`data`): each found by its path,
    parsed where the table says so (`connectors.gcp.types.Parsed`), in our units; those
    the record has no value for are left out."""
    kept: dict[str, Scalar] = {}
    for name, attr in attributes.items():
        found: Any = None
        try:
            found = search(attr.path, data)
            parse = getattr(attr, "parse", None)
            value = convert(
                found if found is None or parse is None else parse(found), attr, owner, name
            )
        except Unfit as exc:
            raise Unreadable(f"attribute {name} ({exc})") from None
        except (TypeError, ValueError, ArithmeticError):
            raise Unreadable(
                f"attribute {name} ({attr.path}) cannot be read from a value of type "
                f"{type(found).__name__}"
            ) from None
        if value is not None:
            kept[name] = value
    return kept


def fault(exc: ValidationError) -> str:
    """A model's objection to a record, as `field: problem`: never the value, which may be
    one the record should not have shown."""
    problem = exc.errors()[0]
    field = ".".join(str(p) for p in problem["loc"])
    return f"{field}: {problem['msg']}" if field else str(problem["msg"])
