"""How Google Cloud resources refer to one another, turned into the names Cloud Asset gives
(`//compute.googleapis.com/projects/P/zones/Z/disks/D`): the ids the scanner and the
importers write, so that a relation points at its target's own record.

Compute refers to a resource by its self link (`https://www.googleapis.com/compute/v1/
projects/P/zones/Z/instances/I`); Terraform records the self link too, or the provider's id
(`projects/P/zones/Z/instances/I`). Cloud SQL names a replica's primary `PROJECT:INSTANCE`,
and Terraform drops the project where it is the replica's own; a project id may itself hold
a colon (`example.com:shop`). A node pool's name extends its cluster's. A reference of
another shape (a bare name, a URL of another API) gives no name: the relation is left out
rather than pointed at a record that cannot be the target. Shared with the importers: this
module needs no Google SDK."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from connectors.attributes import Unreadable
from connectors.paths import Unfit, search
from exitplan.model import RelationKind

# A reference, and the name of the resource that states it -> the target's name, or None.
Form = Callable[[str, str], str | None]

_COMPUTE = re.compile(
    r"(?:https://(?:www|compute)\.googleapis\.com/compute/(?:v1|beta|alpha)/)?"
    r"(projects/[^/\s]+/(?:global|regions/[^/\s]+|zones/[^/\s]+)/[A-Za-z]+/[^/\s]+)"
)
_TOPIC = re.compile(r"projects/[^/\s]+/topics/[^/\s]+")
_BUCKET = re.compile(r"projects/_/buckets/([^/\s]+)")
_PROJECT_OF = re.compile(r"//[^/]+/projects/([^/]+)/")
_SQL_INSTANCE = re.compile(r"[a-z0-9][-a-z0-9]*")
_PROJECTION = re.compile(
    r"([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\[\]\.([A-Za-z_]\w*)"
)


def compute(reference: str, own: str) -> str | None:
    """A Compute self link or path, whatever it points at (an instance, a subnetwork, a
    target proxy), as Cloud Asset names that resource."""
    found = _COMPUTE.fullmatch(reference)
    return f"//compute.googleapis.com/{found.group(1)}" if found else None


def sql_instance(reference: str, own: str) -> str | None:
    """A Cloud SQL primary, `PROJECT:INSTANCE`, or `INSTANCE` in the project of `own`."""
    project, _, name = reference.rpartition(":")
    if not project:
        found = _PROJECT_OF.match(own)
        project = found.group(1) if found else ""
    if not project or "/" in project or not _SQL_INSTANCE.fullmatch(name):
        return None
    return f"//cloudsql.googleapis.com/projects/{project}/instances/{name}"


def event_source(reference: str, own: str) -> str | None:
    """What a function is triggered by, as Cloud Functions names it: a Pub/Sub topic
    (`projects/P/topics/T`) or a Cloud Storage bucket (`projects/_/buckets/B`)."""
    if _TOPIC.fullmatch(reference):
        return f"//pubsub.googleapis.com/{reference}"
    found = _BUCKET.fullmatch(reference)
    return f"//storage.googleapis.com/{found.group(1)}" if found else None


def enclosing(collection: str) -> Form:
    """The resource a child's own name lies under: `.../clusters/C/nodePools/N` -> the
    cluster `.../clusters/C`, named as Cloud Asset names it (zones/ or locations/ alike)."""

    def parent(reference: str, own: str) -> str | None:
        head, found, tail = reference.rpartition(f"/{collection}/")
        return head if found and head.count("/") > 2 and tail and "/" not in tail else None

    return parent


@dataclass(frozen=True)
class Ref:
    """A relation a resource states: where its references are (a path to one or to a
    list of them; None: the resource's own name, for a child named under its parent), and
    how each becomes its target's name."""

    kind: RelationKind
    path: str | None
    form: Form


def references(ref: Ref, data: Any, own: str) -> list[str]:
    """The references `ref` finds in `data` (the resource's record); Unreadable, naming
    the path and the type, where one is not text (never the value)."""
    if ref.path is None:
        return [own]
    try:
        found = _search(ref.path, data)
    except Unfit as exc:
        raise Unreadable(f"relation {ref.kind} ({exc})") from None
    if found is None:
        return []
    values = found if isinstance(found, list) else [found]
    for value in values:
        if value is not None and not isinstance(value, str):
            raise Unreadable(
                f"relation {ref.kind} ({ref.path}) cannot be read from a value of type "
                f"{type(value).__name__}"
            )
    return [value for value in values if value]


def related(
    refs: Iterable[Ref],
    data: Any,
    own: str,
    unnamed: Callable[[Ref, str], str | None] | None = None,
) -> dict[RelationKind, list[str]] | None:
    """The relations a record states, by kind, as the targets' names; None where it states
    none. `unnamed` names what a Ref's form cannot (an importer's bare names)."""
    found: dict[RelationKind, list[str]] = {}
    for ref in refs:
        for reference in references(ref, data, own):
            name = ref.form(reference, own)
            if name is None and unnamed is not None:
                name = unnamed(ref, reference)
            if name is not None:
                found.setdefault(ref.kind, []).append(name)
    return found or None


def merged(
    relations: Mapping[RelationKind, list[str]] | None, more: Mapping[RelationKind, Iterable[str]]
) -> dict[RelationKind, list[str]]:
    """Relations with more of them, kind by kind (the model sorts them and drops repeats)."""
    out = {kind: list(ids) for kind, ids in (relations or {}).items()}
    for kind, ids in more.items():
        out.setdefault(kind, []).extend(ids)
    return out


@functools.cache
def _projection(path: str) -> tuple[tuple[str, ...], str] | None:
    found = _PROJECTION.fullmatch(path)
    return (tuple(found.group(1).split(".")), found.group(2)) if found else None


def _search(path: str, data: Any) -> Any:
    """`search`, with `list[].field` (each interface's network) walked directly, as
    JMESPath would, at a fraction of its cost: most instances of a large state hold it."""
    projection = _projection(path)
    if projection is None:
        return search(path, data)
    keys, field = projection
    items = data
    for key in keys:
        items = items.get(key) if isinstance(items, dict) else None
    if not isinstance(items, list):
        return None
    return [
        v for v in (i.get(field) if isinstance(i, dict) else None for i in items) if v is not None
    ]
