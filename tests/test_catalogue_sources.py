"""The shipped catalogue's facts stand up: every source is an official one and says when it
was read, every provider carries the facts a board relies on, and every provider is offered
somewhere."""

from __future__ import annotations

from exitplan.catalogue import Catalogue
from exitplan.catalogue.sources import foreign_sources, on_domains
from exitplan.profile import load_profile


def test_every_source_is_on_an_official_domain(catalogue: Catalogue) -> None:
    foreign = [f"{f.where}: {f.url}" for f in foreign_sources(catalogue)]
    assert foreign == []


def test_domains_match_hosts_and_path_prefixes() -> None:
    assert on_domains("https://www.scaleway.com/en/docs/", ["scaleway.com"])
    assert on_domains("https://docs.ovh.com/x", ["ovh.com"])
    assert not on_domains("https://ovh.com.evil.example/x", ["ovh.com"])
    assert not on_domains("https://notovh.com/x", ["ovh.com"])
    assert on_domains(
        "https://github.com/scaleway/terraform-provider-scaleway", ["github.com/scaleway"]
    )
    assert on_domains(
        "https://raw.githubusercontent.com/scaleway/x/main/a.md", ["github.com/scaleway"]
    )
    assert not on_domains("https://github.com/scalewayx/y", ["github.com/scaleway"])
    assert not on_domains("https://github.com/other/scaleway", ["github.com/scaleway"])


def test_every_provider_has_regions_and_is_offered(catalogue: Catalogue) -> None:
    for provider in catalogue.providers.values():
        # Where a fact could not be read, the entry says so instead.
        assert provider.regions or "regions" in provider.uncertain, provider.id
        assert catalogue.offered_by(provider.id), f"{provider.id} is never offered"


def test_no_fact_is_verified_before_its_sources_were_read(catalogue: Catalogue) -> None:
    for category in catalogue.categories.values():
        for alt in category.alternatives:
            assert alt.last_verified >= max(s.accessed for s in alt.sources), alt.id
    for provider in catalogue.providers.values():
        cited = (*provider.sources, *(s for c in provider.certifications for s in c.sources))
        assert provider.last_verified >= max(s.accessed for s in cited), provider.id


def test_the_effort_profile_names_only_categories(catalogue: Catalogue) -> None:
    profile = load_profile()
    known = {*catalogue.categories, "default"}
    assert set(profile.base_effort) - known == set()
    assert set(profile.platform_effort) - known == set()
