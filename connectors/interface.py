"""What a connector is, how it registers, and the one function that turns what a source
read into an Inventory (for scans and imports alike)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from connectors.secretnames import without_secret_tags
from exitplan import __version__
from exitplan.model import (
    SCHEMA_VERSION,
    Gap,
    Inventory,
    Provider,
    Resource,
    ScanInfo,
    Scope,
    Skipped,
)

Unit = Literal["account", "subscription", "project"]
# What holds a cloud's resources: what a scan of it counts, what an import files under.
UNITS: dict[Provider, Unit] = {"aws": "account", "azure": "subscription", "gcp": "project"}
# Option values by key (`--role-name` -> "role_name"); repeatable options give a tuple.
Values = Mapping[str, Any]


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


@dataclass(frozen=True)
class Option:
    """A command-line option of a connector, declared as data; the CLI builds it.

    `flag` is the long name (`--regions`), or an on/off pair (`--monitor/--no-monitor`)
    for a bool that defaults to on. A repeatable option also splits its values at commas
    (`--regions a,b --regions c`) and gives a tuple of them, without repeats."""

    flag: str
    help: str
    type: type[str] | type[int] | type[bool] = str
    default: str | int | bool | None = None
    metavar: str | None = None
    repeatable: bool = False
    envvar: str | None = None

    @property
    def key(self) -> str:
        return self.flag.split("/")[0].removeprefix("--").replace("-", "_")


@dataclass(frozen=True)
class Run:
    """What the CLI hands a connector's builder besides the option values."""

    progress: Callable[[Progress], None] | None  # None with --quiet
    debug: bool  # --debug: show tracebacks and whatever the SDKs log


@dataclass(frozen=True)
class Permissions:
    """`exitplan permissions NAME`: what a scan needs granted, printed as `render` returns
    it (a policy or role to save to a file)."""

    summary: str
    details: str
    render: Callable[[Values], str]
    options: tuple[Option, ...] = ()


@dataclass(frozen=True)
class Registration:
    """What an entry point in group `exitplan.connectors` names. Loading it must be cheap:
    the module that defines it imports no cloud SDK; `build` does, when a scan runs.

    `summary` is the one line `exitplan scan --help` lists; `details` follow it in the
    command's own help and end with an example. The CLI adds --out (default
    inventory-NAME.json), --json and --quiet to `options`."""

    name: str
    summary: str
    details: str
    unit: Unit  # what a scan counts: "scanning 3 account(s)"
    options: tuple[Option, ...]
    build: Callable[[Values, Run], Connector]
    permissions: Permissions


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
    return inventory(
        connector.source,
        (started, now()),
        (list(scopes), [s for s in scopes if s.id not in unread]),
        resources,
        gaps,
        skipped,
    )


def inventory(
    source: str,
    when: tuple[dt.datetime, dt.datetime],
    scopes: tuple[list[Scope], list[Scope]],
    resources: list[Resource],
    gaps: list[Gap],
    skipped: list[Skipped],
) -> Inventory:
    """The Inventory and its scan record, as every scan and import writes it: `when` is
    (started, finished), `scopes` (requested, covered)."""
    return Inventory(
        schema_version=SCHEMA_VERSION,
        scan=ScanInfo(
            tool="exitplan",
            tool_version=__version__,
            source=source,
            started_at=when[0],
            finished_at=when[1],
            scopes_requested=scopes[0],
            scopes_covered=scopes[1],
        ),
        resources=resources,
        gaps=gaps,
        skipped=skipped,
    )
