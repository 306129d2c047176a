"""The AWS connector: `exitplan scan aws` and `exitplan permissions aws`."""

from .connector import AwsConnector, AwsOptions

__all__ = ["AwsConnector", "AwsOptions"]
