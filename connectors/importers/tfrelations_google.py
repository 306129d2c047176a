"""The relations `google_*` instances state, as the GCP connector names them (Cloud Asset
names: see `connectors.gcp.relations`), so that an imported relation and a scanned one are the
same and resolve to the targets' own records.

The google provider records references as self links (a VM's subnetwork, a disk's users),
as its own ids (`projects/P/zones/Z/disks/D`), or as what the configuration gave: a bare
name. A bare name is named by the target type's own id template, in the project and the
zone, region or location of the instance that gives it (an attached disk is in its VM's
zone); where the template needs what the instance does not record (a subnetwork's region,
for a VM), the relation is left out rather than guessed.

Some relations are stated by an instance other than the one that holds them: the disks a
VM lists, and a `google_compute_attached_disk` (a part, not imported), give each disk's
`attached_to`. They are gathered while the state is read and given to the disks after."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from connectors.attributes import Unreadable
from connectors.gcp.relations import (
    Ref,
    compute,
    enclosing,
    event_source,
    merged,
    references,
    related,
    sql_instance,
)
from exitplan.errors import InputError
from exitplan.i18n import N_, _
from exitplan.model import RelationKind, Resource

from .terraform import Instance
from .tfspec import filled
from .tftypes import TF_TYPES

_HINT = N_("check the state file; report it if Terraform wrote it so")
# What places a bare name: the instance's own project and zone, region or location.
_PLACE = ("project", "zone", "region", "location")


@dataclass(frozen=True)
class Named(Ref):
    """A relation an instance states for itself; `target` is the Terraform type whose id
    template names a target given by its bare name (None: a bare name gives none)."""

    target: str | None = None


@dataclass(frozen=True)
class Held:
    """A relation an instance states for other resources, those `holders` refers to: each
    of them is `holders.kind` to the instance itself or, for a part, to what `target`
    refers to."""

    holders: Named
    target: Named | None = None


_INTERFACES = (
    Named("member_of", "network_interface[].subnetwork", compute, "google_compute_subnetwork"),
    Named("member_of", "network_interface[].network", compute, "google_compute_network"),
)
_USED_BY = (Named("attached_to", "users", compute, "google_compute_instance"),)
_IN_NETWORK = (Named("member_of", "network", compute, "google_compute_network"),)
_DISKS = (
    Held(Named("attached_to", "boot_disk[].source", compute, "google_compute_disk")),
    Held(Named("attached_to", "attached_disk[].source", compute, "google_compute_disk")),
)

RELATIONS: dict[str, tuple[Named, ...]] = {
    "google_compute_instance": _INTERFACES,
    "google_compute_instance_from_template": _INTERFACES,
    "google_compute_disk": _USED_BY,
    "google_compute_region_disk": _USED_BY,
    "google_compute_subnetwork": _IN_NETWORK,
    "google_compute_firewall": _IN_NETWORK,
    # The provider records an address's users as self links (a VM, a forwarding rule).
    "google_compute_address": (Named("attached_to", "users", compute),),
    # A target proxy, pool or instance; an internal load balancer's backend service.
    "google_compute_forwarding_rule": (
        Named("uses", "target", compute),
        Named("uses", "backend_service", compute, "google_compute_region_backend_service"),
    ),
    "google_compute_global_forwarding_rule": (Named("uses", "target", compute),),
    # The provider drops the project from `master_instance_name` where it is the replica's.
    "google_sql_database_instance": (Named("replica_of", "master_instance_name", sql_instance),),
    # What triggers a function: a Pub/Sub topic or a bucket, where the state gives its path.
    "google_cloudfunctions_function": (Named("uses", "event_trigger[0].resource", event_source),),
    "google_cloudfunctions2_function": (
        Named("uses", "event_trigger[0].pubsub_topic", event_source),
    ),
    # Named under its cluster, as Cloud Asset names it: the cluster is the id's head.
    "google_container_node_pool": (Named("member_of", None, enclosing("nodePools")),),
}

HELD: dict[str, tuple[Held, ...]] = {
    "google_compute_instance": _DISKS,
    "google_compute_instance_from_template": _DISKS,
    "google_compute_attached_disk": (
        Held(
            Named("attached_to", "disk", compute, "google_compute_disk"),
            Named("attached_to", "instance", compute, "google_compute_instance"),
        ),
    ),
}


def _top(path: str | None) -> str | None:
    return None if path is None else re.split(r"[\[.]", path, maxsplit=1)[0]


# The attributes each type's relations are read from (None: its own id): most instances of
# a large state have them empty or lack them, and are passed over at the cost of a lookup.
_READ = {kind: frozenset(_top(r.path) for r in refs) for kind, refs in RELATIONS.items()}
_HOLDERS = {
    kind: frozenset(_top(e.holders.path) for e in entries) for kind, entries in HELD.items()
}


def _states(read: frozenset[str | None] | None, attrs: Mapping[str, object]) -> bool:
    return read is not None and (None in read or any(attrs.get(k) for k in read if k))


def relations(instance: Instance, rid: str, where: str) -> dict[RelationKind, list[str]] | None:
    """What the instance (whose id is `rid`) states of itself; None when nothing."""
    attrs = instance.attributes
    if not _states(_READ.get(instance.type), attrs):
        return None
    refs = RELATIONS[instance.type]

    def bare(ref: Ref, reference: str) -> str | None:
        return _by_template(ref.target if isinstance(ref, Named) else None, reference, attrs)

    try:
        found = related(refs, attrs, rid, bare) or {}
    except Unreadable as exc:
        raise InputError(f"{where}: {exc}", _(_HINT)) from None
    kept = {kind: [i for i in ids if not _hides(i, instance.hidden)] for kind, ids in found.items()}
    return {kind: ids for kind, ids in kept.items() if ids} or None


def hold(
    instance: Instance, rid: str | None, source: str, held: dict[str, dict[RelationKind, list[str]]]
) -> None:
    """Gather in `held` (holder id -> kind -> target ids) what the instance of the state
    `source`, imported as `rid` or a part (None), states for other resources."""
    if not _states(_HOLDERS.get(instance.type), instance.attributes):
        return
    for entry in HELD[instance.type]:
        if entry.target is None:
            targets = [rid] if rid else []
        else:
            targets = _named(entry.target, instance, source)
        if not targets:
            continue
        for holder in _named(entry.holders, instance, source):
            held.setdefault(holder, {}).setdefault(entry.holders.kind, []).extend(targets)


def given(
    resources: list[Resource], held: Mapping[str, Mapping[RelationKind, Iterable[str]]]
) -> None:
    """Give each resource of the state the relations other instances stated for it."""
    for position, resource in enumerate(resources if held else ()):
        more = held.get(resource.id)
        if more:
            relations = merged(resource.relations, more)
            resources[position] = Resource.model_validate(
                {**dict(resource), "relations": relations}
            )


def _named(ref: Named, instance: Instance, source: str) -> list[str]:
    """The names of the resources `ref` refers to, of its target type."""
    try:
        found = references(ref, instance.attributes, "")
    except Unreadable as exc:
        raise InputError(f"{source}: {instance.address}: {exc}", _(_HINT)) from None
    names = (compute(r, "") or _by_template(ref.target, r, instance.attributes) for r in found)
    return [name for name in names if name and not _hides(name, instance.hidden)]


def _by_template(kind: str | None, reference: str, attrs: Mapping[str, object]) -> str | None:
    """A bare name, named by the id template of Terraform type `kind`, placed as `attrs`."""
    spec = TF_TYPES.get(kind) if kind else None
    if spec is None or spec.id is None or "/" in reference or ":" in reference:
        return None
    place = {key: attrs[key] for key in _PLACE if attrs.get(key)}
    return filled(spec.id, {**place, "name": reference})


def _hides(text: str, hidden: frozenset[str]) -> bool:
    """Whether a target's name would show a value the state marks sensitive."""
    return any(secret in text for secret in hidden)
