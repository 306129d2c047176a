"""The Inventory contract (schema version 1): what connectors and importers produce and
every later stage reads. Published as JSON Schema by `exitplan schema inventory`."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1

Provider = Literal["aws", "azure", "gcp"]
Scalar = str | int | float | bool


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Scope(_Record):
    """Something a scan was asked to read, or did read: an account, subscription, project,
    organisation, folder or region."""

    provider: Provider
    kind: Literal[
        "account", "organization", "subscription", "tenant", "project", "folder", "region"
    ]
    id: str = Field(min_length=1)
    name: str | None = None


class ScanInfo(_Record):
    tool: str = Field(description="the program that wrote the inventory")
    tool_version: str
    source: str = Field(description="how it was made, e.g. 'aws-api', 'terraform-state', 'sample'")
    started_at: dt.datetime
    finished_at: dt.datetime
    scopes_requested: list[Scope] = []
    scopes_covered: list[Scope] = []


class Attributes(BaseModel):
    """Normalised facts that drive estimates. Connectors may add more scalar attributes;
    the named ones have fixed meanings and units."""

    model_config = ConfigDict(extra="allow", frozen=True)
    __pydantic_extra__: dict[str, Scalar]

    size_bytes: int | None = Field(None, ge=0, description="data stored")
    object_count: int | None = Field(None, ge=0)
    item_count: int | None = Field(None, ge=0)
    instance_type: str | None = None
    vcpu: int | None = Field(None, ge=0)
    memory_mib: int | None = Field(None, ge=0)
    engine: str | None = Field(None, description="lower-case: postgres, mysql, redis, ...")
    engine_version: str | None = None
    runtime: str | None = None
    node_count: int | None = Field(None, ge=0)
    kind: str | None = Field(None, description="the provider's own sub-kind, e.g. Azure 'kind'")

    def get(self, name: str) -> Scalar | None:
        value = self.__dict__.get(name)
        if value is None and self.__pydantic_extra__:
            value = self.__pydantic_extra__.get(name)
        return value  # type: ignore[no-any-return]


class Resource(_Record):
    provider: Provider
    account: str = Field(min_length=1, description="AWS account, Azure subscription, GCP project")
    region: str = Field(min_length=1, description="region or location; 'global' if none")
    type: str = Field(min_length=1, description="native type, e.g. AWS::S3::Bucket")
    id: str = Field(min_length=1, description="ARN, ARM id or full resource name")
    name: str
    resource_group: str | None = Field(None, description="Azure resource group")
    tags: dict[str, str] = {}
    attributes: Attributes = Attributes()


class Gap(_Record):
    """Something that could not be read. It travels to the plan; nothing is silently lost."""

    provider: Provider
    scope: str = Field(min_length=1, description="account, subscription or project")
    region: str | None = None
    service: str = Field(min_length=1)
    code: str = Field(min_length=1, description="e.g. AccessDenied, OptInRequired, Throttling")
    message: str


class Inventory(_Record):
    schema_version: Literal[1]
    scan: ScanInfo
    resources: list[Resource]
    gaps: list[Gap] = []
