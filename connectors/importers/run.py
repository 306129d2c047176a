"""Files in, one Inventory out: the same contract the live connectors write."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from connectors.secretnames import without_secret_tags
from exitplan import __version__
from exitplan.errors import InputError
from exitplan.gcpause import batch_gc
from exitplan.inventory import identity
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
from exitplan.reading import MAX_BYTES
from exitplan.untrusted import shows_nothing

from . import csvfile, formats
from .files import read_json
from .terraform import instances
from .tfparts import is_part
from .tfresources import CLOUDS, UNKNOWN, Converted, convert_all

if TYPE_CHECKING:
    from . import gcloud

_KIND = {"aws": "account", "azure": "subscription", "gcp": "project"}
SOURCES = {
    "terraform": "terraform-state",
    "aws-config": "aws-config",
    "az": "az-cli",
    "gcloud": "gcloud-asset",
    "gcloud-list": "gcloud-asset",
    "csv": "csv",
}


@dataclass
class Found:
    """What one file gave: resources, what could not be read (gaps), and what was read and
    left out on purpose."""

    resources: list[Resource]
    gaps: list[Gap] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def import_files(
    paths: Sequence[Path],
    asked: str | None = None,
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.timezone.utc),
    max_bytes: int = MAX_BYTES,
) -> Inventory:
    """Read every file first; an error in any of them stops the import before anything is
    written. No file may hold (unpacked) more than `max_bytes`."""
    with batch_gc():
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
        kind, read = _read(path, asked, max_bytes)
        sources.add(SOURCES[kind])
        cleaned, secret_tags = without_secret_tags(read.resources, lambda r: str(r.source))
        resources += cleaned
        gaps += read.gaps
        skipped += read.skipped + secret_tags
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
        skipped=skipped,
    )


def _read(path: Path, asked: str | None, max_bytes: int) -> tuple[str, Found]:
    source = str(path)  # as given: every team's state is called terraform.tfstate
    if shows_nothing(source):
        raise InputError(
            f"{source}: the file's name shows nothing (white space or invisible characters), "
            "and it names the source of every record read from it",
            "give the file with its folder (/path/to/FILE), or rename it",
        )
    if asked == "csv" or (asked is None and csvfile.looks_like_csv(path)):
        return "csv", _csv(source, csvfile.read(path, max_bytes))
    document = read_json(path, max_bytes)
    kind = formats.chosen(path, document, asked)
    # Each reader is imported when its format is met: the Azure and Google SDKs behind
    # two of them take longer to load than a small state takes to read.
    if kind == "aws-config":
        from . import awsconfig

        return kind, Found(_from(source, awsconfig.resources(path, document)))
    if kind == "az":
        from . import azcli

        return kind, Found(_from(source, azcli.resources(path, document)))
    if kind in ("gcloud", "gcloud-list"):
        from . import gcloud

        read = gcloud.read if kind == "gcloud" else gcloud.read_listed
        return kind, _gcloud(source, read(path, document))
    converted = convert_all(instances(path, document), source)
    return kind, Found(
        converted.resources,  # built with their source
        _terraform_gaps(source, converted),
        _terraform_skipped(source, converted),
    )


def _from(source: str, found: list[Resource]) -> list[Resource]:
    return [r.model_copy(update={"source": source}) for r in found]


def _csv(source: str, read: csvfile.Read) -> Found:
    rows = len(read.resources)
    skipped = [
        Skipped(
            source=source,
            type=f"column {column}",
            count=rows or 1,
            reason="not an attribute exitplan knows; only known attributes are kept, as "
            "other columns may hold credentials",
        )
        for column in read.skipped_columns
    ] + [
        Skipped(
            source=source,
            type=f"tag {key}",
            count=1,
            reason="its name suggests a credential",
        )
        for key in read.skipped_tags
    ]
    return Found(_from(source, read.resources), skipped=skipped)


def _gcloud(source: str, read: gcloud.Read) -> Found:
    gaps = [
        Gap(
            provider="gcp",
            scope=number,
            service="cloudasset",
            code="ProjectIdUnknown",
            message=f"{source} names project {number} by number only; its resources are filed "
            "under the number. Export the project assets too (--asset-types "
            "cloudresourcemanager.googleapis.com/Project) to file them by id",
        )
        for number in read.unresolved
    ]
    return Found(_from(source, read.resources), gaps)


def _terraform_gaps(source: str, converted: Converted) -> list[Gap]:
    """What a Terraform state holds that exitplan could not turn into resources."""

    def gap(provider: Provider, code: str, message: str) -> Gap:
        return Gap(provider=provider, scope=source, service="terraform", code=code, message=message)

    unknown = Counter(r.provider for r in converted.resources if r.account == UNKNOWN)
    gaps = [
        gap(p, "AccountUnknown", f"{n} resources whose state names no account; recorded under "
            "'unknown'")
        for p, n in sorted(unknown.items())
    ]  # fmt: skip
    gaps += _unplaced(source, converted)
    types: dict[Provider, list[str]] = {}
    for kind, count in sorted(converted.unmapped.items()):
        cloud = CLOUDS.get(kind.split("_", 1)[0])
        if cloud is not None and not is_part(kind):
            types.setdefault(cloud, []).append(f"{kind} {count}")
    gaps += [
        gap(p, "UnknownTerraformType", "instances of Terraform types exitplan cannot place, "
            "not imported: " + ", ".join(counts))
        for p, counts in sorted(types.items())
    ]  # fmt: skip
    hidden: dict[Provider, list[str]] = {}
    for provider, address in converted.hidden:
        hidden.setdefault(provider, []).append(address)
    gaps += [
        gap(p, "SensitiveIdentity", f"{len(found)} instances whose id, name or tags hold a "
            "value the state marks sensitive, not imported: " + ", ".join(found))
        for p, found in sorted(hidden.items())
    ]  # fmt: skip
    if converted.unnamed:
        gaps.append(gap("aws", "ArnUnknown", _unnamed(converted.unnamed)))
    gaps += [
        gap(_provider_of(converted, rid), "RepeatedId",
            f"{len(addresses)} instances with one id, the first kept: " + ", ".join(addresses))
        for rid, addresses in converted.repeated
    ]  # fmt: skip
    return gaps


def _unplaced(source: str, converted: Converted) -> list[Gap]:
    """Azure child resources whose location the state does not give, nor their parent's."""
    if not converted.without_region:
        return []
    counts = ", ".join(f"{kind} {n}" for kind, n in sorted(converted.without_region.items()))
    return [
        Gap(
            provider="azure",
            scope=source,
            service="terraform",
            code="RegionUnknown",
            message="resources that record no location of their own, for which the state "
            "holds no parent resource that does (found by ARM id; a storage container, "
            "queue, share or table known only by its URL, by its account's name), recorded "
            f"in region 'unknown': {counts}",
        )
    ]


def _unnamed(found: list[tuple[str, str]]) -> str:
    return (
        f"{len(found)} instances with no ARN in the state (left tainted by a failed create, "
        "or of an older provider) and too little to build one (their provider "
        "configuration names no single account, or the fields it is built from are "
        "empty), not imported: " + ", ".join(address for _, address in found)
    )


def account_notes(inventory: Inventory) -> list[str]:
    """What an import filed under an account that the resource itself does not name: one
    line per provider configuration and account, for the summary."""
    found: dict[tuple[str, str], list[str]] = {}
    for resource in inventory.resources:
        config = resource.attributes.get("terraform_account_from")
        if isinstance(config, str):
            address = str(resource.attributes.get("terraform_address", resource.id))
            found.setdefault((config, resource.account), []).append(address)
    return [
        f"{len(addresses)} resources whose state names no account filed under {account}, the "
        f"one account every other resource of {config} names: " + ", ".join(addresses)
        for (config, account), addresses in sorted(found.items())
    ]


def _provider_of(converted: Converted, rid: str) -> Provider:
    return next(r.provider for r in converted.resources if r.id == rid)


def _terraform_skipped(source: str, converted: Converted) -> list[Skipped]:
    out = [
        Skipped(
            source=source,
            type=kind,
            count=count,
            reason=f"provider {provider} is not AWS, Azure or Google Cloud",
        )
        for (provider, kind), count in converted.other_providers.items()
    ]
    out += [
        Skipped(
            source=source,
            type=kind,
            count=count,
            reason="a part or setting of another resource, which is imported",
        )
        for kind, count in converted.unmapped.items()
        if is_part(kind)
    ]
    return out


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
