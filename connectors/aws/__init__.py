"""The AWS scanner: `exitplan scan aws` and `exitplan permissions aws`.

Laid out as every scanner is (see `connectors.toolkit`). The connector and its options
are loaded on first use, and boto3 with them: the importers read this package's table
and records without the SDK."""

from __future__ import annotations

from typing import TYPE_CHECKING

from connectors.toolkit import loaded_on_use

if TYPE_CHECKING:
    from .connector import AwsConnector, AwsOptions

__all__ = ["AwsConnector", "AwsOptions"]

__getattr__ = loaded_on_use(__name__, __all__)
