"""Which resources are replicas or standby copies whose primary moves with the estate
(rule E-REPLICA): they are rebuilt at the target from the moved primary, so their bytes
are not data to move. Pure."""

from __future__ import annotations

from collections.abc import Sequence

from .inventory import key_of
from .model import Resource

# Where a source records a replica without the relation: an attribute naming the primary
# by id, or by its name in the replica's own account.
REPLICA_ATTRIBUTES = ("read_replica_source",)
_REPLICA_KEYS = frozenset(REPLICA_ATTRIBUTES)


def may_be_replica(resource: Resource) -> bool:
    """Whether the resource states a primary; a cheap look, as nearly none does."""
    relations = resource.relations
    if relations and "replica_of" in relations:
        return True
    return not _REPLICA_KEYS.isdisjoint(resource.attributes)


def replica_sources(stated: Sequence[Resource], resources: Sequence[Resource]) -> dict[str, str]:
    """Of the resources that state a primary (`stated`, as `may_be_replica` finds them),
    replica id -> the id of the primary it is rebuilt from. Only a primary in the
    inventory (`resources`) counts: a replica whose primary is elsewhere holds the one copy
    here, and its bytes move. A chain (a replica of a replica) leads to its first primary;
    a cycle, which no source should state, leaves its members' bytes counted rather than
    lost."""
    named = {r.id: _named(r) for r in stated}
    present = _present(resources, {key for keys in named.values() for key in keys})
    direct: dict[str, str] = {}
    for r in stated:
        for key in named[r.id]:
            found = present.get(key)
            if found is not None and found != r.id:
                direct[r.id] = found
                break
    sources = {}
    for replica in sorted(direct):
        seen = {replica}
        primary = direct[replica]
        while primary in direct and primary not in seen:
            seen.add(primary)
            primary = direct[primary]
        if primary not in seen:
            sources[replica] = primary
    return sources


def _named(replica: Resource) -> list[tuple[str, ...]]:
    """The keys a replica's primary may have: its identity (Azure's ids are compared
    without regard to case), or for an attribute its name in the replica's account."""
    keys: list[tuple[str, ...]] = [
        key_of(replica.provider, target)
        for target in (replica.relations or {}).get("replica_of", ())
    ]
    for attribute in REPLICA_ATTRIBUTES:
        value = replica.attributes.get(attribute)
        if isinstance(value, str) and value:
            keys.append(key_of(replica.provider, value))
            keys.append((replica.provider, replica.account, value))
    return keys


def _present(
    resources: Sequence[Resource], wanted: set[tuple[str, ...]]
) -> dict[tuple[str, ...], str]:
    """Which of the `wanted` keys name a resource of the inventory, and its id."""
    exact = {key[1] for key in wanted if len(key) == 2}
    named = {key[2] for key in wanted if len(key) == 3}
    azure = any(key[0] == "azure" for key in wanted)
    found: dict[tuple[str, ...], str] = {}
    for r in resources:
        if r.id in exact or (azure and r.provider == "azure" and r.id.lower() in exact):
            key = key_of(r.provider, r.id)
            if key in wanted:
                found[key] = r.id
        if named and r.name in named and (r.provider, r.account, r.name) in wanted:
            found.setdefault((r.provider, r.account, r.name), r.id)
    return found
