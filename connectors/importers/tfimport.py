"""Terraform or OpenTofu state, imported: the instances converted to resources, and what
the state holds that exitplan could not place or left out on purpose."""

from __future__ import annotations

from collections import Counter

from exitplan.i18n import _
from exitplan.model import Gap, Provider, Skipped

from .found import File, Found
from .terraform import instances
from .tfparts import is_part
from .tfresources import CLOUDS, UNKNOWN, Converted, convert_all


def imported(file: File) -> Found:
    source = file.source
    converted = convert_all(instances(file.path, file.document()), source)
    return Found(
        converted.resources,  # built with their source
        _terraform_gaps(source, converted),
        _terraform_skipped(source, converted),
    )


def _terraform_gaps(source: str, converted: Converted) -> list[Gap]:
    """What a Terraform state holds that exitplan could not turn into resources. The
    messages are written into the inventory in the language of the run that imported it;
    the codes stay as they are, for tools to match."""

    def gap(provider: Provider, code: str, message: str) -> Gap:
        return Gap(provider=provider, scope=source, service="terraform", code=code, message=message)

    unknown = Counter(r.provider for r in converted.resources if r.account == UNKNOWN)
    no_account = _("{count} resources whose state names no account; recorded under 'unknown'")
    gaps = [
        gap(p, "AccountUnknown", no_account.format(count=n)) for p, n in sorted(unknown.items())
    ]
    gaps += _unplaced(source, converted)
    types: dict[Provider, list[str]] = {}
    for kind, count in sorted(converted.unmapped.items()):
        cloud = CLOUDS.get(kind.split("_", 1)[0])
        if cloud is not None and not is_part(kind):
            types.setdefault(cloud, []).append(f"{kind} {count}")
    unplaced = _("instances of Terraform types exitplan cannot place, not imported: {types}")
    gaps += [
        gap(p, "UnknownTerraformType", unplaced.format(types=", ".join(counts)))
        for p, counts in sorted(types.items())
    ]
    hidden: dict[Provider, list[str]] = {}
    for provider, address in converted.hidden:
        hidden.setdefault(provider, []).append(address)
    sensitive = _(
        "{count} instances whose id, name or tags hold a value the state marks sensitive, "
        "not imported: {addresses}"
    )
    gaps += [
        gap(p, "SensitiveIdentity", sensitive.format(count=len(found), addresses=", ".join(found)))
        for p, found in sorted(hidden.items())
    ]
    if converted.unnamed:
        gaps.append(gap("aws", "ArnUnknown", _unnamed(converted.unnamed)))
    repeated = _("{count} instances with one id, the first kept: {addresses}")
    gaps += [
        gap(
            _provider_of(converted, rid),
            "RepeatedId",
            repeated.format(count=len(addresses), addresses=", ".join(addresses)),
        )
        for rid, addresses in converted.repeated
    ]
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
            message=_(
                "resources that record no location of their own, for which the state "
                "holds no parent resource that does (found by ARM id; a storage container, "
                "queue, share or table known only by its URL, by its account's name), recorded "
                "in region 'unknown': {types}"
            ).format(types=counts),
        )
    ]


def _unnamed(found: list[tuple[str, str]]) -> str:
    return _(
        "{count} instances with no ARN in the state (left tainted by a failed create, "
        "or of an older provider) and too little to build one (their provider "
        "configuration names no single account, or the fields it is built from are "
        "empty), not imported: {addresses}"
    ).format(count=len(found), addresses=", ".join(address for _kind, address in found))


def _provider_of(converted: Converted, rid: str) -> Provider:
    return next(r.provider for r in converted.resources if r.id == rid)


def _terraform_skipped(source: str, converted: Converted) -> list[Skipped]:
    other, part = (
        _("provider {provider} is not AWS, Azure or Google Cloud"),
        _("a part or setting of another resource, which is imported"),
    )
    out = [
        Skipped(source=source, type=kind, count=count, reason=other.format(provider=provider))
        for (provider, kind), count in converted.other_providers.items()
    ]
    out += [
        Skipped(source=source, type=kind, count=count, reason=part)
        for kind, count in converted.unmapped.items()
        if is_part(kind)
    ]
    return out
