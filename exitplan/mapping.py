"""Map each resource to a service category and a chosen alternative. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .catalogue import Alternative, AlternativeKind, Catalogue, Category
from .i18n import _
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
    if prefer is None:
        reason = _("highest-ranked alternative in the catalogue")
        return Choice(category, category.alternatives[0], reason)
    for alt in category.alternatives:
        if alt.kind is prefer:
            reason = _("highest-ranked {kind} alternative in the catalogue")
            return Choice(category, alt, reason.format(kind=prefer.value))
    reason = _(
        "highest-ranked alternative in the catalogue (the catalogue lists no {kind} alternative)"
    )
    return Choice(category, category.alternatives[0], reason.format(kind=prefer.value))


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
