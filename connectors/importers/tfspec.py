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
  AWS takes the state's `arn` and uses the template, the ARN in the service's own format,
  only where the state holds none (see `tfaws`); Azure takes the ARM `id`.
- `name`, the path to what the live connector calls the resource (RDS's identifier, EC2's
  Name tag).
- `region`, a path that overrides the provider's region (Azure: the instance's location):
  `'global'` for the types the AWS connector reads once per account (IAM, CloudFront,
  Route 53) and for Azure's global resources (DNS zones, Front Door, Traffic Manager).
- `parent` (Azure), a path to the ARM id of the resource whose location this one takes
  when it records none, where its own id does not lie below that resource's (a SQL
  virtual machine's virtual machine).
- `account` (Google), a path to what a resource in no project is filed under (a folder:
  the organisation or folder that holds it).
- `native` may itself be a template, for a Terraform type that stands for any Resource
  Manager type: azapi_resource names it in `type`."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from connectors.attributes import Attr
from connectors.paths import search

_TOKEN = re.compile(r"\{([^{}]+)\}|\$(account|region|partition|number)")


@dataclass(frozen=True)
class TfType:
    provider: Literal["aws", "azure", "gcp"]
    native: str  # e.g. AWS::EC2::Instance, Microsoft.Compute/virtualMachines
    attributes: Mapping[str, Attr] = field(default_factory=dict)
    name: str = "name"
    id: str | None = None
    region: str | None = None
    parent: str | None = None
    account: str | None = None


def const(value: str) -> Attr:
    """A fact the Terraform type itself settles (an azurerm_mssql_server is SQL Server)."""
    return Attr(f"'{value}'")


def tested(path: str, test: str) -> str:
    """A test of a field that gives null, not false, when the field is absent."""
    return f"{path} && {path} {test}"


def either(path: str, yes: str, no: str) -> str:
    """A boolean as the live API spells it ('internal' / 'internet-facing'); null stays null."""
    return f"({path} == `true` && '{yes}') || ({path} == `false` && '{no}') || null"


def filled(
    template: str, attrs: Mapping[str, Any], context: Mapping[str, str] | None = None
) -> str | None:
    """An id template with the instance's values and, for `$account`, `$region`,
    `$partition` and `$number`, the context's; None when one is missing (see `unfilled`):
    never a guess. One pass: a value from the state is never read as a placeholder."""
    values = _values(template, attrs, context)
    if any(value is None for value in values):
        return None
    found = iter(values)
    return _TOKEN.sub(lambda _: str(next(found)), template)


def unfilled(
    template: str, attrs: Mapping[str, Any], context: Mapping[str, str] | None = None
) -> list[str]:
    """The template's paths that give no plain value on these attributes (null, empty, a
    boolean, a list or a map), and its context names that the context lacks."""
    values = _values(template, attrs, context)
    names = [path or name for path, name in _TOKEN.findall(template)]
    return [name for name, value in zip(names, values, strict=True) if value is None]


def _values(
    template: str, attrs: Mapping[str, Any], context: Mapping[str, str] | None
) -> list[str | int | None]:
    values: list[str | int | None] = []
    for path, name in _TOKEN.findall(template):
        value = search(path, attrs) if path else (context or {}).get(name)
        values.append(value if _plain(value) else None)
    return values


def _plain(value: Any) -> bool:
    return not isinstance(value, bool) and isinstance(value, (str, int)) and value != ""
