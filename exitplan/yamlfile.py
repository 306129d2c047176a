"""Reading YAML data files with errors that name the file and the line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .errors import ExitplanError


def load_yaml(path: Path, error: type[ExitplanError], hint: str) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise error(f"{path}: cannot read: {exc.strerror or exc}", hint) from exc
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
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
