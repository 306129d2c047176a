"""JMESPath, compiled once, with the one function the connectors need beyond the standard."""

from __future__ import annotations

import functools
from typing import Any

import jmespath
import jmespath.functions
from jmespath.parser import ParsedResult


class _Functions(jmespath.functions.Functions):
    @jmespath.functions.signature({"types": ["string"]}, {"types": ["string"]})
    def _func_last_segment(self, value: str, separator: str) -> str:
        """Queue URLs, topic ARNs, hosted zone ids and GCP type URLs carry the name at the end."""
        return value.rsplit(separator, 1)[-1]

    @jmespath.functions.signature({"types": ["string"]}, {"types": ["string"]})
    def _func_split_first(self, value: str, separator: str) -> str:
        """Cloud SQL's POSTGRES_15 -> POSTGRES: the engine before the version."""
        return value.split(separator, 1)[0]

    @jmespath.functions.signature({"types": ["string"]})
    def _func_lower(self, value: str) -> str:
        return value.lower()


_OPTIONS = jmespath.Options(custom_functions=_Functions())


@functools.cache
def compiled(path: str) -> ParsedResult:
    return jmespath.compile(path)


def search(path: str, data: Any) -> Any:
    return compiled(path).search(data, options=_OPTIONS)
