"""Whether the target keeps together what the inventory says belongs together: a volume and
its instance, an instance and its subnet, a node pool and its cluster. Pure.

Each resource's place on the target is the provider its category's choice runs on; a piece
of configuration is where the service it moves with is (the landing zone for accounts and
projects); an unmapped resource has no place yet and is not judged."""

from __future__ import annotations

from collections.abc import Mapping as Map
from collections.abc import Sequence
from dataclasses import dataclass

from .constraints import Choice
from .inventory import identity, key_of
from .mapping import Mapping
from .model import Resource

# Relations that cannot cross providers: a disk is attached over the provider's own
# storage network, a server sits in the provider's own subnet. `uses` can cross, at the
# price of latency and egress, and is shown as such.
BINDING = ("attached_to", "member_of", "replica_of")


@dataclass(frozen=True, slots=True)
class Separation:
    resource: Resource
    kind: str  # the relation
    other: Resource
    provider: str  # where the resource goes
    other_provider: str  # where the other goes

    @property
    def binding(self) -> bool:
        return self.kind in BINDING


def separations(
    mappings: Sequence[Mapping], choices: Map[str, Choice], primary: str | None
) -> tuple[Separation, ...]:
    """Every relation whose two ends land on different providers, binding ones first."""
    places = {c.provider for c in choices.values()} | {primary}
    if len(places - {None}) <= 1:
        return ()  # one provider takes everything placed: nothing can be split
    related = [m for m in mappings if m.resource.relations]
    if not related:
        return ()
    index = _targets(related, mappings)
    found = []
    for mapping in related:
        here = _place(mapping, choices, primary)
        if here is None:
            continue
        resource = mapping.resource
        for kind, ids in (resource.relations or {}).items():
            for other_id in ids:
                other = index.get(key_of(resource.provider, other_id))
                if other is None:
                    continue  # outside the inventory: another inventory may hold it
                there = _place(other, choices, primary)
                if there is not None and there != here:
                    found.append(Separation(resource, kind, other.resource, here, there))
    found.sort(key=lambda s: (not s.binding, s.resource.id, s.kind, s.other.id))
    return tuple(found)


def _targets(
    related: Sequence[Mapping], mappings: Sequence[Mapping]
) -> dict[tuple[str, str], Mapping]:
    """The resources some relation names, by identity."""
    wanted = {
        key_of(m.resource.provider, other)
        for m in related
        for ids in (m.resource.relations or {}).values()
        for other in ids
    }
    index = {}
    for m in mappings:
        key = identity(m.resource)
        if key in wanted:
            index[key] = m
    return index


def _place(mapping: Mapping, choices: Map[str, Choice], primary: str | None) -> str | None:
    if mapping.choice is not None:
        choice = choices.get(mapping.choice.category.id, mapping.choice)
        return choice.provider
    if mapping.structure is not None:
        parent = choices.get(mapping.structure.moves_with)
        # The landing zone's own configuration, or that of a service the estate does not
        # have, is rebuilt on the primary.
        return parent.provider if parent is not None else primary
    return None
