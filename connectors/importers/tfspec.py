"""What the Terraform type table says of each type: the native type the live connectors
produce, and what is kept of it. The table itself is one module per provider
(`tftypes_aws`, `tftypes_azure`, `tftypes_google`), joined in `tftypes`.

Paths are JMESPath over the instance's attributes (sensitive values already removed);
units as in `connectors.attributes` (GiB and MiB to bytes). Only what is named here is
kept: passwords, keys and connection strings never reach an inventory.

Each entry also says how the live connector would name and place the resource, so that an
imported resource and a scanned one are the same record:
- `id`, a template whose `{path}` placeholders are paths on the attributes, and `$account`,
  `$region` and `$partition` the provider configuration's (AWS). For Google types it is
  the Cloud Asset name the GCP connector gives, built from the fields Terraform records
  (never from a self link's host: Compute's is www.googleapis.com, Cloud SQL's sqladmin),
  and `$number` the project's number for the services that name resources by it. A
  resource records its project's id, not its number: the number is the one the state
  shows for that id (a google_project, a secret's name); where it shows none, the id
  stands in, and such a resource will not match its scanned twin.
  Without it, AWS takes the `arn` and Azure the ARM `id`.
- `name`, the path to what the live connector calls the resource (RDS's identifier, EC2's
  Name tag).
- `region`, a path that overrides the provider's region (Azure: the instance's location):
  `'global'` for the types the AWS connector reads once per account (IAM, CloudFront,
  Route 53) and for Azure's global resources (DNS zones, Front Door, Traffic Manager).
- `parent` (Azure), a path to the ARM id of the resource whose location this one takes
  when it records none, where its own id does not lie below that resource's (a SQL
  virtual machine's virtual machine).
- `native` may itself be a template, for a Terraform type that stands for any Resource
  Manager type: azapi_resource names it in `type`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from connectors.attributes import Attr


@dataclass(frozen=True)
class TfType:
    provider: Literal["aws", "azure", "gcp"]
    native: str  # e.g. AWS::EC2::Instance, Microsoft.Compute/virtualMachines
    attributes: Mapping[str, Attr] = field(default_factory=dict)
    name: str = "name"
    id: str | None = None
    region: str | None = None
    parent: str | None = None


def const(value: str) -> Attr:
    """A fact the Terraform type itself settles (an azurerm_mssql_server is SQL Server)."""
    return Attr(f"'{value}'")


def tested(path: str, test: str) -> str:
    """A test of a field that gives null, not false, when the field is absent."""
    return f"{path} && {path} {test}"


def either(path: str, yes: str, no: str) -> str:
    """A boolean as the live API spells it ('internal' / 'internet-facing'); null stays null."""
    return f"({path} == `true` && '{yes}') || ({path} == `false` && '{no}') || null"
