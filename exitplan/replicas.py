"""Which resources are replicas or standby copies whose primary moves with the estate
(rule E-REPLICA): they are rebuilt at the target from the moved primary, so their bytes
are not data to move. Pure."""

from __future__ import annotations

from collections.abc import Sequence

from .model import Resource

# Where a source records a replica without the relation: an attribute naming the primary
# by id, or by its name in the replica's own account.
REPLICA_ATTRIBUTES = ("read_replica_source",)


def _stated(resource: Resource) -> list[str]:
    named = list((resource.relations or {}).get("replica_of", ()))
    for key in REPLICA_ATTRIBUTES:
        value = resource.attributes.get(key)
        if isinstance(value, str) and value:
            named.append(value)
    return named


def replica_sources(resources: Sequence[Resource]) -> dict[str, str]:
    """Replica id -> the id of the primary it is rebuilt from. Only a primary in the
    inventory counts: a replica whose primary is elsewhere holds the one copy here, and
    its bytes move. A chain (a replica of a replica) leads to its first primary; a cycle,
    which no source should state, leaves its members' bytes counted rather than lost."""
    stated: dict[str, list[str]] = {}
    for r in resources:
        named = _stated(r)
        if named:
            stated[r.id] = named
    if not stated:
        return {}
    ids = {r.id for r in resources}
    by_name = {(r.provider, r.account, r.name): r.id for r in resources}
    direct: dict[str, str] = {}
    for r in resources:
        for name in stated.get(r.id, ()):
            found = name if name in ids else by_name.get((r.provider, r.account, name))
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
