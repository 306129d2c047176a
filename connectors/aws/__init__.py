"""The AWS scanner: `exitplan scan aws` and `exitplan permissions aws`.

Laid out as every scanner is (see `connectors.toolkit`). The connector and its options
are loaded on first use, and boto3 with them: the importers read this package's table
and records without the SDK."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .connector import AwsConnector, AwsOptions

__all__ = ["AwsConnector", "AwsOptions"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import connector

        return getattr(connector, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
