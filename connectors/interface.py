"""What a connector is, and the one function that turns its output into an Inventory."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Protocol

from connectors.secretnames import without_secret_tags
from exitplan import __version__
from exitplan.errors import InputError
from exitplan.model import SCHEMA_VERSION, Gap, Inventory, Resource, ScanInfo, Scope

ENTRY_POINT_GROUP = "exitplan.connectors"


@dataclass(frozen=True)
class Progress:
    """How far a scan is: units (account x region x type, or projects) done of total."""

    done: int
    total: int
    resources: int
    gaps: int


class Connector(Protocol):
    """Constructed without I/O; `collect` yields what it read and what it could not."""

    name: str  # the command word: `exitplan scan NAME`
    source: str  # recorded in the inventory, e.g. "aws-api", "terraform-state"

    def discover(self) -> list[Scope]:
        """What to read (accounts, projects): the first I/O. Errors the user must fix
        (no credentials) raise InputError; what cannot be listed becomes a gap later."""
        ...

    def collect(self, scopes: Sequence[Scope]) -> Iterable[Resource | Gap]: ...


def registered() -> dict[str, str]:
    """Connector names and the objects they load, from installed distributions."""
    return {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}


def load_connector(name: str) -> type[Connector]:
    found = [ep for ep in entry_points(group=ENTRY_POINT_GROUP) if ep.name == name]
    if not found:
        known = ", ".join(sorted(registered())) or "none installed"
        raise InputError(f"no connector named '{name}'", f"connectors: {known}")
    loaded: type[Connector] = found[0].load()
    return loaded


def scan(
    connector: Connector,
    scopes: Sequence[Scope],
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.timezone.utc),
) -> Inventory:
    """Run a connector and record what it covered: a scope with a gap that names no
    region or service was not read at all and is not counted as covered."""
    started = now()
    resources: list[Resource] = []
    gaps: list[Gap] = []
    for item in connector.collect(scopes):
        if isinstance(item, Resource):
            resources.append(item)
        else:
            gaps.append(item)
    unread = {gap.scope for gap in gaps if gap.region is None and gap.service == "*"}
    resources, skipped = without_secret_tags(resources, lambda r: f"{r.provider} {r.account}")
    return Inventory(
        schema_version=SCHEMA_VERSION,
        scan=ScanInfo(
            tool="exitplan",
            tool_version=__version__,
            source=connector.source,
            started_at=started,
            finished_at=now(),
            scopes_requested=list(scopes),
            scopes_covered=[s for s in scopes if s.id not in unread],
        ),
        resources=resources,
        gaps=gaps,
        skipped=skipped,
    )
