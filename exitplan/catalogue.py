"""The catalogue: service categories, the native types that belong to them, and the
European and open-source alternatives with the facts (and sources) behind them.

The catalogue is data (YAML files under exitplan/data/catalogue). This module reads and
validates it; it holds no facts itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import CatalogueError
from .paths import catalogue_dir, playbooks_dir
from .yamlfile import describe_validation, load_yaml

_HINT = "fix the catalogue entry named; `exitplan schema catalogue` prints the expected shape"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    title: str = Field(min_length=1)
    url: str = Field(pattern=r"^https?://")
    accessed: dt.date | None = None


class Certification(_Strict):
    name: str = Field(min_length=1, description="e.g. 'BSI C5', 'ISO/IEC 27001'")
    scope: str | None = Field(None, description="what the certificate covers, where known")
    sources: list[Source] = Field(min_length=1)


class Provider(_Strict):
    """A company that offers managed services; referenced by EU-managed alternatives."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    headquarters: str = Field(description="country of the headquarters, ISO 3166 alpha-2")
    jurisdiction: str = Field(description="whose law governs the provider and can compel it")
    parent: str | None = Field(None, description="parent company, where it matters")
    certifications: list[Certification] = []
    notes: str | None = None
    sources: list[Source] = Field(min_length=1)
    last_verified: dt.date


class AlternativeKind(str, Enum):
    EU_MANAGED = "eu-managed"
    OPEN_SOURCE = "open-source"
    PUBLIC_SHARED = "public-shared"


class Compatibility(str, Enum):
    """How much of the hyperscaler service the alternative speaks; it decides the likely R."""

    DROP_IN = "drop-in"  # same API or wire protocol: data and clients move as they are
    COMPATIBLE = "compatible"  # same standard, small configuration or code changes
    PARTIAL = "partial"  # a subset or a different flavour: replatform with code changes
    DIFFERENT = "different"  # a different paradigm: the application must be refactored


class Alternative(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    kind: AlternativeKind
    provider: str | None = Field(None, description="provider id, required for eu-managed")
    project_url: str | None = Field(None, pattern=r"^https?://")
    licence: str | None = Field(None, description="SPDX id of open-source software")
    compatibility: Compatibility
    compatibility_note: str
    open_standards: list[str] = []
    migration_tools: list[str] = Field(min_length=1)
    notes: str | None = None
    sources: list[Source] = Field(min_length=1)
    last_verified: dt.date

    @model_validator(mode="after")
    def _kind_fields(self) -> Alternative:
        if self.kind is AlternativeKind.EU_MANAGED and not self.provider:
            raise ValueError("an eu-managed alternative needs 'provider'")
        if self.kind is AlternativeKind.OPEN_SOURCE and not self.licence:
            raise ValueError("an open-source alternative needs 'licence'")
        return self


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
            raise ValueError("'attribute' and 'values' go together")
        return self


class LockIn(str, Enum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Category(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    description: str
    lock_in: LockIn = Field(description="how tied a workload using the native service is")
    lock_in_reason: str
    data_bearing: bool = Field(description="whether the resources hold data that must move")
    playbook: str = Field(description="file name under playbooks/, without .md")
    native_types: list[NativeType] = Field(min_length=1)
    alternatives: list[Alternative] = Field(min_length=1)


class CatalogueFile(_Strict):
    """One YAML file of the catalogue; a file may hold providers, categories or both."""

    providers: list[Provider] = []
    categories: list[Category] = []


@dataclass(frozen=True)
class Catalogue:
    providers: Mapping[str, Provider]
    categories: Mapping[str, Category]
    # native type -> rules in catalogue order; a rule with an attribute condition wins
    # over the unconditional rule for the same type.
    _rules: Mapping[tuple[str, str], tuple[tuple[NativeType, str], ...]]

    def category_for(
        self, provider: str, native_type: str, attribute: Callable[[str], object]
    ) -> Category | None:
        fallback: str | None = None
        for rule, category_id in self._rules.get(_key(provider, native_type), ()):
            if rule.attribute is None:
                fallback = fallback or category_id
            elif str(attribute(rule.attribute) or "").lower() in (rule.values or ()):
                return self.categories[category_id]
        return self.categories[fallback] if fallback else None


def _key(provider: str, native_type: str) -> tuple[str, str]:
    """Azure's resource types are case-insensitive, and sources spell them differently:
    Resource Manager `Microsoft.Web/sites`, Resource Graph `microsoft.web/sites`."""
    return (provider, native_type.lower() if provider == "azure" else native_type)


def load_catalogue(directory: Path | None = None, playbooks: Path | None = None) -> Catalogue:
    directory = directory or catalogue_dir()
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise CatalogueError(f"{directory}: no catalogue files (*.yaml)", _HINT)
    parsed: list[tuple[Path, CatalogueFile]] = []
    for path in files:
        data = load_yaml(path, CatalogueError, _HINT)
        try:
            parsed.append((path, CatalogueFile.model_validate(data)))
        except ValidationError as exc:
            raise CatalogueError(f"{path}: {describe_validation(exc, data)}", _HINT) from None
    return _assemble(parsed, playbooks or playbooks_dir())


def _assemble(parsed: Iterable[tuple[Path, CatalogueFile]], playbooks: Path) -> Catalogue:
    providers, categories, origin = _gather(parsed)
    rules: dict[tuple[str, str], list[tuple[NativeType, str]]] = {}
    for category in categories.values():
        where = f"{origin[category.id]}: category '{category.id}'"
        _check_category(where, category, providers, playbooks)
        _claim_types(where, category, rules)
    return Catalogue(
        providers=providers,
        categories=dict(sorted(categories.items())),
        _rules={key: tuple(value) for key, value in rules.items()},
    )


def _gather(
    parsed: Iterable[tuple[Path, CatalogueFile]],
) -> tuple[dict[str, Provider], dict[str, Category], dict[str, Path]]:
    """Every file's providers and categories, each id defined once across all files."""
    providers: dict[str, Provider] = {}
    categories: dict[str, Category] = {}
    alternative_ids: dict[str, str] = {}
    origin: dict[str, Path] = {}
    for path, content in parsed:
        for provider in content.providers:
            if provider.id in providers:
                raise CatalogueError(f"{path}: provider '{provider.id}' defined twice", _HINT)
            providers[provider.id] = provider
        for category in content.categories:
            if category.id in categories:
                raise CatalogueError(f"{path}: category '{category.id}' defined twice", _HINT)
            categories[category.id] = category
            origin[category.id] = path
            for alt in category.alternatives:
                if alt.id in alternative_ids:
                    raise CatalogueError(
                        f"{path}: category '{category.id}': alternative '{alt.id}' is also "
                        f"in category '{alternative_ids[alt.id]}'; alternative ids are unique",
                        _HINT,
                    )
                alternative_ids[alt.id] = category.id
    return providers, categories, origin


def _check_category(
    where: str, category: Category, providers: dict[str, Provider], playbooks: Path
) -> None:
    if not (playbooks / f"{category.playbook}.md").is_file():
        raise CatalogueError(
            f"{where}: playbook '{category.playbook}' has no file "
            f"{playbooks / (category.playbook + '.md')}",
            _HINT,
        )
    for alt in category.alternatives:
        if alt.provider is not None and alt.provider not in providers:
            raise CatalogueError(
                f"{where}: alternative '{alt.id}' names "
                f"provider '{alt.provider}', which no catalogue file defines",
                _HINT,
            )
    kinds = {alt.kind for alt in category.alternatives}
    if not {AlternativeKind.EU_MANAGED, AlternativeKind.OPEN_SOURCE} <= kinds:
        raise CatalogueError(
            f"{where} needs at least one eu-managed and one open-source alternative", _HINT
        )


def _claim_types(
    where: str, category: Category, rules: dict[tuple[str, str], list[tuple[NativeType, str]]]
) -> None:
    """Adds the category's native types to `rules`; a type two categories claim is an error."""
    for native in category.native_types:
        key = _key(native.provider, native.type)
        for other, other_id in rules.get(key, []):
            if _overlaps(other, native):
                raise CatalogueError(
                    f"{where}: {native.provider} type "
                    f"'{native.type}' is already claimed by category '{other_id}'",
                    _HINT,
                )
        lowered = native.model_copy(
            update={"values": [v.lower() for v in native.values] if native.values else None}
        )
        rules.setdefault(key, []).append((lowered, category.id))


def _overlaps(a: NativeType, b: NativeType) -> bool:
    if a.attribute is None or b.attribute is None:
        return a.attribute is None and b.attribute is None
    lowered = {v.lower() for v in a.values or ()}
    return a.attribute == b.attribute and bool(lowered & {v.lower() for v in b.values or ()})


def catalogue_schema() -> dict[str, Any]:
    return CatalogueFile.model_json_schema()
