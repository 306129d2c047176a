"""Map each resource to a service category and a chosen alternative. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .catalogue import Alternative, AlternativeKind, Catalogue, Category
from .model import Resource


@dataclass(frozen=True, slots=True)
class Choice:
    """The alternative chosen for a category, and why; shared by its resources."""

    category: Category
    alternative: Alternative
    reason: str


@dataclass(frozen=True, slots=True)
class Mapping:
    resource: Resource
    choice: Choice | None  # None: the catalogue has no entry for this type (unmapped)


def choose(category: Category, prefer: AlternativeKind | None) -> Choice:
    """The catalogue lists alternatives best-first; a preference picks the best of a kind."""
    if prefer:
        for alt in category.alternatives:
            if alt.kind is prefer:
                reason = f"highest-ranked {prefer.value} alternative in the catalogue"
                return Choice(category, alt, reason)
    reason = "highest-ranked alternative in the catalogue"
    if prefer:
        reason += f" (the catalogue lists no {prefer.value} alternative)"
    return Choice(category, category.alternatives[0], reason)


def map_resources(
    resources: Sequence[Resource], catalogue: Catalogue, prefer: AlternativeKind | None = None
) -> list[Mapping]:
    choices: dict[str, Choice] = {}
    mappings = []
    for resource in resources:
        category = catalogue.category_for(resource.provider, resource.type, resource.attributes.get)
        if category is None:
            mappings.append(Mapping(resource, None))
            continue
        choice = choices.get(category.id)
        if choice is None:
            choice = choices[category.id] = choose(category, prefer)
        mappings.append(Mapping(resource, choice))
    return mappings
