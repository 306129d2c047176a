"""The Inventory contract (schema version 1): what connectors and importers produce and
every later stage reads. Published as JSON Schema by `exitplan schema inventory`."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .i18n import _
from .moments import moment_in_bounds, no_number
from .untrusted import shows_nothing

SCHEMA_VERSION = 1

Provider = Literal["aws", "azure", "gcp"]
Scalar = str | int | float | bool
# A scan time: written out with a zone, from 2006 to a day after the reader's clock.
Moment = Annotated[AwareDatetime, BeforeValidator(no_number), AfterValidator(moment_in_bounds)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _blank(text: str) -> bool:
    # A name that starts with a printable ASCII character, as nearly every one does, shows
    # something: one comparison decides.
    return not ("!" <= text[:1] <= "~") and shows_nothing(text)


def _refuse_blank(record: BaseModel, *names: str) -> None:
    # Empty text is refused by min_length; text that shows nothing (white space, a
    # zero-width space, a bidi mark) names nothing either.
    for name in names:
        value = getattr(record, name)
        if value is not None and _blank(value):
            raise PydanticCustomError(
                "blank",
                _("{name} is blank (only white space or invisible characters)").format(name=name),
            )


class Scope(_Record):
    """Something a scan was asked to read, or did read: an account, subscription, project,
    organisation, folder or region."""

    provider: Provider
    kind: Literal[
        "account", "organization", "subscription", "tenant", "project", "folder", "region"
    ]
    id: str = Field(min_length=1)
    name: str | None = None

    @model_validator(mode="after")
    def _named(self) -> Scope:
        _refuse_blank(self, "id")
        return self


_TIMES = "from 2006-01-01 to a day after the reader's clock"


class ScanInfo(_Record):
    tool: str = Field(description="the program that wrote the inventory")
    tool_version: str
    source: str = Field(description="how it was made, e.g. 'aws-api', 'terraform-state', 'sample'")
    started_at: Moment = Field(description=f"with a time zone, e.g. 2026-11-02T07:30:00Z; {_TIMES}")
    finished_at: Moment = Field(description=f"not before started_at; {_TIMES}")
    scopes_requested: list[Scope] = []
    scopes_covered: list[Scope] = []

    @model_validator(mode="after")
    def _in_order(self) -> ScanInfo:
        if self.started_at > self.finished_at:
            raise PydanticCustomError(
                "scan_order",
                _("started_at {started} is after finished_at {finished}"),
                {"started": self.started_at.isoformat(), "finished": self.finished_at.isoformat()},
            )
        return self


@dataclass(frozen=True)
class Attribute:
    """A known attribute: what it means and, for a size or a count, the largest value
    believed (it is then a whole number from 0 to `maximum`); None: any scalar."""

    meaning: str
    maximum: int | None = None


EIB = 2**60
# Attributes that drive estimates have fixed names, units and bounds; connectors may add
# other scalar attributes. The ceilings sit far above any real resource (the largest
# instances have under 2,000 vCPUs and 32 TiB of memory, a GKE cluster at most 65,000
# nodes) and far below where sums of them would stop making sense. Kept as a plain
# mapping: a nested model per resource would triple the time it takes to load a large
# inventory.
ATTRIBUTES = {
    "size_bytes": Attribute("data stored, in bytes", EIB),
    "object_count": Attribute("objects in a bucket or container", 10**15),
    "item_count": Attribute("items or rows in a table", 10**15),
    "instance_type": Attribute("the provider's instance, node or SKU name"),
    "vcpu": Attribute("virtual CPUs", 10_000),
    "memory_mib": Attribute("memory in MiB", 2**27),
    "engine": Attribute(
        "database or cache engine, lower case: postgres, mysql, sqlserver, redis, ..."
    ),
    "engine_version": Attribute("engine or platform version"),
    "runtime": Attribute("language runtime of a function or app"),
    "node_count": Attribute("nodes of a cluster or instances of a plan", 100_000),
    "kind": Attribute("the provider's own sub-kind, such as Azure's 'kind'"),
}
_BOUNDED = tuple((name, a.maximum) for name, a in ATTRIBUTES.items() if a.maximum is not None)
WHOLE_NUMBERS = tuple(name for name, _ in _BOUNDED)
# Any other whole number fits in 64 bits, as most JSON readers need.
_INT64 = 2**63


# How one resource stands to another, as the source states it. Targets are the other
# resources' ids (ARN, ARM id, full resource name); a target outside the inventory is kept,
# as it may be in another inventory merged with this one.
RelationKind = Literal["attached_to", "member_of", "replica_of", "uses"]
RELATIONS = {
    "attached_to": "a volume's instance, an interface's or public IP's instance or gateway",
    "member_of": "an instance's subnet and network, a subnet's network, a node pool's "
    "cluster, a database's server, a load balancer target's group",
    "replica_of": "a read replica's or standby's primary",
    "uses": "a load balancer's targets, a function's queue or bucket, an app's database",
}


def _relations_in_order(value: dict[str, list[str]]) -> dict[str, list[str]]:
    # Sorted and once each, whatever order the source listed them in, so that two reads of
    # one estate write the same file.
    return {kind: sorted(set(ids)) for kind, ids in sorted(value.items()) if ids}


def _attributes_schema(schema: dict[str, Any]) -> None:
    scalar = schema["additionalProperties"]
    schema["properties"] = {
        name: (
            {"type": "integer", "minimum": 0, "maximum": a.maximum}
            if a.maximum is not None
            else dict(scalar)
        )
        | {"description": a.meaning}
        for name, a in ATTRIBUTES.items()
    }


class Resource(_Record):
    provider: Provider
    account: str = Field(min_length=1, description="AWS account, Azure subscription, GCP project")
    region: str = Field(min_length=1, description="region or location; 'global' if none")
    type: str = Field(min_length=1, description="native type, e.g. AWS::S3::Bucket")
    id: str = Field(min_length=1, description="ARN, ARM id or full resource name")
    name: str
    resource_group: str | None = Field(None, description="Azure resource group")
    tags: dict[str, str] = {}
    attributes: dict[str, Scalar] = Field(
        {},
        description="Scalar facts about the resource; the known names are listed with their "
        "units and bounds. Other numbers must be finite, and whole ones within 64 bits.",
        json_schema_extra=_attributes_schema,
    )
    source: str | None = Field(
        None, description="the file an imported resource came from; absent when scanned"
    )
    relations: (
        Annotated[
            dict[RelationKind, list[Annotated[str, Field(min_length=1)]]],
            AfterValidator(_relations_in_order),
        ]
        | None
    ) = Field(
        None,
        description="How this resource stands to others, by the others' ids: "
        + "; ".join(f"{kind}: {meaning}" for kind, meaning in RELATIONS.items())
        + ". Optional: absent where the source states none, and files without it read as "
        "before.",
    )

    @model_validator(mode="after")
    def _sane(self) -> Resource:
        # One validator for the record rather than one per field: it runs once per
        # resource, 100,000 times for a large inventory. A name that starts with a
        # printable ASCII character shows something (see _blank), written out here.
        if not (
            "!" <= self.account[:1] <= "~"
            and "!" <= self.region[:1] <= "~"
            and "!" <= self.type[:1] <= "~"
            and "!" <= self.id[:1] <= "~"
        ):
            _refuse_blank(self, "account", "region", "type", "id")
        attributes = self.attributes
        if attributes:
            for name, maximum in _BOUNDED:
                value = attributes.get(name)
                if value is not None and (type(value) is not int or not 0 <= value <= maximum):
                    raise PydanticCustomError(
                        "attribute_bounds",
                        _("attributes.{name} must be a whole number from 0 to {maximum:,}").format(
                            name=name, maximum=maximum
                        ),
                    )
            for name, value in attributes.items():
                if isinstance(value, float) and not math.isfinite(value):
                    raise PydanticCustomError(
                        "attribute_number",
                        _("attributes.{name} must be a finite number, not {value}").format(
                            name=name, value=value
                        ),
                    )
                if isinstance(value, int) and not -_INT64 <= value < _INT64:
                    raise PydanticCustomError(
                        "attribute_number",
                        _(
                            "attributes.{name} must be a whole number within 64 bits (-2**63 "
                            "to 2**63 - 1)"
                        ).format(name=name),
                    )
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

    @model_validator(mode="after")
    def _named(self) -> Gap:
        _refuse_blank(self, "scope", "region", "service", "code")
        return self


class Skipped(_Record):
    """Records a scan or an import read and left out on purpose, counted per place and
    type so that nothing disappears silently: resources of other Terraform providers
    (random, helm), Terraform resources that are parts of another resource (a bucket
    policy), CSV columns exitplan does not know, tags named like credentials."""

    source: str = Field(
        min_length=1, description="where they were: the file imported, or the account scanned"
    )
    type: str = Field(min_length=1, description="their type, e.g. random_password")
    count: Annotated[int, Strict()] = Field(ge=1)
    reason: str

    @model_validator(mode="after")
    def _named(self) -> Skipped:
        _refuse_blank(self, "source", "type")
        return self


def _exact_int(value: Any) -> Any:
    # Literal[1] takes True (== 1) and 1.0 as well.
    if type(value) is not int:
        raise PydanticCustomError("schema_version", _("must be the number 1"))
    return value


class Inventory(_Record):
    schema_version: Annotated[Literal[1], BeforeValidator(_exact_int)]
    scan: ScanInfo
    resources: list[Resource]
    gaps: list[Gap] = []
    skipped: list[Skipped] = []
