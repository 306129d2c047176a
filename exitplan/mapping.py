"""Map each resource to a service category and its chosen alternative, or to the structural
entry it is configuration of. Pure."""

from __future__ import annotations

from collections.abc import Mapping as Mapping_
from collections.abc import Sequence
from dataclasses import dataclass

from .catalogue import Catalogue, Category, Constraints, Entry, Structural
from .constraints import Choice, choose_all
from .model import Resource


@dataclass(frozen=True, slots=True)
class Mapping:
    resource: Resource
    choice: Choice | None  # None: structural, or the catalogue has no entry (unmapped)
    structure: Structural | None = None  # configuration that moves with its parent

    @property
    def unmapped(self) -> bool:
        return self.choice is None and self.structure is None


def map_resources(
    resources: Sequence[Resource],
    catalogue: Catalogue,
    constraints: Constraints | None = None,
) -> list[Mapping]:
    """`constraints` default to the catalogue's own (from its overlays)."""
    constraints = constraints if constraints is not None else catalogue.constraints
    found = classify_all(resources, catalogue)
    categories = {e.id: e for e in found if isinstance(e, Category)}
    return mapped(resources, found, choose_all(categories.values(), catalogue, constraints))


def mapped(
    resources: Sequence[Resource],
    entries: Sequence[Entry | None],
    choices: Mapping_[str, Choice],
) -> list[Mapping]:
    """Each resource with its entry: a category's resources on the choice for it."""
    mappings = []
    for resource, entry in zip(resources, entries, strict=True):
        if isinstance(entry, Category):
            mappings.append(Mapping(resource, choices[entry.id]))
        else:
            mappings.append(Mapping(resource, None, entry))
    return mappings


def classify_all(resources: Sequence[Resource], catalogue: Catalogue) -> list[Entry | None]:
    """Each resource's entry; asked once per type where the attributes do not decide it
    (a large estate has 100,000 resources of a few hundred types)."""
    by_type: dict[tuple[str, str], Entry | None] = {}
    found = []
    for r in resources:
        key = (r.provider, r.type)
        if key in by_type:
            found.append(by_type[key])
            continue
        entry = catalogue.classify(r.provider, r.type, r.attributes.get)
        if not catalogue.reads_attributes(r.provider, r.type):
            by_type[key] = entry
        found.append(entry)
    return found
