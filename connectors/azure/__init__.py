"""The Azure scanner: `exitplan scan azure` and `exitplan permissions azure`.

Laid out as every scanner is (see `connectors.toolkit`). The connector and its options
are loaded on first use, and the Azure SDK with them: the importers read this package's table
and records without the SDK."""

from __future__ import annotations

from typing import TYPE_CHECKING

from connectors.toolkit import loaded_on_use

if TYPE_CHECKING:
    from .connector import AzureConnector, AzureOptions

__all__ = ["AzureConnector", "AzureOptions"]

__getattr__ = loaded_on_use(__name__, __all__)
