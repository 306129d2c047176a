"""The shipped providers: every fact cited from the provider's own pages or an official one,
with the day it was read, and the facts a board relies on (who contracts, who controls,
which legal orders can compel it, which certificates) stated so that constraints can use
them."""

from __future__ import annotations

import pytest

from exitplan.catalogue import Catalogue, Constraints, Exposure, load_catalogue
from exitplan.catalogue.sources import on_domains
from exitplan.constraints import choose_all


@pytest.fixture(scope="module")
def shipped() -> Catalogue:
    return load_catalogue()


def test_every_provider_source_is_its_own_or_official(shipped: Catalogue) -> None:
    foreign = [
        (provider.id, source.url)
        for provider in shipped.providers.values()
        for source in (*provider.sources, *(s for c in provider.certifications for s in c.sources))
        if not on_domains(source.url, (*provider.domains, *shipped.official_domains))
    ]
    assert foreign == []


def test_every_provider_source_says_when_it_was_read(shipped: Catalogue) -> None:
    for provider in shipped.providers.values():
        cited = (*provider.sources, *(s for c in provider.certifications for s in c.sources))
        for source in cited:
            assert source.accessed is not None, (provider.id, source.url)
            assert source.accessed <= provider.last_verified, (provider.id, source.url)


def test_every_provider_names_its_entity_exposure_and_domains(shipped: Catalogue) -> None:
    for provider in shipped.providers.values():
        # Unknown is allowed only when the entry says why it could not be read.
        assert provider.legal_entity or "legal_entity" in provider.uncertain, provider.id
        assert provider.exposure, provider.id
        assert provider.domains, provider.id


def test_a_provider_controlled_from_mexico_is_exposed_outside_europe(shipped: Catalogue) -> None:
    exoscale = shipped.providers["exoscale"]
    assert exoscale.controlling_owner is not None
    assert exoscale.controlling_owner.country == "MX"
    assert {Exposure.CH, Exposure.OTHER} <= set(exoscale.exposure)


def test_scaleway_meets_an_iso_27001_requirement(shipped: Catalogue) -> None:
    scaleway = [
        alt.id
        for category in shipped.categories.values()
        for alt in category.alternatives
        if alt.provider == "scaleway"
    ]
    assert scaleway
    choices = choose_all(
        shipped.categories.values(),
        shipped,
        Constraints(require_certifications=["ISO/IEC 27001"]),
    )
    refused = [
        e.alternative.id
        for choice in choices.values()
        for e in choice.excluded
        if e.alternative.provider == "scaleway"
    ]
    assert refused == []
