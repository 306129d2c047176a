"""Whether each source is an official one: the provider's own pages for a provider's facts
and its services, the project's own for open-source software and standards, and the
catalogue's short list of regulators and standards bodies for anything."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..i18n import _
from .load import Catalogue
from .model import Alternative, Provider, Source


@dataclass(frozen=True, slots=True)
class ForeignSource:
    where: str  # the entry citing it
    url: str


def on_domains(url: str, domains: Iterable[str]) -> bool:
    """`domains` entries are hosts (their subdomains count too) or host/path prefixes."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path.lower()
    if host == "raw.githubusercontent.com":
        host = "github.com"  # the same repository's files as github.com/ORG/REPO
    for domain in domains:
        name, _slash, prefix = domain.lower().partition("/")
        if host != name and not host.endswith("." + name):
            continue
        if not prefix or path == "/" + prefix or path.startswith("/" + prefix + "/"):
            return True
    return False


def foreign_sources(catalogue: Catalogue) -> list[ForeignSource]:
    """Every cited source outside the domains its entry may cite, in catalogue order."""
    official = catalogue.official_domains
    found: list[ForeignSource] = []
    for provider in catalogue.providers.values():
        allowed = (*provider.domains, *official)
        where = _("provider '{id}'").format(id=provider.id)
        found += _outside(where, _provider_sources(provider), allowed)
    for category in catalogue.categories.values():
        for alt in category.alternatives:
            owner = catalogue.providers.get(alt.provider) if alt.provider else None
            allowed = (*(owner.domains if owner else ()), *alt.domains, *official)
            where = _("category '{category}', alternative '{id}'").format(
                category=category.id, id=alt.id
            )
            found += _outside(where, _alternative_sources(alt), allowed)
    return found


def _outside(
    where: str, sources: Iterable[Source], allowed: tuple[str, ...]
) -> Iterator[ForeignSource]:
    for source in sources:
        if not on_domains(source.url, allowed):
            yield ForeignSource(where, source.url)


def _provider_sources(provider: Provider) -> Iterator[Source]:
    yield from provider.sources
    for cert in provider.certifications:
        yield from cert.sources


def _alternative_sources(alt: Alternative) -> Iterator[Source]:
    yield from alt.sources
    for price in alt.prices:
        yield from price.sources
