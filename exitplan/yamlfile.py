"""Reading YAML data files with errors that name the file and the line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, ScalarNode

from .encoding import SAVE_AS, EncodingProblem, decode
from .errors import ExitplanError


class _Refused(ConstructorError):
    """Well-formed YAML that exitplan refuses to read as data."""


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, stricter where it is silent or crashes: a key twice in one
    mapping is an error (PyYAML keeps the last), and so is a date that does not exist
    (PyYAML raises a bare ValueError for 2026-02-30)."""

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            # `<<` merges another mapping in; what it brings may be overridden.
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.get(key)
            except TypeError:
                continue  # an unhashable key: PyYAML's own check names it
            if first is not None:
                raise _Refused(
                    None, None, f"the key {key!r} appears twice (first on line {first + 1})",
                    key_node.start_mark,
                )  # fmt: skip
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node: ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise _Refused(
                None, None, f"{node.value} is not a date: {exc}", node.start_mark
            ) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def load_yaml(path: Path, error: type[ExitplanError], hint: str) -> Any:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise error(f"{path}: cannot read: {exc.strerror or exc}", hint) from exc
    try:
        text = decode(raw)
    except EncodingProblem as exc:
        raise error(f"{path}: {exc}", SAVE_AS) from None
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        if isinstance(exc, _Refused):
            raise error(f"{where}: {problem}", hint) from exc
        raise error(f"{where}: not valid YAML: {problem}", hint) from exc


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
    return f"{'.'.join(where) or 'top level'}: {first['msg']}"
