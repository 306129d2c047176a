"""Reading YAML data files with errors that name the file and the line."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .encoding import SAVE_AS, EncodingProblem, decode
from .errors import ExitplanError, InputError
from .i18n import _
from .reading import MAX_BYTES, read_bytes

# Data files nest a few levels; PyYAML builds nodes and values recursively, and far deeper
# nesting would end in Python's recursion limit rather than in an error naming the line.
MAX_DEPTH = 100


class _Refused(ConstructorError):
    """Well-formed YAML that exitplan refuses to read as data."""


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, stricter where it is silent or crashes: a key twice in one
    mapping is an error (PyYAML keeps the last), and so is a date that does not exist
    (PyYAML raises a bare ValueError for 2026-02-30), a whole number of more digits than
    Python converts, and nesting deeper than MAX_DEPTH."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH and parent is not None:
                problem = _("nested deeper than {depth} levels, the most exitplan reads")
                raise _Refused(None, None, problem.format(depth=MAX_DEPTH), parent.start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _value in node.value:
            # `<<` merges another mapping in; what it brings may be overridden.
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.get(key)
            except TypeError:
                continue  # an unhashable key: PyYAML's own check names it
            if first is not None:
                problem = _("the key {key!r} appears twice (first on line {line})")
                raise _Refused(
                    None, None, problem.format(key=key, line=first + 1), key_node.start_mark
                )
            seen[key] = key_node.start_mark.line
        try:
            return super().construct_mapping(node, deep=deep)
        except _Refused as exc:
            # A value refused where it is read (a date that does not exist) is named by
            # its key too: the line alone leaves a reader to guess which field it is.
            for key_node, value_node in node.value:
                if exc.problem_mark is value_node.start_mark and isinstance(key_node, ScalarNode):
                    problem = f"{key_node.value}: {exc.problem}"
                    raise _Refused(None, None, problem, exc.problem_mark) from None
            raise

    def construct_yaml_timestamp(self, node: ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise _Refused(
                None,
                None,
                _("{value} is not a date: {exc}").format(value=node.value, exc=exc),
                node.start_mark,
            ) from None

    def construct_yaml_int(self, node: ScalarNode) -> Any:
        try:
            return super().construct_yaml_int(node)
        except ValueError:  # Python converts at most 4,300 digits
            raise _Refused(
                None, None, _("a whole number too long to read"), node.start_mark
            ) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)


def load_yaml(path: Path, error: type[ExitplanError], hint: str, max_bytes: int = MAX_BYTES) -> Any:
    """A YAML file's data; no file of more than `max_bytes` is read."""
    try:
        raw = read_bytes(path, max_bytes)
    except InputError as exc:
        raise error(exc.message, exc.hint) from None
    try:
        text = decode(bytes(raw))
    except EncodingProblem as exc:
        raise error(f"{path}: {exc}", _(SAVE_AS)) from None
    del raw
    return parse_yaml(text, path, error, hint)


def parse_yaml(
    text: str, path: Path, error: type[ExitplanError], hint: str, first_line: int = 1
) -> Any:
    """YAML text's data, read as `load_yaml` reads a file; `first_line` is the line of the
    file that the text begins on (YAML embedded in a larger file), so errors name the
    file's line."""
    try:
        return yaml.load(text, Loader=_Loader)
    except RecursionError:  # the limit above stops nesting first, unless the stack is deep
        raise error(_("{path}: nested too deep to read").format(path=path), hint) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + first_line}" if mark is not None else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        if isinstance(exc, _Refused):
            raise error(f"{where}: {problem}", hint) from exc
        raise error(
            _("{where}: not valid YAML: {problem}").format(where=where, problem=problem), hint
        ) from exc


def describe_validation(exc: ValidationError, data: Any) -> str:
    """The first problem, located the way a person finds it in the file: list entries
    by their id where they have one, else by their index."""
    first = exc.errors()[0]
    loc = list(first["loc"])
    where: list[str] = []
    node = data
    for part in loc:
        if isinstance(node, dict):
            node = node.get(part) if isinstance(part, str) else None
            where.append(str(part))
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
            ident = node.get("id") if isinstance(node, dict) else None
            where[-1:] = [f"{where[-1] if where else ''}[{ident or part}]"]
        else:
            where.append(str(part))
    return _("{where}: {message}").format(
        where=".".join(where) or _("top level"), message=first["msg"]
    )


def line_of(text: str, loc: Sequence[str | int]) -> int | None:
    """The line (from 1) of the deepest key or item on the path `loc` that the YAML text
    has, so that an error found in its data names where to look."""
    try:
        node: Node | None = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    line = None
    for step in loc:
        if isinstance(node, MappingNode):
            pair = next((p for p in node.value if getattr(p[0], "value", None) == step), None)
            if pair is None:
                break
            line, node = pair[0].start_mark.line + 1, pair[1]
        elif isinstance(node, SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            break
    return line
