"""The Google Cloud scanner: `exitplan scan gcp` and `exitplan permissions gcp`.

Laid out as every scanner is (see `connectors.toolkit`). The connector and its options
are loaded on first use, and Google's client libraries with them: the importers read
this package's table and records without the SDK."""

from __future__ import annotations

from typing import TYPE_CHECKING

from connectors.toolkit import loaded_on_use

if TYPE_CHECKING:
    from .connector import GcpConnector, GcpOptions

__all__ = ["GcpConnector", "GcpOptions"]

__getattr__ = loaded_on_use(__name__, __all__)
