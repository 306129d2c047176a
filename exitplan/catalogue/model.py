"""The catalogue's entries as typed, validated values: what a catalogue file may say.

The shape is published (`exitplan schema catalogue`); the rules that need the whole
catalogue (a provider that exists, a playbook on disk) live in `load.py`."""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..i18n import _

_ID = r"^[a-z0-9][a-z0-9-]*$"
_COUNTRY = r"^[A-Z]{2}$"
# A domain, optionally with a path prefix: "scaleway.com", "github.com/scaleway".
_DOMAIN = r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(/[A-Za-z0-9._~-]+)*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Hedged(_Strict):
    """An entry some of whose facts could not be checked: `uncertain` names each such field
    and why, so that the plan can say so instead of asserting it."""

    uncertain: dict[str, str] = Field(
        default_factory=dict,
        description="field name -> why that fact could not be verified",
    )

    @model_validator(mode="after")
    def _uncertain_names_fields(self) -> _Hedged:
        unknown = sorted(set(self.uncertain) - set(type(self).model_fields) - {"uncertain"})
        if unknown:
            raise ValueError(
                _("'uncertain' names fields this entry does not have: {names}").format(
                    names=", ".join(unknown)
                )
            )
        return self


class Source(_Strict):
    title: str = Field(min_length=1)
    url: str = Field(pattern=r"^https?://")
    accessed: dt.date = Field(description="the day the source was read")


class Certification(_Hedged):
    name: str = Field(min_length=1, description="e.g. 'BSI C5', 'ISO/IEC 27001'")
    scope: str | None = Field(None, description="what the certificate covers, where known")
    date: dt.date | None = Field(None, description="issued or last audited, where stated")
    valid_until: dt.date | None = None
    sources: list[Source] = Field(min_length=1)


class Exposure(str, Enum):
    """Which legal orders can compel a provider, through its seat or its controlling owner."""

    EU = "eu"
    EEA = "eea"
    CH = "ch"
    UK = "uk"
    US_PARENT = "us-parent"
    OTHER = "other"


class Owner(_Strict):
    name: str = Field(min_length=1)
    country: str = Field(pattern=_COUNTRY, description="ISO 3166 alpha-2")


class Region(_Strict):
    id: str = Field(min_length=1, description="as the provider's API names it, e.g. 'fr-par'")
    location: str = Field(min_length=1)
    country: str = Field(pattern=_COUNTRY, description="ISO 3166 alpha-2")


class Provider(_Hedged):
    """A company or public body that offers managed services."""

    id: str = Field(pattern=_ID)
    name: str
    legal_entity: str | None = Field(None, description="the contracting entity for EU customers")
    headquarters: str = Field(description="country of the headquarters, ISO 3166 alpha-2")
    controlling_owner: Owner | None = Field(
        None, description="the company that controls the provider, where not itself"
    )
    jurisdiction: str = Field(description="whose law governs the provider and can compel it")
    exposure: list[Exposure] = Field(min_length=1)
    sector: Literal["commercial", "public"] = "commercial"
    parent: str | None = Field(None, description="ownership history and context, where it matters")
    domains: list[str] = Field(
        min_length=1,
        description="official domains its own pages live on; sources must be on them",
    )
    regions: list[Region] = Field(default_factory=list)
    certifications: list[Certification] = []
    notes: str | None = None
    sources: list[Source] = Field(min_length=1)
    last_verified: dt.date

    @model_validator(mode="after")
    def _facts_or_doubts(self) -> Provider:
        _check_domains(self.domains)
        for name in ("legal_entity", "regions"):
            if not getattr(self, name) and name not in self.uncertain:
                raise ValueError(
                    _("'{name}' is needed, or 'uncertain' saying why it is unknown").format(
                        name=name
                    )
                )
        return self


class AlternativeKind(str, Enum):
    EU_MANAGED = "eu-managed"
    OPEN_SOURCE = "open-source"
    PUBLIC_SHARED = "public-shared"
    # A standard with a way to check conformance (Haven): never a target itself; offers
    # that meet it say so with `conforms_to`.
    STANDARD = "standard"


class Compatibility(str, Enum):
    """How much of the hyperscaler service the alternative speaks; it decides the likely R."""

    DROP_IN = "drop-in"  # same API or wire protocol: data and clients move as they are
    COMPATIBLE = "compatible"  # same standard, small configuration or code changes
    PARTIAL = "partial"  # a subset or a different flavour: replatform with code changes
    DIFFERENT = "different"  # a different paradigm: the application must be refactored


class Hosting(str, Enum):
    MANAGED = "managed"  # the provider runs it
    # You run it, on the platform `needs` names: open-source software anywhere, or
    # proprietary software (SQL Server with its licence) on a named provider's servers.
    SELF_HOSTED = "self-hosted"


class Maintenance(str, Enum):
    ACTIVE = "active"
    MAINTENANCE_ONLY = "maintenance-only"
    FROZEN = "frozen"
    ARCHIVED = "archived"


class Governance(_Strict):
    model: Literal["foundation", "vendor", "community"]
    body: str = Field(min_length=1, description="the foundation, company or community")


class PriceUnit(str, Enum):
    VCPU_HOUR = "vcpu-hour"
    GIB_RAM_HOUR = "gib-ram-hour"
    INSTANCE_HOUR = "instance-hour"
    GIB_MONTH = "gib-month"
    GIB_EGRESS = "gib-egress"
    MILLION_REQUESTS = "million-requests"


class Price(_Hedged):
    """A list price as the provider's page states it; absent where not found. Zero only
    where the page says the item is free, so that unknown is never read as free."""

    unit: PriceUnit
    amount: float = Field(ge=0)
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    note: str | None = None
    sources: list[Source] = Field(min_length=1)

    @model_validator(mode="after")
    def _zero_is_stated_free(self) -> Price:
        if self.amount == 0 and not (self.note and "free" in self.note.lower()):
            raise ValueError(
                _(
                    "an amount of 0 needs a 'note' saying the item is free, and a source "
                    "that says so"
                )
            )
        return self


_MANAGED_KINDS = (AlternativeKind.EU_MANAGED, AlternativeKind.PUBLIC_SHARED)


class Alternative(_Hedged):
    id: str = Field(pattern=_ID)
    name: str
    kind: AlternativeKind
    provider: str | None = Field(None, description="provider id: eu-managed, public-shared")
    hosting: Hosting | None = Field(
        None, description="default: managed for eu-managed and public-shared, else self-hosted"
    )
    needs: list[str] = Field(
        default_factory=list, description="self-hosted: the categories it runs on"
    )
    regions: list[str] = Field(
        default_factory=list,
        description="provider region ids it runs in; empty: every region of the provider",
    )
    project_url: str | None = Field(None, pattern=r"^https?://")
    licence: str | None = Field(None, description="SPDX id of open-source software")
    governance: Governance | None = None
    maintenance: Maintenance | None = None
    domains: list[str] = Field(
        default_factory=list,
        description="the software project's own domains: open-source, standards, and "
        "software run on a provider's servers",
    )
    conforms_to: list[str] = Field(
        default_factory=list, description="ids of standard alternatives this one meets"
    )
    compatibility: Compatibility
    compatibility_note: str
    open_standards: list[str] = []
    migration_tools: list[str] = Field(min_length=1)
    prices: list[Price] = []
    notes: str | None = None
    sources: list[Source] = Field(min_length=1)
    last_verified: dt.date
    rank: int | None = Field(
        None, ge=1, description="overlays only: the position among the category's alternatives"
    )

    @model_validator(mode="after")
    def _kind_fields(self) -> Alternative:
        if self.kind in _MANAGED_KINDS and not self.provider:
            raise ValueError(
                _("an {kind} alternative needs 'provider'").format(kind=self.kind.value)
            )
        if self.kind is AlternativeKind.OPEN_SOURCE and not (
            self.licence and self.governance and self.maintenance and self.domains
        ):
            raise ValueError(
                _(
                    "an open-source alternative needs 'licence', 'governance', "
                    "'maintenance' and 'domains'"
                )
            )
        if self.kind is AlternativeKind.STANDARD and (
            self.provider or not self.project_url or not self.domains
        ):
            raise ValueError(
                _("a standard names no provider and needs 'project_url' and 'domains'")
            )
        if self.hosting_is is Hosting.MANAGED and self.needs:
            raise ValueError(_("'needs' is for self-hosted alternatives"))
        _check_domains(self.domains)
        return self

    @property
    def hosting_is(self) -> Hosting:
        if self.hosting is not None:
            return self.hosting
        return Hosting.MANAGED if self.kind in _MANAGED_KINDS else Hosting.SELF_HOSTED


class NativeType(_Strict):
    """A hyperscaler resource type in this category, optionally only when an attribute
    has one of the given values (an RDS instance is PostgreSQL or MySQL by its engine)."""

    provider: Literal["aws", "azure", "gcp"]
    type: str = Field(min_length=1)
    attribute: str | None = None
    values: list[str] | None = None

    @model_validator(mode="after")
    def _both_or_neither(self) -> NativeType:
        if (self.attribute is None) != (self.values is None):
            raise ValueError(_("'attribute' and 'values' go together"))
        return self


class LockIn(str, Enum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Category(_Strict):
    """A service to choose, stand up and migrate to: it needs at least one EU-managed and
    one open-source alternative (standards aside)."""

    id: str = Field(pattern=_ID)
    name: str
    description: str
    lock_in: LockIn = Field(description="how tied a workload using the native service is")
    lock_in_reason: str
    data_bearing: bool = Field(description="whether the resources hold data that must move")
    playbook: str = Field(description="file name under playbooks/, without .md")
    native_types: list[NativeType] = Field(min_length=1)
    alternatives: list[Alternative] = Field(min_length=1)


LANDING_ZONE = "landing-zone"


class Structural(_Strict):
    """Configuration of another resource (a subnet, an IAM role, a node pool): rebuilt with
    its parent as configuration, counted and listed, never costed as a service of its own."""

    id: str = Field(pattern=_ID)
    name: str
    moves_with: str = Field(
        pattern=_ID,
        description=f"the category it is rebuilt with, or '{LANDING_ZONE}' (the target's "
        "accounts, projects and resource groups)",
    )
    reason: str = Field(min_length=1)
    effort: tuple[float, float, float] = Field(
        description="person-days per item to rebuild as configuration: optimistic, likely, "
        "pessimistic"
    )
    data_bearing: bool = Field(
        False,
        description="a child that holds its parent's data (a table, a blob container): its "
        "bytes move with the parent, though the item itself is rebuilt as configuration",
    )
    native_types: list[NativeType] = Field(min_length=1)

    @model_validator(mode="after")
    def _effort_ordered(self) -> Structural:
        o, m, p = self.effort
        if not 0 <= o <= m <= p:
            raise ValueError(_("'effort' is [optimistic, likely, pessimistic], each >= 0"))
        return self


class Constraints(_Strict):
    """What the choice of alternatives must respect: from `exitplan plan` options, an
    overlay's `constraints`, and later a scenario. Constraints filter, then rank."""

    prefer: list[AlternativeKind] = Field(
        default_factory=list, description="kinds to rank first, in this order"
    )
    require_jurisdiction: list[Exposure] = Field(
        default_factory=list,
        description="a managed alternative's provider may be exposed only to these legal orders",
    )
    require_certifications: list[str] = Field(
        default_factory=list, description="certifications a managed alternative's provider holds"
    )
    exclude_providers: list[str] = Field(default_factory=list)
    max_providers: int | None = Field(
        None, ge=1, description="at most this many providers of managed services in the plan"
    )
    region: str | None = Field(
        None, description="a country (ISO 3166 alpha-2, e.g. NL) or a provider region id"
    )

    def given(self) -> list[tuple[str, str]]:
        """The constraints that say something, each as (name, value as text)."""
        found = []
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, list):
                value = ", ".join(str(getattr(v, "value", v)) for v in value)
            if value not in (None, ""):
                found.append((name, str(value)))
        return found

    def over(self, base: Constraints) -> Constraints:
        """These constraints laid over `base`: what is set here wins."""
        return base.model_copy(update={name: getattr(self, name) for name in self.model_fields_set})


class PlacementRules(_Strict):
    """Where categories may sit relative to each other on the target platform: rules, not
    preferences, applied by `exitplan.target` to every scenario. A category in none of the
    lists is free: it may go to another provider where that serves it better."""

    servers: str = Field(
        "compute-vm",
        description="the category of virtual servers: a provider that manages it can be a "
        "landing zone, and software run yourself is priced at its prices",
    )
    disks: str = Field(
        "block-storage",
        description="the category of disks, at whose prices the storage of software run "
        "yourself is priced",
    )
    landing_zone: list[str] = Field(
        default_factory=list,
        description="compute that makes the landing zone: always on the primary provider",
    )
    with_compute: list[str] = Field(
        default_factory=list,
        description="sits with the compute that uses it (disks, networks, public IPs, load "
        "balancers, keys): never on another provider",
    )
    with_consumers: list[str] = Field(
        default_factory=list,
        description="data stores that sit with their consumers unless a scenario places "
        "them elsewhere",
    )
    infrastructure: list[str] = Field(
        default_factory=list,
        description="what a self-hosting scenario still takes as a managed service: the "
        "infrastructure open-source software runs on",
    )

    def rule(self, category_id: str) -> str:
        for name in ("landing_zone", "with_compute", "with_consumers"):
            if category_id in getattr(self, name):
                return name
        return "free"

    def over(self, base: PlacementRules) -> PlacementRules:
        return base.model_copy(update={name: getattr(self, name) for name in self.model_fields_set})


class CatalogueFile(_Strict):
    """One YAML file of the catalogue: providers, categories, structural entries, or any mix.
    `official_domains` lists regulators and standards bodies any entry may cite; an overlay's
    `constraints` narrow and rank the choices (see `exitplan.constraints`)."""

    providers: list[Provider] = []
    categories: list[Category] = []
    structural: list[Structural] = []
    official_domains: list[str] = []
    constraints: Constraints | None = Field(
        None, description="overlays: what the choice of alternatives must respect"
    )
    placement: PlacementRules | None = Field(
        None, description="which categories must sit together on the target platform"
    )

    @model_validator(mode="after")
    def _domains_well_formed(self) -> CatalogueFile:
        _check_domains(self.official_domains)
        return self


def _check_domains(domains: list[str]) -> None:
    for domain in domains:
        if not re.match(_DOMAIN, domain):
            raise ValueError(
                _("'{domain}' is not a domain (like 'example.eu' or 'github.com/org')").format(
                    domain=domain
                )
            )
