"""Files in, one Inventory out: the same contract the live connectors write."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from connectors.interface import UNITS, inventory
from connectors.secretnames import without_secret_tags
from exitplan.errors import InputError
from exitplan.gcpause import batch_gc
from exitplan.i18n import _
from exitplan.inventory import identity
from exitplan.model import Gap, Inventory, Resource, Scope, Skipped
from exitplan.reading import MAX_BYTES
from exitplan.untrusted import shows_nothing

from .formats import chosen
from .found import File, Found
from .tfresources import UNKNOWN


def import_files(
    paths: Sequence[Path],
    asked: str | None = None,
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.timezone.utc),
    max_bytes: int = MAX_BYTES,
) -> Inventory:
    """Read every file first; an error in any of them stops the import before anything is
    written. No file may hold (unpacked) more than `max_bytes`."""
    with batch_gc(freeze=False):
        return _import(paths, asked, now, max_bytes)


def _import(
    paths: Sequence[Path], asked: str | None, now: Callable[[], dt.datetime], max_bytes: int
) -> Inventory:
    started = now()
    resources: list[Resource] = []
    gaps: list[Gap] = []
    sources: set[str] = set()
    skipped: list[Skipped] = []
    for path in paths:
        source, read = _read(path, asked, max_bytes)
        sources.add(source)
        cleaned, secret_tags = without_secret_tags(read.resources, lambda r: str(r.source))
        resources += cleaned
        gaps += read.gaps
        skipped += read.skipped + secret_tags
    resources = _first_of_each(resources)
    scopes = sorted({(r.provider, r.account) for r in resources if r.account != UNKNOWN})
    found = [Scope(provider=p, kind=UNITS[p], id=a) for p, a in scopes]
    return inventory(
        ", ".join(sorted(sources)), (started, now()), (found, found), resources, gaps, skipped
    )


def _read(path: Path, asked: str | None, max_bytes: int) -> tuple[str, Found]:
    """What the file gave, and the source its format records."""
    file = File(path, max_bytes)
    if shows_nothing(file.source):
        raise InputError(
            _(
                "{source}: the file's name shows nothing (white space or invisible "
                "characters), and it names the source of every record read from it"
            ).format(source=file.source),
            _("give the file with its folder (/path/to/FILE), or rename it"),
        )
    found = chosen(file, asked)
    return found.source, found.read(file)


def account_notes(inventory: Inventory) -> list[str]:
    """What an import filed under an account that the resource itself does not name: one
    line per provider configuration and account, for the summary."""
    found: dict[tuple[str, str], list[str]] = {}
    for resource in inventory.resources:
        config = resource.attributes.get("terraform_account_from")
        if isinstance(config, str):
            address = str(resource.attributes.get("terraform_address", resource.id))
            found.setdefault((config, resource.account), []).append(address)
    note = _(
        "{count} resources whose state names no account filed under {account}, the "
        "one account every other resource of {config} names: {addresses}"
    )
    return [
        note.format(
            count=len(addresses), account=account, config=config, addresses=", ".join(addresses)
        )
        for (config, account), addresses in sorted(found.items())
    ]


def _first_of_each(resources: list[Resource]) -> list[Resource]:
    """A resource in two files (two states of one account) is kept once, from the first
    file named."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for resource in resources:
        key = identity(resource)
        if key not in seen:
            seen.add(key)
            kept.append(resource)
    return kept
