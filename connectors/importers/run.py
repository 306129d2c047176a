"""Files in, one Inventory out: the same contract the live connectors write."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from exitplan import __version__
from exitplan.inventory import identity
from exitplan.model import SCHEMA_VERSION, Gap, Inventory, Resource, ScanInfo, Scope

from . import awsconfig, azcli, csvfile, formats, gcloud
from .files import read_json
from .terraform import instances
from .tfresources import UNKNOWN, convert_all

_KIND = {"aws": "account", "azure": "subscription", "gcp": "project"}
SOURCES = {
    "terraform": "terraform-state",
    "aws-config": "aws-config",
    "az": "az-cli",
    "gcloud": "gcloud-asset",
    "gcloud-list": "gcloud-asset",
}
READERS = {
    "aws-config": awsconfig.resources,
    "az": azcli.resources,
    "gcloud": gcloud.resources,
    "gcloud-list": gcloud.listed,
}


def import_files(
    paths: Sequence[Path],
    asked: str | None = None,
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.timezone.utc),
) -> Inventory:
    """Read every file first; an error in any of them stops the import before anything is
    written."""
    started = now()
    resources: list[Resource] = []
    gaps: list[Gap] = []
    sources: set[str] = set()
    for path in paths:
        if asked == "csv" or (asked is None and csvfile.looks_like_csv(path)):
            sources.add("csv")
            resources += _from(path, csvfile.resources(path))
            continue
        document = read_json(path)
        kind = formats.chosen(path, document, asked)
        sources.add(SOURCES[kind])
        if kind in READERS:
            resources += _from(path, READERS[kind](path, document))
            continue
        converted = convert_all(instances(path, document), str(path))
        resources += _from(path, converted.resources)
        unknown = [r for r in converted.resources if r.account == UNKNOWN]
        for provider in sorted({r.provider for r in unknown}):
            count = sum(r.provider == provider for r in unknown)
            gaps.append(
                Gap(
                    provider=provider,
                    scope=path.name,
                    service="terraform",
                    code="AccountUnknown",
                    message=f"{count} resources whose state names no account; "
                    "recorded under 'unknown'",
                )
            )
    resources = _first_of_each(resources)
    scopes = sorted({(r.provider, r.account) for r in resources if r.account != UNKNOWN})
    found = [Scope(provider=p, kind=_KIND[p], id=a) for p, a in scopes]
    return Inventory(
        schema_version=SCHEMA_VERSION,
        scan=ScanInfo(
            tool="exitplan",
            tool_version=__version__,
            source=", ".join(sorted(sources)),
            started_at=started,
            finished_at=now(),
            scopes_requested=found,
            scopes_covered=found,
        ),
        resources=resources,
        gaps=gaps,
    )


def _from(path: Path, found: list[Resource]) -> list[Resource]:
    return [r.model_copy(update={"source": path.name}) for r in found]


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
