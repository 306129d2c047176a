"""The Inventory contract (schema version 1): what connectors and importers produce and
every later stage reads. Published as JSON Schema by `exitplan schema inventory`."""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

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
    started_at: AwareDatetime = Field(description="with a time zone, e.g. 2026-11-02T07:30:00Z")
    finished_at: AwareDatetime
    scopes_requested: list[Scope] = []
    scopes_covered: list[Scope] = []


# Attributes that drive estimates have fixed names and units; connectors may add other
# scalar attributes. Kept as a plain mapping: a nested model per resource would triple the
# time it takes to load a large inventory.
ATTRIBUTES = {
    "size_bytes": "data stored, in bytes",
    "object_count": "objects in a bucket or container",
    "item_count": "items or rows in a table",
    "instance_type": "the provider's instance, node or SKU name",
    "vcpu": "virtual CPUs",
    "memory_mib": "memory in MiB",
    "engine": "database or cache engine, lower case: postgres, mysql, sqlserver, redis, ...",
    "engine_version": "engine or platform version",
    "runtime": "language runtime of a function or app",
    "node_count": "nodes of a cluster or instances of a plan",
    "kind": "the provider's own sub-kind, such as Azure's 'kind'",
}
_COUNTS = ("size_bytes", "object_count", "item_count", "vcpu", "memory_mib", "node_count")
_ATTRIBUTES_DOC = "Scalar facts about the resource. Known names: " + "; ".join(
    f"{name}: {meaning}" for name, meaning in ATTRIBUTES.items()
)


class Resource(_Record):
    provider: Provider
    account: str = Field(min_length=1, description="AWS account, Azure subscription, GCP project")
    region: str = Field(min_length=1, description="region or location; 'global' if none")
    type: str = Field(min_length=1, description="native type, e.g. AWS::S3::Bucket")
    id: str = Field(min_length=1, description="ARN, ARM id or full resource name")
    name: str
    resource_group: str | None = Field(None, description="Azure resource group")
    tags: dict[str, str] = {}
    attributes: dict[str, Scalar] = Field({}, description=_ATTRIBUTES_DOC)
    source: str | None = Field(
        None, description="the file an imported resource came from; absent when scanned"
    )

    @model_validator(mode="after")
    def _counts_are_whole_numbers(self) -> Resource:
        attributes = self.attributes
        if attributes:
            for name in _COUNTS:
                value = attributes.get(name)
                if value is not None and (type(value) is not int or value < 0):
                    raise ValueError(f"attributes.{name} must be a whole number >= 0")
        return self

    @property
    def size_bytes(self) -> int:
        return int(self.attributes.get("size_bytes", 0))


class Gap(_Record):
    """Something that could not be read. It travels to the plan; nothing is silently lost."""

    provider: Provider
    scope: str = Field(min_length=1, description="account, subscription or project")
    region: str | None = None
    service: str = Field(min_length=1)
    code: str = Field(min_length=1, description="e.g. AccessDenied, OptInRequired, Throttling")
    message: str


class Skipped(_Record):
    """Records a scan or an import read and left out on purpose, counted per place and
    type so that nothing disappears silently: resources of other Terraform providers
    (random, helm), Terraform resources that are parts of another resource (a bucket
    policy), CSV columns exitplan does not know, tags named like credentials."""

    source: str = Field(
        min_length=1, description="where they were: the file imported, or the account scanned"
    )
    type: str = Field(min_length=1, description="their type, e.g. random_password")
    count: int = Field(ge=1)
    reason: str


class Inventory(_Record):
    schema_version: Literal[1]
    scan: ScanInfo
    resources: list[Resource]
    gaps: list[Gap] = []
    skipped: list[Skipped] = []
