"""The Terraform type table: every `aws_*`, `azurerm_*`, `azapi_*` and `google_*` type
exitplan imports, joined from one module per provider. What an entry says is described in
`tfspec`."""

from __future__ import annotations

from .tfspec import TfType
from .tftypes_aws import AWS_TYPES
from .tftypes_azure import AZURE_TYPES
from .tftypes_google import GOOGLE_TYPES

__all__ = ["TF_TYPES", "TfType"]

TF_TYPES: dict[str, TfType] = {**AWS_TYPES, **AZURE_TYPES, **GOOGLE_TYPES}
