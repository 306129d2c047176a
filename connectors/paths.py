"""JMESPath, compiled once, with the one function the connectors need beyond the standard."""

from __future__ import annotations

import functools
import re
from typing import Any

import jmespath
import jmespath.functions
import jmespath.visitor
from jmespath.exceptions import JMESPathTypeError
from jmespath.parser import ParsedResult


class Unfit(ValueError):
    """A path met a value of a type it cannot take (`join()` given text where it takes a
    list). The message names the path, the function and the types, never the value: data
    from a file or a cloud may hold anything, secrets included."""


class _Functions(jmespath.functions.Functions):
    # Each passes null through: a field a resource lacks is no value, not an error.

    @jmespath.functions.signature({"types": ["string", "null"]}, {"types": ["string"]})
    def _func_last_segment(self, value: str | None, separator: str) -> str | None:
        """Queue URLs, topic ARNs, hosted zone ids and GCP type URLs carry the name at the end."""
        return None if value is None else value.rsplit(separator, 1)[-1]

    @jmespath.functions.signature({"types": ["string", "null"]}, {"types": ["string"]})
    def _func_split_first(self, value: str | None, separator: str) -> str | None:
        """Cloud SQL's POSTGRES_15 -> POSTGRES: the engine before the version."""
        return None if value is None else value.split(separator, 1)[0]

    @jmespath.functions.signature({"types": ["string", "null"]})
    def _func_lower(self, value: str | None) -> str | None:
        return None if value is None else value.lower()

    @jmespath.functions.signature({"types": ["array", "null"]})
    def _func_count(self, value: list[object] | None) -> int | None:
        """An array's length; a list the resource does not carry is no value, not 0."""
        return None if value is None else len(value)

    @jmespath.functions.signature({"types": ["array-number", "null"]})
    def _func_total(self, value: list[float] | None) -> float | None:
        return None if value is None else sum(value)


_OPTIONS = jmespath.Options(custom_functions=_Functions())
# One interpreter for every search: ParsedResult.search makes one per call, and its cache of
# bound methods is a reference cycle that only the cycle collector frees.
_INTERPRETER = jmespath.visitor.TreeInterpreter(_OPTIONS)


@functools.cache
def compiled(path: str) -> ParsedResult:
    return jmespath.compile(path)


_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*")


@functools.cache
def _plain(path: str) -> tuple[tuple[str, ...], ...] | None:
    """The keys of a path that only names fields (`engine`, `properties.sku`), or of
    several such joined by `||`, which most are: walked directly, as JMESPath would, at a
    fraction of its cost per resource."""
    choices = [part.strip(" \t\n\r") for part in path.split("||")]
    if all(_PLAIN.fullmatch(part) for part in choices):
        return tuple(tuple(part.split(".")) for part in choices)
    return None


_LAST_SEGMENT = re.compile(r"last_segment\(\s*([A-Za-z0-9_.]+)\s*,\s*'([^'\\]+)'\s*\)")


@functools.cache
def _last_segment(path: str) -> tuple[tuple[str, ...], str] | None:
    """The keys and separator of `last_segment(field, 'sep')`, which the type tables use
    for names inside URLs and ARNs: walked directly too."""
    found = _LAST_SEGMENT.fullmatch(path.strip())
    if found is None or not _PLAIN.fullmatch(found.group(1)):
        return None
    return tuple(found.group(1).split(".")), found.group(2)


_NOT_A_DICT = object()  # a value on the way that is a Mapping but no dict: ask JMESPath


def _walk(keys: tuple[str, ...], data: Any) -> Any:
    value = data
    for key in keys:
        if isinstance(value, dict):
            value = value.get(key)
        elif hasattr(value, "get"):  # a Mapping that is no dict (an Azure SDK model)
            return _NOT_A_DICT
        else:
            value = None
    return value


def search(path: str, data: Any) -> Any:
    """What `path` gives on `data`; Unfit when a function on the way is given a value of a
    type it does not take."""
    choices = _plain(path)
    if choices is None:
        segment = _last_segment(path)
        if segment is not None:
            value = _walk(segment[0], data)
            if value is None:
                return None
            if isinstance(value, str):
                return value.rsplit(segment[1], 1)[-1]
        # Anything else, and a wrong type (which JMESPath names in its error).
        try:
            return _INTERPRETER.visit(compiled(path).parsed, data)
        except JMESPathTypeError as exc:
            raise _unfit(path, exc) from None
    value = None
    for keys in choices:
        value = _walk(keys, data)
        if value is _NOT_A_DICT:
            try:
                return _INTERPRETER.visit(compiled(path).parsed, data)
            except JMESPathTypeError as exc:
                raise _unfit(path, exc) from None
        if not _false(value):
            return value
    return value  # `a || b` gives b when a is false, whatever b is


def _unfit(path: str, exc: JMESPathTypeError) -> Unfit:
    # JMESPath names a list of texts `array-string`; said as a reader of JSON says it.
    expected = " or ".join(
        f"array of {t.removeprefix('array-')}s" if t.startswith("array-") else t
        for t in exc.expected_types
    )
    # An element of a list JMESPath names by Python's name.
    found = _JSON_NAMES.get(exc.actual_type, exc.actual_type)
    return Unfit(f"{path}: {exc.function_name}() takes {expected}, not {found}")


_JSON_NAMES = {
    "int": "number",
    "float": "number",
    "str": "string",
    "bool": "boolean",
    "dict": "object",
    "list": "array",
    "NoneType": "null",
}


def _false(value: Any) -> bool:
    """JMESPath's falsehood: null, false, and empty strings, lists and objects; 0 is true."""
    return value is None or value is False or (isinstance(value, str | list | dict) and not value)
